/**
 * Opening a ledger: its log (the store a spec names) with its read models registered, and the
 * capabilities a caller needs. The one place that knows which adapter holds the log and where its
 * views live:
 *  - SQLite: the views are tables of the ledger file. A writer registers them with the store as an
 *    inline projection (they move in each append's transaction, rebuilt first when missing, stale or
 *    of another version); a reader opens the file read-only and reads them on its connection.
 *  - EventStoreDB: the views are a views file that `vpn-ledger project --follow` keeps; it is opened
 *    read-only once it exists.
 *  - memory: no views; every answer is folded from the log.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { MemoryEventStore } from '../store/memory';
import type { EventStore } from '../store/port';
import type { StoreSpec } from '../store/spec';
import { openSqliteStore, type SqliteSynchronous } from '../store/sqlite';
import { type InlineViews, inlineViews } from '../views/inline';
import type { RebuildProgress } from '../views/rebuild';
import { ViewsDb } from '../views/views-db';
import { inlineOutbox } from '../webhooks/inline';
import { WebhookStore } from '../webhooks/store';

/** The store a spec names (src/store/spec.ts parses `--store`). */
export type LedgerSpec = StoreSpec;

/** Why a ledger cannot be opened as asked: data, worded at the edge. */
export type OpenProblem =
  | { readonly code: 'no-ledger'; readonly path: string }
  | { readonly code: 'no-directory'; readonly path: string; readonly directory: string }
  | { readonly code: 'is-directory'; readonly path: string }
  | { readonly code: 'esdb-connection'; readonly detail: string };

export class LedgerOpenError extends Error {
  constructor(readonly problem: OpenProblem) {
    super(`${problem.code}: ${'path' in problem ? problem.path : problem.detail}`);
    this.name = 'LedgerOpenError';
  }
}

export interface OpenLedgerOptions {
  /**
   * read: the ledger must exist and nothing is ever written (an SQLite file is opened read-only);
   * write: created if need be, its inline views kept current by every append;
   * maintain: it must exist and is opened to write, its views left as they are (rebuild, project).
   */
  readonly access: 'read' | 'write' | 'maintain';
  /** For `write`: the ledger must exist already (a close, a seal); otherwise it is created. */
  readonly mustExist?: boolean;
  /** The views file of an EventStoreDB store (`vpn-ledger project --follow` keeps it). */
  readonly viewsPath?: string | null;
  readonly synchronous?: SqliteSynchronous;
  /** Told how far a rebuild of stale views got before the first append (writers of SQLite). */
  readonly onRebuild?: (progress: RebuildProgress) => void;
  /** Streams whose facts inline views keep cached between appends. */
  readonly cacheSize?: number;
}

export interface OpenedLedger {
  readonly spec: LedgerSpec;
  readonly store: EventStore;
  /** The read models' tables, where there are any (an EventStoreDB views file appears once followed). */
  readonly views: ViewsDb | null;
  /** True when the views move in each append's own transaction (an SQLite ledger opened to write). */
  readonly viewsInline: boolean;
  /**
   * The webhook subscriptions and their outbox (src/webhooks): tables of an SQLite ledger, written
   * by every append around its views. Null for other stores (an EventStoreDB's outbox is kept in
   * its views file by the follower, `vpn-ledger project --follow`).
   */
  readonly webhooks: WebhookStore | null;
  /** Whether the views were rebuilt from the log when the ledger was opened, and why. */
  readonly rebuilt: InlineViews['rebuilt'];
  /** Forgets what the inline views cached: after a transaction that appended was rolled back. */
  forget(): void;
  close(): Promise<void>;
}

function checkSqlitePath(path: string, mustExist: boolean): string {
  const full = resolve(path);
  if (mustExist && !existsSync(full)) throw new LedgerOpenError({ code: 'no-ledger', path });
  if (!existsSync(dirname(full)))
    throw new LedgerOpenError({ code: 'no-directory', path, directory: dirname(full) });
  if (existsSync(full) && statSync(full).isDirectory())
    throw new LedgerOpenError({ code: 'is-directory', path });
  return full;
}

/** A views file of an EventStoreDB deployment, read-only, once the follower has created it. */
function viewsFile(path: string): ViewsDb | null {
  if (!existsSync(path)) return null;
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const views = new ViewsDb(db);
  if (!views.exists()) {
    db.close();
    return null;
  }
  return views;
}

export async function openLedger(spec: LedgerSpec, options: OpenLedgerOptions): Promise<OpenedLedger> {
  const nothing = { rebuilt: null, forget: () => undefined, webhooks: null };
  switch (spec.kind) {
    case 'memory': {
      const store = new MemoryEventStore();
      return { spec, store, views: null, viewsInline: false, ...nothing, close: () => store.close() };
    }
    case 'sqlite': {
      const path = checkSqlitePath(spec.path, options.access !== 'write' || options.mustExist === true);
      const synchronous = options.synchronous ? { synchronous: options.synchronous } : {};
      if (options.access === 'write') {
        const inline = inlineViews({
          ...(options.onRebuild ? { onRebuild: options.onRebuild } : {}),
          ...(options.cacheSize === undefined ? {} : { cacheSize: options.cacheSize }),
        });
        const outbox = inlineOutbox(inline.register, () => inline.attached().views);
        const store = openSqliteStore({ path, access: 'write', ...synchronous, inline: [outbox.register] });
        const attached = inline.attached();
        return {
          spec,
          store,
          views: attached.views,
          viewsInline: true,
          webhooks: outbox.attached(),
          rebuilt: attached.rebuilt,
          forget: attached.forget,
          close: () => store.close(),
        };
      }
      let views: ViewsDb | null = null;
      let webhooks: WebhookStore | null = null;
      const store = openSqliteStore({
        path,
        access: options.access === 'read' ? 'read' : 'write',
        ...synchronous,
        inline: [
          (s) => {
            views = new ViewsDb(s.db);
            webhooks = new WebhookStore(s.db);
            if (options.access === 'maintain') webhooks.ensure();
            return null;
          },
        ],
      });
      return { spec, store, views, viewsInline: false, ...nothing, webhooks, close: () => store.close() };
    }
    case 'esdb': {
      // Loaded lazily: the gRPC client is heavy and only EventStoreDB users need it.
      const { EsdbEventStore } = await import('../store/esdb');
      let store: EventStore;
      try {
        store = new EsdbEventStore({ connectionString: spec.connectionString });
      } catch (error) {
        throw new LedgerOpenError({
          code: 'esdb-connection',
          detail: (error as Error).message.split('\n')[0]!,
        });
      }
      const path = options.viewsPath ?? null;
      let views = path === null ? null : viewsFile(path);
      let checkedAt = Date.now();
      return {
        spec,
        store,
        get views() {
          // The follower may create the views file after the ledger was opened: look again, at most once a second.
          if (views === null && path !== null && Date.now() - checkedAt >= 1_000) {
            checkedAt = Date.now();
            views = viewsFile(path);
          }
          return views;
        },
        viewsInline: false,
        ...nothing,
        close: async () => {
          views?.db.close();
          await store.close();
        },
      };
    }
  }
}
