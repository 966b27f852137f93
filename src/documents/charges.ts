/**
 * A billing month's charges as the v1 documents write them (`vpn-ledger charges --month`,
 * GET /v1/months/{month} and /v1/charges, a contract's charges), a stable interface for downstream
 * systems:
 *   json: { schema: 'vpn-ledger.charges/v1', month, contractId, asOf, lang, generatedFrom, (close
 *         status), lines, totals, total }
 *   csv:  a header row and one row per line, columns CSV_COLUMNS in that order; the header and the
 *         article in the chosen language (English: the column names below, `Art. 10(4)`; Japanese:
 *         明細ID…, 第10条第4項), plain or in the Excel form (src/documents/encoding.ts).
 * New fields may be added to the JSON; none is renamed or removed within v1. Both are written as
 * the lines are read (`chargesJsonChunks`, `chargesCsvChunks`), whatever the month's size.
 */
import type { BilledMonth } from '../projections/adjustments';
import type { ChargeLine, MonthlyCharges } from '../projections/charges';
import type { BilledHead } from '../read/month-stream';
import { renderer } from '../render';
import type { Lang } from '../render/lang';
import { parseCitation } from '../terms/citation';
import { csvHeader } from './csv-header';
import { type CsvForm, csvChunks, jsonChunks, later, streamed } from './encoding';
import type { GeneratedFrom } from './provenance';

export const CHARGES_SCHEMA = 'vpn-ledger.charges/v1';

export const CSV_COLUMNS = [
  'line_id',
  'contract_id',
  'network_id',
  'bill_to',
  'kind',
  'period_from',
  'period_to',
  'amount_yen',
  'article',
  'policy',
  'edition',
  'formula',
  'source_event_ids',
] as const;

/**
 * One line as the v1 schema writes it (explicit, so that changes inside the projection do not
 * leak): `formula` and `note` in the chosen language, `article` in the ledger's notation, and as
 * data `calculation`, `notes` and `citation` (with `articleText`, the citation in words).
 */
export const chargeLineJson = (l: ChargeLine, lang: Lang = 'en') => ({
  id: l.id,
  contractId: l.contractId,
  networkId: l.networkId,
  billTo: l.billTo,
  kind: l.kind,
  month: l.month,
  period: { from: l.period.from, to: l.period.to },
  amount: l.amount,
  currency: 'JPY' as const,
  article: l.article,
  policy: l.policy,
  edition: l.edition,
  formula: renderer(lang).formula(l.formula),
  note: renderer(lang).notes(l.notes),
  sources: [...l.sources],
  /** The formula and notes as data (a kind and its parameters). */
  calculation: l.formula,
  notes: l.notes,
  citation: parseCitation(l.article),
  articleText: renderer(lang).citation(l.article),
  /** For an adjustment: the closed month and line it corrects. */
  ...(l.formula.kind === 'adjustment'
    ? { corrects: { month: l.formula.month, lineId: l.formula.lineId } }
    : {}),
});

/** Whether a month is closed, and by which close (null: open). */
export const closeStatusJson = (billed: BilledHead) => ({
  status: billed.status,
  /** True when a closed month was recomputed (--as-of): these are not the lines invoiced. */
  recomputed: billed.recomputed,
  /** True for the first open month: it carries the adjustments of the closed months. */
  carriesAdjustments: billed.carriesAdjustments,
  close:
    billed.close === null
      ? null
      : {
          id: billed.close.closeId,
          streamId: billed.close.streamId,
          commandId: billed.close.commandId,
          closedAt: billed.close.closedAt,
          closedBy: billed.close.closedBy,
          reflects: { position: billed.close.seal.position, events: billed.close.seal.events },
          sealDigest: billed.close.seal.digest,
        },
});

/** The totals per contractor billed (in id order) and the total of lines, added up as they pass. */
export class ChargeTotals {
  private readonly by = new Map<string, { amount: number; lines: number }>();
  count = 0;
  total = 0;

  add(l: ChargeLine): void {
    const t = this.by.get(l.billTo) ?? { amount: 0, lines: 0 };
    t.amount += l.amount;
    t.lines += 1;
    this.by.set(l.billTo, t);
    this.count += 1;
    this.total += l.amount;
  }

  totals(): { billTo: string; amount: number; lines: number }[] {
    return [...this.by.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([billTo, t]) => ({ billTo, amount: t.amount, lines: t.lines }));
  }
}

/** Lines as they pass, added up into `totals`. */
export function* counted(lines: Iterable<ChargeLine>, totals: ChargeTotals): Generator<ChargeLine> {
  for (const l of lines) {
    totals.add(l);
    yield l;
  }
}

const chargesDocument = <B extends { lines: unknown; totals: unknown; total: unknown }>(
  month: string,
  generatedFrom: GeneratedFrom,
  query: { contractId: string | null; asOf: string | null },
  head: BilledHead | undefined,
  lang: Lang,
  body: B,
) => ({
  schema: CHARGES_SCHEMA,
  month,
  contractId: query.contractId,
  asOf: query.asOf,
  lang,
  generatedFrom,
  ...(head ? closeStatusJson(head) : {}),
  ...body,
});

export const chargesJson = (
  charges: MonthlyCharges,
  generatedFrom: GeneratedFrom,
  query: { contractId: string | null; asOf: string | null },
  billed?: BilledMonth,
  lang: Lang = 'en',
) =>
  chargesDocument(charges.month, generatedFrom, query, billed, lang, {
    lines: charges.lines.map((l) => chargeLineJson(l, lang)),
    totals: charges.totals.map((t) => ({ billTo: t.billTo, amount: t.amount, lines: t.lines })),
    total: charges.total,
  });

/**
 * `chargesJson` written as the lines are read (pretty, or one line): the same text, with the totals
 * added up as the lines pass.
 */
export function chargesJsonChunks(
  month: string,
  lines: Iterable<ChargeLine>,
  generatedFrom: GeneratedFrom,
  query: { contractId: string | null; asOf: string | null },
  head: BilledHead | undefined,
  lang: Lang = 'en',
  pretty = true,
): Generator<string> {
  const totals = new ChargeTotals();
  const each = function* () {
    for (const l of counted(lines, totals)) yield chargeLineJson(l, lang);
  };
  return jsonChunks(
    chargesDocument(month, generatedFrom, query, head, lang, {
      lines: streamed(each()),
      totals: later(() => totals.totals()),
      total: later(() => totals.total),
    }),
    pretty,
  );
}

/** A line's CSV row, in CSV_COLUMNS' order: the formula and the article in the language. */
const csvRow = (l: ChargeLine, lang: Lang): (string | number)[] => {
  const r = renderer(lang);
  return [
    l.id,
    l.contractId,
    l.networkId,
    l.billTo,
    l.kind,
    l.period.from,
    l.period.to,
    l.amount,
    r.citation(l.article),
    l.policy ?? '',
    l.edition,
    r.formula(l.formula),
    l.sources.join(';'),
  ];
};

/** The lines as CSV, row by row as they are read. */
export function* chargesCsvChunks(
  lines: Iterable<ChargeLine>,
  lang: Lang = 'en',
  form: CsvForm = 'plain',
): Generator<string> {
  const rows = function* () {
    for (const l of lines) yield csvRow(l, lang);
  };
  yield* csvChunks(csvHeader(CSV_COLUMNS, lang), rows(), form);
}

export const chargesCsv = (charges: MonthlyCharges, lang: Lang = 'en', form: CsvForm = 'plain'): string =>
  [...chargesCsvChunks(charges.lines, lang, form)].join('');
