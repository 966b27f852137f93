/**
 * Webhooks through faults, end to end: the BUILT server (`vpn-ledger serve`) on a demo ledger with a
 * subscription added by `vpn-ledger webhooks add`, and a receiver on 127.0.0.1 in a process of its
 * own (test/support/webhook-receiver.js) that answers 500, does not answer at all, and is SIGKILLed
 * with a delivery in flight; then the server itself is SIGKILLed with deliveries pending, and started
 * again. Afterwards:
 *  - every fact the log announces (each cost recorded: its charges changed; the late cost of a
 *    closed month: an adjustment recorded; the close: a month closed) was delivered (answered 2xx)
 *    at least once, and nothing else was;
 *  - in order: the deliveries answered 2xx follow the log, a repeat only right after the same one;
 *  - every request's signature verifies with the secret `webhooks add` printed, and no other.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isPrincipal, parsePrincipal } from '../../src/auth/principal';
import { newToken, TOKENS_SCHEMA, writeTokenFile } from '../../src/auth/tokens';
import { verifySignature, WebhookBody } from '../../src/webhooks';
import { runCli } from '../cli/built-cli';
import { writeDemoLedger } from '../server/support';
import { TEST_PRIVATE_PEM } from '../support/billing';
import { ensureDist } from '../support/dist';
import { type ServerProcess, startServerProcess } from '../support/server-process';

const RECEIVER = join(__dirname, '..', 'support', 'webhook-receiver.js');

interface Line {
  readonly phase: 'received' | 'answered';
  readonly deliveryId: string;
  readonly attempt: number;
  readonly signature: string;
  readonly body: string;
  readonly mode: string;
  readonly answer: number | null;
  readonly at: number;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const waitFor = async (what: () => boolean | Promise<boolean>, ms: number, why: () => string) => {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error(`timed out: ${why()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('webhooks through a failing receiver and a killed server', () => {
  let dir: string;
  beforeAll(() => {
    const note = ensureDist();
    if (note) console.warn(note);
    dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-webhook-faults-'));
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('delivers every fact at least once, in order, signed, across a receiver killed mid-delivery and a server SIGKILLed', async () => {
    const path = join(dir, 'ledger.db');
    await writeDemoLedger(path);
    const tokens = join(dir, 'tokens.json');
    const principal = parsePrincipal('staff:sato');
    if (!isPrincipal(principal)) throw new Error(principal.problem);
    const made = newToken(principal, 'billing', '2025-01-01T00:00:00Z');
    writeTokenFile(tokens, { schema: TOKENS_SCHEMA, tokens: [made.record] });
    const keyPath = join(dir, 'seal.pem');
    writeFileSync(keyPath, TEST_PRIVATE_PEM, { mode: 0o600 });

    const port = await freePort();
    const modeFile = join(dir, 'mode');
    const logFile = join(dir, 'received.jsonl');
    writeFileSync(modeFile, '500');
    writeFileSync(logFile, '');
    const lines = (): Line[] =>
      readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Line);
    const setMode = (mode: string) => writeFileSync(modeFile, mode);
    let receiver: ChildProcess | null = null;
    const startReceiver = async () => {
      const child = spawn(process.execPath, [RECEIVER, String(port), modeFile, logFile], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => {
          if (d.toString().includes('LISTENING')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`the receiver exited (${code})`)));
      });
      receiver = child;
    };
    const killReceiver = async () => {
      const child = receiver!;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
      receiver = null;
    };

    const add = runCli(
      [
        'webhooks',
        'add',
        '--url',
        `http://127.0.0.1:${port}/hooks`,
        '--kinds',
        'month-closed,charges-changed,adjustment-recorded',
        '--label',
        'billing system',
        '--store',
        `sqlite:${path}`,
      ],
      { cwd: dir },
    );
    expect(add.code).toBe(0);
    const secret = add.stdout.trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const subscriptionId = /subscription (wh_[0-9a-f]+)/.exec(add.stderr)![1]!;

    const serverArgs = [
      '--store',
      `sqlite:${path}`,
      '--tokens',
      tokens,
      '--seal-key',
      keyPath,
      '--webhook-backoff-ms',
      '40',
      '--webhook-timeout-ms',
      '400',
      '--webhook-poll-ms',
      '30',
      '--webhook-attempts',
      '1000',
    ];
    let server: ServerProcess = await startServerProcess(serverArgs);
    const post = async (path: string, body?: unknown) => {
      const res = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${made.token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect({ status: res.status, text: await res.text() }).toMatchObject({ status: 200 });
    };
    const cost = (contractId: string, costId: string, incurredOn: string) =>
      post('/v1/commands', {
        type: 'RecordOneTimeCost',
        commandId: costId,
        data: { contractId, costId, cost: 'travel', amount: 8_000, incurredOn, description: 'travel' },
      });
    const pending = async () => {
      const res = await fetch(`${server.url}/health`);
      return ((await res.json()) as { webhooks: { pending: number } }).webhooks.pending;
    };

    try {
      // The receiver answers 500: the first delivery is tried again and again.
      await startReceiver();
      await cost('c-tokyo-hq', 'cost-1', '2025-11-04');
      await cost('c-nagoya', 'cost-2', '2025-11-05');
      await waitFor(
        () => lines().length >= 3,
        10_000,
        () => JSON.stringify(lines()),
      );
      // It does not answer at all: each attempt waits for its time limit.
      setMode('hang');
      const before = lines().length;
      await waitFor(
        () => lines().length >= before + 2,
        10_000,
        () => 'no attempts while hanging',
      );
      // It is killed with a delivery in flight, and started again, answering 500.
      setMode('slow');
      const slow = lines().length;
      await waitFor(
        () =>
          lines()
            .slice(slow)
            .some((l) => l.mode === 'slow'),
        10_000,
        () => 'no delivery reached the slow receiver',
      );
      await killReceiver();
      setMode('500');
      await startReceiver();
      // More facts while deliveries fail: a close, and a late cost of the closed month.
      await post('/v1/months/2025-03/close', {});
      await cost('c-tokyo-hq', 'cost-3', '2025-03-27');
      await cost('c-sapporo', 'cost-4', '2025-11-06');
      expect(await pending()).toBeGreaterThanOrEqual(5);
      // The server is SIGKILLed with all of them pending, and started again; now the receiver takes them.
      server.child.kill('SIGKILL');
      expect((await server.exited).signal).toBe('SIGKILL');
      setMode('ok');
      server = await startServerProcess(serverArgs);
      await waitFor(
        async () => (await pending()) === 0,
        20_000,
        () => server.output(),
      );
      server.child.kill('SIGTERM');
      expect(await server.exited).toMatchObject({ code: 0 });
    } finally {
      server.child.kill('SIGKILL');
      if (receiver) await killReceiver();
    }

    // What the log says must be announced: read from the events, not from the outbox.
    const db = new Database(path, { readonly: true });
    const from = Number(
      (db.prepare('SELECT from_commit FROM webhook_subscriptions').get() as { from_commit: string })
        .from_commit,
    );
    const facts = db
      .prepare(
        'SELECT global_position AS p, type, stream_id AS s FROM events WHERE global_position > ? ORDER BY 1',
      )
      .all(from) as { p: number; type: string; s: string }[];
    db.close();
    const expected = facts.flatMap((f) =>
      f.type === 'MonthClosed'
        ? [`${subscriptionId}/${f.p}/month-closed`]
        : f.type === 'OneTimeCostRecorded'
          ? [
              `${subscriptionId}/${f.p}/charges-changed`,
              ...(f.s === 'contract-c-tokyo-hq' && facts.some((g) => g.type === 'MonthClosed' && g.p < f.p)
                ? [`${subscriptionId}/${f.p}/adjustment-recorded`]
                : []),
            ]
          : [],
    );
    expect(expected).toHaveLength(6);

    const all = lines();
    // Every request, whatever was answered, is signed with the secret printed, and only with it.
    for (const l of all) {
      const t = Number(/t=(\d+)/.exec(l.signature)![1]);
      expect(verifySignature(secret, l.signature, l.body, t).ok).toBe(true);
      expect(verifySignature(`${secret}x`, l.signature, l.body, t).ok).toBe(false);
      const body = WebhookBody.parse(JSON.parse(l.body));
      expect([body.deliveryId, body.subscriptionId]).toEqual([l.deliveryId, subscriptionId]);
    }
    const delivered = all.filter((l) => l.phase === 'answered' && l.answer === 204).map((l) => l.deliveryId);
    // At least once, nothing else, and in the log's order: a repeat comes only right after itself.
    expect([...new Set(delivered)]).toEqual(expected);
    for (let i = 1; i < delivered.length; i++)
      expect(expected.indexOf(delivered[i]!)).toBeGreaterThanOrEqual(expected.indexOf(delivered[i - 1]!));
    // The faults happened: 500s, timeouts (several attempts of one delivery), a receiver killed mid-delivery.
    expect(all.some((l) => l.phase === 'answered' && l.answer === 500)).toBe(true);
    expect(all.some((l) => l.mode === 'hang')).toBe(true);
    expect(all.some((l) => l.mode === 'slow' && l.phase === 'received')).toBe(true);
    expect(Math.max(...all.map((l) => l.attempt))).toBeGreaterThan(3);

    const list = runCli(['webhooks', 'list', '--format', 'json', '--store', `sqlite:${path}`], { cwd: dir });
    expect(JSON.parse(list.stdout).subscriptions).toEqual([
      expect.objectContaining({
        id: subscriptionId,
        label: 'billing system',
        state: 'active',
        pending: 0,
        delivered: expected.length,
        parked: null,
      }),
    ]);
    expect(list.stdout).not.toContain(secret);
  }, 90_000);
});
