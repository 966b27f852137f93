/**
 * The deadlines read model (view_deadlines): every item that is, or as effective on some earlier
 * date was, owed back under Art. 14(3). The candidates the deadlines of a date are chosen from; the
 * exact deadline of a date comes from src/projections/return-deadlines.ts over the contract's facts.
 */
import type Database from 'better-sqlite3';
import { type ContractFacts, contractReturnDeadlines } from '../../projections';
import type { LocalDate } from '../../terms';
import { diffRows, ViewModel, type ViewTable } from './table';

export interface DeadlineRow {
  readonly contract_id: string;
  readonly item_id: string;
  readonly due_on: string;
  /** The earliest date of a fact that makes the item owed back (a notice's arrival, a change). */
  readonly known_on: string;
  /** The earliest date after which the item is no longer owed: returned, reported lost, swapped. */
  readonly settled_on: string | null;
}

export const DEADLINE_TABLES: readonly ViewTable[] = [
  {
    name: 'view_deadlines',
    key: ['contract_id', 'item_id'],
    ddl: `-- Equipment owed back (Art. 14(3)): candidates for the deadlines of a date, by due date.
  CREATE TABLE IF NOT EXISTS view_deadlines (
    contract_id TEXT NOT NULL,
    item_id     TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    known_on    TEXT NOT NULL,
    settled_on  TEXT,
    PRIMARY KEY (contract_id, item_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS view_deadlines_by_due ON view_deadlines (due_on);
  CREATE INDEX IF NOT EXISTS view_deadlines_open ON view_deadlines (settled_on, known_on);`,
  },
];

const earliest = (a: LocalDate | null, b: LocalDate | null): LocalDate | null =>
  a === null ? b : b === null ? a : a <= b ? a : b;

/** A contract's deadline rows: each item owed back, when that became known, and when it was settled. */
export function deadlineRows(c: ContractFacts): DeadlineRow[] {
  const known = new Map<string, LocalDate>();
  const owe = (itemId: string, on: LocalDate) => known.set(itemId, earliest(known.get(itemId) ?? null, on)!);
  for (const m of c.modelChanges.values()) {
    if (m.completed) for (const r of m.completed.replaced) owe(r.oldItemId, m.completed.billingStartOn);
  }
  // An option's units, replacements included (src/terms/returns.ts), are owed from its stop.
  for (const item of c.equipment.values()) {
    const stop = item.optionId === null ? null : c.options.get(item.optionId)?.stopNotice;
    if (stop) owe(item.itemId, stop.noticeArrivedOn);
  }
  const noticeOn = c.terminationNotice?.noticeArrivedOn ?? c.termination?.on ?? null;
  if (noticeOn !== null) for (const id of c.equipment.keys()) owe(id, noticeOn);
  if (known.size === 0) return [];
  const due = new Map<string, LocalDate>();
  for (const d of contractReturnDeadlines(c, c.acceptedOn)) due.set(d.itemId, d.dueOn);
  const lostOn = new Map<string, LocalDate>();
  for (const l of c.losses.values()) if (l.reported && l.itemId) lostOn.set(l.itemId, l.reported.on);
  const rows: DeadlineRow[] = [];
  for (const [itemId, knownOn] of known) {
    const item = c.equipment.get(itemId);
    if (!item) continue;
    const faultSwap = item.replaced?.via === 'fault' ? item.replaced.on : null;
    rows.push({
      contract_id: c.contractId,
      item_id: itemId,
      due_on: due.get(itemId) ?? '',
      known_on: knownOn,
      settled_on: earliest(earliest(item.returned?.on ?? null, lostOn.get(itemId) ?? null), faultSwap),
    });
  }
  return rows;
}

const statementsOfDeadlines = (db: Database.Database) => {
  return {
    put: db.prepare<[DeadlineRow]>(
      `INSERT INTO view_deadlines (contract_id, item_id, due_on, known_on, settled_on)
       VALUES (@contract_id, @item_id, @due_on, @known_on, @settled_on)
       ON CONFLICT (contract_id, item_id) DO UPDATE SET due_on = excluded.due_on, known_on = excluded.known_on, settled_on = excluded.settled_on`,
    ),
    delete: db.prepare<[string, string]>('DELETE FROM view_deadlines WHERE contract_id = ? AND item_id = ?'),
    deleteAll: db.prepare<[string]>('DELETE FROM view_deadlines WHERE contract_id = ?'),
    of: db.prepare<[string], DeadlineRow>('SELECT * FROM view_deadlines WHERE contract_id = ?'),
    open: db.prepare<[string, string], { contract_id: string }>(
      `SELECT DISTINCT contract_id FROM view_deadlines
       WHERE known_on <= ? AND (settled_on IS NULL OR settled_on > ?) ORDER BY contract_id`,
    ),
    known: db.prepare<[string], { contract_id: string }>(
      'SELECT DISTINCT contract_id FROM view_deadlines WHERE known_on <= ? ORDER BY contract_id',
    ),
  };
};

export class DeadlinesView extends ViewModel<ReturnType<typeof statementsOfDeadlines>> {
  constructor(db: Database.Database) {
    super(db, statementsOfDeadlines);
  }

  insert(rows: readonly DeadlineRow[]): void {
    for (const r of rows) this.s().put.run(r);
  }

  /** Writes a contract's rows over `prev` (null: not known, so its stored rows are replaced). */
  write(contractId: string, next: readonly DeadlineRow[], prev: readonly DeadlineRow[] | null): void {
    const s = this.s();
    if (prev === null) s.deleteAll.run(contractId);
    diffRows(
      prev ?? [],
      next,
      (r) => r.item_id,
      (r) => s.put.run(r),
      (r) => s.delete.run(r.contract_id, r.item_id),
    );
  }

  stored(contractId: string): DeadlineRow[] {
    return this.s().of.all(contractId);
  }

  /** Contracts with an item owed back as effective on `date`: known by then and (unless `all`) not yet settled. */
  contractsOwing(date: string, all: boolean): string[] {
    const rows = all ? this.s().known.all(date) : this.s().open.all(date, date);
    return rows.map((r) => r.contract_id);
  }
}
