/**
 * A billing month's charges as the v1 documents write them (`vpn-ledger charges --month`,
 * GET /v1/months/{month} and /v1/charges, a contract's charges), a stable interface for downstream
 * systems:
 *   json: { schema: 'vpn-ledger.charges/v1', month, contractId, asOf, lang, generatedFrom, (close
 *         status), lines, totals, total }
 *   csv:  a header row and one row per line, columns CSV_COLUMNS in that order.
 * New fields may be added to the JSON; none is renamed or removed within v1.
 */
import type { BilledMonth } from '../projections/adjustments';
import type { ChargeLine, MonthlyCharges } from '../projections/charges';
import { renderer } from '../render';
import type { Lang } from '../render/lang';
import { parseCitation } from '../terms/citation';
import { renderCsv } from './encoding';
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
export const closeStatusJson = (billed: BilledMonth) => ({
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

export const chargesJson = (
  charges: MonthlyCharges,
  generatedFrom: GeneratedFrom,
  query: { contractId: string | null; asOf: string | null },
  billed?: BilledMonth,
  lang: Lang = 'en',
) => ({
  schema: CHARGES_SCHEMA,
  month: charges.month,
  contractId: query.contractId,
  asOf: query.asOf,
  lang,
  generatedFrom,
  ...(billed ? closeStatusJson(billed) : {}),
  lines: charges.lines.map((l) => chargeLineJson(l, lang)),
  totals: charges.totals.map((t) => ({ billTo: t.billTo, amount: t.amount, lines: t.lines })),
  total: charges.total,
});

export const chargesCsv = (charges: MonthlyCharges, lang: Lang = 'en'): string =>
  renderCsv(
    CSV_COLUMNS,
    charges.lines.map((l) => [
      l.id,
      l.contractId,
      l.networkId,
      l.billTo,
      l.kind,
      l.period.from,
      l.period.to,
      l.amount,
      l.article,
      l.policy ?? '',
      l.edition,
      renderer(lang).formula(l.formula),
      l.sources.join(';'),
    ]),
  );
