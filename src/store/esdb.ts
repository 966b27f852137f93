import {
  BACKWARDS,
  END,
  type RecordedEvent as EsdbRecordedEvent,
  StreamNotFoundError as EsdbStreamNotFoundError,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  START,
  type StreamingRead,
} from '@eventstore/db-client';
import { type CurrentRevision, checkExpectedRevision, detectRepeat, sameContent } from './append-rules';
import { DuplicateEventIdError, StoreUnavailableError } from './errors';
import {
  isSystemEvent,
  samePosition,
  toClientExpectedRevision,
  toRecordedEvent,
  toStoreError,
} from './esdb-mapping';
import { DEFAULT_RESUBSCRIBE, EsdbSubscription, type ResubscribePolicy } from './esdb-subscription';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  ReadStreamResult,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from './port';

export const DEFAULT_ESDB_CONNECTION_STRING = 'esdb://localhost:2113?tls=false';

export interface EsdbStoreOptions {
  /** Defaults to $EVENTSTORE_CONNECTION_STRING, then esdb://localhost:2113?tls=false. */
  readonly connectionString?: string;
  /** Events per $all read request (default 500). */
  readonly readPageSize?: number;
  /**
   * Upper bound for one append, and for a read's silence between two events (default 15 s).
   * The client's own deadline covers Streams.Append only; batch appends and reads would
   * otherwise wait forever.
   */
  readonly operationTimeoutMs?: number;
  readonly resubscribe?: Partial<ResubscribePolicy>;
  /** How many recently seen event ids are kept for the duplicate-id check (default 10 000). */
  readonly recentIdCapacity?: number;
}

type PositionedEvent = EsdbRecordedEvent & { readonly position: Position };

/** Marks a remembered event whose own $all position this process never learnt. */
const UNKNOWN_POSITION: Position = Object.freeze({ commit: -1n, prepare: -1n });

/**
 * The EventStore port over EventStoreDB (gRPC, @eventstore/db-client v6).
 *
 * Duplicate event ids. EventStoreDB itself guarantees, for appends with an expected revision,
 * that re-sending a batch whose ids already follow that revision is acknowledged without
 * writing again; with 'any' it does so on a best-effort basis within a window of recent ids.
 * It compares ids only, never content, and it allows the same id in different streams. The
 * port promises more (same id with other content, or in another stream, is an error), so this
 * adapter emulates the rest as far as it reasonably can:
 *   - before an append with 'no_stream' or a revision, it reads the events right after the
 *     expected revision; ids found there are compared by content (equal: the original result is
 *     returned without writing; different: DuplicateEventIdError);
 *   - it remembers the ids it appended or read in this process (a bounded LRU) and rejects their
 *     reuse in another stream or with other content.
 * What only a single-writer store could guarantee and this adapter cannot: reuse of an id
 * written by another process into another stream, and a different-content repeat racing
 * between the read and the append, are accepted by the server as they are.
 */
export class EsdbEventStore implements EventStore {
  readonly kind = 'esdb' as const;
  readonly connectionString: string;
  private readonly client: EventStoreDBClient;
  private readonly pageSize: number;
  private readonly timeoutMs: number;
  private readonly resubscribe: ResubscribePolicy;
  private readonly recentIds: RecentIds;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private closed = false;

  constructor(options: EsdbStoreOptions | string = {}) {
    const o = typeof options === 'string' ? { connectionString: options } : options;
    this.connectionString =
      o.connectionString ?? process.env.EVENTSTORE_CONNECTION_STRING ?? DEFAULT_ESDB_CONNECTION_STRING;
    try {
      this.client = EventStoreDBClient.connectionString(this.connectionString);
    } catch (error) {
      throw new Error(
        `Invalid EventStoreDB connection string "${this.connectionString}": ${(error as Error).message}`,
      );
    }
    this.pageSize = Math.max(2, o.readPageSize ?? 500);
    this.timeoutMs = o.operationTimeoutMs ?? 15_000;
    this.resubscribe = { ...DEFAULT_RESUBSCRIBE, ...o.resubscribe };
    this.recentIds = new RecentIds(o.recentIdCapacity ?? 10_000);
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision;
    if (typeof expected === 'bigint' && expected < 0n) {
      throw new RangeError(`expectedRevision must be 0 or more, got ${expected}.`);
    }
    if (events.length === 0) return this.emptyAppend(streamId, expected);
    // The server answers ids in lower case; compare like with like.
    events = events.map((e) => (e.id === e.id.toLowerCase() ? e : { ...e, id: e.id.toLowerCase() }));
    const repeat = await this.findRepeat(streamId, events, expected);
    if (repeat) return repeat;
    const result = await this.withTimeout(
      `the append to ${streamId}`,
      this.client.appendToStream(
        streamId,
        events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
        { expectedRevision: toClientExpectedRevision(expected) },
      ),
    ).catch((error: unknown) => {
      throw toStoreError(error, { streamId, expected });
    });
    const position =
      expected === 'no_stream' || typeof expected === 'bigint'
        ? await this.readBack(streamId, events, expected)
        : // The server reports the last event's position; an idempotent repeat may come without one.
          (result.position ?? (await this.positionAt(streamId, result.nextExpectedRevision)));
    this.remember(streamId, events, result.nextExpectedRevision, position);
    // A repeat with the same content that raced in between the read above and this append is
    // acknowledged by the server like a write: it is counted as written.
    return { nextExpectedRevision: result.nextExpectedRevision, position, written: true };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    this.assertOpen();
    const direction = options.direction ?? 'forwards';
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    try {
      const resolved = await this.collect(
        `the read of ${streamId}`,
        this.client.readStream(streamId, {
          fromRevision: from === 'start' ? START : from === 'end' ? END : from,
          direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
          ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
        }),
      );
      const events = resolved.flatMap((r) => (r.event ? [toRecordedEvent(r.event)] : []));
      for (const e of events) this.recentIds.set(e);
      return { status: 'found', events };
    } catch (error) {
      if (error instanceof EsdbStreamNotFoundError) return { status: 'not_found', streamId };
      throw toStoreError(error, { streamId });
    }
  }

  /** Pages through $all forwards; each page restarts at the last position seen (inclusive). */
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    let from: Position | 'start' = options.fromPosition ?? 'start';
    let seen: Position | undefined;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const count = this.pageSize + (seen ? 1 : 0);
      const page = await this.readAllPage(from, count, 'forwards');
      const fresh = page.filter((e) => !(seen && samePosition(e.position, seen)));
      for (const e of fresh) {
        if (isSystemEvent(e)) continue;
        yield toRecordedEvent(e);
        remaining -= 1;
        if (remaining <= 0) return;
      }
      const last = fresh[fresh.length - 1];
      if (!last || page.length < count) return;
      from = seen = last.position;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    this.assertOpen();
    const subscription = new EsdbSubscription(
      this.client,
      options.fromPosition ?? 'start',
      this.resubscribe,
      (s) => this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Reads $all backwards, in growing pages, to the newest event that is not a system event. */
  async headPosition(): Promise<Position | null> {
    this.assertOpen();
    let from: Position | 'end' = 'end';
    for (let count = 1; ; count = Math.min(count * 8, this.pageSize)) {
      const page: PositionedEvent[] = await this.readAllPage(from, count, 'backwards');
      const before: Position | 'end' = from;
      const fresh: PositionedEvent[] = page.filter(
        (e) => before === 'end' || !samePosition(e.position, before),
      );
      const user = fresh.find((e) => !isSystemEvent(e));
      if (user) return toRecordedEvent(user).position;
      const last = fresh[fresh.length - 1];
      if (!last || page.length < count) return null;
      from = last.position;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.unsubscribe()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The EventStoreDB store is closed.');
  }

  private async readAllPage(
    from: Position | 'start' | 'end',
    count: number,
    direction: 'forwards' | 'backwards',
  ): Promise<PositionedEvent[]> {
    try {
      const resolved = await this.collect(
        'the read of $all',
        this.client.readAll({
          fromPosition: from === 'start' ? START : from === 'end' ? END : from,
          direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
          maxCount: count,
        }),
      );
      return resolved.flatMap((r): PositionedEvent[] => {
        const event = r.event;
        if (!event) return [];
        if (!event.position) throw new Error(`$all event ${event.id} came without its position.`);
        return [{ ...event, position: event.position }];
      });
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /** The port's no-op append: checks the expected revision against the stream's last event. */
  private async emptyAppend(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const read = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    const last = read.status === 'found' ? read.events[0] : undefined;
    const current: CurrentRevision = last ? last.revision : 'no_stream';
    checkExpectedRevision(streamId, expected, current);
    return {
      nextExpectedRevision: last?.revision ?? -1n,
      position: last?.position ?? { commit: 0n, prepare: 0n },
      written: false,
    };
  }

  private async findRepeat(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult | null> {
    const following = new Map<string, RecordedEvent>();
    if (expected === 'no_stream' || typeof expected === 'bigint') {
      const fromRevision = expected === 'no_stream' ? 0n : expected + 1n;
      const read = await this.readStream(streamId, { fromRevision, maxCount: events.length });
      if (read.status === 'found') for (const e of read.events) following.set(e.id, e);
    }
    const repeat = detectRepeat(
      streamId,
      events,
      expected,
      events.map((e) => following.get(e.id) ?? this.recentIds.get(e.id)),
    );
    if (!repeat) return null;
    const last = repeat[repeat.length - 1]!;
    const position =
      last.position === UNKNOWN_POSITION ? await this.positionAt(streamId, last.revision) : last.position;
    return { nextExpectedRevision: last.revision, position, written: false };
  }

  /**
   * After an append with an expected revision: the server acknowledges ids it already holds
   * there as a success whatever their content, so a repeat that raced in between findRepeat's
   * read and the append (the same command run twice at once, with another recordedAt) is only
   * found by reading the events back. Returns the last one's position.
   */
  private async readBack(
    streamId: string,
    events: readonly EventToAppend[],
    expected: 'no_stream' | bigint,
  ): Promise<Position> {
    const from = expected === 'no_stream' ? 0n : expected + 1n;
    const read = await this.readStream(streamId, { fromRevision: from, maxCount: events.length });
    const stored = read.status === 'found' ? read.events : [];
    for (const [i, event] of events.entries()) {
      const found = stored[i];
      if (found?.id !== event.id) {
        throw new StoreUnavailableError(
          `EventStoreDB acknowledged the append to ${streamId}, but event ${event.id} is not at revision ${from + BigInt(i)}.`,
        );
      }
      if (!sameContent(found, event)) {
        throw new DuplicateEventIdError(event.id, streamId, 'it was recorded with different content');
      }
    }
    return stored[stored.length - 1]!.position;
  }

  private async positionAt(streamId: string, revision: bigint): Promise<Position> {
    const read = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    const event = read.status === 'found' ? read.events[0] : undefined;
    if (!event)
      throw new StoreUnavailableError(`EventStoreDB lost ${streamId}@${revision} right after writing it.`);
    return event.position;
  }

  private remember(
    streamId: string,
    events: readonly EventToAppend[],
    last: bigint,
    lastPosition: Position,
  ): void {
    const first = last - BigInt(events.length - 1);
    events.forEach((e, i) => {
      this.recentIds.set({
        ...e,
        streamId,
        revision: first + BigInt(i),
        position: i === events.length - 1 ? lastPosition : UNKNOWN_POSITION,
      });
    });
  }

  private async withTimeout<T>(what: string, operation: Promise<T>): Promise<T> {
    operation.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new StoreUnavailableError(
              `EventStoreDB did not answer ${what} within ${this.timeoutMs} ms; it may or may not have happened (repeating it with the same event ids is safe).`,
            ),
          ),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([operation, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Drains a client read; gives up (and cancels it) when no event arrives for the timeout. */
  private collect<T>(what: string, read: StreamingRead<T>): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      const out: T[] = [];
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          read.cancel().catch(() => undefined);
          reject(
            new StoreUnavailableError(`EventStoreDB went silent for ${this.timeoutMs} ms during ${what}.`),
          );
        }, this.timeoutMs);
      };
      arm();
      read.on('data', (item: T) => {
        out.push(item);
        arm();
      });
      read.on('end', () => {
        clearTimeout(timer);
        resolve(out);
      });
      read.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }
}

/** A bounded, least-recently-used map from event id to the event this process saw with it. */
class RecentIds {
  private readonly byId = new Map<string, RecordedEvent>();

  constructor(private readonly capacity: number) {}

  get(id: string): RecordedEvent | undefined {
    const event = this.byId.get(id);
    if (event) {
      this.byId.delete(id);
      this.byId.set(id, event);
    }
    return event;
  }

  set(event: RecordedEvent): void {
    const known = this.byId.get(event.id);
    // Keep what was first recorded under an id; a later sighting must not overwrite it.
    if (known && (known.streamId !== event.streamId || known.revision !== event.revision)) return;
    this.byId.delete(event.id);
    this.byId.set(event.id, known && event.position === UNKNOWN_POSITION ? known : event);
    if (this.byId.size > this.capacity) this.byId.delete(this.byId.keys().next().value!);
  }
}
