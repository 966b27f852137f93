import type { Citation } from '../terms/citation';
import { type Rejection, type RejectionCode, type RejectionParams, refusal } from '../terms/rejections';

/** A rule the terms impose, broken by a command: a stable code, its parameters and citation (data). */
export type { Rejection } from '../terms/rejections';

export type Decision<E> =
  | { readonly ok: true; readonly events: readonly E[] }
  | { readonly ok: false; readonly rejection: Rejection };

export const accept = <E>(events: readonly E[]): Decision<E> => ({ ok: true, events });

/** A rejection: its code, the code's parameters, the provisions it rests on, and the field to blame. */
export const reject = <E = never, C extends RejectionCode = RejectionCode>(
  code: C,
  params: RejectionParams[C],
  cite: Citation,
  field?: string,
): Decision<E> => ({ ok: false, rejection: refusal(code, params, cite, field) as Rejection });

/** A rejection already made (by a rule of the catalog or of addressing), with the field to blame. */
export const rejectWith = <E = never>(rejection: Rejection, field?: string): Decision<E> => ({
  ok: false,
  rejection: field ? { ...rejection, field } : rejection,
});

/** The decider shape every aggregate follows (design.md): plain functions, no I/O. */
export interface Decider<Command, State, Event, Context> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, context: Context): Decision<Event>;
}
