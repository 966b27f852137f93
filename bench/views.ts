import { generateKeyPairSync } from 'node:crypto';
/**
 * The read models, measured against baselines of the same run:
 * - apply with inline views over apply without them (SQLite, synchronous=FULL), for the command mix
 *   of the generated history and for the throughput figure's one-stream commands;
 * - one contract's answers (state, timeline, terms, explain, charges --contract) in-process, p50 and
 *   p99, against a raw read of the same contract's stream, and the CLI's wall time for them against
 *   `vpn-ledger --help`;
 * - the whole ledger's month (`charges --month`, JSON) against a plain SELECT of the same number of
 *   precomputed rows written out as JSON.
 */

import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { closeMonth } from '../src/billing/close';
import { stateText } from '../src/cli/commands/state';
import { chargesJson } from '../src/documents/charges';
import { generatedFrom } from '../src/documents/provenance';
import { contractStream, validateDecoded } from '../src/events';
import { systemClock } from '../src/ledger/clock';
import { Ledger } from '../src/ledger/ledger';
import { openLedger } from '../src/ledger/open';
import { checkViews } from '../src/ledger/views-check';
import { contractStateAsOf, explainChargeLine, minimumTerms, timeline } from '../src/projections';
import { explainedEvents, Reader } from '../src/read';
import { SqliteEventStore } from '../src/store';
import { rebuildLocalViews } from '../src/views/rebuild';
import { ViewsDb } from '../src/views/views-db';
import { type ExportMemory, measureExportMemory } from './exports';
import { type HistoryInfo, planHistory } from './history';
import { median, now, percentile, REPO_ROOT, secondsSince, withTempDir } from './lib';
import { registerNetworkCommand } from './pipeline-throughput';

// --- apply with and without inline views --------------------------------------------------------

export interface ViewsApplyFigures {
  readonly commands: number;
  readonly mix: { readonly withViews: number; readonly without: number; readonly ratio: number };
  readonly oneStream: { readonly withViews: number; readonly without: number; readonly ratio: number };
}

/** The first `count` commands of the generated history: its mix of command types, in order. */
const historyMix = (count: number) => {
  const out: { input: unknown; recordedAt: string }[] = [];
  for (const c of planHistory(1_000_000).commands) {
    out.push(c);
    if (out.length >= count) break;
  }
  return out;
};

const applyRate = async (path: string, commands: readonly unknown[], views: boolean): Promise<number> => {
  const store = views
    ? (await openLedger({ kind: 'sqlite', path }, { access: 'write' })).store
    : new SqliteEventStore({ path });
  const ledger = new Ledger({ store, clock: systemClock });
  for (let i = 0; i < 50; i++) await ledger.execute(registerNetworkCommand(i, `warm-${views}-`));
  const start = now();
  for (const c of commands) await ledger.execute(c);
  const rate = commands.length / secondsSince(start);
  await store.close();
  return rate;
};

export const measureViewsApply = async (count: number, runs: number): Promise<ViewsApplyFigures> =>
  withTempDir('vpn-ledger-bench-views-', async (dir) => {
    const mix = historyMix(count).map((c) => c.input);
    const oneStream = Array.from({ length: count }, (_, i) => registerNetworkCommand(i));
    const rates = {
      mixWith: [] as number[],
      mixWithout: [] as number[],
      oneWith: [] as number[],
      oneWithout: [] as number[],
    };
    for (let r = 0; r < runs; r++) {
      // Interleaved, so that a noisy neighbour hurts both about equally.
      rates.mixWithout.push(await applyRate(join(dir, `mix-without-${r}.db`), mix, false));
      rates.mixWith.push(await applyRate(join(dir, `mix-with-${r}.db`), mix, true));
      rates.oneWithout.push(await applyRate(join(dir, `one-without-${r}.db`), oneStream, false));
      rates.oneWith.push(await applyRate(join(dir, `one-with-${r}.db`), oneStream, true));
    }
    const pair = (w: number[], wo: number[]) => ({
      withViews: median(w),
      without: median(wo),
      ratio: median(w) / median(wo),
    });
    return {
      commands: count,
      mix: pair(rates.mixWith, rates.mixWithout),
      oneStream: pair(rates.oneWith, rates.oneWithout),
    };
  });

// --- reads on the big history --------------------------------------------------------------------

export interface LatencyFigures {
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface ViewsReadFigures {
  readonly rebuildSeconds: number;
  readonly contracts: number;
  readonly queries: number;
  readonly inProcess: Record<string, LatencyFigures>;
  readonly rawStreamRead: LatencyFigures;
  readonly month: {
    readonly month: string;
    readonly lines: number;
    readonly viewsMs: number;
    readonly baselineMs: number;
    readonly ratio: number;
  };
  readonly exportMemory: ExportMemory;
  readonly cli: { readonly helpMs: number; readonly commands: Record<string, { ms: number; ratio: number }> };
  /** A month's close (worked out from the log) and verify's views check, against the rebuild. */
  readonly whole: {
    readonly closeSeconds: number;
    readonly checkViewsSeconds: number;
    readonly month: string;
  };
}

const timeMs = (fn: () => unknown): number => {
  const t = now();
  fn();
  return Number(now() - t) / 1e6;
};

const latency = (samples: readonly number[]): LatencyFigures => ({
  p50Ms: percentile(samples, 50),
  p99Ms: percentile(samples, 99),
});

const MONTH = '2025-10';

/** A copy of the history with its views built; also times the in-place rebuild. */
export const measureViewsReads = async (
  history: HistoryInfo,
  queries: number,
  cliRuns: number,
  log: (line: string) => void,
): Promise<ViewsReadFigures> =>
  withTempDir('vpn-ledger-bench-reads-', async (dir) => {
    const path = join(dir, 'ledger.db');
    copyFileSync(history.path, path);
    const store = new SqliteEventStore({ path, synchronous: 'OFF' });
    const views = new ViewsDb(store.db);
    const t = now();
    rebuildLocalViews(store, views);
    const rebuildSeconds = secondsSince(t);
    log(`  views: rebuilt in ${rebuildSeconds.toFixed(1)} s`);
    const model = new Reader({ store: store, views: views });

    // Contracts billed in the month, at random.
    const active = views.db
      .prepare<[string, string], { contract_id: string }>(
        "SELECT DISTINCT contract_id FROM view_fee_segments WHERE series_key = '' AND to_month >= ? AND from_month <= ?",
      )
      .all(MONTH, MONTH)
      .map((r) => r.contract_id);
    let seed = 42;
    const pick = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return active[seed % active.length]!;
    };
    const sample = Array.from({ length: queries }, pick);
    const date = `${MONTH}-31`;
    const raw = new Database(path, { readonly: true });
    const rawRead = raw.prepare<[string], { data: string; metadata: string }>(
      'SELECT data, metadata FROM events WHERE stream_id = ? ORDER BY revision',
    );
    const ops: Record<string, (id: string) => Promise<unknown>> = {
      state: async (id) => {
        const r = (await model.contract(id))!;
        return stateText(contractStateAsOf(r.facts, id, date)!);
      },
      timeline: async (id) => {
        const r = (await model.contract(id, { withNetwork: true }))!;
        return JSON.stringify(timeline(r.facts, id));
      },
      terms: async (id) =>
        JSON.stringify(minimumTerms((await model.contract(id))!.facts, { contractId: id })),
      explain: async (id) => {
        // As the CLI does: the line looked up as billed, explained, its events checked as stored.
        const found = (await model.line(`${id}:${MONTH}:monthly-basic`))!;
        const events = explainedEvents(found.explanation, found.month.read);
        return JSON.stringify({
          x: found.explanation,
          events: events.map((e) => ({ data: e.data, metadata: e.metadata })),
        });
      },
      'charges --contract': async (id) =>
        JSON.stringify((await model.contractMonth(id, MONTH))!.billed.charges),
    };
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(ops).map((k) => [k, []]));
    const rawSamples: number[] = [];
    for (let i = 0; i < Math.min(200, queries); i++)
      for (const op of Object.values(ops)) await op(sample[i]!);
    for (const id of sample) {
      for (const [name, op] of Object.entries(ops)) {
        const s = now();
        await op(id);
        samples[name]!.push(Number(now() - s) / 1e6);
      }
      rawSamples.push(
        timeMs(() => {
          for (const row of rawRead.all(contractStream(id))) {
            JSON.parse(row.data);
            JSON.parse(row.metadata);
          }
        }),
      );
    }

    // The whole month, as `charges --month --format json` writes it, against a plain SELECT of the
    // same number of precomputed rows written out as JSON.
    const monthDoc = async () => {
      const { billed, provenance } = await model.month(MONTH);
      const charges = billed.charges;
      const doc = chargesJson(charges, generatedFrom('sqlite', provenance, 'en'), {
        contractId: null,
        asOf: null,
      });
      return { text: JSON.stringify(doc), lines: charges.lines.length, doc };
    };
    const first = await monthDoc();
    const pre = new Database(join(dir, 'precomputed.db'));
    pre.exec('CREATE TABLE lines (month TEXT NOT NULL, data TEXT NOT NULL)');
    pre.exec('CREATE INDEX lines_by_month ON lines (month)');
    const insert = pre.prepare('INSERT INTO lines (month, data) VALUES (?, ?)');
    pre.transaction(() => {
      for (const l of first.doc.lines) insert.run(MONTH, JSON.stringify(l));
    })();
    const select = pre.prepare<[string], { data: string }>('SELECT data FROM lines WHERE month = ?');
    const baseline = () =>
      JSON.stringify({ month: MONTH, lines: select.all(MONTH).map((r) => JSON.parse(r.data) as unknown) });
    const viewsMs: number[] = [];
    const baselineMs: number[] = [];
    for (let r = 0; r < 7; r++) {
      let s = now();
      const doc = await monthDoc();
      viewsMs.push(Number(now() - s) / 1e6);
      if (doc.lines !== first.lines) throw new Error('the month changed between runs');
      s = now();
      baseline();
      baselineMs.push(Number(now() - s) / 1e6);
    }
    pre.close();
    raw.close();
    await store.close();

    // The CLI as a user runs it, whole process, against `vpn-ledger --help`.
    const main = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
    const storeArg = ['--store', `sqlite:${path}`];
    const id = sample[0]!;
    const cliCommands: Record<string, string[]> = {
      state: ['state', id, '--as-of', date, ...storeArg],
      timeline: ['timeline', id, ...storeArg],
      terms: ['terms', id, ...storeArg],
      explain: ['explain', `${id}:${MONTH}:monthly-basic`, ...storeArg],
      'charges --contract': ['charges', '--month', MONTH, '--contract', id, ...storeArg],
    };
    const wall = (args: string[]) => {
      const s = now();
      const r = spawnSync(process.execPath, [main, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
      if (r.status !== 0) throw new Error(`vpn-ledger ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
      return Number(now() - s) / 1e6;
    };
    const help: number[] = [];
    const cliMs: Record<string, number[]> = Object.fromEntries(Object.keys(cliCommands).map((k) => [k, []]));
    wall(['--help']);
    for (const args of Object.values(cliCommands)) wall(args);
    for (let r = 0; r < cliRuns; r++) {
      for (const [name, args] of Object.entries(cliCommands)) {
        help.push(wall(['--help']));
        cliMs[name]!.push(wall(args));
      }
    }
    log('  exports: the peak memory of the busiest month written out');
    const exportMemory = measureExportMemory(main, path);
    // What reads the whole log: verify's views check and a close, each against the rebuild above.
    const opened = await openLedger({ kind: 'sqlite', path }, { access: 'write', synchronous: 'OFF' });
    let s = now();
    const check = await checkViews(opened.store, opened.views!);
    const checkViewsSeconds = secondsSince(s);
    if (check.differing !== 0) throw new Error(`the views differ from the log in ${check.differing} row(s)`);
    const closeMonthOf = opened.views!.charges.monthRange()!.first;
    s = now();
    const closed = await closeMonth(
      { type: 'CloseMonth', commandId: 'bench-close', actor: 'staff:bench', data: { month: closeMonthOf } },
      {
        store: opened.store,
        views: opened.views!,
        viewsInline: true,
        clock: () => '2031-01-01T00:00:00Z',
        key: generateKeyPairSync('ed25519').privateKey,
      },
    );
    const closeSeconds = secondsSince(s);
    if (closed.status !== 'accepted') throw new Error(`the bench's close was refused: ${closed.code}`);
    log(
      `  close of ${closeMonthOf}: ${closeSeconds.toFixed(1)} s; verify's views check: ${checkViewsSeconds.toFixed(1)} s`,
    );
    await opened.close();
    rmSync(path, { force: true });
    const helpMs = median(help);
    return {
      rebuildSeconds,
      whole: { closeSeconds, checkViewsSeconds, month: closeMonthOf },
      contracts: active.length,
      queries,
      inProcess: Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, latency(xs)])),
      rawStreamRead: latency(rawSamples),
      month: {
        month: MONTH,
        lines: first.lines,
        viewsMs: median(viewsMs),
        baselineMs: median(baselineMs),
        ratio: median(viewsMs) / median(baselineMs),
      },
      exportMemory,
      cli: {
        helpMs,
        commands: Object.fromEntries(
          Object.entries(cliMs).map(([k, xs]) => [k, { ms: median(xs), ratio: median(xs) / helpMs }]),
        ),
      },
    };
  });
