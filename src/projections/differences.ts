/**
 * What changes between two versions of the same contracts (today's, and after some commands): the
 * charge lines month by month, the minimum terms, the return deadlines. Pure: the caller folds both
 * versions (and applies an as-of date to both); `vpn-ledger what-if` shows the result.
 *
 * Which months: only those of the contracts given, found from their billing schedules, never from
 * the rest of the ledger. A dated line (a fee, a settlement, a reduction) differs in its own month.
 * A monthly fee that differs is compared month by month from its first segment to the month after
 * its last boundary (a segment's start or end, a step within one, the service's end); after that month both versions
 * bill whole months of the same open segment (or none), so every later month differs exactly as
 * that one does: it is reported as `ongoingFrom`.
 */
import { addMonthsToMonth, type LocalDate, monthOf, type YearMonth } from '../terms';
import {
  type BillingSchedule,
  billingSchedule,
  type ChargeLine,
  compareLines,
  datedLines,
  type FeeSeries,
  monthWindow,
  scheduleLinesForMonth,
} from './charges';
import type { ContractFacts } from './facts';
import { contractTerms, type MinimumTerm, optionTerms } from './minimum-terms';
import { compareDeadlines, contractReturnDeadlines, type ReturnDeadline } from './return-deadlines';

/** One contract in both versions; null where it does not exist (a new application, or nothing as of the date). */
export interface ContractVersions {
  readonly contractId: string;
  readonly before: ContractFacts | null;
  readonly after: ContractFacts | null;
}

export interface Changed<T> {
  readonly before: T;
  readonly after: T;
}

export interface Differences<T> {
  readonly added: readonly T[];
  readonly removed: readonly T[];
  readonly changed: readonly Changed<T>[];
}

export interface BillToTotals {
  readonly billTo: string;
  readonly before: number;
  readonly after: number;
  readonly difference: number;
}

export interface MonthDifference extends Differences<ChargeLine> {
  readonly month: YearMonth;
  /** The month's lines of the contracts given, per contractor billed, in both versions. */
  readonly totals: readonly BillToTotals[];
  readonly before: number;
  readonly after: number;
  readonly difference: number;
}

export interface ChargeDifferences {
  /** Every month whose lines differ, in order. */
  readonly months: readonly MonthDifference[];
  /**
   * From this month on, every month differs by the same lines and amounts as this one (a monthly
   * fee that runs on without an end in one version, or at another fee); it is the last of `months`.
   * Null when the differences end.
   */
  readonly ongoingFrom: YearMonth | null;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The differences of two lists of things with a key (each key at most once per list). */
export function differencesBy<T>(
  before: readonly T[],
  after: readonly T[],
  key: (t: T) => string,
): Differences<T> {
  const was = new Map(before.map((t) => [key(t), t]));
  const is = new Map(after.map((t) => [key(t), t]));
  const added: T[] = [];
  const removed: T[] = [];
  const changed: Changed<T>[] = [];
  for (const [k, b] of was) {
    const a = is.get(k);
    if (a === undefined) removed.push(b);
    else if (!same(a, b)) changed.push({ before: b, after: a });
  }
  for (const [k, a] of is) if (!was.has(k)) added.push(a);
  return { added, removed, changed };
}

const seriesKey = (s: FeeSeries) => `${s.kind}\u0000${s.key ?? ''}`;

/**
 * Every date where a series' lines can change: its segments' starts and ends, the steps merged into
 * a segment (a model change at the same fee: its notes and sources from then on), its end.
 */
function seriesDates(s: FeeSeries | undefined): LocalDate[] {
  if (!s) return [];
  const dates: LocalDate[] = [];
  for (const seg of s.segments) {
    dates.push(seg.from);
    if (seg.to !== null) dates.push(seg.to);
    for (const step of seg.steps) dates.push(step.from);
  }
  if (s.end) dates.push(s.end.on);
  return dates;
}

const maxMonth = (a: YearMonth | null, b: YearMonth): YearMonth => (a === null || b > a ? b : a);
const minMonth = (a: YearMonth | null, b: YearMonth): YearMonth => (a === null || b < a ? b : a);

/**
 * Where one contract's lines may differ (a superset; months that turn out equal are dropped): the
 * months of its dated lines that differ, the first month of each monthly fee that differs (it may
 * differ from then on), and the first month after every date where either version's lines change.
 */
function candidateMonths(
  before: BillingSchedule | null,
  after: BillingSchedule | null,
): { months: Set<YearMonth>; seriesFrom: YearMonth[]; tail: YearMonth | null } {
  const months = new Set<YearMonth>();
  const seriesFrom: YearMonth[] = [];
  let last: YearMonth | null = null;
  const dated = differencesBy(before ? datedLines(before) : [], after ? datedLines(after) : [], (l) => l.id);
  for (const l of [...dated.added, ...dated.removed, ...dated.changed.map((c) => c.after)]) {
    months.add(l.month);
    last = maxMonth(last, l.month);
  }
  const was = new Map((before?.series ?? []).map((s) => [seriesKey(s), s]));
  const is = new Map((after?.series ?? []).map((s) => [seriesKey(s), s]));
  for (const key of new Set([...was.keys(), ...is.keys()])) {
    const b = was.get(key);
    const a = is.get(key);
    if (b && a && same(a, b)) continue;
    let first: YearMonth | null = null;
    for (const d of [...seriesDates(b), ...seriesDates(a)]) {
      first = minMonth(first, monthOf(d));
      last = maxMonth(last, monthOf(d));
    }
    if (first !== null) seriesFrom.push(first);
  }
  return { months, seriesFrom, tail: last === null ? null : addMonthsToMonth(last, 1) };
}

function monthDifference(
  month: YearMonth,
  schedules: readonly { before: BillingSchedule | null; after: BillingSchedule | null }[],
): MonthDifference | null {
  const window = monthWindow(month);
  const before: ChargeLine[] = [];
  const after: ChargeLine[] = [];
  for (const s of schedules) {
    if (s.before) before.push(...scheduleLinesForMonth(s.before, window));
    if (s.after) after.push(...scheduleLinesForMonth(s.after, window));
  }
  const d = differencesBy(before, after, (l) => l.id);
  if (d.added.length + d.removed.length + d.changed.length === 0) return null;
  const totals = new Map<string, { before: number; after: number }>();
  const add = (l: ChargeLine, side: 'before' | 'after') => {
    const t = totals.get(l.billTo) ?? { before: 0, after: 0 };
    t[side] += l.amount;
    totals.set(l.billTo, t);
  };
  for (const l of before) add(l, 'before');
  for (const l of after) add(l, 'after');
  const sum = (lines: readonly ChargeLine[]) => lines.reduce((s, l) => s + l.amount, 0);
  return {
    month,
    added: [...d.added].sort(compareLines),
    removed: [...d.removed].sort(compareLines),
    changed: [...d.changed].sort((x, y) => compareLines(x.after, y.after)),
    totals: [...totals.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([billTo, t]) => ({ billTo, ...t, difference: t.after - t.before })),
    before: sum(before),
    after: sum(after),
    difference: sum(after) - sum(before),
  };
}

/** The charge lines that differ between the two versions of the contracts, month by month. */
export function chargeDifferences(contracts: readonly ContractVersions[]): ChargeDifferences {
  const schedules = contracts.map((c) => ({
    before: c.before && billingSchedule(c.before),
    after: c.after && billingSchedule(c.after),
  }));
  const months = new Set<YearMonth>();
  const seriesFrom: YearMonth[] = [];
  let tail: YearMonth | null = null;
  for (const s of schedules) {
    const found = candidateMonths(s.before, s.after);
    for (const m of found.months) months.add(m);
    seriesFrom.push(...found.seriesFrom);
    if (found.tail !== null) tail = maxMonth(tail, found.tail);
  }
  if (tail !== null) {
    months.add(tail);
    // A monthly fee that differs may differ in every month from its first to the tail.
    for (const first of seriesFrom) for (let m = first; m < tail; m = addMonthsToMonth(m, 1)) months.add(m);
  }
  const out: MonthDifference[] = [];
  for (const month of [...months].sort()) {
    const d = monthDifference(month, schedules);
    if (d) out.push(d);
  }
  const lastMonth = out[out.length - 1];
  return { months: out, ongoingFrom: lastMonth && lastMonth.month === tail ? tail : null };
}

/** Every minimum term of a contract and of its options. */
const termsOf = (c: ContractFacts | null): MinimumTerm[] =>
  c === null ? [] : [...contractTerms(c), ...[...c.options.values()].flatMap((o) => optionTerms(c, o))];

const termKey = (t: MinimumTerm) => [t.contractId, t.optionId ?? '', t.reason, t.start].join('\u0000');

/** The minimum terms that start, end differently or are superseded in the second version. */
export function termDifferences(contracts: readonly ContractVersions[]): Differences<MinimumTerm> {
  return differencesBy(
    contracts.flatMap((c) => termsOf(c.before)),
    contracts.flatMap((c) => termsOf(c.after)),
    termKey,
  );
}

/** The return deadlines (Art. 14(3)) that are new, gone or changed, with their status on `date`. */
export function deadlineDifferences(
  contracts: readonly ContractVersions[],
  date: LocalDate,
): Differences<ReturnDeadline> {
  const of = (c: ContractFacts | null) => (c === null ? [] : contractReturnDeadlines(c, date));
  const d = differencesBy(
    contracts.flatMap((c) => of(c.before)),
    contracts.flatMap((c) => of(c.after)),
    (x) => `${x.contractId}\u0000${x.itemId}`,
  );
  return {
    added: [...d.added].sort(compareDeadlines),
    removed: [...d.removed].sort(compareDeadlines),
    changed: [...d.changed].sort((x, y) => compareDeadlines(x.after, y.after)),
  };
}
