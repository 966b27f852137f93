/**
 * The language of an answer per request (issue 14): `lang`, else Accept-Language, else English;
 * Content-Language says which. The same request in Japanese and English: the words differ (rendered
 * as the CLI's `--lang` renders them), the codes, parameters and ids do not, and neither does
 * anything but the words; the ETags differ, as the bodies do.
 */
import { call, problemOf, startTestServer, type TestServer, type Who } from './support';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const get = (who: Who, path: string, headers: Record<string, string> = {}) =>
  call(server, who, 'GET', path, { headers });

const both = async (who: Who, path: string) => {
  const sep = path.includes('?') ? '&' : '?';
  const en = await get(who, `${path}${sep}lang=en`);
  const ja = await get(who, path, { 'accept-language': 'ja-JP, en;q=0.5' });
  expect(en.headers.get('content-language')).toBe('en');
  expect(ja.headers.get('content-language')).toBe('ja');
  expect(ja.headers.get('vary')).toContain('Accept-Language');
  return { en, ja };
};

describe('the language of an answer', () => {
  it('is chosen by lang over Accept-Language, by Accept-Language quality, else English', async () => {
    const byLang = await get('staff', '/v1/contracts/c-nagoya?lang=ja', { 'accept-language': 'en' });
    expect(byLang.headers.get('content-language')).toBe('ja');
    const byQuality = await get('staff', '/v1/contracts/c-nagoya', {
      'accept-language': 'en;q=0.4, ja;q=0.9',
    });
    expect(byQuality.headers.get('content-language')).toBe('ja');
    const unknown = await get('staff', '/v1/contracts/c-nagoya?lang=fr', { 'accept-language': 'de' });
    expect(unknown.headers.get('content-language')).toBe('en');
  });

  it("renders a month's charge lines in Japanese: formula, articleText; the codes and amounts are the same", async () => {
    const { en, ja } = await both('staff', '/v1/charges?month=2025-10');
    expect(en.status).toBe(200);
    expect(ja.body.lang).toBe('ja');
    expect(en.body.lang).toBe('en');
    expect(ja.body.lines.length).toBe(en.body.lines.length);
    expect(ja.body.lines.length).toBeGreaterThan(0);
    ja.body.lines.forEach((l: Record<string, unknown>, i: number) => {
      const e = en.body.lines[i] as Record<string, unknown>;
      for (const k of [
        'id',
        'kind',
        'amount',
        'article',
        'policy',
        'calculation',
        'notes',
        'citation',
        'billTo',
      ])
        expect(l[k]).toEqual(e[k]);
      expect(l.formula).toMatch(/円/);
      expect(e.formula).not.toMatch(/円/);
      expect(l.articleText).toMatch(/第\d+条|別紙/);
      expect(e.articleText).toMatch(/Art\.|Annex/);
    });
    expect(ja.body.total).toBe(en.body.total);
    expect(ja.headers.get('etag')).not.toBe(en.headers.get('etag'));
    // The ETag of one language does not answer 304 for the other.
    const again = await get('staff', '/v1/charges?month=2025-10&lang=en', {
      'if-none-match': ja.headers.get('etag')!,
    });
    expect(again.status).toBe(200);
  });

  it('renders the CSV in the language too: its header, its article column, its formulas', async () => {
    const ja = await get('staff', '/v1/charges?month=2025-10&format=csv&lang=ja');
    const en = await get('staff', '/v1/charges?month=2025-10&format=csv&lang=en');
    // English: the v1 column names programs match on; Japanese: the same columns, in Japanese.
    expect(en.text.split('\n')[0]).toBe(
      'line_id,contract_id,network_id,bill_to,kind,period_from,period_to,amount_yen,article,policy,edition,formula,source_event_ids',
    );
    expect(ja.text.split('\n')[0]).toBe(
      '明細ID,契約ID,VPN網ID,請求先,種別,期間の初日,期間の末日,金額（円、税抜）,条項,方針,約款の版,計算,根拠のイベントID',
    );
    expect(ja.text).toMatch(/,第10条第4項/);
    expect(en.text).toMatch(/,Art\. 10\(4\)/);
    expect(ja.text.split('\n').slice(1).join('\n')).toMatch(/円/);
    expect(en.text).not.toMatch(/円/);
  });

  it("renders a timeline's steps and a contract's state in Japanese, the steps' kinds and params the same", async () => {
    const { en, ja } = await both('kyushu', '/v1/contracts/c-fukuoka/timeline');
    expect(ja.body.steps.map((s: { kind: string }) => s.kind)).toEqual(
      en.body.steps.map((s: { kind: string }) => s.kind),
    );
    expect(ja.body.steps.map((s: { params: unknown }) => s.params)).toEqual(
      en.body.steps.map((s: { params: unknown }) => s.params),
    );
    const accepted = (a: typeof ja) =>
      a.body.steps.find((s: { type: string }) => s.type === 'ApplicationAccepted') as {
        text: string;
        articleText: string;
      };
    expect(accepted(ja).text).toMatch(/[承申]/);
    expect(accepted(en).text).toMatch(/[A-Za-z]/);
    expect(accepted(en).text).not.toMatch(/[承申]/);
    expect(accepted(ja).articleText).toMatch(/第\d+条/);
    const state = await both('west', '/v1/contracts/c-osaka?asOf=2025-10-01');
    expect(state.ja.body.state.status).toBe(state.en.body.state.status);
    expect(state.ja.body.state.maintenance.reason).not.toBe(state.en.body.state.maintenance.reason);
  });

  it("renders the deadlines' notes in Japanese", async () => {
    const { en, ja } = await both('staff', '/v1/deadlines?asOf=2025-10-31&all=true');
    expect(ja.body.deadlines.map((d: { itemId: string }) => d.itemId)).toEqual(
      en.body.deadlines.map((d: { itemId: string }) => d.itemId),
    );
    const noted = ja.body.deadlines.findIndex((d: { note: string | null }) => d.note !== null);
    expect(noted).toBeGreaterThanOrEqual(0);
    expect(ja.body.deadlines[noted].notes).toEqual(en.body.deadlines[noted].notes);
    expect(ja.body.deadlines[noted].note).not.toBe(en.body.deadlines[noted].note);
    expect(ja.body.deadlines[noted].note).toMatch(/[ぁ-んァ-ン一-龥]/);
  });

  it('explains a charge line in Japanese', async () => {
    const lines = await get('staff', '/v1/charges?month=2025-10');
    const id = lines.body.lines[0].id as string;
    const { en, ja } = await both('staff', `/v1/charge-lines/${encodeURIComponent(id)}`);
    expect(ja.body.line.id).toBe(en.body.line.id);
    expect(ja.body.line.formula).toMatch(/円/);
    expect(en.body.line.formula).not.toMatch(/円/);
  });

  it("gives a problem's title and a rejection's detail in Japanese; code, article and field as in English", async () => {
    const { en, ja } = await both('kobe', '/v1/contracts/c-osaka');
    expect(en.status).toBe(404);
    const e = problemOf(en);
    const j = problemOf(ja);
    expect(j).toMatchObject({ code: e.code, article: e.article, field: e.field, status: 404 });
    expect(e.title).toBe('Not found');
    expect(j.title).toBe('見つかりません');
    expect(j.detail).toBe(j.message);
    expect(j.detail).toMatch(/契約 c-osaka/);
    expect(e.detail).toBe('Contract c-osaka has no accepted application.');
  });

  it('gives a rejected command its detail in Japanese, and a batch its messages', async () => {
    const command = {
      type: 'StartBilling',
      commandId: 'lang-billing-again',
      data: { contractId: 'c-nagoya', billingStartOn: '2025-11-05' },
    };
    const en = await call(server, 'staff', 'POST', '/v1/commands', { body: command });
    const ja = await call(server, 'staff', 'POST', '/v1/commands?lang=ja', { body: command });
    expect(en.status).toBe(422);
    expect(ja.status).toBe(422);
    expect(problemOf(ja)).toMatchObject({
      code: 'BILLING_ALREADY_STARTED',
      article: problemOf(en).article,
      title: '台帳がコマンドを拒否しました',
    });
    expect(ja.body.detail).toMatch(/課金/);
    expect(en.body.detail).toMatch(/^Billing of contract c-nagoya started/);
    const batch = await call(server, 'staff', 'POST', '/v1/commands/batch', {
      body: `${JSON.stringify(command)}\n`,
      type: 'application/x-ndjson',
      headers: { 'accept-language': 'ja' },
    });
    expect(batch.body.results[0]).toMatchObject({ status: 'rejected', code: 'BILLING_ALREADY_STARTED' });
    expect(batch.body.results[0].message).toBe(ja.body.detail);
  });

  it("gives a contractor's refused act its detail in Japanese (NOT_PERMITTED, the server's own rejection)", async () => {
    const command = {
      type: 'StartBilling',
      commandId: 'lang-not-permitted',
      data: { contractId: 'c-nagoya', billingStartOn: '2025-11-05' },
    };
    const ja = await call(server, 'acme', 'POST', '/v1/commands?lang=ja', { body: command });
    const en = await call(server, 'acme', 'POST', '/v1/commands?lang=en', { body: command });
    expect(ja.status).toBe(403);
    expect(problemOf(ja).code).toBe(problemOf(en).code);
    expect(ja.body.title).toBe('この操作は許可されていません');
    expect(ja.body.detail).not.toBe(en.body.detail);
    expect(ja.body.detail).toMatch(/当社/);
  });
});
