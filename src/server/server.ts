/**
 * `vpn-ledger serve`, as a function: opens the store (writes through the group commit, reads on
 * connections of their own, in fair turns), the tokens, and listens, with its connections bounded. `close()` drains: new requests are refused,
 * the ones in flight finish and their commands commit, then the stores close.
 */
import type { KeyObject } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance, FastifyServerOptions } from 'fastify';
import type { TermsConfig } from '../aggregates/context';
import { SessionStore } from '../auth/sessions';
import { TokenStore } from '../auth/tokens';
import { type Clock, systemClock } from '../ledger/clock';
import { Ledger } from '../ledger/ledger';
import { type OpenedLedger, openLedger } from '../ledger/open';
import type { ViewsProblem } from '../read';
import type { StoreSpec } from '../store/spec';
import type { SqliteSynchronous } from '../store/sqlite';
import { Deliverer, type DelivererOptions, type WebhookAccess, type WebhookStore } from '../webhooks';
import { buildApp } from './app';
import { guardConnections } from './connections';
import { type ConsoleOptions, SESSION_SECONDS } from './console/session';
import { DEFAULT_LIMITS, type Limits, type ServerContext } from './context';
import { type GroupCommitOptions, GroupCommitter } from './group-commit';
import { ReadSide, type ReadSlot } from './reads';

export interface ServeOptions {
  readonly store: StoreSpec;
  /** The views file of an EventStoreDB store (kept by `vpn-ledger project --follow`). */
  readonly viewsPath?: string | null;
  readonly tokensPath: string;
  readonly port: number;
  readonly host: string;
  readonly terms?: TermsConfig;
  /** The Ed25519 private key that seals month closes (POST /v1/months/{month}/close); none: closes are refused. */
  readonly sealKey?: KeyObject | null;
  readonly limits?: Partial<Limits>;
  readonly group?: Pick<GroupCommitOptions, 'maxGroup' | 'maxQueue'>;
  readonly logger?: FastifyServerOptions['logger'];
  /** The web console's options (its cookie Secure behind https). */
  readonly console?: ConsoleOptions;
  readonly clock?: Clock;
  readonly synchronous?: SqliteSynchronous;
  /** Told when the views were rebuilt from the log before the server started. */
  readonly onViewsRebuilt?: (reason: ViewsProblem, events: number) => void;
  /**
   * How the outbox of an SQLite ledger is delivered (src/webhooks); false: not by this server (a
   * `vpn-ledger webhooks deliver` does it).
   */
  readonly webhooks?: DelivererOptions | false;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly ctx: ServerContext;
  /** Refuses new requests, lets the ones in flight finish, commits what they queued, closes the stores. */
  close(): Promise<void>;
}

/**
 * The ledger a server writes to (its views inline, for SQLite), and the ones it reads from: for
 * SQLite `limits.reads` read-only connections, so that a read sees what has committed, never a group
 * in progress, and reads run side by side, each in a snapshot of its own; for EventStoreDB as many
 * clients, each with its own connection to the views file a follower keeps; a memory store is read
 * where it is written.
 */
const openLedgers = async (
  options: ServeOptions,
  reads: number,
): Promise<{
  writer: OpenedLedger;
  slots: ReadSlot[];
  closeReaders: () => Promise<void>;
  /** The webhook outbox as a read connection sees it (committed deliveries only). */
  seen: WebhookStore | null;
}> => {
  const writer = await openLedger(options.store, {
    access: 'write',
    viewsPath: options.viewsPath ?? null,
    ...(options.synchronous ? { synchronous: options.synchronous } : {}),
  });
  if (writer.rebuilt && writer.rebuilt.events > 0)
    options.onViewsRebuilt?.(writer.rebuilt.reason, writer.rebuilt.events);
  if (options.store.kind === 'memory') {
    const slot: ReadSlot = { source: writer, db: () => null };
    return {
      writer,
      slots: Array.from({ length: reads }, () => slot),
      closeReaders: async () => undefined,
      seen: writer.webhooks,
    };
  }
  const readers: OpenedLedger[] = [];
  const closeReaders = async () => {
    await Promise.all(readers.map((r) => r.close().catch(() => undefined)));
  };
  try {
    for (let i = 0; i < reads; i++) {
      readers.push(await openLedger(options.store, { access: 'read', viewsPath: options.viewsPath ?? null }));
    }
  } catch (error) {
    await closeReaders();
    await writer.close();
    throw error;
  }
  return {
    writer,
    slots: readers.map((r) => ({ source: r, db: () => r.views?.db ?? null })),
    closeReaders,
    seen: readers[0]?.webhooks ?? null,
  };
};

/**
 * Where the console's sessions are kept: in the ledger's own file (SQLite), in a file beside the
 * views file (EventStoreDB: the follower owns the views file), else in memory.
 */
const sessionsPath = (options: ServeOptions): string => {
  if (options.store.kind === 'sqlite') return options.store.path;
  if (options.store.kind === 'esdb' && options.viewsPath) return `${options.viewsPath}.sessions`;
  return ':memory:';
};

export const startServer = async (options: ServeOptions): Promise<RunningServer> => {
  const clock = options.clock ?? systemClock;
  const tokens = new TokenStore(options.tokensPath, 1_000, clock);
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const { writer, slots, closeReaders, seen } = await openLedgers(options, limits.reads);
  const ledger = new Ledger({
    store: writer.store,
    clock,
    ...(options.terms ? { terms: options.terms } : {}),
  });
  let deliverer: Deliverer | null = null;
  let log: FastifyBaseLogger | null = null;
  const writes = new GroupCommitter(ledger, writer.store, {
    ...options.group,
    queueTimeoutMs: limits.requestTimeoutMs,
    onRollback: () => writer.forget(),
    // A group may have written deliveries.
    onGroup: () => deliverer?.wake(),
  });
  const reads = new ReadSide(slots, writer.store.kind, limits, { close: closeReaders });
  const sessions = SessionStore.open(sessionsPath(options), SESSION_SECONDS * 1_000);
  const outbox = writer.webhooks;
  const local = writer.store.local;
  if (outbox !== null && local !== undefined && options.webhooks !== false) {
    // Between group commits, in a transaction of their own: a delivery is read only once committed.
    const access: WebhookAccess = (fn) => writes.exclusive(async () => local.exclusive(() => fn(outbox)));
    deliverer = new Deliverer(access, {
      ...(options.webhooks ?? {}),
      // Looked at on the read connection first: the write queue is asked only when something waits.
      ...(seen ? { anythingPending: () => seen.anythingPending() } : {}),
      onAttempt: (attempt) => log?.info({ webhook: attempt }, 'webhook delivery'),
      onError: (error) => log?.warn({ err: error }, 'webhook outbox'),
    });
  }
  const ctx: ServerContext = {
    writes,
    reads,
    tokens,
    sessions,
    readiness: () => (ctx.draining ? 'draining' : tokens.readable ? null : 'tokens'),
    clock,
    limits,
    terms: options.terms,
    closing: { ledger: writer, key: options.sealKey ?? null },
    webhooks: deliverer !== null && seen !== null ? { outbox: seen, deliverer } : null,
    draining: false,
  };
  let app: FastifyInstance;
  try {
    app = await buildApp(ctx, {
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.console === undefined ? {} : { console: options.console }),
    });
    guardConnections(app.server, limits);
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await reads.close().catch(() => undefined);
    await writer.close().catch(() => undefined);
    sessions.close();
    throw error;
  }
  log = app.log;
  deliverer?.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  let closing: Promise<void> | null = null;
  return {
    app,
    url: `http://${host}:${port}`,
    ctx,
    close: () => {
      closing ??= (async () => {
        ctx.draining = true;
        await app.close();
        await deliverer?.stop();
        await writes.drain();
        await reads.close();
        await writer.close();
        sessions.close();
      })();
      return closing;
    },
  };
};
