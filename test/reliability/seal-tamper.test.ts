/**
 * Tampering by whoever can write to the database, after a seal. The ledger: the demo history (64
 * events), its months 2025-03..2025-10 closed (positions 65..72, each close sealing the log before
 * it), then a seal on demand (73, sealing 1..72), published with `vpn-ledger seal --format json`,
 * and October's invoices exported with `vpn-ledger export --format json`.
 *
 * Without seals, `verify` said OK after each of the issue's five edits: the last event of a stream
 * edited and its hash recomputed, a stream's last event deleted and the log renumbered, the last
 * row deleted and sqlite_sequence fixed, a tail event's recordedAt rewritten, two streams' rows
 * swapping global positions. After a seal each is found (the BUILT CLI, `verify --format json`),
 * and so is every edit verify already found (test/reliability/tamper.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventHash } from '../../src/ledger/hash-chain';
import { verifyIntegrity } from '../../src/ledger/integrity';
import { keyIdOf } from '../../src/ledger/seal';
import { SqliteEventStore } from '../../src/store';
import {
  demoClosedThroughOctober,
  TEST_PRIVATE_PEM,
  TEST_PUBLIC_PEM,
  testPublicKey,
} from '../support/billing';
import { checkedRun } from '../support/child-run';
import { CLI_MAIN, ensureDist } from '../support/dist';

interface Break {
  streamId: string | null;
  revision: string | null;
  globalPosition: string;
  problem: string;
  detail: string;
}
interface VerifyJson {
  ok: boolean;
  breaks: Break[];
  seals: { checked: number; signatures: string; eventsAfter: number };
}

const cliIn = (dir: string, args: string[]) => {
  const r = checkedRun(
    spawnSync(process.execPath, [CLI_MAIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 }),
    args,
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

type Row = {
  global_position: number;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
};

/** Rewrites a row's data or metadata as someone who knows the hash algorithm would: its own hash made right again. */
const rewrite = (
  db: Database.Database,
  position: number,
  edit: (data: Record<string, unknown>, metadata: Record<string, unknown>) => void,
) => {
  const row = db.prepare<[number], Row>('SELECT * FROM events WHERE global_position = ?').get(position)!;
  const data = JSON.parse(row.data) as Record<string, unknown>;
  const metadata = JSON.parse(row.metadata) as Record<string, unknown>;
  edit(data, metadata);
  metadata.hash = eventHash({
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    type: row.type,
    data,
    metadata,
  });
  db.prepare('UPDATE events SET data = ?, metadata = ? WHERE global_position = ?').run(
    JSON.stringify(data),
    JSON.stringify(metadata),
    position,
  );
};

/** Deletes a row and closes the gap: every later row moves down one position; the counter too. */
const deleteAndRenumber = (db: Database.Database, position: number) => {
  db.prepare('DELETE FROM events WHERE global_position = ?').run(position);
  const later = db
    .prepare<[number], { g: number }>(
      'SELECT global_position AS g FROM events WHERE global_position > ? ORDER BY 1',
    )
    .all(position);
  for (const { g } of later)
    db.prepare('UPDATE events SET global_position = ? WHERE global_position = ?').run(g - 1, g);
  db.prepare("UPDATE sqlite_sequence SET seq = seq - 1 WHERE name = 'events'").run();
};

const positionOf = (db: Database.Database, streamId: string, revision: number) =>
  db
    .prepare<[string, number], { g: number }>(
      'SELECT global_position AS g FROM events WHERE stream_id = ? AND revision = ?',
    )
    .get(streamId, revision)!.g;

describe('tampering after a seal is found by `vpn-ledger verify`', () => {
  let dir: string;
  let pristine: string;
  beforeAll(async () => {
    const note = ensureDist();
    if (note) console.warn(note);
    dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-seal-tamper-'));
    pristine = join(dir, 'pristine.db');
    writeFileSync(join(dir, 'key.pem'), TEST_PRIVATE_PEM);
    writeFileSync(join(dir, 'key.pem.pub'), TEST_PUBLIC_PEM);
    const { store } = await demoClosedThroughOctober(pristine, {
      recordedFrom: '2025-11-03T00:00:00Z',
      closedAt: '2025-11-04T09:00:00+09:00',
    });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    await store.close();
    const sealed = cliIn(dir, [
      'seal',
      '--actor',
      'staff:audit',
      '--key',
      'key.pem',
      '--format',
      'json',
      '--store',
      'sqlite:pristine.db',
    ]);
    expect(sealed.status).toBe(0);
    writeFileSync(join(dir, 'seal.json'), sealed.stdout);
    const exported = cliIn(dir, [
      'export',
      '--month',
      '2025-10',
      '--format',
      'json',
      '--store',
      'sqlite:pristine.db',
    ]);
    expect(exported.status).toBe(0);
    writeFileSync(join(dir, 'export.json'), exported.stdout);
    const db = new Database(pristine);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const copy = (edit: (db: Database.Database) => void): string => {
    const path = `t-${Math.random().toString(36).slice(2)}.db`;
    copyFileSync(pristine, join(dir, path));
    const db = new Database(join(dir, path));
    db.transaction(() => edit(db))();
    db.close();
    return path;
  };

  const verify = (path: string, ...extra: string[]) => {
    const r = cliIn(dir, [
      'verify',
      '--store',
      `sqlite:${path}`,
      '--format',
      'json',
      '--public-key',
      'key.pem.pub',
      ...extra,
    ]);
    return { ...r, json: r.stdout.trim() ? (JSON.parse(r.stdout) as VerifyJson) : null };
  };

  it("the untouched ledger verifies: 11 seals hold (2 published), signatures checked; only the last seal's own event is after it", () => {
    const r = verify('pristine.db', '--seal', 'seal.json', '--seal', 'export.json');
    expect(r.status).toBe(0);
    expect(r.json).toMatchObject({
      ok: true,
      breaks: [],
      seals: { checked: 11, published: 2, signatures: 'checked', eventsAfter: 1 },
    });
  });

  /** The first seal that no longer holds: named, with where the change lies. */
  const diverges = (firstSealStream: string) =>
    expect.objectContaining({ streamId: firstSealStream, problem: 'seal-digest-mismatch' });

  it.each([
    [
      "1. the last event of a stream edited and its hash recomputed (Fukuoka's loss charge 80,000 → 8,000)",
      (db: Database.Database) =>
        rewrite(db, positionOf(db, 'contract-c-fukuoka', 10), (data) => {
          data.amount = 8_000;
        }),
      // Sealed first by March's close (it seals 1..64): no earlier seal holds.
      [diverges('billing-2025-03')],
    ],
    [
      "2. a stream's last event deleted and the log renumbered",
      (db: Database.Database) => deleteAndRenumber(db, positionOf(db, 'contract-c-fukuoka', 10)),
      [diverges('billing-2025-03')],
    ],
    [
      "4. a tail event's recordedAt rewritten (Osaka's return, as if recorded a month earlier)",
      (db: Database.Database) =>
        rewrite(db, positionOf(db, 'contract-c-osaka', 6), (_data, metadata) => {
          metadata.recordedAt = '2025-10-25T01:00:00.000Z';
        }),
      [diverges('billing-2025-03')],
    ],
    [
      "5. two streams' rows swapping global positions",
      // 63 is the head office's last event, 64 Osaka's: each stream's own order is unchanged.
      (db: Database.Database) =>
        db.exec(`UPDATE events SET global_position = -1 WHERE global_position = 63;
          UPDATE events SET global_position = 63 WHERE global_position = 64;
          UPDATE events SET global_position = 64 WHERE global_position = -1;`),
      [diverges('billing-2025-03')],
    ],
    [
      "a close's own lines edited, its hash recomputed (October's 711,201 → 639,201)",
      (db: Database.Database) =>
        rewrite(db, positionOf(db, 'billing-2025-10', 0), (data) => {
          const lines = data.lines as { id: string; amount: number }[];
          lines.find((l) => l.id === 'c-fukuoka:2025-10:loss-charge:loss-fukuoka-cs')!.amount = 8_000;
          data.total = 639_201;
        }),
      [
        expect.objectContaining({ streamId: 'billing-2025-10', problem: 'seal-subject-mismatch' }),
        // The seal made after it seals the close too.
        diverges('seals'),
      ],
    ],
    [
      "a seal's digest rewritten to match a changed log (its event hash recomputed): the signature no longer verifies",
      (db: Database.Database) => {
        rewrite(db, positionOf(db, 'seals', 0), (data) => {
          (data.seal as { digest: string }).digest = 'f'.repeat(64);
        });
      },
      [expect.objectContaining({ streamId: 'seals', problem: 'seal-signature-invalid' })],
    ],
    // The edits verify found before seals, found again (and by the seals).
    [
      'an edited row (the amount in an acceptance)',
      (db: Database.Database) =>
        db
          .prepare(
            "UPDATE events SET data = json_set(data, '$.monthlyFee', 1) WHERE stream_id = 'contract-c-kobe' AND revision = 0",
          )
          .run(),
      [
        expect.objectContaining({ streamId: 'contract-c-kobe', revision: '0', problem: 'hash-mismatch' }),
        diverges('billing-2025-03'),
      ],
    ],
    [
      'an edited row whose own hash was recomputed (the next link breaks)',
      (db: Database.Database) =>
        rewrite(db, positionOf(db, 'contract-c-kobe', 1), (data) => {
          data.billingStartOn = '2025-06-02';
        }),
      [
        expect.objectContaining({
          streamId: 'contract-c-kobe',
          revision: '2',
          problem: 'prev-hash-mismatch',
        }),
        diverges('billing-2025-03'),
      ],
    ],
    [
      'a deleted row',
      (db: Database.Database) =>
        db.prepare("DELETE FROM events WHERE stream_id = 'contract-c-tokyo-hq' AND revision = 3").run(),
      [
        expect.objectContaining({ streamId: 'contract-c-tokyo-hq', revision: '4' }),
        diverges('billing-2025-03'),
      ],
    ],
    [
      'two rows of a stream swapped (reordered)',
      (db: Database.Database) =>
        db.exec(`UPDATE events SET revision = -1 WHERE stream_id = 'contract-c-tokyo-hq' AND revision = 2;
          UPDATE events SET revision = 2 WHERE stream_id = 'contract-c-tokyo-hq' AND revision = 3;
          UPDATE events SET revision = 3 WHERE stream_id = 'contract-c-tokyo-hq' AND revision = -1;`),
      [expect.objectContaining({ streamId: 'contract-c-tokyo-hq' }), diverges('billing-2025-03')],
    ],
  ] as const)('finds %s', async (_label, edit, expected) => {
    const path = copy(edit);
    const r = verify(path);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/verification failed/);
    expect(r.json?.ok).toBe(false);
    expect(r.json?.breaks).toEqual(expect.arrayContaining([...expected]));
    // The same finding in-process.
    const store = new SqliteEventStore({ path: join(dir, path), access: 'read' });
    const report = await verifyIntegrity(store, {
      publicKeys: new Map([[keyIdOf(testPublicKey()), testPublicKey()]]),
    });
    await store.close();
    expect(report.ok).toBe(false);
  });

  it('1. (continued) what the edit would have done: the recomputed October fell by 72,000; the closed October did not', () => {
    const path = copy((db) =>
      rewrite(db, positionOf(db, 'contract-c-fukuoka', 10), (data) => {
        data.amount = 8_000;
      }),
    );
    const total = (args: string[]) =>
      (
        JSON.parse(
          cliIn(dir, [
            'charges',
            '--month',
            '2025-10',
            '--format',
            'json',
            '--store',
            `sqlite:${path}`,
            ...args,
          ]).stdout,
        ) as { total: number }
      ).total;
    // 711,201 − (80,000 − 8,000) = 639,201, recomputed from the log as effective on 2025-10-31.
    expect(total(['--as-of', '2025-10-31'])).toBe(639_201);
    expect(total([])).toBe(711_201);
  });

  it('the first divergence names where the change lies: after the last seal that holds', () => {
    // An event of October (position 60, Osaka leaving the network) rewritten: March's seal (1..64)
    // is the first that no longer holds; no earlier seal covers it.
    const path = copy((db) =>
      rewrite(db, 60, (data) => {
        data.leftOn = '2025-10-16';
      }),
    );
    const r = verify(path);
    const seal = r.json!.breaks.find((b) => b.problem === 'seal-digest-mismatch')!;
    expect(seal).toMatchObject({ streamId: 'billing-2025-03', revision: '0', globalPosition: '65' });
    expect(seal.detail).toMatch(
      /the seal of MonthClosed billing-2025-03@0 \(made 2025-11-04T09:00:00\+09:00\) no longer matches the log up to position 64: the same 64 event\(s\), hashed differently\. The log was changed after it was sealed; no earlier seal holds, so the change lies at or before that position\. 8 later seal\(s\) do not hold either\./,
    );
    // A change after the closes (the seal on demand's own record) is placed after the last that holds.
    const late = copy((db) =>
      rewrite(db, 72, (_data, metadata) => {
        metadata.actor = 'staff:nobody';
      }),
    );
    const detail = verify(late).json!.breaks.find((b) => b.problem === 'seal-digest-mismatch')!.detail;
    expect(detail).toMatch(/the last seal that holds covers up to position 71 \(71 event\(s\)\)/);
  });

  it('3. the last row deleted and sqlite_sequence fixed: found by the views, which still list it, and against the seal published outside the ledger', () => {
    // The last row is the seal made on demand: deleting it leaves the log it sealed intact, and the
    // closes' seals hold. The views, a cache of the log, still list it; and its published copy knows it existed.
    const path = copy((db) => {
      db.prepare('DELETE FROM events WHERE global_position = 73').run();
      db.prepare("UPDATE sqlite_sequence SET seq = 72 WHERE name = 'events'").run();
    });
    const listedSeal = expect.objectContaining({ problem: 'view-row-extra', table: 'view_seals' });
    const plain = verify(path);
    expect(plain.status).toBe(1);
    expect(plain.json!.breaks).toEqual([listedSeal]);
    // Against the published seal the log itself no longer holds: that is what verify names (the
    // views are not worked out from a broken log).
    const r = verify(path, '--seal', 'seal.json');
    expect(r.status).toBe(1);
    expect(r.json!.breaks).toEqual([
      expect.objectContaining({
        problem: 'seal-missing',
        detail: expect.stringMatching(/no longer holds that event: it was deleted/),
      }),
    ]);
    // October's close and the seal after it deleted: October looks open again in the log. Every
    // seal left in the log holds; the views still list October's close, and the exported invoices'
    // seal and close do not hold.
    const two = copy((db) => {
      db.prepare('DELETE FROM events WHERE global_position >= 72').run();
      db.prepare("UPDATE sqlite_sequence SET seq = 71 WHERE name = 'events'").run();
    });
    const views = verify(two);
    expect(views.status).toBe(1);
    expect(views.json!.breaks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          problem: 'view-row-extra',
          table: 'view_closes',
          key: { month: '2025-10' },
        }),
      ]),
    );
    expect(views.json!.breaks.every((b) => b.problem.startsWith('view-row-'))).toBe(true);
    const published = verify(two, '--seal', 'export.json', '--seal', 'seal.json');
    expect(published.status).toBe(1);
    expect(published.json!.breaks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ problem: 'seal-missing', detail: expect.stringMatching(/export\.json/) }),
        expect.objectContaining({ problem: 'seal-digest-mismatch' }),
      ]),
    );
  });

  it('a seal checked with another public key is not taken for one: seal-key-unknown', () => {
    writeFileSync(
      join(dir, 'other.pub'),
      generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    );
    const r = cliIn(dir, [
      'verify',
      '--store',
      'sqlite:pristine.db',
      '--format',
      'json',
      '--public-key',
      'other.pub',
    ]);
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as VerifyJson).breaks.map((b) => b.problem)).toEqual(
      Array(9).fill('seal-key-unknown'),
    );
  });
});
