/**
 * The web console's sessions (issue 26), kept server-side in an SQLite database: the ledger's own
 * file for an SQLite ledger (table `console_sessions`, beside the log and the views; no read model
 * owns it), a file of their own beside the views file for EventStoreDB, memory for a memory store.
 *
 * Signing in exchanges a token for a session: a new random id (256 bits) goes to the browser's
 * cookie, and only its SHA-256 is stored, with the token it came from, the principal and an expiry.
 * The cookie is never a token: it is worth nothing as a Bearer token, and nothing once signed out.
 * A session is in force until it expires, is ended at sign-out, or its token is revoked or expires
 * (the caller checks the token on every use).
 */
import { createHash, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface Session {
  readonly tokenId: string;
  readonly principal: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

interface SessionRow {
  readonly token_id: string;
  readonly principal: string;
  readonly created_at: string;
  readonly expires_at: string;
}

export class SessionStore {
  private constructor(
    private readonly db: Database.Database,
    private readonly ttlMs: number,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS console_sessions (
      id_sha256  TEXT PRIMARY KEY,
      token_id   TEXT NOT NULL,
      principal  TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    ) STRICT`);
  }

  /** Sessions in the SQLite file at `path` (':memory:': in memory), each lasting `ttlMs`. */
  static open(path: string, ttlMs: number): SessionStore {
    const db = new Database(path);
    // Another connection (the ledger's writer) may hold the file for a moment.
    db.pragma('busy_timeout = 5000');
    return new SessionStore(db, ttlMs);
  }

  /** A new session for the token `tokenId` of `principal`; returns its id, for the cookie only. */
  create(tokenId: string, principal: string, now: string): { id: string; expiresAt: string } {
    const id = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.parse(now) + this.ttlMs).toISOString();
    this.db
      .prepare(
        'INSERT INTO console_sessions (id_sha256, token_id, principal, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(sha256(id), tokenId, principal, now, expiresAt);
    return { id, expiresAt };
  }

  /** The session of a cookie's id while it is in force at `now`; null otherwise (an expired one is removed). */
  find(id: string, now: string): Session | null {
    if (!SESSION_ID.test(id)) return null;
    const key = sha256(id);
    const row = this.db
      .prepare('SELECT token_id, principal, created_at, expires_at FROM console_sessions WHERE id_sha256 = ?')
      .get(key) as SessionRow | undefined;
    if (!row) return null;
    if (Date.parse(row.expires_at) <= Date.parse(now)) {
      this.db.prepare('DELETE FROM console_sessions WHERE id_sha256 = ?').run(key);
      return null;
    }
    return {
      tokenId: row.token_id,
      principal: row.principal,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }

  /** Ends a session (sign-out); an unknown id changes nothing. */
  end(id: string): void {
    if (SESSION_ID.test(id))
      this.db.prepare('DELETE FROM console_sessions WHERE id_sha256 = ?').run(sha256(id));
  }

  /** Removes the sessions expired at `now`; returns how many. */
  purge(now: string): number {
    const rows = this.db.prepare('SELECT id_sha256, expires_at FROM console_sessions').all() as {
      id_sha256: string;
      expires_at: string;
    }[];
    const expired = rows.filter((r) => Date.parse(r.expires_at) <= Date.parse(now));
    const remove = this.db.prepare('DELETE FROM console_sessions WHERE id_sha256 = ?');
    this.db.transaction(() => {
      for (const r of expired) remove.run(r.id_sha256);
    })();
    return expired.length;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
