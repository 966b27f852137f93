/** `vpn-ledger timeline <contractId>`: a contract's history in words, with articles, for auditors. */
import type { Command } from 'commander';
import { type TimelineStep, timeline } from '../../projections/timeline';
import { EXIT, type ExitCode } from '../errors';
import { renderTable, toJsonText } from '../format';
import { type Io, out } from '../io';
import { asOfOption, formatOption, knownAtOption, storeOption } from '../options';
import { provenanceJson, provenanceLine, unknownContract, viewsOption, withReadModel } from '../read';

export const timelineTable = (steps: readonly TimelineStep[], withEvents: boolean): string =>
  renderTable(
    [
      { header: 'Date' },
      { header: 'Article', wrap: 22 },
      { header: 'What happened', wrap: 88 },
      ...(withEvents ? [{ header: 'Event' }, { header: 'Recorded at' }] : []),
    ],
    steps.map((s) => [
      s.date,
      s.article,
      s.text,
      ...(withEvents ? [`${s.type} ${s.eventId}`, s.recordedAt] : []),
    ]),
  );

interface TimelineOptions {
  readonly asOf?: string;
  readonly knownAt?: string;
  readonly events?: boolean;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'table' | 'json';
}

export const runTimeline = (io: Io, contractId: string, opts: TimelineOptions): Promise<ExitCode> =>
  withReadModel(io, opts, async (ctx) => {
    const read = await ctx.model.contract(contractId, {
      withNetwork: true,
      ...(opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {}),
    });
    if (!read) throw unknownContract(contractId, opts.knownAt);
    const steps = timeline(read.facts, contractId, opts.asOf !== undefined ? { asOf: opts.asOf } : {});
    if (opts.format === 'json') {
      out(
        io,
        toJsonText({
          schema: 'vpn-ledger.timeline/v1',
          contractId,
          asOf: opts.asOf ?? null,
          generatedFrom: provenanceJson(ctx, read.provenance),
          steps,
        }),
      );
      return EXIT.OK;
    }
    out(io, `Timeline of contract ${contractId}\n`);
    out(
      io,
      steps.length ? timelineTable(steps, opts.events === true) : '(nothing happened yet on that date)',
    );
    out(io);
    out(io, provenanceLine(ctx, read.provenance, opts.asOf));
    return EXIT.OK;
  });

export const registerTimeline = (program: Command, io: Io, setExit: (code: ExitCode) => void): void => {
  program
    .command('timeline')
    .description("a contract's history in words, with the article behind each step")
    .argument('<contractId>', 'the contract')
    .option('--events', 'also show the event type, id and recording time of each step')
    .addOption(asOfOption('as effective on this Japan date (later steps left out)'))
    .addOption(knownAtOption())
    .addOption(formatOption())
    .addOption(storeOption())
    .addOption(viewsOption())
    .action(async (contractId: string, opts: TimelineOptions) =>
      setExit(await runTimeline(io, contractId, opts)),
    );
};
