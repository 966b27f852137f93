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
export {
  billedMonthFromViews,
  carriedAdjustments,
  type InvoiceCheck,
  invoicedMismatch,
  type MonthStatus,
  monthStatuses,
  nextToCloseIn,
  signedSubject,
} from './months';
export { combined, fromViews, type Provenance } from './provenance';
export { type ContractMonth, type LedgerSource, type MonthQuery, Reader } from './reader';
export { corruptRowIn, type ReadHooks, ReadTrail, tracedStore } from './trail';
