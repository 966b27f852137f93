/**
 * A seal on demand (`vpn-ledger seal`): the log up to its head, digested and signed, recorded as a
 * LogSealed event in the `seals` stream (so that `verify` finds it, and the next seal starts from
 * it) and returned, to be published outside the ledger.
 */
import { type KeyObject, randomUUID } from 'node:crypto';
import type { DomainEvent, Seal } from '../events';
import { SEALS_STREAM } from '../events';
import { EnvelopeId } from '../events/fields';
import type { Clock } from '../ledger/clock';
import { rejectedResult, type WrittenEvent } from '../ledger/ledger';
import { makeSeal, type RunningDigest } from '../ledger/seal';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../store/errors';
import type { EventStore, Position, RecordedEvent } from '../store/port';
import { refusal } from '../terms/rejections';
import type { ViewsDb } from '../views/views-db';
import { commandHash, envelope, idReused, loadStream, type Rejected } from './pipeline';
import { digestUpTo, digestUpToSync } from './sealing';

export interface SealLogOptions {
  readonly store: EventStore;
  /** The views whose latest seal the digest starts from (none: from the first event). */
  readonly views: ViewsDb | null;
  /** True when the views live in the ledger's own file and move with its appends (an SQLite ledger). */
  readonly viewsInline?: boolean;
  readonly clock: Clock;
  readonly key: KeyObject;
  readonly maxRetries?: number;
}

export type SealLogResult =
  | {
      readonly status: 'accepted';
      readonly commandId: string;
      readonly repeated: boolean;
      readonly seal: Seal;
      readonly event: WrittenEvent;
      readonly position: Position | null;
      readonly eventHash: string;
    }
  | Rejected;

const TYPE = 'SealLog';

const accepted = (commandId: string, own: RecordedEvent, repeated: boolean): SealLogResult => ({
  status: 'accepted',
  commandId,
  repeated,
  seal: (own.data as { seal: Seal }).seal,
  event: { streamId: own.streamId, revision: own.revision, eventId: own.id, type: own.type },
  position: own.position,
  eventHash: String((own.metadata as { hash?: unknown }).hash),
});

/** Seals the log up to its head. The same command id again answers with the seal it made. */
export async function sealLog(
  request: { readonly actor: string; readonly commandId?: string },
  options: SealLogOptions,
): Promise<SealLogResult> {
  const commandId = request.commandId ?? `seal-${randomUUID()}`;
  for (const [field, value] of [
    ['commandId', commandId],
    ['actor', request.actor],
  ] as const) {
    const ok = EnvelopeId.safeParse(value);
    if (!ok.success) {
      const problems = [{ path: field, message: ok.error.issues[0]?.message ?? 'invalid' }];
      return rejectedResult(
        field === 'commandId' ? null : commandId,
        TYPE,
        refusal('INVALID_COMMAND', { problems }, [], field),
      );
    }
  }
  const cmd = {
    command: { type: TYPE },
    commandId,
    actor: request.actor,
    correlationId: commandId,
    causationId: commandId,
    hash: commandHash(TYPE, request.actor, {}),
  };
  const plan = (events: readonly RecordedEvent[], digest: () => RunningDigest, now: string) => {
    const loaded = loadStream<null>(events, cmd, cmd.hash, null, () => null);
    if (loaded.reused) return { kind: 'reused' as const };
    if (loaded.own) return { kind: 'repeat' as const, own: loaded.own };
    const event: DomainEvent = {
      type: 'LogSealed',
      data: {
        seal: makeSeal({ digest: digest(), sealedAt: now, subject: { kind: 'on-demand' } }, options.key),
      },
    };
    const appended = envelope(cmd, SEALS_STREAM, loaded, [event], now);
    if (!appended) throw new Error(`${now} is before the terms came into force`);
    return { kind: 'append' as const, expected: loaded.expected, appended };
  };
  const { store, views } = options;
  const base = () => views?.seals.latest() ?? null;
  const log = store.local;
  if (log && options.viewsInline) {
    const run = (): SealLogResult => {
      const read = log.readStreamSync(SEALS_STREAM);
      const events = read.status === 'found' ? read.events : [];
      const upTo = log.headSync();
      const p = plan(events, () => digestUpToSync(log, base(), upTo), options.clock());
      if (p.kind === 'reused') return idReused(cmd, 'payload');
      if (p.kind === 'repeat') return accepted(commandId, p.own, true);
      log.appendSync(SEALS_STREAM, p.appended.events, p.expected);
      const after = log.readStreamSync(SEALS_STREAM);
      const own =
        after.status === 'found'
          ? after.events.find((e) => e.id === p.appended.written[0]!.eventId)
          : undefined;
      return accepted(commandId, own!, false);
    };
    try {
      return log.exclusive(run);
    } catch (error) {
      if (error instanceof DuplicateEventIdError) return idReused(cmd, 'other-command');
      throw error;
    }
  }
  for (let attempt = 1; ; attempt++) {
    const read = await store.readStream(SEALS_STREAM);
    const events = read.status === 'found' ? read.events : [];
    const upTo = await store.headPosition();
    const digest = await digestUpTo(store, base(), upTo);
    const p = plan(events, () => digest, options.clock());
    if (p.kind === 'reused') return idReused(cmd, 'payload');
    if (p.kind === 'repeat') return accepted(commandId, p.own, true);
    try {
      await store.appendToStream(SEALS_STREAM, p.appended.events, { expectedRevision: p.expected });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError && attempt <= (options.maxRetries ?? 10)) continue;
      if (error instanceof DuplicateEventIdError) return idReused(cmd, 'other-command');
      throw error;
    }
    const after = await store.readStream(SEALS_STREAM);
    const own =
      after.status === 'found'
        ? after.events.find((e) => e.id === p.appended.written[0]!.eventId)
        : undefined;
    return accepted(commandId, own!, false);
  }
}
