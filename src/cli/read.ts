/** The common path of the read commands: open the ledger (it must exist) with its views, and answer. */
import { Option } from 'commander';
import { EventDecodeError } from '../events';
import { Reader } from '../read';
import type { Provenance } from '../read/provenance';
import { help } from '../render/cli-help';
import { date } from '../render/format';
import type { Lang } from '../render/lang';
import { describeStore } from '../render/store';
import { ui } from '../render/ui';
import { viewsProblemText } from '../render/views-problem';
import { StoreError } from '../store/errors';
import type { StoreSpec } from '../store/spec';
import { withLedger } from './context';
import { CliError, failure } from './errors';
import type { Io } from './io';
import { langOf } from './lang';
import { progressFormat, startProgress } from './progress';

export interface ReadCommandOptions {
  readonly store?: string;
  readonly views?: string;
  readonly knownAt?: string;
  /** `--lang`, as given (the run's language is resolved from it, the environment and the locale). */
  readonly lang?: Lang;
}

export interface ReadContext {
  /** The one read policy over the ledger and its views. */
  readonly reader: Reader;
  /** The language of this run's words. */
  readonly lang: Lang;
  /** The store, in the run's language ("SQLite file ./ledger.db"). */
  readonly storeDescription: string;
  readonly storeKind: string;
  /** Progress for folds of the whole log (a bar on a terminal once a fold reads, nothing otherwise). */
  readonly foldProgress: () => { onProgress: (n: number) => void; stop: () => void };
}

export const VIEWS_ENV = 'VPN_LEDGER_VIEWS';

/** `--views sqlite:PATH`: the views file an EventStoreDB deployment's follower keeps (`vpn-ledger project`). */
export const viewsOption = (lang: Lang) =>
  new Option('--views <spec>', help(lang, 'opt.views')).env(VIEWS_ENV);

/** Opens the named ledger for reading, with its views, and hands the read policy to `fn`. */
export const withReadModel = <T>(
  io: Io,
  opts: ReadCommandOptions,
  fn: (ctx: ReadContext) => T | Promise<T>,
): Promise<T> => {
  const lang = langOf(io, opts.lang);
  return withLedger(io, opts.store, { access: 'read', views: opts.views, lang }, async ({ ledger, spec }) => {
    const reader = new Reader(ledger);
    try {
      return await answer(reader, lang, spec, ledger.store.kind, io, fn);
    } catch (error) {
      // A failure no part of the ledger expected: a stored row it read that breaks its schema (a
      // row edited by hand) is the answer, naming it (exit 1); otherwise it is a bug (exit 70).
      if (error instanceof CliError || error instanceof StoreError || error instanceof EventDecodeError)
        throw error;
      throw (await reader.corruptRowBehind()) ?? error;
    }
  });
};

const answer = <T>(
  reader: Reader,
  lang: Lang,
  spec: StoreSpec,
  storeKind: string,
  io: Io,
  fn: (ctx: ReadContext) => T | Promise<T>,
): T | Promise<T> =>
  fn({
    reader,
    lang,
    storeDescription: describeStore(spec, lang),
    storeKind,
    foldProgress: () => {
      const progress = startProgress(io, {
        total: null,
        enabled: true,
        format: progressFormat(lang, 'progress.readLog'),
      });
      return { onProgress: (n) => progress.update(n), stop: () => progress.stop() };
    },
  });

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
    viewsProblem: p.viewsProblem === null ? 'none' : viewsProblemText(ctx.lang, p.viewsProblem),
  });

/** An unknown contract is a failure (exit 1). */
export const unknownContract = (contractId: string, knownAt: string | undefined, lang: Lang = 'en') =>
  failure(ui(lang, 'unknown.contract', { contractId, knownAt: knownAt ?? 'none' }));

/**
 * Runs `fn` on one snapshot of the views (a read transaction), so that a document written as it is
 * read (several passes, or a long one) sees the ledger as it stood at one moment, whatever another
 * process appends meanwhile.
 */
export const inSnapshot = async <T>(ctx: ReadContext, fn: () => Promise<T>): Promise<T> => {
  const db = ctx.reader.views?.db ?? null;
  if (db && !db.inTransaction) db.exec('BEGIN');
  try {
    return await fn();
  } finally {
    if (db?.inTransaction) db.exec('COMMIT');
  }
};

/** `--excel`: CSV in the form spreadsheet programs in Japan open as they are (src/documents/encoding.ts). */
export const excelOption = (lang: Lang) => new Option('--excel', help(lang, 'opt.excel'));
