/**
 * `vpn-ledger charges --month YYYY-MM`: the charge lines of a billing month.
 *
 * The JSON and CSV outputs are a stable interface for downstream systems, the same documents the
 * server answers with (src/documents/charges.ts).
 */
import type { Command } from 'commander';
import { chargesCsv, chargesJson } from '../../documents/charges';
import { toJsonText } from '../../documents/encoding';
import { generatedFrom } from '../../documents/provenance';
import type { BilledMonth } from '../../projections/adjustments';
import type { ChargeLine, MonthlyCharges } from '../../projections/charges';
import type { Provenance } from '../../read';
import { renderer } from '../../render';
import { help } from '../../render/cli-help';
import { closeStatusLine } from '../../render/close-status';
import type { Lang } from '../../render/lang';
import { EXIT, type ExitCode } from '../errors';
import { renderTable, yen } from '../format';
import { type Io, out } from '../io';
import { langOption } from '../lang';
import { asOfOption, chargeFormatOption, knownAtOption, monthOption, storeOption } from '../options';
import { provenanceLine, type ReadContext, unknownContract, viewsOption, withReadModel } from '../read';

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

/** The month's charges as billed: closed months as invoiced, open ones recomputed (src/read). */
const chargesOf = async (
  ctx: ReadContext,
  opts: ChargesOptions,
): Promise<{ billed: BilledMonth; provenance: Provenance }> => {
  const progress = ctx.foldProgress();
  try {
    const found = await ctx.reader.billed(opts.month, {
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
            generatedFrom(ctx.storeKind, provenance, ctx.lang),
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

export const registerCharges = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  program
    .command('charges')
    .description(help(lang, 'charges'))
    .addOption(monthOption(lang).makeOptionMandatory())
    .option('--contract <id>', help(lang, 'opt.contract'))
    .addOption(asOfOption(lang, 'charges.asOf'))
    .addOption(knownAtOption(lang))
    .addOption(chargeFormatOption(lang))
    .addOption(langOption(lang))
    .addOption(storeOption(lang))
    .addOption(viewsOption(lang))
    .action(async (opts: ChargesOptions) => setExit(await runCharges(io, opts)));
};
