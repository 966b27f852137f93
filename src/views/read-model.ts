/**
 * The read side: every question the ledger answers, at a cost in proportion to the answer.
 *
 * - One contract (state, timeline, terms, explain, its charges, its deadlines): its own stream,
 *   and its network's stream where the answer needs it, folded on the spot. A contract's stream is
 *   its per-contract view; `--known-at` simply leaves out the events recorded later.
 * - A whole month's charges: the persistent views (the month's dated lines, and the fee segments
 *   that cover it). `--as-of` folds only the contracts that can have lines in the month;
 *   `--known-at` reads the log up to that time (with progress).
 * - The deadlines of a date: the views pick the contracts with an item owed back, each is folded.
 *
 * When the views cannot answer (none yet, another version, stale), month-wide answers come from
 * the log instead, and say so.
 */
import { contractStream, decodeRecorded, foldFailure, type LedgerEvent, networkStream } from '../events';
import {
  applyFact,
  type ChargeLine,
  chargesForMonth,
  contractAsOf,
  contractChargesForMonth,
  type Facts,
  initFacts,
  knownBy,
  type MonthlyCharges,
  monthlyCharges,
  monthWindow,
  type ReturnDeadline,
  returnDeadlines,
} from '../projections';
import { compareDeadlines, isOpenDeadline } from '../projections/return-deadlines';
import { comparePositions, type EventStore, type Position, type RecordedEvent } from '../store/port';
import type { Instant, LocalDate, YearMonth } from '../terms';
import { type ViewsDb, type ViewsState, viewsProblem } from './views-db';

/** Where an answer came from. */
export interface Provenance {
  /** views: the persistent views; streams: the streams the answer needed; log: the whole log. */
  readonly source: 'views' | 'streams' | 'log';
  /** The last position the answer reflects (views: their checkpoint; streams: their last event). */
  readonly position: Position | null;
  /** Events read to answer (for views: the events the views reflect). */
  readonly eventsRead: number;
  /** Of those, the events the answer counts (those the ledger knew at --known-at). */
  readonly eventsApplied: number;
  readonly knownAt: Instant | null;
  /** Why the views were not used, when a month-wide answer came from the log. */
  readonly viewsProblem: string | null;
}

export interface FoldProgress {
  readonly onProgress?: (eventsRead: number) => void;
  readonly every?: number;
}

/** A contract's streams folded: its facts (and, when asked, its network's). */
export interface ContractRead {
  readonly facts: Facts;
  /** The events read, validated, for answers that show them as stored. */
  readonly events: readonly LedgerEvent[];
  readonly provenance: Provenance;
}

const later = (a: Position | null, b: Position | null): Position | null =>
  a === null ? b : b === null ? a : comparePositions(a, b) >= 0 ? a : b;

export class ReadModel {
  constructor(
    readonly store: EventStore,
    /** The views, where there are any (the ledger file's own for SQLite; a views file for EventStoreDB). */
    readonly views: ViewsDb | null,
  ) {}

  viewsState(): ViewsState | null {
    return this.views?.state() ?? null;
  }

  /** Why the views cannot answer now, or null. */
  viewsProblem(): string | null {
    return this.views === null ? 'no views are configured for this store' : viewsProblem(this.viewsState());
  }

  /**
   * One contract's facts, from its own stream (and its network's with `withNetwork`), as known at
   * `knownAt`. Null when the ledger (as known then) has no accepted application with that id.
   */
  async contract(
    contractId: string,
    opts: { knownAt?: Instant; withNetwork?: boolean; validate?: boolean } = {},
  ): Promise<ContractRead | null> {
    const own = await this.readStream(contractStream(contractId));
    if (own.length === 0) return null;
    const facts = initFacts();
    const events: LedgerEvent[] = [];
    let position: Position | null = null;
    let applied = 0;
    const fold = (recorded: readonly RecordedEvent[]) => {
      for (const r of recorded) {
        position = later(position, r.position);
        try {
          const e = decodeRecorded(r, { validate: opts.validate === true });
          if (!knownBy(e, opts.knownAt)) continue;
          applyFact(facts, e);
          events.push(e);
          applied++;
        } catch (error) {
          throw foldFailure(r, error);
        }
      }
    };
    fold(own);
    const c = facts.contracts.get(contractId);
    if (!c) return null;
    let read = own.length;
    if (opts.withNetwork) {
      const network = await this.readStream(networkStream(c.networkId));
      read += network.length;
      fold(network);
    }
    return {
      facts,
      events,
      provenance: {
        source: 'streams',
        position,
        eventsRead: read,
        eventsApplied: applied,
        knownAt: opts.knownAt ?? null,
        viewsProblem: null,
      },
    };
  }

  /** The charge lines of one contract in one month (as effective on `asOf`, as known at `knownAt`). */
  async contractCharges(
    contractId: string,
    month: YearMonth,
    opts: { asOf?: LocalDate; knownAt?: Instant } = {},
  ): Promise<{ charges: MonthlyCharges; provenance: Provenance } | null> {
    const read = await this.contract(contractId, opts.knownAt === undefined ? {} : { knownAt: opts.knownAt });
    if (!read) return null;
    return {
      charges: chargesForMonth(read.facts, month, {
        contractId,
        ...(opts.asOf === undefined ? {} : { asOf: opts.asOf }),
      }),
      provenance: read.provenance,
    };
  }

  /**
   * Every charge line of a month. From the views: the month's dated lines and the segments that
   * cover it. With `asOf`: the contracts that can have lines in the month are folded. With
   * `knownAt`, or without usable views: the log is folded up to then.
   */
  async monthCharges(
    month: YearMonth,
    opts: { asOf?: LocalDate; knownAt?: Instant } & FoldProgress = {},
  ): Promise<{ charges: MonthlyCharges; provenance: Provenance }> {
    const window = monthWindow(month);
    const problem = this.viewsProblem();
    if (opts.knownAt !== undefined || problem !== null) {
      const folded = await this.foldLog(opts);
      return {
        charges: chargesForMonth(folded.facts, month, opts.asOf === undefined ? {} : { asOf: opts.asOf }),
        provenance: { ...folded.provenance, viewsProblem: opts.knownAt !== undefined ? null : problem },
      };
    }
    const views = this.views!;
    const state = this.viewsState()!;
    const provenance: Provenance = {
      source: 'views',
      position: state.position,
      eventsRead: state.events,
      eventsApplied: state.events,
      knownAt: null,
      viewsProblem: null,
    };
    if (opts.asOf === undefined) {
      return { charges: monthlyCharges(month, views.monthChargeLines(month)), provenance };
    }
    // As effective on a date: facts dated later are left out, which can only remove lines, or
    // lengthen a service whose end was noticed later. The candidates are the contracts with lines
    // in the month now, and those whose service (or an option's) had not ended by the month's start.
    const lines: ChargeLine[] = [];
    let read = 0;
    let position: Position | null = null;
    for (const contractId of views.monthCandidates(month, opts.asOf)) {
      const c = await this.contract(contractId);
      if (!c) continue;
      read += c.provenance.eventsRead;
      position = later(position, c.provenance.position);
      const asOf = contractAsOf(c.facts.contracts.get(contractId)!, opts.asOf);
      if (asOf) lines.push(...contractChargesForMonth(asOf, month, window));
    }
    return {
      charges: monthlyCharges(month, lines),
      provenance: { ...provenance, source: 'streams', position, eventsRead: read, eventsApplied: read },
    };
  }

  /** The whole log folded (as known at `knownAt`): the slow path, for month-wide known-at answers. */
  async foldLog(
    opts: { knownAt?: Instant } & FoldProgress = {},
  ): Promise<{ facts: Facts; provenance: Provenance }> {
    const facts = initFacts();
    const every = opts.every ?? 5_000;
    let read = 0;
    let applied = 0;
    let position: Position | null = null;
    for await (const recorded of this.store.readAll()) {
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

  /**
   * The return deadlines of `date` (Art. 14(3)), open ones unless `all`: of one contract, or of the
   * contracts the views name as having an item owed back known by then (each folded on its own).
   */
  async deadlines(
    date: LocalDate,
    opts: { contractId?: string; all?: boolean; knownAt?: Instant } & FoldProgress = {},
  ): Promise<{ deadlines: ReturnDeadline[]; provenance: Provenance } | null> {
    const keep = (found: ReturnDeadline[]) => (opts.all ? found : found.filter(isOpenDeadline));
    const knownAt = opts.knownAt === undefined ? {} : { knownAt: opts.knownAt };
    if (opts.contractId !== undefined) {
      const read = await this.contract(opts.contractId, knownAt);
      if (!read) return null;
      return { deadlines: keep(returnDeadlines(read.facts, date)), provenance: read.provenance };
    }
    const problem = this.viewsProblem();
    if (problem !== null) {
      const folded = await this.foldLog(opts);
      return {
        deadlines: keep(returnDeadlines(folded.facts, date)),
        provenance: { ...folded.provenance, viewsProblem: problem },
      };
    }
    const state = this.viewsState()!;
    // Known at an earlier time, fewer items may have been settled: then every item known by the
    // date is a candidate, settled or not.
    const candidates = this.views!.deadlineContracts(date, opts.all === true || opts.knownAt !== undefined);
    const found: ReturnDeadline[] = [];
    let read = 0;
    let applied = 0;
    for (const contractId of candidates) {
      const c = await this.contract(contractId, knownAt);
      if (!c) continue;
      read += c.provenance.eventsRead;
      applied += c.provenance.eventsApplied;
      found.push(...returnDeadlines(c.facts, date));
    }
    return {
      deadlines: keep(found.sort(compareDeadlines)),
      provenance: {
        source: 'views',
        position: state.position,
        eventsRead: read,
        eventsApplied: applied,
        knownAt: opts.knownAt ?? null,
        viewsProblem: null,
      },
    };
  }

  private async readStream(streamId: string): Promise<readonly RecordedEvent[]> {
    const r = await this.store.readStream(streamId);
    return r.status === 'found' ? r.events : [];
  }
}
