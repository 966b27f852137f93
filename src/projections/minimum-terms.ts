/**
 * Minimum terms (Art. 5, 17(3)): every term of every contract and option, with the reason it
 * started. A term restarted by a model change stays in the history, superseded by the new one.
 */
import { type LocalDate, minimumTermEnd, type OptionKind } from '../terms';
import { assertDate, compareFactDates, contractAsOf, notAfter } from './as-of';
import type { ContractFacts, Facts, OptionFact, Src } from './facts';
import { contractEnd, deviceModelChanges, optionEnd, optionModelChanges } from './service-periods';

export type TermReason = 'billing-start' | 'model-change' | 'switch-model-change' | 'option-billing-start';

export interface MinimumTerm {
  readonly contractId: string;
  /** Null for the contract's own term. */
  readonly optionId: string | null;
  readonly optionKind: OptionKind | null;
  readonly years: 1 | 3;
  /** The billing start date: the 起算日, counted (Art. 5, 17(3)). */
  readonly start: LocalDate;
  /** The last day of the term (minimumTermEnd). */
  readonly end: LocalDate;
  readonly reason: TermReason;
  readonly article: string;
  readonly sources: readonly string[];
  /** The start of the term that replaced this one before it ran out, or null. */
  readonly supersededOn: LocalDate | null;
  /**
   * Policy term-ends-with-its-service: the last day of the contract (or of the option) when it ends
   * before this term does, the rest of the term settled under Art. 20 (Annex 2); null otherwise.
   */
  readonly cutShortOn: LocalDate | null;
}

export type TermStatus = 'running' | 'completed' | 'superseded' | 'not-started' | 'ended-early';

/**
 * Where a term stands on `date`: not started, running, superseded by a restart (Art. 5(2), 17(3)),
 * completed, or ended early with the contract or option it belongs to (policy
 * term-ends-with-its-service: from the day after that end it no longer runs; Annex 2 settles its rest).
 */
export const termStatusOn = (t: MinimumTerm, date: LocalDate): TermStatus => {
  if (t.supersededOn !== null && t.supersededOn <= date) return 'superseded';
  if (date < t.start) return 'not-started';
  if (t.cutShortOn !== null && t.cutShortOn < date) return 'ended-early';
  return date > t.end ? 'completed' : 'running';
};

const ids = (srcs: readonly Src[]) => srcs.map((s) => s.eventId);

function chain(
  terms: Omit<MinimumTerm, 'supersededOn' | 'cutShortOn'>[],
  end: LocalDate | null,
): MinimumTerm[] {
  const sorted = [...terms].sort((a, b) => compareFactDates(a.start, b.start));
  return sorted.map((t, i) => {
    const next = sorted[i + 1];
    const supersededOn = next && notAfter(next.start, t.end) ? next.start : null;
    const cut =
      end !== null && notAfter(t.start, end) && end < t.end && (supersededOn === null || end < supersededOn);
    return { ...t, supersededOn, cutShortOn: cut ? end : null };
  });
}

/** The contract's terms: from its billing start, then from each device model change (Art. 5(2)). */
export function contractTerms(c: ContractFacts): MinimumTerm[] {
  if (!c.billingStart) return [];
  const base = { contractId: c.contractId, optionId: null, optionKind: null, years: c.termYears };
  return chain(
    [
      {
        ...base,
        start: c.billingStart.on,
        end: minimumTermEnd(c.billingStart.on, c.termYears),
        reason: 'billing-start',
        article: 'Art. 5(1)',
        sources: ids([c.accepted, c.billingStart.src]),
      },
      // Art. 5(2): the restarts the decider recorded (none for a change completed before billing started).
      ...deviceModelChanges(c)
        .filter((m) => m.completed!.restartsTerm)
        .map((m) => ({
          ...base,
          start: m.completed!.billingStartOn,
          end: minimumTermEnd(m.completed!.billingStartOn, c.termYears),
          reason: 'model-change' as const,
          article: 'Art. 5(2)',
          sources: ids([m.accepted, m.completed!.src]),
        })),
    ],
    contractEnd(c)?.on ?? null,
  );
}

/**
 * An option's terms (Art. 17(3)): 1 year from its billing start, when the decider recorded that it
 * started one, and from each model change it recorded as restarting it (Art. 17(3) proviso: the
 * private switch's; a cold-standby unit following the device restarts nothing).
 */
export function optionTerms(c: ContractFacts, o: OptionFact): MinimumTerm[] {
  if (!o.billingStart?.startsTerm) return [];
  const base = { contractId: c.contractId, optionId: o.optionId, optionKind: o.kind, years: 1 as const };
  const restarts = optionModelChanges(c, o.optionId).filter((m) => m.completed!.restartsTerm);
  return chain(
    [
      {
        ...base,
        start: o.billingStart.on,
        end: minimumTermEnd(o.billingStart.on, 1),
        reason: 'option-billing-start',
        article: 'Art. 17(3)',
        sources: ids([o.added, o.billingStart.src]),
      },
      ...restarts.map((m) => ({
        ...base,
        start: m.completed!.billingStartOn,
        end: minimumTermEnd(m.completed!.billingStartOn, 1),
        reason: 'switch-model-change' as const,
        article: 'Art. 17(3) proviso',
        sources: ids([m.accepted, m.completed!.src]),
      })),
    ],
    optionEnd(c, o)?.on ?? null,
  );
}

/** The latest term started on or before `d` (whether or not it has run out), or null. */
export function termStartedBy(terms: readonly MinimumTerm[], d: LocalDate): MinimumTerm | null {
  let found: MinimumTerm | null = null;
  for (const t of terms) if (notAfter(t.start, d)) found = t;
  return found;
}

export interface MinimumTermsQuery {
  readonly contractId?: string;
  /** As effective on this date: terms started later are not yet known. */
  readonly asOf?: LocalDate;
}

/** Every term of every contract (and of its options), contract by contract. */
export function minimumTerms(facts: Facts, query: MinimumTermsQuery = {}): MinimumTerm[] {
  if (query.asOf !== undefined) assertDate(query.asOf, 'asOf');
  const out: MinimumTerm[] = [];
  const contracts =
    query.contractId === undefined
      ? [...facts.contracts.values()]
      : [facts.contracts.get(query.contractId)].filter((c) => c !== undefined);
  for (const full of contracts) {
    const c = query.asOf === undefined ? full : contractAsOf(full, query.asOf);
    if (!c) continue;
    out.push(...contractTerms(c));
    for (const o of c.options.values()) out.push(...optionTerms(c, o));
  }
  return out;
}

/**
 * The minimum term running on `date` for the contract (or, with `optionId`, for that option): the
 * latest term started by then, if it has not run out. Null when none is running.
 */
export function termInForce(
  facts: Facts,
  contractId: string,
  date: LocalDate,
  optionId?: string,
): MinimumTerm | null {
  assertDate(date);
  const full = facts.contracts.get(contractId);
  const c = full && contractAsOf(full, date);
  if (!c) return null;
  let terms: MinimumTerm[];
  if (optionId === undefined) {
    terms = contractTerms(c);
  } else {
    const o = c.options.get(optionId);
    terms = o ? optionTerms(c, o) : [];
  }
  const t = termStartedBy(terms, date);
  return t && notAfter(date, t.end) ? t : null;
}
