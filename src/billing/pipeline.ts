/**
 * What the billing commands (`close`, `seal`) share with the contract pipeline: the command
 * envelope and its hash (what "the same command" means), the event envelope and hash chain, event
 * ids from the actor and the command id (a retry writes the same ids; src/ledger/command-ids.ts),
 * and the answer's shape.
 */
import canonicalize from 'canonicalize';
import { type BillingCommand, BillingCommandSchemas } from '../aggregates';
import { type DomainEvent, decodeRecorded } from '../events';
import { CommandEnvelopeSchema, type FieldProblem, fieldProblems } from '../ledger/command-envelope';
import { type CommandRef, reusedIdRefusal, writtenBy } from '../ledger/command-ids';
import { envelopeEvents } from '../ledger/envelope';
import { sha256 } from '../ledger/hash-chain';
import { type CommandResult, rejectedResult, type WrittenEvent } from '../ledger/ledger';
import { applyFact, type CloseFact, initFacts } from '../projections';
import type { EventToAppend, ExpectedRevision, RecordedEvent } from '../store/port';
import type { Citation } from '../terms/citation';
import { jstDate } from '../terms/dates';
import { findEditionOn } from '../terms/editions';
import { type Rejection, type RejectionCode, type RejectionParams, refusal } from '../terms/rejections';

export interface ParsedBillingCommand {
  readonly command: BillingCommand;
  readonly commandId: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly hash: string;
}

/** A refused command, as the ledger answers one (src/ledger/ledger.ts). */
export type Rejected = Extract<CommandResult, { status: 'rejected' }>;

/** Parses `{type: 'CloseMonth', commandId, actor, data: {month}}`, every field problem named. */
export function parseBillingCommand(
  input: unknown,
): { ok: true; value: ParsedBillingCommand } | { ok: false; problems: FieldProblem[] } {
  const envelope = CommandEnvelopeSchema.safeParse(input);
  if (!envelope.success) return { ok: false, problems: fieldProblems(envelope.error, '') };
  const { type, commandId, actor, data } = envelope.data;
  if (!Object.hasOwn(BillingCommandSchemas, type)) {
    return {
      ok: false,
      problems: [
        {
          path: 'type',
          message: `unknown billing command type "${type}"; known: ${Object.keys(BillingCommandSchemas).join(', ')}`,
        },
      ],
    };
  }
  const parsed = BillingCommandSchemas[type as keyof typeof BillingCommandSchemas].safeParse(data);
  if (!parsed.success) return { ok: false, problems: fieldProblems(parsed.error, 'data') };
  return {
    ok: true,
    value: {
      command: { type, data: parsed.data } as BillingCommand,
      commandId,
      actor,
      correlationId: envelope.data.correlationId ?? commandId,
      causationId: envelope.data.causationId ?? commandId,
      hash: commandHash(type, actor, parsed.data),
    },
  };
}

export const commandHash = (type: string, actor: string, data: unknown): string =>
  sha256(canonicalize({ type, actor, data }) ?? '');

export const invalid = (input: unknown, problems: readonly FieldProblem[]): Rejected => {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  return rejectedResult(
    typeof raw.commandId === 'string' ? raw.commandId : null,
    typeof raw.type === 'string' ? raw.type : null,
    refusal('INVALID_COMMAND', { problems }, []),
    problems,
  );
};

export const rejected = <C extends RejectionCode>(
  cmd: { commandId: string; command: { type: string } },
  code: C,
  params: RejectionParams[C],
  cite: Citation,
  field?: string,
): Rejected =>
  rejectedResult(cmd.commandId, cmd.command.type, refusal(code, params, cite, field) as Rejection);

/** The actor's command id was used before: with another payload, or for another command. */
export const idReused = (
  cmd: CommandRef & { command: { type: string } },
  reuse: 'payload' | 'other-command',
): Rejected => rejectedResult(cmd.commandId, cmd.command.type, reusedIdRefusal(cmd, reuse));

/** A one-event stream as a command finds it: what it holds before the command, and the command's own event. */
export interface LoadedStream<S> {
  readonly state: S;
  readonly expected: ExpectedRevision;
  readonly nextRevision: bigint;
  readonly prevHash: string | null;
  /** This command's event, from an earlier attempt. */
  readonly own: RecordedEvent | null;
  /** The command id was used with another payload. */
  readonly reused: boolean;
}

/** Folds a stream's events up to (not including) the command's own (its actor's and id's). */
export function loadStream<S>(
  events: readonly RecordedEvent[],
  cmd: CommandRef,
  hash: string,
  initial: S,
  evolve: (state: S, event: DomainEvent) => S,
): LoadedStream<S> {
  let state = initial;
  let prevHash: string | null = null;
  let last = -1n;
  for (const e of events) {
    const meta = e.metadata as { commandHash?: string; hash?: string };
    if (writtenBy(meta, cmd)) {
      return {
        state,
        expected: last < 0n ? 'no_stream' : last,
        nextRevision: last + 1n,
        prevHash,
        own: e,
        reused: meta.commandHash !== hash,
      };
    }
    state = evolve(state, decodeRecorded(e, { validate: false }));
    prevHash = meta.hash ?? null;
    last = e.revision;
  }
  return {
    state,
    expected: last < 0n ? 'no_stream' : last,
    nextRevision: last + 1n,
    prevHash,
    own: null,
    reused: false,
  };
}

/** The events of one command, in their envelope, chained after the stream's last event. */
export function envelope(
  cmd: ParsedBillingCommand | (Omit<ParsedBillingCommand, 'command'> & { command: { type: string } }),
  streamId: string,
  loaded: Pick<LoadedStream<unknown>, 'nextRevision' | 'prevHash'>,
  events: readonly DomainEvent[],
  at: string,
): { events: EventToAppend[]; written: WrittenEvent[] } | null {
  const edition = findEditionOn(jstDate(at));
  if (!edition) return null;
  const { events: toAppend } = envelopeEvents(
    { cmd, occurredAt: at, recordedAt: at, edition: edition.id },
    { streamId, nextRevision: loaded.nextRevision, prevHash: loaded.prevHash },
    events,
    0,
  );
  return {
    events: toAppend,
    written: toAppend.map((e, i) => ({
      streamId,
      revision: loaded.nextRevision + BigInt(i),
      eventId: e.id,
      type: e.type,
    })),
  };
}

/** A MonthClosed event as the answers read it. */
export function closeOfEvent(e: RecordedEvent): CloseFact {
  const facts = initFacts();
  applyFact(facts, decodeRecorded(e, { validate: false }));
  const close = [...facts.closes.values()][0];
  if (!close) throw new Error(`${e.streamId}@${e.revision} is not a month's close`);
  return close;
}
