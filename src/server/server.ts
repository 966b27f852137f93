/**
 * `vpn-ledger serve`, as a function: opens the store (writes through the group commit, reads on a
 * connection of their own), the tokens, and listens. `close()` drains: new requests are refused,
 * the ones in flight finish and their commands commit, then the stores close.
 */
import type { KeyObject } from 'node:crypto';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { TermsConfig } from '../aggregates/context';
import { TokenStore } from '../auth/tokens';
import { type Clock, systemClock } from '../ledger/clock';
import { Ledger } from '../ledger/ledger';
import { type OpenStoreOptions, openStore } from '../store/open';
import type { EventStore } from '../store/port';
import type { StoreSpec } from '../store/spec';
import { SqliteEventStore } from '../store/sqlite';
import { attachInlineViews, type InlineViews } from '../views/sqlite-inline';
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
  readonly synchronous?: OpenStoreOptions['synchronous'];
  /** Told when the views were rebuilt from the log before the server started. */
  readonly onViewsRebuilt?: (reason: string, events: number) => void;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly ctx: ServerContext;
  /** Refuses new requests, lets the ones in flight finish, commits what they queued, closes the stores. */
  close(): Promise<void>;
}

/** The stores a server writes to and reads from. */
const openStores = async (
  options: ServeOptions,
): Promise<{ writer: EventStore; reader: EventStore; inline: InlineViews | null }> => {
  const writer = await openStore(
    options.store,
    options.synchronous ? { synchronous: options.synchronous } : {},
  );
  if (!(writer instanceof SqliteEventStore)) return { writer, reader: writer, inline: null };
  try {
    const inline = attachInlineViews(writer);
    if (inline.rebuilt && inline.rebuilt.events > 0) {
      options.onViewsRebuilt?.(inline.rebuilt.reason, inline.rebuilt.events);
    }
    // Reads on a second connection: they see what has committed, never a group in progress.
    const reader = new SqliteEventStore({ path: writer.options.path, access: 'read' });
    return { writer, reader, inline };
  } catch (error) {
    await writer.close();
    throw error;
  }
};

export const startServer = async (options: ServeOptions): Promise<RunningServer> => {
  const tokens = new TokenStore(options.tokensPath);
  const clock = options.clock ?? systemClock;
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const { writer, reader, inline } = await openStores(options);
  const ledger = new Ledger({ store: writer, clock, ...(options.terms ? { terms: options.terms } : {}) });
  const writes = new GroupCommitter(ledger, writer, {
    ...options.group,
    queueTimeoutMs: limits.requestTimeoutMs,
    onRollback: () => inline?.forget(),
  });
  const reads = new ReadSide(reader, options.store.kind === 'esdb' ? (options.viewsPath ?? null) : null);
  const ctx: ServerContext = {
    writes,
    reads,
    tokens,
    clock,
    limits,
    terms: options.terms,
    closing: { store: writer, views: inline?.views ?? null, key: options.sealKey ?? null },
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
        await writes.drain();
        await reads.close();
        if (writer !== reader) await writer.close();
      })();
      return closing;
    },
  };
};
