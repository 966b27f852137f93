/**
 * Closing a billing month (`vpn-ledger close --month YYYY-MM`): what the close invoices (the month's
 * lines and the adjustments it carries) is worked out from the log itself, at the position the
 * close records, by the code that builds the views (into a scratch database); the views the ledger
 * keeps are compared with it, and a close whose views differ from the log is refused
 * (VIEWS_DIFFER: run `vpn-ledger verify`, then `vpn-ledger rebuild`). The billing-month decider
 * decides, and the close is appended to `billing-YYYY-MM` with its seal of the log up to that position.
 *
 * A close racing an append is before it or after it, never half of each:
 *  - a local log with its views in its file (SQLite): the month is worked out from the log up to
 *    its head; then, holding the write lock, the events appended meanwhile are applied to it, and
 *    the views are compared, the close decided, sealed and appended in ONE transaction.
 *  - other stores (views in a follower's file): the views are read in one read transaction, at
 *    their checkpoint P, the log is worked out up to P, and the close records P. An append that
 *    lands after P, before or after the close event, is after the close: if it changes the month,
 *    the views owe an adjustment for it.
 */
import type { KeyObject } from 'node:crypto';
import {
  type BillingMonthState,
  billingDecider,
  type CloseContext,
  type CloseSnapshot,
  type InvoicedLineData,
  ledgerIdOf,
} from '../aggregates';
import { billingStream } from '../events';
import type { Clock } from '../ledger/clock';
import { rejectedResult, type WrittenEvent } from '../ledger/ledger';
import { linesDigest, makeSeal, type RunningDigest } from '../ledger/seal';
import type { CloseFact } from '../projections';
import { billedMonthFromViews } from '../read/months';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../store/errors';
import type { EventStore, LocalLog, Position, RecordedEvent } from '../store/port';
import { supplementary } from '../terms/citation';
import { addMonthsToMonth, jstDate, type YearMonth } from '../terms/dates';
import { viewsFromLog } from '../views/compare';
import { ViewProjector } from '../views/projector';
import type { ViewsDb } from '../views/views-db';
import { viewsProblem } from '../views/views-db';
import {
  closeOfEvent,
  envelope,
  idReused,
  invalid,
  type LoadedStream,
  loadStream,
  type ParsedBillingCommand,
  parseBillingCommand,
  type Rejected,
  rejected,
} from './pipeline';
import { digestUpTo, digestUpToSync } from './sealing';

export interface CloseOptions {
  readonly store: EventStore;
  /** The views the ledger keeps: an SQLite ledger's own, or a follower's views file. */
  readonly views: ViewsDb;
  /** True when the views live in the ledger's own file and move with its appends (an SQLite ledger). */
  readonly viewsInline?: boolean;
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
      /**
       * True when the month was closed before: by this command (its id again), or by another
       * (`alreadyClosed`); nothing was written, and `close` is the close that exists.
       */
      readonly repeated: boolean;
      /** True when another command (another actor's, or another id) had closed the month. */
      readonly alreadyClosed: boolean;
      readonly close: CloseFact;
      readonly event: WrittenEvent;
      readonly position: Position | null;
      /** The close event's own hash (its content, chained): publish it with the seal. */
      readonly eventHash: string;
    }
  | Rejected;

/** What the close is decided on: the month worked out from the log, at the position it reflects. */
interface Snapshot {
  readonly snapshot: CloseSnapshot;
  readonly position: Position | null;
  /** The log's views the month was worked out on (their latest seal starts the close's seal). */
  readonly truth: ViewsDb;
}

const snapshotOf = (truth: ViewsDb, month: YearMonth, position: Position | null): Snapshot => {
  const billed = billedMonthFromViews(truth, month);
  return {
    snapshot: {
      lastClosed: truth.closes.lastClosedMonth(),
      firstMonth: truth.charges.monthRange()?.first ?? null,
      lines: billed.status === 'open' ? (billed.charges.lines as unknown as InvoicedLineData[]) : [],
      ledgerId: truth.closes.ledgerId(),
    },
    position,
    truth,
  };
};

/** The lines of the month that the views and the log give differently: the first few, and how many. */
export function monthDifferences(
  views: ViewsDb,
  truth: ViewsDb,
  month: YearMonth,
): { count: number; lines: { lineId: string; views: number | null; log: number | null }[] } | null {
  const held = billedMonthFromViews(views, month).charges.lines;
  const derived = new Map(billedMonthFromViews(truth, month).charges.lines.map((l) => [l.id, l]));
  const out: { lineId: string; views: number | null; log: number | null }[] = [];
  let count = 0;
  const note = (lineId: string, a: number | null, b: number | null) => {
    count += 1;
    if (out.length < 10) out.push({ lineId, views: a, log: b });
  };
  for (const l of held) {
    const d = derived.get(l.id);
    derived.delete(l.id);
    if (!d || JSON.stringify(d) !== JSON.stringify(l)) note(l.id, l.amount, d?.amount ?? null);
  }
  for (const d of derived.values()) note(d.id, null, d.amount);
  if (views.closes.lastClosedMonth() !== truth.closes.lastClosedMonth()) count += 1;
  return count === 0 ? null : { count, lines: out };
}

const isClosed = (events: readonly RecordedEvent[]) => events.some((e) => e.type === 'MonthClosed');

/** The hash of the log's first event, which the ledger's id is made from (null: an empty log). */
const firstHashOf = (metadata: unknown): string => String((metadata as { hash?: unknown }).hash);

const accepted = (
  cmd: ParsedBillingCommand,
  own: RecordedEvent,
  repeated: boolean,
  alreadyClosed = false,
): CloseResult => ({
  status: 'accepted',
  commandId: cmd.commandId,
  type: 'CloseMonth',
  repeated,
  alreadyClosed,
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
  | { readonly kind: 'answered'; readonly result: CloseResult }
  | {
      readonly kind: 'append';
      readonly streamId: string;
      readonly expected: LoadedStream<unknown>['expected'];
      readonly appended: NonNullable<ReturnType<typeof envelope>>;
    };

const loadMonth = (cmd: ParsedBillingCommand, monthEvents: readonly RecordedEvent[]) =>
  loadStream<BillingMonthState>(monthEvents, cmd, cmd.hash, billingDecider.initialState, (s, e) =>
    billingDecider.evolve(s, e as never),
  );

/**
 * What is answered before the month is worked out: a repeat of this command (the close it wrote);
 * a month another command closed, answered with that close (by whom, when; never a refusal, and
 * never COMMAND_ID_REUSED: the month is closed, whoever asks again); an id used with another
 * payload; or views that cannot be compared with the log.
 */
function answeredBefore(
  cmd: ParsedBillingCommand,
  monthEvents: readonly RecordedEvent[],
  views: ViewsDb,
): CloseResult | null {
  const loaded = loadMonth(cmd, monthEvents);
  if (loaded.own && !loaded.reused) return accepted(cmd, loaded.own, true);
  const closed = monthEvents.find((e) => e.type === 'MonthClosed');
  if (closed) return accepted(cmd, closed, true, closed !== loaded.own || loaded.reused);
  if (loaded.reused) return idReused(cmd, 'payload');
  const problem = viewsProblem(views.state());
  return problem === null ? null : rejected(cmd, 'VIEWS_UNAVAILABLE', { problem }, []);
}

/**
 * Decides the close against what was read: the month worked out from the log (`snapshot`), which
 * the views must agree with; `seal` is called only when the close is accepted.
 */
function decide(
  cmd: ParsedBillingCommand,
  monthEvents: readonly RecordedEvent[],
  previousEvents: readonly RecordedEvent[],
  views: ViewsDb,
  snapshot: Snapshot,
  now: string,
  seal: (snapshot: Snapshot) => CloseContext['seal'],
  ledgerIdFromLog: () => string,
): Decided {
  const before = answeredBefore(cmd, monthEvents, views);
  if (before)
    return before.status === 'rejected'
      ? { kind: 'rejected', result: before }
      : { kind: 'answered', result: before };
  const month = cmd.command.data.month;
  const differ = monthDifferences(views, snapshot.truth, month);
  if (differ !== null)
    return { kind: 'rejected', result: rejected(cmd, 'VIEWS_DIFFER', { month, ...differ }, []) };
  const loaded = loadMonth(cmd, monthEvents);
  const decision = billingDecider.decide(cmd.command, loaded.state, {
    now,
    snapshot: snapshot.snapshot,
    previousClosed: isClosed(previousEvents),
    seal: seal(snapshot),
    ledgerIdFromLog,
  });
  if (!decision.ok) {
    const r = decision.rejection;
    return { kind: 'rejected', result: rejectedResult(cmd.commandId, cmd.command.type, r) };
  }
  const streamId = billingStream(month);
  const appended = envelope(cmd, streamId, loaded, decision.events, now);
  if (!appended) {
    return {
      kind: 'rejected',
      result: rejected(cmd, 'BEFORE_FIRST_EDITION', { date: jstDate(now) }, [supplementary()]),
    };
  }
  return { kind: 'append', streamId, expected: loaded.expected, appended };
}

/** The events appended after `from` (up to the head), applied to views worked out up to `from`. */
function catchUp(truth: ViewsDb, log: LocalLog, from: Position | null): Position | null {
  const head = log.headSync();
  if (head === null || (from !== null && head.commit <= from.commit)) return from;
  const projector = new ViewProjector(truth, (streamId, before) => {
    const r = log.readStreamSync(streamId);
    return r.status === 'found' ? r.events.filter((e) => e.revision < before) : [];
  });
  projector.apply(log.eventsBetweenSync(from?.commit ?? 0n, head.commit + 1n));
  return head;
}

/**
 * A local log with its views in its file: the month worked out from the log up to its head, then,
 * holding the write lock, the events appended meanwhile applied to it, and the close decided and
 * appended in one transaction.
 */
async function closeLocal(
  log: LocalLog,
  cmd: ParsedBillingCommand,
  options: CloseOptions,
): Promise<CloseResult> {
  const { views, store } = options;
  const month = cmd.command.data.month;
  const read = (streamId: string) => {
    const r = log.readStreamSync(streamId);
    return r.status === 'found' ? r.events : [];
  };
  const before = answeredBefore(cmd, read(billingStream(month)), views);
  if (before) return before;
  const from = log.headSync();
  const truth = await viewsFromLog(store, { upTo: from });
  try {
    return log.exclusive((): CloseResult => {
      const position = catchUp(truth, log, from);
      const now = options.clock();
      const decided = decide(
        cmd,
        read(billingStream(month)),
        read(billingStream(addMonthsToMonth(month, -1))),
        views,
        snapshotOf(truth, month, position),
        now,
        (snapshot) =>
          sealOf(
            () => digestUpToSync(log, snapshot.truth.seals.latest(), snapshot.position),
            now,
            options.key,
          ),
        () => {
          for (const row of log.rows(1n)) return ledgerIdOf(firstHashOf(JSON.parse(row.metadata)));
          throw new Error('a close was decided on an empty log');
        },
      );
      if (decided.kind !== 'append') return decided.result;
      log.appendSync(decided.streamId, decided.appended.events, decided.expected);
      return accepted(
        cmd,
        read(decided.streamId).find((e) => e.id === decided.appended.written[0]!.eventId)!,
        false,
      );
    });
  } catch (error) {
    if (error instanceof DuplicateEventIdError) return idReused(cmd, 'other-command');
    throw error;
  } finally {
    truth.db.close();
  }
}

/**
 * Any store, its views in another file (a follower's): the views read at their checkpoint P, the
 * month worked out from the log up to P, the append checked by revision.
 */
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
    const before = answeredBefore(cmd, monthEvents, views);
    if (before) return before;
    const previousEvents = await read(billingStream(addMonthsToMonth(month, -1)));
    const ledgerId = await ledgerIdFromStore(store);
    const position = views.state()?.position ?? null;
    const truth = await viewsFromLog(store, { upTo: position });
    let decided: Decided;
    try {
      const snapshot = snapshotOf(truth, month, position);
      const now = options.clock();
      // First without a seal, to learn whether one is needed (the digest reads the log).
      let needed = false;
      const dry = decide(
        cmd,
        monthEvents,
        previousEvents,
        views,
        snapshot,
        now,
        () => () => {
          needed = true;
          return DRY_SEAL;
        },
        ledgerId,
      );
      if (dry.kind !== 'append' || !needed) {
        decided = dry;
      } else {
        const digest = await digestUpTo(store, truth.seals.latest(), position);
        decided = decide(
          cmd,
          monthEvents,
          previousEvents,
          views,
          snapshot,
          now,
          () => sealOf(() => digest, now, options.key),
          ledgerId,
        );
      }
    } finally {
      truth.db.close();
    }
    if (decided.kind !== 'append') return decided.result;
    try {
      await store.appendToStream(decided.streamId, decided.appended.events, {
        expectedRevision: decided.expected,
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError && attempt <= maxRetries) continue;
      if (error instanceof DuplicateEventIdError) return idReused(cmd, 'other-command');
      throw error;
    }
    const own = (await read(decided.streamId)).find((e) => e.id === decided.appended.written[0]!.eventId)!;
    return accepted(cmd, own, false);
  }
}

/** The ledger's id as the log's first event makes it (read before deciding, off the write lock). */
async function ledgerIdFromStore(store: EventStore): Promise<() => string> {
  let hash: string | null = null;
  for await (const e of store.readAll({ maxCount: 1 })) {
    hash = firstHashOf(e.metadata);
    break;
  }
  return () => {
    if (hash === null) throw new Error('a close was decided on an empty log');
    return ledgerIdOf(hash);
  };
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
 * answered with the close that exists (`alreadyClosed`), and nothing is written.
 */
export async function closeMonth(input: unknown, options: CloseOptions): Promise<CloseResult> {
  const parsed = parseBillingCommand(input);
  if (!parsed.ok) return invalid(input, parsed.problems);
  const log = options.store.local;
  if (log && options.viewsInline) return closeLocal(log, parsed.value, options);
  return closeAsync(parsed.value, options);
}
