import { type EventStoreDBClient, excludeSystemEvents, START } from '@eventstore/db-client';
import { StoreUnavailableError } from './errors';
import { isSystemEvent, isTransient, toRecordedEvent, toStoreError } from './esdb-mapping';
import type { Position, RecordedEvent, Subscription } from './port';

export interface ResubscribePolicy {
  /** Consecutive failed (re)subscriptions before the subscription gives up. */
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RESUBSCRIBE: ResubscribePolicy = {
  maxAttempts: 6,
  initialDelayMs: 100,
  maxDelayMs: 2000,
};

const STOP = Symbol('stop');

/**
 * A catch-up subscription to $all that survives dropped connections: when the call breaks with
 * a transient error it subscribes again from the position of the last event it delivered.
 * EventStoreDB treats a subscription's starting position as exclusive, so the consumer sees
 * neither a gap nor a repeat. System events are filtered by type on the server and by stream
 * name here; their positions still advance the resume point.
 */
export class EsdbSubscription implements Subscription {
  private stopped = false;
  private signalStop!: () => void;
  private readonly stopSignal = new Promise<typeof STOP>((resolve) => {
    this.signalStop = () => resolve(STOP);
  });
  private current: { unsubscribe(): Promise<void> } | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    private resumeFrom: Position | 'start',
    private readonly policy: ResubscribePolicy,
    private readonly onEnd: (subscription: EsdbSubscription) => void,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    let failures = 0;
    try {
      while (!this.stopped) {
        const sub = this.client.subscribeToAll({
          fromPosition: this.resumeFrom === 'start' ? START : this.resumeFrom,
          filter: excludeSystemEvents(),
        });
        this.current = sub;
        let confirmedAt: number | undefined;
        sub.on('confirmation', () => {
          confirmedAt = Date.now();
        });
        const iterator = sub[Symbol.asyncIterator]();
        let failure: unknown;
        try {
          for (;;) {
            const pending = iterator.next();
            pending.catch(() => undefined);
            const next = await Promise.race([pending, this.stopSignal]);
            if (next === STOP) return;
            if (next.done) break;
            const event = next.value.event;
            if (!event) continue;
            if (event.position) this.resumeFrom = event.position;
            failures = 0;
            if (isSystemEvent(event)) continue;
            yield toRecordedEvent(event);
            if (this.stopped) return;
          }
          failure = new StoreUnavailableError('The EventStoreDB subscription ended without being asked to.');
        } catch (error) {
          failure = error;
        } finally {
          this.current = undefined;
          await sub.unsubscribe().catch(() => undefined);
          await iterator.return?.().catch(() => undefined);
        }
        if (this.stopped) return;
        if (!isTransient(failure)) throw toStoreError(failure);
        // A subscription that stayed up a while counts as recovered; one that is confirmed and
        // dropped at once, again and again, still runs out of attempts.
        if (confirmedAt !== undefined && Date.now() - confirmedAt >= this.policy.maxDelayMs) failures = 0;
        failures += 1;
        if (failures > this.policy.maxAttempts) {
          throw new StoreUnavailableError(
            `The EventStoreDB subscription could not be resumed after ${this.policy.maxAttempts} attempts.`,
            failure,
          );
        }
        await this.pause(Math.min(this.policy.initialDelayMs * 2 ** (failures - 1), this.policy.maxDelayMs));
      }
    } finally {
      this.stopped = true;
      this.onEnd(this);
    }
  }

  async unsubscribe(): Promise<void> {
    this.stopped = true;
    this.signalStop();
    this.onEnd(this);
    await this.current?.unsubscribe().catch(() => undefined);
  }

  private async pause(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), this.stopSignal]);
    clearTimeout(timer);
  }
}
