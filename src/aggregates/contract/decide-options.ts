import { deviceCount, OPTION_SPECS, optionEligibility } from '../../terms/catalog';
import { annex, art, cite, parseRef } from '../../terms/citation';
import { compareDates } from '../../terms/dates';
import { returnDeadline, stopEffectiveOn } from '../../terms/policies';
import { catalogEditionOn, type ProviderCatalog } from '../../terms/provider-catalog';
import { reject, rejectWith } from '../decision';
import { lastModelChangeOn } from './decide-model-change';
import {
  catalogEditionFor,
  checkFreshItemIds,
  checkInForce,
  conflictsWithLater,
  emit,
  latestOf,
  optionNotFound,
  type Rule,
} from './rules';
import { changeOpenOn, deviceModelOn, optionActiveOn, optionModelOn } from './state';

/**
 * Art. 17(1)(2): an option is added on application, where the catalog allows it (Art. 17(2)(2)-(7));
 * Annex 1 §2: on-site installation has no monthly fee.
 */
export const addOption: Rule<'AddOption'> = (data, c, ctx) => {
  if (c.options.has(data.optionId)) {
    return reject(
      'OPTION_EXISTS',
      { contractId: c.contractId, optionId: data.optionId },
      [art(17, 1)],
      'optionId',
    );
  }
  const window = checkInForce(c, data.addedOn, 'addedOn', [art(17, 1)]);
  if (window) return window;
  const spec = OPTION_SPECS[data.option];
  const kind = spec.equipmentKind;
  const catalog = catalogEditionFor(ctx, data.addedOn, 'addedOn');
  if (!catalog.ok) return catalog.decision;
  const edition = catalog.edition;
  const optionArticle = [parseRef(spec.article)!];

  if (data.option === 'on-site-installation') {
    if (data.monthlyFee !== 0) {
      return reject(
        'ON_SITE_HAS_NO_MONTHLY_FEE',
        { monthlyFee: data.monthlyFee },
        [annex(1, 2)],
        'monthlyFee',
      );
    }
    if (data.model !== null) {
      return reject('OPTION_MODEL_NOT_APPLICABLE', {}, optionArticle, 'model');
    }
  } else {
    // As the contract stood on the day the option was added, whenever it is recorded.
    const on = data.addedOn;
    const device = deviceModelOn(c, on);
    if (deviceCount(c.item, c.contractType) === 0 || device === null) {
      return reject('OPTION_NEEDS_DEVICE', { item: c.item, option: data.option }, optionArticle, 'option');
    }
    // Art. 17(2)(2): a standby of the outgoing model would be left behind by the change under way.
    const open = changeOpenOn(c, on);
    if (data.option === 'cold-standby' && open?.target.kind === 'device') {
      return reject(
        'MODEL_CHANGE_IN_PROGRESS',
        { case: 'cold-standby', changeId: open.changeId, fromModel: open.fromModel, toModel: open.toModel },
        optionArticle,
        'option',
      );
    }
    if (spec.modelRule === 'designated-models' && data.model !== null && data.model !== device) {
      const switchHere = [...c.options.values()].some(
        (o) => o.option === 'private-switch' && optionModelOn(o, on) === data.model && optionActiveOn(o, on),
      );
      if (!switchHere) {
        return reject(
          'OPTION_HOST_NOT_IN_CONTRACT',
          { option: data.option, contractId: c.contractId, model: data.model },
          optionArticle,
          'model',
        );
      }
    }
    const eligible = optionEligibility(edition, data.option, device, data.model ?? undefined);
    if (!eligible.ok) return rejectWith(eligible.refusal, 'model');
    const unsettled = laterDeviceChange(c, data, on, ctx.terms.catalog);
    if (unsettled) return unsettled;
  }

  if (kind === null && data.equipmentItemIds.length > 0) {
    return reject('OPTION_HAS_NO_EQUIPMENT', {}, optionArticle, 'equipmentItemIds');
  }
  if (kind !== null && data.equipmentItemIds.length === 0) {
    return reject('OPTION_EQUIPMENT_REQUIRED', { option: data.option }, [art(12)], 'equipmentItemIds');
  }
  const fresh = checkFreshItemIds(c, data.equipmentItemIds, 'equipmentItemIds');
  if (fresh) return fresh;

  // The option's model: the standby unit is the device's model; accessories name their host, if not the device.
  const deviceThen = deviceModelOn(c, data.addedOn);
  const model =
    data.option === 'cold-standby' ? deviceThen : data.option === 'on-site-installation' ? null : data.model;
  const unitModel = model ?? deviceThen;
  return emit({
    type: 'OptionAdded',
    data: {
      optionId: data.optionId,
      option: data.option,
      model,
      equipment:
        kind === null || unitModel === null
          ? []
          : data.equipmentItemIds.map((itemId) => ({ itemId, kind, model: unitModel })),
      initialFee: data.initialFee,
      monthlyFee: data.monthlyFee,
      addedOn: data.addedOn,
      catalogEdition: edition.edition,
    },
  });
};

/**
 * An option added on a day before a device change already recorded (a fact recorded late): a cold
 * standby would have had to follow the change (Art. 17(2)(2)), which did not list it; an accessory
 * on the device must fit the new model (Art. 17(2)(4)-(7)), as the change's acceptance checked for
 * the accessories it knew.
 */
const laterDeviceChange = (
  c: Parameters<Rule<'AddOption'>>[1],
  data: Parameters<Rule<'AddOption'>>[0],
  on: string,
  catalog: ProviderCatalog,
) => {
  const later = [...c.modelChanges.values()].filter(
    (m) => m.target.kind === 'device' && compareDates(m.acceptedOn, on) >= 0,
  );
  for (const m of later) {
    const fact = { fact: 'model-change' as const, on: m.acceptedOn, ref: m.changeId };
    if (data.option === 'cold-standby') return conflictsWithLater(c, on, fact, 'addedOn');
    if (OPTION_SPECS[data.option].modelRule === 'designated-models' && data.model === null) {
      const edition = catalogEditionOn(catalog, m.acceptedOn);
      const fits = edition !== null && optionEligibility(edition, data.option, m.toModel).ok;
      if (!fits) return conflictsWithLater(c, on, fact, 'addedOn');
    }
  }
  return null;
};

/** Art. 17(3), 19: an option's monthly fee and its own minimum term start on its billing start. */
export const startOptionBilling: Rule<'StartOptionBilling'> = (data, c) => {
  const option = c.options.get(data.optionId);
  if (!option) return optionNotFound(c.contractId, data.optionId);
  if (!OPTION_SPECS[option.option].hasMonthlyFee) {
    return reject('OPTION_HAS_NO_MONTHLY_FEE', { option: option.option }, [annex(1, 2)], 'optionId');
  }
  if (option.billingStartOn !== null) {
    return reject(
      'OPTION_BILLING_ALREADY_STARTED',
      { optionId: data.optionId, billingStartOn: option.billingStartOn },
      [art(17, 3)],
    );
  }
  if (compareDates(data.billingStartOn, option.addedOn) < 0) {
    return reject(
      'OPTION_BILLING_BEFORE_ADDED',
      { optionId: data.optionId, addedOn: option.addedOn, billingStartOn: data.billingStartOn },
      [art(19)],
      'billingStartOn',
    );
  }
  if (option.stop !== null && compareDates(data.billingStartOn, option.stop.effectiveOn) > 0) {
    return reject(
      'OPTION_STOPPED',
      { optionId: data.optionId, effectiveOn: option.stop.effectiveOn },
      [art(17, 4)],
      'billingStartOn',
    );
  }
  const window = checkInForce(c, data.billingStartOn, 'billingStartOn', [art(19)]);
  if (window) return window;
  const changed = lastModelChangeOn(c, { kind: 'option', optionId: data.optionId });
  if (changed !== null && compareDates(data.billingStartOn, changed) < 0) {
    return reject(
      'BILLING_BEFORE_MODEL_CHANGE',
      { case: 'option', optionId: data.optionId, changedOn: changed, billingStartOn: data.billingStartOn },
      cite(art(17, 3), art(9, 1)),
      'billingStartOn',
    );
  }
  return emit({
    type: 'OptionBillingStarted',
    // Art. 17(3): the options with a minimum term start it on their own billing start.
    data: {
      optionId: data.optionId,
      billingStartOn: data.billingStartOn,
      startsTerm: OPTION_SPECS[option.option].hasMinimumTerm,
    },
  });
};

/** Art. 17(4): the stop takes effect on the later of 30 days after arrival and the requested day. */
export const stopOption: Rule<'StopOption'> = (data, c, ctx) => {
  const option = c.options.get(data.optionId);
  if (!option) return optionNotFound(c.contractId, data.optionId);
  if (option.stop !== null) {
    return reject(
      'OPTION_NOT_ACTIVE',
      {
        case: 'stop-notified',
        optionId: data.optionId,
        noticeArrivedOn: option.stop.noticeArrivedOn,
        effectiveOn: option.stop.effectiveOn,
      },
      [art(17, 4)],
      'optionId',
    );
  }
  if (compareDates(data.noticeArrivedOn, option.addedOn) < 0) {
    return reject(
      'NOTICE_BEFORE_OPTION_ADDED',
      { optionId: data.optionId, addedOn: option.addedOn, noticeArrivedOn: data.noticeArrivedOn },
      [art(17, 4)],
      'noticeArrivedOn',
    );
  }
  const window = checkInForce(c, data.noticeArrivedOn, 'noticeArrivedOn', [art(17, 4)]);
  if (window) return window;
  const effectiveOn = stopEffectiveOn(data.noticeArrivedOn, data.requestedOn);
  // A stop recorded late may not end the option before facts of it already recorded.
  const after = latestOf([
    option.billingStartOn === null
      ? null
      : { fact: 'option-billing', on: option.billingStartOn, ref: option.optionId },
    ...[...c.modelChanges.values()]
      .filter((m) => m.target.kind === 'option' && m.target.optionId === option.optionId)
      .map((m) => ({ fact: 'model-change' as const, on: m.completedOn ?? m.acceptedOn, ref: m.changeId })),
    ...c.modelReads.filter((r) => r.optionId === option.optionId),
    ...option.itemIds.map((id) => c.equipment.get(id)?.lastUsedOn ?? null),
  ]);
  if (after !== null && compareDates(after.on, effectiveOn) > 0) {
    return conflictsWithLater(c, data.noticeArrivedOn, after, 'noticeArrivedOn');
  }
  return emit({
    type: 'OptionStopNoticeReceived',
    data: {
      optionId: data.optionId,
      noticeArrivedOn: data.noticeArrivedOn,
      requestedOn: data.requestedOn,
      effectiveOn,
      returnDue: returnDeadline(effectiveOn, ctx.terms.holidayPolicy),
    },
  });
};
