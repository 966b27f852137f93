import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { NotALedgerError, SCHEMA_VERSION, SqliteEventStore, StoreReadOnlyError } from '../../src/store';
import { storeContract } from './contract';

const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-store-'));
let n = 0;

storeContract(
  'sqlite (file, synchronous=FULL)',
  async () => new SqliteEventStore({ path: join(dir, `c${n++}.db`) }),
);
storeContract('sqlite (:memory:)', async () => new SqliteEventStore({ path: ':memory:' }));

describe('SQLite adapter specifics', () => {
  it('opens in WAL mode with synchronous=FULL by default and records the schema version', async () => {
    const path = join(dir, 'pragmas.db');
    const store = new SqliteEventStore({ path });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    raw.close();
  });

  it('honours a configured synchronous level', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'normal.db'), synchronous: 'NORMAL' });
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1);
    await store.close();
  });

  it('migrates an older file forward without losing its events', async () => {
    const path = join(dir, 'v1.db');
    const raw = new Database(path);
    raw.exec(`CREATE TABLE events (global_position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL,
      revision INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL,
      metadata TEXT NOT NULL, UNIQUE (stream_id, revision));
      INSERT INTO events (stream_id, revision, event_id, type, data, metadata)
      VALUES ('s', 0, '00000000-0000-4000-8000-000000000001', 'A', '{}', '{}');
      PRAGMA user_version = 1;`);
    raw.close();
    const store = new SqliteEventStore({ path });
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const read = await store.readStream('s');
    expect(read.status === 'found' && read.events.length).toBe(1);
    await store.close();
  });

  it('refuses a file written by a newer schema', async () => {
    const path = join(dir, 'future.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => new SqliteEventStore({ path })).toThrow(/newer than this program knows/);
  });

  it('sees events appended by another connection to the same file through its subscription', async () => {
    const path = join(dir, 'two.db');
    const reader = new SqliteEventStore({ path, pollMs: 10 });
    const writer = new SqliteEventStore({ path });
    const sub = reader.subscribeToAll();
    const got = (async () => {
      for await (const e of sub) return e.type;
      return undefined;
    })();
    await writer.appendToStream(
      's',
      [{ id: '00000000-0000-4000-8000-0000000000aa', type: 'X', data: {}, metadata: {} }],
      {
        expectedRevision: 'no_stream',
      },
    );
    expect(await got).toBe('X');
    await sub.unsubscribe();
    await reader.close();
    await writer.close();
  });

  describe('opened for reading', () => {
    const ledgerWithOneEvent = async (name: string): Promise<string> => {
      const path = join(mkdtempSync(join(dir, `${name}-`)), 'ledger.db');
      const store = new SqliteEventStore({ path });
      await store.appendToStream(
        's',
        [{ id: '00000000-0000-4000-8000-0000000000bb', type: 'X', data: {}, metadata: {} }],
        { expectedRevision: 'no_stream' },
      );
      await store.close();
      return path;
    };
    const snapshot = (path: string) => ({
      bytes: readFileSync(path).toString('base64'),
      mtimeMs: statSync(path).mtimeMs,
      listing: readdirSync(join(path, '..')).sort(),
    });

    it('reads a ledger and leaves the file and its directory exactly as they were', async () => {
      const path = await ledgerWithOneEvent('read');
      const before = snapshot(path);
      expect(before.listing).toEqual(['ledger.db']);
      const store = new SqliteEventStore({ path, access: 'read' });
      const read = await store.readStream('s');
      expect(read.status === 'found' && read.events.map((e) => e.type)).toEqual(['X']);
      await store.close();
      expect(snapshot(path)).toEqual(before);
    });

    it('refuses to append, and no statement can write through it', async () => {
      const path = await ledgerWithOneEvent('no-append');
      const store = new SqliteEventStore({ path, access: 'read' });
      await expect(
        store.appendToStream(
          's',
          [{ id: '00000000-0000-4000-8000-0000000000bc', type: 'Y', data: {}, metadata: {} }],
          { expectedRevision: 0n },
        ),
      ).rejects.toBeInstanceOf(StoreReadOnlyError);
      expect(() => store.db.pragma('user_version = 99')).toThrow(/readonly|read-only|query_only/i);
      expect(() => store.db.exec('CREATE TABLE t (x)')).toThrow();
      await store.close();
    });

    it("refuses another program's SQLite file, an empty file and a file that is no database, writing nothing", async () => {
      const other = join(mkdtempSync(join(dir, 'other-')), 'app.db');
      const raw = new Database(other);
      raw.exec('CREATE TABLE notes (text TEXT)');
      raw.close();
      const empty = join(mkdtempSync(join(dir, 'empty-')), 'empty.db');
      writeFileSync(empty, '');
      const text = join(mkdtempSync(join(dir, 'text-')), 'text.db');
      writeFileSync(text, 'hello, world\n'.repeat(100));
      for (const path of [other, empty, text]) {
        const before = snapshot(path);
        expect(() => new SqliteEventStore({ path, access: 'read' })).toThrow(NotALedgerError);
        expect(snapshot(path)).toEqual(before);
      }
      // A writer refuses the first and the last too; an empty file is a new ledger.
      for (const path of [other, text]) {
        const before = snapshot(path);
        expect(() => new SqliteEventStore({ path })).toThrow(/is not a vpn-ledger file/);
        expect(snapshot(path)).toEqual(before);
      }
      const created = new SqliteEventStore({ path: empty });
      expect(created.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      await created.close();
    });

    it('reads an older ledger without migrating it', async () => {
      const path = join(mkdtempSync(join(dir, 'old-')), 'v1.db');
      const raw = new Database(path);
      raw.exec(`CREATE TABLE events (global_position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL,
        revision INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL,
        metadata TEXT NOT NULL, UNIQUE (stream_id, revision));
        INSERT INTO events (stream_id, revision, event_id, type, data, metadata)
        VALUES ('s', 0, '00000000-0000-4000-8000-000000000001', 'A', '{}', '{}');
        PRAGMA user_version = 1;`);
      raw.close();
      const before = snapshot(path);
      const store = new SqliteEventStore({ path, access: 'read' });
      expect((await store.headPosition())?.commit).toBe(1n);
      expect(store.db.pragma('user_version', { simple: true })).toBe(1);
      await store.close();
      expect(snapshot(path)).toEqual(before);
    });
  });

  it.each([
    ['truncated JSON', `'{"contractId": "c-1"'`, /its data is not JSON/],
    ['null', `'null'`, /its data is null, not a JSON object/],
    ['a number', `'42'`, /its data is a number, not a JSON object/],
  ])(
    'reports a row whose data is %s as a corrupt event naming its stream and revision',
    async (_l, value, why) => {
      const path = join(dir, `corrupt-${value.length}.db`);
      const store = new SqliteEventStore({ path });
      await store.appendToStream(
        'contract-c-1',
        [
          { id: '00000000-0000-4000-8000-0000000000c1', type: 'A', data: {}, metadata: {} },
          { id: '00000000-0000-4000-8000-0000000000c2', type: 'B', data: {}, metadata: {} },
        ],
        { expectedRevision: 'no_stream' },
      );
      store.db.prepare(`UPDATE events SET data = ${value} WHERE revision = 1`).run();
      const error = await store.readStream('contract-c-1').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'CORRUPT_EVENT', streamId: 'contract-c-1', revision: '1' });
      expect((error as Error).message).toMatch(why);
      const all = (async () => {
        for await (const _ of store.readAll()) {
          // read to the end
        }
      })();
      await expect(all).rejects.toMatchObject({ code: 'CORRUPT_EVENT', globalPosition: '2' });
      await store.close();
    },
  );
});
