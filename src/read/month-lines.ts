/**
 * A month's charge lines a page at a time, filtered, and its totals per bill-to, read in proportion
 * to the page from the views (for pages that must answer in a second at any size, issue 23):
 *
 * - a closed month: the lines its close invoiced (view_invoiced), filtered, counted, summed and
 *   paged in SQL in the close's order; the totals per bill-to grouped there too. A page checks the
 *   count and the sum of the whole month against what the close signed (the digest of every line
 *   is checked by whole-month reads and by `verify`); where they differ the caller reads the close
 *   in the log instead (`pageOfLines` over its lines).
 * - an open month: its dated lines and its fee segments' shares of the month (and, in the first
 *   open month, the adjustments it carries), of one contract or one bill-to when the page is
 *   scoped to one (a contractor's), else of the month; worked out, filtered and paged in memory in
 *   the order of every other listing (compareLines).
 */
import { type ChargeLine, type CloseInfo, compareLines, monthWindow } from '../projections';
import { carriesAdjustments, type YearMonth } from '../terms';
import { segmentLinesForMonth } from '../views/models/charges';
import { type LineFilter, matchesLine } from '../views/models/line-filter';
import type { ViewsDb } from '../views/views-db';
import { carriedAdjustments, closeInfo, signedSubject } from './months';

export type { LineFilter } from '../views/models/line-filter';

/** Which lines of a month, and which page of them. */
export interface MonthLinesQuery {
  /** The lines a principal may see at all (a contractor's: those billed to it); the totals too. */
  readonly scope?: { readonly billTo?: string | undefined };
  readonly filter?: LineFilter;
  readonly offset: number;
  readonly limit: number;
  /** The page of totals per bill-to. */
  readonly totalsOffset?: number;
  readonly totalsLimit?: number;
}

export interface BillToTotal {
  readonly billTo: string;
  readonly lines: number;
  readonly amount: number;
}

export interface MonthLinesPage {
  readonly month: YearMonth;
  readonly status: 'closed' | 'open';
  readonly close: CloseInfo | null;
  /** The first open month: it carries the adjustments of closed months. */
  readonly carriesAdjustments: boolean;
  /** The page of the lines that match the filter, in order. */
  readonly lines: readonly ChargeLine[];
  readonly offset: number;
  readonly limit: number;
  /** Every line that matches the filter: how many, and their sum. */
  readonly matched: { readonly lines: number; readonly total: number };
  /** Every line in scope (the filter left out): how many, and their sum. */
  readonly all: { readonly lines: number; readonly total: number };
  /** A page of the totals per bill-to in scope, in bill-to order, and how many bill-tos there are. */
  readonly totals: readonly BillToTotal[];
  readonly billTos: number;
  readonly totalsOffset: number;
  /** The articles the lines in scope cite, each once (what the filter can choose from). */
  readonly articles: readonly string[];
}

const TOTALS_LIMIT = 50;

/** The whole of a month's lines in scope, worked out in memory: paged, filtered and totalled. */
export function pageOfLines(
  head: Pick<MonthLinesPage, 'month' | 'status' | 'close' | 'carriesAdjustments'>,
  inScope: readonly ChargeLine[],
  query: MonthLinesQuery,
): MonthLinesPage {
  const scope = query.scope?.billTo;
  const lines = (scope === undefined ? [...inScope] : inScope.filter((l) => l.billTo === scope)).sort(
    compareLines,
  );
  const filter = query.filter ?? {};
  const matching = lines.filter((l) => matchesLine(filter, l));
  const byBillTo = new Map<string, { lines: number; amount: number }>();
  for (const l of lines) {
    const t = byBillTo.get(l.billTo) ?? { lines: 0, amount: 0 };
    t.lines += 1;
    t.amount += l.amount;
    byBillTo.set(l.billTo, t);
  }
  const totalsOffset = query.totalsOffset ?? 0;
  const totals = [...byBillTo.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(totalsOffset, totalsOffset + (query.totalsLimit ?? TOTALS_LIMIT))
    .map(([billTo, t]) => ({ billTo, ...t }));
  return {
    ...head,
    lines: matching.slice(query.offset, query.offset + query.limit),
    offset: query.offset,
    limit: query.limit,
    matched: { lines: matching.length, total: sum(matching) },
    all: { lines: lines.length, total: sum(lines) },
    totals,
    billTos: byBillTo.size,
    totalsOffset,
    articles: [...new Set(lines.map((l) => l.article))].sort(),
  };
}

const sum = (lines: readonly ChargeLine[]) => lines.reduce((s, l) => s + l.amount, 0);

/**
 * A closed month's page from the lines its close invoiced in the views; null when their count or
 * sum is not what the close signed (the caller reads the close in the log).
 */
export function closedMonthPage(
  views: ViewsDb,
  month: YearMonth,
  query: MonthLinesQuery,
): MonthLinesPage | null {
  const close = views.closes.close(month)!;
  const whole = views.closes.invoicedCount(month);
  const signed = signedSubject(close);
  if (signed !== null && (whole.lines !== signed.lines || whole.total !== signed.total)) return null;
  const scope = query.scope?.billTo;
  const filter = { ...query.filter, ...(scope === undefined ? {} : { billTo: scope }) };
  // A filter of another bill-to than the scope's finds nothing.
  const other = scope !== undefined && query.filter?.billTo !== undefined && query.filter.billTo !== scope;
  const totalsOffset = query.totalsOffset ?? 0;
  const totals = views.closes.invoicedTotals(month, scope, totalsOffset, query.totalsLimit ?? TOTALS_LIMIT);
  return {
    month,
    status: 'closed',
    close: closeInfo(close),
    carriesAdjustments: false,
    lines: other ? [] : views.closes.invoicedPage(month, filter, query.offset, query.limit),
    offset: query.offset,
    limit: query.limit,
    matched: other ? { lines: 0, total: 0 } : views.closes.invoicedCount(month, filter),
    all: scope === undefined ? whole : views.closes.invoicedCount(month, { billTo: scope }),
    totals: totals.totals,
    billTos: totals.billTos,
    totalsOffset,
    articles: views.closes.invoicedArticles(month, scope),
  };
}

/**
 * An open month's lines in scope, from the views: its dated lines and its fee segments' shares of
 * the month (and the adjustments the first open month carries), of one bill-to or of every one.
 */
export function openMonthLines(
  views: ViewsDb,
  month: YearMonth,
  billTo: string | undefined,
): { lines: ChargeLine[]; carriesAdjustments: boolean } {
  const carries = carriesAdjustments(month, views.closes.lastClosedMonth());
  let lines: ChargeLine[];
  if (billTo === undefined) {
    lines = views.charges.monthChargeLines(month);
  } else {
    // A bill-to's lines: those dated in the month and billed to it, and the monthly fees of the
    // contracts it holds (a monthly fee is always billed to the contract's holder).
    const segments = views.contracts
      .heldBy(billTo)
      .flatMap((id) => views.charges.contractMonthSegments(id, month));
    lines = [
      ...views.charges.monthLinesBilledTo(month, billTo),
      ...segmentLinesForMonth(segments, monthWindow(month)),
    ];
  }
  if (carries) {
    const carried = carriedAdjustments(views, month);
    lines.push(...(billTo === undefined ? carried : carried.filter((l) => l.billTo === billTo)));
  }
  return { lines, carriesAdjustments: carries };
}
