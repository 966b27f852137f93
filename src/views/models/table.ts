/**
 * A view table as its read model declares it: its DDL and its key (the order of its rows in dumps,
 * digests and comparisons with the log).
 */
export interface ViewTable {
  readonly name: string;
  readonly ddl: string;
  /** The columns of its primary key, in order. */
  readonly key: readonly string[];
}

import type Database from 'better-sqlite3';

/**
 * A read model's access to its tables: its statements, prepared once on first use (and again after
 * the tables were dropped and made anew by a rebuild).
 */
export abstract class ViewModel<S> {
  private statements: S | null = null;

  constructor(
    readonly db: Database.Database,
    private readonly prepare: (db: Database.Database) => S,
  ) {}

  protected s(): S {
    this.statements ??= this.prepare(this.db);
    return this.statements;
  }

  /** Forgets the prepared statements (the tables were dropped and made again). */
  forgetStatements(): void {
    this.statements = null;
  }
}

/** A row of a view table as SQLite returns it. */
export type TableRow = Record<string, unknown>;

const sameRow = (a: object, b: object): boolean => {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const k of Object.keys(x)) if (x[k] !== y[k]) return false;
  return true;
};

export { sameRow };

/** Upserts what changed between `prev` and `next` (keyed by `key`), deletes what went away. */
export function diffRows<R extends object>(
  prev: readonly R[],
  next: readonly R[],
  key: (r: R) => string,
  put: (r: R) => void,
  remove: (r: R) => void,
): void {
  // Most events leave most rows the very objects they were (remembered lines and series).
  if (prev.length === next.length && prev.every((r, i) => r === next[i])) return;
  const before = new Map(prev.map((r) => [key(r), r]));
  for (const r of next) {
    const k = key(r);
    const old = before.get(k);
    before.delete(k);
    if (!old || (old !== r && !sameRow(old, r))) put(r);
  }
  for (const r of before.values()) remove(r);
}
