/**
 * The order billing months close in (policy close-months-in-order) and where the adjustments of
 * closed months are billed (policy adjust-in-first-open-month): one rule for the billing decider,
 * the projections and every read.
 */
import { addMonthsToMonth, type YearMonth } from './dates';

/**
 * The month the next close must be of: the month after the last closed one, or before any close the
 * month of the ledger's first charge line (null: nothing is billed yet).
 */
export const nextMonthToClose = (
  lastClosed: YearMonth | null,
  firstMonth: YearMonth | null,
): YearMonth | null => (lastClosed === null ? firstMonth : addMonthsToMonth(lastClosed, 1));

/** True for the month the adjustments of closed months are carried into: the first open one after a close. */
export const carriesAdjustments = (month: YearMonth, lastClosed: YearMonth | null): boolean =>
  lastClosed !== null && month === addMonthsToMonth(lastClosed, 1);
