/** `vpn-ledger deadlines`: equipment owed back (Art. 14(3)), its due date and status on a date. */
import type { Command } from 'commander';
import { deadlinesDocument } from '../../documents/contracts';
import { toJsonText } from '../../documents/encoding';
import { generatedFrom } from '../../documents/provenance';
import type { ReturnDeadline } from '../../projections/return-deadlines';
import { renderer } from '../../render';
import { help } from '../../render/cli-help';
import type { Lang } from '../../render/lang';
import { EXIT, type ExitCode } from '../errors';
import { renderTable, yen } from '../format';
import { type Io, out } from '../io';
import { langOption } from '../lang';
import { asOfOption, formatOption, knownAtOption, storeOption } from '../options';
import { provenanceLine, unknownContract, viewsOption, withReadModel } from '../read';
import { todayInJapan } from '../today';

export const deadlinesTable = (
  deadlines: readonly ReturnDeadline[],
  date: string,
  all: boolean,
  lang: Lang = 'en',
): string => {
  const r = renderer(lang);
  if (deadlines.length === 0) return r.ui('deadlines.none', { all: all ? 'yes' : 'no', date: r.date(date) });
  return renderTable(
    [
      { header: r.ui('col.contract') },
      { header: r.ui('col.item') },
      { header: r.ui('col.kind') },
      { header: r.ui('col.model') },
      { header: r.ui('col.reason') },
      { header: r.ui('col.from') },
      { header: r.ui('col.due') },
      { header: r.ui('col.status') },
      { header: r.ui('col.returned') },
      { header: r.ui('col.lossCharge'), align: 'right' },
      { header: r.ui('col.note'), wrap: 48 },
    ],
    deadlines.map((d) => [
      d.contractId,
      d.itemId,
      r.word('kind', d.kind),
      d.model,
      r.word('returnReason', d.reason),
      d.triggerOn,
      d.dueOn,
      r.word('returnStatus', d.status),
      d.returnedOn ?? '',
      d.lossCharge ? yen(d.lossCharge.amount) : '',
      r.deadlineNotes(d.notes) ?? '',
    ]),
  );
};

/** The title above the deadlines table. */
export const deadlinesTitle = (date: string, all: boolean, lang: Lang): string =>
  renderer(lang).ui('deadlines.title', { all: all ? 'yes' : 'no', date: renderer(lang).date(date) });

interface DeadlinesOptions {
  readonly asOf?: string;
  readonly contract?: string;
  readonly all?: boolean;
  readonly knownAt?: string;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'table' | 'json';
  readonly lang?: Lang;
}

export const runDeadlines = (io: Io, opts: DeadlinesOptions): Promise<ExitCode> =>
  withReadModel(io, opts, async (ctx) => {
    const date = opts.asOf ?? todayInJapan();
    const progress = ctx.foldProgress();
    let found: Awaited<ReturnType<typeof ctx.reader.deadlines>>;
    try {
      found = await ctx.reader.deadlines(date, {
        ...(opts.contract !== undefined ? { contractId: opts.contract } : {}),
        ...(opts.all ? { all: true } : {}),
        ...(opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {}),
        onProgress: progress.onProgress,
      });
    } finally {
      progress.stop();
    }
    if (!found) throw unknownContract(opts.contract!, opts.knownAt, ctx.lang);
    const { deadlines, provenance } = found;
    if (opts.format === 'json') {
      out(
        io,
        toJsonText(
          deadlinesDocument(
            date,
            opts.contract ?? null,
            opts.all === true,
            generatedFrom(ctx.storeKind, provenance, ctx.lang),
            deadlines,
            ctx.lang,
          ),
        ),
      );
      return EXIT.OK;
    }
    out(io, `${deadlinesTitle(date, opts.all === true, ctx.lang)}\n`);
    out(io, deadlinesTable(deadlines, date, opts.all === true, ctx.lang));
    out(io);
    out(io, provenanceLine(ctx, provenance, date));
    return EXIT.OK;
  });

export const registerDeadlines = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  program
    .command('deadlines')
    .description(help(lang, 'deadlines'))
    .addOption(asOfOption(lang, 'deadlines.asOf'))
    .option('--contract <id>', help(lang, 'opt.contract'))
    .option('--all', help(lang, 'deadlines.all'))
    .addOption(knownAtOption(lang))
    .addOption(formatOption(lang))
    .addOption(langOption(lang))
    .addOption(storeOption(lang))
    .addOption(viewsOption(lang))
    .action(async (opts: DeadlinesOptions) => setExit(await runDeadlines(io, opts)));
};
