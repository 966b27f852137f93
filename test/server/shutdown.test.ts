/**
 * SIGTERM: the built server stops taking requests, lets the ones in flight finish (their commands
 * commit and are answered), and exits 0. Every command answered as accepted is in the log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPrincipal, parsePrincipal } from '../../src/auth/principal';
import { newToken, TOKENS_SCHEMA, writeTokenFile } from '../../src/auth/tokens';
import { dumpLog, registerNetwork } from '../reliability/helpers';
import { ensureDist } from '../support/dist';
import { startServerProcess } from '../support/server-process';

let dir: string;
beforeAll(() => {
  const note = ensureDist();
  if (note) console.warn(note);
  dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-shutdown-'));
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('drains the requests in flight on SIGTERM, answers later ones 503 or not at all, and exits 0', async () => {
  const path = join(dir, 'ledger.db');
  const tokens = join(dir, 'tokens.json');
  const principal = parsePrincipal('staff');
  if (!isPrincipal(principal)) throw new Error(principal.problem);
  const made = newToken(principal, null, '2025-01-01T00:00:00Z');
  writeTokenFile(tokens, { schema: TOKENS_SCHEMA, tokens: [made.record] });
  const server = await startServerProcess(['--store', `sqlite:${path}`, '--tokens', tokens]);
  let sent = 0;
  let signalled = false;
  const accepted: string[] = [];
  const after: number[] = [];
  const other: string[] = [];
  const client = async (k: number) => {
    for (let i = 0; ; i++) {
      const command = { ...registerNetwork(`t${k}-${i}`, 'h'), actor: 'staff' };
      const wasSignalled = signalled;
      sent++;
      let res: Response;
      try {
        res = await fetch(`${server.url}/v1/commands`, {
          method: 'POST',
          headers: { authorization: `Bearer ${made.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(command),
        });
      } catch {
        return; // refused: the server no longer listens
      }
      const body = (await res.json()) as { status?: string; code?: string };
      if (res.status === 200 && body.status === 'accepted') {
        accepted.push(command.commandId);
        if (signalled && !wasSignalled) after.push(i);
      } else if (res.status === 503 && body.code === 'SHUTTING_DOWN') {
        return;
      } else other.push(`${res.status} ${JSON.stringify(body)}`);
    }
  };
  const clients = Array.from({ length: 16 }, (_, k) => client(k));
  await new Promise((r) => setTimeout(r, 300));
  // A batch long enough to be in flight when the signal comes: it must be answered whole.
  const lines = Array.from({ length: 2_000 }, (_, i) =>
    JSON.stringify({ ...registerNetwork(`batch-${i}`, 'h'), actor: 'staff' }),
  );
  const batch = fetch(`${server.url}/v1/commands/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${made.token}`, 'content-type': 'application/x-ndjson' },
    body: lines.join('\n'),
  });
  // The signal comes once the batch is queued (not by a guess of time: on a busy machine its
  // request may take longer than that to arrive, and is then refused as arriving after the signal).
  let settled = false;
  const settle = () => {
    settled = true;
  };
  batch.then(settle, settle);
  for (;;) {
    const health = (await (await fetch(`${server.url}/health`)).json()) as { queued: number };
    if (health.queued >= 100 || settled) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  signalled = true;
  server.child.kill('SIGTERM');
  await Promise.all(clients);
  const drained = await batch;
  expect(drained.status).toBe(200);
  const summary = ((await drained.json()) as { summary: { accepted: number } }).summary;
  expect(summary).toMatchObject({ accepted: 2_000 });
  const exit = await server.exited;
  expect(exit.code).toBe(0);
  expect(exit.stderr).toContain('SIGTERM: finishing the requests in flight');
  expect(other).toEqual([]);
  // Requests sent before the signal and answered after it: drained, not cut.
  console.info(`shutdown: ${accepted.length} accepted, ${after.length} of them answered after SIGTERM`);
  const written = new Set(dumpLog(path).map((r) => JSON.parse(r.metadata).commandId as string));
  expect(accepted.filter((id) => !written.has(id))).toEqual([]);
  expect(written.size).toBeGreaterThanOrEqual(accepted.length + 2_000);
  expect(sent).toBeGreaterThanOrEqual(accepted.length);
}, 60_000);
