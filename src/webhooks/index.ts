export * from './announcer';
export * from './deliverer';
export * from './inline';
export * from './payload';
export * from './signature';
export * from './store';
