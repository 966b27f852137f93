export * from './billing';
export * from './catalog';
export { ModelChangeTarget, ProhibitedAct, SetupDuty } from './contract';
export * from './envelope';
export * as Fields from './fields';
export * from './policies';
export * from './streams';
export { UnknownSchemaVersionError, UPCASTERS, upcast } from './upcasters';
