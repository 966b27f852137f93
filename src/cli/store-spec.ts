/**
 * Naming an event store on the command line (`--store`, env VPN_LEDGER_STORE):
 *   sqlite:PATH        an SQLite file (created on first write); the default is sqlite:./ledger.db
 *   :memory:           an in-process memory store (empty at every start; for demos and benches)
 *   esdb://...         EventStoreDB, e.g. esdb://localhost:2113?tls=false (also esdb+discover://)
 * The EventStoreDB client is loaded only when an esdb store is asked for.
 */

import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Lang } from '../render/lang';
import { ui } from '../render/ui';
import { type EventStore, MemoryEventStore, SqliteEventStore } from '../store';
import type { SqliteSynchronous } from '../store/sqlite';

export const DEFAULT_STORE_SPEC = 'sqlite:./ledger.db';
export const STORE_ENV = 'VPN_LEDGER_STORE';

export type StoreSpec =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'memory' }
  | { readonly kind: 'esdb'; readonly connectionString: string };

/** A store spec that cannot be understood; the CLI reports it as a usage error. */
export class StoreSpecError extends Error {
  constructor(message: string) {
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
      throw new StoreSpecError(`Store "${spec}" names no file: use sqlite:PATH, e.g. sqlite:./ledger.db.`);
    return { kind: 'sqlite', path };
  }
  if (/^esdb(\+discover)?:\/\//.test(s)) {
    // The client accepts "esdb://:2113"; a store without a host is a usage error here.
    if (!/^esdb(\+discover)?:\/\/([^@/?]*@)?[^:,/?@]/.test(s)) {
      throw new StoreSpecError(
        `Store "${spec}" names no EventStoreDB host: use esdb://HOST:PORT?tls=false, e.g. esdb://localhost:2113?tls=false.`,
      );
    }
    return { kind: 'esdb', connectionString: s };
  }
  throw new StoreSpecError(
    `Unknown store "${spec}": use sqlite:PATH, :memory: or esdb://HOST:PORT?tls=false (default ${DEFAULT_STORE_SPEC}).`,
  );
};

/** The spec in force: the option, else $VPN_LEDGER_STORE, else the default. */
export const resolveStoreSpec = (option: string | undefined, env: NodeJS.ProcessEnv = process.env): string =>
  option ?? env[STORE_ENV] ?? DEFAULT_STORE_SPEC;

export const describeStore = (spec: StoreSpec, lang: Lang = 'en'): string => {
  switch (spec.kind) {
    case 'sqlite':
      return ui(lang, 'store.sqlite', { path: spec.path });
    case 'memory':
      return ui(lang, 'store.memory');
    case 'esdb':
      return ui(lang, 'store.esdb', { where: spec.connectionString.replace(/\/\/[^@/]*@/, '//***@') });
  }
};

export interface OpenStoreOptions {
  /**
   * Read commands: the ledger must exist, and an SQLite ledger is opened for reading only (nothing
   * in the file or its directory is ever written; a file that is not a ledger is refused).
   */
  readonly mustExist?: boolean;
  /** Maintenance of an existing ledger (rebuild, project): it must exist, and is opened to write. */
  readonly write?: boolean;
  readonly synchronous?: SqliteSynchronous;
}

/** Opens the store a spec names. Throws StoreSpecError for a bad or missing store. */
export const openStore = async (
  spec: string | StoreSpec,
  options: OpenStoreOptions = {},
): Promise<EventStore> => {
  const parsed = typeof spec === 'string' ? parseStoreSpec(spec) : spec;
  switch (parsed.kind) {
    case 'memory':
      return new MemoryEventStore();
    case 'sqlite': {
      const path = resolve(parsed.path);
      if (options.mustExist && !existsSync(path)) {
        throw new StoreSpecError(
          `No ledger at ${parsed.path}: apply some commands first, or name another store with --store or ${STORE_ENV}.`,
        );
      }
      if (!existsSync(dirname(path))) {
        throw new StoreSpecError(
          `Cannot create a ledger at ${parsed.path}: the directory ${dirname(path)} does not exist.`,
        );
      }
      if (existsSync(path) && statSync(path).isDirectory()) {
        throw new StoreSpecError(`${parsed.path} is a directory, not an SQLite ledger file.`);
      }
      return new SqliteEventStore({
        path,
        access: options.mustExist && !options.write ? 'read' : 'write',
        ...(options.synchronous ? { synchronous: options.synchronous } : {}),
      });
    }
    case 'esdb': {
      // Loaded lazily: the gRPC client is heavy and only esdb users need it.
      const { EsdbEventStore } = await import('../store/esdb');
      try {
        return new EsdbEventStore({ connectionString: parsed.connectionString });
      } catch (error) {
        throw new StoreSpecError((error as Error).message.split('\n')[0]!);
      }
    }
  }
};
