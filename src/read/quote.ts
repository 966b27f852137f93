/**
 * A termination quote: "if I end this contract (or this option) on day D, what do I owe?" (Art. 18,
 * 17(4), 20, Annex 2, Art. 14(3)). The notice the contractor would send today is run through
 * what-if (the real pipeline over an overlay: nothing is written), and the answer is read from what
 * would change: the day the end would take effect (the later of the day asked and the day the terms
 * allow), the settlement for the rest of the minimum term (Annex 2), every line of the contract in
 * the last month billed, the months after it that would no longer be billed, and the equipment to
 * send back with its deadline.
 *
 * Who may ask is the caller's to check with `guard` (src/auth: a contractor quotes only its own
 * contracts, and is answered for another's exactly as for a contract that does not exist).
 */
import { randomUUID } from 'node:crypto';
import type { TermsConfig } from '../aggregates/context';
import type { Clock } from '../ledger/clock';
import type { CommandGuard, CommandResult } from '../ledger/ledger';
import { type ChargeLine, compareLines, contractChargesForMonth, type ReturnDeadline } from '../projections';
import type { EventStore } from '../store/port';
import type { LocalDate, YearMonth } from '../terms';
import { type WhatIfResult, whatIf } from './what-if';

export interface TerminationQuoteAsk {
  readonly contractId: string;
  /** The option to stop (Art. 17(4)); null: the whole contract (Art. 18). */
  readonly optionId: string | null;
  /** The day asked for: the notice's requested day. */
  readonly on: LocalDate;
  /** The day the notice would arrive: today, in Japan. */
  readonly noticeOn: LocalDate;
  /** Who asks (the notice's actor). */
  readonly actor: string;
}

export interface TerminationQuoteOptions {
  readonly clock: Clock;
  readonly terms?: TermsConfig;
  readonly guard?: CommandGuard;
}

export interface TerminationQuote {
  readonly ask: TerminationQuoteAsk;
  /** The notice's result as the pipeline would give it (a rejection says why there is no quote). */
  readonly result: CommandResult;
  /** The day the end would take effect, the last day billed; null when the notice would be refused. */
  readonly effectiveOn: LocalDate | null;
  /** The settlement lines for the rest of the minimum term (Art. 20, Annex 2); none after it. */
  readonly settlement: readonly ChargeLine[];
  /** Every line of the contract in the month of the end, as it would be billed (the settlement too). */
  readonly lastMonth: {
    readonly month: YearMonth;
    readonly lines: readonly ChargeLine[];
    readonly total: number;
  } | null;
  /**
   * The first month that would no longer be billed as today, and what it would bill less a month
   * from then on (null: the end changes no later month).
   */
  readonly savedFrom: { readonly month: YearMonth; readonly perMonth: number } | null;
  /** The equipment to send back, each by its deadline (Art. 14(3)). */
  readonly returns: readonly ReturnDeadline[];
  readonly whatIf: WhatIfResult;
}

/** The notice a quote runs: a termination notice, or an option stop notice (an id of its own, never reused). */
export const quoteCommand = (ask: TerminationQuoteAsk) =>
  ask.optionId === null
    ? {
        type: 'ReceiveTerminationNotice',
        commandId: `quote-${randomUUID()}`,
        actor: ask.actor,
        data: {
          contractId: ask.contractId,
          noticeArrivedOn: ask.noticeOn,
          requestedOn: ask.on,
          ground: 'ordinary',
          evidenceRef: null,
        },
      }
    : {
        type: 'StopOption',
        commandId: `quote-${randomUUID()}`,
        actor: ask.actor,
        data: {
          contractId: ask.contractId,
          optionId: ask.optionId,
          noticeArrivedOn: ask.noticeOn,
          requestedOn: ask.on,
        },
      };

const SETTLEMENT_KINDS: ReadonlySet<string> = new Set(['early-termination', 'early-termination-option']);

/** What ending a contract (or an option) on `ask.on` would cost, by what-if; nothing is written. */
export async function terminationQuote(
  store: EventStore,
  ask: TerminationQuoteAsk,
  options: TerminationQuoteOptions,
): Promise<TerminationQuote> {
  const whatIfResult = await whatIf(store, [quoteCommand(ask)], {
    clock: options.clock,
    today: ask.noticeOn,
    ...(options.terms ? { terms: options.terms } : {}),
    ...(options.guard ? { guard: options.guard } : {}),
  });
  const result = whatIfResult.results[0]!;
  const none = {
    ask,
    result,
    effectiveOn: null,
    settlement: [],
    lastMonth: null,
    savedFrom: null,
    returns: [],
    whatIf: whatIfResult,
  };
  if (result.status !== 'accepted') return none;
  const written = whatIfResult.events.find(
    (e) => e.type === 'TerminationNoticeReceived' || e.type === 'OptionStopNoticeReceived',
  );
  const effectiveOn = (written?.data as { effectiveOn?: LocalDate } | undefined)?.effectiveOn ?? null;
  const after = whatIfResult.versions.find((v) => v.contractId === ask.contractId)?.after ?? null;
  if (effectiveOn === null || after === null) return none;
  const month = effectiveOn.slice(0, 7);
  const lines = contractChargesForMonth(after, month).sort(compareLines);
  const added = whatIfResult.charges.months.flatMap((m) => m.added);
  const ongoing = whatIfResult.charges.ongoingFrom;
  const saved = ongoing === null ? null : whatIfResult.charges.months.find((m) => m.month === ongoing);
  return {
    ask,
    result,
    effectiveOn,
    settlement: added.filter((l) => SETTLEMENT_KINDS.has(l.kind)).sort(compareLines),
    lastMonth: { month, lines, total: lines.reduce((s, l) => s + l.amount, 0) },
    savedFrom: saved ? { month: saved.month, perMonth: -saved.difference } : null,
    returns: whatIfResult.deadlines.added,
    whatIf: whatIfResult,
  };
}
