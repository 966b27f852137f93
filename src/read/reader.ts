/**
 * The one read policy: for every question the ledger answers, where the answer comes from. The CLI,
 * the server, the console, the close and the exports ask here; no other layer chooses.
 *
 * | question                                   | as of now, views usable                     | known at an instant, or no usable views |
 * |--------------------------------------------|---------------------------------------------|-----------------------------------------|
 * | a contract (state, timeline, terms)        | its own streams                             | its own streams, later events left out  |
 * | a contract's month as billed, a line       | its streams + its closes in the views       | its streams + the closes' streams       |
 * | a month as billed (every contract)         | the views (a closed month: the lines its    | the whole log folded                    |
 * |                                            | close signed, checked as they are read)     |                                         |
 * | a month as effective on a date (--as-of)   | the views' candidates, each contract folded | the whole log folded                    |
 * | the deadlines of a date                    | the views' candidates, each contract folded | the whole log folded                    |
 * | the months and their closes                | the views                                   | (the views only)                        |
 *
 * A closed month is what its close recorded, everywhere: its lines are the invoiced ones, and a
 * whole month read from the views is checked against the count, sum and digest its close signed;
 * where they differ, the lines come from the close in the log, and the answer says the views differ.
 */
import { billingStream, decodeRecorded, foldFailure } from '../events';
import {
  applyFact,
  type BilledMonth,
  billedMonthOf,
  type ChargeLine,
  type CloseFact,
  contractAsOf,
  contractChargesForMonth,
  initFacts,
  lineIdParts,
  monthlyCharges,
  monthWindow,
  type ReturnDeadline,
  returnDeadlines,
} from '../projections';
import { compareDeadlines, isOpenDeadline } from '../projections/return-deadlines';
import { comparePositions, type EventStore, type Position, type RecordedEvent } from '../store/port';
import type { Instant, LocalDate, YearMonth } from '../terms';
import type { ContractSearch, ContractSearchRow } from '../views/models/contracts';
import { type ViewsDb, type ViewsProblem, type ViewsState, viewsProblem } from '../views/views-db';
import { billedContractMonth, bookFromFacts, bookFromViews, type ContractBook } from './contract-book';
import { type ContractRead, type FoldProgress, foldCloses, foldContract, foldLog } from './folds';
import { explainListedLine, type LineExplanation } from './lines';
import { closedReading, type MonthReading, openReading, readingOf } from './month-stream';
import { billedMonthFromViews, closeInfo, invoiceCheck, invoicedMismatch, openHead } from './months';
import { type MonthOverview, monthsOverview } from './months-overview';
import { fromViews, laterPosition, type Provenance } from './provenance';
import { corruptRowIn, type ReadHooks, ReadTrail, tracedStore } from './trail';

/** What a reader reads: the log, and its views where there are any. */
export interface LedgerSource {
  readonly store: EventStore;
  readonly views: ViewsDb | null;
}

export interface MonthQuery extends FoldProgress {
  /** As effective on this date: a recomputation, never the invoiced lines. */
  readonly asOf?: LocalDate | undefined;
  /** As the ledger knew it then: events (and closes) recorded later do not count. */
  readonly knownAt?: Instant | undefined;
}

/** A contract's month as billed, with what it was computed from (for explanations). */
export interface ContractMonth {
  readonly billed: BilledMonth;
  readonly read: ContractRead;
  readonly book: ContractBook;
  readonly provenance: Provenance;
}

const known = (knownAt: Instant | undefined) => (knownAt === undefined ? {} : { knownAt });

export class Reader {
  /** What this reader has read (its streams, or the whole log): where to look when a read fails. */
  private readonly trail = new ReadTrail();
  private readonly traced: EventStore;

  constructor(
    private readonly ledger: LedgerSource,
    hooks: ReadHooks = {},
  ) {
    this.traced = tracedStore(ledger.store, this.trail, hooks);
  }

  get store(): EventStore {
    return this.traced;
  }

  /**
   * After a read failed: the first stored event of what this reader read that breaks its schema
   * (a row edited by hand: `{}` for an event's data), or null when every one holds (the failure is
   * a bug). Reads skip the schema check; this makes a corrupt row an answer that names it.
   */
  corruptRowBehind(): ReturnType<typeof corruptRowIn> {
    return corruptRowIn(this.ledger.store, this.trail);
  }

  /** The views, when there are any (usable or not). */
  get views(): ViewsDb | null {
    return this.ledger.views;
  }

  viewsState(): ViewsState | null {
    return this.ledger.views?.state() ?? null;
  }

  /** Why the views cannot answer now, or null. */
  viewsProblem(): ViewsProblem | null {
    return this.ledger.views === null ? { code: 'views-not-configured' } : viewsProblem(this.viewsState());
  }

  /** The views and their state when they can answer now. */
  private usable(): { views: ViewsDb; state: ViewsState } | null {
    const views = this.ledger.views;
    const state = views?.state() ?? null;
    return views && state && viewsProblem(state) === null ? { views, state } : null;
  }

  /**
   * One contract's facts, from its own stream (and its network's with `withNetwork`), as known at
   * `knownAt`. Null when the ledger (as known then) has no accepted application with that id.
   */
  contract(
    contractId: string,
    opts: { knownAt?: Instant | undefined; withNetwork?: boolean; validate?: boolean } = {},
  ): Promise<ContractRead | null> {
    return foldContract(this.store, contractId, opts);
  }

  /** The contractor holding a contract: from the views where they can answer, else its stream (null: none). */
  async holderOf(contractId: string): Promise<string | null> {
    const row = this.usable()?.views.contracts.get(contractId);
    if (row) return row.contractor_id;
    return (await this.contract(contractId))?.facts.contracts.get(contractId)?.contractorId ?? null;
  }

  /**
   * Who a contract is held by, and the holder of its VPN's parent contract (what decides what a
   * principal may see of it): from the views where they can answer, else its streams. Null: no such contract.
   */
  async parties(
    contractId: string,
  ): Promise<{ contractorId: string; parentHolderId: string; networkId: string } | null> {
    const row = this.usable()?.views.contracts.get(contractId);
    if (row)
      return {
        contractorId: row.contractor_id,
        parentHolderId: row.parent_holder_id,
        networkId: row.network_id,
      };
    const c = (await this.contract(contractId, { withNetwork: true }))?.facts.contracts.get(contractId);
    return c
      ? { contractorId: c.contractorId, parentHolderId: c.parentHolderId, networkId: c.networkId }
      : null;
  }

  /**
   * The log after a position, in its order, at most `limit` events (the change feed's page), and
   * its head as this read saw it.
   */
  async logAfter(
    after: Position | null,
    limit: number,
  ): Promise<{ events: RecordedEvent[]; head: Position | null }> {
    const head = await this.store.headPosition();
    const events: RecordedEvent[] = [];
    if (head === null || (after !== null && comparePositions(after, head) >= 0)) return { events, head };
    // readAll includes the event at its starting position: it is skipped.
    for await (const e of this.store.readAll({
      fromPosition: after ?? 'start',
      maxCount: limit + 1,
    })) {
      if (after !== null && comparePositions(e.position, after) <= 0) continue;
      if (comparePositions(e.position, head) > 0 || events.length >= limit) break;
      events.push(e);
    }
    return { events, head };
  }

  /** One contract's month as billed (as effective on `asOf`, as known at `knownAt`); null: no such contract. */
  async contractMonth(
    contractId: string,
    month: YearMonth,
    query: MonthQuery = {},
  ): Promise<ContractMonth | null> {
    const read = await this.contract(contractId, known(query.knownAt));
    if (!read) return null;
    const usable = query.knownAt === undefined ? this.usable() : null;
    let book: ContractBook;
    let provenance = read.provenance;
    if (usable) {
      book = bookFromViews(usable.views, contractId);
      provenance = { ...provenance, position: laterPosition(provenance.position, usable.state.position) };
    } else {
      const closesRead = await foldCloses(this.store, month, read.facts, query.knownAt, { after: true });
      book = bookFromFacts(read.facts, contractId);
      provenance = {
        ...provenance,
        eventsRead: provenance.eventsRead + closesRead,
        viewsProblem: query.knownAt === undefined ? this.viewsProblem() : null,
      };
    }
    return { billed: billedContractMonth(read.facts, book, month, query.asOf), read, book, provenance };
  }

  /** Every contract's month as billed (as effective on `asOf`, as known at `knownAt`). */
  async month(
    month: YearMonth,
    query: MonthQuery = {},
  ): Promise<{ billed: BilledMonth; provenance: Provenance }> {
    const usable = query.knownAt === undefined ? this.usable() : null;
    if (!usable) {
      const folded = await foldLog(this.store, query);
      return {
        billed: withCloseInfo(
          billedMonthOf(folded.facts, month, query.asOf === undefined ? {} : { asOf: query.asOf }),
        ),
        provenance: {
          ...folded.provenance,
          viewsProblem: query.knownAt === undefined ? this.viewsProblem() : null,
        },
      };
    }
    const { views, state } = usable;
    if (query.asOf !== undefined) return this.monthAsOf(views, state, month, query.asOf);
    const billed = billedMonthFromViews(views, month);
    if (billed.status === 'closed' && invoicedMismatch(billed.charges.lines, billed.close!) !== null) {
      // The views' copy of the invoice is not what the close signed: answer the close in the log.
      const close = await this.closeInLog(month);
      if (close) {
        return {
          billed: { ...billed, close: closeInfo(close), charges: monthlyCharges(month, [...close.lines]) },
          provenance: {
            ...fromViews(state),
            viewsProblem: { code: 'views-differ', table: 'view_invoiced', month },
          },
        };
      }
    }
    return { billed, provenance: fromViews(state) };
  }

  /**
   * Every contract's month as billed, read as it streams (what `export` and `charges --month`
   * write): from the views as they stand, a row at a time, in proportion to one contract, whatever
   * the month's size; a closed month's lines are checked against what its close signed first. As of
   * a date, as known at an instant, or without usable views, the month as `month` answers it.
   */
  async monthReading(month: YearMonth, query: MonthQuery = {}): Promise<MonthReading> {
    const usable = query.knownAt === undefined && query.asOf === undefined ? this.usable() : null;
    if (!usable) {
      const { billed, provenance } = await this.month(month, query);
      return readingOf(billed, provenance);
    }
    const { views, state } = usable;
    const close = views.closes.close(month);
    if (close) {
      const head = {
        month,
        status: 'closed' as const,
        close: closeInfo(close),
        carriesAdjustments: false,
        recomputed: false,
      };
      if (invoiceCheck(views.closes.iterateInvoiced(month), close) === null)
        return closedReading(views, head, fromViews(state));
      const { billed, provenance } = await this.month(month, query);
      return readingOf(billed, provenance);
    }
    return openReading(views, openHead(views, month), fromViews(state));
  }

  /**
   * A month as billed, of every contract or of one (null when the ledger, as known then, has no such
   * contract): what `charges`, the months endpoints and the console list.
   */
  async billed(
    month: YearMonth,
    query: MonthQuery & { readonly contractId?: string | undefined } = {},
  ): Promise<{ billed: BilledMonth; provenance: Provenance } | null> {
    if (query.contractId === undefined) return this.month(month, query);
    const found = await this.contractMonth(query.contractId, month, query);
    return found && { billed: found.billed, provenance: found.provenance };
  }

  /**
   * A month as effective on a date: facts dated later are left out, which can only remove lines, or
   * lengthen a service whose end was noticed later. The candidates are the contracts with lines in
   * the month now, and those whose service (or an option's) had not ended by the month's start.
   */
  private async monthAsOf(
    views: ViewsDb,
    state: ViewsState,
    month: YearMonth,
    asOf: LocalDate,
  ): Promise<{ billed: BilledMonth; provenance: Provenance }> {
    const window = monthWindow(month);
    const lines: ChargeLine[] = [];
    let read = 0;
    let position: Position | null = null;
    for (const contractId of views.charges.monthCandidates(month, asOf)) {
      const c = await this.contract(contractId);
      if (!c) continue;
      read += c.provenance.eventsRead;
      position = laterPosition(position, c.provenance.position);
      const asOfFacts = contractAsOf(c.facts.contracts.get(contractId)!, asOf);
      if (asOfFacts) lines.push(...contractChargesForMonth(asOfFacts, month, window));
    }
    const close = views.closes.close(month);
    return {
      billed: {
        month,
        status: close ? 'closed' : 'open',
        close: close ? closeInfo(close) : null,
        carriesAdjustments: false,
        recomputed: close !== null,
        charges: monthlyCharges(month, lines),
      },
      provenance: {
        ...fromViews(state),
        source: 'streams',
        position: laterPosition(position, state.position),
        eventsRead: read,
        eventsApplied: read,
      },
    };
  }

  /** The close of `month` as the log recorded it, or null. */
  private async closeInLog(month: YearMonth): Promise<CloseFact | null> {
    const r = await this.store.readStream(billingStream(month));
    if (r.status !== 'found') return null;
    for (const recorded of r.events) {
      if (recorded.type !== 'MonthClosed') continue;
      let event: ReturnType<typeof decodeRecorded>;
      try {
        event = decodeRecorded(recorded, { validate: false });
      } catch (error) {
        throw foldFailure(recorded, error);
      }
      const facts = initFacts();
      applyFact(facts, event);
      return facts.closes.get(month) ?? null;
    }
    return null;
  }

  /**
   * A charge line, explained, whatever surface listed it: looked up in the month its id names, as
   * billed (as known at `knownAt`). Null when no such line is listed (or recomputed, for a closed month).
   */
  async line(
    lineId: string,
    query: { knownAt?: Instant | undefined } = {},
  ): Promise<{ explanation: LineExplanation; month: ContractMonth } | null> {
    for (const { contractId, month } of lineIdParts(lineId)) {
      const found = await this.contractMonth(contractId, month, query);
      if (!found) continue;
      const explanation = explainListedLine(
        found.read.facts,
        found.book,
        month,
        lineId,
        found.billed.charges.lines,
      );
      if (explanation) return { explanation, month: found };
    }
    return null;
  }

  /**
   * The return deadlines of `date` (Art. 14(3)), open ones unless `all`: of one contract, or of the
   * contracts the views name as having an item owed back known by then (each folded on its own).
   */
  async deadlines(
    date: LocalDate,
    opts: { contractId?: string; all?: boolean; knownAt?: Instant | undefined } & FoldProgress = {},
  ): Promise<{ deadlines: ReturnDeadline[]; provenance: Provenance } | null> {
    const keep = (found: ReturnDeadline[]) => (opts.all ? found : found.filter(isOpenDeadline));
    if (opts.contractId !== undefined) {
      const read = await this.contract(opts.contractId, known(opts.knownAt));
      if (!read) return null;
      return { deadlines: keep(returnDeadlines(read.facts, date)), provenance: read.provenance };
    }
    const usable = this.usable();
    if (!usable) {
      const folded = await foldLog(this.store, opts);
      return {
        deadlines: keep(returnDeadlines(folded.facts, date)),
        provenance: { ...folded.provenance, viewsProblem: this.viewsProblem() },
      };
    }
    // Known at an earlier time, fewer items may have been settled: then every item known by the
    // date is a candidate, settled or not.
    const candidates = usable.views.deadlines.contractsOwing(
      date,
      opts.all === true || opts.knownAt !== undefined,
    );
    const found: ReturnDeadline[] = [];
    let read = 0;
    let applied = 0;
    for (const contractId of candidates) {
      const c = await this.contract(contractId, known(opts.knownAt));
      if (!c) continue;
      read += c.provenance.eventsRead;
      applied += c.provenance.eventsApplied;
      found.push(...returnDeadlines(c.facts, date));
    }
    return {
      deadlines: keep(found.sort(compareDeadlines)),
      provenance: {
        ...fromViews(usable.state),
        eventsRead: read,
        eventsApplied: applied,
        knownAt: opts.knownAt ?? null,
      },
    };
  }

  /** Contracts found by id prefix, holder, network and status, from the views (null when they cannot answer). */
  searchContracts(query: ContractSearch): { rows: ContractSearchRow[]; provenance: Provenance } | null {
    const usable = this.usable();
    if (!usable) return null;
    return { rows: usable.views.contracts.search(query), provenance: fromViews(usable.state) };
  }

  /**
   * Every month of the ledger, from its first charge to `through` (the current month, by the clock
   * of the edge that asks; and at least to the month the next close must be of): closed (by whom,
   * when, which close, its lines, total and the adjustments it carried, its seal) or open (its lines
   * as they stand). After `after`, at most `limit` (`more` when others follow). From the views
   * (null when they cannot answer); an open month is read as it streams.
   */
  months(
    through: YearMonth,
    page: { readonly after?: YearMonth | null; readonly limit?: number } = {},
  ): { months: MonthOverview[]; more: boolean; provenance: Provenance } | null {
    const usable = this.usable();
    if (!usable) return null;
    const { views, state } = usable;
    const found = monthsOverview(views, through, page, (_month, head) =>
      openReading(views, head, fromViews(state)).lines(),
    );
    return { ...found, provenance: fromViews(state) };
  }

  /** The whole log folded (as known at `knownAt`). */
  foldLog(opts: { knownAt?: Instant | undefined } & FoldProgress = {}) {
    return foldLog(this.store, opts);
  }
}

const withCloseInfo = (b: BilledMonth): BilledMonth => (b.close ? { ...b, close: closeInfo(b.close) } : b);
