/**
 * Crash safety of `vpn-ledger serve`: 16 clients send commands over HTTP at once (group commit
 * puts them in shared transactions), and the server process is SIGKILLed at a random moment, 20
 * times, then started again; each client goes on from its first command not acknowledged. After
 * every kill:
 *   - every acknowledged command is in the log, all its events, exactly once, where the answer said;
 *   - a command in the log that was not acknowledged was in flight at the kill, and is whole: a
 *     group commits all of a command's events or none, its two-stream ones included;
 *   - every stream's hash chain verifies, and the views stored in the file equal a rebuild.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPrincipal, parsePrincipal } from '../../src/auth/principal';
import { newToken, TOKENS_SCHEMA, writeTokenFile } from '../../src/auth/tokens';
import { SqliteEventStore } from '../../src/store';
import type { Envelope } from '../support/commands';
import { ensureDist } from '../support/dist';
import { startServerProcess } from '../support/server-process';
import {
  acceptSite,
  byCommand,
  chainBreaks,
  checkCommandRows,
  dumpLog,
  instructChange,
  performChange,
  registerNetwork,
  startBilling,
  storedViewsAndRebuild,
} from './helpers';

const KILLS = 20;
const CLIENTS = 16;
const NETWORKS_PER_CLIENT = 8;

/** A network's life: registration, a parent and three children (two-stream), billing, jobs. */
const networkScript = (id: string): Envelope[] => {
  const holder = `${id}-holder`;
  const contracts = [`${id}-parent`, `${id}-child0`, `${id}-child1`, `${id}-child2`];
  const out: Envelope[] = [registerNetwork(id, holder)];
  contracts.forEach((c, j) => {
    out.push(
      acceptSite(id, c, j === 0 ? 'parent' : 'child', j === 0 ? holder : `${id}-b${j}`, `10.${j}.0.0/24`),
    );
  });
  for (const c of contracts) out.push(startBilling(c));
  for (const c of contracts) {
    // Staff records the instruction here: the server dates a contractor's own acts by its clock.
    const instructed = instructChange(c, 'job', holder, '2025-05-10T10:00:00+09:00');
    out.push({ ...instructed, actor: 'staff:load' });
    out.push(performChange(c, 'job', '2025-05-11T14:00:00+09:00'));
  }
  return out.map((c) => ({ ...c, actor: 'staff:load' }));
};

interface Ack {
  readonly commandId: string;
  readonly events: readonly { streamId: string; revision: string; eventId: string }[];
}

describe('crash safety of the server: SIGKILL under concurrent load', () => {
  let dir: string;
  beforeAll(() => {
    const note = ensureDist();
    if (note) console.warn(note);
    dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-server-crash-'));
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps every acknowledged command exactly once across ${KILLS} kills, and the views equal a rebuild`, async () => {
    const path = join(dir, 'ledger.db');
    const tokens = join(dir, 'tokens.json');
    const principal = parsePrincipal('staff:load');
    if (!isPrincipal(principal)) throw new Error(principal.problem);
    const made = newToken(principal, 'load', '2025-01-01T00:00:00Z');
    writeTokenFile(tokens, { schema: TOKENS_SCHEMA, tokens: [made.record] });
    const scripts = Array.from({ length: CLIENTS }, (_, k) =>
      Array.from({ length: NETWORKS_PER_CLIENT }, (_, i) => networkScript(`n${k}x${i}`)).flat(),
    );
    const total = scripts.reduce((n, s) => n + s.length, 0);
    const next = scripts.map(() => 0);
    const acked = new Map<string, Ack>();
    const problems: string[] = [];
    let seed = 13;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };

    /** One client: its commands in order, each sent until the server answers it. */
    const client = async (url: string, k: number, stop: { killed: boolean }) => {
      const script = scripts[k]!;
      while (next[k]! < script.length && !stop.killed) {
        const command = script[next[k]!]!;
        let res: Response;
        try {
          res = await fetch(`${url}/v1/commands`, {
            method: 'POST',
            headers: { authorization: `Bearer ${made.token}`, 'content-type': 'application/json' },
            body: JSON.stringify(command),
          });
        } catch {
          return; // the server is gone: this command is in flight, unacknowledged
        }
        const body = (await res.json().catch(() => null)) as {
          status?: string;
          events?: Ack['events'];
        } | null;
        if (res.status === 503) continue;
        if (res.status !== 200 || body?.status !== 'accepted') {
          problems.push(`${command.commandId}: HTTP ${res.status} ${JSON.stringify(body)}`);
          return;
        }
        acked.set(command.commandId, { commandId: command.commandId, events: body.events! });
        next[k]! += 1;
      }
    };

    let landedUnacked = 0;
    const check = async () => {
      const store = new SqliteEventStore({ path });
      try {
        expect(await chainBreaks(store)).toEqual([]);
      } finally {
        await store.close();
      }
      const rows = dumpLog(path);
      const groups = byCommand(rows);
      for (const ack of acked.values()) {
        const mine = groups.get(ack.commandId) ?? [];
        const p = checkCommandRows(ack.commandId, mine, ack.events.length);
        if (p) problems.push(p);
        for (const e of ack.events) {
          const row = mine.find((x) => x.eventId === e.eventId);
          if (!row || row.streamId !== e.streamId || String(row.revision) !== e.revision)
            problems.push(
              `${ack.commandId}: acknowledged ${e.eventId} is not at ${e.streamId}@${e.revision}`,
            );
        }
      }
      const inFlight = new Set(scripts.map((s, k) => s[next[k]!]?.commandId).filter((x) => x !== undefined));
      for (const [commandId, mine] of groups) {
        if (acked.has(commandId)) continue;
        landedUnacked++;
        if (!inFlight.has(commandId))
          problems.push(`${commandId} is in the log, neither acknowledged nor in flight`);
        const p = checkCommandRows(commandId, mine);
        if (p) problems.push(p);
        const type = JSON.parse(mine[0]!.metadata).commandType as string;
        const streams = new Set(mine.map((r) => r.streamId.split('-')[0]));
        if (type === 'AcceptApplication' && streams.size !== 2)
          problems.push(`${commandId}: only its ${[...streams].join()} half is in the log`);
      }
      expect(problems).toEqual([]);
      expect(new Set(rows.map((r) => r.eventId)).size).toBe(rows.length);
      const [stored, rebuilt] = await storedViewsAndRebuild(path);
      expect(stored).toEqual(rebuilt);
    };

    let kills = 0;
    while (kills < KILLS) {
      const server = await startServerProcess(['--store', `sqlite:${path}`, '--tokens', tokens]);
      const stop = { killed: false };
      const clients = scripts.map((_, k) => client(server.url, k, stop));
      await new Promise((r) => setTimeout(r, 40 + Math.floor(rand() * 160)));
      server.child.kill('SIGKILL');
      stop.killed = true;
      const exit = await server.exited;
      expect(exit.signal).toBe('SIGKILL');
      await Promise.all(clients);
      // A refusal that should not have happened (an HTTP 500 once in CI): with what the server logged.
      if (problems.length > 0) problems.push(`the server's log:\n${server.output()}`);
      kills++;
      const before = acked.size;
      await check();
      expect(acked.size).toBeGreaterThanOrEqual(before);
      if (next.every((n, k) => n >= scripts[k]!.length)) break;
    }
    // The last run goes to the end undisturbed; then every command is acknowledged exactly once.
    const server = await startServerProcess(['--store', `sqlite:${path}`, '--tokens', tokens]);
    await Promise.all(scripts.map((_, k) => client(server.url, k, { killed: false })));
    if (problems.length > 0) problems.push(`the server's log:\n${server.output()}`);
    server.child.kill('SIGTERM');
    expect(await server.exited).toMatchObject({ code: 0 });
    await check();
    expect(kills).toBe(KILLS);
    expect(acked.size).toBe(total);
    console.info(
      `server crash test: ${JSON.stringify({ kills, commands: total, events: dumpLog(path).length, landedUnacked })}`,
    );
  }, 240_000);
});
