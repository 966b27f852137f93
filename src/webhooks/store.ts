/**
 * Webhook subscriptions and their outbox, as tables of one SQLite database: the ledger file itself
 * (an SQLite ledger), or the views file a follower keeps beside an EventStoreDB (`vpn-ledger
 * project --follow`).
 *
 * Why there: a delivery is written in the same transaction as the fact it announces (the append's,
 * or the follower's batch with the views' checkpoint), so the outbox has to live in the database
 * that transaction writes; and a subscription added in a transaction of that database sees exactly
 * the facts committed after it. The secrets are kept as they are (a signature needs the secret
 * itself, unlike a bearer token, which is only checked against its hash): whoever may read the
 * ledger file may read them, as it may read every contract; `webhooks list` never shows them.
 *
 * Each subscription's deliveries go out one at a time, in outbox order (the order of the log):
 * the first one not yet delivered is the only one tried. After the last attempt allowed it is
 * parked, and so is its subscription, until `webhooks redeliver`: later deliveries wait behind it,
 * so nothing is skipped and the order holds.
 */
import type Database from 'better-sqlite3';
import { positionToken } from '../store/cursor';
import type { Position } from '../store/port';
import { isWebhookKind, type WebhookKind } from './payload';

const DDL = `
  CREATE TABLE IF NOT EXISTS webhook_subscriptions (
    id              TEXT PRIMARY KEY,
    url             TEXT NOT NULL,
    kinds           TEXT NOT NULL,
    secret          TEXT NOT NULL,
    label           TEXT,
    created_at      TEXT NOT NULL,
    -- Facts after this position are announced to it (the log's head, or the views', when it was added).
    from_commit     TEXT,
    from_prepare    TEXT,
    -- Set when a delivery was parked: the subscription waits until it is redelivered.
    parked_at       TEXT,
    parked_delivery TEXT
  );
  CREATE TABLE IF NOT EXISTS webhook_outbox (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id     TEXT NOT NULL UNIQUE,
    subscription_id TEXT NOT NULL,
    kind            TEXT NOT NULL,
    position        TEXT NOT NULL,
    body            TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    -- Milliseconds since the epoch: when it may be tried (again), and until when a deliverer holds it.
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    lease_until     INTEGER,
    last_attempt_at TEXT,
    last_status     INTEGER,
    last_error      TEXT,
    delivered_at    TEXT,
    parked_at       TEXT
  );
  CREATE INDEX IF NOT EXISTS webhook_outbox_pending ON webhook_outbox (subscription_id, seq) WHERE delivered_at IS NULL;
  -- The last position the outbox announced: a views file followed again from the start announces nothing twice.
  CREATE TABLE IF NOT EXISTS webhook_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    commit_pos  TEXT NOT NULL,
    prepare_pos TEXT NOT NULL
  );`;

export interface NewSubscription {
  readonly id: string;
  readonly url: string;
  readonly kinds: readonly WebhookKind[];
  readonly secret: string;
  readonly label: string | null;
  readonly createdAt: string;
  readonly from: Position | null;
}

/** A subscription as `webhooks list` shows it (never its secret). */
export interface SubscriptionInfo {
  readonly id: string;
  readonly url: string;
  readonly kinds: WebhookKind[];
  readonly label: string | null;
  readonly createdAt: string;
  readonly from: string | null;
  readonly pending: number;
  readonly delivered: number;
  readonly lastDeliveredAt: string | null;
  readonly parked: ParkedDelivery | null;
}

export interface ParkedDelivery {
  readonly deliveryId: string;
  readonly kind: string;
  readonly position: string;
  readonly attempts: number;
  readonly parkedAt: string;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
}

/** A subscription as the outbox announces to it. */
export interface Announcing {
  readonly id: string;
  readonly kinds: ReadonlySet<WebhookKind>;
  readonly from: Position | null;
}

export interface OutboxEntry {
  readonly deliveryId: string;
  readonly subscriptionId: string;
  readonly kind: WebhookKind;
  readonly position: string;
  readonly body: string;
  readonly recordedAt: string;
}

/** A delivery a deliverer holds: what to send, where, and how many times it has been tried (this one included). */
export interface ClaimedDelivery {
  readonly seq: number;
  readonly deliveryId: string;
  readonly subscriptionId: string;
  readonly kind: string;
  readonly url: string;
  readonly secret: string;
  readonly body: string;
  readonly attempts: number;
}

interface SubscriptionRow {
  id: string;
  url: string;
  kinds: string;
  secret: string;
  label: string | null;
  created_at: string;
  from_commit: string | null;
  from_prepare: string | null;
  parked_at: string | null;
  parked_delivery: string | null;
}

const kindsOf = (json: string): WebhookKind[] => (JSON.parse(json) as string[]).filter(isWebhookKind);

const positionOf = (commit: string | null, prepare: string | null): Position | null =>
  commit === null ? null : { commit: BigInt(commit), prepare: BigInt(prepare ?? commit) };

export class WebhookStore {
  constructor(readonly db: Database.Database) {}

  /** Creates the tables where they are missing (a database opened to write). */
  ensure(): void {
    this.db.exec(DDL);
  }

  /** True when the tables exist (a ledger opened for reading may have none). */
  exists(): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'webhook_outbox'")
        .get() !== undefined
    );
  }

  // --- subscriptions --------------------------------------------------------------------------

  add(s: NewSubscription): void {
    this.db
      .prepare(
        `INSERT INTO webhook_subscriptions (id, url, kinds, secret, label, created_at, from_commit, from_prepare)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        s.id,
        s.url,
        JSON.stringify(s.kinds),
        s.secret,
        s.label,
        s.createdAt,
        s.from === null ? null : s.from.commit.toString(),
        s.from === null ? null : s.from.prepare.toString(),
      );
  }

  /** Removes a subscription and its deliveries; how many were still to be delivered, or null: none such. */
  remove(id: string): { readonly dropped: number } | null {
    const found = this.db.prepare('SELECT 1 FROM webhook_subscriptions WHERE id = ?').get(id);
    if (found === undefined) return null;
    const dropped = (
      this.db
        .prepare(
          'SELECT count(*) AS n FROM webhook_outbox WHERE subscription_id = ? AND delivered_at IS NULL',
        )
        .get(id) as { n: number }
    ).n;
    this.db.prepare('DELETE FROM webhook_outbox WHERE subscription_id = ?').run(id);
    this.db.prepare('DELETE FROM webhook_subscriptions WHERE id = ?').run(id);
    return { dropped };
  }

  list(): SubscriptionInfo[] {
    if (!this.exists()) return [];
    const rows = this.db
      .prepare<[], SubscriptionRow>('SELECT * FROM webhook_subscriptions ORDER BY created_at, id')
      .all();
    const counts = this.db.prepare<[string], { pending: number; delivered: number; last: string | null }>(
      `SELECT sum(delivered_at IS NULL) AS pending, sum(delivered_at IS NOT NULL) AS delivered,
              max(delivered_at) AS last FROM webhook_outbox WHERE subscription_id = ?`,
    );
    return rows.map((r) => {
      const c = counts.get(r.id)!;
      const from = positionOf(r.from_commit, r.from_prepare);
      return {
        id: r.id,
        url: r.url,
        kinds: kindsOf(r.kinds),
        label: r.label,
        createdAt: r.created_at,
        from: from === null ? null : positionToken(from),
        pending: c.pending ?? 0,
        delivered: c.delivered ?? 0,
        lastDeliveredAt: c.last,
        parked: r.parked_delivery === null ? null : this.parkedDelivery(r.parked_delivery),
      };
    });
  }

  private parkedDelivery(deliveryId: string): ParkedDelivery | null {
    const row = this.db
      .prepare<
        [string],
        {
          delivery_id: string;
          kind: string;
          position: string;
          attempts: number;
          parked_at: string | null;
          last_status: number | null;
          last_error: string | null;
        }
      >(
        'SELECT delivery_id, kind, position, attempts, parked_at, last_status, last_error FROM webhook_outbox WHERE delivery_id = ?',
      )
      .get(deliveryId);
    if (!row || row.parked_at === null) return null;
    return {
      deliveryId: row.delivery_id,
      kind: row.kind,
      position: row.position,
      attempts: row.attempts,
      parkedAt: row.parked_at,
      lastStatus: row.last_status,
      lastError: row.last_error,
    };
  }

  /**
   * Tries a delivery again from its first attempt (a parked one, or one delivered already), and
   * lets its subscription go on. It goes out before anything that subscription still has pending.
   * False when there is no such delivery.
   */
  redeliver(deliveryId: string): boolean {
    const row = this.db
      .prepare<[string], { subscription_id: string }>(
        'SELECT subscription_id FROM webhook_outbox WHERE delivery_id = ?',
      )
      .get(deliveryId);
    if (!row) return false;
    this.db
      .prepare(
        `UPDATE webhook_outbox SET attempts = 0, next_attempt_at = 0, lease_until = NULL, delivered_at = NULL,
           parked_at = NULL WHERE delivery_id = ?`,
      )
      .run(deliveryId);
    this.db
      .prepare('UPDATE webhook_subscriptions SET parked_at = NULL, parked_delivery = NULL WHERE id = ?')
      .run(row.subscription_id);
    return true;
  }

  // --- announcing (in the transaction that writes the facts) ----------------------------------

  /** Every subscription, with the kinds it wants (a parked one still records what it will be sent). */
  announcing(): Announcing[] {
    return this.s()
      .announcing.all()
      .map((r) => ({
        id: r.id,
        kinds: new Set(kindsOf(r.kinds)),
        from: positionOf(r.from_commit, r.from_prepare),
      }));
  }

  announcedThrough(): Position | null {
    const row = this.s().state.get();
    return row ? positionOf(row.commit_pos, row.prepare_pos) : null;
  }

  setAnnouncedThrough(p: Position): void {
    this.s().setState.run(p.commit.toString(), p.prepare.toString());
  }

  enqueue(e: OutboxEntry): void {
    this.s().enqueue.run(e.deliveryId, e.subscriptionId, e.kind, e.position, e.body, e.recordedAt);
  }

  // --- delivering ----------------------------------------------------------------------------

  /**
   * Takes the deliveries due now, at most one per subscription (the first it has not been
   * delivered), and holds each until `leaseUntil` with one more attempt counted: a deliverer that
   * dies holding one lets it go when the lease ends.
   */
  claimDue(now: number, leaseUntil: number, limit: number): ClaimedDelivery[] {
    if (limit <= 0) return [];
    const rows = this.s().due.all(now, now, limit);
    for (const r of rows) this.s().lease.run(leaseUntil, new Date(now).toISOString(), r.seq);
    return rows.map((r) => ({
      seq: r.seq,
      deliveryId: r.delivery_id,
      subscriptionId: r.subscription_id,
      kind: r.kind,
      url: r.url,
      secret: r.secret,
      body: r.body,
      attempts: r.attempts + 1,
    }));
  }

  /** When the next delivery falls due (ms since the epoch), or null when nothing waits. */
  nextDue(): number | null {
    return this.s().nextDue.get()?.at ?? null;
  }

  delivered(seq: number, at: string, status: number): void {
    this.s().delivered.run(at, status, seq);
  }

  failed(seq: number, outcome: { status: number | null; error: string; nextAttemptAt: number }): void {
    this.s().failed.run(outcome.nextAttemptAt, outcome.status, outcome.error.slice(0, 1000), seq);
  }

  /** Parks a delivery after its last attempt, and its subscription with it. */
  park(seq: number, at: string, outcome: { status: number | null; error: string }): void {
    this.s().park.run(at, outcome.status, outcome.error.slice(0, 1000), seq);
    this.s().parkSubscription.run({ at, seq });
  }

  /** Whether any delivery waits (delivered or parked later); false without the tables. */
  anythingPending(): boolean {
    try {
      return (
        this.db.prepare('SELECT 1 FROM webhook_outbox WHERE delivered_at IS NULL LIMIT 1').get() !== undefined
      );
    } catch {
      return false;
    }
  }

  /** Deliveries waiting, and subscriptions parked (for /health). */
  counts(): { readonly pending: number; readonly parked: number } {
    if (!this.exists()) return { pending: 0, parked: 0 };
    const pending = (
      this.db.prepare('SELECT count(*) AS n FROM webhook_outbox WHERE delivered_at IS NULL').get() as {
        n: number;
      }
    ).n;
    const parked = (
      this.db
        .prepare('SELECT count(*) AS n FROM webhook_subscriptions WHERE parked_at IS NOT NULL')
        .get() as { n: number }
    ).n;
    return { pending, parked };
  }

  private stmts: ReturnType<WebhookStore['prepare']> | null = null;

  private s() {
    this.stmts ??= this.prepare();
    return this.stmts;
  }

  private prepare() {
    const db = this.db;
    return {
      announcing: db.prepare<[], SubscriptionRow>('SELECT * FROM webhook_subscriptions ORDER BY id'),
      state: db.prepare<[], { commit_pos: string; prepare_pos: string }>(
        'SELECT commit_pos, prepare_pos FROM webhook_state WHERE id = 1',
      ),
      setState: db.prepare<[string, string]>(
        `INSERT INTO webhook_state (id, commit_pos, prepare_pos) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET commit_pos = excluded.commit_pos, prepare_pos = excluded.prepare_pos`,
      ),
      enqueue: db.prepare<[string, string, string, string, string, string]>(
        `INSERT INTO webhook_outbox (delivery_id, subscription_id, kind, position, body, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (delivery_id) DO NOTHING`,
      ),
      due: db.prepare<
        [number, number, number],
        {
          seq: number;
          delivery_id: string;
          subscription_id: string;
          kind: string;
          body: string;
          attempts: number;
          url: string;
          secret: string;
        }
      >(
        `SELECT o.seq, o.delivery_id, o.subscription_id, o.kind, o.body, o.attempts, s.url, s.secret
           FROM webhook_subscriptions s
           JOIN webhook_outbox o ON o.seq = (
             SELECT min(seq) FROM webhook_outbox WHERE subscription_id = s.id AND delivered_at IS NULL)
          WHERE s.parked_at IS NULL AND o.parked_at IS NULL AND o.next_attempt_at <= ?
            AND (o.lease_until IS NULL OR o.lease_until <= ?)
          ORDER BY o.seq LIMIT ?`,
      ),
      lease: db.prepare<[number, string, number]>(
        'UPDATE webhook_outbox SET lease_until = ?, attempts = attempts + 1, last_attempt_at = ? WHERE seq = ?',
      ),
      nextDue: db.prepare<[], { at: number | null }>(
        `SELECT min(max(o.next_attempt_at, coalesce(o.lease_until, 0))) AS at
           FROM webhook_subscriptions s
           JOIN webhook_outbox o ON o.seq = (
             SELECT min(seq) FROM webhook_outbox WHERE subscription_id = s.id AND delivered_at IS NULL)
          WHERE s.parked_at IS NULL AND o.parked_at IS NULL`,
      ),
      delivered: db.prepare<[string, number, number]>(
        'UPDATE webhook_outbox SET delivered_at = ?, last_status = ?, last_error = NULL, lease_until = NULL WHERE seq = ?',
      ),
      failed: db.prepare<[number, number | null, string, number]>(
        'UPDATE webhook_outbox SET next_attempt_at = ?, last_status = ?, last_error = ?, lease_until = NULL WHERE seq = ?',
      ),
      park: db.prepare<[string, number | null, string, number]>(
        'UPDATE webhook_outbox SET parked_at = ?, last_status = ?, last_error = ?, lease_until = NULL WHERE seq = ?',
      ),
      parkSubscription: db.prepare<[{ at: string; seq: number }]>(
        `UPDATE webhook_subscriptions SET parked_at = @at,
           parked_delivery = (SELECT delivery_id FROM webhook_outbox WHERE seq = @seq)
         WHERE id = (SELECT subscription_id FROM webhook_outbox WHERE seq = @seq)`,
      ),
    };
  }
}
