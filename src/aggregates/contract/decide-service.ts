import { annex, art, cite, policyRef } from '../../terms/citation';
import { compareDates } from '../../terms/dates';
import { claimWindowFrom, claimWindowOf, hoursCountFrom } from '../../terms/policies';
import { reject } from '../decision';
import {
  checkAfterAcceptance,
  checkDistinct,
  checkFreshItemIds,
  checkInForce,
  conflictsWithLater,
  type D,
  emit,
  expectedModelOn,
  heldItemOn,
  instantMillis,
  japanDate,
  latestOf,
  type Rule,
} from './rules';
import {
  type AcceptedContract,
  type ContractState,
  lastDayInForce,
  maintenanceOn,
  optionActiveOn,
} from './state';

const ART_21 = [art(21)];
const ART_23 = [art(23)];

// ---------------------------------------------------------------------------------------------
// Art. 10: configuration changes

/**
 * Art. 10(1)(2): the provider gives the holder of the parent contract (親たる契約に係る…契約者) the
 * authority over the settings of that contract and of every child contract of the same VPN; a
 * child's settings change only on the instruction of the holder of the parent contract in the same
 * VPN. The authority is the parent contract's: it is read from the parent contract in force on the
 * day of the instruction (this contract when it is the parent), not from the network's
 * registration; with no parent contract in force that day there is no one to instruct. The fee of
 * Art. 10(4) is billed to that holder (recorded on the instruction, read by the job).
 */
export const instructConfigurationChange: Rule<'InstructConfigurationChange'> = (data, c, ctx) => {
  if (c.configJobs.has(data.jobId)) return reject('JOB_EXISTS', { jobId: data.jobId }, [art(10, 3)], 'jobId');
  const on = japanDate(data.instructedAt);
  const window = checkInForce(c, on, 'instructedAt', [art(10, 3)]);
  if (window) return window;
  const article = c.contractType === 'child' ? art(10, 2) : art(10, 1);
  const network =
    ctx.network.status === 'registered' && ctx.network.networkId === c.networkId ? ctx.network : null;
  const parentContractId = c.contractType === 'parent' ? c.contractId : (network?.parentContractId ?? '');
  const parent: ContractState | null = c.contractType === 'parent' ? c : ctx.parent;
  const inForce = parentInForceOn(parent, parentContractId, c.networkId, on, article);
  if (!inForce.ok) return inForce.decision;
  const holder = inForce.parent.contractorId;
  if (data.instructedBy !== holder) {
    return reject(
      'NOT_PARENT_HOLDER',
      { holder, networkId: c.networkId, instructedBy: data.instructedBy },
      [article],
      'instructedBy',
    );
  }
  return emit({
    type: 'ConfigurationChangeInstructed',
    data: {
      jobId: data.jobId,
      instructedBy: data.instructedBy,
      instructedAt: data.instructedAt,
      description: data.description,
      parentContractId: inForce.parent.contractId,
    },
  });
};

/** The network's parent contract, in force on `date` (accepted by then, not ended before it). */
const parentInForceOn = (
  parent: ContractState | null,
  parentContractId: string,
  networkId: string,
  date: string,
  article: ReturnType<typeof art>,
): { ok: true; parent: AcceptedContract } | { ok: false; decision: D } => {
  const base = { networkId, parentContractId, date };
  if (parent === null || parent.status === 'none') {
    return {
      ok: false,
      decision: reject('PARENT_NOT_IN_FORCE', { case: 'none', ...base }, [article], 'instructedAt'),
    };
  }
  if (compareDates(date, parent.acceptedOn) < 0) {
    return {
      ok: false,
      decision: reject(
        'PARENT_NOT_IN_FORCE',
        { case: 'not-yet', ...base, acceptedOn: parent.acceptedOn },
        [article],
        'instructedAt',
      ),
    };
  }
  const last = lastDayInForce(parent);
  if (last !== null && compareDates(date, last) > 0) {
    return {
      ok: false,
      decision: reject(
        'PARENT_NOT_IN_FORCE',
        { case: 'ended', ...base, lastDay: last },
        [article],
        'instructedAt',
      ),
    };
  }
  return { ok: true, parent };
};

/**
 * Annex 1 §3(3) prices a job 「VPN機器1台・1作業あたり」 (Art. 10 concerns the VPN connection's settings):
 * the VPN devices and their cold-standby units (the same VPN device, Art. 17(2)(2)) are billed.
 * Policy config-fee-counts-vpn-devices: a job may include the private switch, whose settings are
 * the service's too (Art. 17(2)(3)); it is no VPN device, so it adds nothing to the fee. A bracket,
 * a module or a licence has no settings of its own and is refused.
 */
const BILLED = new Set(['vpn-device', 'cold-standby-device']);
const CONFIGURABLE = new Set([...BILLED, 'switch']);

/** Art. 10(3)(4), Annex 1 §3(3): the provider does the instructed job, per device, billed to the parent holder. */
export const performConfigurationChange: Rule<'PerformConfigurationChange'> = (data, c) => {
  const article = [art(10, 3)];
  const job = c.configJobs.get(data.jobId);
  if (!job) return reject('JOB_NOT_INSTRUCTED', { jobId: data.jobId }, article, 'jobId');
  if (job.performed !== null) {
    return reject(
      'JOB_ALREADY_PERFORMED',
      { jobId: data.jobId, startedAt: job.performed.startedAt },
      article,
      'jobId',
    );
  }
  if (instantMillis(data.startedAt) < instantMillis(job.instructedAt)) {
    return reject(
      'JOB_BEFORE_INSTRUCTION',
      { jobId: data.jobId, startedAt: data.startedAt, instructedAt: job.instructedAt },
      article,
      'startedAt',
    );
  }
  const on = japanDate(data.startedAt);
  const window = checkInForce(c, on, 'startedAt', article);
  if (window) return window;
  const fee = [annex(1, 3, 3)];
  const distinct = checkDistinct(data.itemIds, 'itemIds', fee);
  if (distinct) return distinct;
  const billed: string[] = [];
  for (const [i, itemId] of data.itemIds.entries()) {
    // The units in use on the day of the job, whenever it is recorded.
    const found = heldItemOn(c, itemId, on, `itemIds.${i}`, fee);
    if (!found.ok) return found.decision;
    if (!CONFIGURABLE.has(found.item.kind)) {
      return reject(
        'NOT_A_VPN_DEVICE',
        { case: 'item-kind', itemId, kind: found.item.kind },
        cite(art(10, 3), annex(1, 3, 3)),
        `itemIds.${i}`,
      );
    }
    if (BILLED.has(found.item.kind)) billed.push(itemId);
  }
  if (billed.length === 0) {
    return reject(
      'NOT_A_VPN_DEVICE',
      { case: 'no-vpn-device', jobId: data.jobId },
      cite(art(10, 3), annex(1, 3, 3), policyRef('config-fee-counts-vpn-devices')),
      'itemIds',
    );
  }
  return emit({
    type: 'ConfigurationChangePerformed',
    data: {
      jobId: data.jobId,
      startedAt: data.startedAt,
      itemIds: data.itemIds,
      billTo: job.instructedBy,
      billedItemIds: billed,
    },
  });
};

// ---------------------------------------------------------------------------------------------
// Art. 15: faults

/** Art. 15(1): the contractor reports a fault of an item in use. */
export const reportFault: Rule<'ReportFault'> = (data, c) => {
  const article = [art(15, 1)];
  if (c.faults.has(data.faultId))
    return reject('FAULT_EXISTS', { faultId: data.faultId }, article, 'faultId');
  const on = japanDate(data.reportedAt);
  const window = checkInForce(c, on, 'reportedAt', article);
  if (window) return window;
  // The item in use on the day of the report, whenever it is recorded.
  const found = heldItemOn(c, data.itemId, on, 'itemId', article);
  if (!found.ok) return found.decision;
  // Open that day: reported by then and not resolved before it.
  const open = [...c.faults.values()].find(
    (f) =>
      f.itemId === data.itemId &&
      instantMillis(f.reportedAt) <= instantMillis(data.reportedAt) &&
      (f.resolution === null || compareDates(f.resolution.resolvedOn, on) >= 0),
  );
  if (open) {
    return reject('FAULT_ALREADY_OPEN', { faultId: open.faultId, itemId: data.itemId }, article, 'itemId');
  }
  return emit({
    type: 'FaultReported',
    data: {
      faultId: data.faultId,
      itemId: data.itemId,
      reportedAt: data.reportedAt,
      description: data.description,
    },
  });
};

const CONTRACTOR_PAYS = new Set(['contractor-fault', 'no-fault-found']);

/** Art. 15(2)(3): the provider investigates; the contractor pays a quoted cost for its own fault or no fault. */
export const recordFaultInvestigation: Rule<'RecordFaultInvestigation'> = (data, c) => {
  const fault = c.faults.get(data.faultId);
  if (!fault) return reject('FAULT_NOT_FOUND', { faultId: data.faultId }, [art(15, 1)], 'faultId');
  const article = [art(15, 2)];
  if (fault.investigation !== null) {
    return reject(
      'FAULT_ALREADY_INVESTIGATED',
      { faultId: data.faultId, investigatedOn: fault.investigation.investigatedOn },
      article,
      'faultId',
    );
  }
  if (compareDates(data.investigatedOn, japanDate(fault.reportedAt)) < 0) {
    return reject(
      'INVESTIGATION_BEFORE_REPORT',
      { faultId: data.faultId, reportedAt: fault.reportedAt, investigatedOn: data.investigatedOn },
      article,
      'investigatedOn',
    );
  }
  const pays = CONTRACTOR_PAYS.has(data.outcome);
  if (pays && data.quotedCost === null) {
    return reject('QUOTED_COST_REQUIRED', { outcome: data.outcome }, [art(15, 3)], 'quotedCost');
  }
  if (!pays && data.quotedCost !== null) {
    return reject('QUOTED_COST_NOT_OWED', { outcome: data.outcome }, [art(15, 3)], 'quotedCost');
  }
  const window = checkInForce(c, data.investigatedOn, 'investigatedOn', article);
  if (window) return window;
  return emit({
    type: 'FaultInvestigated',
    data: {
      faultId: data.faultId,
      outcome: data.outcome,
      quotedCost: data.quotedCost,
      investigatedOn: data.investigatedOn,
    },
  });
};

/** Art. 15(2): repaired or replaced by the provider, or, for a minor fault, handled by the contractor. */
export const resolveFault: Rule<'ResolveFault'> = (data, c) => {
  const fault = c.faults.get(data.faultId);
  if (!fault) return reject('FAULT_NOT_FOUND', { faultId: data.faultId }, [art(15, 1)], 'faultId');
  const article = [art(15, 2)];
  if (fault.resolution !== null) {
    return reject(
      'FAULT_ALREADY_RESOLVED',
      { faultId: data.faultId, resolvedOn: fault.resolution.resolvedOn },
      article,
      'faultId',
    );
  }
  if (fault.investigation === null) {
    return reject('FAULT_NOT_INVESTIGATED', { faultId: data.faultId }, article, 'faultId');
  }
  if (compareDates(data.resolvedOn, fault.investigation.investigatedOn) < 0) {
    return reject(
      'RESOLUTION_BEFORE_INVESTIGATION',
      {
        faultId: data.faultId,
        investigatedOn: fault.investigation.investigatedOn,
        resolvedOn: data.resolvedOn,
      },
      article,
      'resolvedOn',
    );
  }
  if (
    data.resolution === 'handled-by-contractor' &&
    fault.investigation.outcome !== 'minor-handled-by-contractor'
  ) {
    return reject(
      'NOT_A_MINOR_FAULT',
      { faultId: data.faultId, outcome: fault.investigation.outcome },
      article,
      'resolution',
    );
  }
  if (data.resolution !== 'replaced' && data.replacement !== null) {
    return reject('REPLACEMENT_NOT_EXPECTED', { resolution: data.resolution }, article, 'replacement');
  }
  if (data.resolution === 'replaced') {
    if (data.replacement === null) return reject('REPLACEMENT_REQUIRED', {}, article, 'replacement');
    // The faulty unit in use on the day it is replaced, and the model of its kind that day.
    const found = heldItemOn(c, fault.itemId, data.resolvedOn, 'faultId', article);
    if (!found.ok) return found.decision;
    // A fact recorded before, dated on or after the replacement, used the faulty unit or ended its use.
    const item = found.item;
    const unsettled = latestOf([
      item.lastUsedOn !== null && compareDates(item.lastUsedOn.on, data.resolvedOn) >= 0
        ? item.lastUsedOn
        : null,
      item.lastInUse !== null && item.owedReason !== 'termination' && item.owedReason !== 'option-stopped'
        ? { fact: 'replacement', on: item.lastInUse, ref: item.itemId }
        : null,
    ]);
    if (unsettled) return conflictsWithLater(c, data.resolvedOn, unsettled, 'resolvedOn');
    const model = expectedModelOn(c, found.item, data.resolvedOn);
    if (data.replacement.kind !== found.item.kind || data.replacement.model !== model) {
      return reject(
        'REPLACEMENT_MISMATCH',
        { case: 'fault', itemId: found.item.itemId, kind: found.item.kind, model },
        [art(9, 1)],
        'replacement',
      );
    }
    const fresh = checkFreshItemIds(c, [data.replacement.itemId], 'replacement.itemId');
    if (fresh) return fresh;
  }
  const window = checkInForce(c, data.resolvedOn, 'resolvedOn', article);
  if (window) return window;
  return emit({
    type: 'FaultResolved',
    data: {
      faultId: data.faultId,
      resolution: data.resolution,
      replacement: data.replacement,
      resolvedOn: data.resolvedOn,
    },
  });
};

// ---------------------------------------------------------------------------------------------
// Art. 21: outages and reduction claims

export const recordOutageKnown: Rule<'RecordOutageKnown'> = (data, c, ctx) => {
  if (c.outages.has(data.outageId))
    return reject('OUTAGE_EXISTS', { outageId: data.outageId }, ART_21, 'outageId');
  const window = checkInForce(c, japanDate(data.knownAt), 'knownAt', ART_21);
  if (window) return window;
  // Policy reduction-hours-while-fee-owed: the hours count from the billing start at the earliest;
  // before billing has started, the billing start decides it (StartBilling).
  const countedFrom = c.billingStartOn === null ? null : hoursCountFrom(data.knownAt, c.billingStartOn);
  return emit({
    type: 'OutageKnown',
    data: {
      outageId: data.outageId,
      knownAt: data.knownAt,
      description: data.description,
      countedFrom,
      claimWindow: countedFrom === null ? null : claimWindowFrom(countedFrom, ctx.terms.holidayPolicy),
    },
  });
};

/** Art. 21: the unusable time runs from when the provider knew to the resolution (after the end too). */
export const resolveOutage: Rule<'ResolveOutage'> = (data, c) => {
  const outage = c.outages.get(data.outageId);
  if (!outage) return reject('OUTAGE_NOT_FOUND', { outageId: data.outageId }, ART_21, 'outageId');
  if (outage.resolvedAt !== null) {
    return reject(
      'OUTAGE_ALREADY_RESOLVED',
      { outageId: data.outageId, resolvedAt: outage.resolvedAt },
      ART_21,
      'outageId',
    );
  }
  if (instantMillis(data.resolvedAt) <= instantMillis(outage.knownAt)) {
    return reject(
      'OUTAGE_RESOLVED_BEFORE_KNOWN',
      { outageId: data.outageId, knownAt: outage.knownAt, resolvedAt: data.resolvedAt },
      ART_21,
      'resolvedAt',
    );
  }
  return emit({
    type: 'OutageResolved',
    data: { outageId: data.outageId, resolvedAt: data.resolvedAt, cause: data.cause },
  });
};

/**
 * Art. 21: the contractor claims a reduction. The decider records the claim once it could be made
 * (24 hours of unusability reached, by the Japan date of that moment); whether it is granted (cause,
 * 3-month window, length) is the reductions projection's judgement.
 */
export const claimReduction: Rule<'ClaimReduction'> = (data, c) => {
  const outage = c.outages.get(data.outageId);
  if (!outage) return reject('OUTAGE_NOT_FOUND', { outageId: data.outageId }, ART_21, 'outageId');
  if (outage.claimedOn !== null) {
    return reject(
      'REDUCTION_ALREADY_CLAIMED',
      { outageId: data.outageId, claimedOn: outage.claimedOn },
      ART_21,
      'outageId',
    );
  }
  if (compareDates(data.claimedOn, japanDate(outage.knownAt)) < 0) {
    return reject(
      'CLAIM_BEFORE_OUTAGE',
      { outageId: data.outageId, knownAt: outage.knownAt, claimedOn: data.claimedOn },
      ART_21,
      'claimedOn',
    );
  }
  // Policy reduction-hours-while-fee-owed: no hour counts before the monthly fee is owed.
  if (outage.claimWindow === null) {
    return reject(
      'CLAIM_BEFORE_BILLING',
      { outageId: data.outageId, contractId: c.contractId, claimedOn: data.claimedOn },
      cite(art(21), policyRef('reduction-hours-while-fee-owed')),
      'claimedOn',
    );
  }
  const claimWindow = claimWindowOf(outage.claimWindow, outage.resolvedAt);
  if (claimWindow !== null && compareDates(data.claimedOn, claimWindow.firstClaimableOn) < 0) {
    return reject(
      'CLAIM_PREMATURE',
      {
        reachedAt: claimWindow.reachedAt,
        firstClaimableOn: claimWindow.firstClaimableOn,
        claimedOn: data.claimedOn,
      },
      ART_21,
      'claimedOn',
    );
  }
  const acceptance = checkAfterAcceptance(c, data.claimedOn, 'claimedOn', ART_21);
  if (acceptance) return acceptance;
  return emit({ type: 'ReductionClaimed', data: { outageId: data.outageId, claimedOn: data.claimedOn } });
};

// ---------------------------------------------------------------------------------------------
// Art. 23: traffic measurement and proposals

export const recordTrafficMeasurement: Rule<'RecordTrafficMeasurement'> = (data, c) => {
  if (c.measurements.has(data.measurementId)) {
    return reject('MEASUREMENT_EXISTS', { measurementId: data.measurementId }, ART_23, 'measurementId');
  }
  const window = checkInForce(c, data.measuredOn, 'measuredOn', ART_23);
  if (window) return window;
  return emit({
    type: 'TrafficMeasured',
    data: {
      measurementId: data.measurementId,
      measuredOn: data.measuredOn,
      peakUtilisationPercent: data.peakUtilisationPercent,
    },
  });
};

/** Art. 23: the provider proposes a contract change on the strength of a measurement. */
export const proposeContractChange: Rule<'ProposeContractChange'> = (data, c) => {
  if (c.proposals.has(data.proposalId)) {
    return reject('PROPOSAL_EXISTS', { proposalId: data.proposalId }, ART_23, 'proposalId');
  }
  const measuredOn = c.measurements.get(data.measurementId);
  if (measuredOn === undefined) {
    return reject(
      'MEASUREMENT_NOT_FOUND',
      { contractId: c.contractId, measurementId: data.measurementId },
      ART_23,
      'measurementId',
    );
  }
  if (compareDates(data.proposedOn, measuredOn) < 0) {
    return reject(
      'PROPOSAL_BEFORE_MEASUREMENT',
      { measurementId: data.measurementId, measuredOn, proposedOn: data.proposedOn },
      ART_23,
      'proposedOn',
    );
  }
  const window = checkInForce(c, data.proposedOn, 'proposedOn', ART_23);
  if (window) return window;
  return emit({
    type: 'ContractChangeProposed',
    data: {
      proposalId: data.proposalId,
      measurementId: data.measurementId,
      proposedOn: data.proposedOn,
      proposal: data.proposal,
    },
  });
};

// ---------------------------------------------------------------------------------------------
// Annex 1 §3(1), §3(6): one-time costs at actual cost

const ON_SITE_COSTS = new Set(['on-site-cancellation', 'on-site-overtime', 'on-site-emergency']);

export const recordOneTimeCost: Rule<'RecordOneTimeCost'> = (data, c) => {
  if (c.oneTimeCosts.has(data.costId))
    return reject('COST_EXISTS', { costId: data.costId }, [annex(1, 3)], 'costId');
  const article = [ON_SITE_COSTS.has(data.cost) ? annex(1, 3, 6) : annex(1, 3, 1)];
  const acceptance = checkAfterAcceptance(c, data.incurredOn, 'incurredOn', article);
  if (acceptance) return acceptance;
  const last = lastDayInForce(c);
  if (last !== null && compareDates(data.incurredOn, last) > 0) {
    const params = { case: 'cost', contractId: c.contractId, lastDay: last, date: data.incurredOn } as const;
    return c.status === 'terminated'
      ? reject('CONTRACT_TERMINATED', params, [art(18)], 'incurredOn')
      : reject('DATE_AFTER_TERMINATION', params, [art(18)], 'incurredOn');
  }
  // Annex 1 §3(1): 「保守種別がタイプ2の場合において…交通費等の実費」: travel belongs to Type 2 maintenance.
  if (data.cost === 'travel') {
    const maintenance = maintenanceOn(c, data.incurredOn);
    if (maintenance.type !== 'type-2') {
      return reject(
        'TRAVEL_NOT_TYPE_2',
        {
          contractId: c.contractId,
          maintenanceType: maintenance.type,
          date: data.incurredOn,
          basis: maintenance.basis,
        },
        cite(annex(1, 3, 1), art(4)),
        'cost',
      );
    }
  }
  if (ON_SITE_COSTS.has(data.cost)) {
    const onSite =
      c.onSiteInstallationAtAcceptance ||
      [...c.options.values()].some(
        (o) => o.option === 'on-site-installation' && optionActiveOn(o, data.incurredOn),
      );
    if (!onSite) {
      return reject(
        'ON_SITE_OPTION_REQUIRED',
        { case: 'cost', cost: data.cost, contractId: c.contractId },
        [annex(1, 3, 6)],
        'cost',
      );
    }
  }
  return emit({
    type: 'OneTimeCostRecorded',
    data: {
      costId: data.costId,
      cost: data.cost,
      amount: data.amount,
      incurredOn: data.incurredOn,
      description: data.description,
    },
  });
};
