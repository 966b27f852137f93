/** `vpn-ledger deadlines`: equipment owed back (Art. 14(3)), its due date and status on a date. */
import type { Command } from 'commander';
import type { ReturnDeadline } from '../../projections/return-deadlines';
import { EXIT, type ExitCode } from '../errors';
import { renderTable, toJsonText, yen } from '../format';
import { type Io, out } from '../io';
import { asOfOption, formatOption, knownAtOption, storeOption } from '../options';
import { provenanceJson, provenanceLine, unknownContract, viewsOption, withReadModel } from '../read';
import { todayInJapan } from '../today';

export const deadlinesTable = (deadlines: readonly ReturnDeadline[], date: string, all: boolean): string => {
  if (deadlines.length === 0)
    return all ? `No equipment owed back as of ${date}.` : `No open return deadlines as of ${date}.`;
  return renderTable(
    [
      { header: 'Contract' },
      { header: 'Item' },
      { header: 'Kind' },
      { header: 'Model' },
      { header: 'Reason' },
      { header: 'From' },
      { header: 'Due' },
      { header: 'Status' },
      { header: 'Returned' },
      { header: 'Loss charge', align: 'right' },
      { header: 'Note', wrap: 48 },
    ],
    deadlines.map((d) => [
      d.contractId,
      d.itemId,
      d.kind,
      d.model,
      d.reason,
      d.triggerOn,
      d.dueOn,
      d.status,
      d.returnedOn ?? '',
      d.lossCharge ? yen(d.lossCharge.amount) : '',
      d.note ?? '',
    ]),
  );
};

interface DeadlinesOptions {
  readonly asOf?: string;
  readonly contract?: string;
  readonly all?: boolean;
  readonly knownAt?: string;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'table' | 'json';
}

export const runDeadlines = (io: Io, opts: DeadlinesOptions): Promise<ExitCode> =>
  withReadModel(io, opts, async (ctx) => {
    const date = opts.asOf ?? todayInJapan();
    const progress = ctx.foldProgress();
    let found: Awaited<ReturnType<typeof ctx.model.deadlines>>;
    try {
      found = await ctx.model.deadlines(date, {
        ...(opts.contract !== undefined ? { contractId: opts.contract } : {}),
        ...(opts.all ? { all: true } : {}),
        ...(opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {}),
        onProgress: progress.onProgress,
      });
    } finally {
      progress.stop();
    }
    if (!found) throw unknownContract(opts.contract!, opts.knownAt);
    const { deadlines, provenance } = found;
    if (opts.format === 'json') {
      out(
        io,
        toJsonText({
          schema: 'vpn-ledger.deadlines/v1',
          asOf: date,
          contractId: opts.contract ?? null,
          only: opts.all ? 'all' : 'open',
          generatedFrom: provenanceJson(ctx, provenance),
          deadlines,
        }),
      );
      return EXIT.OK;
    }
    out(
      io,
      `${opts.all ? 'Return deadlines' : 'Open return deadlines'} as of ${date} (Art. 14(3): within 30 days of the end or change date)\n`,
    );
    out(io, deadlinesTable(deadlines, date, opts.all === true));
    out(io);
    out(io, provenanceLine(ctx, provenance, date));
    return EXIT.OK;
  });

export const registerDeadlines = (program: Command, io: Io, setExit: (code: ExitCode) => void): void => {
  program
    .command('deadlines')
    .description('equipment to be returned (Art. 14(3), 16(2)): due dates and status (open ones by default)')
    .addOption(asOfOption('status on this Japan date (default: today)'))
    .option('--contract <id>', 'only this contract')
    .option('--all', 'also items already returned')
    .addOption(knownAtOption())
    .addOption(formatOption())
    .addOption(storeOption())
    .addOption(viewsOption())
    .action(async (opts: DeadlinesOptions) => setExit(await runDeadlines(io, opts)));
};
