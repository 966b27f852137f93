/**
 * The words of a charge line explained as a reply to a customer (src/documents/explain-text.ts):
 * what the charge is, the article and how the amount is worked out with its numbers named, the
 * facts it rests on in date order, and where it is billed, in the customer's words (no event ids,
 * close ids, positions or staff names). One catalog typed by its keys, as ui.ts.
 */
import { type Catalog, formatterOf, type Values } from './intl';
import type { Lang } from './lang';

export type ReplyKey =
  | 'reply.opening'
  | 'reply.charge'
  | 'reply.article'
  | 'reply.policy'
  | 'reply.formula'
  | 'reply.note'
  | 'reply.events'
  | 'reply.event'
  | 'reply.billedOpen'
  | 'reply.billedClosed'
  | 'reply.billedIn'
  | 'reply.lateFact'
  | 'reply.adjusted'
  | 'reply.corrects'
  | 'reply.closing';

export const REPLY_MESSAGES: Catalog<ReplyKey> = {
  en: {
    'reply.opening': 'About the charge {lineId} of {month}:',
    'reply.charge':
      'It is the {kind} charge of contract {contractId}: {amount} (tax excluded), billed to {billTo}, for {period}.',
    'reply.article': 'It is charged under {article}{headings, select, none {} other { ({headings})}}.',
    'reply.policy':
      'Where the terms leave the arithmetic open, the ledger follows its stated policy: {policy}',
    'reply.formula': 'How the amount is worked out: {formula}',
    'reply.note': 'Note: {note}',
    'reply.events': 'What it rests on, in date order:',
    'reply.event': '- {date}: {text} ({article})',
    'reply.billedOpen': 'It will be on the bill of {month} when that month is closed.',
    'reply.billedClosed': 'It is on the bill of {month}, closed on {closedAt}.',
    'reply.billedIn': 'It is on the bill of {month}.',
    'reply.lateFact':
      'It was recorded after the bill of {month} was closed on {closedAt}, so it is billed as an adjustment.',
    'reply.adjusted':
      '{status, select, invoiced {A correction of {amount} was billed on the bill of {month}.} other {A correction of {amount} will be billed on the bill of {month}.}}',
    'reply.corrects': 'It corrects the charge {lineId} on the bill of {month}.',
    'reply.closing':
      'Amounts are in yen, tax excluded, as Annex 1 states them. Please let us know if anything is unclear.',
  },
  ja: {
    'reply.opening': '{month}のご請求のうち、明細 {lineId} についてご説明いたします。',
    'reply.charge':
      '契約 {contractId} の{kind}で、金額は{amount}（税抜）、請求先は {billTo}、対象期間は{period}です。',
    'reply.article': '{article}{headings, select, none {} other {（{headings}）}}に基づくものです。',
    'reply.policy': '約款が計算方法を定めていない点は、次の方針によっています: {policy}',
    'reply.formula': '計算: {formula}',
    'reply.note': '補足: {note}',
    'reply.events': '根拠となる経緯（日付順）:',
    'reply.event': '・{date} {text}（{article}）',
    'reply.billedOpen': '{month}の締めの後、同月のご請求に含まれます。',
    'reply.billedClosed': '{closedAt}に締めた{month}のご請求に含まれています。',
    'reply.billedIn': '{month}のご請求に含まれています。',
    'reply.lateFact': '{closedAt}に{month}のご請求を締めた後に記録されたため、調整として請求いたします。',
    'reply.adjusted':
      '{status, select, invoiced {{month}のご請求で{amount}を調整しました。} other {{month}のご請求で{amount}を調整いたします。}}',
    'reply.corrects': '{month}のご請求の明細 {lineId} を調整するものです。',
    'reply.closing': '金額は別紙1の定めのとおり税抜の円です。ご不明な点がございましたら、お知らせください。',
  },
};

const format = formatterOf(REPLY_MESSAGES);

export const replyWords = (lang: Lang, key: ReplyKey, values: Values = {}): string =>
  format(lang, key, values);
