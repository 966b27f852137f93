/**
 * Reductions for outages (Art. 21, Annex 3): per outage, the unusable hours, the claim window and
 * the decision on each claim.
 *
 * Policy reduction-hours-while-fee-owed (DIGEST): the hours count only while the monthly fee is
 * owed, from the billing start (00:00 Japan time; recorded by the decider as `countedFrom`) to the
 * end of the contract's last billed day; the fee basis is the fee in force when the counted hours
 * begin, never 0.
 *
 * Where the text is silent (besides the policies in terms/policies.ts):
 * - A claim made while the outage is still going on is PENDING, not judged on the hours so far:
 *   the unusable hours (利用不能時間) are the whole continuous span, and whether it was the
 *   provider's fault is recorded only with the resolution. It is decided when the outage is
 *   resolved, on the full hours. (A pending claim made after its window closed is refused at once.)
 * - The reduction is billed in the month of the claim, or in the month of the resolution when that
 *   comes later (the amount is not known before), so that a closed month never changes.
 * - The fee basis is the fee billed on the day the counted hours begin (the billing start for an
 *   outage known before it).
 * - Several claims for one outage: each is judged; the first granted one carries the reduction and
 *   the later ones are refused as already granted.
 */
import {
  type ClaimWindow,
  type CountedSpan,
  claimWindowOf,
  compareDates,
  countedUnusableSpan,
  jstDate,
  type LocalDate,
  laterOf,
  monthOf,
  type OptionKind,
  type OutageReduction,
  outageReduction,
  type YearMonth,
} from '../terms';
import { assertDate, contractAsOf } from './as-of';
import type { ContractFacts, Facts, OutageCause, OutageFact, Src } from './facts';
import {
  basicFeeSteps,
  contractEnd,
  feeInForce,
  optionActiveOn,
  optionFeeSteps,
  optionHasMonthlyFee,
} from './service-periods';

export type ClaimStatus = 'granted' | 'refused' | 'pending';
export type OutageStatus = ClaimStatus | 'unclaimed';

/** Why a claim (or an outage without one) stands as it does, as data; src/render words it. */
export type ClaimReason =
  /** Art. 21 reduces only for an outage through the provider's fault. */
  | { readonly kind: 'not-provider-fault'; readonly cause: OutageCause }
  /** Under the 24 consecutive hours Art. 21 requires. */
  | { readonly kind: 'under-24-hours'; readonly hours: number }
  | {
      readonly kind: 'before-window';
      readonly claimedOn: LocalDate;
      readonly firstClaimableOn: LocalDate;
      readonly reachedAt: string;
    }
  /** Art. 21 proviso: 3 months elapsed from the day the claim could first be made; the right was lost. */
  | {
      readonly kind: 'after-window';
      readonly claimedOn: LocalDate;
      readonly lastClaimableOn: LocalDate;
      readonly firstClaimableOn: LocalDate;
    }
  /** The unusable hours and the cause are known only once the outage is resolved. */
  | { readonly kind: 'unresolved' }
  | {
      readonly kind: 'within-window';
      readonly claimedOn: LocalDate;
      readonly from: LocalDate;
      readonly to: LocalDate;
    }
  | { readonly kind: 'already-granted'; readonly on: LocalDate }
  | { readonly kind: 'known-at-missing' }
  | { readonly kind: 'unresolved-unclaimed' }
  | { readonly kind: 'under-24-hours-no-reduction'; readonly hours: number }
  /** Policy reduction-hours-while-fee-owed: known before billing started, none of its hours count yet. */
  | { readonly kind: 'before-billing' }
  | { readonly kind: 'claimable'; readonly from: LocalDate; readonly to: LocalDate };

export interface ClaimDecision {
  readonly claimedOn: LocalDate;
  readonly eventId: string;
  readonly status: ClaimStatus;
  readonly reason: ClaimReason;
}

export interface FeeBasis {
  /** The Japan date the counted hours began (the outage known, or the billing start): the day whose fees are the basis. */
  readonly on: LocalDate;
  readonly basic: number;
  readonly options: readonly { optionId: string; kind: OptionKind; monthlyFee: number }[];
  readonly total: number;
  readonly policy: 'reduction-fee-basis-basic-plus-active-options';
  readonly sources: readonly Src[];
}

export interface OutageAssessment {
  readonly contractId: string;
  readonly outageId: string;
  readonly knownAt: string | null;
  readonly resolvedAt: string | null;
  readonly cause: OutageCause | null;
  /**
   * Whole hours of the counted span (policy reduction-hours-while-fee-owed): from `countedFrom` to
   * the resolution or the end of the last billed day; null while unresolved or not yet counted.
   */
  readonly unusableHours: number | null;
  /** The span the hours were counted over, once the outage is resolved and its count has begun. */
  readonly counted: CountedSpan | null;
  /** floor(unusable hours / 24); null while unresolved. */
  readonly qualifyingDays: number | null;
  /** Null when the outage was resolved within 24 hours (no claim can arise). */
  readonly window: ClaimWindow | null;
  readonly claims: readonly ClaimDecision[];
  readonly status: OutageStatus;
  readonly reason: ClaimReason;
  readonly feeBasis: FeeBasis | null;
  /** The Annex 3 computation, once the hours are known. */
  readonly reduction: OutageReduction | null;
  /** The reduction granted (positive yen; the charge line is its negative), 0 otherwise. */
  readonly amount: number;
  /** The month whose charges carry the reduction, when granted. */
  readonly billedIn: YearMonth | null;
  /** The claim that was granted. */
  readonly grantedBy: Src | null;
  /** The events behind the outage and the granted claim. */
  readonly sources: readonly Src[];
}

/** Annex 3's "monthly fee": basic fee plus the options billed when the counted hours began. */
export function reductionFeeBasis(c: ContractFacts, on: LocalDate): FeeBasis {
  const basicStep = feeInForce(basicFeeSteps(c), on);
  const sources: Src[] = [...(basicStep?.sources ?? [])];
  const options: { optionId: string; kind: OptionKind; monthlyFee: number }[] = [];
  for (const o of c.options.values()) {
    if (!optionHasMonthlyFee(o) || !optionActiveOn(c, o, on)) continue;
    const step = feeInForce(optionFeeSteps(c, o), on);
    if (!step) continue;
    options.push({ optionId: o.optionId, kind: o.kind, monthlyFee: step.monthlyFee });
    sources.push(...step.sources);
  }
  const basic = basicStep?.monthlyFee ?? 0;
  const total = options.reduce((sum, o) => sum + o.monthlyFee, basic);
  return { on, basic, options, total, policy: 'reduction-fee-basis-basic-plus-active-options', sources };
}

function judge(
  claimedOn: LocalDate,
  o: OutageFact,
  window: ClaimWindow | null,
  hours: number | null,
): { status: ClaimStatus; reason: ClaimReason } {
  const cause = o.resolved?.cause ?? null;
  if (cause !== null && cause !== 'provider') {
    return { status: 'refused', reason: { kind: 'not-provider-fault', cause } };
  }
  if (hours !== null && hours < 24) {
    return { status: 'refused', reason: { kind: 'under-24-hours', hours } };
  }
  if (window) {
    if (compareDates(claimedOn, window.firstClaimableOn) < 0) {
      return {
        status: 'refused',
        reason: {
          kind: 'before-window',
          claimedOn,
          firstClaimableOn: window.firstClaimableOn,
          reachedAt: window.reachedAt,
        },
      };
    }
    if (compareDates(claimedOn, window.lastClaimableOn) > 0) {
      return {
        status: 'refused',
        reason: {
          kind: 'after-window',
          claimedOn,
          lastClaimableOn: window.lastClaimableOn,
          firstClaimableOn: window.firstClaimableOn,
        },
      };
    }
  }
  if (!o.resolved) return { status: 'pending', reason: { kind: 'unresolved' } };
  return {
    status: 'granted',
    reason: { kind: 'within-window', claimedOn, from: window!.firstClaimableOn, to: window!.lastClaimableOn },
  };
}

export function assessOutage(c: ContractFacts, o: OutageFact): OutageAssessment {
  const base = {
    contractId: c.contractId,
    outageId: o.outageId,
    knownAt: o.known?.at ?? null,
    resolvedAt: o.resolved?.at ?? null,
    cause: o.resolved?.cause ?? null,
  };
  const known = o.known;
  if (!known || known.countedFrom === null || known.claimWindow === null) {
    const reason: ClaimReason = known ? { kind: 'before-billing' } : { kind: 'known-at-missing' };
    return {
      ...base,
      unusableHours: null,
      counted: null,
      qualifyingDays: null,
      window: null,
      claims: o.claims.map((x) => ({
        claimedOn: x.on,
        eventId: x.src.eventId,
        status: 'pending' as const,
        reason,
      })),
      status: o.claims.length ? 'pending' : 'unclaimed',
      reason,
      feeBasis: null,
      reduction: null,
      amount: 0,
      billedIn: null,
      grantedBy: null,
      sources: [
        ...(known ? [known.src] : []),
        ...o.claims.map((x) => x.src),
        ...(o.resolved ? [o.resolved.src] : []),
      ],
    };
  }
  // Policy reduction-hours-while-fee-owed: from countedFrom to the resolution or the end of the last billed day.
  const counted = o.resolved
    ? countedUnusableSpan(known.at, known.countedFrom, o.resolved.at, contractEnd(c)?.on ?? null)
    : null;
  const hours = counted?.hours ?? null;
  // The window the decider recorded from countedFrom; gone if fewer than 24 hours were counted.
  const window = claimWindowOf(known.claimWindow, counted?.to ?? null);
  const feeBasis = reductionFeeBasis(c, jstDate(known.countedFrom));
  const reduction = hours === null ? null : outageReduction(feeBasis.total, hours);
  let granted: { on: LocalDate; src: Src } | null = null;
  const claims: ClaimDecision[] = o.claims.map((x) => {
    const decision = granted
      ? { status: 'refused' as const, reason: { kind: 'already-granted', on: granted.on } as const }
      : judge(x.on, o, window, hours);
    if (decision.status === 'granted') granted = x;
    return { claimedOn: x.on, eventId: x.src.eventId, ...decision };
  });
  const outageSources: Src[] = [
    known.src,
    ...(known.countedBy ? [known.countedBy] : []),
    ...(o.resolved ? [o.resolved.src] : []),
  ];
  const common = {
    ...base,
    unusableHours: hours,
    counted,
    qualifyingDays: reduction?.days ?? null,
    window,
    claims,
    feeBasis,
    reduction,
  };
  const g = granted as { on: LocalDate; src: Src } | null;
  if (g && reduction && o.resolved) {
    return {
      ...common,
      status: 'granted',
      reason: claims.find((x) => x.eventId === g.src.eventId)!.reason,
      amount: reduction.amount,
      billedIn: monthOf(laterOf(g.on, jstDate(o.resolved.at))),
      grantedBy: g.src,
      sources: [...outageSources, g.src, ...feeBasis.sources],
    };
  }
  const last = claims.find((x) => x.status === 'pending') ?? claims[claims.length - 1];
  const unclaimedReason = (): ClaimReason => {
    if (!window) {
      return hours === null
        ? { kind: 'unresolved-unclaimed' }
        : { kind: 'under-24-hours-no-reduction', hours };
    }
    return { kind: 'claimable', from: window.firstClaimableOn, to: window.lastClaimableOn };
  };
  return {
    ...common,
    status: last ? last.status : 'unclaimed',
    reason: last ? last.reason : unclaimedReason(),
    amount: 0,
    billedIn: null,
    grantedBy: null,
    sources: [...outageSources, ...o.claims.map((x) => x.src)],
  };
}

export interface ReductionsQuery {
  readonly contractId?: string;
  /** As effective on this date: later claims, resolutions and outages are not yet known. */
  readonly asOf?: LocalDate;
}

export function reductions(facts: Facts, query: ReductionsQuery = {}): OutageAssessment[] {
  if (query.asOf !== undefined) assertDate(query.asOf, 'asOf');
  const out: OutageAssessment[] = [];
  for (const full of facts.contracts.values()) {
    if (query.contractId !== undefined && full.contractId !== query.contractId) continue;
    const c = query.asOf === undefined ? full : contractAsOf(full, query.asOf);
    if (!c) continue;
    for (const o of c.outages.values()) out.push(assessOutage(c, o));
  }
  return out;
}
