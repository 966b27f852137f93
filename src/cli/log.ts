/** Reading the global log into the projections' facts, with provenance for the answer. */
import { decodeRecorded, foldFailure } from '../events';
import { applyFact, type Facts, initFacts, knownBy } from '../projections/facts';
import type { EventStore, Position } from '../store/port';

export interface FoldedLog {
  readonly facts: Facts;
  /** Events read from the log (all of them, also those recorded after --known-at). */
  readonly eventsRead: number;
  /** Events folded into the facts (those the ledger knew at --known-at). */
  readonly eventsApplied: number;
  /** Position of the last event read, or null for an empty log. */
  readonly lastPosition: Position | null;
  readonly knownAt: string | null;
}

export interface FoldOptions {
  readonly knownAt?: string;
  /** Called every `every` events with the count so far (for progress bars). */
  readonly onProgress?: (eventsRead: number) => void;
  readonly every?: number;
}

/** Folds the whole log, from the start, into fresh facts. */
export const foldLog = async (store: EventStore, options: FoldOptions = {}): Promise<FoldedLog> => {
  const facts = initFacts();
  const every = options.every ?? 1000;
  let eventsRead = 0;
  let eventsApplied = 0;
  let lastPosition: Position | null = null;
  for await (const recorded of store.readAll()) {
    eventsRead += 1;
    lastPosition = recorded.position;
    try {
      const event = decodeRecorded(recorded, { validate: false });
      if (knownBy(event, options.knownAt)) {
        applyFact(facts, event);
        eventsApplied += 1;
      }
    } catch (error) {
      throw foldFailure(recorded, error);
    }
    if (options.onProgress && eventsRead % every === 0) options.onProgress(eventsRead);
  }
  options.onProgress?.(eventsRead);
  return { facts, eventsRead, eventsApplied, lastPosition, knownAt: options.knownAt ?? null };
};
