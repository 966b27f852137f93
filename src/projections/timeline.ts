/**
 * A contract's history in plain words, for auditors and dispute staff: one step per event, with
 * the article behind it, in the order things happened (by the date each event names, then by log
 * order).
 */
import type { EventType } from '../events';
// The timeline still speaks English itself; it becomes data in the languages issue.
import { formulaText, notesText } from '../render/charge-text';
import {
  configChangeFee,
  contractorDutyArticle,
  formatYen,
  type Instant,
  ITEM_SPECS,
  jstDate,
  jstDateTime,
  type LocalDate,
  minimumTermEnd,
  monthOf,
  OPTION_SPECS,
  prohibitedActArticle,
} from '../terms';
import { assertDate, contractAsOf, networkAsOf, notAfter } from './as-of';
import { contractChargesForMonth } from './charges';
import type {
  ConductFact,
  ContractFacts,
  DecidedDeadline,
  Facts,
  ModelChangeFact,
  NetworkFacts,
  OneTimeCostKind,
  Src,
  TerminationNoticeFact,
} from './facts';
import { assessOutage } from './reductions';

export interface TimelineStep {
  /** The date the event names (a notice's arrival, a billing start), in Japan. */
  readonly date: LocalDate;
  readonly text: string;
  readonly article: string;
  readonly eventId: string;
  readonly type: EventType;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly edition: string;
  readonly seq: number;
  readonly rev: number;
}

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
};

const ONE_TIME_WORDS: Readonly<Record<OneTimeCostKind, [string, string]>> = {
  travel: ['travel costs of Type 2 maintenance', 'Art. 4; Art. 19; Annex 1 §3(1)'],
  'special-installation-work': ['special installation work', 'Art. 19; Annex 1 §3(1)'],
  'on-site-cancellation': ['on-site installation cancellation', 'Art. 19; Annex 1 §3(6)'],
  'on-site-overtime': ['on-site installation overtime', 'Art. 19; Annex 1 §3(6)'],
  'on-site-emergency': ['on-site installation emergency work', 'Art. 19; Annex 1 §3(6)'],
};

const yen = (n: number) => `${formatYen(n)} yen`;
const jst = (at: Instant) => jstDateTime(at).toFormat("yyyy-MM-dd HH:mm:ss 'JST'");
const list = (xs: readonly string[]) => xs.join(', ');
const optionName = (kind: keyof typeof OPTION_SPECS) => OPTION_SPECS[kind].nameEn.toLowerCase();
/** Why a termination takes effect on its day: Art. 18, or the policy for a general-terms-28 ground. */
const terminationRule = (policy: TerminationNoticeFact['effectivePolicy']) =>
  policy === 'termination-28-effective-on-named-date'
    ? 'the day the notice names and not before its arrival (policy termination-28-effective-on-named-date: the general terms are not in the ledger)'
    : policy === 'termination-28-effective-by-art-18'
      ? 'the later of the day 30 days elapse and the requested day, as Art. 18 says (policy termination-28-effective-by-art-18: the general terms are not in the ledger)'
      : 'the later of the day 30 days elapse and the requested day';

/** The facts of Art. 7(2)(3), 8(2)-(4), 13, 14(1) and 22(1), in words. */
function conductWords(x: ConductFact): [text: string, article?: string] {
  switch (x.type) {
    case 'ProhibitedActRecorded':
      return [
        `Prohibited act recorded (${x.data.act}) on ${list(x.data.itemIds)}: ${x.data.description}. Without the provider's consent the contractor may not do it.`,
        prohibitedActArticle(x.data.act),
      ];
    case 'IpAddressesDesignated':
      return [
        `IPv4 addresses designated by the ${x.data.designatedBy} (${x.data.designationId}): ${list(x.data.addresses)}; no other address may be used (Art. 7(3)).`,
      ];
    case 'UndesignatedAddressUsed':
      return [`Address ${x.data.address} used without designation: ${x.data.description}.`];
    case 'ContractorSetupRecorded':
      return [
        `Contractor's set-up of ${x.data.duty}: ${x.data.status}. ${x.data.description}.`,
        contractorDutyArticle(x.data.duty),
      ];
    case 'EnvironmentSettingsNotified':
      return [
        `The contractor ${x.data.kind === 'disclosure' ? "disclosed its environment's settings" : "notified a change of its environment's settings"}: ${x.data.description}.`,
      ];
    case 'ServiceImpeded':
      return [
        `From ${x.data.from} the service cannot be provided: ${contractorDutyArticle(x.data.duty)} (${x.data.duty}) is not met (${x.data.description}); the provider is not liable for it.`,
        `Art. 8(4); ${contractorDutyArticle(x.data.duty)}`,
      ];
    case 'EquipmentInstalled':
      return [
        `Equipment installed (${list(x.data.itemIds)}) by ${x.data.by === 'contractor' ? "the contractor, on the provider's instructions" : 'the provider, under the on-site installation option'}.`,
        x.data.by === 'contractor' ? 'Art. 13' : 'Art. 13; Art. 17(2)(1)',
      ];
    case 'VpnConnectionRecorded':
      return [`VPN connection to ${x.data.peer}, a network that uses the service too.`];
  }
}

/** A deadline as the decider recorded it, with the Art. 142 move when there was one. */
const due = (d: DecidedDeadline) =>
  d.shiftedFrom === null
    ? d.on
    : `${d.on} (moved from ${d.shiftedFrom} under Civil Code art. 142, policy deadline-shift)`;

/**
 * A cold standby's change carried by a device change (Art. 17(2)(2)): its acceptance, with its own
 * quoted fees; its completion is the device change's step, which lists its units.
 */
function carriedStandbyStep(
  m: ModelChangeFact,
  step: (src: Src, date: LocalDate, text: string, article?: string) => void,
) {
  const optionId = m.target.kind === 'option' ? m.target.optionId : '?';
  step(
    m.accepted,
    m.acceptedOn,
    `Cold standby ${optionId} changes with the VPN device in model change ${m.carriedBy} (the same VPN device, Art. 17(2)(2)): ${m.fromModel} → ${m.toModel}; fee ${yen(m.fee)} owed now; monthly fee ${yen(m.monthlyFee)} from the new model's billing start.`,
    'Art. 9(1); Art. 17(2)(2); Annex 1 §3(2); Annex 4',
  );
}

function contractSteps(
  c: ContractFacts,
  step: (src: Src, date: LocalDate, text: string, article?: string) => void,
) {
  const a = c.accepted;
  step(
    a,
    c.acceptedOn,
    `Application accepted: ${c.contractType} contract ${c.contractId} for contractor ${c.contractorId} on network ${c.networkId} (parent holder ${c.parentHolderId}); item ${ITEM_SPECS[c.item].nameEn.toLowerCase()}, ${c.deviceModel === null ? 'no VPN device of its own' : `device ${c.deviceModel}`}, maintenance ${c.maintenanceType}, ${c.termYears}-year minimum term; initial fee ${yen(c.initialFee)} owed now, monthly fee ${yen(c.monthlyFee)} from the billing start${c.onSiteInstallationFee === null ? '' : `; on-site installation ${yen(c.onSiteInstallationFee)}`}.`,
  );
  if (c.billingStart) {
    const on = c.billingStart.on;
    step(
      c.billingStart.src,
      on,
      `Billing started on ${on}: the monthly fee is owed from this day, and the ${c.termYears}-year minimum term runs from it to ${minimumTermEnd(on, c.termYears)}.`,
    );
  }
  for (const m of c.modelChanges.values()) {
    if (m.carriedBy !== null) {
      carriedStandbyStep(m, step);
      continue;
    }
    const option = m.target.kind === 'option' ? c.options.get(m.target.optionId) : undefined;
    const target = m.target.kind === 'device' ? 'the VPN device' : `option ${m.target.optionId}`;
    step(
      m.accepted,
      m.acceptedOn,
      `Model change ${m.changeId} accepted for ${target}: ${m.fromModel} → ${m.toModel} (Annex 4, catalog edition ${m.catalogEdition}); fee ${yen(m.fee)} owed now; monthly fee ${yen(m.monthlyFee)} from the new model's billing start.`,
    );
    if (!m.completed) continue;
    const on = m.completed.billingStartOn;
    const restart = m.completed.beforeBillingStart
      ? 'billing has not started yet: the new model is in place before it, and the minimum term runs from the billing start (Art. 5(1), 9(1))'
      : m.target.kind === 'device'
        ? `a fresh ${c.termYears}-year minimum term runs from it to ${minimumTermEnd(on, c.termYears)} (Art. 5(2))`
        : option && OPTION_SPECS[option.kind].modelChangeRestartsTerm
          ? `a fresh 1-year minimum term of the option runs from it to ${minimumTermEnd(on, 1)} (Art. 17(3) proviso)`
          : 'the minimum term is not restarted';
    const returns = m.completed.replaced.length
      ? `; the replaced ${m.completed.replaced.length === 1 ? 'item' : 'items'} ${list(m.completed.replaced.map((r) => `${r.oldItemId} (now ${r.newItemId})`))} must be returned by ${due(m.completed.returnDue)}`
      : '';
    step(
      m.completed.src,
      on,
      `Model change ${m.changeId} completed: ${m.toModel} is billed from ${on}; ${restart}${returns}.`,
      m.target.kind === 'device'
        ? 'Art. 5(2); Art. 9(1); Art. 14(3)'
        : option && OPTION_SPECS[option.kind].modelChangeRestartsTerm
          ? 'Art. 17(3) proviso; Art. 9(1); Art. 14(3)'
          : 'Art. 9(1); Art. 14(3)',
    );
  }
  for (const o of c.options.values()) {
    const spec = OPTION_SPECS[o.kind];
    step(
      o.added,
      o.addedOn,
      `Option ${o.optionId} added: ${optionName(o.kind)}${o.model ? ` (${o.model})` : ''}; initial fee ${yen(o.initialFee)} owed now${spec.hasMonthlyFee ? `, monthly fee ${yen(o.monthlyFee)} from its billing start` : ''}.`,
      `${spec.article}; Art. 19; Annex 1 §1(2)`,
    );
    if (o.billingStart) {
      const on = o.billingStart.on;
      step(
        o.billingStart.src,
        on,
        `Billing of option ${o.optionId} started on ${on}${spec.hasMinimumTerm ? `; its 1-year minimum term runs to ${minimumTermEnd(on, 1)}` : '; it has no minimum term'}.`,
      );
    }
    const stop = o.stopNotice;
    if (stop) {
      step(
        stop.src,
        stop.noticeArrivedOn,
        `Stop notice for option ${o.optionId} arrived on ${stop.noticeArrivedOn}${stop.requestedOn ? `, requesting ${stop.requestedOn}` : ''}; the stop takes effect on ${stop.effectiveOn}, the later of the day 30 days elapse and the requested day, which is the last day billed${o.equipmentIds.length > 0 ? `; its equipment must be returned by ${due(stop.returnDue)}` : ''}.`,
      );
    }
  }
  for (const j of c.configJobs.values()) {
    if (j.instructed) {
      const i = j.instructed;
      step(
        i.src,
        jstDate(i.at),
        `Configuration change ${j.jobId} instructed by ${i.by} at ${jst(i.at)}: ${i.description}.`,
      );
    }
    if (j.performed) {
      const p = j.performed;
      const fee = configChangeFee(p.startedAt, p.itemIds.length);
      step(
        p.src,
        jstDate(p.startedAt),
        `Configuration change ${j.jobId} performed, starting ${jst(p.startedAt)}, on ${p.itemIds.length} device(s): ${fee.formula} yen (${fee.withinBusinessHours ? 'within' : 'outside'} business hours), billed to the parent holder ${p.billTo}.`,
      );
    }
  }
  for (const f of c.faults.values()) {
    if (f.reported) {
      step(
        f.reported.src,
        jstDate(f.reported.at),
        `Fault ${f.faultId} reported on item ${f.itemId}: ${f.reported.description}.`,
      );
    }
    const inv = f.investigation;
    if (inv) {
      const outcome = {
        'provider-fault': 'a fault the provider repairs at its cost',
        'contractor-fault': "the contractor's fault",
        'no-fault-found': 'no fault found',
        'minor-handled-by-contractor': 'a minor fault the contractor handles on instruction',
      }[inv.outcome];
      const owed =
        (inv.outcome === 'contractor-fault' || inv.outcome === 'no-fault-found') && inv.quotedCost !== null
          ? `; the contractor owes the quoted ${yen(inv.quotedCost)} (Art. 15(3))`
          : '';
      step(inv.src, inv.on, `Fault ${f.faultId} investigated: ${outcome}${owed}.`);
    }
    const r = f.resolution;
    if (r) {
      const how = r.replacementItemId ? `${r.resolution}, by item ${r.replacementItemId}` : r.resolution;
      step(r.src, r.on, `Fault ${f.faultId} resolved: ${how}.`);
    }
  }
  for (const l of c.losses.values()) {
    if (l.reported) {
      step(
        l.reported.src,
        l.reported.on,
        `Loss ${l.lossId} of item ${l.itemId} reported: ${l.reported.circumstances}.`,
      );
    }
    for (const r of l.replacements) {
      step(r.src, r.on, `Replacement item ${r.itemId} shipped for loss ${l.lossId}.`);
    }
    for (const q of l.charges) {
      const why =
        q.reason === 'not-returned' ? 'not returned in time: treated as lost (Art. 16(2))' : 'reported lost';
      step(q.src, q.on, `Loss charge of ${yen(q.amount)} quoted for item ${q.itemId}, ${why}.`);
    }
    if (l.found) {
      step(
        l.found.src,
        l.found.on,
        `Lost item ${l.found.itemId} found: the contractor disposes of it lawfully and stays bound by Art. 14(1); a loss charge paid is not refunded (Art. 16(3)(2)).`,
      );
    }
  }
  for (const r of c.relocations.values()) {
    step(r.consented, r.consentedOn, `Relocation of ${list(r.itemIds)} to ${r.to.text} consented.`);
    if (r.relocated)
      step(r.relocated.src, r.relocated.on, `Equipment relocated under consent ${r.consentId}.`);
  }
  for (const r of c.returns) step(r.src, r.on, `Equipment returned: ${list(r.itemIds)}.`);
  for (const x of c.oneTimeCosts.values()) {
    const [words, article] = ONE_TIME_WORDS[x.cost];
    step(
      x.src,
      x.on,
      `One-time cost recorded: ${words}, ${yen(x.amount)} at cost (${x.description}).`,
      article,
    );
  }
  for (const o of c.outages.values()) {
    if (o.known)
      step(
        o.known.src,
        jstDate(o.known.at),
        `Outage ${o.outageId} became known to the provider at ${jst(o.known.at)}: ${o.known.description}.`,
      );
    const a = assessOutage(c, o);
    if (o.resolved) {
      step(
        o.resolved.src,
        jstDate(o.resolved.at),
        `Outage ${o.outageId} resolved at ${jst(o.resolved.at)} (cause: ${o.resolved.cause})${a.unusableHours === null ? '' : `, ${a.unusableHours} h after it became known`}.`,
      );
    }
    o.claims.forEach((claim, i) => {
      const d = a.claims[i]!;
      const amount =
        d.status === 'granted' && a.reduction
          ? `: ${yen(a.reduction.amount)} reduced (${a.reduction.formula})`
          : '';
      step(
        claim.src,
        claim.on,
        `Reduction claimed for outage ${o.outageId}: ${d.status}${amount}; ${d.reason}.`,
      );
    });
  }
  for (const m of c.measurements.values()) {
    step(
      m.src,
      m.on,
      `Traffic measured (${m.measurementId}): peak utilisation ${m.peakUtilisationPercent}%.`,
    );
  }
  for (const p of c.proposals.values()) {
    step(p.src, p.on, `Contract change proposed after measurement ${p.measurementId}: ${p.proposal}.`);
  }
  for (const b of c.breachCosts.values()) {
    step(
      b.src,
      b.on,
      `${yen(b.amount)} charged for the ${b.harm === 'lost' ? 'recovery' : 'repair'} of ${list(b.itemIds)}, ${b.harm} on ${b.occurredOn} in breach of ${prohibitedActArticle(b.breach)} (${b.breach}): ${b.description}.`,
      `Art. 14(2); ${prohibitedActArticle(b.breach)}; Art. 19`,
    );
  }
  for (const x of c.conduct) step(x.src, x.on, ...conductWords(x));
  const n = c.terminationNotice;
  if (n) {
    const exempt = n.ground !== 'ordinary';
    step(
      n.src,
      n.noticeArrivedOn,
      `Termination notice arrived on ${n.noticeArrivedOn}${n.requestedOn ? `, requesting ${n.requestedOn}` : ''}; ground: ${n.ground}${n.evidenceRef ? ` (evidence: ${n.evidenceRef})` : ''}; it takes effect on ${n.effectiveOn}, ${terminationRule(n.effectivePolicy)}, which is the last day billed.`,
      exempt ? 'Art. 18; Art. 20(1)' : 'Art. 18',
    );
  }
  if (c.termination) {
    const on = c.termination.on;
    const settlement = contractChargesForMonth(c, monthOf(on)).find((l) => l.kind === 'early-termination');
    const owed = !settlement
      ? 'no early-termination settlement is owed'
      : settlement.amount === 0
        ? `no early-termination settlement: ${notesText(settlement.notes) ?? formulaText(settlement.formula)}`
        : `an early-termination settlement of ${yen(settlement.amount)} is owed (${formulaText(settlement.formula)})`;
    step(
      c.termination.src,
      on,
      `Contract terminated, effective ${on}; ${owed}${n ? `; the equipment must be returned by ${due(n.returnDue)}` : ''}.`,
    );
  }
}

function networkSteps(
  n: NetworkFacts,
  contractId: string,
  step: (src: Src, date: LocalDate, text: string, article?: string) => void,
) {
  if (n.parentContractId === contractId) {
    step(
      n.registered,
      n.registeredOn,
      `Network ${n.networkId} registered with parent contract ${n.parentContractId} held by ${n.parentHolderId}; item ${ITEM_SPECS[n.item].nameEn.toLowerCase()}, up to ${n.childSiteLimit} child sites.`,
    );
  }
  const site = n.sites.get(contractId);
  if (site) {
    step(
      site.joined,
      site.joinedOn,
      `Joined network ${n.networkId} as a ${site.contractType} site of contractor ${site.contractorId}.`,
    );
    if (site.left) step(site.left.src, site.left.on, `Left network ${n.networkId}.`);
  }
  for (const v of n.voidedReservations) {
    if (v.site.contractId !== contractId) continue;
    step(
      v.site.joined,
      v.site.joinedOn,
      `A place in network ${n.networkId} was reserved by command ${v.reservedBy}.`,
    );
    step(
      v.voided.src,
      v.voided.on,
      `The reservation by command ${v.reservedBy} was voided: its contract was never written, and a new application took its place.`,
    );
  }
  for (const d of n.disclosures) {
    if (d.contractId !== contractId) continue;
    step(d.src, d.on, `Line settings disclosed to contractor ${d.toContractorId} of the same VPN.`);
  }
}

export interface TimelineQuery {
  /** As effective on this date: steps dated later are left out. */
  readonly asOf?: LocalDate;
}

export function timeline(facts: Facts, contractId: string, query: TimelineQuery = {}): TimelineStep[] {
  if (query.asOf !== undefined) assertDate(query.asOf, 'asOf');
  const steps: TimelineStep[] = [];
  const step = (src: Src, date: LocalDate, text: string, article?: string) => {
    if (query.asOf !== undefined && !notAfter(date, query.asOf)) return;
    steps.push({
      date,
      text,
      article: article ?? EVENT_ARTICLES[src.type],
      eventId: src.eventId,
      type: src.type,
      occurredAt: src.occurredAt,
      recordedAt: src.recordedAt,
      edition: src.edition,
      seq: src.seq,
      rev: src.rev,
    });
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
