/**
 * What the ledger refuses, as data: a stable code, its parameters and the provisions it rests on.
 * Every code the deciders (and the rules of the catalog and of addressing) can give is here with
 * the type of its parameters; the renderers (src/render) turn a rejection into words in either
 * language, and their catalogs must have a message for every code (the type check says so).
 *
 * A parameter named `case` tells the variants of one code apart; dates are 'YYYY-MM-DD', instants
 * ISO-8601, amounts whole yen, ids as given.
 */

import type { Citation } from './citation';
import type { ContractorDuty } from './duties';
import type { MaintenanceBasis } from './editions';
import type { FieldIssue } from './field-messages';
import type { PolicyName } from './policies';
import type { CatalogFitProblem } from './provider-catalog';
import type { ContractType, EquipmentKind, Item, MaintenanceType, OptionKind } from './vocabulary';

type Id = string;
type Day = string;
type Instant = string;

/** Held, owed back, returned, lost or found (the contract decider's item statuses). */
export type ItemStatus = 'held' | 'owed' | 'returned' | 'lost' | 'found';
export type EquipmentKindName = EquipmentKind;
export type FaultOutcomeName =
  | 'provider-fault'
  | 'contractor-fault'
  | 'no-fault-found'
  | 'minor-handled-by-contractor';
export type FaultResolutionName = 'repaired' | 'replaced' | 'handled-by-contractor';
export type OneTimeCostName =
  | 'travel'
  | 'special-installation-work'
  | 'on-site-cancellation'
  | 'on-site-overtime'
  | 'on-site-emergency';
export type GroundName = 'ordinary' | 'general-terms-28-2' | 'general-terms-28-3';

/**
 * A recorded fact a late one (recorded after it, dated before it) would unsettle, by what it is: a
 * model change, an option added (its model read), an option's billing start or stop, a unit
 * replaced after a fault or a loss (its model read), a use of an item (a job, a fault report, a
 * relocation, an installation, a loss), a fact of the service's life, a travel cost (the
 * maintenance type read by the model).
 */
export type LaterFactKind =
  | 'model-change'
  | 'option'
  | 'option-billing'
  | 'replacement'
  | 'use-of-item'
  | 'service'
  | 'travel-cost'
  | 'reduction-claim';

/** `{id} is already on record for contract {contractId}` (the conduct facts' own ids). */
interface OnRecord {
  readonly id: Id;
  readonly contractId: Id;
}

/** Why the views (the read models' tables) cannot answer as they are: data, worded at the edge. */
export type ViewsProblem =
  | { readonly code: 'views-not-configured' }
  | { readonly code: 'views-not-built' }
  | { readonly code: 'views-other-version'; readonly version: number; readonly expected: number }
  | { readonly code: 'views-stale'; readonly detail: string }
  /** A read found a view's rows disagreeing with what the log recorded (a close's signed lines). */
  | { readonly code: 'views-differ'; readonly table: string; readonly month: string };

export interface RejectionParams {
  // -- the command pipeline (src/ledger)
  readonly INVALID_COMMAND: {
    /** The first problems found (src/ledger/command-envelope.ts lists at most 20). */
    readonly problems: readonly {
      readonly path: string;
      readonly message: string;
      readonly issue?: FieldIssue;
    }[];
    /** How many more were found and not listed. */
    readonly more?: number;
  };
  readonly CONCURRENCY_CONFLICT: { readonly streamId: string; readonly attempts: number };
  /**
   * A command id is its actor's (src/ledger/command-ids.ts): the id is always the caller's own,
   * and the answer never says where it was used (another stream may be one the caller cannot see).
   */
  readonly COMMAND_ID_REUSED: {
    /** payload: the same command with another payload; other-command: the id names another command of the actor. */
    readonly case: 'payload' | 'other-command';
    readonly commandId: Id;
    readonly actor: Id;
  };
  readonly BEFORE_FIRST_EDITION: { readonly date: Day };
  /** Policy dates-within-supported-range: a date the decision would record (derived) lies outside it. */
  readonly DATE_OUT_OF_RANGE: {
    readonly event: string;
    /** Where in the event's data: 'effectiveOn', 'deadlines.0.due.on'. */
    readonly path: string;
    readonly date: Day;
    readonly first: Day;
    readonly last: Day;
  };

  // -- shared checks of the contract decider (rules.ts, decider.ts)
  readonly NO_CATALOG_EDITION: { readonly date: Day };
  readonly DATE_BEFORE_ACCEPTANCE: {
    readonly case: 'fact' | 'notice';
    readonly date: Day;
    readonly contractId: Id;
    readonly acceptedOn: Day;
  };
  readonly DATE_AFTER_TERMINATION: {
    readonly case: 'service' | 'replacement' | 'cost';
    readonly contractId: Id;
    readonly lastDay: Day;
    readonly date: Day;
  };
  readonly CONTRACT_TERMINATED:
    | { readonly case: 'command'; readonly contractId: Id; readonly lastDay: Day; readonly command: string }
    | {
        readonly case: 'replacement' | 'cost';
        readonly contractId: Id;
        readonly lastDay: Day;
        readonly date: Day;
      };
  readonly DUPLICATE_ITEM_ID:
    | { readonly case: 'used'; readonly itemId: Id; readonly contractId: Id }
    | { readonly case: 'listed-twice' | 'devices' };
  readonly ITEM_NOT_FOUND: { readonly contractId: Id; readonly itemId: Id };
  readonly ITEM_NOT_HELD:
    | {
        readonly case: 'in-use' | 'to-lose';
        readonly itemId: Id;
        readonly contractId: Id;
        readonly status: ItemStatus;
      }
    /** Not in use under the contract on the fact's date (not yet come, replaced, lost, its option stopped). */
    | { readonly case: 'on-date'; readonly itemId: Id; readonly contractId: Id; readonly date: Day };
  /**
   * A fact recorded after later-dated facts (bitemporal: decided as of its date) that would change
   * what one of them was decided on: a model it read, an item it used, the contract's life.
   */
  readonly CONFLICTS_WITH_LATER_FACT: {
    readonly contractId: Id;
    readonly date: Day;
    readonly fact: LaterFactKind;
    readonly on: Day;
    readonly ref: Id;
  };
  readonly CONTRACT_NOT_FOUND: { readonly contractId: Id };

  // -- the application, billing, termination (decide-lifecycle.ts)
  readonly CONTRACT_EXISTS: {
    readonly case: 'in-network' | 'site';
    readonly contractId: Id;
    readonly networkId: Id;
  };
  readonly NETWORK_NOT_FOUND:
    | { readonly case: 'plain' | 'register-first'; readonly networkId: Id }
    | { readonly case: 'of-contract'; readonly networkId: Id; readonly contractId: Id };
  readonly SITE_OUTSIDE_JAPAN: { readonly country: string };
  readonly MAINTENANCE_TYPE_UNAVAILABLE: { readonly acceptedOn: Day };
  readonly CLOSED_MONITORING_NOT_PARENT: { readonly networkId: Id };
  readonly DEVICE_MODEL_NOT_APPLICABLE: { readonly model: string };
  readonly DEVICE_MODEL_REQUIRED: { readonly item: Item };
  readonly SWITCH_MODEL_NOT_A_VPN_DEVICE: {
    readonly case: 'art-3' | 'edition';
    readonly model: string;
    readonly edition: string;
  };
  readonly UNKNOWN_DEVICE_MODEL: { readonly model: string; readonly edition: string };
  readonly DEVICE_COUNT: {
    readonly contractType: ContractType;
    readonly item: Item;
    readonly expected: number;
    readonly given: number;
  };
  readonly BILLING_ALREADY_STARTED: { readonly contractId: Id; readonly billingStartOn: Day };
  readonly BILLING_BEFORE_ACCEPTANCE: { readonly billingStartOn: Day; readonly acceptedOn: Day };
  readonly BILLING_BEFORE_MODEL_CHANGE:
    | { readonly case: 'device'; readonly changedOn: Day; readonly billingStartOn: Day }
    | {
        readonly case: 'option';
        readonly optionId: Id;
        readonly changedOn: Day;
        readonly billingStartOn: Day;
      };
  readonly NETWORK_INCOMPLETE: { readonly networkId: Id };
  readonly TERMINATION_ALREADY_NOTIFIED: { readonly contractId: Id; readonly noticeArrivedOn: Day };
  readonly EVIDENCE_REQUIRED: { readonly ground: GroundName };
  readonly NO_TERMINATION_NOTICE: { readonly contractId: Id };
  readonly TERMINATION_DATE_MISMATCH: {
    readonly contractId: Id;
    readonly effectiveOn: Day;
    readonly policy: PolicyName | null;
    readonly requested: Day;
  };
  readonly CHANGE_NOT_ALLOWED:
    | {
        readonly case: 'contractType' | 'item' | 'maintenanceType';
        readonly current: ContractType | Item | MaintenanceType;
        readonly requested: string;
      }
    | {
        readonly case: 'network';
        readonly contractId: Id;
        readonly networkId: Id;
        readonly requested: string;
      }
    | { readonly case: 'termYears'; readonly termYears: number; readonly requested: string };

  // -- options (decide-options.ts) and their eligibility (terms/catalog.ts)
  readonly OPTION_EXISTS: { readonly contractId: Id; readonly optionId: Id };
  readonly ON_SITE_HAS_NO_MONTHLY_FEE: { readonly monthlyFee: number };
  readonly OPTION_MODEL_NOT_APPLICABLE: Record<string, never>;
  readonly OPTION_NEEDS_DEVICE: { readonly item: Item; readonly option: OptionKind };
  readonly MODEL_CHANGE_IN_PROGRESS:
    | {
        readonly case: 'cold-standby';
        readonly changeId: Id;
        readonly fromModel: string;
        readonly toModel: string;
      }
    | { readonly case: 'one-at-a-time'; readonly changeId: Id; readonly contractId: Id };
  readonly OPTION_HOST_NOT_IN_CONTRACT: {
    readonly option: OptionKind;
    readonly contractId: Id;
    readonly model: string;
  };
  readonly OPTION_HAS_NO_EQUIPMENT: Record<string, never>;
  readonly OPTION_EQUIPMENT_REQUIRED: { readonly option: OptionKind };
  readonly OPTION_NOT_FOUND: { readonly contractId: Id; readonly optionId: Id };
  readonly OPTION_HAS_NO_MONTHLY_FEE: { readonly option: OptionKind };
  readonly OPTION_BILLING_ALREADY_STARTED: { readonly optionId: Id; readonly billingStartOn: Day };
  readonly OPTION_BILLING_BEFORE_ADDED: {
    readonly optionId: Id;
    readonly addedOn: Day;
    readonly billingStartOn: Day;
  };
  readonly OPTION_STOPPED: { readonly optionId: Id; readonly effectiveOn: Day };
  readonly OPTION_NOT_ACTIVE:
    | {
        readonly case: 'stop-notified';
        readonly optionId: Id;
        readonly noticeArrivedOn: Day;
        readonly effectiveOn: Day;
      }
    | { readonly case: 'stops'; readonly optionId: Id; readonly effectiveOn: Day };
  readonly NOTICE_BEFORE_OPTION_ADDED: {
    readonly optionId: Id;
    readonly addedOn: Day;
    readonly noticeArrivedOn: Day;
  };
  readonly UNKNOWN_MODEL: { readonly model: string; readonly edition: string };
  readonly NOT_A_VPN_DEVICE:
    | { readonly case: 'switch-model'; readonly model: string }
    | { readonly case: 'item-kind'; readonly itemId: Id; readonly kind: EquipmentKindName }
    /** A job of private switches only: no VPN device's settings (Art. 10), nothing Annex 1 §3(3) counts. */
    | { readonly case: 'no-vpn-device'; readonly jobId: Id };
  readonly COLD_STANDBY_MODEL_MISMATCH: {
    readonly case: 'eligibility' | 'model-change';
    readonly deviceModel: string;
    readonly model: string;
  };
  readonly SWITCH_MODEL_REQUIRED: Record<string, never>;
  readonly NOT_A_SWITCH_MODEL: { readonly model: string; readonly edition: string };
  readonly MODEL_NOT_DESIGNATED: {
    readonly option: OptionKind;
    readonly allowed: readonly string[];
    readonly by: 'text' | 'edition';
    readonly edition: string;
    readonly model: string;
  };
  readonly LICENCE_MODEL_NOT_ELIGIBLE: RejectionParams['MODEL_NOT_DESIGNATED'];

  // -- model changes (decide-model-change.ts)
  readonly COLD_STANDBY_NOT_APPLICABLE: Record<string, never>;
  readonly NOT_A_COLD_STANDBY_OF_THE_DEVICE: { readonly optionId: Id; readonly fromModel: string };
  readonly COLD_STANDBY_MUST_FOLLOW: { readonly optionId: Id; readonly fromModel: string };
  readonly MODEL_CHANGE_EXISTS: { readonly changeId: Id };
  readonly NO_DEVICE_TO_CHANGE: { readonly item: Item };
  readonly OPTION_MODEL_NOT_CHANGEABLE: { readonly optionId: Id; readonly option: OptionKind };
  readonly MODEL_CHANGE_BEFORE_TERM_START: { readonly acceptedOn: Day; readonly since: Day };
  readonly MODEL_CHANGE_NOT_ALLOWED: {
    readonly edition: string;
    readonly fromModel: string;
    readonly toModel: string;
  };
  readonly OPTION_BLOCKS_MODEL_CHANGE: {
    readonly optionId: Id;
    readonly option: OptionKind;
    readonly toModel: string;
    /** Why the option would not fit: the refusal of its eligibility rule. */
    readonly cause: Rejection;
  };
  readonly MODEL_CHANGE_NOT_FOUND: { readonly changeId: Id };
  readonly MODEL_CHANGE_ALREADY_COMPLETED: { readonly changeId: Id; readonly completedOn: Day };
  readonly MODEL_CHANGE_BEFORE_ACCEPTANCE: { readonly billingStartOn: Day; readonly acceptedOn: Day };
  readonly NO_EQUIPMENT_TO_CHANGE: { readonly changeId: Id };
  readonly MODEL_CHANGE_ITEM_COUNT: {
    readonly changeId: Id;
    readonly units: readonly Id[];
    readonly given: number;
  };

  // -- equipment: losses, relocations, returns (decide-equipment.ts)
  readonly LOSS_EXISTS: { readonly case: 'reported' | 'not-returned'; readonly lossId: Id };
  readonly LOSS_BEFORE_DELIVERY: { readonly itemId: Id; readonly since: Day };
  readonly LOSS_NOT_FOUND: { readonly case: 'reported' | 'on-record'; readonly lossId: Id };
  readonly REPLACEMENT_NOT_DUE: { readonly itemId: Id };
  readonly REPLACEMENT_ALREADY_SHIPPED: { readonly lossId: Id; readonly shippedOn: Day };
  readonly REPLACEMENT_BEFORE_REPORT: {
    readonly lossId: Id;
    readonly reportedOn: Day;
    readonly shippedOn: Day;
  };
  readonly REPLACEMENT_MISMATCH: {
    readonly case: 'loss' | 'fault';
    readonly itemId: Id;
    readonly kind: EquipmentKindName;
    readonly model: string;
  };
  readonly LOSS_ITEM_MISMATCH: { readonly lossId: Id; readonly itemId: Id; readonly given: Id };
  readonly LOSS_CHARGE_ALREADY_QUOTED: {
    readonly amount: number;
    readonly lossId: Id;
    readonly quotedOn: Day;
  };
  readonly CHARGE_BEFORE_REPORT: { readonly lossId: Id; readonly reportedOn: Day; readonly quotedOn: Day };
  readonly ITEM_NOT_OWED:
    | { readonly case: 'returned-in-time'; readonly itemId: Id; readonly returnedOn: Day }
    | { readonly case: 'not-owed'; readonly itemId: Id; readonly status: ItemStatus };
  readonly RETURN_NOT_OVERDUE: {
    readonly itemId: Id;
    readonly dueOn: Day;
    readonly days: number;
    readonly from: Day;
    readonly shiftedFrom: Day | null;
    readonly quotedOn: Day;
  };
  readonly DOUBLE_RECOVERY:
    | { readonly case: 'breach-charged'; readonly itemId: Id; readonly chargeId: Id }
    | { readonly case: 'loss-charged'; readonly itemId: Id; readonly lossId: Id };
  readonly LOST_ITEM_ALREADY_FOUND: { readonly itemId: Id; readonly lossId: Id; readonly foundOn: Day };
  readonly FOUND_BEFORE_LOSS: { readonly lossId: Id; readonly lostOn: Day; readonly foundOn: Day };
  readonly CONSENT_EXISTS: { readonly consentId: Id };
  readonly EQUIPMENT_OUTSIDE_JAPAN: { readonly country: string };
  readonly RELOCATION_WITHOUT_CONSENT: { readonly consentId: Id };
  readonly CONSENT_ALREADY_USED: { readonly consentId: Id; readonly relocatedOn: Day };
  readonly RELOCATION_BEFORE_CONSENT: { readonly relocatedOn: Day; readonly consentedOn: Day };
  readonly ITEM_ALREADY_RETURNED: { readonly itemId: Id; readonly returnedOn: Day };
  readonly ITEM_LOST: { readonly itemId: Id; readonly lossId: Id };
  readonly ITEM_IN_USE: { readonly itemId: Id };
  readonly RETURN_BEFORE_DUE: { readonly itemId: Id; readonly from: Day; readonly returnedOn: Day };

  // -- configuration changes, faults, outages, traffic, one-time costs (decide-service.ts)
  readonly JOB_EXISTS: { readonly jobId: Id };
  readonly NOT_PARENT_HOLDER: { readonly holder: Id; readonly networkId: Id; readonly instructedBy: Id };
  /** Art. 10(1)(2): no parent contract of the network was in force on the day of the instruction. */
  readonly PARENT_NOT_IN_FORCE:
    | { readonly case: 'none'; readonly networkId: Id; readonly parentContractId: Id; readonly date: Day }
    | {
        readonly case: 'not-yet';
        readonly networkId: Id;
        readonly parentContractId: Id;
        readonly date: Day;
        readonly acceptedOn: Day;
      }
    | {
        readonly case: 'ended';
        readonly networkId: Id;
        readonly parentContractId: Id;
        readonly date: Day;
        readonly lastDay: Day;
      };
  readonly JOB_NOT_INSTRUCTED: { readonly jobId: Id };
  readonly JOB_ALREADY_PERFORMED: { readonly jobId: Id; readonly startedAt: Instant };
  readonly JOB_BEFORE_INSTRUCTION: {
    readonly jobId: Id;
    readonly startedAt: Instant;
    readonly instructedAt: Instant;
  };
  readonly FAULT_EXISTS: { readonly faultId: Id };
  readonly FAULT_ALREADY_OPEN: { readonly faultId: Id; readonly itemId: Id };
  readonly FAULT_NOT_FOUND: { readonly faultId: Id };
  readonly FAULT_ALREADY_INVESTIGATED: { readonly faultId: Id; readonly investigatedOn: Day };
  readonly INVESTIGATION_BEFORE_REPORT: {
    readonly faultId: Id;
    readonly reportedAt: Instant;
    readonly investigatedOn: Day;
  };
  readonly QUOTED_COST_REQUIRED: { readonly outcome: FaultOutcomeName };
  readonly QUOTED_COST_NOT_OWED: { readonly outcome: FaultOutcomeName };
  readonly FAULT_ALREADY_RESOLVED: { readonly faultId: Id; readonly resolvedOn: Day };
  readonly FAULT_NOT_INVESTIGATED: { readonly faultId: Id };
  readonly RESOLUTION_BEFORE_INVESTIGATION: {
    readonly faultId: Id;
    readonly investigatedOn: Day;
    readonly resolvedOn: Day;
  };
  readonly NOT_A_MINOR_FAULT: { readonly faultId: Id; readonly outcome: FaultOutcomeName };
  readonly REPLACEMENT_NOT_EXPECTED: { readonly resolution: FaultResolutionName };
  readonly REPLACEMENT_REQUIRED: Record<string, never>;
  readonly OUTAGE_EXISTS: { readonly outageId: Id };
  readonly OUTAGE_NOT_FOUND: { readonly outageId: Id };
  readonly OUTAGE_ALREADY_RESOLVED: { readonly outageId: Id; readonly resolvedAt: Instant };
  readonly OUTAGE_RESOLVED_BEFORE_KNOWN: {
    readonly outageId: Id;
    readonly knownAt: Instant;
    readonly resolvedAt: Instant;
  };
  readonly REDUCTION_ALREADY_CLAIMED: { readonly outageId: Id; readonly claimedOn: Day };
  readonly CLAIM_BEFORE_OUTAGE: { readonly outageId: Id; readonly knownAt: Instant; readonly claimedOn: Day };
  /** Policy reduction-hours-while-fee-owed: the outage's hours have not begun to count (billing not started). */
  readonly CLAIM_BEFORE_BILLING: { readonly outageId: Id; readonly contractId: Id; readonly claimedOn: Day };
  readonly CLAIM_PREMATURE: {
    readonly reachedAt: Instant;
    readonly firstClaimableOn: Day;
    readonly claimedOn: Day;
  };
  readonly MEASUREMENT_EXISTS: { readonly measurementId: Id };
  readonly PROPOSAL_EXISTS: { readonly proposalId: Id };
  readonly MEASUREMENT_NOT_FOUND: { readonly contractId: Id; readonly measurementId: Id };
  readonly PROPOSAL_BEFORE_MEASUREMENT: {
    readonly measurementId: Id;
    readonly measuredOn: Day;
    readonly proposedOn: Day;
  };
  readonly COST_EXISTS: { readonly costId: Id };
  readonly TRAVEL_NOT_TYPE_2: {
    readonly contractId: Id;
    readonly maintenanceType: MaintenanceType;
    readonly date: Day;
    readonly basis: MaintenanceBasis;
  };
  readonly ON_SITE_OPTION_REQUIRED:
    | { readonly case: 'cost'; readonly cost: OneTimeCostName; readonly contractId: Id }
    | { readonly case: 'installation'; readonly contractId: Id };

  // -- the contract's conduct (decide-conduct.ts) and addresses (terms/addressing.ts)
  readonly ACT_EXISTS: OnRecord;
  readonly ADDRESS_USE_EXISTS: OnRecord;
  readonly SETUP_EXISTS: OnRecord;
  readonly NOTICE_EXISTS: OnRecord;
  readonly IMPEDIMENT_EXISTS: OnRecord;
  readonly INSTALLATION_EXISTS: OnRecord;
  readonly CONNECTION_EXISTS: OnRecord;
  readonly BREACH_CHARGE_EXISTS: { readonly chargeId: Id };
  readonly CHARGE_BEFORE_HARM: {
    readonly harm: 'lost' | 'damaged';
    readonly occurredOn: Day;
    readonly chargedOn: Day;
  };
  readonly ADDRESS_DESIGNATED: {
    readonly address: string;
    readonly designationId: Id;
    readonly addresses: readonly string[];
  };
  readonly DESIGNATION_EXISTS: { readonly designationId: Id };
  readonly NOT_CLOSED_MONITORING: {
    readonly contractId: Id;
    readonly item: Item;
    readonly duty: ContractorDuty;
  };
  readonly INSTALLATION_BEFORE_DELIVERY: {
    readonly itemId: Id;
    readonly since: Day;
    readonly installedOn: Day;
  };
  readonly PEER_NOT_ON_SERVICE: { readonly peer: string };
  readonly SUBNET_MALFORMED: { readonly text: string };
  readonly IPV6_NOT_SUPPORTED: { readonly case: 'prefix' | 'address'; readonly text: string };
  readonly SUBNET_NOT_PRIVATE: { readonly case: 'outside' | 'wider'; readonly text: string };
  readonly ADDRESS_MALFORMED: { readonly text: string };

  // -- the network (network/decider.ts)
  readonly SUBNET_OVERLAP:
    | { readonly case: 'same-application'; readonly subnet: string; readonly other: string }
    | {
        readonly case: 'other-site';
        readonly subnet: string;
        readonly other: string;
        readonly contractId: Id;
        readonly networkId: Id;
      };
  readonly NETWORK_EXISTS: { readonly networkId: Id };
  readonly NETWORK_ITEM_INVALID: { readonly item: Item };
  readonly CONTRACT_NOT_IN_NETWORK: { readonly contractId: Id; readonly networkId: Id };
  readonly DISCLOSURE_OUTSIDE_NETWORK: {
    readonly contractId: Id;
    readonly contractorId: Id;
    readonly networkId: Id;
  };
  readonly APPLICATION_IN_PROGRESS: { readonly contractId: Id; readonly reservedBy: Id };
  readonly SECOND_PARENT: { readonly networkId: Id; readonly parentContractId: Id };
  readonly PARENT_AS_CHILD: { readonly contractId: Id; readonly networkId: Id };
  readonly PARENT_HOLDER_MISMATCH: { readonly networkId: Id; readonly holder: Id; readonly contractorId: Id };
  readonly ITEM_MISMATCH: { readonly networkId: Id; readonly item: Item };
  /** Art. 1, 8(1): the network's one parent contract has ended; no site joins it any more. */
  readonly NETWORK_PARENT_ENDED: {
    readonly networkId: Id;
    readonly parentContractId: Id;
    readonly lastDay: Day;
    readonly date: Day;
  };
  readonly CHILD_SITE_LIMIT: { readonly networkId: Id; readonly limit: number };

  // -- the billing month (src/aggregates/billing): policy close-months-in-order
  readonly MONTH_ALREADY_CLOSED:
    | {
        readonly case: 'closed';
        readonly month: string;
        readonly closedAt: Instant;
        readonly lines: number;
        readonly total: number;
      }
    | { readonly case: 'before-last'; readonly month: string; readonly lastClosed: string };
  readonly MONTH_NOT_ENDED: { readonly month: string; readonly endsAt: Instant; readonly now: Instant };
  readonly NOTHING_TO_CLOSE: Record<string, never>;
  readonly MONTH_OUT_OF_ORDER:
    | { readonly case: 'before-first' | 'first-first'; readonly month: string; readonly firstMonth: string }
    | {
        readonly case: 'in-order';
        readonly month: string;
        readonly next: string;
        readonly lastClosed: string;
      };
  readonly VIEWS_BEHIND: { readonly month: string; readonly previous: string };
  readonly VIEWS_UNAVAILABLE: { readonly problem: ViewsProblem };
  /** A close whose month the views and the log give differently: the first lines that differ, and how many. */
  readonly VIEWS_DIFFER: {
    readonly month: string;
    readonly count: number;
    readonly lines: readonly {
      readonly lineId: string;
      readonly views: number | null;
      readonly log: number | null;
    }[];
  };

  // -- the server's checks of who sends what (src/auth/authority.ts)
  readonly ACTOR_MISMATCH:
    | { readonly case: 'actor'; readonly principal: Id; readonly named: string }
    | { readonly case: 'instruction'; readonly contractorId: Id; readonly named: string };
  readonly NOT_PERMITTED:
    | { readonly case: 'provider-act'; readonly type: string }
    | {
        readonly case: 'holder-only';
        readonly type: string;
        readonly holderId: Id;
        readonly parentHolderId: Id;
      };
  readonly NOT_DATED_TODAY: {
    readonly type: string;
    readonly field: string;
    readonly today: Day;
    readonly dated: Day;
  };

  // -- the policies (src/aggregates/policies)
  readonly POLICY_BACKDATED: { readonly from: Day; readonly today: Day };
  readonly POLICY_UNCHANGED: { readonly from: Day };
  readonly CATALOG_EDITION_BEFORE_ADOPTION: {
    readonly edition: string;
    readonly effectiveFrom: Day;
    readonly from: Day;
  };
  readonly CATALOG_EDITIONS_DO_NOT_FIT: CatalogFitProblem;
}

export type RejectionCode = keyof RejectionParams;

/** One code's rejection: its parameters, the provisions it rests on, the input field it concerns. */
export interface RejectionOf<C extends RejectionCode> {
  readonly code: C;
  readonly params: RejectionParams[C];
  readonly cite: Citation;
  readonly field?: string;
}

export type Rejection = { [C in RejectionCode]: RejectionOf<C> }[RejectionCode];

/** A rejection of `code` with its parameters and citation (and the field, when one is to blame). */
export const refusal = <C extends RejectionCode>(
  code: C,
  params: RejectionParams[C],
  cite: Citation,
  field?: string,
): RejectionOf<C> => (field ? { code, params, cite, field } : { code, params, cite });

/** Every code, for the renderers' tests (the object literal fails the type check when one is missing). */
const CODES: { readonly [C in RejectionCode]: true } = {
  INVALID_COMMAND: true,
  CONCURRENCY_CONFLICT: true,
  COMMAND_ID_REUSED: true,
  BEFORE_FIRST_EDITION: true,
  DATE_OUT_OF_RANGE: true,
  NO_CATALOG_EDITION: true,
  DATE_BEFORE_ACCEPTANCE: true,
  DATE_AFTER_TERMINATION: true,
  CONTRACT_TERMINATED: true,
  DUPLICATE_ITEM_ID: true,
  ITEM_NOT_FOUND: true,
  ITEM_NOT_HELD: true,
  CONFLICTS_WITH_LATER_FACT: true,
  CONTRACT_NOT_FOUND: true,
  CONTRACT_EXISTS: true,
  NETWORK_NOT_FOUND: true,
  SITE_OUTSIDE_JAPAN: true,
  MAINTENANCE_TYPE_UNAVAILABLE: true,
  CLOSED_MONITORING_NOT_PARENT: true,
  DEVICE_MODEL_NOT_APPLICABLE: true,
  DEVICE_MODEL_REQUIRED: true,
  SWITCH_MODEL_NOT_A_VPN_DEVICE: true,
  UNKNOWN_DEVICE_MODEL: true,
  DEVICE_COUNT: true,
  BILLING_ALREADY_STARTED: true,
  BILLING_BEFORE_ACCEPTANCE: true,
  BILLING_BEFORE_MODEL_CHANGE: true,
  NETWORK_INCOMPLETE: true,
  TERMINATION_ALREADY_NOTIFIED: true,
  EVIDENCE_REQUIRED: true,
  NO_TERMINATION_NOTICE: true,
  TERMINATION_DATE_MISMATCH: true,
  CHANGE_NOT_ALLOWED: true,
  OPTION_EXISTS: true,
  ON_SITE_HAS_NO_MONTHLY_FEE: true,
  OPTION_MODEL_NOT_APPLICABLE: true,
  OPTION_NEEDS_DEVICE: true,
  MODEL_CHANGE_IN_PROGRESS: true,
  OPTION_HOST_NOT_IN_CONTRACT: true,
  OPTION_HAS_NO_EQUIPMENT: true,
  OPTION_EQUIPMENT_REQUIRED: true,
  OPTION_NOT_FOUND: true,
  OPTION_HAS_NO_MONTHLY_FEE: true,
  OPTION_BILLING_ALREADY_STARTED: true,
  OPTION_BILLING_BEFORE_ADDED: true,
  OPTION_STOPPED: true,
  OPTION_NOT_ACTIVE: true,
  NOTICE_BEFORE_OPTION_ADDED: true,
  UNKNOWN_MODEL: true,
  NOT_A_VPN_DEVICE: true,
  COLD_STANDBY_MODEL_MISMATCH: true,
  SWITCH_MODEL_REQUIRED: true,
  NOT_A_SWITCH_MODEL: true,
  MODEL_NOT_DESIGNATED: true,
  LICENCE_MODEL_NOT_ELIGIBLE: true,
  COLD_STANDBY_NOT_APPLICABLE: true,
  NOT_A_COLD_STANDBY_OF_THE_DEVICE: true,
  COLD_STANDBY_MUST_FOLLOW: true,
  MODEL_CHANGE_EXISTS: true,
  NO_DEVICE_TO_CHANGE: true,
  OPTION_MODEL_NOT_CHANGEABLE: true,
  MODEL_CHANGE_BEFORE_TERM_START: true,
  MODEL_CHANGE_NOT_ALLOWED: true,
  OPTION_BLOCKS_MODEL_CHANGE: true,
  MODEL_CHANGE_NOT_FOUND: true,
  MODEL_CHANGE_ALREADY_COMPLETED: true,
  MODEL_CHANGE_BEFORE_ACCEPTANCE: true,
  NO_EQUIPMENT_TO_CHANGE: true,
  MODEL_CHANGE_ITEM_COUNT: true,
  LOSS_EXISTS: true,
  LOSS_BEFORE_DELIVERY: true,
  LOSS_NOT_FOUND: true,
  REPLACEMENT_NOT_DUE: true,
  REPLACEMENT_ALREADY_SHIPPED: true,
  REPLACEMENT_BEFORE_REPORT: true,
  REPLACEMENT_MISMATCH: true,
  LOSS_ITEM_MISMATCH: true,
  LOSS_CHARGE_ALREADY_QUOTED: true,
  CHARGE_BEFORE_REPORT: true,
  ITEM_NOT_OWED: true,
  RETURN_NOT_OVERDUE: true,
  DOUBLE_RECOVERY: true,
  LOST_ITEM_ALREADY_FOUND: true,
  FOUND_BEFORE_LOSS: true,
  CONSENT_EXISTS: true,
  EQUIPMENT_OUTSIDE_JAPAN: true,
  RELOCATION_WITHOUT_CONSENT: true,
  CONSENT_ALREADY_USED: true,
  RELOCATION_BEFORE_CONSENT: true,
  ITEM_ALREADY_RETURNED: true,
  ITEM_LOST: true,
  ITEM_IN_USE: true,
  RETURN_BEFORE_DUE: true,
  JOB_EXISTS: true,
  NOT_PARENT_HOLDER: true,
  PARENT_NOT_IN_FORCE: true,
  JOB_NOT_INSTRUCTED: true,
  JOB_ALREADY_PERFORMED: true,
  JOB_BEFORE_INSTRUCTION: true,
  FAULT_EXISTS: true,
  FAULT_ALREADY_OPEN: true,
  FAULT_NOT_FOUND: true,
  FAULT_ALREADY_INVESTIGATED: true,
  INVESTIGATION_BEFORE_REPORT: true,
  QUOTED_COST_REQUIRED: true,
  QUOTED_COST_NOT_OWED: true,
  FAULT_ALREADY_RESOLVED: true,
  FAULT_NOT_INVESTIGATED: true,
  RESOLUTION_BEFORE_INVESTIGATION: true,
  NOT_A_MINOR_FAULT: true,
  REPLACEMENT_NOT_EXPECTED: true,
  REPLACEMENT_REQUIRED: true,
  OUTAGE_EXISTS: true,
  OUTAGE_NOT_FOUND: true,
  OUTAGE_ALREADY_RESOLVED: true,
  OUTAGE_RESOLVED_BEFORE_KNOWN: true,
  REDUCTION_ALREADY_CLAIMED: true,
  CLAIM_BEFORE_OUTAGE: true,
  CLAIM_BEFORE_BILLING: true,
  CLAIM_PREMATURE: true,
  MEASUREMENT_EXISTS: true,
  PROPOSAL_EXISTS: true,
  MEASUREMENT_NOT_FOUND: true,
  PROPOSAL_BEFORE_MEASUREMENT: true,
  COST_EXISTS: true,
  TRAVEL_NOT_TYPE_2: true,
  ON_SITE_OPTION_REQUIRED: true,
  ACT_EXISTS: true,
  ADDRESS_USE_EXISTS: true,
  SETUP_EXISTS: true,
  NOTICE_EXISTS: true,
  IMPEDIMENT_EXISTS: true,
  INSTALLATION_EXISTS: true,
  CONNECTION_EXISTS: true,
  BREACH_CHARGE_EXISTS: true,
  CHARGE_BEFORE_HARM: true,
  ADDRESS_DESIGNATED: true,
  DESIGNATION_EXISTS: true,
  NOT_CLOSED_MONITORING: true,
  INSTALLATION_BEFORE_DELIVERY: true,
  PEER_NOT_ON_SERVICE: true,
  SUBNET_MALFORMED: true,
  IPV6_NOT_SUPPORTED: true,
  SUBNET_NOT_PRIVATE: true,
  ADDRESS_MALFORMED: true,
  SUBNET_OVERLAP: true,
  NETWORK_EXISTS: true,
  NETWORK_ITEM_INVALID: true,
  CONTRACT_NOT_IN_NETWORK: true,
  DISCLOSURE_OUTSIDE_NETWORK: true,
  APPLICATION_IN_PROGRESS: true,
  SECOND_PARENT: true,
  PARENT_AS_CHILD: true,
  PARENT_HOLDER_MISMATCH: true,
  ITEM_MISMATCH: true,
  NETWORK_PARENT_ENDED: true,
  CHILD_SITE_LIMIT: true,
  MONTH_ALREADY_CLOSED: true,
  MONTH_NOT_ENDED: true,
  NOTHING_TO_CLOSE: true,
  MONTH_OUT_OF_ORDER: true,
  VIEWS_BEHIND: true,
  VIEWS_UNAVAILABLE: true,
  VIEWS_DIFFER: true,
  ACTOR_MISMATCH: true,
  NOT_PERMITTED: true,
  NOT_DATED_TODAY: true,
  POLICY_BACKDATED: true,
  POLICY_UNCHANGED: true,
  CATALOG_EDITION_BEFORE_ADOPTION: true,
  CATALOG_EDITIONS_DO_NOT_FIT: true,
};

export const REJECTION_CODES = Object.keys(CODES) as RejectionCode[];
