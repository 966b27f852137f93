/**
 * Honest progress (issue 23, point 5): a replay or a rebuild of the views reports how far it got
 * in events of the log, never more than its total, and its last report is the total, whatever the
 * log holds that no view reads (seals) and however it is cut into parts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { rebuildLocalViews } from '../../src/views/rebuild';
import { buildViewsInto, type ReplayProgress } from '../../src/views/replay';
import { demoClosedThroughOctober } from '../support/billing';

const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const expectHonest = (reports: readonly { events: number; total: number | null }[], total: number) => {
  expect(reports.length).toBeGreaterThan(0);
  for (const r of reports) {
    expect(r.total).toBe(total);
    expect(r.events).toBeLessThanOrEqual(total);
  }
  // Never backwards, and it ends at its total.
  for (let i = 1; i < reports.length; i++)
    expect(reports[i]!.events).toBeGreaterThanOrEqual(reports[i - 1]!.events);
  expect(reports.at(-1)!.events).toBe(total);
};

describe('progress of a replay and a rebuild', () => {
  it('given the demo closed and sealed through October, when its views are replayed and rebuilt in parts, then every report ends at the events of the log', async () => {
    const { store, views } = await demoClosedThroughOctober(join(dir, 'demo.db'), {
      recordedFrom: '2026-01-05T00:00:00Z',
      closedAt: '2026-01-06T00:00:00Z',
    });
    try {
      const head = await store.headPosition();
      const total = Number(head!.commit);
      // The log holds events no view reads (the closes' seals), counted in the total all the same.
      expect(total).toBeGreaterThan(60);

      const replayed: ReplayProgress[] = [];
      await buildViewsInto(store, new Database(''), { onProgress: (p) => replayed.push(p) });
      expectHonest(replayed, total);

      const rebuilt: { events: number; total: number }[] = [];
      rebuildLocalViews(store.local!, views, { partEvents: 10, onProgress: (p) => rebuilt.push(p) });
      expectHonest(rebuilt, total);
      // One report at least per part: the bar moves as the parts are read.
      expect(new Set(rebuilt.map((r) => r.events)).size).toBeGreaterThan(3);
    } finally {
      store.close();
    }
  });
});
