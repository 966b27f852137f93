/**
 * Named policies for where the text is silent (DIGEST "Where the text is silent"). Each returns
 * its amount together with the exact fraction or inputs behind it and the policy's name, so a
 * derived figure can always be explained and re-derived.
 */
import {
  addDays,
  compareDates,
  daysElapse,
  daysInclusive,
  daysInMonth,
  earlierOf,
  firstDayOfMonth,
  type Instant,
  jstDate,
  jstDateTime,
  type LocalDate,
  lastDayOfMonth,
  laterOf,
  memoized,
  monthsCovering,
  monthsElapse,
  periodEnd,
  type YearMonth,
} from './dates';
import { assertYen, floorDiv, formatYen, safeMultiply } from './money';

export type PolicyName =
  | 'proration-by-days-floor'
  | 'split-only-where-fee-changes'
  | 'rest-of-term-by-month-proration'
  | 'reduction-fee-basis-basic-plus-active-options'
  | 'reduction-exact-floor-once'
  | 'claim-window-from-24h-reached'
  | 'business-hours-by-job-start'
  | 'effective-day-is-last-billed-day'
  | 'deadline-shift';

export interface PolicyDescription {
  readonly description: string;
  readonly article: string;
}

export const POLICIES: Readonly<Record<PolicyName, PolicyDescription>> = {
  'proration-by-days-floor': {
    description:
      'A partial month of a monthly fee is monthly fee × days used ÷ days in that calendar month, rounded down to the yen.',
    article: 'Art. 19; Annex 1 §2',
  },
  'split-only-where-fee-changes': {
    description:
      'A month is split into periods only where the fee itself changes; a model change or any other fact that leaves the fee as it was does not split it, so an unchanged fee is billed whole.',
    article: 'Art. 19; Annex 1 §2',
  },
  'rest-of-term-by-month-proration': {
    description:
      'Early-termination settlement is the monthly fees that would have been billed from the day after the end date through the last day of the minimum term, month by month with the same proration.',
    article: 'Art. 20; Annex 2',
  },
  'reduction-fee-basis-basic-plus-active-options': {
    description:
      "The monthly fee behind a reduction is the contract's basic monthly fee plus the monthly fees of its options active when the outage began.",
    article: 'Art. 21; Annex 3',
  },
  'reduction-exact-floor-once': {
    description:
      'Reduction = floor(floor(unusable hours ÷ 24) × monthly fee ÷ 30), computed exactly and rounded down once.',
    article: 'Art. 21; Annex 3',
  },
  'claim-window-from-24h-reached': {
    description:
      'A reduction claim could first be made on the Japan date on which 24 hours of unusability were reached; the right is lost after 3 months elapse from that day.',
    article: 'Art. 21',
  },
  'business-hours-by-job-start': {
    description:
      "Business hours are judged by the job's start time in Japan, 09:00:00 to 19:00:00 inclusive, every day of the year.",
    article: 'Annex 1 §3(3)',
  },
  'effective-day-is-last-billed-day': {
    description: 'The day a termination or an option stop takes effect is the last day billed (inclusive).',
    article: 'Art. 17(4); Art. 18',
  },
  'deadline-shift': {
    description:
      'Civil Code art. 142: a deadline on a Sunday or listed holiday moves to the next day that is neither. Off by default.',
    article: 'Civil Code art. 142',
  },
};

/** An amount with the exact fraction behind it: amount = floor(numerator / denominator). */
export interface PolicyAmount {
  readonly amount: number;
  readonly numerator: number;
  readonly denominator: number;
  readonly formula: string;
  readonly policy: PolicyName;
}

// ---------------------------------------------------------------------------------------------
// Partial months

/**
 * Policy proration-by-days-floor: a month's share of a monthly fee, monthly fee × days used ÷ days
 * in that calendar month, rounded down to the yen (the whole fee for a full month).
 */
export function proratedAmount(
  monthlyFee: number,
  daysUsed: number,
  daysInTheMonth: number,
): Omit<PolicyAmount, 'formula'> {
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

export function prorateMonthly(monthlyFee: number, daysUsed: number, daysInTheMonth: number): PolicyAmount {
  const share = proratedAmount(monthlyFee, daysUsed, daysInTheMonth);
  const fee = formatYen(monthlyFee);
  return {
    ...share,
    formula:
      daysUsed === daysInTheMonth
        ? `${fee} (full month, ${daysUsed}/${daysInTheMonth} days)`
        : `floor(${fee} × ${daysUsed} / ${daysInTheMonth}) = ${formatYen(share.amount)}`,
  };
}

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
  const first = firstDayOfMonth(month);
  const last = lastDayOfMonth(month);
  const from = laterOf(first, activeFrom);
  const to = earlierOf(last, activeTo);
  if (compareDates(to, from) < 0) return null;
  const daysUsed = daysInclusive(from, to);
  const dim = daysInMonth(month);
  return {
    ...prorateMonthly(monthlyFee, daysUsed, dim),
    month,
    from,
    to,
    daysUsed,
    daysInMonth: dim,
    fullMonth: daysUsed === dim,
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
      formula: `ended ${endDate}, on or after the term's last day ${termEnd}: nothing owed`,
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
    formula: `${describeParts(parts, monthlyFee)} = ${formatYen(amount)} (${from}..${termEnd})`,
    policy,
    from,
    to: termEnd,
    parts,
  };
}

/** 'floor(10,000 × 16 / 31) + 32 × 10,000 + floor(10,000 × 14 / 30)': full months grouped. */
function describeParts(parts: readonly MonthlyCharge[], monthlyFee: number): string {
  const terms: string[] = [];
  let fullRun = 0;
  const flush = () => {
    if (fullRun > 0) terms.push(`${fullRun} × ${formatYen(monthlyFee)}`);
    fullRun = 0;
  };
  for (const p of parts) {
    if (p.fullMonth) {
      fullRun += 1;
    } else {
      flush();
      terms.push(`floor(${formatYen(monthlyFee)} × ${p.daysUsed} / ${p.daysInMonth})`);
    }
  }
  flush();
  return terms.join(' + ');
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
  const formula =
    days === 0
      ? `${hours} h unusable, under 24 h: no reduction`
      : `floor(${days} × ${formatYen(monthlyFeeTotal)} / 30) = ${formatYen(amount)}`;
  return {
    amount,
    numerator,
    denominator: 30,
    formula,
    policy: 'reduction-exact-floor-once',
    unusableHours: hours,
    days,
    monthlyFee: monthlyFeeTotal,
  };
}

export interface ClaimWindow {
  /** When 24 consecutive hours of unusability were reached, in Japan time. */
  readonly reachedAt: Instant;
  /** The day the claim could first be made (請求をし得ることとなった日). */
  readonly firstClaimableOn: LocalDate;
  /** The last day a claim keeps the right (3ヶ月を経過する日). */
  readonly lastClaimableOn: LocalDate;
  readonly policy: 'claim-window-from-24h-reached';
  readonly article: 'Art. 21';
  readonly explanation: string;
}

/**
 * Art. 21 proviso: the claim must be made by the day 3 months elapse from the day it could first be
 * made, taken as the Japan date on which 24 hours of unusability were reached. Null when the outage
 * was resolved before 24 hours (no reduction, no claim).
 */
export function reductionClaimWindow(outageKnownAt: Instant, resolvedAt: Instant | null): ClaimWindow | null {
  const reached = jstDateTime(outageKnownAt).plus({ hours: 24 });
  if (resolvedAt !== null && instantMillis(resolvedAt) < reached.toMillis()) return null;
  const reachedAt = reached.toISO({ suppressMilliseconds: true });
  const firstClaimableOn = jstDate(reachedAt);
  // Civil Code art. 140: the first day is not counted unless the period starts at 00:00.
  const startsAtMidnight = reached.equals(reached.startOf('day'));
  const lastClaimableOn = startsAtMidnight
    ? periodEnd(firstClaimableOn, 3)
    : monthsElapse(firstClaimableOn, 3);
  return {
    reachedAt,
    firstClaimableOn,
    lastClaimableOn,
    policy: 'claim-window-from-24h-reached',
    article: 'Art. 21',
    explanation: `24 hours of unusability were reached at ${reachedAt}, so a claim could first be made on ${firstClaimableOn}; 3 months elapse from that day on ${lastClaimableOn}, the last day to claim.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Termination and option stops (Art. 17(4), Art. 18)

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
