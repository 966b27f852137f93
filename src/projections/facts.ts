/**
 * The facts: ONE fold over the global log that gathers, per contract and per network, what every
 * view needs. The views (charges, minimum terms, return deadlines, reductions, timeline, contract
 * state) are queries over these facts; none of them reads the log.
 *
 * Facts are raw: each keeps the figures its event carried and the event's source (`Src`: id, type,
 * metadata); everything derived (fees in force, terms, deadlines) is computed by the queries. What a
 * decider decided (a deadline, a term's start, the units a change replaces and their kind) is read
 * from its event, never decided again here; an event written before it was recorded gets it from
 * the upcasters, with this fold's facts as the stream's history (events/upcasters.ts).
 */
import {
  CONTRACT_STREAM_PREFIX,
  type EventData,
  type EventType,
  type LedgerEvent,
  NETWORK_STREAM_PREFIX,
  type Seal,
} from '../events';
import {
  type ContractHistory,
  completionAsRecorded,
  optionBillingAsRecorded,
  type RecordedCompletion,
} from '../events/upcasters';
import {
  type ContractType,
  compareInstants,
  type Instant,
  type Item,
  type LocalDate,
  type MaintenanceType,
  type OptionKind,
  type RecordedClaimWindow,
  type TermYears,
  type YearMonth,
} from '../terms';
import type { ChargeLine } from './charge-data';

/** Where a fact came from: its event and that event's metadata. */
export interface Src {
  readonly eventId: string;
  readonly type: EventType;
  /**
   * The event's place in the global log (its commit position, as a number), then its revision in
   * its stream: together they order facts that share a date, the same whether the log is folded
   * whole or stream by stream.
   */
  readonly seq: number;
  readonly rev: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly edition: string;
}

export interface Dated {
  readonly on: LocalDate;
  readonly src: Src;
}

type Data<K extends EventType> = EventData<K>;
export type Address = Data<'ApplicationAccepted'>['site'];
export type EquipmentKind = Data<'ApplicationAccepted'>['equipment'][number]['kind'];
export type ModelChangeTarget = Data<'ModelChangeAccepted'>['target'];
export type FaultOutcome = Data<'FaultInvestigated'>['outcome'];
export type OutageCause = Data<'OutageResolved'>['cause'];
export type TerminationGround = Data<'TerminationNoticeReceived'>['ground'];
export type OneTimeCostKind = Data<'OneTimeCostRecorded'>['cost'];
/** A deadline as the decider decided and recorded it (Art. 14(3)): the day, and the day Art. 142 moved it from. */
export type DecidedDeadline = Data<'ModelChangeCompleted'>['returnDue'];

export interface SiteFact {
  contractId: string;
  contractType: ContractType;
  contractorId: string;
  lanSubnets: string[];
  joinedOn: LocalDate;
  joined: Src;
  left: Dated | null;
}

/** A site's reservation whose contract was never written, voided by a later application (Art. 6). */
export interface VoidedReservationFact {
  readonly site: SiteFact;
  readonly reservedBy: string;
  readonly voided: Dated;
}

export interface DisclosureFact {
  contractId: string;
  toContractorId: string;
  on: LocalDate;
  src: Src;
}

export interface NetworkFacts {
  networkId: string;
  parentContractId: string;
  parentHolderId: string;
  item: Item;
  childSiteLimit: number;
  registeredOn: LocalDate;
  registered: Src;
  sites: Map<string, SiteFact>;
  disclosures: DisclosureFact[];
  voidedReservations: VoidedReservationFact[];
}

export interface ModelChangeFact {
  /** The change's id; for a cold standby carried by a device change, `<device change>/<option>`. */
  changeId: string;
  /** The device change that carried this cold standby's change along (Art. 17(2)(2)); null otherwise. */
  carriedBy: string | null;
  /** The provider catalog edition whose Annex 4 allowed the change. */
  catalogEdition: string;
  target: ModelChangeTarget;
  fromModel: string;
  toModel: string;
  fee: number;
  /** The monthly fee of the target (basic service or option) from the new model's billing start. */
  monthlyFee: number;
  acceptedOn: LocalDate;
  accepted: Src;
  completed: {
    billingStartOn: LocalDate;
    /** Art. 14(3): the units owed back, and the units that replace them (recorded by the decider). */
    replaced: RecordedCompletion['replaced'];
    /** Art. 14(3): the replaced units go back by this day (recorded by the decider). */
    returnDue: DecidedDeadline;
    /** Completed before the target's billing started: its fee applies from that start, no term of its own. */
    beforeBillingStart: boolean;
    /** Art. 5(2), 17(3) proviso: a fresh minimum term of the target from billingStartOn (recorded by the decider). */
    restartsTerm: boolean;
    src: Src;
  } | null;
}

export interface OptionFact {
  optionId: string;
  kind: OptionKind;
  model: string | null;
  equipmentIds: string[];
  initialFee: number;
  monthlyFee: number;
  addedOn: LocalDate;
  added: Src;
  /** The provider catalog edition the option was judged by (designated models). */
  catalogEdition: string;
  /** The billing start, and whether it started the option's own minimum term (recorded by the decider, Art. 17(3)). */
  billingStart: (Dated & { readonly startsTerm: boolean }) | null;
  stopNotice: {
    noticeArrivedOn: LocalDate;
    requestedOn: LocalDate | null;
    effectiveOn: LocalDate;
    /** The option's units go back by this day (recorded by the decider). */
    returnDue: DecidedDeadline;
    src: Src;
  } | null;
}

export interface ConfigJobFact {
  jobId: string;
  /** `parentContractId`: the parent contract in force that day, whose holder gave it (null before v2). */
  instructed: {
    by: string;
    at: Instant;
    description: string;
    parentContractId: string | null;
    src: Src;
  } | null;
  /** `billedItemIds`: the units the fee counts (Annex 1 §3(3)), as the decider recorded them. */
  performed: {
    startedAt: Instant;
    itemIds: string[];
    billedItemIds: string[];
    billTo: string;
    src: Src;
  } | null;
}

export interface FaultFact {
  faultId: string;
  itemId: string | null;
  reported: { at: Instant; description: string; src: Src } | null;
  investigation: { outcome: FaultOutcome; quotedCost: number | null; on: LocalDate; src: Src } | null;
  resolution: {
    resolution: Data<'FaultResolved'>['resolution'];
    replacementItemId: string | null;
    on: LocalDate;
    src: Src;
  } | null;
}

export interface LossChargeFact {
  itemId: string;
  amount: number;
  reason: Data<'LossChargeQuoted'>['reason'];
  on: LocalDate;
  src: Src;
}

export interface LossFact {
  lossId: string;
  itemId: string | null;
  /** Null for an item deemed lost because it was not returned (Art. 16(2)): no loss report. */
  reported: { on: LocalDate; circumstances: string; src: Src } | null;
  replacements: { itemId: string; on: LocalDate; src: Src }[];
  charges: LossChargeFact[];
  found: { itemId: string; on: LocalDate; src: Src } | null;
}

export type EquipmentOrigin =
  | 'acceptance'
  | 'option'
  | 'model-change'
  | 'fault-replacement'
  | 'loss-replacement';

export interface EquipmentFact {
  itemId: string;
  kind: EquipmentKind;
  model: string;
  /** The day the item came to the contract. */
  since: LocalDate;
  origin: EquipmentOrigin;
  /** The option, model change, fault or loss that brought it; null at acceptance. */
  originRef: string | null;
  /** The option the item serves; null for the contract's own equipment. */
  optionId: string | null;
  src: Src;
  replaced: { on: LocalDate; byItemId: string; via: 'model-change' | 'fault'; ref: string; src: Src } | null;
  /** The first return of the item. */
  returned: Dated | null;
}

export interface RelocationFact {
  consentId: string;
  itemIds: string[];
  to: Address;
  consentedOn: LocalDate;
  consented: Src;
  relocated: Dated | null;
}

export interface ReturnFact {
  itemIds: string[];
  on: LocalDate;
  src: Src;
}

export interface OneTimeCostFact {
  costId: string;
  cost: OneTimeCostKind;
  amount: number;
  on: LocalDate;
  description: string;
  src: Src;
}

export interface OutageFact {
  outageId: string;
  /**
   * `countedFrom`: when its unusable hours start to count (policy reduction-hours-while-fee-owed;
   * null while billing has not started); `claimWindow`: the Art. 21 window the decider recorded from
   * then, should the outage last 24 hours. Both as the OutageKnown recorded them, or the billing start.
   */
  known: {
    at: Instant;
    description: string;
    countedFrom: Instant | null;
    claimWindow: RecordedClaimWindow | null;
    src: Src;
    /** The billing start that decided countedFrom, when it did. */
    countedBy: Src | null;
  } | null;
  resolved: { at: Instant; cause: OutageCause; src: Src } | null;
  claims: Dated[];
}

export interface MeasurementFact {
  measurementId: string;
  on: LocalDate;
  peakUtilisationPercent: number;
  src: Src;
}

export interface ProposalFact {
  proposalId: string;
  measurementId: string;
  on: LocalDate;
  proposal: string;
  src: Src;
}

/** Art. 14(2): the recovery or repair cost of equipment lost or damaged in breach of 14(1). */
export interface BreachCostFact {
  chargeId: string;
  itemIds: string[];
  harm: Data<'BreachRepairCostCharged'>['harm'];
  breach: Data<'BreachRepairCostCharged'>['breach'];
  amount: number;
  occurredOn: LocalDate;
  /** The day it was charged (owed, Art. 19). */
  on: LocalDate;
  description: string;
  src: Src;
}

/** The facts of conduct that only the timeline tells (Art. 7(2)(3), 8(2)-(4), 13, 14(1), 22(1)). */
export const CONDUCT_EVENTS = [
  'ProhibitedActRecorded',
  'IpAddressesDesignated',
  'UndesignatedAddressUsed',
  'ContractorSetupRecorded',
  'EnvironmentSettingsNotified',
  'ServiceImpeded',
  'EquipmentInstalled',
  'VpnConnectionRecorded',
] as const;
export type ConductEventType = (typeof CONDUCT_EVENTS)[number];

/** One such fact: its event's data as recorded, dated by the day it names. */
export type ConductFact = {
  [K in ConductEventType]: { type: K; on: LocalDate; data: Data<K>; src: Src };
}[ConductEventType];

export interface TerminationNoticeFact {
  noticeArrivedOn: LocalDate;
  requestedOn: LocalDate | null;
  ground: TerminationGround;
  evidenceRef: string | null;
  effectiveOn: LocalDate;
  /** The policy that fixed effectiveOn for a general-terms-28 ground; null: Art. 18 itself. */
  effectivePolicy: Data<'TerminationNoticeReceived'>['effectivePolicy'];
  /** Art. 14(3): what is still installed at the end goes back by this day (recorded by the decider). */
  returnDue: DecidedDeadline;
  src: Src;
}

export interface ContractFacts {
  contractId: string;
  networkId: string;
  contractType: ContractType;
  contractorId: string;
  /** The parent holder: instructs and pays for configuration changes (Art. 10). */
  parentHolderId: string;
  item: Item;
  maintenanceType: MaintenanceType;
  termYears: TermYears;
  /** The device model at acceptance (null: closed monitoring, no device); later models come from `modelChanges`. */
  deviceModel: string | null;
  site: Address;
  lanSubnets: string[];
  initialFee: number;
  /** The basic monthly fee at acceptance; model changes bring new fees from their billing start. */
  monthlyFee: number;
  onSiteInstallationFee: number | null;
  acceptedOn: LocalDate;
  accepted: Src;
  /** The provider catalog edition the application was judged by (Art. 3). */
  catalogEdition: string;
  billingStart: Dated | null;
  modelChanges: Map<string, ModelChangeFact>;
  options: Map<string, OptionFact>;
  configJobs: Map<string, ConfigJobFact>;
  faults: Map<string, FaultFact>;
  losses: Map<string, LossFact>;
  equipment: Map<string, EquipmentFact>;
  relocations: Map<string, RelocationFact>;
  returns: ReturnFact[];
  oneTimeCosts: Map<string, OneTimeCostFact>;
  outages: Map<string, OutageFact>;
  measurements: Map<string, MeasurementFact>;
  proposals: Map<string, ProposalFact>;
  breachCosts: Map<string, BreachCostFact>;
  conduct: ConductFact[];
  terminationNotice: TerminationNoticeFact | null;
  termination: Dated | null;
}

/** A billing month's close (MonthClosed): what it invoiced, when, by whom, and its seal. */
export interface CloseFact {
  readonly month: YearMonth;
  /**
   * The close's id (unique per ledger: made from the ledger's id and the month; a close recorded
   * before ledger ids has its event's id), and the event's hash (published with the seal, it pins
   * the close itself).
   */
  readonly closeId: string;
  /** The ledger's id the close recorded (null: a close recorded before ledger ids). */
  readonly ledgerId: string | null;
  readonly eventHash: string;
  readonly streamId: string;
  readonly commandId: string;
  readonly closedBy: string;
  readonly closedAt: Instant;
  readonly firstMonth: boolean;
  /** Every line invoiced: the month's own, and the adjustments of earlier months carried into it. */
  readonly lines: readonly ChargeLine[];
  readonly totals: readonly { readonly billTo: string; readonly lines: number; readonly amount: number }[];
  readonly total: number;
  readonly seal: Seal;
  readonly src: Src;
}

/** A policy set the deployment adopted (PoliciesAdopted), as recorded. */
export interface PolicyAdoptionFact {
  readonly from: LocalDate;
  readonly data: Data<'PoliciesAdopted'>;
  readonly src: Src;
}

/** A seal in the log: a close's, or one made on demand (LogSealed). */
export interface SealFact {
  readonly seal: Seal;
  readonly streamId: string;
  readonly src: Src;
}

export interface Facts {
  /** Events applied. */
  applied: number;
  networks: Map<string, NetworkFacts>;
  contracts: Map<string, ContractFacts>;
  /** Closed billing months, by month. */
  closes: Map<YearMonth, CloseFact>;
  /** Seals, by the id of the event that carries them. */
  seals: Map<string, SealFact>;
  /** The policy sets adopted, in the order they were recorded (src/aggregates/policies). */
  policies: PolicyAdoptionFact[];
  /** Stream id → contract or network id, learned from the stream's opening event. */
  streams: Map<string, string>;
  /** Events whose contract or network was not (yet) known; a well-formed log has none. */
  orphans: number;
}

export const initFacts = (): Facts => ({
  applied: 0,
  networks: new Map(),
  contracts: new Map(),
  closes: new Map(),
  seals: new Map(),
  policies: [],
  streams: new Map(),
  orphans: 0,
});

type EventOf<K extends EventType> = Extract<LedgerEvent, { type: K }>;
type Handler<K extends EventType> = (state: Facts, event: EventOf<K>, src: Src) => void;

function idOfStream(state: Facts, streamId: string, prefix: string): string {
  return (
    state.streams.get(streamId) ?? (streamId.startsWith(prefix) ? streamId.slice(prefix.length) : streamId)
  );
}

/** Runs `fn` on the event's contract, or counts an orphan. */
function onContract(state: Facts, event: LedgerEvent, fn: (c: ContractFacts) => void): void {
  const c = state.contracts.get(idOfStream(state, event.streamId, CONTRACT_STREAM_PREFIX));
  if (c) fn(c);
  else state.orphans += 1;
}

function onNetwork(state: Facts, event: LedgerEvent, fn: (n: NetworkFacts) => void): void {
  const n = state.networks.get(idOfStream(state, event.streamId, NETWORK_STREAM_PREFIX));
  if (n) fn(n);
  else state.orphans += 1;
}

function fault(c: ContractFacts, faultId: string): FaultFact {
  let f = c.faults.get(faultId);
  if (!f) {
    f = { faultId, itemId: null, reported: null, investigation: null, resolution: null };
    c.faults.set(faultId, f);
  }
  return f;
}

function loss(c: ContractFacts, lossId: string, itemId: string): LossFact {
  let l = c.losses.get(lossId);
  if (!l) {
    l = { lossId, itemId, reported: null, replacements: [], charges: [], found: null };
    c.losses.set(lossId, l);
  }
  return l;
}

function outage(c: ContractFacts, outageId: string): OutageFact {
  let o = c.outages.get(outageId);
  if (!o) {
    o = { outageId, known: null, resolved: null, claims: [] };
    c.outages.set(outageId, o);
  }
  return o;
}

/** The id of the change of cold standby `optionId` that device change `changeId` carried along. */
export const carriedChangeId = (changeId: string, optionId: string): string => `${changeId}/${optionId}`;

/**
 * Art. 17(2)(2): a device change takes the cold standby along. Each standby's change is a fact of
 * its own (its quoted fee and monthly fee, Annex 1 §3(2)), so the option's fees, model and charges
 * read like those of any option model change.
 */
function addCarriedStandbyChanges(c: ContractFacts, d: Data<'ModelChangeAccepted'>, src: Src): void {
  for (const cs of d.coldStandby) {
    const changeId = carriedChangeId(d.changeId, cs.optionId);
    c.modelChanges.set(changeId, {
      changeId,
      carriedBy: d.changeId,
      catalogEdition: d.catalogEdition,
      target: { kind: 'option', optionId: cs.optionId },
      fromModel: d.fromModel,
      toModel: d.toModel,
      fee: cs.fee,
      monthlyFee: cs.monthlyFee,
      acceptedOn: d.acceptedOn,
      accepted: src,
      completed: null,
    });
  }
}

/**
 * The carried standby changes complete with their device change, each with its own units and its
 * own billing as the decider recorded them; a carried change restarts no term (the event records
 * the restart of its target, the device, only).
 */
function completeCarriedStandbyChanges(
  c: ContractFacts,
  change: ModelChangeFact,
  d: RecordedCompletion,
  src: Src,
): void {
  for (const cs of d.coldStandby) {
    const m = c.modelChanges.get(carriedChangeId(change.changeId, cs.optionId));
    if (!m) continue;
    m.completed = {
      billingStartOn: d.billingStartOn,
      replaced: d.replaced.filter((r) => r.optionId === cs.optionId),
      returnDue: d.returnDue,
      beforeBillingStart: cs.beforeBillingStart,
      restartsTerm: false,
      src,
    };
  }
}

/** What an upcaster may ask of the contract's earlier events (events/upcasters.ts). */
const historyOf = (c: ContractFacts): ContractHistory => ({
  item: (itemId) => c.equipment.get(itemId),
  option: (optionId) => {
    const o = c.options.get(optionId);
    return o && { kind: o.kind, billingStarted: o.billingStart !== null };
  },
});

/** A fact of conduct, kept as its event recorded it (the timeline tells it). */
function addConduct(s: Facts, e: EventOf<ConductEventType>, on: LocalDate, src: Src): void {
  onContract(s, e, (c) => {
    c.conduct.push({ type: e.type, on, data: e.data, src } as ConductFact);
  });
}

function addEquipment(
  c: ContractFacts,
  item: { itemId: string; kind: EquipmentKind; model: string },
  since: LocalDate,
  origin: EquipmentOrigin,
  originRef: string | null,
  optionId: string | null,
  src: Src,
): void {
  c.equipment.set(item.itemId, {
    itemId: item.itemId,
    kind: item.kind,
    model: item.model,
    since,
    origin,
    originRef,
    optionId,
    src,
    replaced: null,
    returned: null,
  });
}

/**
 * One handler per event type. The mapped type makes a missing event type a compile error, the
 * same guarantee as ts-pattern's `.exhaustive()`, at O(1) dispatch: measured over 1,000,000
 * events, ts-pattern's `match(event).with(...)` chain cost 4.9 s against 32 ms for this table.
 */
const HANDLERS: { readonly [K in EventType]: Handler<K> } = {
  NetworkRegistered: (s, { streamId, data: d }, src) => {
    s.streams.set(streamId, d.networkId);
    s.networks.set(d.networkId, {
      networkId: d.networkId,
      parentContractId: d.parentContractId,
      parentHolderId: d.parentHolderId,
      item: d.item,
      childSiteLimit: d.childSiteLimit,
      registeredOn: d.registeredOn,
      registered: src,
      sites: new Map(),
      disclosures: [],
      voidedReservations: [],
    });
  },
  SiteJoined: (s, e, src) =>
    onNetwork(s, e, (n) => {
      const d = e.data;
      n.sites.set(d.contractId, {
        contractId: d.contractId,
        contractType: d.contractType,
        contractorId: d.contractorId,
        lanSubnets: d.lanSubnets,
        joinedOn: d.joinedOn,
        joined: src,
        left: null,
      });
    }),
  SiteLeft: (s, e, src) =>
    onNetwork(s, e, (n) => {
      const site = n.sites.get(e.data.contractId);
      if (site) site.left = { on: e.data.leftOn, src };
    }),
  // The voided reservation's contract never existed: the site is no longer one of the network's.
  SiteReservationVoided: (s, e, src) =>
    onNetwork(s, e, (n) => {
      const site = n.sites.get(e.data.contractId);
      if (!site) return;
      n.sites.delete(e.data.contractId);
      n.voidedReservations.push({
        site,
        reservedBy: e.data.reservedBy,
        voided: { on: e.data.voidedOn, src },
      });
    }),
  SettingsDisclosed: (s, e, src) =>
    onNetwork(s, e, (n) => {
      const d = e.data;
      n.disclosures.push({
        contractId: d.contractId,
        toContractorId: d.toContractorId,
        on: d.disclosedOn,
        src,
      });
    }),

  ApplicationAccepted: (s, { streamId, data: d }, src) => {
    s.streams.set(streamId, d.contractId);
    const c: ContractFacts = {
      contractId: d.contractId,
      networkId: d.networkId,
      contractType: d.contractType,
      contractorId: d.contractorId,
      parentHolderId: d.parentHolderId,
      item: d.item,
      maintenanceType: d.maintenanceType,
      termYears: d.termYears,
      deviceModel: d.deviceModel,
      site: d.site,
      lanSubnets: d.lanSubnets,
      initialFee: d.initialFee,
      monthlyFee: d.monthlyFee,
      onSiteInstallationFee: d.onSiteInstallation?.initialFee ?? null,
      acceptedOn: d.acceptedOn,
      accepted: src,
      catalogEdition: d.catalogEdition,
      billingStart: null,
      modelChanges: new Map(),
      options: new Map(),
      configJobs: new Map(),
      faults: new Map(),
      losses: new Map(),
      equipment: new Map(),
      relocations: new Map(),
      returns: [],
      oneTimeCosts: new Map(),
      outages: new Map(),
      measurements: new Map(),
      proposals: new Map(),
      breachCosts: new Map(),
      conduct: [],
      terminationNotice: null,
      termination: null,
    };
    for (const item of d.equipment) addEquipment(c, item, d.acceptedOn, 'acceptance', null, null, src);
    s.contracts.set(d.contractId, c);
  },
  BillingStarted: (s, e, src) =>
    onContract(s, e, (c) => {
      c.billingStart = { on: e.data.billingStartOn, src };
      // The outages known before it count their hours from it: the known part is replaced, not
      // changed, so that what was worked out from it is worked out again.
      for (const x of e.data.outagesCounted) {
        const o = c.outages.get(x.outageId);
        if (o?.known)
          o.known = { ...o.known, countedFrom: x.countedFrom, claimWindow: x.claimWindow, countedBy: src };
      }
    }),
  ModelChangeAccepted: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      c.modelChanges.set(d.changeId, {
        changeId: d.changeId,
        carriedBy: null,
        catalogEdition: d.catalogEdition,
        target: d.target,
        fromModel: d.fromModel,
        toModel: d.toModel,
        fee: d.fee,
        monthlyFee: d.monthlyFee,
        acceptedOn: d.acceptedOn,
        accepted: src,
        completed: null,
      });
      addCarriedStandbyChanges(c, d, src);
    }),
  ModelChangeCompleted: (s, e, src) =>
    onContract(s, e, (c) => {
      const change = c.modelChanges.get(e.data.changeId);
      if (!change) {
        s.orphans += 1;
        return;
      }
      const carried = [...c.modelChanges.values()].filter((m) => m.carriedBy === change.changeId);
      const d = completionAsRecorded(
        e.data,
        {
          target: change.target,
          coldStandby: carried.map((m) => ({
            optionId: m.target.kind === 'option' ? m.target.optionId : '',
          })),
        },
        historyOf(c),
      );
      change.completed = {
        billingStartOn: d.billingStartOn,
        replaced: d.replaced,
        returnDue: d.returnDue,
        beforeBillingStart: d.beforeBillingStart,
        restartsTerm: d.restartsTerm,
        src,
      };
      for (const r of d.replaced) {
        const old = c.equipment.get(r.oldItemId);
        if (old) {
          old.replaced = {
            on: d.billingStartOn,
            byItemId: r.newItemId,
            via: 'model-change',
            ref: d.changeId,
            src,
          };
        }
        addEquipment(
          c,
          { itemId: r.newItemId, kind: r.kind, model: change.toModel },
          d.billingStartOn,
          'model-change',
          d.changeId,
          r.optionId,
          src,
        );
        const option = r.optionId === null ? undefined : c.options.get(r.optionId);
        if (option && !option.equipmentIds.includes(r.newItemId)) option.equipmentIds.push(r.newItemId);
      }
      completeCarriedStandbyChanges(c, change, d, src);
    }),
  OptionAdded: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      c.options.set(d.optionId, {
        optionId: d.optionId,
        kind: d.option,
        model: d.model,
        equipmentIds: d.equipment.map((i) => i.itemId),
        initialFee: d.initialFee,
        monthlyFee: d.monthlyFee,
        addedOn: d.addedOn,
        added: src,
        catalogEdition: d.catalogEdition,
        billingStart: null,
        stopNotice: null,
      });
      for (const item of d.equipment) addEquipment(c, item, d.addedOn, 'option', d.optionId, d.optionId, src);
    }),
  OptionBillingStarted: (s, e, src) =>
    onContract(s, e, (c) => {
      const option = c.options.get(e.data.optionId);
      if (!option) {
        s.orphans += 1;
        return;
      }
      const d = optionBillingAsRecorded(e.data, historyOf(c));
      option.billingStart = { on: d.billingStartOn, startsTerm: d.startsTerm, src };
    }),
  OptionStopNoticeReceived: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      const option = c.options.get(d.optionId);
      if (option)
        option.stopNotice = {
          noticeArrivedOn: d.noticeArrivedOn,
          requestedOn: d.requestedOn,
          effectiveOn: d.effectiveOn,
          returnDue: d.returnDue,
          src,
        };
      else s.orphans += 1;
    }),
  ConfigurationChangeInstructed: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      const job = c.configJobs.get(d.jobId);
      const instructed = {
        by: d.instructedBy,
        at: d.instructedAt,
        description: d.description,
        parentContractId: d.parentContractId,
        src,
      };
      if (job) job.instructed = instructed;
      else c.configJobs.set(d.jobId, { jobId: d.jobId, instructed, performed: null });
    }),
  ConfigurationChangePerformed: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      const job = c.configJobs.get(d.jobId);
      const performed = {
        startedAt: d.startedAt,
        itemIds: d.itemIds,
        billedItemIds: d.billedItemIds,
        billTo: d.billTo,
        src,
      };
      if (job) job.performed = performed;
      else c.configJobs.set(d.jobId, { jobId: d.jobId, instructed: null, performed });
    }),
  FaultReported: (s, e, src) =>
    onContract(s, e, (c) => {
      const f = fault(c, e.data.faultId);
      f.itemId = e.data.itemId;
      f.reported = { at: e.data.reportedAt, description: e.data.description, src };
    }),
  FaultInvestigated: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      fault(c, d.faultId).investigation = {
        outcome: d.outcome,
        quotedCost: d.quotedCost,
        on: d.investigatedOn,
        src,
      };
    }),
  FaultResolved: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      const f = fault(c, d.faultId);
      f.resolution = {
        resolution: d.resolution,
        replacementItemId: d.replacement?.itemId ?? null,
        on: d.resolvedOn,
        src,
      };
      if (!d.replacement) return;
      const old = f.itemId === null ? undefined : c.equipment.get(f.itemId);
      if (old)
        old.replaced = {
          on: d.resolvedOn,
          byItemId: d.replacement.itemId,
          via: 'fault',
          ref: d.faultId,
          src,
        };
      addEquipment(
        c,
        d.replacement,
        d.resolvedOn,
        'fault-replacement',
        d.faultId,
        old?.optionId ?? null,
        src,
      );
    }),
  LossReported: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      loss(c, d.lossId, d.itemId).reported = { on: d.reportedOn, circumstances: d.circumstances, src };
    }),
  ReplacementShipped: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      const l = c.losses.get(d.lossId);
      const lost = l?.itemId ? c.equipment.get(l.itemId) : undefined;
      l?.replacements.push({ itemId: d.replacement.itemId, on: d.shippedOn, src });
      addEquipment(c, d.replacement, d.shippedOn, 'loss-replacement', d.lossId, lost?.optionId ?? null, src);
    }),
  LossChargeQuoted: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      loss(c, d.lossId, d.itemId).charges.push({
        itemId: d.itemId,
        amount: d.amount,
        reason: d.reason,
        on: d.quotedOn,
        src,
      });
    }),
  LostItemFound: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      loss(c, d.lossId, d.itemId).found = { itemId: d.itemId, on: d.foundOn, src };
    }),
  RelocationConsented: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      c.relocations.set(d.consentId, {
        consentId: d.consentId,
        itemIds: d.itemIds,
        to: d.to,
        consentedOn: d.consentedOn,
        consented: src,
        relocated: null,
      });
    }),
  EquipmentRelocated: (s, e, src) =>
    onContract(s, e, (c) => {
      const r = c.relocations.get(e.data.consentId);
      if (r) r.relocated = { on: e.data.relocatedOn, src };
      else s.orphans += 1;
    }),
  EquipmentReturned: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      c.returns.push({ itemIds: d.itemIds, on: d.returnedOn, src });
      for (const id of d.itemIds) {
        const item = c.equipment.get(id);
        if (item && !item.returned) item.returned = { on: d.returnedOn, src };
      }
    }),
  OneTimeCostRecorded: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      c.oneTimeCosts.set(d.costId, {
        costId: d.costId,
        cost: d.cost,
        amount: d.amount,
        on: d.incurredOn,
        description: d.description,
        src,
      });
    }),
  OutageKnown: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      outage(c, d.outageId).known = {
        at: d.knownAt,
        description: d.description,
        countedFrom: d.countedFrom,
        claimWindow: d.claimWindow,
        src,
        countedBy: null,
      };
    }),
  OutageResolved: (s, e, src) =>
    onContract(s, e, (c) => {
      outage(c, e.data.outageId).resolved = { at: e.data.resolvedAt, cause: e.data.cause, src };
    }),
  ReductionClaimed: (s, e, src) =>
    onContract(s, e, (c) => {
      outage(c, e.data.outageId).claims.push({ on: e.data.claimedOn, src });
    }),
  TrafficMeasured: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      c.measurements.set(d.measurementId, {
        measurementId: d.measurementId,
        on: d.measuredOn,
        peakUtilisationPercent: d.peakUtilisationPercent,
        src,
      });
    }),
  ContractChangeProposed: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      c.proposals.set(d.proposalId, {
        proposalId: d.proposalId,
        measurementId: d.measurementId,
        on: d.proposedOn,
        proposal: d.proposal,
        src,
      });
    }),
  BreachRepairCostCharged: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      c.breachCosts.set(d.chargeId, {
        chargeId: d.chargeId,
        itemIds: d.itemIds,
        harm: d.harm,
        breach: d.breach,
        amount: d.amount,
        occurredOn: d.occurredOn,
        on: d.chargedOn,
        description: d.description,
        src,
      });
    }),
  ProhibitedActRecorded: (s, e, src) => addConduct(s, e, e.data.observedOn, src),
  IpAddressesDesignated: (s, e, src) => addConduct(s, e, e.data.designatedOn, src),
  UndesignatedAddressUsed: (s, e, src) => addConduct(s, e, e.data.observedOn, src),
  ContractorSetupRecorded: (s, e, src) => addConduct(s, e, e.data.recordedOn, src),
  EnvironmentSettingsNotified: (s, e, src) => addConduct(s, e, e.data.receivedOn, src),
  ServiceImpeded: (s, e, src) => addConduct(s, e, e.data.from, src),
  EquipmentInstalled: (s, e, src) => addConduct(s, e, e.data.installedOn, src),
  VpnConnectionRecorded: (s, e, src) => addConduct(s, e, e.data.connectedOn, src),
  TerminationNoticeReceived: (s, e, src) =>
    onContract(s, e, (c) => {
      const d = e.data;
      c.terminationNotice = {
        noticeArrivedOn: d.noticeArrivedOn,
        requestedOn: d.requestedOn,
        ground: d.ground,
        evidenceRef: d.evidenceRef,
        effectiveOn: d.effectiveOn,
        effectivePolicy: d.effectivePolicy,
        returnDue: d.returnDue,
        src,
      };
    }),
  ContractTerminated: (s, e, src) =>
    onContract(s, e, (c) => {
      c.termination = { on: e.data.effectiveOn, src };
    }),
  MonthClosed: (s, e, src) => {
    const d = e.data;
    s.closes.set(d.month, {
      month: d.month,
      closeId: d.closeId ?? src.eventId,
      ledgerId: d.ledgerId,
      eventHash: e.metadata.hash,
      streamId: e.streamId,
      commandId: e.metadata.commandId,
      closedBy: e.metadata.actor,
      closedAt: d.closedAt,
      firstMonth: d.firstMonth,
      lines: d.lines as unknown as ChargeLine[],
      totals: d.totals,
      total: d.total,
      seal: d.seal,
      src,
    });
    s.seals.set(src.eventId, { seal: d.seal, streamId: e.streamId, src });
  },
  LogSealed: (s, e, src) => {
    s.seals.set(src.eventId, { seal: e.data.seal, streamId: e.streamId, src });
  },
  PoliciesAdopted: (s, e, src) => {
    s.policies.push({ from: e.data.from, data: e.data, src });
  },
};

/**
 * Applies one event. For speed it updates `state` IN PLACE and returns it: callers own the state
 * they pass and must not share it. Deterministic: the result depends only on the state and the
 * event (no clock, no I/O), so two replays of one log build equal facts.
 */
export function applyFact(state: Facts, event: LedgerEvent): Facts {
  state.applied += 1;
  const m = event.metadata;
  const src: Src = {
    eventId: m.eventId,
    type: event.type,
    seq: Number(event.position.commit),
    rev: Number(event.revision),
    occurredAt: m.occurredAt,
    recordedAt: m.recordedAt,
    edition: m.edition,
  };
  (HANDLERS[event.type] as Handler<EventType>)(state, event as EventOf<EventType>, src);
  return state;
}

/** "As the ledger knew it at time T": an event counts only if it was recorded at or before T. */
export function knownBy(event: LedgerEvent, knownAt: Instant | undefined): boolean {
  return knownAt === undefined || compareInstants(event.metadata.recordedAt, knownAt) <= 0;
}

export interface FoldOptions {
  /** Ignore events whose metadata.recordedAt is after this instant. */
  readonly knownAt?: Instant;
}

export function foldFacts(events: Iterable<LedgerEvent>, options: FoldOptions = {}): Facts {
  const state = initFacts();
  for (const event of events) if (knownBy(event, options.knownAt)) applyFact(state, event);
  return state;
}
