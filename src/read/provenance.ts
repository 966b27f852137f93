/** Where an answer came from: the one shape every read returns beside its answer. */
import { comparePositions, type Position } from '../store/port';
import type { Instant } from '../terms';
import type { ViewsProblem, ViewsState } from '../views/views-db';

export interface Provenance {
  /** views: the persistent views; streams: the streams the answer needed; log: the whole log. */
  readonly source: 'views' | 'streams' | 'log';
  /** The last position the answer reflects (views: their checkpoint; streams: their last event). */
  readonly position: Position | null;
  /** Events read to answer (for views: the events the views reflect). */
  readonly eventsRead: number;
  /** Of those, the events the answer counts (those the ledger knew at `knownAt`). */
  readonly eventsApplied: number;
  readonly knownAt: Instant | null;
  /** Why the views were not used where they would have been (the answer came from the log instead). */
  readonly viewsProblem: ViewsProblem | null;
}

/** An answer read from the views, at their checkpoint. */
export const fromViews = (state: ViewsState): Provenance => ({
  source: 'views',
  position: state.position,
  eventsRead: state.events,
  eventsApplied: state.events,
  knownAt: null,
  viewsProblem: null,
});

/** The later of two positions (null: none). */
export const laterPosition = (a: Position | null, b: Position | null): Position | null =>
  a === null ? b : b === null ? a : comparePositions(a, b) >= 0 ? a : b;

/** Two reads that make one answer: the events of both, up to the later position. */
export const combined = (a: Provenance, b: Provenance): Provenance => ({
  source: a.source === 'log' || b.source === 'log' ? 'log' : a.source === 'views' ? 'views' : b.source,
  position: laterPosition(a.position, b.position),
  eventsRead: a.eventsRead + b.eventsRead,
  eventsApplied: a.eventsApplied + b.eventsApplied,
  knownAt: a.knownAt ?? b.knownAt,
  viewsProblem: a.viewsProblem ?? b.viewsProblem,
});
