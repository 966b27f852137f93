/**
 * The closes read model: closed months (view_closes), the lines each close invoiced
 * (view_invoiced), and the adjustments owed and not yet invoiced (view_adjustments).
 *
 * Adjustments are kept current as the contract rows change: for every closed month whose lines of
 * a contract may have changed, the contract's lines of that month as the charges read model gives
 * them now are compared with what was invoiced for them (pendingAdjustments,
 * src/projections/adjustments.ts), and the contract's rows of that month in view_adjustments are
 * written again. Reading the adjustments a month carries is then one read of the rows owed, in
 * proportion to the answer.
 */
import type Database from 'better-sqlite3';
import {
  type ChargeLine,
  type CloseFact,
  correctionOf,
  type MonthBook,
  monthWindow,
  type PendingAdjustment,
  pendingAdjustments,
  seriesEndSources,
} from '../../projections';
import { addMonthsToMonth, type YearMonth } from '../../terms';
import {
  type ChargeRows,
  type ChargesView,
  type FeeSegmentRow,
  OPEN_MONTH,
  type StoredSegment,
  segmentLinesForMonth,
} from './charges';
import { ViewModel, type ViewTable } from './table';

/** A close as the views keep it: everything but its lines (which are rows of view_invoiced). */
export interface CloseSummary {
  readonly month: string;
  readonly closeId: string;
  readonly ledgerId: string | null;
  readonly eventHash: string;
  readonly streamId: string;
  readonly commandId: string;
  readonly closedBy: string;
  readonly closedAt: string;
  readonly firstMonth: boolean;
  readonly lines: number;
  readonly totals: CloseFact['totals'];
  readonly total: number;
  readonly seal: CloseFact['seal'];
}

export interface CloseRow {
  readonly month: string;
  readonly event_id: string;
  readonly data: string;
}

/** A line a close invoiced: the month's own, or an adjustment of an earlier month (corrects_*). */
export interface InvoicedRow {
  readonly month: string;
  readonly line_id: string;
  /** The line's place in the close's lines (their order is part of what the seal signs). */
  readonly seq: number;
  readonly contract_id: string;
  readonly bill_to: string;
  readonly kind: string;
  readonly amount: number;
  readonly corrects_month: string | null;
  readonly corrects_line: string | null;
  readonly data: string;
}

export interface CloseRows {
  readonly close: CloseRow;
  readonly invoiced: readonly InvoicedRow[];
}

export const CLOSE_TABLES: readonly ViewTable[] = [
  {
    name: 'view_closes',
    key: ['month'],
    ddl: `-- Closed billing months (MonthClosed), without their lines.
  CREATE TABLE IF NOT EXISTS view_closes (
    month    TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    data     TEXT NOT NULL
  ) WITHOUT ROWID;`,
  },
  {
    name: 'view_invoiced',
    key: ['month', 'line_id'],
    ddl: `-- Every line a close invoiced: the month's own, and the adjustments of earlier months it carried
  -- (corrects_month, corrects_line: the closed line an adjustment corrects).
  CREATE TABLE IF NOT EXISTS view_invoiced (
    month          TEXT NOT NULL,
    line_id        TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    contract_id    TEXT NOT NULL,
    bill_to        TEXT NOT NULL,
    kind           TEXT NOT NULL,
    amount         INTEGER NOT NULL,
    corrects_month TEXT,
    corrects_line  TEXT,
    data           TEXT NOT NULL,
    PRIMARY KEY (month, line_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS view_invoiced_in_order ON view_invoiced (month, seq);
  CREATE INDEX IF NOT EXISTS view_invoiced_by_contract ON view_invoiced (contract_id, month);
  CREATE INDEX IF NOT EXISTS view_invoiced_corrections ON view_invoiced (contract_id, corrects_month);`,
  },
  {
    name: 'view_adjustments',
    key: ['month', 'line_id'],
    ddl: `-- Adjustments owed and not yet invoiced, per closed month and line: carried into the first open month.
  CREATE TABLE IF NOT EXISTS view_adjustments (
    month       TEXT NOT NULL,
    line_id     TEXT NOT NULL,
    contract_id TEXT NOT NULL,
    bill_to     TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    data        TEXT NOT NULL,
    PRIMARY KEY (month, line_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS view_adjustments_by_contract ON view_adjustments (contract_id, month);`,
  },
];

/** A close's rows: its summary and every line it invoiced. */
export function closeRows(c: CloseFact): CloseRows {
  const summary: CloseSummary = {
    month: c.month,
    closeId: c.closeId,
    ledgerId: c.ledgerId,
    eventHash: c.eventHash,
    streamId: c.streamId,
    commandId: c.commandId,
    closedBy: c.closedBy,
    closedAt: c.closedAt,
    firstMonth: c.firstMonth,
    lines: c.lines.length,
    totals: c.totals,
    total: c.total,
    seal: c.seal,
  };
  return {
    close: { month: c.month, event_id: c.closeId, data: JSON.stringify(summary) },
    invoiced: c.lines.map((l, seq) => {
      const corrects = correctionOf(l);
      return {
        month: c.month,
        line_id: l.id,
        seq,
        contract_id: l.contractId,
        bill_to: l.billTo,
        kind: l.kind,
        amount: l.amount,
        corrects_month: corrects?.month ?? null,
        corrects_line: corrects?.lineId ?? null,
        data: JSON.stringify(l),
      };
    }),
  };
}

/** The earlier of two dates or months (as text, they compare as they run). */
const earlier = (a: string, b: string): string => [a, b].sort()[0]!;
const minMonth = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : earlier(a, b));

/**
 * The earliest month whose monthly-fee lines can differ between two versions of a contract's
 * segments, and the last month they cover; null when the segments are the same. Months before it
 * are billed the same by both (segment by segment: the same fee from the same day, the same steps
 * up to the first that differs, the same end up to the earlier of the two).
 */
export function segmentChange(
  prev: readonly FeeSegmentRow[],
  next: readonly FeeSegmentRow[],
): { from: YearMonth; to: YearMonth } | null {
  const group = (rows: readonly FeeSegmentRow[]) => {
    const by = new Map<string, FeeSegmentRow[]>();
    for (const r of [...rows].sort((a, b) => a.seg_no - b.seg_no)) {
      const list = by.get(r.series_key);
      if (list) list.push(r);
      else by.set(r.series_key, [r]);
    }
    return by;
  };
  const before = group(prev);
  const after = group(next);
  let from: string | null = null;
  let to: string | null = null;
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(key) ?? [];
    const b = after.get(key) ?? [];
    let i = 0;
    while (i < a.length && i < b.length && a[i]!.data === b[i]!.data) i++;
    if (i === a.length && i === b.length) continue;
    const x = a[i] ? (JSON.parse(a[i]!.data) as StoredSegment) : null;
    const y = b[i] ? (JSON.parse(b[i]!.data) as StoredSegment) : null;
    from = minMonth(from, firstDifference(x, y));
    for (const r of [...a.slice(i), ...b.slice(i)]) if (to === null || r.to_month > to) to = r.to_month;
  }
  return from === null ? null : { from, to: to ?? OPEN_MONTH };
}

/** The month of the first day two versions of one segment (either may be missing) can bill differently. */
function firstDifference(x: StoredSegment | null, y: StoredSegment | null): string {
  if (x === null || y === null) return (x ?? y)!.segment.from.slice(0, 7);
  const a = x.segment;
  const b = y.segment;
  const start = earlier(a.from, b.from);
  const sameHeader =
    x.contractId === y.contractId &&
    x.networkId === y.networkId &&
    x.billTo === y.billTo &&
    JSON.stringify({ ...x.series, end: null }) === JSON.stringify({ ...y.series, end: null });
  if (!sameHeader || a.from !== b.from || a.fee !== b.fee) return start.slice(0, 7);
  let day: string | null = null;
  const steps = Math.max(a.steps.length, b.steps.length);
  for (let k = 0; k < steps; k++) {
    const s = a.steps[k];
    const t = b.steps[k];
    if (s && t && JSON.stringify(s) === JSON.stringify(t)) continue;
    // The first step's edition is the line's edition: a change there is a change from the start.
    day = k === 0 ? start : [s?.from, t?.from].filter((d): d is string => d !== undefined).sort()[0]!;
    break;
  }
  if (a.to !== b.to) {
    const end = [a.to, b.to].filter((d): d is string => d !== null).sort()[0];
    if (end !== undefined && (day === null || end < day)) day = end;
  }
  if (JSON.stringify(x.series.end) !== JSON.stringify(y.series.end)) {
    const end = [x.series.end?.on, y.series.end?.on].filter((d): d is string => d !== undefined).sort()[0];
    if (end !== undefined && (day === null || end < day)) day = end;
  }
  return (day ?? start).slice(0, 7);
}

/** The closed months (up to `lastClosed`) whose lines of a contract may differ between two row sets. */
export function changedMonths(prev: ChargeRows, next: ChargeRows, lastClosed: YearMonth): YearMonth[] {
  const months = new Set<string>();
  const old = new Map(prev.lineGroups.flat().map((r) => [r.line_id, r]));
  for (const r of next.lineGroups.flat()) {
    const o = old.get(r.line_id);
    old.delete(r.line_id);
    if (o && (o === r || o.data === r.data)) continue;
    months.add(r.month);
    if (o) months.add(o.month);
  }
  for (const o of old.values()) months.add(o.month);
  const seg = segmentChange(prev.segments, next.segments);
  if (seg !== null) {
    const to = earlier(seg.to, lastClosed);
    for (let m = seg.from; m <= to; m = addMonthsToMonth(m, 1)) months.add(m);
  }
  return [...months].filter((m) => m <= lastClosed).sort();
}

const statementsOfCloses = (db: Database.Database) => {
  return {
    putClose: db.prepare<[{ month: string; event_id: string; data: string }]>(
      'INSERT OR REPLACE INTO view_closes (month, event_id, data) VALUES (@month, @event_id, @data)',
    ),
    putInvoiced: db.prepare<[InvoicedRow]>(
      `INSERT OR REPLACE INTO view_invoiced (month, line_id, seq, contract_id, bill_to, kind, amount, corrects_month, corrects_line, data)
       VALUES (@month, @line_id, @seq, @contract_id, @bill_to, @kind, @amount, @corrects_month, @corrects_line, @data)`,
    ),
    putPending: db.prepare<
      [
        {
          month: string;
          line_id: string;
          contract_id: string;
          bill_to: string;
          amount: number;
          data: string;
        },
      ]
    >(
      `INSERT OR REPLACE INTO view_adjustments (month, line_id, contract_id, bill_to, amount, data)
       VALUES (@month, @line_id, @contract_id, @bill_to, @amount, @data)`,
    ),
    deletePending: db.prepare<[string, string]>(
      'DELETE FROM view_adjustments WHERE contract_id = ? AND month = ?',
    ),
    deleteAllPending: db.prepare('DELETE FROM view_adjustments'),
    lastClosed: db.prepare<[], { m: string | null }>('SELECT MAX(month) AS m FROM view_closes'),
    close: db.prepare<[string], { data: string }>('SELECT data FROM view_closes WHERE month = ?'),
    closes: db.prepare<[], { data: string }>('SELECT data FROM view_closes ORDER BY month'),
    closesDesc: db.prepare<[], { data: string }>('SELECT data FROM view_closes ORDER BY month DESC'),
    closesAfter: db.prepare<[string, number], { data: string }>(
      'SELECT data FROM view_closes WHERE month > ? ORDER BY month LIMIT ?',
    ),
    invoiced: db.prepare<[string], { data: string }>(
      'SELECT data FROM view_invoiced WHERE month = ? ORDER BY seq',
    ),
    invoicedByBillTo: db.prepare<[string], { data: string }>(
      "SELECT data FROM view_invoiced WHERE month = ? ORDER BY bill_to, kind = 'adjustment', seq",
    ),
    adjustmentCounts: db.prepare<[], { month: string; bill_to: string; count: number }>(
      'SELECT month, bill_to, COUNT(*) AS count FROM view_invoiced WHERE corrects_month IS NOT NULL GROUP BY month, bill_to ORDER BY month, bill_to',
    ),
    pendingByContract: db.prepare<[], { data: string }>(
      'SELECT data FROM view_adjustments ORDER BY contract_id, month, line_id',
    ),
    pendingByBillTo: db.prepare<[], { data: string }>(
      'SELECT data FROM view_adjustments ORDER BY bill_to, contract_id, month, line_id',
    ),
    invoicedOf: db.prepare<[string, string], { data: string }>(
      'SELECT data FROM view_invoiced WHERE contract_id = ? AND month = ? ORDER BY seq',
    ),
    closedLinesOf: db.prepare<[string, string], { data: string }>(
      'SELECT data FROM view_invoiced WHERE contract_id = ? AND month = ? AND corrects_month IS NULL ORDER BY line_id',
    ),
    correctionsOf: db.prepare<[string, string], { data: string }>(
      'SELECT data FROM view_invoiced WHERE contract_id = ? AND corrects_month = ? ORDER BY month, line_id',
    ),
    pending: db.prepare<[], { data: string }>('SELECT data FROM view_adjustments ORDER BY month, line_id'),
    pendingOf: db.prepare<[string], { data: string }>(
      'SELECT data FROM view_adjustments WHERE contract_id = ? ORDER BY month, line_id',
    ),
    pendingMonthsOf: db.prepare<[string], { month: string }>(
      'SELECT DISTINCT month FROM view_adjustments WHERE contract_id = ? ORDER BY month',
    ),
    allInvoicedMonths: db.prepare<[], { contract_id: string; month: string; corrects_month: string | null }>(
      'SELECT DISTINCT contract_id, month, corrects_month FROM view_invoiced',
    ),
  };
};

export class ClosesView extends ViewModel<ReturnType<typeof statementsOfCloses>> {
  constructor(
    db: Database.Database,
    /** The charges read model: adjustments compare its lines of a closed month with the invoiced ones. */
    private readonly charges: ChargesView,
  ) {
    super(db, statementsOfCloses);
  }

  // --- writes --------------------------------------------------------------------------------

  /** Inserts a close and its lines (rows the tables do not hold yet, or hold the same). */
  insertClose(rows: CloseRows): void {
    const s = this.s();
    s.putClose.run(rows.close);
    for (const r of rows.invoiced) s.putInvoiced.run(r);
  }

  // --- reads ---------------------------------------------------------------------------------

  /** Read every time (an index's last key): another connection may have closed a month since. */
  lastClosedMonth(): YearMonth | null {
    return this.s().lastClosed.get()?.m ?? null;
  }

  close(month: YearMonth): CloseSummary | null {
    const row = this.s().close.get(month);
    return row ? (JSON.parse(row.data) as CloseSummary) : null;
  }

  closes(): CloseSummary[] {
    return this.s()
      .closes.all()
      .map((r) => JSON.parse(r.data) as CloseSummary);
  }

  /** The ledger's id as the latest close that recorded one has it (null: none did). */
  ledgerId(): string | null {
    for (const r of this.s().closesDesc.iterate()) {
      const id = (JSON.parse(r.data) as CloseSummary).ledgerId;
      if (id) return id;
    }
    return null;
  }

  /** At most `limit` closes of the months after `after` (null: from the first), in month order. */
  closesAfter(after: YearMonth | null, limit: number): CloseSummary[] {
    return this.s()
      .closesAfter.all(after ?? '', limit)
      .map((r) => JSON.parse(r.data) as CloseSummary);
  }

  /** Every line the close of `month` invoiced (of one contract, or all), in the close's order. */
  invoicedLines(month: YearMonth, contractId?: string): ChargeLine[] {
    const rows =
      contractId === undefined ? this.s().invoiced.all(month) : this.s().invoicedOf.all(contractId, month);
    return rows.map((r) => JSON.parse(r.data) as ChargeLine);
  }

  /** The lines the close of `month` invoiced, one at a time in the close's order (a month read as it streams). */
  *iterateInvoiced(month: YearMonth): Generator<ChargeLine> {
    for (const r of this.s().invoiced.iterate(month)) yield JSON.parse(r.data) as ChargeLine;
  }

  /**
   * The lines the close of `month` invoiced, one at a time, by bill-to (in id order), each bill-to's
   * lines before its adjustments, each in the close's order: the invoice documents' order.
   */
  *iterateInvoicedByBillTo(month: YearMonth): Generator<ChargeLine> {
    for (const r of this.s().invoicedByBillTo.iterate(month)) yield JSON.parse(r.data) as ChargeLine;
  }

  /** How many adjustments each close carried, per month and bill-to. */
  adjustmentCounts(): { month: string; bill_to: string; count: number }[] {
    return this.s().adjustmentCounts.all();
  }

  /** The adjustments owed now, one at a time, by contract, or by bill-to then contract. */
  *iteratePending(order: 'contract' | 'bill-to'): Generator<PendingAdjustment> {
    const s = this.s();
    for (const r of (order === 'contract' ? s.pendingByContract : s.pendingByBillTo).iterate())
      yield JSON.parse(r.data) as PendingAdjustment;
  }

  /** The adjustment lines of later closes that correct a contract's lines of closed month `month`. */
  corrections(contractId: string, month: YearMonth): ChargeLine[] {
    return this.s()
      .correctionsOf.all(contractId, month)
      .map((r) => JSON.parse(r.data) as ChargeLine);
  }

  /** The adjustments owed now (of one contract, or all), oldest month first. */
  pending(contractId?: string): PendingAdjustment[] {
    const rows = contractId === undefined ? this.s().pending.all() : this.s().pendingOf.all(contractId);
    return rows.map((r) => JSON.parse(r.data) as PendingAdjustment);
  }

  // --- adjustments ---------------------------------------------------------------------------

  /**
   * Works out again the adjustments of `contractId` for each closed month in `months`: its lines
   * of the month as the views give them now, against what was invoiced for them.
   */
  refresh(contractId: string, months: Iterable<YearMonth>): void {
    const s = this.s();
    let segments: StoredSegment[] | null = null;
    for (const month of months) {
      segments ??= this.charges.contractSegments(contractId);
      const window = monthWindow(month);
      const covering = segments.filter(
        (g) => g.segment.from <= window.last && (g.segment.to === null || g.segment.to >= window.first),
      );
      const truth = [
        ...this.charges.contractLines(contractId, month),
        ...segmentLinesForMonth(covering, window),
      ];
      const book: MonthBook = {
        invoiced: s.closedLinesOf.all(contractId, month).map((r) => JSON.parse(r.data) as ChargeLine),
        corrections: s.correctionsOf.all(contractId, month).map((r) => JSON.parse(r.data) as ChargeLine),
      };
      const series = new Map<string, StoredSegment['series']>();
      for (const g of segments) series.set(g.series.key ?? '', g.series);
      const ends = new Map([[contractId, seriesEndSources([...series.values()], month)]]);
      s.deletePending.run(contractId, month);
      for (const p of pendingAdjustments(month, truth, book, ends)) {
        s.putPending.run({
          month: p.month,
          line_id: p.lineId,
          contract_id: p.contractId,
          bill_to: p.billTo,
          amount: p.amount,
          data: JSON.stringify(p),
        });
      }
    }
  }

  /** The closed months with a pending adjustment of `contractId`. */
  pendingMonths(contractId: string): YearMonth[] {
    return this.s()
      .pendingMonthsOf.all(contractId)
      .map((r) => r.month);
  }

  /**
   * After a contract's rows changed from `prev` to `next` (read before they were written): its
   * adjustments of every closed month whose lines may have changed, and of the months it already
   * owes adjustments for (their causes read the ends of its fee series).
   */
  afterContractRows(contractId: string, prev: ChargeRows, next: ChargeRows): void {
    const lastClosed = this.lastClosedMonth();
    if (lastClosed === null) return;
    const months = new Set(changedMonths(prev, next, lastClosed));
    if (segmentChange(prev.segments, next.segments) !== null)
      for (const m of this.pendingMonths(contractId)) months.add(m);
    if (months.size > 0) this.refresh(contractId, [...months].sort());
  }

  /**
   * After a close was written: the adjustments it invoiced are no longer owed, the month it closed
   * is compared with what it invoiced (events between the close's position and the close itself
   * count as after it), and at the first close, so are the months before it (they billed nothing).
   */
  afterClose(rows: CloseRows, wasFirst: boolean): void {
    const { month } = rows.close;
    const pairs = new Map<string, Set<YearMonth>>();
    const add = (contractId: string, m: YearMonth) => {
      const set = pairs.get(contractId);
      if (set) set.add(m);
      else pairs.set(contractId, new Set([m]));
    };
    for (const r of rows.invoiced) {
      add(r.contract_id, month);
      if (r.corrects_month !== null) add(r.contract_id, r.corrects_month);
    }
    for (const contractId of this.charges.contractsBilledIn(month)) add(contractId, month);
    if (wasFirst) {
      const before = addMonthsToMonth(month, -1);
      for (const r of this.charges.contractsBilledBefore(month)) {
        for (let m = r.first; m <= before; m = addMonthsToMonth(m, 1)) add(r.contract_id, m);
      }
    }
    for (const [contractId, months] of [...pairs].sort(([a], [b]) => (a < b ? -1 : 1)))
      this.refresh(contractId, [...months].sort());
  }

  /**
   * Works out every adjustment owed from the tables as they are (after a rebuild wrote every
   * stream's rows): each contract's lines of every closed month against what was invoiced.
   */
  refreshAll(): void {
    const lastClosed = this.lastClosedMonth();
    if (lastClosed === null) return;
    const s = this.s();
    s.deleteAllPending.run();
    const pairs = new Map<string, Set<YearMonth>>();
    const add = (contractId: string, m: YearMonth) => {
      if (m > lastClosed) return;
      const set = pairs.get(contractId);
      if (set) set.add(m);
      else pairs.set(contractId, new Set([m]));
    };
    for (const r of this.charges.lineMonthsUpTo(lastClosed)) add(r.contract_id, r.month);
    for (const r of this.charges.segmentMonthsUpTo(lastClosed)) {
      const to = earlier(r.to_month, lastClosed);
      for (let m = r.from_month; m <= to; m = addMonthsToMonth(m, 1)) add(r.contract_id, m);
    }
    for (const r of s.allInvoicedMonths.all()) {
      add(r.contract_id, r.month);
      if (r.corrects_month !== null) add(r.contract_id, r.corrects_month);
    }
    for (const [contractId, months] of [...pairs].sort(([a], [b]) => (a < b ? -1 : 1)))
      this.refresh(contractId, [...months].sort());
  }
}
