/**
 * Applies events to the views: for each stream an event touches, the stream's facts move on by the
 * event and the stream's rows are written again where they changed. The facts of recently touched
 * streams are kept in a bounded cache keyed by stream and revision; on a miss, or when another
 * writer moved the stream on, they are folded again from the stream itself (never from the whole log).
 *
 * The projector does no transaction of its own: the caller runs `apply` inside the transaction that
 * also moves the checkpoint (the append's own transaction for the SQLite store, a views-file
 * transaction for a follower), so that every event is applied exactly once.
 */
import {
  BILLING_STREAM_PREFIX,
  CONTRACT_STREAM_PREFIX,
  decodeRecorded,
  NETWORK_STREAM_PREFIX,
  SEALS_STREAM,
} from '../events';
import { applyFact, type Facts, initFacts } from '../projections';
import type { RecordedEvent } from '../store/port';
import {
  type BillingRows,
  billingRows,
  type ContractRows,
  contractRows,
  type NetworkRows,
  networkRows,
  rowEffect,
  type SealRows,
  sealRows,
} from './rows';
import type { ViewsDb } from './views-db';

/** The events of `streamId` before `beforeRevision`, in order (synchronously: inside a transaction). */
export type StreamReader = (streamId: string, beforeRevision: bigint) => readonly RecordedEvent[];

/** What one stream contributes to the views. */
export type AnyStreamRows = ContractRows | NetworkRows | BillingRows | SealRows;

interface CachedStream {
  revision: bigint;
  facts: Facts;
  rows: AnyStreamRows | null;
}

/** The streams that feed the views: contracts, networks, billing months and the seals made on demand. */
export const isViewStream = (streamId: string): boolean =>
  streamId.startsWith(CONTRACT_STREAM_PREFIX) ||
  streamId.startsWith(NETWORK_STREAM_PREFIX) ||
  streamId.startsWith(BILLING_STREAM_PREFIX) ||
  streamId === SEALS_STREAM;

/** The rows of the one stream folded into `facts` (a contract, a network, a month's close, the seals), or null. */
export function streamRows(facts: Facts): AnyStreamRows | null {
  for (const c of facts.contracts.values()) return contractRows(c);
  for (const n of facts.networks.values()) return networkRows(n);
  for (const c of facts.closes.values()) return billingRows(c, [...facts.seals.values()]);
  if (facts.seals.size > 0) return sealRows([...facts.seals.values()]);
  return null;
}

export const isContractRows = (rows: AnyStreamRows): rows is ContractRows => 'lineGroups' in rows;
export const isNetworkRows = (rows: AnyStreamRows): rows is NetworkRows => 'members' in rows;
export const isBillingRows = (rows: AnyStreamRows): rows is BillingRows => 'close' in rows;

/**
 * Writes a stream's rows over its previous ones (`prev` null: not known, rewrite). A contract's
 * rows, once a month is closed, also move the adjustments owed; a close moves them too.
 */
export function writeStreamRows(
  views: ViewsDb,
  rows: AnyStreamRows,
  prev: AnyStreamRows | null,
  newStream = false,
): void {
  if (isContractRows(rows)) {
    const billing = views.billing;
    // A stream that starts here has no rows yet: they are inserted, nothing to compare or delete.
    if (newStream && billing.lastClosedMonth() === null) {
      views.insertContract(rows);
      return;
    }
    const base =
      billing.lastClosedMonth() === null
        ? null
        : ((prev as ContractRows | null) ??
          views.storedContractRows(rows.summary.contract_id) ?? {
            ...rows,
            lineGroups: [],
            segments: [],
            deadlines: [],
          });
    views.writeContract(rows, prev as ContractRows | null);
    if (base) billing.afterContractRows(base, rows);
  } else if (isNetworkRows(rows)) {
    if (newStream) views.insertNetwork(rows);
    else views.writeNetwork(rows, prev as NetworkRows | null);
  } else if (isBillingRows(rows)) {
    const wasFirst = views.billing.lastClosedMonth() === null;
    views.billing.insertClose(rows);
    views.billing.afterClose(rows, wasFirst);
  } else {
    views.billing.insertSeals(rows);
  }
}

export interface ProjectorOptions {
  /** Streams whose facts stay in memory between events (least recently used go first). */
  readonly cacheSize?: number;
}

export class ViewProjector {
  private readonly cache = new Map<string, CachedStream>();
  private readonly cacheSize: number;

  constructor(
    readonly views: ViewsDb,
    private readonly read: StreamReader,
    options: ProjectorOptions = {},
  ) {
    this.cacheSize = options.cacheSize ?? 2_000;
  }

  /**
   * The streams among `events` whose facts are not cached at the revision just before their first
   * event here: an asynchronous caller reads them first and passes them to `apply`.
   */
  missing(events: readonly RecordedEvent[]): Map<string, bigint> {
    const out = new Map<string, bigint>();
    const seen = new Set<string>();
    for (const e of events) {
      if (seen.has(e.streamId) || !isViewStream(e.streamId) || rowEffect(e.type) === 'never-read') continue;
      seen.add(e.streamId);
      const cached = this.cache.get(e.streamId);
      if (!cached || cached.revision !== e.revision - 1n) out.set(e.streamId, e.revision);
    }
    return out;
  }

  /**
   * Applies events (in global order) and moves the checkpoint to the last one, in the caller's
   * transaction. `read` overrides the projector's reader for this call (prefetched streams).
   */
  apply(events: readonly RecordedEvent[], read: StreamReader = this.read): void {
    if (events.length === 0) return;
    let i = 0;
    while (i < events.length) {
      // Consecutive events of one stream (one append) are applied together, their rows written once.
      let j = i + 1;
      while (j < events.length && events[j]!.streamId === events[i]!.streamId) j++;
      this.applyStream(events.slice(i, j), read);
      i = j;
    }
    this.views.setCheckpoint(events[events.length - 1]!.position, events.length);
    // Trimmed only now: a stream met twice in one call must find its facts the second time.
    while (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
  }

  /** Forgets every cached stream (after a rollback, the cache may be ahead of the tables). */
  clear(): void {
    this.cache.clear();
  }

  private applyStream(events: readonly RecordedEvent[], read: StreamReader): void {
    const first = events[0]!;
    const last = events[events.length - 1]!;
    if (!isViewStream(first.streamId)) return;
    const read_ = events.filter((r) => rowEffect(r.type) !== 'never-read');
    let entry = this.cache.get(first.streamId);
    if (read_.length === 0) {
      // Nothing a row reads: a cached stream just moves on past these revisions.
      if (entry && entry.revision === first.revision - 1n) entry.revision = last.revision;
      return;
    }
    this.cache.delete(first.streamId);
    let prevRows: AnyStreamRows | null = null;
    if (entry && entry.revision === first.revision - 1n) {
      prevRows = entry.rows;
    } else {
      // A miss, or the stream moved on elsewhere: fold it again from its own events.
      const facts = initFacts();
      for (const r of first.revision === 0n ? [] : read(first.streamId, first.revision)) {
        if (rowEffect(r.type) !== 'never-read') applyFact(facts, decodeRecorded(r, { validate: false }));
      }
      entry = { revision: first.revision - 1n, facts, rows: null };
    }
    for (const r of read_) applyFact(entry.facts, decodeRecorded(r, { validate: false }));
    entry.revision = last.revision;
    if (!read_.some((r) => rowEffect(r.type) === 'writes')) {
      // The stored rows still hold; the cached ones (if known) stay the base of the next diff.
      this.cache.set(first.streamId, entry);
      return;
    }
    const rows = streamRows(entry.facts);
    if (rows) writeStreamRows(this.views, rows, prevRows, first.revision === 0n);
    entry.rows = rows;
    this.cache.set(first.streamId, entry);
  }
}
