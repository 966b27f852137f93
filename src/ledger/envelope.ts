import { type DomainEvent, SCHEMA_VERSIONS } from '../events';
import type { EventToAppend, JsonObject } from '../store/port';
import type { ParsedCommand } from './command-envelope';
import { type EventIdScheme, eventIdFor } from './command-ids';
import { eventHash } from './hash-chain';

/** What every event of one command shares in its envelope. */
export interface CommandStamp {
  readonly cmd: Pick<ParsedCommand, 'commandId' | 'hash' | 'actor' | 'correlationId' | 'causationId'> & {
    readonly command: { readonly type: string };
  };
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly edition: string;
  /** How the events' ids are made (command-ids.ts): scoped, unless completing a command begun unscoped. */
  readonly idScheme?: EventIdScheme;
}

/**
 * Wraps one stream's share of a command's events in the envelope of design.md and chains their
 * hashes from `prevHash`. `firstIndex` numbers the command's events across all its streams.
 */
export const envelopeEvents = (
  stamp: CommandStamp,
  stream: { readonly streamId: string; readonly nextRevision: bigint; readonly prevHash: string | null },
  events: readonly DomainEvent[],
  firstIndex: number,
): { readonly events: EventToAppend[]; readonly lastHash: string | null } => {
  const { cmd } = stamp;
  let prevHash = stream.prevHash;
  const enveloped = events.map((event, i): EventToAppend => {
    const revision = stream.nextRevision + BigInt(i);
    const metadata = {
      eventId: eventIdFor(cmd, firstIndex + i, stamp.idScheme),
      commandId: cmd.commandId,
      commandHash: cmd.hash,
      commandType: cmd.command.type,
      actor: cmd.actor,
      occurredAt: stamp.occurredAt,
      recordedAt: stamp.recordedAt,
      edition: stamp.edition,
      correlationId: cmd.correlationId,
      causationId: cmd.causationId,
      schemaVersion: SCHEMA_VERSIONS[event.type],
      prevHash,
      hash: '',
    };
    metadata.hash = eventHash({
      streamId: stream.streamId,
      revision,
      type: event.type,
      data: event.data,
      metadata,
    });
    prevHash = metadata.hash;
    return {
      id: metadata.eventId,
      type: event.type,
      data: event.data as JsonObject,
      metadata: metadata as JsonObject,
    };
  });
  return { events: enveloped, lastHash: prevHash };
};
