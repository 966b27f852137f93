/**
 * `vpn-ledger state <contractId> --as-of DATE [--known-at TIME]`: the contract as it stood on a
 * date (as effective then), optionally as the ledger knew it at a time.
 */
import type { Command } from 'commander';
import { stateDocument } from '../../documents/contracts';
import { toJsonText } from '../../documents/encoding';
import { generatedFrom } from '../../documents/provenance';
import { type ContractSnapshot, contractStateAsOf } from '../../projections/contract-state';
import type { MinimumTerm } from '../../projections/minimum-terms';
import { renderer } from '../../render';
import { help } from '../../render/cli-help';
import type { Lang } from '../../render/lang';
import { itemName, maintenanceBasisText, optionName } from '../../render/words';
import { EXIT, type ExitCode } from '../errors';
import { renderFields, renderTable, yen } from '../format';
import { type Io, out } from '../io';
import { langOption } from '../lang';
import { asOfOption, formatOption, knownAtOption, storeOption } from '../options';
import { provenanceLine, unknownContract, viewsOption, withReadModel } from '../read';
import { todayInJapan } from '../today';

export const stateText = (s: ContractSnapshot, lang: Lang = 'en'): string => {
  const r = renderer(lang);
  const term = (t: MinimumTerm | null): string =>
    t === null
      ? r.ui('state.noTerm')
      : r.ui('state.term', {
          years: t.years,
          start: r.date(t.start),
          end: r.date(t.end),
          reason: r.word('termReason', t.reason),
          article: r.citation(t.article),
        });
  const yesNo = (b: boolean) => r.ui(b ? 'yes' : 'no');
  const parts: string[] = [];
  parts.push(
    renderFields([
      [r.ui('field.status'), r.word('contractStatus', s.status)],
      [
        r.ui('field.network'),
        r.ui('state.networkValue', { networkId: s.networkId, parentHolderId: s.parentHolderId }),
      ],
      [r.ui('field.type'), r.word('contractType', s.contractType)],
      [r.ui('field.contractor'), s.contractorId],
      [r.ui('field.item'), lang === 'ja' ? itemName(lang, s.item) : s.item],
      [r.ui('field.deviceModel'), s.deviceModel ?? r.ui('state.noDevice')],
      [
        r.ui('field.maintenance'),
        r.ui('state.maintenanceValue', {
          type: r.word('maintenanceType', s.maintenance.type),
          article: r.citation(s.maintenance.article),
          reason: maintenanceBasisText(lang, s.maintenance.basis),
        }),
      ],
      [
        r.ui('field.billingStart'),
        s.billingStartOn === null ? r.ui('state.notStarted') : r.date(s.billingStartOn),
      ],
      [
        r.ui('field.monthlyFee'),
        s.monthlyFee === null ? r.ui('state.noFee') : r.ui('state.fee', { fee: yen(s.monthlyFee) }),
      ],
      [r.ui('field.minimumTerm'), r.ui('state.termValue', { years: s.termYears, term: term(s.termInForce) })],
      ...(s.termination ? ([[r.ui('field.termination'), r.termination(s.termination)]] as const) : []),
    ]),
  );
  if (s.options.length) {
    parts.push(
      `${r.ui('state.options')}\n\n${renderTable(
        [
          { header: r.ui('col.option') },
          { header: r.ui('col.kind') },
          { header: r.ui('col.model') },
          { header: r.ui('col.status') },
          { header: r.ui('col.monthlyYen'), align: 'right' },
          { header: r.ui('col.billingStart') },
          { header: r.ui('col.ends') },
          { header: r.ui('col.termInForce') },
        ],
        s.options.map((o) => [
          o.optionId,
          lang === 'ja' ? optionName(lang, o.kind) : o.kind,
          o.model ?? '',
          r.word('optionStatus', o.status),
          o.monthlyFee === null ? '' : yen(o.monthlyFee),
          o.billingStartOn ?? '',
          o.endsOn ?? '',
          o.termInForce ? `${o.termInForce.start}${lang === 'ja' ? '～' : '..'}${o.termInForce.end}` : '',
        ]),
      )}`,
    );
  }
  if (s.equipment.length) {
    parts.push(
      `${r.ui('state.equipment')}\n\n${renderTable(
        [
          { header: r.ui('col.item') },
          { header: r.ui('col.kind') },
          { header: r.ui('col.model') },
          { header: r.ui('col.option') },
          { header: r.ui('col.since') },
          { header: r.ui('col.status') },
        ],
        s.equipment.map((e) => [
          e.itemId,
          r.word('kind', e.kind),
          e.model,
          e.optionId ?? '',
          e.since,
          r.word('equipmentStatus', e.status),
        ]),
      )}`,
    );
  }
  if (s.openFaults.length) {
    parts.push(
      `${r.ui('state.openFaults')}\n\n${renderTable(
        [
          { header: r.ui('col.fault') },
          { header: r.ui('col.item') },
          { header: r.ui('col.reported') },
          { header: r.ui('col.outcome') },
        ],
        s.openFaults.map((f) => [
          f.faultId,
          f.itemId ?? '',
          f.reportedOn ?? '',
          f.outcome === null ? r.ui('state.notInvestigated') : r.word('outcome', f.outcome),
        ]),
      )}`,
    );
  }
  if (s.openLosses.length) {
    parts.push(
      `${r.ui('state.openLosses')}\n\n${renderTable(
        [
          { header: r.ui('col.loss') },
          { header: r.ui('col.item') },
          { header: r.ui('col.reported') },
          { header: r.ui('col.replacementShipped') },
          { header: r.ui('col.chargeQuoted') },
        ],
        s.openLosses.map((l) => [
          l.lossId,
          l.itemId ?? '',
          l.reportedOn ?? r.ui('state.notReported'),
          yesNo(l.replacementShipped),
          yesNo(l.chargeQuoted),
        ]),
      )}`,
    );
  }
  return parts.join('\n\n');
};

interface StateOptions {
  readonly asOf?: string;
  readonly knownAt?: string;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'table' | 'json';
  readonly lang?: Lang;
}

export const runState = (io: Io, contractId: string, opts: StateOptions): Promise<ExitCode> =>
  withReadModel(io, opts, async (ctx) => {
    const read = await ctx.reader.contract(
      contractId,
      opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {},
    );
    if (!read) throw unknownContract(contractId, opts.knownAt, ctx.lang);
    const date = opts.asOf ?? todayInJapan();
    const state = contractStateAsOf(read.facts, contractId, date);
    if (opts.format === 'json') {
      out(
        io,
        toJsonText(
          stateDocument(
            contractId,
            date,
            generatedFrom(ctx.storeKind, read.provenance, ctx.lang),
            state,
            null,
            ctx.lang,
          ),
        ),
      );
      return EXIT.OK;
    }
    const r = renderer(ctx.lang);
    if (state === null) {
      const acceptedOn = read.facts.contracts.get(contractId)?.acceptedOn ?? '';
      out(io, r.ui('state.notYet', { contractId, date: r.date(date), acceptedOn: r.date(acceptedOn) }));
    } else {
      out(io, `${r.ui('state.title', { contractId, date: r.date(date) })}\n`);
      out(io, stateText(state, ctx.lang));
    }
    out(io);
    out(io, provenanceLine(ctx, read.provenance, date));
    return EXIT.OK;
  });

export const registerState = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  program
    .command('state')
    .description(help(lang, 'state'))
    .argument('<contractId>', help(lang, 'contract.contractId'))
    .addOption(asOfOption(lang, 'opt.asOfToday'))
    .addOption(knownAtOption(lang))
    .addOption(formatOption(lang))
    .addOption(langOption(lang))
    .addOption(storeOption(lang))
    .addOption(viewsOption(lang))
    .action(async (contractId: string, opts: StateOptions) => setExit(await runState(io, contractId, opts)));
};
