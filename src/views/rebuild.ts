/**
 * Rebuilding the views from the log. The SQLite log is read stream by stream (its (stream,
 * revision) index gives that order), so that only one stream's facts are in memory at a time: the
 * memory a rebuild needs does not grow with the log. Every stream's rows depend on that stream
 * alone, so the result is the same as applying the log event by event.
 */
import type Database from 'better-sqlite3';
import { decodeRecorded } from '../events';
import { applyFact, initFacts } from '../projections';
import type { Position, RecordedEvent } from '../store/port';
import type { SqliteEventStore } from '../store/sqlite';
import { isContractRows, isViewStream, streamRows } from './projector';
import { VIEWS_VERSION } from './schema';
import { ViewsDb, viewsProblem } from './views-db';

export interface RebuildProgress {
  readonly events: number;
  readonly total: number;
}

export interface RebuildOptions {
  readonly now?: () => string;
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** Rebuild only up to this position (the head when not given). */
  readonly upTo?: Position;
  /** Events between progress reports. */
  readonly progressEvery?: number;
  /** Skip the rebuild when, once the write lock is held, the views turn out to be current. */
  readonly onlyIfNeeded?: boolean;
}

export interface RebuildResult {
  readonly events: number;
  readonly streams: number;
  readonly position: Position | null;
  readonly skipped: boolean;
}

const PAGE = 5_000;

/**
 * Folds a stream-ordered sequence of events stream by stream and hands each stream's rows to
 * `write`. Shared by the in-place rebuild and by `replay`, which builds views into another file.
 */
export function foldStreams(
  pages: (afterStream: string, afterRevision: number) => readonly RecordedEvent[],
  write: (rows: NonNullable<ReturnType<typeof streamRows>>) => void,
  onEvents: (n: number) => void,
  /** Events to fold (all by default); the others are read past. */
  keep?: (r: RecordedEvent) => boolean,
): { events: number; streams: number } {
  let events = 0;
  let streams = 0;
  let current: string | null = null;
  let facts = initFacts();
  let last: RecordedEvent | null = null;
  const flush = () => {
    if (current !== null && last !== null && isViewStream(current)) {
      const rows = streamRows(facts);
      if (rows) write(rows);
      streams += 1;
    }
  };
  let afterStream = '';
  let afterRevision = -1;
  for (;;) {
    const page = pages(afterStream, afterRevision);
    if (page.length === 0) break;
    for (const r of page) {
      if (r.streamId !== current) {
        flush();
        current = r.streamId;
        facts = initFacts();
        last = null;
      }
      if (!isViewStream(r.streamId) || (keep && !keep(r))) continue;
      applyFact(facts, decodeRecorded(r, { validate: false }));
      last = r;
    }
    events += page.length;
    onEvents(events);
    const end = page[page.length - 1]!;
    afterStream = end.streamId;
    afterRevision = Number(end.revision);
  }
  flush();
  return { events, streams };
}

/** Writes rows freshly (the tables were just emptied: no diff, no deletes). */
export function writeFresh(views: ViewsDb, rows: NonNullable<ReturnType<typeof streamRows>>): void {
  if (isContractRows(rows)) views.insertContract(rows);
  else views.insertNetwork(rows);
}

const headOf = (db: Database.Database): Position | null => {
  const g = (db.prepare('SELECT MAX(global_position) AS g FROM events').get() as { g: number | null }).g;
  return g === null ? null : { commit: BigInt(g), prepare: BigInt(g) };
};

/** Rebuilds the views of an SQLite ledger in place, in one transaction (appends wait meanwhile). */
export function rebuildSqliteViews(store: SqliteEventStore, options: RebuildOptions = {}): RebuildResult {
  const now = options.now ?? (() => new Date().toISOString());
  const views = new ViewsDb(store.db);
  const every = options.progressEvery ?? 20_000;
  const run = store.db.transaction((): RebuildResult => {
    if (options.onlyIfNeeded && viewsProblem(views.state()) === null)
      return { events: 0, streams: 0, position: views.state()!.position, skipped: true };
    const head = options.upTo ?? headOf(store.db);
    views.reset(now());
    if (head === null) return { events: 0, streams: 0, position: null, skipped: false };
    const total = Number(head.commit);
    let reported = 0;
    const { events, streams } = foldStreams(
      (afterStream, afterRevision) =>
        store.streamOrderedPageSync(afterStream, afterRevision, head.commit, PAGE),
      (rows) => writeFresh(views, rows),
      (n) => {
        if (options.onProgress && n - reported >= every) {
          reported = n;
          options.onProgress({ events: n, total });
        }
      },
    );
    views.setCheckpoint(head, events);
    options.onProgress?.({ events, total });
    return { events, streams, position: head, skipped: false };
  });
  return run.immediate();
}

export { VIEWS_VERSION };
