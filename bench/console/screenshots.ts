/**
 * `npm run screenshots`: the console's pictures in docs/ (docs/console-contract-en.png, -ja.png,
 * docs/console-explain-en.png, -ja.png). Builds a demo ledger in a temporary directory, starts the
 * built server on a free loopback port, signs in as staff in Chromium (see chromium.ts for its
 * path) and photographs a contract and a charge line's explanation in both languages.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from './chromium';
import { writeDemoWorkspace } from './demo';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const DOCS = join(ROOT, 'docs');

const SHOTS = [
  { name: 'console-contract', path: '/console/contracts/c-tokyo-hq?asOf=2025-10-31&month=2025-10', open: 2 },
  {
    name: 'console-explain',
    path: '/console/charge-lines/c-tokyo-hq%3A2025-10%3Aconfig-change%3Ajob-hq-routing',
    open: 1,
  },
] as const;

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-screenshots-'));
  const workspace = await writeDemoWorkspace(ROOT, dir);
  const child = spawn(
    process.execPath,
    [
      CLI,
      'serve',
      '--store',
      `sqlite:${workspace.ledgerPath}`,
      '--tokens',
      workspace.tokensPath,
      '--port',
      '0',
      '--log-level',
      'warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, VPN_LEDGER_STORE: undefined } },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stderr = '';
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (chunk: string) => {
        stderr += chunk;
        const m = /listening on (http:\/\/\S+) /.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child.on('close', (code) => reject(new Error(`the server exited (${code}): ${stderr}`)));
    });
    const browser = await launchChromium();
    try {
      for (const lang of ['en', 'ja'] as const) {
        const context = await browser.newContext({
          locale: lang === 'ja' ? 'ja-JP' : 'en-US',
          viewport: { width: 1280, height: 900 },
        });
        const page = await context.newPage();
        await page.goto(`${url}/console/sign-in`);
        await page.locator('#token').fill(workspace.tokens.staff);
        await page.locator('form button[type=submit]').click();
        await page.waitForURL(/\/console$/);
        for (const shot of SHOTS) {
          await page.goto(`${url}${shot.path}`);
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
    } finally {
      await browser.close();
    }
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
