/**
 * Money, dates, instants and lists as each language writes them: `12,345 yen` / `12,345円`,
 * `2025-04-01` / `2025年4月1日`, `2025-10-14 22:00:00 JST` / `2025年10月14日 22:00:00（日本時間）`.
 * Japan time throughout, and an instant always says so.
 */
import { formatYen, isInstant, isLocalDate, jstDateTime } from '../terms';
import type { Lang } from './lang';

export const money = (lang: Lang, amount: number): string =>
  lang === 'ja' ? `${formatYen(amount)}円` : `${formatYen(amount)} yen`;

/** A calendar date: ISO in English, 2025年4月1日 in Japanese. */
export const date = (lang: Lang, d: string): string => {
  if (lang === 'en' || !isLocalDate(d)) return d;
  const [y, m, day] = d.split('-');
  return `${Number(y)}年${Number(m)}月${Number(day)}日`;
};

/** A month: 2025-10 / 2025年10月. */
export const month = (lang: Lang, ym: string): string => {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  return lang === 'en' || m === null ? ym : `${Number(m[1])}年${Number(m[2])}月`;
};

/** An instant in Japan time, to the second, with the zone named. */
export const instant = (lang: Lang, at: string): string => {
  if (!isInstant(at)) return at;
  const t = jstDateTime(at);
  return lang === 'ja'
    ? `${t.year}年${t.month}月${t.day}日 ${t.toFormat('HH:mm:ss')}（日本時間）`
    : t.toFormat("yyyy-MM-dd HH:mm:ss 'JST'");
};

/** A span of days, inclusive: 2025-10-16..2026-03-31 / 2025年10月16日～2026年3月31日. */
export const span = (lang: Lang, from: string, to: string): string =>
  lang === 'ja' ? `${date(lang, from)}～${date(lang, to)}` : `${from}..${to}`;

/** Items in a row: `a, b` / `a、b`. */
export const list = (lang: Lang, xs: readonly string[]): string => xs.join(lang === 'ja' ? '、' : ', ');
