/**
 * No principal's requests stall the others' (issue 26), against a real server on 127.0.0.1: a
 * contractor's forty heavy reads (a month as known at a time folds the whole log) do not queue a
 * staff one-contract read behind them, and a swarm of half-open connections from one address does
 * not keep another address's requests from their answers. Bounded in time (the bench measures).
 */
import { connect, type Socket } from 'node:net';
import { call, problemOf, startTestServer, type TestServer } from './support';

describe('forty heavy reads of one contractor', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  /** Holds the turn of the reads that fold the whole log, as a long fold would, until released. */
  const holdTheFold = () => server.running.ctx.reads.folds.acquire('a long fold', Date.now() + 60_000);
  const heavyRead = (s: TestServer = server) =>
    call(s, 'acme', 'GET', '/v1/charges?month=2025-10&knownAt=2025-11-02T00:00:00Z');
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it("do not stand between staff's one-contract read and its answer", async () => {
    // Given a long fold of the whole log in progress, and forty more asked by one contractor
    const release = await holdTheFold();
    let heavyDone = 0;
    const heavy = Array.from({ length: 40 }, () =>
      heavyRead().then((a) => {
        heavyDone += 1;
        return a;
      }),
    );
    const { turns, folds } = server.running.ctx.reads;
    await until(() => turns.counts.running + turns.counts.waiting === 40 && folds.counts.waiting === 2);
    // When staff asks for one contract
    const staff = await call(server, 'staff', 'GET', '/v1/contracts/c-osaka');
    // Then staff is answered while every heavy read still waits (reads ran one at a time: staff's
    // came 41st); two of the contractor's hold a turn, thirty-eight wait behind them
    expect(staff.status).toBe(200);
    expect(heavyDone).toBe(0);
    expect(turns.counts).toEqual({ running: 2, waiting: 38 });
    // And once the fold ends, every heavy read is answered
    release();
    const answers = await Promise.all(heavy);
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
  });

  it("one more than the principal's waiting reads is refused 429 with Retry-After, others unaffected", async () => {
    const small = await startTestServer({ limits: { readsPerPrincipal: 1, readsQueuedPerPrincipal: 2 } });
    const release = await small.running.ctx.reads.folds.acquire('a long fold', Date.now() + 60_000);
    try {
      // Given one heavy read running (waiting for the fold) and two waiting
      const first = [heavyRead(small), heavyRead(small), heavyRead(small)];
      const { turns } = small.running.ctx.reads;
      await until(() => turns.counts.running === 1 && turns.counts.waiting === 2);
      // When a fourth is asked, it is refused at once; staff is answered
      const refused = await heavyRead(small);
      expect(refused.status).toBe(429);
      expect(problemOf(refused)).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429 });
      expect(refused.body.message).toBe('2 of your requests are waiting already; retry in 2 s.');
      expect(refused.headers.get('retry-after')).toBe('2');
      expect((await call(small, 'staff', 'GET', '/v1/contracts/c-osaka')).status).toBe(200);
      release();
      expect((await Promise.all(first)).map((a) => a.status)).toEqual([200, 200, 200]);
    } finally {
      release();
      await small.stop();
    }
  });
});

/** Opens `n` connections from `localAddress` that send half a request and stay open; resolves with the sockets and what each heard. */
const swarm = async (url: string, localAddress: string, n: number) => {
  const { hostname, port } = new URL(url);
  const heard: string[] = Array(n).fill('');
  const sockets: Socket[] = [];
  await Promise.all(
    Array.from(
      { length: n },
      (_, i) =>
        new Promise<void>((resolve) => {
          const socket = connect({ host: hostname, port: Number(port), localAddress });
          sockets.push(socket);
          socket.on('data', (c: Buffer) => {
            heard[i] += c.toString('utf8');
          });
          socket.on('error', () => resolve());
          socket.on('connect', () => {
            socket.write('GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ');
            resolve();
          });
        }),
    ),
  );
  return { sockets, heard };
};

describe('a swarm of half-open connections (slowloris)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      limits: { connectionsPerAddress: 50, maxConnections: 1_000, headersTimeoutMs: 1_000 },
    });
  });
  afterAll(() => server.stop());

  it("is refused beyond the address's limit, closed once its headers are late, and never keeps others waiting", async () => {
    // Given 300 connections from 127.0.0.2 that send half their headers and wait
    const { sockets, heard } = await swarm(server.url, '127.0.0.2', 300);
    try {
      // When a client at 127.0.0.1 asks meanwhile, Then it is answered
      const started = Date.now();
      const a = await call(server, 'staff', 'GET', '/v1/contracts/c-osaka');
      expect(a.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(5_000);
      // And every slow connection is answered with a problem and closed: those beyond the 50 the
      // address may hold are refused 503 as the server takes them, the ones it holds get 408 once
      // their headers are a second late (and the next ones taken in their place are held in turn)
      const code = (h: string) => /"code":"([A-Z_]+)"/.exec(h)?.[1] ?? null;
      const until = Date.now() + 30_000;
      while (heard.some((h) => code(h) === null) && Date.now() < until)
        await new Promise((resolve) => setTimeout(resolve, 20));
      const codes = new Map<string, number>();
      for (const h of heard) codes.set(String(code(h)), (codes.get(String(code(h))) ?? 0) + 1);
      expect([...codes.keys()].sort()).toEqual(['REQUEST_TIMEOUT', 'TOO_MANY_CONNECTIONS']);
      expect(codes.get('TOO_MANY_CONNECTIONS')).toBeGreaterThanOrEqual(100);
      expect(codes.get('REQUEST_TIMEOUT')).toBeGreaterThanOrEqual(50);
      const refused = heard.find((h) => code(h) === 'TOO_MANY_CONNECTIONS')!;
      expect(refused).toMatch(/^HTTP\/1\.1 503 /);
      expect(refused).toContain('application/problem+json');
      expect(heard.find((h) => code(h) === 'REQUEST_TIMEOUT')).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      for (const s of sockets) s.destroy();
    }
  });
});
