import {
  ANY,
  type AppendExpectedRevision,
  CancelledError,
  DeadlineExceededError,
  type RecordedEvent as EsdbRecordedEvent,
  StreamNotFoundError as EsdbStreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  isCommandError,
  NO_STREAM,
  STREAM_EXISTS,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client';
import {
  StoreError,
  StoreRequestError,
  StoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from './errors';
import type { ExpectedRevision, JsonObject, Position, RecordedEvent } from './port';

/** Translations between the port and @eventstore/db-client v6, both ways. */

export const toClientExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision =>
  expected === 'any'
    ? ANY
    : expected === 'no_stream'
      ? NO_STREAM
      : expected === 'stream_exists'
        ? STREAM_EXISTS
        : expected;

const fromClientExpectedRevision = (expected: unknown): ExpectedRevision =>
  expected === ANY || expected === NO_STREAM || expected === STREAM_EXISTS || typeof expected === 'bigint'
    ? expected
    : 'any';

/** System events ($-typed, or in $-streams) never leave the adapter, as with the other adapters. */
export const isSystemEvent = (e: { readonly streamId: string; readonly type: string }): boolean =>
  e.type.startsWith('$') || e.streamId.startsWith('$');

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

const UNSET_POSITION = (1n << 64n) - 1n;

export const toRecordedEvent = (e: EsdbRecordedEvent): RecordedEvent => {
  if (!e.isJson || !isJsonObject(e.data)) {
    throw new Error(
      `Event ${e.id} (${e.streamId}@${e.revision}) is not a JSON object; the ledger only stores JSON events.`,
    );
  }
  // Servers before 22.6 leave the $all position of stream reads unset, which arrives as 2^64-1.
  if (!e.position || e.position.commit === UNSET_POSITION) {
    throw new Error(
      `Event ${e.id} (${e.streamId}@${e.revision}) came without its $all position; EventStoreDB 22.6 or later is required.`,
    );
  }
  return {
    streamId: e.streamId,
    revision: e.revision,
    position: { commit: e.position.commit, prepare: e.position.prepare },
    id: e.id,
    type: e.type,
    data: e.data,
    // The client drops empty custom metadata; the port always has an object.
    metadata: isJsonObject(e.metadata) ? e.metadata : {},
  };
};

export const samePosition = (a: Position, b: Position): boolean =>
  a.commit === b.commit && a.prepare === b.prepare;

const grpcCode = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'number'
    ? (error as { code: number }).code
    : undefined;

// gRPC status codes: CANCELLED 1, DEADLINE_EXCEEDED 4, ABORTED 10, UNAVAILABLE 14.
const TRANSIENT_CODES = new Set([1, 4, 10, 14]);
const CONNECTION_MESSAGE =
  /channel has been shut down|ECONNREFUSED|ECONNRESET|EPIPE|socket hang up|no connection established|connection dropped|Failed to discover/i;

/** Errors that mean "the server could not be reached or the call broke", worth a retry. */
export const isTransient = (error: unknown): boolean => {
  if (error instanceof StoreUnavailableError) return true;
  if (
    error instanceof UnavailableError ||
    error instanceof CancelledError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError
  ) {
    return true;
  }
  const code = grpcCode(error);
  if (
    code !== undefined &&
    TRANSIENT_CODES.has(code) &&
    (error as { details?: string }).details !== 'Cancelled on client'
  ) {
    return true;
  }
  return error instanceof Error && CONNECTION_MESSAGE.test(error.message);
};

/**
 * Maps a client error to the port's typed errors. `context` carries what the caller asked for,
 * which is more exact than what the client echoes (e.g. the expected revision).
 */
export const toStoreError = (
  error: unknown,
  context: { readonly streamId?: string; readonly expected?: ExpectedRevision } = {},
): unknown => {
  if (error instanceof StoreError) return error;
  if (error instanceof EsdbWrongExpectedVersionError) {
    return new WrongExpectedVersionError(
      context.streamId ?? error.streamName,
      context.expected ?? fromClientExpectedRevision(error.expectedVersion),
      error.actualVersion === NO_STREAM ? 'no_stream' : BigInt(error.actualVersion),
    );
  }
  if (error instanceof EsdbStreamNotFoundError)
    return new StreamNotFoundError(context.streamId ?? error.streamName);
  if (isTransient(error)) {
    return new StoreUnavailableError(`EventStoreDB is unavailable: ${(error as Error).message}`, error);
  }
  // Any other answer with a gRPC status (or a client error built from one): a refusal, or a
  // server that is no EventStoreDB (an HTTP/2 server answers RESOURCE_EXHAUSTED or UNIMPLEMENTED).
  if (grpcCode(error) !== undefined || (error instanceof Error && isCommandError(error))) {
    return new StoreRequestError(
      `EventStoreDB answered with an error (is this an EventStoreDB server?): ${(error as Error).message}`,
      error,
    );
  }
  return error;
};
