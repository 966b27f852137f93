/**
 * The folds a read answers from when the views do not: a contract's own streams (and its network's),
 * the closes of the months up to one, and the whole log. Each as known at an instant (`knownAt`:
 * events recorded later are left out).
 */
import {
  billingStream,
  contractStream,
  decodeRecorded,
  foldFailure,
  type LedgerEvent,
  networkStream,
} from '../events';
import { applyFact, type Facts, initFacts, knownBy } from '../projections';
import type { EventStore, Position, RecordedEvent } from '../store/port';
import { addMonthsToMonth, type Instant, type YearMonth } from '../terms';
import { laterPosition, type Provenance } from './provenance';

export interface FoldProgress {
  readonly onProgress?: (eventsRead: number) => void;
  readonly every?: number;
}

/** A contract's streams folded: its facts (and, when asked, its network's). */
export interface ContractRead {
  readonly facts: Facts;
  /** The events applied, in the order read, for answers that show them as stored. */
  readonly events: readonly LedgerEvent[];
  readonly provenance: Provenance;
}

const readStream = async (store: EventStore, streamId: string): Promise<readonly RecordedEvent[]> => {
  const r = await store.readStream(streamId);
  return r.status === 'found' ? r.events : [];
};

/** Applies recorded events known at `knownAt` to `facts`; returns those applied. */
function applyKnown(
  facts: Facts,
  recorded: readonly RecordedEvent[],
  knownAt: Instant | undefined,
  validate: boolean,
): LedgerEvent[] {
  const applied: LedgerEvent[] = [];
  for (const r of recorded) {
    let e: LedgerEvent;
    try {
      e = decodeRecorded(r, { validate });
      if (!knownBy(e, knownAt)) continue;
      applyFact(facts, e);
    } catch (error) {
      throw foldFailure(r, error);
    }
    applied.push(e);
  }
  return applied;
}

const lastPosition = (recorded: readonly RecordedEvent[]): Position | null =>
  recorded.reduce<Position | null>((p, r) => laterPosition(p, r.position), null);

/**
 * One contract's facts, from its own stream (and its network's with `withNetwork`), as known at
 * `knownAt`. Null when the ledger (as known then) has no accepted application with that id.
 */
export async function foldContract(
  store: EventStore,
  contractId: string,
  opts: { knownAt?: Instant | undefined; withNetwork?: boolean; validate?: boolean } = {},
): Promise<ContractRead | null> {
  const own = await readStream(store, contractStream(contractId));
  if (own.length === 0) return null;
  const facts = initFacts();
  const events = applyKnown(facts, own, opts.knownAt, opts.validate === true);
  const c = facts.contracts.get(contractId);
  if (!c) return null;
  let read = own;
  if (opts.withNetwork) {
    const network = await readStream(store, networkStream(c.networkId));
    events.push(...applyKnown(facts, network, opts.knownAt, opts.validate === true));
    read = [...own, ...network];
  }
  return {
    facts,
    events,
    provenance: {
      source: 'streams',
      position: lastPosition(read),
      eventsRead: read.length,
      eventsApplied: events.length,
      knownAt: opts.knownAt ?? null,
      viewsProblem: null,
    },
  };
}

/**
 * The closes of `month`, of every month before it and (with `after`) of every month after it, read
 * from their streams into `facts` (closes are contiguous: each walk stops at the first month without
 * one), as known at `knownAt`. Returns the events read.
 */
export async function foldCloses(
  store: EventStore,
  month: YearMonth,
  facts: Facts,
  knownAt: Instant | undefined,
  options: { after?: boolean } = {},
): Promise<number> {
  let read = 0;
  const fold = async (m: YearMonth): Promise<boolean> => {
    const recorded = await readStream(store, billingStream(m));
    read += recorded.length;
    return applyKnown(facts, recorded, knownAt, false).some((e) => e.type === 'MonthClosed');
  };
  const closed = await fold(month);
  for (let m = addMonthsToMonth(month, -1); await fold(m); m = addMonthsToMonth(m, -1));
  if (closed && options.after)
    for (let m = addMonthsToMonth(month, 1); await fold(m); m = addMonthsToMonth(m, 1));
  return read;
}

/** The whole log folded (as known at `knownAt`): the slow path, for month-wide known-at answers. */
export async function foldLog(
  store: EventStore,
  opts: { knownAt?: Instant | undefined } & FoldProgress = {},
): Promise<{ facts: Facts; provenance: Provenance }> {
  const facts = initFacts();
  const every = opts.every ?? 5_000;
  let read = 0;
  let applied = 0;
  let position: Position | null = null;
  for await (const recorded of store.readAll()) {
    read += 1;
    position = recorded.position;
    try {
      const event = decodeRecorded(recorded, { validate: false });
      if (knownBy(event, opts.knownAt)) {
        applyFact(facts, event);
        applied += 1;
      }
    } catch (error) {
      throw foldFailure(recorded, error);
    }
    if (opts.onProgress && read % every === 0) opts.onProgress(read);
  }
  opts.onProgress?.(read);
  return {
    facts,
    provenance: {
      source: 'log',
      position,
      eventsRead: read,
      eventsApplied: applied,
      knownAt: opts.knownAt ?? null,
      viewsProblem: null,
    },
  };
}
