/** Where an answer came from, as every JSON document writes it (`generatedFrom`). */
import type { Position } from '../store/port';
import type { Provenance } from '../views/read-model';

/** A position of the global log, its numbers as decimal strings. */
export const positionJson = (p: Position | null): { commit: string; prepare: string } | null =>
  p === null ? null : { commit: p.commit.toString(), prepare: p.prepare.toString() };

/** `generatedFrom`: the store, the source (views or the log), what was read and the position reflected. */
export const generatedFrom = (store: string, p: Provenance) => ({
  store,
  source: p.source,
  eventsRead: p.eventsRead,
  eventsApplied: p.eventsApplied,
  lastPosition: positionJson(p.position),
  knownAt: p.knownAt,
  viewsProblem: p.viewsProblem,
});

export type GeneratedFrom = ReturnType<typeof generatedFrom>;
