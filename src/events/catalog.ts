import type { z } from 'zod';
import { BillingEventSchemas } from './billing';
import { ContractEventSchemas } from './contract';
import { NetworkEventSchemas } from './network';
import { PolicyEventSchemas } from './policies';

export const EventSchemas = {
  ...NetworkEventSchemas,
  ...ContractEventSchemas,
  ...BillingEventSchemas,
  ...PolicyEventSchemas,
} as const;

export type NetworkEventType = keyof typeof NetworkEventSchemas;
export type ContractEventType = keyof typeof ContractEventSchemas;
export type BillingEventType = keyof typeof BillingEventSchemas;
export type PolicyEventType = keyof typeof PolicyEventSchemas;
export type EventType = keyof typeof EventSchemas;
export type EventData<T extends EventType> = z.infer<(typeof EventSchemas)[T]>;

/** A domain event as deciders emit it: its type and its validated data. */
export type DomainEvent = { [K in EventType]: { type: K; data: EventData<K> } }[EventType];
export type NetworkEvent = Extract<DomainEvent, { type: NetworkEventType }>;
export type ContractEvent = Extract<DomainEvent, { type: ContractEventType }>;
export type BillingEvent = Extract<DomainEvent, { type: BillingEventType }>;
export type PolicyEvent = Extract<DomainEvent, { type: PolicyEventType }>;
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

export const EVENT_TYPES = Object.keys(EventSchemas) as EventType[];
export const isEventType = (t: string): t is EventType => Object.hasOwn(EventSchemas, t);
export const isNetworkEventType = (t: string): t is NetworkEventType => Object.hasOwn(NetworkEventSchemas, t);
export const isContractEventType = (t: string): t is ContractEventType =>
  Object.hasOwn(ContractEventSchemas, t);
export const isBillingEventType = (t: string): t is BillingEventType => Object.hasOwn(BillingEventSchemas, t);
export const isPolicyEventType = (t: string): t is PolicyEventType => Object.hasOwn(PolicyEventSchemas, t);

/** The current schema version of each event type; older versions are upcast on read. */
export const SCHEMA_VERSIONS: { readonly [K in EventType]: number } = {
  NetworkRegistered: 1,
  // v2: the contract's item (closed monitoring does not count for Art. 8(1)).
  SiteJoined: 2,
  SiteLeft: 1,
  SettingsDisclosed: 1,
  SiteReservationVoided: 1,
  // v2: the provider catalog edition the decision used.
  ApplicationAccepted: 2,
  // v2: the outages known before the billing start whose hours count from it (Art. 21, Annex 3).
  BillingStarted: 2,
  // v2: the cold standby that changes with a device change (Art. 17(2)(2)), and the provider catalog
  // edition the decision used. v3: the stopping cold standbys left on the old model (policy
  // stopping-cold-standby-may-stay).
  ModelChangeAccepted: 3,
  // v2: the return deadline of the replaced units (Art. 14(3)), decided once; whether it came before
  // the billing start. v3: each new unit's kind and option, whether the target's minimum term
  // restarts (Art. 5(2), 17(3)), and each carried cold standby's own before-billing-start.
  ModelChangeCompleted: 3,
  // v2: the provider catalog edition the decision used.
  OptionAdded: 2,
  // v2: whether the option's own minimum term starts (Art. 17(3)), decided once.
  OptionBillingStarted: 2,
  // v2: the return deadline of the option's units, decided once.
  OptionStopNoticeReceived: 2,
  // v2: the parent contract in force on the day of the instruction (Art. 10(1)(2)).
  ConfigurationChangeInstructed: 2,
  // v2: the units the fee counts (Annex 1 §3(3); a private switch counts for nothing).
  ConfigurationChangePerformed: 2,
  FaultReported: 1,
  FaultInvestigated: 1,
  FaultResolved: 1,
  LossReported: 1,
  ReplacementShipped: 1,
  LossChargeQuoted: 1,
  LostItemFound: 1,
  RelocationConsented: 1,
  EquipmentRelocated: 1,
  EquipmentReturned: 1,
  OneTimeCostRecorded: 1,
  // v2: the claim window of Art. 21, decided once. v3: when the unusable hours start to count
  // (Art. 21, Annex 3: only while the monthly fee is owed), the window from then.
  OutageKnown: 3,
  OutageResolved: 1,
  ReductionClaimed: 1,
  TrafficMeasured: 1,
  ContractChangeProposed: 1,
  // v2 added the ground of termination (Art. 20(1), general terms 28(2)/(3)) and its evidence;
  // v3 the policy that fixed the effective day of a general-terms-28 ground, and the return
  // deadline of Art. 14(3), decided once.
  TerminationNoticeReceived: 3,
  ContractTerminated: 1,
  BreachRepairCostCharged: 1,
  ProhibitedActRecorded: 1,
  IpAddressesDesignated: 1,
  UndesignatedAddressUsed: 1,
  ContractorSetupRecorded: 1,
  EnvironmentSettingsNotified: 1,
  ServiceImpeded: 1,
  EquipmentInstalled: 1,
  VpnConnectionRecorded: 1,
  // v2: the ledger's id and the close's id made from it (unique per ledger).
  MonthClosed: 2,
  LogSealed: 1,
  PoliciesAdopted: 1,
};
