/**
 * State-as-of latency: one contract of the generated history with 50-100 events; each query reads
 * the contract's stream from the SQLite file, folds it into the facts (the projection fold) and asks
 * `contractStateAsOf(facts, contractId, date)` for a date in the contract's life. The baseline is a
 * raw read of the same stream (better-sqlite3 `all` + JSON.parse of data and metadata).
 */
import Database from 'better-sqlite3';
import { contractStream, decodeRecorded } from '../src/events';
import { applyFact, contractStateAsOf, initFacts } from '../src/projections';
import { SqliteEventStore } from '../src/store';
import { percentile } from './lib';

export interface AsOfFigures {
  readonly contractId: string;
  readonly streamEvents: number;
  readonly queries: number;
  readonly asOf: { p50Us: number; p99Us: number; meanUs: number };
  readonly raw: { p50Us: number; p99Us: number; meanUs: number };
  /** as-of p50 over raw p50: how many raw reads one query costs. */
  readonly p50Ratio: number;
  readonly p99Ratio: number;
}

const stats = (samples: number[]) => ({
  p50Us: percentile(samples, 50),
  p99Us: percentile(samples, 99),
  meanUs: samples.reduce((a, b) => a + b, 0) / samples.length,
});

export const measureAsOf = (path: string, contractId: string, queries: number): AsOfFigures => {
  const store = new SqliteEventStore({ path, synchronous: 'OFF' });
  const raw = new Database(path, { readonly: true });
  const streamId = contractStream(contractId);
  const rawRead = raw.prepare<[string], { data: string; metadata: string }>(
    'SELECT global_position, stream_id, revision, event_id, type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision',
  );
  const first = store.readStreamSync(streamId);
  if (first.status !== 'found') throw new Error(`as-of bench: ${streamId} is not in the history`);
  const streamEvents = first.events.length;
  const from = Date.parse(
    `${(first.events[0]!.metadata as { occurredAt: string }).occurredAt.slice(0, 10)}T00:00:00Z`,
  );
  const to = Date.parse(
    `${(first.events[streamEvents - 1]!.metadata as { occurredAt: string }).occurredAt.slice(0, 10)}T00:00:00Z`,
  );
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const dates = Array.from({ length: queries }, () =>
    new Date(from + Math.floor(rand() * (to - from + 86_400_000))).toISOString().slice(0, 10),
  );

  const query = (date: string) => {
    const read = store.readStreamSync(streamId);
    if (read.status !== 'found') throw new Error('stream vanished');
    let facts = initFacts();
    for (const recorded of read.events)
      facts = applyFact(facts, decodeRecorded(recorded, { validate: false }));
    const snapshot = contractStateAsOf(facts, contractId, date);
    if (!snapshot) throw new Error(`as-of bench: no state of ${contractId} on ${date}`);
    return snapshot;
  };
  const rawQuery = () => {
    let n = 0;
    for (const row of rawRead.all(streamId)) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      n++;
    }
    if (n !== streamEvents) throw new Error('raw read lost events');
  };
  // Warm both paths (JIT, page cache), then interleave the measured queries.
  for (let i = 0; i < 200; i++) {
    query(dates[i % dates.length]!);
    rawQuery();
  }
  const asOf: number[] = [];
  const rawSamples: number[] = [];
  for (const date of dates) {
    let t = process.hrtime.bigint();
    query(date);
    asOf.push(Number(process.hrtime.bigint() - t) / 1000);
    t = process.hrtime.bigint();
    rawQuery();
    rawSamples.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  raw.close();
  void store.close();
  const a = stats(asOf);
  const r = stats(rawSamples);
  return {
    contractId,
    streamEvents,
    queries,
    asOf: a,
    raw: r,
    p50Ratio: a.p50Us / r.p50Us,
    p99Ratio: a.p99Us / r.p99Us,
  };
};
