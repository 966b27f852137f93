export * from './charges';
export * from './common';
export * from './contracts';
export * from './feed';
export * from './months';
export * from './runs';
