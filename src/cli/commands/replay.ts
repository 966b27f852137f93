/**
 * `vpn-ledger replay [--verify]`: builds every view afresh from the log into a temporary file (the
 * ledger is only read), with events per second and a sha-256 digest per view. With --verify the
 * result is checked against a second replay and against the stored views (up to the position they
 * reflect); any difference exits 1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Command } from 'commander';
import { toJsonText } from '../../documents/encoding';
import { positionJson } from '../../documents/provenance';
import type { EventStore } from '../../store/port';
import { buildViewsInto, type ReplayResult, viewDigests } from '../../views/replay';
import { ViewsDb, viewsProblem } from '../../views/views-db';
import { EXIT, type ExitCode, failure } from '../errors';
import { renderTable } from '../format';
import { err, type Io, out } from '../io';
import { formatOption, knownAtOption, storeOption } from '../options';
import { startProgress } from '../progress';
import { type ReadContext, viewsOption, withReadModel } from '../read';

interface ReplayOptions {
  readonly verify?: boolean;
  readonly knownAt?: string;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'table' | 'json';
}

interface Timed {
  readonly result: ReplayResult;
  readonly digests: Record<string, string>;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

/** Builds the views into a temporary file, digests them, deletes the file. */
const timedReplay = async (
  io: Io,
  store: EventStore,
  options: { knownAt?: string; upTo?: ReplayResult['position'] },
  label: string,
): Promise<Timed> => {
  const head = await store.headPosition();
  const progress = startProgress(io, {
    total: head === null || store.kind === 'esdb' ? null : Number(head.commit),
    enabled: true,
    format: `${label} |{bar}| {value}/{total} events | {rate} events/s`,
  });
  const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-replay-'));
  const db = new Database(join(dir, 'views.db'));
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const result = await buildViewsInto(store, db, {
      // A replay audits the log: a row that breaks its schema fails it, named (exit 1).
      validate: true,
      ...(options.knownAt !== undefined ? { knownAt: options.knownAt } : {}),
      ...(options.upTo ? { upTo: options.upTo } : {}),
      onProgress: (n) => progress.update(n, { rate: Math.round(n / Math.max(seconds(), 1e-9)) }),
    });
    const s = seconds();
    return {
      result,
      digests: viewDigests(new ViewsDb(db)),
      seconds: s,
      eventsPerSecond: s > 0 ? Math.round(result.events / s) : result.events,
    };
  } finally {
    progress.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

interface Check {
  check: string;
  view: string;
  expected: string;
  found: string;
  equal: boolean;
}

const compare = (check: string, expected: Record<string, string>, found: Record<string, string>): Check[] =>
  Object.entries(expected).map(([view, digest]) => ({
    check,
    view,
    expected: digest,
    found: found[view] ?? '(missing)',
    equal: found[view] === digest,
  }));

const verifyStored = async (io: Io, ctx: ReadContext, _opts: ReplayOptions): Promise<Check[]> => {
  const views = ctx.reader.views;
  const problem = viewsProblem(views?.state() ?? null);
  if (views === null || problem !== null) {
    err(io, `vpn-ledger: the stored views were not compared: ${problem ?? 'this store has no views'}.`);
    return [];
  }
  const state = views.state()!;
  const rebuilt = await timedReplay(
    io,
    ctx.reader.store,
    state.position ? { upTo: state.position } : {},
    'replay to the views',
  );
  return compare('stored views', rebuilt.digests, viewDigests(views));
};

export const runReplay = (io: Io, opts: ReplayOptions): Promise<ExitCode> =>
  withReadModel(io, opts, async (ctx) => {
    const store = ctx.reader.store;
    const first = await timedReplay(
      io,
      store,
      opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {},
      'replay',
    );
    const checks: Check[] = [];
    if (opts.verify) {
      const second = await timedReplay(
        io,
        store,
        {
          ...(opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {}),
          ...(first.result.position ? { upTo: first.result.position } : {}),
        },
        'second replay',
      );
      checks.push(...compare('second replay', first.digests, second.digests));
      if (opts.knownAt === undefined) checks.push(...(await verifyStored(io, ctx, opts)));
    }
    const ok = checks.every((c) => c.equal);
    const r = first.result;
    const applied = r.events - r.skipped;
    if (opts.format === 'json') {
      out(
        io,
        toJsonText({
          schema: 'vpn-ledger.replay/v1',
          store: store.kind,
          knownAt: opts.knownAt ?? null,
          eventsApplied: applied,
          eventsSkipped: r.skipped,
          lastPosition: positionJson(r.position),
          seconds: Number(first.seconds.toFixed(3)),
          eventsPerSecond: first.eventsPerSecond,
          digests: first.digests,
          verification: opts.verify ? { ok, checks } : null,
        }),
      );
    } else {
      out(
        io,
        `Replayed ${applied} event(s)${r.skipped ? ` (${r.skipped} recorded after ${opts.knownAt} left out)` : ''} from ${ctx.storeDescription} into fresh views in ${first.seconds.toFixed(2)} s: ${first.eventsPerSecond} events/s\n`,
      );
      out(
        io,
        renderTable([{ header: 'View' }, { header: 'sha-256 of its rows' }], Object.entries(first.digests)),
      );
      if (opts.verify) {
        out(io);
        out(
          io,
          renderTable(
            [{ header: 'Check' }, { header: 'View' }, { header: 'Result' }],
            checks.map((c) => [
              c.check,
              c.view,
              c.equal ? 'same digest' : `DIFFERENT: ${c.found} (replay ${c.expected})`,
            ]),
          ),
        );
      }
    }
    if (!ok) {
      const bad = checks.filter((c) => !c.equal).map((c) => `${c.view} (${c.check})`);
      throw failure(`replay verification failed: ${bad.join(', ')} differ from the replay.`);
    }
    if (opts.verify && opts.format !== 'json') err(io, 'replay verified: every digest matches.');
    return EXIT.OK;
  });

export const registerReplay = (program: Command, io: Io, setExit: (code: ExitCode) => void): void => {
  program
    .command('replay')
    .description(
      'build every view afresh from the log (the ledger is only read): events per second and a digest per view',
    )
    .option('--verify', 'compare with a second replay and with the stored views; exit 1 on a difference')
    .addOption(knownAtOption())
    .addOption(formatOption())
    .addOption(storeOption())
    .addOption(viewsOption())
    .action(async (opts: ReplayOptions) => setExit(await runReplay(io, opts)));
};
