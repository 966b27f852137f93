import type { ContractEvent } from '../../events';
import type { EquipmentItem } from '../../events/fields';
import { type ModelFrom, OPTION_SPECS } from '../../terms/catalog';
import { addDays, compareDates, jstDate } from '../../terms/dates';
import type { Deadline } from '../../terms/policies';
import type { LaterFactKind } from '../../terms/rejections';
import { returnDutyOf } from '../../terms/returns';
import {
  type AcceptedContract,
  type ConductKind,
  type ContractState,
  conductKey,
  type EquipmentState,
  itemInUseOn,
  type LaterFact,
  type LossState,
  type OptionState,
  type OwedReason,
  optionModelOn,
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
  lastInUse: null,
  lastUsedOn: null,
});

/**
 * The item is owed back from `from`. Its use ended the day before a unit replacing it took over
 * (model change, fault), or on the contract's or its option's last day (termination, stop).
 */
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
  lastInUse: reason === 'model-change' || reason === 'fault-replacement' ? addDays(from, -1) : from,
});

const later = (a: LaterFact | null, b: LaterFact): LaterFact =>
  a === null || compareDates(b.on, a.on) >= 0 ? b : a;

/** Facts that needed items in use on their date: the latest one stays with each item. */
const usedOn = (c: AcceptedContract, itemIds: readonly string[], fact: LaterFact): AcceptedContract => {
  let equipment: Map<string, EquipmentState> | null = null;
  for (const id of itemIds) {
    const item = c.equipment.get(id);
    if (!item) continue;
    equipment ??= new Map(c.equipment);
    equipment.set(id, { ...item, lastUsedOn: later(item.lastUsedOn, fact) });
  }
  return equipment ? { ...c, equipment } : c;
};

/** A fact of the service's life: the latest one stays (a notice may not end the contract before it). */
const serviceFact = (c: AcceptedContract, on: string, ref: string, fact: LaterFactKind = 'service') => ({
  ...c,
  latestFact: later(c.latestFact, { fact, on, ref }),
});

/** A decision read the model of the device (optionId null) or of an option's units on `on`. */
const readModel = (
  c: AcceptedContract,
  optionId: string | null,
  fact: LaterFact,
  changeId: string | null = null,
): AcceptedContract => ({ ...c, modelReads: [...c.modelReads, { ...fact, optionId, changeId }] });

/** The model whose units an item is of on `on`: the device's, or its option's (cold standby, switch). */
const ownerOf = (item: EquipmentState | undefined): string | null =>
  item && item.optionId !== null && (item.kind === 'cold-standby-device' || item.kind === 'switch')
    ? item.optionId
    : null;

/** A model history with one more model from `from`, kept in date order. */
const withModel = (history: readonly ModelFrom[], from: string, model: string | null): ModelFrom[] =>
  [...history, { from, model }].sort((a, b) =>
    a.from === null ? -1 : b.from === null ? 1 : compareDates(a.from, b.from),
  );

/**
 * A unit that came into the contract on a date before its end, recorded after the termination took
 * effect (bitemporal): it was in use at the end, so it is owed back as everything in use then is.
 */
const settled = (c: AcceptedContract, item: EquipmentState): EquipmentState => {
  const termination = c.status === 'terminated' ? c.termination : null;
  if (!termination?.terminatedOn || item.status !== 'held') return item;
  return owed(item, ...owedAtTermination(c, termination, item, termination.terminatedOn));
};

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
  BillingStarted: (c, { data }): AcceptedContract =>
    serviceFact(
      {
        ...c,
        // A billing start recorded after the termination took effect leaves the contract terminated.
        status: c.status === 'terminated' ? 'terminated' : 'billing',
        billingStartOn: data.billingStartOn,
        outages: data.outagesCounted.reduce((outages, x) => {
          const o = outages.get(x.outageId);
          return o
            ? put(outages, x.outageId, { ...o, countedFrom: x.countedFrom, claimWindow: x.claimWindow })
            : outages;
        }, c.outages),
      },
      data.billingStartOn,
      c.contractId,
    ),
  ModelChangeAccepted: (c, { data }): AcceptedContract => {
    const fact = { fact: 'model-change' as const, on: data.acceptedOn, ref: data.changeId };
    const target = data.target.kind === 'device' ? null : data.target.optionId;
    const read = data.coldStandby.reduce(
      (acc, cs) => readModel(acc, cs.optionId, fact, data.changeId),
      readModel(c, target, fact, data.changeId),
    );
    return serviceFact(
      {
        ...read,
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
      },
      data.acceptedOn,
      data.changeId,
      'model-change',
    );
  },
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
        settled(c, heldItem({ itemId: newItemId, kind: old.kind, model: change.toModel }, on, old.optionId)),
      );
    }
    const open = [...c.modelChanges.values()].find(
      (m) => m.completedOn === null && m.changeId !== data.changeId,
    );
    const next: AcceptedContract = serviceFact(
      {
        ...c,
        equipment,
        options: rehostAccessories(c.options, change.fromModel, change.toModel),
        modelChanges: put(c.modelChanges, data.changeId, { ...change, completedOn: on }),
        openModelChangeId: open?.changeId ?? null,
      },
      on,
      data.changeId,
      'model-change',
    );
    const target = change.target;
    const replacedIds = new Map(data.replaced.map((r) => [r.oldItemId, r.newItemId]));
    if (target.kind === 'device') {
      // Art. 17(2)(2): the cold standby that changed with the device is the new model.
      const withStandby = change.coldStandby.reduce(
        (acc, cs) =>
          patchOption(acc, cs.optionId, (o) => ({
            ...o,
            model: change.toModel,
            models: withModel(o.models, on, change.toModel),
            itemIds: o.itemIds.map((id) => replacedIds.get(id) ?? id),
          })),
        next,
      );
      const deviceModels = withModel(c.deviceModels, on, change.toModel);
      return {
        ...withStandby,
        deviceModel: deviceModels[deviceModels.length - 1]!.model,
        deviceModels,
      };
    }
    return patchOption(next, target.optionId, (o) => ({
      ...o,
      model: change.toModel,
      models: withModel(o.models, on, change.toModel),
      itemIds: o.itemIds.map((id) => replacedIds.get(id) ?? id),
    }));
  },
  OptionAdded: (c, { data }): AcceptedContract => {
    const equipment = new Map(c.equipment);
    for (const item of data.equipment)
      equipment.set(item.itemId, settled(c, heldItem(item, data.addedOn, data.optionId)));
    const option: OptionState = {
      optionId: data.optionId,
      option: data.option,
      model: hostNow(c, data.option, data.model, data.addedOn),
      models: [{ from: null, model: data.model }],
      itemIds: data.equipment.map((e) => e.itemId),
      addedOn: data.addedOn,
      billingStartOn: null,
      stop: null,
    };
    const fact = { fact: 'option' as const, on: data.addedOn, ref: data.optionId };
    let next: AcceptedContract = { ...c, equipment, options: put(c.options, data.optionId, option) };
    // Art. 17(2)(2)-(7): the option was judged by the device's model that day (a standby is of it),
    // an accessory named for a switch by that switch's model.
    if (data.option !== 'on-site-installation') next = readModel(next, null, fact);
    if (OPTION_SPECS[data.option].modelRule === 'designated-models' && data.model !== null) {
      for (const o of c.options.values())
        if (o.option === 'private-switch' && optionModelOn(o, data.addedOn) === data.model)
          next = readModel(next, o.optionId, fact);
    }
    return serviceFact(next, data.addedOn, data.optionId, 'option');
  },
  OptionBillingStarted: (c, { data }) =>
    serviceFact(
      patchOption(c, data.optionId, (o) => ({ ...o, billingStartOn: data.billingStartOn })),
      data.billingStartOn,
      data.optionId,
      'option-billing',
    ),
  OptionStopNoticeReceived: (c, { data }) => {
    const next = patchOption(c, data.optionId, (o) => ({
      ...o,
      stop: {
        noticeArrivedOn: data.noticeArrivedOn,
        effectiveOn: data.effectiveOn,
        returnDue: data.returnDue,
      },
    }));
    return serviceFact(reowedAtTermination(next, data.optionId), data.noticeArrivedOn, data.optionId);
  },
  ConfigurationChangeInstructed: (c, { data }): AcceptedContract =>
    serviceFact(
      {
        ...c,
        configJobs: put(c.configJobs, data.jobId, {
          jobId: data.jobId,
          instructedBy: data.instructedBy,
          instructedAt: data.instructedAt,
          performed: null,
        }),
      },
      jstDate(data.instructedAt),
      data.jobId,
    ),
  ConfigurationChangePerformed: (c, { data }): AcceptedContract => {
    const job = c.configJobs.get(data.jobId);
    if (!job) return c;
    const on = jstDate(data.startedAt);
    const next = usedOn(c, data.itemIds, { fact: 'use-of-item', on, ref: data.jobId });
    return serviceFact(
      {
        ...next,
        configJobs: put(c.configJobs, data.jobId, {
          ...job,
          performed: { startedAt: data.startedAt },
        }),
      },
      on,
      data.jobId,
    );
  },
  FaultReported: (c, { data }): AcceptedContract => {
    const on = jstDate(data.reportedAt);
    const next = usedOn(c, [data.itemId], { fact: 'use-of-item', on, ref: data.faultId });
    return serviceFact(
      {
        ...next,
        faults: put(c.faults, data.faultId, {
          faultId: data.faultId,
          itemId: data.itemId,
          reportedAt: data.reportedAt,
          investigation: null,
          resolution: null,
        }),
      },
      on,
      data.faultId,
    );
  },
  FaultInvestigated: (c, { data }): AcceptedContract => {
    const fault = c.faults.get(data.faultId);
    if (!fault) return c;
    const investigation = { outcome: data.outcome, investigatedOn: data.investigatedOn };
    return serviceFact(
      { ...c, faults: put(c.faults, data.faultId, { ...fault, investigation }) },
      data.investigatedOn,
      data.faultId,
    );
  },
  FaultResolved: (c, { data }): AcceptedContract => {
    const fault = c.faults.get(data.faultId);
    if (!fault) return c;
    const resolution = { resolvedOn: data.resolvedOn };
    const next: AcceptedContract = serviceFact(
      { ...c, faults: put(c.faults, data.faultId, { ...fault, resolution }) },
      data.resolvedOn,
      data.faultId,
    );
    const faulty = c.equipment.get(fault.itemId);
    if (!data.replacement || !faulty) return next;
    const equipment = new Map(next.equipment)
      .set(faulty.itemId, owed(faulty, data.resolvedOn, 'fault-replacement', null))
      .set(data.replacement.itemId, settled(c, heldItem(data.replacement, data.resolvedOn, faulty.optionId)));
    const read = readModel(next, ownerOf(faulty), {
      fact: 'replacement',
      on: data.resolvedOn,
      ref: data.replacement.itemId,
    });
    return swapInOption({ ...read, equipment }, faulty.optionId, faulty.itemId, data.replacement.itemId);
  },
  LossReported: (c, { data }): AcceptedContract => {
    const item = c.equipment.get(data.itemId);
    // Lost while in use (Art. 16(1)): a replacement is due, and the item's use ended before the report.
    const inUse = item !== undefined && itemInUseOn(c, item, data.reportedOn);
    const next = inUse
      ? usedOn(c, [data.itemId], { fact: 'use-of-item', on: data.reportedOn, ref: data.lossId })
      : c;
    return {
      ...next,
      equipment: patchItems(next, [data.itemId], (e) => ({
        ...e,
        status: 'lost',
        lossId: data.lossId,
        lastInUse: inUse ? addDays(data.reportedOn, -1) : e.lastInUse,
      })),
      losses: put(c.losses, data.lossId, {
        lossId: data.lossId,
        itemId: data.itemId,
        reason: 'reported-loss',
        reportedOn: data.reportedOn,
        replacementDue: inUse,
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
    // Shipped after the end, it is owed back at once, as what was in use at the end is.
    const replacement = settled(c, heldItem(data.replacement, data.shippedOn, optionId));
    const read = readModel(c, ownerOf(lost), {
      fact: 'replacement',
      on: data.shippedOn,
      ref: data.replacement.itemId,
    });
    const next: AcceptedContract = {
      ...read,
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
  RelocationConsented: (c, { data }): AcceptedContract => {
    const fact = { fact: 'use-of-item' as const, on: data.consentedOn, ref: data.consentId };
    return serviceFact(
      {
        ...usedOn(c, data.itemIds, fact),
        consents: put(c.consents, data.consentId, {
          consentId: data.consentId,
          itemIds: data.itemIds,
          consentedOn: data.consentedOn,
          relocatedOn: null,
        }),
      },
      data.consentedOn,
      data.consentId,
    );
  },
  EquipmentRelocated: (c, { data }): AcceptedContract => {
    const consent = c.consents.get(data.consentId);
    if (!consent) return c;
    const fact = { fact: 'use-of-item' as const, on: data.relocatedOn, ref: data.consentId };
    return serviceFact(
      {
        ...usedOn(c, consent.itemIds, fact),
        consents: put(c.consents, data.consentId, { ...consent, relocatedOn: data.relocatedOn }),
      },
      data.relocatedOn,
      data.consentId,
    );
  },
  EquipmentReturned: (c, { data }): AcceptedContract => ({
    ...c,
    equipment: patchItems(c, data.itemIds, (e) => ({
      ...e,
      status: 'returned',
      returnedOn: data.returnedOn,
      // Back before its end (once the end was on notice): no longer in use from the return.
      lastInUse: e.status === 'held' && e.lastInUse === null ? addDays(data.returnedOn, -1) : e.lastInUse,
    })),
  }),
  OneTimeCostRecorded: (c, { data }): AcceptedContract => {
    const next = { ...c, oneTimeCosts: put(c.oneTimeCosts, data.costId, data.incurredOn) };
    // Annex 1 §3(1): travel belongs to Type 2, read by the device's model that day (2010 provisions).
    return data.cost === 'travel'
      ? readModel(next, null, { fact: 'travel-cost', on: data.incurredOn, ref: data.costId })
      : next;
  },
  OutageKnown: (c, { data }): AcceptedContract =>
    serviceFact(
      {
        ...c,
        outages: put(c.outages, data.outageId, {
          outageId: data.outageId,
          knownAt: data.knownAt,
          countedFrom: data.countedFrom,
          claimWindow: data.claimWindow,
          resolvedAt: null,
          claimedOn: null,
        }),
      },
      jstDate(data.knownAt),
      data.outageId,
    ),
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
  TrafficMeasured: (c, { data }): AcceptedContract =>
    serviceFact(
      { ...c, measurements: put(c.measurements, data.measurementId, data.measuredOn) },
      data.measuredOn,
      data.measurementId,
    ),
  ContractChangeProposed: (c, { data }): AcceptedContract =>
    serviceFact(
      { ...c, proposals: put(c.proposals, data.proposalId, data.proposedOn) },
      data.proposedOn,
      data.proposalId,
    ),
  BreachRepairCostCharged: (c, { data }): AcceptedContract => ({
    ...c,
    breachCharges: put(c.breachCharges, data.chargeId, {
      chargeId: data.chargeId,
      itemIds: data.itemIds,
      harm: data.harm,
    }),
  }),
  ProhibitedActRecorded: (c, { data }) => withConduct(c, 'act', data.actId, data.observedOn),
  IpAddressesDesignated: (c, { data }): AcceptedContract =>
    serviceFact(
      {
        ...c,
        addressDesignations: put(c.addressDesignations, data.designationId, {
          designationId: data.designationId,
          addresses: data.addresses,
          designatedOn: data.designatedOn,
        }),
      },
      data.designatedOn,
      data.designationId,
    ),
  UndesignatedAddressUsed: (c, { data }) =>
    serviceFact(withConduct(c, 'address-use', data.useId, data.observedOn), data.observedOn, data.useId),
  ContractorSetupRecorded: (c, { data }) =>
    serviceFact(withConduct(c, 'setup', data.setupId, data.recordedOn), data.recordedOn, data.setupId),
  EnvironmentSettingsNotified: (c, { data }) =>
    serviceFact(withConduct(c, 'notice', data.noticeId, data.receivedOn), data.receivedOn, data.noticeId),
  ServiceImpeded: (c, { data }) =>
    serviceFact(withConduct(c, 'impediment', data.impedimentId, data.from), data.from, data.impedimentId),
  EquipmentInstalled: (c, { data }) => {
    const fact = { fact: 'use-of-item' as const, on: data.installedOn, ref: data.installationId };
    return serviceFact(
      withConduct(usedOn(c, data.itemIds, fact), 'installation', data.installationId, data.installedOn),
      data.installedOn,
      data.installationId,
    );
  },
  VpnConnectionRecorded: (c, { data }) =>
    serviceFact(
      withConduct(c, 'connection', data.connectionId, data.connectedOn),
      data.connectedOn,
      data.connectionId,
    ),
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

/**
 * An accessory's host as it stands now: an accessory named for a switch model follows that switch's
 * model changes completed after it was added (recorded before it: a fact recorded late).
 */
const hostNow = (
  c: AcceptedContract,
  option: OptionState['option'],
  model: string | null,
  addedOn: string,
): string | null => {
  if (model === null || OPTION_SPECS[option].modelRule !== 'designated-models') return model;
  const changes = [...c.modelChanges.values()]
    .filter((m) => m.completedOn !== null && compareDates(m.completedOn, addedOn) > 0)
    .sort((a, b) => compareDates(a.completedOn!, b.completedOn!));
  let host = model;
  for (const m of changes) if (m.fromModel === host) host = m.toModel;
  return host;
};

/**
 * An option's stop recorded after the contract's termination took effect (bitemporal): its units,
 * owed back from the end, are owed from the stop instead when it took effect first (src/terms/returns.ts).
 */
const reowedAtTermination = (c: AcceptedContract, optionId: string): AcceptedContract => {
  const termination = c.status === 'terminated' ? c.termination : null;
  const end = termination?.terminatedOn;
  if (!termination || !end) return c;
  const equipment = new Map(c.equipment);
  for (const item of c.equipment.values()) {
    if (item.optionId !== optionId || item.status !== 'owed' || item.owedReason !== 'termination') continue;
    equipment.set(item.itemId, owed(item, ...owedAtTermination(c, termination, item, end)));
  }
  return { ...c, equipment };
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
      modelReads: [],
      latestFact: null,
    };
  }
  return state.status === 'none' ? state : evolveAccepted(state, event);
};
