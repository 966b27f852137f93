import type { EquipmentItem } from '../../events/fields';
import { deviceCount, OPTION_SPECS, type OptionKind, optionEligibility } from '../../terms/catalog';
import { compareDates } from '../../terms/dates';
import { returnDeadline, stopEffectiveOn } from '../../terms/policies';
import { reject } from '../decision';
import { lastModelChangeOn } from './decide-model-change';
import { catalogEditionFor, checkFreshItemIds, checkInForce, emit, type Rule } from './rules';
import { optionActiveOn } from './state';

/** The kind of equipment each option lends (Art. 12, 17(2)); on-site installation lends none. */
export const OPTION_EQUIPMENT_KIND: { readonly [K in OptionKind]: EquipmentItem['kind'] | null } = {
  'on-site-installation': null,
  'cold-standby': 'cold-standby-device',
  'private-switch': 'switch',
  'rack-mount-kit': 'rack-mount-bracket',
  'sfp-module': 'sfp-module',
  'vpn-module': 'vpn-module',
  'additional-licence': 'licence',
};

/**
 * Art. 17(1)(2): an option is added on application, where the catalog allows it (Art. 17(2)(2)-(7));
 * Annex 1 §2: on-site installation has no monthly fee.
 */
export const addOption: Rule<'AddOption'> = (data, c, ctx) => {
  if (c.options.has(data.optionId)) {
    return reject(
      'OPTION_EXISTS',
      'Art. 17(1)',
      `Contract ${c.contractId} already has option ${data.optionId}.`,
      'optionId',
    );
  }
  const window = checkInForce(c, data.addedOn, 'addedOn', 'Art. 17(1)');
  if (window) return window;
  const spec = OPTION_SPECS[data.option];
  const kind = OPTION_EQUIPMENT_KIND[data.option];
  const catalog = catalogEditionFor(ctx, data.addedOn, 'addedOn');
  if (!catalog.ok) return catalog.decision;
  const edition = catalog.edition;

  if (data.option === 'on-site-installation') {
    if (data.monthlyFee !== 0) {
      return reject(
        'ON_SITE_HAS_NO_MONTHLY_FEE',
        'Annex 1 §2',
        `The on-site installation option has initial and one-time fees only; a monthly fee of ${data.monthlyFee} yen cannot be set.`,
        'monthlyFee',
      );
    }
    if (data.model !== null) {
      return reject(
        'OPTION_MODEL_NOT_APPLICABLE',
        spec.article,
        'On-site installation has no model.',
        'model',
      );
    }
  } else {
    const device = c.deviceModel;
    if (deviceCount(c.item, c.contractType) === 0 || device === null) {
      return reject(
        'OPTION_NEEDS_DEVICE',
        spec.article,
        `A ${c.item} contract has no VPN device of its own to which the ${spec.nameEn.toLowerCase()} option could be added.`,
        'option',
      );
    }
    // Art. 17(2)(2): a standby of the outgoing model would be left behind by the change under way.
    const open = c.openModelChangeId === null ? undefined : c.modelChanges.get(c.openModelChangeId);
    if (data.option === 'cold-standby' && open?.target.kind === 'device') {
      return reject(
        'MODEL_CHANGE_IN_PROGRESS',
        spec.article,
        `Device-model change ${open.changeId} (${open.fromModel} → ${open.toModel}) is under way; a cold standby, the same VPN device as the contract's, is added once it is completed.`,
        'option',
      );
    }
    if (spec.modelRule === 'designated-models' && data.model !== null && data.model !== c.deviceModel) {
      const switchHere = [...c.options.values()].some(
        (o) => o.option === 'private-switch' && o.model === data.model && optionActiveOn(o, data.addedOn),
      );
      if (!switchHere) {
        return reject(
          'OPTION_HOST_NOT_IN_CONTRACT',
          spec.article,
          `The ${spec.nameEn.toLowerCase()} must be fitted to a device of contract ${c.contractId}; it has no ${data.model}.`,
          'model',
        );
      }
    }
    const eligible = optionEligibility(edition, data.option, device, data.model ?? undefined);
    if (!eligible.ok) return reject(eligible.code, eligible.article, eligible.message, 'model');
  }

  if (kind === null && data.equipmentItemIds.length > 0) {
    return reject(
      'OPTION_HAS_NO_EQUIPMENT',
      spec.article,
      'On-site installation lends no equipment.',
      'equipmentItemIds',
    );
  }
  if (kind !== null && data.equipmentItemIds.length === 0) {
    return reject(
      'OPTION_EQUIPMENT_REQUIRED',
      'Art. 12',
      `The ${spec.nameEn.toLowerCase()} option lends equipment; give the id of each unit.`,
      'equipmentItemIds',
    );
  }
  const fresh = checkFreshItemIds(c, data.equipmentItemIds, 'equipmentItemIds');
  if (fresh) return fresh;

  // The option's model: the standby unit is the device's model; accessories name their host, if not the device.
  const model =
    data.option === 'cold-standby'
      ? c.deviceModel
      : data.option === 'on-site-installation'
        ? null
        : data.model;
  const unitModel = model ?? c.deviceModel;
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

/** Art. 17(3), 19: an option's monthly fee and its own minimum term start on its billing start. */
export const startOptionBilling: Rule<'StartOptionBilling'> = (data, c) => {
  const option = c.options.get(data.optionId);
  if (!option)
    return reject(
      'OPTION_NOT_FOUND',
      'Art. 17(1)',
      `Contract ${c.contractId} has no option ${data.optionId}.`,
      'optionId',
    );
  if (!OPTION_SPECS[option.option].hasMonthlyFee) {
    return reject(
      'OPTION_HAS_NO_MONTHLY_FEE',
      'Annex 1 §2',
      `The ${OPTION_SPECS[option.option].nameEn.toLowerCase()} option has no monthly fee, so no billing start.`,
      'optionId',
    );
  }
  if (option.billingStartOn !== null) {
    return reject(
      'OPTION_BILLING_ALREADY_STARTED',
      'Art. 17(3)',
      `Billing of option ${data.optionId} started on ${option.billingStartOn}.`,
    );
  }
  if (compareDates(data.billingStartOn, option.addedOn) < 0) {
    return reject(
      'OPTION_BILLING_BEFORE_ADDED',
      'Art. 19',
      `Option ${data.optionId} was added on ${option.addedOn}; its billing cannot start on ${data.billingStartOn}.`,
      'billingStartOn',
    );
  }
  if (option.stop !== null && compareDates(data.billingStartOn, option.stop.effectiveOn) > 0) {
    return reject(
      'OPTION_STOPPED',
      'Art. 17(4)',
      `Option ${data.optionId} stops on ${option.stop.effectiveOn}; its billing cannot start after that.`,
      'billingStartOn',
    );
  }
  const window = checkInForce(c, data.billingStartOn, 'billingStartOn', 'Art. 19');
  if (window) return window;
  const changed = lastModelChangeOn(c, { kind: 'option', optionId: data.optionId });
  if (changed !== null && compareDates(data.billingStartOn, changed) < 0) {
    return reject(
      'BILLING_BEFORE_MODEL_CHANGE',
      'Art. 17(3); Art. 9(1)',
      `Option ${data.optionId}'s model changed on ${changed}, before its billing started; its billing starts on or after it, not on ${data.billingStartOn}.`,
      'billingStartOn',
    );
  }
  return emit({
    type: 'OptionBillingStarted',
    data: { optionId: data.optionId, billingStartOn: data.billingStartOn },
  });
};

/** Art. 17(4): the stop takes effect on the later of 30 days after arrival and the requested day. */
export const stopOption: Rule<'StopOption'> = (data, c, ctx) => {
  const option = c.options.get(data.optionId);
  if (!option)
    return reject(
      'OPTION_NOT_FOUND',
      'Art. 17(1)',
      `Contract ${c.contractId} has no option ${data.optionId}.`,
      'optionId',
    );
  if (option.stop !== null) {
    return reject(
      'OPTION_NOT_ACTIVE',
      'Art. 17(4)',
      `A stop notice for option ${data.optionId} arrived on ${option.stop.noticeArrivedOn}; it stops on ${option.stop.effectiveOn}.`,
      'optionId',
    );
  }
  if (compareDates(data.noticeArrivedOn, option.addedOn) < 0) {
    return reject(
      'NOTICE_BEFORE_OPTION_ADDED',
      'Art. 17(4)',
      `Option ${data.optionId} was added on ${option.addedOn}; a stop notice cannot arrive on ${data.noticeArrivedOn}.`,
      'noticeArrivedOn',
    );
  }
  const window = checkInForce(c, data.noticeArrivedOn, 'noticeArrivedOn', 'Art. 17(4)');
  if (window) return window;
  const effectiveOn = stopEffectiveOn(data.noticeArrivedOn, data.requestedOn);
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
