import type { ExpectedRevision } from './port';

/** Base of every error the store raises; `code` is stable and safe to match on. */
export abstract class StoreError extends Error {
  abstract readonly code: string;
}

export class WrongExpectedVersionError extends StoreError {
  readonly code = 'WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or 'no_stream' when it does not exist. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(
      `Wrong expected version on stream ${streamId}: expected ${String(expected)}, actual ${String(actual)}.`,
    );
  }
}

export class StreamNotFoundError extends StoreError {
  readonly code = 'STREAM_NOT_FOUND';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} was not found.`);
  }
}

export class DuplicateEventIdError extends StoreError {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(
    readonly eventId: string,
    readonly streamId: string,
    readonly reason: string,
  ) {
    super(`Event id ${eventId} (stream ${streamId}) was already used: ${reason}.`);
  }
}

export class StoreUnavailableError extends StoreError {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** Why a file is not a vpn-ledger file, as data (the edges word it). */
export type NotALedgerReason =
  | { readonly kind: 'empty' }
  | { readonly kind: 'no-tables' }
  | { readonly kind: 'no-events'; readonly version: number }
  | { readonly kind: 'not-sqlite' };

/** The file exists but is not a vpn-ledger SQLite file (another program's database, or no database). */
export class NotALedgerError extends StoreError {
  readonly code = 'NOT_A_LEDGER';
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly why: NotALedgerReason | null = null,
  ) {
    super(`${path} is not a vpn-ledger file: ${reason}.`);
  }
}

/** A write was asked of a store that cannot be written (a read-only file or directory, or a store opened for reading). */
export class StoreReadOnlyError extends StoreError {
  readonly code = 'STORE_READ_ONLY';
  constructor(
    message: string,
    override readonly cause?: unknown,
    /** What is read-only, when it is the file or its directory (the edges word it). */
    readonly readOnly: {
      readonly what: 'file' | 'directory';
      readonly path: string;
      readonly directory: string;
    } | null = null,
  ) {
    super(message);
  }
}

/**
 * A stored event that cannot be read as an event at all: its data or metadata is not a JSON
 * object (truncated JSON, `null`, a number), or its revision is not a number. `vpn-ledger verify`
 * reports every such row; the readers stop at the first one.
 */
export class CorruptEventError extends StoreError {
  readonly code = 'CORRUPT_EVENT';
  constructor(
    readonly streamId: string,
    readonly revision: string,
    readonly globalPosition: string,
    readonly reason: string,
  ) {
    super(`Event ${streamId}@${revision} (global position ${globalPosition}) is corrupt: ${reason}.`);
  }
}

/**
 * The store answered, but not as the port expects: a refusal (access denied, not the leader) or a
 * server that does not speak EventStoreDB's protocol at all. Not worth retrying as it is.
 */
export class StoreRequestError extends StoreError {
  readonly code = 'STORE_REQUEST_FAILED';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
