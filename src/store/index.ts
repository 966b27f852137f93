export * from './errors';
export { DEFAULT_ESDB_CONNECTION_STRING, EsdbEventStore, type EsdbStoreOptions } from './esdb';
export { MemoryEventStore } from './memory';
export * from './port';
export {
  MIGRATIONS,
  openSqliteStore,
  SCHEMA_VERSION,
  SqliteEventStore,
  type SqliteStoreOptions,
} from './sqlite';
