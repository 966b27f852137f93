import type { EquipmentItem } from '../../events/fields';
import {
  type ContractType,
  type Item,
  type MaintenanceType,
  type ModelFrom,
  modelInUseOn,
  type OptionKind,
  type TermYears,
} from '../../terms/catalog';
import { compareDates } from '../../terms/dates';
import { type EffectiveMaintenance, effectiveMaintenanceType } from '../../terms/editions';
import type { Deadline, RecordedClaimWindow, Termination28Policy } from '../../terms/policies';
import type { LaterFactKind } from '../../terms/rejections';

/**
 * The state of one site contract, folded from its events: what the contract decider reads, and
 * nothing more (fees, terms, sites and addresses are the projections' to read from the events).
 * What it holds is dated (an item's since, an option's added and stop days, the models over time),
 * so that a decision can be made against the contract as it stood on a date.
 *
 * Everything keyed by an id from input is a Map, never a plain object: an id may be any string the
 * id rule allows, `constructor` and `toString` included. States are immutable: evolve copies a Map
 * before it changes it.
 */

export interface TerminationState {
  readonly noticeArrivedOn: string;
  readonly effectiveOn: string;
  /** The policy that fixed effectiveOn for a general-terms-28 ground; null: Art. 18 itself. */
  readonly effectivePolicy: Termination28Policy | null;
  /** Art. 14(3): what is still installed at the end goes back by this day (decided with the notice). */
  readonly returnDue: Deadline;
  readonly terminatedOn: string | null;
}

/**
 * Where an item of equipment stands (Art. 14, 15, 16):
 * - held: installed at the contractor's and in use;
 * - owed: no longer used and to be returned within 30 days of `owedFrom` (Art. 14(3)), or a faulty
 *   unit swapped under Art. 15 that the provider takes back;
 * - returned: back with the provider;
 * - lost: reported lost (Art. 16(1)) or deemed lost for not being returned (Art. 16(2));
 * - found: a lost item found again (Art. 16(3)); it may still be sent back, without refund.
 */
export type EquipmentStatus = 'held' | 'owed' | 'returned' | 'lost' | 'found';

/** Why an item is owed back: Art. 14(3) (termination, model change, option ended) or Art. 15. */
export type OwedReason = 'termination' | 'model-change' | 'option-stopped' | 'fault-replacement';

export interface EquipmentState extends EquipmentItem {
  readonly status: EquipmentStatus;
  /** The option the item belongs to; null for the contract's own VPN devices. */
  readonly optionId: string | null;
  /** The date the item came into the contract (acceptance, option added, replacement). */
  readonly since: string;
  readonly owedFrom: string | null;
  readonly owedReason: OwedReason | null;
  /** Art. 14(3): the day the item must be back by, as the event that made it owed decided it. */
  readonly returnDue: Deadline | null;
  readonly returnedOn: string | null;
  readonly lossId: string | null;
  /**
   * The last day the item was in use: the day before the unit that replaced it (model change, fault)
   * took over, or before its loss was reported; the contract's last day. Null while in use (an
   * option's unit is in use through its option's stop, see itemInUseOn).
   */
  readonly lastInUse: string | null;
  /**
   * The latest date of a recorded fact that needed the item in use (a job, a fault report, a
   * relocation, an installation, a loss): a fact recorded later may not end its use before it.
   */
  readonly lastUsedOn: LaterFact | null;
}

/** A recorded fact a later-recorded, earlier-dated fact must not unsettle: what it was, its date, its id. */
export interface LaterFact {
  readonly fact: LaterFactKind;
  readonly on: string;
  readonly ref: string;
}

/**
 * A recorded decision that read the model of the device (optionId null) or of an option's units
 * (cold standby, private switch) on its date: an option's eligibility, a model change's from-model,
 * a replacement's model, a travel cost's maintenance type. A model change completed on or before
 * that date would have changed what it read. `changeId`: the change whose acceptance read it.
 */
export interface ModelRead extends LaterFact {
  readonly optionId: string | null;
  readonly changeId: string | null;
}

export interface OptionState {
  readonly optionId: string;
  readonly option: OptionKind;
  /** Cold standby: the unit's model; private switch: the switch model; accessories: the host model or null (the VPN device). */
  readonly model: string | null;
  /** Cold standby and private switch: the units' models over time (as `deviceModels`); else the one entry. */
  readonly models: readonly ModelFrom[];
  readonly itemIds: readonly string[];
  readonly addedOn: string;
  readonly billingStartOn: string | null;
  readonly stop: {
    readonly noticeArrivedOn: string;
    readonly effectiveOn: string;
    /** The option's units go back by this day (Art. 14(3) by analogy). */
    readonly returnDue: Deadline;
  } | null;
}

export type ModelChangeTargetState =
  | { readonly kind: 'device' }
  | { readonly kind: 'option'; readonly optionId: string };

export interface ModelChangeState {
  readonly changeId: string;
  readonly target: ModelChangeTargetState;
  readonly fromModel: string;
  readonly toModel: string;
  readonly acceptedOn: string;
  /** A device change: the cold standbys that change with it (Art. 17(2)(2)). */
  readonly coldStandby: readonly { readonly optionId: string }[];
  readonly completedOn: string | null;
}

export interface ConfigJobState {
  readonly jobId: string;
  readonly instructedBy: string;
  readonly instructedAt: string;
  readonly performed: { readonly startedAt: string } | null;
}

export type FaultOutcome =
  | 'provider-fault'
  | 'contractor-fault'
  | 'no-fault-found'
  | 'minor-handled-by-contractor';

export interface FaultState {
  readonly faultId: string;
  readonly itemId: string;
  readonly reportedAt: string;
  readonly investigation: { readonly outcome: FaultOutcome; readonly investigatedOn: string } | null;
  readonly resolution: { readonly resolvedOn: string } | null;
}

export interface LossState {
  readonly lossId: string;
  readonly itemId: string;
  readonly reason: 'reported-loss' | 'not-returned';
  /** The loss report's date (Art. 16(1)); null for an item deemed lost for not being returned. */
  readonly reportedOn: string | null;
  /** The item was in use when lost: a replacement is due (Art. 16(1)). */
  readonly replacementDue: boolean;
  readonly replacementItemId: string | null;
  readonly shippedOn: string | null;
  readonly charge: { readonly amount: number; readonly quotedOn: string } | null;
  readonly foundOn: string | null;
}

export interface ConsentState {
  readonly consentId: string;
  readonly itemIds: readonly string[];
  readonly consentedOn: string;
  readonly relocatedOn: string | null;
}

export interface OutageState {
  readonly outageId: string;
  readonly knownAt: string;
  /** When its unusable hours start to count (policy reduction-hours-while-fee-owed); null: not yet billed. */
  readonly countedFrom: string | null;
  /** Art. 21: the claim window recorded with countedFrom; null with it. */
  readonly claimWindow: RecordedClaimWindow | null;
  readonly resolvedAt: string | null;
  readonly claimedOn: string | null;
}

/** Art. 14(2): the recovery or repair cost of equipment lost or damaged in breach of 14(1). */
export interface BreachChargeState {
  readonly chargeId: string;
  readonly itemIds: readonly string[];
  readonly harm: 'lost' | 'damaged';
}

/** Art. 7(2): addresses designated for the contract. */
export interface AddressDesignationState {
  readonly designationId: string;
  readonly addresses: readonly string[];
  readonly designatedOn: string;
}

/** The kinds of recorded conduct whose ids must be fresh (Art. 7(3), 8(2)-(4), 13, 14(1), 22(1)). */
export type ConductKind =
  | 'act'
  | 'address-use'
  | 'setup'
  | 'notice'
  | 'impediment'
  | 'installation'
  | 'connection';

export interface AcceptedContract {
  readonly status: 'accepted' | 'billing' | 'terminated';
  readonly contractId: string;
  readonly networkId: string;
  readonly contractType: ContractType;
  readonly contractorId: string;
  readonly parentHolderId: string;
  readonly item: Item;
  /**
   * The current VPN device model (changes with a completed device-model change, Art. 9(1)); null for
   * closed monitoring, which has no VPN device of its own (Art. 2).
   */
  readonly deviceModel: string | null;
  /** The device models in use over time: the model at acceptance, then each changed one from its billing start. */
  readonly deviceModels: readonly ModelFrom[];
  readonly maintenanceType: MaintenanceType;
  readonly termYears: TermYears;
  readonly acceptedOn: string;
  readonly billingStartOn: string | null;
  /** The acceptance included the on-site installation option (Art. 17(2)(1)). */
  readonly onSiteInstallationAtAcceptance: boolean;
  /** Every item the contract ever had, by item id. */
  readonly equipment: ReadonlyMap<string, EquipmentState>;
  readonly options: ReadonlyMap<string, OptionState>;
  readonly modelChanges: ReadonlyMap<string, ModelChangeState>;
  /** Art. 9(1): one change at a time; the id of the accepted, not yet completed change. */
  readonly openModelChangeId: string | null;
  readonly configJobs: ReadonlyMap<string, ConfigJobState>;
  readonly faults: ReadonlyMap<string, FaultState>;
  readonly losses: ReadonlyMap<string, LossState>;
  readonly consents: ReadonlyMap<string, ConsentState>;
  readonly outages: ReadonlyMap<string, OutageState>;
  /** Art. 23: the traffic measurements, by id, with the day each was made. */
  readonly measurements: ReadonlyMap<string, string>;
  /** Art. 23 proposals and Annex 1 §3 costs, by id, with the day each names: only their ids are ruled on. */
  readonly proposals: ReadonlyMap<string, string>;
  readonly oneTimeCosts: ReadonlyMap<string, string>;
  readonly breachCharges: ReadonlyMap<string, BreachChargeState>;
  readonly addressDesignations: ReadonlyMap<string, AddressDesignationState>;
  /** Other recorded conduct, by `conductKey(kind, id)`, with the day it names: only ids matter to the rules. */
  readonly conduct: ReadonlyMap<string, string>;
  readonly termination: TerminationState | null;
  /** The decisions that read a model on their date (see ModelRead). */
  readonly modelReads: readonly ModelRead[];
  /** The latest recorded fact of the service's life: a notice may not end the contract before it. */
  readonly latestFact: LaterFact | null;
}

export type ContractState = { readonly status: 'none' } | AcceptedContract;

export const initialContractState: ContractState = { status: 'none' };

// ---------------------------------------------------------------------------------------------
// Queries (pure, used by the decider, the tests and the projections)

/** The device model in use on `date` (Art. 9(1)); null for closed monitoring. */
export const deviceModelOn = (contract: AcceptedContract, date: string): string | null =>
  modelInUseOn(contract.deviceModels, date);

/**
 * The maintenance type the contract is read as on `date` (Art. 4, supplementary provisions 2010),
 * by the model in use that day: a NetScreen contract changed to a Cisco model is no longer one.
 */
export const maintenanceOn = (contract: AcceptedContract, date: string): EffectiveMaintenance =>
  effectiveMaintenanceType(contract.maintenanceType, deviceModelOn(contract, date), date);

/** Items of the contract in a given status, in insertion order. */
export const itemsWithStatus = (contract: AcceptedContract, status: EquipmentStatus): EquipmentState[] =>
  [...contract.equipment.values()].filter((e) => e.status === status);

/** The model of an option's units (cold standby, private switch) on `date`. */
export const optionModelOn = (option: OptionState, date: string): string | null =>
  modelInUseOn(option.models, date);

/**
 * The item was in use under the contract on `date` (Art. 14, 15): it had come, its use had not
 * ended (replaced, lost), its option had not stopped, and the contract was in force.
 */
export const itemInUseOn = (contract: AcceptedContract, item: EquipmentState, date: string): boolean => {
  if (compareDates(item.since, date) > 0) return false;
  if (item.lastInUse !== null && compareDates(date, item.lastInUse) > 0) return false;
  const stop = item.optionId === null ? null : (contract.options.get(item.optionId)?.stop ?? null);
  if (stop !== null && compareDates(date, stop.effectiveOn) > 0) return false;
  const last = lastDayInForce(contract);
  return last === null || compareDates(date, last) <= 0;
};

/** The model change open on `date`: accepted by then and not completed by then; null when none. */
export const changeOpenOn = (contract: AcceptedContract, date: string): ModelChangeState | null => {
  for (const m of contract.modelChanges.values()) {
    if (compareDates(m.acceptedOn, date) > 0) continue;
    if (m.completedOn === null || compareDates(m.completedOn, date) > 0) return m;
  }
  return null;
};

/** The option is still in force on `date`: added, and its stop (if any) not yet effective. */
export const optionActiveOn = (option: OptionState, date: string): boolean =>
  compareDates(option.addedOn, date) <= 0 &&
  (option.stop === null || compareDates(date, option.stop.effectiveOn) <= 0);

/** The key of a recorded fact of conduct: ids never contain '/', so kinds never collide. */
export const conductKey = (kind: ConductKind, id: string): string => `${kind}/${id}`;

/** The last day the contract is in force, when a termination notice is on record. */
export const lastDayInForce = (contract: AcceptedContract): string | null =>
  contract.termination?.terminatedOn ?? contract.termination?.effectiveOn ?? null;
