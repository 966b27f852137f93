/**
 * What is wrong with a field or a parameter, in words: a field problem of a command or a request
 * (its zod issue as data, src/terms/field-messages.ts) and a parameter that cannot be read (a month,
 * a date, "known at"). English is the ledger's own message as the schema gave it; Japanese is worded
 * from the issue: the ledger's messages by their key, zod's issues by their code. zod 4's own
 * Japanese (z.locales.ja) leaves zod's type and origin names in English (「stringが期待されました」),
 * so the types and bounds are put in the ledger's words here instead.
 */

import { isInstant, isLocalDate } from '../terms/dates';
import {
  FIELD_MESSAGES,
  type FieldIssue,
  type FieldMessageKey,
  type ParameterProblem,
} from '../terms/field-messages';
import { date, instant, month } from './format';
import { type Catalog, formatterOf, type Messages, type Values } from './intl';
import type { Lang } from './lang';

const FIELD_JA: Messages<FieldMessageKey> = {
  wholeYen: '円単位の整数の金額が必要です',
  negativeYen: '金額は負にできません',
  yenTooLarge: '金額が大きすぎます: {max}円まで（料金の合計を正確に保つため）',
  eventYenTooLarge: '金額が大きすぎます: {max}円まで（それより大きい整数は正確に表せません）',
  fractionYen: '金額は円単位の整数です: 端数は使えません',
  safeYen: '金額は正確に表せる円単位の整数でなければなりません',
  empty: '空にはできません',
  idCharacters: 'IDには英数字と . _ : - だけが使え、英数字で始まります',
  termYears: '最低利用期間は1年又は3年です（第5条）',
  country: '国は JP のような2文字の国コードで指定します',
  calendarDate: '日付は「年4桁-月2桁-日2桁」の形で指定します',
  instant: '日時は時差（+09:00 など）を含めて指定します',
  dateOutOfRange: '日付 {date} は範囲外です: 使えるのは{first}から{last}まで（日本時間）',
  instantOutOfRange:
    '日時 {instant}（日本時間の日付 {date}）は範囲外です: 使えるのは{first}から{last}まで（日本時間）',
  eventDateOutOfRange: '日付 {date} は記録されたイベントが持てる範囲（{first}から{last}まで）の外です',
  eventInstantOutOfRange: '日時 {instant} は記録されたイベントが持てる範囲（{first}から{last}まで）の外です',
  month: '月は「年4桁-月2桁」の形で指定します',
  monthRange: '使える月は{first}から{last}までです',
  hex64: '16進数（小文字）の64桁が必要です',
  decimalPosition: '位置は10進数で指定します',
  uuid: '小文字の UUID が必要です',
  unknownFields: '不明な項目: {keys}',
  unknownCommandType: 'コマンドの種類「{type}」はありません。使える種類: {known}',
};

const FIELD_CATALOG: Catalog<FieldMessageKey> = { en: FIELD_MESSAGES, ja: FIELD_JA };

/** zod's issues, by code, for a field the ledger's schemas do not word themselves. */
const ISSUE_EN = {
  invalid_type:
    '{state, select, missing {Invalid input: expected {expected}, received undefined} given {Invalid input: expected {expected}, received {received}} other {Invalid input: expected {expected}}}',
  too_small:
    'Too small: expected {origin} to have {inclusive, select, yes {>=} other {>}}{minimum}{origin, select, string { characters} array { items} other {}}',
  too_big:
    'Too big: expected {origin} to have {inclusive, select, yes {<=} other {<}}{maximum}{origin, select, string { characters} array { items} other {}}',
  invalid_format: 'Invalid {format, select, regex {string: it does not match the pattern} other {{format}}}',
  invalid_value: 'Invalid option: expected one of {values}',
  not_multiple_of: 'Invalid number: expected a multiple of {divisor}',
  other: 'Invalid input',
} as const;
type IssueKey = keyof typeof ISSUE_EN;

const ISSUE_JA: Messages<IssueKey> = {
  invalid_type:
    '{state, select, missing {値がありません（{expected}が必要です）} given {{expected}が必要ですが、{received}が指定されています} other {{expected}が必要です}}',
  too_small:
    '{origin, select, string {{minimum}文字{inclusive, select, yes {以上} other {を超える長さ}}} array {{minimum}個{inclusive, select, yes {以上} other {を超える数}}} other {{minimum}{inclusive, select, yes {以上} other {を超える値}}}}でなければなりません',
  too_big:
    '{origin, select, string {{maximum}文字{inclusive, select, yes {以下} other {未満}}} array {{maximum}個{inclusive, select, yes {以下} other {未満}}} other {{maximum}{inclusive, select, yes {以下} other {未満}}}}でなければなりません',
  invalid_format: '形式が正しくありません',
  invalid_value: '{values} のいずれかでなければなりません',
  not_multiple_of: '{divisor}の倍数でなければなりません',
  other: '値が正しくありません',
};

const ISSUE_CATALOG: Catalog<IssueKey> = { en: ISSUE_EN, ja: ISSUE_JA };

/** The types zod names (`expected`, `received`), in the language. */
const TYPES_JA: Readonly<Record<string, string>> = {
  string: '文字列',
  number: '数値',
  int: '整数',
  bigint: '整数',
  boolean: '真偽値',
  object: 'オブジェクト',
  array: '配列',
  null: 'ヌル',
  undefined: '値なし',
  date: '日付',
  nan: '非数',
  symbol: 'シンボル',
  function: '関数',
  tuple: '配列',
  record: 'オブジェクト',
  map: '対応表',
  set: '集合',
};

/** A parameter of a question that cannot be read (src/documents/parameters.ts). */
const PARAMETER_EN = {
  format:
    '{parameter, select, month {Expected a month YYYY-MM (e.g. 2025-10), got "{value}".} date {Expected a calendar date YYYY-MM-DD (e.g. 2025-10-31), got "{value}".} other {Expected a time such as 2025-10-05T12:00:00+09:00 (or 2025-10-05T12:00 in Japan time, or a date for the end of that day), got "{value}".}}',
  range: '{value} is outside {first} to {last}{parameter, select, knownAt { (Japan time)} other {}}.',
} as const;
type ParameterKey = keyof typeof PARAMETER_EN;

const PARAMETER_JA: Messages<ParameterKey> = {
  format:
    '{parameter, select, month {月は「年4桁-月2桁」の形で指定してください} date {日付は「年4桁-月2桁-日2桁」の形で指定してください} other {時刻は時差を含む日時、日本時間の日時、又は日付（その日の終わり）で指定してください}}（指定された値: 「{value}」）。',
  range:
    '「{value}」は使える範囲（{first}から{last}まで{parameter, select, knownAt {、日本時間} other {}}）の外です。',
};

const PARAMETER_CATALOG: Catalog<ParameterKey> = { en: PARAMETER_EN, ja: PARAMETER_JA };

const fieldFormat = formatterOf(FIELD_CATALOG);
const issueFormat = formatterOf(ISSUE_CATALOG);
const parameterFormat = formatterOf(PARAMETER_CATALOG);

/** Dates, instants and months among the values, as the language writes them. */
const inWords = (lang: Lang, params: Readonly<Record<string, string | number>>): Values => {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) {
    if (typeof v !== 'string' || lang === 'en') out[k] = v;
    else if (isLocalDate(v)) out[k] = date(lang, v);
    else if (isInstant(v)) out[k] = instant(lang, v);
    else if (/^\d{4}-\d{2}$/.test(v)) out[k] = month(lang, v);
    else out[k] = v;
  }
  return out;
};

const typeWord = (lang: Lang, t: string | number | undefined): string =>
  t === undefined ? '' : lang === 'ja' ? (TYPES_JA[String(t)] ?? String(t)) : String(t);

/** An issue in words, from its data alone. */
export const issueText = (lang: Lang, issue: FieldIssue): string => {
  const params = issue.params ?? {};
  if (issue.parameter) return parameterText(lang, issue.parameter);
  if (issue.field) return fieldFormat(lang, issue.field, inWords(lang, params));
  switch (issue.code) {
    case 'invalid_type':
      return issueFormat(lang, 'invalid_type', {
        expected: typeWord(lang, params.expected),
        received: typeWord(lang, params.received),
        state:
          params.received === undefined ? 'unknown' : params.received === 'undefined' ? 'missing' : 'given',
      });
    case 'too_small':
    case 'too_big':
    case 'invalid_value':
    case 'not_multiple_of':
      return issueFormat(lang, issue.code, {
        origin: 'other',
        inclusive: 'yes',
        minimum: '',
        maximum: '',
        values: '',
        divisor: '',
        ...params,
      });
    case 'invalid_format':
      return issueFormat(lang, 'invalid_format', { format: String(params.format ?? 'regex') });
    default:
      return issueFormat(lang, 'other');
  }
};

/**
 * A field problem in words: in English the ledger's own message, as it always was; in Japanese
 * from the issue (a problem without one, from an older program, keeps its English).
 */
export const fieldProblemText = (
  lang: Lang,
  problem: { readonly message: string; readonly issue?: FieldIssue | undefined },
): string =>
  lang === 'en' || problem.issue === undefined ? problem.message : issueText(lang, problem.issue);

/** A parameter that cannot be read, in words. */
export const parameterText = (lang: Lang, p: ParameterProblem): string =>
  parameterFormat(lang, p.case, {
    parameter: p.parameter,
    value: p.value,
    ...(p.case === 'range' ? inWords(lang, { first: p.first, last: p.last }) : {}),
  });
