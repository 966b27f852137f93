/**
 * A contract's history for auditors and dispute staff: one step per event, with the article behind
 * it, in the order things happened (by the date each event names, then by log order). A step is
 * data, a kind and its parameters; src/render/timeline.ts tells it in English or Japanese.
 */
import type { EventType } from '../events';
import {
  type ContractorDuty,
  type ContractType,
  contractorDutyArticle,
  type Instant,
  type Item,
  jstDate,
  type LocalDate,
  type MaintenanceType,
  OPTION_SPECS,
  type OptionKind,
  type PolicyName,
  type ProhibitedActKind,
  prohibitedActArticle,
  type TermYears,
} from '../terms';
import { assertDate, contractAsOf, networkAsOf, notAfter } from './as-of';
import type { ChargeFormula, ChargeLine, ChargeNote } from './charge-data';
import { billingSchedule, datedLines } from './charges';
import type {
  ConductFact,
  ContractFacts,
  DecidedDeadline,
  Facts,
  FaultOutcome,
  ModelChangeFact,
  NetworkFacts,
  OneTimeCostKind,
  OutageCause,
  Src,
  TerminationGround,
} from './facts';
import { contractTerms, type MinimumTerm, optionTerms } from './minimum-terms';
import { assessOutage, type ClaimReason, type ClaimStatus } from './reductions';

type Id = string;

/** Whether the minimum term restarts when a model change's new model is billed (Art. 5(2), 17(3)). */
export type TermRestart =
  /** Completed before billing started: the term runs from the billing start (Art. 5(1), 9(1)). */
  | { readonly kind: 'before-billing' }
  | { readonly kind: 'contract'; readonly years: TermYears; readonly termEnd: LocalDate }
  /** Art. 17(3) proviso: the private switch's new model starts a fresh 1-year term. */
  | { readonly kind: 'option'; readonly termEnd: LocalDate }
  | { readonly kind: 'none' };

/** What the termination settles under Art. 20(1), Annex 2. */
export type TerminationSettlement =
  | { readonly kind: 'none' }
  /** Nothing owed: the notes (or the formula) say why. */
  | { readonly kind: 'nothing'; readonly formula: ChargeFormula; readonly notes: readonly ChargeNote[] }
  | { readonly kind: 'owed'; readonly amount: number; readonly formula: ChargeFormula };

/** The parameters of each kind of step. Dates are 'YYYY-MM-DD', instants ISO-8601, amounts yen. */
export interface StepParams {
  readonly 'network-registered': {
    readonly networkId: Id;
    readonly parentContractId: Id;
    readonly parentHolderId: Id;
    readonly item: Item;
    readonly childSiteLimit: number;
  };
  readonly 'site-joined': {
    readonly networkId: Id;
    readonly contractType: ContractType;
    readonly contractorId: Id;
  };
  readonly 'site-left': { readonly networkId: Id };
  readonly 'reservation-made': { readonly networkId: Id; readonly reservedBy: Id };
  readonly 'reservation-voided': { readonly reservedBy: Id };
  readonly 'settings-disclosed': { readonly toContractorId: Id };
  readonly 'application-accepted': {
    readonly contractType: ContractType;
    readonly contractId: Id;
    readonly contractorId: Id;
    readonly networkId: Id;
    readonly parentHolderId: Id;
    readonly item: Item;
    /** Null: closed monitoring, no VPN device of its own. */
    readonly deviceModel: string | null;
    readonly maintenanceType: MaintenanceType;
    readonly termYears: TermYears;
    readonly initialFee: number;
    readonly monthlyFee: number;
    readonly onSiteInstallationFee: number | null;
  };
  readonly 'billing-started': {
    readonly on: LocalDate;
    readonly termYears: TermYears;
    readonly termEnd: LocalDate;
  };
  /** A cold standby's change carried by a device change (Art. 17(2)(2)). */
  readonly 'cold-standby-carried': {
    readonly optionId: Id;
    readonly carriedBy: Id;
    readonly fromModel: string;
    readonly toModel: string;
    readonly fee: number;
    readonly monthlyFee: number;
  };
  readonly 'model-change-accepted': {
    readonly changeId: Id;
    /** Null: the VPN device. */
    readonly optionId: Id | null;
    readonly fromModel: string;
    readonly toModel: string;
    readonly catalogEdition: string;
    readonly fee: number;
    readonly monthlyFee: number;
  };
  readonly 'model-change-completed': {
    readonly changeId: Id;
    readonly toModel: string;
    readonly on: LocalDate;
    readonly restart: TermRestart;
    readonly replaced: readonly { readonly oldItemId: Id; readonly newItemId: Id }[];
    readonly returnDue: DecidedDeadline;
  };
  readonly 'option-added': {
    readonly optionId: Id;
    readonly option: OptionKind;
    readonly model: string | null;
    readonly initialFee: number;
    /** Null: the option has no monthly fee (on-site installation). */
    readonly monthlyFee: number | null;
  };
  /** termEnd null: the option has no minimum term (Art. 17(3)). */
  readonly 'option-billing-started': {
    readonly optionId: Id;
    readonly on: LocalDate;
    readonly termEnd: LocalDate | null;
  };
  readonly 'option-stop-notice': {
    readonly optionId: Id;
    readonly noticeArrivedOn: LocalDate;
    readonly requestedOn: LocalDate | null;
    readonly effectiveOn: LocalDate;
    /** Null: the option lent no equipment. */
    readonly returnDue: DecidedDeadline | null;
  };
  readonly 'config-change-instructed': {
    readonly jobId: Id;
    readonly by: Id;
    readonly at: Instant;
    readonly description: string;
  };
  readonly 'config-change-performed': {
    readonly jobId: Id;
    readonly startedAt: Instant;
    readonly devices: number;
    readonly perDevice: number;
    readonly amount: number;
    readonly withinBusinessHours: boolean;
    readonly billTo: Id;
  };
  readonly 'fault-reported': {
    readonly faultId: Id;
    readonly itemId: Id | null;
    readonly description: string;
  };
  /** quotedCost: what the contractor owes under Art. 15(3), when it does. */
  readonly 'fault-investigated': {
    readonly faultId: Id;
    readonly outcome: FaultOutcome;
    readonly quotedCost: number | null;
  };
  readonly 'fault-resolved': {
    readonly faultId: Id;
    readonly resolution: 'repaired' | 'replaced' | 'handled-by-contractor';
    readonly replacementItemId: Id | null;
  };
  readonly 'loss-reported': {
    readonly lossId: Id;
    readonly itemId: Id | null;
    readonly circumstances: string;
  };
  readonly 'replacement-shipped': { readonly itemId: Id; readonly lossId: Id };
  readonly 'loss-charge-quoted': {
    readonly amount: number;
    readonly itemId: Id;
    readonly reason: 'reported-loss' | 'not-returned';
  };
  readonly 'lost-item-found': { readonly itemId: Id };
  readonly 'relocation-consented': { readonly itemIds: readonly Id[]; readonly to: string };
  readonly 'equipment-relocated': { readonly consentId: Id };
  readonly 'equipment-returned': { readonly itemIds: readonly Id[] };
  readonly 'one-time-cost': {
    readonly cost: OneTimeCostKind;
    readonly amount: number;
    readonly description: string;
  };
  readonly 'outage-known': { readonly outageId: Id; readonly at: Instant; readonly description: string };
  readonly 'outage-resolved': {
    readonly outageId: Id;
    readonly at: Instant;
    readonly cause: OutageCause;
    readonly unusableHours: number | null;
  };
  readonly 'reduction-claimed': {
    readonly outageId: Id;
    readonly status: ClaimStatus;
    /** The reduction granted (Annex 3), on the granted claim; null otherwise. */
    readonly reduction: { readonly amount: number; readonly formula: ChargeFormula } | null;
    readonly reason: ClaimReason;
  };
  readonly 'traffic-measured': { readonly measurementId: Id; readonly peakUtilisationPercent: number };
  readonly 'change-proposed': { readonly measurementId: Id; readonly proposal: string };
  readonly 'breach-cost-charged': {
    readonly amount: number;
    readonly harm: 'lost' | 'damaged';
    readonly itemIds: readonly Id[];
    readonly occurredOn: LocalDate;
    readonly breach: ProhibitedActKind;
    readonly description: string;
  };
  readonly 'prohibited-act': {
    readonly act: ProhibitedActKind;
    readonly itemIds: readonly Id[];
    readonly description: string;
  };
  readonly 'addresses-designated': {
    readonly designatedBy: 'provider' | 'contractor';
    readonly designationId: Id;
    readonly addresses: readonly string[];
  };
  readonly 'undesignated-address-used': { readonly address: string; readonly description: string };
  readonly 'contractor-setup': {
    readonly duty: ContractorDuty;
    readonly status: 'done' | 'not-done';
    readonly description: string;
  };
  readonly 'environment-notified': { readonly kind: 'disclosure' | 'change'; readonly description: string };
  readonly 'service-impeded': {
    readonly from: LocalDate;
    readonly duty: ContractorDuty;
    readonly description: string;
  };
  readonly 'equipment-installed': {
    readonly itemIds: readonly Id[];
    readonly by: 'contractor' | 'provider-on-site';
  };
  readonly 'vpn-connection': { readonly peer: string };
  readonly 'termination-notice': {
    readonly noticeArrivedOn: LocalDate;
    readonly requestedOn: LocalDate | null;
    readonly ground: TerminationGround;
    readonly evidenceRef: string | null;
    readonly effectiveOn: LocalDate;
    /** The policy that fixed the day for a general-terms-28 ground; null: Art. 18 itself. */
    readonly policy: Extract<PolicyName, `termination-28-${string}`> | null;
  };
  readonly 'contract-terminated': {
    readonly on: LocalDate;
    readonly settlement: TerminationSettlement;
    /** Null: no termination notice is on record. */
    readonly returnDue: DecidedDeadline | null;
  };
}

export type StepKind = keyof StepParams;

/** One step: its kind and parameters, with the article and the event behind it. */
export type TimelineStep = {
  [K in StepKind]: {
    /** The date the event names (a notice's arrival, a billing start), in Japan. */
    readonly date: LocalDate;
    readonly kind: K;
    readonly params: StepParams[K];
    /** The citation in the ledger's notation (src/terms/citation.ts reads it back as data). */
    readonly article: string;
    readonly eventId: string;
    readonly type: EventType;
    readonly occurredAt: string;
    readonly recordedAt: string;
    readonly edition: string;
    readonly seq: number;
    readonly rev: number;
  };
}[StepKind];

/** The article behind each kind of event; a step may name a narrower one. */
export const EVENT_ARTICLES: { readonly [K in EventType]: string } = {
  NetworkRegistered: 'Art. 1; Art. 2',
  SiteJoined: 'Art. 1; Art. 6',
  SiteLeft: 'Art. 1',
  SettingsDisclosed: 'Art. 11',
  SiteReservationVoided: 'Art. 6',
  ApplicationAccepted: 'Art. 1; Art. 2; Art. 5; Art. 19; Annex 1 §1',
  BillingStarted: 'Art. 5(1); Art. 19',
  ModelChangeAccepted: 'Art. 9(1); Annex 1 §3(2); Annex 4',
  ModelChangeCompleted: 'Art. 5(2); Art. 14(3)',
  OptionAdded: 'Art. 17; Annex 1 §1(2)',
  OptionBillingStarted: 'Art. 17(3); Art. 19',
  OptionStopNoticeReceived: 'Art. 17(4)',
  ConfigurationChangeInstructed: 'Art. 10(1)(2)',
  ConfigurationChangePerformed: 'Art. 10(3)(4); Annex 1 §3(3)',
  FaultReported: 'Art. 15(1)',
  FaultInvestigated: 'Art. 15(2)(3); Annex 1 §3(4)',
  FaultResolved: 'Art. 15(2)',
  LossReported: 'Art. 16(1)',
  ReplacementShipped: 'Art. 16(1)',
  LossChargeQuoted: 'Art. 16(2); Annex 1 §3(5)',
  LostItemFound: 'Art. 16(3)',
  RelocationConsented: 'Art. 14(1)(1)',
  EquipmentRelocated: 'Art. 14(1)(1)',
  EquipmentReturned: 'Art. 14(3)',
  OneTimeCostRecorded: 'Art. 19; Annex 1 §3',
  OutageKnown: 'Art. 21',
  OutageResolved: 'Art. 21',
  ReductionClaimed: 'Art. 21; Annex 3',
  TrafficMeasured: 'Art. 23',
  ContractChangeProposed: 'Art. 23',
  BreachRepairCostCharged: 'Art. 14(2); Art. 19',
  ProhibitedActRecorded: 'Art. 14(1)',
  IpAddressesDesignated: 'Art. 7(2)',
  UndesignatedAddressUsed: 'Art. 7(3)',
  ContractorSetupRecorded: 'Art. 8(2)',
  EnvironmentSettingsNotified: 'Art. 8(3)',
  ServiceImpeded: 'Art. 8(4)',
  EquipmentInstalled: 'Art. 13',
  VpnConnectionRecorded: 'Art. 22(1)',
  TerminationNoticeReceived: 'Art. 18',
  ContractTerminated: 'Art. 18; Art. 14(3); Art. 20',
  // Billing, not a contract's story: the timeline never tells these.
  MonthClosed: 'Art. 19',
  LogSealed: 'Art. 19',
  // The deployment's policy sets: read by the decisions they govern, told by `vpn-ledger policies`.
  PoliciesAdopted: 'Art. 1; Art. 3; Art. 18; Art. 22(2); Civil Code art. 142',
};

const ONE_TIME_ARTICLES: Readonly<Record<OneTimeCostKind, string>> = {
  travel: 'Art. 4; Art. 19; Annex 1 §3(1)',
  'special-installation-work': 'Art. 19; Annex 1 §3(1)',
  'on-site-cancellation': 'Art. 19; Annex 1 §3(6)',
  'on-site-overtime': 'Art. 19; Annex 1 §3(6)',
  'on-site-emergency': 'Art. 19; Annex 1 §3(6)',
};

/** Adds a step: its event, date, kind and parameters, and its article when narrower than the event's. */
type Step = <K extends StepKind>(
  src: Src,
  date: LocalDate,
  kind: K,
  params: StepParams[K],
  article?: string,
) => void;

/** The facts of Art. 7(2)(3), 8(2)-(4), 13, 14(1) and 22(1). */
function conductStep(x: ConductFact, step: Step): void {
  switch (x.type) {
    case 'ProhibitedActRecorded':
      step(
        x.src,
        x.on,
        'prohibited-act',
        { act: x.data.act, itemIds: x.data.itemIds, description: x.data.description },
        prohibitedActArticle(x.data.act),
      );
      return;
    case 'IpAddressesDesignated':
      step(x.src, x.on, 'addresses-designated', {
        designatedBy: x.data.designatedBy,
        designationId: x.data.designationId,
        addresses: x.data.addresses,
      });
      return;
    case 'UndesignatedAddressUsed':
      step(x.src, x.on, 'undesignated-address-used', {
        address: x.data.address,
        description: x.data.description,
      });
      return;
    case 'ContractorSetupRecorded':
      step(
        x.src,
        x.on,
        'contractor-setup',
        { duty: x.data.duty, status: x.data.status, description: x.data.description },
        contractorDutyArticle(x.data.duty),
      );
      return;
    case 'EnvironmentSettingsNotified':
      step(x.src, x.on, 'environment-notified', {
        kind: x.data.kind,
        description: x.data.description,
      });
      return;
    case 'ServiceImpeded':
      step(
        x.src,
        x.on,
        'service-impeded',
        { from: x.data.from, duty: x.data.duty, description: x.data.description },
        `Art. 8(4); ${contractorDutyArticle(x.data.duty)}`,
      );
      return;
    case 'EquipmentInstalled':
      step(
        x.src,
        x.on,
        'equipment-installed',
        { itemIds: x.data.itemIds, by: x.data.by },
        x.data.by === 'contractor' ? 'Art. 13' : 'Art. 13; Art. 17(2)(1)',
      );
      return;
    case 'VpnConnectionRecorded':
      step(x.src, x.on, 'vpn-connection', { peer: x.data.peer });
      return;
  }
}

/** The terms the contract and its options started, and the charge lines it was billed (read, not worked out again). */
interface Derived {
  readonly contractTerms: readonly MinimumTerm[];
  readonly optionTerms: ReadonlyMap<string, readonly MinimumTerm[]>;
  /** Dated charge lines by the id of each event they come from. */
  readonly linesBySource: ReadonlyMap<string, readonly ChargeLine[]>;
}

function derivedOf(c: ContractFacts): Derived {
  const linesBySource = new Map<string, ChargeLine[]>();
  for (const line of datedLines(billingSchedule(c))) {
    for (const id of line.sources) {
      const lines = linesBySource.get(id);
      if (lines) lines.push(line);
      else linesBySource.set(id, [line]);
    }
  }
  return {
    contractTerms: contractTerms(c),
    optionTerms: new Map([...c.options.values()].map((o) => [o.optionId, optionTerms(c, o)])),
    linesBySource,
  };
}

/** The line of `kind` that the event `src` is a source of. */
const lineOf = (d: Derived, src: Src, kind: ChargeLine['kind']): ChargeLine | undefined =>
  d.linesBySource.get(src.eventId)?.find((l) => l.kind === kind);

/** The term started by the event `src`, among `terms`. */
const termOf = (terms: readonly MinimumTerm[] | undefined, src: Src): MinimumTerm | undefined =>
  terms?.find((t) => t.sources[t.sources.length - 1] === src.eventId);

/** A model change's completion: the restart of the term the decider recorded (Art. 5(2), 17(3) proviso). */
function restartOf(m: ModelChangeFact, d: Derived): TermRestart {
  const done = m.completed!;
  if (done.beforeBillingStart) return { kind: 'before-billing' };
  if (!done.restartsTerm) return { kind: 'none' };
  if (m.target.kind === 'device') {
    const term = termOf(d.contractTerms, done.src);
    return term ? { kind: 'contract', years: term.years, termEnd: term.end } : { kind: 'none' };
  }
  const term = termOf(d.optionTerms.get(m.target.optionId), done.src);
  return term ? { kind: 'option', termEnd: term.end } : { kind: 'none' };
}

/** A private switch's model change is the one of Art. 17(3) proviso; other options' are Art. 9(1) alone. */
const isSwitchChange = (c: ContractFacts, m: ModelChangeFact): boolean => {
  if (m.target.kind !== 'option') return false;
  const option = c.options.get(m.target.optionId);
  return option !== undefined && OPTION_SPECS[option.kind].modelChangeRestartsTerm;
};

function contractSteps(c: ContractFacts, step: Step) {
  step(c.accepted, c.acceptedOn, 'application-accepted', {
    contractType: c.contractType,
    contractId: c.contractId,
    contractorId: c.contractorId,
    networkId: c.networkId,
    parentHolderId: c.parentHolderId,
    item: c.item,
    deviceModel: c.deviceModel,
    maintenanceType: c.maintenanceType,
    termYears: c.termYears,
    initialFee: c.initialFee,
    monthlyFee: c.monthlyFee,
    onSiteInstallationFee: c.onSiteInstallationFee,
  });
  const derived = derivedOf(c);
  if (c.billingStart) {
    const on = c.billingStart.on;
    const term = termOf(derived.contractTerms, c.billingStart.src)!;
    step(c.billingStart.src, on, 'billing-started', { on, termYears: term.years, termEnd: term.end });
  }
  for (const m of c.modelChanges.values()) {
    if (m.carriedBy !== null) {
      // Its completion is the device change's step, which lists its units.
      step(
        m.accepted,
        m.acceptedOn,
        'cold-standby-carried',
        {
          optionId: m.target.kind === 'option' ? m.target.optionId : '?',
          carriedBy: m.carriedBy,
          fromModel: m.fromModel,
          toModel: m.toModel,
          fee: m.fee,
          monthlyFee: m.monthlyFee,
        },
        'Art. 9(1); Art. 17(2)(2); Annex 1 §3(2); Annex 4',
      );
      continue;
    }
    step(m.accepted, m.acceptedOn, 'model-change-accepted', {
      changeId: m.changeId,
      optionId: m.target.kind === 'option' ? m.target.optionId : null,
      fromModel: m.fromModel,
      toModel: m.toModel,
      catalogEdition: m.catalogEdition,
      fee: m.fee,
      monthlyFee: m.monthlyFee,
    });
    if (!m.completed) continue;
    const on = m.completed.billingStartOn;
    const restart = restartOf(m, derived);
    step(
      m.completed.src,
      on,
      'model-change-completed',
      {
        changeId: m.changeId,
        toModel: m.toModel,
        on,
        restart,
        replaced: m.completed.replaced,
        returnDue: m.completed.returnDue,
      },
      m.target.kind === 'device'
        ? 'Art. 5(2); Art. 9(1); Art. 14(3)'
        : isSwitchChange(c, m)
          ? 'Art. 17(3) proviso; Art. 9(1); Art. 14(3)'
          : 'Art. 9(1); Art. 14(3)',
    );
  }
  for (const o of c.options.values()) {
    const spec = OPTION_SPECS[o.kind];
    step(
      o.added,
      o.addedOn,
      'option-added',
      {
        optionId: o.optionId,
        option: o.kind,
        model: o.model,
        initialFee: o.initialFee,
        monthlyFee: spec.hasMonthlyFee ? o.monthlyFee : null,
      },
      `${spec.article}; Art. 19; Annex 1 §1(2)`,
    );
    if (o.billingStart) {
      const on = o.billingStart.on;
      step(o.billingStart.src, on, 'option-billing-started', {
        optionId: o.optionId,
        on,
        termEnd: termOf(derived.optionTerms.get(o.optionId), o.billingStart.src)?.end ?? null,
      });
    }
    const stop = o.stopNotice;
    if (stop) {
      step(stop.src, stop.noticeArrivedOn, 'option-stop-notice', {
        optionId: o.optionId,
        noticeArrivedOn: stop.noticeArrivedOn,
        requestedOn: stop.requestedOn ?? null,
        effectiveOn: stop.effectiveOn,
        returnDue: o.equipmentIds.length > 0 ? stop.returnDue : null,
      });
    }
  }
  for (const j of c.configJobs.values()) {
    if (j.instructed) {
      const i = j.instructed;
      step(i.src, jstDate(i.at), 'config-change-instructed', {
        jobId: j.jobId,
        by: i.by,
        at: i.at,
        description: i.description,
      });
    }
    const line = j.performed && lineOf(derived, j.performed.src, 'config-change');
    if (j.performed && line?.formula.kind === 'config-change-fee') {
      const p = j.performed;
      const fee = line.formula;
      step(p.src, jstDate(p.startedAt), 'config-change-performed', {
        jobId: j.jobId,
        startedAt: p.startedAt,
        devices: fee.devices,
        perDevice: fee.perDevice,
        amount: fee.amount,
        withinBusinessHours: fee.withinBusinessHours,
        billTo: p.billTo,
      });
    }
  }
  for (const f of c.faults.values()) {
    if (f.reported) {
      step(f.reported.src, jstDate(f.reported.at), 'fault-reported', {
        faultId: f.faultId,
        itemId: f.itemId,
        description: f.reported.description,
      });
    }
    const inv = f.investigation;
    if (inv) {
      const owes = inv.outcome === 'contractor-fault' || inv.outcome === 'no-fault-found';
      step(inv.src, inv.on, 'fault-investigated', {
        faultId: f.faultId,
        outcome: inv.outcome,
        quotedCost: owes ? inv.quotedCost : null,
      });
    }
    const r = f.resolution;
    if (r) {
      step(r.src, r.on, 'fault-resolved', {
        faultId: f.faultId,
        resolution: r.resolution,
        replacementItemId: r.replacementItemId,
      });
    }
  }
  for (const l of c.losses.values()) {
    if (l.reported) {
      step(l.reported.src, l.reported.on, 'loss-reported', {
        lossId: l.lossId,
        itemId: l.itemId,
        circumstances: l.reported.circumstances,
      });
    }
    for (const r of l.replacements) {
      step(r.src, r.on, 'replacement-shipped', { itemId: r.itemId, lossId: l.lossId });
    }
    for (const q of l.charges) {
      step(q.src, q.on, 'loss-charge-quoted', { amount: q.amount, itemId: q.itemId, reason: q.reason });
    }
    if (l.found) step(l.found.src, l.found.on, 'lost-item-found', { itemId: l.found.itemId });
  }
  for (const r of c.relocations.values()) {
    step(r.consented, r.consentedOn, 'relocation-consented', { itemIds: r.itemIds, to: r.to.text });
    if (r.relocated) step(r.relocated.src, r.relocated.on, 'equipment-relocated', { consentId: r.consentId });
  }
  for (const r of c.returns) step(r.src, r.on, 'equipment-returned', { itemIds: r.itemIds });
  for (const x of c.oneTimeCosts.values()) {
    step(
      x.src,
      x.on,
      'one-time-cost',
      { cost: x.cost, amount: x.amount, description: x.description },
      ONE_TIME_ARTICLES[x.cost],
    );
  }
  for (const o of c.outages.values()) {
    if (o.known) {
      step(o.known.src, jstDate(o.known.at), 'outage-known', {
        outageId: o.outageId,
        at: o.known.at,
        description: o.known.description,
      });
    }
    const a = assessOutage(c, o);
    if (o.resolved) {
      step(o.resolved.src, jstDate(o.resolved.at), 'outage-resolved', {
        outageId: o.outageId,
        at: o.resolved.at,
        cause: o.resolved.cause,
        unusableHours: a.unusableHours,
      });
    }
    o.claims.forEach((claim, i) => {
      const d = a.claims[i]!;
      // The reduction as billed: the line the granted claim is a source of (Annex 3).
      const line = d.status === 'granted' ? lineOf(derived, claim.src, 'reduction') : undefined;
      const reduction =
        line?.formula.kind === 'reduction' ? { amount: line.formula.amount, formula: line.formula } : null;
      step(claim.src, claim.on, 'reduction-claimed', {
        outageId: o.outageId,
        status: d.status,
        reduction,
        reason: d.reason,
      });
    });
  }
  for (const m of c.measurements.values()) {
    step(m.src, m.on, 'traffic-measured', {
      measurementId: m.measurementId,
      peakUtilisationPercent: m.peakUtilisationPercent,
    });
  }
  for (const p of c.proposals.values()) {
    step(p.src, p.on, 'change-proposed', { measurementId: p.measurementId, proposal: p.proposal });
  }
  for (const b of c.breachCosts.values()) {
    step(
      b.src,
      b.on,
      'breach-cost-charged',
      {
        amount: b.amount,
        harm: b.harm,
        itemIds: b.itemIds,
        occurredOn: b.occurredOn,
        breach: b.breach,
        description: b.description,
      },
      `Art. 14(2); ${prohibitedActArticle(b.breach)}; Art. 19`,
    );
  }
  for (const x of c.conduct) conductStep(x, step);
  const n = c.terminationNotice;
  if (n) {
    step(
      n.src,
      n.noticeArrivedOn,
      'termination-notice',
      {
        noticeArrivedOn: n.noticeArrivedOn,
        requestedOn: n.requestedOn,
        ground: n.ground,
        evidenceRef: n.evidenceRef,
        effectiveOn: n.effectiveOn,
        policy: n.effectivePolicy,
      },
      n.ground !== 'ordinary' ? 'Art. 18; Art. 20(1)' : 'Art. 18',
    );
  }
  if (c.termination) {
    const on = c.termination.on;
    const line = lineOf(derived, c.termination.src, 'early-termination');
    const settlement: TerminationSettlement = !line
      ? { kind: 'none' }
      : line.amount === 0
        ? { kind: 'nothing', formula: line.formula, notes: line.notes }
        : { kind: 'owed', amount: line.amount, formula: line.formula };
    step(c.termination.src, on, 'contract-terminated', { on, settlement, returnDue: n ? n.returnDue : null });
  }
}

function networkSteps(n: NetworkFacts, contractId: string, step: Step) {
  if (n.parentContractId === contractId) {
    step(n.registered, n.registeredOn, 'network-registered', {
      networkId: n.networkId,
      parentContractId: n.parentContractId,
      parentHolderId: n.parentHolderId,
      item: n.item,
      childSiteLimit: n.childSiteLimit,
    });
  }
  const site = n.sites.get(contractId);
  if (site) {
    step(site.joined, site.joinedOn, 'site-joined', {
      networkId: n.networkId,
      contractType: site.contractType,
      contractorId: site.contractorId,
    });
    if (site.left) step(site.left.src, site.left.on, 'site-left', { networkId: n.networkId });
  }
  for (const v of n.voidedReservations) {
    if (v.site.contractId !== contractId) continue;
    step(v.site.joined, v.site.joinedOn, 'reservation-made', {
      networkId: n.networkId,
      reservedBy: v.reservedBy,
    });
    step(v.voided.src, v.voided.on, 'reservation-voided', { reservedBy: v.reservedBy });
  }
  for (const d of n.disclosures) {
    if (d.contractId !== contractId) continue;
    step(d.src, d.on, 'settings-disclosed', { toContractorId: d.toContractorId });
  }
}

export interface TimelineQuery {
  /** As effective on this date: steps dated later are left out. */
  readonly asOf?: LocalDate;
}

export function timeline(facts: Facts, contractId: string, query: TimelineQuery = {}): TimelineStep[] {
  if (query.asOf !== undefined) assertDate(query.asOf, 'asOf');
  const steps: TimelineStep[] = [];
  const step: Step = (src, date, kind, params, article) => {
    if (query.asOf !== undefined && !notAfter(date, query.asOf)) return;
    steps.push({
      date,
      kind,
      params,
      article: article ?? EVENT_ARTICLES[src.type],
      eventId: src.eventId,
      type: src.type,
      occurredAt: src.occurredAt,
      recordedAt: src.recordedAt,
      edition: src.edition,
      seq: src.seq,
      rev: src.rev,
    } as TimelineStep);
  };
  const full = facts.contracts.get(contractId);
  const c = full && (query.asOf === undefined ? full : contractAsOf(full, query.asOf));
  if (c) contractSteps(c, step);
  const networkId = full?.networkId;
  for (const fullNetwork of facts.networks.values()) {
    if (networkId !== undefined && fullNetwork.networkId !== networkId) continue;
    const n = query.asOf === undefined ? fullNetwork : networkAsOf(fullNetwork, query.asOf);
    if (n) networkSteps(n, contractId, step);
  }
  return steps.sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq !== b.seq ? a.seq - b.seq : a.rev - b.rev,
  );
}
