/**
 * The views: the read models' tables in one SQLite database (the ledger file itself, or a views
 * file beside an EventStoreDB), each read model with its own writes and queries (src/views/models),
 * and the bookkeeping that says which position of the log they reflect.
 */
import type Database from 'better-sqlite3';
import type { Position } from '../store/port';
import { ChargesView } from './models/charges';
import { Checkpoint, type ViewsState } from './models/checkpoint';
import { ClosesView } from './models/closes';
import { ContractsView } from './models/contracts';
import { DeadlinesView } from './models/deadlines';
import { SealsView } from './models/seals';
import type { TableRow } from './models/table';
import { TABLES, VIEWS_DDL } from './schema';

export { type ViewsProblem, type ViewsState, viewsProblem } from './models/checkpoint';

export class ViewsDb {
  readonly checkpoint: Checkpoint;
  readonly contracts: ContractsView;
  readonly charges: ChargesView;
  readonly deadlines: DeadlinesView;
  readonly closes: ClosesView;
  readonly seals: SealsView;

  constructor(readonly db: Database.Database) {
    this.checkpoint = new Checkpoint(db);
    this.contracts = new ContractsView(db);
    this.charges = new ChargesView(db);
    this.deadlines = new DeadlinesView(db);
    this.closes = new ClosesView(db, this.charges);
    this.seals = new SealsView(db);
  }

  /** True when the views' tables exist in this database. */
  exists(): boolean {
    return this.checkpoint.exists();
  }

  state(): ViewsState | null {
    return this.checkpoint.state();
  }

  /** Drops every view table and creates them empty, at this program's version. In the caller's transaction. */
  reset(builtAt: string): void {
    for (const t of TABLES) this.db.exec(`DROP TABLE IF EXISTS ${t.name}`);
    this.db.exec(VIEWS_DDL);
    this.checkpoint.start(builtAt);
    // Statements prepared on the dropped tables are of no use now.
    for (const model of [this.contracts, this.charges, this.deadlines, this.closes, this.seals])
      model.forgetStatements();
  }

  setCheckpoint(position: Position, events: number): void {
    this.checkpoint.move(position, events);
  }

  markStale(reason: string): void {
    this.checkpoint.markStale(reason);
  }

  /** Every row of every view table (the bookkeeping left out) in key order, for digests and comparisons. */
  *dump(): Generator<{ table: string; row: TableRow }> {
    for (const t of TABLES) {
      if (t.name === 'view_state') continue;
      for (const row of this.db.prepare(`SELECT * FROM ${t.name} ORDER BY ${t.key.join(', ')}`).iterate())
        yield { table: t.name, row: row as TableRow };
    }
  }
}
