import { deviceCount, isArt3Model } from '../../terms/catalog';
import { compareDates } from '../../terms/dates';
import { canAcceptMaintenanceType } from '../../terms/editions';
import { returnDeadline, terminationEffectiveOn } from '../../terms/policies';
import { catalogModel } from '../../terms/provider-catalog';
import { reject } from '../decision';
import { sitesServedChildren } from '../network/state';
import type { ContractCommandData } from './commands';
import { lastModelChangeOn } from './decide-model-change';
import { type ContractContext, catalogEditionFor, checkInForce, type D, emit, type Rule } from './rules';
import type { ContractState } from './state';

/** Art. 1-4, 6, 14(1)(3), supplementary provisions 2010: the application. */
export const acceptApplication = (
  data: ContractCommandData<'AcceptApplication'>,
  state: ContractState,
  ctx: ContractContext,
): D => {
  if (state.status !== 'none') {
    return reject(
      'CONTRACT_EXISTS',
      'Art. 22(4)',
      `Contract ${data.contractId} was already accepted in network ${state.networkId}; a site belongs to exactly one network.`,
      'contractId',
    );
  }
  if (ctx.network.status !== 'registered') {
    return reject('NETWORK_NOT_FOUND', 'Art. 1', `Network ${data.networkId} is not registered.`, 'networkId');
  }
  if (data.site.country !== 'JP') {
    return reject(
      'SITE_OUTSIDE_JAPAN',
      'Art. 14(1)(3)',
      `The site must be in Japan; the equipment may never be used outside Japan (country ${data.site.country}).`,
      'site.country',
    );
  }
  if (!canAcceptMaintenanceType(data.maintenanceType, data.acceptedOn)) {
    return reject(
      'MAINTENANCE_TYPE_UNAVAILABLE',
      'Art. 4',
      `Maintenance Type 1 was abolished on 2010-02-01; applications from ${data.acceptedOn} take Type 2 only.`,
      'maintenanceType',
    );
  }
  const catalog = catalogEditionFor(ctx, data.acceptedOn, 'acceptedOn');
  if (!catalog.ok) return catalog.decision;
  const edition = catalog.edition;
  const deviceModel = data.deviceModel;
  if (data.item === 'closed-monitoring') {
    // Art. 2: closed monitoring watches the VPN devices of a network built from the other items.
    if (data.contractType === 'parent') {
      return reject(
        'CLOSED_MONITORING_NOT_PARENT',
        'Art. 1; Art. 2',
        `Closed monitoring watches the VPN devices of a network built from the other items; it cannot be the parent contract of network ${data.networkId}, whose main site holds those devices.`,
        'contractType',
      );
    }
    if (deviceModel !== null) {
      return reject(
        'DEVICE_MODEL_NOT_APPLICABLE',
        'Art. 2',
        `A closed-monitoring contract has no VPN device of its own, so no device model (${deviceModel} was given).`,
        'deviceModel',
      );
    }
  } else {
    if (deviceModel === null) {
      return reject(
        'DEVICE_MODEL_REQUIRED',
        'Art. 2; Art. 3',
        `A ${data.item} contract has VPN devices of its own; name their model (Art. 3).`,
        'deviceModel',
      );
    }
    const model = catalogModel(edition, deviceModel);
    if (model?.role === 'switch') {
      // Known, but as a switch model: a reading of Art. 3 with 9(1), named as a policy.
      return reject(
        'SWITCH_MODEL_NOT_A_VPN_DEVICE',
        'Art. 3; Art. 9(1)',
        isArt3Model(deviceModel)
          ? `${deviceModel} is listed in Art. 3, and the ledger reads it as a model of the private-switch option (Art. 9(1) counts 「プライベートスイッチオプションの機器種別」 among the 機器種別; policy art-3-catalyst-models-are-switch-models), not as the contract's VPN device. Add it as a private switch (Art. 17(2)(3)).`
          : `${deviceModel} is a switch model of catalog edition ${edition.edition}, for the private-switch option (Art. 9(1), 17(2)(3)), not a VPN device.`,
        'deviceModel',
      );
    }
    if (model?.role !== 'vpn-device') {
      return reject(
        'UNKNOWN_DEVICE_MODEL',
        'Art. 3',
        `${deviceModel} is not a VPN device model of catalog edition ${edition.edition}.`,
        'deviceModel',
      );
    }
  }
  const expected = deviceCount(data.item, data.contractType);
  if (data.deviceItemIds.length !== expected) {
    return reject(
      'DEVICE_COUNT',
      'Art. 2',
      `A ${data.contractType} contract of item ${data.item} has exactly ${expected} device(s); the application lists ${data.deviceItemIds.length}.`,
      'deviceItemIds',
    );
  }
  if (new Set(data.deviceItemIds).size !== data.deviceItemIds.length) {
    return reject('DUPLICATE_ITEM_ID', 'Art. 12', 'Each device needs its own item id.', 'deviceItemIds');
  }
  return emit({
    type: 'ApplicationAccepted',
    data: {
      contractId: data.contractId,
      networkId: data.networkId,
      contractType: data.contractType,
      contractorId: data.contractorId,
      parentHolderId: ctx.network.parentHolderId,
      item: data.item,
      deviceModel,
      equipment:
        deviceModel === null
          ? []
          : data.deviceItemIds.map((itemId) => ({ itemId, kind: 'vpn-device' as const, model: deviceModel })),
      maintenanceType: data.maintenanceType,
      termYears: data.termYears,
      site: data.site,
      lanSubnets: data.lanSubnets,
      initialFee: data.initialFee,
      monthlyFee: data.monthlyFee,
      onSiteInstallation: data.onSiteInstallation,
      acceptedOn: data.acceptedOn,
      catalogEdition: edition.edition,
    },
  });
};

/**
 * Art. 19: the monthly fee is owed from the billing start, which starts the minimum term (Art. 5).
 * Art. 8(1): the service needs a parent and at least one child site in the network, so billing
 * starts only once the network has both.
 */
export const startBilling: Rule<'StartBilling'> = (data, c, ctx) => {
  if (c.billingStartOn !== null) {
    return reject(
      'BILLING_ALREADY_STARTED',
      'Art. 19',
      `Billing of contract ${c.contractId} started on ${c.billingStartOn}.`,
    );
  }
  if (compareDates(data.billingStartOn, c.acceptedOn) < 0) {
    return reject(
      'BILLING_BEFORE_ACCEPTANCE',
      'Art. 19',
      `Billing cannot start (${data.billingStartOn}) before the application was accepted (${c.acceptedOn}).`,
      'billingStartOn',
    );
  }
  const window = checkInForce(c, data.billingStartOn, 'billingStartOn', 'Art. 19');
  if (window) return window;
  const changed = lastModelChangeOn(c, { kind: 'device' });
  if (changed !== null && compareDates(data.billingStartOn, changed) < 0) {
    return reject(
      'BILLING_BEFORE_MODEL_CHANGE',
      'Art. 5(1); Art. 9(1)',
      `The device model changed on ${changed}, before billing started; billing (and the term of Art. 5(1)) starts on or after it, not on ${data.billingStartOn}.`,
      'billingStartOn',
    );
  }
  const network = ctx.network;
  if (network.status !== 'registered' || network.networkId !== c.networkId) {
    return reject(
      'NETWORK_NOT_FOUND',
      'Art. 1',
      `Network ${c.networkId} of contract ${c.contractId} is not registered.`,
    );
  }
  const parent = network.members.get(network.parentContractId);
  if (!parent || parent.leftOn !== null || sitesServedChildren(network).length === 0) {
    return reject(
      'NETWORK_INCOMPLETE',
      'Art. 8(1)',
      `Network ${network.networkId} needs its parent contract and at least one child site with VPN devices (closed monitoring does not count) before the service (and its billing) can start.`,
    );
  }
  return emit({ type: 'BillingStarted', data: { billingStartOn: data.billingStartOn } });
};

/** Art. 18, 20(1): the notice fixes the effective date; an exempt ground needs its evidence. */
export const receiveTerminationNotice: Rule<'ReceiveTerminationNotice'> = (data, c, ctx) => {
  if (c.termination) {
    return reject(
      'TERMINATION_ALREADY_NOTIFIED',
      'Art. 18',
      `A termination notice for contract ${c.contractId} arrived on ${c.termination.noticeArrivedOn}; there is no second notice.`,
    );
  }
  if (compareDates(data.noticeArrivedOn, c.acceptedOn) < 0) {
    return reject(
      'DATE_BEFORE_ACCEPTANCE',
      'Art. 18',
      `The notice cannot arrive (${data.noticeArrivedOn}) before the application was accepted (${c.acceptedOn}).`,
      'noticeArrivedOn',
    );
  }
  if (data.ground !== 'ordinary' && data.evidenceRef === null) {
    return reject(
      'EVIDENCE_REQUIRED',
      'Art. 20(1)',
      `A termination under ${data.ground} exempts the settlement; record the evidence reference.`,
      'evidenceRef',
    );
  }
  const { effectiveOn, policy } = terminationEffectiveOn(
    data.ground,
    data.noticeArrivedOn,
    data.requestedOn,
    ctx.terms.termination28,
  );
  return emit({
    type: 'TerminationNoticeReceived',
    data: {
      noticeArrivedOn: data.noticeArrivedOn,
      requestedOn: data.requestedOn,
      ground: data.ground,
      evidenceRef: data.evidenceRef,
      effectiveOn,
      effectivePolicy: policy,
      returnDue: returnDeadline(effectiveOn, ctx.terms.holidayPolicy),
    },
  });
};

/** Art. 18: the termination takes effect on the date the notice fixed, and on no other. */
export const terminateContract: Rule<'TerminateContract'> = (data, c) => {
  if (!c.termination) {
    return reject(
      'NO_TERMINATION_NOTICE',
      'Art. 18',
      `Contract ${c.contractId} has no termination notice; termination takes effect only on notice.`,
    );
  }
  if (data.effectiveOn !== c.termination.effectiveOn) {
    return reject(
      'TERMINATION_DATE_MISMATCH',
      'Art. 18',
      `Termination of contract ${c.contractId} takes effect on ${c.termination.effectiveOn}, the day its notice fixed${c.termination.effectivePolicy ? ` under policy ${c.termination.effectivePolicy}` : ' (the later of 30 days after the notice arrived and the requested date)'}, not ${data.effectiveOn}.`,
      'effectiveOn',
    );
  }
  return emit({ type: 'ContractTerminated', data: { effectiveOn: data.effectiveOn } });
};

/**
 * Art. 9(2), 22(4), 9(1): a request to change anything but the device model is always refused.
 * There is no event: the rejection is the answer.
 */
export const requestContractChange: Rule<'RequestContractChange'> = (data, c) => {
  switch (data.field) {
    case 'contractType':
    case 'item':
    case 'maintenanceType': {
      const current =
        data.field === 'contractType' ? c.contractType : data.field === 'item' ? c.item : c.maintenanceType;
      return reject(
        'CHANGE_NOT_ALLOWED',
        'Art. 9(2)',
        `The ${data.field} of a contract can never change (it is ${current}; requested ${data.to}). Terminate and apply anew.`,
        'field',
      );
    }
    case 'network':
      return reject(
        'CHANGE_NOT_ALLOWED',
        'Art. 22(4)',
        `Contract ${c.contractId} belongs to network ${c.networkId}; a site never connects to the devices of another parent (requested ${data.to}).`,
        'field',
      );
    case 'termYears':
      return reject(
        'CHANGE_NOT_ALLOWED',
        'Art. 9(1)',
        `Only the device model (Annex 4) may change; the minimum term of ${c.termYears} year(s) stays (requested ${data.to}).`,
        'field',
      );
  }
};
