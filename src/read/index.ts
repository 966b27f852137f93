/** The one read policy (reader.ts) and what it answers with. */

export type { ViewsProblem } from '../views/views-db';
export { billedContractMonth, type ContractBook } from './contract-book';
export type { ContractRead, FoldProgress } from './folds';
export {
  type ClosedLine,
  type CorrectedLine,
  explainedEvents,
  type LineCorrection,
  type LineExplanation,
} from './lines';
export type { BilledHead, LineOrder, MonthReading } from './month-stream';
export {
  billedMonthFromViews,
  carriedAdjustments,
  type InvoiceCheck,
  invoiceCheck,
  invoicedMismatch,
  nextToCloseIn,
  signedSubject,
} from './months';
export type { MonthBillToTotal, MonthOverview } from './months-overview';
export { combined, fromViews, type Provenance } from './provenance';
export { type ContractMonth, type LedgerSource, type MonthQuery, Reader } from './reader';
export { corruptRowIn, type ReadHooks, ReadTrail, tracedStore } from './trail';
