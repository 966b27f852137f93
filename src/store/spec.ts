/**
 * Naming an event store (`--store`, env VPN_LEDGER_STORE; `serve` and the bench name it the same way):
 *   sqlite:PATH        an SQLite file (created on first write); the default is sqlite:./ledger.db
 *   :memory:           an in-process memory store (empty at every start; for demos and benches)
 *   esdb://...         EventStoreDB, e.g. esdb://localhost:2113?tls=false (also esdb+discover://)
 * Parsing only: open.ts opens the store a spec names.
 */

export const DEFAULT_STORE_SPEC = 'sqlite:./ledger.db';
export const STORE_ENV = 'VPN_LEDGER_STORE';

export type StoreSpec =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'memory' }
  | { readonly kind: 'esdb'; readonly connectionString: string };

/** A store spec that cannot be understood (or a store it names that cannot be opened); the CLI reports it as a usage error. */
export class StoreSpecError extends Error {
  constructor(
    message: string,
    /** What is wrong with `spec`, for the edges to word it: no file, no host, or no store at all. */
    readonly problem: 'no-file' | 'no-host' | 'unknown' | null = null,
    readonly spec: string | null = null,
  ) {
    super(message);
    this.name = 'StoreSpecError';
  }
}

export const parseStoreSpec = (spec: string): StoreSpec => {
  const s = spec.trim();
  if (s === ':memory:' || s === 'memory:' || s === 'memory') return { kind: 'memory' };
  if (s.startsWith('sqlite:')) {
    const path = s.slice('sqlite:'.length);
    if (path === '')
      throw new StoreSpecError(
        `Store "${spec}" names no file: use sqlite:PATH, e.g. sqlite:./ledger.db.`,
        'no-file',
        spec,
      );
    return { kind: 'sqlite', path };
  }
  if (/^esdb(\+discover)?:\/\//.test(s)) {
    // The client accepts "esdb://:2113"; a store without a host is a usage error here.
    if (!/^esdb(\+discover)?:\/\/([^@/?]*@)?[^:,/?@]/.test(s)) {
      throw new StoreSpecError(
        `Store "${spec}" names no EventStoreDB host: use esdb://HOST:PORT?tls=false, e.g. esdb://localhost:2113?tls=false.`,
        'no-host',
        spec,
      );
    }
    return { kind: 'esdb', connectionString: s };
  }
  throw new StoreSpecError(
    `Unknown store "${spec}": use sqlite:PATH, :memory: or esdb://HOST:PORT?tls=false (default ${DEFAULT_STORE_SPEC}).`,
    'unknown',
    spec,
  );
};

/** The spec in force: the option, else $VPN_LEDGER_STORE, else the default. */
export const resolveStoreSpec = (option: string | undefined, env: NodeJS.ProcessEnv = process.env): string =>
  option ?? env[STORE_ENV] ?? DEFAULT_STORE_SPEC;
