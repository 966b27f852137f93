/**
 * The read endpoints against a real server, for staff, a contract's holder, its VPN's parent
 * holder (Art. 10, 11) and another contractor: what each sees, provenance, ETags and 304s.
 */
import { call, problemOf, startTestServer, type TestServer, type Who } from './support';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const get = (who: Who | null, path: string, headers: Record<string, string> = {}) =>
  call(server, who, 'GET', path, { headers });

/** The answer an unknown contract gets, without what names it. */
const notFoundShape = async (who: Who, path: string) => {
  const a = await get(who, path);
  expect(a.status).toBe(404);
  const { message, detail, ...rest } = problemOf(a) as Record<string, string>;
  return { ...rest, message: message!.replace(/c-[\w-]+/, 'ID'), detail: detail!.replace(/c-[\w-]+/, 'ID') };
};

describe('GET /v1/contracts/{id}: the state', () => {
  it('shows staff and the holder the whole state, as effective on asOf, with its provenance', async () => {
    for (const who of ['staff', 'west'] as const) {
      const a = await get(who, '/v1/contracts/c-osaka?asOf=2025-10-01');
      expect(a.status).toBe(200);
      expect(a.body).toMatchObject({
        schema: 'vpn-ledger.state/v1',
        contractId: 'c-osaka',
        asOf: '2025-10-01',
        access: who === 'staff' ? 'staff' : 'holder',
        generatedFrom: { store: 'sqlite', source: 'streams', knownAt: null },
        state: { status: 'termination-scheduled', monthlyFee: 18000, contractorId: 'acme-west' },
      });
      expect(a.headers.get('x-ledger-position')).toBe(a.body.generatedFrom.lastPosition.commit);
    }
  });

  it("shows the VPN's parent holder the settings of another contractor's contract, no fees or terms (Art. 11)", async () => {
    const a = await get('acme', '/v1/contracts/c-osaka?asOf=2025-10-01');
    expect(a.status).toBe(200);
    expect(a.body.access).toBe('parent-holder');
    expect(Object.keys(a.body.state).sort()).toEqual(
      [
        'asOf',
        'contractId',
        'contractType',
        'contractorId',
        'deviceModel',
        'equipment',
        'item',
        'networkId',
        'options',
        'parentHolderId',
        'status',
      ].sort(),
    );
    expect(a.body.state.options[0]).toEqual({
      optionId: 'opt-osaka-standby',
      kind: 'cold-standby',
      model: 'Cisco 891FJ',
      status: 'stop-scheduled',
    });
  });

  it("answers another contractor's contract exactly as one that does not exist (404)", async () => {
    expect(await notFoundShape('kobe', '/v1/contracts/c-osaka')).toEqual(
      await notFoundShape('kobe', '/v1/contracts/c-none'),
    );
    // A child holder is not the parent holder: its VPN's other sites are not its to see.
    expect((await get('west', '/v1/contracts/c-fukuoka')).status).toBe(404);
  });

  it('answers as the ledger knew it at knownAt: before the contract, it is not found', async () => {
    expect((await get('staff', '/v1/contracts/c-osaka?knownAt=2025-10-31')).status).toBe(404);
    const known = await get('staff', '/v1/contracts/c-osaka?knownAt=2025-11-01T00:00:30Z&asOf=2025-10-01');
    expect(known.status).toBe(200);
    expect(known.body.generatedFrom.eventsApplied).toBeLessThan(known.body.generatedFrom.eventsRead);
  });

  it('refuses bad parameters with the field named (400)', async () => {
    const a = await get('staff', '/v1/contracts/c-osaka?asOf=2025-02-30');
    expect(a.status).toBe(400);
    expect(problemOf(a)).toMatchObject({ code: 'INVALID_REQUEST', problems: [{ path: 'querystring.asOf' }] });
    const extra = await get('staff', '/v1/contracts/c-osaka?colour=blue');
    expect(extra.status).toBe(400);
    expect(extra.body.message).toContain('colour');
  });
});

describe('ETags by position', () => {
  it('answers 304 to If-None-Match while nothing changed, 200 with a new ETag once the contract moved', async () => {
    const first = await get('staff', '/v1/contracts/c-nagoya?asOf=2025-11-01');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+-[\w-]+"$/);
    expect(etag.startsWith(`"${first.body.generatedFrom.lastPosition.commit}-`)).toBe(true);
    const again = await get('staff', '/v1/contracts/c-nagoya?asOf=2025-11-01', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    // Another question, another principal: another ETag.
    expect((await get('staff', '/v1/contracts/c-nagoya?asOf=2025-10-01')).headers.get('etag')).not.toBe(etag);
    expect((await get('acme', '/v1/contracts/c-nagoya?asOf=2025-11-01')).headers.get('etag')).not.toBe(etag);
    // A write to another contract leaves it; a write to this one changes it.
    await call(server, 'staff', 'POST', '/v1/commands', {
      body: {
        type: 'RecordOneTimeCost',
        commandId: 'etag-kobe',
        data: {
          contractId: 'c-kobe',
          costId: 'k1',
          cost: 'travel',
          amount: 1000,
          incurredOn: '2025-11-04',
          description: 'x',
        },
      },
    });
    expect(
      (await get('staff', '/v1/contracts/c-nagoya?asOf=2025-11-01', { 'if-none-match': etag })).status,
    ).toBe(304);
    await call(server, 'staff', 'POST', '/v1/commands', {
      body: {
        type: 'RecordOneTimeCost',
        commandId: 'etag-nagoya',
        data: {
          contractId: 'c-nagoya',
          costId: 'n1',
          cost: 'travel',
          amount: 1000,
          incurredOn: '2025-11-04',
          description: 'x',
        },
      },
    });
    const moved = await get('staff', '/v1/contracts/c-nagoya?asOf=2025-11-01', { 'if-none-match': etag });
    expect(moved.status).toBe(200);
    expect(moved.headers.get('etag')).not.toBe(etag);
  });
});

describe('GET /v1/contracts/{id}/timeline, /terms, /deadlines', () => {
  it('gives the holder the whole timeline and the parent holder its Art. 10 and 11 steps', async () => {
    const holder = await get('kyushu', '/v1/contracts/c-fukuoka/timeline');
    const parent = await get('acme', '/v1/contracts/c-fukuoka/timeline');
    expect(holder.body.access).toBe('holder');
    expect(parent.body.access).toBe('parent-holder');
    const types = (a: typeof holder) => a.body.steps.map((s: { type: string }) => s.type);
    expect(types(holder)).toContain('ApplicationAccepted');
    expect(types(holder)).toContain('LossReported');
    expect([...new Set(types(parent))].sort()).toEqual(
      ['ConfigurationChangeInstructed', 'ConfigurationChangePerformed', 'SiteJoined'].sort(),
    );
  });

  it('gives terms and deadlines to staff and the holder, not to the parent holder (403, Art. 11), not to others (404)', async () => {
    const terms = await get('west', '/v1/contracts/c-osaka/terms?asOf=2025-10-01');
    expect(terms.body).toMatchObject({
      schema: 'vpn-ledger.terms/v1',
      terms: [{ optionId: null, status: 'running' }, { optionId: 'opt-osaka-standby' }],
    });
    const deadlines = await get('staff', '/v1/contracts/c-osaka/deadlines?asOf=2025-10-31');
    expect(deadlines.body).toMatchObject({
      schema: 'vpn-ledger.deadlines/v1',
      only: 'open',
      deadlines: [{ itemId: 'cs-osaka-1', status: 'pending' }],
    });
    for (const path of ['/v1/contracts/c-osaka/terms', '/v1/contracts/c-osaka/deadlines']) {
      const parent = await get('acme', path);
      expect(parent.status).toBe(403);
      expect(problemOf(parent)).toMatchObject({ code: 'NOT_DISCLOSED', article: 'Art. 11' });
      expect((await get('kobe', path)).status).toBe(404);
    }
  });
});

describe('charges', () => {
  it("GET /v1/charges: staff gets the month's every line, a contractor the lines billed to it", async () => {
    const staff = await get('staff', '/v1/charges?month=2025-10');
    expect(staff.body).toMatchObject({
      schema: 'vpn-ledger.charges/v1',
      month: '2025-10',
      total: 711201,
      generatedFrom: { source: 'views' },
    });
    const acme = await get('acme', '/v1/charges?month=2025-10');
    expect(acme.body.total).toBe(398353);
    expect(acme.body.lines).toHaveLength(16);
    expect(new Set(acme.body.lines.map((l: { billTo: string }) => l.billTo))).toEqual(new Set(['acme']));
    expect(acme.body.totals).toEqual([{ billTo: 'acme', amount: 398353, lines: 16 }]);
    expect((await get('kyushu', '/v1/charges?month=2025-10')).body.total).toBe(99500);
  });

  it('answers CSV for format=csv or Accept: text/csv, with its own ETag', async () => {
    const byParam = await get('staff', '/v1/charges?month=2025-10&format=csv');
    const byAccept = await get('staff', '/v1/charges?month=2025-10', { accept: 'text/csv' });
    expect(byParam.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(byAccept.text).toBe(byParam.text);
    expect(byParam.text.split('\n')[0]).toBe(
      'line_id,contract_id,network_id,bill_to,kind,period_from,period_to,amount_yen,article,policy,edition,formula,source_event_ids',
    );
    expect(byParam.text.trim().split('\n')).toHaveLength(29);
    const json = await get('staff', '/v1/charges?month=2025-10');
    expect(byParam.headers.get('etag')).not.toBe(json.headers.get('etag'));
  });

  it("GET /v1/contracts/{id}/charges: the holder's lines of its contract; the config change goes to the parent holder", async () => {
    const holder = await get('kyushu', '/v1/contracts/c-fukuoka/charges?month=2025-10');
    expect(holder.body.lines.map((l: { kind: string }) => l.kind)).toEqual([
      'monthly-basic',
      'monthly-option',
      'loss-charge',
    ]);
    const parent = await get('acme', '/v1/contracts/c-fukuoka/charges?month=2025-10');
    expect(parent.body.lines.map((l: { kind: string }) => l.kind)).toEqual(['config-change']);
    expect((await get('staff', '/v1/contracts/c-fukuoka/charges?month=2025-10')).body.lines).toHaveLength(4);
    expect((await get('kobe', '/v1/contracts/c-fukuoka/charges?month=2025-10')).status).toBe(404);
    const bad = await get('staff', '/v1/contracts/c-fukuoka/charges?month=2025-13');
    expect(problemOf(bad)).toMatchObject({
      code: 'INVALID_REQUEST',
      problems: [{ path: 'querystring.month' }],
    });
  });

  it('GET /v1/charge-lines/{id}: the line and the events behind it, to whom it is billed', async () => {
    const id = 'c-fukuoka:2025-10:config-change:job-fukuoka-acl';
    const staff = await get('staff', `/v1/charge-lines/${encodeURIComponent(id)}`);
    expect(staff.body).toMatchObject({
      schema: 'vpn-ledger.explain/v1',
      line: { id, billTo: 'acme', amount: 5000 },
      article: 'Art. 10(4); Annex 1 §3(3)',
    });
    expect(staff.body.sources).toHaveLength(2);
    expect((await get('acme', `/v1/charge-lines/${encodeURIComponent(id)}`)).status).toBe(200);
    const holder = await get('kyushu', `/v1/charge-lines/${encodeURIComponent(id)}`);
    expect(holder.status).toBe(404);
    expect(problemOf(holder)).toMatchObject({ code: 'CHARGE_LINE_NOT_FOUND' });
    expect(
      (await get('kyushu', `/v1/charge-lines/${encodeURIComponent('c-fukuoka:2025-10:monthly-basic')}`))
        .status,
    ).toBe(200);
    expect((await get('staff', '/v1/charge-lines/not-a-line')).status).toBe(400);
  });
});

describe('GET /v1/deadlines', () => {
  it('gives staff every open deadline and a contractor those of the contracts it holds', async () => {
    const staff = await get('staff', '/v1/deadlines?asOf=2025-10-31');
    expect(staff.body.deadlines.map((d: { itemId: string }) => d.itemId)).toEqual([
      'dev-hq-2',
      'sfp-kobe-1',
      'sw-hq-1',
      'cs-osaka-1',
    ]);
    const west = await get('west', '/v1/deadlines?asOf=2025-10-31');
    expect(west.body.deadlines.map((d: { itemId: string }) => d.itemId)).toEqual(['cs-osaka-1']);
    const all = await get('staff', '/v1/deadlines?asOf=2025-10-31&all=true');
    expect(all.body.only).toBe('all');
    expect(all.body.deadlines.length).toBeGreaterThan(4);
  });
});

describe('GET /v1/contracts: search', () => {
  it('finds by holder, network, status and id prefix, in pages', async () => {
    const ids = async (who: Who, q: string) =>
      (await get(who, `/v1/contracts?${q}`)).body.contracts.map((c: { contractId: string }) => c.contractId);
    expect(await ids('staff', 'holder=acme&asOf=2025-10-31')).toEqual([
      'c-nagoya',
      'c-sapporo',
      'c-tokyo-hq',
    ]);
    expect(await ids('staff', 'network=n-kansai')).toEqual(['c-himeji', 'c-kobe']);
    expect(await ids('staff', 'status=terminated&asOf=2025-10-31')).toEqual(['c-osaka']);
    expect(await ids('staff', 'id=c-k')).toEqual(['c-kobe']);
    const page = await get('staff', '/v1/contracts?limit=3');
    expect(page.body.next).toBe('c-kobe');
    expect(await ids('staff', `limit=3&after=${page.body.next}`)).toEqual([
      'c-nagoya',
      'c-osaka',
      'c-sapporo',
    ]);
  });

  it('shows a contractor its contracts and, as parent holder, its VPN (settings only)', async () => {
    const acme = await get('acme', '/v1/contracts');
    expect(
      acme.body.contracts.map((c: { contractId: string; access: string }) => `${c.contractId}:${c.access}`),
    ).toEqual([
      'c-fukuoka:parent-holder',
      'c-nagoya:holder',
      'c-osaka:parent-holder',
      'c-sapporo:holder',
      'c-tokyo-hq:holder',
    ]);
    expect(acme.body.contracts[0]).not.toHaveProperty('billingStartOn');
    expect(
      (await get('west', '/v1/contracts')).body.contracts.map((c: { contractId: string }) => c.contractId),
    ).toEqual(['c-osaka']);
    expect((await get('kobe', '/v1/contracts?holder=acme')).body.contracts).toEqual([]);
    expect((await get('staff', '/v1/contracts?status=gone')).status).toBe(400);
  });
});

describe('GET /v1/verify', () => {
  it('checks the log for staff, and is not for contractors (403)', async () => {
    const staff = await get('staff', '/v1/verify');
    expect(staff.body).toMatchObject({ schema: 'vpn-ledger.verify/v1', ok: true, breaks: [] });
    expect(staff.body.eventsChecked).toBeGreaterThanOrEqual(64);
    const acme = await get('acme', '/v1/verify');
    expect(acme.status).toBe(403);
    expect(problemOf(acme)).toMatchObject({ code: 'NOT_PERMITTED' });
  });
});

describe('the language of an answer', () => {
  it('is English unless a supported language is asked for, and said in Content-Language (languages.test.ts has Japanese)', async () => {
    const a = await get('staff', '/v1/contracts/c-none?lang=fr', { 'accept-language': 'de, fr;q=0.5' });
    expect(a.headers.get('content-language')).toBe('en');
    expect(a.body.title).toBe('Not found');
    expect(a.headers.get('vary')).toContain('Accept-Language');
    const b = await get('staff', '/v1/contracts/c-nagoya', { 'accept-language': 'de' });
    expect(b.headers.get('vary')).toContain('Accept-Language');
  });
});
