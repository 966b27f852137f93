/**
 * The views' bookkeeping (view_state): the version of the read models that built them, the global
 * position they reflect, and whether they stopped following the log.
 */
import type Database from 'better-sqlite3';
import type { Position } from '../../store/port';
import type { ViewsProblem } from '../../terms/rejections';
import type { ViewTable } from './table';

// 6: the reduction lines record the span their hours were counted over (policy
// reduction-hours-while-fee-owed), the configuration-change lines the units not billed, the
// settlement a term restarted after the notice, the terms cut short (issue 24); a close's ledger
// id and its id made from it, unique per ledger (issue 22).
// 5: the items owed back by one rule (src/terms/returns.ts): a replacement unit of a stopped option is
// owed back with the option's stop (issue 21).
// 4: the place of each invoiced line in its close (view_invoiced.seq), so that a closed month reads in
// the order its seal signed (issue 21).
// 3: closed months, the lines they invoiced, the adjustments owed, the seals (issue 12), with the
// termination notice and the search of contracts (issue 13).
export const VIEWS_VERSION = 6;

export interface ViewsState {
  readonly version: number;
  /** The last position the views reflect; null before any event. */
  readonly position: Position | null;
  readonly events: number;
  readonly stale: string | null;
  readonly builtAt: string;
}

export type { ViewsProblem };

/** Why the views cannot answer as they are, or null when they can. */
export const viewsProblem = (state: ViewsState | null): ViewsProblem | null => {
  if (state === null) return { code: 'views-not-built' };
  if (state.version !== VIEWS_VERSION)
    return { code: 'views-other-version', version: state.version, expected: VIEWS_VERSION };
  if (state.stale !== null) return { code: 'views-stale', detail: state.stale };
  return null;
};

export const CHECKPOINT_TABLE: ViewTable = {
  name: 'view_state',
  key: ['id'],
  ddl: `CREATE TABLE IF NOT EXISTS view_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    version     INTEGER NOT NULL,
    -- The global position the views reflect (decimal strings: EventStoreDB positions are 64-bit).
    commit_pos  TEXT,
    prepare_pos TEXT,
    events      INTEGER NOT NULL,
    -- Set when an inline update failed: the views stop following until they are rebuilt.
    stale       TEXT,
    built_at    TEXT NOT NULL
  );`,
};

interface StateRow {
  version: number;
  commit_pos: string | null;
  prepare_pos: string | null;
  events: number;
  stale: string | null;
  built_at: string;
}

export class Checkpoint {
  private stateStmt: Database.Statement<[], StateRow> | null = null;
  private writes: {
    checkpoint: Database.Statement<[string, string, number]>;
    stale: Database.Statement<[string]>;
  } | null = null;

  constructor(readonly db: Database.Database) {}

  /** True when the views' tables exist in this database. */
  exists(): boolean {
    return (
      this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'view_state'").get() !==
      undefined
    );
  }

  state(): ViewsState | null {
    let row: StateRow | undefined;
    try {
      this.stateStmt ??= this.db.prepare('SELECT * FROM view_state WHERE id = 1');
      row = this.stateStmt.get();
    } catch (error) {
      // No view tables (yet, or dropped by a rebuild in progress elsewhere). Told by the error
      // itself: asking sqlite_master again would read a later snapshot, where another process
      // may have created them meanwhile (six writers creating one new ledger, issue 26).
      this.stateStmt = null;
      if (/^no such table: view_state\b/.test((error as Error).message)) return null;
      throw error;
    }
    if (!row) return null;
    return {
      version: row.version,
      position:
        row.commit_pos === null
          ? null
          : { commit: BigInt(row.commit_pos), prepare: BigInt(row.prepare_pos ?? row.commit_pos) },
      events: row.events,
      stale: row.stale,
      builtAt: row.built_at,
    };
  }

  /** The bookkeeping of freshly created views, at this program's version. */
  start(builtAt: string): void {
    this.stateStmt = null;
    this.writes = null;
    this.db
      .prepare(
        'INSERT INTO view_state (id, version, commit_pos, prepare_pos, events, stale, built_at) VALUES (1, ?, NULL, NULL, 0, NULL, ?)',
      )
      .run(VIEWS_VERSION, builtAt);
  }

  move(position: Position, events: number): void {
    this.w().checkpoint.run(String(position.commit), String(position.prepare), events);
  }

  markStale(reason: string): void {
    this.w().stale.run(reason.slice(0, 2000));
  }

  private w() {
    this.writes ??= {
      checkpoint: this.db.prepare(
        'UPDATE view_state SET commit_pos = ?, prepare_pos = ?, events = events + ? WHERE id = 1',
      ),
      stale: this.db.prepare('UPDATE view_state SET stale = ? WHERE id = 1'),
    };
    return this.writes;
  }
}
