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
