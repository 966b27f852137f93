/**
 * `vpn-ledger charges --month YYYY-MM`: the charge lines of a billing month.
 *
 * The JSON and CSV outputs are a stable interface for downstream systems (docs/cli.md):
 *   json: { schema: 'vpn-ledger.charges/v1', month, asOf, contractId, generatedFrom, lines, totals, total }
 *   csv:  a header row and one row per line, columns CSV_COLUMNS in that order.
 * New fields may be added to the JSON; none is renamed or removed within v1.
 */
import type { Command } from 'commander';
import { billedMonth } from '../../billing/read';
import { renderCsv, toJsonText } from '../../documents/encoding';
import { type GeneratedFrom, generatedFrom } from '../../documents/provenance';
import type { BilledMonth } from '../../projections/adjustments';
import type { ChargeLine, MonthlyCharges } from '../../projections/charges';
import { renderer } from '../../render';
import type { Lang } from '../../render/lang';
import { parseCitation } from '../../terms/citation';
import type { Provenance } from '../../views/read-model';
import { EXIT, type ExitCode } from '../errors';
import { renderTable, yen } from '../format';
import { type Io, out } from '../io';
import { langOption } from '../lang';
import { asOfOption, chargeFormatOption, knownAtOption, parseMonth, storeOption } from '../options';
import { provenanceLine, type ReadContext, unknownContract, viewsOption, withReadModel } from '../read';

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

const period = (l: ChargeLine, lang: Lang) =>
  l.period.from === l.period.to
    ? l.period.from
    : `${l.period.from}${lang === 'ja' ? '～' : '..'}${l.period.to}`;

/** The people's view: the lines contract by contract, then the totals per contractor billed. */
export const chargesTable = (
  charges: MonthlyCharges,
  lang: Lang = 'en',
  status: string | null = null,
): string => {
  const r = renderer(lang);
  const under = status === null ? '' : `\n${status}`;
  if (charges.lines.length === 0)
    return `${r.ui('charges.none', { month: charges.month, monthText: r.month(charges.month) })}${under}`;
  const lines = renderTable(
    [
      { header: r.ui('col.contract') },
      { header: r.ui('col.billTo') },
      { header: r.ui('col.kind') },
      { header: r.ui('col.period') },
      { header: r.ui('col.amountYen'), align: 'right' },
      { header: r.ui('col.article'), ...(lang === 'ja' ? { wrap: 30 } : {}) },
      { header: r.ui('col.formula'), wrap: 60 },
    ],
    charges.lines.map((l) => [
      l.contractId,
      l.billTo,
      r.word('chargeKind', l.kind),
      period(l, lang),
      yen(l.amount),
      r.citation(l.article),
      r.formula(l.formula),
    ]),
    { blankLineBetweenGroupsOf: 0 },
  );
  const totals = renderTable(
    [
      { header: r.ui('col.billTo') },
      { header: r.ui('col.lines'), align: 'right' },
      { header: r.ui('col.totalYen'), align: 'right' },
    ],
    [
      ...charges.totals.map((t) => [t.billTo, String(t.lines), yen(t.amount)]),
      [r.ui('charges.all'), String(charges.lines.length), yen(charges.total)],
    ],
  );
  return `${r.ui('charges.title', { month: charges.month, monthText: r.month(charges.month) })}${under}\n\n${lines}\n\n${r.ui('charges.totals')}\n\n${totals}`;
};

interface ChargesOptions {
  readonly month: string;
  readonly contract?: string;
  readonly asOf?: string;
  readonly knownAt?: string;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'table' | 'json' | 'csv';
  readonly lang?: Lang;
}

/** What the table says about a month's close, under its title. */
export const closeStatusLine = (billed: BilledMonth, lang: Lang = 'en'): string | null => {
  const r = renderer(lang);
  const c = billed.close;
  // English shows the instant as recorded (the README's outputs); Japanese in Japan time's words.
  const closedAt = c === null ? '' : lang === 'en' ? c.closedAt : r.instant(c.closedAt);
  if (c && !billed.recomputed)
    return r.ui('charges.closed', { closedAt, closedBy: c.closedBy, closeId: c.closeId });
  if (c)
    return r.ui('charges.recomputed', {
      month: billed.month,
      monthText: r.month(billed.month),
      closedAt,
      closeId: c.closeId,
    });
  if (billed.carriesAdjustments) {
    const count = billed.charges.lines.filter((l) => l.kind === 'adjustment').length;
    return r.ui('charges.carries', { count });
  }
  return null;
};

/** The month's charges as billed: closed months as invoiced, open ones recomputed (src/billing/read.ts). */
const chargesOf = async (
  ctx: ReadContext,
  opts: ChargesOptions,
): Promise<{ billed: BilledMonth; provenance: Provenance }> => {
  const progress = ctx.foldProgress();
  try {
    const found = await billedMonth(ctx.model, opts.month, {
      ...(opts.contract !== undefined ? { contractId: opts.contract } : {}),
      ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
      ...(opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {}),
      onProgress: progress.onProgress,
    });
    if (!found) throw unknownContract(opts.contract!, opts.knownAt, ctx.lang);
    return found;
  } finally {
    progress.stop();
  }
};

export const runCharges = (io: Io, opts: ChargesOptions): Promise<ExitCode> =>
  withReadModel(io, opts, async (ctx) => {
    const { billed, provenance } = await chargesOf(ctx, opts);
    const { charges } = billed;
    if (opts.format === 'json') {
      out(
        io,
        toJsonText(
          chargesJson(
            charges,
            generatedFrom(ctx.storeKind, provenance),
            { contractId: opts.contract ?? null, asOf: opts.asOf ?? null },
            billed,
            ctx.lang,
          ),
        ),
      );
    } else if (opts.format === 'csv') {
      io.stdout.write(chargesCsv(charges, ctx.lang));
    } else {
      out(io, chargesTable(charges, ctx.lang, closeStatusLine(billed, ctx.lang)));
      out(io);
      out(io, provenanceLine(ctx, provenance, opts.asOf));
    }
    return EXIT.OK;
  });

export const registerCharges = (program: Command, io: Io, setExit: (code: ExitCode) => void): void => {
  program
    .command('charges')
    .description('charge lines of a billing month, with totals per contractor billed')
    .requiredOption('--month <YYYY-MM>', 'the billing month', parseMonth)
    .option('--contract <id>', 'only this contract')
    .addOption(asOfOption('as effective on this Japan date (facts dated later left out)'))
    .addOption(knownAtOption())
    .addOption(chargeFormatOption())
    .addOption(langOption())
    .addOption(storeOption())
    .addOption(viewsOption())
    .action(async (opts: ChargesOptions) => setExit(await runCharges(io, opts)));
};
