/**
 * The running digest of a log up to a position, for a new seal: from the latest seal the views
 * know (its digest and position), over the events after it. `verify` works the digest out again
 * from the first event, and checks every seal against it.
 */
import { RunningDigest } from '../ledger/seal';
import {
  comparePositions,
  type EventStore,
  type JsonObject,
  type LocalLog,
  type Position,
} from '../store/port';
import type { SealBase } from '../views/models/seals';

const start = (base: SealBase | null): RunningDigest =>
  base ? new RunningDigest(base.digest, base.events, base.position) : new RunningDigest();

/** The digest up to `upTo` of a local log, read synchronously (inside the close's transaction). */
export function digestUpToSync(log: LocalLog, base: SealBase | null, upTo: Position | null): RunningDigest {
  const digest = start(base);
  if (upTo === null) return digest;
  const after = base?.position?.commit ?? 0n;
  for (const row of log.rows(after + 1n)) {
    const g = row.position;
    if (g > upTo.commit) break;
    digest.addEvent({
      streamId: row.streamId,
      revision: BigInt(row.revision as number),
      position: { commit: g, prepare: g },
      type: row.type,
      data: JSON.parse(row.data) as JsonObject,
      metadata: JSON.parse(row.metadata) as JsonObject,
    });
  }
  return digest;
}

/** The digest up to `upTo` of any store, read through `readAll`. */
export async function digestUpTo(
  store: EventStore,
  base: SealBase | null,
  upTo: Position | null,
): Promise<RunningDigest> {
  const digest = start(base);
  if (upTo === null) return digest;
  const from = base?.position ?? null;
  for await (const e of store.readAll(from === null ? {} : { fromPosition: from })) {
    if (from !== null && comparePositions(e.position, from) <= 0) continue;
    if (comparePositions(e.position, upTo) > 0) break;
    digest.addEvent(e);
  }
  return digest;
}
