/**
 * The projections: one fold over the global log (the facts) and pure queries over it. Nothing
 * here does I/O; the runner (src/ledger/projection-runner.ts) feeds the fold and keeps its state.
 */
import { factsProjection } from './facts';
import type { Projection } from './projection';

export * from './as-of';
export * from './charges';
export * from './contract-state';
export * from './explain';
export * from './facts';
export * from './json';
export * from './minimum-terms';
export type { Projection } from './projection';
export * from './reductions';
export * from './return-deadlines';
export * from './service-periods';
export * from './timeline';

/** Every projection the runner keeps, by name. */
export const PROJECTIONS: readonly Projection<unknown>[] = [factsProjection];
