/**
 * The projections: the fold of a stream's events into facts, and pure queries over facts. Nothing
 * here does I/O; the views (src/views) keep what the queries need in tables, and fold one
 * contract's stream where the answer is about one contract.
 */

export * from './adjustments';
export * from './as-of';
export * from './charge-data';
export * from './charges';
export * from './contract-state';
export * from './differences';
export * from './explain';
export * from './facts';
export * from './minimum-terms';
export * from './reductions';
export * from './return-deadlines';
export * from './service-periods';
export * from './timeline';
