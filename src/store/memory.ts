import { EventEmitter } from 'node:events';
import { type CurrentRevision, checkExpectedRevision, detectRepeat } from './append-rules';
import { LiveSubscription } from './live-subscription';
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
import { sliceStream } from './read-window';

const clone = <T>(value: T): T => structuredClone(value);

/** In-process store with the same semantics as the SQLite and EventStoreDB adapters. */
export class MemoryEventStore implements EventStore {
  readonly kind = 'memory' as const;
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly appended = new EventEmitter();
  private closed = false;

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.assertOpen();
    const stream = this.streams.get(streamId);
    const current: CurrentRevision = stream ? BigInt(stream.length - 1) : 'no_stream';
    const repeat = detectRepeat(
      streamId,
      events,
      options.expectedRevision,
      events.map((e) => this.byId.get(e.id)),
    );
    if (repeat) {
      const last = repeat[repeat.length - 1]!;
      return { nextExpectedRevision: last.revision, position: last.position, written: false };
    }
    checkExpectedRevision(streamId, options.expectedRevision, current);
    if (events.length === 0) {
      const last = stream?.[stream.length - 1];
      return {
        nextExpectedRevision: current === 'no_stream' ? -1n : current,
        position: last?.position ?? { commit: 0n, prepare: 0n },
        written: false,
      };
    }
    const target = stream ?? [];
    const recorded = events.map((e, i): RecordedEvent => {
      const global = BigInt(this.log.length + i + 1);
      return {
        streamId,
        revision: BigInt(target.length + i),
        position: { commit: global, prepare: global },
        id: e.id,
        type: e.type,
        data: clone(e.data),
        metadata: clone(e.metadata),
      };
    });
    for (const r of recorded) {
      this.log.push(r);
      target.push(r);
      this.byId.set(r.id, r);
    }
    this.streams.set(streamId, target);
    const last = recorded[recorded.length - 1]!;
    this.appended.emit('append');
    return { nextExpectedRevision: last.revision, position: last.position, written: true };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    this.assertOpen();
    const stream = this.streams.get(streamId);
    if (!stream) return { status: 'not_found', streamId };
    return { status: 'found', events: sliceStream(stream, options).map(clone) };
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const from =
      options.fromPosition === undefined || options.fromPosition === 'start'
        ? 1n
        : options.fromPosition.commit;
    let count = 0;
    for (let i = Number(from) - 1; i < this.log.length; i++) {
      if (options.maxCount !== undefined && count >= options.maxCount) return;
      count++;
      yield clone(this.log[i]!);
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    const after = (position: Position | 'start') =>
      this.log.slice(position === 'start' ? 0 : Number(position.commit)).map(clone);
    return new LiveSubscription(options.fromPosition ?? 'start', async (p) => after(p), this.appended);
  }

  /** The event with this id anywhere in the log, or null (what an append checks ids against). */
  async eventById(id: string): Promise<RecordedEvent | null> {
    this.assertOpen();
    const found = this.byId.get(id);
    return found ? clone(found) : null;
  }

  async headPosition(): Promise<Position | null> {
    return this.log[this.log.length - 1]?.position ?? null;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.appended.emit('append');
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The memory event store is closed.');
  }
}
