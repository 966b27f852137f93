/**
 * One replay measurement in its own process, so that its peak RSS is its own:
 *   node dist/bench/replay-child.js <mode> <path>
 * Modes:
 *   raw       better-sqlite3 iterate over the events in global order, JSON.parse of data and metadata
 *   store     the SQLite adapter's readAll (pages of rows to RecordedEvent), nothing else
 *   decode    readAll + decodeRecorded (upcasting), no projection
 *   fold      readAll + decodeRecorded + the facts fold of the whole log into one state (the test
 *             oracle; what every read did before the views)
 *   rebuild   the views rebuilt in place (src/views/rebuild.ts) in a copy of the file, then digested
 * Prints one JSON line: { result: { mode, events, seconds, eventsPerSecond, digests? }, peakRssMiB }.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeRecorded } from '../src/events';
import { applyFact, initFacts } from '../src/projections';
import { SqliteEventStore } from '../src/store';
import { PhaseClock, rebuildLocalViews } from '../src/views/rebuild';
import { viewDigests } from '../src/views/replay';
import { ViewsDb } from '../src/views/views-db';
import { now, reportFromChild, secondsSince } from './lib';

export interface ReplayRun {
  readonly mode: string;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly digests?: Record<string, string>;
  /** Seconds spent on the digests after the fold (replay only). */
  readonly digestSeconds?: number;
  /** CPU (user + system) per event, microseconds. */
  readonly cpuUsPerEvent?: number;
  /** The rebuild's CPU per event by phase, microseconds (rebuild only). */
  readonly phasesUsPerEvent?: Record<string, number>;
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
    const facts = initFacts();
    const start = now();
    let events = 0;
    for await (const recorded of store.readAll()) {
      applyFact(facts, decodeRecorded(recorded, { validate: false }));
      events++;
    }
    const seconds = secondsSince(start);
    await store.close();
    if (facts.applied !== events) throw new Error('the fold lost events');
    return { mode: 'fold', events, seconds, eventsPerSecond: events / seconds };
  },
  rebuild: async (path) => {
    const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-rebuild-'));
    const copy = join(dir, 'ledger.db');
    copyFileSync(path, copy);
    try {
      const store = openStore(copy);
      const clock = new PhaseClock();
      const start = now();
      const result = rebuildLocalViews(store, new ViewsDb(store.db), { clock });
      const seconds = secondsSince(start);
      const phasesUsPerEvent = Object.fromEntries(
        [...clock.spent].map(([phase, us]) => [phase, us / result.events]),
      );
      const digestStart = now();
      const digests = viewDigests(new ViewsDb(store.db));
      const digestSeconds = secondsSince(digestStart);
      await store.close();
      return {
        mode: 'rebuild',
        events: result.events,
        seconds,
        eventsPerSecond: result.events / seconds,
        digests,
        digestSeconds,
        phasesUsPerEvent,
        cpuUsPerEvent: Object.values(phasesUsPerEvent).reduce((a, b) => a + b, 0),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

const main = async () => {
  const [mode, path] = process.argv.slice(2);
  const run = mode ? modes[mode] : undefined;
  if (!run || !path)
    throw new Error(`usage: replay-child.js <${Object.keys(modes).join('|')}> <sqlite file>`);
  const cpu = process.cpuUsage();
  const result = await run(path);
  const used = process.cpuUsage(cpu);
  reportFromChild({ cpuUsPerEvent: (used.user + used.system) / result.events, ...result });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
