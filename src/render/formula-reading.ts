/**
 * The numbers of a formula named in words, for a reader who is not an accountant: under
 * `floor(18,000 × 16 / 31) + 5 × 18,000 = 99,290` an explanation says that 16 is the days left in
 * October 2025 (of its 31) and 5 the months November 2025 to March 2026 (「2025年10月の残日数16日
 * （31日中）、2025年11月～2026年3月の5か月」). The names come only from what the formula carries
 * (src/projections/charge-data.ts): its months, days, hours. A line recorded before the formulas
 * carried their months (a close in the log) is read without the month names.
 */
import { DateTime } from 'luxon';
import type { ChargeFormula, MonthShare } from '../projections/charge-data';
import { formatYen } from '../terms/money';
import { type Catalog, formatterOf } from './intl';
import type { Lang } from './lang';

type ReadingKey =
  | 'reading'
  | 'part.first'
  | 'part.last'
  | 'part.within'
  | 'part.days'
  | 'part.months'
  | 'part.monthsUnnamed'
  | 'fee.days'
  | 'reduction.days'
  | 'config.devices';

export const READING_MESSAGES: Catalog<ReadingKey> = {
  en: {
    reading: 'Where: {parts}.',
    'part.first': '{days} = the days left in {month} after the last day billed (of its {daysInMonth})',
    'part.last': "{days} = the days of {month} up to the term's last day (of its {daysInMonth})",
    'part.within': '{days} = the days of {month} in the rest of the term (of its {daysInMonth})',
    'part.days': '{days} = days of a month of {daysInMonth} days',
    'part.months':
      '{count} = {count, plural, =1 {the whole month of {from}} other {the whole months {from} to {to}}}',
    'part.monthsUnnamed': '{count} = {count, plural, one {a whole month} other {whole months}}',
    'fee.days': '{days} = the days billed of {month} (of its {daysInMonth})',
    'reduction.days':
      '{days} = the days the service could not be used ({hours} hours, counted in whole days of 24 hours); 30 = the days Annex 3 divides the monthly fee {fee} yen by',
    'config.devices':
      '{devices} = the VPN devices of the job; {perDevice} yen = the fee per device for a job started {within, select, yes {within} other {outside}} business hours',
  },
  ja: {
    reading: '内訳: {parts}。',
    'part.first': '{month}の残日数{days}日（{daysInMonth}日中）',
    'part.last': '{month}の最低利用期間の末日までの{days}日（{daysInMonth}日中）',
    'part.within': '{month}のうち残りの期間の{days}日（{daysInMonth}日中）',
    'part.days': '{daysInMonth}日の月のうち{days}日',
    'part.months': '{count, plural, =1 {{from}の1か月} other {{from}～{to}の#か月}}',
    'part.monthsUnnamed': '満了までの{count}か月',
    'fee.days': '{month}の利用日数{days}日（{daysInMonth}日中）',
    'reduction.days':
      '利用できなかった{hours}時間を24時間ごとに数えた{days}日。30は別表3が月額料金{fee}円を割る日数',
    'config.devices':
      '作業の対象のVPN機器{devices}台。1台当たり{perDevice}円は営業時間{within, select, yes {内} other {外}}に開始した作業の料金',
  },
};

const format = formatterOf(READING_MESSAGES);

/** A month in words: October 2025 / 2025年10月. */
const monthName = (lang: Lang, ym: string): string => {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return lang === 'ja'
    ? `${y}年${m}月`
    : DateTime.fromObject({ year: y, month: m, day: 1 }).setLocale('en').toFormat('LLLL yyyy');
};

/** The parts of a settlement (Annex 2), whole months grouped, as the formula text groups them. */
const partsNamed = (lang: Lang, parts: readonly MonthShare[], from: string, to: string): string[] => {
  const out: string[] = [];
  let run: MonthShare[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const first = run[0]!.month;
    const last = run[run.length - 1]!.month;
    out.push(
      first === undefined || last === undefined
        ? format(lang, 'part.monthsUnnamed', { count: run.length })
        : format(lang, 'part.months', {
            count: run.length,
            from: monthName(lang, first),
            to: monthName(lang, last),
          }),
    );
    run = [];
  };
  for (const p of parts) {
    if (p.daysUsed === p.daysInMonth) {
      run.push(p);
      continue;
    }
    flush();
    const values = { days: p.daysUsed, daysInMonth: p.daysInMonth };
    if (p.month === undefined) {
      out.push(format(lang, 'part.days', values));
      continue;
    }
    const starts = from.startsWith(p.month);
    const ends = to.startsWith(p.month);
    const key = starts && ends ? 'part.within' : starts ? 'part.first' : 'part.last';
    out.push(format(lang, key, { ...values, month: monthName(lang, p.month) }));
  }
  flush();
  return out;
};

/** What a formula's numbers are, in one sentence; null when the formula has no number to name. */
export function formulaReading(f: ChargeFormula, lang: Lang = 'en'): string | null {
  let parts: string[] = [];
  switch (f.kind) {
    case 'rest-of-term':
    case 'rest-of-term-exempt':
      parts = partsNamed(lang, f.parts, f.from, f.to);
      break;
    case 'monthly-fee':
      if (f.daysUsed !== f.daysInMonth && f.month !== undefined)
        parts = [
          format(lang, 'fee.days', {
            days: f.daysUsed,
            daysInMonth: f.daysInMonth,
            month: monthName(lang, f.month),
          }),
        ];
      break;
    case 'reduction':
      if (f.days > 0)
        parts = [format(lang, 'reduction.days', { days: f.days, hours: f.hours, fee: formatYen(f.fee) })];
      break;
    case 'config-change-fee':
      parts = [
        format(lang, 'config.devices', {
          devices: f.devices,
          perDevice: formatYen(f.perDevice),
          within: f.withinBusinessHours ? 'yes' : 'no',
        }),
      ];
      break;
    default:
      return null;
  }
  if (parts.length === 0) return null;
  return format(lang, 'reading', { parts: parts.join(lang === 'ja' ? '、' : '; ') });
}
