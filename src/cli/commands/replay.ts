/**
 * `vpn-ledger replay [--verify]`: rebuilds every projection from the whole log, with events per
 * second and a sha-256 digest per projection. With --verify the result is checked against a second
 * replay and against the live projection runner (caught up from its checkpoints); any difference
 * exits 1.
 */
import type { Command } from 'commander';
import { ProjectionRunner } from '../../ledger/projection-runner';
import { type ReplayResult, replay, verifyLiveEqualsReplay } from '../../ledger/replay';
import type { EventStore, Position } from '../../store/port';
import { withStore } from '../context';
import { EXIT, type ExitCode, failure } from '../errors';
import { positionJson, renderTable, toJsonText } from '../format';
import { err, type Io, out } from '../io';
import { formatOption, knownAtOption, storeOption } from '../options';
import { startProgress } from '../progress';

interface ReplayOptions {
  readonly verify?: boolean;
  readonly knownAt?: string;
  readonly store?: string;
  readonly format: 'table' | 'json';
}

interface Timed {
  readonly result: ReplayResult;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

/** Positions are global counts on SQLite and memory; elsewhere the total is not known up front. */
const totalOf = (store: EventStore, head: Position | null): number | null =>
  head === null ? 0 : store.kind === 'esdb' ? null : Number(head.commit);

const timedReplay = async (io: Io, store: EventStore, opts: ReplayOptions, label: string): Promise<Timed> => {
  const head = await store.headPosition();
  const progress = startProgress(io, {
    total: totalOf(store, head),
    enabled: true,
    format: `${label} |{bar}| {value}/{total} events | {rate} events/s | ETA {eta_formatted}`,
  });
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const result = await replay(store, {
      ...(opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {}),
      progressEvery: 5_000,
      onProgress: ({ read }) => progress.update(read, { rate: Math.round(read / Math.max(seconds(), 1e-9)) }),
    });
    const s = seconds();
    const events = result.applied + result.skipped;
    return { result, seconds: s, eventsPerSecond: s > 0 ? Math.round(events / s) : events };
  } finally {
    progress.stop();
  }
};

export const runReplay = (io: Io, opts: ReplayOptions): Promise<ExitCode> =>
  withStore(io, opts.store, { mustExist: true }, async ({ store, description }) => {
    const first = await timedReplay(io, store, opts, 'replay');
    const checks: { check: string; projection: string; expected: string; found: string; equal: boolean }[] =
      [];
    if (opts.verify) {
      const second = await timedReplay(io, store, opts, 'second replay');
      for (const [name, digest] of Object.entries(first.result.digests)) {
        const found = second.result.digests[name] ?? '(missing)';
        checks.push({
          check: 'second replay',
          projection: name,
          expected: digest,
          found,
          equal: found === digest,
        });
      }
      if (opts.knownAt === undefined) {
        // The live runner keeps its states with checkpoints (in the SQLite ledger's own table).
        const runner = new ProjectionRunner(store);
        await runner.catchUp();
        const live = await verifyLiveEqualsReplay(runner, store);
        for (const p of live.projections) {
          checks.push({
            check: 'live runner',
            projection: p.name,
            expected: p.replay,
            found: p.live,
            equal: p.equal,
          });
        }
      }
    }
    const ok = checks.every((c) => c.equal);
    const r = first.result;
    if (opts.format === 'json') {
      out(
        io,
        toJsonText({
          schema: 'vpn-ledger.replay/v1',
          store: store.kind,
          knownAt: opts.knownAt ?? null,
          eventsApplied: r.applied,
          eventsSkipped: r.skipped,
          lastPosition: positionJson(r.position),
          seconds: Number(first.seconds.toFixed(3)),
          eventsPerSecond: first.eventsPerSecond,
          digests: r.digests,
          verification: opts.verify ? { ok, checks } : null,
        }),
      );
    } else {
      out(
        io,
        `Replayed ${r.applied} event(s)${r.skipped ? ` (${r.skipped} recorded after ${opts.knownAt} left out)` : ''} from ${description} in ${first.seconds.toFixed(2)} s: ${first.eventsPerSecond} events/s\n`,
      );
      out(
        io,
        renderTable(
          [{ header: 'Projection' }, { header: 'sha-256 of its state' }],
          Object.entries(r.digests),
        ),
      );
      if (opts.verify) {
        out(io);
        out(
          io,
          renderTable(
            [{ header: 'Check' }, { header: 'Projection' }, { header: 'Result' }],
            checks.map((c) => [
              c.check,
              c.projection,
              c.equal ? 'same digest' : `DIFFERENT: ${c.found} (replay ${c.expected})`,
            ]),
          ),
        );
      }
    }
    if (!ok) {
      const bad = checks.filter((c) => !c.equal).map((c) => `${c.projection} (${c.check})`);
      throw failure(`replay verification failed: ${bad.join(', ')} differ from the replay.`);
    }
    if (opts.verify && opts.format !== 'json') err(io, 'replay verified: every digest matches.');
    return EXIT.OK;
  });

export const registerReplay = (program: Command, io: Io, setExit: (code: ExitCode) => void): void => {
  program
    .command('replay')
    .description('rebuild every projection from the log: events per second and a digest per projection')
    .option(
      '--verify',
      'compare with a second replay and with the live projection runner; exit 1 on a difference',
    )
    .addOption(knownAtOption())
    .addOption(formatOption())
    .addOption(storeOption())
    .action(async (opts: ReplayOptions) => setExit(await runReplay(io, opts)));
};
