/**
 * The web console in a real browser: Debian's Chromium through playwright-core, against the BUILT
 * server (`vpn-ledger serve`) on a loopback port over the demo ledger. Staff searches, opens a
 * contract, moves its as-of date, opens a charge line's explanation and an article's heading,
 * switches to Japanese and back; a contractor sees only its own contracts and gets "not found" for
 * another's. Without Chromium the suite fails, saying how to install it (CI installs it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../bench/console/chromium';
import { type DemoWorkspace, writeDemoWorkspace } from '../../bench/console/demo';
import { ensureDist, ROOT } from '../support/dist';
import { type ServerProcess, startServerProcess } from '../support/server-process';

let dir: string;
let workspace: DemoWorkspace;
let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  const note = ensureDist();
  if (note) console.warn(note);
  dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-console-'));
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

const signIn = async (page: Page, token: string) => {
  await page.goto(`${server.url}/console`);
  await expectText(page.locator('h1'), 'Sign in');
  // By keyboard: the field has the focus, Enter sends the form.
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/console$/);
};

const expectText = async (locator: ReturnType<Page['locator']>, text: string | RegExp) => {
  await locator.first().waitFor();
  expect(await locator.first().isVisible()).toBe(true);
  const shown = (await locator.first().textContent()) ?? '';
  if (typeof text === 'string') expect(shown).toContain(text);
  else expect(shown).toMatch(text);
};

const bodyText = async (page: Page) => (await page.locator('main').textContent()) ?? '';

it('lets staff search, read a contract as of a date, explain a charge, and switch to Japanese and back', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  try {
    await signIn(page, workspace.tokens.staff);
    await expectText(page.locator('header'), 'Signed in as staff:sato');
    // The token is in an HttpOnly cookie, never in a URL.
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({
      name: 'vpn_ledger_console',
      httpOnly: true,
      sameSite: 'Strict',
      path: '/console',
    });
    expect(page.url()).not.toContain(workspace.tokens.staff);

    // Search by holder.
    await page.getByLabel('Holder (contractor id)').fill('acme-west');
    await page.getByLabel('Status as of').fill('2025-10-01');
    await page.getByRole('button', { name: 'Search' }).click();
    await expectText(page.locator('main [role=status]'), '1 contract');
    const rows = await page.locator('main table tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('c-osaka');
    expect(rows[0]).toContain('termination-scheduled');

    // Open the contract: the as-of date of the search carries over, and the URL keeps it.
    await page.getByRole('link', { name: 'c-osaka' }).click();
    await expectText(page.locator('h1'), 'Contract c-osaka');
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2025-10-01');
    await expectText(page.locator('#state'), 'State on 2025-10-01');
    expect(await page.locator('section[aria-labelledby=state]').textContent()).toMatch(
      /status\s*termination-scheduled/,
    );

    // Move the as-of date and the month: the contract has ended.
    await page.getByLabel('As effective on').fill('2025-11-05');
    await page.getByLabel('Charges of the month').fill('2025-10');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL(/asOf=2025-11-05/);
    expect(new URL(page.url()).searchParams.get('month')).toBe('2025-10');
    const state = (await page.locator('section[aria-labelledby=state]').textContent()) ?? '';
    expect(state).toContain('State on 2025-11-05');
    expect(state).toMatch(/status\s*terminated/);
    // The timeline cites each step's article; its heading and the ledger's reading open on demand.
    const timeline = page.locator('section[aria-labelledby=timeline]');
    const firstArticle = timeline.locator('details.article').first();
    expect(await firstArticle.locator('.provision').isVisible()).toBe(false);
    await firstArticle.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expectText(firstArticle.locator('.provision'), 'Art. 1 Types');
    // Minimum terms with their reason, deadlines with their status.
    await expectText(page.locator('section[aria-labelledby=terms]'), 'billing-start');
    await expectText(page.locator('section[aria-labelledby=deadlines]'), 'Art. 14(3)');

    // A charge line of the month, explained.
    const charges = page.locator('section[aria-labelledby=charges]');
    await expectText(charges, 'Charges of 2025-10');
    await charges.getByRole('link', { name: 'Explain line c-osaka:2025-10:monthly-basic' }).click();
    await expectText(page.locator('h1'), 'Charge line c-osaka:2025-10:monthly-basic');
    const explained = await bodyText(page);
    expect(explained).toMatch(/formula\s*basic service/);
    expect(explained).toContain('Why: the events behind it');
    expect(explained).toContain('Data as stored');
    expect(explained).toContain('BillingStarted');

    // Japanese, and the rest of the URL kept; then a link within the console stays Japanese.
    const before = new URL(page.url());
    await page.getByRole('link', { name: '日本語' }).click();
    await expectText(page.locator('h1'), '料金明細 c-osaka:2025-10:monthly-basic');
    expect(new URL(page.url()).pathname).toBe(before.pathname);
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    const ja = await bodyText(page);
    expect(ja).toContain('根拠となる事実');
    expect(ja).toContain('課金開始日');
    await page.locator('main dl a', { hasText: 'c-osaka' }).first().click();
    await expectText(page.locator('h1'), '契約 c-osaka');
    await expectText(page.locator('section[aria-labelledby=terms] h2'), '最低利用期間');
    await page.getByRole('link', { name: 'English' }).click();
    await expectText(page.locator('h1'), 'Contract c-osaka');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // Signing out forgets the cookie: the console asks to sign in again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectText(page.locator('main'), 'You have signed out.');
    await page.goto(`${server.url}/console/contracts/c-osaka`);
    await expectText(page.locator('h1'), 'Sign in');
  } finally {
    await context.close();
  }
}, 60_000);

it("shows a contractor only its own contracts, and another's as not found", async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  try {
    await signIn(page, workspace.tokens.kobe);
    await expectText(page.locator('main [role=status]'), '2 contracts');
    const listed = await page.locator('main table tbody tr td:first-child').allInnerTexts();
    expect(listed.sort()).toEqual(['c-himeji', 'c-kobe']);

    await page.goto(`${server.url}/console/contracts/c-tokyo-hq`);
    await expectText(page.locator('h1'), 'Not found');
    const another = (await page.locator('main [role=alert]').textContent()) ?? '';
    expect(another).toContain('c-tokyo-hq');
    // Exactly what a contract that does not exist gets.
    await page.goto(`${server.url}/console/contracts/c-nowhere`);
    const none = (await page.locator('main [role=alert]').textContent()) ?? '';
    expect(another.replace('c-tokyo-hq', 'ID')).toBe(none.replace('c-nowhere', 'ID'));

    // Its month: only the lines billed to it.
    await page.goto(`${server.url}/console/months/2025-10`);
    const headings = await page.locator('main h2').allInnerTexts();
    expect(headings.filter((h) => h.startsWith('Billed to'))).toEqual(['Billed to kobe-foods']);

    // A wrong token is refused in words.
    const fresh = await browser.newContext({ locale: 'ja-JP' });
    const other = await fresh.newPage();
    await other.goto(`${server.url}/console/sign-in`);
    await other.getByLabel('トークン').fill('vlt_0000_nothing');
    await other.getByRole('button', { name: 'サインイン' }).click();
    await expectText(
      other.locator('main [role=alert]'),
      'そのトークンは登録されていないか、失効しているか、有効期限が切れています。',
    );
    await fresh.close();
  } finally {
    await context.close();
  }
}, 60_000);
