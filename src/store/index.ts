// The EventStoreDB adapter is deliberately not re-exported: `@eventstore/db-client` and gRPC take
// about 140 ms to load, and only an `esdb://` store needs them. Import it from './esdb' there.
export * from './errors';
export { MemoryEventStore } from './memory';
export * from './port';
export {
  MIGRATIONS,
  openSqliteStore,
  SCHEMA_VERSION,
  SqliteEventStore,
  type SqliteStoreOptions,
} from './sqlite';
