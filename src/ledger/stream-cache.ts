/**
 * Folded stream state kept between commands, so that a command's cost does not grow with the
 * length of its streams: a stream folded up to a revision, and on the next command only the
 * events after it are read and folded. Bounded (least recently used go first).
 *
 * An entry is valid for a command it has never seen: every command with events in the stream up
 * to the entry's revision is kept (by its actor and id), and a command found among them (a
 * repeat, or the second half of a command stopped between its two appends) is folded from the
 * whole stream instead, as the pipeline needs its own events and the state before them.
 */
import type { Reservations } from './site-reservations';

export interface FoldedStream<S> {
  /** The revision of the last event folded; -1n for a stream without events. */
  readonly revision: bigint;
  readonly state: S;
  readonly prevHash: string | null;
  /**
   * The commands with events in the stream (commandKey), at least up to `revision` (a later entry
   * of the same stream may share and grow the set: a command found here only costs a full fold).
   */
  readonly commands: Set<string>;
  /** A network folded for the rules that read its membership (unconfirmed reservations left out). */
  readonly reservations: Reservations | null;
}

export class StreamStateCache {
  private readonly entries = new Map<string, FoldedStream<unknown>>();

  constructor(readonly capacity: number) {}

  get<S>(key: string): FoldedStream<S> | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry as FoldedStream<S>;
  }

  set<S>(key: string, entry: FoldedStream<S>): void {
    if (this.capacity <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, entry as FoldedStream<unknown>);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
