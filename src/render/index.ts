/**
 * The ledger in words, in either language. The domain returns data (rejection codes with their
 * parameters and citations, timeline steps, charge formulas and notes, named policies); a program
 * at the edge asks `renderer(lang)` for the words, per run (the CLI) or per request (a server).
 */
import type { ChargeFormula, ChargeNote } from '../projections/charge-data';
import type { ContractSnapshot } from '../projections/contract-state';
import type { DeadlineNote } from '../projections/return-deadlines';
import type { TimelineStep } from '../projections/timeline';
import type { Citation } from '../terms/citation';
import type { PolicyName } from '../terms/policies';
import type { Rejection } from '../terms/rejections';
import { formulaText, notesText, noteText } from './charge-text';
import { articleIn, citeIn } from './citation';
import { deadlineNotesText } from './deadlines';
import { date, instant, money, month } from './format';
import { formulaReading } from './formula-reading';
import type { Values } from './intl';
import type { Lang } from './lang';
import { policyArticle, policyText } from './policies';
import { rejectionMessage } from './rejections';
import { stepArticle, stepText } from './timeline';
import { type UiKey, ui } from './ui';
import { type Vocabulary, word } from './words';

export { chooseLang, isLang, LANG_ENV, LANGS, type Lang } from './lang';

/**
 * A refusal as a command's result carries it (a rejected CommandResult of src/ledger, a close's or
 * a seal's): its code, parameters, citation and field, as data.
 */
export interface RefusedResult {
  readonly code: Rejection['code'];
  readonly params: Rejection['params'];
  readonly citation: Citation;
  readonly field?: string;
}

export interface Renderer {
  readonly lang: Lang;
  /** A rejection's sentence. */
  rejection(r: Rejection): string;
  /** A refused result's sentence (from its code, parameters and citation), in this language. */
  resultMessage(result: RefusedResult): string;
  /** A citation: data, or the ledger's notation as stored in an `article` field. */
  citation(c: Citation | string): string;
  step(step: Pick<TimelineStep, 'kind' | 'params'>): string;
  stepArticle(step: Pick<TimelineStep, 'article'>): string;
  formula(f: ChargeFormula): string;
  /** What the formula's numbers are, in a sentence (formula-reading.ts); null when none needs naming. */
  formulaReading(f: ChargeFormula): string | null;
  note(n: ChargeNote): string;
  /** The notes as one sentence, or null without any (the v1 `note` field). */
  notes(notes: readonly ChargeNote[]): string | null;
  deadlineNotes(notes: readonly DeadlineNote[]): string | null;
  policy(name: PolicyName): { readonly description: string; readonly article: string };
  word<V extends keyof Vocabulary>(vocabulary: V, code: string): string;
  money(yen: number): string;
  date(d: string): string;
  /** A billing month (YYYY-MM): as it is in English, 2025年10月 in Japanese. */
  month(ym: string): string;
  instant(at: string): string;
  ui(key: UiKey, values?: Values): string;
  /** A contract's termination, as `state` and the console tell it. */
  termination(t: NonNullable<ContractSnapshot['termination']>): string;
}

const renderers = new Map<Lang, Renderer>();

/** The renderer of `lang` (one per language, made once). */
export const renderer = (lang: Lang): Renderer => {
  let r = renderers.get(lang);
  if (r) return r;
  r = {
    lang,
    rejection: (x) => rejectionMessage(lang, x),
    resultMessage: (result) =>
      rejectionMessage(lang, {
        code: result.code,
        params: result.params,
        cite: result.citation,
        ...(result.field ? { field: result.field } : {}),
      } as Rejection),
    citation: (c) => (typeof c === 'string' ? articleIn(lang, c) : citeIn(lang, c)),
    step: (s) => stepText(lang, s),
    stepArticle: (s) => stepArticle(lang, s),
    formula: (f) => formulaText(f, lang),
    formulaReading: (f) => formulaReading(f, lang),
    note: (n) => noteText(n, lang),
    notes: (n) => notesText(n, lang),
    deadlineNotes: (n) => deadlineNotesText(lang, n),
    policy: (name) => ({ description: policyText(lang, name), article: policyArticle(lang, name) }),
    word: (v, code) => word(lang, v, code),
    money: (yen) => money(lang, yen),
    date: (d) => date(lang, d),
    month: (ym) => month(lang, ym),
    instant: (at) => instant(lang, at),
    ui: (key, values) => ui(lang, key, values),
    termination: (t) =>
      ui(lang, 'state.termination', {
        terminated: t.terminated ? 'yes' : 'no',
        effectiveOn: date(lang, t.effectiveOn),
        noticeArrivedOn: t.noticeArrivedOn ? date(lang, t.noticeArrivedOn) : 'none',
        requestedOn: t.requestedOn ? date(lang, t.requestedOn) : 'none',
        ground: word(lang, 'ground', t.ground),
        evidenceRef: t.evidenceRef ?? 'none',
      }),
  };
  renderers.set(lang, r);
  return r;
};
