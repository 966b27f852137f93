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
import { buildViewsInto, viewDigests } from '../../src/views/replay';
import { VIEWS_VERSION } from '../../src/views/schema';
import { ViewsDb } from '../../src/views/views-db';
import { demoClosedWithLateJob } from '../support/billing';

/** The digest of the demo history's views, per views version. */
const DEMO_VIEWS_DIGEST: Readonly<Record<number, string>> = {
  1: 'a449759969c8f346a01de18fb4f5f7ca6d06fa6637ab2297135fb3cca4adb182',
  2: '3dd9f3d80bfd41f4a6fcd393c9bd28615c42238f5f9ef8c22c4a0b41197d4da2',
  3: '23ae63cc9c6379b04ca50f1c486a19094d6e6fffbb739195f3b0880b8e450bfa',
  4: '243506f985b943191e7181b1c277b6f260ca1f18d8e2b476a85a411f8b13e4a9',
  5: '5af1125a0480de5521c271505939288a0e37a5c948be3bf1f287f2248099ce46',
  6: '4f23269e0665ea2c9e8e4580f2763d2a8d5a01adbfd5629db7cc2f6232fd107d',
};

it(`the demo's views match the digest recorded for views version ${VIEWS_VERSION}`, async () => {
  // Months closed through October, then a configuration job of October recorded late.
  const { store, views } = await demoClosedWithLateJob(':memory:');
  expect(views.closes.pending()).toHaveLength(1);
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
