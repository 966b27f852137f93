/**
 * The console's sessions (issue 26): signing in exchanges a token for a session kept in the
 * ledger's database; the cookie is its id, never the token, worth nothing as a Bearer token and
 * nothing once signed out; a session expires, and ends when its token is revoked; the cookie is
 * Secure behind https; sign-in attempts are limited per address and per token; tokens may expire.
 */
import Database from 'better-sqlite3';
import { readTokenFile, writeTokenFile } from '../../src/auth/tokens';
import { consoleText } from '../../src/render/console';
import { call, consoleSession, startTestServer, type TestServer } from './support';

const signInForm = (server: TestServer, token: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/console/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: new URL(server.url).origin,
      ...headers,
    },
    body: new URLSearchParams({ token }).toString(),
  });

const page = (server: TestServer, cookie: string, path = '/console') =>
  fetch(`${server.url}${path}`, { redirect: 'manual', headers: { cookie } });

const wrongSecret = (token: string) => `${token.slice(0, -6)}AAAAAA`;

describe('a console session', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('is a session id, not the token: it is no Bearer token, is kept hashed in the ledger, and ends at sign-out', async () => {
    // Given staff signed in
    const cookie = await consoleSession(server.url, server.tokens.staff);
    const id = cookie.slice('vpn_ledger_console='.length);
    expect(id).not.toContain(server.tokens.staff);
    expect((await page(server, cookie)).status).toBe(200);
    // Then the cookie is worth nothing as a Bearer token (it was the raw token)
    const bearer = await fetch(`${server.url}/v1/contracts/c-osaka`, {
      headers: { authorization: `Bearer ${id}` },
    });
    expect(bearer.status).toBe(401);
    // And the session is in the ledger's file, by its hash only
    const db = new Database(server.path, { readonly: true });
    try {
      const rows = db.prepare('SELECT * FROM console_sessions').all() as Record<string, string>[];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        token_id: server.records.staff.id,
        principal: 'staff:sato',
        created_at: '2025-11-05T03:00:00.000Z',
        expires_at: '2025-11-05T15:00:00.000Z',
      });
      expect(JSON.stringify(rows)).not.toContain(id);
    } finally {
      db.close();
    }
    // When staff signs out
    const out = await fetch(`${server.url}/console/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: new URL(server.url).origin },
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/^vpn_ledger_console=; .*Max-Age=0/);
    // Then the old cookie, kept by whoever copied it, opens nothing
    expect((await page(server, cookie)).status).toBe(303);
  });

  it('expires after 12 hours', async () => {
    const cookie = await consoleSession(server.url, server.tokens.kobe);
    expect((await page(server, cookie)).status).toBe(200);
    server.clock.set('2025-11-05T14:59:59.000Z');
    expect((await page(server, cookie)).status).toBe(200);
    server.clock.set('2025-11-05T15:00:00.000Z');
    expect((await page(server, cookie)).status).toBe(303);
    server.clock.set('2025-11-05T03:00:00.000Z');
    expect((await page(server, cookie)).status).toBe(303);
  });

  it('ends when its token is revoked', async () => {
    const cookie = await consoleSession(server.url, server.tokens.west);
    expect((await page(server, cookie)).status).toBe(200);
    const file = readTokenFile(server.tokensPath);
    writeTokenFile(server.tokensPath, {
      ...file,
      tokens: file.tokens.map((t) =>
        t.id === server.records.west.id ? { ...t, revokedAt: '2025-11-05T03:00:00Z' } : t,
      ),
    });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await page(server, cookie)).status).toBe(303);
  });

  it('has a Secure cookie when the console is reached over https (a proxy says so), not over plain http', async () => {
    const plain = await signInForm(server, server.tokens.acme);
    expect(plain.headers.get('set-cookie')).not.toContain('Secure');
    const proxied = await signInForm(server, server.tokens.acme, { 'x-forwarded-proto': 'https' });
    expect(proxied.headers.get('set-cookie')).toMatch(/; Secure$/);
  });
});

describe('sign-in attempts', () => {
  it('300 wrong tokens from one address: refused 429 with Retry-After once ten were tried in a minute', async () => {
    const server = await startTestServer();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 300; i++) {
        const res = await signInForm(server, `vlt_${i.toString(16).padStart(16, '0')}_${'x'.repeat(43)}`);
        statuses.push(res.status);
        if (res.status === 429) {
          expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
          expect(await res.text()).toContain(
            consoleText('en', 'signIn.tooMany', {
              by: 'address',
              seconds: Number(res.headers.get('retry-after')),
            }),
          );
        } else await res.arrayBuffer();
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses.slice(10)).toEqual(Array(290).fill(429));
      // The right token from the same address waits too: the limit is the address's
      expect((await signInForm(server, server.tokens.staff)).status).toBe(429);
      // The API's Bearer tokens are not the console's sign-in: they go on working
      expect((await call(server, 'staff', 'GET', '/v1/contracts/c-osaka')).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("guessing one token's secret is limited by its id, whatever the address: five in a minute", async () => {
    const server = await startTestServer({ limits: { signInsPerAddress: 1_000 } });
    try {
      for (let i = 0; i < 5; i++) {
        expect((await signInForm(server, wrongSecret(server.tokens.staff))).status).toBe(401);
      }
      const sixth = await signInForm(server, wrongSecret(server.tokens.staff), { 'accept-language': 'ja' });
      expect(sixth.status).toBe(429);
      expect(await sixth.text()).toContain('このトークンでのサインインの試行が多すぎます。');
      // The token itself is locked out for the minute; another token signs in
      expect((await signInForm(server, server.tokens.staff)).status).toBe(429);
      expect((await signInForm(server, server.tokens.kobe)).status).toBe(303);
    } finally {
      await server.stop();
    }
  });
});

describe('a token with an expiry', () => {
  it('is accepted until it expires, then refused by the API and the console alike', async () => {
    const server = await startTestServer();
    try {
      const file = readTokenFile(server.tokensPath);
      writeTokenFile(server.tokensPath, {
        ...file,
        tokens: file.tokens.map((t) =>
          t.id === server.records.kobe.id ? { ...t, expiresAt: '2025-11-06T00:00:00Z' } : t,
        ),
      });
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await call(server, 'kobe', 'GET', '/v1/contracts/c-kobe')).status).toBe(200);
      const cookie = await consoleSession(server.url, server.tokens.kobe);
      server.clock.set('2025-11-06T00:00:00.000Z');
      const refused = await call(server, 'kobe', 'GET', '/v1/contracts/c-kobe');
      expect(refused.status).toBe(401);
      expect(refused.body.message).toBe('The bearer token is unknown, revoked or expired.');
      expect((await page(server, cookie)).status).toBe(303);
      const again = await signInForm(server, server.tokens.kobe);
      expect(again.status).toBe(401);
      expect(await again.text()).toContain('That token is unknown, revoked or expired.');
    } finally {
      await server.stop();
    }
  });
});
