import { deviceCount, OPTION_SPECS, optionEligibility } from '../../terms/catalog';
import { annex, art, cite, parseRef } from '../../terms/citation';
import { compareDates, laterOf } from '../../terms/dates';
import { returnDeadline } from '../../terms/policies';
import { isAllowedModelChange } from '../../terms/provider-catalog';
import { reject } from '../decision';
import type { ContractCommandData } from './commands';
import {
  catalogEditionFor,
  checkFreshItemIds,
  checkInForce,
  conflictsWithLater,
  type D,
  emit,
  latestOf,
  optionNotFound,
  type Rule,
} from './rules';
import {
  type AcceptedContract,
  changeOpenOn,
  deviceModelOn,
  type EquipmentState,
  itemInUseOn,
  type LaterFact,
  type ModelChangeState,
  type ModelChangeTargetState,
  type OptionState,
  optionActiveOn,
  optionModelOn,
} from './state';

/** The options whose model may change under Art. 9(1) and Annex 1 §3(2). */
const CHANGEABLE_OPTIONS = ['cold-standby', 'private-switch'] as const;

/** The units of an option whose model changes (cold standby, private switch) in use on `date`. */
const optionUnits = (c: AcceptedContract, optionId: string, date: string): EquipmentState[] =>
  (c.options.get(optionId)?.itemIds ?? [])
    .map((id) => c.equipment.get(id))
    .filter(
      (e): e is EquipmentState =>
        e !== undefined &&
        (e.kind === 'cold-standby-device' || e.kind === 'switch') &&
        itemInUseOn(c, e, date),
    );

/**
 * The units a change completed on `date` replaces, in order: the VPN devices in use that day and
 * then the units of the cold standbys that change with them (Art. 17(2)(2)), or the option's units.
 */
export const unitsReplaced = (
  c: AcceptedContract,
  change: Pick<ModelChangeState, 'target' | 'coldStandby'>,
  date: string,
): EquipmentState[] => {
  if (change.target.kind === 'option') return optionUnits(c, change.target.optionId, date);
  const devices = [...c.equipment.values()].filter(
    (e) => e.kind === 'vpn-device' && e.optionId === null && itemInUseOn(c, e, date),
  );
  return [...devices, ...change.coldStandby.flatMap((cs) => optionUnits(c, cs.optionId, date))];
};

/** A stop of the option was notified on or before `date` (its units go back at its effective day). */
const stopNotifiedBy = (o: OptionState, date: string): boolean =>
  o.stop !== null && compareDates(o.stop.noticeArrivedOn, date) <= 0;

/**
 * The model an accessory (rack-mount kit, module, licence) was fitted to on `date`: null for the
 * device, a named host (the private switch) followed through its model changes completed by then.
 */
const accessoryHostOn = (c: AcceptedContract, o: OptionState, date: string): string | null => {
  let host = o.models[0]?.model ?? null;
  if (host === null) return deviceModelOn(c, date);
  const changes = [...c.modelChanges.values()]
    .filter((m) => m.completedOn !== null && compareDates(m.completedOn, date) <= 0)
    .sort((a, b) => compareDates(a.completedOn!, b.completedOn!));
  for (const m of changes) if (m.fromModel === host && m.target.kind === 'option') host = m.toModel;
  return host;
};

/**
 * Art. 17(2)(2): a cold standby is 「同一のVPN機器」 as the contract's device, so a device-model change
 * takes every cold standby in use of the old model along (Annex 4 and Annex 1 §3(2) name the cold
 * standby's model change, with its own quoted fee). Listed: exactly those; nothing for an option change.
 */
const checkColdStandbyFollows = (
  c: AcceptedContract,
  target: ModelChangeTargetState,
  fromModel: string,
  listed: NonNullable<ContractCommandData<'AcceptModelChange'>['coldStandby']>,
  date: string,
): D | null => {
  const article = art(17, 2, 2);
  if (target.kind === 'option') {
    return listed.length === 0 ? null : reject('COLD_STANDBY_NOT_APPLICABLE', {}, [article], 'coldStandby');
  }
  // As the contract stood on the day of the acceptance: the standbys in use that day, of that model.
  const ofTheDevice = (o: OptionState | undefined): o is OptionState =>
    o?.option === 'cold-standby' && optionActiveOn(o, date) && optionModelOn(o, date) === fromModel;
  const seen = new Set<string>();
  for (const [i, cs] of listed.entries()) {
    const o = c.options.get(cs.optionId);
    if (!ofTheDevice(o) || seen.has(cs.optionId)) {
      return reject(
        'NOT_A_COLD_STANDBY_OF_THE_DEVICE',
        { optionId: cs.optionId, fromModel },
        [article],
        `coldStandby.${i}.optionId`,
      );
    }
    seen.add(cs.optionId);
  }
  for (const o of c.options.values()) {
    // Policy stopping-cold-standby-may-stay: a standby whose stop was notified by then may stay on
    // its model until the stop takes effect (it goes back then), or be listed and change with the device.
    if (ofTheDevice(o) && !stopNotifiedBy(o, date) && !seen.has(o.optionId)) {
      return reject(
        'COLD_STANDBY_MUST_FOLLOW',
        { optionId: o.optionId, fromModel },
        cite(article, annex(4)),
        'coldStandby',
      );
    }
  }
  return null;
};

/**
 * Policy stopping-cold-standby-may-stay: the standbys of the device's old model whose stop was
 * notified by `date` and that the change does not list stay on the old model until their stop.
 */
const staying = (
  c: AcceptedContract,
  target: ModelChangeTargetState,
  fromModel: string,
  listed: NonNullable<ContractCommandData<'AcceptModelChange'>['coldStandby']>,
  date: string,
): { optionId: string; stopEffectiveOn: string }[] =>
  target.kind !== 'device'
    ? []
    : [...c.options.values()].flatMap((o) =>
        o.option === 'cold-standby' &&
        o.stop !== null &&
        optionActiveOn(o, date) &&
        stopNotifiedBy(o, date) &&
        optionModelOn(o, date) === fromModel &&
        !listed.some((cs) => cs.optionId === o.optionId)
          ? [{ optionId: o.optionId, stopEffectiveOn: o.stop.effectiveOn }]
          : [],
      );

/** The billing start of the change's target: the contract's, or the option's; null: not started. */
const targetBillingStartOn = (c: AcceptedContract, target: ModelChangeTargetState): string | null =>
  target.kind === 'device' ? c.billingStartOn : (c.options.get(target.optionId)?.billingStartOn ?? null);

/** The target's billing had started by `date` (as the ledger knows it now, whenever it was recorded). */
const billingStartedBy = (c: AcceptedContract, target: ModelChangeTargetState, date: string): boolean => {
  const start = targetBillingStartOn(c, target);
  return start !== null && compareDates(start, date) <= 0;
};

const sameTarget = (a: ModelChangeTargetState, b: ModelChangeTargetState): boolean =>
  a.kind === b.kind && (a.kind === 'device' || (b.kind === 'option' && a.optionId === b.optionId));

/** The completion dates of the target's completed model changes. */
const latestCompleted = (c: AcceptedContract, target: ModelChangeTargetState): string[] => {
  const out: string[] = [];
  for (const change of c.modelChanges.values())
    if (sameTarget(change.target, target) && change.completedOn !== null) out.push(change.completedOn);
  return out;
};

/**
 * The day the target's model last changed, for a billing start that must not precede it (a change
 * completed before billing started put the new model in place first); null when none changed.
 */
export const lastModelChangeOn = (c: AcceptedContract, target: ModelChangeTargetState): string | null =>
  latestCompleted(c, target).reduce<string | null>((last, d) => laterOf(d, last), null);

/**
 * Art. 9(1), Annex 4: only the device model (and the cold-standby or private-switch model) changes,
 * between the models Annex 4 pairs; one change at a time; the new model's term starts later (Art. 5(2)).
 */
export const acceptModelChange: Rule<'AcceptModelChange'> = (data, c, ctx) => {
  if (c.modelChanges.has(data.changeId)) {
    return reject('MODEL_CHANGE_EXISTS', { changeId: data.changeId }, [art(9, 1)], 'changeId');
  }
  // As the contract stood on the day of the acceptance, whenever it is recorded.
  const on = data.acceptedOn;
  const open = changeOpenOn(c, on);
  if (open !== null) {
    return reject(
      'MODEL_CHANGE_IN_PROGRESS',
      { case: 'one-at-a-time', changeId: open.changeId, contractId: c.contractId },
      [art(9, 1)],
      'changeId',
    );
  }
  // One change at a time: a change accepted later is on record; this one would have been open then.
  const laterChange = latestOf(
    [...c.modelChanges.values()]
      .filter((m) => compareDates(m.acceptedOn, on) > 0)
      .map((m) => ({ fact: 'model-change' as const, on: m.acceptedOn, ref: m.changeId })),
  );
  if (laterChange) return conflictsWithLater(c, on, laterChange, 'acceptedOn');
  const window = checkInForce(c, on, 'acceptedOn', [art(9, 1)]);
  if (window) return window;

  const device = deviceModelOn(c, on);
  if (deviceCount(c.item, c.contractType) === 0 || device === null) {
    return reject('NO_DEVICE_TO_CHANGE', { item: c.item }, [art(2)], 'target');
  }
  let fromModel: string;
  const target = data.target;
  // Art. 9(1) lets the contractor ask at any time, and Art. 5(2) speaks of 「契約の期間中」: a change
  // before billing starts is allowed; completed before it, it sets no term of its own (Art. 5(1)).
  if (target.kind === 'device') {
    fromModel = device;
  } else {
    const option = c.options.get(target.optionId);
    if (!option || compareDates(option.addedOn, on) > 0)
      return optionNotFound(c.contractId, target.optionId, 'target.optionId');
    if (!(CHANGEABLE_OPTIONS as readonly string[]).includes(option.option)) {
      return reject(
        'OPTION_MODEL_NOT_CHANGEABLE',
        { optionId: option.optionId, option: option.option },
        [art(9, 1)],
        'target.optionId',
      );
    }
    if (option.stop !== null && stopNotifiedBy(option, on)) {
      return reject(
        'OPTION_NOT_ACTIVE',
        { case: 'stops', optionId: option.optionId, effectiveOn: option.stop.effectiveOn },
        [art(17, 4)],
        'target.optionId',
      );
    }
    fromModel = optionModelOn(option, on) ?? device;
  }
  const since = lastModelChangeOn(c, target);
  if (since !== null && compareDates(on, since) < 0) {
    return reject(
      'MODEL_CHANGE_BEFORE_TERM_START',
      { acceptedOn: on, since },
      [target.kind === 'device' ? art(5, 2) : art(17, 3)],
      'acceptedOn',
    );
  }
  const catalog = catalogEditionFor(ctx, on, 'acceptedOn');
  if (!catalog.ok) return catalog.decision;
  const edition = catalog.edition;
  if (!isAllowedModelChange(edition, fromModel, data.toModel)) {
    return reject(
      'MODEL_CHANGE_NOT_ALLOWED',
      { edition: edition.edition, fromModel, toModel: data.toModel },
      cite(art(9, 1), annex(4)),
      'toModel',
    );
  }
  if (
    target.kind === 'option' &&
    c.options.get(target.optionId)?.option === 'cold-standby' &&
    data.toModel !== device
  ) {
    return reject(
      'COLD_STANDBY_MODEL_MISMATCH',
      { case: 'model-change', deviceModel: device, model: data.toModel },
      [parseRef(OPTION_SPECS['cold-standby'].article)!],
      'toModel',
    );
  }
  const coldStandby = data.coldStandby ?? [];
  const follows = checkColdStandbyFollows(c, target, fromModel, coldStandby, on);
  if (follows) return follows;
  // Accessories fitted to the changed model that day must fit the new one (Art. 17(2)(4)-(7)).
  for (const option of c.options.values()) {
    if (OPTION_SPECS[option.option].modelRule !== 'designated-models') continue;
    if (!optionActiveOn(option, on) || stopNotifiedBy(option, on)) continue;
    const host = accessoryHostOn(c, option, on);
    if (host !== fromModel) continue;
    const named = option.models[0]?.model ?? null;
    const fits =
      target.kind === 'device'
        ? optionEligibility(edition, option.option, data.toModel, named === null ? undefined : data.toModel)
        : optionEligibility(edition, option.option, device, data.toModel);
    if (!fits.ok) {
      return reject(
        'OPTION_BLOCKS_MODEL_CHANGE',
        { optionId: option.optionId, option: option.option, toModel: data.toModel, cause: fits.refusal },
        fits.refusal.cite,
        'toModel',
      );
    }
  }
  return emit({
    type: 'ModelChangeAccepted',
    data: {
      changeId: data.changeId,
      target,
      fromModel,
      toModel: data.toModel,
      fee: data.fee,
      monthlyFee: data.monthlyFee,
      acceptedOn: on,
      coldStandby,
      coldStandbyStaying: staying(c, target, fromModel, coldStandby, on),
      catalogEdition: edition.edition,
    },
  });
};

/**
 * Art. 5(2), 17(3): the new model's billing start restarts the minimum term; Art. 14(3): the old
 * units are owed back from that day.
 */
export const completeModelChange: Rule<'CompleteModelChange'> = (data, c, ctx) => {
  const change = c.modelChanges.get(data.changeId);
  if (!change) return reject('MODEL_CHANGE_NOT_FOUND', { changeId: data.changeId }, [art(9, 1)], 'changeId');
  if (change.completedOn !== null) {
    return reject(
      'MODEL_CHANGE_ALREADY_COMPLETED',
      { changeId: data.changeId, completedOn: change.completedOn },
      [art(9, 1)],
      'changeId',
    );
  }
  if (compareDates(data.billingStartOn, change.acceptedOn) < 0) {
    return reject(
      'MODEL_CHANGE_BEFORE_ACCEPTANCE',
      { billingStartOn: data.billingStartOn, acceptedOn: change.acceptedOn },
      [change.target.kind === 'device' ? art(5, 2) : art(17, 3)],
      'billingStartOn',
    );
  }
  const window = checkInForce(c, data.billingStartOn, 'billingStartOn', [art(5, 2)]);
  if (window) return window;
  // As the contract stood on the new model's billing start, whenever it is recorded.
  const on = data.billingStartOn;
  const units = unitsReplaced(c, change, on);
  const unsettled = laterReadsOf(c, change, units, on);
  if (unsettled) return conflictsWithLater(c, on, unsettled, 'billingStartOn');
  if (units.length === 0) {
    return reject('NO_EQUIPMENT_TO_CHANGE', { changeId: data.changeId }, [art(9, 1)], 'changeId');
  }
  if (data.newItemIds.length !== units.length) {
    return reject(
      'MODEL_CHANGE_ITEM_COUNT',
      { changeId: data.changeId, units: units.map((u) => u.itemId), given: data.newItemIds.length },
      [change.target.kind === 'device' ? art(2) : art(9, 1)],
      'newItemIds',
    );
  }
  const fresh = checkFreshItemIds(c, data.newItemIds, 'newItemIds');
  if (fresh) return fresh;
  const beforeBillingStart = !billingStartedBy(c, change.target, on);
  return emit({
    type: 'ModelChangeCompleted',
    data: {
      changeId: data.changeId,
      billingStartOn: data.billingStartOn,
      // Art. 14(3): the old units are owed back; each new one is a unit of the same kind and option.
      replaced: units.map((u, i) => ({
        oldItemId: u.itemId,
        newItemId: data.newItemIds[i] as string,
        kind: u.kind,
        optionId: u.optionId,
      })),
      returnDue: returnDeadline(data.billingStartOn, ctx.terms.holidayPolicy),
      beforeBillingStart,
      restartsTerm: !beforeBillingStart && restartsTerm(c, change.target),
      coldStandby: change.coldStandby.map((cs) => ({
        optionId: cs.optionId,
        beforeBillingStart:
          beforeBillingStart || !billingStartedBy(c, { kind: 'option', optionId: cs.optionId }, on),
      })),
    },
  });
};

/**
 * The latest recorded fact dated on or after the completion that read what the change replaces (a
 * fact recorded late must not change it): a decision that read the target's model (or a carried
 * standby's) other than this change's own acceptance, a use of a replaced unit, or the end of a
 * replaced unit's use by another fact (a fault's replacement, a loss). Null when there is none.
 */
const laterReadsOf = (
  c: AcceptedContract,
  change: ModelChangeState,
  units: readonly EquipmentState[],
  on: string,
): LaterFact | null => {
  const targets = new Set<string | null>(
    change.target.kind === 'device'
      ? [null, ...change.coldStandby.map((cs) => cs.optionId)]
      : [change.target.optionId],
  );
  const reads = c.modelReads.filter(
    (r) => targets.has(r.optionId) && r.changeId !== change.changeId && compareDates(r.on, on) >= 0,
  );
  const ended = units.flatMap((u): LaterFact[] =>
    u.lastInUse !== null && u.owedReason !== 'termination' && u.owedReason !== 'option-stopped'
      ? [{ fact: 'replacement', on: u.lastInUse, ref: u.itemId }]
      : [],
  );
  const used = units.map((u) => u.lastUsedOn).filter((f) => f !== null && compareDates(f.on, on) >= 0);
  return latestOf([...reads, ...ended, ...used]);
};

/**
 * Art. 5(2): a device's new model starts a fresh term of the contract; Art. 17(3) proviso: of the
 * options, only the private switch's model change restarts its term. (Completed before billing
 * started, no change starts a term of its own: the term of Art. 5(1), 17(3) starts with the billing.)
 */
const restartsTerm = (c: AcceptedContract, target: ModelChangeTargetState): boolean => {
  if (target.kind === 'device') return true;
  const option = c.options.get(target.optionId);
  return option !== undefined && OPTION_SPECS[option.option].modelChangeRestartsTerm;
};
