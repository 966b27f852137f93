/**
 * Citations in words. English keeps the ledger's notation (Art. 17(2)(2); Annex 1 §3(3)); Japanese
 * cites as the terms number their own provisions (第17条第2項第2号、別紙1の3.(3)), with the
 * supplementary provisions by the era date of their amendment (附則（平成22年2月1日変更）).
 */
import { type ArticleRef, type Citation, citationText, parseCitation, type Reading } from '../terms/citation';
import type { Lang } from './lang';
import { policyName } from './policy-names';

const READING_JA: { readonly [K in Reading]: string } = {
  'by-analogy': '（類推）',
  'silent-on-overlap': '（重複については定めなし）',
  'edition-before-2010-02-01': '（平成22年2月1日変更前）',
};

/** 第1項, 第1項及び第2項, 第1項、第2項及び第4項. */
const paragraphsJa = (ps: readonly number[]): string => {
  const each = ps.map((p) => `第${p}項`);
  if (each.length <= 1) return each.join('');
  return `${each.slice(0, -1).join('、')}及び${each[each.length - 1]}`;
};

const eraDate = (d: string): string =>
  new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    era: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(`${d}T00:00:00+09:00`));

export const refJa = (r: ArticleRef): string => {
  switch (r.kind) {
    case 'article':
      return `第${r.article}条${paragraphsJa(r.paragraphs)}${r.item === null ? '' : `第${r.item}号`}${r.proviso ? 'ただし書' : ''}${r.reading ? READING_JA[r.reading] : ''}`;
    case 'annex':
      if (r.section === null) return `別紙${r.annex}`;
      return r.item === null ? `別紙${r.annex}の${r.section}` : `別紙${r.annex}の${r.section}.(${r.item})`;
    case 'supplementary':
      return `附則${r.of === null ? '' : `（${eraDate(r.of)}変更）`}${paragraphsJa(r.paragraphs)}${r.proviso ? 'ただし書' : ''}`;
    case 'civil-code':
      return `民法第${r.article}条`;
    case 'general-terms':
      return `一般規程第${r.article}条${paragraphsJa(r.paragraphs)}`;
    case 'policy':
      return `方針「${policyName('ja', r.policy)}」`;
  }
};

/** A citation as data, in the language. */
export const citeIn = (lang: Lang, c: Citation): string =>
  lang === 'ja' ? c.map(refJa).join('、') : citationText(c);

/**
 * A citation as the ledger stores it (its `article` fields), in the language: English as stored,
 * Japanese from its references (a part that is not a reference is kept as it was written).
 */
export const articleIn = (lang: Lang, article: string): string =>
  lang === 'ja'
    ? parseCitation(article)
        .map((r) => (r.kind === 'text' ? r.text : refJa(r)))
        .join('、')
    : article;
