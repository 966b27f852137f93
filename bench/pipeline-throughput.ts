import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { systemClock } from '../src/ledger/clock';
import { Ledger } from '../src/ledger/ledger';
import { SqliteEventStore } from '../src/store';

export interface ThroughputResult {
  readonly commands: number;
  readonly pipelinePerSecond: number;
  readonly rawPerSecond: number;
  readonly ratio: number;
}

const perSecond = (count: number, startNs: bigint) => count / (Number(process.hrtime.bigint() - startNs) / 1e9);

/** A raw better-sqlite3 loop: one insert of a ~600-byte event per transaction, WAL, synchronous=FULL. */
const rawLoop = (path: string, count: number, payload: string): number => {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE events (global_position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream_id, revision))',
  );
  const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
  const tx = db.transaction((i: number) => insert.run(`s-${i % 100}`, Math.floor(i / 100), `e-${i}`, 'T', payload, payload));
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) tx.immediate(i);
  const rate = perSecond(count, start);
  db.close();
  return rate;
};

/**
 * Commands through the whole pipeline (validate, load, decide, hash, append) on SQLite at
 * synchronous=FULL. Each command registers a network: a zod parse, a stream read, a decision,
 * a hashed envelope and one append in one transaction, as the raw loop does one insert.
 */
const pipelineLoop = async (path: string, count: number): Promise<number> => {
  const store = new SqliteEventStore({ path });
  const ledger = new Ledger({ store, clock: systemClock });
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const r = await ledger.execute({
      type: 'RegisterNetwork',
      commandId: `net-${i}`,
      actor: 'bench',
      data: { networkId: `n-${i}`, parentContractId: `c-${i}`, parentHolderId: `hq-${i}`, item: 'dual-star-dual-edge', registeredOn: '2025-04-01' },
    });
    if (r.status !== 'accepted') throw new Error(`bench command rejected: ${r.code} ${r.message}`);
  }
  const rate = perSecond(count, start);
  await store.close();
  return rate;
};

export const measureThroughput = async (count: number): Promise<ThroughputResult> => {
  const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-bench-'));
  try {
    const raw = rawLoop(join(dir, 'raw.db'), count, 'x'.repeat(600));
    const pipeline = await pipelineLoop(join(dir, 'ledger.db'), count);
    return { commands: count, pipelinePerSecond: pipeline, rawPerSecond: raw, ratio: pipeline / raw };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
