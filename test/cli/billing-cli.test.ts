/**
 * The billing commands of the BUILT program: keygen, close, seal, export, and what charges and
 * verify say about closed months and seals. Exit codes as the README promises: 0 done (a repeat
 * too), 1 the ledger said no, 2 usage.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smallNetwork } from '../support/billing';
import { cmd } from '../support/commands';
import { ensureBuilt, runCli } from './built-cli';

beforeAll(() => ensureBuilt(), 300_000);

const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-billing-cli-'));
let n = 0;
const cli = (args: readonly string[], env: Record<string, string> = {}) => runCli(args, { cwd: dir, env });

const lateJob = [
  cmd('InstructConfigurationChange', {
    contractId: 'c-br',
    jobId: 'job-late',
    instructedBy: 'acme',
    instructedAt: '2025-10-20T09:00:00+09:00',
    description: 'late',
  }),
  cmd('PerformConfigurationChange', {
    contractId: 'c-br',
    jobId: 'job-late',
    startedAt: '2025-10-21T20:30:00+09:00',
    itemIds: ['dev-c-br'],
  }),
];

/** A ledger of the small network (July to now billed), and a key pair. */
const seeded = () => {
  const db = `ledger-${++n}.db`;
  writeFileSync(
    join(dir, `net-${n}.jsonl`),
    smallNetwork()
      .map((c) => JSON.stringify(c))
      .join('\n'),
  );
  expect(cli(['apply', `net-${n}.jsonl`, '--quiet', '--store', `sqlite:${db}`]).code).toBe(0);
  return db;
};

describe('vpn-ledger keygen', () => {
  it('writes the private key (mode 600) and the public key; refuses to replace them without --force', () => {
    const r = cli(['keygen', '--out', 'k1.pem']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(
      /^Wrote the private key to k1\.pem \(mode 600.*\) and the public key to k1\.pem\.pub\.\nKey id [0-9a-f]{64}\./,
    );
    expect(statSync(join(dir, 'k1.pem')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'k1.pem.pub'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const again = cli(['keygen', '--out', 'k1.pem']);
    expect(again).toMatchObject({ code: 2, stdout: '' });
    expect(again.stderr).toMatch(/^vpn-ledger: k1\.pem exists; pass --force to replace it/);
    expect(cli(['keygen', '--out', 'k1.pem', '--force']).code).toBe(0);
  });
});

describe('vpn-ledger close', () => {
  beforeAll(() => {
    if (cli(['keygen', '--out', 'key.pem']).code !== 0) throw new Error('keygen');
  });

  it('needs a key and an actor (exit 2), and closes the months in order (exit 1 out of order)', () => {
    const db = seeded();
    const noKey = cli(['close', '--month', '2025-07', '--actor', 'staff:sato', '--store', `sqlite:${db}`]);
    expect(noKey).toMatchObject({ code: 2, stdout: '' });
    expect(noKey.stderr).toBe(
      'vpn-ledger: A seal needs the private key: name its file with --key PATH or VPN_LEDGER_SEAL_KEY (make one with `vpn-ledger keygen`).\n',
    );
    expect(cli(['close', '--month', '2025-07', '--key', 'key.pem', '--store', `sqlite:${db}`]).code).toBe(2);
    expect(
      cli([
        'close',
        '--month',
        '2025-07',
        '--actor',
        'staff:sato',
        '--key',
        'nope.pem',
        '--store',
        `sqlite:${db}`,
      ]),
    ).toMatchObject({
      code: 2,
      stderr: 'vpn-ledger: Cannot read the private key file nope.pem: no such file.\n',
    });
    const early = cli([
      'close',
      '--month',
      '2025-08',
      '--actor',
      'staff:sato',
      '--key',
      'key.pem',
      '--store',
      `sqlite:${db}`,
    ]);
    expect(early).toMatchObject({ code: 1, stdout: '' });
    expect(early.stderr).toBe(
      "vpn-ledger: close 2025-08 refused: MONTH_OUT_OF_ORDER [Policy close-months-in-order] Close 2025-07 first: it is the ledger's first month (the month of its first charge line), and months close in order.\n",
    );
    const future = cli([
      'close',
      '--month',
      '2199-12',
      '--actor',
      'staff:sato',
      '--key',
      'key.pem',
      '--store',
      `sqlite:${db}`,
    ]);
    expect(future).toMatchObject({ code: 1 });
    expect(future.stderr).toMatch(
      /MONTH_NOT_ENDED \[Policy close-months-in-order\] 2199-12 has not ended in Japan: it can be closed from 2200-01-01T00:00:00\+09:00/,
    );
  });

  it('closes a month: text and JSON; the same command again is a repeat (exit 0), another is refused (exit 1)', () => {
    const db = seeded();
    const r = cli([
      'close',
      '--month',
      '2025-07',
      '--actor',
      'staff:sato',
      '--key',
      'key.pem',
      '--store',
      `sqlite:${db}`,
    ]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    // July: 30,000 + 18,000 full months; the initial fees were 0.
    expect(r.stdout).toMatch(
      /^Closed 2025-07\.\n4 line\(s\) and 0 adjustment\(s\) invoiced, 48,000 yen, closed by staff:sato at \S+\.\nClose [0-9a-f-]{36} \(billing-2025-07\); it reflects the log up to position 7 \(7 event\(s\)\)\.\nSeal [0-9a-f]{64}, signed by key [0-9a-f]{64} \(Ed25519\)\.\n/,
    );
    const again = cli([
      'close',
      '--month',
      '2025-07',
      '--actor',
      'staff:sato',
      '--key',
      'key.pem',
      '--format',
      'json',
      '--store',
      `sqlite:${db}`,
    ]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      schema: 'vpn-ledger.close/v1',
      repeated: true,
      commandId: 'close-2025-07',
      month: '2025-07',
      close: { streamId: 'billing-2025-07', revision: '0', closedBy: 'staff:sato', seal: { events: 7 } },
      reflects: { position: { commit: '7' }, events: 7 },
      lines: 4,
      adjustments: 0,
      totals: [
        { billTo: 'acme', lines: 2, amount: 30_000 },
        { billTo: 'acme-branch', lines: 2, amount: 18_000 },
      ],
      total: 48_000,
    });
    const other = cli([
      'close',
      '--month',
      '2025-07',
      '--actor',
      'staff:sato',
      '--command-id',
      'another',
      '--key',
      'key.pem',
      '--store',
      `sqlite:${db}`,
    ]);
    // Closed already, by another command: answered with the close that exists (by whom, when), exit 0.
    expect(other.code).toBe(0);
    expect(other.stdout).toMatch(
      /^2025-07 is already closed: closed by staff:sato at \S+ \(close [0-9a-f-]{36}\); nothing was written\.\n/,
    );
    expect(other.stdout).not.toMatch(/COMMAND_ID_REUSED|refused/);
    const ja = cli([
      'close',
      '--month',
      '2025-07',
      '--actor',
      'staff:suzuki',
      '--key',
      'key.pem',
      '--lang',
      'ja',
      '--store',
      `sqlite:${db}`,
    ]);
    expect(ja.code).toBe(0);
    expect(ja.stdout).toMatch(
      /^2025年7月は既に締めています: .+に staff:sato が締めました（締め [0-9a-f-]{36}）。/,
    );
  });

  it('charges of a closed month: the closed lines, marked closed; the first open month carries the adjustments of late facts', () => {
    const db = seeded();
    for (const m of ['2025-07', '2025-08', '2025-09', '2025-10'])
      expect(
        cli(['close', '--month', m, '--actor', 'staff:sato', '--key', 'key.pem', '--store', `sqlite:${db}`])
          .code,
      ).toBe(0);
    writeFileSync(join(dir, `late-${n}.jsonl`), lateJob.map((c) => JSON.stringify(c)).join('\n'));
    expect(cli(['apply', `late-${n}.jsonl`, '--quiet', '--store', `sqlite:${db}`]).code).toBe(0);
    const october = JSON.parse(
      cli(['charges', '--month', '2025-10', '--format', 'json', '--store', `sqlite:${db}`]).stdout,
    );
    expect(october).toMatchObject({
      schema: 'vpn-ledger.charges/v1',
      status: 'closed',
      recomputed: false,
      close: {
        streamId: 'billing-2025-10',
        closedBy: 'staff:sato',
        sealDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      total: 48_000,
    });
    const table = cli(['charges', '--month', '2025-10', '--store', `sqlite:${db}`]).stdout;
    expect(table).toMatch(
      /^Charges for 2025-10 \(yen, tax excluded\)\nClosed at \S+ by staff:sato \(close [0-9a-f-]{36}\): the lines invoiced/,
    );
    const november = JSON.parse(
      cli(['charges', '--month', '2025-11', '--format', 'json', '--store', `sqlite:${db}`]).stdout,
    );
    expect(november).toMatchObject({ status: 'open', carriesAdjustments: true, close: null, total: 58_000 });
    expect(november.lines.find((l: { kind: string }) => l.kind === 'adjustment')).toMatchObject({
      id: 'c-br:2025-11:adjustment:2025-10:config-change:job-late',
      billTo: 'acme',
      amount: 10_000,
      corrects: { month: '2025-10', lineId: 'c-br:2025-10:config-change:job-late' },
      formula: expect.stringMatching(
        /^2025-10 config-change c-br:2025-10:config-change:job-late: recomputed 10,000 \[1 × 10,000 = 10,000 \(job started 2025-10-21T20:30:00\+09:00, outside business hours 09:00:00-19:00:00\)\] − invoiced 0 \(no such line at the close\) = 10,000$/,
      ),
      calculation: { kind: 'adjustment', month: '2025-10' },
      notes: [{ kind: 'corrects-closed-month', month: '2025-10' }],
    });
    // As known before the late job: no adjustment.
    const known = JSON.parse(
      cli([
        'charges',
        '--month',
        '2025-11',
        '--format',
        'json',
        '--known-at',
        '2025-07-01',
        '--store',
        `sqlite:${db}`,
      ]).stdout,
    );
    expect(known.lines.filter((l: { kind: string }) => l.kind === 'adjustment')).toEqual([]);

    // The export of October: one document per contractor billed.
    const exported = JSON.parse(cli(['export', '--month', '2025-10', '--store', `sqlite:${db}`]).stdout);
    expect(exported).toMatchObject({ schema: 'vpn-ledger.export/v1', month: '2025-10', status: 'closed' });
    expect(
      exported.documents.map((d: { billTo: string; totals: { amount: number } }) => [
        d.billTo,
        d.totals.amount,
      ]),
    ).toEqual([
      ['acme', 30_000],
      ['acme-branch', 18_000],
    ]);
    expect(exported.documents[0]).toMatchObject({
      schema: 'vpn-ledger.invoice/v1',
      status: 'closed',
      close: { id: october.close.id, sealDigest: october.close.sealDigest, seal: { algorithm: 'ed25519' } },
      adjustments: [],
      currency: 'JPY',
    });
    // November is open: only as a draft.
    const open = cli(['export', '--month', '2025-11', '--store', `sqlite:${db}`]);
    expect(open).toMatchObject({ code: 1, stdout: '' });
    expect(open.stderr).toBe(
      'vpn-ledger: 2025-11 is not closed: close it first (`vpn-ledger close --month 2025-11`), or export a draft with --draft.\n',
    );
    const draft = cli([
      'export',
      '--month',
      '2025-11',
      '--draft',
      '--bill-to',
      'acme',
      '--format',
      'csv',
      '--store',
      `sqlite:${db}`,
    ]);
    expect(draft.code).toBe(0);
    const rows = draft.stdout.trim().split('\n');
    expect(rows[0]).toBe(
      'record,month,status,bill_to,line_id,contract_id,network_id,kind,period_from,period_to,amount_yen,article,policy,edition,formula,corrects_month,corrects_line_id,source_event_ids,close_id,seal_digest',
    );
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 5).join(','))).toEqual([
      'line,2025-11,draft,acme,c-hq:2025-11:monthly-basic',
      'adjustment,2025-11,draft,acme,c-br:2025-11:adjustment:2025-10:config-change:job-late',
    ]);
    // The totals are a table of their own (--totals): lines and totals never share a column.
    const totals = cli([
      'export',
      '--month',
      '2025-11',
      '--draft',
      '--bill-to',
      'acme',
      '--format',
      'csv',
      '--totals',
      '--store',
      `sqlite:${db}`,
    ]);
    expect(totals.stdout.trim().split('\n').slice(1)).toEqual([
      expect.stringMatching(/^bill-to,2025-11,draft,acme,1,\d+,1,-?\d+,40000,,$/),
      expect.stringMatching(/^all,2025-11,draft,,1,\d+,1,-?\d+,40000,,$/),
    ]);
    expect(
      cli(['export', '--month', '2025-10', '--bill-to', 'nobody', '--store', `sqlite:${db}`]),
    ).toMatchObject({ code: 1 });
  });

  it('seal on demand, published; verify checks it with the public key, and with the published copy', () => {
    const db = seeded();
    const sealed = cli([
      'seal',
      '--actor',
      'staff:audit',
      '--key',
      'key.pem',
      '--format',
      'json',
      '--store',
      `sqlite:${db}`,
    ]);
    expect(sealed.code).toBe(0);
    const json = JSON.parse(sealed.stdout);
    expect(json).toMatchObject({
      schema: 'vpn-ledger.seal-result/v1',
      streamId: 'seals',
      seal: { position: { commit: '7' }, events: 7, subject: { kind: 'on-demand' } },
    });
    writeFileSync(join(dir, `seal-${n}.json`), sealed.stdout);
    const verified = cli([
      'verify',
      '--public-key',
      'key.pem.pub',
      '--seal',
      `seal-${n}.json`,
      '--store',
      `sqlite:${db}`,
    ]);
    expect(verified).toMatchObject({ code: 0, stderr: '' });
    expect(verified.stdout).toBe(
      `OK: 8 event(s) in 4 stream(s) of SQLite file ${db}: hash chains, schemas, global positions and seals hold.\nSeals: 2 (1 published), signatures checked; the furthest that holds covers 7 event(s) up to position 7; 1 event(s) after it are not sealed yet.\n`,
    );
    // The public key from the environment; a key file that is no key is a usage error.
    expect(
      cli(['verify', '--store', `sqlite:${db}`], { VPN_LEDGER_PUBLIC_KEY: 'key.pem.pub' }).stdout,
    ).toMatch(/signatures checked/);
    writeFileSync(join(dir, 'junk.pub'), 'junk');
    expect(cli(['verify', '--public-key', 'junk.pub', '--store', `sqlite:${db}`])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^vpn-ledger: The key file junk\.pub is not a public key in PEM/),
    });
    expect(cli(['verify', '--seal', 'junk.pub', '--store', `sqlite:${db}`])).toMatchObject({ code: 2 });
  });
});
