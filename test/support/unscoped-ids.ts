/**
 * A log as the ledger wrote it before command ids were scoped by actor: every event's id is UUID v5
 * of `commandId#index` alone (the index counts the command's events across its streams, in the
 * order written), and the hash chains are worked out again over those ids. Built by copying a log
 * written today, event by event, into another store.
 */
import { v5 as uuidv5 } from 'uuid';
import { eventHash } from '../../src/ledger/hash-chain';
import type { EventStore, JsonObject } from '../../src/store';

/** The namespace src/ledger/envelope.ts made event ids in before the change (unchanged since). */
const NAMESPACE = '3f0c5a3e-8d7b-4c1e-9a51-0b9e6f1d2c47';

/** An event id as the ledger made it before command ids were scoped. */
export const unscopedEventId = (commandId: string, index: number): string =>
  uuidv5(`${commandId}#${index}`, NAMESPACE);

/** Copies every event of `from` into `to` (empty), as the ledger would have written them then. */
export async function copyWithUnscopedIds(from: EventStore, to: EventStore): Promise<void> {
  const lastHash = new Map<string, string>();
  const written = new Map<string, number>();
  for await (const e of from.readAll()) {
    const metadata = { ...(e.metadata as Record<string, unknown>) };
    const commandId = String(metadata.commandId);
    const command = `${String(metadata.actor)}/${commandId}`;
    const index = written.get(command) ?? 0;
    written.set(command, index + 1);
    metadata.eventId = unscopedEventId(commandId, index);
    metadata.prevHash = lastHash.get(e.streamId) ?? null;
    metadata.hash = '';
    metadata.hash = eventHash({
      streamId: e.streamId,
      revision: e.revision,
      type: e.type,
      data: e.data,
      metadata,
    });
    lastHash.set(e.streamId, metadata.hash as string);
    await to.appendToStream(
      e.streamId,
      [{ id: metadata.eventId as string, type: e.type, data: e.data, metadata: metadata as JsonObject }],
      { expectedRevision: e.revision === 0n ? 'no_stream' : e.revision - 1n },
    );
  }
}
