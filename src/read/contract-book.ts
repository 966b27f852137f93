/**
 * One contract's months as billed: what its closes invoiced, the adjustments later closes billed,
 * and those owed now, from whichever source the read policy chose (the views, or the closes' streams
 * folded as known at an instant); and its month as billed computed the same way from either.
 */
import {
  adjustmentLine,
  type BilledMonth,
  bookOf,
  type ChargeLine,
  type ClosedBy,
  type CloseInfo,
  chargesForMonth,
  type Facts,
  lastClosedMonth,
  monthlyCharges,
  type PendingAdjustment,
  pendingAdjustmentsOf,
} from '../projections';
import { carriesAdjustments, type LocalDate, type YearMonth } from '../terms';
import type { ViewsDb } from '../views/views-db';
import { closeInfo } from './months';

/** What one contract's closes hold, from one source. */
export interface ContractBook {
  readonly contractId: string;
  readonly lastClosed: YearMonth | null;
  close(month: YearMonth): CloseInfo | null;
  /** Every line of the contract the close of `month` invoiced (its own and the adjustments it carried). */
  invoiced(month: YearMonth): ChargeLine[];
  /** The adjustment lines later closes invoiced that correct the contract's lines of `month`. */
  corrections(month: YearMonth): ChargeLine[];
  /** The adjustments owed now and not yet invoiced, oldest month first. */
  pending(): PendingAdjustment[];
}

/** The contract's book as the views hold it (a read in proportion to the contract's rows). */
export function bookFromViews(views: ViewsDb, contractId: string): ContractBook {
  return {
    contractId,
    lastClosed: views.closes.lastClosedMonth(),
    close: (month) => {
      const c = views.closes.close(month);
      return c ? closeInfo(c) : null;
    },
    invoiced: (month) => views.closes.invoicedLines(month, contractId),
    corrections: (month) => views.closes.corrections(contractId, month),
    pending: () => views.closes.pending(contractId),
  };
}

/** The contract's book from facts that hold its contract and the closes (as known when folded). */
export function bookFromFacts(facts: Facts, contractId: string): ContractBook {
  let pending: PendingAdjustment[] | null = null;
  return {
    contractId,
    lastClosed: lastClosedMonth(facts),
    close: (month) => {
      const c = facts.closes.get(month);
      return c ? closeInfo(c) : null;
    },
    invoiced: (month) => (facts.closes.get(month)?.lines ?? []).filter((l) => l.contractId === contractId),
    corrections: (month) => [...bookOf(facts, month, contractId).corrections],
    pending: () => {
      pending ??= pendingAdjustmentsOf(facts, contractId);
      return pending;
    },
  };
}

const closedByOfBook = (book: ContractBook, month: YearMonth): ClosedBy | null => {
  const c = book.close(month);
  return c ? { closeId: c.closeId, closedAt: c.closedAt } : null;
};

/** The pending adjustments of a book as lines of the first open month `month`. */
export const carriedLines = (book: ContractBook, month: YearMonth): ChargeLine[] =>
  book.pending().map((p) => adjustmentLine(p, month, closedByOfBook(book, p.month)));

/**
 * The contract's month as billed: closed, the lines its close invoiced; as effective on `asOf`,
 * recomputed; open, recomputed from the contract's facts with the adjustments the first open month
 * carries.
 */
export function billedContractMonth(
  facts: Facts,
  book: ContractBook,
  month: YearMonth,
  asOf?: LocalDate,
): BilledMonth {
  const close = book.close(month);
  if (asOf !== undefined) {
    return {
      month,
      status: close ? 'closed' : 'open',
      close,
      carriesAdjustments: false,
      recomputed: close !== null,
      charges: chargesForMonth(facts, month, { contractId: book.contractId, asOf }),
    };
  }
  if (close) {
    return {
      month,
      status: 'closed',
      close,
      carriesAdjustments: false,
      recomputed: false,
      charges: monthlyCharges(month, book.invoiced(month)),
    };
  }
  const lines = [...chargesForMonth(facts, month, { contractId: book.contractId }).lines];
  const carries = carriesAdjustments(month, book.lastClosed);
  if (carries) lines.push(...carriedLines(book, month));
  return {
    month,
    status: 'open',
    close: null,
    carriesAdjustments: carries,
    recomputed: false,
    charges: monthlyCharges(month, lines),
  };
}
