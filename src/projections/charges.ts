/**
 * Charges (Art. 19, Annex 1-3): the charge lines of a billing month, each with the article, the
 * named policy and the exact formula behind its amount (as data), and the events it comes from.
 *
 * A contract's charges are worked out once as its billing schedule: the lines tied to a date
 * (initial fees, one-time fees, settlements, reductions), each with the month that bills it, and
 * the monthly fees as series of fee segments. A month's lines are the dated lines of that month
 * plus each segment's share of it. The persistent views store the schedule (rows per dated line,
 * rows per segment), so that any month, including months no event touched, costs one read of the
 * segments that cover it.
 */
import {
  addDays,
  configChangeFee,
  daysInMonth,
  firstDayOfMonth,
  jstDate,
  type LocalDate,
  lastDayOfMonth,
  OPTION_SPECS,
  prohibitedActArticle,
  proratedAmount,
  restOfTermSettlement,
  spanInMonth,
  type YearMonth,
  YearMonthSchema,
} from '../terms';
import { assertDate, contractAsOf, instantMayFallWithin, notAfter } from './as-of';
import {
  CHARGE_KINDS,
  type ChargeKind,
  type ChargeLine,
  type ChargeNote,
  type ChargeSubject,
  type ExemptGround,
  type MonthShare,
} from './charge-data';
import type {
  BreachCostFact,
  ConfigJobFact,
  ContractFacts,
  Facts,
  FaultFact,
  LossFact,
  ModelChangeFact,
  OneTimeCostFact,
  OneTimeCostKind,
  OptionFact,
  OutageFact,
  Src,
} from './facts';
import { contractTerms, optionTerms, termStartedBy } from './minimum-terms';
import { assessOutage } from './reductions';
import {
  basicFeeSteps,
  contractEnd,
  editionFor,
  type FeeStep,
  feeInForce,
  optionEnd,
  optionFeeSteps,
  optionHasMonthlyFee,
  type ServiceEnd,
} from './service-periods';

/** The line's shape lives with its data (charge-data.ts); named here too for the readers of this module. */
export { CHARGE_KINDS, type ChargeKind, type ChargeLine } from './charge-data';

export interface ChargeTotal {
  readonly billTo: string;
  readonly amount: number;
  readonly lines: number;
}

export interface MonthlyCharges {
  readonly month: YearMonth;
  readonly lines: readonly ChargeLine[];
  /** Per bill-to contractor, in id order. */
  readonly totals: readonly ChargeTotal[];
  readonly total: number;
}

export interface ChargesQuery {
  readonly contractId?: string;
  /** As effective on this date: facts dated later are left out. */
  readonly asOf?: LocalDate;
}

const ONE_TIME_ARTICLE: Readonly<Record<OneTimeCostKind, string>> = {
  travel: 'Art. 4; Art. 19; Annex 1 §3(1)',
  'special-installation-work': 'Art. 19; Annex 1 §3(1)',
  'on-site-cancellation': 'Art. 17(2)(1); Art. 19; Annex 1 §3(6)',
  'on-site-overtime': 'Art. 17(2)(1); Art. 19; Annex 1 §3(6)',
  'on-site-emergency': 'Art. 17(2)(1); Art. 19; Annex 1 §3(6)',
};

/** Art. 20(1): no settlement when the contract was ended under general terms art. 28(2) or (3). */
const isExempt = (ground: string): ground is ExemptGround =>
  ground === 'general-terms-28-2' || ground === 'general-terms-28-3';

const ids = (srcs: readonly (Src | null | undefined)[]): string[] =>
  srcs.filter((s): s is Src => s != null).map((s) => s.eventId);

const unique = (xs: readonly string[]): string[] => [...new Set(xs)];

const day = (d: LocalDate) => ({ from: d, to: d });

// ---------------------------------------------------------------------------------------------
// The billing schedule of one contract

/** Who a contract's lines are billed to and where they belong, unless a line says otherwise. */
export interface ContractHeader {
  readonly contractId: string;
  readonly networkId: string;
  /** The contractor; configuration changes are billed to the parent holder instead. */
  readonly billTo: string;
}

/** One fee step merged into a segment: the step that set the fee, then those that kept it. */
export interface SegmentStep {
  readonly from: LocalDate;
  readonly model: string | null;
  readonly changeId: string | null;
  readonly sources: readonly string[];
  /** The edition the step's last event was stamped with (fallback when no edition covers a date). */
  readonly edition: string;
}

/** A span of days billed at one fee; `to` null while no end is on record. */
export interface FeeSegment {
  readonly from: LocalDate;
  readonly to: LocalDate | null;
  readonly fee: number;
  readonly steps: readonly SegmentStep[];
}

export interface SeriesEnd {
  readonly on: LocalDate;
  /** The date of the fact that fixed the end (a notice's arrival): as effective before it, there is no end. */
  readonly knownOn: LocalDate;
  readonly reason: ServiceEnd['reason'];
  readonly scheduled: boolean;
  readonly sources: readonly string[];
}

/** A monthly fee over time: the basic service's, or one option's. */
export interface FeeSeries {
  readonly kind: 'monthly-basic' | 'monthly-option';
  /** The option id for an option's fee; null for the basic fee. */
  readonly key: string | null;
  readonly subject: ChargeSubject;
  readonly article: string;
  readonly segments: readonly FeeSegment[];
  readonly end: SeriesEnd | null;
}

export interface BillingSchedule extends ContractHeader {
  /**
   * Every line tied to a date (all but the monthly fees), each with its billing month, in groups of
   * the fact each comes from: a group stays the same array while its fact holds, so a view kept
   * event by event compares groups, not lines.
   */
  readonly datedGroups: readonly (readonly ChargeLine[])[];
  readonly series: readonly FeeSeries[];
}

type DatedInput = Omit<ChargeLine, 'contractId' | 'networkId' | 'billTo' | 'id' | 'month' | 'notes'> & {
  readonly key?: string;
  readonly billTo?: string;
  /** Defaults to the month of period.from. */
  readonly month?: YearMonth;
  readonly notes?: readonly ChargeNote[];
};

const lineId = (contractId: string, month: YearMonth, kind: ChargeKind, key: string | undefined) =>
  `${contractId}:${month}:${kind}${key === undefined ? '' : `:${key}`}`;

/**
 * Policy split-only-where-fee-changes (DIGEST): consecutive fee steps at the same fee are one
 * segment; a month is split into periods only where the fee itself changes.
 */
export function feeSegmentsOf(steps: readonly FeeStep[], end: LocalDate | null): FeeSegment[] {
  const out: { from: LocalDate; to: LocalDate | null; fee: number; steps: SegmentStep[] }[] = [];
  for (const step of steps) {
    if (end !== null && !notAfter(step.from, end)) break;
    const s: SegmentStep = {
      from: step.from,
      model: step.model,
      changeId: step.changeId,
      sources: ids(step.sources),
      edition: step.sources[step.sources.length - 1]!.edition,
    };
    const last = out[out.length - 1];
    if (last && last.fee === step.monthlyFee) {
      last.steps.push(s);
      continue;
    }
    out.push({ from: step.from, to: null, fee: step.monthlyFee, steps: [s] });
  }
  for (const [i, seg] of out.entries()) {
    const next = out[i + 1];
    seg.to = next ? addDays(next.from, -1) : end;
  }
  return out.filter((seg) => seg.to === null || notAfter(seg.from, seg.to));
}

function seriesEnd(end: ServiceEnd | null, knownOn: LocalDate | null): SeriesEnd | null {
  return (
    end && {
      on: end.on,
      knownOn: knownOn ?? end.on,
      reason: end.reason,
      scheduled: end.scheduled,
      sources: ids(end.sources),
    }
  );
}

/**
 * The dated lines a fact gives, remembered per fact while the parts they read are the same objects.
 * The fold updates facts in place but replaces (never mutates) the parts a line reads, so a view
 * kept current event by event works out again only the lines of what the event touched. Lines are
 * immutable; a fact no longer referenced takes its lines with it.
 */
type Memo<T> = WeakMap<object, { readonly deps: readonly unknown[]; readonly value: T }>;

const sameDeps = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

const remember = <T>(memo: Memo<T>, fact: object, deps: readonly unknown[], build: () => T): T => {
  const hit = memo.get(fact);
  if (hit && sameDeps(hit.deps, deps)) return hit.value;
  const value = build();
  memo.set(fact, { deps, value });
  return value;
};

const linesMemo: Memo<ChargeLine[]> = new WeakMap();
const rememberedLines = (fact: object, deps: readonly unknown[], build: () => ChargeLine[]): ChargeLine[] =>
  remember(linesMemo, fact, deps, build);

const seriesMemo: Memo<FeeSeries[]> = new WeakMap();
const settlementMemo: Memo<ChargeLine[]> = new WeakMap();
const optionSettlementMemo: Memo<ChargeLine[]> = new WeakMap();
const reductionMemo: Memo<ChargeLine[]> = new WeakMap();

/**
 * The parts of a contract's facts its fees, terms and ends are made of (the billing starts, model
 * changes, options' starts and stops, the notice and the termination): the fee series, settlements
 * and reductions are worked out again only when one of them was replaced or added.
 */
function feeDeps(c: ContractFacts): unknown[] {
  const deps: unknown[] = [c.billingStart, c.terminationNotice, c.termination];
  for (const m of c.modelChanges.values()) deps.push(m, m.completed);
  for (const o of c.options.values()) deps.push(o, o.billingStart, o.stopNotice);
  return deps;
}

/** A dated line of contract `c`: its id, month and bill-to filled in. */
function datedLine(c: ContractFacts, x: DatedInput): ChargeLine {
  const { key, billTo, month, notes, ...rest } = x;
  // Dates in facts were validated when their events were written: the month is the first 7 characters.
  const m = month ?? x.period.from.slice(0, 7);
  return {
    ...rest,
    id: lineId(c.contractId, m, x.kind, key),
    contractId: c.contractId,
    networkId: c.networkId,
    billTo: billTo ?? c.contractorId,
    month: m,
    notes: notes ?? [],
  };
}

/** Art. 19: initial fees are owed when the application is accepted. */
function acceptanceLines(c: ContractFacts): ChargeLine[] {
  const lines = [
    datedLine(c, {
      kind: 'initial',
      period: day(c.acceptedOn),
      amount: c.initialFee,
      article: 'Art. 19; Annex 1 §1(1)',
      policy: null,
      edition: c.accepted.edition,
      sources: ids([c.accepted]),
      formula: { kind: 'quoted-initial-fee', amount: c.initialFee },
    }),
  ];
  if (c.onSiteInstallationFee !== null) {
    lines.push(
      datedLine(c, {
        kind: 'on-site-installation',
        period: day(c.acceptedOn),
        amount: c.onSiteInstallationFee,
        article: 'Art. 17(2)(1); Art. 19; Annex 1 §1(2)',
        policy: null,
        edition: c.accepted.edition,
        sources: ids([c.accepted]),
        formula: { kind: 'quoted-on-site-installation', amount: c.onSiteInstallationFee },
      }),
    );
  }
  return lines;
}

function optionInitialLine(c: ContractFacts, o: OptionFact): ChargeLine[] {
  const onSite = o.kind === 'on-site-installation';
  return [
    datedLine(c, {
      kind: onSite ? 'on-site-installation' : 'initial-option',
      key: o.optionId,
      period: day(o.addedOn),
      amount: o.initialFee,
      article: onSite ? 'Art. 17(2)(1); Art. 19; Annex 1 §1(2)' : 'Art. 17; Art. 19; Annex 1 §1(2)',
      policy: null,
      edition: o.added.edition,
      sources: ids([o.added]),
      formula: {
        kind: 'quoted-option-initial-fee',
        amount: o.initialFee,
        option: o.kind,
        optionId: o.optionId,
      },
    }),
  ];
}

function modelChangeLine(c: ContractFacts, m: ModelChangeFact): ChargeLine[] {
  return [
    datedLine(c, {
      kind: 'model-change',
      key: m.changeId,
      period: day(m.acceptedOn),
      amount: m.fee,
      article: 'Art. 9(1); Art. 19; Annex 1 §3(2)',
      policy: null,
      edition: m.accepted.edition,
      sources: ids([m.accepted]),
      formula: {
        kind: 'quoted-model-change',
        amount: m.fee,
        target:
          m.target.kind === 'device' ? { kind: 'device' } : { kind: 'option', optionId: m.target.optionId },
        fromModel: m.fromModel,
        toModel: m.toModel,
      },
    }),
  ];
}

/** Art. 10(4), Annex 1 §3(3): billed to the parent holder who instructed the job. */
function configChangeLine(c: ContractFacts, job: ConfigJobFact): ChargeLine[] {
  const p = job.performed;
  if (!p) return [];
  const fee = configChangeFee(p.startedAt, p.billedItemIds.length);
  const uncharged = p.itemIds.filter((id) => !p.billedItemIds.includes(id));
  return [
    datedLine(c, {
      kind: 'config-change',
      key: job.jobId,
      billTo: p.billTo,
      period: day(jstDate(p.startedAt)),
      amount: fee.amount,
      article: 'Art. 10(4); Annex 1 §3(3)',
      policy: fee.policy,
      edition: p.src.edition,
      sources: ids([job.instructed?.src, p.src]),
      formula: {
        kind: 'config-change-fee',
        devices: fee.devices,
        perDevice: fee.perDevice,
        amount: fee.amount,
        jobStartJst: fee.jobStartJst,
        withinBusinessHours: fee.withinBusinessHours,
        opensAt: fee.opensAt,
        closesAt: fee.closesAt,
      },
      notes: [
        { kind: 'billed-to-parent-holder', billTo: p.billTo },
        // Policy config-fee-counts-vpn-devices: a private switch in the job counts for nothing.
        ...(uncharged.length > 0
          ? [
              {
                kind: 'not-a-vpn-device' as const,
                itemIds: uncharged,
                policy: 'config-fee-counts-vpn-devices' as const,
              },
            ]
          : []),
      ],
    }),
  ];
}

/** Art. 15(3): the quoted cost of the contractor's fault, or of no fault found. */
function faultCostLine(c: ContractFacts, f: FaultFact): ChargeLine[] {
  const inv = f.investigation;
  if (!inv || inv.quotedCost === null) return [];
  if (inv.outcome !== 'contractor-fault' && inv.outcome !== 'no-fault-found') return [];
  return [
    datedLine(c, {
      kind: 'fault-cost',
      key: f.faultId,
      period: day(inv.on),
      amount: inv.quotedCost,
      article: 'Art. 15(3); Annex 1 §3(4)',
      policy: null,
      edition: inv.src.edition,
      sources: ids([f.reported?.src, inv.src]),
      formula: { kind: 'quoted-fault-cost', amount: inv.quotedCost, outcome: inv.outcome },
    }),
  ];
}

/** Art. 16(2): every loss charge quoted, never refunded when the item is found (16(3)(2)). */
function lossChargeLines(c: ContractFacts, l: LossFact): ChargeLine[] {
  return l.charges.map((q, i) => {
    const notes: ChargeNote[] = [];
    if (q.reason === 'not-returned') notes.push({ kind: 'not-returned-deemed-lost' });
    if (l.found) notes.push({ kind: 'found-not-refunded', foundOn: l.found.on });
    return datedLine(c, {
      kind: 'loss-charge',
      key: i === 0 ? l.lossId : `${l.lossId}:${i + 1}`,
      period: day(q.on),
      amount: q.amount,
      article: 'Art. 16(2); Annex 1 §3(5)',
      policy: null,
      edition: q.src.edition,
      sources: ids([l.reported?.src, q.src]),
      formula: { kind: 'quoted-loss-charge', amount: q.amount, itemId: q.itemId },
      notes,
    });
  });
}

/**
 * Art. 14(2): the recovery or repair cost of equipment lost or damaged in breach of 14(1), owed when
 * it is charged (Art. 19: the day of the fact that causes it), as the provider billed it.
 */
function breachRepairCostLine(c: ContractFacts, b: BreachCostFact): ChargeLine[] {
  const act = prohibitedActArticle(b.breach);
  return [
    datedLine(c, {
      kind: 'breach-repair-cost',
      key: b.chargeId,
      period: day(b.on),
      amount: b.amount,
      article: `Art. 14(2); ${act}; Art. 19`,
      policy: null,
      edition: b.src.edition,
      sources: ids([b.src]),
      formula: { kind: 'breach-repair-cost', amount: b.amount, harm: b.harm, itemIds: b.itemIds },
      notes: [
        {
          kind: 'breach',
          harm: b.harm,
          occurredOn: b.occurredOn,
          article: act,
          breach: b.breach,
          description: b.description,
        },
      ],
    }),
  ];
}

function oneTimeCostLine(c: ContractFacts, x: OneTimeCostFact): ChargeLine[] {
  return [
    datedLine(c, {
      kind: 'one-time-cost',
      key: x.costId,
      period: day(x.on),
      amount: x.amount,
      article: ONE_TIME_ARTICLE[x.cost],
      policy: null,
      edition: x.src.edition,
      sources: ids([x.src]),
      formula: { kind: 'at-cost', amount: x.amount, cost: x.cost, description: x.description },
    }),
  ];
}

/** Art. 21, Annex 3: a granted reduction, billed in the month of the claim or of the resolution. */
function reductionLine(c: ContractFacts, o: OutageFact): ChargeLine[] {
  if (o.claims.length === 0) return [];
  const a = assessOutage(c, o);
  if (a.status !== 'granted' || a.billedIn === null || a.counted === null) return [];
  const r = a.reduction!;
  const granted = a.claims.find((x) => x.eventId === a.grantedBy!.eventId)!;
  const fb = a.feeBasis!;
  const span = a.counted;
  // The days the counted hours cover: to the resolution's day, or the last billed day when cut there.
  const lastDay = span.cutAtEnd ? addDays(jstDate(span.to), -1) : jstDate(span.to);
  return [
    datedLine(c, {
      kind: 'reduction',
      key: a.outageId,
      month: a.billedIn,
      period: { from: jstDate(span.from), to: lastDay },
      amount: -r.amount,
      article: 'Art. 21; Annex 3',
      policy: r.policy,
      edition: a.grantedBy!.edition,
      sources: unique(ids(a.sources)),
      formula: {
        kind: 'reduction',
        days: r.days,
        hours: r.unusableHours,
        fee: r.monthlyFee,
        amount: r.amount,
      },
      notes: [
        {
          kind: 'reduction-granted',
          unusableHours: r.unusableHours,
          knownAt: a.knownAt!,
          days: r.days,
          feeBasisOn: fb.on,
          feeBasis: [
            { subject: { kind: 'basic' }, monthlyFee: fb.basic },
            ...fb.options.map((x) => ({
              subject: { kind: 'option' as const, option: x.kind, optionId: x.optionId },
              monthlyFee: x.monthlyFee,
            })),
          ],
          feeBasisTotal: fb.total,
          feeBasisPolicy: fb.policy,
          claimedOn: granted.claimedOn,
          windowFrom: a.window!.firstClaimableOn,
          windowTo: a.window!.lastClaimableOn,
          countedFrom: span.from,
          countedTo: span.to,
          fromBillingStart: span.fromBillingStart,
          cutAtEnd: span.cutAtEnd,
          hoursPolicy: span.policy,
        },
      ],
    }),
  ];
}

/** The schedule of one contract whose facts are already as of the wanted date. */
export function billingSchedule(c: ContractFacts): BillingSchedule {
  const header: ContractHeader = { contractId: c.contractId, networkId: c.networkId, billTo: c.contractorId };
  const dated: (readonly ChargeLine[])[] = [rememberedLines(c.accepted, [], () => acceptanceLines(c))];
  const fees = feeDeps(c);
  const series = remember(seriesMemo, c, fees, () => feeSeriesOf(c));
  for (const o of c.options.values()) {
    dated.push(rememberedLines(o, [], () => optionInitialLine(c, o)));
    dated.push(remember(optionSettlementMemo, o, fees, () => optionSettlementLines(c, o)));
  }
  for (const m of c.modelChanges.values()) dated.push(rememberedLines(m, [], () => modelChangeLine(c, m)));
  for (const job of c.configJobs.values()) {
    dated.push(rememberedLines(job, [job.instructed, job.performed], () => configChangeLine(c, job)));
  }
  for (const f of c.faults.values()) {
    dated.push(rememberedLines(f, [f.reported, f.investigation], () => faultCostLine(c, f)));
  }
  for (const l of c.losses.values()) {
    dated.push(rememberedLines(l, [l.reported, l.found, l.charges.length], () => lossChargeLines(c, l)));
  }
  for (const b of c.breachCosts.values())
    dated.push(rememberedLines(b, [], () => breachRepairCostLine(c, b)));
  for (const x of c.oneTimeCosts.values()) dated.push(rememberedLines(x, [], () => oneTimeCostLine(c, x)));
  dated.push(remember(settlementMemo, c, fees, () => contractSettlementLines(c)));
  for (const o of c.outages.values()) {
    if (o.claims.length === 0) continue;
    const deps = [o.known, o.resolved, o.claims.length, ...fees];
    dated.push(remember(reductionMemo, o, deps, () => reductionLine(c, o)));
  }
  return { ...header, datedGroups: dated, series };
}

/** The monthly fees of the basic service and of each option, as segments of one fee each. */
function feeSeriesOf(c: ContractFacts): FeeSeries[] {
  const end = contractEnd(c);
  const endKnownOn = c.terminationNotice?.noticeArrivedOn ?? c.termination?.on ?? null;
  const series: FeeSeries[] = [
    {
      kind: 'monthly-basic',
      key: null,
      subject: { kind: 'basic' },
      article: 'Art. 19; Annex 1 §2(1)',
      segments: feeSegmentsOf(basicFeeSteps(c), end?.on ?? null),
      end: seriesEnd(end, endKnownOn),
    },
  ];
  for (const o of c.options.values()) {
    if (!optionHasMonthlyFee(o)) continue;
    const oEnd = optionEnd(c, o);
    series.push({
      kind: 'monthly-option',
      key: o.optionId,
      subject: { kind: 'option', option: o.kind, optionId: o.optionId },
      article: `${OPTION_SPECS[o.kind].article}; Art. 19; Annex 1 §2(2)`,
      segments: feeSegmentsOf(optionFeeSteps(c, o), oEnd?.on ?? null),
      end: seriesEnd(oEnd, oEnd?.reason === 'option-stop' ? o.stopNotice!.noticeArrivedOn : endKnownOn),
    });
  }
  return series;
}

const shares = (parts: readonly { daysUsed: number; daysInMonth: number }[]): MonthShare[] =>
  parts.map((p) => ({ daysUsed: p.daysUsed, daysInMonth: p.daysInMonth }));

function contractSettlementLines(c: ContractFacts): ChargeLine[] {
  const end = contractEnd(c);
  if (!end) return [];
  const term = termStartedBy(contractTerms(c), end.on);
  if (!term || notAfter(term.end, end.on)) return [];
  const step = feeInForce(basicFeeSteps(c), end.on)!;
  const settlement = restOfTermSettlement(step.monthlyFee, end.on, term.end);
  const ground = c.terminationNotice?.ground ?? 'ordinary';
  const restartNotes = restartedAfterNotice(c, term.start);
  const base = {
    kind: 'early-termination' as const,
    month: end.on.slice(0, 7),
    period: { from: settlement.from!, to: settlement.to! },
    article: 'Art. 20(1); Annex 2 §1',
    edition: end.sources[end.sources.length - 1]!.edition,
    sources: unique([...ids(end.sources), ...term.sources]),
  };
  if (isExempt(ground)) {
    return [
      datedLine(c, {
        ...base,
        amount: 0,
        policy: null,
        formula: {
          kind: 'rest-of-term-exempt',
          ground,
          fee: step.monthlyFee,
          parts: shares(settlement.parts),
          wouldBe: settlement.amount,
          from: settlement.from!,
          to: settlement.to!,
        },
        notes: [
          {
            kind: 'settlement-exempt',
            ground,
            evidenceRef: c.terminationNotice?.evidenceRef ?? null,
            years: term.years,
            termStart: term.start,
            termEnd: term.end,
            scheduled: end.scheduled,
          },
        ],
      }),
    ];
  }
  return [
    datedLine(c, {
      ...base,
      amount: settlement.amount,
      policy: settlement.policy,
      formula: {
        kind: 'rest-of-term',
        fee: step.monthlyFee,
        parts: shares(settlement.parts),
        amount: settlement.amount,
        from: settlement.from!,
        to: settlement.to!,
      },
      notes: [
        {
          kind: 'settlement',
          endOn: end.on,
          years: term.years,
          termStart: term.start,
          termReason: term.reason,
          termEnd: term.end,
          fee: step.monthlyFee,
          scheduled: end.scheduled,
        },
        ...restartNotes,
      ],
    }),
  ];
}

/**
 * Policy model-change-after-notice-restarts-term: Art. 5(2) restarts the term on a model change
 * 「契約の期間中」, and a contract under notice is still in its period: a change accepted after the
 * notice arrived restarts the term the settlement runs to. Said on the settlement, where it shows.
 */
function restartedAfterNotice(c: ContractFacts, termStart: LocalDate): ChargeNote[] {
  const notice = c.terminationNotice;
  if (!notice) return [];
  const m = [...c.modelChanges.values()].find(
    (x) =>
      x.target.kind === 'device' &&
      x.completed?.restartsTerm === true &&
      x.completed.billingStartOn === termStart &&
      notAfter(notice.noticeArrivedOn, x.acceptedOn),
  );
  return m
    ? [
        {
          kind: 'term-restarted-after-notice',
          changeId: m.changeId,
          acceptedOn: m.acceptedOn,
          noticeArrivedOn: notice.noticeArrivedOn,
          termStart,
          policy: 'model-change-after-notice-restarts-term',
        },
      ]
    : [];
}

function optionSettlementLines(c: ContractFacts, o: OptionFact): ChargeLine[] {
  const end = optionEnd(c, o);
  if (!end) return [];
  const term = termStartedBy(optionTerms(c, o), end.on);
  if (!term || notAfter(term.end, end.on)) return [];
  const step = feeInForce(optionFeeSteps(c, o), end.on)!;
  const settlement = restOfTermSettlement(step.monthlyFee, end.on, term.end);
  return [
    datedLine(c, {
      kind: 'early-termination-option',
      key: o.optionId,
      month: end.on.slice(0, 7),
      period: { from: settlement.from!, to: settlement.to! },
      amount: settlement.amount,
      article: 'Art. 20(2); Annex 2 §2',
      policy: settlement.policy,
      edition: end.sources[end.sources.length - 1]!.edition,
      sources: unique([...ids(end.sources), ...term.sources]),
      formula: {
        kind: 'rest-of-term',
        fee: step.monthlyFee,
        parts: shares(settlement.parts),
        amount: settlement.amount,
        from: settlement.from!,
        to: settlement.to!,
      },
      notes: [
        {
          kind: 'option-settlement',
          option: o.kind,
          optionId: o.optionId,
          endOn: end.on,
          reason: end.reason === 'option-stop' ? 'option-stop' : 'contract-end',
          termStart: term.start,
          termEnd: term.end,
          fee: step.monthlyFee,
        },
      ],
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// A month's lines from the schedule

/** A billing month's bounds, worked out once per query rather than once per contract. */
export interface MonthWindow {
  readonly month: YearMonth;
  readonly first: LocalDate;
  readonly last: LocalDate;
  readonly days: number;
  /** Cheap guard: false only for instants whose Japan date cannot fall in the month. */
  readonly mayContain: (instant: string) => boolean;
}

export function monthWindow(month: YearMonth): MonthWindow {
  if (!YearMonthSchema.safeParse(month).success)
    throw new RangeError(`Not a month (YYYY-MM): ${String(month)}`);
  const first = firstDayOfMonth(month);
  const last = lastDayOfMonth(month);
  return { month, first, last, days: daysInMonth(month), mayContain: instantMayFallWithin(first, last) };
}

/** The series' lines in the window's month: one per segment that covers some of its days. */
export function seriesLinesForMonth(header: ContractHeader, s: FeeSeries, w: MonthWindow): ChargeLine[] {
  const out: ChargeLine[] = [];
  for (const seg of s.segments) {
    const part = spanInMonth(w.month, seg.from, seg.to);
    if (part === null) continue;
    const { from, to, daysUsed } = part;
    const share = proratedAmount(seg.fee, daysUsed, w.days);
    const notes: ChargeNote[] = [];
    const sources: string[] = [];
    seg.steps.forEach((step, i) => {
      if (!notAfter(step.from, to)) return;
      sources.push(...step.sources);
      if (step.changeId === null) return;
      if (i === 0 && step.from === from) {
        notes.push({ kind: 'new-fee-from-model', model: step.model, changeId: step.changeId });
      } else if (i > 0 && notAfter(from, step.from)) {
        notes.push({
          kind: 'same-fee-model-change',
          model: step.model,
          changeId: step.changeId,
          from: step.from,
        });
      }
    });
    const end = s.end;
    if (end && to === end.on) {
      notes.push({
        kind: 'last-day-billed',
        on: end.on,
        reason: end.reason === 'option-stop' ? 'option-stop' : 'termination',
        scheduled: end.scheduled,
      });
      sources.push(...end.sources);
    }
    const keyParts = [s.key ?? undefined, out.length === 0 ? undefined : from].filter((k) => k !== undefined);
    out.push({
      id: lineId(header.contractId, w.month, s.kind, keyParts.length ? keyParts.join(':') : undefined),
      contractId: header.contractId,
      networkId: header.networkId,
      billTo: header.billTo,
      kind: s.kind,
      month: w.month,
      period: { from, to },
      amount: share.amount,
      article: s.article,
      policy: share.policy,
      edition: editionFor(from, seg.steps[0]!.edition),
      sources: unique(sources),
      formula: {
        kind: 'monthly-fee',
        subject: s.subject,
        fee: seg.fee,
        daysUsed,
        daysInMonth: w.days,
        amount: share.amount,
      },
      notes,
    });
  }
  return out;
}

/** The dated lines of a schedule, in one list. */
export const datedLines = (s: BillingSchedule): ChargeLine[] => s.datedGroups.flat();

/** The lines of a schedule in one month. */
export function scheduleLinesForMonth(s: BillingSchedule, w: MonthWindow): ChargeLine[] {
  const lines: ChargeLine[] = [];
  for (const group of s.datedGroups) for (const l of group) if (l.month === w.month) lines.push(l);
  for (const series of s.series) lines.push(...seriesLinesForMonth(s, series, w));
  return lines;
}

/** The lines of one contract (facts already as of the wanted date) for one month. */
export function contractChargesForMonth(
  c: ContractFacts,
  month: YearMonth,
  window: MonthWindow = monthWindow(month),
): ChargeLine[] {
  return scheduleLinesForMonth(billingSchedule(c), window);
}

const KIND_ORDER = new Map<ChargeKind, number>(CHARGE_KINDS.map((k, i) => [k, i]));

export function compareLines(a: ChargeLine, b: ChargeLine): number {
  if (a.contractId !== b.contractId) return a.contractId < b.contractId ? -1 : 1;
  const k = KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)!;
  if (k !== 0) return k;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Lines sorted for output, with totals per bill-to contractor. */
export function monthlyCharges(month: YearMonth, lines: ChargeLine[]): MonthlyCharges {
  lines.sort(compareLines);
  const byBillTo = new Map<string, { amount: number; lines: number }>();
  for (const l of lines) {
    const t = byBillTo.get(l.billTo) ?? { amount: 0, lines: 0 };
    t.amount += l.amount;
    t.lines += 1;
    byBillTo.set(l.billTo, t);
  }
  const totals = [...byBillTo.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([billTo, t]) => ({ billTo, ...t }));
  return { month, lines, totals, total: totals.reduce((s, t) => s + t.amount, 0) };
}

/** Every charge line of `month` (all contracts, or one), with totals per bill-to contractor. */
export function chargesForMonth(facts: Facts, month: YearMonth, query: ChargesQuery = {}): MonthlyCharges {
  const window = monthWindow(month);
  if (query.asOf !== undefined) assertDate(query.asOf, 'asOf');
  const lines: ChargeLine[] = [];
  const contracts =
    query.contractId === undefined
      ? facts.contracts.values()
      : [facts.contracts.get(query.contractId)].filter((c) => c !== undefined);
  for (const full of contracts) {
    const c = query.asOf === undefined ? full : contractAsOf(full, query.asOf);
    if (c) lines.push(...contractChargesForMonth(c, month, window));
  }
  return monthlyCharges(month, lines);
}
