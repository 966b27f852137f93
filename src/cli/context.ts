/** What every subcommand needs: the ledger it names, opened (with its views) and closed around its work. */
import { EventDecodeError } from '../events';
import { LedgerOpenError, type OpenedLedger, type OpenLedgerOptions, openLedger } from '../ledger/open';
import type { Lang } from '../render/lang';
import { describeStore } from '../render/store';
import { ui } from '../render/ui';
import { viewsProblemText } from '../render/views-problem';
import { CorruptEventError, NotALedgerError, StoreError, StoreReadOnlyError } from '../store/errors';
import {
  DEFAULT_STORE_SPEC,
  parseStoreSpec,
  resolveStoreSpec,
  type StoreSpec,
  StoreSpecError,
} from '../store/spec';
import { type CliError, failure, said, usageError } from './errors';
import { err, type Io } from './io';
import { type Progress, progressFormat, startProgress } from './progress';

export interface OpenedContext {
  readonly ledger: OpenedLedger;
  /** "SQLite file ./ledger.db", for messages. */
  readonly description: string;
  /** The store named, for messages in another language (describeStore). */
  readonly spec: StoreSpec;
}

export interface WithLedgerOptions extends Omit<OpenLedgerOptions, 'onRebuild' | 'viewsPath'> {
  /** `--views sqlite:PATH` of an EventStoreDB store. */
  readonly views?: string | undefined;
  readonly lang?: Lang;
}

/** The path a `--views sqlite:PATH` names; anything else is a usage error. */
export const viewsPathOf = (spec: string | undefined): string | null => {
  if (spec === undefined) return null;
  if (!spec.startsWith('sqlite:') || spec.length === 'sqlite:'.length)
    throw usageError(said('store.views', { spec }));
  return spec.slice('sqlite:'.length);
};

/** Why a ledger cannot be opened, in words. */
export const openProblem = (e: LedgerOpenError, lang: Lang): string =>
  ui(lang, 'open.problem', {
    path: '',
    directory: '',
    detail: '',
    ...e.problem,
    openCode: e.problem.code.replace(/-/g, '_'),
    env: 'VPN_LEDGER_STORE',
  });

/**
 * A problem of the store as the CLI reports it: a spec that names no store, a file that is not a
 * ledger or cannot be written are usage errors; anything else the store says is a failure. `store`
 * names the store in the messages, when it is known.
 */
export const storeProblem = (error: unknown, store: string | null): CliError | null => {
  if (error instanceof StoreSpecError)
    return usageError(
      error.problem === null
        ? error.message
        : said('store.spec', {
            problem: error.problem.replace('-', '_'),
            spec: error.spec ?? '',
            default: DEFAULT_STORE_SPEC,
          }),
    );
  if (error instanceof NotALedgerError)
    return usageError(
      said('store.notALedger', {
        path: error.path,
        reason: error.why === null ? 'other' : error.why.kind.replace('-', '_'),
        version: error.why?.kind === 'no-events' ? error.why.version : 0,
        detail: error.reason,
      }),
    );
  if (error instanceof StoreReadOnlyError)
    return failure(
      said('store.readOnly', {
        what: error.readOnly?.what ?? 'other',
        path: error.readOnly?.path ?? '',
        directory: error.readOnly?.directory ?? '',
        detail: error.message,
      }),
    );
  if (error instanceof CorruptEventError || error instanceof EventDecodeError)
    return failure(
      said('store.corrupt', {
        store: store ?? '',
        streamId: error.streamId,
        revision: String(error.revision),
        position: error instanceof CorruptEventError ? error.globalPosition : 'none',
        reason: error.reason.replace(/\.$/, ''),
      }),
    );
  if (error instanceof StoreError)
    return failure(store === null ? error.message : said('store.failed', { store, detail: error.message }));
  return null;
};

/**
 * Opens the ledger named by `--store` (or VPN_LEDGER_STORE, or the default), runs `fn`, and closes
 * it whatever happens. Store problems become one-line CLI errors. A writer whose views must be
 * rebuilt first says so, with a bar while it happens (and only then).
 */
export const withLedger = async <T>(
  io: Io,
  storeOption: string | undefined,
  options: WithLedgerOptions,
  fn: (opened: OpenedContext) => Promise<T>,
): Promise<T> => {
  const lang = options.lang ?? 'en';
  const spec = resolveStoreSpec(storeOption, io.env);
  let ledger: OpenedLedger;
  let description: string;
  let parsed: StoreSpec;
  let progress: Progress | null = null;
  try {
    parsed = parseStoreSpec(spec);
    description = describeStore(parsed, lang);
    const { views, lang: _lang, ...open } = options;
    ledger = await openLedger(parsed, {
      ...open,
      viewsPath: viewsPathOf(views),
      onRebuild: ({ events, total }) => {
        progress ??= startProgress(io, {
          total,
          enabled: total > 10_000,
          format: progressFormat(lang, 'progress.rebuildViews'),
        });
        progress.update(events);
      },
    });
  } catch (error) {
    if (error instanceof LedgerOpenError) throw usageError(openProblem(error, lang));
    throw storeProblem(error, null) ?? error;
  } finally {
    (progress as Progress | null)?.stop();
  }
  if (ledger.rebuilt && ledger.rebuilt.events > 0) {
    err(
      io,
      ui(lang, 'views.rebuilt', {
        events: ledger.rebuilt.events,
        reason: viewsProblemText(lang, ledger.rebuilt.reason),
      }),
    );
  }
  try {
    return await fn({ ledger, description, spec: parsed });
  } catch (error) {
    throw storeProblem(error, description) ?? error;
  } finally {
    await ledger.close().catch(() => undefined);
  }
};
