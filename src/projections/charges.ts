/**
 * Charges (Art. 19, Annex 1-3): the charge lines of a billing month, each with the article, the
 * named policy and the exact formula behind its amount, and the events it comes from.
 */
import {
  configChangeFee,
  firstDayOfMonth,
  formatYen,
  jstDate,
  type LocalDate,
  lastDayOfMonth,
  monthlyChargeForPeriod,
  OPTION_SPECS,
  type PolicyName,
  prohibitedActArticle,
  restOfTermSettlement,
  type YearMonth,
  YearMonthSchema,
} from '../terms';
import { assertDate, contractAsOf, instantMayFallWithin, notAfter } from './as-of';
import type { ContractFacts, Facts, OneTimeCostKind, OptionFact, Src } from './facts';
import { contractTerms, optionTerms, termStartedBy } from './minimum-terms';
import { grantedReductionsIn } from './reductions';
import {
  basicFeeSteps,
  contractEnd,
  editionFor,
  type FeeStep,
  feeInForce,
  feeSegments,
  inMonth,
  optionEnd,
  optionFeeSteps,
  optionHasMonthlyFee,
  type ServiceEnd,
} from './service-periods';

export const CHARGE_KINDS = [
  'initial',
  'on-site-installation',
  'initial-option',
  'monthly-basic',
  'monthly-option',
  'model-change',
  'config-change',
  'fault-cost',
  'loss-charge',
  'breach-repair-cost',
  'one-time-cost',
  'early-termination',
  'early-termination-option',
  'reduction',
] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];

export interface ChargeLine {
  /** Stable: contract, month, kind and the id of what it charges, e.g. 'c-100:2025-04:monthly-basic'. */
  readonly id: string;
  readonly contractId: string;
  readonly networkId: string;
  /** Who pays: the contractor, or the parent holder for configuration changes (Art. 10(4)). */
  readonly billTo: string;
  readonly kind: ChargeKind;
  readonly period: { readonly from: LocalDate; readonly to: LocalDate };
  /** Integer yen; reductions are negative. */
  readonly amount: number;
  readonly article: string;
  readonly policy: PolicyName | null;
  readonly edition: string;
  readonly sources: readonly string[];
  readonly formula: string;
  readonly note?: string;
}

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
const EXEMPT_GROUNDS: Readonly<Record<string, string>> = {
  'general-terms-28-2': 'general terms 28(2)',
  'general-terms-28-3': 'general terms 28(3)',
};

const ids = (srcs: readonly (Src | null | undefined)[]): string[] =>
  srcs.filter((s): s is Src => s != null).map((s) => s.eventId);

const unique = (xs: readonly string[]): string[] => [...new Set(xs)];

const yen = (n: number) => `${formatYen(n)} yen`;
const day = (d: LocalDate) => ({ from: d, to: d });

type LineInput = Omit<ChargeLine, 'contractId' | 'networkId' | 'billTo' | 'edition' | 'id'> & {
  readonly id?: string;
  readonly key?: string;
  readonly billTo?: string;
  readonly edition: string;
};

/** A billing month's bounds, worked out once per query rather than once per contract. */
export interface MonthWindow {
  readonly month: YearMonth;
  readonly first: LocalDate;
  readonly last: LocalDate;
  /** Cheap guard: false only for instants whose Japan date cannot fall in the month. */
  readonly mayContain: (instant: string) => boolean;
}

export function monthWindow(month: YearMonth): MonthWindow {
  if (!YearMonthSchema.safeParse(month).success)
    throw new RangeError(`Not a month (YYYY-MM): ${String(month)}`);
  const first = firstDayOfMonth(month);
  const last = lastDayOfMonth(month);
  return { month, first, last, mayContain: instantMayFallWithin(first, last) };
}

/** The lines of one contract (facts already as of the wanted date) for one month. */
export function contractChargesForMonth(
  c: ContractFacts,
  month: YearMonth,
  window: MonthWindow = monthWindow(month),
): ChargeLine[] {
  const lines: ChargeLine[] = [];
  const add = (x: LineInput): void => {
    const { key, ...rest } = x;
    lines.push({
      ...rest,
      id: `${c.contractId}:${month}:${x.kind}${key === undefined ? '' : `:${key}`}`,
      contractId: c.contractId,
      networkId: c.networkId,
      billTo: x.billTo ?? c.contractorId,
    });
  };

  // Art. 19: initial fees are owed when the application is accepted.
  if (inMonth(c.acceptedOn, month)) {
    add({
      kind: 'initial',
      period: day(c.acceptedOn),
      amount: c.initialFee,
      article: 'Art. 19; Annex 1 §1(1)',
      policy: null,
      edition: c.accepted.edition,
      sources: ids([c.accepted]),
      formula: `${yen(c.initialFee)} initial fee, as quoted in the accepted application`,
    });
    if (c.onSiteInstallationFee !== null) {
      add({
        kind: 'on-site-installation',
        period: day(c.acceptedOn),
        amount: c.onSiteInstallationFee,
        article: 'Art. 17(2)(1); Art. 19; Annex 1 §1(2)',
        policy: null,
        edition: c.accepted.edition,
        sources: ids([c.accepted]),
        formula: `${yen(c.onSiteInstallationFee)} on-site installation, as quoted in the accepted application`,
      });
    }
  }

  const end = contractEnd(c);
  addMonthly(add, window, basicFeeSteps(c), end, {
    kind: 'monthly-basic',
    key: undefined,
    article: 'Art. 19; Annex 1 §2(1)',
    what: 'basic service',
  });

  for (const o of c.options.values()) {
    if (inMonth(o.addedOn, month)) {
      const onSite = o.kind === 'on-site-installation';
      add({
        kind: onSite ? 'on-site-installation' : 'initial-option',
        key: o.optionId,
        period: day(o.addedOn),
        amount: o.initialFee,
        article: onSite ? 'Art. 17(2)(1); Art. 19; Annex 1 §1(2)' : 'Art. 17; Art. 19; Annex 1 §1(2)',
        policy: null,
        edition: o.added.edition,
        sources: ids([o.added]),
        formula: `${yen(o.initialFee)} initial fee of the ${o.kind} option ${o.optionId}, as quoted`,
      });
    }
    if (optionHasMonthlyFee(o)) {
      addMonthly(add, window, optionFeeSteps(c, o), optionEnd(c, o), {
        kind: 'monthly-option',
        key: o.optionId,
        article: `${OPTION_SPECS[o.kind].article}; Art. 19; Annex 1 §2(2)`,
        what: `${o.kind} option ${o.optionId}`,
      });
    }
    addOptionSettlement(add, month, c, o);
  }

  for (const m of c.modelChanges.values()) {
    if (!inMonth(m.acceptedOn, month)) continue;
    const target = m.target.kind === 'device' ? 'device' : `option ${m.target.optionId}`;
    add({
      kind: 'model-change',
      key: m.changeId,
      period: day(m.acceptedOn),
      amount: m.fee,
      article: 'Art. 9(1); Art. 19; Annex 1 §3(2)',
      policy: null,
      edition: m.accepted.edition,
      sources: ids([m.accepted]),
      formula: `${yen(m.fee)} model change of the ${target} ${m.fromModel} → ${m.toModel}, as quoted`,
    });
  }

  for (const job of c.configJobs.values()) {
    const p = job.performed;
    if (!p || !window.mayContain(p.startedAt)) continue;
    const on = jstDate(p.startedAt);
    if (!inMonth(on, month)) continue;
    const fee = configChangeFee(p.startedAt, p.itemIds.length);
    add({
      kind: 'config-change',
      key: job.jobId,
      billTo: p.billTo,
      period: day(on),
      amount: fee.amount,
      article: 'Art. 10(4); Annex 1 §3(3)',
      policy: fee.policy,
      edition: p.src.edition,
      sources: ids([job.instructed?.src, p.src]),
      formula: `${fee.formula} (job started ${fee.jobStartJst}, ${fee.withinBusinessHours ? 'within' : 'outside'} business hours 09:00:00-19:00:00)`,
      note: `billed to the parent holder ${p.billTo}, who instructs configuration changes (Art. 10(1)(2)(4))`,
    });
  }

  for (const f of c.faults.values()) {
    const inv = f.investigation;
    if (!inv || inv.quotedCost === null || !inMonth(inv.on, month)) continue;
    if (inv.outcome !== 'contractor-fault' && inv.outcome !== 'no-fault-found') continue;
    add({
      kind: 'fault-cost',
      key: f.faultId,
      period: day(inv.on),
      amount: inv.quotedCost,
      article: 'Art. 15(3); Annex 1 §3(4)',
      policy: null,
      edition: inv.src.edition,
      sources: ids([f.reported?.src, inv.src]),
      formula: `${yen(inv.quotedCost)} as quoted (${inv.outcome === 'contractor-fault' ? "the contractor's fault" : 'no fault found'})`,
    });
  }

  for (const l of c.losses.values()) {
    l.charges.forEach((q, i) => {
      if (!inMonth(q.on, month)) return;
      const notes = [
        q.reason === 'not-returned' ? 'not returned under Art. 14(3): treated as lost (Art. 16(2))' : null,
        l.found ? `item found on ${l.found.on}: a loss charge is never refunded (Art. 16(3)(2))` : null,
      ].filter((n) => n !== null);
      add({
        kind: 'loss-charge',
        key: i === 0 ? l.lossId : `${l.lossId}:${i + 1}`,
        period: day(q.on),
        amount: q.amount,
        article: 'Art. 16(2); Annex 1 §3(5)',
        policy: null,
        edition: q.src.edition,
        sources: ids([l.reported?.src, q.src]),
        formula: `${yen(q.amount)} loss charge for item ${q.itemId}, as quoted`,
        ...(notes.length ? { note: notes.join('; ') } : {}),
      });
    });
  }

  for (const x of c.oneTimeCosts.values()) {
    if (!inMonth(x.on, month)) continue;
    add({
      kind: 'one-time-cost',
      key: x.costId,
      period: day(x.on),
      amount: x.amount,
      article: ONE_TIME_ARTICLE[x.cost],
      policy: null,
      edition: x.src.edition,
      sources: ids([x.src]),
      formula: `${yen(x.amount)} ${x.cost} at cost: ${x.description}`,
    });
  }

  addBreachRepairCosts(add, month, c);
  addContractSettlement(add, month, c, end);

  for (const a of grantedReductionsIn(c, month)) {
    const r = a.reduction!;
    add({
      kind: 'reduction',
      key: a.outageId,
      period: { from: jstDate(a.knownAt!), to: jstDate(a.resolvedAt!) },
      amount: -r.amount,
      article: 'Art. 21; Annex 3',
      policy: r.policy,
      edition: a.grantedBy!.edition,
      sources: unique(ids(a.sources)),
      formula: r.formula,
      note: `${r.unusableHours} h unusable from ${a.knownAt} → ${r.days} day(s); monthly fee ${a.feeBasis!.description} (policy ${a.feeBasis!.policy}); ${a.reason}`,
    });
  }
  return lines;
}

function addMonthly(
  add: (x: LineInput) => void,
  { month, first, last }: MonthWindow,
  steps: readonly FeeStep[],
  end: ServiceEnd | null,
  what: { kind: 'monthly-basic' | 'monthly-option'; key: string | undefined; article: string; what: string },
): void {
  let firstLine = true;
  for (const seg of feeSegments(steps, end?.on ?? null)) {
    if (!notAfter(seg.from, last) || (seg.to !== null && !notAfter(first, seg.to))) continue;
    const charge = monthlyChargeForPeriod(seg.step.monthlyFee, month, seg.from, seg.to);
    if (!charge) continue;
    const notes: string[] = [];
    if (charge.from === seg.step.from && seg.step.changeId !== null) {
      notes.push(`new fee from the billing start of model ${seg.step.model} (change ${seg.step.changeId})`);
    }
    if (end && charge.to === end.on) {
      notes.push(
        `${end.on} is the ${end.reason === 'option-stop' ? "option stop's" : "termination's"} effective day and the last day billed (policy effective-day-is-last-billed-day)${end.scheduled ? '; termination scheduled by notice, not yet recorded' : ''}`,
      );
    }
    const keyParts = [what.key, firstLine ? undefined : charge.from].filter((k) => k !== undefined);
    add({
      kind: what.kind,
      ...(keyParts.length ? { key: keyParts.join(':') } : {}),
      period: { from: charge.from, to: charge.to },
      amount: charge.amount,
      article: what.article,
      policy: charge.policy,
      edition: editionFor(charge.from, seg.step.sources[seg.step.sources.length - 1]!),
      sources: unique(ids([...seg.step.sources, ...(end && charge.to === end.on ? end.sources : [])])),
      formula: `${what.what}: ${charge.formula}`,
      ...(notes.length ? { note: notes.join('; ') } : {}),
    });
    firstLine = false;
  }
}

/**
 * Art. 14(2): the recovery or repair cost of equipment lost or damaged in breach of 14(1), owed when
 * it is charged (Art. 19: the day of the fact that causes it), as the provider billed it.
 */
function addBreachRepairCosts(add: (x: LineInput) => void, month: YearMonth, c: ContractFacts): void {
  for (const b of c.breachCosts.values()) {
    if (!inMonth(b.on, month)) continue;
    const act = prohibitedActArticle(b.breach);
    add({
      kind: 'breach-repair-cost',
      key: b.chargeId,
      period: day(b.on),
      amount: b.amount,
      article: `Art. 14(2); ${act}; Art. 19`,
      policy: null,
      edition: b.src.edition,
      sources: ids([b.src]),
      formula: `${yen(b.amount)} ${b.harm === 'lost' ? 'recovery' : 'repair'} of ${b.itemIds.join(', ')}, as charged`,
      note: `${b.harm} on ${b.occurredOn} in breach of ${act} (${b.breach}): ${b.description}`,
    });
  }
}

function addContractSettlement(
  add: (x: LineInput) => void,
  month: YearMonth,
  c: ContractFacts,
  end: ServiceEnd | null,
): void {
  if (!end || !inMonth(end.on, month)) return;
  const term = termStartedBy(contractTerms(c), end.on);
  if (!term || notAfter(term.end, end.on)) return;
  const step = feeInForce(basicFeeSteps(c), end.on)!;
  const settlement = restOfTermSettlement(step.monthlyFee, end.on, term.end);
  const ground = c.terminationNotice?.ground ?? 'ordinary';
  const exempt = EXEMPT_GROUNDS[ground];
  const sources = unique([...ids(end.sources), ...term.sources]);
  const scheduled = end.scheduled ? '; termination scheduled by notice, not yet recorded' : '';
  const base = {
    kind: 'early-termination' as const,
    period: { from: settlement.from!, to: settlement.to! },
    article: 'Art. 20(1); Annex 2 §1',
    edition: end.sources[end.sources.length - 1]!.edition,
    sources,
  };
  if (exempt) {
    const evidence = c.terminationNotice?.evidenceRef;
    add({
      ...base,
      amount: 0,
      policy: null,
      formula: `exempt: ${exempt}; not charged: ${settlement.formula}`,
      note: `exempt: ${exempt}. Art. 20(1) owes no settlement for a contract ended under ${exempt}${evidence ? ` (evidence: ${evidence})` : ''}; the ${term.years}-year term from ${term.start} would have run to ${term.end}${scheduled}`,
    });
    return;
  }
  add({
    ...base,
    amount: settlement.amount,
    policy: settlement.policy,
    formula: settlement.formula,
    note: `ended ${end.on}, before the ${term.years}-year minimum term from ${term.start} (${term.reason}) ends on ${term.end}; monthly fee ${yen(step.monthlyFee)}${scheduled}`,
  });
}

function addOptionSettlement(
  add: (x: LineInput) => void,
  month: YearMonth,
  c: ContractFacts,
  o: OptionFact,
): void {
  const end = optionEnd(c, o);
  if (!end || !inMonth(end.on, month)) return;
  const term = termStartedBy(optionTerms(c, o), end.on);
  if (!term || notAfter(term.end, end.on)) return;
  const step = feeInForce(optionFeeSteps(c, o), end.on)!;
  const settlement = restOfTermSettlement(step.monthlyFee, end.on, term.end);
  const why =
    end.reason === 'option-stop'
      ? `stopped ${end.on}`
      : `ended ${end.on} with the contract (options have no exemption: Art. 20(2))`;
  add({
    kind: 'early-termination-option',
    key: o.optionId,
    period: { from: settlement.from!, to: settlement.to! },
    amount: settlement.amount,
    article: 'Art. 20(2); Annex 2 §2',
    policy: settlement.policy,
    edition: end.sources[end.sources.length - 1]!.edition,
    sources: unique([...ids(end.sources), ...term.sources]),
    formula: settlement.formula,
    note: `${o.kind} option ${o.optionId} ${why}, before its 1-year minimum term from ${term.start} ends on ${term.end}; monthly fee ${yen(step.monthlyFee)}`,
  });
}

const KIND_ORDER = new Map<ChargeKind, number>(CHARGE_KINDS.map((k, i) => [k, i]));

function compareLines(a: ChargeLine, b: ChargeLine): number {
  if (a.contractId !== b.contractId) return a.contractId < b.contractId ? -1 : 1;
  const k = KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)!;
  if (k !== 0) return k;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
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
