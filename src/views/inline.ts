/**
 * The views of an SQLite ledger live in the ledger file and move with the log in the same
 * transaction: registered with the store when it is opened (SqliteStoreOptions.inline), they apply
 * every append's events and move their checkpoint inside the append's transaction, so a read right
 * after `apply` sees what it wrote, and a crash leaves both or neither.
 *
 * If applying an event to the views ever fails (a bug in a projection), the append still commits
 * (the log is the source of truth; a valid command is never refused because of a view): the views'
 * changes roll back to a savepoint, they are marked stale, and reads answer from the log until
 * `vpn-ledger rebuild` runs.
 */
import type { RecordedEvent } from '../store/port';
import type { InlineProjection, SqliteEventStore } from '../store/sqlite';
import { ViewProjector } from './projector';
import { type RebuildProgress, rebuildLocalViews } from './rebuild';
import { VIEWS_VERSION } from './schema';
import { ViewsDb, type ViewsProblem, type ViewsState, viewsProblem } from './views-db';

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
  /** Whether the views were (re)built from the log when the store was opened, and why. */
  readonly rebuilt: { readonly reason: ViewsProblem; readonly events: number } | null;
  /**
   * Forgets the facts cached between appends: a writer that rolls back a transaction it appended
   * in (a group commit) calls this, as the cache may be ahead of the tables then.
   */
  forget(): void;
}

/**
 * The views as an inline projection of a writing SQLite store. Views that are missing, of another
 * version, or stale are rebuilt from the log first (in one transaction), so that from here on they
 * only move by appends. Writers register this; readers never do (they never write).
 */
export function inlineViews(options: InlineViewsOptions = {}): {
  readonly register: (store: SqliteEventStore) => InlineProjection;
  /** The views once the store has opened (it registers them as it opens). */
  readonly attached: () => InlineViews;
} {
  let attached: InlineViews | null = null;
  const register = (store: SqliteEventStore): InlineProjection => {
    const now = options.now ?? (() => new Date().toISOString());
    const views = new ViewsDb(store.db);
    let rebuilt: InlineViews['rebuilt'] = null;
    const problem = viewsProblem(views.state());
    if (problem !== null) {
      // Decided again under the write lock: another process creating or opening the same ledger
      // may have built the views since they were looked at (then nothing is done twice).
      const result = rebuildLocalViews(store, views, {
        now,
        onlyIfNeeded: true,
        ...(options.onRebuild ? { onProgress: options.onRebuild } : {}),
      });
      if (!result.skipped) rebuilt = { reason: problem, events: result.events };
    }
    const projector = new ViewProjector(
      views,
      (streamId, before) => {
        const read = store.readStreamSync(streamId);
        return read.status === 'found' ? read.events.filter((e) => e.revision < before) : [];
      },
      options.cacheSize === undefined ? {} : { cacheSize: options.cacheSize },
    );
    const applyInSavepoint = store.db.transaction((events: readonly RecordedEvent[]) =>
      projector.apply(events),
    );
    attached = { views, rebuilt, forget: () => projector.clear() };
    return {
      handle: (events) => {
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
      },
    };
  };
  return {
    register,
    attached: () => {
      if (attached === null) throw new Error('the inline views are attached when the store opens');
      return attached;
    },
  };
}
