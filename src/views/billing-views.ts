/**
 * The billing views: closed months (view_closes), the lines each close invoiced (view_invoiced),
 * the adjustments owed and not yet invoiced (view_adjustments), and the seals (view_seals).
 *
 * Adjustments are kept current as the contract rows change: for every closed month whose lines of
 * a contract may have changed, the contract's lines of that month as the views give them now are
 * compared with what was invoiced for them (pendingAdjustments, src/projections/adjustments.ts),
 * and the contract's rows of that month in view_adjustments are written again. Reading the
 * adjustments a month carries is then one read of the rows owed, in proportion to the answer.
 */
import type Database from 'better-sqlite3';
import {
  type ChargeLine,
  type MonthBook,
  monthWindow,
  type PendingAdjustment,
  pendingAdjustments,
  seriesEndSources,
} from '../projections';
import { addMonthsToMonth, type YearMonth } from '../terms';
import type {
  BillingRows,
  CloseSummary,
  ContractRows,
  FeeSegmentRow,
  InvoicedRow,
  SealRow,
  SealRows,
  StoredSegment,
} from './rows';
import { segmentLinesForMonth } from './rows';
import { OPEN_MONTH } from './schema';

/** The latest seal in the log: where the next seal's running digest starts. */
export interface SealBase {
  readonly events: number;
  readonly position: { readonly commit: bigint; readonly prepare: bigint } | null;
  readonly digest: string;
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
export function changedMonths(prev: ContractRows, next: ContractRows, lastClosed: YearMonth): YearMonth[] {
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

export class BillingViews {
  private stmts: ReturnType<BillingViews['prepare']> | null = null;

  constructor(readonly db: Database.Database) {}

  private s() {
    this.stmts ??= this.prepare();
    return this.stmts;
  }

  // --- writes --------------------------------------------------------------------------------

  /** Inserts a close, its lines and its seal (rows the tables do not hold yet, or hold the same). */
  insertClose(rows: BillingRows): void {
    const s = this.s();
    s.putClose.run(rows.close);
    for (const r of rows.invoiced) s.putInvoiced.run(r);
    for (const r of rows.seals) s.putSeal.run(r);
  }

  insertSeals(rows: SealRows): void {
    for (const r of rows.seals) this.s().putSeal.run(r);
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

  /** At most `limit` closes of the months after `after` (null: from the first), in month order. */
  closesAfter(after: YearMonth | null, limit: number): CloseSummary[] {
    return this.s()
      .closesAfter.all(after ?? '', limit)
      .map((r) => JSON.parse(r.data) as CloseSummary);
  }

  /** Every line the close of `month` invoiced (of one contract, or all). */
  invoicedLines(month: YearMonth, contractId?: string): ChargeLine[] {
    const rows =
      contractId === undefined ? this.s().invoiced.all(month) : this.s().invoicedOf.all(contractId, month);
    return rows.map((r) => JSON.parse(r.data) as ChargeLine);
  }

  /** The adjustments owed now (of one contract, or all), oldest month first. */
  pending(contractId?: string): PendingAdjustment[] {
    const rows = contractId === undefined ? this.s().pending.all() : this.s().pendingOf.all(contractId);
    return rows.map((r) => JSON.parse(r.data) as PendingAdjustment);
  }

  latestSeal(): SealBase | null {
    const r = this.s().latestSeal.get();
    if (!r) return null;
    return {
      events: r.events,
      position:
        r.commit_pos === null
          ? null
          : { commit: BigInt(r.commit_pos), prepare: BigInt(r.prepare_pos ?? r.commit_pos) },
      digest: r.digest,
    };
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
      segments ??= s.segmentsOf.all(contractId).map((r) => JSON.parse(r.data) as StoredSegment);
      const window = monthWindow(month);
      const covering = segments.filter(
        (g) => g.segment.from <= window.last && (g.segment.to === null || g.segment.to >= window.first),
      );
      const truth = [
        ...s.linesOf.all(contractId, month).map((r) => JSON.parse(r.data) as ChargeLine),
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
  afterContractRows(prev: ContractRows, next: ContractRows): void {
    const lastClosed = this.lastClosedMonth();
    if (lastClosed === null) return;
    const months = new Set(changedMonths(prev, next, lastClosed));
    if (segmentChange(prev.segments, next.segments) !== null)
      for (const m of this.pendingMonths(next.summary.contract_id)) months.add(m);
    if (months.size > 0) this.refresh(next.summary.contract_id, [...months].sort());
  }

  /**
   * After a close was written: the adjustments it invoiced are no longer owed, the month it closed
   * is compared with what it invoiced (events between the close's position and the close itself
   * count as after it), and at the first close, so are the months before it (they billed nothing).
   */
  afterClose(rows: BillingRows, wasFirst: boolean): void {
    const s = this.s();
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
    for (const r of s.contractsBilledIn.all(month, month, month)) add(r.contract_id, month);
    if (wasFirst) {
      const before = addMonthsToMonth(month, -1);
      for (const r of s.contractsBilledBefore.all(month, month)) {
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
    for (const r of s.allLineMonths.all(lastClosed)) add(r.contract_id, r.month);
    for (const r of s.allSegmentMonths.all(lastClosed)) {
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

  private prepare() {
    const db = this.db;
    return {
      putClose: db.prepare<[{ month: string; event_id: string; data: string }]>(
        'INSERT OR REPLACE INTO view_closes (month, event_id, data) VALUES (@month, @event_id, @data)',
      ),
      putInvoiced: db.prepare<[InvoicedRow]>(
        `INSERT OR REPLACE INTO view_invoiced (month, line_id, contract_id, bill_to, kind, amount, corrects_month, corrects_line, data)
         VALUES (@month, @line_id, @contract_id, @bill_to, @kind, @amount, @corrects_month, @corrects_line, @data)`,
      ),
      putSeal: db.prepare<[SealRow]>(
        `INSERT OR REPLACE INTO view_seals (event_id, events, commit_pos, prepare_pos, digest)
         VALUES (@event_id, @events, @commit_pos, @prepare_pos, @digest)`,
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
      closesAfter: db.prepare<[string, number], { data: string }>(
        'SELECT data FROM view_closes WHERE month > ? ORDER BY month LIMIT ?',
      ),
      invoiced: db.prepare<[string], { data: string }>(
        'SELECT data FROM view_invoiced WHERE month = ? ORDER BY line_id',
      ),
      invoicedOf: db.prepare<[string, string], { data: string }>(
        'SELECT data FROM view_invoiced WHERE contract_id = ? AND month = ? ORDER BY line_id',
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
      linesOf: db.prepare<[string, string], { data: string }>(
        'SELECT data FROM view_charge_lines WHERE contract_id = ? AND month = ? ORDER BY line_id',
      ),
      segmentsOf: db.prepare<[string], { data: string }>(
        'SELECT data FROM view_fee_segments WHERE contract_id = ? ORDER BY series_key, seg_no',
      ),
      contractsBilledIn: db.prepare<[string, string, string], { contract_id: string }>(
        `SELECT contract_id FROM view_charge_lines WHERE month = ?
         UNION SELECT contract_id FROM view_fee_segments WHERE to_month >= ? AND from_month <= ?`,
      ),
      contractsBilledBefore: db.prepare<[string, string], { contract_id: string; first: string }>(
        `SELECT contract_id, MIN(m) AS first FROM (
           SELECT contract_id, month AS m FROM view_charge_lines WHERE month < ?
           UNION ALL SELECT contract_id, from_month FROM view_fee_segments WHERE from_month < ?)
         GROUP BY contract_id`,
      ),
      allLineMonths: db.prepare<[string], { contract_id: string; month: string }>(
        'SELECT DISTINCT contract_id, month FROM view_charge_lines WHERE month <= ?',
      ),
      allSegmentMonths: db.prepare<[string], { contract_id: string; from_month: string; to_month: string }>(
        'SELECT contract_id, from_month, to_month FROM view_fee_segments WHERE from_month <= ?',
      ),
      allInvoicedMonths: db.prepare<
        [],
        { contract_id: string; month: string; corrects_month: string | null }
      >('SELECT DISTINCT contract_id, month, corrects_month FROM view_invoiced'),
      latestSeal: db.prepare<[], SealRow>('SELECT * FROM view_seals ORDER BY events DESC, event_id LIMIT 1'),
    };
  }
}
