/** What every subcommand needs: the store it names, opened and closed around its work. */
import { EventDecodeError } from '../events';
import { describeStore } from '../render/store';
import { CorruptEventError, NotALedgerError, StoreError } from '../store/errors';
import { type OpenStoreOptions, openStore } from '../store/open';
import type { EventStore } from '../store/port';
import { parseStoreSpec, resolveStoreSpec, type StoreSpec, StoreSpecError } from '../store/spec';
import { failure, usageError } from './errors';
import type { Io } from './io';

export interface OpenedStore {
  readonly store: EventStore;
  /** "SQLite file ./ledger.db", for messages. */
  readonly description: string;
  /** The store named, for messages in another language (describeStore). */
  readonly spec: StoreSpec;
}

/**
 * Opens the store named by `--store` (or VPN_LEDGER_STORE, or the default), runs `fn`, and closes
 * the store whatever happens. Store problems become one-line CLI errors.
 */
export const withStore = async <T>(
  io: Io,
  storeOption: string | undefined,
  options: OpenStoreOptions,
  fn: (opened: OpenedStore) => Promise<T>,
): Promise<T> => {
  const spec = resolveStoreSpec(storeOption, io.env);
  let store: EventStore;
  let description: string;
  let parsed: StoreSpec;
  try {
    parsed = parseStoreSpec(spec);
    description = describeStore(parsed);
    store = await openStore(parsed, options);
  } catch (error) {
    if (error instanceof StoreSpecError || error instanceof NotALedgerError) throw usageError(error.message);
    if (error instanceof StoreError) throw failure(error.message);
    throw error;
  }
  try {
    return await fn({ store, description, spec: parsed });
  } catch (error) {
    if (error instanceof CorruptEventError || error instanceof EventDecodeError) {
      throw failure(
        `${description}: ${error.message.replace(/\.?$/, '.')} Run \`vpn-ledger verify\` to check the whole log.`,
      );
    }
    if (error instanceof StoreError) throw failure(`${description}: ${error.message}`);
    throw error;
  } finally {
    await store.close().catch(() => undefined);
  }
};
