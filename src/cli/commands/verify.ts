/**
 * `vpn-ledger verify`: the integrity of the log: every stream's hash chain, every event against its
 * schema, and (SQLite) the global positions; every seal against the log worked out again, with its
 * signature checked when public keys are given (`--public-key`), and seals kept outside the ledger
 * (`--seal FILE`). Exit 1 with the first broken link of each stream and the first seal that diverges.
 */
import type { Command } from 'commander';
import { type IntegrityBreak, type IntegrityReport, verifyIntegrity } from '../../ledger/integrity';
import { withStore } from '../context';
import { EXIT, type ExitCode, failure } from '../errors';
import { renderTable, toJsonText } from '../format';
import { type Io, out } from '../io';
import { publicKeyOption, publishedSealOption, readPublicKeys, readPublishedSeals } from '../keys';
import { formatOption, storeOption } from '../options';
import { startProgress } from '../progress';

export const breakJson = (b: IntegrityBreak) => ({
  streamId: b.streamId,
  revision: b.revision === null ? null : b.revision.toString(),
  globalPosition: b.globalPosition.toString(),
  problem: b.problem,
  detail: b.detail,
});

interface VerifyOptions {
  readonly store?: string;
  readonly publicKey?: string[];
  readonly seal?: string[];
  readonly format: 'table' | 'json';
}

export const sealsJson = (r: IntegrityReport['seals']) => ({
  checked: r.checked,
  published: r.published,
  signatures: r.signatures,
  lastHolding:
    r.lastHolding === null
      ? null
      : {
          position:
            r.lastHolding.position === null
              ? null
              : {
                  commit: r.lastHolding.position.commit.toString(),
                  prepare: r.lastHolding.position.prepare.toString(),
                },
          events: r.lastHolding.events,
        },
  eventsAfter: r.eventsAfter,
});

/** One sentence on the seals: how many, whether signatures were checked, what is not sealed yet. */
export const sealsLine = (r: IntegrityReport['seals']): string => {
  if (r.checked === 0) return 'Seals: none in the log (make one with `vpn-ledger seal` or `close`).';
  const held = r.lastHolding;
  const signatures =
    r.signatures === 'checked'
      ? 'signatures checked'
      : 'signatures NOT checked (give the public key with --public-key or VPN_LEDGER_PUBLIC_KEY)';
  const published = r.published > 0 ? ` (${r.published} published)` : '';
  const covers =
    held === null
      ? `none holds, so none of the ${r.eventsAfter} event(s) is under a seal that holds`
      : `the furthest that holds covers ${held.events} event(s)${held.position ? ` up to position ${held.position.commit}` : ''}; ${r.eventsAfter} event(s) after it are not sealed yet`;
  return `Seals: ${r.checked}${published}, ${signatures}; ${covers}.`;
};

export const runVerify = (io: Io, opts: VerifyOptions): Promise<ExitCode> =>
  withStore(io, opts.store, { mustExist: true }, async ({ store, description }) => {
    const publicKeys = readPublicKeys(opts.publicKey, io.env);
    const publishedSeals = readPublishedSeals(opts.seal);
    const head = await store.headPosition();
    const progress = startProgress(io, {
      total: head === null || store.kind === 'esdb' ? null : Number(head.commit),
      enabled: true,
      format: 'verify |{bar}| {value}/{total} events',
    });
    let report: Awaited<ReturnType<typeof verifyIntegrity>>;
    try {
      report = await verifyIntegrity(store, {
        progressEvery: 5_000,
        onProgress: (n) => progress.update(n),
        publicKeys,
        publishedSeals,
      });
    } finally {
      progress.stop();
    }
    if (opts.format === 'json') {
      out(
        io,
        toJsonText({
          schema: 'vpn-ledger.verify/v1',
          store: store.kind,
          ok: report.ok,
          eventsChecked: report.eventsChecked,
          streams: report.streams,
          breaks: report.breaks.map(breakJson),
          seals: sealsJson(report.seals),
        }),
      );
    } else if (report.ok) {
      out(
        io,
        `OK: ${report.eventsChecked} event(s) in ${report.streams} stream(s) of ${description}: hash chains, schemas, global positions and seals hold.`,
      );
      out(io, sealsLine(report.seals));
    } else {
      out(
        io,
        `BROKEN: ${report.breaks.length} problem(s) in ${report.eventsChecked} event(s) of ${description}; the first broken link of each stream:\n`,
      );
      out(
        io,
        renderTable(
          [
            { header: 'Stream' },
            { header: 'Revision', align: 'right' },
            { header: 'Position', align: 'right' },
            { header: 'Problem' },
            { header: 'Detail', wrap: 80 },
          ],
          report.breaks.map((b) => [
            b.streamId ?? '(global log)',
            b.revision === null ? '' : b.revision.toString(),
            b.globalPosition.toString(),
            b.problem,
            b.detail,
          ]),
        ),
      );
      out(io);
      out(io, sealsLine(report.seals));
    }
    if (!report.ok) {
      const first = report.breaks[0]!;
      throw failure(
        `verification failed: ${report.breaks.length} broken link(s); first: ${first.streamId ?? 'global log'}${first.revision === null ? '' : `@${first.revision}`} ${first.problem}.`,
      );
    }
    return EXIT.OK;
  });

export const registerVerify = (program: Command, io: Io, setExit: (code: ExitCode) => void): void => {
  program
    .command('verify')
    .description(
      'check hash chains, event schemas, global positions and seals; exit 1 with the first broken link per stream',
    )
    .addOption(publicKeyOption())
    .addOption(publishedSealOption())
    .addOption(formatOption())
    .addOption(storeOption())
    .action(async (opts: VerifyOptions) => setExit(await runVerify(io, opts)));
};
