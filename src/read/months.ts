/**
 * A billing month as billed, from the views: a closed month reads exactly the lines its close
 * invoiced; the first open month reads its lines with the adjustments of the closed months carried
 * into it; any later month reads its lines. And the months' close status.
 */
import { LinesDigest } from '../ledger/seal';
import {
  adjustmentLine,
  type BilledMonth,
  type ChargeLine,
  type ClosedBy,
  type CloseInfo,
  monthlyCharges,
} from '../projections';
import { carriesAdjustments, nextMonthToClose, type YearMonth } from '../terms';
import type { CloseSummary } from '../views/models/closes';
import type { ViewsDb } from '../views/views-db';
import type { BilledHead } from './month-stream';

const closedBy = (views: ViewsDb, month: YearMonth): ClosedBy | null => {
  const c = views.closes.close(month);
  return c ? { closeId: c.closeId, closedAt: c.closedAt } : null;
};

/** The adjustments the first open month `month` carries, as its lines (of one contract, or all). */
export function carriedAdjustments(views: ViewsDb, month: YearMonth, contractId?: string): ChargeLine[] {
  const closes = new Map<YearMonth, ClosedBy | null>();
  return views.closes.pending(contractId).map((p) => {
    if (!closes.has(p.month)) closes.set(p.month, closedBy(views, p.month));
    return adjustmentLine(p, month, closes.get(p.month)!);
  });
}

/** A close as the answers name it. */
export const closeInfo = (c: CloseInfo): CloseInfo => ({
  month: c.month,
  closeId: c.closeId,
  ledgerId: c.ledgerId,
  eventHash: c.eventHash,
  streamId: c.streamId,
  commandId: c.commandId,
  closedBy: c.closedBy,
  closedAt: c.closedAt,
  firstMonth: c.firstMonth,
  totals: c.totals,
  total: c.total,
  seal: c.seal,
});

/** What the close of a month signed of its lines, for reading them back: how many, their sum, their digest. */
export interface InvoiceCheck {
  readonly lines: number;
  readonly total: number;
  readonly linesDigest: string;
}

/** The subject a close's seal signed, or null for a seal of another kind. */
export const signedSubject = (close: CloseSummary | CloseInfo): InvoiceCheck | null => {
  const s = close.seal.subject;
  return s.kind === 'month-close' ? { lines: s.lines, total: s.total, linesDigest: s.linesDigest } : null;
};

/**
 * Whether the lines the views hold for a closed month are the lines its close signed: their count,
 * sum and digest against the seal's subject, read a line at a time. Null when they are; else what
 * the views hold.
 */
export function invoiceCheck(
  lines: Iterable<ChargeLine>,
  close: CloseSummary | CloseInfo,
): InvoiceCheck | null {
  const signed = signedSubject(close);
  if (signed === null) return null;
  const digest = new LinesDigest();
  let count = 0;
  let total = 0;
  for (const l of lines) {
    count += 1;
    total += l.amount;
    digest.add(l);
  }
  const held = { lines: count, total, linesDigest: digest.digest() };
  return held.lines === signed.lines && held.total === signed.total && held.linesDigest === signed.linesDigest
    ? null
    : held;
}

/** invoiceCheck of lines held in memory. */
export const invoicedMismatch = (
  lines: readonly ChargeLine[],
  close: CloseSummary | CloseInfo,
): InvoiceCheck | null => invoiceCheck(lines, close);

/** An open month's head, as the views stand: whether it carries the adjustments of closed months. */
export const openHead = (views: ViewsDb, month: YearMonth): BilledHead => ({
  month,
  status: 'open',
  close: null,
  carriesAdjustments: carriesAdjustments(month, views.closes.lastClosedMonth()),
  recomputed: false,
});

/**
 * The month as billed from the views alone, as they stand (no as-of, no known-at): for a close and
 * for reads of now. Synchronous, so that a close reads it in the transaction it appends in.
 */
export function billedMonthFromViews(views: ViewsDb, month: YearMonth, contractId?: string): BilledMonth {
  const close = views.closes.close(month);
  if (close) {
    return {
      month,
      status: 'closed',
      close: closeInfo(close),
      carriesAdjustments: false,
      recomputed: false,
      charges: monthlyCharges(month, views.closes.invoicedLines(month, contractId)),
    };
  }
  const lastClosed = views.closes.lastClosedMonth();
  const carries = carriesAdjustments(month, lastClosed);
  const lines = views.charges.monthChargeLines(month, contractId);
  if (carries) lines.push(...carriedAdjustments(views, month, contractId));
  return {
    month,
    status: 'open',
    close: null,
    carriesAdjustments: carries,
    recomputed: false,
    charges: monthlyCharges(month, lines),
  };
}

/** The month the next close must be of, as the views stand (null: nothing billed yet). */
export const nextToCloseIn = (views: ViewsDb): YearMonth | null =>
  nextMonthToClose(views.closes.lastClosedMonth(), views.charges.monthRange()?.first ?? null);
