/**
 * Fairness (issue 26): a staff one-contract read's p99 latency while one contractor keeps 40 heavy
 * reads in flight (a month's charges as known at a time: a fold of the whole log) and a swarm of
 * slow clients holds half-open connections (slowloris, from another loopback address), over the
 * same read's p99 with the server otherwise idle. Target: at most 3×. Before the fair scheduler,
 * reads ran one at a time and the one-contract read waited behind every fold (16 s observed).
 *
 * The server is the built program (`vpn-ledger serve`) in its own process on 127.0.0.1, over a
 * copy of the bench history (bench/history.ts, `--events`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { isPrincipal, parsePrincipal } from '../src/auth/principal';
import { newToken, TOKENS_SCHEMA, writeTokenFile } from '../src/auth/tokens';
import { get } from './fairness-http';
import type { HistoryInfo } from './history';
import { now, percentile, REPO_ROOT, withTempDir } from './lib';

export interface FairnessFigures {
  readonly events: number;
  readonly contractId: string;
  readonly reads: number;
  readonly aloneP50Ms: number;
  readonly aloneP99Ms: number;
  readonly loadedP50Ms: number;
  readonly loadedP99Ms: number;
  readonly ratio: number;
  readonly heavy: {
    readonly clients: number;
    readonly answered: Record<string, number>;
    readonly meanMs: number;
  };
  readonly slow: { readonly connections: number; readonly opened: number; readonly refused: number };
}

const startServe = (args: string[]): Promise<{ child: ChildProcess; url: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
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

/** Milliseconds of `count` one-contract reads, one after another. */
const oneContractReads = async (agent: Agent, url: string, token: string, count: number) => {
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = now();
    const r = await get(agent, url, token);
    if (r.status !== 200) throw new Error(`one-contract read: HTTP ${r.status}: ${r.text.slice(0, 300)}`);
    ms.push(Number(now() - started) / 1e6);
  }
  return ms;
};

export const measureFairness = (
  history: HistoryInfo,
  options: { reads: number; heavyClients?: number; slowConnections?: number },
  log: (line: string) => void = () => {},
): Promise<FairnessFigures> =>
  withTempDir('vpn-ledger-bench-fairness-', async (dir) => {
    const path = join(dir, 'ledger.db');
    copyFileSync(history.path, path);
    const heavyClients = options.heavyClients ?? 40;
    const slowConnections = options.slowConnections ?? 2_000;
    const tokens = join(dir, 'tokens.json');
    const staffPrincipal = parsePrincipal('staff:bench');
    if (!isPrincipal(staffPrincipal)) throw new Error(staffPrincipal.problem);
    const staff = newToken(staffPrincipal, 'bench', new Date().toISOString());
    // The heavy reads' contractor: the holder of the sample contract (its lines are billed to it).
    const holder = await (async () => {
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(path, { readonly: true });
      try {
        const row = db
          .prepare(
            "SELECT data FROM events WHERE stream_id = ? AND type = 'ApplicationAccepted' ORDER BY revision LIMIT 1",
          )
          .get(`contract-${history.sampleContract.contractId}`) as { data: string } | undefined;
        const contractorId = row
          ? (JSON.parse(row.data) as { contractorId?: string }).contractorId
          : undefined;
        if (!contractorId) throw new Error(`no holder found for ${history.sampleContract.contractId}`);
        return contractorId;
      } finally {
        db.close();
      }
    })();
    const contractorPrincipal = parsePrincipal(`contractor:${holder}`);
    if (!isPrincipal(contractorPrincipal)) throw new Error(contractorPrincipal.problem);
    const contractor = newToken(contractorPrincipal, 'bench heavy', new Date().toISOString());
    writeTokenFile(tokens, { schema: TOKENS_SCHEMA, tokens: [staff.record, contractor.record] });

    log(
      `fairness: starting the server on a copy of the ${history.events.toLocaleString('en-US')}-event history`,
    );
    const { child, url } = await startServe(['--store', `sqlite:${path}`, '--tokens', tokens]);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const one = `${url}/v1/contracts/${history.sampleContract.contractId}`;
    const heavyUrl = `${url}/v1/charges?month=2025-10&knownAt=2025-11-15T00:00:00Z`;
    try {
      await oneContractReads(agent, one, staff.token, 20); // warm
      const alone = await oneContractReads(agent, one, staff.token, options.reads);

      // The load, in a process of its own: 40 heavy reads kept in flight, and the slow swarm.
      const load = spawn(
        process.execPath,
        [
          join(__dirname, 'fairness-load.js'),
          url,
          heavyUrl,
          contractor.token,
          String(heavyClients),
          String(slowConnections),
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let loadOut = '';
      load.stdout!.setEncoding('utf8');
      load.stdout!.on('data', (c: string) => {
        loadOut += c;
      });
      const loadExited = new Promise((resolve) => load.once('exit', resolve));
      // Let the folds and the swarm take hold before measuring.
      while (!loadOut.includes('started')) await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      log(
        `fairness: ${options.reads} one-contract reads under ${heavyClients} heavy reads and ${slowConnections} slow connections`,
      );
      const loaded = await oneContractReads(agent, one, staff.token, options.reads);
      load.kill('SIGTERM');
      await loadExited;
      const seen = JSON.parse(loadOut.trim().split('\n').pop()!) as {
        answered: Record<string, number>;
        meanMs: number | null;
        opened: number;
        refused: number;
      };
      const aloneP99Ms = percentile(alone, 99);
      const loadedP99Ms = percentile(loaded, 99);
      return {
        events: history.events,
        contractId: history.sampleContract.contractId,
        reads: options.reads,
        aloneP50Ms: percentile(alone, 50),
        aloneP99Ms,
        loadedP50Ms: percentile(loaded, 50),
        loadedP99Ms,
        ratio: loadedP99Ms / aloneP99Ms,
        heavy: { clients: heavyClients, answered: seen.answered, meanMs: seen.meanMs ?? Number.NaN },
        slow: { connections: slowConnections, opened: seen.opened, refused: seen.refused },
      };
    } finally {
      agent.destroy();
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
