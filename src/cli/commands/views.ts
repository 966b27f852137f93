/**
 * Keeping the views: `vpn-ledger rebuild` builds them again from the log (in place); `vpn-ledger
 * project [--follow]` brings the views of an EventStoreDB store (a views file) up to date and, with
 * --follow, keeps them current through the $all subscription, resuming from the views' checkpoint
 * after a dropped subscription or a restart. An SQLite ledger's views follow its appends inline.
 */
import Database from 'better-sqlite3';
import type { Command } from 'commander';
import { help } from '../../render/cli-help';
import { cliText } from '../../render/cli-words';
import type { Lang } from '../../render/lang';
import { type EventStore, positionToString } from '../../store/port';
import { ViewFollower } from '../../views/follower';
import { rebuildLocalViews } from '../../views/rebuild';
import { viewsPathOf, withLedger } from '../context';
import { EXIT, type ExitCode, said, usageError } from '../errors';
import { err, type Io, out } from '../io';
import { langOf, langOption } from '../lang';
import { storeOption } from '../options';
import { progressFormat, startProgress } from '../progress';
import { viewsOption } from '../read';

interface ViewsOptions {
  readonly store?: string;
  readonly views?: string;
  readonly follow?: boolean;
  readonly lang?: Lang;
}

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/** A follower over `store` into the views file `opts.views` (required for stores other than SQLite). */
const followerFor = (store: EventStore, opts: ViewsOptions, onError?: (e: unknown) => void): ViewFollower => {
  if (opts.views === undefined) throw usageError(said('views.needFile', { kind: store.kind }));
  const path = viewsPathOf(opts.views)!;
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (error) {
    throw usageError(said('views.cannotOpen', { path, detail: (error as Error).message }));
  }
  db.pragma('journal_mode = WAL');
  return new ViewFollower(store, db, onError ? { onError } : {});
};

export const runRebuild = (io: Io, opts: ViewsOptions): Promise<ExitCode> => {
  const lang = langOf(io, opts.lang);
  return withLedger(io, opts.store, { access: 'maintain', lang }, async ({ ledger, description }) => {
    const { store } = ledger;
    const started = process.hrtime.bigint();
    // The total is what the rebuild reads (the events a view reads), as it counts them itself.
    const progress = startProgress(io, {
      total: null,
      enabled: true,
      format: progressFormat(lang, 'progress.rebuildViews'),
    });
    let events: number;
    try {
      if (store.local && ledger.views) {
        events = rebuildLocalViews(store.local, ledger.views, {
          onProgress: (p) => progress.update(p.events, {}, p.total),
        }).events;
      } else {
        const follower = followerFor(store, opts);
        try {
          follower.views.db.transaction(() => follower.views.reset(new Date().toISOString()))();
          events = await follower.catchUp();
        } finally {
          follower.views.db.close();
        }
      }
    } finally {
      progress.stop();
    }
    const s = seconds(started);
    out(
      io,
      cliText(lang, 'rebuild.done', {
        store: description,
        events,
        seconds: s.toFixed(2),
        rate: s > 0 ? Math.round(events / s) : events,
      }),
    );
    return EXIT.OK;
  });
};

export const runProject = (io: Io, opts: ViewsOptions): Promise<ExitCode> => {
  const lang = langOf(io, opts.lang);
  const position = (at: ReturnType<ViewFollower['position']>) => (at ? positionToString(at) : 'none');
  return withLedger(
    io,
    opts.store,
    { access: 'write', mustExist: true, lang },
    async ({ ledger, description }) => {
      const { store } = ledger;
      if (ledger.viewsInline) {
        out(io, cliText(lang, 'project.inline', { store: description }));
        return EXIT.OK;
      }
      if (!opts.follow) {
        const follower = followerFor(store, opts);
        try {
          const n = await follower.catchUp();
          out(io, cliText(lang, 'project.caughtUp', { events: n, position: position(follower.position()) }));
        } finally {
          follower.views.db.close();
        }
        return EXIT.OK;
      }
      // Follow until SIGINT or SIGTERM; after a failure, start again from the views' checkpoint.
      let stopping = false;
      let interrupt: () => void = () => undefined;
      const stop = () => {
        stopping = true;
        interrupt();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      let delayMs = 500;
      try {
        while (!stopping) {
          let ended!: (error: unknown) => void;
          const end = new Promise<unknown>((resolve) => {
            ended = resolve;
          });
          interrupt = () => ended(null);
          const follower = followerFor(store, opts, ended);
          try {
            await follower.start();
            err(
              io,
              cliText(lang, 'project.following', {
                store: description,
                position: position(follower.position()),
              }),
            );
            delayMs = 500;
            const error = await end;
            if (error !== null) throw error;
          } catch (error) {
            if (!stopping) {
              err(
                io,
                cliText(lang, 'project.resuming', {
                  detail: error instanceof Error ? error.message : String(error),
                  ms: delayMs,
                }),
              );
            }
          } finally {
            await follower.stop().catch(() => undefined);
            follower.views.db.close();
          }
          if (stopping) break;
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, delayMs);
            interrupt = () => {
              clearTimeout(t);
              resolve();
            };
          });
          delayMs = Math.min(delayMs * 2, 30_000);
        }
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
      err(io, cliText(lang, 'project.stopped'));
      return EXIT.OK;
    },
  );
};

export const registerViews = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  program
    .command('rebuild')
    .description(help(lang, 'rebuild'))
    .addOption(langOption(lang))
    .addOption(storeOption(lang))
    .addOption(viewsOption(lang))
    .action(async (opts: ViewsOptions) => setExit(await runRebuild(io, opts)));
  program
    .command('project')
    .description(help(lang, 'project'))
    .option('--follow', help(lang, 'project.follow'))
    .addOption(langOption(lang))
    .addOption(storeOption(lang))
    .addOption(viewsOption(lang))
    .action(async (opts: ViewsOptions) => setExit(await runProject(io, opts)));
};
