/**
 * Replays: the views built afresh from the log into another database (never the ledger file), and
 * a sha-256 digest per view table, so that two replays, or the stored views and a replay, can be
 * compared by a short digest.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { decodeRecorded, foldFailure } from '../events';
import { applyFact, type Facts, initFacts, knownBy } from '../projections';
import { comparePositions, type EventStore, type Position, type RecordedEvent } from '../store/port';
import type { Instant } from '../terms';
import { finishFresh, foldParts, logParts } from './rebuild';
import { VIEW_TABLES } from './schema';
import { insertStreamRows, isViewStream, streamRows } from './stream-rows';
import { ViewsDb } from './views-db';

/** How far a replay got: the events read so far, of the events it reads (null: not known ahead). */
export interface ReplayProgress {
  readonly events: number;
  readonly total: number | null;
}

export interface ReplayOptions {
  /** As the ledger knew it at this instant: events recorded later are left out. */
  readonly knownAt?: Instant;
  /** Up to this position (inclusive); the head when not given. */
  readonly upTo?: Position;
  /**
   * Told now and then how far the replay got, and once more at the end, when `events` is the
   * total: a local log counts only the events a view reads (seals and the like are never read).
   */
  readonly onProgress?: (progress: ReplayProgress) => void;
  readonly now?: () => string;
  /**
   * Check every event read against its schemas, so that a row edited by hand fails the replay
   * (an EventDecodeError naming it) rather than folding into views that look whole.
   */
  readonly validate?: boolean;
}

export interface ReplayResult {
  /** Events read (applied or left out). */
  readonly events: number;
  /** Events recorded after knownAt, left out. */
  readonly skipped: number;
  readonly position: Position | null;
}

/**
 * Builds the views of `store`'s log (up to `upTo`, as known at `knownAt`) into the empty database
 * `db`, in one transaction. A local log is read in parts of whole streams (memory bounded by the
 * part); other stores are read in global order, every stream's facts in memory.
 */
export async function buildViewsInto(
  store: EventStore,
  db: Database.Database,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const views = new ViewsDb(db);
  const upTo = options.upTo ?? (await store.headPosition());
  const keep = (r: RecordedEvent) => knownBy(decodeRecorded(r, { validate: false }), options.knownAt);
  let skipped = 0;
  const log = store.local;
  if (log) {
    const run = db.transaction(() => {
      views.reset((options.now ?? (() => new Date().toISOString()))());
      if (upTo === null) return 0;
      // As known at a time (those recorded later are counted as left out), or audited, every event is read.
      const logged = logParts(log, upTo.commit, {
        readAll: options.knownAt !== undefined || options.validate === true,
      });
      const { events } = logged;
      foldParts(
        logged,
        (rows) => insertStreamRows(views, rows),
        (n) => options.onProgress?.({ events: n, total: events }),
        options.knownAt === undefined
          ? undefined
          : (r) => {
              const k = keep(r);
              if (!k) skipped += 1;
              return k;
            },
        undefined,
        options.validate === true,
      );
      finishFresh(views);
      views.setCheckpoint(upTo, events - skipped);
      return events;
    });
    const events = run();
    return { events, skipped, position: upTo };
  }
  // Any other store: one pass in global order.
  const streams = new Map<string, Facts>();
  let events = 0;
  if (upTo !== null) {
    for await (const r of store.readAll()) {
      if (comparePositions(r.position, upTo) > 0) break;
      events += 1;
      if (events % 5_000 === 0) options.onProgress?.({ events, total: null });
      if (!isViewStream(r.streamId)) continue;
      try {
        if (options.validate === true) decodeRecorded(r, { validate: true });
        const event = decodeRecorded(r, { validate: false });
        if (!knownBy(event, options.knownAt)) {
          skipped += 1;
          continue;
        }
        let facts = streams.get(r.streamId);
        if (!facts) {
          facts = initFacts();
          streams.set(r.streamId, facts);
        }
        applyFact(facts, event);
      } catch (error) {
        throw foldFailure(r, error);
      }
    }
  }
  options.onProgress?.({ events, total: events });
  db.transaction(() => {
    views.reset((options.now ?? (() => new Date().toISOString()))());
    for (const facts of streams.values()) {
      const rows = streamRows(facts);
      if (rows) insertStreamRows(views, rows);
    }
    finishFresh(views);
    if (upTo !== null) views.setCheckpoint(upTo, events - skipped);
  })();
  return { events, skipped, position: upTo };
}

/** sha-256 of every view table's rows, in key order (the bookkeeping table view_state left out). */
export function viewDigests(views: ViewsDb): Record<string, string> {
  const hashes = new Map<string, ReturnType<typeof createHash>>();
  for (const t of VIEW_TABLES) if (t !== 'view_state') hashes.set(t, createHash('sha256'));
  for (const { table, row } of views.dump())
    hashes.get(table)!.update(`${JSON.stringify(Object.values(row))}\n`);
  return Object.fromEntries([...hashes].map(([t, h]) => [t, h.digest('hex')]));
}
