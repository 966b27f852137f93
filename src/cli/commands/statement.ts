/**
 * `vpn-ledger statement --month YYYY-MM --bill-to ID [--out FILE]`: the statement of charges of one
 * contractor billed for a closed month, a printable HTML page (src/documents/statement.ts, the one
 * the console serves): the lines and adjustments, the totals without consumption tax, the statement
 * number, the close and its seal. To stdout, or to FILE.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { invoiceFor } from '../../billing/export';
import { statementHtml } from '../../documents/statement';
import { renderer } from '../../render';
import { help } from '../../render/cli-help';
import type { Lang } from '../../render/lang';
import { EXIT, type ExitCode, failure, said, usageError } from '../errors';
import { type Io, out, writeChunks } from '../io';
import { langOption } from '../lang';
import { monthOption, storeOption } from '../options';
import { inSnapshot, viewsOption, withReadModel } from '../read';

interface StatementOptions {
  readonly month: string;
  readonly billTo: string;
  readonly out?: string;
  readonly store?: string;
  readonly views?: string;
  readonly lang?: Lang;
}

export const runStatement = (io: Io, opts: StatementOptions): Promise<ExitCode> =>
  withReadModel(io, opts, (ctx) =>
    inSnapshot(ctx, async () => {
      const w = renderer(ctx.lang);
      const reading = await ctx.reader.monthReading(opts.month);
      if (reading.head.status !== 'closed')
        throw failure(w.ui('statement.notClosed', { month: w.month(opts.month), monthId: opts.month }));
      const doc = invoiceFor(reading.head, reading.lines('by-bill-to'), opts.billTo);
      if (doc === null)
        throw failure(w.ui('export.nothingBilled', { billTo: opts.billTo, month: w.month(opts.month) }));
      const page = statementHtml(doc, ctx.lang);
      if (opts.out === undefined) {
        await writeChunks(io, [page]);
        return EXIT.OK;
      }
      try {
        writeFileSync(opts.out, page);
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        throw usageError(said('statement.cannotWrite', { path: opts.out, detail: e.code ?? e.message }));
      }
      out(
        io,
        w.ui('statement.wrote', {
          number: doc.statementNumber ?? '',
          billTo: doc.billTo,
          month: w.month(doc.month),
          path: opts.out,
        }),
      );
      return EXIT.OK;
    }),
  );

export const registerStatement = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  program
    .command('statement')
    .description(help(lang, 'statement'))
    .addOption(monthOption(lang, 'statement.month').makeOptionMandatory())
    .requiredOption('--bill-to <id>', help(lang, 'statement.billTo'))
    .option('--out <file>', help(lang, 'statement.out'))
    .addOption(langOption(lang))
    .addOption(storeOption(lang))
    .addOption(viewsOption(lang))
    .action(async (opts: StatementOptions) => setExit(await runStatement(io, opts)));
};
