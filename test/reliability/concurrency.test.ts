/**
 * Several processes write to the same streams of one SQLite file at once: child applications into
 * one network (every one appends to the network stream), configuration-change instructions on
 * shared contracts, the same command sent by every writer, and termination notices racing on one
 * contract. Afterwards no event is lost or duplicated (every acknowledged command's events are in
 * the log exactly once, and nothing else is), and every conflict ended in a retry that landed or
 * a clear rejection (CONCURRENCY_CONFLICT, or the rule that the winner's events now break).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { steppingClock } from '../../src/ledger/clock';
import { Ledger } from '../../src/ledger/ledger';
import { SqliteEventStore } from '../../src/store';
import { type Envelope, run } from '../support/commands';
import { CLI_MAIN, ensureDist } from '../support/dist';
import {
  acceptSite,
  byCommand,
  type ChildResult,
  chainBreaks,
  checkCommandRows,
  commandIdOf,
  dumpLog,
  instructChange,
  registerNetwork,
  startBilling,
  startWriter,
  terminationNotice,
} from './helpers';

const WRITERS = 4;
const APPLY_NETWORKS = 60;

/** `vpn-ledger apply <input> --store sqlite:<path> --quiet` as a child process. */
const applyProcess = (input: string, path: string) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      [CLI_MAIN, 'apply', input, '--quiet', '--store', `sqlite:${path}`],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    child.on('close', (code) => resolve({ code, stderr }));
  });
const CHILDREN_PER_WRITER = 8;
const JOBS_PER_WRITER = 8;
const HOLDER = 'acme';
const SHARED = ['n1-shared0', 'n1-shared1', 'n1-shared2'];

const writerScript = (w: number): Envelope[] => {
  const out: Envelope[] = [];
  for (let k = 0; k < Math.max(CHILDREN_PER_WRITER, JOBS_PER_WRITER); k++) {
    if (k < CHILDREN_PER_WRITER) {
      out.push(
        acceptSite(
          'n1',
          `n1-w${w}-c${k}`,
          'child',
          `branch-${w}-${k}`,
          `10.${10 + w}.${k}.0/24`,
          '2025-05-01',
        ),
      );
    }
    if (k < JOBS_PER_WRITER) {
      out.push(
        instructChange(SHARED[k % SHARED.length]!, `w${w}-job${k}`, HOLDER, '2025-05-10T10:00:00+09:00'),
      );
    }
    if (k % 3 === 0) {
      // The very same command from every writer: it must land once.
      out.push(
        instructChange(SHARED[0]!, `same-job${k}`, HOLDER, '2025-05-11T10:00:00+09:00', `same-command-${k}`),
      );
    }
  }
  // Every writer receives a termination notice for the same contract: Art. 18 allows one.
  out.push(terminationNotice(SHARED[2]!, `2025-09-0${w + 1}`, `notice-from-w${w}`));
  return out;
};

describe('concurrency: several processes writing the same streams', () => {
  let dir: string;
  beforeAll(() => {
    const note = ensureDist();
    if (note) console.warn(note);
    dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-concurrency-'));
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`${WRITERS} writers: nothing lost or duplicated, every conflict retried or refused clearly`, async () => {
    const path = join(dir, 'ledger.db');
    const setupStore = new SqliteEventStore({ path });
    const setup = [
      registerNetwork('n1', HOLDER, '2025-04-01', 100),
      acceptSite('n1', 'n1-parent', 'parent', HOLDER, '10.0.0.0/24'),
      ...SHARED.map((c, i) => acceptSite('n1', c, 'child', `branch-shared-${i}`, `10.1.${i}.0/24`)),
      startBilling('n1-parent'),
      ...SHARED.map((c) => startBilling(c)),
    ];
    await run(new Ledger({ store: setupStore, clock: steppingClock('2025-04-01T00:00:00Z') }), ...setup);
    await setupStore.close();

    const scripts = Array.from({ length: WRITERS }, (_, w) => writerScript(w));
    const writers = scripts.map((commands, w) =>
      startWriter(dir, `w${w}`, { store: path, commands, waitForGo: true }),
    );
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.child.stdin!.end('go\n');
    const exits = await Promise.all(writers.map((w) => w.exited));
    for (const e of exits) expect(e).toMatchObject({ code: 0, stderr: '' });

    const results: ChildResult[] = writers.flatMap((w, i) =>
      scripts[i]!.map((c, k) => {
        const r = w.results.get(k);
        if (!r) throw new Error(`writer ${i} printed nothing for command ${k} (${c.commandId})`);
        return r;
      }),
    );
    expect(results.filter((r) => r.status === 'threw')).toEqual([]);

    // Every refusal is a clear one: a conflict that kept recurring, or the rule the winner now breaks.
    const rejected = results.filter((r) => r.status === 'rejected');
    for (const r of rejected) {
      if (r.commandId.startsWith('notice-from-'))
        expect(r.code).toMatch(/^(TERMINATION_ALREADY_NOTIFIED|CONCURRENCY_CONFLICT)$/);
      else expect(r.code).toBe('CONCURRENCY_CONFLICT');
      expect(r.message).toEqual(expect.any(String));
    }
    const notices = results.filter((r) => r.commandId.startsWith('notice-from-') && r.status === 'accepted');
    expect(notices).toHaveLength(1);

    // The log holds exactly the events of the accepted commands, each once.
    const rows = dumpLog(path);
    expect(new Set(rows.map((r) => r.eventId)).size).toBe(rows.length);
    const groups = byCommand(rows);
    const accepted = new Map<string, ChildResult>();
    for (const r of results.filter((x) => x.status === 'accepted')) {
      const seen = accepted.get(r.commandId);
      // The same command id from several writers: all answer with the same events.
      if (seen) expect(r.events).toEqual(seen.events);
      else accepted.set(r.commandId, r);
    }
    const problems: string[] = [];
    for (const [commandId, r] of accepted) {
      const p = checkCommandRows(commandId, groups.get(commandId) ?? [], r.events!.length);
      if (p) problems.push(p);
    }
    // A refused command wrote nothing (its id may be in the log only as another writer's accepted copy).
    for (const r of rejected) {
      if (groups.has(r.commandId) && !accepted.has(r.commandId)) {
        problems.push(`rejected ${r.commandId} has events in the log`);
      }
    }
    const setupIds = new Set(setup.map((c) => c.commandId));
    for (const commandId of groups.keys()) {
      if (!accepted.has(commandId) && !setupIds.has(commandId))
        problems.push(`${commandId} has events but no writer was told so`);
    }
    expect(problems).toEqual([]);
    // What the writers say they wrote is what they wrote: every row but the setup's, once.
    const reported = results.reduce((sum, r) => sum + (r.eventsWritten ?? 0), 0);
    expect(reported).toBe(rows.filter((r) => !setupIds.has(commandIdOf(r))).length);

    // Each accepted child joined the network once.
    const joined = rows
      .filter((r) => r.type === 'SiteJoined')
      .map((r) => (JSON.parse(r.data) as { contractId: string }).contractId);
    expect(new Set(joined).size).toBe(joined.length);
    const acceptedChildren = [...accepted.keys()]
      .filter((id) => /^n1-w\d+-c\d+\.accept$/.test(id))
      .map((id) => id.replace(/\.accept$/, ''));
    expect(joined.filter((c) => /^n1-w/.test(c)).sort()).toEqual(acceptedChildren.sort());

    // The writers did collide, and the collisions were retried.
    const retried = results.filter((r) => r.status === 'accepted' && (r.attempts ?? 1) > 1);
    expect(retried.length).toBeGreaterThan(0);

    const store = new SqliteEventStore({ path });
    expect(await chainBreaks(store)).toEqual([]);
    await store.close();
    console.info(
      `concurrency test: ${JSON.stringify({
        writers: WRITERS,
        commands: results.length,
        accepted: results.filter((r) => r.status === 'accepted').length,
        repeated: results.filter((r) => r.repeated).length,
        retriedAndLanded: retried.length,
        maxAttempts: Math.max(...results.map((r) => r.attempts ?? 1)),
        rejected: Object.fromEntries(
          [...new Set(rejected.map((r) => r.code))].map((c) => [
            c,
            rejected.filter((r) => r.code === c).length,
          ]),
        ),
        events: rows.length,
      })}`,
    );
  }, 120_000);

  // Several `vpn-ledger apply` runs of one file into a file that does not exist yet, at once: a
  // cross-stream command half done by one is completed by another, which must count only the
  // event it wrote. Every run's "N event(s) written" adds up to the rows in the log.
  it('several apply processes of one file report exactly the events each wrote', async () => {
    const path = join(dir, 'applies.db');
    const lines: Envelope[] = [];
    for (let n = 0; n < APPLY_NETWORKS; n++) {
      lines.push(registerNetwork(`a${n}`, HOLDER));
      lines.push(acceptSite(`a${n}`, `a${n}-parent`, 'parent', HOLDER, '10.0.0.0/24'));
      for (let c = 0; c < 3; c++) {
        lines.push(acceptSite(`a${n}`, `a${n}-child${c}`, 'child', `branch-${c}`, `10.${c + 1}.0.0/24`));
      }
    }
    const input = join(dir, 'applies.jsonl');
    writeFileSync(input, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const runs = await Promise.all(Array.from({ length: WRITERS }, () => applyProcess(input, path)));
    for (const r of runs) expect(r).toMatchObject({ code: 0 });
    const reported = runs.map((r) => Number(/(\d+) event\(s\) written/.exec(r.stderr)?.[1]));
    const rows = dumpLog(path);
    expect(rows).toHaveLength(APPLY_NETWORKS * 9);
    expect(reported.reduce((a, b) => a + b, 0)).toBe(rows.length);
  }, 120_000);

  // The same command (same id, same payload) sent twice at once, e.g. a client retrying after a
  // timeout while the first attempt still runs: the loser's append meets the winner's event ids,
  // and the pipeline reloads once, finds them, and answers with them as a repeat.
  it('the same command racing itself is answered as a repeat, not as a re-used id', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const a = new Ledger({ store, clock: steppingClock('2025-06-01T00:00:00Z') });
    const b = new Ledger({ store, clock: steppingClock('2025-06-01T00:00:07Z') });
    const same = registerNetwork('n-race', HOLDER);
    const results = await Promise.all([a.execute(same), b.execute(same)]);
    await store.close();
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect(results.filter((r) => r.status === 'accepted' && r.repeated)).toHaveLength(1);
  });
});
