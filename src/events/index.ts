export * from './catalog';
export * from './envelope';
export * as Fields from './fields';
export { ModelChangeTarget } from './contract';
export { UPCASTERS, upcast, UnknownSchemaVersionError } from './upcasters';
