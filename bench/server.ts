/**
 * The server's figures (issue 13):
 *  - commands per second through HTTP (`vpn-ledger serve`, the built program in its own process,
 *    on loopback) with 32 concurrent clients, against raw better-sqlite3 with one insert per
 *    transaction in the same run, both at synchronous=FULL on the same disk; p50 and p99 latency;
 *  - the CPU cost of a command on a 100-event stream over that on a 1-event stream (the ledger's
 *    stream cache), at synchronous=OFF so that the disk does not hide it; and the same without
 *    the cache, for reference.
 */

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPrincipal, parsePrincipal } from '../src/auth/principal';
import { newToken, TOKENS_SCHEMA, writeTokenFile } from '../src/auth/tokens';
import { systemClock } from '../src/ledger/clock';
import { Ledger } from '../src/ledger/ledger';
import { openLedger } from '../src/ledger/open';
import { renderer } from '../src/render';
import { median, now, REPO_ROOT, runChild, withTempDir } from './lib';
import type { LoadRun } from './load-child';
import { rawLoopCost } from './pipeline-throughput';

export interface ServerThroughput {
  readonly commands: number;
  readonly clients: number;
  readonly httpPerSecond: number;
  readonly rawPerSecond: number;
  readonly ratio: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Commands per committed group, from the server's /health. */
  readonly meanGroup: number;
  /** The server process's CPU (user + system) per command over the measured run, microseconds. */
  readonly serverCpuUs: number;
  /** The raw loop's CPU per one-insert transaction in the same run, microseconds. */
  readonly rawCpuUs: number;
  /** The load generator's own CPU per command (its own process), microseconds. */
  readonly generatorCpuUs: number;
}

const startServer = (
  args: string[],
  nodeArgs: readonly string[] = [],
): Promise<{ child: ChildProcess; url: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...nodeArgs,
        join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js'),
        'serve',
        '--port',
        '0',
        '--log-level',
        'warn',
        ...args,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr += chunk;
      const m = /listening on (http:\/\/\S+) /.exec(stderr);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}): ${stderr}`)));
  });

/**
 * CPU time of another process so far (user + system, microseconds), from /proc: the kernel's own
 * accounting, what `process.cpuUsage()` would answer inside the server, read from outside it.
 */
const processCpuUs = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
};

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** `vpn-ledger serve` on a new SQLite ledger in `dir`, with a staff token for the load. */
export const serveForBench = async (
  dir: string,
  nodeArgs: readonly string[] = [],
): Promise<{ child: ChildProcess; url: string; token: string }> => {
  const principal = parsePrincipal('staff:bench');
  if (!isPrincipal(principal)) throw new Error(principal.problem);
  const made = newToken(principal, 'bench', new Date().toISOString());
  const tokens = join(dir, 'tokens.json');
  writeTokenFile(tokens, { schema: TOKENS_SCHEMA, tokens: [made.record] });
  const { child, url } = await startServer(
    ['--store', `sqlite:${join(dir, 'ledger.db')}`, '--tokens', tokens],
    nodeArgs,
  );
  return { child, url, token: made.token };
};

/** `count` commands posted by `clients` keep-alive clients from a process of their own. */
export const loadFromChild = async (
  url: string,
  token: string,
  prefix: string,
  count: number,
  clients: number,
): Promise<LoadRun> =>
  (
    await runChild<LoadRun>(join(__dirname, 'load-child.js'), [
      url,
      token,
      prefix,
      String(count),
      String(clients),
    ])
  ).result;

/**
 * HTTP commands/s with `clients` concurrent clients, and raw one-insert transactions/s, in one run.
 * The load comes from a process of its own (load-child.ts); the server's CPU per command is read
 * from /proc over the measured run, against a raw insert's CPU in the same run.
 */
export const measureServerThroughput = (commands: number, clients = 32): Promise<ServerThroughput> =>
  withTempDir('vpn-ledger-bench-server-', async (dir) => {
    const raw = rawLoopCost(join(dir, 'raw.db'), Math.max(500, Math.floor(commands / 2)), 'x'.repeat(600));
    const { child, url, token } = await serveForBench(dir);
    const load = (prefix: string, count: number) => loadFromChild(url, token, prefix, count, clients);
    try {
      await load('warm-', 300);
      const health = async () =>
        (
          JSON.parse((await fetch(`${url}/health`).then((r) => r.text())) as string) as {
            groups: { groups: number; commands: number };
          }
        ).groups;
      const before = await health();
      const cpuBefore = processCpuUs(child.pid!);
      const run = await load('', commands);
      const serverCpuUs = (processCpuUs(child.pid!) - cpuBefore) / commands;
      const after = await health();
      const httpPerSecond = commands / run.seconds;
      return {
        commands,
        clients,
        httpPerSecond,
        rawPerSecond: raw.perSecond,
        ratio: httpPerSecond / raw.perSecond,
        p50Ms: run.p50Ms,
        p99Ms: run.p99Ms,
        meanGroup: (after.commands - before.commands) / Math.max(1, after.groups - before.groups),
        serverCpuUs,
        rawCpuUs: raw.cpuUs,
        generatorCpuUs: run.generatorCpuUs,
      };
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });

export interface StreamLengthCost {
  readonly contracts: number;
  /** Microseconds per command on a contract whose stream holds 1 event, and 100 events. */
  readonly shortUs: number;
  readonly longUs: number;
  readonly ratio: number;
  /** The same without the ledger's stream cache (every stream folded from its start). */
  readonly uncachedShortUs: number;
  readonly uncachedLongUs: number;
  readonly uncachedRatio: number;
}

const instruct = (contractId: string, job: string) => ({
  type: 'InstructConfigurationChange',
  commandId: `${contractId}.${job}`,
  actor: 'bench',
  data: {
    contractId,
    jobId: job,
    instructedBy: `holder-${contractId}`,
    instructedAt: '2025-05-01T10:00:00+09:00',
    description: 'a route',
  },
});

const accept = (contractId: string) => [
  {
    type: 'RegisterNetwork',
    commandId: `${contractId}.net`,
    actor: 'bench',
    data: {
      networkId: `n-${contractId}`,
      parentContractId: contractId,
      parentHolderId: `holder-${contractId}`,
      item: 'single-star-single-edge',
      registeredOn: '2025-04-01',
    },
  },
  {
    type: 'AcceptApplication',
    commandId: `${contractId}.accept`,
    actor: 'bench',
    data: {
      contractId,
      networkId: `n-${contractId}`,
      contractType: 'parent',
      contractorId: `holder-${contractId}`,
      item: 'single-star-single-edge',
      deviceModel: 'Cisco C1121-8P',
      deviceItemIds: [`${contractId}-dev`],
      maintenanceType: 'type-2',
      termYears: 1,
      site: { country: 'JP', text: 'Tokyo' },
      lanSubnets: ['10.0.0.0/24'],
      initialFee: 30000,
      monthlyFee: 12000,
      onSiteInstallation: null,
      acceptedOn: '2025-04-01',
    },
  },
];

/**
 * Per command: one configuration instruction on each of `contracts` contracts whose streams hold
 * 1 event, then on as many whose streams hold 100 (the network streams alike), with inline views,
 * at synchronous=OFF. Each stream is touched once before the clock starts (a running server's
 * cache is warm), and the rounds alternate so that neither kind runs on a quieter machine.
 */
export const measureStreamLengthCost = (contracts: number, rounds: number): Promise<StreamLengthCost> =>
  withTempDir('vpn-ledger-bench-length-', async (dir) => {
    const cost = async (streamCacheSize: number) => {
      const { store } = await openLedger(
        { kind: 'sqlite', path: join(dir, `l-${streamCacheSize}.db`) },
        { access: 'write', synchronous: 'OFF' },
      );
      const ledger = new Ledger({ store, clock: systemClock, streamCacheSize });
      const exec = async (c: unknown) => {
        const r = await ledger.execute(c);
        if (r.status !== 'accepted')
          throw new Error(`bench command rejected: ${r.code} ${renderer('en').resultMessage(r)}`);
      };
      const short = Array.from({ length: contracts }, (_, i) => `s${i}`);
      const long = Array.from({ length: contracts }, (_, i) => `l${i}`);
      for (const c of [...short, ...long]) for (const x of accept(c)) await exec(x);
      for (const c of long) for (let j = 0; j < 99; j++) await exec(instruct(c, `fill-${j}`));
      // Warm: one command on each stream (the 1-event ones then hold 2; the next measure 2 and 101).
      for (const c of [...short, ...long]) await exec(instruct(c, 'warm'));
      const times = { short: [] as number[], long: [] as number[] };
      for (let r = 0; r < rounds; r++) {
        for (const kind of r % 2 === 0 ? (['short', 'long'] as const) : (['long', 'short'] as const)) {
          const ids = kind === 'short' ? short : long;
          const start = now();
          for (const c of ids) await exec(instruct(c, `r${r}`));
          times[kind].push(Number(now() - start) / 1e3 / ids.length);
        }
      }
      await store.close();
      return { short: median(times.short), long: median(times.long) };
    };
    const cached = await cost(10 * contracts);
    const uncached = await cost(0);
    return {
      contracts,
      shortUs: cached.short,
      longUs: cached.long,
      ratio: cached.long / cached.short,
      uncachedShortUs: uncached.short,
      uncachedLongUs: uncached.long,
      uncachedRatio: uncached.long / uncached.short,
    };
  });
