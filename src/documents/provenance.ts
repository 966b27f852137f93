/** Where an answer came from, as every JSON document writes it (`generatedFrom`). */
import type { Provenance } from '../read';
import type { Lang } from '../render/lang';
import { viewsProblemText } from '../render/views-problem';
import type { Position } from '../store/port';

/** A position of the global log, its numbers as decimal strings. */
export const positionJson = (p: Position | null): { commit: string; prepare: string } | null =>
  p === null ? null : { commit: p.commit.toString(), prepare: p.prepare.toString() };

/**
 * `generatedFrom`: the store, the source (views or the log), what was read and the position
 * reflected; when the views could not answer, why (a sentence in the document's language, and its code).
 */
export const generatedFrom = (store: string, p: Provenance, lang: Lang) => ({
  store,
  source: p.source,
  eventsRead: p.eventsRead,
  eventsApplied: p.eventsApplied,
  lastPosition: positionJson(p.position),
  knownAt: p.knownAt,
  viewsProblem: p.viewsProblem === null ? null : viewsProblemText(lang, p.viewsProblem),
  viewsProblemCode: p.viewsProblem?.code ?? null,
});

export type GeneratedFrom = ReturnType<typeof generatedFrom>;
