/**
 * The seals read model (view_seals): every seal in the log, a close's and those made on demand;
 * the next seal's running digest starts from the latest.
 */
import type Database from 'better-sqlite3';
import type { SealFact } from '../../projections';
import { ViewModel, type ViewTable } from './table';

/** A seal in the log: where the next seal's digest may start from. */
export interface SealRow {
  readonly event_id: string;
  readonly events: number;
  readonly commit_pos: string | null;
  readonly prepare_pos: string | null;
  readonly digest: string;
}

/** The latest seal in the log: where the next seal's running digest starts. */
export interface SealBase {
  readonly events: number;
  readonly position: { readonly commit: bigint; readonly prepare: bigint } | null;
  readonly digest: string;
}

export interface SealRows {
  readonly seals: readonly SealRow[];
}

export const SEAL_TABLES: readonly ViewTable[] = [
  {
    name: 'view_seals',
    key: ['event_id'],
    ddl: `-- Seals in the log (closes' and on-demand): the next seal's digest starts from the latest.
  CREATE TABLE IF NOT EXISTS view_seals (
    event_id    TEXT PRIMARY KEY,
    events      INTEGER NOT NULL,
    commit_pos  TEXT,
    prepare_pos TEXT,
    digest      TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS view_seals_by_events ON view_seals (events);`,
  },
];

export const sealRow = (f: SealFact): SealRow => ({
  event_id: f.src.eventId,
  events: f.seal.events,
  commit_pos: f.seal.position?.commit ?? null,
  prepare_pos: f.seal.position?.prepare ?? null,
  digest: f.seal.digest,
});

export const sealRows = (seals: readonly SealFact[]): SealRows => ({ seals: seals.map(sealRow) });

const statementsOfSeals = (db: Database.Database) => {
  return {
    put: db.prepare<[SealRow]>(
      `INSERT OR REPLACE INTO view_seals (event_id, events, commit_pos, prepare_pos, digest)
       VALUES (@event_id, @events, @commit_pos, @prepare_pos, @digest)`,
    ),
    latest: db.prepare<[], SealRow>('SELECT * FROM view_seals ORDER BY events DESC, event_id LIMIT 1'),
  };
};

export class SealsView extends ViewModel<ReturnType<typeof statementsOfSeals>> {
  constructor(db: Database.Database) {
    super(db, statementsOfSeals);
  }

  insert(rows: readonly SealRow[]): void {
    for (const r of rows) this.s().put.run(r);
  }

  latest(): SealBase | null {
    const r = this.s().latest.get();
    if (!r) return null;
    return {
      events: r.events,
      position:
        r.commit_pos === null
          ? null
          : { commit: BigInt(r.commit_pos), prepare: BigInt(r.prepare_pos ?? r.commit_pos) },
      digest: r.digest,
    };
  }
}
