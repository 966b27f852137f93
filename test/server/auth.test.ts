/**
 * Authentication and the framework's edges against a real server: bearer tokens from the token
 * file (hashed at rest, revoked while the server runs), 401s, request ids, the OpenAPI document,
 * unknown routes, and the limits (body size, batch lines, a full queue, a request's time).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { COMMAND_TYPES } from '../../src/aggregates';
import { readTokenFile, writeTokenFile } from '../../src/auth/tokens';
import { call, problemOf, startTestServer, type TestServer } from './support';

describe('bearer tokens', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('are kept as SHA-256 only: the file never holds a token', () => {
    const text = readFileSync(server.tokensPath, 'utf8');
    // vlt_<hex id>_<secret>: the secret is base64url, which may itself hold '_'.
    const secret = (token: string) => token.slice(token.indexOf('_', 'vlt_'.length) + 1);
    for (const token of Object.values(server.tokens)) {
      expect(secret(token).length).toBeGreaterThan(20);
      expect(text).not.toContain(secret(token));
    }
    expect(readTokenFile(server.tokensPath).tokens.every((t) => /^[0-9a-f]{64}$/.test(t.sha256))).toBe(true);
  });

  it('answer 401 without a token, with an unknown or a revoked one', async () => {
    const none = await call(server, null, 'GET', '/v1/contracts/c-osaka');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="vpn-ledger"');
    expect(problemOf(none)).toMatchObject({
      code: 'NO_TOKEN',
      status: 401,
      title: 'Authentication is required',
    });
    // The server's own words follow the request's language too.
    const ja = await fetch(`${server.url}/v1/contracts/c-osaka?lang=ja`);
    expect(ja.status).toBe(401);
    expect(((await ja.json()) as { code: string; detail: string }).detail).toMatch(
      /ベアラートークンを送ってください/,
    );
    const forged = `vlt_${server.records.staff.id}_${'A'.repeat(43)}`;
    for (const token of [forged, 'not-a-token', server.tokens.revoked]) {
      const res = await fetch(`${server.url}/v1/contracts/c-osaka`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
    const commandWithout = await call(server, null, 'POST', '/v1/commands', {
      body: { type: 'StartBilling' },
    });
    expect(commandWithout.status).toBe(401);
  });

  it('stop working within a second of being revoked in the file, and none works while the file is broken', async () => {
    const before = await call(server, 'kobe', 'GET', '/v1/contracts/c-kobe');
    expect(before.status).toBe(200);
    const file = readTokenFile(server.tokensPath);
    writeTokenFile(server.tokensPath, {
      ...file,
      tokens: file.tokens.map((t) =>
        t.id === server.records.kobe.id ? { ...t, revokedAt: '2025-11-05T00:00:00Z' } : t,
      ),
    });
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await call(server, 'kobe', 'GET', '/v1/contracts/c-kobe')).status).toBe(401);
    expect((await call(server, 'staff', 'GET', '/v1/contracts/c-kobe')).status).toBe(200);
    const good = readFileSync(server.tokensPath, 'utf8');
    writeFileSync(server.tokensPath, '{ not json');
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await call(server, 'staff', 'GET', '/v1/contracts/c-kobe')).status).toBe(401);
    // /health says the process lives and nothing about files; /ready says it cannot serve, and why
    const health = await call(server, null, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.text).not.toContain(server.tokensPath);
    expect(health.text).not.toContain('token');
    const ready = await call(server, null, 'GET', '/ready?lang=ja');
    expect(ready.status).toBe(503);
    expect(problemOf(ready)).toMatchObject({ code: 'NOT_READY' });
    expect(ready.text).not.toContain(server.tokensPath);
    expect(ready.body.message).toBe(
      '準備ができていません: トークンファイルを読めないため、直るまでどのトークンも受け付けません（理由はサーバーのログにあります）。',
    );
    writeFileSync(server.tokensPath, good);
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await call(server, 'staff', 'GET', '/v1/contracts/c-kobe')).status).toBe(200);
    expect((await call(server, null, 'GET', '/ready')).body).toEqual({ status: 'ready' });
  });
});

describe('the edges of the framework', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ limits: { bodyBytes: 4_096, batchLines: 3 }, group: { maxQueue: 3 } });
  });
  afterAll(() => server.stop());

  it('serves /health and the OpenAPI document without a token', async () => {
    expect((await call(server, null, 'GET', '/health')).body).toMatchObject({
      status: 'ok',
      store: 'sqlite',
    });
    const doc = await call(server, null, 'GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/commands',
        '/v1/commands/batch',
        '/v1/contracts',
        '/v1/contracts/{contractId}',
        '/v1/contracts/{contractId}/timeline',
        '/v1/contracts/{contractId}/terms',
        '/v1/contracts/{contractId}/deadlines',
        '/v1/contracts/{contractId}/charges',
        '/v1/charges',
        '/v1/charge-lines/{lineId}',
        '/v1/deadlines',
        '/v1/months',
        '/v1/months/{month}',
        '/v1/months/{month}/export',
        '/v1/months/{month}/close',
        '/v1/what-if',
        '/v1/verify',
        '/ready',
      ]),
    );
    const body = doc.body.paths['/v1/commands'].post.requestBody.content['application/json'].schema;
    const variants = body.oneOf ?? body.anyOf;
    expect(
      variants
        .map(
          (v: { properties: { type: { enum?: string[]; const?: string } } }) =>
            v.properties.type.enum?.[0] ?? v.properties.type.const,
        )
        .sort(),
    ).toEqual([...COMMAND_TYPES].sort());
    expect(doc.body.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
  });

  it('names every request: the X-Request-Id the client sent, or a new one, in the problem too', async () => {
    const given = await call(server, 'staff', 'GET', '/v1/contracts/c-none', {
      headers: { 'x-request-id': 'billing-run-42' },
    });
    expect(given.headers.get('x-request-id')).toBe('billing-run-42');
    expect(given.body.requestId).toBe('billing-run-42');
    const odd = await call(server, 'staff', 'GET', '/v1/contracts/c-none', {
      headers: { 'x-request-id': 'two words' },
    });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with a problem naming the OpenAPI document', async () => {
    const a = await call(server, 'staff', 'GET', '/v1/nothing');
    expect(a.status).toBe(404);
    expect(problemOf(a)).toMatchObject({ code: 'NO_SUCH_ROUTE' });
    expect(a.body.message).toContain('/openapi.json');
  });

  it('refuses a body over the limit (413), a batch over its lines (413), and a batch the queue has no room for (503)', async () => {
    const big = await call(server, 'staff', 'POST', '/v1/commands', {
      body: { type: 'StartBilling', commandId: 'x', data: { contractId: 'x'.repeat(5_000) } },
    });
    expect(big.status).toBe(413);
    expect(problemOf(big)).toMatchObject({ code: 'BODY_TOO_LARGE' });
    const line = (i: number) =>
      JSON.stringify({
        type: 'StartBilling',
        commandId: `q-${i}`,
        data: { contractId: 'c-nagoya', billingStartOn: '2025-11-05' },
      });
    const four = await call(server, 'staff', 'POST', '/v1/commands/batch', {
      body: [1, 2, 3, 4].map(line).join('\n'),
      type: 'application/x-ndjson',
    });
    expect(four.status).toBe(413);
    expect(problemOf(four)).toMatchObject({ code: 'BATCH_TOO_LARGE' });
    // The queue holds one piece of work waiting behind one that runs: three more do not fit now.
    const writes = server.running.ctx.writes;
    let release: () => void = () => undefined;
    const running = writes.exclusive(() => new Promise<void>((resolve) => (release = resolve)));
    const waiting = writes.exclusive(async () => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes.queued).toBe(1);
    const three = await call(server, 'staff', 'POST', '/v1/commands/batch', {
      body: [1, 2, 3].map(line).join('\n'),
      type: 'application/x-ndjson',
    });
    release();
    await Promise.all([running, waiting]);
    expect(three.status).toBe(503);
    expect(three.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(problemOf(three)).toMatchObject({ code: 'QUEUE_FULL' });
  });
});

describe('a request that takes longer than its time', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ limits: { requestTimeoutMs: 0 } });
  });
  afterAll(() => server.stop());

  it('is abandoned with 503 and Retry-After (a month as known at a time folds the whole log)', async () => {
    const a = await call(server, 'staff', 'GET', '/v1/charges?month=2025-10&knownAt=2025-11-02');
    expect(a.status).toBe(503);
    expect(a.headers.get('retry-after')).toBe('1');
    expect(problemOf(a)).toMatchObject({ code: 'TIMEOUT' });
    // The server goes on answering.
    expect((await call(server, 'staff', 'GET', '/v1/contracts/c-osaka')).status).toBe(200);
  });
});
