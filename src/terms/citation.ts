/**
 * References to the terms as data: an article with its paragraphs and item, an annex section, the
 * supplementary provisions, the Civil Code, the general terms, or one of the ledger's named
 * policies. A citation is a list of them. The ledger's canonical English notation
 * ('Art. 17(2)(2); Annex 1 §3(3)') is written by `citationText` and read back by `parseCitation`;
 * renderers (src/render) cite in either language from the data.
 */
import type { LocalDate } from './dates';
import type { PolicyName } from './policies';

/**
 * How the ledger reads the provision, where it is not a plain citation: by analogy (an option's
 * stop read as Art. 14(3)'s end of use), a provision silent on the point the rule settles, or the
 * edition before a supplementary provision changed it.
 */
export type Reading = 'by-analogy' | 'silent-on-overlap' | 'edition-before-2010-02-01';

export type ArticleRef =
  | {
      readonly kind: 'article';
      readonly article: number;
      /** Paragraphs (項), in order; several when the citation spans them (Art. 10(1)(2): 第1項・第2項). */
      readonly paragraphs: readonly number[];
      /** The item (号) of the one paragraph cited. */
      readonly item: number | null;
      /** The proviso (ただし書) of the paragraph. */
      readonly proviso: boolean;
      readonly reading: Reading | null;
    }
  | {
      readonly kind: 'annex';
      readonly annex: number;
      readonly section: number | null;
      readonly item: number | null;
    }
  | {
      readonly kind: 'supplementary';
      /** The amendment the provisions belong to (附則 of that date); null: the provisions as a whole. */
      readonly of: LocalDate | null;
      readonly paragraphs: readonly number[];
      readonly proviso: boolean;
    }
  | { readonly kind: 'civil-code'; readonly article: number }
  | { readonly kind: 'general-terms'; readonly article: number; readonly paragraphs: readonly number[] }
  | { readonly kind: 'policy'; readonly policy: PolicyName };

export type Citation = readonly ArticleRef[];

/**
 * The paragraphs of the terms whose parts are items (号): the next number after them is an item;
 * after any other paragraph it is another paragraph. Art. 8(2) (1)-(5), 14(1) (1)-(4), 16(3)
 * (1)-(3), 17(2) (1)-(7).
 */
const ITEMS_OF: ReadonlyMap<string, number> = new Map([
  ['8.2', 5],
  ['14.1', 4],
  ['16.3', 3],
  ['17.2', 7],
]);

const hasItems = (article: number, paragraph: number): boolean => ITEMS_OF.has(`${article}.${paragraph}`);

// ---------------------------------------------------------------------------------------------
// Building references

/**
 * `art(17, 2, 2)`: Art. 17(2)(2); `art(10, [1, 2])`: Art. 10(1)(2), two paragraphs; `art(5)`:
 * the whole article. An item needs one paragraph that has items.
 */
export const art = (article: number, paragraph?: number | readonly number[], item?: number): ArticleRef => {
  const paragraphs = paragraph === undefined ? [] : typeof paragraph === 'number' ? [paragraph] : paragraph;
  if (item !== undefined && (paragraphs.length !== 1 || !hasItems(article, paragraphs[0]!))) {
    throw new RangeError(`Art. ${article}(${paragraphs.join(')(')}) has no item ${item}.`);
  }
  return { kind: 'article', article, paragraphs, item: item ?? null, proviso: false, reading: null };
};

/** The proviso of a paragraph: Art. 17(3) proviso, 第17条第3項ただし書. */
export const proviso = (ref: ArticleRef): ArticleRef => {
  if (ref.kind !== 'article' && ref.kind !== 'supplementary')
    throw new RangeError('Only a paragraph has a proviso.');
  return { ...ref, proviso: true };
};

export const reading = (ref: ArticleRef, how: Reading): ArticleRef => {
  if (ref.kind !== 'article') throw new RangeError('Only an article is read so.');
  return { ...ref, reading: how };
};

/** `annex(1, 3, 3)`: Annex 1 §3(3), 別紙1の3.(3). */
export const annex = (n: number, section?: number, item?: number): ArticleRef => ({
  kind: 'annex',
  annex: n,
  section: section ?? null,
  item: item ?? null,
});

/** The supplementary provisions (附則), or those of the amendment of `of`, their paragraphs. */
export const supplementary = (of?: LocalDate, paragraphs: readonly number[] = []): ArticleRef => ({
  kind: 'supplementary',
  of: of ?? null,
  paragraphs,
  proviso: false,
});

export const civilCode = (article: number): ArticleRef => ({ kind: 'civil-code', article });

export const generalTerms = (article: number, paragraphs: readonly number[] = []): ArticleRef => ({
  kind: 'general-terms',
  article,
  paragraphs,
});

/** The ledger's own rule where the text is silent, cited by its name. */
export const policyRef = (policy: PolicyName): ArticleRef => ({ kind: 'policy', policy });

/** A citation of several references, flattening citations given among them. */
export const cite = (...refs: readonly (ArticleRef | Citation)[]): Citation =>
  refs.flatMap((r) => (Array.isArray(r) ? (r as Citation) : [r as ArticleRef]));

// ---------------------------------------------------------------------------------------------
// The canonical English notation

const READING_TEXT: { readonly [K in Reading]: string } = {
  'by-analogy': ' (by analogy)',
  'silent-on-overlap': ' (silent on overlap)',
  'edition-before-2010-02-01': ' (edition before 2010-02-01)',
};

const parens = (ns: readonly number[]) => ns.map((n) => `(${n})`).join('');

/** Consecutive paragraphs as the supplementary provisions' notes write them: 'para. 2-3'. */
const paraRange = (ps: readonly number[]): string =>
  ps.length > 1 && ps.every((p, i) => i === 0 || p === ps[i - 1]! + 1)
    ? `${ps[0]}-${ps[ps.length - 1]}`
    : ps.join(', ');

export const refText = (r: ArticleRef): string => {
  switch (r.kind) {
    case 'article':
      return `Art. ${r.article}${parens(r.paragraphs)}${r.item === null ? '' : `(${r.item})`}${r.proviso ? ' proviso' : ''}${r.reading ? READING_TEXT[r.reading] : ''}`;
    case 'annex':
      return `Annex ${r.annex}${r.section === null ? '' : ` §${r.section}`}${r.item === null ? '' : `(${r.item})`}`;
    case 'supplementary':
      return `Supplementary provisions${r.of === null ? '' : ` ${r.of}`}${r.paragraphs.length ? `, para. ${paraRange(r.paragraphs)}` : ''}${r.proviso ? ' proviso' : ''}`;
    case 'civil-code':
      return `Civil Code art. ${r.article}`;
    case 'general-terms':
      return `general terms art. ${r.article}${parens(r.paragraphs)}`;
    case 'policy':
      return `Policy ${r.policy}`;
  }
};

/** 'Art. 10(4); Annex 1 §3(3)': the notation of every `article` field the ledger writes. */
export const citationText = (c: Citation): string => c.map(refText).join('; ');

const ARTICLE =
  /^Art\. (\d+)((?:\(\d+\))*)( proviso)?( \((?:by analogy|silent on overlap|edition before 2010-02-01)\))?$/;
const ANNEX = /^Annex (\d+)(?: §(\d+)(?:\((\d+)\))?)?$/;
const SUPPLEMENTARY =
  /^Supplementary provisions(?: (\d{4}-\d{2}-\d{2}))?(?:, para\. (\d+)(?:-(\d+))?)?( proviso)?$/;
const CIVIL_CODE = /^Civil Code art\. (\d+)$/;
const GENERAL_TERMS = /^general terms art\. (\d+)((?:\(\d+\))*)$/;
const POLICY = /^Policy ([a-z0-9-]+)$/;

const numbers = (s: string | undefined): number[] =>
  [...(s ?? '').matchAll(/\((\d+)\)/g)].map((m) => Number(m[1]));

const READINGS = new Map<string, Reading>(
  (Object.entries(READING_TEXT) as [Reading, string][]).map(([k, v]) => [v, k]),
);

/** One reference in the canonical notation, or null when the text is not one. */
export const parseRef = (text: string): ArticleRef | null => {
  let m = ARTICLE.exec(text);
  if (m) {
    const article = Number(m[1]);
    const ns = numbers(m[2]);
    // After a paragraph with items the next number is an item; otherwise it is another paragraph.
    const first = ns[0];
    const isItem = first !== undefined && ns.length === 2 && hasItems(article, first);
    const ref: ArticleRef = {
      kind: 'article',
      article,
      paragraphs: isItem ? [first] : ns,
      item: isItem ? ns[1]! : null,
      proviso: m[3] !== undefined,
      reading: m[4] === undefined ? null : (READINGS.get(m[4]) ?? null),
    };
    return ref;
  }
  m = ANNEX.exec(text);
  if (m)
    return annex(
      Number(m[1]),
      m[2] === undefined ? undefined : Number(m[2]),
      m[3] === undefined ? undefined : Number(m[3]),
    );
  m = SUPPLEMENTARY.exec(text);
  if (m) {
    const from = m[2] === undefined ? null : Number(m[2]);
    const to = m[3] === undefined ? from : Number(m[3]);
    const paragraphs: number[] = [];
    if (from !== null && to !== null) for (let p = from; p <= to; p++) paragraphs.push(p);
    return { kind: 'supplementary', of: m[1] ?? null, paragraphs, proviso: m[4] !== undefined };
  }
  m = CIVIL_CODE.exec(text);
  if (m) return civilCode(Number(m[1]));
  m = GENERAL_TERMS.exec(text);
  if (m) return generalTerms(Number(m[1]), numbers(m[2]));
  m = POLICY.exec(text);
  if (m) return policyRef(m[1] as PolicyName);
  return null;
};

/**
 * The references of a citation in the canonical notation. A part that is not one (free words) is
 * kept as text, so that nothing a stored line says is lost: `{ kind: 'text' }`.
 */
export const parseCitation = (
  text: string,
): (ArticleRef | { readonly kind: 'text'; readonly text: string })[] =>
  text
    .split('; ')
    .filter((part) => part !== '')
    .map((part) => parseRef(part) ?? { kind: 'text' as const, text: part });
