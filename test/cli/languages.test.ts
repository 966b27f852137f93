/**
 * The ledger in Japanese, end to end (the BUILT program): the README's Japanese timeline and
 * rejection are the real output of `timeline --lang ja` and `what-if --lang ja` on the demo ledger,
 * and the demo ends with the same words; the language comes from --lang, VPN_LEDGER_LANG or the
 * locale; the commands that gained --lang (close, export, what-if, catalog) speak Japanese with it
 * and English as before without it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runCli } from './built-cli';

const ROOT = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-languages-'));
const STORE = '--store=sqlite:./demo-ledger.db';
let demo = '';

beforeAll(() => {
  ensureBuilt();
  const r = runCli(['demo'], { cwd: dir });
  expect(r.code).toBe(0);
  demo = r.stdout;
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: readonly string[], options: { input?: string; env?: Record<string, string> } = {}) =>
  runCli(args, { cwd: dir, ...options });

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### 日本語 / Languages'));

describe('the README', () => {
  it('shows the real Japanese timeline of c-osaka', () => {
    const shown =
      /```\n\$ vpn-ledger timeline c-osaka --lang ja --store sqlite:\.\/demo-ledger\.db\n([\s\S]*?)```/.exec(
        section,
      );
    expect(shown).not.toBeNull();
    const r = cli(['timeline', 'c-osaka', '--lang', 'ja', STORE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(shown![1]);
  });

  it('shows the real Japanese rejection of a command the terms refuse', () => {
    const shown =
      /```\n\$ echo '(.*)' \| vpn-ledger what-if - --lang ja --store sqlite:\.\/demo-ledger\.db\n([\s\S]*?)```/.exec(
        section,
      );
    expect(shown).not.toBeNull();
    const [, command, output] = shown!;
    const r = cli(['what-if', '-', '--lang', 'ja', STORE], { input: `${command}\n` });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toBe(output);
    expect(r.stdout).toContain(
      'RETURN_NOT_OVERDUE [第14条第3項] 機器 cs-osaka-1 の返還の期限は2025年11月14日です',
    );
  });
});

describe('the demo', () => {
  it('ends with the Japanese timeline of c-osaka and a refused command, as the commands print them', () => {
    const timeline = cli(['timeline', 'c-osaka', '--lang', 'ja', STORE]).stdout;
    // The timeline's title and table, without its provenance line.
    const words = timeline.slice(0, timeline.lastIndexOf('\n（'));
    expect(demo).toContain(`npx vpn-ledger timeline c-osaka --lang ja\n${words}\n`);
    const command = /echo '(.*)' \| npx vpn-ledger what-if - --lang ja\n(.*)\n/.exec(demo);
    expect(command).not.toBeNull();
    const r = cli(['what-if', '-', '--lang', 'ja', STORE], { input: `${command![1]}\n` });
    expect(r.stdout.split('\n')[2]).toBe(command![2]);
    expect(command![2]).toMatch(
      /^1行目: 却下見込み QuoteLossCharge（demo-ja-loss-charge-cs-osaka-1）: RETURN_NOT_OVERDUE/,
    );
  });
});

describe('choosing the language', () => {
  const title = (env: Record<string, string>, args: readonly string[] = []) =>
    cli(['timeline', 'c-osaka', STORE, ...args], { env }).stdout.split('\n')[0];

  it('takes --lang, else VPN_LEDGER_LANG, else LC_ALL, then LANG', () => {
    expect(title({ LANG: 'C.UTF-8', LC_ALL: '' })).toBe('Timeline of contract c-osaka');
    expect(title({ LANG: 'ja_JP.UTF-8', LC_ALL: '' })).toBe('契約 c-osaka の経緯');
    expect(title({ LANG: 'ja_JP.UTF-8', LC_ALL: 'C' })).toBe('Timeline of contract c-osaka');
    expect(title({ VPN_LEDGER_LANG: 'ja', LANG: 'C' })).toBe('契約 c-osaka の経緯');
    expect(title({ VPN_LEDGER_LANG: 'ja' }, ['--lang', 'en'])).toBe('Timeline of contract c-osaka');
    const bad = cli(['timeline', 'c-osaka', STORE], { env: { VPN_LEDGER_LANG: 'fr' } });
    expect(bad).toMatchObject({ code: 2, stderr: 'vpn-ledger: VPN_LEDGER_LANG="fr": use en or ja.\n' });
  });
});

describe('the commands that gained --lang', () => {
  const en = { LANG: 'C.UTF-8', LC_ALL: '' };

  it('export: the table and the refusal of an open month in Japanese, English as before', () => {
    const ja = cli(['export', '--month', '2025-10', '--format', 'table', '--lang', 'ja', STORE]);
    expect(ja.code).toBe(0);
    expect(ja.stdout).toMatch(
      /^2025年10月の請求書。\d{4}年\d+月\d+日 \d\d:\d\d:\d\d（日本時間）に staff:demo が締めました/,
    );
    expect(ja.stdout).toContain('請求先       件数  料金（円）  調整件数  調整額（円）  合計（円）');
    const open = cli(['export', '--month', '2025-11', '--lang', 'ja', STORE]);
    expect(open).toMatchObject({
      code: 1,
      stderr:
        'vpn-ledger: 2025年11月はまだ締めていません。先に締めるか（`vpn-ledger close --month 2025-11`）、--draft を付けて下書きを出力してください。\n',
    });
    const json = JSON.parse(cli(['export', '--month', '2025-10', '--lang', 'ja', STORE]).stdout);
    expect(json.lang).toBe('ja');
    expect(json.documents[0].lines[0].formula).toMatch(/円/);
    expect(cli(['export', '--month', '2025-11', STORE], { env: en }).stderr).toBe(
      'vpn-ledger: 2025-11 is not closed: close it first (`vpn-ledger close --month 2025-11`), or export a draft with --draft.\n',
    );
  });

  it('close: a refusal in Japanese, with its code and article; a closed month answered as closed', () => {
    const closed = cli([
      'close',
      '--month',
      '2025-09',
      '--actor',
      'staff:sato',
      '--command-id',
      'close-again-2025-09',
      '--key',
      'demo-seal-key.pem',
      '--lang',
      'ja',
      STORE,
    ]);
    expect(closed.code).toBe(0);
    expect(closed.stdout).toMatch(
      /^2025年9月は既に締めています: \d{4}年.+に staff:demo が締めました（締め [0-9a-f-]{36}）。/,
    );
    const r = cli([
      'close',
      '--month',
      '2026-01',
      '--actor',
      'staff:sato',
      '--key',
      'demo-seal-key.pem',
      '--lang',
      'ja',
      STORE,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^vpn-ledger: 2026年1月の締めは却下されました: MONTH_OUT_OF_ORDER \[方針「料金月は古い順に締める」\] /,
    );
  });

  it('catalog: the editions in Japanese', () => {
    const r = cli(['catalog', '--on', '2025-10-01', '--lang', 'ja']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      '当社カタログ: 1版（同梱）。2025年10月1日に適用される版: 2024-08-01',
    );
    expect(cli(['catalog', '--on', '2025-10-01'], { env: en }).stdout.split('\n')[0]).toBe(
      'Provider catalog: 1 edition(s) (shipped); in force on 2025-10-01: 2024-08-01',
    );
  });
});
