/**
 * `vpn-ledger export --month YYYY-MM --format json|csv`: the invoice-ready documents of a closed
 * month, one per contractor billed (schema `vpn-ledger.invoice/v1`, src/billing/export.ts): its
 * lines, the adjustments carried into it, the totals, and the close's id and seal. An open month only
 * with --draft, and marked so.
 *
 * JSON and CSV as src/documents/months.ts writes them. `--lang` chooses the words (the table, the
 * formulas and notes of JSON and CSV); the columns, keys and codes are the interface and stay as they are.
 */
import { type Command, Option } from 'commander';
import { type InvoiceDocument, invoiceDocuments } from '../../billing/export';
import { toJsonText } from '../../documents/encoding';
import { exportCsv, exportJson } from '../../documents/months';
import { generatedFrom } from '../../documents/provenance';
import { renderer } from '../../render';
import { help } from '../../render/cli-help';
import type { Lang } from '../../render/lang';
import { EXIT, type ExitCode, failure } from '../errors';
import { renderTable, yen } from '../format';
import { type Io, out } from '../io';
import { langOption } from '../lang';
import { monthOption, storeOption } from '../options';
import { provenanceLine, viewsOption, withReadModel } from '../read';

/** For people: one row per contractor billed, and the close and its seal. */
export const exportTable = (month: string, docs: readonly InvoiceDocument[], lang: Lang = 'en'): string => {
  const w = renderer(lang);
  const monthText = w.month(month);
  if (docs.length === 0) return w.ui('export.none', { month: monthText });
  const d0 = docs[0]!;
  const head =
    d0.close === null
      ? w.ui('export.draft', { month: monthText })
      : w.ui('export.closed', {
          month: monthText,
          // As recorded in English; in Japan time's words in Japanese.
          closedAt: lang === 'en' ? d0.close.closedAt : w.instant(d0.close.closedAt),
          closedBy: d0.close.closedBy,
          closeId: d0.close.id,
          digest: d0.close.sealDigest,
          keyId: d0.close.seal.keyId,
        });
  const table = renderTable(
    [
      { header: w.ui('col.billTo') },
      { header: w.ui('col.lines'), align: 'right' },
      { header: w.ui('col.chargesYen'), align: 'right' },
      { header: w.ui('col.adjustments'), align: 'right' },
      { header: w.ui('col.adjustedYen'), align: 'right' },
      { header: w.ui('col.totalYen'), align: 'right' },
    ],
    [
      ...docs.map((d) => [
        d.billTo,
        String(d.totals.lines.count),
        yen(d.totals.lines.amount),
        String(d.totals.adjustments.count),
        yen(d.totals.adjustments.amount),
        yen(d.totals.amount),
      ]),
      [
        w.ui('charges.all'),
        String(docs.reduce((s, d) => s + d.totals.lines.count, 0)),
        yen(docs.reduce((s, d) => s + d.totals.lines.amount, 0)),
        String(docs.reduce((s, d) => s + d.totals.adjustments.count, 0)),
        yen(docs.reduce((s, d) => s + d.totals.adjustments.amount, 0)),
        yen(docs.reduce((s, d) => s + d.totals.amount, 0)),
      ],
    ],
  );
  return `${head}\n\n${table}`;
};

interface ExportOptions {
  readonly month: string;
  readonly draft?: boolean;
  readonly billTo?: string;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'json' | 'csv' | 'table';
  readonly lang?: Lang;
}

export const runExport = (io: Io, opts: ExportOptions): Promise<ExitCode> =>
  withReadModel(io, opts, async (ctx) => {
    const progress = ctx.foldProgress();
    let found: Awaited<ReturnType<typeof ctx.reader.month>>;
    try {
      found = await ctx.reader.month(opts.month, { onProgress: progress.onProgress });
    } finally {
      progress.stop();
    }
    const { billed, provenance } = found;
    const w = renderer(ctx.lang);
    if (billed.status !== 'closed' && !opts.draft) {
      throw failure(w.ui('export.notClosed', { month: w.month(opts.month), monthId: opts.month }));
    }
    const docs = invoiceDocuments(billed, opts.billTo);
    if (opts.billTo !== undefined && docs.length === 0)
      throw failure(w.ui('export.nothingBilled', { billTo: opts.billTo, month: w.month(opts.month) }));
    if (opts.format === 'json') {
      out(
        io,
        toJsonText(
          exportJson(
            opts.month,
            billed.status === 'closed',
            docs,
            generatedFrom(ctx.storeKind, provenance, ctx.lang),
            ctx.lang,
          ),
        ),
      );
    } else if (opts.format === 'csv') {
      io.stdout.write(exportCsv(docs, ctx.lang));
    } else {
      out(io, exportTable(opts.month, docs, ctx.lang));
      out(io);
      out(io, provenanceLine(ctx, provenance));
    }
    return EXIT.OK;
  });

export const registerExport = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  program
    .command('export')
    .description(help(lang, 'export'))
    .addOption(monthOption(lang).makeOptionMandatory())
    .option('--draft', help(lang, 'export.draft'))
    .option('--bill-to <id>', help(lang, 'export.billTo'))
    .addOption(
      new Option('--format <format>', help(lang, 'opt.format'))
        .choices(['json', 'csv', 'table'])
        .default('json'),
    )
    .addOption(langOption(lang))
    .addOption(storeOption(lang))
    .addOption(viewsOption(lang))
    .action(async (opts: ExportOptions) => setExit(await runExport(io, opts)));
};
