/** The common path of the read commands: open the store (it must exist), fold the log, answer. */

import { withStore } from './context';
import { failure } from './errors';
import { positionJson } from './format';
import type { Io } from './io';
import { type FoldedLog, foldLog } from './log';

export interface ReadCommandOptions {
  readonly store?: string;
  readonly knownAt?: string;
}

export interface ReadContext extends FoldedLog {
  readonly storeDescription: string;
  readonly storeKind: string;
}

/** Folds the log of the named store (as known at --known-at) and hands the facts to `fn`. */
export const withFacts = <T>(
  io: Io,
  opts: ReadCommandOptions,
  fn: (ctx: ReadContext) => T | Promise<T>,
): Promise<T> =>
  withStore(io, opts.store, { mustExist: true }, async ({ store, description }) => {
    const folded = await foldLog(store, opts.knownAt === undefined ? {} : { knownAt: opts.knownAt });
    return fn({ ...folded, storeDescription: description, storeKind: store.kind });
  });

/** Where an answer came from, for JSON outputs. */
export const provenance = (ctx: ReadContext) => ({
  store: ctx.storeKind,
  eventsRead: ctx.eventsRead,
  eventsApplied: ctx.eventsApplied,
  lastPosition: positionJson(ctx.lastPosition),
  knownAt: ctx.knownAt,
});

/** The one-line hint under a table: what the answer is based on. */
export const provenanceLine = (ctx: ReadContext, asOf?: string): string => {
  const parts = [`${ctx.eventsApplied} event(s) from ${ctx.storeDescription}`];
  if (ctx.knownAt !== null)
    parts.push(`as known at ${ctx.knownAt} (${ctx.eventsRead - ctx.eventsApplied} later event(s) left out)`);
  if (asOf !== undefined) parts.push(`as effective on ${asOf}`);
  return `(${parts.join('; ')})`;
};

/** An unknown contract is a failure (exit 1) with a hint. */
export const requireContract = (ctx: ReadContext, contractId: string): void => {
  if (!ctx.facts.contracts.has(contractId)) {
    const known = ctx.facts.contracts.size;
    throw failure(
      `Unknown contract ${contractId}: the ledger${ctx.knownAt ? ` as known at ${ctx.knownAt}` : ''} has no accepted application with that id (${known} contract(s) known).`,
    );
  }
};
