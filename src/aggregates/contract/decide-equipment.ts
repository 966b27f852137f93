import { art, cite } from '../../terms/citation';
import { compareDates } from '../../terms/dates';
import { type Deadline, RETURN_DAYS } from '../../terms/policies';
import { returnDutyOf } from '../../terms/returns';
import { reject } from '../decision';
import { lostItemRecoveryCharged } from './decide-conduct';
import {
  checkAfterAcceptance,
  checkDistinct,
  checkFreshItemIds,
  checkInForce,
  conflictsWithLater,
  type D,
  emit,
  expectedModelOn,
  heldItemOn,
  type Rule,
} from './rules';
import { type AcceptedContract, type EquipmentState, itemInUseOn, lastDayInForce } from './state';

export interface ReturnDuty {
  readonly from: string;
  readonly due: Deadline;
}

/**
 * The Art. 14(3) duty to return an item (model changed, option stopped, contract ended), by the rule
 * of src/terms/returns.ts: from which day, and by the deadline the event that made it owed recorded.
 * Null when there is none. The contract's end counts once the termination has taken effect.
 */
const returnDuty = (c: AcceptedContract, item: EquipmentState): ReturnDuty | null => {
  const stop = item.optionId === null ? null : c.options.get(item.optionId)?.stop;
  const ended = c.termination?.terminatedOn;
  const duty = returnDutyOf({
    gone: item.owedReason === 'fault-replacement',
    changed:
      item.owedReason === 'model-change' && item.owedFrom !== null && item.returnDue !== null
        ? { on: item.owedFrom, due: item.returnDue }
        : null,
    optionStop: stop ? { on: stop.effectiveOn, due: stop.returnDue } : null,
    contractEnd: ended && c.termination ? { on: ended, due: c.termination.returnDue } : null,
  });
  return duty && { from: duty.on, due: duty.due };
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
  const article = [art(16, 1)];
  if (c.losses.has(data.lossId))
    return reject('LOSS_EXISTS', { case: 'reported', lossId: data.lossId }, article, 'lossId');
  const item = c.equipment.get(data.itemId);
  if (!item)
    return reject('ITEM_NOT_FOUND', { contractId: c.contractId, itemId: data.itemId }, article, 'itemId');
  if (item.status !== 'held' && item.status !== 'owed') {
    return reject(
      'ITEM_NOT_HELD',
      { case: 'to-lose', itemId: data.itemId, contractId: c.contractId, status: item.status },
      article,
      'itemId',
    );
  }
  const acceptance = checkAfterAcceptance(c, data.reportedOn, 'reportedOn', article);
  if (acceptance) return acceptance;
  if (compareDates(data.reportedOn, item.since) < 0) {
    return reject('LOSS_BEFORE_DELIVERY', { itemId: data.itemId, since: item.since }, article, 'reportedOn');
  }
  // Lost while in use on the day of the report (recorded late): a later fact that used the item, or
  // ended its use otherwise than by the contract's end, was decided with it in the contractor's use.
  if (itemInUseOn(c, item, data.reportedOn)) {
    const used = item.lastUsedOn;
    if (used !== null && compareDates(used.on, data.reportedOn) >= 0)
      return conflictsWithLater(c, data.reportedOn, used, 'reportedOn');
    if (item.lastInUse !== null && item.owedReason !== 'termination' && item.owedReason !== 'option-stopped')
      return conflictsWithLater(
        c,
        data.reportedOn,
        { fact: 'replacement', on: item.lastInUse, ref: item.itemId },
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
  const article = [art(16, 1)];
  const loss = c.losses.get(data.lossId);
  if (!loss) return reject('LOSS_NOT_FOUND', { case: 'reported', lossId: data.lossId }, article, 'lossId');
  if (!loss.replacementDue) return reject('REPLACEMENT_NOT_DUE', { itemId: loss.itemId }, article, 'lossId');
  if (loss.shippedOn !== null) {
    return reject(
      'REPLACEMENT_ALREADY_SHIPPED',
      { lossId: data.lossId, shippedOn: loss.shippedOn },
      article,
      'lossId',
    );
  }
  if (loss.reportedOn !== null && compareDates(data.shippedOn, loss.reportedOn) < 0) {
    return reject(
      'REPLACEMENT_BEFORE_REPORT',
      { lossId: data.lossId, reportedOn: loss.reportedOn, shippedOn: data.shippedOn },
      article,
      'shippedOn',
    );
  }
  const last = lastDayInForce(c);
  if (last !== null && compareDates(data.shippedOn, last) > 0) {
    const params = {
      case: 'replacement',
      contractId: c.contractId,
      lastDay: last,
      date: data.shippedOn,
    } as const;
    return c.status === 'terminated'
      ? reject('CONTRACT_TERMINATED', params, [art(18)], 'shippedOn')
      : reject('DATE_AFTER_TERMINATION', params, [art(18)], 'shippedOn');
  }
  const lost = c.equipment.get(loss.itemId);
  if (lost) {
    const model = expectedModelOn(c, lost, data.shippedOn);
    if (data.replacement.kind !== lost.kind || data.replacement.model !== model) {
      return reject(
        'REPLACEMENT_MISMATCH',
        { case: 'loss', itemId: lost.itemId, kind: lost.kind, model },
        article,
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
  const article = [art(16, 2)];
  const acceptance = checkAfterAcceptance(c, data.quotedOn, 'quotedOn', article);
  if (acceptance) return acceptance;
  const existing = c.losses.get(data.lossId);
  if (data.reason === 'reported-loss') {
    if (existing?.reason !== 'reported-loss') {
      return reject('LOSS_NOT_FOUND', { case: 'reported', lossId: data.lossId }, article, 'lossId');
    }
    if (existing.itemId !== data.itemId) {
      return reject(
        'LOSS_ITEM_MISMATCH',
        { lossId: data.lossId, itemId: existing.itemId, given: data.itemId },
        article,
        'itemId',
      );
    }
    if (existing.charge !== null) {
      return reject(
        'LOSS_CHARGE_ALREADY_QUOTED',
        { amount: existing.charge.amount, lossId: data.lossId, quotedOn: existing.charge.quotedOn },
        article,
        'lossId',
      );
    }
    if (existing.reportedOn !== null && compareDates(data.quotedOn, existing.reportedOn) < 0) {
      return reject(
        'CHARGE_BEFORE_REPORT',
        { lossId: data.lossId, reportedOn: existing.reportedOn, quotedOn: data.quotedOn },
        article,
        'quotedOn',
      );
    }
  } else {
    if (existing)
      return reject('LOSS_EXISTS', { case: 'not-returned', lossId: data.lossId }, article, 'lossId');
    const item = c.equipment.get(data.itemId);
    if (!item)
      return reject('ITEM_NOT_FOUND', { contractId: c.contractId, itemId: data.itemId }, article, 'itemId');
    const owed = owedUnderArt14(c, item);
    if (owed === null) {
      return reject(
        'ITEM_NOT_OWED',
        item.status === 'returned'
          ? { case: 'returned-in-time', itemId: data.itemId, returnedOn: item.returnedOn ?? '' }
          : { case: 'not-owed', itemId: data.itemId, status: item.status },
        [art(14, 3)],
        'itemId',
      );
    }
    if (compareDates(data.quotedOn, owed.due.on) <= 0) {
      return reject(
        'RETURN_NOT_OVERDUE',
        {
          itemId: data.itemId,
          dueOn: owed.due.on,
          days: RETURN_DAYS,
          from: owed.from,
          shiftedFrom: owed.due.shiftedFrom,
          quotedOn: data.quotedOn,
        },
        [art(14, 3)],
        'quotedOn',
      );
    }
  }
  const recovered = lostItemRecoveryCharged(c, data.itemId);
  if (recovered !== null) {
    return reject(
      'DOUBLE_RECOVERY',
      { case: 'breach-charged', itemId: data.itemId, chargeId: recovered },
      cite(art(14, 2), art(16, 2)),
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
  const article = [art(16, 3)];
  const loss = c.losses.get(data.lossId);
  if (!loss) return reject('LOSS_NOT_FOUND', { case: 'on-record', lossId: data.lossId }, article, 'lossId');
  if (loss.foundOn !== null) {
    return reject(
      'LOST_ITEM_ALREADY_FOUND',
      { itemId: loss.itemId, lossId: data.lossId, foundOn: loss.foundOn },
      article,
      'lossId',
    );
  }
  const lostOn = loss.reportedOn ?? loss.charge?.quotedOn ?? c.acceptedOn;
  if (compareDates(data.foundOn, lostOn) < 0) {
    return reject(
      'FOUND_BEFORE_LOSS',
      { lossId: data.lossId, lostOn, foundOn: data.foundOn },
      article,
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

/** Art. 14(1)(1): 当社の承諾がある場合を除き…移動…をしないこと. */
const CONSENT = [art(14, 1, 1)];

export const consentToRelocation: Rule<'ConsentToRelocation'> = (data, c) => {
  if (c.consents.has(data.consentId))
    return reject('CONSENT_EXISTS', { consentId: data.consentId }, CONSENT, 'consentId');
  if (data.to.country !== 'JP') {
    return reject('EQUIPMENT_OUTSIDE_JAPAN', { country: data.to.country }, [art(14, 1, 3)], 'to.country');
  }
  const distinct = checkDistinct(data.itemIds, 'itemIds', CONSENT);
  if (distinct) return distinct;
  // Within the contract's life first: the items in use are judged as of that day.
  const window = checkInForce(c, data.consentedOn, 'consentedOn', CONSENT);
  if (window) return window;
  for (const [i, itemId] of data.itemIds.entries()) {
    const found = heldItemOn(c, itemId, data.consentedOn, `itemIds.${i}`, CONSENT);
    if (!found.ok) return found.decision;
  }
  return emit({
    type: 'RelocationConsented',
    data: { consentId: data.consentId, itemIds: data.itemIds, to: data.to, consentedOn: data.consentedOn },
  });
};

export const recordRelocation: Rule<'RecordRelocation'> = (data, c) => {
  const consent = c.consents.get(data.consentId);
  if (!consent)
    return reject('RELOCATION_WITHOUT_CONSENT', { consentId: data.consentId }, CONSENT, 'consentId');
  if (consent.relocatedOn !== null) {
    return reject(
      'CONSENT_ALREADY_USED',
      { consentId: data.consentId, relocatedOn: consent.relocatedOn },
      CONSENT,
      'consentId',
    );
  }
  if (compareDates(data.relocatedOn, consent.consentedOn) < 0) {
    return reject(
      'RELOCATION_BEFORE_CONSENT',
      { relocatedOn: data.relocatedOn, consentedOn: consent.consentedOn },
      CONSENT,
      'relocatedOn',
    );
  }
  // Within the contract's life first: the items in use are judged as of that day.
  const window = checkInForce(c, data.relocatedOn, 'relocatedOn', CONSENT);
  if (window) return window;
  for (const itemId of consent.itemIds) {
    const found = heldItemOn(c, itemId, data.relocatedOn, 'consentId', CONSENT);
    if (!found.ok) return found.decision;
  }
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
        { itemId: item.itemId, returnedOn: item.returnedOn ?? '' },
        [art(14, 3)],
        field,
      );
    case 'lost':
      return reject('ITEM_LOST', { itemId: item.itemId, lossId: item.lossId ?? '' }, [art(16, 3)], field);
    case 'held': {
      const stop = item.optionId !== null ? c.options.get(item.optionId)?.stop : null;
      const noticeOn = c.termination?.noticeArrivedOn ?? stop?.noticeArrivedOn ?? null;
      if (noticeOn === null) {
        return reject('ITEM_IN_USE', { itemId: item.itemId }, [art(14, 3)], field);
      }
      return noticeOn;
    }
  }
};

export const returnEquipment: Rule<'ReturnEquipment'> = (data, c) => {
  const article = [art(14, 3)];
  const distinct = checkDistinct(data.itemIds, 'itemIds', article);
  if (distinct) return distinct;
  const acceptance = checkAfterAcceptance(c, data.returnedOn, 'returnedOn', article);
  if (acceptance) return acceptance;
  for (const [i, itemId] of data.itemIds.entries()) {
    const item = c.equipment.get(itemId);
    if (!item) return reject('ITEM_NOT_FOUND', { contractId: c.contractId, itemId }, article, `itemIds.${i}`);
    const from = returnableFrom(c, item, `itemIds.${i}`);
    if (typeof from !== 'string') return from;
    if (compareDates(data.returnedOn, from) < 0) {
      return reject(
        'RETURN_BEFORE_DUE',
        { itemId, from, returnedOn: data.returnedOn },
        article,
        'returnedOn',
      );
    }
  }
  return emit({ type: 'EquipmentReturned', data: { itemIds: data.itemIds, returnedOn: data.returnedOn } });
};
