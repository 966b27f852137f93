/**
 * Art. 14(3): when the contract ends, or equipment stops being used through a model change under
 * Art. 9(1), the contractor returns it within 30 days; an option stopped under Art. 17(4) stops the
 * use of its equipment as a model change does (by analogy). Which of these an item owes, from which
 * day and by which deadline is one rule, read by the decider (Art. 16(2): the loss charge for an item
 * not returned) and by the projections (the return deadlines, the contract's state).
 *
 * Where the text is silent: a unit swapped for a fault is taken back under Art. 15, not Art. 14(3);
 * an item reported lost is not returned (found, the contractor disposes of it, Art. 16(3)(1)).
 */
import type { LocalDate } from './dates';
import type { Deadline } from './policies';

export type ReturnReason = 'model-change' | 'option-stop' | 'contract-end';

/** A day an item stops being used, and the return deadline the decider recorded for it. */
export interface Ending {
  readonly on: LocalDate;
  readonly due: Deadline;
}

/** What ends an item's use, as far as it is on record (each null when it is not). */
export interface ItemEndings<E extends Ending = Ending> {
  /** Swapped for a fault (Art. 15) or reported lost (Art. 16(1)): no duty under Art. 14(3). */
  readonly gone: boolean;
  /** Replaced by a model change (Art. 9(1)): from the new model's billing start. */
  readonly changed: E | null;
  /** A stop of the option the item serves (Art. 17(4)): from its effective day. */
  readonly optionStop: E | null;
  /** The contract's end (Art. 18): from its effective day. */
  readonly contractEnd: E | null;
}

/** The ending that gives the duty (with whatever the caller keeps with it), and why. */
export type ReturnDuty<E extends Ending = Ending> = E & { readonly reason: ReturnReason };

/**
 * The item's duty to go back: a replaced unit from its change; an option's unit from the option's
 * stop when that comes first (on the contract's last day too: the option's own stop ended it);
 * anything else from the contract's end. Null while nothing on record ends its use.
 */
export function returnDutyOf<E extends Ending>(item: ItemEndings<E>): ReturnDuty<E> | null {
  if (item.gone) return null;
  if (item.changed) return { ...item.changed, reason: 'model-change' };
  const stop = item.optionStop;
  const end = item.contractEnd;
  if (stop && (end === null || stop.on <= end.on)) return { ...stop, reason: 'option-stop' };
  if (end) return { ...end, reason: 'contract-end' };
  return null;
}

/**
 * The item is out of use on `date` under its duty: a replaced unit from the new model's billing
 * start (the new one serves that day); otherwise after the effective day, which is still a day of
 * service (policy effective-day-is-last-billed-day).
 */
export function outOfUseOn(
  duty: { readonly reason: ReturnReason; readonly on: LocalDate },
  date: LocalDate,
): boolean {
  return duty.reason === 'model-change' ? duty.on <= date : duty.on < date;
}
