/** The common path of the read commands: open the store (it must exist) and its views, and answer. */
import Database from 'better-sqlite3';
import { Option } from 'commander';
import type { EventStore } from '../store/port';
import { SqliteEventStore } from '../store/sqlite';
import { type Provenance, ReadModel } from '../views/read-model';
import { ViewsDb } from '../views/views-db';
import { withStore } from './context';
import { failure, usageError } from './errors';
import { positionJson } from './format';
import type { Io } from './io';
import { startProgress } from './progress';

export interface ReadCommandOptions {
  readonly store?: string;
  readonly views?: string;
  readonly knownAt?: string;
}

export interface ReadContext {
  readonly model: ReadModel;
  readonly storeDescription: string;
  readonly storeKind: string;
  /** Progress for folds of the whole log (a bar on a terminal, nothing otherwise). */
  readonly foldProgress: () => { onProgress: (n: number) => void; stop: () => void };
}

export const VIEWS_ENV = 'VPN_LEDGER_VIEWS';

/** `--views sqlite:PATH`: the views file an EventStoreDB deployment's follower keeps (`vpn-ledger project`). */
export const viewsOption = () =>
  new Option(
    '--views <spec>',
    'views of an EventStoreDB store: sqlite:PATH (kept by `vpn-ledger project`); an SQLite ledger holds its own',
  ).env(VIEWS_ENV);

/** Opens a views file read-only; a missing file is a usage error. */
export const openViewsFile = (spec: string, options: { readonly: boolean }): Database.Database => {
  if (!spec.startsWith('sqlite:') || spec.length === 'sqlite:'.length)
    throw usageError(`Views "${spec}": use sqlite:PATH.`);
  const path = spec.slice('sqlite:'.length);
  try {
    return new Database(path, { readonly: options.readonly, fileMustExist: options.readonly });
  } catch (error) {
    throw usageError(`Cannot open the views file ${path}: ${(error as Error).message}`);
  }
};

const viewsFor = (store: EventStore, viewsSpec: string | undefined): ViewsDb | null => {
  if (store instanceof SqliteEventStore) return new ViewsDb(store.db);
  if (viewsSpec === undefined) return null;
  return new ViewsDb(openViewsFile(viewsSpec, { readonly: true }));
};

/** Opens the named store and its views and hands a read model to `fn`. */
export const withReadModel = <T>(
  io: Io,
  opts: ReadCommandOptions,
  fn: (ctx: ReadContext) => T | Promise<T>,
): Promise<T> =>
  withStore(io, opts.store, { mustExist: true }, async ({ store, description }) => {
    const views = viewsFor(store, opts.views);
    try {
      return await fn({
        model: new ReadModel(store, views),
        storeDescription: description,
        storeKind: store.kind,
        foldProgress: () => {
          const progress = startProgress(io, {
            total: null,
            enabled: true,
            format: 'reading the log |{bar}| {value} events',
          });
          return { onProgress: (n) => progress.update(n), stop: () => progress.stop() };
        },
      });
    } finally {
      if (views && !(store instanceof SqliteEventStore)) views.db.close();
    }
  });

/** Where an answer came from, for JSON outputs (`generatedFrom`). */
export const provenanceJson = (ctx: Pick<ReadContext, 'storeKind'>, p: Provenance) => ({
  store: ctx.storeKind,
  source: p.source,
  eventsRead: p.eventsRead,
  eventsApplied: p.eventsApplied,
  lastPosition: positionJson(p.position),
  knownAt: p.knownAt,
  viewsProblem: p.viewsProblem,
});

const SOURCE_WORDS: Readonly<Record<Provenance['source'], string>> = {
  views: 'the views',
  streams: "the contract's own streams",
  log: 'the whole log',
};

/** The one-line hint under a table: what the answer is based on. */
export const provenanceLine = (ctx: ReadContext, p: Provenance, asOf?: string): string => {
  const at = p.position === null ? 'an empty log' : `position ${p.position.commit}`;
  const parts = [
    `${p.eventsApplied} event(s) from ${ctx.storeDescription}, read from ${SOURCE_WORDS[p.source]} up to ${at}`,
  ];
  if (p.knownAt !== null)
    parts.push(`as known at ${p.knownAt} (${p.eventsRead - p.eventsApplied} later event(s) left out)`);
  if (asOf !== undefined) parts.push(`as effective on ${asOf}`);
  if (p.viewsProblem !== null)
    parts.push(`not from the views: ${p.viewsProblem} (run \`vpn-ledger rebuild\`)`);
  return `(${parts.join('; ')})`;
};

/** An unknown contract is a failure (exit 1). */
export const unknownContract = (contractId: string, knownAt: string | undefined) =>
  failure(
    `Unknown contract ${contractId}: the ledger${knownAt ? ` as known at ${knownAt}` : ''} has no accepted application with that id.`,
  );
