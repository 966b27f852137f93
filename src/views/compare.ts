/**
 * The views held against the log: the views worked out again from the log (into a scratch database,
 * by the same code that rebuilds them) and compared with the stored ones table by table, row by
 * row, in key order. What differs is named by table, key and columns, so that `verify` can say
 * which row of which view a hand edit (or a bug) changed, and a close can refuse to invoice it.
 */
import Database from 'better-sqlite3';
import type { EventStore, Position } from '../store/port';
import type { TableRow } from './models/table';
import { buildViewsInto, type ReplayProgress } from './replay';
import { TABLES } from './schema';
import { ViewsDb } from './views-db';

export interface ViewDifference {
  readonly table: string;
  /** The row's key columns and values. */
  readonly key: Readonly<Record<string, unknown>>;
  /** missing: the log derives the row, the views lack it; extra: the views hold a row the log does not derive. */
  readonly kind: 'missing' | 'extra' | 'differs';
  /** For `differs`: the columns whose values differ. */
  readonly columns: readonly string[];
}

export interface ViewsComparison {
  /** The first differences found (at most the limit asked for). */
  readonly differences: readonly ViewDifference[];
  /** Every difference, counted. */
  readonly count: number;
  /** Rows compared, stored and derived. */
  readonly rows: number;
}

/**
 * A scratch database for views worked out again: a temporary file, gone when it is closed. Nothing
 * in it needs to survive a crash, so it keeps no journal and never syncs.
 */
export const scratchViews = (): ViewsDb => {
  const db = new Database('');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  return new ViewsDb(db);
};

/** The views of `store`'s log up to `upTo` (its head when not given), worked out afresh into a scratch database. */
export async function viewsFromLog(
  store: EventStore,
  options: { upTo?: Position | null; onProgress?: (progress: ReplayProgress) => void } = {},
): Promise<ViewsDb> {
  const scratch = scratchViews();
  try {
    await buildViewsInto(store, scratch.db, {
      ...(options.upTo ? { upTo: options.upTo } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } catch (error) {
    scratch.db.close();
    throw error;
  }
  return scratch;
}

/** Keys compare as SQLite's ORDER BY does: numbers by value, text byte by byte in UTF-8. */
function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'bigint' || typeof b === 'bigint') return Number(BigInt(a as never) - BigInt(b as never));
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return Buffer.compare(Buffer.from(String(a), 'utf8'), Buffer.from(String(b), 'utf8'));
}

/**
 * Compares the stored views with `truth` (views worked out from the log), every table but the
 * bookkeeping, in one pass of each table in key order.
 */
export function compareViews(
  stored: ViewsDb,
  truth: ViewsDb,
  options: { limit?: number } = {},
): ViewsComparison {
  const limit = options.limit ?? 50;
  const differences: ViewDifference[] = [];
  let count = 0;
  let rows = 0;
  const note = (d: ViewDifference) => {
    count += 1;
    if (differences.length < limit) differences.push(d);
  };
  for (const table of TABLES) {
    if (table.name === 'view_state') continue;
    const sql = `SELECT * FROM ${table.name} ORDER BY ${table.key.join(', ')}`;
    const keyOf = (r: TableRow) => Object.fromEntries(table.key.map((k) => [k, r[k]]));
    const compareKeys = (a: TableRow, b: TableRow) => {
      for (const k of table.key) {
        const c = compareValues(a[k], b[k]);
        if (c !== 0) return c;
      }
      return 0;
    };
    const left = stored.db.prepare(sql).iterate() as IterableIterator<TableRow>;
    const right = truth.db.prepare(sql).iterate() as IterableIterator<TableRow>;
    let a = left.next();
    let b = right.next();
    while (!a.done || !b.done) {
      rows += 1;
      const c = a.done ? 1 : b.done ? -1 : compareKeys(a.value, b.value);
      if (c < 0) {
        note({ table: table.name, key: keyOf(a.value!), kind: 'extra', columns: [] });
        a = left.next();
      } else if (c > 0) {
        note({ table: table.name, key: keyOf(b.value!), kind: 'missing', columns: [] });
        b = right.next();
      } else {
        const x = a.value!;
        const y = b.value!;
        const columns = Object.keys(y).filter((k) => compareValues(x[k], y[k]) !== 0);
        if (columns.length > 0) note({ table: table.name, key: keyOf(y), kind: 'differs', columns });
        a = left.next();
        b = right.next();
      }
    }
  }
  return { differences, count, rows };
}
