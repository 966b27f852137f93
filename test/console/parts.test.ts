/** The console's parts without a browser: escaping, the article headings, cookies, the language, Chromium's path. */
import { chromiumPath, launchChromium } from '../../bench/console/chromium';
import { PROVISIONS, provisionNotes } from '../../src/render/articles';
import { html } from '../../src/server/console/html';
import {
  clearSessionCookie,
  consoleLang,
  cookiesOf,
  sameOrigin,
  setSessionCookie,
} from '../../src/server/console/session';

describe('html', () => {
  it('escapes every value and inserts only html fragments as markup', () => {
    const name = `<script>alert("x")</script>&'`;
    expect(html`<td title="${name}">${name}</td>`.markup).toBe(
      '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</td>',
    );
    expect(html`<ul>${['a<', html`<li>b</li>`, null, false, undefined, 3]}</ul>`.markup).toBe(
      '<ul>a&lt;<li>b</li>3</ul>',
    );
  });
});

describe('the articles cited, with headings and readings', () => {
  it('names each provision of a stored citation once, in either language', () => {
    expect(provisionNotes('ja', 'Art. 5(1); Art. 19; Annex 1 §2(1)').map((n) => n.title)).toEqual([
      '第5条（最低利用期間）',
      '第19条（料金）',
      '別紙1 IIJマネージドVPN PROサービスにおける料金等',
    ]);
    expect(provisionNotes('en', 'Art. 14(3); Art. 14(1)(2)').map((n) => n.title)).toEqual([
      'Art. 14 Care of equipment',
    ]);
    expect(provisionNotes('ja', 'Art. 20(1)')[0]!.reading).toContain('調定金');
  });

  it('has a heading for every article of the terms (1 to 23) and every annex', () => {
    for (let n = 1; n <= 23; n++) {
      expect(provisionNotes('ja', `Art. ${n}`)).toHaveLength(1);
      expect(provisionNotes('en', `Art. ${n}`)).toHaveLength(1);
    }
    for (let n = 1; n <= 4; n++) expect(provisionNotes('ja', `Annex ${n}`)).toHaveLength(1);
    expect(Object.keys(PROVISIONS.ja).sort()).toEqual(Object.keys(PROVISIONS.en).sort());
  });
});

describe('session', () => {
  it('reads cookies by name, the first of a name winning, and ignores what is not encoded text', () => {
    const c = cookiesOf('a=1; vpn_ledger_console=vlt_x%5Fy; a=2; bad=%E0%A4%A');
    expect(c.get('a')).toBe('1');
    expect(c.get('vpn_ledger_console')).toBe('vlt_x_y');
    expect(c.has('bad')).toBe(false);
  });

  it('marks the cookie Secure when the console is reached over https (or always, when told), and clears it on sign-out', () => {
    const headers: string[] = [];
    const reply = (request: { encrypted?: boolean; forwarded?: string }) =>
      ({
        header: (name: string, value: string) => headers.push(`${name}: ${value}`),
        request: {
          raw: { socket: { encrypted: request.encrypted } },
          headers: request.forwarded === undefined ? {} : { 'x-forwarded-proto': request.forwarded },
        },
      }) as never;
    setSessionCookie(reply({}), 'id-a', { secureCookie: true });
    setSessionCookie(reply({}), 'id-b', {});
    setSessionCookie(reply({ forwarded: 'https' }), 'id-c', {});
    setSessionCookie(reply({ forwarded: 'http' }), 'id-d', {});
    setSessionCookie(reply({ encrypted: true }), 'id-e', {});
    clearSessionCookie(reply({}), { secureCookie: true });
    expect(headers).toEqual([
      'Set-Cookie: vpn_ledger_console=id-a; Path=/console; HttpOnly; SameSite=Strict; Max-Age=43200; Secure',
      'Set-Cookie: vpn_ledger_console=id-b; Path=/console; HttpOnly; SameSite=Strict; Max-Age=43200',
      'Set-Cookie: vpn_ledger_console=id-c; Path=/console; HttpOnly; SameSite=Strict; Max-Age=43200; Secure',
      'Set-Cookie: vpn_ledger_console=id-d; Path=/console; HttpOnly; SameSite=Strict; Max-Age=43200',
      'Set-Cookie: vpn_ledger_console=id-e; Path=/console; HttpOnly; SameSite=Strict; Max-Age=43200; Secure',
      'Set-Cookie: vpn_ledger_console=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0; Secure',
    ]);
  });

  it("takes a form as the console's own by Sec-Fetch-Site, else by Origin against the host asked", () => {
    const req = (headers: Record<string, string>) => ({ headers }) as never;
    expect(sameOrigin(req({ 'sec-fetch-site': 'same-origin', origin: 'https://x' }))).toBe(true);
    expect(sameOrigin(req({ 'sec-fetch-site': 'cross-site', host: 'a:1', origin: 'http://a:1' }))).toBe(
      false,
    );
    expect(sameOrigin(req({ host: 'a:1', origin: 'http://a:1' }))).toBe(true);
    expect(sameOrigin(req({ host: 'a:1', origin: 'https://evil.example' }))).toBe(false);
    expect(
      sameOrigin(
        req({
          host: '10.0.0.5:8080',
          origin: 'https://ledger.example',
          'x-forwarded-host': 'ledger.example',
        }),
      ),
    ).toBe(true);
    expect(sameOrigin(req({ host: 'a:1', origin: 'null' }))).toBe(false);
    expect(sameOrigin(req({ host: 'a:1' }))).toBe(true);
  });

  it('takes the language from ?lang=, else Accept-Language by quality, else English', () => {
    const req = (query: Record<string, string>, accept?: string) =>
      ({ query, headers: accept === undefined ? {} : { 'accept-language': accept } }) as never;
    expect(consoleLang(req({ lang: 'ja' }, 'en'))).toEqual({ lang: 'ja', chosen: true });
    expect(consoleLang(req({ lang: 'fr' }, 'fr;q=1, ja-JP;q=0.8, en;q=0.5'))).toEqual({
      lang: 'ja',
      chosen: false,
    });
    expect(consoleLang(req({}, 'ja;q=0, de'))).toEqual({ lang: 'en', chosen: false });
    expect(consoleLang(req({}))).toEqual({ lang: 'en', chosen: false });
  });
});

describe('Chromium', () => {
  it('is looked for at PLAYWRIGHT_CHROMIUM, CHROMIUM_PATH, else /usr/bin/chromium', () => {
    expect(chromiumPath({ PLAYWRIGHT_CHROMIUM: '/a', CHROMIUM_PATH: '/b' })).toBe('/a');
    expect(chromiumPath({ CHROMIUM_PATH: '/b' })).toBe('/b');
    expect(chromiumPath({})).toBe('/usr/bin/chromium');
  });

  it('fails, saying how to install it, when it is not there', async () => {
    const saved = process.env.PLAYWRIGHT_CHROMIUM;
    process.env.PLAYWRIGHT_CHROMIUM = '/nonexistent/chromium';
    try {
      await expect(launchChromium()).rejects.toThrow(
        /Chromium not found at \/nonexistent\/chromium\. Install Debian's chromium .*apt-get install -y --no-install-recommends chromium fonts-noto-cjk/,
      );
    } finally {
      if (saved === undefined) delete process.env.PLAYWRIGHT_CHROMIUM;
      else process.env.PLAYWRIGHT_CHROMIUM = saved;
    }
  });
});
