/**
 * The deliverer: sends the outbox's deliveries, signed, each subscription's one at a time in
 * order, and records what happened. A delivery that fails (no 2xx answer, no answer in time, no
 * connection) is tried again after a pause that doubles with each attempt; after the last attempt
 * allowed it is parked, with its subscription (src/webhooks/store.ts). Everything it knows is in
 * the outbox, so a deliverer that stops (or is killed mid-delivery) is followed by the next one
 * where it stopped: a delivery is sent at least once, and the delivery id lets the receiver
 * ignore a repeat.
 *
 * Where its reads and writes run is the caller's: `access` (the server queues them between its
 * group commits; `vpn-ledger webhooks deliver` runs them on a connection of its own).
 */
import { ATTEMPT_HEADER, DELIVERY_HEADER, KIND_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature';
import type { ClaimedDelivery, WebhookStore } from './store';

/** Runs `fn` on the webhook tables where the caller may write them. */
export type WebhookAccess = <T>(fn: (store: WebhookStore) => T) => Promise<T>;

export interface DelivererOptions {
  /** How long a receiver has to answer. */
  readonly timeoutMs?: number;
  /** Attempts before a delivery is parked. */
  readonly maxAttempts?: number;
  /** The pause after the first failed attempt; it doubles after each. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** How often the outbox is looked at when nothing wakes the deliverer. */
  readonly pollMs?: number;
  /** Deliveries in flight at once (to different subscriptions). */
  readonly concurrency?: number;
  /** The User-Agent header (the program and its version). */
  readonly userAgent?: string;
  /**
   * A cheap look, where reading costs less than `access` (a server's read connection): false when
   * nothing waits to be delivered, so the outbox is not opened for writing at all.
   */
  readonly anythingPending?: () => boolean;
  readonly now?: () => number;
  /** Told after every attempt (logs). */
  readonly onAttempt?: (attempt: DeliveryAttempt) => void;
  /** Told when the outbox could not be read or written (the next poll tries again). */
  readonly onError?: (error: unknown) => void;
}

/** Why an attempt failed, as data: `webhooks list` words it. */
export type DeliveryFailure =
  | { readonly reason: 'http'; readonly status: number }
  | { readonly reason: 'timeout'; readonly ms: number }
  | { readonly reason: 'network'; readonly detail: string };

export interface DeliveryAttempt {
  readonly deliveryId: string;
  readonly subscriptionId: string;
  readonly attempt: number;
  readonly outcome: 'delivered' | 'retry' | 'parked';
  readonly status: number | null;
  readonly failure: DeliveryFailure | null;
  readonly ms: number;
}

export const DEFAULT_DELIVERY = {
  timeoutMs: 10_000,
  maxAttempts: 12,
  backoffMs: 2_000,
  maxBackoffMs: 30 * 60_000,
  pollMs: 1_000,
  concurrency: 8,
  userAgent: 'vpn-ledger',
} as const;

/** How long a claimed delivery is held beyond its time limit (for the outcome to be written). */
const LEASE_MARGIN_MS = 1_000;

/** A failure as stored in the outbox (`last_error`): its reason, then what it says. */
export const failureText = (f: DeliveryFailure): string =>
  f.reason === 'http'
    ? `http ${f.status}`
    : f.reason === 'timeout'
      ? `timeout ${f.ms}`
      : `network ${f.detail}`;

export const parseFailure = (text: string | null): DeliveryFailure | null => {
  if (text === null) return null;
  const [reason, ...rest] = text.split(' ');
  const detail = rest.join(' ');
  if (reason === 'http') return { reason, status: Number(detail) };
  if (reason === 'timeout') return { reason, ms: Number(detail) };
  return { reason: 'network', detail };
};

const networkDetail = (error: unknown): string => {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message.slice(0, 200);
  return (error as Error).message?.slice(0, 200) ?? String(error);
};

export class Deliverer {
  private readonly o: Required<Omit<DelivererOptions, 'onAttempt' | 'onError' | 'anythingPending'>> &
    Pick<DelivererOptions, 'onAttempt' | 'onError' | 'anythingPending'>;
  private timer: NodeJS.Timeout | null = null;
  private readonly inflight = new Map<number, Promise<void>>();
  private ticking: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly aborts = new Set<AbortController>();

  constructor(
    private readonly access: WebhookAccess,
    options: DelivererOptions = {},
  ) {
    this.o = { ...DEFAULT_DELIVERY, now: Date.now, ...options };
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Looks at the outbox now (after new facts were written, or a delivery finished). */
  wake(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** Stops taking deliveries; the ones in flight are abandoned (their leases end, and they are sent again). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const a of this.aborts) a.abort();
    await this.ticking;
    await Promise.all(this.inflight.values());
  }

  /** Resolves once nothing is in flight and nothing is due (tests). */
  async idle(): Promise<void> {
    for (;;) {
      await this.ticking;
      await Promise.all(this.inflight.values());
      const next = await this.access((s) => s.nextDue());
      if (this.inflight.size === 0 && !this.ticking && (next === null || next > this.o.now())) return;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.ticking = this.tick().finally(() => {
        this.ticking = null;
        if (this.again) {
          this.again = false;
          this.schedule(0);
        }
      });
    }, ms);
  }

  private async tick(): Promise<void> {
    const now = this.o.now();
    const free = this.o.concurrency - this.inflight.size;
    let claimed: ClaimedDelivery[] = [];
    let next: number | null = null;
    try {
      if (this.inflight.size > 0 || (this.o.anythingPending?.() ?? true)) {
        ({ claimed, next } = await this.access((s) => ({
          claimed: s.claimDue(now, now + this.o.timeoutMs + LEASE_MARGIN_MS, free),
          next: s.nextDue(),
        })));
      }
    } catch (error) {
      this.o.onError?.(error);
    }
    for (const c of claimed) {
      const sent = this.deliver(c).finally(() => {
        this.inflight.delete(c.seq);
        this.wake();
      });
      this.inflight.set(c.seq, sent);
    }
    if (this.stopped || this.timer) return;
    const wait = next === null ? this.o.pollMs : Math.max(0, Math.min(this.o.pollMs, next - this.o.now()));
    this.schedule(claimed.length > 0 ? this.o.pollMs : wait);
  }

  private backoff(attempts: number): number {
    return Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** Math.max(0, attempts - 1));
  }

  private async deliver(c: ClaimedDelivery): Promise<void> {
    const started = this.o.now();
    const abort = new AbortController();
    this.aborts.add(abort);
    const timer = setTimeout(() => abort.abort(new Error('timeout')), this.o.timeoutMs);
    let status: number | null = null;
    let failure: DeliveryFailure | null = null;
    try {
      const res = await fetch(c.url, {
        method: 'POST',
        body: c.body,
        redirect: 'manual',
        signal: abort.signal,
        headers: {
          'content-type': 'application/json',
          'user-agent': this.o.userAgent,
          [SIGNATURE_HEADER]: signatureHeader(c.secret, Math.floor(this.o.now() / 1000), c.body),
          [DELIVERY_HEADER]: c.deliveryId,
          [KIND_HEADER]: c.kind,
          [ATTEMPT_HEADER]: String(c.attempts),
        },
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (status < 200 || status > 299) failure = { reason: 'http', status };
    } catch (error) {
      failure =
        abort.signal.aborted && !this.stopped
          ? { reason: 'timeout', ms: this.o.timeoutMs }
          : { reason: 'network', detail: networkDetail(error) };
    } finally {
      clearTimeout(timer);
      this.aborts.delete(abort);
    }
    // Stopped mid-delivery: nothing is recorded, the lease ends and the delivery is sent again.
    if (this.stopped && failure !== null) return;
    const at = this.o.now();
    const outcome = failure === null ? 'delivered' : c.attempts >= this.o.maxAttempts ? 'parked' : 'retry';
    try {
      await this.access((s) => {
        const when = new Date(at).toISOString();
        if (failure === null) s.delivered(c.seq, when, status!);
        else if (outcome === 'parked') s.park(c.seq, when, { status, error: failureText(failure) });
        else
          s.failed(c.seq, {
            status,
            error: failureText(failure),
            nextAttemptAt: at + this.backoff(c.attempts),
          });
      });
    } catch (error) {
      this.o.onError?.(error);
      return;
    }
    this.o.onAttempt?.({
      deliveryId: c.deliveryId,
      subscriptionId: c.subscriptionId,
      attempt: c.attempts,
      outcome,
      status,
      failure,
      ms: at - started,
    });
  }
}
