/** What the routes share: the write queue, the read side, the tokens, the clock and the limits. */
import type { KeyObject } from 'node:crypto';
import type { TermsConfig } from '../aggregates/context';
import type { Principal } from '../auth/principal';
import type { SessionStore } from '../auth/sessions';
import type { TokenStore } from '../auth/tokens';
import type { Clock } from '../ledger/clock';
import type { OpenedLedger } from '../ledger/open';
import type { Deliverer, WebhookStore } from '../webhooks';
import type { GroupCommitter } from './group-commit';
import type { Locale } from './locale';
import type { ReadSide } from './reads';

export interface Limits {
  /** Bytes of one request body (a batch included). */
  readonly bodyBytes: number;
  /** Command lines in one batch (blank and comment lines are counted apart: BATCH_LINES_PER_COMMAND). */
  readonly batchLines: number;
  /** How long a request may take: to arrive, to wait for its turn, to fold what it asks. */
  readonly requestTimeoutMs: number;
  /** Event streams of the change feed (GET /v1/feed as text/event-stream) one principal may hold open. */
  readonly feedStreamsPerPrincipal: number;
  /** How often an event stream says it is alive when nothing happens. */
  readonly feedHeartbeatMs: number;
  /** How often open event streams look for new facts in the log. */
  readonly feedPollMs: number;
  /** How long a client may take to send a request's headers (slow clients: slowloris). */
  readonly headersTimeoutMs: number;
  /** Connections open at once, all clients together; one more is answered 503 and closed. */
  readonly maxConnections: number;
  /** Connections open at once from one address. */
  readonly connectionsPerAddress: number;
  /** Reads answered at once, each on a connection and snapshot of its own (SQLite). */
  readonly reads: number;
  /** Reads of one principal answered at once; its others wait their turn, principals taken in turn. */
  readonly readsPerPrincipal: number;
  /** Reads of one principal waiting at most; one more is answered 429. */
  readonly readsQueuedPerPrincipal: number;
  /** Sign-in attempts to the console per address, and per token id, in a minute. */
  readonly signInsPerAddress: number;
  readonly signInsPerToken: number;
}

/** Lines of any kind (blank and comment lines too) a batch may hold per command line it may hold. */
export const BATCH_LINES_PER_COMMAND = 4;

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 8 * 1024 * 1024,
  batchLines: 5_000,
  requestTimeoutMs: 30_000,
  feedStreamsPerPrincipal: 4,
  feedHeartbeatMs: 15_000,
  feedPollMs: 250,
  headersTimeoutMs: 10_000,
  maxConnections: 4_096,
  connectionsPerAddress: 256,
  reads: 4,
  readsPerPrincipal: 2,
  readsQueuedPerPrincipal: 64,
  signInsPerAddress: 10,
  signInsPerToken: 5,
};

export interface ServerContext {
  readonly writes: GroupCommitter;
  readonly reads: ReadSide;
  readonly tokens: TokenStore;
  /** The console's sessions (in the ledger's database). */
  readonly sessions: SessionStore;
  /** Whether the server can serve: null when ready, else why not (GET /ready). */
  readonly readiness: () => 'tokens' | 'draining' | null;
  /** The wall clock of the edge: "today" for as-of defaults and for dating a contractor's acts. */
  readonly clock: Clock;
  readonly limits: Limits;
  /** The deployment's settings for the deciders (the provider catalog), as the writes use them: for what-if. */
  readonly terms: TermsConfig | undefined;
  /** What a month's close needs. */
  readonly closing: {
    /** The ledger the writes go to, with its views (an SQLite ledger's own, or a follower's file). */
    readonly ledger: OpenedLedger;
    /** The private key that seals a close (`serve --seal-key`); null when none is configured. */
    readonly key: KeyObject | null;
  };
  /** The webhooks this server delivers (an SQLite ledger's outbox), with the outbox as the reads see it. */
  readonly webhooks: { readonly outbox: WebhookStore; readonly deliverer: Deliverer } | null;
  /** Set once SIGTERM arrived: new requests are refused while the in-flight ones finish. */
  draining: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who sent it; null on the routes that need no token (health, the OpenAPI document). */
    principal: Principal | null;
    /** The language of the answer (locale.ts). */
    locale: Locale;
  }
  interface FastifyContextConfig {
    /** False for the routes anyone may call. */
    readonly auth?: boolean;
  }
}
