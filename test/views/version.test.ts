/**
 * VIEWS_VERSION must change whenever what the projections derive changes: views of another version
 * are rebuilt by the next writer, but views of the SAME version are trusted as they are. This test
 * builds the views of the demo history (its months closed, then a late fact that owes an
 * adjustment) and compares their digest with the one recorded for the current version: when a
 * change to the projections changes the views, it fails until the version is bumped
 * (src/views/schema.ts) and the new digest is recorded below.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { closeMonth } from '../../src/billing/close';
import { steppingClock } from '../../src/ledger/clock';
import { Ledger } from '../../src/ledger/ledger';
import { SqliteEventStore } from '../../src/store';
import { buildViewsInto, viewDigests } from '../../src/views/replay';
import { VIEWS_VERSION } from '../../src/views/schema';
import { attachInlineViews } from '../../src/views/sqlite-inline';
import { ViewsDb } from '../../src/views/views-db';
import { closeCommand, testKey } from '../support/billing';
import { cmd } from '../support/commands';

/** The digest of the demo history's views, per views version. */
const DEMO_VIEWS_DIGEST: Readonly<Record<number, string>> = {
  1: 'a449759969c8f346a01de18fb4f5f7ca6d06fa6637ab2297135fb3cca4adb182',
  2: '3dd9f3d80bfd41f4a6fcd393c9bd28615c42238f5f9ef8c22c4a0b41197d4da2',
  3: '7813fc9cf96e3391aacb5af951b99e40f0afa745bc4b0bee1563e529d9d7f07a',
};

it(`the demo's views match the digest recorded for views version ${VIEWS_VERSION}`, async () => {
  const store = new SqliteEventStore({ path: ':memory:' });
  const { views } = attachInlineViews(store);
  const ledger = new Ledger({ store, clock: steppingClock('2026-01-01T00:00:00Z') });
  const lines = readFileSync(join(__dirname, '..', '..', 'examples', 'demo.jsonl'), 'utf8').split('\n');
  for (const line of lines) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    expect((await ledger.execute(JSON.parse(line))).status).toBe('accepted');
  }
  for (const month of [
    '2025-03',
    '2025-04',
    '2025-05',
    '2025-06',
    '2025-07',
    '2025-08',
    '2025-09',
    '2025-10',
  ]) {
    const r = await closeMonth(closeCommand(month), {
      store,
      views,
      clock: () => '2026-02-01T00:00:00Z',
      key: testKey(),
    });
    expect(r.status).toBe('accepted');
  }
  // A configuration job of October, recorded after October was closed: an adjustment is owed.
  for (const late of [
    cmd('InstructConfigurationChange', {
      contractId: 'c-nagoya',
      jobId: 'job-late',
      instructedBy: 'acme',
      instructedAt: '2025-10-20T09:00:00+09:00',
      description: 'late',
    }),
    cmd('PerformConfigurationChange', {
      contractId: 'c-nagoya',
      jobId: 'job-late',
      startedAt: '2025-10-21T10:00:00+09:00',
      itemIds: ['dev-nagoya-2'],
    }),
  ])
    expect((await ledger.execute(late)).status).toBe('accepted');
  expect(views.billing.pending()).toHaveLength(1);
  const db = new Database(':memory:');
  await buildViewsInto(store, db);
  const digest = createHash('sha256')
    .update(JSON.stringify(viewDigests(new ViewsDb(db))))
    .digest('hex');
  db.close();
  await store.close();
  expect({ version: VIEWS_VERSION, digest }).toEqual({
    version: VIEWS_VERSION,
    digest: DEMO_VIEWS_DIGEST[VIEWS_VERSION],
  });
});
