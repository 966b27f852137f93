/**
 * `vpn-ledger state <contractId> --as-of DATE [--known-at TIME]`: the contract as it stood on a
 * date (as effective then), optionally as the ledger knew it at a time.
 */
import type { Command } from 'commander';
import { type ContractSnapshot, contractStateAsOf } from '../../projections/contract-state';
import type { MinimumTerm } from '../../projections/minimum-terms';
import { maintenanceBasisText } from '../../render/words';
import { EXIT, type ExitCode } from '../errors';
import { renderFields, renderTable, toJsonText, yen } from '../format';
import { type Io, out } from '../io';
import { asOfOption, formatOption, knownAtOption, storeOption } from '../options';
import { provenanceJson, provenanceLine, unknownContract, viewsOption, withReadModel } from '../read';
import { todayInJapan } from '../today';

const term = (t: MinimumTerm | null): string =>
  t === null ? '(none running)' : `${t.years} year(s) ${t.start} to ${t.end} (${t.reason}, ${t.article})`;

export const stateText = (s: ContractSnapshot): string => {
  const parts: string[] = [];
  parts.push(
    renderFields([
      ['status', s.status],
      ['network', `${s.networkId} (parent holder ${s.parentHolderId})`],
      ['type', s.contractType],
      ['contractor', s.contractorId],
      ['item', s.item],
      ['device model', s.deviceModel ?? '(none: closed monitoring has no VPN device of its own)'],
      [
        'maintenance',
        `${s.maintenance.type} (${s.maintenance.article}: ${maintenanceBasisText('en', s.maintenance.basis)})`,
      ],
      ['billing start', s.billingStartOn ?? '(not started)'],
      ['monthly fee', s.monthlyFee === null ? '(none billed on this date)' : `${yen(s.monthlyFee)} yen`],
      ['minimum term', `${s.termYears} year(s); in force: ${term(s.termInForce)}`],
      ...(s.termination
        ? ([
            [
              'termination',
              `${s.termination.terminated ? 'terminated' : 'scheduled'}, effective ${s.termination.effectiveOn}` +
                `${s.termination.noticeArrivedOn ? `; notice arrived ${s.termination.noticeArrivedOn}` : ''}` +
                `${s.termination.requestedOn ? `, requested ${s.termination.requestedOn}` : ''}; ground ${s.termination.ground}` +
                `${s.termination.evidenceRef ? ` (evidence ${s.termination.evidenceRef})` : ''}`,
            ],
          ] as const)
        : []),
    ]),
  );
  if (s.options.length) {
    parts.push(
      `Options\n\n${renderTable(
        [
          { header: 'Option' },
          { header: 'Kind' },
          { header: 'Model' },
          { header: 'Status' },
          { header: 'Monthly (yen)', align: 'right' },
          { header: 'Billing start' },
          { header: 'Ends' },
          { header: 'Term in force' },
        ],
        s.options.map((o) => [
          o.optionId,
          o.kind,
          o.model ?? '',
          o.status,
          o.monthlyFee === null ? '' : yen(o.monthlyFee),
          o.billingStartOn ?? '',
          o.endsOn ?? '',
          o.termInForce ? `${o.termInForce.start}..${o.termInForce.end}` : '',
        ]),
      )}`,
    );
  }
  if (s.equipment.length) {
    parts.push(
      `Equipment\n\n${renderTable(
        [
          { header: 'Item' },
          { header: 'Kind' },
          { header: 'Model' },
          { header: 'Option' },
          { header: 'Since' },
          { header: 'Status' },
        ],
        s.equipment.map((e) => [e.itemId, e.kind, e.model, e.optionId ?? '', e.since, e.status]),
      )}`,
    );
  }
  if (s.openFaults.length) {
    parts.push(
      `Open faults\n\n${renderTable(
        [{ header: 'Fault' }, { header: 'Item' }, { header: 'Reported' }, { header: 'Outcome' }],
        s.openFaults.map((f) => [
          f.faultId,
          f.itemId ?? '',
          f.reportedOn ?? '',
          f.outcome ?? '(not investigated)',
        ]),
      )}`,
    );
  }
  if (s.openLosses.length) {
    parts.push(
      `Open losses\n\n${renderTable(
        [
          { header: 'Loss' },
          { header: 'Item' },
          { header: 'Reported' },
          { header: 'Replacement shipped' },
          { header: 'Charge quoted' },
        ],
        s.openLosses.map((l) => [
          l.lossId,
          l.itemId ?? '',
          l.reportedOn ?? '(not reported: not returned)',
          l.replacementShipped ? 'yes' : 'no',
          l.chargeQuoted ? 'yes' : 'no',
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
}

export const runState = (io: Io, contractId: string, opts: StateOptions): Promise<ExitCode> =>
  withReadModel(io, opts, async (ctx) => {
    const read = await ctx.model.contract(
      contractId,
      opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {},
    );
    if (!read) throw unknownContract(contractId, opts.knownAt);
    const date = opts.asOf ?? todayInJapan();
    const state = contractStateAsOf(read.facts, contractId, date);
    if (opts.format === 'json') {
      out(
        io,
        toJsonText({
          schema: 'vpn-ledger.state/v1',
          contractId,
          asOf: date,
          generatedFrom: provenanceJson(ctx, read.provenance),
          state,
        }),
      );
      return EXIT.OK;
    }
    if (state === null) {
      const acceptedOn = read.facts.contracts.get(contractId)?.acceptedOn;
      out(
        io,
        `Contract ${contractId} did not exist yet on ${date} (its application was accepted on ${acceptedOn}).`,
      );
    } else {
      out(io, `Contract ${contractId} as effective on ${date}\n`);
      out(io, stateText(state));
    }
    out(io);
    out(io, provenanceLine(ctx, read.provenance, date));
    return EXIT.OK;
  });

export const registerState = (program: Command, io: Io, setExit: (code: ExitCode) => void): void => {
  program
    .command('state')
    .description('a contract as it stood on a date: status, fees, terms, options, equipment')
    .argument('<contractId>', 'the contract')
    .addOption(asOfOption('as effective on this Japan date (default: today)'))
    .addOption(knownAtOption())
    .addOption(formatOption())
    .addOption(storeOption())
    .addOption(viewsOption())
    .action(async (contractId: string, opts: StateOptions) => setExit(await runState(io, contractId, opts)));
};
