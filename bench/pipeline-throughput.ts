import { join } from 'node:path';
import Database from 'better-sqlite3';
import { systemClock } from '../src/ledger/clock';
import { Ledger } from '../src/ledger/ledger';
import { renderer } from '../src/render';
import { SqliteEventStore } from '../src/store';
import { now, perSecond, withTempDir } from './lib';

export interface ThroughputResult {
  readonly commands: number;
  readonly pipelinePerSecond: number;
  readonly rawPerSecond: number;
  readonly ratio: number;
}

const RAW_SCHEMA =
  'CREATE TABLE events (global_position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream_id, revision))';

const openRaw = (path: string, synchronous: 'FULL' | 'OFF' = 'FULL') => {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(RAW_SCHEMA);
  return db;
};

/**
 * A raw better-sqlite3 loop: `batch` inserts of a ~600-byte event per IMMEDIATE transaction, same
 * table as the store, WAL, synchronous=FULL. batch = 1 is the baseline of the headline ratio;
 * larger batches show what group commit (several commands' appends in one transaction) would add.
 */
export const rawLoop = (path: string, count: number, payload: string, batch = 1): number =>
  rawLoopCost(path, count, payload, batch).perSecond;

/** The raw loop's rate and its CPU (user + system) per insert, microseconds. */
export const rawLoopCost = (
  path: string,
  count: number,
  payload: string,
  batch = 1,
): { perSecond: number; cpuUs: number } => {
  const db = openRaw(path);
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const tx = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++)
      insert.run(`s-${i % 100}`, Math.floor(i / 100), `e-${i}`, 'T', payload, payload);
  });
  const warm = db.transaction((i: number) => insert.run(`warm-${i}`, 0, `warm-${i}`, 'T', payload, payload));
  for (let i = 0; i < 50; i++) warm.immediate(i);
  const cpu = process.cpuUsage();
  const start = now();
  for (let i = 0; i < count; i += batch) tx.immediate(i, Math.min(count, i + batch));
  const rate = perSecond(count, start);
  const used = process.cpuUsage(cpu);
  db.close();
  return { perSecond: rate, cpuUs: (used.user + used.system) / count };
};

/** The command every throughput figure uses: registering a network (one zod parse, one read, one append). */
export const registerNetworkCommand = (i: number, prefix = '') => ({
  type: 'RegisterNetwork',
  commandId: `${prefix}net-${i}`,
  actor: 'bench',
  data: {
    networkId: `${prefix}n-${i}`,
    parentContractId: `${prefix}c-${i}`,
    parentHolderId: `hq-${i}`,
    item: 'dual-star-dual-edge',
    registeredOn: '2025-04-01',
  },
});

/**
 * Commands through the whole pipeline (validate, load, decide, hash, append) on SQLite at
 * synchronous=FULL. Each command registers a network: a zod parse, a stream read, a decision,
 * a hashed envelope and one append in one transaction, as the raw loop does one insert.
 */
export const pipelineLoop = async (path: string, count: number): Promise<number> => {
  const store = new SqliteEventStore({ path });
  const ledger = new Ledger({ store, clock: systemClock });
  // Warm the code paths (JIT, statement caches) on other streams before the clock starts.
  for (let i = 0; i < 50; i++) await ledger.execute(registerNetworkCommand(i, 'warm-'));
  const start = now();
  for (let i = 0; i < count; i++) {
    const r = await ledger.execute(registerNetworkCommand(i));
    if (r.status !== 'accepted')
      throw new Error(`bench command rejected: ${r.code} ${renderer('en').resultMessage(r)}`);
  }
  const rate = perSecond(count, start);
  await store.close();
  return rate;
};

/** The headline figure: pipeline commands/s over raw one-insert transactions/s, in one run. */
export const measureThroughput = async (count: number): Promise<ThroughputResult> =>
  withTempDir('vpn-ledger-bench-', async (dir) => {
    const raw = rawLoop(join(dir, 'raw.db'), count, 'x'.repeat(600));
    const pipeline = await pipelineLoop(join(dir, 'ledger.db'), count);
    return { commands: count, pipelinePerSecond: pipeline, rawPerSecond: raw, ratio: pipeline / raw };
  });

export interface BatchingResult {
  readonly batch: number;
  readonly rawPerSecond: number;
  /** Over the batch = 1 figure of the same run. */
  readonly speedup: number;
}

/** Raw inserts/s with N inserts per transaction: the ceiling a group commit could reach. */
export const measureRawBatching = async (
  count: number,
  batches: readonly number[],
): Promise<BatchingResult[]> =>
  withTempDir('vpn-ledger-bench-batch-', (dir) => {
    const payload = 'x'.repeat(600);
    const rates = batches.map((b) => ({
      batch: b,
      rate: rawLoop(join(dir, `raw-${b}.db`), count * Math.min(b, 10), payload, b),
    }));
    const single = rates.find((r) => r.batch === 1)?.rate ?? rates[0]!.rate;
    return rates.map((r) => ({ batch: r.batch, rawPerSecond: r.rate, speedup: r.rate / single }));
  });

export interface CpuBreakdown {
  /** Pipeline commands/s with synchronous=OFF: the CPU cost of a command without the fsync. */
  readonly pipelineNoSyncPerSecond: number;
  readonly rawNoSyncPerSecond: number;
  /**
   * Microseconds of CPU per command beyond the raw insert, from process.cpuUsage() over each loop
   * (not from the rates: on a shared machine the wall clock also counts other people's work).
   */
  readonly pipelineCpuOverheadUs: number;
  readonly pipelineCpuUs: number;
  readonly rawCpuUs: number;
}

/** The same two loops at synchronous=OFF: what the pipeline costs beyond the disk. */
export const measureCpuOverhead = async (count: number): Promise<CpuBreakdown> =>
  withTempDir('vpn-ledger-bench-cpu-', async (dir) => {
    const db = openRaw(join(dir, 'raw.db'), 'OFF');
    const payload = 'x'.repeat(600);
    const insert = db.prepare(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const tx = db.transaction((i: number) =>
      insert.run(`s-${i % 100}`, Math.floor(i / 100), `e-${i}`, 'T', payload, payload),
    );
    let cpu = process.cpuUsage();
    let start = now();
    for (let i = 0; i < count; i++) tx.immediate(i);
    const raw = perSecond(count, start);
    const rawUsed = process.cpuUsage(cpu);
    db.close();
    const store = new SqliteEventStore({ path: join(dir, 'ledger.db'), synchronous: 'OFF' });
    const ledger = new Ledger({ store, clock: systemClock });
    for (let i = 0; i < 50; i++) await ledger.execute(registerNetworkCommand(i, 'warm-'));
    const commands = Array.from({ length: count }, (_, i) => registerNetworkCommand(i));
    cpu = process.cpuUsage();
    start = now();
    for (const command of commands) await ledger.execute(command);
    const pipeline = perSecond(count, start);
    const pipelineUsed = process.cpuUsage(cpu);
    await store.close();
    const rawCpuUs = (rawUsed.user + rawUsed.system) / count;
    const pipelineCpuUs = (pipelineUsed.user + pipelineUsed.system) / count;
    return {
      pipelineNoSyncPerSecond: pipeline,
      rawNoSyncPerSecond: raw,
      pipelineCpuOverheadUs: pipelineCpuUs - rawCpuUs,
      pipelineCpuUs,
      rawCpuUs,
    };
  });
