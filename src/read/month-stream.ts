/**
 * A month as billed, read as it streams: the lines come from the views a row at a time, so that
 * writing a month of any size (`export`, `charges --month`) holds one contract's lines in memory,
 * never the month's. Two orders: the order every surface lists lines in (contract, kind, id), and
 * the invoice documents' order (bill-to, then that order; a bill-to's lines before its adjustments).
 *
 * A closed month reads the lines its close invoiced, in the close's order (which is the listing
 * order: the close recorded them listed). An open month merges three sources, each read in order:
 * the dated lines, the fee segments (worked into the month's monthly lines contract by contract),
 * and, for the first open month, the adjustments owed.
 *
 * A month held in memory (a fold of the log, a close read from the log) reads the same way.
 */
import {
  adjustmentLine,
  type BilledMonth,
  type ChargeLine,
  type ClosedBy,
  compareLines,
  monthWindow,
  type PendingAdjustment,
} from '../projections';
import type { YearMonth } from '../terms';
import { type StoredSegment, segmentLinesForMonth } from '../views/models/charges';
import type { ViewsDb } from '../views/views-db';
import type { Provenance } from './provenance';

export type LineOrder = 'listed' | 'by-bill-to';

/** A month as billed, without its lines: whether it is closed, by which close, what it carries. */
export type BilledHead = Omit<BilledMonth, 'charges'>;

/** A month as billed whose lines are read as they are written out. */
export interface MonthReading {
  readonly head: BilledHead;
  readonly provenance: Provenance;
  /** The lines in `order`; each call reads them again. */
  lines(order?: LineOrder): Iterable<ChargeLine>;
}

const compareByBillTo = (a: ChargeLine, b: ChargeLine): number => {
  if (a.billTo !== b.billTo) return a.billTo < b.billTo ? -1 : 1;
  const adjA = a.kind === 'adjustment' ? 1 : 0;
  const adjB = b.kind === 'adjustment' ? 1 : 0;
  return adjA !== adjB ? adjA - adjB : compareLines(a, b);
};

/** A month held in memory, read as a MonthReading. */
export const readingOf = (billed: BilledMonth, provenance: Provenance): MonthReading => {
  const { charges, ...head } = billed;
  return {
    head,
    provenance,
    lines: (order = 'listed') =>
      order === 'listed' ? charges.lines : [...charges.lines].sort(compareByBillTo),
  };
};

/** A closed month's lines as its close invoiced them, from the views. */
export const closedReading = (views: ViewsDb, head: BilledHead, provenance: Provenance): MonthReading => ({
  head,
  provenance,
  lines: (order = 'listed') =>
    order === 'listed'
      ? views.closes.iterateInvoiced(head.month)
      : views.closes.iterateInvoicedByBillTo(head.month),
});

/** A source read in order: its rows, and the key of the group each row belongs to. */
interface Source<R> {
  readonly rows: Iterator<R>;
  readonly key: (row: R) => string;
  next: IteratorResult<R>;
}

const source = <R>(rows: Iterator<R>, key: (row: R) => string): Source<R> => ({
  rows,
  key,
  next: rows.next(),
});

/** The rows of `s` whose key is `key`, taken off the front. */
const take = <R>(s: Source<R>, key: string): R[] => {
  const out: R[] = [];
  while (!s.next.done && s.key(s.next.value) === key) {
    out.push(s.next.value);
    s.next = s.rows.next();
  }
  return out;
};

const headKey = <R>(s: Source<R>): string | null => (s.next.done ? null : s.key(s.next.value));

/**
 * An open month's lines from the views, group by group (a contract, or a bill-to's contract): the
 * dated lines, the monthly lines of the fee segments, and the adjustments it carries, each group
 * sorted as listed.
 */
function* openLines(
  views: ViewsDb,
  month: YearMonth,
  carries: boolean,
  order: LineOrder,
): Generator<ChargeLine> {
  const window = monthWindow(month);
  const by = order === 'listed' ? 'contract' : 'bill-to';
  // By bill-to, a bill-to's adjustments follow all its lines: they are keyed after them.
  const key = (billTo: string, adjustment: boolean, contractId: string) =>
    order === 'listed' ? contractId : `${billTo}\u0000${adjustment ? 1 : 0}\u0000${contractId}`;
  const dated = source(views.charges.iterateMonthLines(month, by), (l: ChargeLine) =>
    key(l.billTo, false, l.contractId),
  );
  const segments = source(views.charges.iterateMonthSegments(month, by), (g: StoredSegment) =>
    key(g.billTo, false, g.contractId),
  );
  const none: Iterator<PendingAdjustment> = [][Symbol.iterator]();
  const pending = source(carries ? views.closes.iteratePending(by) : none, (p: PendingAdjustment) =>
    key(p.billTo, true, p.contractId),
  );
  const closedBy = new Map<YearMonth, ClosedBy | null>();
  const closeOf = (m: YearMonth): ClosedBy | null => {
    if (!closedBy.has(m)) {
      const c = views.closes.close(m);
      closedBy.set(m, c ? { closeId: c.closeId, closedAt: c.closedAt } : null);
    }
    return closedBy.get(m)!;
  };
  try {
    yield* mergeGroups(dated, segments, pending, window, month, closeOf, order);
  } finally {
    // Left before the end: the queries still open are let go.
    for (const s of [dated, segments, pending] as Source<unknown>[]) if (!s.next.done) s.rows.return?.();
  }
}

/** The groups of the three sources, merged by key, each group sorted as listed. */
function* mergeGroups(
  dated: Source<ChargeLine>,
  segments: Source<StoredSegment>,
  pending: Source<PendingAdjustment>,
  window: ReturnType<typeof monthWindow>,
  month: YearMonth,
  closeOf: (m: YearMonth) => ClosedBy | null,
  order: LineOrder,
): Generator<ChargeLine> {
  for (;;) {
    const keys = [headKey(dated), headKey(segments), headKey(pending)].filter((k): k is string => k !== null);
    if (keys.length === 0) return;
    const k = keys.sort()[0]!;
    const group = [
      ...take(dated, k),
      ...segmentLinesForMonth(take(segments, k), window),
      ...take(pending, k).map((p) => adjustmentLine(p, month, closeOf(p.month))),
    ].sort(order === 'listed' ? compareLines : compareByBillTo);
    yield* group;
  }
}

/** An open month's lines, from the views as they stand. */
export const openReading = (views: ViewsDb, head: BilledHead, provenance: Provenance): MonthReading => ({
  head,
  provenance,
  lines: (order = 'listed') => openLines(views, head.month, head.carriesAdjustments, order),
});
