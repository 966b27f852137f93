/** A return deadline's notes (Art. 14(3), 16(2)(3), Civil Code art. 142) in words. */
import type { DeadlineNote } from '../projections/return-deadlines';
import { date } from './format';
import { type Catalog, formatterOf, type Values } from './intl';
import type { Lang } from './lang';

export const DEADLINE_NOTE_MESSAGES: Catalog<DeadlineNote['kind']> = {
  en: {
    'due-shifted': 'due day moved from {from} to {to} under Civil Code art. 142 (policy deadline-shift)',
    'returned-after-charge':
      'returned after a loss charge was quoted: the charge is not refunded (Art. 16(3)(2))',
    'returned-late':
      'returned after {dueOn}: it counted as lost under Art. 16(2){chargeQuoted, select, yes {; loss charge quoted} other {; no loss charge quoted yet}}',
    overdue:
      'not returned by {dueOn}: to be treated as lost under Art. 16(2){chargeQuoted, select, yes {; loss charge quoted} other {; no loss charge quoted yet}}',
  },
  ja: {
    'due-shifted': '民法第142条により期限を{from}から{to}に繰り延べ（方針「期間の末日の繰延べ」）',
    'returned-after-charge': '亡失負担金の提示後に返還。亡失負担金は返金しない（第16条第3項第2号）',
    'returned-late':
      '{dueOn}より後に返還。第16条第2項により亡失品として扱われた{chargeQuoted, select, yes {。亡失負担金は提示済み} other {。亡失負担金は未提示}}',
    overdue:
      '{dueOn}までに返還がない。第16条第2項により亡失品として扱う{chargeQuoted, select, yes {。亡失負担金は提示済み} other {。亡失負担金は未提示}}',
  },
};

const format = formatterOf(DEADLINE_NOTE_MESSAGES);

const valuesOf = (lang: Lang, n: DeadlineNote): Values => {
  switch (n.kind) {
    case 'due-shifted':
      return { from: date(lang, n.from), to: date(lang, n.to) };
    case 'returned-after-charge':
      return {};
    case 'returned-late':
    case 'overdue':
      return { dueOn: date(lang, n.dueOn), chargeQuoted: n.chargeQuoted ? 'yes' : 'no' };
  }
};

/** The notes as one sentence, or null without notes (the v1 `note` field). */
export const deadlineNotesText = (lang: Lang, notes: readonly DeadlineNote[]): string | null =>
  notes.length === 0
    ? null
    : notes.map((n) => format(lang, n.kind, valuesOf(lang, n))).join(lang === 'ja' ? '。' : '; ');
