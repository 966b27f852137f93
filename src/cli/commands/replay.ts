/**
 * `vpn-ledger replay [--verify]`: builds every view afresh from the log into a temporary file (the
 * ledger is only read), with events per second and a sha-256 digest per view. With --verify the
 * result is checked against a second replay and against the stored views (up to the position they
 * reflect); any difference exits 1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Command } from 'commander';
import { toJsonText } from '../../documents/encoding';
import { positionJson } from '../../documents/provenance';
import { help } from '../../render/cli-help';
import { cliText } from '../../render/cli-words';
import type { Lang } from '../../render/lang';
import { viewsProblemText } from '../../render/views-problem';
import type { EventStore } from '../../store/port';
import { buildViewsInto, type ReplayResult, viewDigests } from '../../views/replay';
import { ViewsDb, viewsProblem } from '../../views/views-db';
import { EXIT, type ExitCode, failure, said } from '../errors';
import { renderTable } from '../format';
import { err, type Io, out } from '../io';
import { langOption } from '../lang';
import { formatOption, knownAtOption, storeOption } from '../options';
import { progressFormat, startProgress } from '../progress';
import { type ReadContext, viewsOption, withReadModel } from '../read';

interface ReplayOptions {
  readonly verify?: boolean;
  readonly knownAt?: string;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'table' | 'json';
  readonly lang?: Lang;
}

interface Timed {
  readonly result: ReplayResult;
  readonly digests: Record<string, string>;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

/**
 * Builds the views into a temporary file, digests them, deletes the file. The bar's total is what
 * the replay reads (a local log's events that a view reads), as the replay itself counts them.
 */
const timedReplay = async (
  io: Io,
  store: EventStore,
  options: { knownAt?: string; upTo?: ReplayResult['position'] },
  label: 'first' | 'second' | 'stored',
  lang: Lang,
): Promise<Timed> => {
  const progress = startProgress(io, {
    total: null,
    enabled: true,
    format: progressFormat(lang, 'progress.replay', { label }),
    payload: { rate: 0 },
  });
  const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-replay-'));
  const db = new Database(join(dir, 'views.db'));
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const result = await buildViewsInto(store, db, {
      // A replay audits the log: a row that breaks its schema fails it, named (exit 1).
      validate: true,
      ...(options.knownAt !== undefined ? { knownAt: options.knownAt } : {}),
      ...(options.upTo ? { upTo: options.upTo } : {}),
      onProgress: ({ events, total }) =>
        progress.update(events, { rate: Math.round(events / Math.max(seconds(), 1e-9)) }, total ?? undefined),
    });
    const s = seconds();
    return {
      result,
      digests: viewDigests(new ViewsDb(db)),
      seconds: s,
      eventsPerSecond: s > 0 ? Math.round(result.events / s) : result.events,
    };
  } finally {
    progress.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

interface Check {
  check: string;
  view: string;
  expected: string;
  found: string;
  equal: boolean;
}

/** A view the other side lacks, as the JSON's `found` says it. */
const MISSING = '(missing)';

const compare = (check: string, expected: Record<string, string>, found: Record<string, string>): Check[] =>
  Object.entries(expected).map(([view, digest]) => ({
    check,
    view,
    expected: digest,
    found: found[view] ?? MISSING,
    equal: found[view] === digest,
  }));

const verifyStored = async (io: Io, ctx: ReadContext): Promise<Check[]> => {
  const views = ctx.reader.views;
  const problem = viewsProblem(views?.state() ?? null);
  if (views === null || problem !== null) {
    err(
      io,
      cliText(ctx.lang, 'replay.notCompared', {
        problem: problem === null ? cliText(ctx.lang, 'replay.noViews') : viewsProblemText(ctx.lang, problem),
      }),
    );
    return [];
  }
  const state = views.state()!;
  const rebuilt = await timedReplay(
    io,
    ctx.reader.store,
    state.position ? { upTo: state.position } : {},
    'stored',
    ctx.lang,
  );
  return compare('stored views', rebuilt.digests, viewDigests(views));
};

/** A check's name in the table: the JSON's `check` ('second replay', 'stored views') in words. */
const checkWords = (lang: Lang, check: string) =>
  cliText(lang, 'replay.check', { check: check === 'second replay' ? 'second' : 'stored' });

export const runReplay = (io: Io, opts: ReplayOptions): Promise<ExitCode> =>
  withReadModel(io, opts, async (ctx) => {
    const store = ctx.reader.store;
    const { lang } = ctx;
    const first = await timedReplay(
      io,
      store,
      opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {},
      'first',
      lang,
    );
    const checks: Check[] = [];
    if (opts.verify) {
      const second = await timedReplay(
        io,
        store,
        {
          ...(opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {}),
          ...(first.result.position ? { upTo: first.result.position } : {}),
        },
        'second',
        lang,
      );
      checks.push(...compare('second replay', first.digests, second.digests));
      if (opts.knownAt === undefined) checks.push(...(await verifyStored(io, ctx)));
    }
    const ok = checks.every((c) => c.equal);
    const r = first.result;
    const applied = r.events - r.skipped;
    if (opts.format === 'json') {
      out(
        io,
        toJsonText({
          schema: 'vpn-ledger.replay/v1',
          store: store.kind,
          knownAt: opts.knownAt ?? null,
          eventsApplied: applied,
          eventsSkipped: r.skipped,
          lastPosition: positionJson(r.position),
          seconds: Number(first.seconds.toFixed(3)),
          eventsPerSecond: first.eventsPerSecond,
          digests: first.digests,
          verification: opts.verify ? { ok, checks } : null,
        }),
      );
    } else {
      out(
        io,
        `${cliText(lang, 'replay.done', {
          applied,
          skipped: r.skipped,
          knownAt: opts.knownAt ?? '',
          store: ctx.storeDescription,
          seconds: first.seconds.toFixed(2),
          rate: first.eventsPerSecond,
        })}\n`,
      );
      out(
        io,
        renderTable(
          [{ header: cliText(lang, 'replay.col.view') }, { header: cliText(lang, 'replay.col.digest') }],
          Object.entries(first.digests),
        ),
      );
      if (opts.verify) {
        out(io);
        out(
          io,
          renderTable(
            [
              { header: cliText(lang, 'replay.col.check') },
              { header: cliText(lang, 'replay.col.view') },
              { header: cliText(lang, 'replay.col.result') },
            ],
            checks.map((c) => [
              checkWords(lang, c.check),
              c.view,
              c.equal
                ? cliText(lang, 'replay.same')
                : cliText(lang, 'replay.different', {
                    found: c.found === MISSING ? cliText(lang, 'replay.missing') : c.found,
                    expected: c.expected,
                  }),
            ]),
          ),
        );
      }
    }
    if (!ok) {
      const bad = checks
        .filter((c) => !c.equal)
        .map((c) => ({ view: c.view, check: c.check === 'second replay' ? 'second' : 'stored' }));
      throw failure(
        said('replay.failed', {
          views: bad.map((b) => cliText(lang, 'replay.differs', b)).join(lang === 'ja' ? '、' : ', '),
        }),
      );
    }
    if (opts.verify && opts.format !== 'json') err(io, cliText(lang, 'replay.verified'));
    return EXIT.OK;
  });

export const registerReplay = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  program
    .command('replay')
    .description(help(lang, 'replay'))
    .option('--verify', help(lang, 'replay.verify'))
    .addOption(knownAtOption(lang))
    .addOption(formatOption(lang))
    .addOption(langOption(lang))
    .addOption(storeOption(lang))
    .addOption(viewsOption(lang))
    .action(async (opts: ReplayOptions) => setExit(await runReplay(io, opts)));
};
