/**
 * Day counting under the Japanese Civil Code, arts. 140-143, implemented once for the whole ledger.
 * Every calendar date is a Japan date (zone Asia/Tokyo), written 'YYYY-MM-DD'.
 */
import { DateTime, FixedOffsetZone, IANAZone } from 'luxon';
import { z } from 'zod';
import { FIELD_MESSAGES, fieldIssue } from './field-messages';

export const ZONE = 'Asia/Tokyo';

/**
 * The zone every computation uses: Asia/Tokyo, as a fixed UTC+9 offset. Japan has observed no
 * daylight saving since 1951, so for every date this ledger handles (the service began in 2006)
 * the two are the same instant for instant; the fixed offset spares luxon an Intl lookup per
 * call, which otherwise dominates the command pipeline. A test checks the equivalence.
 */
export const JST = FixedOffsetZone.instance(9 * 60);
export const TOKYO = IANAZone.create(ZONE);

/** A Japan calendar date, 'YYYY-MM-DD'. */
export type LocalDate = string;
/** A calendar month, 'YYYY-MM'. */
export type YearMonth = string;
/** An ISO-8601 date-time with an explicit offset ('Z' or '+09:00'). */
export type Instant = string;

const LOCAL_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_RE = /^\d{4}-\d{2}$/;
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Remembers the last `size` answers of a pure function of a string. Commands and replays name the
 * same few dates over and over, and a luxon parse costs far more than a Map lookup.
 */
export function memoized<T>(fn: (s: string) => T, size = 4096): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    if (cache.has(s)) return cache.get(s) as T;
    const value = fn(s);
    if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    cache.set(s, value);
    return value;
  };
}

// Every date of a long history fits: 65,536 dates are 180 years of days.
const validLocalDate = memoized(
  (s) => LOCAL_DATE_RE.test(s) && DateTime.fromISO(s, { zone: JST }).isValid,
  65_536,
);
/** Also refuses an instant whose Japan date is not a 4-digit year ('9999-12-31T20:00:00Z'). */
const validInstant = memoized((s) => {
  if (!INSTANT_RE.test(s)) return false;
  const dt = DateTime.fromISO(s, { zone: JST });
  return dt.isValid && LOCAL_DATE_RE.test(dt.toISODate() ?? '');
});

export function isLocalDate(s: unknown): s is LocalDate {
  return typeof s === 'string' && validLocalDate(s);
}

export function isMonth(s: unknown): s is YearMonth {
  return typeof s === 'string' && MONTH_RE.test(s) && DateTime.fromISO(`${s}-01`).isValid;
}

export function isInstant(s: unknown): s is Instant {
  return typeof s === 'string' && validInstant(s);
}

/**
 * The dates a command may name, and the Japan dates of the instants it may name. The service's
 * terms came into force on 2006-06-01, so nothing of a contract happened before 2000; and an
 * upper bound two centuries out keeps every date the ledger derives from one (a 3-year term,
 * a 30-day deadline, an early-termination settlement: a few years at most) far inside 4-digit
 * years, where 'YYYY-MM-DD' strings sort as their dates do. Past 9999 luxon writes '+010000-01-30',
 * which sorts before '2025-...' and made terms read as completed on their first day.
 */
export const DATE_RANGE = { first: '2000-01-01', last: '2199-12-31' } as const;

/**
 * What a stored event may hold. Wider than DATE_RANGE: events written before the range existed
 * (and before policy dates-within-supported-range refused derived dates past it, issue 26) stay
 * valid. Its upper bound leaves a century for derivations before 9999; events past it were broken
 * anyway.
 */
export const EVENT_DATE_RANGE = { first: '0000-01-01', last: '9899-12-31' } as const;

const within = (d: LocalDate, range: { readonly first: string; readonly last: string }): boolean =>
  d >= range.first && d <= range.last;

/** A valid date within DATE_RANGE. */
export function isDateInRange(s: unknown): s is LocalDate {
  return isLocalDate(s) && within(s, DATE_RANGE);
}

/** A valid instant whose Japan date is within DATE_RANGE. */
export function isInstantInRange(s: unknown): s is Instant {
  return isInstant(s) && within(jstDate(s), DATE_RANGE);
}

const RANGE = { first: DATE_RANGE.first, last: DATE_RANGE.last };
const EVENT_RANGE = { first: EVENT_DATE_RANGE.first, last: EVENT_DATE_RANGE.last };

/** A date for a command: a calendar date YYYY-MM-DD within DATE_RANGE, with a message for each fault. */
export const LocalDateSchema = z.string().superRefine((s, ctx) => {
  if (!isLocalDate(s)) ctx.addIssue(fieldIssue('calendarDate'));
  else if (!within(s, DATE_RANGE)) ctx.addIssue(fieldIssue('dateOutOfRange', { date: s, ...RANGE }));
});
export const YearMonthSchema = z.string().refine(isMonth, { message: FIELD_MESSAGES.month });
/** An instant for a command: an ISO-8601 date-time with an offset, its Japan date within DATE_RANGE. */
export const InstantSchema = z.string().superRefine((s, ctx) => {
  if (!isInstant(s)) ctx.addIssue(fieldIssue('instant'));
  else if (!within(jstDate(s), DATE_RANGE)) {
    ctx.addIssue(fieldIssue('instantOutOfRange', { instant: s, date: jstDate(s), ...RANGE }));
  }
});

/** A date in a stored event: within EVENT_DATE_RANGE. */
export const EventLocalDateSchema = z.string().superRefine((s, ctx) => {
  if (!isLocalDate(s)) ctx.addIssue(fieldIssue('calendarDate'));
  else if (!within(s, EVENT_DATE_RANGE))
    ctx.addIssue(fieldIssue('eventDateOutOfRange', { date: s, ...EVENT_RANGE }));
});
/** An instant in a stored event: its Japan date within EVENT_DATE_RANGE. */
export const EventInstantSchema = z.string().superRefine((s, ctx) => {
  if (!isInstant(s)) ctx.addIssue(fieldIssue('instant'));
  else if (!within(jstDate(s), EVENT_DATE_RANGE)) {
    ctx.addIssue(fieldIssue('eventInstantOutOfRange', { instant: s, ...EVENT_RANGE }));
  }
});

function parseDate(d: LocalDate): DateTime<true> {
  if (!isLocalDate(d)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(d)}`);
  return DateTime.fromISO(d, { zone: JST }) as DateTime<true>;
}

function parseMonth(m: YearMonth): DateTime<true> {
  if (!isMonth(m)) throw new RangeError(`Not a month (YYYY-MM): ${String(m)}`);
  return DateTime.fromISO(`${m}-01`, { zone: JST }) as DateTime<true>;
}

function toLocalDate(dt: DateTime<true>): LocalDate {
  return dt.toISODate();
}

function assertWholeNumber(n: number, label: string, min: number): void {
  if (!Number.isSafeInteger(n) || n < min) {
    throw new RangeError(`${label} must be a whole number >= ${min}, got ${String(n)}`);
  }
}

/** The instant as a luxon DateTime in Japan time. */
export function jstDateTime(instant: Instant): DateTime<true> {
  if (!isInstant(instant)) {
    throw new RangeError(`Not an ISO-8601 instant with an offset: ${String(instant)}`);
  }
  return DateTime.fromISO(instant, { zone: JST }) as DateTime<true>;
}

const JST_SECONDS = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\+09:00$/;

/**
 * The instant written in Japan time, to the second ('2025-10-08T10:00:00+09:00'). An instant already
 * written that way is its own rendering; any other goes through luxon.
 */
export function jstIso(instant: Instant): string {
  if (JST_SECONDS.test(instant) && isLocalDate(instant.slice(0, 10))) return instant;
  return jstDateTime(instant).toISO({ suppressMilliseconds: true });
}

/** The Japan date of an instant: 2025-03-31T15:30:00Z is 2025-04-01 in Japan. */
const jstDateOf = memoized((instant) => toLocalDate(jstDateTime(instant)));

export function jstDate(instant: Instant): LocalDate {
  // An instant written in Japan time names its Japan date (most instants the ledger records are).
  if (JST_SECONDS.test(instant) && isLocalDate(instant.slice(0, 10))) return instant.slice(0, 10);
  return jstDateOf(instant);
}

/** Luxon DateTime at 00:00 Japan time on the given date. */
export function localDateTime(d: LocalDate): DateTime<true> {
  return parseDate(d);
}

export function addDays(d: LocalDate, n: number): LocalDate {
  assertWholeNumber(n, 'Number of days', Number.MIN_SAFE_INTEGER);
  return addDaysMemo(`${d}|${n}`);
}

const addDaysMemo = memoized((key) => {
  const [d, n] = key.split('|') as [LocalDate, string];
  return toLocalDate(parseDate(d).plus({ days: Number(n) }));
}, 65_536);

/**
 * "Dから N日を経過する日": D itself is not counted (Art. 140), so N days have elapsed at the end
 * of D + N. Arrival 2025-04-01, 30 days → 2025-05-01.
 */
export function daysElapse(d: LocalDate, n: number): LocalDate {
  assertWholeNumber(n, 'Number of days', 0);
  return addDays(d, n);
}

/** "Dから N日以内": the last allowed day is D + N (Art. 140, 141). End 2025-05-01 → 2025-05-31. */
export function lastDayWithinDays(d: LocalDate, n: number): LocalDate {
  assertWholeNumber(n, 'Number of days', 0);
  return addDays(d, n);
}

/**
 * Art. 143: the last day of a period of `months` months whose first counted day is S. It ends the
 * day before the day corresponding to S `months` later, or on that month's last day where that
 * month has no such day. Never S.plus({months}).minus({days: 1}): luxon clamps 01-31 + 1 month to
 * 02-28 and would give 02-27.
 */
export function periodEnd(firstCountedDay: LocalDate, months: number): LocalDate {
  assertWholeNumber(months, 'Number of months', 1);
  return periodEndMemo(`${firstCountedDay}|${months}`);
}

const periodEndMemo = memoized((key) => {
  const [firstCountedDay, months] = key.split('|') as [LocalDate, string];
  const s = parseDate(firstCountedDay);
  const t = s.startOf('month').plus({ months: Number(months) });
  const end = s.day > t.daysInMonth ? t.endOf('month') : t.set({ day: s.day }).minus({ days: 1 });
  return toLocalDate(end);
});

/** "Dから Nヶ月を経過する日": D is not counted (Art. 140), so the period starts on D + 1. */
export function monthsElapse(d: LocalDate, n: number): LocalDate {
  return periodEnd(addDays(d, 1), n);
}

/**
 * Last day of a 1- or 3-year minimum term. Its 起算日 is named (the billing start date), so that
 * day is counted (Art. 5, 17(3)).
 */
export function minimumTermEnd(billingStart: LocalDate, years: 1 | 3): LocalDate {
  if (years !== 1 && years !== 3) throw new RangeError(`A minimum term is 1 or 3 years (Art. 5)`);
  return periodEnd(billingStart, 12 * years);
}

/** -1, 0 or 1 as a is before, equal to or after b. */
export function compareDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  // The format check is enough here: every date reaching the domain was validated on the way in,
  // and this comparison sits on the hot path of every command and replay.
  if (!LOCAL_DATE_RE.test(a)) parseDate(a);
  if (!LOCAL_DATE_RE.test(b)) parseDate(b);
  // 'YYYY-MM-DD' strings sort as their dates do.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later date; a missing second date (e.g. no requested date) yields the first. */
export function laterOf(a: LocalDate, b: LocalDate | null | undefined): LocalDate {
  if (b === null || b === undefined) return checkedDate(a);
  return compareDates(a, b) >= 0 ? a : b;
}

/** The earlier date; a missing second date yields the first. */
export function earlierOf(a: LocalDate, b: LocalDate | null | undefined): LocalDate {
  if (b === null || b === undefined) return checkedDate(a);
  return compareDates(a, b) <= 0 ? a : b;
}

const checkedDate = (d: LocalDate): LocalDate => {
  if (!isLocalDate(d)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(d)}`);
  return d;
};

export function monthOf(d: LocalDate): YearMonth {
  return checkedDate(d).slice(0, 7);
}

/**
 * A month's facts, worked out through luxon once per month: a settlement or a month's charges ask
 * them again and again of the same few months.
 */
const monthFacts = memoized((month) => {
  const m = parseMonth(month);
  return {
    days: m.daysInMonth,
    first: toLocalDate(m),
    last: toLocalDate(m.endOf('month')),
    next: m.plus({ months: 1 }).toFormat('yyyy-MM'),
  };
}, 65_536);

export function daysInMonth(month: YearMonth): number {
  return monthFacts(month).days;
}

export function firstDayOfMonth(month: YearMonth): LocalDate {
  return monthFacts(month).first;
}

export function lastDayOfMonth(month: YearMonth): LocalDate {
  return monthFacts(month).last;
}

export function addMonthsToMonth(month: YearMonth, n: number): YearMonth {
  assertWholeNumber(n, 'Number of months', Number.MIN_SAFE_INTEGER);
  if (n === 1) return monthFacts(month).next;
  return parseMonth(month).plus({ months: n }).toFormat('yyyy-MM');
}

/** Calendar months touched by from..to inclusive, in order; [] when to < from. */
/** The days of a span (from..to inclusive; `to` null: still running) that fall in `month`. */
export interface DaysInMonth {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly daysUsed: number;
  readonly daysInMonth: number;
}

/**
 * The span clipped to the month, with how many of the month's days it covers; null when it covers
 * none. The one clipping of a period to a month (the monthly fees of Annex 1 §2, the rest of a
 * term of Annex 2).
 */
export function spanInMonth(month: YearMonth, from: LocalDate, to: LocalDate | null): DaysInMonth | null {
  const m = monthFacts(month);
  if (compareDates(from, m.last) > 0 || (to !== null && compareDates(to, m.first) < 0)) return null;
  const start = compareDates(from, m.first) > 0 ? from : m.first;
  const end = to !== null && compareDates(to, m.last) < 0 ? to : m.last;
  const daysUsed = start === m.first && end === m.last ? m.days : daysInclusive(start, end);
  return { from: start, to: end, daysUsed, daysInMonth: m.days };
}

export function monthsCovering(from: LocalDate, to: LocalDate): YearMonth[] {
  if (compareDates(to, from) < 0) return [];
  const last = monthOf(to);
  const months: YearMonth[] = [];
  for (let m = monthOf(from); m <= last; m = addMonthsToMonth(m, 1)) months.push(m);
  return months;
}

/** Number of days from..to, both counted; 0 when to < from. */
export function daysInclusive(from: LocalDate, to: LocalDate): number {
  if (compareDates(to, from) < 0) return 0;
  return daysInclusiveMemo(`${from}|${to}`);
}

const daysInclusiveMemo = memoized((key) => {
  const [from, to] = key.split('|') as [LocalDate, LocalDate];
  // Asia/Tokyo has had no DST since 1951, so the difference is a whole number of days.
  return Math.round(parseDate(to).diff(parseDate(from), 'days').days) + 1;
}, 65_536);

/**
 * Art. 142 (a deadline on a Sunday or holiday moves to the next day, where business is customarily
 * not done then). Off by default: a deployment switches it on with its own holiday list.
 */
export type HolidayPolicy =
  | { readonly enabled: false }
  | { readonly enabled: true; readonly holidays: readonly LocalDate[]; readonly sundays: boolean };

export const DEADLINE_SHIFT_OFF: HolidayPolicy = { enabled: false };

export function shiftDeadline(d: LocalDate, policy: HolidayPolicy): LocalDate {
  let day = parseDate(d);
  if (!policy.enabled) return toLocalDate(day);
  const holidays = new Set(policy.holidays.map((h) => toLocalDate(parseDate(h))));
  const closed = (dt: DateTime<true>): boolean =>
    (policy.sundays && dt.weekday === 7) || holidays.has(toLocalDate(dt));
  while (closed(day)) day = day.plus({ days: 1 });
  return toLocalDate(day);
}

/**
 * -1, 0 or 1 as instant a is before, equal to or after b. Two UTC instants written alike (same
 * length, both ending in 'Z') compare as strings, which keeps "as known at T" folds over a long log
 * cheap; any other pair is compared through luxon.
 */
export function compareInstants(a: Instant, b: Instant): -1 | 0 | 1 {
  const sameUtcShape = a.length === b.length && a.endsWith('Z') && b.endsWith('Z');
  if (sameUtcShape && INSTANT_RE.test(a) && INSTANT_RE.test(b)) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const d = jstDateTime(a).toMillis() - jstDateTime(b).toMillis();
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}
