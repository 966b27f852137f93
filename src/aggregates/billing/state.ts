import type { YearMonth } from '../../terms/dates';

/** One billing month's stream: open until its close is recorded, then closed for good. */
export type BillingMonthState =
  | { readonly status: 'open' }
  | {
      readonly status: 'closed';
      readonly month: YearMonth;
      readonly closedAt: string;
      readonly lines: number;
      readonly total: number;
    };

export const initialBillingMonthState: BillingMonthState = { status: 'open' };
