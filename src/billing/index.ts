/**
 * Billing: month closes, the adjustments of closed months, invoice exports and seals. What other
 * edges (the CLI, a server) call:
 *  - closeMonth(command, {store, views, clock, key}): close a month (src/billing/close.ts)
 *  (a month as billed, and the months' status, are read through src/read)
 *  - invoiceDocuments(billed, billTo?): the invoice documents of a month
 *  - sealLog({actor}, {store, views, clock, key}): a seal on demand
 */
export { type CloseOptions, type CloseResult, closeMonth } from './close';
export { type CloseReference, INVOICE_SCHEMA, type InvoiceDocument, invoiceDocuments } from './export';
export type { Rejected } from './pipeline';
export { type SealLogOptions, type SealLogResult, sealLog } from './seal-log';
