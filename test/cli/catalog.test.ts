/**
 * `vpn-ledger catalog` and `--catalog PATH` (env VPN_LEDGER_CATALOG): the provider catalog's editions,
 * and a deployment installing a new edition without a code change. The BUILT program, as users run it.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_2026 } from '../support/catalog';
import { checkedRun } from '../support/child-run';
import { acceptApplication, acceptChild, cmd, registerNetwork } from '../support/commands';
import { ensureBuilt, MAIN } from './built-cli';

beforeAll(() => ensureBuilt(), 300_000);

const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-catalog-'));
let n = 0;

const cli = (args: readonly string[], env: Record<string, string | undefined> = {}) => {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: dir,
    env: {
      ...process.env,
      VPN_LEDGER_STORE: undefined,
      VPN_LEDGER_CATALOG: undefined,
      ...env,
    } as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 60_000,
  });
  checkedRun(r, args);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const write = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const installed = write('provider-2026.json', JSON.stringify(FILE_2026));

describe('vpn-ledger catalog', () => {
  it('shows the shipped edition and which edition is in force on a date', () => {
    const r = cli(['catalog', '--on', '2025-10-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Provider catalog: 1 edition(s) (shipped); in force on 2025-10-01: 2024-08-01',
    );
    expect(r.stdout).toMatch(/2024-08-01\s+2006-06-01\s+10\s+3\s+5\s+18/);
  });

  it('adds the editions of an installed file, by option or environment', () => {
    for (const r of [
      cli(['catalog', '--catalog', installed, '--on', '2026-05-01']),
      cli(['catalog', '--on', '2026-05-01'], { VPN_LEDGER_CATALOG: installed }),
    ]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('2 edition(s)');
      expect(r.stdout).toContain('in force on 2026-05-01: 2026-04-01');
    }
  });

  it('shows one edition in full, as JSON too', () => {
    const r = cli(['catalog', '--catalog', installed, '--edition', '2026-04-01', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      schema: 'vpn-ledger.catalog-editions/v1',
      editions: [{ edition: '2026-04-01' }],
    });
    expect(doc.editions[0].annex4).toContainEqual({ from: 'Cisco ISR 4351', to: 'Cisco C8300-1N1S-6T' });
    expect(cli(['catalog', '--edition', 'nope'])).toMatchObject({ code: 1 });
  });

  it('refuses a file that does not validate, naming every problem (exit 2)', () => {
    const bad = write(
      'bad.json',
      JSON.stringify({ schema: 'vpn-ledger.catalog/v1', editions: [{ edition: 'x' }] }),
    );
    const r = cli(['catalog', '--catalog', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^vpn-ledger: .*bad\.json is not a valid vpn-ledger\.catalog\/v1 file: editions\.0\.effectiveFrom/,
    );
    expect(cli(['catalog', '--catalog', join(dir, 'missing.json')])).toMatchObject({ code: 2 });
  });
});

describe('vpn-ledger apply --catalog: a deployment installs an edition without a code change', () => {
  const history = [
    registerNetwork(),
    acceptApplication({ deviceModel: 'Cisco ISR 4351' }),
    acceptChild(),
    cmd('StartBilling', { contractId: 'c-parent', billingStartOn: '2025-04-15' }),
  ];
  const change = cmd('AcceptModelChange', {
    contractId: 'c-parent',
    changeId: 'mc-1',
    target: { kind: 'device' },
    toModel: 'Cisco C8300-1N1S-6T',
    fee: 50000,
    monthlyFee: 30000,
    acceptedOn: '2026-04-10',
  });
  const lines = [...history, change].map((c) => JSON.stringify(c)).join('\n');

  it('decides by the shipped edition without it, and by the installed one with it', () => {
    const without = cli([
      'apply',
      write(`a${++n}.jsonl`, lines),
      '--store',
      `sqlite:${join(dir, `l${n}.db`)}`,
    ]);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('MODEL_CHANGE_NOT_ALLOWED');
    const store = `sqlite:${join(dir, `l${++n}.db`)}`;
    const withIt = cli(['apply', write(`a${n}.jsonl`, lines), '--store', store, '--catalog', installed]);
    expect(withIt.code).toBe(0);
    expect(withIt.stdout).toContain('accepted AcceptModelChange');
    const steps = JSON.parse(
      cli(['timeline', 'c-parent', '--store', store, '--format', 'json']).stdout,
    ).steps;
    expect(steps.map((x: { text: string }) => x.text).join(' ')).toContain(
      'Cisco ISR 4351 → Cisco C8300-1N1S-6T (Annex 4, catalog edition 2026-04-01)',
    );
  });
});
