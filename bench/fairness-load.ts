/**
 * The load of the fairness bench (fairness.ts), in a process of its own so that the client that
 * measures does not share its event loop with it: `heavy` clients keeping a heavy read each in
 * flight, and a swarm of slow connections from another loopback address. Runs until SIGTERM, then
 * prints what it saw as one JSON line: `node fairness-load.js URL HEAVY_URL TOKEN CLIENTS CONNECTIONS`.
 */
import { Agent } from 'node:http';
import { connect, type Socket } from 'node:net';
import { get } from './fairness-http';
import { now } from './lib';

/**
 * Slow clients: `connections` sockets from `localAddress`, each sending a request's first bytes,
 * then one header byte a second, never finishing; a socket the server closes is opened again.
 */
const slowSwarm = (url: string, localAddress: string, connections: number) => {
  const { hostname, port } = new URL(url);
  const sockets = new Set<Socket>();
  let opened = 0;
  let refused = 0;
  let stopped = false;
  const open = () => {
    if (stopped) return;
    opened += 1;
    const socket = connect({ host: hostname, port: Number(port), localAddress });
    sockets.add(socket);
    let drip: NodeJS.Timeout | null = null;
    socket.on('connect', () => {
      socket.write('GET /health HTTP/1.1\r\nHost: bench\r\nX-Slow: ');
      drip = setInterval(() => socket.write('a'), 1_000);
    });
    socket.on('data', (chunk: Buffer) => {
      if (chunk.toString('latin1').startsWith('HTTP/1.1 503')) refused += 1;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (drip) clearInterval(drip);
      sockets.delete(socket);
      // Open another after a moment, as a slowloris client keeps its count up.
      if (!stopped) setTimeout(open, 1_000);
    });
  };
  for (let i = 0; i < connections; i++) open();
  return {
    counts: () => ({ opened, refused }),
    stop: () => {
      stopped = true;
      for (const s of sockets) s.destroy();
    },
  };
};

const [url, heavyUrl, token, clientsText, connectionsText] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const clients = Number(clientsText);
let stopping = false;
const answered: Record<string, number> = {};
const heavyMs: number[] = [];
const agent = new Agent({ keepAlive: true, maxSockets: clients });
const heavyClient = async () => {
  while (!stopping) {
    const started = now();
    const r = await get(agent, heavyUrl, token).catch(() => ({ status: 0, text: '' }));
    answered[r.status] = (answered[r.status] ?? 0) + 1;
    if (r.status === 200) heavyMs.push(Number(now() - started) / 1e6);
    if (r.status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
const swarm = slowSwarm(url, '127.0.0.2', Number(connectionsText));
const heavy = Array.from({ length: clients }, heavyClient);
process.stdout.write('started\n');
process.once('SIGTERM', () => {
  stopping = true;
  swarm.stop();
  void Promise.all(heavy).then(() => {
    agent.destroy();
    process.stdout.write(
      `${JSON.stringify({
        answered,
        meanMs: heavyMs.length === 0 ? null : heavyMs.reduce((x, y) => x + y, 0) / heavyMs.length,
        ...swarm.counts(),
      })}\n`,
    );
  });
});
