/**
 * The server's read side: the read policy over a ledger opened for reading, each request answered
 * from one consistent snapshot of its own. With SQLite a small pool of read-only connections to the
 * ledger file (a read never sees a group commit that has not committed), each read in its own read
 * transaction on its own connection, so that reads run side by side; with EventStoreDB the views
 * come from a views file a follower keeps (`vpn-ledger project --follow`), opened when it appears,
 * and the contracts' own streams from the server.
 *
 * Fair turns (scheduler.ts): at most `limits.reads` reads at once, at most `readsPerPrincipal` of
 * one principal's, principals taken in turn; and of the reads that fold the whole log (a month as
 * known at a time, verify, what-if), one at a time, in turn too, while the reads that need one
 * contract or the views go on beside it. A fold lets other requests run every few hundred events,
 * and gives up once the request's time is over.
 */
import type Database from 'better-sqlite3';
import { EventDecodeError } from '../events';
import { type LedgerSource, Reader } from '../read';
import { CorruptEventError, StoreError } from '../store/errors';
import type { EventStore } from '../store/port';
import type { Limits } from './context';
import { HttpProblem } from './problem';
import { currentRequester } from './request-scope';
import { FairScheduler, type Release, TurnTimeoutError } from './scheduler';

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

/** One reader's connection: the ledger it reads, and the database its snapshot is a transaction of. */
export interface ReadSlot {
  readonly source: LedgerSource;
  /** The connection to hold a read transaction on (SQLite: the ledger's, which holds the views too); null: none. */
  readonly db: () => Database.Database | null;
}

export type ReadLimits = Pick<
  Limits,
  'reads' | 'readsPerPrincipal' | 'readsQueuedPerPrincipal' | 'requestTimeoutMs'
>;

export interface ReadSideOptions {
  /** Events (or streams) a fold reads between two pauses that let other requests run. */
  readonly pauseEvery?: number;
  /** Closes what the slots hold, once no read runs. */
  readonly close?: () => Promise<void>;
}

const nextTurnOfTheLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Errors the answer already explains; any other, raised by a read, may be a corrupt row's doing. */
const explained = (error: unknown): boolean =>
  error instanceof HttpProblem ||
  error instanceof ReadTimeoutError ||
  error instanceof TurnTimeoutError ||
  error instanceof StoreError ||
  error instanceof EventDecodeError ||
  error instanceof CorruptEventError;

export class ReadSide {
  /** Every read: a turn of the pool. */
  readonly turns: FairScheduler;
  /** Reads that fold the whole log: one at a time, principals in turn. */
  readonly folds: FairScheduler;
  private readonly free: ReadSlot[];
  private running = 0;
  private idle: (() => void) | null = null;
  private closed = false;

  constructor(
    slots: readonly ReadSlot[],
    readonly storeKind: EventStore['kind'],
    private readonly limits: ReadLimits,
    private readonly options: ReadSideOptions = {},
  ) {
    this.free = [...slots];
    this.turns = new FairScheduler({
      concurrency: slots.length,
      perPrincipal: limits.readsPerPrincipal,
      queuePerPrincipal: limits.readsQueuedPerPrincipal,
    });
    this.folds = new FairScheduler({
      concurrency: 1,
      perPrincipal: 1,
      queuePerPrincipal: limits.readsQueuedPerPrincipal,
    });
  }

  /**
   * Runs `fn` on one snapshot of the ledger (and its views), in the current request's principal's
   * turn. `heavy`: it reads the whole log in ways the reader cannot see (verify's sequential scan),
   * so it takes a fold's turn from the start.
   */
  async snapshot<T>(fn: (reader: Reader) => Promise<T>, options: { heavy?: boolean } = {}): Promise<T> {
    const who = currentRequester();
    const deadline = Date.now() + this.limits.requestTimeoutMs;
    return this.turns.run(who, deadline, async () => {
      const slot = this.free.pop()!;
      this.running += 1;
      let fold: Release | null = null;
      const takeFold = async () => {
        fold ??= await this.folds.acquire(who, deadline);
      };
      const reader = new Reader(slot.source, {
        beforeLog: takeFold,
        pauseEvery: this.options.pauseEvery ?? 200,
        pause: async () => {
          if (Date.now() >= deadline) throw new ReadTimeoutError(this.limits.requestTimeoutMs);
          await nextTurnOfTheLoop();
        },
      });
      const db = slot.db();
      try {
        if (options.heavy) await takeFold();
        if (db) db.exec('BEGIN');
        try {
          return await fn(reader);
        } catch (error) {
          if (explained(error)) throw error;
          // A read that failed unexpectedly: a stored row that breaks its schema is the answer (a
          // 500 naming it, for staff), not an internal error.
          throw (await reader.corruptRowBehind()) ?? error;
        }
      } finally {
        if (db?.inTransaction) db.exec('COMMIT');
        (fold as Release | null)?.();
        this.free.push(slot);
        this.running -= 1;
        if (this.running === 0) this.idle?.();
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.running > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    await this.options.close?.();
  }
}
