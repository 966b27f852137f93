export * from './errors';
export * from './port';
export { MemoryEventStore } from './memory';
export { SqliteEventStore, openSqliteStore, type SqliteStoreOptions, SCHEMA_VERSION, MIGRATIONS } from './sqlite';
