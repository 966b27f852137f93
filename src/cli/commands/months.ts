/**
 * `vpn-ledger months`: every billing month from the ledger's first charge to the current one (in
 * Japan, by the system clock), closed or open: who closed it and when, the close's id, its lines
 * and total, the adjustments it carried (or, open, carries), and its seal's digest. From the views
 * (src/read/months-overview.ts); `--format json` writes vpn-ledger.months/v1, as GET /v1/months.
 */
import type { Command } from 'commander';
import { toJsonText } from '../../documents/encoding';
import { monthsJson } from '../../documents/months';
import { generatedFrom } from '../../documents/provenance';
import type { MonthOverview } from '../../read';
import { renderer } from '../../render';
import { help } from '../../render/cli-help';
import type { Lang } from '../../render/lang';
import { viewsProblemText } from '../../render/views-problem';
import { EXIT, type ExitCode, failure } from '../errors';
import { renderTable, yen } from '../format';
import { type Io, out } from '../io';
import { langOption } from '../lang';
import { formatOption, storeOption } from '../options';
import { provenanceLine, viewsOption, withReadModel } from '../read';
import { todayInJapan } from '../today';

/** What the status column says of a month. */
const statusText = (m: MonthOverview, lang: Lang): string => {
  const w = renderer(lang);
  if (m.status === 'closed') return w.ui(m.close ? 'months.closed' : 'months.beforeFirst');
  return w.ui(m.nextToClose ? 'months.next' : 'months.open');
};

/** For people: a row per month. */
export const monthsTable = (months: readonly MonthOverview[], lang: Lang = 'en'): string => {
  const w = renderer(lang);
  return renderTable(
    [
      { header: w.ui('col.month') },
      { header: w.ui('col.status') },
      { header: w.ui('col.closedBy') },
      { header: w.ui('col.closedAt') },
      { header: w.ui('col.lines'), align: 'right' },
      { header: w.ui('col.totalYen'), align: 'right' },
      { header: w.ui('col.adjustments'), align: 'right' },
      { header: w.ui('col.closeId') },
      { header: w.ui('col.sealDigest') },
    ],
    months.map((m) => [
      w.month(m.month),
      statusText(m, lang),
      m.close?.closedBy ?? '',
      m.close ? (lang === 'en' ? m.close.closedAt : w.instant(m.close.closedAt)) : '',
      String(m.lines),
      yen(m.total),
      String(m.adjustments),
      m.close?.closeId ?? '',
      m.close ? m.close.seal.digest.slice(0, 16) : '',
    ]),
  );
};

interface MonthsOptions {
  readonly store?: string;
  readonly views?: string;
  readonly format: 'table' | 'json';
  readonly lang?: Lang;
}

export const runMonths = (io: Io, opts: MonthsOptions): Promise<ExitCode> =>
  withReadModel(io, opts, (ctx) => {
    const current = todayInJapan().slice(0, 7);
    const found = ctx.reader.months(current);
    const w = renderer(ctx.lang);
    if (!found) {
      const problem = ctx.reader.viewsProblem();
      throw failure(
        w.ui('months.viewsUnavailable', {
          problem: problem === null ? 'none' : viewsProblemText(ctx.lang, problem),
        }),
      );
    }
    const { months, provenance } = found;
    if (opts.format === 'json') {
      out(
        io,
        toJsonText(monthsJson(months, null, generatedFrom(ctx.storeKind, provenance, ctx.lang), ctx.lang)),
      );
      return EXIT.OK;
    }
    if (months.length === 0) out(io, w.ui('months.none'));
    else {
      out(io, w.ui('months.title', { month: w.month(current) }));
      out(io);
      out(io, monthsTable(months, ctx.lang));
      const open = months.filter((m) => m.status === 'open' && m.month < current);
      if (open.length > 0) {
        out(io);
        out(io, w.ui('months.toClose', { count: open.length, through: open[open.length - 1]!.month }));
      }
    }
    out(io);
    out(io, provenanceLine(ctx, provenance));
    return EXIT.OK;
  });

export const registerMonths = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  program
    .command('months')
    .description(help(lang, 'months'))
    .addOption(formatOption(lang))
    .addOption(langOption(lang))
    .addOption(storeOption(lang))
    .addOption(viewsOption(lang))
    .action(async (opts: MonthsOptions) => setExit(await runMonths(io, opts)));
};
