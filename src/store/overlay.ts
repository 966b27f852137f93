/**
 * An EventStore over another one that keeps its own appends in memory: it reads the base store as it
 * stood when the overlay was opened (and, with `knownAt`, as it stood at that time), and every append
 * lands in the overlay only. The base is never written. `vpn-ledger what-if` runs the real command
 * pipeline over it, so that a sequence of commands is decided exactly as `apply` would decide it,
 * each command seeing the would-be events of the ones before it, and nothing is recorded.
 *
 * The port's semantics hold over the merged view (the base's events, then the overlay's): expected
 * revisions, atomic multi-event appends, idempotent appends by event id (an id already in the base
 * or in the overlay is a repeat with the same content, an error with other content), `not_found`,
 * global order, catch-up subscriptions. Appends are serialised, so that of two appends with the same
 * expected revision exactly one succeeds.
 */
import { EventEmitter } from 'node:events';
import { compareInstants, type Instant } from '../terms/dates';
import { type CurrentRevision, checkExpectedRevision, detectRepeat } from './append-rules';
import { LiveSubscription } from './live-subscription';
import {
  type AppendResult,
  comparePositions,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ReadStreamResult,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type Subscription,
} from './port';
import { sliceStream } from './read-window';

/**
 * A store that can find any event of its log by id (memory, SQLite), as their appends do to refuse
 * an id used in another stream. EventStoreDB cannot, and does not refuse one either.
 */
export interface EventLookup {
  eventById(id: string): Promise<RecordedEvent | null>;
}

const canLookUp = (store: EventStore): store is EventStore & EventLookup =>
  typeof (store as Partial<EventLookup>).eventById === 'function';

export interface OverlayOptions {
  /**
   * As the ledger stood at this instant: each stream up to (not including) its first event
   * recorded later. Streams only grow at their end, so what a stream held then is a prefix of it.
   */
  readonly knownAt?: Instant;
}

const clone = <T>(value: T): T => structuredClone(value);
const PAGE = 1000;

export class OverlayEventStore implements EventStore {
  readonly kind: EventStore['kind'];
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly appended = new EventEmitter();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  /**
   * Opens an overlay on `base` as it stands now: events the base gets after this call (another
   * process's commands) are not seen, so the overlay's view never moves under its own appends.
   */
  static async over(base: EventStore, options: OverlayOptions = {}): Promise<OverlayEventStore> {
    return new OverlayEventStore(base, await base.headPosition(), options);
  }

  private constructor(
    readonly base: EventStore,
    /** The base's last position when the overlay was opened; null for an empty base. */
    readonly snapshot: Position | null,
    readonly options: OverlayOptions,
  ) {
    this.kind = base.kind;
  }

  /** Another overlay on the same base as this one sees it (its snapshot, its `knownAt`), without its appends. */
  fresh(): OverlayEventStore {
    return new OverlayEventStore(this.base, this.snapshot, this.options);
  }

  /** The events appended to the overlay, in the order they were appended: what would have been written. */
  appendedEvents(): readonly RecordedEvent[] {
    return this.log.map(clone);
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const run = this.queue.then(() => this.append(streamId, events, options.expectedRevision));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    this.assertOpen();
    const own = this.streams.get(streamId) ?? [];
    const forwardsFromStart =
      (options.direction ?? 'forwards') === 'forwards' && (options.fromRevision ?? 'start') === 'start';
    // The first events of a stream (a contract's opening event) need not read the whole stream.
    const base =
      forwardsFromStart && options.maxCount !== undefined
        ? await this.baseStream(streamId, options.maxCount)
        : await this.baseStream(streamId);
    const merged = own.length === 0 ? base : [...base, ...own.map(clone)];
    if (merged.length === 0) return { status: 'not_found', streamId };
    return { status: 'found', events: sliceStream(merged, options) };
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const from = options.fromPosition ?? 'start';
    const max = options.maxCount ?? Number.POSITIVE_INFINITY;
    const wanted = (e: RecordedEvent) => from === 'start' || comparePositions(e.position, from) >= 0;
    let count = 0;
    for await (const e of this.baseLog(from)) {
      if (count >= max) return;
      if (!wanted(e)) continue;
      count++;
      yield e;
    }
    for (const e of this.log) {
      if (count >= max) return;
      if (!wanted(e)) continue;
      count++;
      yield clone(e);
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    const after = async (position: Position | 'start') => {
      const out: RecordedEvent[] = [];
      for await (const e of this.readAll(position === 'start' ? {} : { fromPosition: position })) {
        if (position !== 'start' && comparePositions(e.position, position) === 0) continue;
        out.push(e);
        if (out.length >= PAGE) break;
      }
      return out;
    };
    return new LiveSubscription(options.fromPosition ?? 'start', after, this.appended);
  }

  async headPosition(): Promise<Position | null> {
    const own = this.log[this.log.length - 1];
    if (own) return own.position;
    if (this.options.knownAt === undefined) return this.snapshot;
    let last: Position | null = null;
    for await (const e of this.baseLog('start')) last = e.position;
    return last;
  }

  /** Closes the overlay; the base store belongs to the caller and stays open. */
  async close(): Promise<void> {
    this.closed = true;
    this.appended.emit('append');
  }

  private async append(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    this.assertOpen();
    const base = await this.baseStream(streamId);
    const own = this.streams.get(streamId) ?? [];
    const length = base.length + own.length;
    const current: CurrentRevision = length === 0 ? 'no_stream' : BigInt(length - 1);
    const inStream = new Map(base.map((e) => [e.id, e]));
    const existing: (RecordedEvent | undefined)[] = [];
    for (const e of events)
      existing.push(this.byId.get(e.id) ?? inStream.get(e.id) ?? (await this.lookUp(e.id)));
    const repeat = detectRepeat(streamId, events, expected, existing);
    if (repeat) {
      const last = repeat[repeat.length - 1]!;
      return { nextExpectedRevision: last.revision, position: last.position, written: false };
    }
    checkExpectedRevision(streamId, expected, current);
    if (events.length === 0) {
      const last = own[own.length - 1] ?? base[base.length - 1];
      return {
        nextExpectedRevision: current === 'no_stream' ? -1n : current,
        position: last?.position ?? { commit: 0n, prepare: 0n },
        written: false,
      };
    }
    const recorded = events.map((e, i): RecordedEvent => {
      const step = BigInt(this.log.length + i + 1);
      return {
        streamId,
        revision: BigInt(length + i),
        position: {
          commit: (this.snapshot?.commit ?? 0n) + step,
          prepare: (this.snapshot?.prepare ?? 0n) + step,
        },
        id: e.id,
        type: e.type,
        data: clone(e.data),
        metadata: clone(e.metadata),
      };
    });
    for (const r of recorded) {
      this.log.push(r);
      own.push(r);
      this.byId.set(r.id, r);
    }
    this.streams.set(streamId, own);
    this.appended.emit('append');
    const last = recorded[recorded.length - 1]!;
    return { nextExpectedRevision: last.revision, position: last.position, written: true };
  }

  /** Whether a base event is in the overlay's view, given that every earlier event of its stream is. */
  private visible(e: RecordedEvent): boolean {
    if (this.snapshot === null || comparePositions(e.position, this.snapshot) > 0) return false;
    const knownAt = this.options.knownAt;
    if (knownAt === undefined) return true;
    const recordedAt = (e.metadata as { recordedAt?: unknown }).recordedAt;
    return typeof recordedAt === 'string' && compareInstants(recordedAt, knownAt) <= 0;
  }

  /** The base stream as the overlay sees it: the events up to the first one it does not. */
  private async baseStream(streamId: string, maxCount?: number): Promise<RecordedEvent[]> {
    if (this.snapshot === null) return [];
    const read = await this.base.readStream(streamId, maxCount === undefined ? {} : { maxCount });
    if (read.status !== 'found') return [];
    const out: RecordedEvent[] = [];
    for (const e of read.events) {
      if (!this.visible(e)) break;
      out.push(e);
    }
    return out;
  }

  /** The base log in the overlay's view (with `knownAt`, read from the start to cut each stream). */
  private async *baseLog(from: 'start' | Position): AsyncIterable<RecordedEvent> {
    if (this.snapshot === null) return;
    const knownAt = this.options.knownAt;
    const cut = new Set<string>();
    const read = this.base.readAll(knownAt === undefined && from !== 'start' ? { fromPosition: from } : {});
    for await (const e of read) {
      if (comparePositions(e.position, this.snapshot) > 0) return;
      if (cut.has(e.streamId)) continue;
      if (!this.visible(e)) {
        cut.add(e.streamId);
        continue;
      }
      yield e;
    }
  }

  /** An event with this id elsewhere in the base, where the base can tell and the overlay sees it. */
  private async lookUp(id: string): Promise<RecordedEvent | undefined> {
    if (!canLookUp(this.base)) return undefined;
    const found = await this.base.eventById(id);
    if (!found) return undefined;
    const stream = await this.baseStream(found.streamId);
    return stream.some((e) => e.id === found.id) ? found : undefined;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The overlay event store is closed.');
  }
}
