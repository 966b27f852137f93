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
  daysInclusive,
  daysInMonth,
  earlierOf,
  firstDayOfMonth,
  type HolidayPolicy,
  type Instant,
  jstDate,
  jstDateTime,
  type LocalDate,
  lastDayOfMonth,
  lastDayWithinDays,
  laterOf,
  memoized,
  monthsCovering,
  monthsElapse,
  periodEnd,
  shiftDeadline,
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
  | 'deadline-shift'
  | 'art-3-catalyst-models-are-switch-models'
  | 'distinct-lan-subnets-per-vpn'
  | 'termination-28-effective-by-art-18'
  | 'termination-28-effective-on-named-date'
  | 'close-months-in-order'
  | 'adjust-in-first-open-month';

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
      'A reduction claim could first be made on the Japan date on which 24 hours of unusability were reached; the right is lost after 3 months elapse from that day (Civil Code art. 140: that day is not counted, unless 24 hours were reached at exactly 00:00:00 Japan time, when the period starts that day).',
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
  'art-3-catalyst-models-are-switch-models': {
    description:
      "Art. 3 lists the Catalyst 1000-24T-4G-L, 1000-48T-4G-L and 9300L-24T-4G-A among the 機器種別 of 'VPN devices'; they are switches, and Art. 9(1) counts 「プライベートスイッチオプションの機器種別」 among the 機器種別, so the ledger reads them as the private switch's models: the catalog gives them the role 'switch', and an application naming one as its VPN device is refused.",
    article: 'Art. 3; Art. 9(1); Art. 17(2)(3)',
  },
  'distinct-lan-subnets-per-vpn': {
    description:
      "The sites of one VPN use LAN prefixes that do not overlap, within an application and with the other sites in the network: a routed VPN could not tell two such sites apart. The terms do not say so (Art. 22(2) limits a LAN to RFC 1918 space, nothing more); it is the ledger's rule, on by default, and a deployment may switch it off.",
    article: 'Art. 22(2) (silent on overlap)',
  },
  'termination-28-effective-by-art-18': {
    description:
      "A termination under the general terms' art. 28(2) or (3) (契約者の解除) takes effect as Art. 18 says for a notice on the provider's form: on the later of the day 30 days elapse after the notice arrives and the day it names. The default: the general terms are not in the ledger, so their text cannot settle it. Annex 2's settlement is not owed either way (Art. 20(1)).",
    article: 'Art. 18; Art. 20(1); general terms art. 28(2)(3)',
  },
  'termination-28-effective-on-named-date': {
    description:
      "A termination under the general terms' art. 28(2) or (3) takes effect on the day the contractor's notice names, never before the notice arrives (on its arrival when it names none). The alternative a deployment may choose. Annex 2's settlement is not owed either way (Art. 20(1)).",
    article: 'Art. 20(1); general terms art. 28(2)(3)',
  },
  'close-months-in-order': {
    description:
      "Billing months are closed (invoiced) one after the other, each once it has ended in Japan time, and only once. The first month closed is the month of the ledger's first charge line; every month before it bills nothing.",
    article: 'Art. 19',
  },
  'adjust-in-first-open-month': {
    description:
      'A closed month never changes. A fact that changes its charges after the close is billed as an adjustment line in the first month not yet closed: recomputed − invoiced per charge line (contract, month, kind and what it charges). A line that did not exist at the close is adjusted by its whole amount; one that is gone, by minus its whole amount.',
    article: 'Art. 19',
  },
  'deadline-shift': {
    description:
      'Civil Code art. 142: the last day of a period by which a party must act (equipment back under Art. 14(3), a reduction claimed under Art. 21) that falls on a Sunday or a listed holiday moves to the next day that is neither. The day a termination or an option stop takes effect is not moved. Off by default; the decider records the shifted date and the date it was moved from.',
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
  readonly explanation: string;
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
  const { reachedAt, firstClaimableOn, lastClaimableOn, lastClaimableShiftedFrom } = recorded;
  const moved =
    lastClaimableShiftedFrom === null
      ? ''
      : ` (moved from ${lastClaimableShiftedFrom} under Civil Code art. 142, policy deadline-shift)`;
  return {
    ...recorded,
    policy: 'claim-window-from-24h-reached',
    article: 'Art. 21',
    explanation: `24 hours of unusability were reached at ${reachedAt}, so a claim could first be made on ${firstClaimableOn}; 3 months elapse from that day on ${lastClaimableOn}${moved}, the last day to claim.`,
  };
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
