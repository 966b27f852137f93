/**
 * `npm run bench`: every figure of docs/bench.md in one run, against baselines measured in the
 * same run on the same machine. Prints a table and writes bench/results/latest.json.
 *
 * Options:
 *   --quick            a small run: 1 run each, 500 commands, a 100,000-event history, 300 queries
 *   --runs N           repetitions of each measurement (median reported); default 3
 *   --commands N       commands per throughput run; default 1000
 *   --events N         size of the replay history (generated once, cached in bench/.cache/); default 1,000,000
 *   --queries N        state-as-of queries; default 1000
 *   --only a,b         only these sections: throughput, batching, cpu, views, replay, reads, asof, peers, server, fairness
 *   --no-emmett        skip the Emmett peer even when it is installed
 *   --history FILE     measure on this history (one bench/.cache/ holds) instead of the one this
 *                      build generates: the cache is keyed by the code that decides the events
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { measureAsOf } from './as-of';
import { comparePeers } from './emmett';
import { measureFairness } from './fairness';
import { ensureHistory, givenHistory } from './history';
import { argFlag, argNumber, argValue, fmt, machine, median, REPO_ROOT, repeat, table } from './lib';
import { measureCpuOverhead, measureRawBatching, measureThroughput } from './pipeline-throughput';
import { measureReplay } from './replay';
import { measureServerThroughput, measureStreamLengthCost } from './server';
import { measureViewsApply, measureViewsReads } from './views';

const SECTIONS = [
  'throughput',
  'batching',
  'cpu',
  'views',
  'replay',
  'reads',
  'asof',
  'peers',
  'server',
  'fairness',
] as const;
type Section = (typeof SECTIONS)[number];

const log = (line: string) => process.stderr.write(`${line}\n`);

const main = async () => {
  const argv = process.argv.slice(2);
  const quick = argFlag(argv, 'quick');
  const runs = argNumber(argv, 'runs', quick ? 1 : 3);
  const commands = argNumber(argv, 'commands', quick ? 500 : 1000);
  const events = argNumber(argv, 'events', quick ? 100_000 : 1_000_000);
  const queries = argNumber(argv, 'queries', quick ? 300 : 1000);
  const only = argValue(argv, 'only')?.split(',') as Section[] | undefined;
  for (const s of only ?? [])
    if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section ${s}; known: ${SECTIONS.join(', ')}`);
  const wants = (s: Section) => !only || only.includes(s);
  const sqliteVersion = (() => {
    const db = new Database(':memory:');
    const v = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    db.close();
    return v;
  })();
  const result: Record<string, unknown> = {
    machine: machine(sqliteVersion),
    options: { quick, runs, commands, events, queries, only: only ?? 'all' },
    startedAt: new Date().toISOString(),
  };
  const rows: string[][] = [];
  const row = (figure: string, value: string, baseline: string, ratio: string, target: string) =>
    rows.push([figure, value, baseline, ratio, target]);

  if (wants('throughput')) {
    log(`throughput: ${runs} x ${commands} commands, pipeline vs raw better-sqlite3 (synchronous=FULL)`);
    const throughput = await repeat(runs, () => measureThroughput(commands));
    const t = {
      runs: throughput,
      medianRatio: median(throughput.map((x) => x.ratio)),
      medianPipelinePerSecond: median(throughput.map((x) => x.pipelinePerSecond)),
      medianRawPerSecond: median(throughput.map((x) => x.rawPerSecond)),
      target: 0.8,
    };
    result.throughput = t;
    row(
      'pipeline commands/s (SQLite, FULL)',
      fmt(t.medianPipelinePerSecond),
      `${fmt(t.medianRawPerSecond)} raw inserts/s`,
      fmt(t.medianRatio, 2),
      '>= 0.80',
    );
  }
  if (wants('cpu')) {
    log('cpu: the same loops at synchronous=OFF');
    const cpu = await repeat(runs, () => measureCpuOverhead(commands * 3));
    const c = {
      runs: cpu,
      medianPipelineNoSyncPerSecond: median(cpu.map((x) => x.pipelineNoSyncPerSecond)),
      medianRawNoSyncPerSecond: median(cpu.map((x) => x.rawNoSyncPerSecond)),
      medianPipelineCpuOverheadUs: median(cpu.map((x) => x.pipelineCpuOverheadUs)),
      medianPipelineCpuUs: median(cpu.map((x) => x.pipelineCpuUs)),
      medianRawCpuUs: median(cpu.map((x) => x.rawCpuUs)),
      targetOverheadUs: 40,
    };
    result.cpu = c;
    row(
      'pipeline commands/s (synchronous=OFF)',
      fmt(c.medianPipelineNoSyncPerSecond),
      `${fmt(c.medianRawNoSyncPerSecond)} raw inserts/s`,
      fmt(c.medianPipelineNoSyncPerSecond / c.medianRawNoSyncPerSecond, 2),
      'rate, for reference',
    );
    row(
      '  CPU per command (process.cpuUsage, us)',
      fmt(c.medianPipelineCpuUs),
      `${fmt(c.medianRawCpuUs)} raw insert`,
      `+${fmt(c.medianPipelineCpuOverheadUs)} us`,
      '<= +40 us',
    );
  }
  if (wants('batching')) {
    log('batching: raw inserts per transaction 1, 10, 100 (what group commit could add)');
    const batches = [1, 10, 100];
    const b = await repeat(runs, () => measureRawBatching(commands, batches));
    const byBatch = batches.map((size) => {
      const xs = b.map((run) => run.find((x) => x.batch === size)!);
      return {
        batch: size,
        rawPerSecond: median(xs.map((x) => x.rawPerSecond)),
        speedup: median(xs.map((x) => x.speedup)),
      };
    });
    result.batching = { runs: b, median: byBatch };
    for (const x of byBatch.filter((x) => x.batch > 1)) {
      row(
        `raw inserts/s, ${x.batch} per transaction`,
        fmt(x.rawPerSecond),
        `${fmt(byBatch[0]!.rawPerSecond)} (1 per tx)`,
        `${fmt(x.speedup, 1)}x`,
        'group-commit ceiling',
      );
    }
  }
  if (wants('views')) {
    log(`views: apply with inline views vs without, ${runs} x ${commands} commands (synchronous=FULL)`);
    const v = await measureViewsApply(commands, runs);
    result.viewsApply = { ...v, target: 0.85 };
    row(
      'apply commands/s with inline views, history mix',
      fmt(v.mix.withViews),
      `${fmt(v.mix.without)} without views`,
      fmt(v.mix.ratio, 2),
      '>= 0.85',
    );
    row(
      'apply commands/s with inline views, one-stream commands',
      fmt(v.oneStream.withViews),
      `${fmt(v.oneStream.without)} without views`,
      fmt(v.oneStream.ratio, 2),
      '>= 0.85',
    );
  }
  let history: Awaited<ReturnType<typeof ensureHistory>> | undefined;
  if (wants('replay') || wants('asof') || wants('reads') || wants('fairness')) {
    log(`history: ${events.toLocaleString('en-US')} events (cached in bench/.cache/ once generated)`);
    const given = argValue(argv, 'history');
    history = given ? givenHistory(given) : await ensureHistory(events, log);
    result.history = history;
    log(
      `history: ${history.events.toLocaleString('en-US')} events, ${history.contracts} contracts, ${history.networks} networks${history.cached ? ' (cached)' : `, generated in ${history.generationSeconds.toFixed(0)} s`}`,
    );
  }
  if (wants('replay') && history) {
    const r = await measureReplay(history.path, runs, log);
    result.replay = { ...r, target: { ratio: 0.5, peakRssMiB: 300 } };
    const raw = r.byMode.raw!;
    row(
      `rebuild of every view, events/s (${fmt(r.events)} events)`,
      fmt(r.byMode.rebuild!.eventsPerSecond),
      `${fmt(raw.eventsPerSecond)} raw read+parse`,
      fmt(r.ratio, 2),
      '>= 0.50',
    );
    row(
      '  of which: adapter readAll only',
      fmt(r.byMode.store!.eventsPerSecond),
      '',
      fmt(r.byMode.store!.eventsPerSecond / raw.eventsPerSecond, 2),
      '',
    );
    row(
      '  of which: readAll + decode',
      fmt(r.byMode.decode!.eventsPerSecond),
      '',
      fmt(r.byMode.decode!.eventsPerSecond / raw.eventsPerSecond, 2),
      '',
    );
    row(
      '  for reference: the whole log folded into one facts state',
      fmt(r.byMode.fold!.eventsPerSecond),
      `peak RSS ${fmt(r.byMode.fold!.peakRssMiB)} MiB`,
      fmt(r.byMode.fold!.eventsPerSecond / raw.eventsPerSecond, 2),
      '',
    );
    row(
      '  CPU per event (us): raw / readAll / + decode / rebuild',
      ['raw', 'store', 'decode', 'rebuild'].map((m) => fmt(r.byMode[m]!.cpuUsPerEvent, 1)).join(' / '),
      '',
      '',
      '',
    );
    row(
      '  rebuild CPU per event by phase (us)',
      Object.entries(r.rebuildPhasesUs)
        .map(([phase, us]) => `${phase} ${fmt(us, 1)}`)
        .join(', '),
      '',
      '',
      '',
    );
    row(`  view digests after the rebuild (s)`, fmt(r.digestSeconds, 2), '', '', '');
    row('rebuild peak RSS (MiB)', fmt(r.replayPeakRssMiB), `${fmt(raw.peakRssMiB)} raw`, '', '<= 300');
    row('rebuilt view digests equal across runs', r.digestsStable ? 'yes' : 'NO', '', '', 'yes');
  }
  if (wants('reads') && history) {
    log(
      `reads: ${queries} queries of one contract each kind, the month's charges, the CLI (${runs * 3} runs)`,
    );
    const v = await measureViewsReads(history, queries, runs * 3, log);
    result.reads = { ...v, target: { p50Ms: 5, p99Ms: 20, cliOverHelp: 1.5, monthOverSelect: 2 } };
    for (const [name, l] of Object.entries(v.inProcess)) {
      row(
        `${name} in-process p50 / p99 (ms)`,
        `${fmt(l.p50Ms, 2)} / ${fmt(l.p99Ms, 2)}`,
        `raw stream read ${fmt(v.rawStreamRead.p50Ms, 2)} / ${fmt(v.rawStreamRead.p99Ms, 2)}`,
        `${fmt(l.p50Ms / v.rawStreamRead.p50Ms, 1)}x`,
        '<= 5 / <= 20',
      );
    }
    for (const [name, c] of Object.entries(v.cli.commands)) {
      row(`CLI ${name} wall (ms)`, fmt(c.ms), `${fmt(v.cli.helpMs)} --help`, fmt(c.ratio, 2), '<= 1.50');
    }
    const e = v.exportMemory;
    for (const [name, c] of Object.entries(e.commands))
      row(
        `${name} of ${e.month} (${fmt(e.lines)} lines), peak RSS (MiB)`,
        fmt(c.peakRssMiB),
        `${fmt(e.helpPeakRssMiB)} --help`,
        fmt(c.peakRssMiB / e.helpPeakRssMiB, 2),
        '< 150',
      );
    row(
      `close of ${v.whole.month}, worked out from the log (s)`,
      fmt(v.whole.closeSeconds, 1),
      `${fmt(v.rebuildSeconds, 1)} rebuild`,
      fmt(v.whole.closeSeconds / v.rebuildSeconds, 2),
      '~1 (a rebuild)',
    );
    row(
      "verify's views check, worked out from the log (s)",
      fmt(v.whole.checkViewsSeconds, 1),
      `${fmt(v.rebuildSeconds, 1)} rebuild`,
      fmt(v.whole.checkViewsSeconds / v.rebuildSeconds, 2),
      '~1 (a rebuild)',
    );
    row(
      `charges --month ${v.month.month} JSON (${fmt(v.month.lines)} lines, ms)`,
      fmt(v.month.viewsMs),
      `${fmt(v.month.baselineMs)} SELECT of as many rows + JSON`,
      fmt(v.month.ratio, 2),
      '<= 2.00',
    );
    row('views rebuilt in place (s)', fmt(v.rebuildSeconds, 1), '', '', '');
  }
  if (wants('asof') && history) {
    log(
      `as-of: ${queries} queries on contract ${history.sampleContract.contractId} (${history.sampleContract.events} events)`,
    );
    const a = await repeat(runs, () =>
      measureAsOf(history!.path, history!.sampleContract.contractId, queries),
    );
    const m = {
      runs: a,
      contractId: a[0]!.contractId,
      streamEvents: a[0]!.streamEvents,
      p50Us: median(a.map((x) => x.asOf.p50Us)),
      p99Us: median(a.map((x) => x.asOf.p99Us)),
      rawP50Us: median(a.map((x) => x.raw.p50Us)),
      rawP99Us: median(a.map((x) => x.raw.p99Us)),
    };
    result.asOf = { ...m, p50Ratio: m.p50Us / m.rawP50Us, p99Ratio: m.p99Us / m.rawP99Us };
    row(
      `state-as-of p50 (us, ${m.streamEvents}-event stream)`,
      fmt(m.p50Us),
      `${fmt(m.rawP50Us)} raw read`,
      `${fmt(m.p50Us / m.rawP50Us, 1)}x`,
      '',
    );
    row(
      'state-as-of p99 (us)',
      fmt(m.p99Us),
      `${fmt(m.rawP99Us)} raw read`,
      `${fmt(m.p99Us / m.rawP99Us, 1)}x`,
      '',
    );
  }
  if (wants('peers')) {
    const sizes = quick
      ? { singleStreams: 200, streams50: 4, aggregateStreams: 100 }
      : { singleStreams: 1000, streams50: 20, aggregateStreams: 500 };
    log(
      `peers: Emmett SQLite vs our store vs raw (${sizes.singleStreams} single appends, ${sizes.streams50}x50 appends, ${sizes.aggregateStreams} aggregates)`,
    );
    const p = await comparePeers(runs, sizes, log, { skipEmmett: argFlag(argv, 'no-emmett') });
    const pipeline = (result.throughput as { medianPipelinePerSecond?: number } | undefined)
      ?.medianPipelinePerSecond;
    result.peers = {
      ...p,
      pipelineOverEmmettAppends:
        pipeline && p.median.emmett ? pipeline / p.median.emmett.singleAppendsPerSecond : null,
    };
    const e = p.median.emmett;
    const o = p.median.ours;
    const ratio = (x: number | undefined) => (x === undefined ? 'n/a' : `${fmt(x, 1)}x`);
    row(
      'store appends/s, 1 per stream',
      fmt(o.singleAppendsPerSecond),
      e ? `${fmt(e.singleAppendsPerSecond)} Emmett` : (p.skipped ?? ''),
      ratio(p.median.ratio?.singleAppends),
      '>= 10x',
    );
    row(
      'store appends/s, 50 per stream',
      fmt(o.streamAppendsPerSecond),
      e ? `${fmt(e.streamAppendsPerSecond)} Emmett` : '',
      ratio(p.median.ratio?.streamAppends),
      '>= 10x',
    );
    row(
      'aggregate 50-event streams/s',
      fmt(o.aggregatesPerSecond),
      e ? `${fmt(e.aggregatesPerSecond)} Emmett` : '',
      ratio(p.median.ratio?.aggregates),
      '',
    );
    if (e && pipeline)
      row(
        'pipeline commands/s over Emmett appends/s',
        fmt(pipeline),
        `${fmt(e.singleAppendsPerSecond)} Emmett`,
        ratio(pipeline / e.singleAppendsPerSecond),
        '>= 10x',
      );
    if (e) row('Emmett SQLITE_BUSY errors retried', String(e.busyRetries ?? 0), '', '', 'count');
    row(
      'raw better-sqlite3 appends/s / aggregates/s',
      fmt(p.median.raw.singleAppendsPerSecond),
      `${fmt(p.median.raw.aggregatesPerSecond)} aggregates/s`,
      '',
      'reference',
    );
  }

  if (wants('server')) {
    const httpCommands = commands * 4;
    log(
      `server: ${runs} x ${httpCommands} commands over HTTP, 32 clients, vs raw one insert per transaction (FULL)`,
    );
    const runsOf = await repeat(runs, () => measureServerThroughput(httpCommands, 32));
    const s = {
      runs: runsOf,
      medianHttpPerSecond: median(runsOf.map((x) => x.httpPerSecond)),
      medianRawPerSecond: median(runsOf.map((x) => x.rawPerSecond)),
      medianRatio: median(runsOf.map((x) => x.ratio)),
      medianP50Ms: median(runsOf.map((x) => x.p50Ms)),
      medianP99Ms: median(runsOf.map((x) => x.p99Ms)),
      medianGroup: median(runsOf.map((x) => x.meanGroup)),
      medianServerCpuUs: median(runsOf.map((x) => x.serverCpuUs)),
      medianRawCpuUs: median(runsOf.map((x) => x.rawCpuUs)),
      medianGeneratorCpuUs: median(runsOf.map((x) => x.generatorCpuUs)),
      target: 2,
    };
    log('server: command cost on 1-event and 100-event streams (synchronous=OFF)');
    const lengths = await repeat(runs, () => measureStreamLengthCost(quick ? 100 : 200, quick ? 4 : 6));
    const l = {
      runs: lengths,
      medianRatio: median(lengths.map((x) => x.ratio)),
      medianShortUs: median(lengths.map((x) => x.shortUs)),
      medianLongUs: median(lengths.map((x) => x.longUs)),
      medianUncachedRatio: median(lengths.map((x) => x.uncachedRatio)),
      medianUncachedLongUs: median(lengths.map((x) => x.uncachedLongUs)),
      target: 1.2,
    };
    result.server = { throughput: s, streamLength: l };
    row(
      'HTTP commands/s, 32 clients (group commit, FULL)',
      fmt(s.medianHttpPerSecond),
      `${fmt(s.medianRawPerSecond)} raw inserts/s (1 per tx)`,
      fmt(s.medianRatio, 2),
      '>= 2.00',
    );
    row('  HTTP latency p50 / p99 (ms)', `${fmt(s.medianP50Ms, 1)} / ${fmt(s.medianP99Ms, 1)}`, '', '', '');
    row('  commands per group commit (mean)', fmt(s.medianGroup, 1), '', '', '');
    row(
      '  server process CPU per command (us)',
      fmt(s.medianServerCpuUs),
      `${fmt(s.medianRawCpuUs)} raw insert (FULL)`,
      fmt(s.medianServerCpuUs / s.medianRawCpuUs, 2),
      'what bounds the rate',
    );
    row('  load generator CPU per command (own process, us)', fmt(s.medianGeneratorCpuUs), '', '', '');
    row(
      'command on a 100-event stream over a 1-event one',
      `${fmt(l.medianLongUs)} us`,
      `${fmt(l.medianShortUs)} us`,
      fmt(l.medianRatio, 2),
      '<= 1.20',
    );
    row(
      '  the same without the stream cache',
      `${fmt(l.medianUncachedLongUs)} us`,
      '',
      fmt(l.medianUncachedRatio, 2),
      'reference',
    );
  }

  if (wants('fairness') && history) {
    const reads = quick ? 200 : queries;
    log(`fairness: a one-contract read's p99 alone, then under 40 heavy reads and a slow-client swarm`);
    const f = await measureFairness(history, { reads }, log);
    result.fairness = { ...f, target: 3 };
    row(
      `one-contract read p99 under 40 heavy reads + slow swarm (ms; ${fmt(f.events)} events)`,
      fmt(f.loadedP99Ms, 1),
      `${fmt(f.aloneP99Ms, 1)} alone`,
      fmt(f.ratio, 2),
      '<= 3.00',
    );
    row(
      '  heavy reads answered (by status) / slow connections refused',
      Object.entries(f.heavy.answered)
        .map(([status, n]) => `${status}: ${n}`)
        .join(', '),
      `${fmt(f.slow.refused)} of ${fmt(f.slow.opened)} refused`,
      '',
      '',
    );
  }

  result.finishedAt = new Date().toISOString();
  console.log('');
  console.log(table(['figure', 'value', 'baseline (same run)', 'ratio', 'target'], rows));
  const m = result.machine as ReturnType<typeof machine>;
  console.log(
    `\n${m.cpus} x ${m.cpuModel}, ${m.memoryGiB} GiB, node ${m.node}, SQLite ${m.sqlite}, ${m.filesystem}; median of ${runs} run(s)`,
  );
  const dir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'latest.json');
  writeFileSync(out, `${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
  console.log(`results: ${out}`);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
