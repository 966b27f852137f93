/**
 * Closed months and their adjustments (policy adjust-in-first-open-month). A close invoices a
 * month's lines and never changes; a fact recorded later that changes the month's recomputed lines
 * is billed as an adjustment line in the first open month, per charge line (line ids name the
 * contract, the month, the kind and what is charged):
 *
 *   adjustment = recomputed − (invoiced by the month's close + adjusted by later closes)
 *
 * so that, for every closed month and line, invoiced + all its adjustments = the recomputed truth.
 * Pure: the views (src/views/billing-views.ts) and the whole-log answers both use these functions.
 */
import {
  addMonthsToMonth,
  carriesAdjustments,
  type LocalDate,
  lastDayOfMonth,
  type YearMonth,
} from '../terms';
import type { ChargeNote } from './charge-data';
import {
  billingSchedule,
  type ChargeLine,
  type ChargesQuery,
  chargesForMonth,
  compareLines,
  type MonthlyCharges,
  monthlyCharges,
} from './charges';
import type { CloseFact, Facts } from './facts';

/** The month and line an adjustment line corrects; null for any other line. */
export const correctionOf = (line: ChargeLine): { month: YearMonth; lineId: string } | null =>
  line.formula.kind === 'adjustment' ? { month: line.formula.month, lineId: line.formula.lineId } : null;

/** What was invoiced for one closed month: its close's own lines, and the adjustments of it invoiced since. */
export interface MonthBook {
  /** The lines of the month's own close (not the adjustments of earlier months it carried). */
  readonly invoiced: readonly ChargeLine[];
  /** Adjustment lines of later closes that correct this month. */
  readonly corrections: readonly ChargeLine[];
}

/** An adjustment owed for one line of a closed month, not yet invoiced. */
export interface PendingAdjustment {
  readonly month: YearMonth;
  readonly lineId: string;
  readonly lineKind: string;
  readonly contractId: string;
  readonly networkId: string;
  readonly billTo: string;
  readonly period: { readonly from: LocalDate; readonly to: LocalDate };
  readonly article: string;
  readonly edition: string;
  /** The line as computed now; null when it is gone. */
  readonly recomputed: ChargeLine | null;
  /** The line as the month's close invoiced it; null when it did not exist then. */
  readonly invoiced: ChargeLine | null;
  readonly adjustedBefore: number;
  /** recomputed − invoiced − adjustedBefore. */
  readonly amount: number;
  /** The events behind the difference: behind the month's lines now, and not behind what was invoiced. */
  readonly causedBy: readonly string[];
}

const byContract = <T extends { contractId: string }>(xs: readonly T[], into: Map<string, T[]>) => {
  for (const x of xs) {
    const list = into.get(x.contractId);
    if (list) list.push(x);
    else into.set(x.contractId, [x]);
  }
};

/**
 * The sources of the ends of a contract's fee series that end by the month's last day, in series
 * order (the basic fee, then options by id): why a monthly line is gone.
 */
export function seriesEndSources(
  series: readonly {
    readonly key: string | null;
    readonly end: { on: LocalDate; sources: readonly string[] } | null;
  }[],
  month: YearMonth,
): string[] {
  const last = lastDayOfMonth(month);
  return [...series]
    .filter((s) => s.end !== null && s.end.on <= last)
    .sort((a, b) => (a.key === b.key ? 0 : a.key === null ? -1 : b.key === null ? 1 : a.key < b.key ? -1 : 1))
    .flatMap((s) => s.end!.sources);
}

/**
 * The adjustments owed for closed month `month`: its recomputed lines (`truth`, of any set of
 * contracts) against what was invoiced for them (`book`, of the same contracts). `ends` gives each
 * contract's series-end sources for the month (seriesEndSources), naming the cause of a line that
 * is gone.
 */
export function pendingAdjustments(
  month: YearMonth,
  truth: readonly ChargeLine[],
  book: MonthBook,
  ends: ReadonlyMap<string, readonly string[]> = new Map(),
): PendingAdjustment[] {
  const truthOf = new Map<string, ChargeLine[]>();
  const invoicedOf = new Map<string, ChargeLine[]>();
  const correctedOf = new Map<string, ChargeLine[]>();
  // In output order, whatever order the caller read them in: the causes are listed in it.
  byContract([...truth].sort(compareLines), truthOf);
  byContract(book.invoiced, invoicedOf);
  byContract(book.corrections, correctedOf);
  const contracts = [...new Set([...truthOf.keys(), ...invoicedOf.keys(), ...correctedOf.keys()])].sort();
  const out: PendingAdjustment[] = [];
  for (const contractId of contracts) {
    const now = new Map((truthOf.get(contractId) ?? []).map((l) => [l.id, l]));
    const closed = new Map((invoicedOf.get(contractId) ?? []).map((l) => [l.id, l]));
    const later = new Map<string, ChargeLine[]>();
    for (const l of correctedOf.get(contractId) ?? []) {
      const id = correctionOf(l)!.lineId;
      later.set(id, [...(later.get(id) ?? []), l]);
    }
    const known = new Set<string>();
    for (const l of [...closed.values(), ...(correctedOf.get(contractId) ?? [])])
      for (const s of l.sources) known.add(s);
    const fresh = (ids: readonly string[]) => [...new Set(ids)].filter((id) => !known.has(id));
    let contractCauses: string[] | null = null;
    const causes = (): string[] => {
      contractCauses ??= fresh([
        ...[...now.values()].flatMap((l) => l.sources),
        ...(ends.get(contractId) ?? []),
      ]);
      return contractCauses;
    };
    const ids = [...new Set([...now.keys(), ...closed.keys(), ...later.keys()])].sort();
    for (const lineId of ids) {
      const recomputed = now.get(lineId) ?? null;
      const invoiced = closed.get(lineId) ?? null;
      const corrections = later.get(lineId) ?? [];
      const adjustedBefore = corrections.reduce((sum, l) => sum + l.amount, 0);
      const amount = (recomputed?.amount ?? 0) - (invoiced?.amount ?? 0) - adjustedBefore;
      if (amount === 0) continue;
      const basis = recomputed ?? invoiced ?? corrections[corrections.length - 1]!;
      const own = recomputed ? fresh(recomputed.sources) : [];
      out.push({
        month,
        lineId,
        lineKind:
          recomputed?.kind ??
          invoiced?.kind ??
          (basis.formula.kind === 'adjustment' ? basis.formula.lineKind : basis.kind),
        contractId,
        networkId: basis.networkId,
        billTo: basis.billTo,
        period: basis.period,
        article: basis.article,
        edition: basis.edition,
        recomputed,
        invoiced,
        adjustedBefore,
        amount,
        causedBy: own.length > 0 ? own : causes(),
      });
    }
  }
  return out;
}

/** The close of a corrected month, as an adjustment line names it (null: closed empty, before the first close). */
export interface ClosedBy {
  readonly closeId: string;
  readonly closedAt: string;
}

const side = (l: ChargeLine | null) =>
  l === null
    ? null
    : { amount: l.amount, period: { from: l.period.from, to: l.period.to }, formula: l.formula };

/** The id of the adjustment, in `target`, of line `lineId` of contract `contractId`. */
export const adjustmentLineId = (contractId: string, target: YearMonth, lineId: string): string =>
  `${contractId}:${target}:adjustment:${lineId.startsWith(`${contractId}:`) ? lineId.slice(contractId.length + 1) : lineId}`;

/** A pending adjustment as a charge line of the first open month `target`. */
export function adjustmentLine(p: PendingAdjustment, target: YearMonth, close: ClosedBy | null): ChargeLine {
  const note: ChargeNote = {
    kind: 'corrects-closed-month',
    month: p.month,
    closeId: close?.closeId ?? null,
    closedAt: close?.closedAt ?? null,
  };
  return {
    id: adjustmentLineId(p.contractId, target, p.lineId),
    contractId: p.contractId,
    networkId: p.networkId,
    billTo: p.billTo,
    kind: 'adjustment',
    month: target,
    period: { from: p.period.from, to: p.period.to },
    amount: p.amount,
    article: p.article,
    policy: 'adjust-in-first-open-month',
    edition: p.edition,
    sources: [...p.causedBy],
    formula: {
      kind: 'adjustment',
      month: p.month,
      lineId: p.lineId,
      lineKind: p.lineKind,
      recomputed: side(p.recomputed),
      invoiced: side(p.invoiced),
      adjustedBefore: p.adjustedBefore,
      amount: p.amount,
    },
    notes: [note],
  };
}

// ---------------------------------------------------------------------------------------------
// A month as billed, from facts (the whole log folded): the answer without views, and the oracle

/** A close as the answers name it (a CloseFact, or the views' summary of one). */
export type CloseInfo = Pick<
  CloseFact,
  | 'month'
  | 'closeId'
  | 'ledgerId'
  | 'eventHash'
  | 'streamId'
  | 'commandId'
  | 'closedBy'
  | 'closedAt'
  | 'firstMonth'
  | 'totals'
  | 'total'
  | 'seal'
>;

/** A month as billed: closed (its invoiced lines), or open (recomputed, with the adjustments it carries). */
export interface BilledMonth {
  readonly month: YearMonth;
  readonly status: 'closed' | 'open';
  readonly close: CloseInfo | null;
  /** True for the first open month: the adjustments of closed months are carried into it. */
  readonly carriesAdjustments: boolean;
  /** True when a closed month was recomputed (as effective on a date) instead of read as invoiced. */
  readonly recomputed: boolean;
  readonly charges: MonthlyCharges;
}

/** The last closed month, or null before the first close. */
export const lastClosedMonth = (facts: Facts): YearMonth | null => {
  let last: YearMonth | null = null;
  for (const m of facts.closes.keys()) if (last === null || m > last) last = m;
  return last;
};

/** The earliest month any line of any contract is billed in (null: none). */
function firstBilledMonth(facts: Facts): YearMonth | null {
  let first: YearMonth | null = null;
  const see = (m: YearMonth) => {
    if (first === null || m < first) first = m;
  };
  for (const c of facts.contracts.values()) {
    const s = billingSchedule(c);
    for (const g of s.datedGroups) for (const l of g) see(l.month);
    for (const series of s.series) for (const seg of series.segments) see(seg.from.slice(0, 7));
  }
  return first;
}

/** What was invoiced for `month` by every close: its own close's lines and later closes' corrections. */
export function bookOf(facts: Facts, month: YearMonth, contractId?: string): MonthBook {
  const keep = (l: ChargeLine) => contractId === undefined || l.contractId === contractId;
  const own = facts.closes.get(month);
  const corrections: ChargeLine[] = [];
  for (const close of facts.closes.values()) {
    if (close.month <= month) continue;
    for (const l of close.lines) if (correctionOf(l)?.month === month && keep(l)) corrections.push(l);
  }
  return {
    invoiced: (own?.lines ?? []).filter((l) => l.kind !== 'adjustment' && keep(l)),
    corrections,
  };
}

/** Every adjustment owed now (for every closed month, oldest first), of one contract or all. */
export function pendingAdjustmentsOf(facts: Facts, contractId?: string): PendingAdjustment[] {
  const lastClosed = lastClosedMonth(facts);
  const first = firstBilledMonth(facts);
  if (lastClosed === null || first === null) return [];
  const out: PendingAdjustment[] = [];
  for (let m = first; m <= lastClosed; m = addMonthsToMonth(m, 1)) {
    const truth = chargesForMonth(facts, m, contractId === undefined ? {} : { contractId }).lines;
    const ends = new Map<string, string[]>();
    for (const c of facts.contracts.values()) {
      if (contractId !== undefined && c.contractId !== contractId) continue;
      ends.set(c.contractId, seriesEndSources(billingSchedule(c).series, m));
    }
    out.push(...pendingAdjustments(m, truth, bookOf(facts, m, contractId), ends));
  }
  return out;
}

/** The close that closed `month`: its own, or (for a month before the first close) none. */
export const closedByOf = (closes: ReadonlyMap<YearMonth, CloseFact>, month: YearMonth): ClosedBy | null => {
  const c = closes.get(month);
  return c ? { closeId: c.closeId, closedAt: c.closedAt } : null;
};

/** A month as billed, from the facts of the whole log (as known when they were folded). */
export function billedMonthOf(facts: Facts, month: YearMonth, query: ChargesQuery = {}): BilledMonth {
  const close = facts.closes.get(month) ?? null;
  const lastClosed = lastClosedMonth(facts);
  if (query.asOf !== undefined) {
    return {
      month,
      status: close ? 'closed' : 'open',
      close,
      carriesAdjustments: false,
      recomputed: close !== null,
      charges: chargesForMonth(facts, month, query),
    };
  }
  if (close) {
    const lines = close.lines.filter(
      (l) => query.contractId === undefined || l.contractId === query.contractId,
    );
    return {
      month,
      status: 'closed',
      close,
      carriesAdjustments: false,
      recomputed: false,
      charges: monthlyCharges(month, [...lines]),
    };
  }
  const lines = [...chargesForMonth(facts, month, query).lines];
  const carries = carriesAdjustments(month, lastClosed);
  if (carries) {
    for (const p of pendingAdjustmentsOf(facts, query.contractId))
      lines.push(adjustmentLine(p, month, closedByOf(facts.closes, p.month)));
  }
  return {
    month,
    status: 'open',
    close: null,
    carriesAdjustments: carries,
    recomputed: false,
    charges: monthlyCharges(month, lines),
  };
}
