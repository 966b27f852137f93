/** The common path of the read commands: open the store (it must exist) and its views, and answer. */
import Database from 'better-sqlite3';
import { Option } from 'commander';
import { date } from '../render/format';
import type { Lang } from '../render/lang';
import { describeStore } from '../render/store';
import { ui } from '../render/ui';
import type { EventStore } from '../store/port';
import { SqliteEventStore } from '../store/sqlite';
import { type Provenance, ReadModel } from '../views/read-model';
import { ViewsDb } from '../views/views-db';
import { withStore } from './context';
import { failure, usageError } from './errors';
import type { Io } from './io';
import { langOf } from './lang';
import { startProgress } from './progress';

export interface ReadCommandOptions {
  readonly store?: string;
  readonly views?: string;
  readonly knownAt?: string;
  /** `--lang`, as given (the run's language is resolved from it, the environment and the locale). */
  readonly lang?: Lang;
}

export interface ReadContext {
  readonly model: ReadModel;
  /** The language of this run's words. */
  readonly lang: Lang;
  /** The store, in the run's language ("SQLite file ./ledger.db"). */
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
): Promise<T> => {
  const lang = langOf(io, opts.lang);
  return withStore(io, opts.store, { mustExist: true }, async ({ store, spec }) => {
    const views = viewsFor(store, opts.views);
    try {
      return await fn({
        model: new ReadModel(store, views),
        lang,
        storeDescription: describeStore(spec, lang),
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
};

/** The one-line hint under a table: what the answer is based on. */
export const provenanceLine = (ctx: ReadContext, p: Provenance, asOf?: string): string =>
  ui(ctx.lang, 'provenance.line', {
    applied: p.eventsApplied,
    store: ctx.storeDescription,
    source: p.source,
    position: p.position === null ? 'none' : p.position.commit.toString(),
    knownAt: p.knownAt ?? 'none',
    leftOut: p.eventsRead - p.eventsApplied,
    asOf: asOf === undefined ? 'none' : date(ctx.lang, asOf),
    viewsProblem: p.viewsProblem ?? 'none',
  });

/** An unknown contract is a failure (exit 1). */
export const unknownContract = (contractId: string, knownAt: string | undefined, lang: Lang = 'en') =>
  failure(ui(lang, 'unknown.contract', { contractId, knownAt: knownAt ?? 'none' }));
