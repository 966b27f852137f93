import { EventEmitter } from 'node:events';
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { type CurrentRevision, checkExpectedRevision, detectRepeat } from './append-rules';
import {
  CorruptEventError,
  NotALedgerError,
  StoreError,
  StoreReadOnlyError,
  StoreUnavailableError,
  WrongExpectedVersionError,
} from './errors';
import { LiveSubscription } from './live-subscription';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  GroupTransaction,
  JsonObject,
  LocalLog,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  ReadStreamResult,
  RecordedEvent,
  StoredRow,
  StreamParts,
  SubscribeToAllOptions,
  Subscription,
} from './port';

// An archived ledger in a read-only directory can be read only as an `immutable` URI (below).
// SQLite reads this setting once, when better-sqlite3 loads its addon at the first `new Database`.
// Ordinary paths are unaffected: a path starting "file:" is passed as "./file:...".
if (process.env.SQLITE_USE_URI === undefined) process.env.SQLITE_USE_URI = '1';

export type SqliteSynchronous = 'FULL' | 'NORMAL' | 'OFF';

/**
 * 'write' (the default): the file is created and migrated as needed; only a vpn-ledger file or a
 * new, empty one is accepted. 'read': an existing ledger is opened so that nothing can change it
 * (no table, no user_version, no journal mode, no checkpoint is ever written); appends fail.
 */
export type SqliteAccess = 'write' | 'read';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:'. */
  readonly path: string;
  readonly access?: SqliteAccess;
  /** FULL by default: an acknowledged append survives power loss. */
  readonly synchronous?: SqliteSynchronous;
  readonly pageSize?: number;
  readonly pollMs?: number;
  readonly busyTimeoutMs?: number;
  /**
   * Read models kept in the ledger file (Emmett's inline projections): each is handed the store
   * once it is open and may answer with what runs inside every append's transaction, so that its
   * tables commit, or roll back, with the events.
   */
  readonly inline?: readonly ((store: SqliteEventStore) => InlineProjection | null)[];
}

/** What runs inside an append's transaction, with the events it wrote. */
export interface InlineProjection {
  handle(events: readonly RecordedEvent[]): void;
}

/** Schema migrations, applied in order; `PRAGMA user_version` holds the last applied. */
export const MIGRATIONS: readonly { version: number; description: string; sql: string }[] = [
  {
    version: 1,
    description: 'events: global log with unique (stream, revision) and unique event id',
    sql: `
      CREATE TABLE events (
        global_position INTEGER PRIMARY KEY AUTOINCREMENT,
        stream_id       TEXT    NOT NULL,
        revision        INTEGER NOT NULL,
        event_id        TEXT    NOT NULL UNIQUE,
        type            TEXT    NOT NULL,
        data            TEXT    NOT NULL,
        metadata        TEXT    NOT NULL,
        UNIQUE (stream_id, revision)
      );`,
  },
  {
    version: 2,
    description: 'projection checkpoints, kept with the projection state in one transaction',
    sql: `
      CREATE TABLE projection_checkpoints (
        name       TEXT PRIMARY KEY,
        position   INTEGER NOT NULL,
        state      TEXT    NOT NULL,
        updated_at TEXT    NOT NULL
      );`,
  },
  {
    version: 3,
    description:
      'drop projection_checkpoints: the projections live in the view_* tables (src/views), each update with its checkpoint',
    sql: 'DROP TABLE IF EXISTS projection_checkpoints;',
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

interface EventRow {
  global_position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
}

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const corrupt = (row: EventRow, reason: string): CorruptEventError =>
  new CorruptEventError(String(row.stream_id), String(row.revision), String(row.global_position), reason);

const kindOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;

const parseObject = (row: EventRow, column: 'data' | 'metadata'): JsonObject => {
  let value: unknown;
  try {
    value = JSON.parse(row[column]);
  } catch (error) {
    throw corrupt(row, `its ${column} is not JSON (${(error as Error).message})`);
  }
  if (!isJsonObject(value)) throw corrupt(row, `its ${column} is ${kindOf(value)}, not a JSON object`);
  return value;
};

/** A row as an event; a row that cannot be one is a CorruptEventError naming its stream and revision. */
const toRecorded = (row: EventRow): RecordedEvent => {
  if (!Number.isSafeInteger(row.revision) || !Number.isSafeInteger(row.global_position)) {
    throw corrupt(row, 'its revision or position is not a whole number');
  }
  const g = BigInt(row.global_position);
  return {
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: { commit: g, prepare: g },
    id: row.event_id,
    type: row.type,
    data: parseObject(row, 'data'),
    metadata: parseObject(row, 'metadata'),
  };
};

const EVENTS_COLUMNS = ['global_position', 'stream_id', 'revision', 'event_id', 'type', 'data', 'metadata'];

/**
 * What the file holds, read without writing: its schema version, whether it has any schema at
 * all, and whether its `events` table is the ledger's. A file that is no SQLite database at all
 * fails here with SQLITE_NOTADB.
 */
const inspect = (db: Database.Database): { version: number; empty: boolean; hasEvents: boolean } => {
  const version = db.pragma('user_version', { simple: true }) as number;
  const objects = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sqlite_master').get()!.n;
  const columns = new Set((db.pragma('table_info(events)') as { name: string }[]).map((c) => c.name));
  return { version, empty: objects === 0, hasEvents: EVENTS_COLUMNS.every((c) => columns.has(c)) };
};

/** Refuses a file this program must not touch; returns whether it still needs migrations. */
const checkLedger = (db: Database.Database, path: string, access: SqliteAccess): boolean => {
  const { version, empty, hasEvents } = inspect(db);
  if (version > SCHEMA_VERSION) {
    throw new StoreUnavailableError(
      `The ledger file has schema version ${version}, newer than this program knows (${SCHEMA_VERSION}).`,
    );
  }
  if (version === 0 && empty) {
    if (access === 'read') throw new NotALedgerError(path, 'it is an empty database', { kind: 'empty' });
    return true;
  }
  if (!hasEvents) {
    throw new NotALedgerError(
      path,
      version === 0
        ? "it is an SQLite database without the ledger's tables (another program's file?)"
        : `it has schema version ${version} but no ledger events table`,
      version === 0 ? { kind: 'no-tables' } : { kind: 'no-events', version },
    );
  }
  return version < SCHEMA_VERSION;
};

/**
 * Applies the missing migrations in ONE immediate transaction that reads user_version itself, so
 * that several processes opening a new file at once never migrate it twice: the first takes the
 * write lock and migrates, the others wait for it and then find nothing left to do.
 */
const migrate = (db: Database.Database, path: string): void => {
  db.transaction(() => {
    if (!checkLedger(db, path, 'write')) return;
    const current = db.pragma('user_version', { simple: true }) as number;
    for (const m of MIGRATIONS.filter((m) => m.version > current)) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
};

const sleep = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/**
 * `PRAGMA journal_mode = WAL` needs the file to itself for a moment, and SQLite answers SQLITE_BUSY
 * at once, without its busy handler, while another process holds it (several processes creating
 * a new ledger at the same time). Retry until the busy timeout has passed.
 */
const switchToWal = (db: Database.Database, timeoutMs: number): void => {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!errorCode(error).startsWith('SQLITE_BUSY') || Date.now() >= deadline) throw error;
      sleep(Math.min(5 * attempt, 50) * (0.5 + Math.random()));
    }
  }
};

const writable = (path: string): boolean => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** A ledger must be writable, and so must its directory (SQLite creates the -wal file there). */
const assertWritable = (path: string): void => {
  const dir = dirname(resolve(path));
  if (existsSync(path) && !writable(path)) {
    throw new StoreReadOnlyError(
      `The ledger file ${path} is read-only: nothing can be written to it.`,
      undefined,
      {
        what: 'file',
        path,
        directory: dir,
      },
    );
  }
  if (!writable(dir)) {
    throw new StoreReadOnlyError(
      `The directory ${dir} is read-only: the ledger ${path} cannot be written (SQLite keeps its write-ahead log next to the file).`,
      undefined,
      { what: 'directory', path, directory: dir },
    );
  }
};

/** A file: URI for SQLite (an immutable open needs one), with '?', '#' and '%' escaped. */
const fileUri = (path: string, params: string): string =>
  `file:${encodeURI(path).replace(/\?/g, '%3F').replace(/#/g, '%23')}?${params}`;

/**
 * Opens an existing ledger so that neither it nor its directory changes:
 *  - file and directory writable: a connection that may not create the file, with query_only set
 *    (no statement can write). On close SQLite removes the -wal and -shm files it needed, as the
 *    last connection to a WAL database does; a read-only connection would leave them behind.
 *  - directory not writable and no -wal file: nobody can be writing (a writer needs to create the
 *    -wal file there), so the file is opened `immutable`: no locks, no -shm file.
 *  - otherwise: a read-only connection.
 */
const openForReading = (path: string, timeout: number): Database.Database => {
  const dir = dirname(resolve(path));
  if (writable(dir) && writable(path)) {
    const db = new Database(path, { fileMustExist: true, timeout });
    db.pragma('query_only = ON');
    return db;
  }
  if (!writable(dir) && !existsSync(`${path}-wal`)) {
    return new Database(fileUri(resolve(path), 'mode=ro&immutable=1'), {
      readonly: true,
      fileMustExist: true,
    });
  }
  return new Database(path, { readonly: true, fileMustExist: true, timeout });
};

const errorCode = (error: unknown): string => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
};

/** What went wrong opening the file, as the store's typed errors. */
const openError = (error: unknown, path: string, access: SqliteAccess): StoreError => {
  if (error instanceof StoreError) return error;
  const code = errorCode(error);
  const message = (error as Error).message;
  if (code === 'SQLITE_NOTADB')
    return new NotALedgerError(path, 'it is not an SQLite database', { kind: 'not-sqlite' });
  if (access === 'write' && (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN'))) {
    return new StoreReadOnlyError(
      `Cannot write to the ledger file ${path}: ${message} (check the permissions of the file and its directory).`,
      error,
    );
  }
  return new StoreUnavailableError(`Cannot open the SQLite ledger at ${path}: ${message}`, error);
};

/** The embedded default store: one SQLite file in WAL mode. */
export class SqliteEventStore implements EventStore, LocalLog {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private readonly pageSize: number;
  private readonly pollMs: number;
  private readonly stmt: {
    lastRevision: Database.Statement<[string], { r: number | null }>;
    byEventId: Database.Statement<[string], EventRow>;
    insert: Database.Statement<[string, number, string, string, string, string]>;
    streamForward: Database.Statement<[string, number, number], EventRow>;
    streamForwardAll: Database.Statement<[string, number], EventRow>;
    streamBackward: Database.Statement<[string, number, number], EventRow>;
    allFrom: Database.Statement<[number, number], EventRow>;
    head: Database.Statement<[], { g: number | null }>;
  };
  /** The inline projections registered when the store was opened (SqliteStoreOptions.inline). */
  private readonly inline: readonly InlineProjection[];
  /** The append transaction, built once (better-sqlite3 builds four wrappers per `transaction()`). */
  private readonly appendTx: Database.Transaction<
    (streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision) => AppendResult
  >;
  /**
   * The append as it nearly always goes: the expected revision holds and no id is taken, so the
   * events are inserted without first looking each id up (a repeat is the rare case). When the
   * revision does not hold or an id is taken, this transaction rolls back and `appendTx` decides
   * (an idempotent repeat, or the error), as before.
   */
  private readonly freshAppendTx: Database.Transaction<
    (streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision) => AppendResult
  >;

  /** True when the store was opened for reading: appends are refused, nothing is ever written. */
  readonly readonly: boolean;

  constructor(readonly options: SqliteStoreOptions) {
    const access = options.access ?? 'write';
    this.readonly = access === 'read';
    const timeout = options.busyTimeoutMs ?? 10_000;
    const path = options.path.startsWith('file:') ? `./${options.path}` : options.path;
    let db: Database.Database | undefined;
    try {
      if (this.readonly && path !== ':memory:') {
        db = openForReading(path, timeout);
        checkLedger(db, options.path, 'read');
      } else {
        if (path !== ':memory:') assertWritable(path);
        db = new Database(path, { timeout });
        // Nothing is written before the file is known to be a ledger, or a new and empty one.
        const migrations = checkLedger(db, options.path, 'write');
        if (db.pragma('journal_mode', { simple: true }) !== 'wal') switchToWal(db, timeout);
        db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
        db.pragma('foreign_keys = ON');
        if (migrations) migrate(db, options.path);
      }
    } catch (error) {
      if (db?.open) db.close();
      throw openError(error, options.path, access);
    }
    this.db = db;
    this.pageSize = options.pageSize ?? 1000;
    this.pollMs = options.pollMs ?? 50;
    const cols = 'global_position, stream_id, revision, event_id, type, data, metadata';
    this.stmt = {
      lastRevision: this.db.prepare('SELECT MAX(revision) AS r FROM events WHERE stream_id = ?'),
      byEventId: this.db.prepare(`SELECT ${cols} FROM events WHERE event_id = ?`),
      insert: this.db.prepare(
        'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      streamForward: this.db.prepare(
        `SELECT ${cols} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
      ),
      // Without LIMIT: a bound LIMIT parameter costs about 5 µs per execution in SQLite 3.53.
      streamForwardAll: this.db.prepare(
        `SELECT ${cols} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC`,
      ),
      streamBackward: this.db.prepare(
        `SELECT ${cols} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      ),
      allFrom: this.db.prepare(
        `SELECT ${cols} FROM events WHERE global_position >= ? ORDER BY global_position ASC LIMIT ?`,
      ),
      head: this.db.prepare('SELECT MAX(global_position) AS g FROM events'),
    };
    this.appendTx = this.db.transaction((streamId, events, expected) =>
      this.appendInTransaction(streamId, events, expected),
    );
    this.freshAppendTx = this.db.transaction((streamId, events, expected) =>
      this.appendFresh(streamId, events, expected),
    );
    this.inline = [];
    const inline: InlineProjection[] = [];
    try {
      for (const register of options.inline ?? []) {
        const projection = register(this);
        if (projection) inline.push(projection);
      }
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.inline = inline;
  }

  /** This adapter keeps its log in a file on this machine: see LocalLog. */
  get local(): LocalLog {
    return this;
  }

  exclusive<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  snapshot<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    this.db.exec('BEGIN');
    try {
      return fn();
    } finally {
      if (this.db.inTransaction) this.db.exec('COMMIT');
    }
  }

  headSync(): Position | null {
    const g = this.stmt.head.get()?.g ?? null;
    return g === null ? null : { commit: BigInt(g), prepare: BigInt(g) };
  }

  *rows(fromPosition = 1n): Generator<StoredRow> {
    for (const row of this.iterateRows(Number(fromPosition))) {
      yield {
        position: BigInt(row.global_position),
        streamId: row.stream_id,
        revision: row.revision,
        eventId: row.event_id,
        type: row.type,
        data: row.data,
        metadata: row.metadata,
      };
    }
  }

  highestPositionEverWritten(): bigint {
    // AUTOINCREMENT remembers the highest position ever given out, even after its row was deleted.
    const seq = this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get() as
      | { seq: number }
      | undefined;
    return BigInt(seq?.seq ?? 0);
  }

  streamParts(upTo: bigint, maxEvents: number, skipTypes: readonly string[] = []): StreamParts {
    const { ranges, events } = this.streamRangesSync(upTo, maxEvents);
    return {
      events,
      sizes: ranges.map((r) => r.events),
      parts: ranges.map((range) => ({
        [Symbol.iterator]: () => this.streamRangeEventsSync(range, upTo, skipTypes)[Symbol.iterator](),
      })),
    };
  }

  begin(): GroupTransaction {
    const s = this.groupStatements();
    s.begin();
    const db = this.db;
    return {
      savepoint: s.savepoint,
      release: s.release,
      rollbackToSavepoint: () => {
        if (!db.inTransaction) return;
        s.rollbackTo();
        s.release();
      },
      commit: () => void db.exec('COMMIT'),
      rollback: () => {
        if (db.inTransaction) db.exec('ROLLBACK');
      },
      get open() {
        return db.inTransaction;
      },
    };
  }

  /** A group's statements, prepared once (sqlite3_exec would parse them for every command). */
  private groupSql: Record<'begin' | 'savepoint' | 'release' | 'rollbackTo', () => void> | null = null;

  private groupStatements() {
    if (this.groupSql === null) {
      const prepared = (sql: string) => {
        const statement = this.db.prepare(sql);
        return () => void statement.run();
      };
      this.groupSql = {
        begin: prepared('BEGIN IMMEDIATE'),
        savepoint: prepared('SAVEPOINT command'),
        release: prepared('RELEASE command'),
        rollbackTo: prepared('ROLLBACK TO command'),
      };
    }
    return this.groupSql;
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    return this.guard(() => this.appendSync(streamId, events, options.expectedRevision));
  }

  /** The append as one IMMEDIATE transaction: all events land, or none. */
  appendSync(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): AppendResult {
    if (this.readonly) {
      throw new StoreReadOnlyError(
        `The ledger ${this.options.path} was opened for reading: nothing can be appended.`,
      );
    }
    // An empty append only checks the revision: the full path answers it.
    if (events.length === 0) return this.appendTx.immediate(streamId, events, expected);
    let result: AppendResult;
    try {
      result = this.freshAppendTx.immediate(streamId, events, expected);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) && errorCode(error) !== 'SQLITE_CONSTRAINT_UNIQUE')
        throw error;
      result = this.appendTx.immediate(streamId, events, expected);
    }
    if (events.length > 0) this.appended.emit('append');
    return result;
  }

  private appendInTransaction(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): AppendResult {
    const last = this.stmt.lastRevision.get(streamId)?.r ?? null;
    const current: CurrentRevision = last === null ? 'no_stream' : BigInt(last);
    const repeat = detectRepeat(
      streamId,
      events,
      expected,
      events.map((e) => {
        const row = this.stmt.byEventId.get(e.id);
        return row ? toRecorded(row) : undefined;
      }),
    );
    if (repeat) {
      const r = repeat[repeat.length - 1]!;
      return { nextExpectedRevision: r.revision, position: r.position, written: false };
    }
    checkExpectedRevision(streamId, expected, current);
    return this.insertEvents(streamId, events, last);
  }

  /** The fast path of `freshAppendTx`: throws, to fall back to `appendInTransaction`, on any doubt. */
  private appendFresh(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): AppendResult {
    const last = this.stmt.lastRevision.get(streamId)?.r ?? null;
    checkExpectedRevision(streamId, expected, last === null ? 'no_stream' : BigInt(last));
    return this.insertEvents(streamId, events, last);
  }

  private insertEvents(
    streamId: string,
    events: readonly EventToAppend[],
    last: number | null,
  ): AppendResult {
    let revision = last === null ? -1 : last;
    let global = 0;
    const written: RecordedEvent[] = [];
    for (const e of events) {
      revision += 1;
      const info = this.stmt.insert.run(
        streamId,
        revision,
        e.id,
        e.type,
        JSON.stringify(e.data),
        JSON.stringify(e.metadata),
      );
      global = Number(info.lastInsertRowid);
      if (this.inline.length > 0) {
        const g = BigInt(global);
        written.push({
          streamId,
          revision: BigInt(revision),
          position: { commit: g, prepare: g },
          id: e.id,
          type: e.type,
          data: e.data,
          metadata: e.metadata,
        });
      }
    }
    if (written.length > 0) for (const projection of this.inline) projection.handle(written);
    if (events.length === 0) {
      const g = BigInt(this.stmt.head.get()?.g ?? 0);
      return { nextExpectedRevision: BigInt(revision), position: { commit: g, prepare: g }, written: false };
    }
    const g = BigInt(global);
    return { nextExpectedRevision: BigInt(revision), position: { commit: g, prepare: g }, written: true };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    return this.guard(() => this.readStreamSync(streamId, options));
  }

  readStreamSync(streamId: string, options: ReadStreamOptions = {}): ReadStreamResult {
    const direction = options.direction ?? 'forwards';
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const rows =
      direction === 'forwards' && options.maxCount === undefined
        ? this.stmt.streamForwardAll.all(
            streamId,
            from === 'start' ? 0 : from === 'end' ? Number.MAX_SAFE_INTEGER : Number(from),
          )
        : direction === 'forwards'
          ? this.stmt.streamForward.all(
              streamId,
              from === 'start' ? 0 : from === 'end' ? Number.MAX_SAFE_INTEGER : Number(from),
              max,
            )
          : this.stmt.streamBackward.all(
              streamId,
              from === 'end' ? Number.MAX_SAFE_INTEGER : from === 'start' ? 0 : Number(from),
              max,
            );
    // Revisions start at 0 and are never removed: a forward read from the start that finds no
    // row (and was allowed one) has found no stream, without asking again.
    const readWholeStream = direction === 'forwards' && from === 'start' && max > 0;
    if (rows.length === 0 && (readWholeStream || this.stmt.lastRevision.get(streamId)?.r == null)) {
      return { status: 'not_found', streamId };
    }
    return { status: 'found', events: rows.map(toRecorded) };
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let from =
      options.fromPosition === undefined || options.fromPosition === 'start'
        ? 1
        : Number(options.fromPosition.commit);
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const rows = this.guard(() => this.stmt.allFrom.all(from, Math.min(this.pageSize, remaining)));
      if (rows.length === 0) return;
      for (const row of rows) yield toRecorded(row);
      remaining -= rows.length;
      from = rows[rows.length - 1]!.global_position + 1;
    }
  }

  /** Raw rows in global order, for the integrity check and the replay benchmark's baseline. */
  private *iterateRows(fromGlobal = 1): Generator<EventRow> {
    for (const row of this.db
      .prepare<[number], EventRow>(
        'SELECT global_position, stream_id, revision, event_id, type, data, metadata FROM events WHERE global_position >= ? ORDER BY global_position',
      )
      .iterate(fromGlobal)) {
      yield row;
    }
  }

  /** Events with global positions strictly between `after` and `before`, in global order. */
  eventsBetweenSync(after: bigint, before: bigint): RecordedEvent[] {
    return this.db
      .prepare<[bigint, bigint], EventRow>(
        'SELECT global_position, stream_id, revision, event_id, type, data, metadata FROM events WHERE global_position > ? AND global_position < ? ORDER BY global_position',
      )
      .all(after, before)
      .map(toRecorded);
  }

  /**
   * The log cut into parts of whole streams, for rebuilds that hold one part's streams in memory at
   * a time: ranges of stream ids [from, to) (to null: no end) of at most about `maxEvents` events up
   * to global position `upTo` each (a stream longer than that is a part of its own). An index-only
   * scan.
   */
  streamRangesSync(
    upTo: bigint,
    maxEvents: number,
  ): { ranges: { from: string; to: string | null; events: number }[]; events: number } {
    const counts = this.db
      .prepare<[bigint], { stream_id: string; n: number }>(
        'SELECT stream_id, COUNT(*) AS n FROM events WHERE global_position <= ? GROUP BY stream_id ORDER BY stream_id',
      )
      .all(upTo);
    const ranges: { from: string; to: string | null; events: number }[] = [];
    let from: string | null = null;
    let size = 0;
    let events = 0;
    for (const { stream_id, n } of counts) {
      events += n;
      if (from !== null && size + n > maxEvents) {
        ranges.push({ from, to: stream_id, events: size });
        from = null;
        size = 0;
      }
      from ??= stream_id;
      size += n;
    }
    if (from !== null) ranges.push({ from, to: null, events: size });
    return { ranges, events };
  }

  /**
   * The events of the streams in [from, to) up to global position `upTo`, stream by stream (in
   * stream id order), each stream in revision order: a walk of the (stream_id, revision) index over
   * the range alone. (A scan of the whole table per part, in global order, read every row of the
   * log once per part: at a million events in 11 parts, 11 scans.) A store opened for reading
   * iterates on its own connection; a writer's file is read through a second connection that
   * cannot write (so that this one stays free to write while the events are read); an in-memory
   * database is read all at once.
   */
  *streamRangeEventsSync(
    range: { from: string; to: string | null },
    upTo: bigint,
    /** Event types not to read at all (their rows never leave SQLite). */
    skipTypes: readonly string[] = [],
  ): Generator<RecordedEvent> {
    const select = 'SELECT global_position, stream_id, revision, event_id, type, data, metadata FROM events';
    const filter =
      'global_position <= ? AND type NOT IN (SELECT value FROM json_each(?)) ORDER BY stream_id, revision';
    // Two statements, so that the last part's open end does not keep the index walk from stopping.
    const sql =
      range.to === null
        ? `${select} WHERE stream_id >= ? AND ${filter}`
        : `${select} WHERE stream_id >= ? AND stream_id < ? AND ${filter}`;
    type Args = (string | bigint)[];
    const args: Args =
      range.to === null
        ? [range.from, upTo, JSON.stringify(skipTypes)]
        : [range.from, range.to, upTo, JSON.stringify(skipTypes)];
    if (this.options.path === ':memory:' || this.db.memory) {
      yield* this.db
        .prepare<Args, EventRow>(sql)
        .all(...args)
        .map(toRecorded);
      return;
    }
    if (this.readonly) {
      for (const row of this.db.prepare<Args, EventRow>(sql).iterate(...args)) yield toRecorded(row);
      return;
    }
    const reader = openForReading(this.options.path, this.options.busyTimeoutMs ?? 10_000);
    try {
      for (const row of reader.prepare<Args, EventRow>(sql).iterate(...args)) yield toRecorded(row);
    } finally {
      reader.close();
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    return new LiveSubscription(
      options.fromPosition ?? 'start',
      async (p) =>
        this.guard(() =>
          this.stmt.allFrom.all(p === 'start' ? 1 : Number(p.commit) + 1, this.pageSize).map(toRecorded),
        ),
      this.appended,
      this.pollMs,
    );
  }

  /** The event with this id anywhere in the log, or null (what an append checks ids against). */
  async eventById(id: string): Promise<RecordedEvent | null> {
    return this.guard(() => {
      const row = this.stmt.byEventId.get(id);
      return row ? toRecorded(row) : null;
    });
  }

  async headPosition(): Promise<Position | null> {
    const g = this.guard(() => this.stmt.head.get()?.g ?? null);
    return g === null ? null : { commit: BigInt(g), prepare: BigInt(g) };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
    this.appended.emit('append');
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof StoreError) throw error;
      const code = errorCode(error);
      if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
        throw new StoreReadOnlyError(
          `Cannot write to the ledger file ${this.options.path}: ${(error as Error).message} (check the permissions of the file and its directory).`,
          error,
        );
      }
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_IOERR') || !this.db.open) {
        throw new StoreUnavailableError(
          `The SQLite ledger is unavailable: ${(error as Error).message}`,
          error,
        );
      }
      throw error;
    }
  }
}

export const openSqliteStore = (options: SqliteStoreOptions): SqliteEventStore =>
  new SqliteEventStore(options);
