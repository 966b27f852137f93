/**
 * Named policies for where the text is silent (DIGEST "Where the text is silent"). Each returns
 * its amount together with the exact fraction or inputs behind it and the policy's name, so a
 * derived figure can always be explained and re-derived.
 */
import {
  addDays,
  compareDates,
  DEADLINE_SHIFT_OFF,
  daysElapse,
  type HolidayPolicy,
  type Instant,
  jstDate,
  jstDateTime,
  type LocalDate,
  lastDayWithinDays,
  laterOf,
  memoized,
  monthsCovering,
  monthsElapse,
  periodEnd,
  shiftDeadline,
  spanInMonth,
  type YearMonth,
} from './dates';
import { assertYen, floorDiv, safeMultiply } from './money';

export type PolicyName =
  | 'proration-by-days-floor'
  | 'split-only-where-fee-changes'
  | 'rest-of-term-by-month-proration'
  | 'reduction-fee-basis-basic-plus-active-options'
  | 'reduction-exact-floor-once'
  | 'claim-window-from-24h-reached'
  | 'business-hours-by-job-start'
  | 'effective-day-is-last-billed-day'
  | 'deadline-shift'
  | 'art-3-catalyst-models-are-switch-models'
  | 'distinct-lan-subnets-per-vpn'
  | 'termination-28-effective-by-art-18'
  | 'termination-28-effective-on-named-date'
  | 'close-months-in-order'
  | 'adjust-in-first-open-month'
  | 'dates-within-supported-range'
  | 'late-facts-decided-as-of-their-date'
  | 'reduction-hours-while-fee-owed'
  | 'incomplete-network-bills-until-terminated'
  | 'model-change-after-notice-restarts-term'
  | 'term-ends-with-its-service'
  | 'config-fee-counts-vpn-devices'
  | 'stopping-cold-standby-may-stay';

/**
 * A named policy: the provisions it reads where they are silent. What it says, in English and
 * Japanese, is in src/render/policies.ts (a catalog with a message for every name).
 */
export interface PolicyDescription {
  readonly article: string;
}

export const POLICIES: Readonly<Record<PolicyName, PolicyDescription>> = {
  'proration-by-days-floor': { article: 'Art. 19; Annex 1 §2' },
  'split-only-where-fee-changes': { article: 'Art. 19; Annex 1 §2' },
  'rest-of-term-by-month-proration': { article: 'Art. 20; Annex 2' },
  'reduction-fee-basis-basic-plus-active-options': { article: 'Art. 21; Annex 3' },
  'reduction-exact-floor-once': { article: 'Art. 21; Annex 3' },
  'claim-window-from-24h-reached': { article: 'Art. 21' },
  'business-hours-by-job-start': { article: 'Annex 1 §3(3)' },
  'effective-day-is-last-billed-day': { article: 'Art. 17(4); Art. 18' },
  'art-3-catalyst-models-are-switch-models': { article: 'Art. 3; Art. 9(1); Art. 17(2)(3)' },
  'distinct-lan-subnets-per-vpn': { article: 'Art. 22(2) (silent on overlap)' },
  'termination-28-effective-by-art-18': { article: 'Art. 18; Art. 20(1); general terms art. 28(2)(3)' },
  'termination-28-effective-on-named-date': { article: 'Art. 20(1); general terms art. 28(2)(3)' },
  'close-months-in-order': { article: 'Art. 19' },
  'adjust-in-first-open-month': { article: 'Art. 19' },
  'deadline-shift': { article: 'Civil Code art. 142' },
  'dates-within-supported-range': { article: 'Art. 19' },
  'late-facts-decided-as-of-their-date': { article: 'Art. 18; Art. 19' },
  'reduction-hours-while-fee-owed': { article: 'Art. 19; Art. 21; Annex 3' },
  'incomplete-network-bills-until-terminated': { article: 'Art. 8(1); Art. 18; Art. 19' },
  'model-change-after-notice-restarts-term': { article: 'Art. 5(2); Art. 18; Art. 20(1)' },
  'term-ends-with-its-service': { article: 'Art. 5; Art. 17(3); Art. 20' },
  'config-fee-counts-vpn-devices': { article: 'Art. 10(4); Annex 1 §3(3)' },
  'stopping-cold-standby-may-stay': { article: 'Art. 17(2)(2); Art. 17(4); Annex 1 §3(2)' },
};

/**
 * An amount with the exact fraction behind it: amount = floor(numerator / denominator). Its
 * formula in words is the renderers' (src/render/charge-text.ts), from these figures.
 */
export interface PolicyAmount {
  readonly amount: number;
  readonly numerator: number;
  readonly denominator: number;
  readonly policy: PolicyName;
}

// ---------------------------------------------------------------------------------------------
// Partial months

/**
 * Policy proration-by-days-floor: a month's share of a monthly fee, monthly fee × days used ÷ days
 * in that calendar month, rounded down to the yen (the whole fee for a full month).
 */
export function proratedAmount(monthlyFee: number, daysUsed: number, daysInTheMonth: number): PolicyAmount {
  assertYen(monthlyFee, 'monthlyFee');
  if (!Number.isInteger(daysInTheMonth) || daysInTheMonth < 28 || daysInTheMonth > 31) {
    throw new RangeError(`A calendar month has 28 to 31 days, got ${String(daysInTheMonth)}.`);
  }
  if (!Number.isInteger(daysUsed) || daysUsed < 0 || daysUsed > daysInTheMonth) {
    throw new RangeError(`daysUsed must be 0..${daysInTheMonth}, got ${String(daysUsed)}.`);
  }
  const numerator = safeMultiply(monthlyFee, daysUsed);
  return {
    amount: daysUsed === daysInTheMonth ? monthlyFee : floorDiv(numerator, daysInTheMonth),
    numerator,
    denominator: daysInTheMonth,
    policy: 'proration-by-days-floor',
  };
}

export const prorateMonthly = proratedAmount;

export interface MonthlyCharge extends PolicyAmount {
  readonly month: YearMonth;
  /** First and last billed day of the month (inclusive). */
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly daysUsed: number;
  readonly daysInMonth: number;
  readonly fullMonth: boolean;
}

/**
 * The fee for calendar `month` of a service billed from `activeFrom` through `activeTo`
 * inclusive (null: still active). Null when the month lies outside that span.
 */
export function monthlyChargeForPeriod(
  monthlyFee: number,
  month: YearMonth,
  activeFrom: LocalDate,
  activeTo: LocalDate | null,
): MonthlyCharge | null {
  const part = spanInMonth(month, activeFrom, activeTo);
  if (part === null) return null;
  return {
    ...prorateMonthly(monthlyFee, part.daysUsed, part.daysInMonth),
    month,
    ...part,
    fullMonth: part.daysUsed === part.daysInMonth,
  };
}

// ---------------------------------------------------------------------------------------------
// Early-termination settlement (Art. 20, Annex 2)

export interface TermSettlement extends PolicyAmount {
  /** First and last day of the unexpired rest of the term; null when nothing remains. */
  readonly from: LocalDate | null;
  readonly to: LocalDate | null;
  readonly parts: readonly MonthlyCharge[];
}

/**
 * The monthly fees that would have been billed from endDate + 1 through termEnd. The total is the
 * exact sum of the per-month amounts (each with its own fraction), so numerator = amount and
 * denominator = 1.
 */
export function restOfTermSettlement(
  monthlyFee: number,
  endDate: LocalDate,
  termEnd: LocalDate,
): TermSettlement {
  // Remembered: the views work a contract's settlements out again on each of its later events.
  return settlementMemo(`${monthlyFee}|${endDate}|${termEnd}`);
}

const settlementMemo = memoized((key) => {
  const [fee, endDate, termEnd] = key.split('|') as [string, LocalDate, LocalDate];
  return computeSettlement(Number(fee), endDate, termEnd);
}, 2048);

function computeSettlement(monthlyFee: number, endDate: LocalDate, termEnd: LocalDate): TermSettlement {
  assertYen(monthlyFee, 'monthlyFee');
  const policy = 'rest-of-term-by-month-proration' as const;
  if (compareDates(endDate, termEnd) >= 0) {
    return {
      amount: 0,
      numerator: 0,
      denominator: 1,
      policy,
      from: null,
      to: null,
      parts: [],
    };
  }
  const from = addDays(endDate, 1);
  const parts = monthsCovering(from, termEnd).flatMap((m) => {
    const charge = monthlyChargeForPeriod(monthlyFee, m, from, termEnd);
    return charge ? [charge] : [];
  });
  const amount = parts.reduce((sum, p) => sum + p.amount, 0);
  return {
    amount,
    numerator: amount,
    denominator: 1,
    policy,
    from,
    to: termEnd,
    parts,
  };
}

// ---------------------------------------------------------------------------------------------
// Reduction for outages (Art. 21, Annex 3)

function instantMillis(instant: Instant): number {
  return jstDateTime(instant).toMillis();
}

/** Whole hours from knownAt to resolvedAt, rounded down. */
export function unusableHours(knownAt: Instant, resolvedAt: Instant): number {
  const hours = jstDateTime(resolvedAt).diff(jstDateTime(knownAt), 'hours').hours;
  if (hours < 0) {
    throw new RangeError(`An outage cannot be resolved (${resolvedAt}) before it was known (${knownAt}).`);
  }
  return Math.floor(hours);
}

export interface OutageReduction extends PolicyAmount {
  readonly unusableHours: number;
  /** floor(unusable hours / 24). */
  readonly days: number;
  readonly monthlyFee: number;
}

/**
 * Annex 3: floor(hours / 24) × monthly fee × 1/30, computed as one exact fraction and rounded down
 * once: 12,345 yen over 7 days → floor(86,415 / 30) = 2,880, not 7 × floor(12,345 / 30) = 2,877.
 * `monthlyFeeTotal` is the basic fee plus active options' fees (policy
 * 'reduction-fee-basis-basic-plus-active-options'); the caller sums it.
 */
export function outageReduction(monthlyFeeTotal: number, hours: number): OutageReduction {
  assertYen(monthlyFeeTotal, 'monthlyFeeTotal');
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`Unusable hours must be a non-negative number, got ${String(hours)}.`);
  }
  const days = Math.floor(hours / 24);
  const numerator = safeMultiply(days, monthlyFeeTotal);
  const amount = floorDiv(numerator, 30);
  return {
    amount,
    numerator,
    denominator: 30,
    policy: 'reduction-exact-floor-once',
    unusableHours: hours,
    days,
    monthlyFee: monthlyFeeTotal,
  };
}

/**
 * Policy reduction-hours-while-fee-owed: the unusable hours (利用不能時間) count only while the
 * monthly fee is owed, from the billing start (00:00 Japan time of that day) to the end of the last
 * billed day. The instant an outage's hours start to count: when the provider learned of it, or the
 * billing start when that is later (the 24-hour threshold counts from there too).
 */
export function hoursCountFrom(knownAt: Instant, billingStartOn: LocalDate): Instant {
  const start = jstDateTime(`${billingStartOn}T00:00:00+09:00`);
  const known = jstDateTime(knownAt);
  return known >= start ? knownAt : (start.toISO({ suppressMilliseconds: true }) as string);
}

/** The span whose hours Annex 3 counts, by policy reduction-hours-while-fee-owed. */
export interface CountedSpan {
  readonly from: Instant;
  readonly to: Instant;
  /** Whole hours from `from` to `to` (0 when the outage ended before its hours began to count). */
  readonly hours: number;
  /** The count began at the billing start, not when the provider learned of the outage. */
  readonly fromBillingStart: boolean;
  /** The count stopped at the end of the contract's last billed day, before the outage ended. */
  readonly cutAtEnd: boolean;
  readonly policy: 'reduction-hours-while-fee-owed';
}

/**
 * The counted span of an outage known at `knownAt`, counted from `countedFrom` (as the decider
 * recorded it) to its resolution, or to the end of `lastBilledDay` (24:00 Japan time) when the
 * contract ended first.
 */
export function countedUnusableSpan(
  knownAt: Instant,
  countedFrom: Instant,
  resolvedAt: Instant,
  lastBilledDay: LocalDate | null,
): CountedSpan {
  const from = jstDateTime(countedFrom);
  let to = jstDateTime(resolvedAt);
  let cutAtEnd = false;
  if (lastBilledDay !== null) {
    const end = jstDateTime(`${addDays(lastBilledDay, 1)}T00:00:00+09:00`);
    if (end < to) {
      to = end;
      cutAtEnd = true;
    }
  }
  const hours = to > from ? Math.floor(to.diff(from, 'hours').hours) : 0;
  return {
    from: countedFrom,
    to: cutAtEnd ? (to.toISO({ suppressMilliseconds: true }) as string) : resolvedAt,
    hours,
    fromBillingStart: instantMillis(countedFrom) !== instantMillis(knownAt),
    cutAtEnd,
    policy: 'reduction-hours-while-fee-owed',
  };
}

/** The window of Art. 21 as the decider records it when an outage becomes known (OutageKnown). */
export interface RecordedClaimWindow {
  /** When 24 consecutive hours of unusability are reached, in Japan time, should the outage last that long. */
  readonly reachedAt: Instant;
  /** The day the claim could first be made (請求をし得ることとなった日). */
  readonly firstClaimableOn: LocalDate;
  /** The last day a claim keeps the right (3ヶ月を経過する日), after the Art. 142 shift if that policy is on. */
  readonly lastClaimableOn: LocalDate;
  /** The day Art. 142 moved the last day from; null when it was not moved. */
  readonly lastClaimableShiftedFrom: LocalDate | null;
}

export interface ClaimWindow extends RecordedClaimWindow {
  readonly policy: 'claim-window-from-24h-reached';
  readonly article: 'Art. 21';
}

/**
 * Art. 21 proviso: the claim must be made by the day 3 months elapse from the day it could first be
 * made, taken as the Japan date on which 24 hours of unusability were reached (policy
 * 'claim-window-from-24h-reached'), moved under Art. 142 when `holidays` is on. The window should
 * the outage last 24 hours: the decider records it when the outage becomes known.
 */
export function claimWindowFrom(
  outageKnownAt: Instant,
  holidays: HolidayPolicy = DEADLINE_SHIFT_OFF,
): RecordedClaimWindow {
  const reached = jstDateTime(outageKnownAt).plus({ hours: 24 });
  const reachedAt = reached.toISO({ suppressMilliseconds: true });
  const firstClaimableOn = jstDate(reachedAt);
  // Civil Code art. 140: the first day is not counted unless the period starts at 00:00.
  const startsAtMidnight = reached.equals(reached.startOf('day'));
  const last = deadline(
    startsAtMidnight ? periodEnd(firstClaimableOn, 3) : monthsElapse(firstClaimableOn, 3),
    holidays,
  );
  return {
    reachedAt,
    firstClaimableOn,
    lastClaimableOn: last.on,
    lastClaimableShiftedFrom: last.shiftedFrom,
  };
}

/**
 * The claim window of an outage from the window its OutageKnown recorded: null when the outage was
 * resolved before 24 hours of unusability were reached (no reduction, no claim).
 */
export function claimWindowOf(recorded: RecordedClaimWindow, resolvedAt: Instant | null): ClaimWindow | null {
  if (resolvedAt !== null && instantMillis(resolvedAt) < instantMillis(recorded.reachedAt)) return null;
  return { ...recorded, policy: 'claim-window-from-24h-reached', article: 'Art. 21' };
}

/** The window of an outage known at `outageKnownAt` and resolved at `resolvedAt` (null: not yet). */
export function reductionClaimWindow(
  outageKnownAt: Instant,
  resolvedAt: Instant | null,
  holidays: HolidayPolicy = DEADLINE_SHIFT_OFF,
): ClaimWindow | null {
  return claimWindowOf(claimWindowFrom(outageKnownAt, holidays), resolvedAt);
}

// ---------------------------------------------------------------------------------------------
// Deadlines (Art. 14(3), Art. 21) and Civil Code art. 142

/** A deadline as the decider decides it: the day, and the day Art. 142 moved it from (null: not moved). */
export interface Deadline {
  readonly on: LocalDate;
  readonly shiftedFrom: LocalDate | null;
}

/** `d`, moved under Art. 142 when the deployment's holiday policy is on ('deadline-shift'). */
export function deadline(d: LocalDate, holidays: HolidayPolicy): Deadline {
  const on = shiftDeadline(d, holidays);
  return { on, shiftedFrom: on === d ? null : d };
}

/** Art. 14(3): equipment no longer used goes back within 30 days of the end or change date. */
export const RETURN_DAYS = 30;

/**
 * The last day to return equipment owed from `owedFrom` (「…から30日以内」: owedFrom + 30, Civil Code
 * art. 140-141), moved under Art. 142 when that policy is on. The one place the 30 days live: the
 * decider records the result on the event that makes the equipment owed, and every reader reads it.
 */
export function returnDeadline(owedFrom: LocalDate, holidays: HolidayPolicy = DEADLINE_SHIFT_OFF): Deadline {
  return deadline(lastDayWithinDays(owedFrom, RETURN_DAYS), holidays);
}

// ---------------------------------------------------------------------------------------------
// Termination and option stops (Art. 17(4), Art. 18)

/** The policies a deployment chooses between for a termination under general terms art. 28(2)/(3). */
export type Termination28Policy = Extract<
  PolicyName,
  'termination-28-effective-by-art-18' | 'termination-28-effective-on-named-date'
>;

/**
 * The day a termination takes effect. An ordinary notice (on the provider's form) takes effect as
 * Art. 18 says; one under the general terms' art. 28(2) or (3), which this text does not govern,
 * as the deployment's policy says. Returns the day and the policy used (null: Art. 18 itself).
 */
export function terminationEffectiveOn(
  ground: 'ordinary' | 'general-terms-28-2' | 'general-terms-28-3',
  noticeArrivedOn: LocalDate,
  requestedOn: LocalDate | null,
  policy: Termination28Policy,
): { readonly effectiveOn: LocalDate; readonly policy: Termination28Policy | null } {
  if (ground === 'ordinary')
    return { effectiveOn: stopEffectiveOn(noticeArrivedOn, requestedOn), policy: null };
  if (policy === 'termination-28-effective-on-named-date')
    return { effectiveOn: laterOf(noticeArrivedOn, requestedOn), policy };
  return { effectiveOn: stopEffectiveOn(noticeArrivedOn, requestedOn), policy };
}

export const effectiveLastBilledDay = 'effective-day-is-last-billed-day' satisfies PolicyName;

/**
 * The later of the day 30 days elapse after the notice arrived and the requested date. Under the
 * 'effective-day-is-last-billed-day' policy this is also the last day billed.
 */
export function stopEffectiveOn(
  noticeArrivedOn: LocalDate,
  requestedOn: LocalDate | null | undefined,
): LocalDate {
  return laterOf(daysElapse(noticeArrivedOn, 30), requestedOn);
}
