/**
 * `vpn-ledger token add|list|revoke` and `vpn-ledger serve`'s usage errors, through the built CLI:
 * a token is printed once and kept as its SHA-256 only, in a file only its owner reads; exit codes
 * as the README says (1 the ledger said no, 2 usage).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runCli } from './built-cli';

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-token-'));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vpn-ledger token', () => {
  it('adds a token, printed once and kept as SHA-256 only, lists and revokes it', () => {
    const tokens = join(dir, 'tokens.json');
    const add = runCli(
      ['token', 'add', '--principal', 'contractor:acme', '--label', 'billing', '--tokens', tokens],
      { cwd: dir },
    );
    expect(add.code).toBe(0);
    const token = add.stdout.trim();
    expect(token).toMatch(/^vlt_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(add.stderr).toContain('contractor:acme');
    expect(statSync(tokens).mode & 0o777).toBe(0o600);
    const file = readFileSync(tokens, 'utf8');
    expect(file).not.toContain(token.split('_')[2]);
    const id = token.split('_')[1]!;
    const list = runCli(['token', 'list', '--format', 'json'], {
      cwd: dir,
      env: { VPN_LEDGER_TOKENS: tokens },
    });
    expect(JSON.parse(list.stdout).tokens).toEqual([
      { id, principal: 'contractor:acme', label: 'billing', createdAt: expect.any(String), revokedAt: null },
    ]);
    expect(runCli(['token', 'revoke', id, '--tokens', tokens], { cwd: dir }).code).toBe(0);
    const table = runCli(['token', 'list', '--tokens', tokens], { cwd: dir });
    expect(table.stdout).toMatch(new RegExp(`${id}\\s+contractor:acme\\s+billing\\s+\\S+\\s+\\d{4}-`));
  });

  it('refuses a principal that is not one (2), an unknown id (1) and a broken file (2)', () => {
    const tokens = join(dir, 'other.json');
    const bad = runCli(['token', 'add', '--principal', 'root', '--tokens', tokens], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not a principal');
    const unknown = runCli(['token', 'revoke', '0123456789abcdef', '--tokens', tokens], { cwd: dir });
    expect(unknown.code).toBe(1);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"schema":"other"}');
    const read = runCli(['token', 'list', '--tokens', broken], { cwd: dir });
    expect(read.code).toBe(2);
    expect(read.stderr).toContain('is not a vpn-ledger.tokens/v1 file');
  });
});

describe('vpn-ledger serve', () => {
  it('refuses an unknown store, a bad port and a broken token file as usage errors (2)', () => {
    expect(runCli(['serve', '--store', 'mysql://x'], { cwd: dir }).code).toBe(2);
    const port = runCli(['serve', '--port', 'eighty'], { cwd: dir });
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port must be a whole number');
    const broken = join(dir, 'broken-serve.json');
    writeFileSync(broken, 'not json');
    const tokens = runCli(
      ['serve', '--store', `sqlite:${join(dir, 'l.db')}`, '--tokens', broken, '--port', '0'],
      { cwd: dir },
    );
    expect(tokens.code).toBe(2);
    expect(tokens.stderr).toContain('is not JSON');
  });
});
