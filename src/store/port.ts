/**
 * The EventStore port. Its semantics are EventStoreDB's (streams, expected revisions, event ids
 * for idempotent appends, a global ordered log with catch-up subscriptions), so that code moves
 * between the memory, SQLite and EventStoreDB adapters without change.
 */

/** 0-based revision of the last event the writer expects in the stream. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** A position in the global log. SQLite and memory use the same integer for both parts. */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface EventToAppend {
  /** A UUID. Re-sending the same id with the same content is a no-op, with other content an error. */
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export interface RecordedEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: Position;
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export interface AppendResult {
  readonly nextExpectedRevision: bigint;
  readonly position: Position;
  /**
   * False when every event was already in the stream with the same content (an idempotent
   * repeat) and this call wrote nothing: callers count what they wrote by it.
   */
  readonly written: boolean;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** 'start', 'end' or a revision (inclusive). Defaults to 'start' forwards and 'end' backwards. */
  readonly fromRevision?: 'start' | 'end' | bigint;
  readonly maxCount?: number;
  readonly direction?: ReadDirection;
}

export type ReadStreamResult =
  | { readonly status: 'found'; readonly events: readonly RecordedEvent[] }
  | { readonly status: 'not_found'; readonly streamId: string };

export interface ReadAllOptions {
  /** 'start' or a position; the event at that position is included (as EventStoreDB's readAll). */
  readonly fromPosition?: 'start' | Position;
  readonly maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** 'start' or a checkpoint; events strictly after the checkpoint are delivered. */
  readonly fromPosition?: 'start' | Position;
}

/** A catch-up subscription: an async iterable of events in global order, then live ones. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  unsubscribe(): Promise<void>;
}

export interface EventStore {
  /** Which adapter this is, for messages and benchmarks. */
  readonly kind: 'memory' | 'sqlite' | 'esdb';
  /**
   * What a log kept in a file on this machine (SQLite) can do beyond the port; absent on the
   * memory and EventStoreDB adapters. Callers ask for the capability, never for the adapter.
   */
  readonly local?: LocalLog;
  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<ReadStreamResult>;
  /** Global order, in pages; iterate to the end or stop early. Excludes system events. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeToAllOptions): Subscription;
  /** Position of the last event in the log, or null when empty. */
  headPosition(): Promise<Position | null>;
  close(): Promise<void>;
}

export const START_REVISION = 0n;

export const positionToString = (p: Position): string => `${p.commit}/${p.prepare}`;
export const comparePositions = (a: Position, b: Position): number =>
  a.commit === b.commit ? Number(a.prepare - b.prepare) : a.commit < b.commit ? -1 : 1;

/** A row of the log as stored, whether or not it reads as an event (for integrity checks). */
export interface StoredRow {
  readonly position: bigint;
  readonly streamId: string;
  /** As stored: a whole number unless the row was damaged. */
  readonly revision: unknown;
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** One transaction over several commands (a group commit): a savepoint per command, one commit. */
export interface GroupTransaction {
  savepoint(): void;
  release(): void;
  /** Undoes what was done since the savepoint (and releases it). */
  rollbackToSavepoint(): void;
  commit(): void;
  rollback(): void;
  /** False once the database rolled the whole transaction back on its own (I/O error, full disk). */
  readonly open: boolean;
}

/** The log cut into parts of whole streams, each part one pass in global order (rebuilds). */
export interface StreamParts {
  readonly parts: Iterable<Iterable<RecordedEvent>>;
  /** Events in the log up to the position asked for. */
  readonly events: number;
  /** Events in each part, as in the log (those of the types skipped included): they add up to `events`. */
  readonly sizes: readonly number[];
}

/**
 * A log in a file on this machine: synchronous reads and appends, transactions that hold the write
 * lock (a read, a decision and an append with nothing landing in between), the rows as stored, and
 * positions that are dense (given out one by one, so a gap is a deleted row).
 */
export interface LocalLog {
  /** Runs `fn` in one transaction holding the write lock (inside another one: a savepoint). */
  exclusive<T>(fn: () => T): T;
  /** Runs `fn` in one read transaction: everything it reads is one snapshot. */
  snapshot<T>(fn: () => T): T;
  readStreamSync(streamId: string, options?: ReadStreamOptions): ReadStreamResult;
  appendSync(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): AppendResult;
  headSync(): Position | null;
  /** Events with positions strictly between `after` and `before`, in global order. */
  eventsBetweenSync(after: bigint, before: bigint): RecordedEvent[];
  /** Every row from `fromPosition` in global order, as stored. */
  rows(fromPosition?: bigint): Iterable<StoredRow>;
  /** The highest position ever given out: rows deleted from the end of the log leave it behind. */
  highestPositionEverWritten(): bigint;
  /**
   * The log up to `upTo` in parts of whole streams of about `maxEvents` events, without `skipTypes`;
   * within a part, stream by stream, each in revision order (not in global order across streams).
   */
  streamParts(upTo: bigint, maxEvents: number, skipTypes?: readonly string[]): StreamParts;
  /** Begins a group transaction (group commit). */
  begin(): GroupTransaction;
}
