/**
 * The outbox's writer: around the views' application of some events (an SQLite append, inside its
 * transaction; a follower's batch, inside the views file's), it works out what those events
 * announce to each subscription and writes the deliveries in the same transaction, so that a
 * delivery exists exactly when its fact does.
 *
 * What changed is read from the views, the one place charges and adjustments are kept: a contract's
 * charge rows and the adjustments it owes, before the events and after them. A month's close is
 * read from its own event. When the views cannot tell (stale, or rebuilt meanwhile), a contract fact
 * that can change rows is announced as `exact: false` (it may have changed them): at least once,
 * never lost.
 */

import { contractIdOfStream, decodeRecorded } from '../events';
import { applyFact, type CloseFact, initFacts } from '../projections';
import { positionToken } from '../store/cursor';
import { comparePositions, type Position, type RecordedEvent } from '../store/port';
import { type FeeSegmentRow, OPEN_MONTH } from '../views/models/charges';
import { segmentChange } from '../views/models/closes';
import { rowEffect } from '../views/stream-rows';
import { type ViewsDb, viewsProblem } from '../views/views-db';
import {
  type Announcement,
  deliveryIdOf,
  WEBHOOK_SCHEMA,
  type WebhookBody,
  type WebhookKind,
} from './payload';
import type { Announcing, WebhookStore } from './store';

/** A contract's rows as the views hold them: its charge lines, fee segments and adjustments owed. */
interface ContractRows {
  readonly lines: ReadonlyMap<string, { month: string; data: string }>;
  readonly segments: readonly FeeSegmentRow[];
  readonly owed: ReadonlyMap<string, { month: string; lineId: string; billTo: string; amount: number }>;
}

const rowsOf = (views: ViewsDb, contractId: string): ContractRows => {
  const stored = views.charges.stored(contractId);
  return {
    lines: new Map(stored.lineGroups.flat().map((r) => [r.line_id, { month: r.month, data: r.data }])),
    segments: stored.segments,
    owed: new Map(
      views.closes
        .pending(contractId)
        .map((p) => [
          `${p.month} ${p.lineId}`,
          { month: p.month, lineId: p.lineId, billTo: p.billTo, amount: p.amount },
        ]),
    ),
  };
};

/** The charges a contract's rows changed, or null when they did not. */
const chargesChange = (
  contractId: string,
  before: ContractRows,
  after: ContractRows,
): Announcement | null => {
  const lineMonths = new Set<string>();
  for (const [id, r] of after.lines) {
    const was = before.lines.get(id);
    if (was?.data === r.data) continue;
    lineMonths.add(r.month);
    if (was) lineMonths.add(was.month);
  }
  for (const [id, r] of before.lines) if (!after.lines.has(id)) lineMonths.add(r.month);
  const monthly = segmentChange(before.segments, after.segments);
  if (lineMonths.size === 0 && monthly === null) return null;
  const months = [...lineMonths].sort();
  const first = [months[0], monthly?.from].filter((m): m is string => m !== undefined).sort()[0]!;
  const lastLine = months[months.length - 1];
  const last =
    monthly !== null && monthly.to === OPEN_MONTH
      ? null
      : [lastLine, monthly?.to]
          .filter((m): m is string => m !== undefined)
          .sort()
          .reverse()[0]!;
  return {
    kind: 'charges-changed',
    data: { contractId, exact: true, firstMonth: first, lastMonth: last, lineMonths: months },
  };
};

/** The adjustments owed that changed, or null when none did. */
const adjustmentChange = (
  contractId: string,
  before: ContractRows,
  after: ContractRows,
): Announcement | null => {
  const changed: { month: string; lineId: string; billTo: string; amount: number }[] = [];
  for (const [key, a] of after.owed) if (before.owed.get(key)?.amount !== a.amount) changed.push(a);
  for (const [key, b] of before.owed) if (!after.owed.has(key)) changed.push({ ...b, amount: 0 });
  if (changed.length === 0) return null;
  changed.sort((a, b) => (a.month === b.month ? (a.lineId < b.lineId ? -1 : 1) : a.month < b.month ? -1 : 1));
  return { kind: 'adjustment-recorded', data: { contractId, exact: true, adjustments: changed } };
};

const closeOf = (recorded: RecordedEvent): CloseFact | null => {
  const event = decodeRecorded(recorded, { validate: false });
  if (event.type !== 'MonthClosed') return null;
  const facts = initFacts();
  applyFact(facts, event);
  return facts.closes.get(event.data.month) ?? null;
};

const monthClosed = (c: CloseFact): Announcement => ({
  kind: 'month-closed',
  data: {
    month: c.month,
    closeId: c.closeId,
    closedAt: c.closedAt,
    closedBy: c.closedBy,
    firstMonth: c.firstMonth,
    lines: c.lines.length,
    total: c.total,
    totals: c.totals.map((t) => ({ billTo: t.billTo, lines: t.lines, amount: t.amount })),
    seal: {
      digest: c.seal.digest,
      keyId: c.seal.keyId,
      position:
        c.seal.position === null
          ? null
          : positionToken({
              commit: BigInt(c.seal.position.commit),
              prepare: BigInt(c.seal.position.prepare),
            }),
    },
  },
});

const later = (a: Position | null, b: Position | null): Position | null =>
  a === null ? b : b === null ? a : comparePositions(a, b) >= 0 ? a : b;

/**
 * Writes the deliveries a batch of events announces, around `apply` (which applies them to the
 * views), in the caller's transaction.
 */
export class Announcer {
  constructor(
    private readonly store: WebhookStore,
    private readonly views: () => ViewsDb,
  ) {}

  around(events: readonly RecordedEvent[], apply: () => void): void {
    const subscriptions = events.length === 0 ? [] : this.store.announcing();
    if (subscriptions.length === 0) {
      apply();
      return;
    }
    const through = this.store.announcedThrough();
    const fresh = through === null ? events : events.filter((e) => comparePositions(e.position, through) > 0);
    const wanted = new Set<WebhookKind>(subscriptions.flatMap((s) => [...s.kinds]));
    const watchContracts = wanted.has('charges-changed') || wanted.has('adjustment-recorded');
    // Each contract's last fresh event here: what its announcement is dated by.
    const lastOf = new Map<string, RecordedEvent>();
    if (watchContracts)
      for (const e of fresh) {
        const id = contractIdOfStream(e.streamId);
        if (id !== null) lastOf.set(id, e);
      }
    const views = this.views();
    const exactBefore = viewsProblem(views.state()) === null;
    const before = new Map<string, ContractRows>();
    if (exactBefore) for (const id of lastOf.keys()) before.set(id, rowsOf(views, id));
    apply();
    if (fresh.length === 0) return;
    const exact = exactBefore && viewsProblem(views.state()) === null;
    const announced: { event: RecordedEvent; what: Announcement }[] = [];
    if (wanted.has('month-closed'))
      for (const e of fresh) {
        const close = e.type === 'MonthClosed' ? closeOf(e) : null;
        if (close) announced.push({ event: e, what: monthClosed(close) });
      }
    for (const [contractId, event] of lastOf) {
      if (exact) {
        const after = rowsOf(views, contractId);
        const b = before.get(contractId)!;
        for (const what of [chargesChange(contractId, b, after), adjustmentChange(contractId, b, after)])
          if (what) announced.push({ event, what });
        continue;
      }
      // The views cannot tell: a fact that can change rows may have changed the charges.
      const touches = fresh.some(
        (e) => contractIdOfStream(e.streamId) === contractId && rowEffect(e.type) === 'writes',
      );
      if (!touches) continue;
      announced.push({
        event,
        what: {
          kind: 'charges-changed',
          data: { contractId, exact: false, firstMonth: null, lastMonth: null, lineMonths: [] },
        },
      });
      if (views.closes.lastClosedMonth() !== null)
        announced.push({
          event,
          what: { kind: 'adjustment-recorded', data: { contractId, exact: false, adjustments: [] } },
        });
    }
    announced.sort((a, b) => comparePositions(a.event.position, b.event.position));
    for (const { event, what } of announced)
      for (const s of subscriptions) if (wants(s, what.kind, event.position)) this.enqueue(s, event, what);
    this.store.setAnnouncedThrough(later(through, fresh[fresh.length - 1]!.position)!);
  }

  private enqueue(s: Announcing, event: RecordedEvent, what: Announcement): void {
    const deliveryId = deliveryIdOf(s.id, event.position, what.kind);
    const position = positionToken(event.position);
    const recordedAt = String((event.metadata as { recordedAt?: unknown }).recordedAt ?? '');
    const body = {
      schema: WEBHOOK_SCHEMA,
      deliveryId,
      subscriptionId: s.id,
      kind: what.kind,
      position,
      event: {
        id: event.id,
        type: event.type,
        stream: event.streamId,
        revision: event.revision.toString(),
        recordedAt,
      },
      data: what.data,
    } as WebhookBody;
    this.store.enqueue({
      deliveryId,
      subscriptionId: s.id,
      kind: what.kind,
      position,
      body: JSON.stringify(body),
      recordedAt,
    });
  }
}

const wants = (s: Announcing, kind: WebhookKind, position: Position): boolean =>
  s.kinds.has(kind) && (s.from === null || comparePositions(position, s.from) > 0);
