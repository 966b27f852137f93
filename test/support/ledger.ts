/** An SQLite ledger with its views registered inline, as `openLedger` opens one to write (synchronously, for tests). */
import { openSqliteStore, type SqliteStoreOptions } from '../../src/store/sqlite';
import { type InlineViewsOptions, inlineViews } from '../../src/views/inline';

export const sqliteLedger = (
  path: string,
  options: InlineViewsOptions & Omit<SqliteStoreOptions, 'path' | 'inline'> = {},
) => {
  const { cacheSize, now, onRebuild, ...store } = options;
  const inline = inlineViews({
    ...(cacheSize === undefined ? {} : { cacheSize }),
    ...(now === undefined ? {} : { now }),
    ...(onRebuild === undefined ? {} : { onRebuild }),
  });
  const opened = openSqliteStore({ path, ...store, inline: [inline.register] });
  return { store: opened, ...inline.attached() };
};
