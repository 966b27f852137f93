/**
 * Billing: month closes, the adjustments of closed months, invoice exports and seals. What other
 * edges (the CLI, a server) call:
 *  - closeMonth(command, {store, views, clock, key}): close a month (src/billing/close.ts)
 *  - monthStatuses(views, through?): the months and their close status
 *  - billedMonth(model, month, query) / billedMonthFromViews(views, month): a month as billed
 *  - invoiceDocuments(billed, billTo?): the invoice documents of a month
 *  - sealLog({actor}, {store, views, clock, key}): a seal on demand
 */
export { type CloseOptions, type CloseResult, closeMonth } from './close';
export { type CloseReference, INVOICE_SCHEMA, type InvoiceDocument, invoiceDocuments } from './export';
export type { Rejected } from './pipeline';
export {
  type BilledMonthQuery,
  billedMonth,
  billedMonthFromViews,
  carriedAdjustments,
  type MonthStatus,
  monthStatuses,
} from './read';
export { type SealLogOptions, type SealLogResult, sealLog } from './seal-log';
