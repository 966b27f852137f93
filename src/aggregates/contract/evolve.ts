import { match } from 'ts-pattern';
import type { ContractEvent } from '../../events';
import type { EquipmentItem } from '../../events/fields';
import { OPTION_SPECS } from '../../terms/catalog';
import { compareDates } from '../../terms/dates';
import type { AcceptedContract, ContractState, EquipmentState, OptionState, OwedReason } from './state';

/** A new item, held at the contractor's from `since`. */
const heldItem = (item: EquipmentItem, since: string, optionId: string | null): EquipmentState => ({
  itemId: item.itemId,
  kind: item.kind,
  model: item.model,
  status: 'held',
  held: true,
  optionId,
  since,
  owedFrom: null,
  owedReason: null,
  location: null,
  returnedOn: null,
  lossId: null,
});

const owed = (item: EquipmentState, from: string, reason: OwedReason): EquipmentState => ({
  ...item,
  status: 'owed',
  held: false,
  owedFrom: from,
  owedReason: reason,
});

const patchItems = (
  c: AcceptedContract,
  ids: readonly string[],
  f: (item: EquipmentState) => EquipmentState,
): AcceptedContract['equipment'] => {
  const next = { ...c.equipment };
  for (const id of ids) {
    const item = next[id];
    if (item) next[id] = f(item);
  }
  return next;
};

const withItem = (c: AcceptedContract, item: EquipmentState): AcceptedContract['equipment'] => ({
  ...c.equipment,
  [item.itemId]: item,
});

const patchOption = (
  c: AcceptedContract,
  optionId: string,
  f: (o: OptionState) => OptionState,
): AcceptedContract => {
  const option = c.options[optionId];
  return option ? { ...c, options: { ...c.options, [optionId]: f(option) } } : c;
};

/** The item's owing date when the contract ends: an option already stopped owes from its stop. */
const owedAtTermination = (
  c: AcceptedContract,
  item: EquipmentState,
  endOn: string,
): [string, OwedReason] => {
  const stop = item.optionId ? c.options[item.optionId]?.stop : null;
  if (stop && compareDates(stop.effectiveOn, endOn) < 0) return [stop.effectiveOn, 'option-stopped'];
  return [endOn, 'termination'];
};

const evolveAccepted = (c: AcceptedContract, event: ContractEvent): AcceptedContract =>
  match(event)
    .with({ type: 'ApplicationAccepted' }, () => c)
    .with(
      { type: 'BillingStarted' },
      ({ data }): AcceptedContract => ({
        ...c,
        status: 'billing',
        billingStartOn: data.billingStartOn,
        minimumTermStarts: [
          ...c.minimumTermStarts,
          { startOn: data.billingStartOn, reason: 'billing-start', changeId: null },
        ],
      }),
    )
    .with(
      { type: 'ModelChangeAccepted' },
      ({ data }): AcceptedContract => ({
        ...c,
        modelChanges: { ...c.modelChanges, [data.changeId]: { ...data, completedOn: null } },
        openModelChangeId: data.changeId,
      }),
    )
    .with({ type: 'ModelChangeCompleted' }, ({ data }): AcceptedContract => {
      const change = c.modelChanges[data.changeId];
      if (!change) return c;
      const on = data.billingStartOn;
      const equipment = { ...c.equipment };
      for (const { oldItemId, newItemId } of data.replaced) {
        const old = equipment[oldItemId];
        if (!old) continue;
        equipment[oldItemId] = owed(old, on, 'model-change');
        equipment[newItemId] = {
          ...heldItem({ itemId: newItemId, kind: old.kind, model: change.toModel }, on, old.optionId),
          location: old.location,
        };
      }
      const next: AcceptedContract = {
        ...c,
        equipment,
        options: rehostAccessories(c.options, change.fromModel, change.toModel),
        modelChanges: { ...c.modelChanges, [data.changeId]: { ...change, completedOn: on } },
        openModelChangeId: null,
      };
      const target = change.target;
      if (target.kind === 'device') {
        return {
          ...next,
          deviceModel: change.toModel,
          monthlyFee: change.monthlyFee,
          // Art. 5(2): a fresh minimum term from the new model's billing start.
          minimumTermStarts: [
            ...c.minimumTermStarts,
            { startOn: on, reason: 'model-change', changeId: data.changeId },
          ],
        };
      }
      const replacedIds = new Map(data.replaced.map((r) => [r.oldItemId, r.newItemId]));
      return patchOption(next, target.optionId, (o) => ({
        ...o,
        model: change.toModel,
        monthlyFee: change.monthlyFee,
        itemIds: o.itemIds.map((id) => replacedIds.get(id) ?? id),
        // Art. 17(3) proviso: only the private switch's model change restarts the option's term.
        termStarts: OPTION_SPECS[o.option].modelChangeRestartsTerm
          ? [...o.termStarts, { startOn: on, reason: 'model-change', changeId: data.changeId }]
          : o.termStarts,
      }));
    })
    .with({ type: 'OptionAdded' }, ({ data }): AcceptedContract => {
      let equipment = c.equipment;
      for (const item of data.equipment) {
        equipment = { ...equipment, [item.itemId]: heldItem(item, data.addedOn, data.optionId) };
      }
      const option: OptionState = {
        optionId: data.optionId,
        option: data.option,
        model: data.model,
        itemIds: data.equipment.map((e) => e.itemId),
        initialFee: data.initialFee,
        monthlyFee: data.monthlyFee,
        addedOn: data.addedOn,
        billingStartOn: null,
        termStarts: [],
        stop: null,
      };
      return { ...c, equipment, options: { ...c.options, [data.optionId]: option } };
    })
    .with({ type: 'OptionBillingStarted' }, ({ data }) =>
      patchOption(c, data.optionId, (o) => ({
        ...o,
        billingStartOn: data.billingStartOn,
        termStarts: OPTION_SPECS[o.option].hasMinimumTerm
          ? [...o.termStarts, { startOn: data.billingStartOn, reason: 'billing-start', changeId: null }]
          : o.termStarts,
      })),
    )
    .with({ type: 'OptionStopNoticeReceived' }, ({ data }) =>
      patchOption(c, data.optionId, (o) => ({
        ...o,
        stop: {
          noticeArrivedOn: data.noticeArrivedOn,
          requestedOn: data.requestedOn,
          effectiveOn: data.effectiveOn,
        },
      })),
    )
    .with(
      { type: 'ConfigurationChangeInstructed' },
      ({ data }): AcceptedContract => ({
        ...c,
        configJobs: {
          ...c.configJobs,
          [data.jobId]: {
            jobId: data.jobId,
            instructedBy: data.instructedBy,
            instructedAt: data.instructedAt,
            performed: null,
          },
        },
      }),
    )
    .with({ type: 'ConfigurationChangePerformed' }, ({ data }): AcceptedContract => {
      const job = c.configJobs[data.jobId];
      if (!job) return c;
      return {
        ...c,
        configJobs: {
          ...c.configJobs,
          [data.jobId]: {
            ...job,
            performed: { startedAt: data.startedAt, itemIds: data.itemIds, billTo: data.billTo },
          },
        },
      };
    })
    .with(
      { type: 'FaultReported' },
      ({ data }): AcceptedContract => ({
        ...c,
        faults: {
          ...c.faults,
          [data.faultId]: {
            faultId: data.faultId,
            itemId: data.itemId,
            reportedAt: data.reportedAt,
            investigation: null,
            resolution: null,
          },
        },
      }),
    )
    .with({ type: 'FaultInvestigated' }, ({ data }): AcceptedContract => {
      const fault = c.faults[data.faultId];
      if (!fault) return c;
      const investigation = {
        outcome: data.outcome,
        quotedCost: data.quotedCost,
        investigatedOn: data.investigatedOn,
      };
      return { ...c, faults: { ...c.faults, [data.faultId]: { ...fault, investigation } } };
    })
    .with({ type: 'FaultResolved' }, ({ data }): AcceptedContract => {
      const fault = c.faults[data.faultId];
      if (!fault) return c;
      const resolution = {
        resolution: data.resolution,
        replacementItemId: data.replacement?.itemId ?? null,
        resolvedOn: data.resolvedOn,
      };
      const next: AcceptedContract = {
        ...c,
        faults: { ...c.faults, [data.faultId]: { ...fault, resolution } },
      };
      const faulty = c.equipment[fault.itemId];
      if (!data.replacement || !faulty) return next;
      const equipment = {
        ...next.equipment,
        [faulty.itemId]: owed(faulty, data.resolvedOn, 'fault-replacement'),
        [data.replacement.itemId]: {
          ...heldItem(data.replacement, data.resolvedOn, faulty.optionId),
          location: faulty.location,
        },
      };
      return swapInOption({ ...next, equipment }, faulty.optionId, faulty.itemId, data.replacement.itemId);
    })
    .with({ type: 'LossReported' }, ({ data }): AcceptedContract => {
      const item = c.equipment[data.itemId];
      return {
        ...c,
        equipment: patchItems(c, [data.itemId], (e) => ({
          ...e,
          status: 'lost',
          held: false,
          lossId: data.lossId,
        })),
        losses: {
          ...c.losses,
          [data.lossId]: {
            lossId: data.lossId,
            itemId: data.itemId,
            reason: 'reported-loss',
            reportedOn: data.reportedOn,
            replacementDue: item?.status === 'held',
            replacementItemId: null,
            shippedOn: null,
            charge: null,
            foundOn: null,
          },
        },
      };
    })
    .with({ type: 'ReplacementShipped' }, ({ data }): AcceptedContract => {
      const loss = c.losses[data.lossId];
      if (!loss) return c;
      const lost = c.equipment[loss.itemId];
      const optionId = lost?.optionId ?? null;
      const fresh = {
        ...heldItem(data.replacement, data.shippedOn, optionId),
        location: lost?.location ?? null,
      };
      const replacement =
        c.status === 'terminated' && c.termination?.terminatedOn
          ? owed(fresh, c.termination.terminatedOn, 'termination')
          : fresh;
      const next: AcceptedContract = {
        ...c,
        equipment: withItem(c, replacement),
        losses: {
          ...c.losses,
          [data.lossId]: { ...loss, replacementItemId: data.replacement.itemId, shippedOn: data.shippedOn },
        },
      };
      return swapInOption(next, optionId, loss.itemId, data.replacement.itemId);
    })
    .with({ type: 'LossChargeQuoted' }, ({ data }): AcceptedContract => {
      const charge = { amount: data.amount, quotedOn: data.quotedOn };
      const existing = c.losses[data.lossId];
      const loss = existing
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
        equipment: existing
          ? c.equipment
          : patchItems(c, [data.itemId], (e) => ({ ...e, status: 'lost', held: false, lossId: data.lossId })),
        losses: { ...c.losses, [data.lossId]: loss },
      };
    })
    .with({ type: 'LostItemFound' }, ({ data }): AcceptedContract => {
      const loss = c.losses[data.lossId];
      if (!loss) return c;
      return {
        ...c,
        equipment: patchItems(c, [data.itemId], (e) => ({ ...e, status: 'found', held: false })),
        losses: { ...c.losses, [data.lossId]: { ...loss, foundOn: data.foundOn } },
      };
    })
    .with(
      { type: 'RelocationConsented' },
      ({ data }): AcceptedContract => ({
        ...c,
        consents: {
          ...c.consents,
          [data.consentId]: {
            consentId: data.consentId,
            itemIds: data.itemIds,
            to: data.to,
            consentedOn: data.consentedOn,
            relocatedOn: null,
          },
        },
      }),
    )
    .with({ type: 'EquipmentRelocated' }, ({ data }): AcceptedContract => {
      const consent = c.consents[data.consentId];
      if (!consent) return c;
      return {
        ...c,
        equipment: patchItems(c, consent.itemIds, (e) => ({ ...e, location: consent.to })),
        consents: { ...c.consents, [data.consentId]: { ...consent, relocatedOn: data.relocatedOn } },
      };
    })
    .with(
      { type: 'EquipmentReturned' },
      ({ data }): AcceptedContract => ({
        ...c,
        equipment: patchItems(c, data.itemIds, (e) => ({
          ...e,
          status: 'returned',
          held: false,
          returnedOn: data.returnedOn,
        })),
      }),
    )
    .with(
      { type: 'OneTimeCostRecorded' },
      ({ data }): AcceptedContract => ({
        ...c,
        oneTimeCosts: {
          ...c.oneTimeCosts,
          [data.costId]: {
            costId: data.costId,
            cost: data.cost,
            amount: data.amount,
            incurredOn: data.incurredOn,
          },
        },
      }),
    )
    .with(
      { type: 'OutageKnown' },
      ({ data }): AcceptedContract => ({
        ...c,
        outages: {
          ...c.outages,
          [data.outageId]: {
            outageId: data.outageId,
            knownAt: data.knownAt,
            resolvedAt: null,
            cause: null,
            claimedOn: null,
          },
        },
      }),
    )
    .with({ type: 'OutageResolved' }, ({ data }): AcceptedContract => {
      const outage = c.outages[data.outageId];
      if (!outage) return c;
      return {
        ...c,
        outages: {
          ...c.outages,
          [data.outageId]: { ...outage, resolvedAt: data.resolvedAt, cause: data.cause },
        },
      };
    })
    .with({ type: 'ReductionClaimed' }, ({ data }): AcceptedContract => {
      const outage = c.outages[data.outageId];
      if (!outage) return c;
      return { ...c, outages: { ...c.outages, [data.outageId]: { ...outage, claimedOn: data.claimedOn } } };
    })
    .with(
      { type: 'TrafficMeasured' },
      ({ data }): AcceptedContract => ({
        ...c,
        measurements: { ...c.measurements, [data.measurementId]: { ...data } },
      }),
    )
    .with(
      { type: 'ContractChangeProposed' },
      ({ data }): AcceptedContract => ({
        ...c,
        proposals: {
          ...c.proposals,
          [data.proposalId]: {
            proposalId: data.proposalId,
            measurementId: data.measurementId,
            proposedOn: data.proposedOn,
          },
        },
      }),
    )
    .with(
      { type: 'TerminationNoticeReceived' },
      ({ data }): AcceptedContract => ({
        ...c,
        termination: {
          noticeArrivedOn: data.noticeArrivedOn,
          requestedOn: data.requestedOn,
          ground: data.ground,
          effectiveOn: data.effectiveOn,
          terminatedOn: null,
        },
      }),
    )
    .with({ type: 'ContractTerminated' }, ({ data }): AcceptedContract => {
      if (!c.termination) return c;
      const equipment = { ...c.equipment };
      for (const item of Object.values(c.equipment)) {
        if (item.status !== 'held') continue;
        const [from, reason] = owedAtTermination(c, item, data.effectiveOn);
        // Art. 14(3): whatever is still installed is owed back within 30 days of the end.
        equipment[item.itemId] = owed(item, from, reason);
      }
      return {
        ...c,
        status: 'terminated',
        equipment,
        termination: { ...c.termination, terminatedOn: data.effectiveOn },
      };
    })
    .exhaustive();

/** Accessories fitted to a model that was changed are now fitted to the new model. */
const rehostAccessories = (
  options: AcceptedContract['options'],
  from: string,
  to: string,
): AcceptedContract['options'] => {
  const next = { ...options };
  for (const o of Object.values(options)) {
    if (OPTION_SPECS[o.option].modelRule === 'designated-models' && o.model === from)
      next[o.optionId] = { ...o, model: to };
  }
  return next;
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
      maintenanceType: data.maintenanceType,
      termYears: data.termYears,
      acceptedOn: data.acceptedOn,
      billingStartOn: null,
      monthlyFee: data.monthlyFee,
      site: data.site,
      lanSubnets: data.lanSubnets,
      onSiteInstallationAtAcceptance: data.onSiteInstallation !== null,
      equipment: Object.fromEntries(
        data.equipment.map((e) => [e.itemId, heldItem(e, data.acceptedOn, null)]),
      ),
      minimumTermStarts: [],
      options: {},
      modelChanges: {},
      openModelChangeId: null,
      configJobs: {},
      faults: {},
      losses: {},
      consents: {},
      outages: {},
      measurements: {},
      proposals: {},
      oneTimeCosts: {},
      termination: null,
    };
  }
  return state.status === 'none' ? state : evolveAccepted(state, event);
};
