/**
 * `vpn-ledger export --month YYYY-MM --format json|csv|table`: the invoice-ready documents of a
 * closed month, one per contractor billed (schema `vpn-ledger.invoice/v1`, src/billing/export.ts):
 * its lines, the adjustments carried into it, the totals, the statement number, and the close's id
 * and seal. An open month only with --draft, and marked so.
 *
 * JSON and CSV as src/documents/months.ts writes them, as the lines are read (a month of any size
 * in bounded memory). The CSV holds the lines; `--totals` writes the totals instead, a table of their
 * own (lines and totals never share a column); `--excel` writes either in the form Excel opens as
 * it is. `--lang` chooses the words (the table, the formulas and notes, the CSV's header and article
 * column); the keys and codes are the interface and stay as they are.
 */
import { type Command, Option } from 'commander';
import { type InvoiceDocument, readThrough, streamedInvoices } from '../../billing/export';
import { exportCsvChunks, exportJsonChunks, exportTotalsCsvChunks } from '../../documents/months';
import { generatedFrom } from '../../documents/provenance';
import type { MonthReading } from '../../read';
import { renderer } from '../../render';
import { help } from '../../render/cli-help';
import type { Lang } from '../../render/lang';
import { EXIT, type ExitCode, failure, said, usageError } from '../errors';
import { renderTable, yen } from '../format';
import { type Io, out, writeChunks } from '../io';
import { langOption } from '../lang';
import { monthOption, storeOption } from '../options';
import { excelOption, inSnapshot, provenanceLine, viewsOption, withReadModel } from '../read';

/** A document as the table shows it: whom it bills, its totals, its close. */
type DocumentRow = Pick<InvoiceDocument, 'billTo' | 'totals' | 'close'>;

/** For people: one row per contractor billed, and the close and its seal. */
export const exportTable = (month: string, docs: readonly DocumentRow[], lang: Lang = 'en'): string => {
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

/** The documents' totals, their lines read and let go as they pass. */
const documentRows = (reading: MonthReading, billTo: string | undefined): DocumentRow[] => {
  const rows: DocumentRow[] = [];
  for (const d of streamedInvoices(reading.head, reading.lines('by-bill-to'), billTo)) {
    rows.push({ billTo: d.billTo, totals: readThrough(d), close: d.close });
  }
  return rows;
};

interface ExportOptions {
  readonly month: string;
  readonly draft?: boolean;
  readonly billTo?: string;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'json' | 'csv' | 'table';
  readonly totals?: boolean;
  readonly excel?: boolean;
  readonly lang?: Lang;
}

export const runExport = (io: Io, opts: ExportOptions): Promise<ExitCode> =>
  withReadModel(io, opts, (ctx) =>
    inSnapshot(ctx, async () => {
      if ((opts.totals || opts.excel) && opts.format !== 'csv')
        throw usageError(said(opts.totals ? 'options.totalsNeedsCsv' : 'options.excelNeedsCsv'));
      const progress = ctx.foldProgress();
      let reading: MonthReading;
      try {
        reading = await ctx.reader.monthReading(opts.month, { onProgress: progress.onProgress });
      } finally {
        progress.stop();
      }
      const { head, provenance } = reading;
      const w = renderer(ctx.lang);
      if (head.status !== 'closed' && !opts.draft) {
        throw failure(w.ui('export.notClosed', { month: w.month(opts.month), monthId: opts.month }));
      }
      const rows = documentRows(reading, opts.billTo);
      if (opts.billTo !== undefined && rows.length === 0)
        throw failure(w.ui('export.nothingBilled', { billTo: opts.billTo, month: w.month(opts.month) }));
      const byBillTo = reading.lines('by-bill-to');
      if (opts.format === 'json') {
        await writeChunks(
          io,
          exportJsonChunks(head, byBillTo, generatedFrom(ctx.storeKind, provenance, ctx.lang), {
            lang: ctx.lang,
            billTo: opts.billTo,
          }),
          { escape: true, newline: true },
        );
      } else if (opts.format === 'csv') {
        const csv = {
          lang: ctx.lang,
          billTo: opts.billTo,
          form: opts.excel ? ('excel' as const) : ('plain' as const),
        };
        await writeChunks(
          io,
          opts.totals ? exportTotalsCsvChunks(head, byBillTo, csv) : exportCsvChunks(head, byBillTo, csv),
        );
      } else {
        out(io, exportTable(opts.month, rows, ctx.lang));
        out(io);
        out(io, provenanceLine(ctx, provenance));
      }
      return EXIT.OK;
    }),
  );

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
    .option('--totals', help(lang, 'export.totals'))
    .addOption(excelOption(lang))
    .addOption(langOption(lang))
    .addOption(storeOption(lang))
    .addOption(viewsOption(lang))
    .action(async (opts: ExportOptions) => setExit(await runExport(io, opts)));
};
