/**
 * POST /v1/commands and /v1/commands/batch against a real server: results as `apply` gives them,
 * idempotency by command id, the actor as the authenticated principal, what a contractor may send
 * (Art. 9, 8(3), 10, 16(1), 17(4), 18, 21) and on which contracts, every refusal as problem details.
 */

import { applyLines } from '../../src/cli/commands/apply';
import { outcomeJson } from '../../src/documents/outcomes';
import { steppingClock } from '../../src/ledger/clock';
import { Ledger } from '../../src/ledger/ledger';
import { renderer } from '../../src/render';
import { SqliteEventStore } from '../../src/store';
import { sqliteLedger } from '../support/ledger';
import { call, problemOf, startTestServer, type TestServer, writeDemoLedger } from './support';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const post = (who: Parameters<typeof call>[1], body: unknown) =>
  call(server, who, 'POST', '/v1/commands', { body });

const notice = (commandId: string, contractId: string, over: Record<string, unknown> = {}) => ({
  type: 'ReceiveEnvironmentNotice',
  commandId,
  data: {
    contractId,
    noticeId: commandId,
    kind: 'change',
    receivedOn: '2025-11-05',
    description: 'New ISP line at the site',
    ...over,
  },
});

const instruction = (commandId: string, contractId: string, data: Record<string, unknown> = {}) => ({
  type: 'InstructConfigurationChange',
  commandId,
  data: {
    contractId,
    jobId: commandId,
    instructedAt: '2025-11-05T10:00:00+09:00',
    description: 'Add a static route',
    ...data,
  },
});

describe('a command from staff', () => {
  it('is accepted with its events, written as the principal, and answered as a repeat the second time', async () => {
    const body = {
      type: 'RecordOneTimeCost',
      commandId: 'srv-cost-1',
      data: {
        contractId: 'c-nagoya',
        costId: 'cost-1',
        cost: 'travel',
        amount: 12000,
        incurredOn: '2025-11-04',
        description: 'Engineer travel',
      },
    };
    const first = await post('staff', body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'accepted',
      commandId: 'srv-cost-1',
      type: 'RecordOneTimeCost',
      repeated: false,
      eventsWritten: 1,
      events: [{ streamId: 'contract-c-nagoya', type: 'OneTimeCostRecorded' }],
    });
    const again = await post('staff', { ...body, actor: 'staff:sato' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ repeated: true, eventsWritten: 0, events: first.body.events });
    const store = new SqliteEventStore({ path: server.path, access: 'read' });
    const read = await store.readStream('contract-c-nagoya');
    await store.close();
    const last = read.status === 'found' ? read.events[read.events.length - 1]! : null;
    expect(last?.metadata).toMatchObject({ actor: 'staff:sato', commandId: 'srv-cost-1' });
  });

  it('refuses the same id with another payload (409), a rule of the terms (422), an unknown contract (404)', async () => {
    const body = notice('srv-notice-1', 'c-nagoya');
    expect((await post('staff', body)).status).toBe(200);
    const reused = await post('staff', { ...body, data: { ...body.data, description: 'other' } });
    expect(reused.status).toBe(409);
    expect(problemOf(reused)).toMatchObject({
      code: 'COMMAND_ID_REUSED',
      status: 409,
      commandId: 'srv-notice-1',
    });
    const rule = await post('staff', {
      type: 'StartBilling',
      commandId: 'srv-billing-again',
      data: { contractId: 'c-nagoya', billingStartOn: '2025-11-05' },
    });
    expect(rule.status).toBe(422);
    expect(problemOf(rule)).toMatchObject({
      type: 'urn:vpn-ledger:problem:BILLING_ALREADY_STARTED',
      title: 'The ledger refused the command',
      code: 'BILLING_ALREADY_STARTED',
      article: expect.stringMatching(/^Art\. /),
      detail: expect.any(String),
    });
    const unknown = await post('staff', notice('srv-unknown', 'c-nowhere'));
    expect(unknown.status).toBe(404);
    expect(problemOf(unknown)).toMatchObject({
      code: 'CONTRACT_NOT_FOUND',
      article: 'Art. 6',
      message: 'Contract c-nowhere has no accepted application.',
      field: 'contractId',
    });
  });

  it('answers an invalid command with every field problem, as apply does (400)', async () => {
    const bad = {
      type: 'StartBilling',
      commandId: 'srv-bad',
      data: { contractId: 'c-nagoya', billingStartOn: '2025-02-30', discount: 1 },
    };
    const answer = await post('staff', bad);
    expect(answer.status).toBe(400);
    const direct = await new Ledger({
      store: new SqliteEventStore({ path: ':memory:' }),
      clock: steppingClock('2025-11-05T00:00:00Z'),
    }).execute({ ...bad, actor: 'staff:sato' });
    if (direct.status !== 'rejected') throw new Error('expected a rejection');
    expect(problemOf(answer)).toMatchObject({
      code: 'INVALID_COMMAND',
      message: renderer('en').resultMessage(direct),
      problems: direct.problems,
    });
    expect(answer.body.problems.map((p: { path: string }) => p.path)).toEqual([
      'data.billingStartOn',
      'data',
    ]);
  });

  it('refuses bodies that are not one JSON command: broken JSON, a duplicate key, another media type', async () => {
    const broken = await call(server, 'staff', 'POST', '/v1/commands', { body: '{"type": ' });
    expect(broken.status).toBe(400);
    expect(problemOf(broken)).toMatchObject({ code: 'INVALID_JSON' });
    const dup = await call(server, 'staff', 'POST', '/v1/commands', {
      body: '{"type":"StartBilling","commandId":"d","commandId":"e","data":{}}',
    });
    expect(dup.status).toBe(400);
    expect(dup.body.message).toContain('Duplicate key "commandId"');
    const text = await call(server, 'staff', 'POST', '/v1/commands', { body: 'hello', type: 'text/plain' });
    expect(text.status).toBe(415);
    expect(problemOf(text)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const lines = await call(server, 'staff', 'POST', '/v1/commands', {
      body: JSON.stringify(notice('srv-x', 'c-nagoya')),
      type: 'application/x-ndjson',
    });
    expect(lines.status).toBe(415);
  });

  it('refuses an actor that is not the principal (403), whoever it names', async () => {
    const answer = await post('staff', { ...notice('srv-actor', 'c-nagoya'), actor: 'staff:tanaka' });
    expect(answer.status).toBe(403);
    expect(problemOf(answer)).toMatchObject({ code: 'ACTOR_MISMATCH', field: 'actor' });
    expect(answer.body.message).toContain('staff:sato');
  });
});

describe('a command from a contractor', () => {
  it('is accepted on its own contract, dated the day it is received, with the contractor as actor', async () => {
    const answer = await post('acme', notice('srv-acme-notice', 'c-nagoya'));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'accepted',
      events: [{ type: 'EnvironmentSettingsNotified' }],
    });
  });

  it('is refused when the act is dated another day than the server received it (422, the article)', async () => {
    const answer = await post('acme', notice('srv-acme-backdated', 'c-nagoya', { receivedOn: '2025-10-01' }));
    expect(answer.status).toBe(422);
    expect(problemOf(answer)).toMatchObject({
      code: 'NOT_DATED_TODAY',
      article: 'Art. 8(3)',
      field: 'data.receivedOn',
    });
    expect(answer.body.message).toContain('must be 2025-11-05');
  });

  it('is answered as a repeat on a later day, not refused for its date', async () => {
    const body = notice('srv-acme-repeat', 'c-sapporo');
    expect((await post('acme', body)).status).toBe(200);
    server.clock.set('2025-11-06T03:00:00.000Z');
    try {
      const again = await post('acme', body);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ repeated: true });
    } finally {
      server.clock.set('2025-11-05T03:00:00.000Z');
    }
  });

  it('may not send what the provider records (403 with the article)', async () => {
    for (const [body, article] of [
      [
        {
          type: 'StartBilling',
          commandId: 'srv-c1',
          data: { contractId: 'c-nagoya', billingStartOn: '2025-11-05' },
        },
        'Art. 5(1); Art. 19',
      ],
      [
        {
          type: 'ReportFault',
          commandId: 'srv-c2',
          data: {
            contractId: 'c-nagoya',
            faultId: 'f',
            itemId: 'x',
            reportedAt: '2025-11-05T10:00:00+09:00',
            description: 'down',
          },
        },
        'Art. 15(1)',
      ],
      [{ type: 'AcceptApplication', commandId: 'srv-c3', data: {} }, 'Art. 19; Annex 1 §1'],
      [{ type: 'RecordOutageKnown', commandId: 'srv-c4', data: {} }, 'Art. 21'],
    ] as const) {
      const answer = await post('acme', body);
      expect(answer.status).toBe(403);
      expect(problemOf(answer)).toMatchObject({ code: 'NOT_PERMITTED', article, field: 'type' });
    }
  });

  it("gets another contractor's contract answered exactly as a contract that does not exist (404)", async () => {
    const other = await post('acme', notice('srv-acme-on-kobe', 'c-kobe'));
    const none = await post('acme', notice('srv-acme-on-none', 'c-none'));
    expect(other.status).toBe(404);
    expect(none.status).toBe(404);
    const strip = (a: typeof other) => {
      const { commandId: _c, message, detail, ...rest } = problemOf(a) as Record<string, string>;
      return { ...rest, message: message!.replace(/c-\w+/, 'ID'), detail: detail!.replace(/c-\w+/, 'ID') };
    };
    expect(strip(other)).toEqual(strip(none));
  });

  describe('configuration instructions (Art. 10)', () => {
    it('are given by the parent holder on any contract of its VPN, in its own name', async () => {
      const answer = await post('acme', instruction('srv-job-1', 'c-fukuoka'));
      expect(answer.status).toBe(200);
      const store = new SqliteEventStore({ path: server.path, access: 'read' });
      const read = await store.readStream('contract-c-fukuoka');
      await store.close();
      const last = read.status === 'found' ? read.events[read.events.length - 1]! : null;
      expect(last?.data).toMatchObject({ jobId: 'srv-job-1', instructedBy: 'acme' });
    });

    it("are refused by the decider's rule when the principal is not the parent holder (422, Art. 10(2))", async () => {
      const answer = await post('kyushu', instruction('srv-job-2', 'c-fukuoka'));
      expect(answer.status).toBe(422);
      expect(problemOf(answer)).toMatchObject({
        code: 'NOT_PARENT_HOLDER',
        article: 'Art. 10(2)',
        field: 'instructedBy',
      });
    });

    it('may not be given in the name of another contractor (403)', async () => {
      const answer = await post('kyushu', instruction('srv-job-3', 'c-fukuoka', { instructedBy: 'acme' }));
      expect(answer.status).toBe(403);
      expect(problemOf(answer)).toMatchObject({
        code: 'ACTOR_MISMATCH',
        article: 'Art. 10',
        field: 'data.instructedBy',
      });
    });

    it("do not let the parent holder send the child holder's own acts (403)", async () => {
      const answer = await post('acme', notice('srv-acme-on-fukuoka', 'c-fukuoka'));
      expect(answer.status).toBe(403);
      expect(problemOf(answer)).toMatchObject({ code: 'NOT_PERMITTED', article: 'Art. 8(3)' });
    });
  });
});

describe("a command id is the principal's", () => {
  const cost = (commandId: string, contractId: string) => ({
    type: 'RecordOneTimeCost',
    commandId,
    data: {
      contractId,
      costId: commandId,
      cost: 'travel',
      amount: 5000,
      incurredOn: '2025-11-04',
      description: 'Engineer travel',
    },
  });

  it("is not blocked by another principal's command with that id, even on another VPN's contract (Art. 11)", async () => {
    // Staff records a cost on c-kobe (n-kansai, kobe-foods): acme may not know it exists.
    expect((await post('staff', cost('srv-shared-1', 'c-kobe'))).status).toBe(200);
    const mine = await post('acme', notice('srv-shared-1', 'c-nagoya'));
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      status: 'accepted',
      repeated: false,
      eventsWritten: 1,
      events: [{ streamId: 'contract-c-nagoya', type: 'EnvironmentSettingsNotified' }],
    });
    expect(mine.text).not.toMatch(/kobe/);
    // Each principal's repeat is a repeat of its own command.
    expect((await post('acme', notice('srv-shared-1', 'c-nagoya'))).body).toMatchObject({ repeated: true });
    expect((await post('staff', cost('srv-shared-1', 'c-kobe'))).body).toMatchObject({
      repeated: true,
      events: [{ streamId: 'contract-c-kobe' }],
    });
  });

  it('refuses its own id used again for another command (409), naming no stream, in any language and in a batch', async () => {
    expect((await post('acme', notice('srv-acme-twice', 'c-nagoya'))).status).toBe(200);
    const again = notice('srv-acme-twice', 'c-sapporo');
    for (const path of ['/v1/commands', '/v1/commands?lang=ja']) {
      const answer = await call(server, 'acme', 'POST', path, { body: again });
      expect(answer.status).toBe(409);
      expect(problemOf(answer)).toMatchObject({ code: 'COMMAND_ID_REUSED', commandId: 'srv-acme-twice' });
      expect(answer.body.detail).toContain('contractor:acme');
      expect(answer.text).not.toMatch(/nagoya|contract-/);
    }
    const batch = await call(server, 'acme', 'POST', '/v1/commands/batch?lang=ja', {
      body: `${JSON.stringify(again)}\n`,
      type: 'application/x-ndjson',
    });
    expect(batch.body.results).toEqual([
      expect.objectContaining({
        status: 'rejected',
        code: 'COMMAND_ID_REUSED',
        params: { case: 'other-command', commandId: 'srv-acme-twice', actor: 'contractor:acme' },
      }),
    ]);
    expect(batch.text).not.toMatch(/nagoya|contract-/);
  });
});

describe('a batch of JSON Lines', () => {
  const lines = [
    '# a comment, then a blank line',
    '',
    JSON.stringify({ ...notice('b-1', 'c-tokyo-hq'), actor: 'staff:sato' }),
    JSON.stringify({
      type: 'ReceiveTerminationNotice',
      commandId: 'b-2',
      actor: 'staff:sato',
      data: {
        contractId: 'c-tokyo-hq',
        noticeArrivedOn: '2025-11-05',
        requestedOn: null,
        ground: 'ordinary',
        evidenceRef: null,
      },
    }),
    JSON.stringify({
      type: 'ReceiveTerminationNotice',
      commandId: 'b-3',
      actor: 'staff:sato',
      data: {
        contractId: 'c-tokyo-hq',
        noticeArrivedOn: '2025-11-06',
        requestedOn: null,
        ground: 'ordinary',
        evidenceRef: null,
      },
    }),
    '{"type": broken',
    JSON.stringify({
      type: 'StartBilling',
      commandId: 'b-4',
      actor: 'staff:sato',
      data: { contractId: 'c-tokyo-hq' },
    }),
    JSON.stringify({ ...notice('b-1', 'c-tokyo-hq'), actor: 'staff:sato' }),
  ];

  it('gives each line the result `apply --format json` gives it, in order (the second notice sees the first)', async () => {
    const answer = await call(server, 'staff', 'POST', '/v1/commands/batch', {
      body: `${lines.join('\n')}\n`,
      type: 'application/x-ndjson',
    });
    expect(answer.status).toBe(200);
    // The same lines through `apply` on a copy of the ledger as it was before.
    const path = `${server.dir}/copy.db`;
    await writeDemoLedger(path);
    const { store } = sqliteLedger(path);
    const seen: unknown[] = [];
    await applyLines(store, lines, {
      stopOnError: false,
      onOutcome: (o) =>
        seen.push(
          JSON.parse(JSON.stringify(outcomeJson(o), (_k, v) => (typeof v === 'bigint' ? v.toString() : v))),
        ),
    });
    await store.close();
    const withoutPositions = (xs: unknown[]) =>
      xs.map((x) => ({ ...(x as object), position: undefined, attempts: undefined }));
    expect(withoutPositions(answer.body.results)).toEqual(withoutPositions(seen));
    expect(answer.body.results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual([
      'accepted',
      'accepted',
      'TERMINATION_ALREADY_NOTIFIED',
      'invalid-json',
      'INVALID_COMMAND',
      'accepted',
    ]);
    expect(answer.body.summary).toMatchObject({
      lines: 6,
      accepted: 3,
      repeated: 1,
      rejected: 2,
      invalidJson: 1,
    });
  });

  it("answers a contractor's forbidden line in its place and goes on", async () => {
    const answer = await call(server, 'acme', 'POST', '/v1/commands/batch', {
      body: [
        JSON.stringify({
          type: 'StartBilling',
          commandId: 'b-acme-1',
          data: { contractId: 'c-nagoya', billingStartOn: '2025-11-05' },
        }),
        JSON.stringify(notice('b-acme-2', 'c-nagoya')),
      ].join('\n'),
      type: 'application/jsonl',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results).toMatchObject([
      {
        line: 1,
        status: 'rejected',
        code: 'NOT_PERMITTED',
        article: 'Art. 5(1); Art. 19',
        commandId: 'b-acme-1',
      },
      { line: 2, status: 'accepted', commandId: 'b-acme-2' },
    ]);
  });

  it('reports a line over 1 MiB as unreadable without reading it, and refuses a JSON body (415)', async () => {
    const answer = await call(server, 'staff', 'POST', '/v1/commands/batch', {
      body: `${'x'.repeat(1024 * 1024 + 1)}\n${JSON.stringify({ ...notice('b-big-2', 'c-tokyo-hq'), actor: 'staff:sato' })}`,
      type: 'application/x-ndjson',
    });
    expect(answer.body.results).toMatchObject([
      { line: 1, status: 'unreadable', message: expect.stringContaining('line too long') },
      { line: 2, status: 'accepted' },
    ]);
    const json = await call(server, 'staff', 'POST', '/v1/commands/batch', {
      body: notice('b-json', 'c-tokyo-hq'),
    });
    expect(json.status).toBe(415);
  });
});
