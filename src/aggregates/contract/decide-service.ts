import { compareDates } from '../../terms/dates';
import { claimWindowFrom, claimWindowOf } from '../../terms/policies';
import { reject } from '../decision';
import {
  checkAfterAcceptance,
  checkDistinct,
  checkFreshItemIds,
  checkInForce,
  emit,
  expectedModel,
  heldItem,
  instantMillis,
  japanDate,
  type Rule,
} from './rules';
import { lastDayInForce, maintenanceOn, optionActiveOn } from './state';

// ---------------------------------------------------------------------------------------------
// Art. 10: configuration changes

/** Art. 10(1)(2): only the parent contract's holder instructs changes, for any contract of its VPN. */
export const instructConfigurationChange: Rule<'InstructConfigurationChange'> = (data, c, ctx) => {
  if (c.configJobs.has(data.jobId)) {
    return reject(
      'JOB_EXISTS',
      'Art. 10(3)',
      `Configuration job ${data.jobId} is already on record.`,
      'jobId',
    );
  }
  const holder =
    ctx.network.status === 'registered' && ctx.network.networkId === c.networkId
      ? ctx.network.parentHolderId
      : c.parentHolderId;
  if (data.instructedBy !== holder) {
    return reject(
      'NOT_PARENT_HOLDER',
      c.contractType === 'child' ? 'Art. 10(2)' : 'Art. 10(1)',
      `Only ${holder}, the holder of the parent contract of network ${c.networkId}, may instruct configuration changes; ${data.instructedBy} may not.`,
      'instructedBy',
    );
  }
  const window = checkInForce(c, japanDate(data.instructedAt), 'instructedAt', 'Art. 10(3)');
  if (window) return window;
  return emit({
    type: 'ConfigurationChangeInstructed',
    data: {
      jobId: data.jobId,
      instructedBy: data.instructedBy,
      instructedAt: data.instructedAt,
      description: data.description,
    },
  });
};

/**
 * Annex 1 §3(3) prices a job 「VPN機器1台・1作業あたり」 (Art. 10 concerns the VPN connection's settings):
 * the VPN devices and their cold-standby units (the same VPN device, Art. 17(2)(2)); not the private
 * switch, a bracket, a module or a licence.
 */
const CONFIGURABLE = new Set(['vpn-device', 'cold-standby-device']);

/** Art. 10(3)(4), Annex 1 §3(3): the provider does the instructed job, per device, billed to the parent holder. */
export const performConfigurationChange: Rule<'PerformConfigurationChange'> = (data, c) => {
  const job = c.configJobs.get(data.jobId);
  if (!job) {
    return reject(
      'JOB_NOT_INSTRUCTED',
      'Art. 10(3)',
      `No configuration change ${data.jobId} was instructed by the parent holder.`,
      'jobId',
    );
  }
  if (job.performed !== null) {
    return reject(
      'JOB_ALREADY_PERFORMED',
      'Art. 10(3)',
      `Configuration job ${data.jobId} was performed at ${job.performed.startedAt}.`,
      'jobId',
    );
  }
  if (instantMillis(data.startedAt) < instantMillis(job.instructedAt)) {
    return reject(
      'JOB_BEFORE_INSTRUCTION',
      'Art. 10(3)',
      `Job ${data.jobId} cannot start (${data.startedAt}) before it was instructed (${job.instructedAt}).`,
      'startedAt',
    );
  }
  const distinct = checkDistinct(data.itemIds, 'itemIds', 'Annex 1 §3(3)');
  if (distinct) return distinct;
  for (const [i, itemId] of data.itemIds.entries()) {
    const found = heldItem(c, itemId, `itemIds.${i}`, 'Annex 1 §3(3)');
    if (!found.ok) return found.decision;
    if (!CONFIGURABLE.has(found.item.kind)) {
      return reject(
        'NOT_A_VPN_DEVICE',
        'Art. 10(3); Annex 1 §3(3)',
        `Item ${itemId} is a ${found.item.kind}; a configuration job and its fee are per VPN device (「VPN機器1台・1作業あたり」): a VPN device or its cold-standby unit.`,
        `itemIds.${i}`,
      );
    }
  }
  const window = checkInForce(c, japanDate(data.startedAt), 'startedAt', 'Art. 10(3)');
  if (window) return window;
  return emit({
    type: 'ConfigurationChangePerformed',
    data: { jobId: data.jobId, startedAt: data.startedAt, itemIds: data.itemIds, billTo: job.instructedBy },
  });
};

// ---------------------------------------------------------------------------------------------
// Art. 15: faults

/** Art. 15(1): the contractor reports a fault of an item in use. */
export const reportFault: Rule<'ReportFault'> = (data, c) => {
  if (c.faults.has(data.faultId))
    return reject('FAULT_EXISTS', 'Art. 15(1)', `Fault ${data.faultId} is already on record.`, 'faultId');
  const found = heldItem(c, data.itemId, 'itemId', 'Art. 15(1)');
  if (!found.ok) return found.decision;
  const open = [...c.faults.values()].find((f) => f.itemId === data.itemId && f.resolution === null);
  if (open) {
    return reject(
      'FAULT_ALREADY_OPEN',
      'Art. 15(1)',
      `Fault ${open.faultId} of item ${data.itemId} is still open.`,
      'itemId',
    );
  }
  const window = checkInForce(c, japanDate(data.reportedAt), 'reportedAt', 'Art. 15(1)');
  if (window) return window;
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
  if (!fault)
    return reject('FAULT_NOT_FOUND', 'Art. 15(1)', `No fault ${data.faultId} was reported.`, 'faultId');
  if (fault.investigation !== null) {
    return reject(
      'FAULT_ALREADY_INVESTIGATED',
      'Art. 15(2)',
      `Fault ${data.faultId} was investigated on ${fault.investigation.investigatedOn}.`,
      'faultId',
    );
  }
  if (compareDates(data.investigatedOn, japanDate(fault.reportedAt)) < 0) {
    return reject(
      'INVESTIGATION_BEFORE_REPORT',
      'Art. 15(2)',
      `Fault ${data.faultId} was reported at ${fault.reportedAt}; it cannot be investigated on ${data.investigatedOn}.`,
      'investigatedOn',
    );
  }
  const pays = CONTRACTOR_PAYS.has(data.outcome);
  if (pays && data.quotedCost === null) {
    return reject(
      'QUOTED_COST_REQUIRED',
      'Art. 15(3)',
      `With outcome ${data.outcome} the contractor pays the cost the provider quotes (Annex 1 §3(4)); record the quoted amount.`,
      'quotedCost',
    );
  }
  if (!pays && data.quotedCost !== null) {
    return reject(
      'QUOTED_COST_NOT_OWED',
      'Art. 15(3)',
      `With outcome ${data.outcome} the contractor owes nothing under Art. 15(3); the quoted cost must be null.`,
      'quotedCost',
    );
  }
  const window = checkInForce(c, data.investigatedOn, 'investigatedOn', 'Art. 15(2)');
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
  if (!fault)
    return reject('FAULT_NOT_FOUND', 'Art. 15(1)', `No fault ${data.faultId} was reported.`, 'faultId');
  if (fault.resolution !== null) {
    return reject(
      'FAULT_ALREADY_RESOLVED',
      'Art. 15(2)',
      `Fault ${data.faultId} was resolved on ${fault.resolution.resolvedOn}.`,
      'faultId',
    );
  }
  if (fault.investigation === null) {
    return reject(
      'FAULT_NOT_INVESTIGATED',
      'Art. 15(2)',
      `Fault ${data.faultId} has not been investigated; the provider investigates its cause first.`,
      'faultId',
    );
  }
  if (compareDates(data.resolvedOn, fault.investigation.investigatedOn) < 0) {
    return reject(
      'RESOLUTION_BEFORE_INVESTIGATION',
      'Art. 15(2)',
      `Fault ${data.faultId} was investigated on ${fault.investigation.investigatedOn}; it cannot be resolved on ${data.resolvedOn}.`,
      'resolvedOn',
    );
  }
  if (
    data.resolution === 'handled-by-contractor' &&
    fault.investigation.outcome !== 'minor-handled-by-contractor'
  ) {
    return reject(
      'NOT_A_MINOR_FAULT',
      'Art. 15(2)',
      `Only a minor fault is handled by the contractor on the provider's instruction; fault ${data.faultId} was found ${fault.investigation.outcome}.`,
      'resolution',
    );
  }
  if (data.resolution !== 'replaced' && data.replacement !== null) {
    return reject(
      'REPLACEMENT_NOT_EXPECTED',
      'Art. 15(2)',
      `A fault ${data.resolution} brings no replacement unit.`,
      'replacement',
    );
  }
  if (data.resolution === 'replaced') {
    if (data.replacement === null) {
      return reject(
        'REPLACEMENT_REQUIRED',
        'Art. 15(2)',
        'A replaced unit needs the replacement item.',
        'replacement',
      );
    }
    const found = heldItem(c, fault.itemId, 'faultId', 'Art. 15(2)');
    if (!found.ok) return found.decision;
    const model = expectedModel(c, found.item);
    if (data.replacement.kind !== found.item.kind || data.replacement.model !== model) {
      return reject(
        'REPLACEMENT_MISMATCH',
        'Art. 9(1)',
        `The replacement for ${found.item.itemId} must be a ${found.item.kind} of model ${model}; a different model is a model change under Annex 4.`,
        'replacement',
      );
    }
    const fresh = checkFreshItemIds(c, [data.replacement.itemId], 'replacement.itemId');
    if (fresh) return fresh;
  }
  const window = checkInForce(c, data.resolvedOn, 'resolvedOn', 'Art. 15(2)');
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
    return reject('OUTAGE_EXISTS', 'Art. 21', `Outage ${data.outageId} is already on record.`, 'outageId');
  const window = checkInForce(c, japanDate(data.knownAt), 'knownAt', 'Art. 21');
  if (window) return window;
  return emit({
    type: 'OutageKnown',
    data: {
      outageId: data.outageId,
      knownAt: data.knownAt,
      description: data.description,
      claimWindow: claimWindowFrom(data.knownAt, ctx.terms.holidayPolicy),
    },
  });
};

/** Art. 21: the unusable time runs from when the provider knew to the resolution (after the end too). */
export const resolveOutage: Rule<'ResolveOutage'> = (data, c) => {
  const outage = c.outages.get(data.outageId);
  if (!outage)
    return reject('OUTAGE_NOT_FOUND', 'Art. 21', `No outage ${data.outageId} is on record.`, 'outageId');
  if (outage.resolvedAt !== null) {
    return reject(
      'OUTAGE_ALREADY_RESOLVED',
      'Art. 21',
      `Outage ${data.outageId} was resolved at ${outage.resolvedAt}.`,
      'outageId',
    );
  }
  if (instantMillis(data.resolvedAt) <= instantMillis(outage.knownAt)) {
    return reject(
      'OUTAGE_RESOLVED_BEFORE_KNOWN',
      'Art. 21',
      `Outage ${data.outageId} became known at ${outage.knownAt}; it cannot be resolved at ${data.resolvedAt}.`,
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
  if (!outage)
    return reject('OUTAGE_NOT_FOUND', 'Art. 21', `No outage ${data.outageId} is on record.`, 'outageId');
  if (outage.claimedOn !== null) {
    return reject(
      'REDUCTION_ALREADY_CLAIMED',
      'Art. 21',
      `A reduction for outage ${data.outageId} was claimed on ${outage.claimedOn}.`,
      'outageId',
    );
  }
  if (compareDates(data.claimedOn, japanDate(outage.knownAt)) < 0) {
    return reject(
      'CLAIM_BEFORE_OUTAGE',
      'Art. 21',
      `Outage ${data.outageId} became known at ${outage.knownAt}; no claim on ${data.claimedOn}.`,
      'claimedOn',
    );
  }
  const claimWindow = claimWindowOf(outage.claimWindow, outage.resolvedAt);
  if (claimWindow !== null && compareDates(data.claimedOn, claimWindow.firstClaimableOn) < 0) {
    return reject(
      'CLAIM_PREMATURE',
      'Art. 21',
      `A reduction can be claimed once 24 hours of unusability are reached (${claimWindow.reachedAt}, so from ${claimWindow.firstClaimableOn}); not on ${data.claimedOn}.`,
      'claimedOn',
    );
  }
  const acceptance = checkAfterAcceptance(c, data.claimedOn, 'claimedOn', 'Art. 21');
  if (acceptance) return acceptance;
  return emit({ type: 'ReductionClaimed', data: { outageId: data.outageId, claimedOn: data.claimedOn } });
};

// ---------------------------------------------------------------------------------------------
// Art. 23: traffic measurement and proposals

export const recordTrafficMeasurement: Rule<'RecordTrafficMeasurement'> = (data, c) => {
  if (c.measurements.has(data.measurementId)) {
    return reject(
      'MEASUREMENT_EXISTS',
      'Art. 23',
      `Measurement ${data.measurementId} is already on record.`,
      'measurementId',
    );
  }
  const window = checkInForce(c, data.measuredOn, 'measuredOn', 'Art. 23');
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
    return reject(
      'PROPOSAL_EXISTS',
      'Art. 23',
      `Proposal ${data.proposalId} is already on record.`,
      'proposalId',
    );
  }
  const measurement = c.measurements.get(data.measurementId);
  if (!measurement) {
    return reject(
      'MEASUREMENT_NOT_FOUND',
      'Art. 23',
      `A contract change is proposed on the result of a traffic measurement; contract ${c.contractId} has no measurement ${data.measurementId}.`,
      'measurementId',
    );
  }
  if (compareDates(data.proposedOn, measurement.measuredOn) < 0) {
    return reject(
      'PROPOSAL_BEFORE_MEASUREMENT',
      'Art. 23',
      `Measurement ${data.measurementId} was taken on ${measurement.measuredOn}; no proposal on ${data.proposedOn} can rest on it.`,
      'proposedOn',
    );
  }
  const window = checkInForce(c, data.proposedOn, 'proposedOn', 'Art. 23');
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
  if (c.oneTimeCosts.has(data.costId)) {
    return reject(
      'COST_EXISTS',
      'Annex 1 §3',
      `One-time cost ${data.costId} is already on record.`,
      'costId',
    );
  }
  const article = ON_SITE_COSTS.has(data.cost) ? 'Annex 1 §3(6)' : 'Annex 1 §3(1)';
  if (compareDates(data.incurredOn, c.acceptedOn) < 0) {
    return reject(
      'DATE_BEFORE_ACCEPTANCE',
      article,
      `${data.incurredOn} is before contract ${c.contractId} was accepted (${c.acceptedOn}).`,
      'incurredOn',
    );
  }
  const last = lastDayInForce(c);
  if (last !== null && compareDates(data.incurredOn, last) > 0) {
    return reject(
      c.status === 'terminated' ? 'CONTRACT_TERMINATED' : 'DATE_AFTER_TERMINATION',
      'Art. 18',
      `Contract ${c.contractId} ends on ${last}; a cost incurred on ${data.incurredOn} is not one of its costs.`,
      'incurredOn',
    );
  }
  // Annex 1 §3(1): 「保守種別がタイプ2の場合において…交通費等の実費」: travel belongs to Type 2 maintenance.
  if (data.cost === 'travel') {
    const maintenance = maintenanceOn(c, data.incurredOn);
    if (maintenance.type !== 'type-2') {
      return reject(
        'TRAVEL_NOT_TYPE_2',
        'Annex 1 §3(1); Art. 4',
        `Travel costs at actual cost are owed where maintenance is Type 2; contract ${c.contractId} was under ${maintenance.type} on ${data.incurredOn} (${maintenance.reason})`,
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
        'Annex 1 §3(6)',
        `A ${data.cost} cost belongs to the on-site installation option, which contract ${c.contractId} does not have.`,
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
