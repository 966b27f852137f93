/**
 * The TypeScript peer: Emmett's SQLite event store (@event-driven-io/emmett-sqlite 0.38.5), on the
 * same append and read workload as our SQLite store and a raw better-sqlite3 loop at the same
 * durability (WAL, synchronous=FULL, which is SQLite's default and what Emmett runs with):
 *   - one append of one event per stream (a stream per command, like registering a network);
 *   - 50 appends of one event to each stream, each with the expected version;
 *   - aggregateStream of 50-event streams (read the stream, fold it).
 * Emmett is loaded with require() at run time, so the benchmark builds and runs without it and
 * says "skipped: not installed".
 *
 * Emmett opens a connection per operation and now and then fails an append with
 * `SQLITE_BUSY: cannot commit transaction - SQL statements in progress` even with one writer
 * (see /work/shared/peers.md); such errors are counted and the operation retried.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../src/store';
import { median, now, perSecond, withTempDir } from './lib';

/** A ~300-byte domain-like event, the same for every store. */
export const sampleEvent = (stream: number, n: number) => ({
  type: 'ConfigurationChangeInstructed',
  data: {
    contractId: `c-${stream}`,
    jobId: `job-${stream}-${n}`,
    instructedBy: 'acme-holdings',
    instructedAt: '2025-06-02T10:15:00+09:00',
    description: 'Add static route 10.20.0.0/16 via the edge device; open TCP 443 to the branch server.',
    itemIds: [`dev-${stream}-1`, `dev-${stream}-2`],
  },
});

interface EmmettStore {
  appendToStream(
    stream: string,
    events: { type: string; data: Record<string, unknown> }[],
    options?: { expectedStreamVersion?: unknown },
  ): Promise<{ nextExpectedStreamVersion: bigint }>;
  aggregateStream<S>(
    stream: string,
    options: { evolve: (state: S, event: { type: string; data: unknown }) => S; initialState: () => S },
  ): Promise<{ state: S; currentStreamVersion: bigint }>;
}
interface EmmettSqliteModule {
  getSQLiteEventStore(options: { fileName: string }): EmmettStore;
}
interface EmmettModule {
  STREAM_DOES_NOT_EXIST: unknown;
}

export interface StoreWorkload {
  /** One append per stream, appends/s. */
  readonly singleAppendsPerSecond: number;
  /** 50 appends per stream, events (= appends) /s. */
  readonly streamAppendsPerSecond: number;
  /** aggregateStream (read + fold) of 50-event streams, streams/s. */
  readonly aggregatesPerSecond: number;
  /** SQLITE_BUSY errors met and retried (Emmett only). */
  readonly busyRetries?: number;
}

export interface PeerComparison {
  readonly installed: boolean;
  readonly skipped?: string;
  readonly sizes: { singleStreams: number; streams50: number; aggregateStreams: number };
  readonly runs: { emmett?: StoreWorkload; ours: StoreWorkload; raw: StoreWorkload }[];
  readonly median: {
    emmett?: StoreWorkload;
    ours: StoreWorkload;
    raw: StoreWorkload;
    /** Ours over Emmett on each figure; the target is >= 10 on appends. */
    ratio?: { singleAppends: number; streamAppends: number; aggregates: number };
  };
}

const loadEmmett = (): { sqlite: EmmettSqliteModule; core: EmmettModule } | string => {
  try {
    // Plain require through a variable: no compile-time dependency on the package.
    const req = require as (id: string) => unknown;
    const sqlite = req('@event-driven-io/emmett-sqlite') as EmmettSqliteModule;
    const core = req('@event-driven-io/emmett') as EmmettModule;
    return { sqlite, core };
  } catch (error) {
    return `skipped: not installed (${(error as Error).message.split('\n')[0]})`;
  }
};

const isBusy = (error: unknown): boolean => {
  const e = error as { code?: string; message?: string; errno?: number };
  return e?.code === 'SQLITE_BUSY' || e?.errno === 5 || /SQLITE_BUSY/.test(e?.message ?? '');
};

const countEvolve = (state: number, _event: unknown) => state + 1;

async function emmettWorkload(
  mod: { sqlite: EmmettSqliteModule; core: EmmettModule },
  dir: string,
  sizes: PeerComparison['sizes'],
): Promise<StoreWorkload> {
  let busy = 0;
  const retrying = async <T>(op: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await op();
      } catch (error) {
        if (!isBusy(error) || attempt > 50) throw error;
        busy++;
        await new Promise((r) => setTimeout(r, 1));
      }
    }
  };
  const store = mod.sqlite.getSQLiteEventStore({ fileName: join(dir, 'emmett.db') });
  const noStream = mod.core.STREAM_DOES_NOT_EXIST;
  // Warm up (schema creation, JIT).
  for (let i = 0; i < 10; i++) {
    await retrying(() =>
      store.appendToStream(`warm-${i}`, [sampleEvent(i, 0)], { expectedStreamVersion: noStream }),
    );
  }
  let start = now();
  for (let i = 0; i < sizes.singleStreams; i++) {
    await retrying(() =>
      store.appendToStream(`single-${i}`, [sampleEvent(i, 0)], { expectedStreamVersion: noStream }),
    );
  }
  const single = perSecond(sizes.singleStreams, start);
  start = now();
  for (let s = 0; s < sizes.streams50; s++) {
    let expected: unknown = noStream;
    for (let n = 0; n < 50; n++) {
      const r = await retrying(() =>
        store.appendToStream(`fifty-${s}`, [sampleEvent(s, n)], { expectedStreamVersion: expected }),
      );
      expected = r.nextExpectedStreamVersion;
    }
  }
  const fifty = perSecond(sizes.streams50 * 50, start);
  start = now();
  for (let i = 0; i < sizes.aggregateStreams; i++) {
    const r = await retrying(() =>
      store.aggregateStream<number>(`fifty-${i % sizes.streams50}`, {
        evolve: countEvolve,
        initialState: () => 0,
      }),
    );
    if (r.state !== 50) throw new Error(`emmett aggregate folded ${r.state} events, expected 50`);
  }
  const aggregates = perSecond(sizes.aggregateStreams, start);
  return {
    singleAppendsPerSecond: single,
    streamAppendsPerSecond: fifty,
    aggregatesPerSecond: aggregates,
    busyRetries: busy,
  };
}

async function ourWorkload(dir: string, sizes: PeerComparison['sizes']): Promise<StoreWorkload> {
  const store = new SqliteEventStore({ path: join(dir, 'ours.db') });
  const toAppend = (s: number, n: number) => {
    const e = sampleEvent(s, n);
    return {
      id: `00000000-0000-4000-8000-${(s * 1000 + n).toString(16).padStart(12, '0')}`,
      type: e.type,
      data: e.data,
      metadata: {},
    };
  };
  for (let i = 0; i < 10; i++)
    await store.appendToStream(`warm-${i}`, [{ ...toAppend(900_000 + i, 0) }], {
      expectedRevision: 'no_stream',
    });
  let start = now();
  for (let i = 0; i < sizes.singleStreams; i++) {
    await store.appendToStream(`single-${i}`, [toAppend(i, 0)], { expectedRevision: 'no_stream' });
  }
  const single = perSecond(sizes.singleStreams, start);
  start = now();
  for (let s = 0; s < sizes.streams50; s++) {
    for (let n = 0; n < 50; n++) {
      await store.appendToStream(`fifty-${s}`, [toAppend(100_000 + s, n)], {
        expectedRevision: n === 0 ? 'no_stream' : BigInt(n - 1),
      });
    }
  }
  const fifty = perSecond(sizes.streams50 * 50, start);
  start = now();
  for (let i = 0; i < sizes.aggregateStreams; i++) {
    const read = await store.readStream(`fifty-${i % sizes.streams50}`);
    const state = read.status === 'found' ? read.events.reduce(countEvolve, 0) : 0;
    if (state !== 50) throw new Error(`our aggregate folded ${state} events, expected 50`);
  }
  const aggregates = perSecond(sizes.aggregateStreams, start);
  await store.close();
  return { singleAppendsPerSecond: single, streamAppendsPerSecond: fifty, aggregatesPerSecond: aggregates };
}

function rawWorkload(dir: string, sizes: PeerComparison['sizes']): StoreWorkload {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE events (global_position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream_id, revision))',
  );
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const append = db.transaction((stream: string, revision: number, s: number, n: number) => {
    const e = sampleEvent(s, n);
    insert.run(stream, revision, `${stream}#${revision}`, e.type, JSON.stringify(e.data), '{}');
  });
  let start = now();
  for (let i = 0; i < sizes.singleStreams; i++) append.immediate(`single-${i}`, 0, i, 0);
  const single = perSecond(sizes.singleStreams, start);
  start = now();
  for (let s = 0; s < sizes.streams50; s++)
    for (let n = 0; n < 50; n++) append.immediate(`fifty-${s}`, n, s, n);
  const fifty = perSecond(sizes.streams50 * 50, start);
  const read = db.prepare<[string], { data: string; metadata: string }>(
    'SELECT data, metadata FROM events WHERE stream_id = ? ORDER BY revision',
  );
  start = now();
  for (let i = 0; i < sizes.aggregateStreams; i++) {
    let state = 0;
    for (const row of read.iterate(`fifty-${i % sizes.streams50}`)) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      state = countEvolve(state, row);
    }
    if (state !== 50) throw new Error(`raw aggregate folded ${state} events`);
  }
  const aggregates = perSecond(sizes.aggregateStreams, start);
  db.close();
  return { singleAppendsPerSecond: single, streamAppendsPerSecond: fifty, aggregatesPerSecond: aggregates };
}

const medianWorkload = (xs: StoreWorkload[]): StoreWorkload => ({
  singleAppendsPerSecond: median(xs.map((x) => x.singleAppendsPerSecond)),
  streamAppendsPerSecond: median(xs.map((x) => x.streamAppendsPerSecond)),
  aggregatesPerSecond: median(xs.map((x) => x.aggregatesPerSecond)),
  ...(xs.some((x) => x.busyRetries !== undefined)
    ? { busyRetries: xs.reduce((a, x) => a + (x.busyRetries ?? 0), 0) }
    : {}),
});

export const comparePeers = async (
  runs: number,
  sizes: PeerComparison['sizes'],
  log: (line: string) => void = () => {},
  options: { skipEmmett?: boolean } = {},
): Promise<PeerComparison> => {
  const mod = options.skipEmmett ? 'skipped: --no-emmett' : loadEmmett();
  const installed = typeof mod !== 'string';
  if (!installed) log(`Emmett: ${mod}`);
  const results: PeerComparison['runs'][number][] = [];
  for (let r = 0; r < runs; r++) {
    results.push(
      await withTempDir('vpn-ledger-bench-peer-', async (dir) => {
        const raw = rawWorkload(dir, sizes);
        const ours = await ourWorkload(dir, sizes);
        const emmett = installed ? await emmettWorkload(mod, dir, sizes) : undefined;
        return { raw, ours, ...(emmett ? { emmett } : {}) };
      }),
    );
    log(`  peer run ${r + 1}/${runs} done`);
  }
  const ours = medianWorkload(results.map((x) => x.ours));
  const raw = medianWorkload(results.map((x) => x.raw));
  const emmett = installed ? medianWorkload(results.map((x) => x.emmett!)) : undefined;
  return {
    installed,
    ...(installed ? {} : { skipped: mod as string }),
    sizes,
    runs: results,
    median: {
      ours,
      raw,
      ...(emmett
        ? {
            emmett,
            ratio: {
              singleAppends: ours.singleAppendsPerSecond / emmett.singleAppendsPerSecond,
              streamAppends: ours.streamAppendsPerSecond / emmett.streamAppendsPerSecond,
              aggregates: ours.aggregatesPerSecond / emmett.aggregatesPerSecond,
            },
          }
        : {}),
    },
  };
};
