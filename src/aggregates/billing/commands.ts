import { z } from 'zod';
import { Fields } from '../../events';
import { isDateInRange, YearMonthSchema } from '../../terms/dates';
import { fieldIssue } from '../../terms/field-messages';

/** A billing month a command may name: YYYY-MM within the dates a command may name. */
const { code: _custom, ...monthRange } = fieldIssue('monthRange', {
  first: Fields.DATE_RANGE.first.slice(0, 7),
  last: Fields.DATE_RANGE.last.slice(0, 7),
});
const Month = YearMonthSchema.refine((m) => isDateInRange(`${m}-01`), monthRange);

/** Commands of the `billing-YYYY-MM` aggregate (`vpn-ledger close`). */
export const BillingCommandSchemas = {
  CloseMonth: z.strictObject({ month: Month }),
} as const;

export type BillingCommandType = keyof typeof BillingCommandSchemas;
export type BillingCommand = {
  [K in BillingCommandType]: { type: K; data: z.infer<(typeof BillingCommandSchemas)[K]> };
}[BillingCommandType];
