/**
 * What would it cost? Commands run through the real pipeline (the same parsing, rules, decisions and
 * rejections as `apply`) over an overlay of the store that keeps the would-be events in memory, and
 * the contracts they touch are compared with today's: the charge lines month by month, the minimum
 * terms, the return deadlines. Nothing is written: not the log, not the views, not a checkpoint.
 *
 * Today's figures and the what-if's are read through one snapshot of the store (the overlay's view
 * of it, taken when the what-if starts), so that a command another process records meanwhile shows
 * in neither. The work is in proportion to the contracts the commands touch: their streams are read
 * and folded twice, and their billing schedules compared (src/projections/differences.ts).
 *
 * For the CLI (`vpn-ledger what-if`) and the HTTP server alike: `whatIf(store, commands, options)`.
 */

import type { TermsConfig } from '../aggregates/context';
import { contractIdOfStream } from '../events';
import { type Clock, systemClock } from '../ledger/clock';
import { type CommandGuard, type CommandResult, Ledger } from '../ledger/ledger';
import {
  type ChargeDifferences,
  type ContractVersions,
  chargeDifferences,
  contractAsOf,
  type Differences,
  deadlineDifferences,
  type MinimumTerm,
  type ReturnDeadline,
  termDifferences,
  timeline,
} from '../projections';
import type { Lang } from '../render/lang';
import { stepText } from '../render/timeline';
import { OverlayEventStore } from '../store/overlay';
import type { EventStore, JsonObject, Position } from '../store/port';
import { type Instant, jstDate, type LocalDate } from '../terms/dates';
import { foldContract } from './folds';

export interface WhatIfOptions {
  /**
   * As the ledger stood at this instant: the commands are decided against each stream as it was
   * then (its events recorded by then), and their events are stamped with this time.
   */
  readonly knownAt?: Instant;
  /** As effective on this Japan date: today's figures and the what-if's both leave out later facts. */
  readonly asOf?: LocalDate;
  /** The would-be events' recordedAt (and the reservations' grace period); default: the system clock. */
  readonly clock?: Clock;
  /** The date the deadlines' and terms' status is told on without `asOf`; default: today in Japan. */
  readonly today?: LocalDate;
  /** The deployment's settings for the deciders (the provider catalog). */
  readonly terms?: TermsConfig;
  /** Stop at the first rejected command (as `apply --stop-on-error`). */
  readonly stopOnError?: boolean;
  /** The language of the would-be events' `summary` (default English). */
  readonly lang?: Lang;
  /** Who asks, as the edge checks a command it sends (a contractor's quote: src/auth). */
  readonly guard?: CommandGuard;
}

/** An event the commands would write, with the timeline's words for it where a contract's timeline tells it. */
export interface WouldBeEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  /** The date the event names, its article and the event in words; null for an event no timeline tells. */
  readonly date: LocalDate | null;
  readonly article: string | null;
  readonly summary: string | null;
}

export interface WhatIfResult {
  /** One result per command run, in order (fewer than the commands when `stopOnError` stopped). */
  readonly results: readonly CommandResult[];
  readonly events: readonly WouldBeEvent[];
  /** The contracts whose streams would get events, in the order they first would. */
  readonly contracts: readonly string[];
  /** Each of those contracts as it is (before) and as it would be (after): what the figures compare. */
  readonly versions: readonly ContractVersions[];
  /** Their charge lines, month by month, against today's. */
  readonly charges: ChargeDifferences;
  readonly terms: Differences<MinimumTerm>;
  readonly deadlines: Differences<ReturnDeadline>;
  readonly basis: {
    readonly store: EventStore['kind'];
    /** The store's last position when the what-if read it: the figures are as of then. */
    readonly position: Position | null;
    readonly knownAt: Instant | null;
    readonly asOf: LocalDate | null;
    /** The date statuses (of terms and deadlines) are told on: `asOf`, or today. */
    readonly statusDate: LocalDate;
  };
}

/** A clock that always reads `at` (as an ISO-8601 UTC instant, as the system clock writes it). */
const fixedClock =
  (at: Instant): Clock =>
  () =>
    new Date(Date.parse(at)).toISOString();

/** Runs `commands` (parsed JSON values, as `apply` reads them) against `store` without writing it. */
export async function whatIf(
  store: EventStore,
  commands: Iterable<unknown>,
  options: WhatIfOptions = {},
): Promise<WhatIfResult> {
  const clock = options.clock ?? (options.knownAt !== undefined ? fixedClock(options.knownAt) : systemClock);
  const statusDate = options.asOf ?? options.today ?? jstDate(clock());
  const view = options.knownAt === undefined ? {} : { knownAt: options.knownAt };
  const after = await OverlayEventStore.over(store, view);
  // Today's figures, through the same snapshot: an overlay that is never appended to.
  const before = after.fresh();
  try {
    const ledger = new Ledger({ store: after, clock, ...(options.terms ? { terms: options.terms } : {}) });
    const results: CommandResult[] = [];
    for (const command of commands) {
      const result = await ledger.execute(command, options.guard ? { guard: options.guard } : {});
      results.push(result);
      if (result.status === 'rejected' && options.stopOnError) break;
    }
    const written = after.appendedEvents();
    const contracts = [...new Set(written.flatMap((e) => contractIdOfStream(e.streamId) ?? []))];
    const versions: ContractVersions[] = [];
    const words = new Map<string, { date: LocalDate; article: string; text: string }>();
    const asOf = (c: ContractVersions['before']) =>
      c === null || options.asOf === undefined ? c : contractAsOf(c, options.asOf);
    for (const contractId of contracts) {
      const was = await foldContract(before, contractId);
      const is = await foldContract(after, contractId, { withNetwork: true });
      versions.push({
        contractId,
        before: asOf(was?.facts.contracts.get(contractId) ?? null),
        after: asOf(is?.facts.contracts.get(contractId) ?? null),
      });
      if (!is) continue;
      for (const step of timeline(is.facts, contractId)) {
        const known = words.get(step.eventId);
        const text = stepText(options.lang ?? 'en', step);
        words.set(step.eventId, {
          date: known?.date ?? step.date,
          article: known?.article ?? step.article,
          text: known ? `${known.text} ${text}` : text,
        });
      }
    }
    return {
      results,
      events: written.map((e) => {
        const w = words.get(e.id);
        return {
          streamId: e.streamId,
          revision: e.revision,
          eventId: e.id,
          type: e.type,
          data: e.data,
          metadata: e.metadata,
          date: w?.date ?? null,
          article: w?.article ?? null,
          summary: w?.text ?? null,
        };
      }),
      contracts,
      versions,
      charges: chargeDifferences(versions),
      terms: termDifferences(versions),
      deadlines: deadlineDifferences(versions, statusDate),
      basis: {
        store: store.kind,
        position: after.snapshot,
        knownAt: options.knownAt ?? null,
        asOf: options.asOf ?? null,
        statusDate,
      },
    };
  } finally {
    await after.close();
    await before.close();
  }
}
