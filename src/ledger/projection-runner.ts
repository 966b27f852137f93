/**
 * The projection runner: the one place where projections meet I/O. It reads the global log from
 * the projections' checkpoints (catch-up through `readAll`, then live through `subscribeToAll`),
 * applies each event to each projection, and saves every projection's state WITH its checkpoint,
 * all projections in one atomic write. After a crash the runner restarts from a saved
 * (state, position) pair, so no event is applied twice and none is skipped. It uses only the
 * EventStore port, so it runs unchanged over the memory, SQLite and EventStoreDB adapters.
 */
import type Database from 'better-sqlite3';
import { decodeRecorded, foldFailure, type LedgerEvent } from '../events';
import { PROJECTIONS, type Projection } from '../projections';
import type { Json } from '../projections/json';
import {
  comparePositions,
  type EventStore,
  type Position,
  type RecordedEvent,
  SqliteEventStore,
  type Subscription,
} from '../store';

export interface StoredCheckpoint {
  readonly position: Position;
  readonly version: number;
  /** The projection's state as JSON text (Projection.toJSON, stringified). */
  readonly state: string;
}

export interface CheckpointEntry extends StoredCheckpoint {
  readonly name: string;
}

/** Where the runner keeps each projection's checkpoint together with its state. */
export interface CheckpointStore {
  load(name: string): Promise<StoredCheckpoint | null>;
  /** Saves every entry, or none of them. */
  save(entries: readonly CheckpointEntry[]): Promise<void>;
}

export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly rows = new Map<string, StoredCheckpoint>();

  async load(name: string): Promise<StoredCheckpoint | null> {
    return this.rows.get(name) ?? null;
  }

  async save(entries: readonly CheckpointEntry[]): Promise<void> {
    for (const { name, ...checkpoint } of entries) this.rows.set(name, checkpoint);
  }
}

interface CheckpointRow {
  position: number | bigint;
  state: string;
}

/**
 * Checkpoints in the SQLite ledger's own `projection_checkpoints` table, all entries in one
 * transaction. The `position` column holds the global position (commit = prepare in SQLite);
 * `state` holds `{"version": n, "state": ...}`.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly select: Database.Statement<[string], CheckpointRow>;
  private readonly upsert: Database.Statement<[string, bigint, string, string]>;
  private readonly saveAll: (entries: readonly CheckpointEntry[]) => void;

  constructor(
    db: Database.Database,
    /** The wall clock for `updated_at` (bookkeeping only; no projection sees it). */
    private readonly now: () => string = () => new Date().toISOString(),
  ) {
    this.select = db.prepare('SELECT position, state FROM projection_checkpoints WHERE name = ?');
    this.upsert = db.prepare(
      `INSERT INTO projection_checkpoints (name, position, state, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, state = excluded.state, updated_at = excluded.updated_at`,
    );
    this.saveAll = db.transaction((entries: readonly CheckpointEntry[]) => {
      const at = this.now();
      for (const e of entries) {
        this.upsert.run(e.name, e.position.commit, `{"version":${e.version},"state":${e.state}}`, at);
      }
    });
  }

  async load(name: string): Promise<StoredCheckpoint | null> {
    const row = this.select.get(name);
    if (!row) return null;
    const { version, state } = JSON.parse(row.state) as { version: number; state: Json };
    const g = BigInt(row.position);
    return { position: { commit: g, prepare: g }, version, state: JSON.stringify(state) };
  }

  async save(entries: readonly CheckpointEntry[]): Promise<void> {
    this.saveAll(entries);
  }
}

export interface ProjectionRunnerOptions {
  readonly projections?: readonly Projection<unknown>[];
  /** Defaults to the SQLite ledger's own table for a SQLite store, else in memory. */
  readonly checkpoints?: CheckpointStore;
  /** Events applied before a save is considered (while catching up, and while live). */
  readonly batchSize?: number;
  /**
   * A save costs time in proportion to the state (the facts of 1,000,000 events are ~280 MB of
   * JSON, seconds to write), so after `batchSize` events the runner saves only once `saveRatio`
   * times the last save's duration has passed since it ended: saving then takes at most about
   * 1 / (1 + saveRatio) of the time. 9 by default; 0 saves after every batch.
   */
  readonly saveRatio?: number;
  /** While live, how long applied events may wait before they are saved. */
  readonly flushAfterMs?: number;
  /** Told when the live loop stops on an error (the states are back at their last checkpoint). */
  readonly onError?: (error: unknown) => void;
}

interface Slot {
  readonly projection: Projection<unknown>;
  state: unknown;
  position: Position | null;
  savedPosition: Position | null;
}

const samePosition = (a: Position | null, b: Position | null) =>
  a === b || (a !== null && b !== null && comparePositions(a, b) === 0);

export class ProjectionRunner {
  readonly projections: readonly Projection<unknown>[];
  private readonly checkpoints: CheckpointStore;
  private readonly batchSize: number;
  private readonly flushAfterMs: number;
  private readonly saveRatio: number;
  private lastSaveMs = 0;
  private lastSaveEndedAt = 0;
  private slots: Slot[] | null = null;
  private unsaved = 0;
  private saving: Promise<void> = Promise.resolve();
  private busy: Promise<unknown> = Promise.resolve();
  private subscription: Subscription | null = null;
  private loop: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private waiters: { position: Position; resolve: () => void }[] = [];
  /** The error that stopped the live loop, if any. */
  lastError: unknown = null;

  constructor(
    readonly store: EventStore,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.projections = options.projections ?? PROJECTIONS;
    const names = new Set(this.projections.map((p) => p.name));
    if (names.size !== this.projections.length) throw new Error('Projection names must be unique.');
    this.checkpoints =
      options.checkpoints ??
      (store instanceof SqliteEventStore && !store.readonly
        ? new SqliteCheckpointStore(store.db)
        : new InMemoryCheckpointStore());
    this.batchSize = options.batchSize ?? 10_000;
    this.flushAfterMs = options.flushAfterMs ?? 100;
    this.saveRatio = options.saveRatio ?? 9;
  }

  /** The in-memory state of projection `name`, as of `positionOf(name)`. */
  state<S = unknown>(name: string): S {
    return this.slot(name).state as S;
  }

  /** The last position applied to projection `name`, or null when it has seen nothing. */
  positionOf(name: string): Position | null {
    return this.slot(name).position;
  }

  /** The position every projection has reached (the slowest one's), or null. */
  position(): Position | null {
    let min: Position | null = null;
    for (const s of this.loaded()) {
      if (s.position === null) return null;
      if (min === null || comparePositions(s.position, min) < 0) min = s.position;
    }
    return min;
  }

  /** Applies every event up to the log's head as it is now; returns how many were applied. */
  async catchUp(): Promise<number> {
    return this.exclusive(async () => {
      await this.ensureLoaded();
      const head = await this.store.headPosition();
      if (head === null) return 0;
      const from = this.position();
      let count = 0;
      try {
        for await (const recorded of this.store.readAll({ fromPosition: from ?? 'start' })) {
          if (comparePositions(recorded.position, head) > 0) break;
          if (this.applyOne(recorded)) {
            count++;
            if (++this.unsaved >= this.batchSize && this.saveDue()) await this.flush();
          }
        }
        await this.flush();
      } catch (error) {
        await this.restore();
        throw error;
      }
      this.notifyWaiters();
      return count;
    });
  }

  /** Catches up, then follows the log live until stop(). */
  async start(): Promise<void> {
    if (this.subscription) return;
    await this.catchUp();
    this.lastError = null;
    const subscription = this.store.subscribeToAll({ fromPosition: this.position() ?? 'start' });
    this.subscription = subscription;
    this.loop = this.follow(subscription);
  }

  /** Stops following the log and saves what was applied. */
  async stop(): Promise<void> {
    const subscription = this.subscription;
    if (!subscription) return;
    this.subscription = null;
    await subscription.unsubscribe();
    await this.loop;
    this.loop = null;
    this.clearTimer();
    await this.flush();
  }

  /** Resolves once every projection has applied `position` (or rejects after `timeoutMs`). */
  waitFor(position: Position, timeoutMs = 5_000): Promise<void> {
    const reached =
      this.slots !== null && this.position() !== null && comparePositions(this.position()!, position) >= 0;
    if (reached) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Timed out waiting for the projections.')), timeoutMs);
      this.waiters.push({
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  private async follow(subscription: Subscription): Promise<void> {
    try {
      for await (const recorded of subscription) {
        if (this.applyOne(recorded)) this.unsaved++;
        if (this.unsaved >= this.batchSize && this.saveDue()) await this.flush();
        else this.scheduleFlush();
        this.notifyWaiters();
      }
    } catch (error) {
      this.clearTimer();
      this.subscription = null;
      await subscription.unsubscribe();
      await this.restore();
      this.lastError = error;
      this.options.onError?.(error);
    }
  }

  /** Applies one event to every projection that has not seen it; false when none needed it. */
  private applyOne(recorded: RecordedEvent): boolean {
    let event: LedgerEvent | null = null;
    for (const slot of this.loaded()) {
      if (slot.position !== null && comparePositions(recorded.position, slot.position) <= 0) continue;
      try {
        event ??= decodeRecorded(recorded, { validate: false });
        slot.state = slot.projection.apply(slot.state, event);
      } catch (error) {
        throw foldFailure(recorded, error);
      }
      slot.position = recorded.position;
    }
    return event !== null;
  }

  /** Saves every projection that moved, in one atomic write; serialised with other saves. */
  private flush(): Promise<void> {
    this.clearTimer();
    const run = async () => {
      const moved = this.loaded().filter(
        (s) => s.position !== null && !samePosition(s.position, s.savedPosition),
      );
      if (moved.length === 0) return;
      const started = performance.now();
      // Serialised now, synchronously, so that events applied while the write is under way are
      // neither in this snapshot nor lost from the next one.
      const entries = moved.map((s) => ({
        name: s.projection.name,
        version: s.projection.version,
        position: s.position!,
        state: JSON.stringify(s.projection.toJSON(s.state)),
      }));
      this.unsaved = 0;
      await this.checkpoints.save(entries);
      entries.forEach((e, i) => {
        moved[i]!.savedPosition = e.position;
      });
      this.lastSaveEndedAt = performance.now();
      this.lastSaveMs = this.lastSaveEndedAt - started;
    };
    this.saving = this.saving.then(run, run);
    return this.saving;
  }

  private saveDue(): boolean {
    return performance.now() - this.lastSaveEndedAt >= this.lastSaveMs * this.saveRatio;
  }

  private scheduleFlush(): void {
    if (this.timer || this.unsaved === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch((error: unknown) => this.options.onError?.(error));
    }, this.flushAfterMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private notifyWaiters(): void {
    const at = this.position();
    if (at === null) return;
    this.waiters = this.waiters.filter((w) => {
      if (comparePositions(at, w.position) < 0) return true;
      w.resolve();
      return false;
    });
  }

  /** Back to the last saved (state, position) pairs: nothing half-applied survives a failure. */
  private async restore(): Promise<void> {
    this.unsaved = 0;
    this.slots = null;
    await this.ensureLoaded();
  }

  private async ensureLoaded(): Promise<void> {
    if (this.slots) return;
    const slots: Slot[] = [];
    for (const projection of this.projections) {
      const saved = await this.checkpoints.load(projection.name);
      if (saved && saved.version === projection.version) {
        const state = projection.fromJSON(JSON.parse(saved.state) as Json);
        slots.push({ projection, state, position: saved.position, savedPosition: saved.position });
      } else {
        // No checkpoint, or one of another version: rebuild from the start of the log.
        slots.push({ projection, state: projection.init(), position: null, savedPosition: null });
      }
    }
    this.slots = slots;
  }

  private loaded(): Slot[] {
    if (!this.slots) throw new Error('The projections are not loaded yet: call catchUp() or start() first.');
    return this.slots;
  }

  private slot(name: string): Slot {
    const slot = this.loaded().find((s) => s.projection.name === name);
    if (!slot) throw new Error(`No projection named ${name}.`);
    return slot;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.busy.then(fn, fn);
    this.busy = run.catch(() => undefined);
    return run;
  }
}
