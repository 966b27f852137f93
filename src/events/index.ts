export * from './catalog';
export { ModelChangeTarget } from './contract';
export * from './envelope';
export * as Fields from './fields';
export { UnknownSchemaVersionError, UPCASTERS, upcast } from './upcasters';
