/**
 * `verify`'s part on the views: they are a cache of the log, so they are worked out again from the
 * log (up to the position they reflect) and compared with the stored ones, table by table, row by
 * row. A row a hand edit changed, added or deleted is named by its table and key; so are the closes
 * and seals the views list but the log no longer holds.
 */
import type { EventStore } from '../store/port';
import { compareViews, type ViewDifference, viewsFromLog } from '../views/compare';
import type { ReplayProgress } from '../views/replay';
import { type ViewsDb, type ViewsProblem, viewsProblem } from '../views/views-db';
import type { BreakReason } from './break-reasons';

export type ViewRowProblem = 'view-row-differs' | 'view-row-missing' | 'view-row-extra';

export interface ViewsReport {
  /**
   * False when the views were not compared: the log itself is broken (`logBroken`), or the views
   * cannot answer (none built yet, another version, stale: `problem`).
   */
  readonly checked: boolean;
  readonly logBroken: boolean;
  readonly problem: ViewsProblem | null;
  /** Rows compared, stored and derived. */
  readonly rows: number;
  /** Rows that differ, in all. */
  readonly differing: number;
  readonly breaks: readonly ViewBreak[];
}

/** A view's row that differs from the log, as `verify` lists it. */
export interface ViewBreak {
  readonly streamId: null;
  readonly revision: null;
  /** The position the views reflect. */
  readonly globalPosition: bigint;
  readonly problem: ViewRowProblem;
  readonly reason: BreakReason;
  readonly table: string;
  readonly key: Readonly<Record<string, unknown>>;
}

const PROBLEM: Readonly<Record<ViewDifference['kind'], ViewRowProblem>> = {
  differs: 'view-row-differs',
  missing: 'view-row-missing',
  extra: 'view-row-extra',
};

const keyText = (key: Readonly<Record<string, unknown>>) =>
  Object.entries(key)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');

const reason = (d: ViewDifference): BreakReason => ({
  code: PROBLEM[d.kind],
  table: d.table,
  key: keyText(d.key),
  columns: d.columns.join(', '),
});

export async function checkViews(
  store: EventStore,
  views: ViewsDb,
  options: { onProgress?: (progress: ReplayProgress) => void; limit?: number } = {},
): Promise<ViewsReport> {
  const state = views.state();
  const problem = views.exists() ? viewsProblem(state) : null;
  if (state === null || problem !== null)
    return {
      checked: false,
      logBroken: false,
      problem: problem ?? { code: 'views-not-built' },
      rows: 0,
      differing: 0,
      breaks: [],
    };
  const truth = await viewsFromLog(store, {
    upTo: state.position,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  try {
    const compared = compareViews(views, truth, { limit: options.limit ?? 50 });
    const at = state.position?.commit ?? 0n;
    return {
      checked: true,
      logBroken: false,
      problem: null,
      rows: compared.rows,
      differing: compared.count,
      breaks: compared.differences.map((d) => ({
        streamId: null,
        revision: null,
        globalPosition: at,
        problem: PROBLEM[d.kind],
        reason: reason(d),
        table: d.table,
        key: d.key,
      })),
    };
  } finally {
    truth.db.close();
  }
}

/** The views not compared: the log they would be worked out from is broken. */
export const logBrokenReport: ViewsReport = {
  checked: false,
  logBroken: true,
  problem: null,
  rows: 0,
  differing: 0,
  breaks: [],
};
