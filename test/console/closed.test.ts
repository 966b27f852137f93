/**
 * A month in the console once it is closed: the lines invoiced with the close that invoiced them,
 * and the first open month carrying the adjustment of a fact recorded after the close (the demo
 * history, its months closed up to 2025-10, then a configuration job of October).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPrincipal, parsePrincipal } from '../../src/auth/principal';
import { newToken, TOKENS_SCHEMA, writeTokenFile } from '../../src/auth/tokens';
import { type RunningServer, startServer } from '../../src/server/server';
import { consoleSession } from '../server/support';
import { demoClosedWithLateJob } from '../support/billing';

let dir: string;
let server: RunningServer;
let token: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-console-closed-'));
  const path = join(dir, 'ledger.db');
  const { store } = await demoClosedWithLateJob(path);
  await store.close();
  const principal = parsePrincipal('staff:sato');
  if (!isPrincipal(principal)) throw new Error(principal.problem);
  const made = newToken(principal, null, '2026-01-01T00:00:00Z');
  token = made.token;
  const tokensPath = join(dir, 'tokens.json');
  writeTokenFile(tokensPath, { schema: TOKENS_SCHEMA, tokens: [made.record] });
  server = await startServer({
    store: { kind: 'sqlite', path },
    tokensPath,
    port: 0,
    host: '127.0.0.1',
    clock: () => '2026-02-02T00:00:00.000Z',
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let session: string | null = null;
const page = async (path: string) => {
  session ??= await consoleSession(server.url, token);
  const res = await fetch(`${server.url}${path}`, { headers: { cookie: session } });
  expect(res.status).toBe(200);
  return res.text();
};

it('shows a closed month as invoiced, with its close', async () => {
  const october = await page('/console/months/2025-10');
  expect(october).toContain('<strong>Closed.</strong>');
  expect(october).toContain('by staff:sato (close ');
  expect(october).not.toContain('job-late');
  const ja = await page('/console/months/2025-10?lang=ja');
  expect(ja).toContain('2025年10月の請求');
  expect(ja).toContain('<strong>締め済み。</strong>');
});

it('carries the adjustment of a late fact into the first open month, linked to what it corrects', async () => {
  const november = await page('/console/months/2025-11');
  expect(november).toContain('<strong>Open.</strong>');
  expect(november).toContain('1 adjustment of closed months billed in this month.');
  expect(november).toContain('href="/console/charge-lines/c-nagoya%3A2025-10%3Aconfig-change%3Ajob-late"');
  expect(november).toContain('The line corrected');
  const corrected = await page('/console/charge-lines/c-nagoya%3A2025-10%3Aconfig-change%3Ajob-late');
  expect(corrected).toContain('Charge line c-nagoya:2025-10:config-change:job-late');
  expect(corrected).toContain('ConfigurationChangePerformed');
});

describe('the months at a glance, statements, the CSV for Excel', () => {
  const get = async (path: string) => {
    session ??= await consoleSession(server.url, token);
    return fetch(`${server.url}${path}`, { headers: { cookie: session } });
  };

  it('lists every month from the first charge to the current one, closed or open, with each close', async () => {
    const months = await page('/console/months');
    expect(months).toContain('<h1>Billing months</h1>');
    for (const m of ['2025-03', '2025-10', '2025-11', '2026-02'])
      expect(months).toContain(`href="/console/months/${m}"`);
    expect(months).not.toContain('href="/console/months/2026-03"');
    expect(months).toMatch(/<td>closed<\/td><td class="id">staff:sato<\/td>/);
    expect(months).toContain('<td>open (next to close)</td>');
    expect(months).toContain('href="/console/months/2025-10/statements/acme"');
    // The nav links to it on every page.
    expect(await page('/console/months/2025-10')).toContain('href="/console/months">Months</a>');
    const ja = await page('/console/months?lang=ja');
    expect(ja).toContain('請求月の一覧');
    expect(ja).toContain('未締め（次に締める月）');
  });

  it('serves a printable statement of a closed month per bill-to, under a policy that allows only its own style', async () => {
    const res = await get('/console/months/2025-10/statements/acme');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    const text = await res.text();
    expect(text).toContain('Statement of charges');
    expect(text).toMatch(/Statement no\. S-202510-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/);
    expect(text).toContain('without consumption tax');
    expect((await get('/console/months/2025-10/statements/nobody')).status).toBe(404);
    expect((await get('/console/months/2025-11/statements/acme')).status).toBe(409);
    expect(await page('/console/months/2025-10')).toContain(
      'href="/console/months/2025-10/statements/acme-west"',
    );
  });

  it('downloads the CSV in the form Excel opens as it is: a byte order mark, CRLF', async () => {
    const res = await get('/console/months/2025-10/charges.csv?lang=ja');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.startsWith('明細ID,契約ID,')).toBe(true);
    expect(text.split('\r\n').length).toBeGreaterThan(2);
    expect(text).toContain('第10条第4項');
  });
});
