export * from './catalog';
export * from './dates';
export * from './duties';
export * from './editions';
export * from './fees';
export * from './money';
export * from './policies';
export * from './provider-catalog';
