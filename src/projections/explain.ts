/** Why a charge line says what it says: its events, its article, its policy and its formula. */
import type { EventType } from '../events';
import { type LocalDate, POLICIES, type PolicyDescription, type PolicyName } from '../terms';
import type { ChargeFormula, ChargeNote } from './charge-data';
import { type ChargeLine, chargesForMonth } from './charges';
import type { Facts } from './facts';
import { type TimelineStep, timeline } from './timeline';

export interface ExplainedSource {
  readonly eventId: string;
  readonly type: EventType;
  /** The date the event names. */
  readonly date: LocalDate;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly edition: string;
  /** The event as the timeline tells it (a step kind and its parameters; src/render words it). */
  readonly step: Pick<TimelineStep, 'kind' | 'params'>;
  readonly article: string;
}

export interface ChargeExplanation {
  readonly line: ChargeLine;
  readonly article: string;
  readonly policy: (PolicyDescription & { readonly name: PolicyName }) | null;
  readonly formula: ChargeFormula;
  readonly notes: readonly ChargeNote[];
  readonly sources: readonly ExplainedSource[];
}

const LINE_ID = /:(\d{4}-\d{2}):/g;

/** The (contract, month) pairs a line id can name: contract ids may contain ':', so every split. */
export function lineIdParts(lineId: string): { contractId: string; month: string }[] {
  return [...lineId.matchAll(LINE_ID)].map((m) => ({ contractId: lineId.slice(0, m.index), month: m[1]! }));
}

/** The line with id `lineId` (as chargesForMonth gives it) explained, or null when there is none. */
export function explainChargeLine(facts: Facts, lineId: string): ChargeExplanation | null {
  for (const { contractId, month } of lineIdParts(lineId)) {
    if (!facts.contracts.has(contractId)) continue;
    const line = chargesForMonth(facts, month, { contractId }).lines.find((l) => l.id === lineId);
    if (line) return explainLine(facts, line);
  }
  return null;
}

/** The events behind `ids` as the contract's timeline tells them (ids it does not know are left out). */
export function explainSources(facts: Facts, contractId: string, ids: readonly string[]): ExplainedSource[] {
  if (!facts.contracts.has(contractId)) return [];
  const steps = new Map(timeline(facts, contractId).map((s) => [s.eventId, s]));
  return ids.flatMap((id): ExplainedSource[] => {
    const s = steps.get(id);
    if (!s) return [];
    return [
      {
        eventId: s.eventId,
        type: s.type,
        date: s.date,
        occurredAt: s.occurredAt,
        recordedAt: s.recordedAt,
        edition: s.edition,
        step: { kind: s.kind, params: s.params } as Pick<TimelineStep, 'kind' | 'params'>,
        article: s.article,
      },
    ];
  });
}

/** A line (of any source: recomputed, invoiced, an adjustment) explained from its contract's facts. */
export function explainLine(facts: Facts, line: ChargeLine): ChargeExplanation {
  return {
    line,
    article: line.article,
    policy: line.policy === null ? null : { name: line.policy, ...POLICIES[line.policy] },
    formula: line.formula,
    notes: line.notes,
    sources: explainSources(facts, line.contractId, line.sources),
  };
}
