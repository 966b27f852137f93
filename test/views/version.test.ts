/**
 * VIEWS_VERSION must change whenever what the projections derive changes: views of another version
 * are rebuilt by the next writer, but views of the SAME version are trusted as they are. This test
 * builds the views of the demo history (its months closed, then a late fact that owes an
 * adjustment) and compares their digest with the one recorded for the current version: when a
 * change to the projections changes the views, it fails until the version is bumped
 * (src/views/schema.ts) and the new digest is recorded below.
 */

import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../../src/store';
import { buildViewsInto, viewDigests } from '../../src/views/replay';
import { VIEWS_VERSION } from '../../src/views/schema';
import { ViewsDb } from '../../src/views/views-db';
import { demoClosedWithLateJob } from '../support/billing';

/** The digest of the demo history's views, per views version. */
const DEMO_VIEWS_DIGEST: Readonly<Record<number, string>> = {
  1: 'a449759969c8f346a01de18fb4f5f7ca6d06fa6637ab2297135fb3cca4adb182',
  2: '3dd9f3d80bfd41f4a6fcd393c9bd28615c42238f5f9ef8c22c4a0b41197d4da2',
  3: '7813fc9cf96e3391aacb5af951b99e40f0afa745bc4b0bee1563e529d9d7f07a',
  // The demo's log itself changed too: its events now record the term starts and the new units.
  4: '7c52b956eb182ea7c417415e9cf1ececfab3e546f0b3817a0da230e9625c32a7',
};

it(`the demo's views match the digest recorded for views version ${VIEWS_VERSION}`, async () => {
  const store = new SqliteEventStore({ path: ':memory:' });
  // Months closed through October, then a configuration job of October recorded late.
  const { views } = await demoClosedWithLateJob(store);
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
