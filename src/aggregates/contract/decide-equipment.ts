import { compareDates } from '../../terms/dates';
import { type Deadline, RETURN_DAYS } from '../../terms/policies';
import { reject } from '../decision';
import { lostItemRecoveryCharged } from './decide-conduct';
import {
  checkAfterAcceptance,
  checkDistinct,
  checkFreshItemIds,
  checkInForce,
  type D,
  emit,
  expectedModel,
  heldItem,
  type Rule,
} from './rules';
import { type AcceptedContract, type EquipmentState, lastDayInForce } from './state';

export interface ReturnDuty {
  readonly from: string;
  readonly due: Deadline;
}

/**
 * The Art. 14(3) duty to return an item (contract ended, model changed, option stopped): from which
 * day, and by which day, as the event that made it owed decided. Null when there is none. A unit
 * swapped for a fault (Art. 15) is taken back, but not under Art. 14(3).
 */
const returnDuty = (c: AcceptedContract, item: EquipmentState): ReturnDuty | null => {
  if (item.owedReason === 'fault-replacement') return null;
  if (item.owedFrom !== null && item.returnDue !== null) return { from: item.owedFrom, due: item.returnDue };
  const stop = item.optionId === null ? null : c.options.get(item.optionId)?.stop;
  return stop ? { from: stop.effectiveOn, due: stop.returnDue } : null;
};

/**
 * The item counts as not returned under Art. 14(3), so as lost under Art. 16(2), once its deadline
 * has passed: owed and still out, or returned after the deadline. 「事由の如何を問わず」: a late
 * return does not undo it, whichever of the return and the quote is recorded first. Null when the
 * item is not (or was not) owed under Art. 14(3), or came back in time.
 */
export const owedUnderArt14 = (c: AcceptedContract, item: EquipmentState): ReturnDuty | null => {
  switch (item.status) {
    case 'owed':
    case 'held':
      return returnDuty(c, item);
    case 'returned': {
      const duty = returnDuty(c, item);
      return duty && item.returnedOn !== null && compareDates(item.returnedOn, duty.due.on) > 0 ? duty : null;
    }
    default:
      return null;
  }
};

// ---------------------------------------------------------------------------------------------
// Art. 16: losses

/** Art. 16(1): the contractor reports a lost item (in use, or owed back and not yet returned). */
export const reportLoss: Rule<'ReportLoss'> = (data, c) => {
  if (c.losses.has(data.lossId))
    return reject('LOSS_EXISTS', 'Art. 16(1)', `Loss ${data.lossId} is already on record.`, 'lossId');
  const item = c.equipment.get(data.itemId);
  if (!item)
    return reject(
      'ITEM_NOT_FOUND',
      'Art. 16(1)',
      `Contract ${c.contractId} has no item ${data.itemId}.`,
      'itemId',
    );
  if (item.status !== 'held' && item.status !== 'owed') {
    return reject(
      'ITEM_NOT_HELD',
      'Art. 16(1)',
      `Item ${data.itemId} is ${item.status}; only equipment in the contractor's keeping can be lost.`,
      'itemId',
    );
  }
  const acceptance = checkAfterAcceptance(c, data.reportedOn, 'reportedOn', 'Art. 16(1)');
  if (acceptance) return acceptance;
  if (compareDates(data.reportedOn, item.since) < 0) {
    return reject(
      'LOSS_BEFORE_DELIVERY',
      'Art. 16(1)',
      `Item ${data.itemId} came into the contract on ${item.since}.`,
      'reportedOn',
    );
  }
  return emit({
    type: 'LossReported',
    data: {
      lossId: data.lossId,
      itemId: data.itemId,
      reportedOn: data.reportedOn,
      circumstances: data.circumstances,
    },
  });
};

/** Art. 16(1): the provider ships a replacement for an item lost while in use. */
export const shipReplacement: Rule<'ShipReplacement'> = (data, c) => {
  const loss = c.losses.get(data.lossId);
  if (!loss) return reject('LOSS_NOT_FOUND', 'Art. 16(1)', `No loss ${data.lossId} was reported.`, 'lossId');
  if (!loss.replacementDue) {
    return reject(
      'REPLACEMENT_NOT_DUE',
      'Art. 16(1)',
      `Item ${loss.itemId} was not in use when lost (it was owed back or deemed lost); no replacement is shipped.`,
      'lossId',
    );
  }
  if (loss.shippedOn !== null) {
    return reject(
      'REPLACEMENT_ALREADY_SHIPPED',
      'Art. 16(1)',
      `A replacement for loss ${data.lossId} was shipped on ${loss.shippedOn}.`,
      'lossId',
    );
  }
  if (loss.reportedOn !== null && compareDates(data.shippedOn, loss.reportedOn) < 0) {
    return reject(
      'REPLACEMENT_BEFORE_REPORT',
      'Art. 16(1)',
      `Loss ${data.lossId} was reported on ${loss.reportedOn}; the replacement cannot ship on ${data.shippedOn}.`,
      'shippedOn',
    );
  }
  const last = lastDayInForce(c);
  if (last !== null && compareDates(data.shippedOn, last) > 0) {
    return reject(
      c.status === 'terminated' ? 'CONTRACT_TERMINATED' : 'DATE_AFTER_TERMINATION',
      'Art. 18',
      `Contract ${c.contractId} ends on ${last}; no replacement is shipped on ${data.shippedOn}.`,
      'shippedOn',
    );
  }
  const lost = c.equipment.get(loss.itemId);
  if (lost) {
    const model = expectedModel(c, lost);
    if (data.replacement.kind !== lost.kind || data.replacement.model !== model) {
      return reject(
        'REPLACEMENT_MISMATCH',
        'Art. 16(1)',
        `The replacement for ${lost.itemId} must be a ${lost.kind} of model ${model}.`,
        'replacement',
      );
    }
  }
  const fresh = checkFreshItemIds(c, [data.replacement.itemId], 'replacement.itemId');
  if (fresh) return fresh;
  return emit({
    type: 'ReplacementShipped',
    data: { lossId: data.lossId, replacement: data.replacement, shippedOn: data.shippedOn },
  });
};

/**
 * Art. 16(2): the loss charge is owed whatever the reason, for a reported loss or for equipment not
 * returned within the Art. 14(3) deadline (which counts as lost: a new loss, no report).
 */
export const quoteLossCharge: Rule<'QuoteLossCharge'> = (data, c) => {
  const acceptance = checkAfterAcceptance(c, data.quotedOn, 'quotedOn', 'Art. 16(2)');
  if (acceptance) return acceptance;
  const existing = c.losses.get(data.lossId);
  if (data.reason === 'reported-loss') {
    if (existing?.reason !== 'reported-loss') {
      return reject('LOSS_NOT_FOUND', 'Art. 16(2)', `No loss ${data.lossId} was reported.`, 'lossId');
    }
    if (existing.itemId !== data.itemId) {
      return reject(
        'LOSS_ITEM_MISMATCH',
        'Art. 16(2)',
        `Loss ${data.lossId} is of item ${existing.itemId}, not ${data.itemId}.`,
        'itemId',
      );
    }
    if (existing.charge !== null) {
      return reject(
        'LOSS_CHARGE_ALREADY_QUOTED',
        'Art. 16(2)',
        `A loss charge of ${existing.charge.amount} yen for loss ${data.lossId} was quoted on ${existing.charge.quotedOn}.`,
        'lossId',
      );
    }
    if (existing.reportedOn !== null && compareDates(data.quotedOn, existing.reportedOn) < 0) {
      return reject(
        'CHARGE_BEFORE_REPORT',
        'Art. 16(2)',
        `Loss ${data.lossId} was reported on ${existing.reportedOn}; no charge can be quoted on ${data.quotedOn}.`,
        'quotedOn',
      );
    }
  } else {
    if (existing) {
      return reject(
        'LOSS_EXISTS',
        'Art. 16(2)',
        `Loss ${data.lossId} is already on record; an item not returned is a new loss with its own id.`,
        'lossId',
      );
    }
    const item = c.equipment.get(data.itemId);
    if (!item)
      return reject(
        'ITEM_NOT_FOUND',
        'Art. 16(2)',
        `Contract ${c.contractId} has no item ${data.itemId}.`,
        'itemId',
      );
    const owed = owedUnderArt14(c, item);
    if (owed === null) {
      return reject(
        'ITEM_NOT_OWED',
        'Art. 14(3)',
        item.status === 'returned'
          ? `Item ${data.itemId} was returned on ${item.returnedOn}, within its Art. 14(3) deadline, so it does not count as not returned.`
          : `Item ${data.itemId} is ${item.status} and not owed back under Art. 14(3), so it cannot count as not returned.`,
        'itemId',
      );
    }
    if (compareDates(data.quotedOn, owed.due.on) <= 0) {
      return reject(
        'RETURN_NOT_OVERDUE',
        'Art. 14(3)',
        `Item ${data.itemId} may be returned until ${owed.due.on} (${RETURN_DAYS} days from ${owed.from}${owed.due.shiftedFrom ? `, moved from ${owed.due.shiftedFrom} under Civil Code art. 142` : ''}); it is not yet deemed lost on ${data.quotedOn}.`,
        'quotedOn',
      );
    }
  }
  const recovered = lostItemRecoveryCharged(c, data.itemId);
  if (recovered !== null) {
    return reject(
      'DOUBLE_RECOVERY',
      'Art. 14(2); Art. 16(2)',
      `The recovery of item ${data.itemId}, lost in breach of Art. 14(1), was charged under Art. 14(2) (charge ${recovered}); no loss charge for it as well.`,
      'itemId',
    );
  }
  return emit({
    type: 'LossChargeQuoted',
    data: {
      lossId: data.lossId,
      itemId: data.itemId,
      amount: data.amount,
      reason: data.reason,
      quotedOn: data.quotedOn,
    },
  });
};

/** Art. 16(3): a lost item found again; the charge stays paid, and Art. 14(1) still binds. */
export const recordLostItemFound: Rule<'RecordLostItemFound'> = (data, c) => {
  const loss = c.losses.get(data.lossId);
  if (!loss) return reject('LOSS_NOT_FOUND', 'Art. 16(3)', `No loss ${data.lossId} is on record.`, 'lossId');
  if (loss.foundOn !== null) {
    return reject(
      'LOST_ITEM_ALREADY_FOUND',
      'Art. 16(3)',
      `Item ${loss.itemId} of loss ${data.lossId} was found on ${loss.foundOn}.`,
      'lossId',
    );
  }
  const lostOn = loss.reportedOn ?? loss.charge?.quotedOn ?? c.acceptedOn;
  if (compareDates(data.foundOn, lostOn) < 0) {
    return reject(
      'FOUND_BEFORE_LOSS',
      'Art. 16(3)',
      `Loss ${data.lossId} dates from ${lostOn}; the item cannot be found on ${data.foundOn}.`,
      'foundOn',
    );
  }
  return emit({
    type: 'LostItemFound',
    data: { lossId: data.lossId, itemId: loss.itemId, foundOn: data.foundOn },
  });
};

// ---------------------------------------------------------------------------------------------
// Art. 14(1)(1): moving equipment only with consent; (3): never abroad

export const consentToRelocation: Rule<'ConsentToRelocation'> = (data, c) => {
  if (c.consents.has(data.consentId))
    return reject(
      'CONSENT_EXISTS',
      'Art. 14(1)(1)',
      `Consent ${data.consentId} is already on record.`,
      'consentId',
    );
  if (data.to.country !== 'JP') {
    return reject(
      'EQUIPMENT_OUTSIDE_JAPAN',
      'Art. 14(1)(3)',
      `The equipment may never be used outside Japan; no consent to move it to ${data.to.country}.`,
      'to.country',
    );
  }
  const distinct = checkDistinct(data.itemIds, 'itemIds', 'Art. 14(1)(1)');
  if (distinct) return distinct;
  for (const [i, itemId] of data.itemIds.entries()) {
    const found = heldItem(c, itemId, `itemIds.${i}`, 'Art. 14(1)(1)');
    if (!found.ok) return found.decision;
  }
  const window = checkInForce(c, data.consentedOn, 'consentedOn', 'Art. 14(1)(1)');
  if (window) return window;
  return emit({
    type: 'RelocationConsented',
    data: { consentId: data.consentId, itemIds: data.itemIds, to: data.to, consentedOn: data.consentedOn },
  });
};

export const recordRelocation: Rule<'RecordRelocation'> = (data, c) => {
  const consent = c.consents.get(data.consentId);
  if (!consent) {
    return reject(
      'RELOCATION_WITHOUT_CONSENT',
      'Art. 14(1)(1)',
      `Equipment is moved only with the provider's consent; there is no consent ${data.consentId}.`,
      'consentId',
    );
  }
  if (consent.relocatedOn !== null) {
    return reject(
      'CONSENT_ALREADY_USED',
      'Art. 14(1)(1)',
      `Consent ${data.consentId} was used for the move on ${consent.relocatedOn}.`,
      'consentId',
    );
  }
  if (compareDates(data.relocatedOn, consent.consentedOn) < 0) {
    return reject(
      'RELOCATION_BEFORE_CONSENT',
      'Art. 14(1)(1)',
      `The move (${data.relocatedOn}) cannot precede the consent (${consent.consentedOn}).`,
      'relocatedOn',
    );
  }
  for (const itemId of consent.itemIds) {
    const found = heldItem(c, itemId, 'consentId', 'Art. 14(1)(1)');
    if (!found.ok) return found.decision;
  }
  const window = checkInForce(c, data.relocatedOn, 'relocatedOn', 'Art. 14(1)(1)');
  if (window) return window;
  return emit({
    type: 'EquipmentRelocated',
    data: { consentId: data.consentId, relocatedOn: data.relocatedOn },
  });
};

// ---------------------------------------------------------------------------------------------
// Art. 14(3), 15(1), 16(3): returns

/** The earliest day an item may go back, or a rejection: owed items from their owing date, in-use ones only once their end is on notice. */
const returnableFrom = (c: AcceptedContract, item: EquipmentState, field: string): string | D => {
  switch (item.status) {
    case 'owed':
      return item.owedFrom ?? item.since;
    case 'found':
      return c.losses.get(item.lossId ?? '')?.foundOn ?? item.since;
    case 'returned':
      return reject(
        'ITEM_ALREADY_RETURNED',
        'Art. 14(3)',
        `Item ${item.itemId} was returned on ${item.returnedOn}.`,
        field,
      );
    case 'lost':
      return reject(
        'ITEM_LOST',
        'Art. 16(3)',
        `Item ${item.itemId} is recorded lost (${item.lossId}); record it found before it is sent back.`,
        field,
      );
    case 'held': {
      const stop = item.optionId !== null ? c.options.get(item.optionId)?.stop : null;
      const noticeOn = c.termination?.noticeArrivedOn ?? stop?.noticeArrivedOn ?? null;
      if (noticeOn === null) {
        return reject(
          'ITEM_IN_USE',
          'Art. 14(3)',
          `Item ${item.itemId} is in use; equipment goes back when the contract ends, the option stops or a model change replaces it.`,
          field,
        );
      }
      return noticeOn;
    }
  }
};

export const returnEquipment: Rule<'ReturnEquipment'> = (data, c) => {
  const distinct = checkDistinct(data.itemIds, 'itemIds', 'Art. 14(3)');
  if (distinct) return distinct;
  const acceptance = checkAfterAcceptance(c, data.returnedOn, 'returnedOn', 'Art. 14(3)');
  if (acceptance) return acceptance;
  for (const [i, itemId] of data.itemIds.entries()) {
    const item = c.equipment.get(itemId);
    if (!item)
      return reject(
        'ITEM_NOT_FOUND',
        'Art. 14(3)',
        `Contract ${c.contractId} has no item ${itemId}.`,
        `itemIds.${i}`,
      );
    const from = returnableFrom(c, item, `itemIds.${i}`);
    if (typeof from !== 'string') return from;
    if (compareDates(data.returnedOn, from) < 0) {
      return reject(
        'RETURN_BEFORE_DUE',
        'Art. 14(3)',
        `Item ${itemId} can go back from ${from}, not on ${data.returnedOn}.`,
        'returnedOn',
      );
    }
  }
  return emit({ type: 'EquipmentReturned', data: { itemIds: data.itemIds, returnedOn: data.returnedOn } });
};
