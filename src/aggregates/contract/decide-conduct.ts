/**
 * Facts of the contract's conduct the terms name (issue 16 item 10): addresses (Art. 7(2)(3)), the
 * contractor's set-up duties and notices (Art. 8(2)-(4)), installation (Art. 13), the care of the
 * equipment (Art. 14(1)) and the cost of breaking it (Art. 14(2)), and VPN connections (Art. 22(1)).
 * The one that carries money (14(2)) is charged; the rest are facts for the timeline.
 */
import { checkIpv4, type Ipv4Range, rangeWithin } from '../../terms/addressing';
import { OPTION_SPECS } from '../../terms/catalog';
import { art, type Citation, cite, parseRef } from '../../terms/citation';
import { compareDates } from '../../terms/dates';
import { contractorDutyRef, prohibitedActRef } from '../../terms/duties';
import { reject, rejectWith } from '../decision';
import {
  checkAfterAcceptance,
  checkDistinct,
  checkInForce,
  type D,
  emit,
  heldItemOn,
  type Rule,
} from './rules';
import { type AcceptedContract, type ConductKind, conductKey, optionActiveOn } from './state';

type OnRecordCode =
  | 'ACT_EXISTS'
  | 'ADDRESS_USE_EXISTS'
  | 'SETUP_EXISTS'
  | 'NOTICE_EXISTS'
  | 'IMPEDIMENT_EXISTS'
  | 'INSTALLATION_EXISTS'
  | 'CONNECTION_EXISTS';

const fresh = (
  c: AcceptedContract,
  kind: ConductKind,
  id: string,
  code: OnRecordCode,
  article: Citation,
  field: string,
): D | null =>
  c.conduct.has(conductKey(kind, id)) ? reject(code, { id, contractId: c.contractId }, article, field) : null;

/** Every item named is one of the contract's (whatever its status: a lost item too, Art. 16(3)(3)). */
const checkItemsOfContract = (
  c: AcceptedContract,
  itemIds: readonly string[],
  article: Citation,
): D | null => {
  const distinct = checkDistinct(itemIds, 'itemIds', article);
  if (distinct) return distinct;
  for (const [i, itemId] of itemIds.entries()) {
    if (!c.equipment.has(itemId))
      return reject('ITEM_NOT_FOUND', { contractId: c.contractId, itemId }, article, `itemIds.${i}`);
  }
  return null;
};

// ---------------------------------------------------------------------------------------------
// Art. 14(1)(2): the care of the equipment, and the cost of breaking it

/** Art. 14(1): an act the contractor may not do without consent (or never, or a lapse of care). */
export const recordProhibitedAct: Rule<'RecordProhibitedAct'> = (data, c) => {
  const article = [prohibitedActRef(data.act)];
  const exists = fresh(c, 'act', data.actId, 'ACT_EXISTS', article, 'actId');
  if (exists) return exists;
  const items = checkItemsOfContract(c, data.itemIds, article);
  if (items) return items;
  // The duties bind as long as the contractor has the equipment, lost items included (Art. 16(3)(3)).
  const acceptance = checkAfterAcceptance(c, data.observedOn, 'observedOn', article);
  if (acceptance) return acceptance;
  return emit({
    type: 'ProhibitedActRecorded',
    data: {
      actId: data.actId,
      act: data.act,
      itemIds: data.itemIds,
      observedOn: data.observedOn,
      description: data.description,
    },
  });
};

/**
 * Art. 14(2): equipment lost or damaged in breach of 14(1): the contractor bears the cost of its
 * recovery or repair. A loss already charged under Art. 16(2) (the loss charge is that recovery
 * cost, 「亡失品の回復に要する費用」) is not charged twice.
 */
export const chargeBreachRepairCost: Rule<'ChargeBreachRepairCost'> = (data, c) => {
  const article = [art(14, 2)];
  if (c.breachCharges.has(data.chargeId))
    return reject('BREACH_CHARGE_EXISTS', { chargeId: data.chargeId }, article, 'chargeId');
  const items = checkItemsOfContract(c, data.itemIds, article);
  if (items) return items;
  const acceptance = checkAfterAcceptance(c, data.occurredOn, 'occurredOn', article);
  if (acceptance) return acceptance;
  if (compareDates(data.chargedOn, data.occurredOn) < 0) {
    return reject(
      'CHARGE_BEFORE_HARM',
      { harm: data.harm, occurredOn: data.occurredOn, chargedOn: data.chargedOn },
      article,
      'chargedOn',
    );
  }
  if (data.harm === 'lost') {
    for (const itemId of data.itemIds) {
      const charged = [...c.losses.values()].find((l) => l.itemId === itemId && l.charge !== null);
      if (charged) {
        return reject(
          'DOUBLE_RECOVERY',
          { case: 'loss-charged', itemId, lossId: charged.lossId },
          cite(art(14, 2), art(16, 2)),
          'itemIds',
        );
      }
    }
  }
  return emit({
    type: 'BreachRepairCostCharged',
    data: {
      chargeId: data.chargeId,
      itemIds: data.itemIds,
      harm: data.harm,
      breach: data.breach,
      amount: data.amount,
      occurredOn: data.occurredOn,
      chargedOn: data.chargedOn,
      description: data.description,
    },
  });
};

/** Art. 14(2), 16(2): a loss already charged as a recovery cost under 14(2) gets no loss charge too. */
export const lostItemRecoveryCharged = (c: AcceptedContract, itemId: string): string | null => {
  for (const b of c.breachCharges.values())
    if (b.harm === 'lost' && b.itemIds.includes(itemId)) return b.chargeId;
  return null;
};

// ---------------------------------------------------------------------------------------------
// Art. 7(2)(3): the addresses the contract uses

const parseAll = (
  addresses: readonly string[],
  field: string,
): { ok: true; ranges: Ipv4Range[] } | { ok: false; decision: D } => {
  const ranges: Ipv4Range[] = [];
  for (const [i, text] of addresses.entries()) {
    const check = checkIpv4(text);
    if (!check.ok) return { ok: false, decision: rejectWith(check.refusal, `${field}.${i}`) };
    ranges.push(check.range);
  }
  return { ok: true, ranges };
};

/** Art. 7(2): the provider or the contractor designates the IPv4 addresses the contract uses. */
export const designateIpAddresses: Rule<'DesignateIpAddresses'> = (data, c) => {
  if (c.addressDesignations.has(data.designationId)) {
    return reject('DESIGNATION_EXISTS', { designationId: data.designationId }, [art(7, 2)], 'designationId');
  }
  const parsed = parseAll(data.addresses, 'addresses');
  if (!parsed.ok) return parsed.decision;
  const window = checkInForce(c, data.designatedOn, 'designatedOn', [art(7, 2)]);
  if (window) return window;
  return emit({
    type: 'IpAddressesDesignated',
    data: {
      designationId: data.designationId,
      designatedBy: data.designatedBy,
      addresses: data.addresses,
      designatedOn: data.designatedOn,
    },
  });
};

/** Art. 7(3): the contractor used an address no designation of Art. 7(2) gives. */
export const recordUndesignatedAddressUse: Rule<'RecordUndesignatedAddressUse'> = (data, c) => {
  const exists = fresh(c, 'address-use', data.useId, 'ADDRESS_USE_EXISTS', [art(7, 3)], 'useId');
  if (exists) return exists;
  const parsed = parseAll([data.address], 'address');
  if (!parsed.ok) return parsed.decision;
  const used = parsed.ranges[0]!;
  for (const d of c.addressDesignations.values()) {
    if (compareDates(d.designatedOn, data.observedOn) > 0) continue;
    const ranges = parseAll(d.addresses, 'addresses');
    if (ranges.ok && ranges.ranges.some((r) => rangeWithin(used, r))) {
      return reject(
        'ADDRESS_DESIGNATED',
        { address: data.address, designationId: d.designationId, addresses: d.addresses },
        [art(7, 3)],
        'address',
      );
    }
  }
  const window = checkInForce(c, data.observedOn, 'observedOn', [art(7, 3)]);
  if (window) return window;
  return emit({
    type: 'UndesignatedAddressUsed',
    data: {
      useId: data.useId,
      address: data.address,
      observedOn: data.observedOn,
      description: data.description,
    },
  });
};

// ---------------------------------------------------------------------------------------------
// Art. 8(2)-(4): the contractor's set-up, its notices, and the service it impedes

/** Art. 8(2): the contractor's set-up of an item, done or not. */
export const recordContractorSetup: Rule<'RecordContractorSetup'> = (data, c) => {
  const article = [contractorDutyRef(data.duty)];
  const exists = fresh(c, 'setup', data.setupId, 'SETUP_EXISTS', article, 'setupId');
  if (exists) return exists;
  if (data.duty === 'closed-monitoring-line' && c.item !== 'closed-monitoring') {
    return reject(
      'NOT_CLOSED_MONITORING',
      { contractId: c.contractId, item: c.item, duty: data.duty },
      article,
      'duty',
    );
  }
  const window = checkInForce(c, data.recordedOn, 'recordedOn', article);
  if (window) return window;
  return emit({
    type: 'ContractorSetupRecorded',
    data: {
      setupId: data.setupId,
      duty: data.duty,
      status: data.status,
      recordedOn: data.recordedOn,
      description: data.description,
    },
  });
};

/** Art. 8(3): the contractor discloses its environment's settings, or notifies a change of them. */
export const receiveEnvironmentNotice: Rule<'ReceiveEnvironmentNotice'> = (data, c) => {
  const exists = fresh(c, 'notice', data.noticeId, 'NOTICE_EXISTS', [art(8, 3)], 'noticeId');
  if (exists) return exists;
  const window = checkInForce(c, data.receivedOn, 'receivedOn', [art(8, 3)]);
  if (window) return window;
  return emit({
    type: 'EnvironmentSettingsNotified',
    data: {
      noticeId: data.noticeId,
      kind: data.kind,
      receivedOn: data.receivedOn,
      description: data.description,
    },
  });
};

/** Art. 8(4): the service cannot be provided from a day, a duty of 8(2)(3) not being met. */
export const recordServiceImpediment: Rule<'RecordServiceImpediment'> = (data, c) => {
  const exists = fresh(c, 'impediment', data.impedimentId, 'IMPEDIMENT_EXISTS', [art(8, 4)], 'impedimentId');
  if (exists) return exists;
  const window = checkInForce(c, data.from, 'from', [art(8, 4)]);
  if (window) return window;
  return emit({
    type: 'ServiceImpeded',
    data: {
      impedimentId: data.impedimentId,
      duty: data.duty,
      from: data.from,
      description: data.description,
    },
  });
};

// ---------------------------------------------------------------------------------------------
// Art. 13: installation; Art. 22(1): connections

/** Art. 13: the contractor installs on the provider's instructions, unless it took on-site installation. */
export const recordInstallation: Rule<'RecordInstallation'> = (data, c) => {
  const article = [art(13)];
  const exists = fresh(
    c,
    'installation',
    data.installationId,
    'INSTALLATION_EXISTS',
    article,
    'installationId',
  );
  if (exists) return exists;
  const distinct = checkDistinct(data.itemIds, 'itemIds', article);
  if (distinct) return distinct;
  for (const [i, itemId] of data.itemIds.entries()) {
    const item = c.equipment.get(itemId);
    if (item && compareDates(data.installedOn, item.since) < 0) {
      return reject(
        'INSTALLATION_BEFORE_DELIVERY',
        { itemId, since: item.since, installedOn: data.installedOn },
        article,
        'installedOn',
      );
    }
    // In use on the day it was installed, whenever that is recorded.
    const found = heldItemOn(c, itemId, data.installedOn, `itemIds.${i}`, article);
    if (!found.ok) return found.decision;
  }
  if (data.by === 'provider-on-site') {
    const onSite =
      c.onSiteInstallationAtAcceptance ||
      [...c.options.values()].some(
        (o) => o.option === 'on-site-installation' && optionActiveOn(o, data.installedOn),
      );
    if (!onSite) {
      return reject(
        'ON_SITE_OPTION_REQUIRED',
        { case: 'installation', contractId: c.contractId },
        cite(art(13), parseRef(OPTION_SPECS['on-site-installation'].article)!),
        'by',
      );
    }
  }
  const window = checkInForce(c, data.installedOn, 'installedOn', article);
  if (window) return window;
  return emit({
    type: 'EquipmentInstalled',
    data: {
      installationId: data.installationId,
      itemIds: data.itemIds,
      installedOn: data.installedOn,
      by: data.by,
    },
  });
};

/** Art. 22(1): a VPN connects only to networks that use the service too. */
export const recordVpnConnection: Rule<'RecordVpnConnection'> = (data, c) => {
  const article = [art(22, 1)];
  const exists = fresh(c, 'connection', data.connectionId, 'CONNECTION_EXISTS', article, 'connectionId');
  if (exists) return exists;
  if (!data.peerUsesService) {
    return reject('PEER_NOT_ON_SERVICE', { peer: data.peer }, article, 'peerUsesService');
  }
  const window = checkInForce(c, data.connectedOn, 'connectedOn', article);
  if (window) return window;
  return emit({
    type: 'VpnConnectionRecorded',
    data: { connectionId: data.connectionId, peer: data.peer, connectedOn: data.connectedOn },
  });
};
