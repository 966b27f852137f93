/**
 * The header rows of the CSV documents, in the chosen language. In English they are the v1 column
 * names programs match on (fixed within v1); in Japanese, the words a clerk reads (明細ID, 金額…).
 * The columns and their order are the same in both.
 */
import type { Lang } from '../render/lang';
import { type UiKey, ui } from '../render/ui';

/** Every column of the CSV documents (charges, invoice lines, invoice totals). */
export type CsvColumn =
  | 'line_id'
  | 'contract_id'
  | 'network_id'
  | 'bill_to'
  | 'kind'
  | 'period_from'
  | 'period_to'
  | 'amount_yen'
  | 'article'
  | 'policy'
  | 'edition'
  | 'formula'
  | 'source_event_ids'
  | 'record'
  | 'month'
  | 'status'
  | 'corrects_month'
  | 'corrects_line_id'
  | 'close_id'
  | 'seal_digest'
  | 'lines'
  | 'lines_yen'
  | 'adjustments'
  | 'adjustments_yen';

/** The header row of `columns` in `lang`. */
export const csvHeader = (columns: readonly CsvColumn[], lang: Lang): string[] =>
  columns.map((c) => (lang === 'en' ? c : ui(lang, `csv.${c}` as UiKey)));
