/**
 * `vpn-ledger` end to end: the BUILT program run as a child process against temporary SQLite
 * files, for every subcommand, good input and bad, checking stdout, stderr and exit codes.
 * (Build: see built-cli.ts: one `tsc -p tsconfig.build.json` per run, skipped when dist is fresh.)
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { checkedRun } from '../support/child-run';
import { ensureBuilt, MAIN } from './built-cli';

beforeAll(() => ensureBuilt(), 300_000);

const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-cli-'));
let n = 0;
const freshDb = () => join(dir, `ledger-${++n}.db`);

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI with `args`; VPN_LEDGER_STORE is cleared unless given in `env`. */
const cli = (
  args: readonly string[],
  options: { input?: string; env?: Record<string, string>; cwd?: string } = {},
): Run => {
  const env: Record<string, string | undefined> = {
    ...process.env,
    VPN_LEDGER_STORE: undefined,
    VPN_LEDGER_DEBUG: undefined,
  };
  Object.assign(env, options.env);
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: options.cwd ?? dir,
    env: env as NodeJS.ProcessEnv,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  checkedRun(r, args);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const file = (name: string, lines: readonly (string | object)[]): string => {
  const path = join(dir, name);
  writeFileSync(path, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
  return path;
};

const noStackTrace = (r: Run) => {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).not.toMatch(/\n\s+at /);
};

// --- a small history: one network, a parent and a child, a night configuration change ------------

const command = (type: string, commandId: string, data: Record<string, unknown>) => ({
  type,
  commandId,
  actor: 'staff:sato',
  data,
});
const application = (over: Record<string, unknown>) => ({
  contractId: 'c-parent',
  networkId: 'n-1',
  contractType: 'parent',
  contractorId: 'acme',
  item: 'single-star-single-edge',
  deviceModel: 'Cisco C1121-8P',
  deviceItemIds: ['dev-p-1'],
  maintenanceType: 'type-2',
  termYears: 1,
  site: { country: 'JP', text: 'Chiyoda-ku, Tokyo' },
  lanSubnets: ['192.168.10.0/24'],
  initialFee: 30000,
  monthlyFee: 12345,
  onSiteInstallation: null,
  acceptedOn: '2025-04-01',
  ...over,
});
const HISTORY = [
  '# a small history for the CLI tests',
  command('RegisterNetwork', 'cmd-1', {
    networkId: 'n-1',
    parentContractId: 'c-parent',
    parentHolderId: 'acme',
    item: 'single-star-single-edge',
    registeredOn: '2025-04-01',
  }),
  command('AcceptApplication', 'cmd-2', application({})),
  '',
  command(
    'AcceptApplication',
    'cmd-3',
    application({
      contractId: 'c-child',
      contractType: 'child',
      contractorId: 'branch',
      deviceModel: 'Cisco 891FJ',
      deviceItemIds: ['dev-c-1'],
      lanSubnets: ['10.1.0.0/16'],
      monthlyFee: 9000,
      initialFee: 10000,
    }),
  ),
  command('StartBilling', 'cmd-4', { contractId: 'c-parent', billingStartOn: '2025-04-15' }),
  command('StartBilling', 'cmd-5', { contractId: 'c-child', billingStartOn: '2025-04-15' }),
  command('InstructConfigurationChange', 'cmd-6', {
    contractId: 'c-child',
    jobId: 'job-1',
    instructedBy: 'acme',
    instructedAt: '2025-05-10T21:00:00+09:00',
    description: 'night work',
  }),
  command('PerformConfigurationChange', 'cmd-7', {
    contractId: 'c-child',
    jobId: 'job-1',
    startedAt: '2025-05-10T22:00:00+09:00',
    itemIds: ['dev-c-1'],
  }),
];

/** A ledger holding HISTORY. */
const seeded = (): string => {
  const db = freshDb();
  const r = cli(['apply', file(`history-${n}.jsonl`, HISTORY), '--store', `sqlite:${db}`]);
  expect(r.code).toBe(0);
  return db;
};

describe('vpn-ledger (program)', () => {
  it('--help lists every subcommand and the exit codes; --version prints the version', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    for (const sub of [
      'apply',
      'charges',
      'timeline',
      'explain',
      'state',
      'terms',
      'deadlines',
      'replay',
      'verify',
      'demo',
    ]) {
      expect(help.stdout).toContain(sub);
    }
    expect(help.stdout).toContain('Exit codes');
    expect(cli(['--version'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });

  it('exits 2 on usage errors with one line on stderr: no subcommand, unknown subcommand, unknown option', () => {
    expect(cli([]).code).toBe(2);
    const unknown = cli(['bill']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/^vpn-ledger: unknown command 'bill'/);
    const option = cli(['charges', '--month', '2025-10', '--colour']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^vpn-ledger: unknown option '--colour'/);
  });

  it('names the store by --store, else VPN_LEDGER_STORE, else sqlite:./ledger.db; refuses a bad or missing one', () => {
    const db = seeded();
    expect(cli(['charges', '--month', '2025-05'], { env: { VPN_LEDGER_STORE: `sqlite:${db}` } }).code).toBe(
      0,
    );
    const missing = cli(['charges', '--month', '2025-05'], {
      cwd: mkdtempSync(join(tmpdir(), 'vpn-ledger-empty-')),
    });
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe(
      'vpn-ledger: No ledger at ./ledger.db: apply some commands first, or name another store with --store or VPN_LEDGER_STORE.\n',
    );
    const bad = cli(['charges', '--month', '2025-05', '--store', 'postgres://x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^vpn-ledger: Unknown store "postgres:\/\/x": use sqlite:PATH, :memory: or esdb:/,
    );
    // :memory: is an empty store of this run only.
    expect(cli(['charges', '--month', '2025-05', '--store', ':memory:'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('No charges for 2025-05.'),
    });
  });

  it('reports a corrupt row in one line (exit 1) naming it and pointing to verify, the stack only under VPN_LEDGER_DEBUG=1', () => {
    const db = seeded();
    const raw = new Database(db);
    raw.prepare("UPDATE events SET data = '{not json' WHERE global_position = 2").run();
    raw.close();
    // The month's charges come from the views; a replay reads every event.
    const r = cli(['replay', '--store', `sqlite:${db}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^vpn-ledger: SQLite file .*: Event network-n-1@1 \(global position 2\) is corrupt: its data is not JSON \(.*\)\. Run `vpn-ledger verify` to check the whole log\.\n$/,
    );
    noStackTrace(r);
    const debug = cli(['replay', '--store', `sqlite:${db}`], {
      env: { VPN_LEDGER_DEBUG: '1' },
    });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});

describe('vpn-ledger apply', () => {
  it('executes each line, reports it, skips comments and blank lines, and ends with a summary', () => {
    const db = freshDb();
    const r = cli(['apply', file('ok.jsonl', HISTORY), '--store', `sqlite:${db}`]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'line 2: accepted RegisterNetwork (cmd-1) → NetworkRegistered',
      'line 3: accepted AcceptApplication (cmd-2) → SiteJoined, ApplicationAccepted',
      'line 5: accepted AcceptApplication (cmd-3) → SiteJoined, ApplicationAccepted',
      'line 6: accepted StartBilling (cmd-4) → BillingStarted',
      'line 7: accepted StartBilling (cmd-5) → BillingStarted',
      'line 8: accepted InstructConfigurationChange (cmd-6) → ConfigurationChangeInstructed',
      'line 9: accepted PerformConfigurationChange (cmd-7) → ConfigurationChangePerformed',
    ]);
    expect(r.stderr).toMatch(
      /^7 command line\(s\): 7 accepted, 0 rejected; 9 event\(s\) written in [\d.]+ s \(\d+ commands\/s\)\n$/,
    );
    expect(existsSync(db)).toBe(true);
  });

  it('answers a repeated file with "repeated" and writes nothing new', () => {
    const db = seeded();
    const r = cli(['apply', file('again.jsonl', HISTORY), '--store', `sqlite:${db}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'line 2: accepted RegisterNetwork (cmd-1) → NetworkRegistered (repeated command id: already applied, nothing new written)',
    );
    expect(r.stderr).toMatch(/7 accepted \(7 repeated\), 0 rejected; 0 event\(s\) written/);
  });

  it('reads stdin with -', () => {
    const db = freshDb();
    const r = cli(['apply', '-', '--store', `sqlite:${db}`], { input: `${JSON.stringify(HISTORY[1])}\n` });
    expect(r).toMatchObject({
      code: 0,
      stdout: 'line 1: accepted RegisterNetwork (cmd-1) → NetworkRegistered\n',
    });
  });

  it('a missing file is a usage error (exit 2), one line, no stack trace', () => {
    const r = cli(['apply', join(dir, 'nope.jsonl'), '--store', `sqlite:${freshDb()}`]);
    expect(r).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `vpn-ledger: Cannot read ${join(dir, 'nope.jsonl')}: no such file.\n`,
    });
    noStackTrace(r);
  });

  it('an invalid JSON line is reported with its number, the rest still runs, and the exit code is 1', () => {
    const db = freshDb();
    const r = cli([
      'apply',
      file('bad-json.jsonl', [HISTORY[1]!, '{"type": "StartBilling", ', HISTORY[2]!]),
      '--store',
      `sqlite:${db}`,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^line 2: invalid JSON: .+\n/);
    expect(r.stdout).toContain('line 3: accepted AcceptApplication (cmd-2)');
    expect(r.stderr).toMatch(/2 accepted, 0 rejected, 1 invalid JSON/);
    noStackTrace(r);
  });

  it('an unknown command type is rejected naming the known ones (exit 1)', () => {
    const r = cli([
      'apply',
      file('unknown-type.jsonl', [command('ApproveDiscount', 'cmd-x', {})]),
      '--store',
      `sqlite:${freshDb()}`,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^line 1: rejected ApproveDiscount \(cmd-x\): INVALID_COMMAND type: unknown command type "ApproveDiscount"; known: RegisterNetwork, /,
    );
  });

  it('a rule rejection gives the code, the article and the sentence', () => {
    const db = seeded();
    const r = cli([
      'apply',
      file('rule.jsonl', [
        command('RequestContractChange', 'cmd-r', {
          contractId: 'c-parent',
          field: 'item',
          to: 'dual-star-dual-edge',
          requestedOn: '2025-06-01',
        }),
      ]),
      '--store',
      `sqlite:${db}`,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(
      'line 1: rejected RequestContractChange (cmd-r): CHANGE_NOT_ALLOWED [Art. 9(2)] The item of a contract can never change (it is single-star-single-edge; requested dual-star-dual-edge). Terminate and apply anew. (field field)',
    );
  });

  it('a command on an unknown contract is rejected', () => {
    const db = seeded();
    const r = cli([
      'apply',
      file('nobody.jsonl', [
        command('StartBilling', 'cmd-n', { contractId: 'c-nobody', billingStartOn: '2025-05-01' }),
      ]),
      '--store',
      `sqlite:${db}`,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^line 1: rejected StartBilling \(cmd-n\): CONTRACT_NOT_FOUND \[Art\. 6\] Contract c-nobody has no accepted application\./,
    );
  });

  it('lists every field problem under the line', () => {
    const r = cli([
      'apply',
      file('fields.jsonl', [
        command('StartBilling', 'cmd-f', { contractId: '', billingStartOn: '2025-02-30', extra: 1 }),
      ]),
      '--store',
      `sqlite:${freshDb()}`,
    ]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toMatch(/^line 1: rejected StartBilling \(cmd-f\): INVALID_COMMAND /);
    expect(lines).toEqual(
      expect.arrayContaining([
        '    data.contractId: Must not be empty',
        '    data.billingStartOn: Expected a calendar date YYYY-MM-DD',
      ]),
    );
    expect(lines.some((l) => /^ {4}data: unknown field\(s\): extra$/.test(l))).toBe(true);
  });

  it('--stop-on-error stops at the first rejected line', () => {
    const db = freshDb();
    const lines = [
      HISTORY[1]!,
      command('StartBilling', 'cmd-s', { contractId: 'c-nobody', billingStartOn: '2025-05-01' }),
      HISTORY[2]!,
    ];
    const r = cli(['apply', file('stop.jsonl', lines), '--stop-on-error', '--store', `sqlite:${db}`]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('cmd-2');
    expect(r.stderr).toMatch(
      /1 accepted, 1 rejected; 1 event\(s\) written .*; stopped at line 2 \(--stop-on-error\)/,
    );
  });

  it('--format json prints one JSON result per line for machines', () => {
    const db = freshDb();
    const r = cli([
      'apply',
      file('json.jsonl', [
        HISTORY[1]!,
        'nonsense',
        command('StartBilling', 'cmd-j', { contractId: 'c-x', billingStartOn: '2025-05-01' }),
      ]),
      '--format',
      'json',
      '--store',
      `sqlite:${db}`,
    ]);
    expect(r.code).toBe(1);
    const results = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(results).toEqual([
      expect.objectContaining({
        line: 1,
        status: 'accepted',
        type: 'RegisterNetwork',
        commandId: 'cmd-1',
        repeated: false,
        events: [
          expect.objectContaining({ streamId: 'network-n-1', revision: '0', type: 'NetworkRegistered' }),
        ],
      }),
      expect.objectContaining({ line: 2, status: 'invalid-json', message: expect.any(String) }),
      expect.objectContaining({
        line: 3,
        status: 'rejected',
        code: 'CONTRACT_NOT_FOUND',
        article: 'Art. 6',
        commandId: 'cmd-j',
      }),
    ]);
  });

  it('shows no progress bar when stderr is not a terminal, whatever the size', () => {
    const many = Array.from({ length: 250 }, (_, i) =>
      command('RegisterNetwork', `net-${i}`, {
        networkId: `n-${i}`,
        parentContractId: `c-${i}`,
        parentHolderId: 'acme',
        item: 'single-star-single-edge',
        registeredOn: '2025-04-01',
      }),
    );
    const r = cli(['apply', file('many.jsonl', many), '--quiet', '--store', `sqlite:${freshDb()}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^250 command line\(s\): 250 accepted, 0 rejected; 250 event\(s\) written in [\d.]+ s \(\d+ commands\/s\)\n$/,
    );
  });
});

describe('vpn-ledger charges', () => {
  let db: string;
  beforeAll(() => {
    db = seeded();
  });

  it('prints a table with totals per contractor billed; the night job is 10,000 yen billed to the parent holder', () => {
    const r = cli(['charges', '--month', '2025-05', '--store', `sqlite:${db}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Charges for 2025-05 (yen, tax excluded)');
    expect(r.stdout).toMatch(
      /c-child\s+acme\s+config-change\s+2025-05-10\s+10,000\s+Art\. 10\(4\); Annex 1 §3\(3\)\s+1 × 10,000 = 10,000/,
    );
    expect(r.stdout).toMatch(
      /Totals per contractor billed\n\nBill to\s+Lines\s+Total \(yen\)\n-+\s+-+\s+-+\nacme\s+2\s+22,345\nbranch\s+1\s+9,000\nall\s+3\s+31,345\n/,
    );
  });

  it('--format json follows the vpn-ledger.charges/v1 schema', () => {
    const r = cli(['charges', '--month', '2025-05', '--format', 'json', '--store', `sqlite:${db}`]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      schema: 'vpn-ledger.charges/v1',
      month: '2025-05',
      contractId: null,
      asOf: null,
      generatedFrom: {
        store: 'sqlite',
        source: 'views',
        eventsRead: 9,
        eventsApplied: 9,
        lastPosition: { commit: '9', prepare: '9' },
        knownAt: null,
        viewsProblem: null,
      },
      totals: [
        { billTo: 'acme', amount: 22345, lines: 2 },
        { billTo: 'branch', amount: 9000, lines: 1 },
      ],
      total: 31345,
    });
    const night = doc.lines.find((l: { kind: string }) => l.kind === 'config-change');
    expect(night).toEqual({
      id: 'c-child:2025-05:config-change:job-1',
      contractId: 'c-child',
      networkId: 'n-1',
      billTo: 'acme',
      kind: 'config-change',
      month: '2025-05',
      period: { from: '2025-05-10', to: '2025-05-10' },
      amount: 10000,
      currency: 'JPY',
      article: 'Art. 10(4); Annex 1 §3(3)',
      policy: 'business-hours-by-job-start',
      edition: '2024-08-01',
      formula: expect.stringContaining('1 × 10,000 = 10,000'),
      note: expect.any(String),
      sources: [expect.any(String), expect.any(String)],
      calculation: {
        kind: 'config-change-fee',
        devices: 1,
        perDevice: 10000,
        amount: 10000,
        jobStartJst: '2025-05-10T22:00:00+09:00',
        withinBusinessHours: false,
        opensAt: '09:00:00',
        closesAt: '19:00:00',
      },
      notes: [{ kind: 'billed-to-parent-holder', billTo: 'acme' }],
      citation: [
        { kind: 'article', article: 10, paragraphs: [4], item: null, proviso: false, reading: null },
        { kind: 'annex', annex: 1, section: 3, item: 3 },
      ],
      articleText: 'Art. 10(4); Annex 1 §3(3)',
    });
  });

  it('--format csv has the fixed header row and one row per line, sources joined by ;', () => {
    const r = cli([
      'charges',
      '--month',
      '2025-05',
      '--contract',
      'c-child',
      '--format',
      'csv',
      '--store',
      `sqlite:${db}`,
    ]);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe(
      'line_id,contract_id,network_id,bill_to,kind,period_from,period_to,amount_yen,article,policy,edition,formula,source_event_ids',
    );
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatch(
      /^c-child:2025-05:config-change:job-1,c-child,n-1,acme,config-change,2025-05-10,2025-05-10,10000,Art\. 10\(4\); Annex 1 §3\(3\),business-hours-by-job-start,2024-08-01,".*",[0-9a-f-]{36};[0-9a-f-]{36}$/,
    );
  });

  it('refuses a bad month (exit 2), a missing month (exit 2) and an unknown contract (exit 1)', () => {
    const bad = cli(['charges', '--month', '2025-13', '--store', `sqlite:${db}`]);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe(
      `vpn-ledger: option '--month <YYYY-MM>' argument '2025-13' is invalid. Expected a month YYYY-MM (e.g. 2025-10), got "2025-13".\n`,
    );
    expect(cli(['charges', '--month', '05/2025', '--store', `sqlite:${db}`]).code).toBe(2);
    const missing = cli(['charges', '--store', `sqlite:${db}`]);
    expect(missing).toMatchObject({
      code: 2,
      stderr: "vpn-ledger: required option '--month <YYYY-MM>' not specified\n",
    });
    const unknown = cli([
      'charges',
      '--month',
      '2025-05',
      '--contract',
      'c-nobody',
      '--store',
      `sqlite:${db}`,
    ]);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toBe(
      'vpn-ledger: Unknown contract c-nobody: the ledger has no accepted application with that id.\n',
    );
    const format = cli(['charges', '--month', '2025-05', '--format', 'xml', '--store', `sqlite:${db}`]);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('Allowed choices are table, json, csv.');
  });

  it('--as-of leaves out facts dated later', () => {
    const r = cli([
      'charges',
      '--month',
      '2025-05',
      '--as-of',
      '2025-05-09',
      '--format',
      'json',
      '--store',
      `sqlite:${db}`,
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).lines.map((l: { kind: string }) => l.kind)).not.toContain('config-change');
    expect(
      cli(['charges', '--month', '2025-05', '--as-of', '2025-5-9', '--store', `sqlite:${db}`]).code,
    ).toBe(2);
  });
});

describe('--known-at: as the ledger knew it', () => {
  it('leaves out what was recorded after the given time, in every read command', () => {
    const db = freshDb();
    expect(cli(['apply', file('first.jsonl', HISTORY.slice(0, 6)), '--store', `sqlite:${db}`]).code).toBe(0);
    const between = new Date().toISOString();
    spawnSync(process.execPath, ['-e', 'setTimeout(() => {}, 20)']);
    expect(cli(['apply', file('second.jsonl', HISTORY.slice(6)), '--store', `sqlite:${db}`]).code).toBe(0);

    const now = cli(['charges', '--month', '2025-05', '--format', 'json', '--store', `sqlite:${db}`]);
    const then = cli([
      'charges',
      '--month',
      '2025-05',
      '--format',
      'json',
      '--known-at',
      between,
      '--store',
      `sqlite:${db}`,
    ]);
    expect(JSON.parse(now.stdout).lines.map((l: { kind: string }) => l.kind)).toContain('config-change');
    const earlier = JSON.parse(then.stdout);
    expect(earlier.lines.map((l: { kind: string }) => l.kind)).not.toContain('config-change');
    expect(earlier.generatedFrom).toMatchObject({ eventsRead: 9, eventsApplied: 6, knownAt: between });

    const timeline = cli(['timeline', 'c-child', '--known-at', between, '--store', `sqlite:${db}`]);
    expect(timeline.code).toBe(0);
    expect(timeline.stdout).not.toContain('job-1');
    expect(timeline.stdout).toContain('3 later event(s) left out');
    expect(cli(['timeline', 'c-child', '--store', `sqlite:${db}`]).stdout).toContain('job-1');
    expect(
      cli(['charges', '--month', '2025-05', '--known-at', 'yesterday', '--store', `sqlite:${db}`]).code,
    ).toBe(2);
  });
});

describe('audit and disputes', () => {
  let db: string;
  beforeAll(() => {
    db = seeded();
  });

  it('timeline <contractId> tells the history with articles; unknown contract exits 1', () => {
    const r = cli(['timeline', 'c-child', '--store', `sqlite:${db}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Timeline of contract c-child\n\nDate\s+Article\s+What happened\n/);
    expect(r.stdout).toMatch(/2025-04-15\s+Art\. 5\(1\); Art\. 19\s+Billing started on 2025-04-15/);
    const json = JSON.parse(
      cli(['timeline', 'c-child', '--format', 'json', '--store', `sqlite:${db}`]).stdout,
    );
    expect(json).toMatchObject({ schema: 'vpn-ledger.timeline/v1', contractId: 'c-child' });
    expect(json.steps.map((s: { type: string }) => s.type)).toContain('ConfigurationChangePerformed');
    const unknown = cli(['timeline', 'c-nobody', '--store', `sqlite:${db}`]);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toMatch(/^vpn-ledger: Unknown contract c-nobody/);
  });

  it('explain <chargeLineId> shows the events, article, policy and formula; an unknown line exits 1', () => {
    const r = cli(['explain', 'c-child:2025-05:config-change:job-1', '--store', `sqlite:${db}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Charge line c-child:2025-05:config-change:job-1');
    expect(r.stdout).toMatch(/article:\s+Art\. 10\(4\); Annex 1 §3\(3\)/);
    expect(r.stdout).toMatch(
      /policy:\s+business-hours-by-job-start: Business hours are judged by the job's start time/,
    );
    expect(r.stdout).toMatch(/formula:\s+1 × 10,000 = 10,000/);
    expect(r.stdout).toContain('ConfigurationChangeInstructed');
    expect(r.stdout).toContain('contract-c-child@3');
    const json = JSON.parse(
      cli(['explain', 'c-child:2025-05:config-change:job-1', '--format', 'json', '--store', `sqlite:${db}`])
        .stdout,
    );
    expect(json).toMatchObject({
      schema: 'vpn-ledger.explain/v1',
      line: { amount: 10000 },
      policy: { name: 'business-hours-by-job-start' },
    });
    expect(json.sources.map((s: { event: { type: string } }) => s.event.type)).toEqual([
      'ConfigurationChangeInstructed',
      'ConfigurationChangePerformed',
    ]);
    const unknown = cli(['explain', 'c-child:2025-05:config-change:job-9', '--store', `sqlite:${db}`]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^vpn-ledger: Unknown charge line c-child:2025-05:config-change:job-9/);
    const notALine = cli(['explain', 'hello', '--store', `sqlite:${db}`]);
    expect(notALine.code).toBe(1);
    expect(notALine.stderr).toMatch(/^vpn-ledger: "hello" is not a charge line id/);
  });

  it('explain --format text prints the reply to paste: the events in date order, no internal ids, in both languages', () => {
    const en = cli([
      'explain',
      'c-child:2025-05:config-change:job-1',
      '--format',
      'text',
      '--store',
      `sqlite:${db}`,
    ]);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/^About the charge c-child:2025-05:config-change:job-1 of 2025-05:\n/);
    expect(en.stdout).toContain('How the amount is worked out: 1 × 10,000 = 10,000');
    expect(en.stdout).toContain('What it rests on, in date order:');
    expect(en.stdout).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
    expect(en.stdout).not.toContain('contract-c-child@');
    const ja = cli([
      'explain',
      'c-child:2025-05:config-change:job-1',
      '--format',
      'text',
      '--lang',
      'ja',
      '--store',
      `sqlite:${db}`,
    ]);
    expect(ja.stdout).toContain(
      '2025年5月のご請求のうち、明細 c-child:2025-05:config-change:job-1 についてご説明いたします。',
    );
    // The table lists the stored events' times in Japan time, the zone named.
    const table = cli(['explain', 'c-child:2025-05:config-change:job-1', '--store', `sqlite:${db}`]);
    expect(table.stdout).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} JST/);
  });

  it('state <contractId> --as-of shows the contract as it stood; before acceptance it did not exist', () => {
    const r = cli(['state', 'c-parent', '--as-of', '2025-05-01', '--store', `sqlite:${db}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Contract c-parent as effective on 2025-05-01\n/);
    expect(r.stdout).toMatch(/status:\s+in-service/);
    expect(r.stdout).toMatch(/monthly fee:\s+12,345 yen/);
    const before = cli([
      'state',
      'c-parent',
      '--as-of',
      '2025-04-14',
      '--format',
      'json',
      '--store',
      `sqlite:${db}`,
    ]);
    expect(JSON.parse(before.stdout)).toMatchObject({
      schema: 'vpn-ledger.state/v1',
      asOf: '2025-04-14',
      state: { status: 'accepted', billingStartOn: null },
    });
    expect(cli(['state', 'c-parent', '--as-of', '2025-03-01', '--store', `sqlite:${db}`]).stdout).toContain(
      'did not exist yet on 2025-03-01',
    );
    expect(cli(['state', 'c-parent', '--as-of', '2025-02-30', '--store', `sqlite:${db}`]).code).toBe(2);
    expect(cli(['state', 'c-nobody', '--as-of', '2025-05-01', '--store', `sqlite:${db}`]).code).toBe(1);
  });

  it('terms <contractId> lists the minimum terms with their reasons', () => {
    const r = cli(['terms', 'c-parent', '--as-of', '2025-06-01', '--store', `sqlite:${db}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /contract\s+1\s+2025-04-15\s+2026-04-14\s+billing-start\s+Art\. 5\(1\)\s+running/,
    );
    const json = JSON.parse(
      cli(['terms', 'c-parent', '--format', 'json', '--as-of', '2026-05-01', '--store', `sqlite:${db}`])
        .stdout,
    );
    expect(json.terms).toEqual([
      expect.objectContaining({ start: '2025-04-15', end: '2026-04-14', status: 'completed' }),
    ]);
    expect(cli(['terms', 'c-nobody', '--store', `sqlite:${db}`]).code).toBe(1);
  });

  it('deadlines lists equipment owed back as of a date', () => {
    const history = file('deadlines.jsonl', [
      ...HISTORY,
      command('ReceiveTerminationNotice', 'cmd-8', {
        contractId: 'c-child',
        noticeArrivedOn: '2025-06-01',
        requestedOn: null,
        ground: 'ordinary',
        evidenceRef: null,
      }),
      command('TerminateContract', 'cmd-9', { contractId: 'c-child', effectiveOn: '2025-07-01' }),
    ]);
    const db2 = freshDb();
    expect(cli(['apply', history, '--store', `sqlite:${db2}`]).code).toBe(0);
    const pending = cli(['deadlines', '--as-of', '2025-07-10', '--store', `sqlite:${db2}`]);
    expect(pending.code).toBe(0);
    expect(pending.stdout).toMatch(
      /c-child\s+dev-c-1\s+vpn-device\s+Cisco 891FJ\s+contract-end\s+2025-07-01\s+2025-07-31\s+pending/,
    );
    const overdue = JSON.parse(
      cli(['deadlines', '--as-of', '2025-08-01', '--format', 'json', '--store', `sqlite:${db2}`]).stdout,
    );
    expect(overdue).toMatchObject({
      schema: 'vpn-ledger.deadlines/v1',
      asOf: '2025-08-01',
      deadlines: [{ itemId: 'dev-c-1', status: 'overdue', dueOn: '2025-07-31' }],
    });
    expect(cli(['deadlines', '--as-of', '2025-05-31', '--store', `sqlite:${db2}`]).stdout).toContain(
      'No open return deadlines as of 2025-05-31.',
    );
    expect(cli(['deadlines', '--as-of', 'soon', '--store', `sqlite:${db2}`]).code).toBe(2);
  });

  it('replay builds the views afresh with a digest each; --verify agrees with a second replay and the stored views', () => {
    const r = cli(['replay', '--store', `sqlite:${db}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Replayed 9 event\(s\) from SQLite file .* into fresh views in [\d.]+ s: \d+ events\/s\n/,
    );
    expect(r.stdout).toMatch(/view_charge_lines\s+[0-9a-f]{64}/);
    const verified = cli(['replay', '--verify', '--format', 'json', '--store', `sqlite:${db}`]);
    expect(verified.code).toBe(0);
    const doc = JSON.parse(verified.stdout);
    expect(doc).toMatchObject({
      schema: 'vpn-ledger.replay/v1',
      eventsApplied: 9,
      verification: { ok: true },
    });
    expect([...new Set(doc.verification.checks.map((c: { check: string }) => c.check))].sort()).toEqual([
      'second replay',
      'stored views',
    ]);
    expect(doc.digests.view_charge_lines).toBe(r.stdout.match(/view_charge_lines\s+([0-9a-f]{64})/)![1]);
  });

  it('replay --verify finds stored views that differ from the log, and names the view (exit 1)', () => {
    const tampered = seeded();
    const raw = new Database(tampered);
    raw.prepare("UPDATE view_charge_lines SET amount = amount + 1 WHERE kind = 'config-change'").run();
    raw.close();
    const r = cli(['replay', '--verify', '--store', `sqlite:${tampered}`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/stored views\s+view_charge_lines\s+DIFFERENT/);
    expect(r.stderr).toBe(
      'vpn-ledger: replay verification failed: view_charge_lines (stored views) differ from the replay.\n',
    );
  });

  it('verify checks the hash chains; a tampered event exits 1 naming the first broken link of its stream', () => {
    const ok = cli(['verify', '--store', `sqlite:${db}`]);
    expect(ok).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /^OK: 9 event\(s\) in 3 stream\(s\) of SQLite file .*: hash chains, schemas, global positions and seals hold\.\nSeals: none in the log \(make one with `vpn-ledger seal` or `close`\)\.\n$/,
      ),
    });
    const tampered = seeded();
    const raw = new Database(tampered);
    raw
      .prepare(
        "UPDATE events SET data = replace(data, '12345', '1234') WHERE stream_id = 'contract-c-parent' AND revision = 0",
      )
      .run();
    raw.close();
    const r = cli(['verify', '--store', `sqlite:${tampered}`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^BROKEN: 1 problem\(s\) in 9 event\(s\)/);
    expect(r.stdout).toMatch(/contract-c-parent\s+0\s+\d+\s+hash-mismatch\s+stored hash/);
    expect(r.stderr).toBe(
      'vpn-ledger: verification failed: 1 broken link(s); first: contract-c-parent@0 hash-mismatch.\n',
    );
    const json = JSON.parse(cli(['verify', '--format', 'json', '--store', `sqlite:${tampered}`]).stdout);
    expect(json).toMatchObject({
      schema: 'vpn-ledger.verify/v1',
      ok: false,
      breaks: [{ streamId: 'contract-c-parent', revision: '0', problem: 'hash-mismatch' }],
    });
  });
});

describe('vpn-ledger demo', () => {
  it('loads examples/demo.jsonl into a fresh ./demo-ledger.db and prints the 2025-10 charges and open deadlines', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'vpn-ledger-demo-'));
    const r = cli(['demo'], { cwd, env: { VPN_LEDGER_STORE: `sqlite:${join(cwd, 'do-not-touch.db')}` } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^vpn-ledger demo: loading .*examples\/demo\.jsonl into SQLite file \.\/demo-ledger\.db \(new file\)\n/,
    );
    expect(r.stdout).toMatch(/\d+ command line\(s\): \d+ accepted, 0 rejected/);
    expect(r.stdout).toContain('Charges for 2025-10 (yen, tax excluded)');
    // The configuration change at 22:00 JST: outside business hours, 10,000 yen per device.
    expect(r.stdout).toMatch(
      /c-tokyo-hq\s+acme\s+config-change\s+2025-10-14\s+20,000\s+.*2 × 10,000 = 20,000 \(job started\s*\n?.*22:00/,
    );
    expect(r.stdout).toMatch(/c-fukuoka\s+acme\s+config-change\s+2025-10-08\s+5,000/);
    for (const kind of [
      'early-termination ',
      'early-termination-option',
      'reduction',
      'loss-charge',
      'fault-cost',
      'model-change',
      'one-time-cost',
      'initial-option',
      'on-site-installation',
    ]) {
      expect(r.stdout).toContain(kind);
    }
    expect(r.stdout).toContain('Open return deadlines as of 2025-10-31');
    expect(r.stdout).toMatch(
      /c-tokyo-hq\s+dev-hq-2\s+vpn-device\s+Cisco 891FJ\s+model-change\s+2025-08-20\s+2025-09-19\s+overdue/,
    );
    // It closes the months in order, the first month of the ledger first, and shows October's export.
    expect(r.stdout).toContain(
      'Closing 2025-03 to 2025-10 in order, each sealed with a key made for the demo (./demo-seal-key.pem)',
    );
    expect(r.stdout).toMatch(/\n2025-03\s+3\s+100,000\s+64\s+[0-9a-f]{16}\n/);
    expect(r.stdout).toMatch(/\n2025-10\s+28\s+711,201\s+71\s+[0-9a-f]{16}\n/);
    expect(r.stdout).toMatch(/Invoices for 2025-10, closed at \S+ by staff:demo \(close [0-9a-f-]{36}\)\./);
    expect(r.stdout).toMatch(/\nacme-kyushu\s+3\s+99,500\s+0\s+0\s+99,500\n/);
    expect(r.stdout).toMatch(/\nall\s+28\s+711,201\s+0\s+0\s+711,201\n/);
    expect(existsSync(join(cwd, 'demo-ledger.db'))).toBe(true);
    expect(existsSync(join(cwd, 'demo-seal-key.pem.pub'))).toBe(true);
    expect(existsSync(join(cwd, 'do-not-touch.db'))).toBe(false);

    // Run again: the previous demo ledger is deleted first, so the result is the same (but for the
    // times, the new seal key, the digests of events recorded at other times, and the close ids: a new
    // ledger has a new ledger id, and so new close ids).
    const again = cli(['demo'], { cwd });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('(the previous demo ledger was deleted first)');
    const steady = (text: string) =>
      text
        .split('\n')
        .slice(2)
        .join('\n')
        .replace(/[\d.]+ s \(\d+ commands\/s\)/, '')
        .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, 'TIME')
        .replace(/[0-9a-f]{64}/g, 'HEX')
        .replace(/ {2}[0-9a-f]{16}\n/g, '  HEX\n')
        .replace(/\(close [0-9a-f-]{36}\)/g, '(close ID)');
    expect(steady(again.stdout)).toBe(steady(r.stdout));
    expect(again.stdout.match(/\(close ([0-9a-f-]{36})\)/)![1]).not.toBe(
      r.stdout.match(/\(close ([0-9a-f-]{36})\)/)![1],
    );
    expect(
      cli(['verify', '--public-key', 'demo-seal-key.pem.pub', '--store', 'sqlite:./demo-ledger.db'], { cwd }),
    ).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /Seals: 8, signatures checked; the furthest that holds covers 71 event\(s\) up to position 71; 1 event\(s\) after it are not sealed yet\./,
      ),
    });

    // Every command it names is `npx vpn-ledger …` (a bare `vpn-ledger` is on no new user's PATH),
    // and each hint works as printed, from where the demo was run.
    expect(r.stdout).not.toMatch(
      /(^|[^x] )vpn-ledger (timeline|what-if|export|charges|explain|terms|verify)/m,
    );
    const hints = r.stdout.slice(r.stdout.indexOf('Explore it:')).split('\n').slice(1).filter(Boolean);
    expect(hints.length).toBeGreaterThanOrEqual(6);
    for (const hint of hints) {
      expect(hint).toMatch(/^ {2}npx vpn-ledger /);
      const run = cli(hint.trim().split(' ').slice(2), { cwd });
      expect({ hint, code: run.code, stderr: run.stderr }).toEqual({ hint, code: 0, stderr: '' });
    }
  });

  it('refuses to delete an existing file named with --store unless --overwrite', () => {
    const db = seeded();
    const r = cli(['demo', '--store', `sqlite:${db}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^vpn-ledger: .* exists; the demo starts from an empty ledger and would delete it\. Pass --overwrite/,
    );
    expect(cli(['demo', '--store', `sqlite:${db}`, '--overwrite']).code).toBe(0);
  });
});
