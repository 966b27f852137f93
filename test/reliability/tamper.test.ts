/**
 * Tampering with a SQLite ledger file: a row edited in place, a row deleted, two rows of a stream
 * swapped (reordered). `vpn-ledger verify` (the BUILT CLI, `node dist/src/cli/main.js verify
 * --store sqlite:PATH`) must exit 1 and name the broken link; the untouched copy verifies (exit 0).
 * `verifyIntegrity` (src/ledger/integrity.ts) is checked on the same files in-process.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { steppingClock } from '../../src/ledger/clock';
import { eventHash } from '../../src/ledger/hash-chain';
import { verifyIntegrity } from '../../src/ledger/integrity';
import { Ledger } from '../../src/ledger/ledger';
import { SqliteEventStore } from '../../src/store';
import { run } from '../support/commands';
import { CLI_MAIN, ensureDist } from '../support/dist';
import { acceptSite, instructChange, performChange, registerNetwork, startBilling } from './helpers';

const TARGET = 'contract-n1-child0';

interface VerifyJson {
  ok: boolean;
  breaks: {
    streamId: string | null;
    revision: string | null;
    globalPosition: string;
    problem: string;
    detail: string;
  }[];
}

const verifyCli = (path: string) => {
  const r = spawnSync(
    process.execPath,
    [CLI_MAIN, 'verify', '--store', `sqlite:${path}`, '--format', 'json'],
    {
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    json: r.stdout.trim() ? (JSON.parse(r.stdout) as VerifyJson) : null,
  };
};

const tamper = (source: string, target: string, edit: string | ((db: Database.Database) => void)) => {
  copyFileSync(source, target);
  const db = new Database(target);
  if (typeof edit === 'string') db.exec(edit);
  else edit(db);
  db.close();
};

/** An edit by someone who knows the hash algorithm: the row's own hash is made right again. */
const editWithRecomputedHash = (db: Database.Database) => {
  const row = db
    .prepare<[string], { type: string; data: string; metadata: string }>(
      'SELECT type, data, metadata FROM events WHERE stream_id = ? AND revision = 1',
    )
    .get(TARGET)!;
  const data = { ...JSON.parse(row.data), billingStartOn: '2025-04-16' };
  const metadata = JSON.parse(row.metadata) as Record<string, unknown>;
  metadata.hash = eventHash({ streamId: TARGET, revision: 1n, type: row.type, data, metadata });
  db.prepare('UPDATE events SET data = ?, metadata = ? WHERE stream_id = ? AND revision = 1').run(
    JSON.stringify(data),
    JSON.stringify(metadata),
    TARGET,
  );
};

describe('tampering with the SQLite file is found by `vpn-ledger verify`', () => {
  let dir: string;
  let pristine: string;
  beforeAll(async () => {
    const note = ensureDist();
    if (note) console.warn(note);
    dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-tamper-'));
    pristine = join(dir, 'pristine.db');
    const store = new SqliteEventStore({ path: pristine });
    await run(
      new Ledger({ store, clock: steppingClock('2025-04-01T00:00:00Z') }),
      registerNetwork('n1', 'acme'),
      acceptSite('n1', 'n1-parent', 'parent', 'acme', '10.0.0.0/24'),
      acceptSite('n1', 'n1-child0', 'child', 'branch-0', '10.0.1.0/24'),
      startBilling('n1-parent'),
      startBilling('n1-child0'),
      ...[1, 2, 3].flatMap((j) => [
        instructChange('n1-child0', `job${j}`, 'acme', `2025-05-1${j}T10:00:00+09:00`),
        performChange('n1-child0', `job${j}`, `2025-05-1${j}T15:00:00+09:00`),
      ]),
    );
    // Fold the WAL into the file, so that a copy of the file is the whole ledger.
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    await store.close();
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the untouched file verifies: exit 0', async () => {
    const r = verifyCli(pristine);
    expect(r.status).toBe(0);
    expect(r.json).toMatchObject({ ok: true, breaks: [] });
  });

  it.each([
    [
      'an edited row (the amount in an acceptance)',
      `UPDATE events SET data = json_set(data, '$.monthlyFee', 1) WHERE stream_id = '${TARGET}' AND revision = 0`,
      { streamId: TARGET, revision: '0', problem: 'hash-mismatch' },
    ],
    [
      'an edited row whose own hash was recomputed (the next link breaks)',
      editWithRecomputedHash,
      { streamId: TARGET, revision: '2', problem: 'prev-hash-mismatch' },
    ],
    [
      'a deleted row',
      `DELETE FROM events WHERE stream_id = '${TARGET}' AND revision = 2`,
      { streamId: TARGET, revision: '3' },
    ],
    [
      'two rows of a stream swapped (reordered)',
      `UPDATE events SET revision = -1 WHERE stream_id = '${TARGET}' AND revision = 2;
       UPDATE events SET revision = 2 WHERE stream_id = '${TARGET}' AND revision = 3;
       UPDATE events SET revision = 3 WHERE stream_id = '${TARGET}' AND revision = -1;`,
      { streamId: TARGET },
    ],
  ] as const)('finds %s: exit 1 and the broken link', async (_label, edit, expected) => {
    const path = join(dir, `t-${Math.random().toString(36).slice(2)}.db`);
    tamper(pristine, path, edit);
    const r = verifyCli(path);
    expect(r.status).toBe(1);
    expect(r.json?.ok).toBe(false);
    expect(r.json?.breaks).toEqual(expect.arrayContaining([expect.objectContaining(expected)]));
    expect(r.stderr).toMatch(/verification failed/);
    // The same finding in-process.
    const store = new SqliteEventStore({ path });
    const report = await verifyIntegrity(store);
    await store.close();
    expect(report.ok).toBe(false);
    expect(report.breaks.some((b) => b.streamId === TARGET)).toBe(true);
  });
});
