/**
 * The views of an SQLite ledger live in the ledger file and move with the log in the same
 * transaction: every append also applies its events to the views and moves their checkpoint, so a
 * read right after `apply` sees what it wrote, and a crash leaves both or neither.
 *
 * If applying an event to the views ever fails (a bug in a projection), the append still commits
 * (the log is the source of truth; a valid command is never refused because of a view): the views'
 * changes roll back to a savepoint, they are marked stale, and reads answer from the log until
 * `vpn-ledger rebuild` runs.
 */
import type { SqliteEventStore } from '../store/sqlite';
import { ViewProjector } from './projector';
import { type RebuildProgress, rebuildSqliteViews } from './rebuild';
import { VIEWS_VERSION } from './schema';
import { ViewsDb, type ViewsState, viewsProblem } from './views-db';

export interface InlineViewsOptions {
  /** Streams whose facts stay cached between appends. */
  readonly cacheSize?: number;
  /** The wall clock, for the views' `built_at` bookkeeping only. */
  readonly now?: () => string;
  /** Told when the views must be rebuilt before the first append (and how far the rebuild got). */
  readonly onRebuild?: (progress: RebuildProgress) => void;
}

export interface InlineViews {
  readonly views: ViewsDb;
  /** Whether the views were (re)built from the log when they were attached, and why. */
  readonly rebuilt: { readonly reason: string; readonly events: number } | null;
  /**
   * Forgets the facts cached between appends: a writer that rolls back a transaction it appended
   * in (a group commit) calls this, as the cache may be ahead of the tables then.
   */
  forget(): void;
  detach(): void;
}

/**
 * Makes the store's appends keep its views current. Views that are missing, of another version, or
 * stale are rebuilt from the log first (in one transaction), so that from here on they only move by
 * appends. Writers call this; readers never do (they never write).
 */
export function attachInlineViews(store: SqliteEventStore, options: InlineViewsOptions = {}): InlineViews {
  const now = options.now ?? (() => new Date().toISOString());
  const views = new ViewsDb(store.db);
  let rebuilt: InlineViews['rebuilt'] = null;
  const problem = viewsProblem(views.state());
  if (problem !== null) {
    const result = rebuildSqliteViews(store, {
      now,
      ...(options.onRebuild ? { onProgress: options.onRebuild } : {}),
    });
    rebuilt = { reason: problem, events: result.events };
  }
  const projector = new ViewProjector(
    views,
    (streamId, before) => {
      const read = store.readStreamSync(streamId);
      return read.status === 'found' ? read.events.filter((e) => e.revision < before) : [];
    },
    options.cacheSize === undefined ? {} : { cacheSize: options.cacheSize },
  );
  const applyInSavepoint = store.db.transaction((events: Parameters<ViewProjector['apply']>[0]) =>
    projector.apply(events),
  );
  store.afterAppend = (events) => {
    const state: ViewsState | null = views.state();
    // Views another writer found broken, or replaced by another version: leave them to a rebuild.
    if (state === null || state.version !== VIEWS_VERSION || state.stale !== null) return;
    const first = events[0]!.position.commit;
    const checkpoint = state.position?.commit ?? 0n;
    // Events written without views (by an older program) since the checkpoint come first.
    const missed = checkpoint < first - 1n ? store.eventsBetweenSync(checkpoint, first) : [];
    try {
      applyInSavepoint(missed.length ? [...missed, ...events] : events);
    } catch (error) {
      projector.clear();
      views.markStale(
        `applying ${events[0]!.streamId}@${events[0]!.revision} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  return {
    views,
    rebuilt,
    forget: () => projector.clear(),
    detach: () => {
      store.afterAppend = null;
    },
  };
}
