/**
 * `vpn-ledger what-if` end to end (the BUILT program, issue 17): on the demo ledger, what it says
 * is what `apply` then records and `charges` then shows; it leaves the ledger file, its views and
 * its directory as they were; two what-ifs and an apply at once do not disturb each other.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliRun, ensureBuilt, MAIN, runCli } from './built-cli';

const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-what-if-'));
let template = '';
let n = 0;

beforeAll(() => {
  ensureBuilt();
  template = join(dir, 'template.db');
  const r = runCli(['demo', '--store', `sqlite:${template}`], { cwd: dir });
  expect(r.code).toBe(0);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the demo ledger in a directory of its own. */
const demoLedger = (): string => {
  const own = join(dir, `l-${++n}`);
  mkdirSync(own);
  const path = join(own, 'ledger.db');
  copyFileSync(template, path);
  return path;
};

const cli = (args: readonly string[], input?: string): CliRun =>
  runCli(args, { cwd: dir, ...(input ? { input } : {}) });

const file = (name: string, lines: readonly object[] | string): string => {
  const path = join(dir, name);
  writeFileSync(
    path,
    typeof lines === 'string' ? lines : `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`,
  );
  return path;
};

const command = (type: string, commandId: string, data: Record<string, unknown>) => ({
  type,
  commandId,
  actor: 'staff:sato',
  data,
});
const NOTICE = command('ReceiveTerminationNotice', 'wi-fukuoka-notice', {
  contractId: 'c-fukuoka',
  noticeArrivedOn: '2025-11-04',
  requestedOn: null,
  ground: 'ordinary',
  evidenceRef: null,
});

const snapshot = (path: string) => ({
  sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
  mtimeMs: statSync(path).mtimeMs,
  listing: readdirSync(join(path, '..')).sort(),
});

interface Line {
  id: string;
  amount: number;
  formula: string;
}
interface MonthJson {
  month: string;
  added: Line[];
  removed: Line[];
  changed: { before: Line; after: Line }[];
  difference: number;
}

describe('vpn-ledger what-if', () => {
  it('shows a termination notice with its Annex 2 settlement, and writes nothing', () => {
    const db = demoLedger();
    const before = snapshot(db);
    const r = cli([
      'what-if',
      file('notice.jsonl', [NOTICE]),
      '--store',
      `sqlite:${db}`,
      '--as-of',
      '2025-11-04',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'line 1: would be accepted ReceiveTerminationNotice (wi-fukuoka-notice) → TerminationNoticeReceived',
    );
    expect(r.stdout).toMatch(
      /2025-12 +added +c-fukuoka +early-termination +2025-12-05\.\.2026-05-31 +88,064 +Art\. 20\(1\); Annex 2 §1 +floor\(15,000 × 27 \/ 31\) \+ 5 × 15,000 = 88,064/,
    );
    expect(r.stdout).toContain('From 2026-01 on, every month differs as 2026-01 does: -19,500 yen a month.');
    expect(r.stdout).toMatch(
      /added +c-fukuoka +dev-fukuoka-1 .* contract-end +2025-12-04 +2026-01-03 +pending/,
    );
    expect(r.stderr).toBe(
      'what-if: 1 command line(s): 1 would be accepted, 0 would be rejected; 1 event(s) would be written; nothing was written\n',
    );
    // The ledger file (its views included), its mtime and its directory are as they were.
    expect(snapshot(db)).toEqual(before);
  });

  it('says in JSON what apply then records and charges then shows', () => {
    const db = demoLedger();
    const commands = [
      NOTICE,
      command('AcceptModelChange', 'wi-nagoya-change', {
        contractId: 'c-nagoya',
        changeId: 'mc-nagoya',
        target: { kind: 'device' },
        toModel: 'Cisco C1121-8P',
        fee: 20_000,
        monthlyFee: 19_000,
        acceptedOn: '2025-11-05',
      }),
      command('CompleteModelChange', 'wi-nagoya-complete', {
        contractId: 'c-nagoya',
        changeId: 'mc-nagoya',
        billingStartOn: '2025-11-20',
        newItemIds: ['dev-nagoya-3'],
      }),
      command('StopOption', 'wi-hq-licence-stop', {
        contractId: 'c-tokyo-hq',
        optionId: 'opt-hq-licence',
        noticeArrivedOn: '2025-11-10',
        requestedOn: null,
      }),
    ];
    const input = file('three.jsonl', commands);
    const r = cli(['what-if', input, '--store', `sqlite:${db}`, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      schema: string;
      lines: { line: number; status: string; events: { eventId: string }[] }[];
      events: { eventId: string; type: string }[];
      contracts: string[];
      charges: { months: MonthJson[]; ongoingFrom: string | null };
    };
    expect(doc.schema).toBe('vpn-ledger.what-if/v1');
    expect(doc.lines.map((l) => [l.line, l.status])).toEqual([
      [1, 'accepted'],
      [2, 'accepted'],
      [3, 'accepted'],
      [4, 'accepted'],
    ]);
    expect(doc.contracts).toEqual(['c-fukuoka', 'c-nagoya', 'c-tokyo-hq']);
    const applied = cli(['apply', input, '--store', `sqlite:${db}`, '--format', 'json']);
    expect(applied.code).toBe(0);
    const written = applied.stdout
      .trim()
      .split('\n')
      .flatMap((l) => (JSON.parse(l) as { events: { eventId: string; type: string }[] }).events);
    expect(doc.events.map((e) => [e.eventId, e.type])).toEqual(written.map((e) => [e.eventId, e.type]));
    for (const m of doc.charges.months) {
      const c = cli(['charges', '--month', m.month, '--store', `sqlite:${db}`, '--format', 'json']);
      expect(c.code).toBe(0);
      const shown = (JSON.parse(c.stdout) as { lines: (Line & { contractId: string })[] }).lines.filter((l) =>
        doc.contracts.includes(l.contractId),
      );
      const ids = new Set(shown.map((l) => l.id));
      for (const l of [...m.added, ...m.changed.map((c) => c.after)]) expect(shown).toContainEqual(l);
      for (const l of m.removed) expect(ids.has(l.id)).toBe(false);
    }
    const settlement = doc.charges.months
      .flatMap((m) => m.added)
      .find((l) => l.id === 'c-fukuoka:2025-12:early-termination');
    expect(settlement).toMatchObject({ amount: 88_064 });
  });

  it('reports rejections with their articles and unreadable lines, and exits 1; --stop-on-error stops there', () => {
    const db = demoLedger();
    const input = file(
      'mixed.jsonl',
      [
        '# a comment',
        JSON.stringify(
          command('StopOption', 'wi-kobe-again', {
            contractId: 'c-kobe',
            optionId: 'opt-kobe-sfp',
            noticeArrivedOn: '2025-11-01',
            requestedOn: null,
          }),
        ),
        '{"type": "StartBilling",',
        JSON.stringify(NOTICE),
        '',
      ].join('\n'),
    );
    const before = snapshot(db);
    const r = cli(['what-if', input, '--store', `sqlite:${db}`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'line 2: would be rejected StopOption (wi-kobe-again): OPTION_NOT_ACTIVE [Art. 17(4)]',
    );
    expect(r.stdout).toMatch(/line 3: invalid JSON: /);
    expect(r.stdout).toContain('line 4: would be accepted ReceiveTerminationNotice');
    expect(r.stderr).toMatch(/3 command line\(s\): 1 would be accepted, 1 would be rejected, 1 invalid JSON/);
    const stopped = cli(['what-if', input, '--store', `sqlite:${db}`, '--stop-on-error']);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).not.toContain('line 3');
    expect(stopped.stdout).toContain('No event would be written.');
    expect(stopped.stderr).toMatch(/stopped at line 2 \(--stop-on-error\)/);
    expect(snapshot(db)).toEqual(before);
  });

  it('reads stdin, and refuses a missing file or ledger with exit 2', () => {
    const db = demoLedger();
    const r = cli(['what-if', '-', '--store', `sqlite:${db}`, '--format', 'json'], JSON.stringify(NOTICE));
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { summary: { accepted: number } }).summary.accepted).toBe(1);
    expect(cli(['what-if', join(dir, 'no-such.jsonl'), '--store', `sqlite:${db}`])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^vpn-ledger: Cannot read .*no-such\.jsonl: no such file\.\n$/),
    });
    expect(
      cli(['what-if', file('n.jsonl', [NOTICE]), '--store', `sqlite:${join(dir, 'none.db')}`]),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^vpn-ledger: No ledger at /),
    });
  });
});

describe('the README', () => {
  it("shows what-if's real output for the early termination of a demo contract", () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const shown = /\$ vpn-ledger what-if (examples\/\S+) (.*)\n([\s\S]*?)\$ echo \$\?\n0\n/.exec(readme);
    expect(shown).not.toBeNull();
    const [, example, options, output] = shown!;
    const own = join(dir, 'readme');
    mkdirSync(own);
    copyFileSync(template, join(own, 'demo-ledger.db'));
    const r = runCli(['what-if', join(__dirname, '..', '..', example!), ...options!.split(' ')], {
      cwd: own,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(output);
  });
});

describe('two what-ifs and an apply at once', () => {
  const start = (args: readonly string[]) =>
    new Promise<CliRun>((resolve, reject) => {
      const child = spawn(process.execPath, [MAIN, ...args], {
        cwd: dir,
        // With its stack, should a run ever fail as an internal error (exit 70).
        env: { ...process.env, VPN_LEDGER_STORE: undefined, VPN_LEDGER_DEBUG: '1' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  /** The what-if's answer without where in the log it was read, and when its events would be stamped. */
  const answer = (r: CliRun) => {
    const doc = JSON.parse(r.stdout) as {
      generatedFrom: { lastPosition: unknown };
      events: { metadata: { recordedAt: unknown; hash: unknown } }[];
    };
    return {
      ...doc,
      generatedFrom: { ...doc.generatedFrom, lastPosition: null },
      events: doc.events.map((e) => ({ ...e, metadata: { ...e.metadata, recordedAt: null, hash: null } })),
    };
  };

  it('do not disturb each other: each what-if answers as alone, the apply records its commands', async () => {
    const db = demoLedger();
    const notice = file('c-notice.jsonl', [NOTICE]);
    const stop = file('c-stop.jsonl', [
      command('StopOption', 'wi-hq-stop', {
        contractId: 'c-tokyo-hq',
        optionId: 'opt-hq-licence',
        noticeArrivedOn: '2025-11-10',
        requestedOn: null,
      }),
    ]);
    const alone = [
      answer(cli(['what-if', notice, '--store', `sqlite:${db}`, '--format', 'json'])),
      answer(cli(['what-if', stop, '--store', `sqlite:${db}`, '--format', 'json'])),
    ];
    // The apply records costs on a third contract, one command after another.
    const costs = file(
      'c-costs.jsonl',
      Array.from({ length: 40 }, (_, i) =>
        command('RecordOneTimeCost', `real-cost-${i}`, {
          contractId: 'c-sapporo',
          costId: `cost-${i}`,
          cost: 'travel',
          amount: 1_000 + i,
          incurredOn: '2025-11-02',
          description: 'trip',
        }),
      ),
    );
    for (let round = 0; round < 2; round++) {
      const [a, b, applied] = await Promise.all([
        start(['what-if', notice, '--store', `sqlite:${db}`, '--format', 'json']),
        start(['what-if', stop, '--store', `sqlite:${db}`, '--format', 'json']),
        start(['apply', costs, '--store', `sqlite:${db}`]),
      ]);
      // A failing child's stderr, not just its exit code, so that a failure says what went wrong.
      expect([a, b, applied].map((r) => (r.code === 0 ? 0 : `${r.code}: ${r.stderr}`))).toEqual([0, 0, 0]);
      expect(answer(a)).toEqual(alone[0]);
      expect(answer(b)).toEqual(alone[1]);
      // Recorded in the first round, answered as repeats in the second.
      expect(applied.stderr).toMatch(
        round === 0
          ? /40 accepted, 0 rejected; 40 event\(s\) written/
          : /40 accepted \(40 repeated\), 0 rejected; 0 event\(s\) written/,
      );
    }
    const charges = runCli(
      [
        'charges',
        '--month',
        '2025-11',
        '--contract',
        'c-sapporo',
        '--store',
        `sqlite:${db}`,
        '--format',
        'json',
      ],
      // With its stack, should it ever fail as an internal error (exit 70).
      { cwd: dir, env: { VPN_LEDGER_DEBUG: '1' } },
    );
    expect(charges.code === 0 ? 0 : `${charges.code}: ${charges.stderr}`).toBe(0);
    expect(
      (JSON.parse(charges.stdout) as { lines: { kind: string }[] }).lines.filter(
        (l) => l.kind === 'one-time-cost',
      ),
    ).toHaveLength(40);
    expect(cli(['verify', '--store', `sqlite:${db}`])).toMatchObject({ code: 0 });
    // Nothing of the what-ifs was recorded.
    const timeline = cli(['timeline', 'c-fukuoka', '--store', `sqlite:${db}`]);
    expect(timeline.stdout).not.toContain('Termination notice');
  }, 120_000);
});
