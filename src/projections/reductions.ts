/**
 * Reductions for outages (Art. 21, Annex 3): per outage, the unusable hours, the claim window and
 * the decision on each claim.
 *
 * Where the text is silent (besides the policies in terms/policies.ts):
 * - A claim made while the outage is still going on is PENDING, not judged on the hours so far:
 *   the unusable hours (利用不能時間) are the whole continuous span, and whether it was the
 *   provider's fault is recorded only with the resolution. It is decided when the outage is
 *   resolved, on the full hours. (A pending claim made after its window closed is refused at once.)
 * - The reduction is billed in the month of the claim, or in the month of the resolution when that
 *   comes later (the amount is not known before), so that a closed month never changes.
 * - The fee basis is the fee billed on the day the outage became known: before the billing start
 *   there is no basic fee (0).
 * - Several claims for one outage: each is judged; the first granted one carries the reduction and
 *   the later ones are refused as already granted.
 */
import {
  type ClaimWindow,
  claimWindowOf,
  compareDates,
  formatYen,
  jstDate,
  type LocalDate,
  laterOf,
  monthOf,
  type OptionKind,
  type OutageReduction,
  outageReduction,
  unusableHours,
  type YearMonth,
} from '../terms';
import { assertDate, contractAsOf } from './as-of';
import type { ContractFacts, Facts, OutageCause, OutageFact, Src } from './facts';
import {
  basicFeeSteps,
  feeInForce,
  optionActiveOn,
  optionFeeSteps,
  optionHasMonthlyFee,
} from './service-periods';

export type ClaimStatus = 'granted' | 'refused' | 'pending';
export type OutageStatus = ClaimStatus | 'unclaimed';

export interface ClaimDecision {
  readonly claimedOn: LocalDate;
  readonly eventId: string;
  readonly status: ClaimStatus;
  readonly reason: string;
}

export interface FeeBasis {
  /** The Japan date the outage became known: the day whose fees are the basis. */
  readonly on: LocalDate;
  readonly basic: number;
  readonly options: readonly { optionId: string; kind: OptionKind; monthlyFee: number }[];
  readonly total: number;
  readonly policy: 'reduction-fee-basis-basic-plus-active-options';
  readonly description: string;
  readonly sources: readonly Src[];
}

export interface OutageAssessment {
  readonly contractId: string;
  readonly outageId: string;
  readonly knownAt: string | null;
  readonly resolvedAt: string | null;
  readonly cause: OutageCause | null;
  /** Whole hours from knownAt to resolvedAt; null while unresolved. */
  readonly unusableHours: number | null;
  /** floor(unusable hours / 24); null while unresolved. */
  readonly qualifyingDays: number | null;
  /** Null when the outage was resolved within 24 hours (no claim can arise). */
  readonly window: ClaimWindow | null;
  readonly claims: readonly ClaimDecision[];
  readonly status: OutageStatus;
  readonly reason: string;
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

/** Annex 3's "monthly fee": basic fee plus the options billed when the outage began. */
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
  const parts = [`basic ${formatYen(basic)}`, ...options.map((o) => `${o.kind} ${formatYen(o.monthlyFee)}`)];
  return {
    on,
    basic,
    options,
    total,
    policy: 'reduction-fee-basis-basic-plus-active-options',
    description: `${parts.join(' + ')} = ${formatYen(total)} yen a month, as billed on ${on}`,
    sources,
  };
}

function judge(
  claimedOn: LocalDate,
  o: OutageFact,
  window: ClaimWindow | null,
  hours: number | null,
): { status: ClaimStatus; reason: string } {
  const cause = o.resolved?.cause ?? null;
  if (cause !== null && cause !== 'provider') {
    return {
      status: 'refused',
      reason: `not the provider's fault (cause: ${cause}); Art. 21 reduces only for outages through the provider's fault`,
    };
  }
  if (hours !== null && hours < 24) {
    return {
      status: 'refused',
      reason: `unusable for ${hours} h, under the 24 consecutive hours Art. 21 requires`,
    };
  }
  if (window) {
    if (compareDates(claimedOn, window.firstClaimableOn) < 0) {
      return {
        status: 'refused',
        reason: `claimed on ${claimedOn}, before the claim could first be made on ${window.firstClaimableOn} (24 h of unusability reached at ${window.reachedAt}; Art. 21)`,
      };
    }
    if (compareDates(claimedOn, window.lastClaimableOn) > 0) {
      return {
        status: 'refused',
        reason: `claimed on ${claimedOn}, after the last day to claim ${window.lastClaimableOn}: 3 months elapsed from ${window.firstClaimableOn} and the right was lost (Art. 21 proviso)`,
      };
    }
  }
  if (!o.resolved) {
    return {
      status: 'pending',
      reason: 'the outage is not yet resolved: the unusable hours and the cause are known only when it is',
    };
  }
  return {
    status: 'granted',
    reason: `claimed on ${claimedOn}, within the window ${window!.firstClaimableOn}..${window!.lastClaimableOn}`,
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
  if (!o.known) {
    return {
      ...base,
      unusableHours: null,
      qualifyingDays: null,
      window: null,
      claims: o.claims.map((x) => ({
        claimedOn: x.on,
        eventId: x.src.eventId,
        status: 'pending' as const,
        reason: 'the time the provider learned of the outage is not recorded',
      })),
      status: o.claims.length ? 'pending' : 'unclaimed',
      reason: 'the time the provider learned of the outage is not recorded',
      feeBasis: null,
      reduction: null,
      amount: 0,
      billedIn: null,
      grantedBy: null,
      sources: [...o.claims.map((x) => x.src), ...(o.resolved ? [o.resolved.src] : [])],
    };
  }
  const known = o.known;
  const hours = o.resolved ? unusableHours(known.at, o.resolved.at) : null;
  // The window the decider recorded when the outage became known; gone if resolved within 24 hours.
  const window = claimWindowOf(known.claimWindow, o.resolved?.at ?? null);
  const feeBasis = reductionFeeBasis(c, jstDate(known.at));
  const reduction = hours === null ? null : outageReduction(feeBasis.total, hours);
  let granted: { on: LocalDate; src: Src } | null = null;
  const claims: ClaimDecision[] = o.claims.map((x) => {
    const decision = granted
      ? { status: 'refused' as const, reason: `already granted on the claim of ${granted.on}` }
      : judge(x.on, o, window, hours);
    if (decision.status === 'granted') granted = x;
    return { claimedOn: x.on, eventId: x.src.eventId, ...decision };
  });
  const outageSources: Src[] = [known.src, ...(o.resolved ? [o.resolved.src] : [])];
  const common = {
    ...base,
    unusableHours: hours,
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
  const unclaimedReason = (): string => {
    if (!window) {
      return hours === null
        ? 'not yet resolved, and no claim'
        : `unusable for ${hours} h, under 24 h: no reduction`;
    }
    return `no claim; a claim can be made from ${window.firstClaimableOn} to ${window.lastClaimableOn} (Art. 21)`;
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
