/**
 * Keeps a views database current from any event store through its `$all` subscription: catch up
 * from the views' checkpoint, then follow live. Every batch of events is applied in one transaction
 * of the views database together with the checkpoint, so after a crash, a restart or a dropped
 * subscription the follower resumes exactly where the views are: no event twice, none skipped.
 * This is how the views of an EventStoreDB deployment are kept (`vpn-ledger project --follow`).
 */
import type Database from 'better-sqlite3';
import { comparePositions, type EventStore, type Position, type RecordedEvent } from '../store/port';
import { ViewProjector } from './projector';
import { ViewsDb, viewsProblem } from './views-db';

export interface FollowerOptions {
  /** Events applied in one views transaction at most. */
  readonly batchSize?: number;
  /** While live, how long arrived events may wait before their batch is applied. */
  readonly flushAfterMs?: number;
  readonly cacheSize?: number;
  readonly now?: () => string;
  /** Told when the live loop stops on an error (the views stay at their last checkpoint). */
  readonly onError?: (error: unknown) => void;
  /** Told after every applied batch, with the views' new position. */
  readonly onBatch?: (position: Position, events: number) => void;
}

export class ViewFollower {
  readonly views: ViewsDb;
  private readonly projector: ViewProjector;
  private readonly batchSize: number;
  private readonly flushAfterMs: number;
  private readonly applyTx: (
    events: readonly RecordedEvent[],
    read: Map<string, readonly RecordedEvent[]>,
  ) => void;
  private pending: RecordedEvent[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private subscription: ReturnType<EventStore['subscribeToAll']> | null = null;
  private loop: Promise<void> | null = null;
  private waiters: { position: Position; resolve: () => void }[] = [];
  /** Set when a batch failed: nothing later may be applied before a restart from the checkpoint. */
  private failed: unknown = null;
  /** Why the live loop stopped, if it did on an error. */
  lastError: unknown = null;

  constructor(
    readonly store: EventStore,
    db: Database.Database,
    private readonly options: FollowerOptions = {},
  ) {
    this.views = new ViewsDb(db);
    this.batchSize = options.batchSize ?? 1_000;
    this.flushAfterMs = options.flushAfterMs ?? 50;
    this.projector = new ViewProjector(
      this.views,
      () => {
        throw new Error('the follower reads streams before its transaction');
      },
      options.cacheSize === undefined ? {} : { cacheSize: options.cacheSize },
    );
    this.applyTx = db.transaction(
      (events: readonly RecordedEvent[], read: Map<string, readonly RecordedEvent[]>) =>
        this.projector.apply(events, (streamId, before) =>
          (read.get(streamId) ?? []).filter((e) => e.revision < before),
        ),
    );
    // Views missing, of another version or stale start again from the beginning of the log.
    if (viewsProblem(this.views.state()) !== null) {
      db.transaction(() => this.views.reset((options.now ?? (() => new Date().toISOString()))()))();
    }
  }

  /** The position the views reflect, or null before any event. */
  position(): Position | null {
    return this.views.state()?.position ?? null;
  }

  /** Applies every event up to the log's head as it is now; returns how many were applied. */
  async catchUp(): Promise<number> {
    const head = await this.store.headPosition();
    if (head === null) return 0;
    let count = 0;
    const from = this.position();
    for await (const e of this.store.readAll({ fromPosition: from ?? 'start' })) {
      if (from !== null && comparePositions(e.position, from) <= 0) continue;
      if (comparePositions(e.position, head) > 0) break;
      this.pending.push(e);
      count++;
      if (this.pending.length >= this.batchSize) await this.flush();
    }
    await this.flush();
    return count;
  }

  /** Catches up, then follows the log live until stop(). */
  async start(): Promise<void> {
    if (this.subscription) return;
    await this.catchUp();
    this.lastError = null;
    const subscription = this.store.subscribeToAll({ fromPosition: this.position() ?? 'start' });
    this.subscription = subscription;
    this.loop = (async () => {
      try {
        for await (const e of subscription) {
          this.pending.push(e);
          if (this.pending.length >= this.batchSize) await this.flush();
          else this.scheduleFlush();
        }
      } catch (error) {
        this.lastError = error;
        this.options.onError?.(error);
      } finally {
        this.subscription = null;
      }
    })();
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    if (subscription) await subscription.unsubscribe();
    await this.loop;
    this.loop = null;
    await this.flush();
  }

  /** Resolves once the views reflect `position` (or rejects after `timeoutMs`). */
  waitFor(position: Position, timeoutMs = 10_000): Promise<void> {
    const at = this.position();
    if (at !== null && comparePositions(at, position) >= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Timed out waiting for the views.')), timeoutMs);
      this.waiters.push({
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  private scheduleFlush(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch((error: unknown) => {
        this.lastError = error;
        this.options.onError?.(error);
      });
    }, this.flushAfterMs);
  }

  /** Applies what is pending, serialised with other flushes. */
  private flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const run = async () => {
      if (this.failed !== null) throw this.failed;
      if (this.pending.length === 0) return;
      const batch = this.pending;
      this.pending = [];
      const read = new Map<string, readonly RecordedEvent[]>();
      try {
        for (const streamId of this.projector.missing(batch).keys()) {
          const r = await this.store.readStream(streamId);
          read.set(streamId, r.status === 'found' ? r.events : []);
        }
      } catch (error) {
        this.failed = error;
        void this.subscription?.unsubscribe();
        throw error;
      }
      try {
        this.applyTx(batch, read);
      } catch (error) {
        // The transaction rolled back: the cache may be ahead of the tables, and the batch is not
        // applied, so nothing after it may be either. A new follower resumes from the checkpoint.
        this.projector.clear();
        this.failed = error;
        void this.subscription?.unsubscribe();
        throw error;
      }
      const at = batch[batch.length - 1]!.position;
      this.options.onBatch?.(at, batch.length);
      this.waiters = this.waiters.filter((w) => {
        if (comparePositions(at, w.position) < 0) return true;
        w.resolve();
        return false;
      });
    };
    this.chain = this.chain.then(run, run);
    return this.chain;
  }
}
