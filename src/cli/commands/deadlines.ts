/** `vpn-ledger deadlines`: equipment owed back (Art. 14(3)), its due date and status on a date. */
import type { Command } from 'commander';
import { type ReturnDeadline, returnDeadlines } from '../../projections/return-deadlines';
import { EXIT, type ExitCode } from '../errors';
import { renderTable, toJsonText, yen } from '../format';
import { type Io, out } from '../io';
import { asOfOption, formatOption, knownAtOption, storeOption } from '../options';
import { provenance, provenanceLine, type ReadContext, requireContract, withFacts } from '../read';
import { todayInJapan } from '../today';

/** Open: not yet returned (pending or overdue). */
export const isOpen = (d: ReturnDeadline): boolean => d.status === 'pending' || d.status === 'overdue';

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

/** The deadlines on `date`, open ones only unless `all`. */
export const deadlinesOn = (ctx: ReadContext, date: string, opts: { contract?: string; all?: boolean }) => {
  const found = returnDeadlines(
    ctx.facts,
    date,
    opts.contract !== undefined ? { contractId: opts.contract } : {},
  );
  return opts.all ? found : found.filter(isOpen);
};

interface DeadlinesOptions {
  readonly asOf?: string;
  readonly contract?: string;
  readonly all?: boolean;
  readonly knownAt?: string;
  readonly store?: string;
  readonly format: 'table' | 'json';
}

export const runDeadlines = (io: Io, opts: DeadlinesOptions): Promise<ExitCode> =>
  withFacts(io, opts, (ctx) => {
    if (opts.contract !== undefined) requireContract(ctx, opts.contract);
    const date = opts.asOf ?? todayInJapan();
    const deadlines = deadlinesOn(ctx, date, opts);
    if (opts.format === 'json') {
      out(
        io,
        toJsonText({
          schema: 'vpn-ledger.deadlines/v1',
          asOf: date,
          contractId: opts.contract ?? null,
          only: opts.all ? 'all' : 'open',
          generatedFrom: provenance(ctx),
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
    out(io, provenanceLine(ctx, date));
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
    .action(async (opts: DeadlinesOptions) => setExit(await runDeadlines(io, opts)));
};
