/**
 * Return deadlines (Art. 14(3), 16(2)): every equipment item owed back, its due date and its
 * status on a date.
 *
 * Where the text is silent:
 * - An option stopped under Art. 17(4) stops the use of its equipment as a model change does, so
 *   its items are owed back within 30 days of the stop's effective day (reason 'option-stop').
 * - Items reported lost (Art. 16(1)) are not owed back: if found, the contractor disposes of them
 *   (Art. 16(3)(1)). Items replaced after a fault went back under Art. 15, not Art. 14(3).
 */
import { type Ending, type LocalDate, type ReturnReason, returnDutyOf } from '../terms';
import { assertDate, contractAsOf, notAfter } from './as-of';
import type { ContractFacts, DecidedDeadline, EquipmentFact, EquipmentKind, Facts, Src } from './facts';
import { contractEnd } from './service-periods';

export type ReturnStatus = 'pending' | 'returned-on-time' | 'returned-late' | 'overdue';
export type { ReturnReason };

/** What qualifies a deadline, as data (src/render words it). */
export type DeadlineNote =
  /** Civil Code art. 142 moved the due day (policy deadline-shift). */
  | { readonly kind: 'due-shifted'; readonly from: LocalDate; readonly to: LocalDate }
  /** Art. 16(3)(2): a loss charge quoted before the return is not refunded. */
  | { readonly kind: 'returned-after-charge' }
  /** Art. 16(2): back after the 30 days, it counted as lost whatever the reason. */
  | { readonly kind: 'returned-late'; readonly dueOn: LocalDate; readonly chargeQuoted: boolean }
  | { readonly kind: 'overdue'; readonly dueOn: LocalDate; readonly chargeQuoted: boolean };

export interface ReturnDeadline {
  readonly contractId: string;
  readonly itemId: string;
  readonly kind: EquipmentKind;
  readonly model: string;
  readonly optionId: string | null;
  readonly reason: ReturnReason;
  readonly article: string;
  /** The end date, the change date, or the option stop's effective day. */
  readonly triggerOn: LocalDate;
  /** The last day to return it, as the decider recorded it: triggerOn + 30 days, moved under Art. 142 when that policy is on. */
  readonly dueOn: LocalDate;
  /** The day Art. 142 moved the due day from (policy deadline-shift); null when not moved. */
  readonly dueShiftedFrom: LocalDate | null;
  readonly returnedOn: LocalDate | null;
  readonly status: ReturnStatus;
  readonly notes: readonly DeadlineNote[];
  readonly lossChargeQuoted: boolean;
  readonly lossCharge: {
    readonly amount: number;
    readonly quotedOn: LocalDate;
    readonly eventId: string;
  } | null;
  readonly sources: readonly string[];
}

const ARTICLE: Readonly<Record<ReturnReason, string>> = {
  'contract-end': 'Art. 14(3)',
  'model-change': 'Art. 14(3); Art. 9(1)',
  'option-stop': 'Art. 14(3) (by analogy); Art. 17(4)',
};

function deadline(
  c: ContractFacts,
  item: EquipmentFact,
  reason: ReturnReason,
  triggerOn: LocalDate,
  due: DecidedDeadline,
  sources: readonly Src[],
  date: LocalDate,
): ReturnDeadline {
  const dueOn = due.on;
  const returned = item.returned;
  let charge: ReturnDeadline['lossCharge'] = null;
  for (const l of c.losses.values()) {
    const q = l.charges.find((x) => x.itemId === item.itemId);
    if (q) {
      charge = { amount: q.amount, quotedOn: q.on, eventId: q.src.eventId };
      break;
    }
  }
  let status: ReturnStatus;
  const notes: DeadlineNote[] = [];
  if (due.shiftedFrom !== null) notes.push({ kind: 'due-shifted', from: due.shiftedFrom, to: dueOn });
  if (returned) {
    status = notAfter(returned.on, dueOn) ? 'returned-on-time' : 'returned-late';
    if (charge && notAfter(charge.quotedOn, returned.on)) {
      notes.push({ kind: 'returned-after-charge' });
    } else if (status === 'returned-late') {
      // Art. 16(2): not returned within the 30 days, it counted as lost whatever the reason.
      notes.push({ kind: 'returned-late', dueOn, chargeQuoted: charge !== null });
    }
  } else if (notAfter(date, dueOn)) {
    status = 'pending';
  } else {
    status = 'overdue';
    notes.push({ kind: 'overdue', dueOn, chargeQuoted: charge !== null });
  }
  return {
    contractId: c.contractId,
    itemId: item.itemId,
    kind: item.kind,
    model: item.model,
    optionId: item.optionId,
    reason,
    article: ARTICLE[reason],
    triggerOn,
    dueOn,
    dueShiftedFrom: due.shiftedFrom,
    returnedOn: returned?.on ?? null,
    status,
    notes,
    lossChargeQuoted: charge !== null,
    lossCharge: charge,
    sources: [...sources.map((s) => s.eventId), ...(returned ? [returned.src.eventId] : [])],
  };
}

/** A day that ends an item's use, its recorded deadline, and the events behind it. */
interface SourcedEnding extends Ending {
  readonly sources: readonly Src[];
}

/** The deadlines of one contract whose facts are already as of `date`. */
export function contractReturnDeadlines(c: ContractFacts, date: LocalDate): ReturnDeadline[] {
  const lost = new Set<string>();
  for (const l of c.losses.values()) if (l.reported && l.itemId) lost.add(l.itemId);
  const end = contractEnd(c);
  // The termination's effective day and return deadline were both decided with its notice.
  const due = c.terminationNotice?.returnDue;
  const contract: SourcedEnding | null = end && due ? { on: end.on, due, sources: end.sources } : null;
  const out: ReturnDeadline[] = [];
  for (const item of c.equipment.values()) {
    const change = item.replaced?.via === 'model-change' ? c.modelChanges.get(item.replaced.ref) : undefined;
    const stop = item.optionId === null ? null : (c.options.get(item.optionId)?.stopNotice ?? null);
    const duty = returnDutyOf<SourcedEnding>({
      gone: lost.has(item.itemId) || item.replaced?.via === 'fault',
      changed: change?.completed
        ? {
            on: change.completed.billingStartOn,
            due: change.completed.returnDue,
            sources: [change.accepted, change.completed.src],
          }
        : null,
      optionStop: stop && { on: stop.effectiveOn, due: stop.returnDue, sources: [stop.src] },
      contractEnd: contract,
    });
    if (duty) out.push(deadline(c, item, duty.reason, duty.on, duty.due, duty.sources, date));
  }
  return out;
}

/** Open: not yet returned (pending or overdue). */
export const isOpenDeadline = (d: ReturnDeadline): boolean =>
  d.status === 'pending' || d.status === 'overdue';

/** By due date, then contract and item. */
export const compareDeadlines = (a: ReturnDeadline, b: ReturnDeadline): number =>
  a.dueOn !== b.dueOn
    ? a.dueOn < b.dueOn
      ? -1
      : 1
    : a.contractId !== b.contractId
      ? a.contractId < b.contractId
        ? -1
        : 1
      : a.itemId < b.itemId
        ? -1
        : a.itemId > b.itemId
          ? 1
          : 0;

export interface ReturnDeadlinesQuery {
  readonly contractId?: string;
}

/** Every item owed back, with its status on `date` (facts dated after `date` are not yet known). */
export function returnDeadlines(
  facts: Facts,
  date: LocalDate,
  query: ReturnDeadlinesQuery = {},
): ReturnDeadline[] {
  assertDate(date);
  const out: ReturnDeadline[] = [];
  for (const full of facts.contracts.values()) {
    if (query.contractId !== undefined && full.contractId !== query.contractId) continue;
    const c = contractAsOf(full, date);
    if (c) out.push(...contractReturnDeadlines(c, date));
  }
  return out.sort(compareDeadlines);
}
