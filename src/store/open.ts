/**
 * Opening the store a spec names (spec.ts). The EventStoreDB client is loaded only when an esdb
 * store is asked for.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MemoryEventStore } from './memory';
import type { EventStore } from './port';
import { parseStoreSpec, STORE_ENV, type StoreSpec, StoreSpecError } from './spec';
import { SqliteEventStore, type SqliteSynchronous } from './sqlite';

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
      const { EsdbEventStore } = await import('./esdb');
      try {
        return new EsdbEventStore({ connectionString: parsed.connectionString });
      } catch (error) {
        throw new StoreSpecError((error as Error).message.split('\n')[0]!);
      }
    }
  }
};
