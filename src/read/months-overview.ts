/**
 * The months of a ledger at a glance (`vpn-ledger months`, GET /v1/months, the console's months):
 * every month from the ledger's first charge to the current one, closed or open. A closed month is
 * what its close recorded (by whom, when, its id, its lines and total, the adjustments it carried,
 * its seal); an open month is its lines as they stand, read as they stream.
 */
import type { ChargeLine, CloseInfo } from '../projections';
import { addMonthsToMonth, nextMonthToClose, type YearMonth } from '../terms';
import type { ViewsDb } from '../views/views-db';
import type { BilledHead } from './month-stream';
import { closeInfo, openHead } from './months';

/** What one contractor billed has in a month. */
export interface MonthBillToTotal {
  readonly billTo: string;
  /** Lines, adjustments included. */
  readonly lines: number;
  /** Of them, adjustments of closed months. */
  readonly adjustments: number;
  readonly amount: number;
}

export interface MonthOverview {
  readonly month: YearMonth;
  readonly status: 'closed' | 'open';
  /** The month the next close must be of. */
  readonly nextToClose: boolean;
  /** The close (null: open, or a month before the first close, which billed nothing). */
  readonly close: CloseInfo | null;
  /** Open: true for the first open month, which carries the adjustments of the closed months. */
  readonly carriesAdjustments: boolean;
  /** Per contractor billed, in id order. */
  readonly totals: readonly MonthBillToTotal[];
  readonly lines: number;
  readonly adjustments: number;
  readonly total: number;
}

const sumUp = (totals: readonly MonthBillToTotal[]) => ({
  lines: totals.reduce((n, t) => n + t.lines, 0),
  adjustments: totals.reduce((n, t) => n + t.adjustments, 0),
  total: totals.reduce((n, t) => n + t.amount, 0),
});

/** The totals of an open month's lines, per contractor billed, read as they stream. */
function openTotals(lines: Iterable<ChargeLine>): MonthBillToTotal[] {
  const by = new Map<string, { lines: number; adjustments: number; amount: number }>();
  for (const l of lines) {
    const t = by.get(l.billTo) ?? { lines: 0, adjustments: 0, amount: 0 };
    t.lines += 1;
    t.amount += l.amount;
    if (l.kind === 'adjustment') t.adjustments += 1;
    by.set(l.billTo, t);
  }
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([billTo, t]) => ({ billTo, ...t }));
}

/**
 * The months from the ledger's first (its first charge, or its first close) to `through`, and at
 * least to the month the next close must be of; after `after`, at most `limit`.
 */
export function monthsOverview(
  views: ViewsDb,
  through: YearMonth,
  page: { readonly after?: YearMonth | null; readonly limit?: number },
  openLines: (month: YearMonth, head: BilledHead) => Iterable<ChargeLine>,
): { months: MonthOverview[]; more: boolean } {
  const closes = views.closes.closes();
  const firstCharge = views.charges.monthRange()?.first ?? null;
  const first = [closes[0]?.month, firstCharge].filter((m): m is string => m != null).sort()[0];
  if (first === undefined) return { months: [], more: false };
  const lastClosed = views.closes.lastClosedMonth();
  const next = nextMonthToClose(lastClosed, first)!;
  const last = [through, next].sort()[1]!;
  const byMonth = new Map(closes.map((c) => [c.month, c]));
  const adjustments = new Map<string, number>();
  for (const r of views.closes.adjustmentCounts()) adjustments.set(`${r.month}/${r.bill_to}`, r.count);
  const after = page.after ?? null;
  const limit = page.limit ?? Number.POSITIVE_INFINITY;
  const months: MonthOverview[] = [];
  let m = after === null || after < first ? first : addMonthsToMonth(after, 1);
  for (; m <= last && months.length < limit; m = addMonthsToMonth(m, 1)) {
    const c = byMonth.get(m);
    if (c || (lastClosed !== null && m < lastClosed)) {
      // A month before the first close billed nothing: closed with it, without a close of its own.
      const totals = (c?.totals ?? []).map((t) => ({
        billTo: t.billTo,
        lines: t.lines,
        adjustments: adjustments.get(`${m}/${t.billTo}`) ?? 0,
        amount: t.amount,
      }));
      months.push({
        month: m,
        status: 'closed',
        nextToClose: false,
        close: c ? closeInfo(c) : null,
        carriesAdjustments: false,
        totals,
        ...sumUp(totals),
      });
      continue;
    }
    const head = openHead(views, m);
    const totals = openTotals(openLines(m, head));
    months.push({
      month: m,
      status: 'open',
      nextToClose: m === next,
      close: null,
      carriesAdjustments: head.carriesAdjustments,
      totals,
      ...sumUp(totals),
    });
  }
  return { months, more: m <= last };
}
