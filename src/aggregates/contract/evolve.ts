import type { ContractEvent } from '../../events';
import type { EquipmentItem } from '../../events/fields';
import { OPTION_SPECS } from '../../terms/catalog';
import type { Deadline } from '../../terms/policies';
import { returnDutyOf } from '../../terms/returns';
import {
  type AcceptedContract,
  type ConductKind,
  type ContractState,
  conductKey,
  type EquipmentState,
  type LossState,
  type OptionState,
  type OwedReason,
  type TerminationState,
} from './state';

/** A new item, held at the contractor's from `since`. */
const heldItem = (item: EquipmentItem, since: string, optionId: string | null): EquipmentState => ({
  itemId: item.itemId,
  kind: item.kind,
  model: item.model,
  status: 'held',
  optionId,
  since,
  owedFrom: null,
  owedReason: null,
  returnDue: null,
  returnedOn: null,
  lossId: null,
});

const owed = (
  item: EquipmentState,
  from: string,
  reason: OwedReason,
  returnDue: Deadline | null,
): EquipmentState => ({
  ...item,
  status: 'owed',
  owedFrom: from,
  owedReason: reason,
  returnDue,
});

/** A copy of `map` with `key` set: states are immutable, and a Map is copied before it changes. */
const put = <V>(map: ReadonlyMap<string, V>, key: string, value: V): ReadonlyMap<string, V> =>
  new Map(map).set(key, value);

const patchItems = (
  c: AcceptedContract,
  ids: readonly string[],
  f: (item: EquipmentState) => EquipmentState,
): AcceptedContract['equipment'] => {
  const next = new Map(c.equipment);
  for (const id of ids) {
    const item = next.get(id);
    if (item) next.set(id, f(item));
  }
  return next;
};

const withItem = (c: AcceptedContract, item: EquipmentState): AcceptedContract['equipment'] =>
  put(c.equipment, item.itemId, item);

const patchOption = (
  c: AcceptedContract,
  optionId: string,
  f: (o: OptionState) => OptionState,
): AcceptedContract => {
  const option = c.options.get(optionId);
  return option ? { ...c, options: put(c.options, optionId, f(option)) } : c;
};

/**
 * What an item still in use owes when the contract ends (Art. 14(3), src/terms/returns.ts): an
 * option already stopped owes from its stop, by the deadline its stop notice recorded; the rest from
 * the end, by the termination's.
 */
const owedAtTermination = (
  c: AcceptedContract,
  termination: TerminationState,
  item: EquipmentState,
  endOn: string,
): [string, OwedReason, Deadline] => {
  const stop = item.optionId ? c.options.get(item.optionId)?.stop : null;
  const duty = returnDutyOf({
    gone: false,
    changed: null,
    optionStop: stop ? { on: stop.effectiveOn, due: stop.returnDue } : null,
    contractEnd: { on: endOn, due: termination.returnDue },
  })!;
  return [duty.on, duty.reason === 'option-stop' ? 'option-stopped' : 'termination', duty.due];
};

/**
 * One handler per event type, looked up by the event's type: evolve runs for every event of a
 * stream on every command, and a table costs a lookup where a ts-pattern chain tried each branch
 * in turn. The mapped type makes a missing event type a compile error, as `.exhaustive()` did.
 */
const EVOLVE: {
  readonly [K in ContractEvent['type']]: (
    c: AcceptedContract,
    event: Extract<ContractEvent, { type: K }>,
  ) => AcceptedContract;
} = {
  ApplicationAccepted: (c) => c,
  BillingStarted: (c, { data }): AcceptedContract => ({
    ...c,
    status: 'billing',
    billingStartOn: data.billingStartOn,
  }),
  ModelChangeAccepted: (c, { data }): AcceptedContract => ({
    ...c,
    modelChanges: put(c.modelChanges, data.changeId, {
      changeId: data.changeId,
      target: data.target,
      fromModel: data.fromModel,
      toModel: data.toModel,
      acceptedOn: data.acceptedOn,
      coldStandby: data.coldStandby.map((cs) => ({ optionId: cs.optionId })),
      completedOn: null,
    }),
    openModelChangeId: data.changeId,
  }),
  ModelChangeCompleted: (c, { data }): AcceptedContract => {
    const change = c.modelChanges.get(data.changeId);
    if (!change) return c;
    const on = data.billingStartOn;
    const equipment = new Map(c.equipment);
    for (const { oldItemId, newItemId } of data.replaced) {
      const old = equipment.get(oldItemId);
      if (!old) continue;
      equipment.set(oldItemId, owed(old, on, 'model-change', data.returnDue));
      equipment.set(
        newItemId,
        heldItem({ itemId: newItemId, kind: old.kind, model: change.toModel }, on, old.optionId),
      );
    }
    const next: AcceptedContract = {
      ...c,
      equipment,
      options: rehostAccessories(c.options, change.fromModel, change.toModel),
      modelChanges: put(c.modelChanges, data.changeId, { ...change, completedOn: on }),
      openModelChangeId: null,
    };
    const target = change.target;
    const replacedIds = new Map(data.replaced.map((r) => [r.oldItemId, r.newItemId]));
    if (target.kind === 'device') {
      // Art. 17(2)(2): the cold standby that changed with the device is the new model.
      const withStandby = change.coldStandby.reduce(
        (acc, cs) =>
          patchOption(acc, cs.optionId, (o) => ({
            ...o,
            model: change.toModel,
            itemIds: o.itemIds.map((id) => replacedIds.get(id) ?? id),
          })),
        next,
      );
      return {
        ...withStandby,
        deviceModel: change.toModel,
        deviceModels: [...c.deviceModels, { from: on, model: change.toModel }],
      };
    }
    return patchOption(next, target.optionId, (o) => ({
      ...o,
      model: change.toModel,
      itemIds: o.itemIds.map((id) => replacedIds.get(id) ?? id),
    }));
  },
  OptionAdded: (c, { data }): AcceptedContract => {
    const equipment = new Map(c.equipment);
    for (const item of data.equipment)
      equipment.set(item.itemId, heldItem(item, data.addedOn, data.optionId));
    const option: OptionState = {
      optionId: data.optionId,
      option: data.option,
      model: data.model,
      itemIds: data.equipment.map((e) => e.itemId),
      addedOn: data.addedOn,
      billingStartOn: null,
      stop: null,
    };
    return { ...c, equipment, options: put(c.options, data.optionId, option) };
  },
  OptionBillingStarted: (c, { data }) =>
    patchOption(c, data.optionId, (o) => ({ ...o, billingStartOn: data.billingStartOn })),
  OptionStopNoticeReceived: (c, { data }) =>
    patchOption(c, data.optionId, (o) => ({
      ...o,
      stop: {
        noticeArrivedOn: data.noticeArrivedOn,
        effectiveOn: data.effectiveOn,
        returnDue: data.returnDue,
      },
    })),
  ConfigurationChangeInstructed: (c, { data }): AcceptedContract => ({
    ...c,
    configJobs: put(c.configJobs, data.jobId, {
      jobId: data.jobId,
      instructedBy: data.instructedBy,
      instructedAt: data.instructedAt,
      performed: null,
    }),
  }),
  ConfigurationChangePerformed: (c, { data }): AcceptedContract => {
    const job = c.configJobs.get(data.jobId);
    if (!job) return c;
    return {
      ...c,
      configJobs: put(c.configJobs, data.jobId, {
        ...job,
        performed: { startedAt: data.startedAt },
      }),
    };
  },
  FaultReported: (c, { data }): AcceptedContract => ({
    ...c,
    faults: put(c.faults, data.faultId, {
      faultId: data.faultId,
      itemId: data.itemId,
      reportedAt: data.reportedAt,
      investigation: null,
      resolution: null,
    }),
  }),
  FaultInvestigated: (c, { data }): AcceptedContract => {
    const fault = c.faults.get(data.faultId);
    if (!fault) return c;
    const investigation = { outcome: data.outcome, investigatedOn: data.investigatedOn };
    return { ...c, faults: put(c.faults, data.faultId, { ...fault, investigation }) };
  },
  FaultResolved: (c, { data }): AcceptedContract => {
    const fault = c.faults.get(data.faultId);
    if (!fault) return c;
    const resolution = { resolvedOn: data.resolvedOn };
    const next: AcceptedContract = {
      ...c,
      faults: put(c.faults, data.faultId, { ...fault, resolution }),
    };
    const faulty = c.equipment.get(fault.itemId);
    if (!data.replacement || !faulty) return next;
    const equipment = new Map(next.equipment)
      .set(faulty.itemId, owed(faulty, data.resolvedOn, 'fault-replacement', null))
      .set(data.replacement.itemId, heldItem(data.replacement, data.resolvedOn, faulty.optionId));
    return swapInOption({ ...next, equipment }, faulty.optionId, faulty.itemId, data.replacement.itemId);
  },
  LossReported: (c, { data }): AcceptedContract => {
    const item = c.equipment.get(data.itemId);
    return {
      ...c,
      equipment: patchItems(c, [data.itemId], (e) => ({ ...e, status: 'lost', lossId: data.lossId })),
      losses: put(c.losses, data.lossId, {
        lossId: data.lossId,
        itemId: data.itemId,
        reason: 'reported-loss',
        reportedOn: data.reportedOn,
        replacementDue: item?.status === 'held',
        replacementItemId: null,
        shippedOn: null,
        charge: null,
        foundOn: null,
      }),
    };
  },
  ReplacementShipped: (c, { data }): AcceptedContract => {
    const loss = c.losses.get(data.lossId);
    if (!loss) return c;
    const lost = c.equipment.get(loss.itemId);
    const optionId = lost?.optionId ?? null;
    const fresh = heldItem(data.replacement, data.shippedOn, optionId);
    // Shipped after the end, it is owed back at once, as what was in use at the end is.
    const termination = c.status === 'terminated' ? c.termination : null;
    const replacement = termination?.terminatedOn
      ? owed(fresh, ...owedAtTermination(c, termination, fresh, termination.terminatedOn))
      : fresh;
    const next: AcceptedContract = {
      ...c,
      equipment: withItem(c, replacement),
      losses: put(c.losses, data.lossId, {
        ...loss,
        replacementItemId: data.replacement.itemId,
        shippedOn: data.shippedOn,
      }),
    };
    return swapInOption(next, optionId, loss.itemId, data.replacement.itemId);
  },
  LossChargeQuoted: (c, { data }): AcceptedContract => {
    const charge = { amount: data.amount, quotedOn: data.quotedOn };
    const existing = c.losses.get(data.lossId);
    const loss: LossState = existing
      ? { ...existing, charge }
      : {
          // Art. 16(2): equipment not returned under Art. 14(3) counts as lost.
          lossId: data.lossId,
          itemId: data.itemId,
          reason: data.reason,
          reportedOn: null,
          replacementDue: false,
          replacementItemId: null,
          shippedOn: null,
          charge,
          foundOn: null,
        };
    return {
      ...c,
      // A late return stays a return (Art. 16(3)(2): the charge is not refunded for it).
      equipment: existing
        ? c.equipment
        : patchItems(c, [data.itemId], (e) =>
            e.status === 'returned'
              ? { ...e, lossId: data.lossId }
              : { ...e, status: 'lost', lossId: data.lossId },
          ),
      losses: put(c.losses, data.lossId, loss),
    };
  },
  LostItemFound: (c, { data }): AcceptedContract => {
    const loss = c.losses.get(data.lossId);
    if (!loss) return c;
    return {
      ...c,
      equipment: patchItems(c, [data.itemId], (e) => ({ ...e, status: 'found' })),
      losses: put(c.losses, data.lossId, { ...loss, foundOn: data.foundOn }),
    };
  },
  RelocationConsented: (c, { data }): AcceptedContract => ({
    ...c,
    consents: put(c.consents, data.consentId, {
      consentId: data.consentId,
      itemIds: data.itemIds,
      consentedOn: data.consentedOn,
      relocatedOn: null,
    }),
  }),
  EquipmentRelocated: (c, { data }): AcceptedContract => {
    const consent = c.consents.get(data.consentId);
    if (!consent) return c;
    return { ...c, consents: put(c.consents, data.consentId, { ...consent, relocatedOn: data.relocatedOn }) };
  },
  EquipmentReturned: (c, { data }): AcceptedContract => ({
    ...c,
    equipment: patchItems(c, data.itemIds, (e) => ({
      ...e,
      status: 'returned',
      returnedOn: data.returnedOn,
    })),
  }),
  OneTimeCostRecorded: (c, { data }): AcceptedContract => ({
    ...c,
    oneTimeCosts: put(c.oneTimeCosts, data.costId, data.incurredOn),
  }),
  OutageKnown: (c, { data }): AcceptedContract => ({
    ...c,
    outages: put(c.outages, data.outageId, {
      outageId: data.outageId,
      knownAt: data.knownAt,
      claimWindow: data.claimWindow,
      resolvedAt: null,
      claimedOn: null,
    }),
  }),
  OutageResolved: (c, { data }): AcceptedContract => {
    const outage = c.outages.get(data.outageId);
    if (!outage) return c;
    return {
      ...c,
      outages: put(c.outages, data.outageId, { ...outage, resolvedAt: data.resolvedAt }),
    };
  },
  ReductionClaimed: (c, { data }): AcceptedContract => {
    const outage = c.outages.get(data.outageId);
    if (!outage) return c;
    return { ...c, outages: put(c.outages, data.outageId, { ...outage, claimedOn: data.claimedOn }) };
  },
  TrafficMeasured: (c, { data }): AcceptedContract => ({
    ...c,
    measurements: put(c.measurements, data.measurementId, data.measuredOn),
  }),
  ContractChangeProposed: (c, { data }): AcceptedContract => ({
    ...c,
    proposals: put(c.proposals, data.proposalId, data.proposedOn),
  }),
  BreachRepairCostCharged: (c, { data }): AcceptedContract => ({
    ...c,
    breachCharges: put(c.breachCharges, data.chargeId, {
      chargeId: data.chargeId,
      itemIds: data.itemIds,
      harm: data.harm,
    }),
  }),
  ProhibitedActRecorded: (c, { data }) => withConduct(c, 'act', data.actId, data.observedOn),
  IpAddressesDesignated: (c, { data }): AcceptedContract => ({
    ...c,
    addressDesignations: put(c.addressDesignations, data.designationId, {
      designationId: data.designationId,
      addresses: data.addresses,
      designatedOn: data.designatedOn,
    }),
  }),
  UndesignatedAddressUsed: (c, { data }) => withConduct(c, 'address-use', data.useId, data.observedOn),
  ContractorSetupRecorded: (c, { data }) => withConduct(c, 'setup', data.setupId, data.recordedOn),
  EnvironmentSettingsNotified: (c, { data }) => withConduct(c, 'notice', data.noticeId, data.receivedOn),
  ServiceImpeded: (c, { data }) => withConduct(c, 'impediment', data.impedimentId, data.from),
  EquipmentInstalled: (c, { data }) => withConduct(c, 'installation', data.installationId, data.installedOn),
  VpnConnectionRecorded: (c, { data }) => withConduct(c, 'connection', data.connectionId, data.connectedOn),
  TerminationNoticeReceived: (c, { data }): AcceptedContract => ({
    ...c,
    termination: {
      noticeArrivedOn: data.noticeArrivedOn,
      effectiveOn: data.effectiveOn,
      effectivePolicy: data.effectivePolicy,
      returnDue: data.returnDue,
      terminatedOn: null,
    },
  }),
  ContractTerminated: (c, { data }): AcceptedContract => {
    const termination = c.termination;
    if (!termination) return c;
    const equipment = new Map(c.equipment);
    for (const item of c.equipment.values()) {
      if (item.status !== 'held') continue;
      const [from, reason, due] = owedAtTermination(c, termination, item, data.effectiveOn);
      // Art. 14(3): whatever is still installed is owed back within 30 days of the end.
      equipment.set(item.itemId, owed(item, from, reason, due));
    }
    return {
      ...c,
      status: 'terminated',
      equipment,
      termination: { ...c.termination, terminatedOn: data.effectiveOn },
    };
  },
};

const evolveAccepted = (c: AcceptedContract, event: ContractEvent): AcceptedContract =>
  (EVOLVE[event.type] as (c: AcceptedContract, event: ContractEvent) => AcceptedContract)(c, event);

/** Accessories fitted to a model that was changed are now fitted to the new model. */
const rehostAccessories = (
  options: AcceptedContract['options'],
  from: string,
  to: string,
): AcceptedContract['options'] => {
  let next: Map<string, OptionState> | null = null;
  for (const o of options.values()) {
    if (OPTION_SPECS[o.option].modelRule === 'designated-models' && o.model === from) {
      next ??= new Map(options);
      next.set(o.optionId, { ...o, model: to });
    }
  }
  return next ?? options;
};

/** A replacement takes the replaced item's place in its option's list of items. */
const swapInOption = (
  c: AcceptedContract,
  optionId: string | null,
  oldItemId: string,
  newItemId: string,
): AcceptedContract =>
  optionId === null
    ? c
    : patchOption(c, optionId, (o) => ({
        ...o,
        itemIds: o.itemIds.map((id) => (id === oldItemId ? newItemId : id)),
      }));

/** Shared by every new state: evolve never changes a Map, it copies it (`put`). */
const EMPTY: ReadonlyMap<string, never> = new Map<string, never>();
const withConduct = (c: AcceptedContract, kind: ConductKind, id: string, on: string): AcceptedContract => ({
  ...c,
  conduct: put(c.conduct, conductKey(kind, id), on),
});

export const evolveContract = (state: ContractState, event: ContractEvent): ContractState => {
  if (event.type === 'ApplicationAccepted') {
    if (state.status !== 'none') return state;
    const data = event.data;
    return {
      status: 'accepted',
      contractId: data.contractId,
      networkId: data.networkId,
      contractType: data.contractType,
      contractorId: data.contractorId,
      parentHolderId: data.parentHolderId,
      item: data.item,
      deviceModel: data.deviceModel,
      deviceModels: [{ from: null, model: data.deviceModel }],
      maintenanceType: data.maintenanceType,
      termYears: data.termYears,
      acceptedOn: data.acceptedOn,
      billingStartOn: null,
      onSiteInstallationAtAcceptance: data.onSiteInstallation !== null,
      equipment: new Map(data.equipment.map((e) => [e.itemId, heldItem(e, data.acceptedOn, null)])),
      options: EMPTY,
      modelChanges: EMPTY,
      openModelChangeId: null,
      configJobs: EMPTY,
      faults: EMPTY,
      losses: EMPTY,
      consents: EMPTY,
      outages: EMPTY,
      measurements: EMPTY,
      proposals: EMPTY,
      oneTimeCosts: EMPTY,
      breachCharges: EMPTY,
      addressDesignations: EMPTY,
      conduct: EMPTY,
      termination: null,
    };
  }
  return state.status === 'none' ? state : evolveAccepted(state, event);
};
