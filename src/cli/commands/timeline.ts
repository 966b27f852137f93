/** `vpn-ledger timeline <contractId>`: a contract's history in words, with articles, for auditors. */
import type { Command } from 'commander';
import { timelineDocument } from '../../documents/contracts';
import { toJsonText } from '../../documents/encoding';
import { generatedFrom } from '../../documents/provenance';
import type { TimelineStep } from '../../projections/timeline';
import { timeline } from '../../projections/timeline';
import { renderer } from '../../render';
import { help } from '../../render/cli-help';
import type { Lang } from '../../render/lang';
import { EXIT, type ExitCode } from '../errors';
import { renderTable } from '../format';
import { type Io, out } from '../io';
import { langOption } from '../lang';
import { asOfOption, formatOption, knownAtOption, storeOption } from '../options';
import { provenanceLine, unknownContract, viewsOption, withReadModel } from '../read';

export const timelineTable = (
  steps: readonly TimelineStep[],
  withEvents: boolean,
  lang: Lang = 'en',
): string => {
  const r = renderer(lang);
  return renderTable(
    [
      { header: r.ui('col.date') },
      { header: r.ui('col.article'), wrap: 22 },
      { header: r.ui('col.whatHappened'), wrap: 88 },
      ...(withEvents ? [{ header: r.ui('col.event') }, { header: r.ui('col.recordedAt') }] : []),
    ],
    steps.map((s) => [
      r.date(s.date),
      r.stepArticle(s),
      r.step(s),
      ...(withEvents ? [`${s.type} ${s.eventId}`, s.recordedAt] : []),
    ]),
  );
};

interface TimelineOptions {
  readonly asOf?: string;
  readonly knownAt?: string;
  readonly events?: boolean;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'table' | 'json';
  readonly lang?: Lang;
}

export const runTimeline = (io: Io, contractId: string, opts: TimelineOptions): Promise<ExitCode> =>
  withReadModel(io, opts, async (ctx) => {
    const read = await ctx.reader.contract(contractId, {
      withNetwork: true,
      ...(opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {}),
    });
    if (!read) throw unknownContract(contractId, opts.knownAt, ctx.lang);
    const steps = timeline(read.facts, contractId, opts.asOf !== undefined ? { asOf: opts.asOf } : {});
    if (opts.format === 'json') {
      out(
        io,
        toJsonText(
          timelineDocument(
            contractId,
            opts.asOf ?? null,
            generatedFrom(ctx.storeKind, read.provenance, ctx.lang),
            steps,
            null,
            ctx.lang,
          ),
        ),
      );
      return EXIT.OK;
    }
    const r = renderer(ctx.lang);
    out(io, `${r.ui('timeline.title', { contractId })}\n`);
    out(io, steps.length ? timelineTable(steps, opts.events === true, ctx.lang) : r.ui('timeline.empty'));
    out(io);
    out(io, provenanceLine(ctx, read.provenance, opts.asOf));
    return EXIT.OK;
  });

export const registerTimeline = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  program
    .command('timeline')
    .description(help(lang, 'timeline'))
    .argument('<contractId>', help(lang, 'contract.contractId'))
    .option('--events', help(lang, 'timeline.events'))
    .addOption(asOfOption(lang, 'timeline.asOf'))
    .addOption(knownAtOption(lang))
    .addOption(formatOption(lang))
    .addOption(langOption(lang))
    .addOption(storeOption(lang))
    .addOption(viewsOption(lang))
    .action(async (contractId: string, opts: TimelineOptions) =>
      setExit(await runTimeline(io, contractId, opts)),
    );
};
