import type { EventEmitter } from 'node:events';
import type { Position, RecordedEvent, Subscription } from './port';

/**
 * Catch-up-then-live subscription over a store that can list the events after a position.
 * It reads pages until it is caught up, then waits for an in-process append notice or, for
 * writers in other processes, the next poll. Each event is delivered once, in global order,
 * because the position only moves forward past what was yielded.
 */
export class LiveSubscription implements Subscription {
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(
    private position: Position | 'start',
    private readonly fetchAfter: (position: Position | 'start') => Promise<readonly RecordedEvent[]>,
    private readonly notifier: EventEmitter,
    private readonly pollMs = 50,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    const onAppend = () => this.wake?.();
    this.notifier.on('append', onAppend);
    try {
      while (!this.stopped) {
        const batch = await this.fetchAfter(this.position);
        if (batch.length === 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.pollMs);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.wake = undefined;
          continue;
        }
        for (const event of batch) {
          if (this.stopped) return;
          this.position = event.position;
          yield event;
        }
      }
    } finally {
      this.notifier.off('append', onAppend);
    }
  }

  async unsubscribe(): Promise<void> {
    this.stopped = true;
    this.wake?.();
  }
}
