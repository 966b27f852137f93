/**
 * `vpn-ledger charges --month YYYY-MM`: the charge lines of a billing month.
 *
 * The JSON and CSV outputs are a stable interface for downstream systems, the same documents the
 * server answers with (src/documents/charges.ts).
 */
import type { Command } from 'commander';
import { ChargeTotals, chargesCsvChunks, chargesJsonChunks } from '../../documents/charges';
import { generatedFrom } from '../../documents/provenance';
import type { ChargeLine, MonthlyCharges } from '../../projections/charges';
import type { MonthReading } from '../../read';
import { readingOf } from '../../read/month-stream';
import { renderer } from '../../render';
import { help } from '../../render/cli-help';
import { closeStatusOf } from '../../render/close-status';
import type { Lang } from '../../render/lang';
import { EXIT, type ExitCode, said, usageError } from '../errors';
import { renderTable, tableLines, yen } from '../format';
import { type Io, out, writeChunks } from '../io';
import { langOption } from '../lang';
import { asOfOption, chargeFormatOption, knownAtOption, monthOption, storeOption } from '../options';
import {
  excelOption,
  inSnapshot,
  provenanceLine,
  type ReadContext,
  unknownContract,
  viewsOption,
  withReadModel,
} from '../read';

const period = (l: ChargeLine, lang: Lang) =>
  l.period.from === l.period.to
    ? l.period.from
    : `${l.period.from}${lang === 'ja' ? '～' : '..'}${l.period.to}`;

/**
 * The people's view, line by line: the lines contract by contract, then the totals per contractor
 * billed (added up as the lines pass). `lines` is read twice (the table's widths, then its lines).
 */
export function* chargesTableLines(
  month: string,
  lines: () => Iterable<ChargeLine>,
  lang: Lang = 'en',
  status: (adjustments: number) => string | null = () => null,
): Generator<string> {
  const r = renderer(lang);
  let count = 0;
  let adjustments = 0;
  for (const l of lines()) {
    count += 1;
    if (l.kind === 'adjustment') adjustments += 1;
  }
  const said = status(adjustments);
  const under = said === null ? '' : `\n${said}`;
  if (count === 0) {
    yield `${r.ui('charges.none', { month, monthText: r.month(month) })}${under}`;
    return;
  }
  yield `${r.ui('charges.title', { month, monthText: r.month(month) })}${under}`;
  yield '';
  const totals = new ChargeTotals();
  const rows = function* (count: boolean) {
    for (const l of lines()) {
      if (count) totals.add(l);
      yield [
        l.contractId,
        l.billTo,
        r.word('chargeKind', l.kind),
        period(l, lang),
        yen(l.amount),
        r.citation(l.article),
        r.formula(l.formula),
      ];
    }
  };
  let pass = 0;
  yield* tableLines(
    [
      { header: r.ui('col.contract') },
      { header: r.ui('col.billTo') },
      { header: r.ui('col.kind') },
      { header: r.ui('col.period') },
      { header: r.ui('col.amountYen'), align: 'right' },
      { header: r.ui('col.article'), ...(lang === 'ja' ? { wrap: 30 } : {}) },
      { header: r.ui('col.formula'), wrap: 60 },
    ],
    () => rows(pass++ === 1),
    { blankLineBetweenGroupsOf: 0 },
  );
  yield '';
  yield r.ui('charges.totals');
  yield '';
  yield renderTable(
    [
      { header: r.ui('col.billTo') },
      { header: r.ui('col.lines'), align: 'right' },
      { header: r.ui('col.totalYen'), align: 'right' },
    ],
    [
      ...totals.totals().map((t) => [t.billTo, String(t.lines), yen(t.amount)]),
      [r.ui('charges.all'), String(totals.count), yen(totals.total)],
    ],
  );
}

/** The people's view of a month held in memory. */
export const chargesTable = (
  charges: MonthlyCharges,
  lang: Lang = 'en',
  status: string | null = null,
): string =>
  [
    ...chargesTableLines(
      charges.month,
      () => charges.lines,
      lang,
      () => status,
    ),
  ].join('\n');

interface ChargesOptions {
  readonly month: string;
  readonly contract?: string;
  readonly asOf?: string;
  readonly knownAt?: string;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'table' | 'json' | 'csv';
  readonly excel?: boolean;
  readonly lang?: Lang;
}

/**
 * The month's charges as billed: closed months as invoiced, open ones recomputed (src/read). The
 * whole month is read as it streams; one contract's, in memory.
 */
const chargesOf = async (ctx: ReadContext, opts: ChargesOptions): Promise<MonthReading> => {
  const progress = ctx.foldProgress();
  const query = {
    ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
    ...(opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {}),
    onProgress: progress.onProgress,
  };
  try {
    if (opts.contract === undefined) return await ctx.reader.monthReading(opts.month, query);
    const found = await ctx.reader.billed(opts.month, { ...query, contractId: opts.contract });
    if (!found) throw unknownContract(opts.contract, opts.knownAt, ctx.lang);
    return readingOf(found.billed, found.provenance);
  } finally {
    progress.stop();
  }
};

export const runCharges = (io: Io, opts: ChargesOptions): Promise<ExitCode> =>
  withReadModel(io, opts, (ctx) =>
    inSnapshot(ctx, async () => {
      if (opts.excel && opts.format !== 'csv') throw usageError(said('options.excelNeedsCsv'));
      const { head, provenance, lines } = await chargesOf(ctx, opts);
      if (opts.format === 'json') {
        await writeChunks(
          io,
          chargesJsonChunks(
            opts.month,
            lines(),
            generatedFrom(ctx.storeKind, provenance, ctx.lang),
            { contractId: opts.contract ?? null, asOf: opts.asOf ?? null },
            head,
            ctx.lang,
          ),
          { escape: true, newline: true },
        );
      } else if (opts.format === 'csv') {
        await writeChunks(io, chargesCsvChunks(lines(), ctx.lang, opts.excel ? 'excel' : 'plain'));
      } else {
        await writeChunks(
          io,
          (function* () {
            for (const line of chargesTableLines(opts.month, lines, ctx.lang, (adjustments) =>
              closeStatusOf(head, adjustments, ctx.lang),
            ))
              yield `${line}\n`;
          })(),
          { escape: true },
        );
        out(io);
        out(io, provenanceLine(ctx, provenance, opts.asOf));
      }
      return EXIT.OK;
    }),
  );

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
    .addOption(excelOption(lang))
    .addOption(langOption(lang))
    .addOption(storeOption(lang))
    .addOption(viewsOption(lang))
    .action(async (opts: ChargesOptions) => setExit(await runCharges(io, opts)));
};
