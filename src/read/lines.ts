/**
 * Any charge line a surface lists, explained: a line of an open month, a line as a closed month's
 * close invoiced it (with the line as the log computes it now beside it, and the adjustments that
 * correct it, where and on which close they are billed), a line of a closed month that was never on
 * its invoice (billed by adjustment), and an adjustment line (the line it corrects, and the close
 * that invoiced that).
 */

import { type LedgerEvent, validateDecoded } from '../events';
import {
  adjustmentLineId,
  type ChargeExplanation,
  type ChargeLine,
  type ClosedBy,
  chargesForMonth,
  correctionOf,
  type ExplainedSource,
  explainLine,
  explainSources,
  type Facts,
} from '../projections';
import { nextMonthToClose, type YearMonth } from '../terms';
import type { ContractBook } from './contract-book';
import type { ContractRead } from './folds';

/** An adjustment of a closed line: billed by a later close, or owed and carried into the first open month. */
export interface LineCorrection {
  readonly lineId: string;
  /** The month it is billed in. */
  readonly month: YearMonth;
  readonly amount: number;
  readonly status: 'invoiced' | 'carried';
  /** The close that invoiced it (null while it is carried). */
  readonly close: ClosedBy | null;
  /** The facts recorded after the close that make the difference. */
  readonly causedBy: readonly ExplainedSource[];
}

/** A line of a closed month: as invoiced, as the log computes it now, and what corrects the difference. */
export interface ClosedLine {
  readonly month: YearMonth;
  readonly close: ClosedBy & { readonly month: YearMonth };
  /** The line as the month's close invoiced it (null: not on that invoice). */
  readonly invoiced: ChargeLine | null;
  /** The line as the log computes it now (null: it no longer exists). */
  readonly recomputed: ChargeLine | null;
  readonly corrections: readonly LineCorrection[];
  /**
   * recomputed − invoiced − corrections: 0 when the books agree. Otherwise the views the corrections
   * were read from and the log disagree: `vpn-ledger verify` names the rows.
   */
  readonly unexplained: number;
}

/** An adjustment line's target: the closed line it corrects. */
export interface CorrectedLine {
  readonly month: YearMonth;
  readonly lineId: string;
  /** The close that invoiced the corrected month (null: a month before the first close, which billed nothing). */
  readonly close: ClosedBy | null;
}

export interface LineExplanation extends ChargeExplanation {
  /** The month the line is listed in, and whether that month is closed. */
  readonly billedIn: { readonly month: YearMonth; readonly status: 'open' | 'closed' };
  /** For a line of a closed month. */
  readonly closed: ClosedLine | null;
  /** For an adjustment line. */
  readonly corrects: CorrectedLine | null;
}

const closedBy = (book: ContractBook, month: YearMonth): ClosedBy | null => {
  const c = book.close(month);
  return c ? { closeId: c.closeId, closedAt: c.closedAt } : null;
};

/**
 * The line `lineId` of `contractId` listed in `month`, explained from the contract's facts and its
 * book (the same sources the month as billed was read from); null when there is no such line.
 */
export function explainListedLine(
  facts: Facts,
  book: ContractBook,
  month: YearMonth,
  lineId: string,
  listed: readonly ChargeLine[],
): LineExplanation | null {
  const contractId = book.contractId;
  const close = book.close(month);
  const recomputed = chargesForMonth(facts, month, { contractId }).lines.find((l) => l.id === lineId) ?? null;
  const shown = listed.find((l) => l.id === lineId) ?? (close ? recomputed : null);
  if (!shown) return null;
  const base = explainLine(facts, shown);
  const correction = correctionOf(shown);
  const corrects: CorrectedLine | null = correction
    ? { month: correction.month, lineId: correction.lineId, close: closedBy(book, correction.month) }
    : null;
  let closed: ClosedLine | null = null;
  if (close && !correction) {
    const invoiced = book.invoiced(month).find((l) => l.id === lineId) ?? null;
    const corrections: LineCorrection[] = book
      .corrections(month)
      .filter((l) => correctionOf(l)?.lineId === lineId)
      .map((l) => ({
        lineId: l.id,
        month: l.month,
        amount: l.amount,
        status: 'invoiced' as const,
        close: closedBy(book, l.month),
        causedBy: explainSources(facts, contractId, l.sources),
      }));
    const target = nextMonthToClose(book.lastClosed, null);
    for (const p of book.pending()) {
      if (p.month !== month || p.lineId !== lineId || target === null) continue;
      corrections.push({
        lineId: adjustmentLineId(contractId, target, lineId),
        month: target,
        amount: p.amount,
        status: 'carried',
        close: null,
        causedBy: explainSources(facts, contractId, p.causedBy),
      });
    }
    const corrected = corrections.reduce((sum, c) => sum + c.amount, 0);
    closed = {
      month,
      close: { month, closeId: close.closeId, closedAt: close.closedAt },
      invoiced,
      recomputed,
      corrections,
      unexplained: (recomputed?.amount ?? 0) - (invoiced?.amount ?? 0) - corrected,
    };
  }
  return { ...base, billedIn: { month, status: close ? 'closed' : 'open' }, closed, corrects };
}

/** Every event an explanation names: the line's sources and what caused its corrections. */
export const explainedEventIds = (x: LineExplanation): string[] => [
  ...new Set([
    ...x.line.sources,
    ...(x.closed?.recomputed?.sources ?? []),
    ...(x.closed?.corrections ?? []).flatMap((c) => c.causedBy.map((e) => e.eventId)),
  ]),
];

/** The events an explanation names, as stored, each checked against its schema as it is shown. */
export const explainedEvents = (x: LineExplanation, read: ContractRead): LedgerEvent[] => {
  const ids = new Set(explainedEventIds(x));
  return read.events.filter((e) => ids.has(e.metadata.eventId)).map(validateDecoded);
};
