/**
 * A fair turn for every principal: at most `concurrency` tasks run at once, at most `perPrincipal`
 * of one principal's; the others wait in a queue of their principal's (at most `queuePerPrincipal`
 * long: one more is refused at once), and when a turn frees, the principals whose tasks wait are
 * taken in turn (round robin), so that forty heavy reads of one contractor never stand between
 * another principal's read and its answer. A task that waited past its deadline is dropped unrun.
 */

export class TooManyWaitingError extends Error {
  constructor(
    readonly waiting: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`${waiting} requests of this principal are waiting already; retry in ${retryAfterSeconds} s.`);
    this.name = 'TooManyWaitingError';
  }
}

export class TurnTimeoutError extends Error {
  constructor(readonly waitedMs: number) {
    super(`The request waited ${waitedMs} ms for its turn and was not answered; retry it.`);
    this.name = 'TurnTimeoutError';
  }
}

export interface SchedulerOptions {
  readonly concurrency: number;
  readonly perPrincipal: number;
  readonly queuePerPrincipal: number;
}

interface Waiter {
  readonly principal: string;
  readonly enqueuedAt: number;
  readonly start: () => void;
  readonly fail: (error: Error) => void;
  timer: NodeJS.Timeout | null;
}

/** A turn held: give it back once (later calls do nothing). */
export type Release = () => void;

export class FairScheduler {
  private active = 0;
  private readonly activeBy = new Map<string, number>();
  /** Waiting tasks by principal; the Map's order is the round's order. */
  private readonly waiting = new Map<string, Waiter[]>();
  /** The principal served last: the next round starts after it. */
  private last: string | null = null;

  constructor(private readonly options: SchedulerOptions) {}

  /** Tasks running now, and waiting. */
  get counts(): { readonly running: number; readonly waiting: number } {
    let waiting = 0;
    for (const q of this.waiting.values()) waiting += q.length;
    return { running: this.active, waiting };
  }

  /** Runs `task` in `principal`'s turn; rejects when too many of its tasks wait, or the deadline passes first. */
  async run<T>(principal: string, deadline: number, task: () => Promise<T>): Promise<T> {
    const release = await this.acquire(principal, deadline);
    try {
      return await task();
    } finally {
      release();
    }
  }

  /** Waits for `principal`'s turn and holds it until released. */
  acquire(principal: string, deadline: number): Promise<Release> {
    if (this.canStart(principal) && !this.waiting.has(principal))
      return Promise.resolve(this.start(principal));
    const queue = this.waiting.get(principal) ?? [];
    if (queue.length >= this.options.queuePerPrincipal) {
      const retry = Math.max(1, Math.ceil(queue.length / Math.max(1, this.options.perPrincipal)));
      return Promise.reject(new TooManyWaitingError(queue.length, Math.min(retry, 60)));
    }
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = {
        principal,
        enqueuedAt: Date.now(),
        start: () => resolve(this.start(principal)),
        fail: reject,
        timer: null,
      };
      waiter.timer = setTimeout(
        () => {
          this.remove(waiter);
          reject(new TurnTimeoutError(Date.now() - waiter.enqueuedAt));
        },
        Math.max(0, deadline - Date.now()),
      );
      queue.push(waiter);
      this.waiting.set(principal, queue);
    });
  }

  private canStart(principal: string): boolean {
    return (
      this.active < this.options.concurrency &&
      (this.activeBy.get(principal) ?? 0) < this.options.perPrincipal
    );
  }

  private start(principal: string): Release {
    this.active += 1;
    this.activeBy.set(principal, (this.activeBy.get(principal) ?? 0) + 1);
    this.last = principal;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      const n = (this.activeBy.get(principal) ?? 1) - 1;
      if (n === 0) this.activeBy.delete(principal);
      else this.activeBy.set(principal, n);
      this.dispatch();
    };
  }

  private remove(waiter: Waiter): void {
    const queue = this.waiting.get(waiter.principal);
    if (!queue) return;
    const i = queue.indexOf(waiter);
    if (i >= 0) queue.splice(i, 1);
    if (queue.length === 0) this.waiting.delete(waiter.principal);
  }

  /** Starts waiting tasks while turns are free, one principal after another from the one served last. */
  private dispatch(): void {
    while (this.active < this.options.concurrency && this.waiting.size > 0) {
      const order = [...this.waiting.keys()];
      const from = this.last === null ? 0 : order.indexOf(this.last) + 1;
      const rotated = [...order.slice(from), ...order.slice(0, from)];
      const next = rotated.find((p) => this.canStart(p));
      if (next === undefined) return;
      const queue = this.waiting.get(next)!;
      const waiter = queue.shift()!;
      if (queue.length === 0) this.waiting.delete(next);
      if (waiter.timer) clearTimeout(waiter.timer);
      waiter.start();
    }
  }

  /** Refuses every waiting task (the server is stopping). */
  close(error: Error): void {
    for (const queue of this.waiting.values()) {
      for (const w of queue) {
        if (w.timer) clearTimeout(w.timer);
        w.fail(error);
      }
    }
    this.waiting.clear();
  }
}
