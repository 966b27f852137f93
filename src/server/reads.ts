/**
 * The server's read side: the read policy over a ledger opened for reading, each request answered
 * from one consistent snapshot. With SQLite that is a second, read-only connection to the ledger
 * file (so a read never sees a group commit that has not committed) inside a read transaction; with
 * EventStoreDB the views come from a views file a follower keeps (`vpn-ledger project --follow`),
 * opened when it appears, and the contracts' own streams from the server.
 */
import type { OpenedLedger } from '../ledger/open';
import { Reader } from '../read';
import type { EventStore } from '../store/port';

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
  private readonly reader: Reader;

  constructor(private readonly ledger: OpenedLedger) {
    this.reader = new Reader(ledger);
  }

  get storeKind(): EventStore['kind'] {
    return this.ledger.store.kind;
  }

  /** Runs `fn` on one snapshot of the ledger (and its views); one at a time. */
  snapshot<T>(fn: (reader: Reader) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const db = this.ledger.views?.db ?? null;
      if (db) db.exec('BEGIN');
      try {
        return await fn(this.reader);
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
    await this.ledger.close();
  }
}
