/**
 * POST /v1/what-if against a real server: what commands would do, as `vpn-ledger what-if --format
 * json` answers, and nothing written (the log's head does not move). Staff only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/store';
import { call, problemOf, ROOT, startTestServer, type TestServer } from './support';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const jsonl = readFileSync(join(ROOT, 'examples', 'what-if-fukuoka-termination.jsonl'), 'utf8');
const commands = jsonl
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => JSON.parse(l) as Record<string, unknown>);

const head = async (): Promise<string | null> => {
  const store = new SqliteEventStore({ path: server.path, access: 'read' });
  try {
    return (await store.headPosition())?.commit.toString() ?? null;
  } finally {
    await store.close();
  }
};

const whatIf = (body: string | unknown, type: string, query = '') =>
  call(server, 'staff', 'POST', `/v1/what-if${query}`, { body, type });

describe('POST /v1/what-if', () => {
  it('answers JSON Lines as what-if --format json does, and writes nothing', async () => {
    const before = await head();
    const a = await whatIf(jsonl, 'application/x-ndjson', '?asOf=2025-11-04');
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      schema: 'vpn-ledger.what-if/v1',
      asOf: '2025-11-04',
      summary: { lines: 1, accepted: 1, rejected: 0, stoppedAt: null },
      contracts: ['c-fukuoka'],
      lines: [{ line: 3, status: 'accepted', commandId: 'what-if-fukuoka-notice' }],
    });
    expect(a.body.summary.eventsWouldBeWritten).toBeGreaterThan(0);
    expect(a.body.events[0]).toMatchObject({
      streamId: 'contract-c-fukuoka',
      type: 'TerminationNoticeReceived',
    });
    expect(a.body.charges.months.length).toBeGreaterThan(0);
    expect(await head()).toBe(before);
    // Not recorded: the same command id is new to the ledger, and the contract's timeline has no notice.
    const timeline = await call(server, 'staff', 'GET', '/v1/contracts/c-fukuoka/timeline');
    expect(timeline.body.steps.map((s: { type: string }) => s.type)).not.toContain(
      'TerminationNoticeReceived',
    );
  });

  it('takes a JSON array (or one command) as application/json, with the same answer', async () => {
    const lines = await whatIf(jsonl, 'application/x-ndjson', '?asOf=2025-11-04');
    const array = await whatIf(commands, 'application/json', '?asOf=2025-11-04');
    const one = await whatIf(commands[0], 'application/json', '?asOf=2025-11-04');
    // Lines are numbered as sent: the JSON Lines file has two comment lines first.
    const withoutNumbers = (b: { lines: { line: number }[] }) => b.lines.map(({ line: _l, ...r }) => r);
    expect(array.body.charges).toEqual(lines.body.charges);
    expect(array.body.events.map((e: { type: string }) => e.type)).toEqual(
      lines.body.events.map((e: { type: string }) => e.type),
    );
    expect(withoutNumbers(array.body)).toEqual(withoutNumbers(lines.body));
    expect(one.body.summary).toEqual(array.body.summary);
  });

  it('reports a rejected command with its code, in the language asked for', async () => {
    const bad = {
      ...commands[0],
      commandId: 'what-if-bad',
      data: { ...(commands[0]!.data as object), contractId: 'c-none' },
    };
    const en = await whatIf([bad], 'application/json');
    const ja = await whatIf([bad], 'application/json', '?lang=ja');
    expect(en.body.lines[0]).toMatchObject({ status: 'rejected', code: 'CONTRACT_NOT_FOUND' });
    expect(ja.body.lines[0].code).toBe('CONTRACT_NOT_FOUND');
    expect(en.body.lines[0].message).toBe('Contract c-none has no accepted application.');
    expect(ja.body.lines[0].message).toMatch(/契約 c-none/);
    const good = await whatIf(commands, 'application/json', '?asOf=2025-11-04&lang=ja');
    const line = good.body.charges.months[0].added[0] ?? good.body.charges.months[0].changed[0].after;
    expect(line.formula).toMatch(/円/);
  });

  it('is for staff (403), and needs a body (400)', async () => {
    const contractor = await call(server, 'kyushu', 'POST', '/v1/what-if', {
      body: jsonl,
      type: 'application/x-ndjson',
    });
    expect(contractor.status).toBe(403);
    expect(problemOf(contractor).code).toBe('NOT_PERMITTED');
    const empty = await call(server, 'staff', 'POST', '/v1/what-if');
    expect(empty.status).toBe(400);
  });
});
