/** `vpn-ledger terms <contractId>`: the minimum terms of a contract and its options (Art. 5, 17(3)). */
import type { Command } from 'commander';
import { type MinimumTerm, minimumTerms } from '../../projections/minimum-terms';
import { EXIT, type ExitCode } from '../errors';
import { type Column, renderTable, toJsonText } from '../format';
import { type Io, out } from '../io';
import { asOfOption, formatOption, knownAtOption, storeOption } from '../options';
import { provenanceJson, provenanceLine, unknownContract, viewsOption, withReadModel } from '../read';
import { todayInJapan } from '../today';

export type TermStatus = 'running' | 'completed' | 'superseded' | 'not-started';

/** Where a term stands on `date`. */
export const termStatus = (t: MinimumTerm, date: string): TermStatus => {
  if (t.supersededOn !== null && t.supersededOn <= date) return 'superseded';
  if (date < t.start) return 'not-started';
  return date > t.end ? 'completed' : 'running';
};

/** The columns of a minimum term in a table, and its cells (status on `date`). */
export const TERM_COLUMNS: readonly Column[] = [
  { header: 'Of' },
  { header: 'Years', align: 'right' },
  { header: 'Start' },
  { header: 'End' },
  { header: 'Reason' },
  { header: 'Article' },
  { header: 'Superseded on' },
  { header: 'Status' },
];

export const termCells = (t: MinimumTerm, date: string): string[] => [
  t.optionId === null ? 'contract' : `option ${t.optionId} (${t.optionKind})`,
  String(t.years),
  t.start,
  t.end,
  t.reason,
  t.article,
  t.supersededOn ?? '',
  termStatus(t, date),
];

interface TermsOptions {
  readonly asOf?: string;
  readonly knownAt?: string;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'table' | 'json';
}

export const runTerms = (io: Io, contractId: string, opts: TermsOptions): Promise<ExitCode> =>
  withReadModel(io, opts, async (ctx) => {
    const read = await ctx.model.contract(
      contractId,
      opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {},
    );
    if (!read) throw unknownContract(contractId, opts.knownAt);
    const date = opts.asOf ?? todayInJapan();
    const terms = minimumTerms(read.facts, {
      contractId,
      ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
    });
    if (opts.format === 'json') {
      out(
        io,
        toJsonText({
          schema: 'vpn-ledger.terms/v1',
          contractId,
          asOf: date,
          generatedFrom: provenanceJson(ctx, read.provenance),
          terms: terms.map((t) => ({ ...t, status: termStatus(t, date) })),
        }),
      );
      return EXIT.OK;
    }
    if (terms.length === 0) {
      out(
        io,
        `Contract ${contractId} has no minimum term yet: a term starts on its billing start date (Art. 5).`,
      );
    } else {
      out(io, `Minimum terms of contract ${contractId} (status on ${date})\n`);
      out(
        io,
        renderTable(
          TERM_COLUMNS,
          terms.map((t) => termCells(t, date)),
        ),
      );
    }
    out(io);
    out(io, provenanceLine(ctx, read.provenance, opts.asOf));
    return EXIT.OK;
  });

export const registerTerms = (program: Command, io: Io, setExit: (code: ExitCode) => void): void => {
  program
    .command('terms')
    .description('minimum terms of a contract and its options, with the reason each started (Art. 5, 17(3))')
    .argument('<contractId>', 'the contract')
    .addOption(asOfOption('as effective on this Japan date (default: today)'))
    .addOption(knownAtOption())
    .addOption(formatOption())
    .addOption(storeOption())
    .addOption(viewsOption())
    .action(async (contractId: string, opts: TermsOptions) => setExit(await runTerms(io, contractId, opts)));
};
