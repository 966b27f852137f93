/**
 * What commands would do, as `vpn-ledger what-if --format json` and POST /v1/what-if write it
 * (schema vpn-ledger.what-if/v1): each line's outcome, the events that would be written, and what
 * would change in the charges month by month, the minimum terms and the return deadlines.
 */

import type { ChargeLine, Differences, MinimumTerm, ReturnDeadline } from '../projections';
import type { WhatIfResult } from '../read/what-if';
import type { Lang } from '../render/lang';
import { chargeLineJson } from './charges';
import { deadlineJson, termStatus } from './contracts';
import type { CommandLine } from './json-lines';
import { failsRun, type LineOutcome, outcomeJson, RunTally } from './outcomes';
import { positionJson } from './provenance';

export const WHAT_IF_SCHEMA = 'vpn-ledger.what-if/v1';

/** The lines read, each with its outcome: a command's result, or why the line was not one. */
export const lineOutcomes = (
  lines: readonly CommandLine[],
  result: WhatIfResult,
  stopOnError: boolean,
): LineOutcome[] => {
  const outcomes: LineOutcome[] = [];
  let next = 0;
  for (const l of lines) {
    const outcome: LineOutcome =
      l.kind === 'command' ? { line: l.line, kind: 'result', result: result.results[next++]! } : l;
    outcomes.push(outcome);
    // --stop-on-error: the first rejected or unreadable line is the last one reported (and run).
    if (stopOnError && failsRun(outcome)) break;
  }
  return outcomes;
};

export const summaryOf = (outcomes: readonly LineOutcome[], result: WhatIfResult, stopped: boolean) => {
  const tally = new RunTally();
  for (const o of outcomes) tally.add(o);
  const c = tally.counts();
  const last = outcomes[outcomes.length - 1];
  return {
    lines: c.lines,
    accepted: c.accepted,
    repeated: c.repeated,
    rejected: c.rejected,
    invalidJson: c.invalidJson,
    unreadable: c.unreadable,
    eventsWouldBeWritten: result.events.length,
    stoppedAt: stopped && last ? last.line : null,
  };
};

export type WhatIfSummary = ReturnType<typeof summaryOf>;

const termJson = (t: MinimumTerm, date: string) => ({ ...t, status: termStatus(t, date) });

/**
 * The v1 document: within v1 fields are only ever added, never renamed or removed. Its words (the
 * lines' formulas and notes, the rejections' messages, the deadlines' notes) in `lang`; the events'
 * `summary` is in the language `whatIf` was asked for.
 */
export const whatIfJson = (
  result: WhatIfResult,
  outcomes: readonly LineOutcome[],
  summary: WhatIfSummary,
  storeDescription: string,
  lang: Lang = 'en',
) => {
  const date = result.basis.statusDate;
  const line = (l: ChargeLine) => chargeLineJson(l, lang);
  const lines = (d: Differences<ChargeLine>) => ({
    added: d.added.map(line),
    removed: d.removed.map(line),
    changed: d.changed.map((c) => ({ before: line(c.before), after: line(c.after) })),
  });
  const deadline = (d: ReturnDeadline) => deadlineJson(d, lang);
  return {
    schema: WHAT_IF_SCHEMA,
    asOf: result.basis.asOf,
    knownAt: result.basis.knownAt,
    statusDate: date,
    lang,
    generatedFrom: {
      store: result.basis.store,
      description: storeDescription,
      lastPosition: positionJson(result.basis.position),
      knownAt: result.basis.knownAt,
    },
    summary,
    lines: outcomes.map((o) => {
      // Where the events would land in the global log is not known: no position.
      const { position: _position, ...rest } = outcomeJson(o, lang);
      return rest;
    }),
    events: result.events,
    contracts: result.contracts,
    charges: {
      months: result.charges.months.map((m) => ({
        month: m.month,
        ...lines(m),
        totals: m.totals,
        before: m.before,
        after: m.after,
        difference: m.difference,
      })),
      ongoingFrom: result.charges.ongoingFrom,
    },
    terms: {
      added: result.terms.added.map((t) => termJson(t, date)),
      removed: result.terms.removed.map((t) => termJson(t, date)),
      changed: result.terms.changed.map((c) => ({
        before: termJson(c.before, date),
        after: termJson(c.after, date),
      })),
    },
    deadlines: {
      added: result.deadlines.added.map(deadline),
      removed: result.deadlines.removed.map(deadline),
      changed: result.deadlines.changed.map((c) => ({
        before: deadline(c.before),
        after: deadline(c.after),
      })),
    },
  };
};
