import type { LedgerEvent } from '../events';
import type { Json } from './json';

/**
 * A fold over the global log. `apply` is pure in what it reads (the event and the state) and does
 * no I/O; it may update the state in place and return it, so a runner must treat the state it
 * passed in as consumed. `toJSON`/`fromJSON` let a runner keep the state with its checkpoint.
 * `version` changes whenever the state's shape or meaning changes: a stored state of another
 * version is discarded and the projection is rebuilt from the start of the log.
 */
export interface Projection<S> {
  readonly name: string;
  readonly version: number;
  init(): S;
  apply(state: S, event: LedgerEvent): S;
  toJSON(state: S): Json;
  fromJSON(json: Json): S;
  /** sha-256 of the canonical JSON of `toJSON(state)`, where the projection can stream it. */
  digest?(state: S): string;
}
