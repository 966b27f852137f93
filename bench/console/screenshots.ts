/**
 * `npm run screenshots`: the console's pictures in docs/ (docs/console-<page>-en.png, -ja.png): a
 * contract, a charge line's explanation, a month and a contractor's termination quote, on the demo
 * grown to 10,010 contracts (grow.ts; kept in bench/.cache/, grown the first time in 10 to 40
 * minutes). The server runs in this process on a free loopback port with the demo's today
 * (2025-11-05), and Chromium (see chromium.ts for its path) signs in as staff and as a contractor.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPrincipal, parsePrincipal } from '../../src/auth/principal';
import { newToken, TOKENS_SCHEMA, type TokenRecord, writeTokenFile } from '../../src/auth/tokens';
import { startServer } from '../../src/server/server';
import { launchChromium } from './chromium';
import { growDemo } from './grow';

const ROOT = join(__dirname, '..', '..', '..');
const DOCS = join(ROOT, 'docs');

const PRINCIPALS = { staff: 'staff:sato', kobe: 'contractor:kobe-foods' } as const;

const SHOTS = [
  {
    name: 'console-contract',
    who: 'staff',
    path: '/console/contracts/c-tokyo-hq?asOf=2025-10-31&month=2025-10',
    open: 2,
  },
  {
    name: 'console-explain',
    who: 'staff',
    path: '/console/charge-lines/c-osaka%3A2025-10%3Aearly-termination',
    open: 0,
  },
  { name: 'console-month', who: 'staff', path: '/console/months/2025-10?size=50', open: 0 },
  { name: 'console-quote', who: 'kobe', path: '/console/contracts/c-himeji/quote?on=2025-12-31', open: 0 },
] as const;

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-screenshots-'));
  try {
    const grown = await growDemo(join(dir, 'ledger.db'), undefined, (l) => console.error(l));
    const tokensPath = join(dir, 'tokens.json');
    const tokens = new Map<string, string>();
    const records: TokenRecord[] = [];
    for (const [who, text] of Object.entries(PRINCIPALS)) {
      const principal = parsePrincipal(text);
      if (!isPrincipal(principal)) throw new Error(principal.problem);
      const made = newToken(principal, who, '2025-11-01T00:00:00Z');
      tokens.set(who, made.token);
      records.push(made.record);
    }
    writeTokenFile(tokensPath, { schema: TOKENS_SCHEMA, tokens: records });
    const server = await startServer({
      store: { kind: 'sqlite', path: grown.path },
      tokensPath,
      port: 0,
      host: '127.0.0.1',
      clock: () => '2025-11-05T03:00:00.000Z',
      logger: false,
    });
    const browser = await launchChromium();
    try {
      for (const lang of ['en', 'ja'] as const) {
        for (const who of Object.keys(PRINCIPALS)) {
          const context = await browser.newContext({
            locale: lang === 'ja' ? 'ja-JP' : 'en-US',
            viewport: { width: 1280, height: 900 },
          });
          const page = await context.newPage();
          await page.goto(`${server.url}/console/sign-in`);
          await page.locator('#token').fill(tokens.get(who)!);
          await page.locator('form button[type=submit]').click();
          await page.waitForURL(/\/console$/);
          for (const shot of SHOTS.filter((s) => s.who === who)) {
            await page.goto(`${server.url}${shot.path}`);
            // A few article notes open, as a reader would open them.
            const notes = page.locator('details.article');
            for (let i = 0; i < Math.min(shot.open, await notes.count()); i++) {
              await notes.nth(i).locator('summary').click();
            }
            const file = join(DOCS, `${shot.name}-${lang}.png`);
            const height = (await page.locator('body').boundingBox())?.height ?? 1900;
            await page.screenshot({
              path: file,
              fullPage: true,
              clip: { x: 0, y: 0, width: 1280, height: Math.min(height, 1900) },
            });
            console.log(`wrote ${file}`);
          }
          await context.close();
        }
      }
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
