/**
 * Crash safety: a child process applies commands to a SQLite file at synchronous=FULL and prints
 * each command as it is acknowledged; the test SIGKILLs it at random moments (at least 20 times),
 * resuming after each kill from the first unacknowledged command. After every kill:
 *   - every acknowledged command's events are in the log, all of them, where the ack said;
 *   - no command is partial: its events are eventIdFor(command, 0..n-1), and only the command
 *     in flight at the kill may be incomplete, and then only as a cross-stream command whose
 *     network half landed (AcceptApplication, TerminateContract); re-running it (the resume starts
 *     with it) completes it, which the next check sees;
 *   - every stream's hash chain verifies (ChainVerifier);
 *   - two replays through every projection give the same digests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/store';
import { stopEffectiveOn } from '../../src/terms/policies';
import type { Envelope } from '../support/commands';
import { ensureDist } from '../support/dist';
import {
  acceptSite,
  byCommand,
  type ChildResult,
  chainBreaks,
  checkCommandRows,
  dumpLog,
  instructChange,
  performChange,
  registerNetwork,
  startBilling,
  startWriter,
  storedViewsAndRebuild,
  terminate,
  terminationNotice,
} from './helpers';

const KILLS = 20;
/** Enough commands that 20 kills never reach the end of the script (each run gets 5-80 ms). */
const NETWORKS = 24;

/** Networks of a parent and four children: registration, cross-stream acceptances, billing,
 * configuration jobs on every contract, one child terminated (cross-stream again); 53 commands each. */
const script = (): Envelope[] => {
  const out: Envelope[] = [];
  for (let n = 0; n < NETWORKS; n++) {
    const networkId = `n${n}`;
    const holder = `holder-${n}`;
    const contracts = [`${networkId}-parent`, ...[0, 1, 2, 3].map((j) => `${networkId}-child${j}`)];
    out.push(registerNetwork(networkId, holder));
    for (const [j, c] of contracts.entries()) {
      out.push(
        acceptSite(
          networkId,
          c,
          j === 0 ? 'parent' : 'child',
          j === 0 ? holder : `branch-${n}-${j}`,
          `10.${n}.${j}.0/24`,
        ),
      );
    }
    for (const c of contracts) out.push(startBilling(c));
    for (let r = 0; r < 4; r++) {
      for (const c of contracts) {
        out.push(
          instructChange(c, `job${r}`, holder, `2025-05-${String(10 + r).padStart(2, '0')}T10:00:00+09:00`),
        );
        out.push(performChange(c, `job${r}`, `2025-05-${String(11 + r).padStart(2, '0')}T14:00:00+09:00`));
      }
    }
    const leaving = contracts[1]!;
    out.push(terminationNotice(leaving, '2025-09-01'));
    out.push(terminate(leaving, stopEffectiveOn('2025-09-01', null)));
  }
  return out;
};

const CROSS_STREAM = new Set(['AcceptApplication', 'TerminateContract']);

describe('crash safety: SIGKILL at random moments while writing at synchronous=FULL', () => {
  let dir: string;
  beforeAll(() => {
    const note = ensureDist();
    if (note) console.warn(note);
    dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-crash-'));
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`loses no acknowledged command and leaves none partial across ${KILLS} kills`, async () => {
    const path = join(dir, 'ledger.db');
    const commands = script();
    const acked = new Map<number, ChildResult>();
    let seed = 20_250_401;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const stats = { kills: 0, inFlightLanded: 0, repeatedOnResume: 0 };
    /** Cross-stream commands seen with only their network half in the log after a kill. */
    const halfWritten = new Set<string>();

    const check = async (next: number) => {
      // Opening read-write recovers the WAL the killed writer left, as the next writer would.
      const store = new SqliteEventStore({ path });
      try {
        expect(await chainBreaks(store)).toEqual([]);
      } finally {
        await store.close();
      }
      const rows = dumpLog(path);
      const groups = byCommand(rows);
      const problems: string[] = [];
      for (const [i, r] of acked) {
        if (r.status !== 'accepted') {
          problems.push(`command ${i} ${r.commandId} was ${r.status}: ${r.code ?? ''} ${r.message ?? ''}`);
          continue;
        }
        const mine = groups.get(r.commandId) ?? [];
        const p = checkCommandRows(r.commandId, mine, r.events!.length);
        if (p) problems.push(p);
        for (const e of r.events!) {
          const row = mine.find((x) => x.eventId === e.eventId);
          if (!row || row.streamId !== e.streamId || String(row.revision) !== e.revision) {
            problems.push(
              `${r.commandId}: acknowledged event ${e.eventId} is not at ${e.streamId}@${e.revision}`,
            );
          }
        }
      }
      const inFlight = commands[next];
      for (const [commandId, mine] of groups) {
        if ([...acked.values()].some((r) => r.commandId === commandId)) continue;
        if (commandId !== inFlight?.commandId) {
          problems.push(`${commandId} is in the log but was neither acknowledged nor in flight`);
          continue;
        }
        const p = checkCommandRows(commandId, mine);
        if (p) problems.push(p);
        stats.inFlightLanded++;
        if (CROSS_STREAM.has(inFlight.type) && mine.every((r) => r.streamId.startsWith('network-'))) {
          halfWritten.add(commandId);
        }
      }
      expect(problems).toEqual([]);
      const [stored, rebuilt] = await storedViewsAndRebuild(path);
      expect(stored).toEqual(rebuilt);
    };

    let next = 0;
    while (stats.kills < KILLS && next < commands.length) {
      const writer = startWriter(dir, `run-${stats.kills}`, { store: path, commands, from: next });
      await writer.ready;
      await new Promise((r) => setTimeout(r, 5 + Math.floor(rand() * 75)));
      writer.child.kill('SIGKILL');
      const exit = await writer.exited;
      expect(exit.stderr).toBe('');
      stats.kills++;
      for (const [i, r] of writer.results) acked.set(i, r);
      if (writer.results.get(next)?.repeated) stats.repeatedOnResume++;
      while (acked.has(next)) next++;
      await check(next);
    }
    // The last run goes to the end undisturbed.
    const last = startWriter(dir, 'run-last', { store: path, commands, from: next });
    const exit = await last.exited;
    expect(exit).toMatchObject({ code: 0, stderr: '' });
    for (const [i, r] of last.results) acked.set(i, r);
    // Every command is acknowledged now, so `check` proves each complete, the half-written included.
    await check(commands.length);
    expect(stats.kills).toBeGreaterThanOrEqual(KILLS);
    expect([...acked.keys()].length).toBe(commands.length);
    expect([...acked.values()].filter((r) => r.status !== 'accepted')).toEqual([]);
    const rows = dumpLog(path);
    expect(new Set(rows.map((r) => r.eventId)).size).toBe(rows.length);
    console.info(
      `crash test: ${JSON.stringify({ ...stats, halfWrittenThenCompleted: halfWritten.size, commands: commands.length, events: rows.length })}`,
    );
  }, 120_000);
});
