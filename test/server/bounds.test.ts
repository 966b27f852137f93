/**
 * Every request is bounded (issue 26), against a real server on 127.0.0.1: a batch's bytes and
 * lines are counted as they arrive, one command's problems are listed up to a cap, a batch the
 * queue can never hold is 413 with the limit, and every error, the framework's and Node's parser's
 * included, is problem+json in the request's language.
 */
import { connect } from 'node:net';
import { call, problemOf, startTestServer, type TestServer } from './support';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/** Sends `raw` bytes on a fresh connection and resolves with everything the server answered. */
const rawRequest = (url: string, raw: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.write(raw);
  });

const parseRaw = (raw: string) => {
  const at = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, at);
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]),
    type: /\r\ncontent-type: ([^\r\n]+)/i.exec(head)?.[1],
    language: /\r\ncontent-language: ([^\r\n]+)/i.exec(head)?.[1],
    body: JSON.parse(raw.slice(at + 4)),
  };
};

describe('a batch of 8 MB of blank lines from a contractor', () => {
  it('is refused 413 once its lines pass the limit, and /health is answered meanwhile', async () => {
    // Given 8 MB of blank lines (before: split one by one while every request waited, 56 s)
    const blank = '\n'.repeat(8 * 1024 * 1024 - 1);
    // When they are sent to the batch route, and /health is asked at the same time
    const sent = call(server, 'acme', 'POST', '/v1/commands/batch', {
      body: blank,
      type: 'application/x-ndjson',
    }).catch((error: Error) => error);
    const started = Date.now();
    const health = await call(server, null, 'GET', '/health');
    const healthMs = Date.now() - started;
    // Then the batch is refused by its count of lines, naming the limits
    const answer = await sent;
    if (!(answer instanceof Error)) {
      expect(answer.status).toBe(413);
      expect(problemOf(answer)).toMatchObject({ code: 'BATCH_TOO_LARGE' });
      expect(answer.body.message).toBe(
        'The batch has more than 16384 lines (blank and comment lines included); at most 4096 command lines are taken at once: split it.',
      );
    }
    // (the server may close the connection before the client has sent it all: that is a refusal too)
    expect(health.status).toBe(200);
    // A bound in time for a load test: it was 56 s; answered at once, it takes milliseconds.
    expect(healthMs).toBeLessThan(5_000);
  });
});

describe('one command of 4 MB: 2 million bad item ids (staff)', () => {
  it('is one problem naming the bound, answered in a few hundred bytes', async () => {
    // Given a ReturnEquipment whose itemIds are 2 million numbers
    const body = `{"type":"ReturnEquipment","commandId":"ret-big","data":{"contractId":"c-nagoya","returnedOn":"2025-11-01","itemIds":[${Array.from({ length: 2_000_000 }, () => '1').join(',')}]}}`;
    expect(body.length).toBeGreaterThan(4_000_000);
    // When staff sends it
    const answer = await call(server, 'staff', 'POST', '/v1/commands', { body });
    // Then one problem names the bound (before: a 464 MB problem+json)
    expect(answer.status).toBe(400);
    expect(problemOf(answer)).toMatchObject({
      code: 'INVALID_COMMAND',
      problems: [{ path: 'data.itemIds', message: 'at most 1,000 items (2,000,000 given)' }],
    });
    expect(answer.text.length).toBeLessThan(2_000);
  });
});

describe('a batch the queue can never hold', () => {
  it('4,097 command lines (batches of 5,000, a queue of 4,096) are 413 with the limit, not 503 "retry" forever', async () => {
    // Given a batch of 4,097 commands (the queue holds 4,096)
    const lines = Array.from({ length: 4_097 }, (_, i) =>
      JSON.stringify({ type: 'StartBilling', commandId: `b-${i}`, data: { contractId: 'c-nagoya' } }),
    );
    const before = server.running.ctx.writes.stats.commands;
    // When it is sent
    const answer = await call(server, 'staff', 'POST', '/v1/commands/batch', {
      body: lines.join('\n'),
      type: 'application/x-ndjson',
    });
    // Then it is too large, with the limit, and nothing was written
    expect(answer.status).toBe(413);
    expect(problemOf(answer)).toMatchObject({ code: 'BATCH_TOO_LARGE' });
    expect(answer.body.message).toBe(
      'The batch has 4097 command lines; at most 4096 are taken at once (the command queue never holds more): split it.',
    );
    expect(answer.headers.get('retry-after')).toBeNull();
    const ja = await call(server, 'staff', 'POST', '/v1/commands/batch?lang=ja', {
      body: lines.join('\n'),
      type: 'application/x-ndjson',
    });
    expect(ja.body.message).toContain('一度に受け付けるのは4096行まで');
    expect(server.running.ctx.writes.stats.commands).toBe(before);
  });
});

describe("the framework's own errors are problem+json", () => {
  it('a path whose percent-encoding is not text: 400 BAD_URL', async () => {
    const answer = await call(server, 'staff', 'GET', '/v1/contracts/%ff%fe');
    expect(answer.status).toBe(400);
    expect(problemOf(answer)).toMatchObject({
      status: 400,
      code: 'BAD_URL',
      message: 'The address /v1/contracts/%ff%fe is not valid: its percent-encoded characters are not text.',
    });
    const ja = await call(server, 'staff', 'GET', '/v1/contracts/%ff%fe', {
      headers: { 'accept-language': 'ja' },
    });
    expect(ja.headers.get('content-language')).toBe('ja');
    expect(problemOf(ja)).toMatchObject({ code: 'BAD_URL', title: 'リクエストに誤りがあります' });
  });

  it('a 20 KB header: 431 as problem+json, in the language the request asked for', async () => {
    const raw = await rawRequest(
      server.url,
      `GET /health HTTP/1.1\r\nHost: x\r\nAccept-Language: ja\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`,
    );
    const answer = parseRaw(raw);
    expect(answer.status).toBe(431);
    expect(answer.type).toBe('application/problem+json');
    expect(answer.language).toBe('ja');
    expect(answer.body).toMatchObject({
      status: 431,
      code: 'HEADERS_TOO_LARGE',
      title: 'リクエストのヘッダーが大きすぎます',
      message: '要求のヘッダーが16384バイトを超えています。',
    });
  });

  it('a request line the parser cannot read: 400 problem+json', async () => {
    const answer = parseRaw(await rawRequest(server.url, 'GARBAGE\r\n\r\n'));
    expect(answer.status).toBe(400);
    expect(answer.type).toBe('application/problem+json');
    expect(answer.body).toMatchObject({ code: 'BAD_REQUEST', title: 'The request is not valid' });
  });

  it('invalid JSON, an empty body and a media type no route reads', async () => {
    const invalid = await call(server, 'staff', 'POST', '/v1/commands?lang=ja', { body: '{"type":' });
    expect(invalid.status).toBe(400);
    expect(problemOf(invalid)).toMatchObject({ code: 'INVALID_JSON' });
    expect(invalid.body.message).toMatch(/^JSONとして読めません: /);
    const empty = await call(server, 'staff', 'POST', '/v1/commands', {
      body: '',
      type: 'application/json',
    });
    expect(empty.status).toBe(400);
    expect(problemOf(empty)).toMatchObject({ code: expect.stringMatching(/^(EMPTY_BODY|INVALID_JSON)$/) });
    const xml = await call(server, 'staff', 'POST', '/v1/commands', { body: '<a/>', type: 'text/xml' });
    expect(xml.status).toBe(415);
    expect(problemOf(xml)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});
