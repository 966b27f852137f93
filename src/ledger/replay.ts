/**
 * Replay: rebuilds every projection from the log, streaming it (never holding it whole), and gives
 * a sha-256 of each projection's canonical JSON state (RFC 8785), so that two replays on two
 * machines, or a live runner and a replay, can be compared by a short digest.
 */
import canonicalize from 'canonicalize';
import { decodeRecorded, foldFailure } from '../events';
import { knownBy, PROJECTIONS, type Projection } from '../projections';
import { comparePositions, type EventStore, type Position } from '../store';
import type { Instant } from '../terms';
import { sha256 } from './hash-chain';
import type { ProjectionRunner } from './projection-runner';

export interface ReplayProgress {
  /** Events read so far (applied or skipped). */
  readonly read: number;
  readonly position: Position;
}

export interface ReplayOptions {
  /** As the ledger knew it at this instant: events recorded later are skipped. */
  readonly knownAt?: Instant;
  /** Stop after this position (inclusive). */
  readonly upTo?: Position;
  readonly projections?: readonly Projection<unknown>[];
  readonly onProgress?: (progress: ReplayProgress) => void;
  /** Events between two progress reports; 10,000 by default. */
  readonly progressEvery?: number;
}

export interface ReplayResult {
  readonly states: Readonly<Record<string, unknown>>;
  /** sha-256 (hex) of each projection's canonical JSON state. */
  readonly digests: Readonly<Record<string, string>>;
  readonly applied: number;
  /** Events left out because they were recorded after `knownAt`. */
  readonly skipped: number;
  /** The last position read, or null for an empty log. */
  readonly position: Position | null;
}

export function projectionDigest<S>(projection: Projection<S>, state: S): string {
  return projection.digest?.(state) ?? sha256(canonicalize(projection.toJSON(state)) ?? '');
}

export async function replay(store: EventStore, options: ReplayOptions = {}): Promise<ReplayResult> {
  const projections = options.projections ?? PROJECTIONS;
  const states = projections.map((p) => p.init());
  const every = options.progressEvery ?? 10_000;
  let applied = 0;
  let skipped = 0;
  let read = 0;
  let position: Position | null = null;
  for await (const recorded of store.readAll()) {
    if (options.upTo && comparePositions(recorded.position, options.upTo) > 0) break;
    read++;
    position = recorded.position;
    try {
      const event = decodeRecorded(recorded, { validate: false });
      if (knownBy(event, options.knownAt)) {
        projections.forEach((p, i) => {
          states[i] = p.apply(states[i], event);
        });
        applied++;
      } else {
        skipped++;
      }
    } catch (error) {
      throw foldFailure(recorded, error);
    }
    if (options.onProgress && read % every === 0) options.onProgress({ read, position });
  }
  if (options.onProgress && position && read % every !== 0) options.onProgress({ read, position });
  const byName = <T>(values: readonly T[]) =>
    Object.fromEntries(projections.map((p, i) => [p.name, values[i]!]));
  return {
    states: byName(states),
    digests: byName(projections.map((p, i) => projectionDigest(p, states[i]))),
    applied,
    skipped,
    position,
  };
}

export interface LiveReplayComparison {
  readonly equal: boolean;
  readonly projections: readonly {
    readonly name: string;
    readonly position: Position | null;
    readonly live: string;
    readonly replay: string;
    readonly equal: boolean;
  }[];
}

/** Replays the log up to each projection's position in the runner and compares the digests. */
export async function verifyLiveEqualsReplay(
  runner: ProjectionRunner,
  store: EventStore,
): Promise<LiveReplayComparison> {
  const results = [];
  for (const projection of runner.projections) {
    const position = runner.positionOf(projection.name);
    const live = projectionDigest(projection, runner.state(projection.name));
    const rebuilt = position
      ? (await replay(store, { projections: [projection], upTo: position })).digests[projection.name]!
      : projectionDigest(projection, projection.init());
    results.push({ name: projection.name, position, live, replay: rebuilt, equal: live === rebuilt });
  }
  return { equal: results.every((r) => r.equal), projections: results };
}
