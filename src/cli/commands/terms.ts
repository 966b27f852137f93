/** `vpn-ledger terms <contractId>`: the minimum terms of a contract and its options (Art. 5, 17(3)). */
import type { Command } from 'commander';
import { termStatus, termsDocument } from '../../documents/contracts';
import { toJsonText } from '../../documents/encoding';
import { generatedFrom } from '../../documents/provenance';
import { type MinimumTerm, minimumTerms } from '../../projections/minimum-terms';
import { renderer } from '../../render';
import { help } from '../../render/cli-help';
import type { Lang } from '../../render/lang';
import { optionName } from '../../render/words';
import { EXIT, type ExitCode } from '../errors';
import { type Column, renderTable } from '../format';
import { type Io, out } from '../io';
import { langOption } from '../lang';
import { asOfOption, formatOption, knownAtOption, storeOption } from '../options';
import { provenanceLine, unknownContract, viewsOption, withReadModel } from '../read';
import { todayInJapan } from '../today';

/** The columns of a minimum term in a table, and its cells (status on `date`). */
export const termColumns = (lang: Lang = 'en'): Column[] => {
  const r = renderer(lang);
  return [
    { header: r.ui('col.of') },
    { header: r.ui('col.years'), align: 'right' },
    { header: r.ui('col.start') },
    { header: r.ui('col.end') },
    { header: r.ui('col.reason') },
    { header: r.ui('col.article') },
    { header: r.ui('col.supersededOn') },
    { header: r.ui('col.cutShortOn') },
    { header: r.ui('col.status') },
  ];
};

export const termCells = (t: MinimumTerm, date: string, lang: Lang = 'en'): string[] => {
  const r = renderer(lang);
  return [
    t.optionId === null
      ? r.ui('terms.contract')
      : r.ui('terms.option', {
          optionId: t.optionId,
          kind: t.optionKind === null ? '' : lang === 'ja' ? optionName(lang, t.optionKind) : t.optionKind,
        }),
    String(t.years),
    t.start,
    t.end,
    r.word('termReason', t.reason),
    r.citation(t.article),
    t.supersededOn ?? '',
    t.cutShortOn ?? '',
    r.word('termStatus', termStatus(t, date)),
  ];
};

interface TermsOptions {
  readonly asOf?: string;
  readonly knownAt?: string;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'table' | 'json';
  readonly lang?: Lang;
}

export const runTerms = (io: Io, contractId: string, opts: TermsOptions): Promise<ExitCode> =>
  withReadModel(io, opts, async (ctx) => {
    const read = await ctx.reader.contract(
      contractId,
      opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {},
    );
    if (!read) throw unknownContract(contractId, opts.knownAt, ctx.lang);
    const date = opts.asOf ?? todayInJapan();
    const terms = minimumTerms(read.facts, {
      contractId,
      ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
    });
    if (opts.format === 'json') {
      out(
        io,
        toJsonText(
          termsDocument(
            contractId,
            date,
            generatedFrom(ctx.storeKind, read.provenance, ctx.lang),
            terms,
            ctx.lang,
          ),
        ),
      );
      return EXIT.OK;
    }
    const r = renderer(ctx.lang);
    if (terms.length === 0) {
      out(io, r.ui('terms.none', { contractId }));
    } else {
      out(io, `${r.ui('terms.title', { contractId, date: r.date(date) })}\n`);
      out(
        io,
        renderTable(
          termColumns(ctx.lang),
          terms.map((t) => termCells(t, date, ctx.lang)),
        ),
      );
    }
    out(io);
    out(io, provenanceLine(ctx, read.provenance, opts.asOf));
    return EXIT.OK;
  });

export const registerTerms = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  program
    .command('terms')
    .description(help(lang, 'terms'))
    .argument('<contractId>', help(lang, 'contract.contractId'))
    .addOption(asOfOption(lang, 'opt.asOfToday'))
    .addOption(knownAtOption(lang))
    .addOption(formatOption(lang))
    .addOption(langOption(lang))
    .addOption(storeOption(lang))
    .addOption(viewsOption(lang))
    .action(async (contractId: string, opts: TermsOptions) => setExit(await runTerms(io, contractId, opts)));
};
