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
  type D,
  emit,
  optionNotFound,
  type Rule,
} from './rules';
import type { AcceptedContract, EquipmentState, ModelChangeState, ModelChangeTargetState } from './state';

/** The options whose model may change under Art. 9(1) and Annex 1 §3(2). */
const CHANGEABLE_OPTIONS = ['cold-standby', 'private-switch'] as const;

/** The held units of an option whose model changes (cold standby, private switch). */
const optionUnits = (c: AcceptedContract, optionId: string): EquipmentState[] =>
  (c.options.get(optionId)?.itemIds ?? [])
    .map((id) => c.equipment.get(id))
    .filter(
      (e): e is EquipmentState =>
        e !== undefined && e.status === 'held' && (e.kind === 'cold-standby-device' || e.kind === 'switch'),
    );

/**
 * The units a change replaces, in order: the held VPN devices and then the units of the cold standby
 * that changes with them (Art. 17(2)(2)), or the option's held units.
 */
export const unitsReplaced = (
  c: AcceptedContract,
  change: Pick<ModelChangeState, 'target' | 'coldStandby'>,
): EquipmentState[] => {
  if (change.target.kind === 'option') return optionUnits(c, change.target.optionId);
  const devices = [...c.equipment.values()].filter(
    (e) => e.kind === 'vpn-device' && e.optionId === null && e.status === 'held',
  );
  return [...devices, ...change.coldStandby.flatMap((cs) => optionUnits(c, cs.optionId))];
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
): D | null => {
  const article = art(17, 2, 2);
  if (target.kind === 'option') {
    return listed.length === 0 ? null : reject('COLD_STANDBY_NOT_APPLICABLE', {}, [article], 'coldStandby');
  }
  const seen = new Set<string>();
  for (const [i, cs] of listed.entries()) {
    const o = c.options.get(cs.optionId);
    if (o?.option !== 'cold-standby' || o.stop !== null || o.model !== fromModel || seen.has(cs.optionId)) {
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
    if (o.option === 'cold-standby' && o.stop === null && o.model === fromModel && !seen.has(o.optionId)) {
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

/** The billing start of the change's target: the contract's, or the option's; null: not started. */
const targetBillingStartOn = (c: AcceptedContract, target: ModelChangeTargetState): string | null =>
  target.kind === 'device' ? c.billingStartOn : (c.options.get(target.optionId)?.billingStartOn ?? null);

/** The completion dates of the target's completed model changes. */
const latestCompleted = (c: AcceptedContract, target: ModelChangeTargetState): string[] => {
  const out: string[] = [];
  for (const change of c.modelChanges.values()) {
    const same =
      change.target.kind === target.kind &&
      (target.kind === 'device' ||
        (change.target.kind === 'option' && change.target.optionId === target.optionId));
    if (same && change.completedOn !== null) out.push(change.completedOn);
  }
  return out;
};

/**
 * The day the target's model last changed, for a billing start that must not precede it (a change
 * completed before billing started put the new model in place first); null when none changed.
 */
export const lastModelChangeOn = (c: AcceptedContract, target: ModelChangeTargetState): string | null =>
  latestCompleted(c, target).reduce<string | null>((last, d) => laterOf(d, last), null);

/** The last date a term of the target started or its model changed: a new change comes after it. */
const lastChangeOn = (c: AcceptedContract, target: ModelChangeTargetState): string | null => {
  let last: string | null = targetBillingStartOn(c, target);
  for (const change of latestCompleted(c, target)) last = laterOf(change, last);
  return last;
};

/**
 * Art. 9(1), Annex 4: only the device model (and the cold-standby or private-switch model) changes,
 * between the models Annex 4 pairs; one change at a time; the new model's term starts later (Art. 5(2)).
 */
export const acceptModelChange: Rule<'AcceptModelChange'> = (data, c, ctx) => {
  if (c.modelChanges.has(data.changeId)) {
    return reject('MODEL_CHANGE_EXISTS', { changeId: data.changeId }, [art(9, 1)], 'changeId');
  }
  if (c.openModelChangeId !== null) {
    return reject(
      'MODEL_CHANGE_IN_PROGRESS',
      { case: 'one-at-a-time', changeId: c.openModelChangeId, contractId: c.contractId },
      [art(9, 1)],
      'changeId',
    );
  }
  const window = checkInForce(c, data.acceptedOn, 'acceptedOn', [art(9, 1)]);
  if (window) return window;

  const device = c.deviceModel;
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
    if (!option) return optionNotFound(c.contractId, target.optionId, 'target.optionId');
    if (!(CHANGEABLE_OPTIONS as readonly string[]).includes(option.option)) {
      return reject(
        'OPTION_MODEL_NOT_CHANGEABLE',
        { optionId: option.optionId, option: option.option },
        [art(9, 1)],
        'target.optionId',
      );
    }
    if (option.stop !== null) {
      return reject(
        'OPTION_NOT_ACTIVE',
        { case: 'stops', optionId: option.optionId, effectiveOn: option.stop.effectiveOn },
        [art(17, 4)],
        'target.optionId',
      );
    }
    fromModel = option.model ?? device;
  }
  const since = lastChangeOn(c, target);
  if (since !== null && compareDates(data.acceptedOn, since) < 0) {
    return reject(
      'MODEL_CHANGE_BEFORE_TERM_START',
      { acceptedOn: data.acceptedOn, since },
      [target.kind === 'device' ? art(5, 2) : art(17, 3)],
      'acceptedOn',
    );
  }
  const catalog = catalogEditionFor(ctx, data.acceptedOn, 'acceptedOn');
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
    data.toModel !== c.deviceModel
  ) {
    return reject(
      'COLD_STANDBY_MODEL_MISMATCH',
      { case: 'model-change', deviceModel: device, model: data.toModel },
      [parseRef(OPTION_SPECS['cold-standby'].article)!],
      'toModel',
    );
  }
  const coldStandby = data.coldStandby ?? [];
  const follows = checkColdStandbyFollows(c, target, fromModel, coldStandby);
  if (follows) return follows;
  // Accessories fitted to the changed model must fit the new one (Art. 17(2)(4)-(7)).
  for (const option of c.options.values()) {
    if (option.stop !== null || OPTION_SPECS[option.option].modelRule !== 'designated-models') continue;
    const host = option.model ?? c.deviceModel;
    if (host !== fromModel) continue;
    const fits =
      target.kind === 'device'
        ? optionEligibility(
            edition,
            option.option,
            data.toModel,
            option.model === null ? undefined : data.toModel,
          )
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
      acceptedOn: data.acceptedOn,
      coldStandby,
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
  const units = unitsReplaced(c, change);
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
  const beforeBillingStart = targetBillingStartOn(c, change.target) === null;
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
        beforeBillingStart: beforeBillingStart || c.options.get(cs.optionId)?.billingStartOn === null,
      })),
    },
  });
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
