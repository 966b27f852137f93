/** A rule the terms impose, broken by a command: stable code, the article, and a plain sentence. */
export interface Rejection {
  readonly code: string;
  readonly article: string;
  readonly message: string;
  readonly field?: string;
}

export type Decision<E> =
  | { readonly ok: true; readonly events: readonly E[] }
  | { readonly ok: false; readonly rejection: Rejection };

export const accept = <E>(events: readonly E[]): Decision<E> => ({ ok: true, events });

export const reject = <E = never>(
  code: string,
  article: string,
  message: string,
  field?: string,
): Decision<E> => ({
  ok: false,
  rejection: field ? { code, article, message, field } : { code, article, message },
});

/** The decider shape every aggregate follows (design.md): plain functions, no I/O. */
export interface Decider<Command, State, Event, Context> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, context: Context): Decision<Event>;
}
