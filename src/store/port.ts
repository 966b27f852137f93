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
