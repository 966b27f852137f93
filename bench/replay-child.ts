/**
 * One replay measurement in its own process, so that its peak RSS is its own:
 *   node dist/bench/replay-child.js <mode> <path>
 * Modes:
 *   raw       better-sqlite3 iterate over the events in global order, JSON.parse of data and metadata
 *   store     the SQLite adapter's readAll (pages of rows to RecordedEvent), nothing else
 *   decode    readAll + decodeRecorded (upcasting), no projection
 *   fold      readAll + decodeRecorded + every projection's apply, without the digests
 *   replay    src/ledger/replay.ts `replay(store)`: every projection, then their digests
 * Prints one JSON line: { result: { mode, events, seconds, eventsPerSecond, digests? }, peakRssMiB }.
 */
import Database from 'better-sqlite3';
import { decodeRecorded } from '../src/events';
import { replay } from '../src/ledger/replay';
import { PROJECTIONS } from '../src/projections';
import { SqliteEventStore } from '../src/store';
import { now, reportFromChild, secondsSince } from './lib';

export interface ReplayRun {
  readonly mode: string;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly digests?: Record<string, string>;
  /** Seconds spent on the digests after the fold (replay only). */
  readonly digestSeconds?: number;
}

const openStore = (path: string) => new SqliteEventStore({ path, synchronous: 'OFF' });

const modes: Record<string, (path: string) => Promise<ReplayRun>> = {
  raw: async (path) => {
    const db = new Database(path, { readonly: true });
    const rows = db.prepare<
      [],
      {
        global_position: number;
        stream_id: string;
        revision: number;
        event_id: string;
        type: string;
        data: string;
        metadata: string;
      }
    >(
      'SELECT global_position, stream_id, revision, event_id, type, data, metadata FROM events ORDER BY global_position',
    );
    const start = now();
    let events = 0;
    let check = 0;
    for (const row of rows.iterate()) {
      const data = JSON.parse(row.data) as object;
      const metadata = JSON.parse(row.metadata) as { schemaVersion?: number };
      // Touch the parsed values so that the work cannot be skipped.
      check += (metadata.schemaVersion ?? 0) + (data ? 1 : 0);
      events++;
    }
    const seconds = secondsSince(start);
    db.close();
    if (check < events) throw new Error('raw read parsed nothing');
    return { mode: 'raw', events, seconds, eventsPerSecond: events / seconds };
  },
  store: async (path) => {
    const store = openStore(path);
    const start = now();
    let events = 0;
    for await (const _ of store.readAll()) events++;
    const seconds = secondsSince(start);
    await store.close();
    return { mode: 'store', events, seconds, eventsPerSecond: events / seconds };
  },
  decode: async (path) => {
    const store = openStore(path);
    const start = now();
    let events = 0;
    for await (const recorded of store.readAll()) {
      decodeRecorded(recorded, { validate: false });
      events++;
    }
    const seconds = secondsSince(start);
    await store.close();
    return { mode: 'decode', events, seconds, eventsPerSecond: events / seconds };
  },
  fold: async (path) => {
    const store = openStore(path);
    const states = PROJECTIONS.map((p) => p.init());
    const start = now();
    let events = 0;
    for await (const recorded of store.readAll()) {
      const event = decodeRecorded(recorded, { validate: false });
      for (let i = 0; i < PROJECTIONS.length; i++) states[i] = PROJECTIONS[i]!.apply(states[i], event);
      events++;
    }
    const seconds = secondsSince(start);
    await store.close();
    if (states.length !== PROJECTIONS.length) throw new Error('fold lost a projection');
    return { mode: 'fold', events, seconds, eventsPerSecond: events / seconds };
  },
  replay: async (path) => {
    const store = openStore(path);
    const start = now();
    let foldDone = 0n;
    let read = 0;
    const result = await replay(store, {
      onProgress: (p) => {
        read = p.read;
        foldDone = now();
      },
    });
    const end = now();
    const seconds = Number(end - start) / 1e9;
    await store.close();
    const events = result.applied + result.skipped;
    if (read !== events) throw new Error(`replay reported ${read} events read but applied ${events}`);
    return {
      mode: 'replay',
      events,
      seconds,
      eventsPerSecond: events / seconds,
      digests: { ...result.digests },
      digestSeconds: Number(end - foldDone) / 1e9,
    };
  },
};

const main = async () => {
  const [mode, path] = process.argv.slice(2);
  const run = mode ? modes[mode] : undefined;
  if (!run || !path)
    throw new Error(`usage: replay-child.js <${Object.keys(modes).join('|')}> <sqlite file>`);
  reportFromChild(await run(path));
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
