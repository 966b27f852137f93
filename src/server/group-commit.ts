/**
 * Group commit: the commands that arrive together are decided one after another, in the order
 * they arrived, each against the state the one before it left, and appended in ONE SQLite
 * transaction, so that one fsync makes all of them durable. Each command runs in a savepoint of
 * its own (a command that fails writes nothing, the others go on); each is answered with its own
 * result once the transaction has committed, at the durability of a single command's commit
 * (synchronous=FULL). The inline views update in the same transaction, as every append's do.
 *
 * Other stores (memory, EventStoreDB) have no transaction to share: their commands run one after
 * another through the same queue, so the order is kept all the same.
 *
 * Work that must not interleave with a group (a month's close, which reads, decides and appends in
 * one immediate transaction of its own) is queued too (`exclusive`): it runs alone, between groups,
 * in its turn.
 *
 * The queue is bounded: a command that finds it full is refused at once (QueueFullError, HTTP 503
 * with Retry-After), and one that waited longer than its deadline before its turn is dropped
 * unexecuted (QueueTimeoutError).
 */
import type { CommandResult, ExecuteOptions, Ledger } from '../ledger/ledger';
import type { EventStore, GroupTransaction, LocalLog } from '../store/port';

export class QueueFullError extends Error {
  constructor(
    readonly queued: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`The command queue is full (${queued} waiting); retry in ${retryAfterSeconds} s.`);
    this.name = 'QueueFullError';
  }
}

export class QueueTimeoutError extends Error {
  constructor(readonly waitedMs: number) {
    super(`The command waited ${waitedMs} ms for its turn and was not executed; retry it.`);
    this.name = 'QueueTimeoutError';
  }
}

export interface GroupCommitOptions {
  /** Commands in one transaction at most. */
  readonly maxGroup?: number;
  /** Commands waiting at most; beyond, submissions are refused. */
  readonly maxQueue?: number;
  /** How long a command may wait for its turn. */
  readonly queueTimeoutMs?: number;
  /** The longest a group waits for more commands after a large one (see linger); 0: never. */
  readonly lingerMs?: number;
  /** Told after every group (its size and how long its transaction took), for logs and benches. */
  readonly onGroup?: (size: number, ms: number) => void;
  /** Told when a transaction rolled back (what was cached of it must be forgotten). */
  readonly onRollback?: () => void;
}

interface Pending {
  readonly kind: 'command';
  readonly input: unknown;
  readonly options: ExecuteOptions;
  readonly enqueuedAt: number;
  readonly resolve: (r: CommandResult) => void;
  readonly reject: (e: unknown) => void;
}

interface Task {
  readonly kind: 'task';
  readonly run: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (e: unknown) => void;
}

type Outcome = { readonly result: CommandResult } | { readonly error: unknown };

export class GroupCommitter {
  private queue: (Pending | Task)[] = [];
  /** While a group lingers: how many queued commands end the wait, and how to end it. */
  private arrivals: { readonly enough: number; readonly done: () => void } | null = null;
  private running = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;
  private readonly maxGroup: number;
  private readonly maxQueue: number;
  private readonly queueTimeoutMs: number;
  private readonly lingerMs: number;
  /** Groups committed and the commands in them, for /health and the bench. */
  readonly stats = { groups: 0, commands: 0, largestGroup: 0 };

  constructor(
    readonly ledger: Ledger,
    readonly store: EventStore,
    private readonly options: GroupCommitOptions = {},
  ) {
    this.maxGroup = options.maxGroup ?? 256;
    this.maxQueue = options.maxQueue ?? 4_096;
    this.queueTimeoutMs = options.queueTimeoutMs ?? 30_000;
    this.lingerMs = options.lingerMs ?? 2;
  }

  /** Commands waiting for their turn. */
  get queued(): number {
    return this.queue.length;
  }

  /** Commands the queue holds at most: a batch of more can never be taken. */
  get capacity(): number {
    return this.maxQueue;
  }

  /** Whether `n` more commands fit in the queue now. */
  hasRoomFor(n: number): boolean {
    return this.queue.length + n <= this.maxQueue;
  }

  /** Seconds a refused client should wait: about the time the queue takes to drain. */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.queue.length / 2_000));
  }

  /** Queues a command; resolves with its result once it is durable (or refused). */
  submit(input: unknown, options: ExecuteOptions = {}): Promise<CommandResult> {
    if (!this.hasRoomFor(1)) {
      return Promise.reject(new QueueFullError(this.queue.length, this.retryAfterSeconds()));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'command', input, options, enqueuedAt: Date.now(), resolve, reject });
      if (this.arrivals && this.queue.length >= this.arrivals.enough) this.arrivals.done();
      this.start();
    });
  }

  /**
   * Queues work that runs alone in its turn: after the groups queued before it have committed,
   * before any command queued after it is decided. Resolves with what `run` resolves with.
   */
  exclusive<T>(run: () => Promise<T>): Promise<T> {
    if (!this.hasRoomFor(1)) {
      return Promise.reject(new QueueFullError(this.queue.length, this.retryAfterSeconds()));
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ kind: 'task', run, resolve: resolve as (value: unknown) => void, reject });
      this.arrivals?.done();
      this.start();
    });
  }

  /** Resolves once every queued command has been answered. */
  drain(): Promise<void> {
    return this.running ? this.idle : Promise.resolve();
  }

  private start(): void {
    if (this.running) return;
    this.running = true;
    this.idle = new Promise((resolve) => {
      this.markIdle = resolve;
    });
    // After the requests that arrived in this turn of the event loop have joined the queue.
    setImmediate(() => void this.loop());
  }

  private async loop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const head = this.queue[0]!;
        if (head.kind === 'task') {
          this.queue.shift();
          try {
            head.resolve(await head.run());
          } catch (error) {
            head.reject(error);
          }
          continue;
        }
        const task = this.queue.findIndex((e) => e.kind === 'task');
        const group = this.queue.splice(
          0,
          Math.min(this.maxGroup, task === -1 ? Infinity : task),
        ) as Pending[];
        const started = process.hrtime.bigint();
        const log = this.store.local;
        const outcomes = log ? await this.inTransaction(log, group) : await this.oneByOne(group);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        this.stats.groups += 1;
        this.stats.commands += group.length;
        this.stats.largestGroup = Math.max(this.stats.largestGroup, group.length);
        this.options.onGroup?.(group.length, ms);
        group.forEach((p, i) => {
          const o = outcomes[i]!;
          if ('result' in o) p.resolve(o.result);
          else p.reject(o.error);
        });
        await this.linger(group.length, ms);
      }
    } finally {
      this.running = false;
      this.markIdle();
    }
  }

  /**
   * Lets the requests that arrived meanwhile join the next group; and after a large group, while
   * few have come back yet, waits a moment longer (at most as long as the last transaction took,
   * and 2 ms) for the clients just answered to send their next command: like PostgreSQL's
   * commit_delay, it buys one fsync for many commands at the price of a little latency.
   */
  private async linger(lastGroup: number, lastMs: number): Promise<void> {
    await new Promise((r) => setImmediate(r));
    const wait = Math.min(lastMs, this.lingerMs);
    if (lastGroup < 4 || wait < 1 || this.queue.length >= lastGroup / 2) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, wait);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.arrivals = { enough: Math.ceil(lastGroup / 2), done };
    });
    this.arrivals = null;
  }

  private expired(p: Pending): QueueTimeoutError | null {
    const waited = Date.now() - p.enqueuedAt;
    return waited > this.queueTimeoutMs ? new QueueTimeoutError(waited) : null;
  }

  private async oneByOne(group: readonly Pending[]): Promise<Outcome[]> {
    const out: Outcome[] = [];
    for (const p of group) {
      const late = this.expired(p);
      if (late) {
        out.push({ error: late });
        continue;
      }
      try {
        out.push({ result: await this.ledger.execute(p.input, p.options) });
      } catch (error) {
        out.push({ error });
      }
    }
    return out;
  }

  private rolledBack(): void {
    this.ledger.clearCaches();
    this.options.onRollback?.();
  }

  private async inTransaction(log: LocalLog, group: readonly Pending[]): Promise<Outcome[]> {
    let tx: GroupTransaction;
    try {
      tx = log.begin();
    } catch (error) {
      return group.map(() => ({ error }));
    }
    const out: Outcome[] = [];
    for (const p of group) {
      const late = this.expired(p);
      if (late) {
        out.push({ error: late });
        continue;
      }
      tx.savepoint();
      try {
        const result = await this.ledger.execute(p.input, p.options);
        tx.release();
        out.push({ result });
      } catch (error) {
        tx.rollbackToSavepoint();
        this.rolledBack();
        out.push({ error });
        // The database rolled the whole transaction back (an I/O error, a full disk): nothing of
        // the group was written, so no command of it may be answered as written.
        if (!tx.open) return group.map(() => ({ error }));
      }
    }
    try {
      tx.commit();
    } catch (error) {
      tx.rollback();
      this.rolledBack();
      return group.map(() => ({ error }));
    }
    return out;
  }
}
