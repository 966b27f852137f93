/**
 * The server's read side: a read model over a connection of its own, each request answered from
 * one consistent snapshot. With SQLite that is a second, read-only connection to the ledger file
 * (so a read never sees a group commit that has not committed) inside a read transaction; with
 * EventStoreDB the views come from a views file a follower keeps (`vpn-ledger project --follow`),
 * opened when it appears, and the contracts' own streams from the server.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { EventStore } from '../store/port';
import { SqliteEventStore } from '../store/sqlite';
import { ReadModel } from '../views/read-model';
import { ViewsDb } from '../views/views-db';

export class ReadTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`The answer took longer than ${ms} ms and was abandoned; ask a narrower question.`);
    this.name = 'ReadTimeoutError';
  }
}

/** A deadline for long folds (a month as known at a time, verify): checked as their progress is told. */
export const deadlineCheck = (timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  return {
    every: 1_000,
    onProgress: () => {
      if (Date.now() >= end) throw new ReadTimeoutError(timeoutMs);
    },
  };
};

export class ReadSide {
  private chain: Promise<unknown> = Promise.resolve();
  private views: ViewsDb | null;
  private viewsCheckedAt = 0;
  private model: ReadModel;

  /**
   * `store`: what reads go to (for SQLite, a store opened for reading); `viewsPath`: the views file
   * of an EventStoreDB store (SQLite keeps its views in the ledger file).
   */
  constructor(
    readonly store: EventStore,
    private readonly viewsPath: string | null,
  ) {
    this.views = store instanceof SqliteEventStore ? new ViewsDb(store.db) : this.openViews();
    this.model = new ReadModel(store, this.views);
  }

  get storeKind(): EventStore['kind'] {
    return this.store.kind;
  }

  /** Runs `fn` on one snapshot of the ledger (and its views); one at a time. */
  snapshot<T>(fn: (model: ReadModel) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.refreshViews();
      const db = this.views?.db ?? null;
      if (db) db.exec('BEGIN');
      try {
        return await fn(this.model);
      } finally {
        if (db?.inTransaction) db.exec('COMMIT');
      }
    };
    const result = this.chain.then(run, run);
    this.chain = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.chain;
    if (this.views && !(this.store instanceof SqliteEventStore)) this.views.db.close();
    await this.store.close();
  }

  /** An EventStoreDB deployment's views file, read-only, once the follower has created it. */
  private openViews(): ViewsDb | null {
    if (this.viewsPath === null || !existsSync(this.viewsPath)) return null;
    const db = new Database(this.viewsPath, { readonly: true, fileMustExist: true });
    const views = new ViewsDb(db);
    if (!views.exists()) {
      db.close();
      return null;
    }
    return views;
  }

  private refreshViews(): void {
    if (this.views !== null || this.viewsPath === null) return;
    const now = Date.now();
    if (now - this.viewsCheckedAt < 1_000) return;
    this.viewsCheckedAt = now;
    this.views = this.openViews();
    if (this.views) this.model = new ReadModel(this.store, this.views);
  }
}
