/**
 * Billing months over HTTP against a real server: the months and their closes, a month as billed,
 * its invoice documents, and closing it with the server's seal key (staff only; refused before the
 * month ends, out of order, a second time; a repeat answered as a repeat; without a key, 503). A
 * contractor sees what is billed to it. The demo ledger's first month is 2025-03; the server's
 * clock says 2025-11-05 (Japan), so 2025-03 to 2025-10 have ended.
 */

import { EXPORT_CSV_COLUMNS } from '../../src/documents/months';
import { generateSealKeys, privateKeyFrom } from '../../src/ledger/seal';
import { call, problemOf, startTestServer, type TestServer, type Who } from './support';

const EXPORT_HEADER: readonly string[] = EXPORT_CSV_COLUMNS;

const keys = generateSealKeys();
let server: TestServer;
let keyless: TestServer;
beforeAll(async () => {
  server = await startTestServer({ sealKey: privateKeyFrom(keys.privatePem, 'the test key') });
  keyless = await startTestServer();
});
afterAll(async () => {
  await server.stop();
  await keyless.stop();
});

const get = (who: Who, path: string, headers: Record<string, string> = {}) =>
  call(server, who, 'GET', path, { headers });
const close = (who: Who, month: string, body?: unknown, on: TestServer = server) =>
  call(on, who, 'POST', `/v1/months/${month}/close`, body === undefined ? {} : { body });

describe('closing a month: POST /v1/months/{month}/close', () => {
  it('lists every month from the first charge to the current one, all open before any close', async () => {
    const a = await get('staff', '/v1/months');
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      schema: 'vpn-ledger.months/v1',
      generatedFrom: { store: 'sqlite', source: 'views' },
      next: null,
    });
    const months = a.body.months as { month: string; status: string; nextToClose: boolean; total: number }[];
    expect(months.map((m) => m.month)).toEqual([
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
    ]);
    expect(months.every((m) => m.status === 'open')).toBe(true);
    expect(months.map((m) => m.nextToClose)).toEqual([true, ...Array(8).fill(false)]);
    expect(months[0]).toMatchObject({ close: null, lines: 3, total: 100_000 });
  });

  it('is for staff: a contractor gets 403 NOT_PERMITTED, and nothing is closed', async () => {
    const a = await close('acme', '2025-03');
    expect(a.status).toBe(403);
    expect(problemOf(a)).toMatchObject({ code: 'NOT_PERMITTED', status: 403 });
    expect(a.body.detail).toContain('CloseMonth');
    expect((await get('staff', '/v1/months')).body.months[0].status).toBe('open');
  });

  it('refuses a month that has not ended, and a month out of order (422, the policy, field month)', async () => {
    const notEnded = await close('staff', '2025-11');
    expect(notEnded.status).toBe(422);
    expect(problemOf(notEnded)).toMatchObject({
      code: 'MONTH_NOT_ENDED',
      article: expect.stringContaining('close-months-in-order'),
      field: 'month',
      commandId: 'close-2025-11',
    });
    expect(notEnded.body.detail).toContain('2025-11 has not ended in Japan');
    const outOfOrder = await close('staff', '2025-04');
    expect(outOfOrder.status).toBe(422);
    expect(problemOf(outOfOrder)).toMatchObject({ code: 'MONTH_OUT_OF_ORDER', field: 'month' });
    expect(outOfOrder.body.detail).toContain('Close 2025-03 first');
    const ja = await call(server, 'staff', 'POST', '/v1/months/2025-04/close?lang=ja');
    expect(ja.body.code).toBe('MONTH_OUT_OF_ORDER');
    expect(ja.body.detail).not.toBe(outOfOrder.body.detail);
    expect(ja.body.detail).toMatch(/2025年3月/);
    expect(ja.body.detail).toMatch(/[締月]/);
  });

  it('refuses a bad month or body (400)', async () => {
    expect((await close('staff', '2025-13')).status).toBe(400);
    const extra = await close('staff', '2025-03', { commandId: 'x', month: '2025-03' });
    expect(extra.status).toBe(400);
    expect(problemOf(extra).code).toBe('INVALID_REQUEST');
  });

  it('closes with the server key; the same command again is a repeat; another command is answered with the close that exists (200)', async () => {
    // A contractor's command with the id staff's close takes by default does not block the close.
    const theirs = await call(server, 'acme', 'POST', '/v1/commands', {
      body: {
        type: 'ReceiveEnvironmentNotice',
        commandId: 'close-2025-03',
        data: {
          contractId: 'c-nagoya',
          noticeId: 'acme-close-2025-03',
          kind: 'change',
          receivedOn: '2025-11-05',
          description: 'New ISP line at the site',
        },
      },
    });
    expect(theirs.status).toBe(200);
    const a = await close('staff', '2025-03');
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      schema: 'vpn-ledger.close/v1',
      status: 'closed',
      repeated: false,
      commandId: 'close-2025-03',
      month: '2025-03',
      close: { streamId: 'billing-2025-03', closedBy: 'staff:sato', seal: { keyId: keys.keyId } },
      lines: 3,
      adjustments: 0,
      total: 100_000,
    });
    const again = await close('staff', '2025-03');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ repeated: true, close: { id: a.body.close.id } });
    // The month is closed, whoever asks again with whatever id: the close that exists, by whom,
    // when; never COMMAND_ID_REUSED, and nothing written.
    const other = await close('staff', '2025-03', { commandId: 'close-march-again' });
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({
      repeated: true,
      alreadyClosed: true,
      commandId: 'close-march-again',
      close: {
        id: a.body.close.id,
        closedBy: 'staff:sato',
        closedAt: a.body.close.closedAt,
        commandId: 'close-2025-03',
      },
    });
    expect(again.body.alreadyClosed).toBe(false);
    const ja = await call(server, 'staff', 'POST', '/v1/months/2025-03/close?lang=ja');
    expect(ja.status).toBe(200);
    expect(ja.body.close.id).toBe(a.body.close.id);
    const verify = await get('staff', '/v1/verify');
    expect(verify.body.ok).toBe(true);
  });

  it('answers 503 NO_SEAL_KEY, saying how to configure one, on a server started without a key', async () => {
    const a = await close('staff', '2025-03', undefined, keyless);
    expect(a.status).toBe(503);
    expect(problemOf(a)).toMatchObject({ code: 'NO_SEAL_KEY', status: 503 });
    expect(a.body.detail).toContain('--seal-key PATH or VPN_LEDGER_SEAL_KEY');
    const months = await call(keyless, 'staff', 'GET', '/v1/months');
    expect(months.body.months[0]).toMatchObject({
      month: '2025-03',
      status: 'open',
      nextToClose: true,
      close: null,
    });
  });

  it('runs through the write queue: commands sent while a month closes are all answered, the log verifies', async () => {
    const cost = (i: number) => ({
      type: 'RecordOneTimeCost',
      commandId: `race-cost-${i}`,
      data: {
        contractId: 'c-nagoya',
        costId: `race-${i}`,
        cost: 'travel',
        amount: 1000 + i,
        incurredOn: '2025-11-04',
        description: 'Engineer travel',
      },
    });
    const before = Array.from({ length: 10 }, (_, i) =>
      call(server, 'staff', 'POST', '/v1/commands', { body: cost(i) }),
    );
    const closing = close('staff', '2025-04');
    const after = Array.from({ length: 10 }, (_, i) =>
      call(server, 'staff', 'POST', '/v1/commands', { body: cost(10 + i) }),
    );
    const [closed, ...answers] = await Promise.all([closing, ...before, ...after]);
    expect(closed!.status).toBe(200);
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    // The close's transaction held nothing else: its event comes right after the position it seals.
    expect(BigInt(closed!.body.close.eventPosition.commit)).toBe(
      BigInt(closed!.body.reflects.position.commit) + 1n,
    );
    expect((await get('staff', '/v1/verify')).body.ok).toBe(true);
  });
});

describe('GET /v1/months', () => {
  beforeAll(async () => {
    expect((await close('staff', '2025-05')).status).toBe(200);
  });

  it('lists each close (id, time, who, totals, seal digest), then the open months to the current one', async () => {
    const march = (await get('staff', '/v1/months/2025-03')).body;
    const a = await get('staff', '/v1/months');
    expect(a.body.months.map((m: { month: string; status: string }) => `${m.month} ${m.status}`)).toEqual([
      '2025-03 closed',
      '2025-04 closed',
      '2025-05 closed',
      '2025-06 open',
      '2025-07 open',
      '2025-08 open',
      '2025-09 open',
      '2025-10 open',
      '2025-11 open',
    ]);
    expect(a.body.months[0]).toEqual({
      month: '2025-03',
      status: 'closed',
      nextToClose: false,
      close: {
        id: march.close.id,
        ledgerId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        streamId: 'billing-2025-03',
        commandId: 'close-2025-03',
        eventHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        closedAt: march.close.closedAt,
        closedBy: 'staff:sato',
        firstMonth: true,
        reflects: march.close.reflects,
        sealDigest: march.close.sealDigest,
        keyId: keys.keyId,
      },
      carriesAdjustments: false,
      lines: 3,
      adjustments: 0,
      totals: [
        { billTo: 'acme', lines: 2, adjustments: 0, amount: 80_000 },
        { billTo: 'acme-west', lines: 1, adjustments: 0, amount: 20_000 },
      ],
      total: 100_000,
    });
    expect(a.body.months[3]).toMatchObject({
      month: '2025-06',
      status: 'open',
      nextToClose: true,
      close: null,
    });
    expect(a.body.months[4]).toMatchObject({ month: '2025-07', status: 'open', nextToClose: false });
    expect(a.headers.get('x-ledger-position')).toBe(a.body.generatedFrom.lastPosition.commit);
  });

  it('pages by limit and after; the current month ends the last page', async () => {
    const pages: string[][] = [];
    let after: string | null = null;
    do {
      const a = await get('staff', `/v1/months?limit=2${after ? `&after=${after}` : ''}`);
      pages.push(a.body.months.map((m: { month: string }) => m.month));
      after = a.body.next;
    } while (after !== null);
    expect(pages).toEqual([
      ['2025-03', '2025-04'],
      ['2025-05', '2025-06'],
      ['2025-07', '2025-08'],
      ['2025-09', '2025-10'],
      ['2025-11'],
    ]);
    expect((await get('staff', '/v1/months?limit=0')).status).toBe(400);
  });

  it('shows a contractor its own totals only', async () => {
    const a = await get('west', '/v1/months?limit=1');
    expect(a.body.months[0]).toMatchObject({
      month: '2025-03',
      lines: 1,
      totals: [{ billTo: 'acme-west', lines: 1, amount: 20_000 }],
      total: 20_000,
    });
  });
});

describe('GET /v1/months/{month}', () => {
  it('gives a closed month as its close invoiced it, with the close reference', async () => {
    const a = await get('staff', '/v1/months/2025-03');
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      schema: 'vpn-ledger.charges/v1',
      month: '2025-03',
      status: 'closed',
      recomputed: false,
      close: {
        streamId: 'billing-2025-03',
        closedBy: 'staff:sato',
        sealDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      total: 100_000,
    });
    expect(a.body.lines).toHaveLength(3);
    // GET /v1/charges?month= answers the month as billed too, as `vpn-ledger charges --month` does.
    const charges = await get('staff', '/v1/charges?month=2025-03');
    expect(charges.body).toEqual(a.body);
    // And one contract's lines of that month are the ones its close invoiced, marked closed.
    const first = a.body.lines[0] as { contractId: string; id: string; amount: number };
    const own = await get('staff', `/v1/contracts/${first.contractId}/charges?month=2025-03`);
    expect(own.body).toMatchObject({ status: 'closed', close: { streamId: 'billing-2025-03' } });
    expect(own.body.lines).toContainEqual(expect.objectContaining({ id: first.id, amount: first.amount }));
  });

  it('gives an open month as it stands, and the first open month with the adjustments it carries', async () => {
    const open = await get('staff', '/v1/months/2025-10');
    expect(open.body).toMatchObject({
      month: '2025-10',
      status: 'open',
      close: null,
      carriesAdjustments: false,
    });
    expect(open.body.lines.length).toBeGreaterThan(0);
    const next = await get('staff', '/v1/months/2025-06');
    expect(next.body).toMatchObject({ status: 'open', carriesAdjustments: true });
  });

  it('shows a contractor the lines billed to it', async () => {
    const west = await get('west', '/v1/months/2025-03');
    expect(west.body.lines.map((l: { billTo: string }) => l.billTo)).toEqual(['acme-west']);
    expect(west.body.total).toBe(20_000);
    const kobe = await get('kobe', '/v1/months/2025-03');
    expect(kobe.body.lines).toEqual([]);
    expect(kobe.body.status).toBe('closed');
  });

  it('answers CSV by format=csv or Accept: text/csv, as /v1/charges', async () => {
    const a = await get('staff', '/v1/months/2025-03', { accept: 'text/csv' });
    expect(a.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = a.text.trim().split('\n');
    expect(rows[0]).toMatch(/^line_id,contract_id,/);
    expect(rows).toHaveLength(4);
    expect((await get('staff', '/v1/months/2025-03?format=csv')).text).toBe(a.text);
  });
});

describe('GET /v1/months/{month}/export', () => {
  it('gives staff every invoice document of a closed month, with the close and its seal', async () => {
    const a = await get('staff', '/v1/months/2025-03/export');
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ schema: 'vpn-ledger.export/v1', month: '2025-03', status: 'closed' });
    expect(a.body.documents.map((d: { billTo: string }) => d.billTo)).toEqual(['acme', 'acme-west']);
    const months = await get('staff', '/v1/months?limit=1');
    for (const d of a.body.documents) {
      expect(d).toMatchObject({ schema: 'vpn-ledger.invoice/v1', status: 'closed', currency: 'JPY' });
      expect(d.close.id).toBe(months.body.months[0].close.id);
      expect(d.close.sealDigest).toBe(months.body.months[0].close.sealDigest);
    }
    expect(a.body.documents[0].totals.amount).toBe(80_000);
    const csv = await get('staff', '/v1/months/2025-03/export?format=csv');
    expect(csv.text.split('\n')[0]).toMatch(/^record,month,status,bill_to,/);
    // Lines only: the amount column adds up to the month's total, no total row counted twice.
    const rows = csv.text.trim().split('\n').slice(1);
    expect(rows.every((r) => /^(line|adjustment),/.test(r))).toBe(true);
    const amountAt = EXPORT_HEADER.indexOf('amount_yen');
    expect(rows.reduce((sum, r) => sum + Number(r.split(',')[amountAt]), 0)).toBe(100_000);
    expect(a.body.totals).toMatchObject({ amount: 100_000, lines: { count: 3, amount: 100_000 } });
  });

  it('gives the totals as a table of their own (totals=true), and headers and articles in the language', async () => {
    const totals = await get('staff', '/v1/months/2025-03/export?format=csv&totals=true');
    const rows = totals.text.trim().split('\n');
    expect(rows[0]).toBe(
      'record,month,status,bill_to,lines,lines_yen,adjustments,adjustments_yen,amount_yen,close_id,seal_digest',
    );
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 9).join(','))).toEqual([
      'bill-to,2025-03,closed,acme,2,80000,0,0,80000',
      'bill-to,2025-03,closed,acme-west,1,20000,0,0,20000',
      'all,2025-03,closed,,3,100000,0,0,100000',
    ]);
    const ja = await get('staff', '/v1/months/2025-03/export?format=csv&lang=ja');
    const [header, ...lines] = ja.text.trim().split('\n');
    expect(header).toMatch(/^行の種類,請求月,締めの状態,請求先,明細ID,/);
    expect(lines.join('\n')).toMatch(/第\d+条/);
    expect(lines.join('\n')).not.toMatch(/Art\. /);
  });

  it("gives a contractor its own document only; another's is 404, as one billed nothing", async () => {
    const west = await get('west', '/v1/months/2025-03/export');
    expect(west.body.documents.map((d: { billTo: string }) => d.billTo)).toEqual(['acme-west']);
    const others = await get('west', '/v1/months/2025-03/export?billTo=acme');
    expect(others.status).toBe(404);
    expect(problemOf(others)).toMatchObject({ code: 'NO_INVOICE', field: 'billTo' });
    const none = await get('kobe', '/v1/months/2025-03/export');
    expect(none.status).toBe(404);
    expect(problemOf(none).code).toBe('NO_INVOICE');
    expect(
      (await get('staff', '/v1/months/2025-03/export?billTo=acme')).body.documents.map(
        (d: { billTo: string }) => d.billTo,
      ),
    ).toEqual(['acme']);
  });

  it('refuses an open month (409) unless draft=true, which marks it a draft', async () => {
    const refused = await get('staff', '/v1/months/2025-10/export');
    expect(refused.status).toBe(409);
    expect(problemOf(refused)).toMatchObject({ code: 'MONTH_NOT_CLOSED', field: 'month' });
    const draft = await get('staff', '/v1/months/2025-10/export?draft=true');
    expect(draft.body.status).toBe('draft');
    expect(draft.body.documents.length).toBeGreaterThan(0);
    for (const d of draft.body.documents) expect(d).toMatchObject({ status: 'draft', close: null });
  });
});
