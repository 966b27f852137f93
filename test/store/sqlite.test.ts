import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION, SqliteEventStore } from '../../src/store';
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
});
