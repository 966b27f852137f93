/**
 * What a contract's facts imply over time: the monthly fee in force (Art. 19: from the billing
 * start; a model change's fee from the new model's billing start, Art. 5(2), 9(1)), when the
 * service or an option ends (Art. 17(4), 18), which options are active on a day.
 */
import {
  findEditionOn,
  type LocalDate,
  type ModelFrom,
  modelInUseOn,
  OPTION_SPECS,
  type YearMonth,
} from '../terms';
import { compareFactDates, notAfter } from './as-of';
import type { ContractFacts, ModelChangeFact, OptionFact, Src } from './facts';

/** A monthly fee from `from` until the next step (or the end of the service). */
export interface FeeStep {
  readonly from: LocalDate;
  readonly monthlyFee: number;
  readonly model: string | null;
  /** The model change that brought this fee, or null for the fee at acceptance. */
  readonly changeId: string | null;
  readonly sources: readonly Src[];
}

export interface ServiceEnd {
  readonly on: LocalDate;
  /** True while a termination notice is recorded but the termination itself is not yet. */
  readonly scheduled: boolean;
  readonly reason: 'termination' | 'option-stop' | 'contract-end';
  readonly sources: readonly Src[];
}

const byStart = (a: FeeStep, b: FeeStep) => compareFactDates(a.from, b.from);

function completedChanges(c: ContractFacts, match: (m: ModelChangeFact) => boolean): ModelChangeFact[] {
  const out: ModelChangeFact[] = [];
  for (const m of c.modelChanges.values()) if (m.completed && match(m)) out.push(m);
  return out;
}

function changeStep(m: ModelChangeFact): FeeStep {
  return {
    from: m.completed!.billingStartOn,
    monthlyFee: m.monthlyFee,
    model: m.toModel,
    changeId: m.changeId,
    sources: [m.accepted, m.completed!.src],
  };
}

/** The device model changes (Art. 9(1)) that took effect, in order of their billing start. */
export function deviceModelChanges(c: ContractFacts): ModelChangeFact[] {
  return completedChanges(c, (m) => m.target.kind === 'device').sort((a, b) =>
    compareFactDates(a.completed!.billingStartOn, b.completed!.billingStartOn),
  );
}

export function optionModelChanges(c: ContractFacts, optionId: string): ModelChangeFact[] {
  return completedChanges(c, (m) => m.target.kind === 'option' && m.target.optionId === optionId).sort(
    (a, b) => compareFactDates(a.completed!.billingStartOn, b.completed!.billingStartOn),
  );
}

/** The basic monthly fee over time; empty before billing starts. */
export function basicFeeSteps(c: ContractFacts): FeeStep[] {
  if (!c.billingStart) return [];
  const first: FeeStep = {
    from: c.billingStart.on,
    monthlyFee: c.monthlyFee,
    model: c.deviceModel,
    changeId: null,
    sources: [c.accepted, c.billingStart.src],
  };
  return feeStepsFrom(first, deviceModelChanges(c));
}

/** An option's monthly fee over time; empty before its billing starts. */
export function optionFeeSteps(c: ContractFacts, o: OptionFact): FeeStep[] {
  if (!o.billingStart) return [];
  const first: FeeStep = {
    from: o.billingStart.on,
    monthlyFee: o.monthlyFee,
    model: o.model,
    changeId: null,
    sources: [o.added, o.billingStart.src],
  };
  return feeStepsFrom(first, optionModelChanges(c, o.optionId));
}

/**
 * The first step and one step per later model change. A change completed before billing started
 * (Art. 9(1): 「契約の期間中」) sets the fee billed from the billing start itself; it is no step of
 * its own. `changes` are in order of completion.
 */
function feeStepsFrom(first: FeeStep, changes: readonly ModelChangeFact[]): FeeStep[] {
  let start = first;
  const later: FeeStep[] = [];
  for (const m of changes) {
    if (!m.completed!.beforeBillingStart) {
      later.push(changeStep(m));
      continue;
    }
    start = {
      ...start,
      monthlyFee: m.monthlyFee,
      model: m.toModel,
      sources: [...start.sources, m.accepted, m.completed!.src],
    };
  }
  return [start, ...later].sort(byStart);
}

/** The step in force on `d`, or null before the first. */
export function feeInForce(steps: readonly FeeStep[], d: LocalDate): FeeStep | null {
  let found: FeeStep | null = null;
  for (const s of steps) if (notAfter(s.from, d)) found = s;
  return found;
}

/**
 * The last day of the contract's service: the termination's effective day, which is also the last
 * day billed (policy 'effective-day-is-last-billed-day', Art. 18). Null while no notice is recorded.
 */
export function contractEnd(c: ContractFacts): ServiceEnd | null {
  const notice = c.terminationNotice;
  if (c.termination) {
    return {
      on: c.termination.on,
      scheduled: false,
      reason: 'termination',
      sources: notice ? [notice.src, c.termination.src] : [c.termination.src],
    };
  }
  if (notice)
    return { on: notice.effectiveOn, scheduled: true, reason: 'termination', sources: [notice.src] };
  return null;
}

/** The option's last day: its stop's effective day (Art. 17(4)) or the contract's end, whichever is first. */
export function optionEnd(c: ContractFacts, o: OptionFact): ServiceEnd | null {
  const stop = o.stopNotice;
  const contract = contractEnd(c);
  if (stop && (!contract || notAfter(stop.effectiveOn, contract.on))) {
    return { on: stop.effectiveOn, scheduled: false, reason: 'option-stop', sources: [stop.src] };
  }
  if (contract) return { ...contract, reason: 'contract-end' };
  return null;
}

/** Billed on day `d`: billing has started by `d` and the option has not ended before `d`. */
export function optionActiveOn(c: ContractFacts, o: OptionFact, d: LocalDate): boolean {
  if (!o.billingStart || !notAfter(o.billingStart.on, d)) return false;
  const end = optionEnd(c, o);
  return !end || notAfter(d, end.on);
}

export function optionHasMonthlyFee(o: OptionFact): boolean {
  return OPTION_SPECS[o.kind].hasMonthlyFee;
}

/** A model history from the first model and the completed changes (in order): each new model from its billing start. */
const historyOf = (first: string | null, changes: readonly ModelChangeFact[]): ModelFrom[] => [
  { from: null, model: first },
  ...changes.map((m) => ({ from: m.completed!.billingStartOn, model: m.toModel })),
];

/** The device model in service on `d` (Art. 9(1)); null: no device (closed monitoring). */
export function deviceModelOn(c: ContractFacts, d: LocalDate): string | null {
  return modelInUseOn(historyOf(c.deviceModel, deviceModelChanges(c)), d);
}

export function optionModelOn(c: ContractFacts, o: OptionFact, d: LocalDate): string | null {
  if (OPTION_SPECS[o.kind].modelRule === 'designated-models') return accessoryHostModelOn(c, o, d);
  return modelInUseOn(historyOf(o.model, optionModelChanges(c, o.optionId)), d);
}

/**
 * The model an accessory (rack-mount kit, SFP or VPN module, licence) is fitted to on `d`: null for
 * the contract's VPN device; a named host (the private switch) follows that host's model changes,
 * as the decider moves it (Art. 17(2)(4)-(7): the accessory belongs to the device it is fitted to).
 */
function accessoryHostModelOn(c: ContractFacts, o: OptionFact, d: LocalDate): string | null {
  let model = o.model;
  if (model === null) return null;
  const changes = completedChanges(
    c,
    (m) => m.carriedBy === null && notAfter(m.completed!.billingStartOn, d),
  ).sort((a, b) => compareFactDates(a.completed!.billingStartOn, b.completed!.billingStartOn));
  for (const m of changes) if (m.fromModel === model) model = m.toModel;
  return model;
}

/** Validated dates: the month is the first seven characters. */
export const inMonth = (d: LocalDate, month: YearMonth): boolean => d.slice(0, 7) === month;

const editionCache = new Map<LocalDate, string | null>();

/** The terms edition in force on `d`, else `fallback` (the edition the source event was stamped with). */
export function editionFor(d: LocalDate, fallback: string): string {
  // Memoised: findEditionOn compares `d` with every edition through luxon, once per billed line.
  let id = editionCache.get(d);
  if (id === undefined) {
    id = findEditionOn(d)?.id ?? null;
    editionCache.set(d, id);
  }
  return id ?? fallback;
}
