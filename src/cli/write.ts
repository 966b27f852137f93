/** What every writing command does first: an SQLite ledger's views follow its appends. */
import type { EventStore } from '../store/port';
import { SqliteEventStore } from '../store/sqlite';
import { attachInlineViews } from '../views/sqlite-inline';
import { err, type Io } from './io';
import { startProgress } from './progress';

/**
 * Attaches the inline views to an SQLite store. Views that are missing (a ledger written by an
 * earlier version), of another version or stale are rebuilt from the log first, with a note (and a
 * progress bar on a terminal).
 */
export const keepViewsCurrent = (io: Io, store: EventStore): void => {
  if (!(store instanceof SqliteEventStore)) return;
  const head = store.db.prepare('SELECT MAX(global_position) AS g FROM events').get() as { g: number | null };
  const progress = startProgress(io, {
    total: head.g ?? 0,
    enabled: (head.g ?? 0) > 10_000,
    format: 'rebuilding the views |{bar}| {value}/{total} events',
  });
  let attached: ReturnType<typeof attachInlineViews>;
  try {
    attached = attachInlineViews(store, { onRebuild: (p) => progress.update(p.events) });
  } finally {
    progress.stop();
  }
  if (attached.rebuilt && attached.rebuilt.events > 0) {
    err(
      io,
      `vpn-ledger: rebuilt the views from ${attached.rebuilt.events} event(s) (${attached.rebuilt.reason}).`,
    );
  }
};
