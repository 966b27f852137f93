/**
 * Rebuilding the views from the log. Every stream's rows depend on that stream alone, so the log is
 * taken in parts of whole streams (ranges of stream ids of a bounded number of events): each part
 * is read stream by stream (each in revision order, through the log's stream index), its streams
 * folded in memory, their rows written, and the memory let go before the next part. The memory a rebuild needs is bounded by the
 * part, not the log, and the result is the same as applying the log event by event.
 */
import { decodeRecorded, foldFailure, type LedgerEvent } from '../events';
import { applyFact, type Facts, initFacts } from '../projections';
import type { LocalLog, Position, RecordedEvent, StreamParts } from '../store/port';
import { collectGarbage } from './memory';
import {
  insertStreamRows,
  isViewStream,
  NEVER_READ_TYPES,
  rowEffect,
  type StreamRows,
  streamRows,
} from './stream-rows';
import { type ViewsDb, viewsProblem } from './views-db';

export interface RebuildProgress {
  readonly events: number;
  readonly total: number;
}

export interface RebuildOptions {
  readonly now?: () => string;
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** Rebuild only up to this position (the head when not given). */
  readonly upTo?: Position;
  /** Skip the rebuild when, once the write lock is held, the views turn out to be current. */
  readonly onlyIfNeeded?: boolean;
  /** Events of the streams held in memory at once (a part of the log). */
  readonly partEvents?: number;
  /** Where the CPU went, by phase (the bench asks for it). */
  readonly clock?: PhaseClock;
}

export interface RebuildResult {
  readonly events: number;
  readonly streams: number;
  readonly position: Position | null;
  readonly skipped: boolean;
}

/** Where a rebuild's CPU went, microseconds per phase (user + system), when asked for. */
export type RebuildPhase = 'read' | 'decode' | 'fold' | 'derive-rows' | 'write-rows' | 'gc';

/**
 * Accumulates CPU per phase with process.cpuUsage(). A phase is timed over a chunk of events or
 * a part's streams, never per event: the clock must not cost what it measures.
 */
export class PhaseClock {
  readonly spent = new Map<RebuildPhase, number>();
  private last = process.cpuUsage();

  /** Charges the CPU since the previous call to `phase`. */
  lap(phase: RebuildPhase): void {
    const used = process.cpuUsage(this.last);
    this.last = process.cpuUsage();
    this.spent.set(phase, (this.spent.get(phase) ?? 0) + used.user + used.system);
  }
}

/** Events read, decoded and folded together, so that the phases can be timed apart. */
const CHUNK = 1_000;

/**
 * Events per part. With a collection between parts (memory.ts), measured at the 1M-event history:
 * 100,000 peaks at about 240 MiB, 150,000 at 290 MiB, 250,000 at 410 MiB; smaller parts cost a
 * little more CPU (about 10 % from 250,000 to 100,000).
 */
export const PART_EVENTS = 100_000;

/**
 * Folds the parts of a log (each part: whole streams, each in revision order) and hands each stream's rows
 * to `write`. Shared by the in-place rebuild and by `replay`, which builds views into another file.
 */
export function foldParts(
  { parts, sizes }: Pick<StreamParts, 'parts' | 'sizes'>,
  write: (rows: StreamRows) => void,
  /**
   * Told how far the fold got, in events of the log: those read, and at the end of each part those
   * of the types not read too, so that the count ends at the log's events.
   */
  onEvents: (n: number) => void,
  /** Events to fold (all by default); the others are read past. */
  keep?: (r: RecordedEvent) => boolean,
  clock?: PhaseClock,
  /**
   * Check every event read against its schemas, folded or not (a replay that audits the log: the
   * parts then hold every event); off for rebuilds.
   */
  validate = false,
): { events: number; streams: number } {
  let events = 0;
  let streams = 0;
  let done = 0;
  let index = 0;
  const chunk: RecordedEvent[] = [];
  const decoded: LedgerEvent[] = [];
  for (const part of parts) {
    // The last part's facts are garbage now: collected before this part's grow the heap further.
    if (index > 0) {
      collectGarbage();
      clock?.lap('gc');
    }
    const folded = new Map<string, Facts>();
    const foldChunk = () => {
      clock?.lap('read');
      for (const r of chunk) decoded.push(decodeOne(r));
      clock?.lap('decode');
      for (const [i, r] of chunk.entries()) {
        let facts = folded.get(r.streamId);
        if (!facts) {
          facts = initFacts();
          folded.set(r.streamId, facts);
        }
        try {
          applyFact(facts, decoded[i]!);
        } catch (error) {
          throw foldFailure(r, error);
        }
      }
      clock?.lap('fold');
      chunk.length = 0;
      decoded.length = 0;
    };
    let read = 0;
    for (const r of part) {
      events += 1;
      read += 1;
      if (events % 1_000 === 0) onEvents(done + read);
      if (validate) decodeRecorded(r, { validate: true });
      if (!isViewStream(r.streamId) || rowEffect(r.type) === 'never-read' || (keep && !keep(r))) continue;
      chunk.push(r);
      if (chunk.length === CHUNK) foldChunk();
    }
    foldChunk();
    for (const facts of folded.values()) {
      const rows = streamRows(facts);
      clock?.lap('derive-rows');
      if (rows) write(rows);
      clock?.lap('write-rows');
      streams += 1;
    }
    done += sizes[index] ?? read;
    index += 1;
    onEvents(done);
  }
  onEvents(done);
  return { events, streams };
}

const decodeOne = (r: RecordedEvent): LedgerEvent => {
  try {
    return decodeRecorded(r, { validate: false });
  } catch (error) {
    throw foldFailure(r, error);
  }
};

/** The parts of a local log up to `upTo`, as `foldParts` takes them, without the events no row reads. */
export const logParts = (
  log: LocalLog,
  upTo: bigint,
  options: { partEvents?: number; readAll?: boolean } = {},
): StreamParts =>
  log.streamParts(upTo, options.partEvents ?? PART_EVENTS, options.readAll ? [] : NEVER_READ_TYPES);

/**
 * After every stream's rows were written afresh: the adjustments owed, which read the rows of
 * several streams (the contracts' lines and the closes), are worked out from the tables.
 */
export function finishFresh(views: ViewsDb): void {
  views.closes.refreshAll();
}

/**
 * Rebuilds views kept in the file of a local log, in place, in one transaction holding the write
 * lock (appends wait meanwhile).
 */
export function rebuildLocalViews(
  log: LocalLog,
  views: ViewsDb,
  options: RebuildOptions = {},
): RebuildResult {
  const now = options.now ?? (() => new Date().toISOString());
  return log.exclusive((): RebuildResult => {
    if (options.onlyIfNeeded && viewsProblem(views.state()) === null)
      return { events: 0, streams: 0, position: views.state()!.position, skipped: true };
    const head = options.upTo ?? log.headSync();
    views.reset(now());
    if (head === null) return { events: 0, streams: 0, position: null, skipped: false };
    const logged = logParts(
      log,
      head.commit,
      options.partEvents === undefined ? {} : { partEvents: options.partEvents },
    );
    const { events } = logged;
    const { streams } = foldParts(
      logged,
      (rows) => insertStreamRows(views, rows),
      (n) => options.onProgress?.({ events: n, total: events }),
      undefined,
      options.clock,
    );
    finishFresh(views);
    options.clock?.lap('write-rows');
    views.setCheckpoint(head, events);
    options.onProgress?.({ events, total: events });
    return { events, streams, position: head, skipped: false };
  });
}
