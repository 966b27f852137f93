/**
 * Closing a billing month (`vpn-ledger close --month YYYY-MM`): the billing-month decider decides
 * against the views at the position the close records (the month's lines and the adjustments it
 * carries, as the views give them there), and the close is appended to `billing-YYYY-MM` with its
 * seal of the log up to that position.
 *
 * A close racing an append is before it or after it, never half of each:
 *  - SQLite (views in the ledger file): read, decide, seal and append in ONE immediate
 *    transaction. No append can land in between; the close reflects the log up to the event before it.
 *  - other stores (views in a follower's file): the views are read in one read transaction, at
 *    their checkpoint P, and the close records P. An append that lands after P, before or after the
 *    close event, is after the close: if it changes the month, the views owe an adjustment for it.
 */
import type { KeyObject } from 'node:crypto';
import {
  type BillingMonthState,
  billingDecider,
  type CloseContext,
  type CloseSnapshot,
  type InvoicedLineData,
} from '../aggregates';
import { billingStream } from '../events';
import type { Clock } from '../ledger/clock';
import { rejectedResult, type WrittenEvent } from '../ledger/ledger';
import { linesDigest, makeSeal, type RunningDigest } from '../ledger/seal';
import type { CloseFact } from '../projections';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../store/errors';
import type { EventStore, Position, RecordedEvent } from '../store/port';
import { SqliteEventStore } from '../store/sqlite';
import { supplementary } from '../terms/citation';
import { addMonthsToMonth, jstDate, type YearMonth } from '../terms/dates';
import type { ViewsDb } from '../views/views-db';
import { viewsProblemOf } from '../views/views-db';
import {
  closeOfEvent,
  envelope,
  invalid,
  type LoadedStream,
  loadStream,
  type ParsedBillingCommand,
  parseBillingCommand,
  type Rejected,
  rejected,
} from './pipeline';
import { billedMonthFromViews } from './read';
import { digestUpTo, digestUpToSync } from './sealing';

export interface CloseOptions {
  readonly store: EventStore;
  /** The views the close is decided on: an SQLite ledger's own, or a follower's views file. */
  readonly views: ViewsDb;
  /** The instant of the close (the CLI passes the system clock; tests a fixed one). */
  readonly clock: Clock;
  /** The Ed25519 private key that signs the close's seal. */
  readonly key: KeyObject;
  readonly maxRetries?: number;
}

export type CloseResult =
  | {
      readonly status: 'accepted';
      readonly commandId: string;
      readonly type: 'CloseMonth';
      /** True when this command id had closed the month before: nothing was written. */
      readonly repeated: boolean;
      readonly close: CloseFact;
      readonly event: WrittenEvent;
      readonly position: Position | null;
      /** The close event's own hash (its content, chained): publish it with the seal. */
      readonly eventHash: string;
    }
  | Rejected;

/** What the close is decided on: the views at their checkpoint, read at once. */
interface Snapshot {
  readonly snapshot: CloseSnapshot;
  readonly position: Position | null;
}

const snapshotOf = (views: ViewsDb, month: YearMonth): Snapshot => {
  const billed = billedMonthFromViews(views, month);
  return {
    snapshot: {
      lastClosed: views.billing.lastClosedMonth(),
      firstMonth: views.monthRange()?.first ?? null,
      lines: billed.status === 'open' ? (billed.charges.lines as unknown as InvoicedLineData[]) : [],
    },
    position: views.state()?.position ?? null,
  };
};

const isClosed = (events: readonly RecordedEvent[]) => events.some((e) => e.type === 'MonthClosed');

const accepted = (cmd: ParsedBillingCommand, own: RecordedEvent, repeated: boolean): CloseResult => ({
  status: 'accepted',
  commandId: cmd.commandId,
  type: 'CloseMonth',
  repeated,
  close: closeOfEvent(own),
  event: { streamId: own.streamId, revision: own.revision, eventId: own.id, type: own.type },
  position: own.position,
  eventHash: String((own.metadata as { hash?: unknown }).hash),
});

const sealOf =
  (digest: () => RunningDigest, now: string, key: KeyObject): CloseContext['seal'] =>
  ({ month, lines, total }) =>
    makeSeal(
      {
        digest: digest(),
        sealedAt: now,
        subject: { kind: 'month-close', month, lines: lines.length, total, linesDigest: linesDigest(lines) },
      },
      key,
    );

type Decided =
  | { readonly kind: 'rejected'; readonly result: Rejected }
  | { readonly kind: 'repeat'; readonly own: RecordedEvent }
  | {
      readonly kind: 'append';
      readonly streamId: string;
      readonly expected: LoadedStream<unknown>['expected'];
      readonly appended: NonNullable<ReturnType<typeof envelope>>;
    };

/** Decides the close against what was read; `seal` is called only when the close is accepted. */
function decide(
  cmd: ParsedBillingCommand,
  monthEvents: readonly RecordedEvent[],
  previousEvents: readonly RecordedEvent[],
  views: ViewsDb,
  snap: () => Snapshot,
  now: string,
  seal: (snapshot: Snapshot) => CloseContext['seal'],
): Decided {
  const streamId = billingStream(cmd.command.data.month);
  const loaded = loadStream<BillingMonthState>(
    monthEvents,
    cmd.commandId,
    cmd.hash,
    billingDecider.initialState,
    (s, e) => billingDecider.evolve(s, e as never),
  );
  if (loaded.reused) {
    return {
      kind: 'rejected',
      result: rejected(cmd, 'COMMAND_ID_REUSED', { case: 'payload', commandId: cmd.commandId }, []),
    };
  }
  if (loaded.own) return { kind: 'repeat', own: loaded.own };
  const problem = viewsProblemOf(views.state());
  if (problem !== null) {
    return {
      kind: 'rejected',
      result: rejected(cmd, 'VIEWS_UNAVAILABLE', problem, []),
    };
  }
  const snapshot = snap();
  const decision = billingDecider.decide(cmd.command, loaded.state, {
    now,
    snapshot: snapshot.snapshot,
    previousClosed: isClosed(previousEvents),
    seal: seal(snapshot),
  });
  if (!decision.ok) {
    const r = decision.rejection;
    return { kind: 'rejected', result: rejectedResult(cmd.commandId, cmd.command.type, r) };
  }
  const appended = envelope(cmd, streamId, loaded, decision.events, now);
  if (!appended) {
    return {
      kind: 'rejected',
      result: rejected(cmd, 'BEFORE_FIRST_EDITION', { date: jstDate(now) }, [supplementary()]),
    };
  }
  return { kind: 'append', streamId, expected: loaded.expected, appended };
}

/** SQLite with its views in the ledger file: everything in one immediate transaction. */
function closeSqlite(store: SqliteEventStore, cmd: ParsedBillingCommand, options: CloseOptions): CloseResult {
  const { views } = options;
  const month = cmd.command.data.month;
  const read = (streamId: string) => {
    const r = store.readStreamSync(streamId);
    return r.status === 'found' ? r.events : [];
  };
  const run = store.db.transaction((): CloseResult => {
    const now = options.clock();
    const decided = decide(
      cmd,
      read(billingStream(month)),
      read(billingStream(addMonthsToMonth(month, -1))),
      views,
      () => snapshotOf(views, month),
      now,
      (snapshot) =>
        sealOf(() => digestUpToSync(store, views.billing.latestSeal(), snapshot.position), now, options.key),
    );
    if (decided.kind === 'rejected') return decided.result;
    if (decided.kind === 'repeat') return accepted(cmd, decided.own, true);
    store.appendSync(decided.streamId, decided.appended.events, decided.expected);
    return accepted(
      cmd,
      read(decided.streamId).find((e) => e.id === decided.appended.written[0]!.eventId)!,
      false,
    );
  });
  try {
    return run.immediate();
  } catch (error) {
    if (error instanceof DuplicateEventIdError) {
      return rejected(
        cmd,
        'COMMAND_ID_REUSED',
        { case: 'event-id', commandId: cmd.commandId, detail: error.message },
        [],
      );
    }
    throw error;
  }
}

/** Any store, its views in another file: the views read at their checkpoint, the append checked by revision. */
async function closeAsync(cmd: ParsedBillingCommand, options: CloseOptions): Promise<CloseResult> {
  const { store, views } = options;
  const month = cmd.command.data.month;
  const read = async (streamId: string) => {
    const r = await store.readStream(streamId);
    return r.status === 'found' ? r.events : [];
  };
  const maxRetries = options.maxRetries ?? 10;
  for (let attempt = 1; ; attempt++) {
    const monthEvents = await read(billingStream(month));
    const previousEvents = await read(billingStream(addMonthsToMonth(month, -1)));
    // One read transaction: the lines, the adjustments, the last close and the checkpoint agree.
    const snapshot = views.db.transaction(() => snapshotOf(views, month))();
    const now = options.clock();
    // First without a seal, to learn whether one is needed (the digest reads the log).
    let needed = false;
    const dry = decide(
      cmd,
      monthEvents,
      previousEvents,
      views,
      () => snapshot,
      now,
      () => () => {
        needed = true;
        return DRY_SEAL;
      },
    );
    if (dry.kind === 'rejected') return dry.result;
    if (dry.kind === 'repeat') return accepted(cmd, dry.own, true);
    const digest = needed ? await digestUpTo(store, views.billing.latestSeal(), snapshot.position) : null;
    const decided = decide(
      cmd,
      monthEvents,
      previousEvents,
      views,
      () => snapshot,
      now,
      () => sealOf(() => digest!, now, options.key),
    );
    if (decided.kind !== 'append')
      return decided.kind === 'rejected' ? decided.result : accepted(cmd, decided.own, true);
    try {
      await store.appendToStream(decided.streamId, decided.appended.events, {
        expectedRevision: decided.expected,
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError && attempt <= maxRetries) continue;
      if (error instanceof DuplicateEventIdError) {
        return rejected(
          cmd,
          'COMMAND_ID_REUSED',
          { case: 'event-id', commandId: cmd.commandId, detail: error.message },
          [],
        );
      }
      throw error;
    }
    const own = (await read(decided.streamId)).find((e) => e.id === decided.appended.written[0]!.eventId)!;
    return accepted(cmd, own, false);
  }
}

/** A placeholder the dry run's seal function returns; never recorded. */
const DRY_SEAL = {
  schema: 'vpn-ledger.seal/v1',
  position: null,
  events: 0,
  digest: '0'.repeat(64),
  sealedAt: '2000-01-01T00:00:00Z',
  subject: { kind: 'on-demand' },
  algorithm: 'ed25519',
  keyId: '0'.repeat(64),
  signature: '-',
} as const;

/**
 * Closes a billing month: `{type: 'CloseMonth', commandId, actor, data: {month}}`. The same command
 * id again is answered as a repeat (the close it wrote); another command for a closed month is
 * refused (MONTH_ALREADY_CLOSED).
 */
export async function closeMonth(input: unknown, options: CloseOptions): Promise<CloseResult> {
  const parsed = parseBillingCommand(input);
  if (!parsed.ok) return invalid(input, parsed.problems);
  const { store, views } = options;
  if (store instanceof SqliteEventStore && views.db === store.db)
    return closeSqlite(store, parsed.value, options);
  return closeAsync(parsed.value, options);
}
