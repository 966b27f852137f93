/**
 * GET /v1/contracts/{id}/termination-quote against a real server on the demo (today 2025-11-05 in
 * Japan): what ending a contract or an option on a day would cost (Art. 18, 17(4), 20, Annex 2,
 * Art. 14(3)), by what-if; nothing is written. A contractor quotes its own contracts only: another's
 * is the same 404 as a contract that does not exist.
 */
import { SqliteEventStore } from '../../src/store';
import { call, problemOf, startTestServer, type TestServer } from './support';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const head = async (): Promise<string | null> => {
  const store = new SqliteEventStore({ path: server.path, access: 'read' });
  try {
    return (await store.headPosition())?.commit.toString() ?? null;
  } finally {
    await store.close();
  }
};

const quote = (who: 'staff' | 'kobe' | 'acme' | 'kyushu', contractId: string, query: string) =>
  call(server, who, 'GET', `/v1/contracts/${contractId}/termination-quote?${query}`);

describe('a contractor quotes the end of its own contract', () => {
  it('on a day past the notice period: the settlement for the rest of the term, the last month, the equipment', async () => {
    // Given kobe-foods' c-himeji, 21,000 yen a month, a 3-year term from 2025-07-01
    const before = await head();
    // When it asks what ending it on 2025-12-31 would cost
    const a = await quote('kobe', 'c-himeji', 'on=2025-12-31');
    // Then it ends that day, owes the 30 months left (Annex 2), and December's fee besides
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      schema: 'vpn-ledger.quote/v1',
      contractId: 'c-himeji',
      optionId: null,
      requestedOn: '2025-12-31',
      noticeArrivedOn: '2025-11-05',
      effectiveOn: '2025-12-31',
      recorded: false,
      settlement: { total: 630000 },
      lastMonth: { month: '2025-12', total: 651000 },
      savedFrom: { month: '2026-01', perMonth: 21000 },
    });
    expect(a.body.settlement.lines).toHaveLength(1);
    expect(a.body.settlement.lines[0]).toMatchObject({
      id: 'c-himeji:2025-12:early-termination',
      kind: 'early-termination',
      article: 'Art. 20(1); Annex 2 §1',
      period: { from: '2026-01-01', to: '2028-06-30' },
      amount: 630000,
    });
    expect(a.body.lastMonth.lines.map((l: { id: string; amount: number }) => [l.id, l.amount])).toEqual([
      ['c-himeji:2025-12:monthly-basic', 21000],
      ['c-himeji:2025-12:early-termination', 630000],
    ]);
    // And the device goes back within 30 days of the end (Art. 14(3))
    expect(a.body.returns).toEqual([
      expect.objectContaining({ itemId: 'dev-himeji-1', reason: 'contract-end', dueOn: '2026-01-30' }),
    ]);
    // And nothing is recorded
    expect(await head()).toBe(before);
    const timeline = await call(server, 'kobe', 'GET', '/v1/contracts/c-himeji/timeline');
    expect(timeline.body.steps.map((s: { type: string }) => s.type)).not.toContain(
      'TerminationNoticeReceived',
    );
  });

  it('on a day sooner than the terms allow: the end moves to 30 days after the notice (Art. 18), in Japanese', async () => {
    const a = await quote('kobe', 'c-himeji', 'on=2025-11-10&lang=ja');
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      lang: 'ja',
      requestedOn: '2025-11-10',
      effectiveOn: '2025-12-05',
      settlement: { total: 647612 },
    });
    expect(a.body.settlement.lines[0].formula).toBe(
      '21,000 × 26 ÷ 31（1円未満切捨て） + 30 × 21,000 = 647,612円（2025年12月6日～2028年6月30日）',
    );
    expect(a.body.note).toContain('何も記録していません');
    expect(a.body.returns[0]).toMatchObject({ itemId: 'dev-himeji-1', dueOn: '2026-01-04' });
  });

  it("is the same 404 for another's contract as for one that does not exist", async () => {
    const another = await quote('kobe', 'c-tokyo-hq', 'on=2025-12-31');
    const missing = await quote('kobe', 'c-nowhere', 'on=2025-12-31');
    expect(another.status).toBe(404);
    // Each quote runs a notice of its own (a fresh command id); all else is the same.
    const same = (a: typeof another, id: string) => {
      const { commandId: _c, ...rest } = problemOf(a);
      return JSON.parse(JSON.stringify(rest).split(id).join('ID'));
    };
    expect(same(another, 'c-tokyo-hq')).toEqual(same(missing, 'c-nowhere'));
  });

  it("refuses a VPN's parent holder, who sees a child contract but cannot end it (Art. 10)", async () => {
    const a = await quote('acme', 'c-fukuoka', 'on=2025-12-31');
    expect(a.status).toBe(403);
    expect(a.body.code).toBe('NOT_PERMITTED');
  });
});

describe('staff quote any contract, or one option', () => {
  it('stopping an option: its own settlement (Art. 20(2), Annex 2 §2) and its unit to return', async () => {
    const a = await quote('staff', 'c-fukuoka', 'on=2025-12-31&optionId=opt-fukuoka-standby');
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      optionId: 'opt-fukuoka-standby',
      effectiveOn: '2025-12-31',
      settlement: { total: 22500 },
    });
    expect(a.body.settlement.lines[0]).toMatchObject({
      kind: 'early-termination-option',
      article: 'Art. 20(2); Annex 2 §2',
      period: { from: '2026-01-01', to: '2026-05-31' },
    });
  });

  it('answers a contract already ended with the refusal its notice would get, and a bad day with a 400', async () => {
    const ended = await quote('staff', 'c-osaka', 'on=2025-12-31');
    expect(ended.status).toBe(422);
    expect(ended.body.code).toBe('CONTRACT_TERMINATED');
    const bad = await quote('staff', 'c-himeji', 'on=2025-02-31');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('querystring.on');
  });
});
