export {
  type BillingCommand,
  BillingCommandSchemas,
  type BillingCommandType,
  type BillingMonthState,
  billingDecider,
  type CloseContext,
  type CloseSnapshot,
  closeIdOf,
  type InvoicedLineData,
  ledgerIdOf,
  monthEndsAt,
} from './billing/decider';
export * from './context';
export type { ContractCommand, ContractCommandData, ContractCommandType } from './contract/commands';
export { ContractCommandSchemas } from './contract/commands';
export { owedUnderArt14 } from './contract/decide-equipment';
export { ALLOWED_AFTER_TERMINATION } from './contract/decider';
export type {
  AcceptedContract,
  ConfigJobState,
  ConsentState,
  ContractState,
  EquipmentState,
  EquipmentStatus,
  FaultState,
  LossState,
  ModelChangeState,
  OptionState,
  OutageState,
  OwedReason,
} from './contract/state';
export { itemsWithStatus, lastDayInForce, maintenanceOn, optionActiveOn } from './contract/state';
export * from './decision';
export { NetworkCommandSchemas } from './network/commands';
export type { PendingReservation } from './network/decider';
export type { NetworkState, RegisteredNetwork } from './network/state';
export * from './policies/book';
export { PolicyCommandSchemas } from './policies/commands';
export * from './registry';
