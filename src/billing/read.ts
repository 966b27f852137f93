/**
 * A billing month as billed: a closed month reads exactly the lines its close invoiced, whatever
 * the log holds since; the first open month reads its lines with the adjustments of the closed
 * months carried into it; any later month reads its lines. From the views when they can answer
 * (a read in proportion to the answer), otherwise from the whole log folded (as `--known-at` always is).
 */
import { billingStream, decodeRecorded, foldFailure, type LedgerEvent } from '../events';
import {
  adjustmentLine,
  applyFact,
  type BilledMonth,
  billedMonthOf,
  type ChargeLine,
  type ClosedBy,
  type CloseInfo,
  type Facts,
  knownBy,
  monthlyCharges,
} from '../projections';
import { addMonthsToMonth, type Instant, type LocalDate, type YearMonth } from '../terms';
import type { FoldProgress, Provenance, ReadModel } from '../views/read-model';
import type { ViewsDb } from '../views/views-db';

export interface BilledMonthQuery extends FoldProgress {
  readonly contractId?: string;
  /** As effective on this date: a recomputation, never the invoiced lines. */
  readonly asOf?: LocalDate;
  /** As the ledger knew it then: closes recorded later do not count. */
  readonly knownAt?: Instant;
}

const closedBy = (views: ViewsDb, month: YearMonth): ClosedBy | null => {
  const c = views.billing.close(month);
  return c ? { closeId: c.closeId, closedAt: c.closedAt } : null;
};

/** The adjustments the first open month `month` carries, as its lines (of one contract, or all). */
export function carriedAdjustments(views: ViewsDb, month: YearMonth, contractId?: string): ChargeLine[] {
  const closes = new Map<YearMonth, ClosedBy | null>();
  return views.billing.pending(contractId).map((p) => {
    if (!closes.has(p.month)) closes.set(p.month, closedBy(views, p.month));
    return adjustmentLine(p, month, closes.get(p.month)!);
  });
}

/**
 * The month as billed from the views alone, as they stand (no as-of, no known-at): for a close and
 * for `charges`. Synchronous, so that a close reads it in the transaction it appends in.
 */
export function billedMonthFromViews(views: ViewsDb, month: YearMonth, contractId?: string): BilledMonth {
  const close = views.billing.close(month);
  if (close) {
    return {
      month,
      status: 'closed',
      close: closeInfo(close),
      carriesAdjustments: false,
      recomputed: false,
      charges: monthlyCharges(month, views.billing.invoicedLines(month, contractId)),
    };
  }
  const lastClosed = views.billing.lastClosedMonth();
  const carries = lastClosed !== null && month === addMonthsToMonth(lastClosed, 1);
  const lines = views.monthChargeLines(month, contractId);
  if (carries) lines.push(...carriedAdjustments(views, month, contractId));
  return {
    month,
    status: 'open',
    close: null,
    carriesAdjustments: carries,
    recomputed: false,
    charges: monthlyCharges(month, lines),
  };
}

const closeInfo = (c: CloseInfo): CloseInfo => ({
  month: c.month,
  closeId: c.closeId,
  eventHash: c.eventHash,
  streamId: c.streamId,
  commandId: c.commandId,
  closedBy: c.closedBy,
  closedAt: c.closedAt,
  firstMonth: c.firstMonth,
  totals: c.totals,
  total: c.total,
  seal: c.seal,
});

/**
 * The closes of `month` and of every month before it, read from their streams (closes are
 * contiguous: the walk back stops at the first month without one), as known at `knownAt`.
 */
async function foldCloses(model: ReadModel, month: YearMonth, facts: Facts, knownAt: Instant | undefined) {
  let read = 0;
  const fold = async (m: YearMonth): Promise<boolean> => {
    const r = await model.store.readStream(billingStream(m));
    if (r.status !== 'found') return false;
    read += r.events.length;
    let closed = false;
    for (const recorded of r.events) {
      let e: LedgerEvent;
      try {
        e = decodeRecorded(recorded, { validate: false });
      } catch (error) {
        throw foldFailure(recorded, error);
      }
      if (!knownBy(e, knownAt)) continue;
      applyFact(facts, e);
      closed ||= e.type === 'MonthClosed';
    }
    return closed;
  };
  await fold(month);
  for (let m = addMonthsToMonth(month, -1); await fold(m); m = addMonthsToMonth(m, -1));
  return read;
}

/**
 * A month as billed, for `charges` and `export`: of every contract, or of one (null when the ledger,
 * as known then, has no such contract). From the views when they can answer and the question is
 * about now; otherwise one contract's answer folds its streams and the closes' streams, and the
 * whole ledger's folds the log.
 */
export async function billedMonth(
  model: ReadModel,
  month: YearMonth,
  query: BilledMonthQuery = {},
): Promise<{ billed: BilledMonth; provenance: Provenance } | null> {
  const problem = model.viewsProblem();
  const chargesQuery = {
    ...(query.contractId === undefined ? {} : { contractId: query.contractId }),
    ...(query.asOf === undefined ? {} : { asOf: query.asOf }),
  };
  if (query.knownAt !== undefined || problem !== null) {
    const knownAt = query.knownAt === undefined ? {} : { knownAt: query.knownAt };
    if (query.contractId !== undefined) {
      const read = await model.contract(query.contractId, knownAt);
      if (!read) return null;
      const eventsRead = await foldCloses(model, month, read.facts, query.knownAt);
      return {
        billed: withCloseInfo(billedMonthOf(read.facts, month, chargesQuery)),
        provenance: {
          ...read.provenance,
          eventsRead: read.provenance.eventsRead + eventsRead,
          viewsProblem: query.knownAt !== undefined ? null : problem,
        },
      };
    }
    const folded = await model.foldLog(query);
    return {
      billed: withCloseInfo(billedMonthOf(folded.facts, month, chargesQuery)),
      provenance: { ...folded.provenance, viewsProblem: query.knownAt !== undefined ? null : problem },
    };
  }
  const views = model.views!;
  if (query.contractId !== undefined && query.asOf === undefined && views.billing.close(month) === null) {
    // One contract's open month: from its own stream, with the adjustments it carries from the views.
    const found = await model.contractCharges(query.contractId, month);
    if (!found) return null;
    const lastClosed = views.billing.lastClosedMonth();
    const carries = lastClosed !== null && month === addMonthsToMonth(lastClosed, 1);
    const lines = [...found.charges.lines];
    if (carries) lines.push(...carriedAdjustments(views, month, query.contractId));
    return {
      billed: {
        month,
        status: 'open',
        close: null,
        carriesAdjustments: carries,
        recomputed: false,
        charges: monthlyCharges(month, lines),
      },
      provenance: found.provenance,
    };
  }
  if (query.contractId !== undefined && views.contract(query.contractId) === null) return null;
  if (query.asOf !== undefined) {
    // As effective on a date: the month recomputed from the facts dated by then.
    const close = views.billing.close(month);
    const found =
      query.contractId === undefined
        ? await model.monthCharges(month, { asOf: query.asOf })
        : await model.contractCharges(query.contractId, month, { asOf: query.asOf });
    if (!found) return null;
    return {
      billed: {
        month,
        status: close ? 'closed' : 'open',
        close: close ? closeInfo(close) : null,
        carriesAdjustments: false,
        recomputed: close !== null,
        charges: found.charges,
      },
      provenance: found.provenance,
    };
  }
  const state = model.viewsState()!;
  return {
    billed: billedMonthFromViews(views, month, query.contractId),
    provenance: {
      source: 'views',
      position: state.position,
      eventsRead: state.events,
      eventsApplied: state.events,
      knownAt: null,
      viewsProblem: null,
    },
  };
}

const withCloseInfo = (b: BilledMonth): BilledMonth => (b.close ? { ...b, close: closeInfo(b.close) } : b);

/** Where a month stands: closed (by which close), the first open month, or open. */
export interface MonthStatus {
  readonly month: YearMonth;
  readonly status: 'closed' | 'open';
  /** True for the month the next close must be of (the first open month, or the ledger's first). */
  readonly nextToClose: boolean;
  readonly close: CloseInfo | null;
}

/**
 * The months of the ledger and their close status, from the ledger's first month to `through`
 * (default: the first open month): what a server lists. Null views answers are not possible here:
 * the caller passes views that can answer.
 */
export function monthStatuses(views: ViewsDb, through?: YearMonth): MonthStatus[] {
  const range = views.monthRange();
  const closes = views.billing.closes();
  const lastClosed = views.billing.lastClosedMonth();
  const first = [closes[0]?.month, range?.first].filter((m): m is string => m !== undefined).sort()[0];
  if (first === undefined) return [];
  const next = lastClosed === null ? first : addMonthsToMonth(lastClosed, 1);
  const last = through ?? next;
  const byMonth = new Map(closes.map((c) => [c.month, c]));
  const out: MonthStatus[] = [];
  for (let m = first; m <= last; m = addMonthsToMonth(m, 1)) {
    const c = byMonth.get(m);
    out.push({
      month: m,
      status: c || (lastClosed !== null && m < lastClosed) ? 'closed' : 'open',
      nextToClose: m === next,
      close: c ? closeInfo(c) : null,
    });
  }
  return out;
}
