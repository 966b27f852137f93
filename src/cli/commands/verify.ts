/**
 * `vpn-ledger verify`: the integrity of the log: every stream's hash chain, every event against its
 * schema, and (SQLite) the global positions. Exit 1 with the first broken link of each stream.
 */
import type { Command } from 'commander';
import { type IntegrityBreak, verifyIntegrity } from '../../ledger/integrity';
import { withStore } from '../context';
import { EXIT, type ExitCode, failure } from '../errors';
import { renderTable, toJsonText } from '../format';
import { type Io, out } from '../io';
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
  readonly format: 'table' | 'json';
}

export const runVerify = (io: Io, opts: VerifyOptions): Promise<ExitCode> =>
  withStore(io, opts.store, { mustExist: true }, async ({ store, description }) => {
    const head = await store.headPosition();
    const progress = startProgress(io, {
      total: head === null || store.kind === 'esdb' ? null : Number(head.commit),
      enabled: true,
      format: 'verify |{bar}| {value}/{total} events',
    });
    let report: Awaited<ReturnType<typeof verifyIntegrity>>;
    try {
      report = await verifyIntegrity(store, { progressEvery: 5_000, onProgress: (n) => progress.update(n) });
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
        }),
      );
    } else if (report.ok) {
      out(
        io,
        `OK: ${report.eventsChecked} event(s) in ${report.streams} stream(s) of ${description}: hash chains, schemas and global positions hold.`,
      );
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
      'check hash chains, event schemas and global positions; exit 1 with the first broken link per stream',
    )
    .addOption(formatOption())
    .addOption(storeOption())
    .action(async (opts: VerifyOptions) => setExit(await runVerify(io, opts)));
};
