import {
  type ContractState,
  contractDecider,
  contractIdOf,
  DEFAULT_TERMS_CONFIG,
  decideCommand,
  isPolicyCommand,
  type NetworkState,
  networkDecider,
  networkIdOf,
  occurredAt,
  type PendingReservation,
  type PolicyBook,
  parentContractIdFor,
  policyDecider,
  type TermsConfig,
} from '../aggregates';
import type { Command } from '../aggregates/registry';
import {
  contractStream,
  type DomainEvent,
  decodeRecorded,
  networkStream,
  POLICIES_STREAM,
  type PolicyEvent,
} from '../events';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../store/errors';
import type { EventStore, ExpectedRevision, Position, RecordedEvent } from '../store/port';
import { type Citation, citationText, supplementary } from '../terms/citation';
import { jstDate } from '../terms/dates';
import { findEditionOn } from '../terms/editions';
import { type Rejection, type RejectionCode, type RejectionParams, refusal } from '../terms/rejections';
import type { Clock } from './clock';
import { type FieldProblem, type ParsedCommand, parseCommand } from './command-envelope';
import { commandKey, commandKeyOf, idSchemeOf, reusedIdRefusal, writtenBy } from './command-ids';
import { envelopeEvents } from './envelope';
import { NO_RESERVATIONS, readsMembership, SiteReservations } from './site-reservations';
import { type FoldedStream, StreamStateCache } from './stream-cache';

export interface WrittenEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly eventId: string;
  readonly type: string;
}

export type CommandResult =
  | {
      readonly status: 'accepted';
      readonly commandId: string;
      readonly type: string;
      readonly events: readonly WrittenEvent[];
      readonly position: Position | null;
      /** True when the command id had been handled before: nothing new was written. */
      readonly repeated: boolean;
      /**
       * The events THIS call wrote: 0 for a repeat, fewer than `events` when it completed a
       * command an earlier attempt left half done, or when another process wrote some first.
       */
      readonly eventsWritten: number;
      readonly attempts: number;
    }
  | {
      readonly status: 'rejected';
      readonly commandId: string | null;
      readonly type: string | null;
      readonly code: RejectionCode;
      /** The citation in the ledger's notation ('Art. 8(1)'), or null when no provision is concerned. */
      readonly article: string | null;
      readonly field?: string;
      readonly problems?: readonly FieldProblem[];
      /** The code's parameters (data: ids, dates, amounts, codes). */
      readonly params: Rejection['params'];
      /** The provisions, as data (src/terms/citation.ts); empty when none is concerned. */
      readonly citation: Citation;
    };

/**
 * A rejected result from a rejection: its code, parameters and citation, as data. The sentence is
 * the edges' to render, in the run's or the request's language (src/render: resultMessage).
 */
export const rejectedResult = (
  commandId: string | null,
  type: string | null,
  r: Rejection,
  problems?: readonly FieldProblem[],
): Extract<CommandResult, { status: 'rejected' }> => {
  return {
    status: 'rejected',
    commandId,
    type,
    code: r.code,
    article: r.cite.length === 0 ? null : citationText(r.cite),
    ...(r.field ? { field: r.field } : {}),
    ...(problems ? { problems } : {}),
    params: r.params,
    citation: r.cite,
  };
};

export interface LedgerOptions {
  readonly store: EventStore;
  readonly clock: Clock;
  /**
   * The base settings of the deciders, before any policy set the ledger adopted (the `policies`
   * stream, which every decision reads): the shipped defaults unless an embedding program says
   * otherwise (the provider catalog of `--catalog`).
   */
  readonly terms?: TermsConfig;
  /** Reload-and-retry attempts after a wrong-expected-version conflict. */
  readonly maxRetries?: number;
  /** Streams whose folded state is kept between commands (0: fold every stream from its start). */
  readonly streamCacheSize?: number;
}

/** What a guard sees of a command before it is decided: the states its rules will read. */
export interface GuardContext {
  readonly contract: ContractState | null;
  readonly network: NetworkState | null;
  /** The command id was handled before: the answer will be the first result, nothing is decided. */
  readonly repeated: boolean;
}

/**
 * A check of the edge (who sent the command) run on the loaded states before the command is
 * answered or decided; a rejection it returns is the command's result, and nothing is written.
 */
export type CommandGuard = (cmd: ParsedCommand, context: GuardContext) => Rejection | null;

export interface ExecuteOptions {
  readonly guard?: CommandGuard;
}

/** Streams the cache keeps apart: a network folded for the membership rules leaves reservations out. */
const MEMBERSHIP_KEY = '\u0000membership';

/** A stream as the pipeline needs it: state before this command, and where to append. */
interface LoadedStream<S> {
  readonly streamId: string;
  readonly state: S;
  readonly expected: ExpectedRevision;
  readonly nextRevision: bigint;
  readonly prevHash: string | null;
  /** recordedAt of this command's events, when an earlier attempt wrote some. */
  readonly recordedAt: string | null;
  readonly reusedWithOtherPayload: boolean;
  /** This command's events already in the stream, from an earlier attempt. */
  readonly own: readonly WrittenEvent[];
  readonly ownPosition: Position | null;
  /** The commands with events in the stream (commandKey). */
  readonly commands: Set<string>;
  /** The stream's events when it was read whole (null when it came from the cache). */
  readonly events: readonly RecordedEvent[] | null;
  /** For a network read for the membership rules: its open reservations. */
  readonly pending: PendingReservation[];
}

/**
 * The command pipeline every aggregate uses: parse (zod) → read the streams → fold `evolve` →
 * `decide` → append with the revision that was read; on a conflict, reload and retry.
 */
export class Ledger {
  readonly store: EventStore;
  private readonly clock: Clock;
  private readonly terms: TermsConfig;
  private readonly maxRetries: number;
  private readonly streams: StreamStateCache;
  private readonly reservations: SiteReservations;

  constructor(options: LedgerOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.terms = options.terms ?? DEFAULT_TERMS_CONFIG;
    this.maxRetries = options.maxRetries ?? 10;
    this.streams = new StreamStateCache(options.streamCacheSize ?? 1_000);
    this.reservations = new SiteReservations(this.store, this.clock);
  }

  /**
   * Forgets every folded stream and remembered acceptance. A writer that rolls back a transaction
   * the ledger appended in (a group commit) calls this: what was read inside it may never have been.
   */
  clearCaches(): void {
    this.streams.clear();
    this.reservations.clear();
  }

  async execute(input: unknown, options: ExecuteOptions = {}): Promise<CommandResult> {
    const parsed = parseCommand(input);
    if (!parsed.ok) {
      const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
      return rejectedResult(
        typeof raw.commandId === 'string' ? raw.commandId : null,
        typeof raw.type === 'string' ? raw.type : null,
        refusal(
          'INVALID_COMMAND',
          parsed.more > 0 ? { problems: parsed.problems, more: parsed.more } : { problems: parsed.problems },
          [],
        ),
        parsed.problems,
      );
    }
    const cmd = parsed.value;
    let reloadedAfterDuplicate = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(cmd, attempt, options);
      } catch (error) {
        // What was folded of the stream is behind it (another writer), or was never committed.
        if (error instanceof WrongExpectedVersionError || error instanceof DuplicateEventIdError) {
          this.forgetStream(error.streamId);
        }
        if (error instanceof WrongExpectedVersionError && attempt <= this.maxRetries) continue;
        // The same command racing itself: the other copy landed first with these event ids and its
        // own recordedAt. One reload finds those events and answers with them as a repeat; a real
        // re-use of the id by its actor (for a command on another stream) is refused on the way
        // back, without naming where the id was used.
        if (error instanceof DuplicateEventIdError && !reloadedAfterDuplicate) {
          reloadedAfterDuplicate = true;
          continue;
        }
        if (error instanceof WrongExpectedVersionError) {
          return this.rejected(
            cmd,
            'CONCURRENCY_CONFLICT',
            { streamId: error.streamId, attempts: attempt },
            [],
          );
        }
        if (error instanceof DuplicateEventIdError) {
          return rejectedResult(cmd.commandId, cmd.command.type, reusedIdRefusal(cmd, 'other-command'));
        }
        throw error;
      }
    }
  }

  private async attempt(
    cmd: ParsedCommand,
    attempt: number,
    options: ExecuteOptions,
  ): Promise<CommandResult> {
    const { command } = cmd;
    // Every decision reads the policy sets the ledger adopted: the set in force on its fact's date.
    const policies = await this.load<PolicyBook>(POLICIES_STREAM, cmd, policyDecider.initialState, (s, e) =>
      policyDecider.evolve(s, e as PolicyEvent),
    );
    const contractId = contractIdOf(command);
    const contract = contractId
      ? await this.load<ContractState>(
          contractStream(contractId),
          cmd,
          contractDecider.initialState,
          (s, e) => contractDecider.evolve(s, e as never),
        )
      : null;
    const networkId = networkIdOf(command, contract?.state ?? contractDecider.initialState);
    let network: LoadedStream<NetworkState> | null = null;
    let pending: PendingReservation[] = [];
    if (networkId) {
      network = await this.load<NetworkState>(
        networkStream(networkId),
        cmd,
        networkDecider.initialState,
        (s, e) => networkDecider.evolve(s, e as never),
        readsMembership(command.type) ? { ownContractId: contractId, contract } : undefined,
      );
      pending = network.pending;
    }
    const parent = await this.parentOf(command, contractId, network?.state ?? null, cmd);
    if (options.guard) {
      const finalStream = isPolicyCommand(command) ? policies : contractId ? contract : network;
      const refused = options.guard(cmd, {
        contract: contract?.state ?? null,
        network: network?.state ?? null,
        repeated: finalStream !== null && finalStream.own.length > 0,
      });
      if (refused) return rejectedResult(cmd.commandId, cmd.command.type, refused);
    }
    if (
      contract?.reusedWithOtherPayload ||
      network?.reusedWithOtherPayload ||
      (isPolicyCommand(command) && policies.reusedWithOtherPayload)
    ) {
      return rejectedResult(cmd.commandId, cmd.command.type, reusedIdRefusal(cmd, 'payload'));
    }
    // The contract stream is written last, so a command found there (or, for a network command,
    // in the network stream; for a policy command, in the policies stream) was completed before:
    // answer with what it wrote, decide nothing.
    const finalStream = isPolicyCommand(command) ? policies : contractId ? contract : network;
    if (finalStream && finalStream.own.length > 0) {
      const events = [
        ...(isPolicyCommand(command) ? policies.own : []),
        ...(network?.own ?? []),
        ...(contract?.own ?? []),
      ];
      return {
        status: 'accepted',
        commandId: cmd.commandId,
        type: command.type,
        events,
        position: finalStream.ownPosition,
        repeated: true,
        eventsWritten: 0,
        attempts: attempt,
      };
    }
    const at = occurredAt(command);
    const edition = findEditionOn(jstDate(at));
    if (!edition) {
      return this.rejected(cmd, 'BEFORE_FIRST_EDITION', { date: jstDate(at) }, [supplementary()]);
    }
    const recordedAt = contract?.recordedAt ?? network?.recordedAt ?? this.clock();
    const decision = decideCommand(
      command,
      {
        network: network?.state ?? networkDecider.initialState,
        contract: contract?.state ?? contractDecider.initialState,
        ...(parent ? { parent } : {}),
        policies: policies.state,
      },
      this.terms,
      { pending, today: jstDate(recordedAt) },
    );
    if (!decision.ok) return rejectedResult(cmd.commandId, cmd.command.type, decision.rejection);
    const writes: { stream: LoadedStream<unknown>; events: readonly DomainEvent[] }[] = [];
    if (decision.policies.length > 0) writes.push({ stream: policies, events: decision.policies });
    if (decision.network.length > 0) {
      if (!network) throw new Error(`${command.type} decided network events without a network`);
      writes.push({ stream: network, events: decision.network });
    }
    if (decision.contract.length > 0) {
      if (!contract) throw new Error(`${command.type} decided contract events without a contract`);
      writes.push({ stream: contract, events: decision.contract });
    }
    const written: WrittenEvent[] = [];
    let position: Position | null = null;
    let index = 0;
    let eventsWritten = 0;
    // A command an earlier attempt left half done is completed with the ids it began with.
    const begun = network?.own[0] ?? contract?.own[0] ?? policies.own[0];
    const stamp = {
      cmd,
      occurredAt: at,
      recordedAt,
      edition: edition.id,
      idScheme: idSchemeOf(cmd, begun?.eventId),
    };
    for (const { stream, events } of writes) {
      const { events: toAppend } = envelopeEvents(stamp, stream, events, index);
      index += toAppend.length;
      for (const [i, e] of toAppend.entries()) {
        written.push({
          streamId: stream.streamId,
          revision: stream.nextRevision + BigInt(i),
          eventId: e.id,
          type: e.type,
        });
      }
      const result = await this.store.appendToStream(stream.streamId, toAppend, {
        expectedRevision: stream.expected,
      });
      position = result.position;
      // An append the store found already done (this command's own events, written by an earlier
      // attempt or by another process running the same command) wrote nothing here.
      if (result.written) eventsWritten += toAppend.length;
    }
    return {
      status: 'accepted',
      commandId: cmd.commandId,
      type: command.type,
      events: written,
      position,
      repeated: written.length > 0 && eventsWritten === 0,
      eventsWritten,
      attempts: attempt,
    };
  }

  /**
   * The network's parent contract, for a command on a child whose authority comes from it (Art.
   * 10(1)(2): an instruction to change the configuration). Null for any other command.
   */
  private async parentOf(
    command: Command,
    contractId: string | null,
    network: NetworkState | null,
    cmd: ParsedCommand,
  ): Promise<ContractState | null> {
    const parentId = network ? parentContractIdFor(command, contractId, network) : null;
    if (parentId === null) return null;
    const parent = await this.load<ContractState>(
      contractStream(parentId),
      cmd,
      contractDecider.initialState,
      (s, e) => contractDecider.evolve(s, e as never),
    );
    return parent.state;
  }

  private async read(streamId: string, from?: bigint): Promise<readonly RecordedEvent[]> {
    const read = await this.store.readStream(streamId, from === undefined ? {} : { fromRevision: from });
    return read.status === 'found' ? read.events : [];
  }

  private forgetStream(streamId: string): void {
    this.streams.delete(streamId);
    this.streams.delete(`${streamId}${MEMBERSHIP_KEY}`);
  }

  /**
   * A stream as this command needs it. From the cache when it holds the stream and has never seen
   * this command: only the events after the cached revision are read and folded. Otherwise (a
   * repeat, a command stopped between its appends, a reservation confirmed since, no entry) the
   * whole stream is folded, and the cache keeps the result unless it holds this command's events.
   */
  private async load<S>(
    streamId: string,
    cmd: ParsedCommand,
    initial: S,
    evolve: (state: S, event: DomainEvent) => S,
    membership?: { ownContractId: string | null; contract: LoadedStream<ContractState> | null },
  ): Promise<LoadedStream<S>> {
    const key = membership ? `${streamId}${MEMBERSHIP_KEY}` : streamId;
    const cached = this.streams.get<S>(key);
    const extended = cached && (await this.extend(streamId, cached, cmd, evolve, membership !== undefined));
    if (extended) {
      this.streams.set(key, extended);
      return this.loaded(
        streamId,
        extended,
        membership ? this.reservations.pending(extended.reservations!) : [],
      );
    }
    const events = await this.read(streamId);
    const reservations = membership
      ? await this.reservations.ofNetwork(events, cmd, {
          contractId: membership.ownContractId,
          events: membership.contract?.events ?? null,
        })
      : null;
    const whole = this.fold<S>(streamId, events, cmd, initial, evolve, reservations?.unconfirmed);
    if (whole.own.length === 0) {
      this.streams.set<S>(key, {
        revision: whole.nextRevision - 1n,
        state: whole.state,
        prevHash: whole.prevHash,
        commands: whole.commands,
        reservations,
      });
    }
    return { ...whole, pending: reservations ? this.reservations.pending(reservations) : [] };
  }

  /**
   * The cached fold moved on by the events written since, or null when the stream must be folded
   * whole: it holds this command's events, or a reservation left out is now confirmed.
   */
  private async extend<S>(
    streamId: string,
    cached: FoldedStream<S>,
    cmd: ParsedCommand,
    evolve: (state: S, event: DomainEvent) => S,
    withMembership: boolean,
  ): Promise<FoldedStream<S> | null> {
    if (cached.commands.has(commandKey(cmd))) return null;
    const reservations = withMembership ? (cached.reservations ?? NO_RESERVATIONS) : null;
    if (reservations && (await this.reservations.anyConfirmed(reservations))) return null;
    const tail = await this.read(streamId, cached.revision + 1n);
    if (tail.length === 0) return cached;
    if (tail[0]!.revision !== cached.revision + 1n) return null;
    let { state, prevHash } = cached;
    const followed = reservations && this.reservations.follow(reservations);
    for (const recorded of tail) {
      if (writtenBy(recorded.metadata, cmd)) return null;
      const key = commandKeyOf(recorded.metadata);
      if (key !== null) cached.commands.add(key);
      const meta = recorded.metadata as { hash?: string };
      prevHash = meta.hash ?? null;
      if (followed && (await followed.take(recorded))) continue;
      state = evolve(state, decodeRecorded(recorded, { validate: false }));
    }
    return {
      revision: tail[tail.length - 1]!.revision,
      state,
      prevHash,
      commands: cached.commands,
      reservations: followed?.reservations ?? null,
    };
  }

  private loaded<S>(
    streamId: string,
    folded: FoldedStream<S>,
    pending: PendingReservation[],
  ): LoadedStream<S> {
    return {
      streamId,
      state: folded.state,
      expected: folded.revision < 0n ? 'no_stream' : folded.revision,
      nextRevision: folded.revision + 1n,
      prevHash: folded.prevHash,
      recordedAt: null,
      reusedWithOtherPayload: false,
      own: [],
      ownPosition: null,
      commands: folded.commands,
      events: null,
      pending,
    };
  }

  /**
   * Folds a stream's events up to (not including) this command's own events, so that a repeated
   * command is decided against the same state and yields the same events, which the store then
   * recognises by their ids and does not write again. Events named in `skip` (unconfirmed
   * reservations) stay in the hash chain but out of the state.
   */
  private fold<S>(
    streamId: string,
    events: readonly RecordedEvent[],
    cmd: ParsedCommand,
    initial: S,
    evolve: (state: S, event: DomainEvent) => S,
    skip?: ReadonlyMap<string, unknown>,
  ): Omit<LoadedStream<S>, 'pending'> {
    let state = initial;
    let prevHash: string | null = null;
    let last = -1n;
    let before: { expected: bigint; prevHash: string | null; state: S } | null = null;
    let recordedAt: string | null = null;
    let reused = false;
    const own: WrittenEvent[] = [];
    const commands = new Set<string>();
    let ownPosition: Position | null = null;
    for (const recorded of events) {
      const meta = recorded.metadata as { commandHash?: string; hash?: string; recordedAt?: string };
      const key = commandKeyOf(recorded.metadata);
      if (key !== null) commands.add(key);
      if (writtenBy(recorded.metadata, cmd)) {
        before ??= { expected: last, prevHash, state };
        recordedAt ??= meta.recordedAt ?? null;
        reused ||= meta.commandHash !== cmd.hash;
        own.push({ streamId, revision: recorded.revision, eventId: recorded.id, type: recorded.type });
        ownPosition = recorded.position;
      }
      if (before === null) {
        if (!skip?.has(recorded.id)) state = evolve(state, decodeRecorded(recorded, { validate: false }));
        prevHash = meta.hash ?? null;
      }
      last = recorded.revision;
    }
    const base = before ?? { expected: last, prevHash, state };
    return {
      streamId,
      state: base.state,
      expected: base.expected < 0n ? 'no_stream' : base.expected,
      nextRevision: base.expected + 1n,
      prevHash: base.prevHash,
      recordedAt,
      reusedWithOtherPayload: reused,
      own,
      ownPosition,
      commands,
      events,
    };
  }

  private rejected<C extends RejectionCode>(
    cmd: ParsedCommand,
    code: C,
    params: RejectionParams[C],
    cite: Citation,
  ): CommandResult {
    return rejectedResult(cmd.commandId, cmd.command.type, refusal(code, params, cite) as Rejection);
  }
}
