/**
 * `vpn-ledger serve`, as a function: opens the store (writes through the group commit, reads on a
 * connection of their own), the tokens, and listens. `close()` drains: new requests are refused,
 * the ones in flight finish and their commands commit, then the stores close.
 */
import type { KeyObject } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance, FastifyServerOptions } from 'fastify';
import type { TermsConfig } from '../aggregates/context';
import { TokenStore } from '../auth/tokens';
import { type Clock, systemClock } from '../ledger/clock';
import { Ledger } from '../ledger/ledger';
import { type OpenedLedger, openLedger } from '../ledger/open';
import type { ViewsProblem } from '../read';
import type { StoreSpec } from '../store/spec';
import type { SqliteSynchronous } from '../store/sqlite';
import { Deliverer, type DelivererOptions, type WebhookAccess } from '../webhooks';
import { buildApp } from './app';
import type { ConsoleOptions } from './console/session';
import { DEFAULT_LIMITS, type Limits, type ServerContext } from './context';
import { type GroupCommitOptions, GroupCommitter } from './group-commit';
import { ReadSide } from './reads';

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
 * The ledger a server writes to (its views inline, for SQLite), and the one it reads from: for
 * SQLite a second, read-only connection, so that a read sees what has committed, never a group in
 * progress; for EventStoreDB the same client, with the views file a follower keeps.
 */
const openLedgers = async (
  options: ServeOptions,
): Promise<{ writer: OpenedLedger; reader: OpenedLedger }> => {
  const writer = await openLedger(options.store, {
    access: 'write',
    viewsPath: options.viewsPath ?? null,
    ...(options.synchronous ? { synchronous: options.synchronous } : {}),
  });
  if (writer.rebuilt && writer.rebuilt.events > 0)
    options.onViewsRebuilt?.(writer.rebuilt.reason, writer.rebuilt.events);
  if (options.store.kind !== 'sqlite') return { writer, reader: writer };
  try {
    return { writer, reader: await openLedger(options.store, { access: 'read' }) };
  } catch (error) {
    await writer.close();
    throw error;
  }
};

export const startServer = async (options: ServeOptions): Promise<RunningServer> => {
  const tokens = new TokenStore(options.tokensPath);
  const clock = options.clock ?? systemClock;
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const { writer, reader } = await openLedgers(options);
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
  const reads = new ReadSide(reader);
  const outbox = writer.webhooks;
  const local = writer.store.local;
  if (outbox !== null && local !== undefined && options.webhooks !== false) {
    // Between group commits, in a transaction of their own: a delivery is read only once committed.
    const access: WebhookAccess = (fn) => writes.exclusive(async () => local.exclusive(() => fn(outbox)));
    const seen = reader.webhooks;
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
    clock,
    limits,
    terms: options.terms,
    closing: { ledger: writer, key: options.sealKey ?? null },
    webhooks: deliverer !== null && reader.webhooks !== null ? { outbox: reader.webhooks, deliverer } : null,
    draining: false,
  };
  let app: FastifyInstance;
  try {
    app = await buildApp(ctx, {
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.console === undefined ? {} : { console: options.console }),
    });
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await reads.close().catch(() => undefined);
    if (writer !== reader) await writer.close().catch(() => undefined);
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
        if (writer !== reader) await writer.close();
      })();
      return closing;
    },
  };
};
