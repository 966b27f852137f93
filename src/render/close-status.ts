/** A billing month's close in words, under the title of its charges (the CLI's table, the console's month). */
import type { BilledMonth } from '../projections/adjustments';
import { instant, month } from './format';
import type { Lang } from './lang';
import { ui } from './ui';

/** What the table says about a month's close, under its title. */
export const closeStatusLine = (billed: BilledMonth, lang: Lang = 'en'): string | null =>
  closeStatusOf(billed, billed.charges.lines.filter((l) => l.kind === 'adjustment').length, lang);

/** The same, of a month read as it streams: its head, and how many adjustments its lines hold. */
export const closeStatusOf = (
  billed: Omit<BilledMonth, 'charges'>,
  adjustments: number,
  lang: Lang = 'en',
): string | null => {
  const c = billed.close;
  // English shows the instant as recorded (the README's outputs); Japanese in Japan time's words.
  const closedAt = c === null ? '' : lang === 'en' ? c.closedAt : instant(lang, c.closedAt);
  if (c && !billed.recomputed)
    return ui(lang, 'charges.closed', { closedAt, closedBy: c.closedBy, closeId: c.closeId });
  if (c)
    return ui(lang, 'charges.recomputed', {
      month: billed.month,
      monthText: month(lang, billed.month),
      closedAt,
      closeId: c.closeId,
    });
  if (billed.carriesAdjustments) return ui(lang, 'charges.carries', { count: adjustments });
  return null;
};
