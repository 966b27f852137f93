/**
 * The views' tables in an SQLite database (the ledger file itself, or a views file beside an
 * EventStoreDB): writing a stream's rows, the checkpoint, and the indexed reads.
 */
import type Database from 'better-sqlite3';
import { type ChargeLine, monthWindow } from '../projections';
import type { Position } from '../store/port';
import type { ViewsProblem } from '../terms/rejections';
import { BillingViews } from './billing-views';
import type {
  ChargeLineRow,
  ContractRows,
  ContractSummaryRow,
  DeadlineRow,
  FeeSegmentRow,
  MemberRow,
  NetworkRows,
  NetworkSummaryRow,
  StoredSegment,
} from './rows';
import { segmentLinesForMonth } from './rows';
import { VIEW_TABLES, VIEWS_DDL, VIEWS_VERSION } from './schema';

export interface ViewsState {
  readonly version: number;
  /** The last position the views reflect; null before any event. */
  readonly position: Position | null;
  readonly events: number;
  readonly stale: string | null;
  readonly builtAt: string;
}

/** Why the views cannot answer as they are (a code with its parameters), or null when they can. */
export const viewsProblemOf = (state: ViewsState | null): ViewsProblem | null => {
  if (state === null) return { case: 'not-built' };
  if (state.version !== VIEWS_VERSION)
    return { case: 'other-version', version: state.version, expected: VIEWS_VERSION };
  if (state.stale !== null) return { case: 'stale', cause: state.stale };
  return null;
};

/** The same, in the English its readers print (src/render words the code in both languages). */
export const viewsProblem = (state: ViewsState | null): string | null => {
  const p = viewsProblemOf(state);
  if (p === null) return null;
  switch (p.case) {
    case 'not-built':
      return 'this ledger has no views yet';
    case 'not-configured':
      return 'no views are configured for this store';
    case 'other-version':
      return `the views are of version ${p.version}, this program derives version ${p.expected}`;
    case 'stale':
      return `the views stopped following the log: ${p.cause}`;
  }
};

interface StateRow {
  version: number;
  commit_pos: string | null;
  prepare_pos: string | null;
  events: number;
  stale: string | null;
  built_at: string;
}

const sameRow = (a: object, b: object): boolean => {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const k of Object.keys(x)) if (x[k] !== y[k]) return false;
  return true;
};

/** Upserts what changed between `prev` and `next` (keyed by `key`), deletes what went away. */
function diff<R extends object>(
  prev: readonly R[],
  next: readonly R[],
  key: (r: R) => string,
  put: (r: R) => void,
  remove: (r: R) => void,
): void {
  // Most events leave most rows the very objects they were (remembered lines and series).
  if (prev.length === next.length && prev.every((r, i) => r === next[i])) return;
  const before = new Map(prev.map((r) => [key(r), r]));
  for (const r of next) {
    const k = key(r);
    const old = before.get(k);
    before.delete(k);
    if (!old || (old !== r && !sameRow(old, r))) put(r);
  }
  for (const r of before.values()) remove(r);
}

/** What a contract search asks (see ViewsDb.searchContracts). */
export interface ContractSearch {
  readonly asOf: string;
  readonly limit: number;
  readonly idPrefix?: string;
  readonly holder?: string;
  readonly networkId?: string;
  readonly status?: ContractSearchStatus;
  readonly visibleTo?: string;
  readonly after?: string;
}

export const CONTRACT_STATUSES = ['accepted', 'in-service', 'termination-scheduled', 'terminated'] as const;
export type ContractSearchStatus = (typeof CONTRACT_STATUSES)[number];

export interface ContractSearchRow extends ContractSummaryRow {
  /** As effective on the search's date; null when the application was accepted after it. */
  readonly status: ContractSearchStatus | null;
}

/**
 * A contract's status as effective on @asOf, as contractStateAsOf (src/projections/contract-state.ts)
 * gives it: a termination once its date has come, else a notice once it has arrived (over after its
 * effective day), else in service from the billing start. Dates compare as text (YYYY-MM-DD).
 */
const STATUS_AS_OF = `CASE
    WHEN accepted_on > @asOf THEN NULL
    WHEN terminated = 1 AND end_on <= @asOf THEN
      CASE WHEN end_on < @asOf THEN 'terminated' ELSE 'termination-scheduled' END
    WHEN notice_arrived_on IS NOT NULL AND notice_arrived_on <= @asOf THEN
      CASE WHEN notice_effective_on < @asOf THEN 'terminated' ELSE 'termination-scheduled' END
    WHEN billing_start_on IS NOT NULL AND billing_start_on <= @asOf THEN 'in-service'
    ELSE 'accepted' END`;

const segKey = (r: FeeSegmentRow) => `${r.series_key}\u0000${r.seg_no}`;

export class ViewsDb {
  private stmts: ReturnType<ViewsDb['prepare']> | null = null;
  private billingViews: BillingViews | null = null;

  constructor(readonly db: Database.Database) {}

  /** The billing views: closes, invoiced lines, adjustments owed, seals. */
  get billing(): BillingViews {
    this.billingViews ??= new BillingViews(this.db);
    return this.billingViews;
  }

  /** True when the views' tables exist in this database. */
  exists(): boolean {
    return (
      this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'view_state'").get() !==
      undefined
    );
  }

  private stateStmt: Database.Statement<[], StateRow> | null = null;

  state(): ViewsState | null {
    let row: StateRow | undefined;
    try {
      this.stateStmt ??= this.db.prepare('SELECT * FROM view_state WHERE id = 1');
      row = this.stateStmt.get();
    } catch (error) {
      // No view tables (yet, or dropped by a rebuild in progress elsewhere).
      this.stateStmt = null;
      if (!this.exists()) return null;
      throw error;
    }
    if (!row) return null;
    return {
      version: row.version,
      position:
        row.commit_pos === null
          ? null
          : { commit: BigInt(row.commit_pos), prepare: BigInt(row.prepare_pos ?? row.commit_pos) },
      events: row.events,
      stale: row.stale,
      builtAt: row.built_at,
    };
  }

  /** Drops every view table and creates them empty, at this program's version. In the caller's transaction. */
  reset(builtAt: string): void {
    for (const t of VIEW_TABLES) this.db.exec(`DROP TABLE IF EXISTS ${t}`);
    this.db.exec(VIEWS_DDL);
    this.stateStmt = null;
    this.db
      .prepare(
        'INSERT INTO view_state (id, version, commit_pos, prepare_pos, events, stale, built_at) VALUES (1, ?, NULL, NULL, 0, NULL, ?)',
      )
      .run(VIEWS_VERSION, builtAt);
    this.stmts = null;
    this.billingViews = null;
  }

  setCheckpoint(position: Position, events: number): void {
    this.w().checkpoint.run(String(position.commit), String(position.prepare), events);
  }

  markStale(reason: string): void {
    this.w().stale.run(reason.slice(0, 2000));
  }

  writeContract(next: ContractRows, prev: ContractRows | null): void {
    const s = this.w();
    const id = next.summary.contract_id;
    if (prev === null) {
      s.deleteLines.run(id);
      s.deleteSegments.run(id);
      s.deleteDeadlines.run(id);
    }
    if (prev === null || !sameRow(prev.summary, next.summary)) s.putContract.run(next.summary);
    // Groups that are the very arrays they were hold the very rows they held.
    const groupsHeld =
      prev !== null &&
      prev.lineGroups.length === next.lineGroups.length &&
      prev.lineGroups.every((g, i) => g === next.lineGroups[i]);
    if (!groupsHeld)
      diff(
        (prev?.lineGroups ?? []).flat(),
        next.lineGroups.flat(),
        (r) => r.line_id,
        (r) => s.putLine.run(r),
        (r) => s.deleteLine.run(r.line_id),
      );
    diff(
      prev?.segments ?? [],
      next.segments,
      segKey,
      (r) => s.putSegment.run(r),
      (r) => s.deleteSegment.run(r.contract_id, r.series_key, r.seg_no),
    );
    diff(
      prev?.deadlines ?? [],
      next.deadlines,
      (r) => r.item_id,
      (r) => s.putDeadline.run(r),
      (r) => s.deleteDeadline.run(r.contract_id, r.item_id),
    );
  }

  /** A contract's rows as the tables hold them (null: none). */
  storedContractRows(contractId: string): ContractRows | null {
    const summary = this.r().contract.get(contractId);
    if (!summary) return null;
    const db = this.db;
    return {
      summary,
      lineGroups: [
        db
          .prepare<[string], ChargeLineRow>('SELECT * FROM view_charge_lines WHERE contract_id = ?')
          .all(contractId),
      ],
      segments: db
        .prepare<[string], FeeSegmentRow>('SELECT * FROM view_fee_segments WHERE contract_id = ?')
        .all(contractId),
      deadlines: db
        .prepare<[string], DeadlineRow>('SELECT * FROM view_deadlines WHERE contract_id = ?')
        .all(contractId),
    };
  }

  /** Inserts a stream's rows into tables that hold none of them yet (a rebuild). */
  insertContract(rows: ContractRows): void {
    const s = this.w();
    s.putContract.run(rows.summary);
    for (const group of rows.lineGroups) for (const r of group) s.putLine.run(r);
    for (const r of rows.segments) s.putSegment.run(r);
    for (const r of rows.deadlines) s.putDeadline.run(r);
  }

  insertNetwork(rows: NetworkRows): void {
    const s = this.w();
    s.putNetwork.run(rows.summary);
    for (const r of rows.members) s.putMember.run(r);
  }

  writeNetwork(next: NetworkRows, prev: NetworkRows | null): void {
    const s = this.w();
    if (prev === null) s.deleteMembers.run(next.summary.network_id);
    if (prev === null || !sameRow(prev.summary, next.summary)) s.putNetwork.run(next.summary);
    diff(
      prev?.members ?? [],
      next.members,
      (r) => r.contract_id,
      (r) => s.putMember.run(r),
      (r) => s.deleteMember.run(r.network_id, r.contract_id),
    );
  }

  // --- reads -----------------------------------------------------------------------------------

  /** The dated lines billed in `month`. */
  monthLines(month: string): ChargeLine[] {
    return this.r()
      .linesOfMonth.all(month)
      .map((r) => JSON.parse(r.data) as ChargeLine);
  }

  /**
   * Every line of `month` as the views give them now (of one contract, or all): its dated lines and
   * its fee segments' shares of the month.
   */
  monthChargeLines(month: string, contractId?: string): ChargeLine[] {
    const window = monthWindow(month);
    if (contractId === undefined)
      return [...this.monthLines(month), ...segmentLinesForMonth(this.monthSegments(month), window)];
    const r = this.r();
    return [
      ...r.linesOfContractMonth.all(contractId, month).map((x) => JSON.parse(x.data) as ChargeLine),
      ...segmentLinesForMonth(
        r.segmentsOfContractMonth
          .all(contractId, month, month)
          .map((x) => JSON.parse(x.data) as StoredSegment),
        window,
      ),
    ];
  }

  /** The fee segments that cover some day of `month`. */
  monthSegments(month: string): StoredSegment[] {
    return this.r()
      .segmentsOfMonth.all(month, month)
      .map((r) => JSON.parse(r.data) as StoredSegment);
  }

  /**
   * The contracts that can have lines in `month` as effective on `asOf`: those with lines in it now,
   * and those whose service ended before it by a notice that arrived after `asOf`.
   */
  monthCandidates(month: string, asOf: string): string[] {
    return this.r()
      .monthCandidates.all(month, month, month, asOf, month, month)
      .map((r) => r.contract_id);
  }

  contract(contractId: string): ContractSummaryRow | null {
    return this.r().contract.get(contractId) ?? null;
  }

  network(networkId: string): NetworkSummaryRow | null {
    return this.r().network.get(networkId) ?? null;
  }

  members(networkId: string): MemberRow[] {
    return this.r().members.all(networkId);
  }

  /**
   * Contracts by id (a prefix), holder, network and status as effective on `asOf` (the status the
   * state of that date shows), in id order, at most `limit` after the id `after`. `visibleTo`: only
   * the contracts that contractor holds, or whose network's parent contract it holds.
   */
  searchContracts(query: ContractSearch): ContractSearchRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { asOf: query.asOf, limit: query.limit };
    if (query.idPrefix !== undefined) {
      // A range on the primary key: an index seek, and no LIKE wildcards to escape.
      where.push('contract_id >= @idFrom AND contract_id < @idTo');
      params.idFrom = query.idPrefix;
      params.idTo = `${query.idPrefix}\u{10FFFF}`;
    }
    if (query.holder !== undefined) {
      where.push('contractor_id = @holder');
      params.holder = query.holder;
    }
    if (query.networkId !== undefined) {
      where.push('network_id = @network');
      params.network = query.networkId;
    }
    if (query.visibleTo !== undefined) {
      where.push('(contractor_id = @visibleTo OR parent_holder_id = @visibleTo)');
      params.visibleTo = query.visibleTo;
    }
    if (query.after !== undefined) {
      where.push('contract_id > @after');
      params.after = query.after;
    }
    const status = query.status === undefined ? '' : 'WHERE status = @status';
    if (query.status !== undefined) params.status = query.status;
    return this.db
      .prepare(
        `SELECT * FROM (SELECT *, ${STATUS_AS_OF} AS status FROM view_contracts
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''}) ${status}
         ORDER BY contract_id LIMIT @limit`,
      )
      .all(params) as ContractSearchRow[];
  }

  /** Contracts with an item owed back as effective on `date`: known by then and (unless `all`) not yet settled. */
  deadlineContracts(date: string, all: boolean): string[] {
    const rows = all ? this.r().deadlinesKnown.all(date) : this.r().deadlinesOpen.all(date, date);
    return rows.map((r) => r.contract_id);
  }

  /** The months from the first accepted application to the last month any fee segment starts or any line is billed. */
  monthRange(): { first: string; last: string } | null {
    const r = this.db
      .prepare(
        `SELECT MIN(m) AS first, MAX(m) AS last FROM ( SELECT MIN(month) AS m FROM view_charge_lines UNION ALL SELECT MAX(month) FROM view_charge_lines UNION ALL SELECT MIN(from_month) FROM view_fee_segments UNION ALL SELECT MAX(to_month) FROM view_fee_segments WHERE to_month <> '9999-12' UNION ALL SELECT MAX(from_month) FROM view_fee_segments)`,
      )
      .get() as { first: string | null; last: string | null };
    return r.first === null || r.last === null ? null : { first: r.first, last: r.last };
  }

  /** Every row of every view table in key order, for digests and comparisons. */
  *dump(): Generator<{ table: string; row: Record<string, unknown> }> {
    const order: Record<(typeof VIEW_TABLES)[number], string> = {
      view_state: 'id',
      view_contracts: 'contract_id',
      view_networks: 'network_id',
      view_members: 'network_id, contract_id',
      view_charge_lines: 'line_id',
      view_fee_segments: 'contract_id, series_key, seg_no',
      view_deadlines: 'contract_id, item_id',
      view_closes: 'month',
      view_invoiced: 'month, line_id',
      view_adjustments: 'month, line_id',
      view_seals: 'event_id',
    };
    for (const table of VIEW_TABLES) {
      if (table === 'view_state') continue;
      for (const row of this.db.prepare(`SELECT * FROM ${table} ORDER BY ${order[table]}`).all() as Record<
        string,
        unknown
      >[])
        yield { table, row };
    }
  }

  private w() {
    this.stmts ??= this.prepare();
    return this.stmts;
  }

  private r() {
    return this.w();
  }

  private prepare() {
    const db = this.db;
    return {
      checkpoint: db.prepare<[string, string, number]>(
        'UPDATE view_state SET commit_pos = ?, prepare_pos = ?, events = events + ? WHERE id = 1',
      ),
      stale: db.prepare<[string]>('UPDATE view_state SET stale = ? WHERE id = 1'),
      putContract: db.prepare<[ContractSummaryRow]>(
        `INSERT INTO view_contracts (contract_id, network_id, contract_type, contractor_id,
           parent_holder_id, item, accepted_on, billing_start_on, end_on, terminated, notice_arrived_on,
           notice_effective_on)
         VALUES (@contract_id, @network_id, @contract_type, @contractor_id, @parent_holder_id, @item,
           @accepted_on, @billing_start_on, @end_on, @terminated, @notice_arrived_on, @notice_effective_on)
         ON CONFLICT (contract_id) DO UPDATE SET network_id = excluded.network_id,
           contract_type = excluded.contract_type, contractor_id = excluded.contractor_id,
           parent_holder_id = excluded.parent_holder_id, item = excluded.item,
           accepted_on = excluded.accepted_on, billing_start_on = excluded.billing_start_on,
           end_on = excluded.end_on, terminated = excluded.terminated,
           notice_arrived_on = excluded.notice_arrived_on, notice_effective_on = excluded.notice_effective_on`,
      ),
      putLine: db.prepare<[ChargeLineRow]>(
        `INSERT INTO view_charge_lines (line_id, contract_id, month, bill_to, kind, amount, data)
         VALUES (@line_id, @contract_id, @month, @bill_to, @kind, @amount, @data)
         ON CONFLICT (line_id) DO UPDATE SET contract_id = excluded.contract_id, month = excluded.month, bill_to = excluded.bill_to, kind = excluded.kind, amount = excluded.amount, data = excluded.data`,
      ),
      deleteLine: db.prepare<[string]>('DELETE FROM view_charge_lines WHERE line_id = ?'),
      deleteLines: db.prepare<[string]>('DELETE FROM view_charge_lines WHERE contract_id = ?'),
      putSegment: db.prepare<[FeeSegmentRow]>(
        `INSERT INTO view_fee_segments (contract_id, series_key, seg_no, from_month, to_month, end_known_on, data)
         VALUES (@contract_id, @series_key, @seg_no, @from_month, @to_month, @end_known_on, @data)
         ON CONFLICT (contract_id, series_key, seg_no) DO UPDATE SET from_month = excluded.from_month, to_month = excluded.to_month, end_known_on = excluded.end_known_on, data = excluded.data`,
      ),
      deleteSegment: db.prepare<[string, string, number]>(
        'DELETE FROM view_fee_segments WHERE contract_id = ? AND series_key = ? AND seg_no = ?',
      ),
      deleteSegments: db.prepare<[string]>('DELETE FROM view_fee_segments WHERE contract_id = ?'),
      putDeadline: db.prepare<[DeadlineRow]>(
        `INSERT INTO view_deadlines (contract_id, item_id, due_on, known_on, settled_on)
         VALUES (@contract_id, @item_id, @due_on, @known_on, @settled_on)
         ON CONFLICT (contract_id, item_id) DO UPDATE SET due_on = excluded.due_on, known_on = excluded.known_on, settled_on = excluded.settled_on`,
      ),
      deleteDeadline: db.prepare<[string, string]>(
        'DELETE FROM view_deadlines WHERE contract_id = ? AND item_id = ?',
      ),
      deleteDeadlines: db.prepare<[string]>('DELETE FROM view_deadlines WHERE contract_id = ?'),
      putNetwork: db.prepare<[NetworkSummaryRow]>(
        `INSERT INTO view_networks (network_id, parent_contract_id, parent_holder_id, item, child_site_limit, registered_on)
         VALUES (@network_id, @parent_contract_id, @parent_holder_id, @item, @child_site_limit, @registered_on)
         ON CONFLICT (network_id) DO UPDATE SET parent_contract_id = excluded.parent_contract_id, parent_holder_id = excluded.parent_holder_id, item = excluded.item, child_site_limit = excluded.child_site_limit, registered_on = excluded.registered_on`,
      ),
      putMember: db.prepare<[MemberRow]>(
        `INSERT INTO view_members (network_id, contract_id, contract_type, contractor_id, joined_on, left_on)
         VALUES (@network_id, @contract_id, @contract_type, @contractor_id, @joined_on, @left_on)
         ON CONFLICT (network_id, contract_id) DO UPDATE SET contract_type = excluded.contract_type, contractor_id = excluded.contractor_id, joined_on = excluded.joined_on, left_on = excluded.left_on`,
      ),
      deleteMember: db.prepare<[string, string]>(
        'DELETE FROM view_members WHERE network_id = ? AND contract_id = ?',
      ),
      deleteMembers: db.prepare<[string]>('DELETE FROM view_members WHERE network_id = ?'),
      linesOfMonth: db.prepare<[string], { data: string }>(
        'SELECT data FROM view_charge_lines WHERE month = ?',
      ),
      linesOfContractMonth: db.prepare<[string, string], { data: string }>(
        'SELECT data FROM view_charge_lines WHERE contract_id = ? AND month = ?',
      ),
      segmentsOfContractMonth: db.prepare<[string, string, string], { data: string }>(
        'SELECT data FROM view_fee_segments WHERE contract_id = ? AND to_month >= ? AND from_month <= ?',
      ),
      segmentsOfMonth: db.prepare<[string, string], { data: string }>(
        'SELECT data FROM view_fee_segments WHERE to_month >= ? AND from_month <= ?',
      ),
      monthCandidates: db.prepare<[string, string, string, string, string, string], { contract_id: string }>(
        `SELECT contract_id FROM view_charge_lines WHERE month = ?
         UNION SELECT contract_id FROM view_fee_segments WHERE to_month >= ? AND from_month <= ?
         UNION SELECT contract_id FROM view_fee_segments WHERE end_known_on > ? AND to_month < ? AND from_month <= ?
         ORDER BY contract_id`,
      ),
      contract: db.prepare<[string], ContractSummaryRow>(
        'SELECT * FROM view_contracts WHERE contract_id = ?',
      ),
      network: db.prepare<[string], NetworkSummaryRow>('SELECT * FROM view_networks WHERE network_id = ?'),
      members: db.prepare<[string], MemberRow>(
        'SELECT * FROM view_members WHERE network_id = ? ORDER BY contract_id',
      ),
      deadlinesOpen: db.prepare<[string, string], { contract_id: string }>(
        `SELECT DISTINCT contract_id FROM view_deadlines
         WHERE known_on <= ? AND (settled_on IS NULL OR settled_on > ?) ORDER BY contract_id`,
      ),
      deadlinesKnown: db.prepare<[string], { contract_id: string }>(
        'SELECT DISTINCT contract_id FROM view_deadlines WHERE known_on <= ? ORDER BY contract_id',
      ),
    };
  }
}
