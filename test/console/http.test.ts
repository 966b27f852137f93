/** The console over HTTP, without a browser: sign-in, redirects, what a form from elsewhere gets, escaping, CSV. */
import { consoleSession, startTestServer, type TestServer } from '../server/support';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });

/** A session per token, signed in once (sign-ins are limited per address). */
const sessions = new Map<string, Promise<string>>();
const signedIn = async (path: string, token = server.tokens.staff) => {
  if (!sessions.has(token)) sessions.set(token, consoleSession(server.url, token));
  const cookie = await sessions.get(token)!;
  return fetch(`${server.url}${path}`, { redirect: 'manual', headers: { cookie } });
};

it('sends a visitor without a session to sign in, and back to the page after', async () => {
  const res = await fetch(`${server.url}/console/months/2025-10?lang=ja`, { redirect: 'manual' });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe(
    '/console/sign-in?next=%2Fconsole%2Fmonths%2F2025-10%3Flang%3Dja&lang=ja',
  );
  const origin = { origin: new URL(server.url).origin };
  const ok = await post(
    '/console/sign-in',
    { token: server.tokens.staff, next: '/console/months/2025-10' },
    origin,
  );
  expect(ok.status).toBe(303);
  expect(ok.headers.get('location')).toBe('/console/months/2025-10');
  expect(ok.headers.get('set-cookie')).toMatch(
    /^vpn_ledger_console=[A-Za-z0-9_-]{43}; Path=\/console; HttpOnly; SameSite=Strict; Max-Age=43200$/,
  );
  // Only a console page is a place to go back to.
  const elsewhere = await post(
    '/console/sign-in',
    { token: server.tokens.staff, next: '//evil.example/console' },
    origin,
  );
  expect(elsewhere.headers.get('location')).toBe('/console');
});

it('refuses a sign-in form posted from another site, and a revoked token', async () => {
  const cross = await post(
    '/console/sign-in',
    { token: server.tokens.staff },
    { origin: 'https://evil.example' },
  );
  expect(cross.status).toBe(403);
  expect(cross.headers.get('set-cookie')).toBeNull();
  expect(await cross.text()).toContain('Refused: the form was not sent from this console.');
  const revoked = await post(
    '/console/sign-in',
    { token: server.tokens.revoked },
    { origin: new URL(server.url).origin },
  );
  expect(revoked.status).toBe(401);
  expect(await revoked.text()).toContain('That token is unknown, revoked or expired.');
  // A cookie holding a token (as the console once kept) is no session.
  const raw = await fetch(`${server.url}/console`, {
    redirect: 'manual',
    headers: { cookie: `vpn_ledger_console=${server.tokens.staff}` },
  });
  expect(raw.status).toBe(303);
});

it('escapes what the user typed, and says what is wrong with it', async () => {
  const res = await signedIn('/console?id=%3Cscript%3Ex%3C%2Fscript%3E&asOf=2025-13-01');
  expect(res.status).toBe(400);
  const page = await res.text();
  expect(page).not.toContain('<script>x</script>');
  expect(page).toContain('value="&lt;script&gt;x&lt;/script&gt;"');
  expect(page).toContain('The date &quot;2025-13-01&quot; is not a calendar date');
  expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(res.headers.get('cache-control')).toBe('no-store');
});

it("downloads a month's lines as CSV, only those billed to a contractor", async () => {
  const staff = await signedIn('/console/months/2025-10/charges.csv');
  expect(staff.headers.get('content-disposition')).toBe('attachment; filename="charges-2025-10.csv"');
  const all = (await staff.text()).trim().split('\n');
  const kobe = (await (await signedIn('/console/months/2025-10/charges.csv', server.tokens.kobe)).text())
    .trim()
    .split('\n');
  expect(kobe[0]).toBe(all[0]);
  expect(kobe.length).toBeGreaterThan(1);
  expect(kobe.length).toBeLessThan(all.length);
  expect(kobe.slice(1).every((l) => l.split(',')[3] === 'kobe-foods')).toBe(true);
});

it("shows a VPN's parent holder the settings of another's contract, not its fees, terms or deadlines (Art. 11)", async () => {
  const res = await signedIn('/console/contracts/c-osaka?asOf=2025-10-01&month=2025-10', server.tokens.acme);
  expect(res.status).toBe(200);
  const page = await res.text();
  expect(page).toContain('You see this contract as the parent holder of VPN n-tokyo');
  expect(page).toContain('acme-west');
  expect(page).not.toContain('id="terms"');
  expect(page).not.toContain('id="deadlines"');
  expect(page).not.toContain('monthly fee');
  // Its holder sees them.
  const holder = await (
    await signedIn('/console/contracts/c-osaka?asOf=2025-10-01', server.tokens.west)
  ).text();
  expect(holder).toContain('id="terms"');
  expect(holder).toContain('monthly fee');
});

it('reads a contract as the ledger knew it at a time, kept in the URL', async () => {
  const before = await signedIn('/console/contracts/c-osaka?asOf=2025-10-01&knownAt=2025-10-31');
  expect(before.status).toBe(404);
  expect(await before.text()).toContain('Contract c-osaka has no accepted application.');
  const later = await signedIn('/console/contracts/c-osaka?asOf=2025-10-01&knownAt=2025-11-01T10:00');
  expect(later.status).toBe(200);
  const page = await later.text();
  expect(page).toContain('as the ledger knew it at 2025-11-01 10:00:00 JST');
  expect(page).toContain('name="knownAt" value="2025-11-01T10:00"');
  // An instant in another form is shown in Japan time, so that the form keeps it when sent again.
  const utc = await (await signedIn('/console/contracts/c-osaka?knownAt=2025-11-01T01:00:00Z')).text();
  expect(utc).toContain('name="knownAt" value="2025-11-01T10:00:00"');
  const day = await (await signedIn('/console/contracts/c-osaka?knownAt=2025-11-01')).text();
  expect(day).toContain('step="0.001" name="knownAt" value="2025-11-01T23:59:59.999"');
  const bad = await signedIn('/console/contracts/c-osaka?knownAt=yesterday');
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain('The time &quot;yesterday&quot; is not a time');
});

it('answers a path the console does not have with a page in its language, after sign-in', async () => {
  const res = await signedIn('/console/contracts-list?lang=ja');
  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  const page = await res.text();
  expect(page).toContain('コンソールに /console/contracts-list というページはありません。');
  expect(page).toContain('<a href="/console?lang=ja">');
  // The path as sent, still percent-encoded: no markup of the visitor's reaches the page.
  const encoded = await (await signedIn('/console/%3Cb%3Ex')).text();
  expect(encoded).toContain('The console has no page at /console/%3Cb%3Ex.');
  expect(encoded).not.toContain('<b>x');
  // Signed out: to sign in first, as for every page.
  const visitor = await fetch(`${server.url}/console/nowhere`, { redirect: 'manual' });
  expect(visitor.status).toBe(303);
  expect(visitor.headers.get('location')).toBe('/console/sign-in?next=%2Fconsole%2Fnowhere');
  // The console's own address with a slash is the console.
  const slash = await signedIn('/console/?lang=ja');
  expect(slash.status).toBe(303);
  expect(slash.headers.get('location')).toBe('/console?lang=ja');
  // The API's own unknown routes still answer as the API does.
  expect((await fetch(`${server.url}/v1/nowhere`)).status).toBe(401);
});
