/**
 * Keeping the views: `vpn-ledger rebuild` builds them again from the log (in place); `vpn-ledger
 * project [--follow]` brings the views of an EventStoreDB store (a views file) up to date and, with
 * --follow, keeps them current through the $all subscription, resuming from the views' checkpoint
 * after a dropped subscription or a restart. An SQLite ledger's views follow its appends inline.
 */
import Database from 'better-sqlite3';
import type { Command } from 'commander';
import { type EventStore, positionToString } from '../../store/port';
import { ViewFollower } from '../../views/follower';
import { rebuildLocalViews } from '../../views/rebuild';
import { viewsPathOf, withLedger } from '../context';
import { EXIT, type ExitCode, usageError } from '../errors';
import { err, type Io, out } from '../io';
import { storeOption } from '../options';
import { startProgress } from '../progress';
import { viewsOption } from '../read';

interface ViewsOptions {
  readonly store?: string;
  readonly views?: string;
  readonly follow?: boolean;
}

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/** A follower over `store` into the views file `opts.views` (required for stores other than SQLite). */
const followerFor = (store: EventStore, opts: ViewsOptions, onError?: (e: unknown) => void): ViewFollower => {
  if (opts.views === undefined)
    throw usageError(
      `A ${store.kind} store keeps its views in a views file: name it with --views sqlite:PATH (or VPN_LEDGER_VIEWS).`,
    );
  const path = viewsPathOf(opts.views)!;
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (error) {
    throw usageError(`Cannot open the views file ${path}: ${(error as Error).message}`);
  }
  db.pragma('journal_mode = WAL');
  return new ViewFollower(store, db, onError ? { onError } : {});
};

export const runRebuild = (io: Io, opts: ViewsOptions): Promise<ExitCode> =>
  withLedger(io, opts.store, { access: 'maintain' }, async ({ ledger, description }) => {
    const { store } = ledger;
    const started = process.hrtime.bigint();
    const head = await store.headPosition();
    const progress = startProgress(io, {
      total: head === null ? 0 : store.kind === 'esdb' ? null : Number(head.commit),
      enabled: true,
      format: 'rebuild |{bar}| {value}/{total} events',
    });
    let events: number;
    try {
      if (store.local && ledger.views) {
        events = rebuildLocalViews(store.local, ledger.views, {
          onProgress: (p) => progress.update(p.events),
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
      `Rebuilt the views of ${description} from ${events} event(s) in ${s.toFixed(2)} s (${s > 0 ? Math.round(events / s) : events} events/s).`,
    );
    return EXIT.OK;
  });

export const runProject = (io: Io, opts: ViewsOptions): Promise<ExitCode> =>
  withLedger(io, opts.store, { access: 'write', mustExist: true }, async ({ ledger, description }) => {
    const { store } = ledger;
    if (ledger.viewsInline) {
      out(io, `The views of ${description} are current; they follow its appends in the same transaction.`);
      return EXIT.OK;
    }
    if (!opts.follow) {
      const follower = followerFor(store, opts);
      try {
        const n = await follower.catchUp();
        const at = follower.position();
        out(
          io,
          `Caught up: ${n} event(s) applied; the views reflect position ${at ? positionToString(at) : '(empty log)'}.`,
        );
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
          const at = follower.position();
          err(
            io,
            `vpn-ledger project: following ${description} from position ${at ? positionToString(at) : 'start'}.`,
          );
          delayMs = 500;
          const error = await end;
          if (error !== null) throw error;
        } catch (error) {
          if (!stopping) {
            err(
              io,
              `vpn-ledger project: ${error instanceof Error ? error.message : String(error)}; resuming from the views' checkpoint in ${delayMs} ms.`,
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
    err(io, 'vpn-ledger project: stopped.');
    return EXIT.OK;
  });

export const registerViews = (program: Command, io: Io, setExit: (code: ExitCode) => void): void => {
  program
    .command('rebuild')
    .description('build the views again from the log, in place')
    .addOption(storeOption())
    .addOption(viewsOption())
    .action(async (opts: ViewsOptions) => setExit(await runRebuild(io, opts)));
  program
    .command('project')
    .description("bring an EventStoreDB store's views file up to date; --follow keeps it current")
    .option('--follow', 'keep following the log until SIGINT or SIGTERM, resuming after failures')
    .addOption(storeOption())
    .addOption(viewsOption())
    .action(async (opts: ViewsOptions) => setExit(await runProject(io, opts)));
};
