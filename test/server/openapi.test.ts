/**
 * The OpenAPI document a client is generated from: every answer declared by its schema and content
 * type, every error as problem details; then a typed client generated from the server's own
 * /openapi.json with openapi-typescript, against which calls of the months, export, feed and charges
 * endpoints, and the server's real answers to them, type-check (and wrong ones do not).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { generateSealKeys, privateKeyFrom } from '../../src/ledger/seal';
import { call, ROOT, startTestServer, type TestServer } from './support';

const keys = generateSealKeys();
let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startTestServer({ sealKey: privateKeyFrom(keys.privatePem, 'the test key') });
  dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-client-'));
  expect((await call(server, 'staff', 'POST', '/v1/months/2025-03/close')).status).toBe(200);
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is JSON the test walks
type Json = any;

const openapi = async (): Promise<Json> => {
  const doc = await call(server, null, 'GET', '/openapi.json');
  expect(doc.status).toBe(200);
  return doc.body;
};

describe('GET /openapi.json', () => {
  it('declares every answer by its schema and content type, and every error as problem details', async () => {
    const doc = await openapi();
    const operations = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(
      ([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThan(15);
    for (const { name, op } of operations) {
      for (const [status, answer] of Object.entries(op.responses as Record<string, Json>)) {
        const where = `${name} ${status}`;
        if (status === '304') {
          expect([where, answer.content]).toEqual([where, undefined]);
          continue;
        }
        const types = Object.keys(answer.content ?? {});
        expect([where, types.length > 0]).toEqual([where, true]);
        if (Number(status) >= 400) {
          expect([where, answer.content]).toEqual([
            where,
            { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          ]);
        }
      }
      expect([name, Object.keys(op.responses)]).toEqual([name, expect.arrayContaining(['500', '503'])]);
    }
    // A document is declared field by field: no other field allowed.
    const months = doc.paths['/v1/months'].get.responses['200'].content['application/json'].schema;
    expect(months).toEqual({ $ref: '#/components/schemas/MonthsDocument' });
    const component = doc.components.schemas.MonthsDocument;
    expect(component.additionalProperties).toBe(false);
    expect(component.required).toEqual(expect.arrayContaining(['schema', 'generatedFrom', 'months']));
    // CSV and the feed's media types are declared.
    expect(Object.keys(doc.paths['/v1/months/{month}'].get.responses['200'].content)).toEqual([
      'application/json',
      'text/csv',
    ]);
    expect(Object.keys(doc.paths['/v1/feed'].get.responses['200'].content)).toEqual([
      'application/x-ndjson',
      'text/event-stream',
    ]);
    // Every component referred to is there.
    const refs = [...JSON.stringify(doc).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of refs) expect([ref, doc.components.schemas[ref] !== undefined]).toEqual([ref, true]);
  });

  it('answers errors with the content type it declares', async () => {
    const a = await call(server, 'staff', 'GET', '/v1/months/2025-13');
    expect(a.status).toBe(400);
    expect(a.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const csv = await call(server, 'staff', 'GET', '/v1/months/2025-03?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
  });
});

/** Type-checks `files` (in `dir`) as a strict program; the messages of its errors. */
const typeCheck = (files: Record<string, string>): string[] => {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const program = ts.createProgram(
    Object.keys(files).map((f) => join(dir, f)),
    {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts'],
      types: [],
    },
  );
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
};

/** A typed GET of the generated client: its path and query parameters, and its answer. */
const CLIENT = `import type { paths } from './api';

type Get<P extends keyof paths> = paths[P] extends { get: infer O } ? O : never;
type PathOf<P extends keyof paths> = Get<P> extends { parameters: { path?: infer X } } ? X : never;
type QueryOf<P extends keyof paths> = Get<P> extends { parameters: { query?: infer X } } ? X : never;
type Ok<P extends keyof paths, M extends string> = Get<P> extends { responses: { 200: { content: infer C } } }
  ? M extends keyof C ? C[M] : never
  : never;

export declare function get<P extends keyof paths>(
  path: P,
  params: { path?: PathOf<P>; query?: QueryOf<P> },
): Promise<Ok<P, 'application/json'>>;
export declare function lines<P extends keyof paths>(
  path: P,
  params: { query?: QueryOf<P> },
): AsyncIterable<Ok<P, 'application/x-ndjson'>>;
export declare function text<P extends keyof paths>(
  path: P,
  params: { path?: PathOf<P>; query?: QueryOf<P> },
): Promise<Ok<P, 'text/csv'>>;
`;

/** Calls of the months, export, feed and charges endpoints, as a billing system would write them. */
const CALLS = `import type { components } from './api';
import { get, lines, text } from './client';

type Problem = components['schemas']['Problem'];

export async function handOff(): Promise<number> {
  const months = await get('/v1/months', { query: { limit: 12 } });
  let total = 0;
  for (const m of months.months) {
    if (m.status !== 'closed' || m.close === null) continue;
    const closeId: string = m.close.id;
    const digest: string = m.close.sealDigest;
    const exported = await get('/v1/months/{month}/export', { path: { month: m.month }, query: { lang: 'ja' } });
    for (const invoice of exported.documents) total += invoice.totals.amount;
    const billed = await get('/v1/months/{month}', { path: { month: m.month } });
    for (const line of billed.lines) {
      const amount: number = line.amount;
      const article: string = line.article;
      total += amount * 0 + article.length * 0;
    }
    const csv: string = await text('/v1/months/{month}', { path: { month: m.month }, query: { format: 'csv' } });
    const charges = await get('/v1/charges', { query: { month: m.month } });
    total += charges.total * 0 + csv.length * 0 + closeId.length * 0 + digest.length * 0;
  }
  for await (const item of lines('/v1/feed', { query: { after: '0', limit: 100 } })) {
    const position: string = item.position;
    if (item.type === 'MonthClosed' && item.close !== null) total += item.close.total * 0 + position.length * 0;
  }
  const p: Problem | null = null;
  return total + (p === null ? 0 : 1);
}
`;

/** What must not type-check: each line is an error the generated types catch. */
const WRONG = `import { get, lines } from './client';

export async function wrong(): Promise<void> {
  // @ts-expect-error: the months list takes no such parameter
  await get('/v1/months', { query: { colour: 'red' } });
  // @ts-expect-error: no such endpoint
  await get('/v1/invoices', {});
  const months = await get('/v1/months', {});
  // @ts-expect-error: a month has no such field
  months.months[0]?.invoiceTotal;
  const charges = await get('/v1/charges', { query: { month: '2025-03' } });
  // @ts-expect-error: an amount is a number of yen, not a string
  const amount: string = charges.total;
  for await (const item of lines('/v1/feed', {})) {
    // @ts-expect-error: a feed item's position is a string (a cursor), not a number
    const n: number = item.position;
  }
}
`;

describe('a typed client generated from /openapi.json (openapi-typescript)', () => {
  it('type-checks calls of the months, export, feed and charges endpoints, and the real answers', async () => {
    // The generator as a client's build runs it (its command line), on the server's document.
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(await openapi()));
    const cli = join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    await promisify(execFile)(process.execPath, [cli, join(dir, 'openapi.json'), '-o', join(dir, 'api.ts')]);
    const api = readFileSync(join(dir, 'api.ts'), 'utf8');
    expect(api).toContain('MonthsDocument');

    // The server's real answers, as the generated types say they are.
    const answer = async (path: string) => {
      const a = await call(server, 'acme', 'GET', path);
      expect([path, a.status]).toEqual([path, 200]);
      return a.body;
    };
    const feed = await fetch(`${server.url}/v1/feed?limit=1000`, {
      headers: { authorization: `Bearer ${server.tokens.staff}` },
    });
    const items = (await feed.text()).trim().split('\n');
    const answers = {
      months: ['/v1/months', await answer('/v1/months')],
      exported: ['/v1/months/{month}/export', await answer('/v1/months/2025-03/export')],
      closed: ['/v1/months/{month}', await answer('/v1/months/2025-03')],
      open: ['/v1/months/{month}', await answer('/v1/months/2025-10?lang=ja')],
      charges: ['/v1/charges', await answer('/v1/charges?month=2025-10')],
      contract: [
        '/v1/contracts/{contractId}/charges',
        await answer('/v1/contracts/c-nagoya/charges?month=2025-10'),
      ],
    } as const;
    const real = [
      "import type { paths } from './api';",
      "type Ok<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer T } } } } } ? T : never;",
      ...Object.entries(answers).map(
        ([name, [path, body]]) => `export const ${name}: Ok<'${path}'> = ${JSON.stringify(body)};`,
      ),
      "type Item = paths['/v1/feed']['get']['responses'][200]['content']['application/x-ndjson'];",
      `export const feed: Item[] = [${items.join(',\n')}];`,
      // The check itself can fail: an answer with a field the document does not declare does not type-check.
      '// @ts-expect-error: no field `extra` is declared',
      `export const extra: Ok<'/v1/months'> = ${JSON.stringify({ ...answers.months[1], extra: 1 })};`,
    ].join('\n');
    expect(items.length).toBeGreaterThan(50);

    expect(
      typeCheck({
        'api.ts': api,
        'client.ts': CLIENT,
        'calls.ts': CALLS,
        'real.ts': real,
        'wrong.ts': WRONG,
      }),
    ).toEqual([]);
  });
});
