/**
 * The console over HTTP on the demo (today 2025-11-05 in Japan), for the pages of issue 23: a
 * contractor's portal (its words, its bills and statements, no staff ids, positions or internal
 * ids), the termination quote, what-if for staff, finding a line by id or amount, the month
 * filtered and paged, an explanation's events in date order with its reply to copy, and what a
 * known-at time hid.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consoleText } from '../../src/render/console';
import { consoleSession, ROOT, startTestServer, type TestServer } from '../server/support';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

type Who = 'staff' | 'kobe' | 'acme' | 'west';
/** A session per principal, signed in once (sign-ins are limited per address). */
const sessions = new Map<Who, Promise<string>>();
const cookieOf = (who: Who) => {
  if (!sessions.has(who)) sessions.set(who, consoleSession(server.url, server.tokens[who]));
  return sessions.get(who)!;
};
const get = async (path: string, who: Who = 'staff') =>
  fetch(`${server.url}${path}`, { redirect: 'manual', headers: { cookie: await cookieOf(who) } });
const text = async (path: string, who: Who = 'staff', status = 200) => {
  const res = await get(path, who);
  const body = await res.text();
  expect({ path, status: res.status }).toEqual({ path, status });
  return body;
};
/** The words of a page, without its markup. */
const words = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe("a contractor's portal", () => {
  const pages = [
    '/console',
    '/console/bills',
    '/console/months',
    '/console/contracts/c-himeji',
    '/console/months/2025-10',
    '/console/statements/2025-10/kobe-foods',
    '/console/charge-lines/c-himeji%3A2025-10%3Amonthly-basic',
    '/console/contracts/c-himeji/quote?on=2025-12-31',
  ];

  it.each(pages)(
    '%s has the words of a customer portal, and no staff id, position or internal id',
    async (path) => {
      for (const lang of ['en', 'ja'] as const) {
        const page = await text(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`, 'kobe');
        expect(page).toContain(
          lang === 'en'
            ? 'IIJ Managed VPN PRO customer portal'
            : 'IIJマネージドVPN PROサービス お客様ポータル',
        );
        expect(page).not.toContain('管理コンソール');
        expect(page).not.toContain('vpn-ledger console');
        expect(page).not.toContain('staff:');
        expect(page).not.toMatch(UUID);
        expect(words(page)).not.toMatch(/position \d|位置\d/);
        expect(page).not.toContain('contract-c-himeji@');
      }
    },
  );

  it('lists its bills from its first contract to this month, each with its statement', async () => {
    const page = words(await text('/console/bills', 'kobe'));
    expect(page).toContain('Your bills');
    for (const month of ['2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11'])
      expect(page).toContain(month);
    expect(page).not.toContain('2025-05');
    expect(await text('/console/bills', 'kobe')).toContain('href="/console/statements/2025-10/kobe-foods"');
  });

  it('prints a statement of a month: its lines, its total, the articles once, a draft while open', async () => {
    const page = words(await text('/console/statements/2025-10/kobe-foods?lang=ja', 'kobe'));
    expect(page).toContain('kobe-foods 様 2025年10月分 明細書');
    expect(page).toContain('この明細書は暫定で');
    expect(page).toContain('明細5件、合計68,899円。');
    expect(page).toContain('金額は別紙1の定めのとおり税抜の円です。');
    // Art. 19 is cited by three lines, and read once in the notes.
    expect(page.split('第19条（料金） 初期費用は').length - 1).toBe(1);
  });

  it("answers another's statement exactly as a bill-to with nothing billed", async () => {
    const another = words(await text('/console/statements/2025-10/acme', 'kobe', 404));
    const nobody = words(await text('/console/statements/2025-10/nobody', 'kobe', 404));
    expect(another.replace(/acme/g, 'X')).toBe(nobody.replace(/nobody/g, 'X'));
  });

  it('shows on its month only the lines billed to it, and no filter by bill-to', async () => {
    const page = await text('/console/months/2025-10', 'kobe');
    expect(words(page)).toContain('1 contractor billed, 5 lines, 68,899 yen in all.');
    expect(page).not.toContain('name="billTo"');
    expect(page).toContain('href="/console/statements/2025-10/kobe-foods"');
  });
});

describe('a termination quote in the console', () => {
  it("is on its contract's page, and answers what ending on a day would cost", async () => {
    const contract = await text('/console/contracts/c-himeji?lang=ja', 'kobe');
    expect(contract).toContain('action="/console/contracts/c-himeji/quote"');
    expect(contract).toContain('解約した場合の費用');
    const page = words(await text('/console/contracts/c-himeji/quote?on=2025-11-10&lang=ja', 'kobe'));
    expect(page).toContain('効力が生じる日（課金の最終日） 2025年12月5日');
    expect(page).toContain('解約は通知の到達から30日を経過した日より前には効力を生じません（第18条）');
    expect(page).toContain('647,612');
    expect(page).toContain('内訳: 2025年12月の残日数26日（31日中）、2026年1月～2028年6月の30か月。');
    expect(page).toContain('dev-himeji-1');
    expect(page).toContain('2026年1月4日');
    expect(page).toContain('何も記録していません');
  });

  it("is the same 404 for another's contract as for one that does not exist", async () => {
    const another = words(await text('/console/contracts/c-tokyo-hq/quote?on=2025-12-31', 'kobe', 404));
    const missing = words(await text('/console/contracts/c-nowhere/quote?on=2025-12-31', 'kobe', 404));
    expect(another.replace(/c-tokyo-hq/g, 'ID')).toBe(missing.replace(/c-nowhere/g, 'ID'));
  });

  it("refuses a VPN's parent holder, and a day already past", async () => {
    expect(words(await text('/console/contracts/c-osaka/quote?on=2025-12-31', 'acme', 403))).toContain(
      'Contract c-osaka is not yours to end',
    );
    expect(words(await text('/console/contracts/c-himeji/quote?on=2025-11-01', 'kobe', 400))).toContain(
      'The day 2025-11-01 has passed',
    );
  });

  it('lets staff quote stopping one option', async () => {
    const page = words(
      await text('/console/contracts/c-fukuoka/quote?on=2025-12-31&option=opt-fukuoka-standby'),
    );
    expect(page).toContain('Quote: stopping option opt-fukuoka-standby of contract c-fukuoka');
    expect(page).toContain('Settlement: 22,500 yen');
  });
});

describe('what-if in the console', () => {
  const commands = readFileSync(join(ROOT, 'examples', 'what-if-fukuoka-termination.jsonl'), 'utf8');
  const post = async (who: Who, body: Record<string, string>, origin = new URL(server.url).origin) =>
    fetch(`${server.url}/console/what-if`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: await cookieOf(who),
        'content-type': 'application/x-www-form-urlencoded',
        origin,
      },
      body: new URLSearchParams(body).toString(),
    });

  it('shows staff what commands would do, and writes nothing', async () => {
    const res = await post('staff', { commands, asOf: '', knownAt: '' });
    expect(res.status).toBe(200);
    const page = words(await res.text());
    expect(page).toContain('nothing was recorded');
    expect(page).toContain('TerminationNoticeReceived');
    const timeline = words(await text('/console/contracts/c-fukuoka'));
    expect(timeline).not.toContain('Termination notice arrived');
  });

  it('is for staff only, and only from the console itself', async () => {
    expect((await post('kobe', { commands })).status).toBe(403);
    expect((await post('staff', { commands }, 'https://evil.example')).status).toBe(403);
    expect(words(await (await post('staff', { commands: '' })).text())).toContain('No command to try.');
  });
});

describe('finding a charge, and a month filtered and paged', () => {
  it('finds a line by its id, and lines by their amount in a month', async () => {
    const byId = await get('/console/find?q=c-osaka%3A2025-10%3Aearly-termination');
    expect(byId.status).toBe(303);
    expect(byId.headers.get('location')).toBe('/console/charge-lines/c-osaka%3A2025-10%3Aearly-termination');
    const byAmount = await get('/console/find?q=99%2C290%E5%86%86&month=2025-10');
    expect(byAmount.headers.get('location')).toBe('/console/months/2025-10?amount=99290');
    const month = words(await text('/console/months/2025-10?amount=99290'));
    expect(month).toContain('Lines 1–1 of 1, 99,290 yen in all.');
    expect(month).toContain('c-osaka');
    expect(words(await text('/console/find?q=hello', 'staff', 400))).toContain(
      '"hello" is neither a charge line id nor an amount in yen.',
    );
  });

  it('filters by kind and article, says a bad filter in words, and shows the last page for one past it', async () => {
    const kind = words(await text('/console/months/2025-10?kind=early-termination-option'));
    expect(kind).toContain('Lines 1–2 of 2, 47,289 yen in all.');
    const article = words(
      await text(`/console/months/2025-10?article=${encodeURIComponent('Art. 21; Annex 3')}`),
    );
    expect(article).toContain('Lines 1–1 of 1, -5,600 yen in all.');
    expect(words(await text('/console/months/2025-10?kind=gift', 'staff', 400))).toContain(
      'The kind "gift" is not a kind of charge.',
    );
    expect(words(await text('/console/months/2025-10?amount=lots', 'staff', 400))).toContain(
      'The amount "lots" is not an amount in yen',
    );
    const past = words(await text('/console/months/2025-10?size=50&page=9'));
    expect(past).toContain('Page 1 of 1');
  });

  it('puts the totals per bill-to first, and counts the contracts in all', async () => {
    const page = await text('/console/months/2025-10');
    expect(page.indexOf('id="totals"')).toBeLessThan(page.indexOf('id="lines"'));
    expect(words(await text('/console'))).toContain('1–7 of 7 contracts');
    expect(words(await text('/console?lang=ja'))).toContain('全7件中 1～7件目');
  });
});

describe('an explanation to paste', () => {
  const line = '/console/charge-lines/c-osaka%3A2025-10%3Aearly-termination';

  it('lists the events in date order, the raw data collapsed, and a reply to copy in both languages', async () => {
    const page = await text(line);
    const dates = [...page.matchAll(/<h3>(\d{4}-\d{2}-\d{2}):/g)].map((m) => m[1]);
    expect(dates).toEqual(['2025-03-25', '2025-04-01', '2025-09-10', '2025-10-15']);
    expect(page).toContain('<details class="raw">');
    expect(page).not.toContain('<details class="raw" open');
    expect(page).toContain('id="reply-en"');
    expect(page).toContain('id="reply-ja"');
    expect(words(page)).toContain(
      'Where: 16 = the days left in October 2025 after the last day billed (of its 31); 5 = the whole months November 2025 to March 2026.',
    );
    expect(page).toContain('内訳: 2025年10月の残日数16日（31日中）、2025年11月～2026年3月の5か月。');
    // Times in Japan time, the zone named.
    expect(words(page)).toMatch(/Recorded at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} JST/);
  });

  it('says what a known-at time hid, and links to the page without it', async () => {
    // The demo is recorded from 2025-11-01 09:00:00 JST on, a second a command.
    const earlier = words(await text(`${line}?knownAt=2025-11-01T00:00:30Z`));
    expect(earlier).toMatch(/As known at that time: \d+ events of this contract recorded later are left out/);
    const hidden = await text(`${line}?knownAt=2025-11-01T00:00:01Z`, 'staff', 404);
    expect(words(hidden)).toContain(
      'As the ledger knew it at 2025-11-01 09:00:01 JST, there was no charge line c-osaka:2025-10:early-termination',
    );
    expect(hidden).toContain(`href="${line}"`);
    // For a line of another's contract, a contractor gets the plain "not found", known-at or not.
    const another = words(await text(`${line}?knownAt=2025-11-01T00:00:01Z`, 'kobe', 404));
    expect(another).not.toContain('known-at time hides');
  });
});

describe('counts at the size of a real book', () => {
  it('are written with their thousands separated, in both languages', () => {
    const values = {
      billTos: 5720,
      lines: 40040,
      total: '1,017,017,430',
      first: 10001,
      last: 10100,
      matched: 40040,
    };
    expect(consoleText('ja', 'month.allTotal', values)).toBe(
      '請求先5,720件、明細40,040件、合計1,017,017,430。',
    );
    expect(consoleText('ja', 'month.showing', values)).toBe(
      '全40,040件中 10,001～10,100件目（合計1,017,017,430）。',
    );
    expect(consoleText('en', 'month.showing', values)).toBe(
      'Lines 10,001–10,100 of 40,040, 1,017,017,430 in all.',
    );
    expect(consoleText('en', 'search.range', { first: 101, last: 200, total: 10010 })).toBe(
      '101–200 of 10,010 contracts',
    );
  });
});
