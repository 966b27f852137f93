import { deviceCount, isArt3Model } from '../../terms/catalog';
import { art, cite } from '../../terms/citation';
import { compareDates } from '../../terms/dates';
import { canAcceptMaintenanceType } from '../../terms/editions';
import {
  claimWindowFrom,
  hoursCountFrom,
  returnDeadline,
  terminationEffectiveOn,
} from '../../terms/policies';
import { catalogModel } from '../../terms/provider-catalog';
import { reject } from '../decision';
import { memberOn, sitesServedChildrenOn } from '../network/state';
import type { ContractCommandData } from './commands';
import { lastModelChangeOn } from './decide-model-change';
import {
  type ContractContext,
  catalogEditionFor,
  checkInForce,
  conflictsWithLater,
  type D,
  emit,
  type Rule,
} from './rules';
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
      { case: 'in-network', contractId: data.contractId, networkId: state.networkId },
      [art(22, 4)],
      'contractId',
    );
  }
  if (ctx.network.status !== 'registered') {
    return reject('NETWORK_NOT_FOUND', { case: 'plain', networkId: data.networkId }, [art(1)], 'networkId');
  }
  if (data.site.country !== 'JP') {
    return reject('SITE_OUTSIDE_JAPAN', { country: data.site.country }, [art(14, 1, 3)], 'site.country');
  }
  if (!canAcceptMaintenanceType(data.maintenanceType, data.acceptedOn)) {
    return reject(
      'MAINTENANCE_TYPE_UNAVAILABLE',
      { acceptedOn: data.acceptedOn },
      [art(4)],
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
        { networkId: data.networkId },
        cite(art(1), art(2)),
        'contractType',
      );
    }
    if (deviceModel !== null) {
      return reject('DEVICE_MODEL_NOT_APPLICABLE', { model: deviceModel }, [art(2)], 'deviceModel');
    }
  } else {
    if (deviceModel === null) {
      return reject('DEVICE_MODEL_REQUIRED', { item: data.item }, cite(art(2), art(3)), 'deviceModel');
    }
    const model = catalogModel(edition, deviceModel);
    if (model?.role === 'switch') {
      // Known, but as a switch model: a reading of Art. 3 with 9(1), named as a policy.
      return reject(
        'SWITCH_MODEL_NOT_A_VPN_DEVICE',
        {
          case: isArt3Model(deviceModel) ? 'art-3' : 'edition',
          model: deviceModel,
          edition: edition.edition,
        },
        cite(art(3), art(9, 1)),
        'deviceModel',
      );
    }
    if (model?.role !== 'vpn-device') {
      return reject(
        'UNKNOWN_DEVICE_MODEL',
        { model: deviceModel, edition: edition.edition },
        [art(3)],
        'deviceModel',
      );
    }
  }
  const expected = deviceCount(data.item, data.contractType);
  if (data.deviceItemIds.length !== expected) {
    return reject(
      'DEVICE_COUNT',
      { contractType: data.contractType, item: data.item, expected, given: data.deviceItemIds.length },
      [art(2)],
      'deviceItemIds',
    );
  }
  if (new Set(data.deviceItemIds).size !== data.deviceItemIds.length) {
    return reject('DUPLICATE_ITEM_ID', { case: 'devices' }, [art(12)], 'deviceItemIds');
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
    return reject('BILLING_ALREADY_STARTED', { contractId: c.contractId, billingStartOn: c.billingStartOn }, [
      art(19),
    ]);
  }
  if (compareDates(data.billingStartOn, c.acceptedOn) < 0) {
    return reject(
      'BILLING_BEFORE_ACCEPTANCE',
      { billingStartOn: data.billingStartOn, acceptedOn: c.acceptedOn },
      [art(19)],
      'billingStartOn',
    );
  }
  const window = checkInForce(c, data.billingStartOn, 'billingStartOn', [art(19)]);
  if (window) return window;
  const changed = lastModelChangeOn(c, { kind: 'device' });
  if (changed !== null && compareDates(data.billingStartOn, changed) < 0) {
    return reject(
      'BILLING_BEFORE_MODEL_CHANGE',
      { case: 'device', changedOn: changed, billingStartOn: data.billingStartOn },
      cite(art(5, 1), art(9, 1)),
      'billingStartOn',
    );
  }
  const network = ctx.network;
  if (network.status !== 'registered' || network.networkId !== c.networkId) {
    return reject(
      'NETWORK_NOT_FOUND',
      { case: 'of-contract', networkId: c.networkId, contractId: c.contractId },
      [art(1)],
    );
  }
  // As the network stood on the billing start's date, whenever it is recorded.
  const parent = network.members.get(network.parentContractId);
  const on = data.billingStartOn;
  if (!parent || !memberOn(parent, on) || sitesServedChildrenOn(network, on).length === 0) {
    return reject('NETWORK_INCOMPLETE', { networkId: network.networkId }, [art(8, 1)]);
  }
  return emit({
    type: 'BillingStarted',
    data: {
      billingStartOn: data.billingStartOn,
      outagesCounted: countedFromBillingStart(c, data.billingStartOn, ctx),
    },
  });
};

/**
 * Policy reduction-hours-while-fee-owed (Art. 21, Annex 3): the unusable hours of an outage count
 * only while the monthly fee is owed. An outage recorded before billing started has its count (and
 * its claim window) decided now: from the billing start's 00:00 Japan time, or from when it became
 * known if that is later.
 */
const countedFromBillingStart = (
  c: Parameters<Rule<'StartBilling'>>[1],
  billingStartOn: string,
  ctx: ContractContext,
) =>
  [...c.outages.values()]
    .filter((o) => o.countedFrom === null)
    .map((o) => {
      const countedFrom = hoursCountFrom(o.knownAt, billingStartOn);
      return {
        outageId: o.outageId,
        countedFrom,
        claimWindow: claimWindowFrom(countedFrom, ctx.terms.holidayPolicy),
      };
    });

/** Art. 18, 20(1): the notice fixes the effective date; an exempt ground needs its evidence. */
export const receiveTerminationNotice: Rule<'ReceiveTerminationNotice'> = (data, c, ctx) => {
  if (c.termination) {
    return reject(
      'TERMINATION_ALREADY_NOTIFIED',
      { contractId: c.contractId, noticeArrivedOn: c.termination.noticeArrivedOn },
      [art(18)],
    );
  }
  if (compareDates(data.noticeArrivedOn, c.acceptedOn) < 0) {
    return reject(
      'DATE_BEFORE_ACCEPTANCE',
      { case: 'notice', date: data.noticeArrivedOn, contractId: c.contractId, acceptedOn: c.acceptedOn },
      [art(18)],
      'noticeArrivedOn',
    );
  }
  if (data.ground !== 'ordinary' && data.evidenceRef === null) {
    return reject('EVIDENCE_REQUIRED', { ground: data.ground }, [art(20, 1)], 'evidenceRef');
  }
  const { effectiveOn, policy } = terminationEffectiveOn(
    data.ground,
    data.noticeArrivedOn,
    data.requestedOn,
    ctx.terms.termination28,
  );
  // A notice recorded late may not end the contract before facts of its life already recorded.
  if (c.latestFact !== null && compareDates(effectiveOn, c.latestFact.on) < 0) {
    return conflictsWithLater(c, data.noticeArrivedOn, c.latestFact, 'noticeArrivedOn');
  }
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
    return reject('NO_TERMINATION_NOTICE', { contractId: c.contractId }, [art(18)]);
  }
  if (data.effectiveOn !== c.termination.effectiveOn) {
    return reject(
      'TERMINATION_DATE_MISMATCH',
      {
        contractId: c.contractId,
        effectiveOn: c.termination.effectiveOn,
        policy: c.termination.effectivePolicy,
        requested: data.effectiveOn,
      },
      [art(18)],
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
        { case: data.field, current, requested: data.to },
        [art(9, 2)],
        'field',
      );
    }
    case 'network':
      return reject(
        'CHANGE_NOT_ALLOWED',
        { case: 'network', contractId: c.contractId, networkId: c.networkId, requested: data.to },
        [art(22, 4)],
        'field',
      );
    case 'termYears':
      return reject(
        'CHANGE_NOT_ALLOWED',
        { case: 'termYears', termYears: c.termYears, requested: data.to },
        [art(9, 1)],
        'field',
      );
  }
};
