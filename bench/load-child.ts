/**
 * The HTTP load generator in a process of its own, so that the server's CPU per command does not
 * depend on the client that drives it:
 *   node dist/bench/load-child.js <url> <token> <prefix> <count> <clients>
 * `clients` keep-alive HTTP/1.1 connections (node:http's Agent, one request in flight each) post
 * RegisterNetwork commands numbered 0..count-1. Prints one JSON line (reportFromChild) with the
 * seconds, the latencies' p50/p99 and the generator's own CPU.
 */
import { Agent, request } from 'node:http';
import { now, percentile, reportFromChild, secondsSince } from './lib';
import { registerNetworkCommand } from './pipeline-throughput';

export interface LoadRun {
  readonly commands: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** CPU of this process (user + system), microseconds per command. */
  readonly generatorCpuUs: number;
}

const post = (
  agent: Agent,
  url: string,
  token: string,
  body: string,
): Promise<{ status: number; text: string }> =>
  new Promise((resolve, reject) => {
    const req = request(
      `${url}/v1/commands`,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });

export const drive = async (
  url: string,
  token: string,
  prefix: string,
  count: number,
  clients: number,
): Promise<LoadRun> => {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  // The bodies are made before the clock starts: the generator's CPU is the HTTP exchange alone.
  const bodies = Array.from({ length: count }, (_, i) =>
    JSON.stringify({ ...registerNetworkCommand(i, prefix), actor: undefined }),
  );
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const started = now();
      const r = await post(agent, url, token, bodies[i]!);
      if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${r.text}`);
      latencies.push(Number(now() - started) / 1e6);
    }
  };
  const cpu = process.cpuUsage();
  const start = now();
  await Promise.all(Array.from({ length: clients }, worker));
  const seconds = secondsSince(start);
  const used = process.cpuUsage(cpu);
  agent.destroy();
  return {
    commands: count,
    seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    generatorCpuUs: (used.user + used.system) / count,
  };
};

if (require.main === module) {
  const [url, token, prefix, count, clients] = process.argv.slice(2);
  if (!url || !token || prefix === undefined || !count || !clients)
    throw new Error('usage: load-child.js <url> <token> <prefix> <count> <clients>');
  drive(url, token, prefix, Number(count), Number(clients)).then(reportFromChild, (error) => {
    console.error(error);
    process.exit(1);
  });
}
