/**
 * What hostile or clumsy input did to `vpn-ledger` (issue 15), each as the built program meets it:
 * closed or full outputs, corrupt rows, read-only and foreign files, exit codes, giant lines,
 * control characters and bad encodings, dates and amounts out of range.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer as createHttp2Server } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type CliRun, ensureBuilt, MAIN, runCli, unprivileged } from './built-cli';

beforeAll(() => ensureBuilt(), 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-hardening-'));
// The unprivileged user runs some of the tests in here.
chmodSync(dir, 0o755);
let n = 0;
const freshDb = () => join(dir, `ledger-${++n}.db`);
const cli = (args: readonly string[], options: Omit<Parameters<typeof runCli>[1], 'cwd'> = {}): CliRun =>
  runCli(args, { cwd: dir, ...options });
const file = (name: string, lines: readonly (string | object)[]): string => {
  const path = join(dir, name);
  writeFileSync(path, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
  return path;
};

const command = (type: string, commandId: string, data: Record<string, unknown>, actor = 'staff:sato') => ({
  type,
  commandId,
  actor,
  data,
});
const registerNetwork = (id: string, commandId = `${id}.register`, parent = `${id}-parent`) =>
  command('RegisterNetwork', commandId, {
    networkId: id,
    parentContractId: parent,
    parentHolderId: 'acme',
    item: 'single-star-single-edge',
    registeredOn: '2025-04-01',
  });
const application = (over: Record<string, unknown> = {}) => ({
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
  monthlyFee: 12000,
  onSiteInstallation: null,
  acceptedOn: '2025-04-01',
  ...over,
});
const HISTORY = [
  registerNetwork('n-1', 'cmd-1', 'c-parent'),
  command('AcceptApplication', 'cmd-2', application()),
  command(
    'AcceptApplication',
    'cmd-3',
    application({
      contractId: 'c-child',
      contractType: 'child',
      contractorId: 'branch',
      deviceItemIds: ['dev-c-1'],
      lanSubnets: ['10.1.0.0/16'],
    }),
  ),
  command('StartBilling', 'cmd-4', { contractId: 'c-parent', billingStartOn: '2025-04-15' }),
  command('StartBilling', 'cmd-5', { contractId: 'c-child', billingStartOn: '2025-04-15' }),
  command('ReportFault', 'cmd-6', {
    contractId: 'c-child',
    faultId: 'f-1',
    itemId: 'dev-c-1',
    reportedAt: '2025-05-01T10:00:00+09:00',
    description: 'Down \u001b[31mRED\u001b[0m \u009b2J',
  }),
];
/** A ledger holding HISTORY: applied once, then copied (apply leaves one file, no -wal). */
let template = '';
beforeAll(() => {
  template = freshDb();
  const r = cli(['apply', file('history.jsonl', HISTORY), '--store', `sqlite:${template}`]);
  expect(r).toMatchObject({ code: 0 });
}, 60_000);
const seeded = (path = freshDb()): string => {
  copyFileSync(template, path);
  return path;
};

/** Every read command, as arguments (they share one way to open the store; SOME runs a few). */
const READS: readonly (readonly string[])[] = [
  ['charges', '--month', '2025-05'],
  ['charges', '--month', '2025-05', '--format', 'csv'],
  ['timeline', 'c-child'],
  ['state', 'c-child', '--as-of', '2025-05-10'],
  ['terms', 'c-child', '--as-of', '2025-05-10'],
  ['deadlines', '--all'],
  ['explain', 'c-child:2025-05:monthly-basic'],
  ['replay'],
  ['replay', '--verify'],
  ['verify'],
];
const SOME = [READS[0]!, READS[2]!, READS[8]!, READS[9]!];

const snapshot = (path: string) => ({
  sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
  mtimeMs: statSync(path).mtimeMs,
  listing: readdirSync(join(path, '..')).sort(),
});

describe('a failed write of output ends non-zero with a message (item 2)', () => {
  it('apply whose reader goes away after the first line stops quietly with 141, and applying again goes on', async () => {
    const db = freshDb();
    const lines = Array.from({ length: 3000 }, (_, i) => registerNetwork(`n-${i}`));
    const input = file('many-networks.jsonl', lines);
    // `vpn-ledger apply many.jsonl | head -1`: the reader closes the pipe after its first line.
    const child = spawn(process.execPath, [MAIN, 'apply', input, '--store', `sqlite:${db}`], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    // As a program killed by SIGPIPE (psql, sqlite3): nothing said, 128 + 13.
    expect(code).toBe(141);
    expect(stderr).toBe('');
    const count = () => {
      const raw = new Database(db, { readonly: true });
      const c = (raw.prepare('SELECT count(*) AS c FROM events').get() as { c: number }).c;
      raw.close();
      return c;
    };
    // It stopped well before the end, and the same file applied again goes on from there.
    const stopped = count();
    expect(stopped).toBeGreaterThan(0);
    expect(stopped).toBeLessThan(3000);
    const again = cli(['apply', input, '--quiet', '--store', `sqlite:${db}`]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`3000 command line(s): 3000 accepted (${stopped} repeated), 0 rejected`);
    expect(count()).toBe(3000);
  }, 60_000);

  it('a full disk (/dev/full) is exit 74 with one line on stderr, for reads and for apply', () => {
    const db = seeded();
    const full = openSync('/dev/full', 'w');
    try {
      for (const format of ['table', 'json', 'csv']) {
        const r = cli(['charges', '--month', '2025-05', '--format', format, '--store', `sqlite:${db}`], {
          stdout: full,
        });
        expect(r).toMatchObject({
          code: 74,
          stderr: 'vpn-ledger: cannot write the output: no space left on the device (ENOSPC).\n',
        });
      }
      const applied = cli(
        ['apply', file('more.jsonl', [registerNetwork('n-full')]), '--store', `sqlite:${db}`],
        {
          stdout: full,
        },
      );
      expect(applied.code).toBe(74);
      expect(applied.stderr).toMatch(
        /^vpn-ledger: cannot write the output: no space left on the device \(ENOSPC\)\. .*1 command line\(s\): 1 accepted, 0 rejected; 1 event\(s\) written/,
      );
    } finally {
      closeSync(full);
    }
  });
});

describe('corrupt rows (item 5)', () => {
  it.each([
    ['truncated JSON', `'{"contractId": "c-child"'`, /its data is not JSON/],
    ['null', `'null'`, /its data is null, not a JSON object/],
    ['42', `'42'`, /its data is a number, not a JSON object/],
  ])(
    '%s in the data column: charges and replay exit 1 naming the stream and revision, and point to verify',
    (label, value, why) => {
      const db = seeded();
      const raw = new Database(db);
      raw
        .prepare(`UPDATE events SET data = ${value} WHERE stream_id = 'contract-c-child' AND revision = 1`)
        .run();
      raw.close();
      // Every read of the contract's events goes through the same reader (a month's charges come
      // from the views: one contract's charges fold its stream); the first case also runs verify.
      const first = label === 'truncated JSON';
      for (const args of first
        ? [['charges', '--month', '2025-05', '--contract', 'c-child'], ['replay']]
        : [['timeline', 'c-child']]) {
        const r = cli([...args, '--store', `sqlite:${db}`]);
        expect(r).toMatchObject({ code: 1, stdout: '' });
        expect(r.stderr).toMatch(
          /^vpn-ledger: SQLite file .*: Event contract-c-child@1 \(global position \d+\) is corrupt: /,
        );
        expect(r.stderr).toMatch(why);
        expect(r.stderr).toMatch(/Run `vpn-ledger verify` to check the whole log\.\n$/);
      }
      if (!first) return;
      const verify = cli(['verify', '--store', `sqlite:${db}`]);
      expect(verify.code).toBe(1);
      expect(verify.stdout).toMatch(/contract-c-child\s+1\s+\d+\s+unreadable/);
    },
  );
});

describe('an event that breaks its schema (item 5)', () => {
  it('`{}` as an application: reads exit 1 naming the event and pointing to verify, not 70', () => {
    const db = seeded();
    const raw = new Database(db);
    raw.prepare(`UPDATE events SET data = '{}' WHERE stream_id = 'contract-c-child' AND revision = 0`).run();
    raw.close();
    for (const args of [['charges', '--month', '2025-05', '--contract', 'c-child'], ['replay']]) {
      const r = cli([...args, '--store', `sqlite:${db}`]);
      expect(r).toMatchObject({ code: 1, stdout: '' });
      expect(r.stderr).toMatch(
        /^vpn-ledger: SQLite file .*: Event contract-c-child@0 cannot be read: .* Run `vpn-ledger verify` to check the whole log\.\n$/,
      );
    }
  });
});

describe('an event whose data is `{}` where the fold does not fail but what it answers does (issue 26)', () => {
  it('a FaultReported emptied: state, timeline, explain and replay exit 1 naming it (they exited 70, replay 0)', () => {
    const db = seeded();
    const raw = new Database(db);
    const row = raw
      .prepare(
        `UPDATE events SET data = '{}' WHERE stream_id = 'contract-c-child' AND type = 'FaultReported'`,
      )
      .run();
    expect(row.changes).toBe(1);
    raw.close();
    for (const args of [
      ['state', 'c-child', '--as-of', '2025-06-01'],
      ['timeline', 'c-child'],
      ['explain', 'c-child:2025-05:monthly-basic'],
      ['replay'],
    ]) {
      const r = cli([...args, '--store', `sqlite:${db}`]);
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 1, stdout: '' });
      expect(r.stderr).toMatch(
        /^vpn-ledger: SQLite file .*: Event contract-c-child@2 cannot be read: .*faultId.* Run `vpn-ledger verify` to check the whole log\.\n$/,
      );
    }
  });
});

describe('a fact whose consequences fall after 2199-12-31 (issue 26)', () => {
  it('a termination notice arriving on 2199-12-31 is refused when recorded, naming the derived date; nothing is written', () => {
    const db = seeded();
    const before = snapshot(db).sha256;
    const notice = command('ReceiveTerminationNotice', 'cmd-2200', {
      contractId: 'c-child',
      noticeArrivedOn: '2199-12-31',
      requestedOn: null,
      ground: 'ordinary',
      evidenceRef: null,
    });
    const r = cli(['apply', file('2200.jsonl', [notice]), '--store', `sqlite:${db}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'rejected ReceiveTerminationNotice (cmd-2200): DATE_OUT_OF_RANGE [Policy dates-within-supported-range] TerminationNoticeReceived would record 2200-01-30 as effectiveOn, outside the dates the ledger keeps (2000-01-01 to 2199-12-31), where no billing month could be read; nothing was recorded.',
    );
    expect(snapshot(db).sha256).toBe(before);
    // The last month the ledger reads holds no settlement of it.
    const december = cli(['charges', '--month', '2199-12', '--format', 'json', '--store', `sqlite:${db}`]);
    expect(december.code).toBe(0);
    expect(
      (JSON.parse(december.stdout) as { lines: { kind: string }[] }).lines.filter((l) =>
        l.kind.startsWith('early-termination'),
      ),
    ).toEqual([]);
  });
});

describe('read commands never change a file; read-only ledgers (items 7, 8)', () => {
  it('every read command leaves the ledger file and its directory as they were', () => {
    const folder = join(dir, 'untouched');
    mkdirSync(folder);
    const db = seeded(join(folder, 'ledger.db'));
    const before = snapshot(db);
    expect(before.listing).toEqual(['ledger.db']);
    for (const args of READS) {
      const r = cli([...args, '--store', `sqlite:${db}`]);
      expect([args, r.code, r.stderr.replace(/^replay verified.*\n/, '')]).toEqual([args, 0, '']);
      expect(snapshot(db)).toEqual(before);
    }
  });

  it('reads an archived ledger: a read-only file in a read-only directory', () => {
    const folder = join(dir, 'archive');
    mkdirSync(folder);
    const db = seeded(join(folder, 'ledger.db'));
    const expected = cli([
      'charges',
      '--month',
      '2025-05',
      '--format',
      'json',
      '--store',
      `sqlite:${db}`,
    ]).stdout;
    chmodSync(db, 0o444);
    chmodSync(folder, 0o555);
    try {
      const before = snapshot(db);
      for (const args of SOME) {
        const r = cli([...args, '--store', `sqlite:${db}`], { asUser: unprivileged() });
        expect([args, r.code, r.stderr.replace(/^replay verified.*\n/, '')]).toEqual([args, 0, '']);
      }
      const again = cli(['charges', '--month', '2025-05', '--format', 'json', '--store', `sqlite:${db}`], {
        asUser: unprivileged(),
      });
      expect(again.stdout).toBe(expected);
      expect(snapshot(db)).toEqual(before);

      const apply = cli(
        ['apply', file('late.jsonl', [registerNetwork('n-late')]), '--store', `sqlite:${db}`],
        {
          asUser: unprivileged(),
        },
      );
      expect(apply).toMatchObject({
        code: 1,
        stdout: '',
        stderr: `vpn-ledger: The ledger file ${db} is read-only: nothing can be written to it.\n`,
      });
      expect(snapshot(db)).toEqual(before);
    } finally {
      chmodSync(folder, 0o755);
      chmodSync(db, 0o644);
    }
  });

  it("refuses another program's SQLite file (exit 2, not a vpn-ledger file) and writes nothing to it", () => {
    const folder = join(dir, 'other-app');
    mkdirSync(folder);
    const other = join(folder, 'other-app.db');
    const raw = new Database(other);
    raw.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me')");
    raw.close();
    const before = snapshot(other);
    for (const args of [...SOME, ['apply', file('into-other.jsonl', [registerNetwork('n-x')])]]) {
      const r = cli([...args, '--store', `sqlite:${other}`]);
      expect([args, r.code, r.stdout]).toEqual([args, 2, '']);
      expect(r.stderr).toBe(
        `vpn-ledger: ${other} is not a vpn-ledger file: it is an SQLite database without the ledger's tables (another program's file?).\n`,
      );
      expect(snapshot(other)).toEqual(before);
    }
    const text = join(folder, 'notes.txt');
    writeFileSync(text, 'not a database\n'.repeat(200));
    const r = cli(['verify', '--store', `sqlite:${text}`]);
    expect(r).toMatchObject({
      code: 2,
      stderr: `vpn-ledger: ${text} is not a vpn-ledger file: it is not an SQLite database.\n`,
    });
  });
});

describe('exit codes as the README promises (item 9)', () => {
  it('an input file that cannot be read is a usage error (2)', () => {
    const input = file('secret.jsonl', [registerNetwork('n-s')]);
    chmodSync(input, 0o000);
    try {
      const r = cli(['apply', input, '--store', `sqlite:${join(dir, 'nobody-writes-here.db')}`], {
        asUser: unprivileged(),
      });
      expect(r).toMatchObject({
        code: 2,
        stdout: '',
        stderr: `vpn-ledger: Cannot read ${input}: permission denied.\n`,
      });
    } finally {
      chmodSync(input, 0o644);
    }
  });

  it('a store in a missing directory is a usage error (2) for apply and for reads alike', () => {
    const missing = join(dir, 'no-such-dir', 'ledger.db');
    const apply = cli([
      'apply',
      file('to-nowhere.jsonl', [registerNetwork('n-m')]),
      '--store',
      `sqlite:${missing}`,
    ]);
    expect(apply).toMatchObject({
      code: 2,
      stderr: `vpn-ledger: Cannot create a ledger at ${missing}: the directory ${join(dir, 'no-such-dir')} does not exist.\n`,
    });
    const read = cli(['charges', '--month', '2025-05', '--store', `sqlite:${missing}`]);
    expect(read.code).toBe(2);
    expect(read.stderr).toMatch(/^vpn-ledger: No ledger at /);
  });

  it('an EventStoreDB store with no host is a usage error (2)', () => {
    for (const spec of ['esdb://', 'esdb+discover://:2113?tls=false']) {
      const r = cli(['verify', '--store', spec]);
      expect([spec, r.code]).toEqual([spec, 2]);
      expect(r.stderr).toMatch(/^vpn-ledger: Store ".*" names no EventStoreDB host/);
    }
    const bad = cli(['verify', '--store', 'esdb://localhost:2113?tls=maybe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^vpn-ledger: Invalid EventStoreDB connection string/);
  });

  it('an esdb+discover:// that cannot discover, or an HTTP/2 server that is no EventStoreDB, is a failure (1)', async () => {
    const discover = cli([
      'charges',
      '--month',
      '2025-05',
      '--store',
      'esdb+discover://127.0.0.1:1?tls=false&maxDiscoverAttempts=1&discoveryInterval=10',
    ]);
    expect(discover).toMatchObject({ code: 1, stdout: '' });
    expect(discover.stderr).toMatch(
      /^vpn-ledger: EventStoreDB at .*: EventStoreDB is unavailable: Failed to discover/,
    );

    const server = createHttp2Server((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>a web server</html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const child = spawn(
        process.execPath,
        [MAIN, 'charges', '--month', '2025-05', '--store', `esdb://127.0.0.1:${port}?tls=false`],
        { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (c: string) => {
        stderr += c;
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(1);
      expect(stderr).toMatch(
        /^vpn-ledger: EventStoreDB at .*: EventStoreDB answered with an error \(is this an EventStoreDB server\?\)/,
      );
    } finally {
      server.close();
    }
  }, 30_000);
});

describe('input lines (items 10, 11)', () => {
  it('a line over 1 MiB is refused as that line, and the lines around it still run', () => {
    const db = freshDb();
    const giant = JSON.stringify({ ...registerNetwork('n-giant'), padding: 'x'.repeat(2 * 1024 * 1024) });
    const input = file('giant.jsonl', [registerNetwork('n-before'), giant, registerNetwork('n-after')]);
    const r = cli(['apply', input, '--store', `sqlite:${db}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^line 2: line too long: more than 1,048,576 bytes; not read\n/);
    expect(r.stdout).toContain('line 1: accepted RegisterNetwork (n-before.register)');
    expect(r.stdout).toContain('line 3: accepted RegisterNetwork (n-after.register)');
    expect(r.stderr).toMatch(
      /3 command line\(s\): 2 accepted, 0 rejected, 1 unreadable; 2 event\(s\) written/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a line that is not UTF-8 instead of storing U+FFFD', () => {
    const db = seeded();
    const fault = (faultId: string) =>
      `${JSON.stringify(
        command('ReportFault', `cmd-${faultId}`, {
          contractId: 'c-parent',
          faultId,
          itemId: 'dev-p-1',
          reportedAt: '2025-05-02T10:00:00+09:00',
          description: 'Caf\u00e9 router down',
        }),
      )}\n`;
    const input = join(dir, 'latin1.jsonl');
    writeFileSync(
      input,
      Buffer.concat([Buffer.from(fault('f-utf8'), 'utf8'), Buffer.from(fault('f-latin1'), 'latin1')]),
    );
    const r = cli(['apply', input, '--store', `sqlite:${db}`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('line 1: accepted ReportFault (cmd-f-utf8) → FaultReported\n');
    expect(r.stderr).toMatch(/^line 2: not valid UTF-8 text; not read \(save the file as UTF-8\)\n/);
    const raw = new Database(db, { readonly: true });
    expect(raw.prepare("SELECT count(*) AS c FROM events WHERE data LIKE '%\uFFFD%'").get()).toEqual({
      c: 0,
    });
    raw.close();
  });

  it('refuses a JSON line with a duplicate key', () => {
    const r = cli([
      'apply',
      file('duplicate.jsonl', [
        '{"type":"RegisterNetwork","commandId":"cmd-d","actor":"staff:sato","data":{"networkId":"n-d","networkId":"n-e","parentContractId":"c","parentHolderId":"acme","item":"single-star-single-edge","registeredOn":"2025-04-01"}}',
      ]),
      '--store',
      `sqlite:${freshDb()}`,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^line 1: invalid JSON: Duplicate key "networkId" at position \d+\n/);
  });

  it('a command id or actor with a newline or ESC is rejected, and cannot forge a result line', () => {
    const forged = command(
      'RegisterNetwork',
      'x\nline 9: accepted RegisterNetwork (forged) → NetworkRegistered',
      registerNetwork('n-f').data,
    );
    const esc = command('RegisterNetwork', 'cmd-esc', registerNetwork('n-g').data, 'staff:\u001b[2Jsato');
    const r = cli(['apply', file('forged.jsonl', [forged, esc]), '--store', `sqlite:${freshDb()}`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      'line 1: rejected RegisterNetwork (x\\nline 9: accepted RegisterNetwork (forged) → NetworkRegistered): INVALID_COMMAND commandId: Ids use letters, digits and . _ : - only, starting with a letter or digit',
    );
    expect(lines[1]).toMatch(
      /^line 2: rejected RegisterNetwork \(cmd-esc\): INVALID_COMMAND actor: Ids use letters/,
    );
    expect(r.stderr).not.toContain('\u001b');
  });

  it('control characters stored in a description reach no terminal: timeline and JSON escape them', () => {
    const db = seeded();
    const timeline = cli(['timeline', 'c-child', '--store', `sqlite:${db}`]);
    expect(timeline.code).toBe(0);
    expect(timeline.stdout).toContain('Down \\u001b[31mRED\\u001b[0m \\u009b2J');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is that none is there
    expect(timeline.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const json = cli(['timeline', 'c-child', '--format', 'json', '--store', `sqlite:${db}`]);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is that none is there
    expect(json.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain('Down \\u001b[31mRED\\u001b[0m \u009b2J');
  });
});

describe('dates and amounts out of range (items 3, 4)', () => {
  it('refuses a notice on 9999-12-20, an instant whose Japan date is past 9999, and a date before 2000, naming the range', () => {
    const db = seeded();
    const r = cli([
      'apply',
      file('far-dates.jsonl', [
        command('ReceiveTerminationNotice', 'cmd-far', {
          contractId: 'c-child',
          noticeArrivedOn: '9999-12-20',
          requestedOn: null,
          ground: 'ordinary',
          evidenceRef: null,
        }),
        command('ReportFault', 'cmd-far-2', {
          contractId: 'c-child',
          faultId: 'f-far',
          itemId: 'dev-c-1',
          reportedAt: '9999-12-31T20:00:00Z',
          description: 'x',
        }),
        command('StartBilling', 'cmd-early', { contractId: 'c-child', billingStartOn: '1999-12-31' }),
      ]),
      '--store',
      `sqlite:${db}`,
    ]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe(
      'line 1: rejected ReceiveTerminationNotice (cmd-far): INVALID_COMMAND data.noticeArrivedOn: Date 9999-12-20 is out of range: dates from 2000-01-01 to 2199-12-31 (Japan time)',
    );
    expect(lines[1]).toBe(
      'line 2: rejected ReportFault (cmd-far-2): INVALID_COMMAND data.reportedAt: Expected an ISO-8601 date-time with an offset, e.g. 2025-04-01T00:30:00+09:00',
    );
    expect(lines[2]).toMatch(
      /^line 3: rejected StartBilling \(cmd-early\): INVALID_COMMAND data.billingStartOn: Date 1999-12-31 is out of range/,
    );
    expect(cli(['charges', '--month', '9999-12', '--store', `sqlite:${db}`]).code).toBe(2);
    expect(cli(['state', 'c-child', '--as-of', '2300-01-01', '--store', `sqlite:${db}`]).code).toBe(2);
  });

  it('refuses a fee of 300,000,000,000,000 and of 2^53+1 as too large, and accepts the maximum', () => {
    const db = freshDb();
    const r = cli([
      'apply',
      file('big-fees.jsonl', [
        registerNetwork('n-1', 'cmd-1', 'c-parent'),
        command('AcceptApplication', 'cmd-2', application({ monthlyFee: 300_000_000_000_000 })),
        command('AcceptApplication', 'cmd-3', application({ initialFee: 2 ** 53 + 1 })),
        command('AcceptApplication', 'cmd-4', application({ initialFee: 10_000_000_000 })),
      ]),
      '--store',
      `sqlite:${db}`,
    ]);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe(
      'line 2: rejected AcceptApplication (cmd-2): INVALID_COMMAND data.monthlyFee: Amount too large: at most 10,000,000,000 yen (so that every sum of charges stays exact)',
    );
    expect(lines[1]).toMatch(
      /^line 3: rejected AcceptApplication \(cmd-3\): INVALID_COMMAND data.initialFee: Amount too large/,
    );
    expect(r.stdout).toContain('line 4: accepted AcceptApplication (cmd-4)');
  });
});
