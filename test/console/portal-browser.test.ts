/**
 * The pages of issue 23 in a real browser: Debian's Chromium through playwright-core, against the
 * BUILT server over the demo ledger. Staff page through a filtered month, copy an explanation as
 * text and follow a known-at hint; a contractor reads its portal, prints a statement and asks what
 * ending a contract would cost; in English and Japanese, and at a phone's width with nothing
 * running off the screen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../bench/console/chromium';
import { type DemoWorkspace, writeDemoWorkspace } from '../../bench/console/demo';
import { addDays, jstDate } from '../../src/terms/dates';
import { ensureDist, ROOT } from '../support/dist';
import { type ServerProcess, startServerProcess } from '../support/server-process';

let dir: string;
let workspace: DemoWorkspace;
let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  const note = ensureDist();
  if (note) console.warn(note);
  dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-portal-'));
  workspace = await writeDemoWorkspace(ROOT, dir);
  server = await startServerProcess([
    '--store',
    `sqlite:${workspace.ledgerPath}`,
    '--tokens',
    workspace.tokensPath,
  ]);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (server) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const signedIn = async (who: 'staff' | 'kobe', options: Parameters<Browser['newContext']>[0] = {}) => {
  const context = await browser.newContext({ locale: 'en-US', ...options });
  const page = await context.newPage();
  await page.goto(`${server.url}/console`);
  await page.keyboard.type(workspace.tokens[who]);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/console$/);
  return { context, page };
};

const main = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

/** Nothing wider than the screen: the page does not scroll sideways. */
const fitsTheScreen = async (page: Page) =>
  page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

const closing = async (context: BrowserContext, run: () => Promise<void>) => {
  try {
    await run();
  } finally {
    await context.close();
  }
};

it('lets staff filter a month by amount, page it, and read the totals per bill-to first', async () => {
  const { context, page } = await signedIn('staff');
  await closing(context, async () => {
    await page.goto(`${server.url}/console/months/2025-10`);
    const headings = await page.locator('main h2').allInnerTexts();
    expect(headings.indexOf('Totals per contractor billed')).toBeLessThan(headings.indexOf('Lines'));
    expect(await page.locator('table.totals tbody tr').count()).toBe(4);
    // Filter by an amount as a customer quotes it.
    await page.getByLabel('Amount (yen)').fill('99,290');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL(/amount=99%2C290|amount=99,290/);
    expect(await main(page)).toContain('Lines 1–1 of 1, 99,290 yen in all.');
    expect(await page.locator('table.lines tbody tr').count()).toBe(1);
    // Pages of 50 lines: the pager says where it is, and "previous" leads nowhere on the first.
    await page.getByRole('link', { name: 'Show every line' }).click();
    await page.getByLabel('Lines a page').selectOption('50');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const pager = page.locator('nav.pager[aria-label="Pages of lines"]');
    expect((await pager.textContent()) ?? '').toMatch(/Previous page\s*Page 1 of 1\s*Next page/);
    expect(await pager.locator('a').count()).toBe(0);
    // The articles are footnotes, each read once.
    const notes = await page.locator('ol.footnotes li').allInnerTexts();
    expect(new Set(notes).size).toBe(notes.length);
    // In Japanese, the same filter kept.
    await page.getByRole('link', { name: '日本語' }).click();
    expect(await main(page)).toContain('請求先ごとの合計');
  });
}, 60_000);

it('copies an explanation as text, in either language, and says what a known-at time hid', async () => {
  const { context, page } = await signedIn('staff');
  await closing(context, async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto(`${server.url}/console/charge-lines/c-osaka%3A2025-10%3Aearly-termination`);
    // The raw data is collapsed.
    expect(await page.locator('details.raw pre').first().isVisible()).toBe(false);
    const copy = page.getByRole('button', { name: 'Copy the English text' });
    await copy.click();
    await page
      .locator('#reply-en-status')
      .getByText(/Copied\.|Selected/)
      .waitFor();
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied).toContain('About the charge c-osaka:2025-10:early-termination of 2025-10:');
    expect(copied).toContain('16 = the days left in October 2025');
    // The Japanese reply is there too, folded.
    await page.getByText('In Japanese').click();
    await page.getByRole('button', { name: 'Copy the Japanese text' }).click();
    await page
      .locator('#reply-ja-status')
      .getByText(/Copied\.|Selected/)
      .waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toContain('2025年10月の残日数16日');

    // As known before its facts were recorded: what the time hid, and the page without it.
    await page.goto(
      `${server.url}/console/charge-lines/c-osaka%3A2025-10%3Aearly-termination?knownAt=2025-11-01T09:00:01&lang=ja`,
    );
    expect(await main(page)).toContain('記録時点の指定により表示されていません');
    await page.getByRole('link', { name: '現在の記録で表示' }).click();
    expect((await page.locator('h1').textContent()) ?? '').toContain(
      '料金明細 c-osaka:2025-10:early-termination',
    );
  });
}, 60_000);

it('gives a contractor its portal: its words, its statement to print, and a termination quote', async () => {
  const { context, page } = await signedIn('kobe', { locale: 'ja-JP' });
  await closing(context, async () => {
    expect((await page.locator('header .home').textContent()) ?? '').toBe(
      'IIJマネージドVPN PROサービス お客様ポータル',
    );
    expect(await page.title()).toContain('お客様ポータル');
    await page.getByRole('link', { name: 'ご請求' }).click();
    await page.getByRole('link', { name: '2025年10月' }).first().waitFor();
    await page.locator('a[href="/console/statements/2025-10/kobe-foods"]').click();
    expect((await page.locator('h1').textContent()) ?? '').toBe('kobe-foods 様 2025年10月分 明細書');
    // Printed: the statement's lines and total, without the console's bar and forms.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.bar').isVisible()).toBe(false);
    expect(await page.locator('table.lines').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // What ending c-himeji 60 days from today would cost.
    const on = addDays(jstDate(new Date().toISOString()), 60);
    await page.goto(`${server.url}/console/contracts/c-himeji`);
    await page.getByLabel('解約の希望日').fill(on);
    await page.getByRole('button', { name: '見積もる' }).click();
    await page.waitForURL(/\/quote\?/);
    const quote = await main(page);
    expect(quote).toContain('見積り: 契約 c-himeji の解約');
    expect(quote).toContain('最低利用期間内解除調定金（第20条、別紙2）');
    expect(quote).toContain('返還する機器（第14条第3項）');
    expect(quote).toContain('dev-himeji-1');
    expect(quote).toContain('何も記録していません');
    expect(quote).not.toContain('staff:');
    // Another's contract: not found, as one that does not exist.
    await page.goto(`${server.url}/console/contracts/c-tokyo-hq/quote?on=${on}`);
    const another = (await main(page)).replace(/c-tokyo-hq/g, 'ID');
    await page.goto(`${server.url}/console/contracts/c-nowhere/quote?on=${on}`);
    expect((await main(page)).replace(/c-nowhere/g, 'ID')).toBe(another);
  });
}, 60_000);

it.each([
  ['staff', '/console/months/2025-10'],
  ['staff', '/console/charge-lines/c-osaka%3A2025-10%3Aearly-termination'],
  ['staff', '/console/contracts/c-osaka?asOf=2025-10-01'],
  ['kobe', '/console/statements/2025-10/kobe-foods?lang=ja'],
  ['kobe', '/console/contracts/c-himeji?lang=ja'],
] as const)(
  'fits a phone screen (%s: %s)',
  async (who, path) => {
    const { context, page } = await signedIn(who, { viewport: { width: 375, height: 740 }, isMobile: true });
    await closing(context, async () => {
      await page.goto(`${server.url}${path}`);
      expect(await fitsTheScreen(page)).toBe(true);
      // The tables of lines become a card per row, each value under its column's name.
      const cards = page.locator('table.cards tbody tr').first();
      if ((await cards.count()) > 0)
        expect(
          await cards.evaluate(
            (tr) =>
              (
                globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }
              ).getComputedStyle(tr).display,
          ),
        ).toBe('block');
    });
  },
  60_000,
);
