/**
 * Policy `dates-within-supported-range`: a decision is taken only if every date it records falls
 * within DATE_RANGE (2000-01-01..2199-12-31). A command's own dates are checked when it is parsed;
 * the dates the deciders derive from them (the day a termination takes effect, a return or claim
 * deadline, the end of a minimum term) are checked here, before anything is recorded, so that the
 * ledger never holds a charge line in a month it cannot read (a termination notice arriving on
 * 2199-12-31 would take effect in 2200-01).
 */

import type { EventType } from '../events/catalog';
import { datesOf } from '../events/dates-of';
import { cite, policyRef } from '../terms/citation';
import { DATE_RANGE } from '../terms/dates';
import { type Rejection, refusal } from '../terms/rejections';

/** The first date outside the supported range in the events a decision would record, as a rejection; null when none. */
export const dateOutOfRange = (
  events: readonly { readonly type: string; readonly data: unknown }[],
): Rejection | null => {
  for (const e of events) {
    for (const { path, date } of datesOf(e.type as EventType, e.data)) {
      if (date >= DATE_RANGE.first && date <= DATE_RANGE.last) continue;
      return refusal(
        'DATE_OUT_OF_RANGE',
        { event: e.type, path, date, first: DATE_RANGE.first, last: DATE_RANGE.last },
        cite(policyRef('dates-within-supported-range')),
      ) as Rejection;
    }
  }
  return null;
};
