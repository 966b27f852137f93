/**
 * A close racing an append is before it or after it, never half: the close's lines are the month as
 * the views gave it at the position the close records, and an append after that position, if it
 * changes the month, is owed as an adjustment.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { closeMonth } from '../../src/billing/close';
import { Ledger } from '../../src/ledger/ledger';
import { billedMonthFromViews } from '../../src/read';
import { MemoryEventStore } from '../../src/store';
import type { EventStore } from '../../src/store/port';
import { ViewFollower } from '../../src/views/follower';
import { ViewsDb } from '../../src/views/views-db';
import { billingLedger, closeCommand, smallNetwork, testKey } from '../support/billing';
import { cmd } from '../support/commands';
import { sqliteLedger } from '../support/ledger';

/** A configuration job of October (10,000 yen: one device, outside business hours; Annex 1 §3(3)). */
const lateJob = (jobId: string) => [
  cmd('InstructConfigurationChange', {
    contractId: 'c-br',
    jobId,
    instructedBy: 'acme',
    instructedAt: '2025-10-20T09:00:00+09:00',
    description: 'late',
  }),
  cmd('PerformConfigurationChange', {
    contractId: 'c-br',
    jobId,
    startedAt: '2025-10-21T20:30:00+09:00',
    itemIds: ['dev-c-br'],
  }),
];

describe('a close racing an append', () => {
  it('the views a close reads are read afresh: a close written through other views (another writer) is seen', async () => {
    const b = billingLedger();
    await b.run(...smallNetwork());
    // The projector's views moved by the appends, and another set on the same database, as another process has.
    const other = new ViewsDb(b.store.db);
    for (const month of ['2025-07', '2025-08', '2025-09']) {
      const r = await closeMonth(closeCommand(month), {
        store: b.store,
        views: other,
        clock: () => '2025-11-01T09:00:00+09:00',
        key: testKey(),
      });
      expect(r).toMatchObject({ status: 'accepted', close: { month } });
    }
    expect(b.views.closes.lastClosedMonth()).toBe('2025-09');
    await b.store.close();
  });

  it('SQLite: no writer can start while the close decides; the append then lands after it, as an adjustment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'close-race-'));
    try {
      const path = join(dir, 'ledger.db');
      const b = billingLedger('2025-07-01T00:00:00Z', path);
      await b.run(...smallNetwork());
      for (const m of ['2025-07', '2025-08', '2025-09']) await b.close(m, '2025-11-01T09:00:00+09:00');
      // Another process's connection to the same file, waiting for nobody.
      const other = new Database(path, { timeout: 0 });
      let tried: unknown = null;
      const r = await closeMonth(closeCommand('2025-10'), {
        store: b.store,
        views: b.views,
        viewsInline: true,
        // The clock is read inside the close's transaction: try to start a write right there.
        clock: () => {
          try {
            other.prepare('BEGIN IMMEDIATE').run();
            other.prepare('ROLLBACK').run();
          } catch (error) {
            tried = error;
          }
          return '2025-11-01T09:00:00+09:00';
        },
        key: testKey(),
      });
      expect(tried).toMatchObject({ code: 'SQLITE_BUSY' });
      expect(r.status).toBe('accepted');
      other.close();
      // The racer, from its own connection, lands after the close.
      const { store: second } = sqliteLedger(path);
      const ledger = new Ledger({ store: second, clock: () => '2025-11-02T00:00:00Z' });
      for (const c of lateJob('job-race')) expect((await ledger.execute(c)).status).toBe('accepted');
      await second.close();
      const close = b.views.closes.close('2025-10')!;
      // The close reflects the log up to the event before it: 7 network events, 3 closes.
      expect(close.seal.position).toEqual({ commit: '10', prepare: '10' });
      expect(billedMonthFromViews(b.views, '2025-10').charges.total).toBe(48_000);
      expect(
        billedMonthFromViews(b.views, '2025-11')
          .charges.lines.filter((l) => l.kind === 'adjustment')
          .map((l) => [l.id, l.amount]),
      ).toEqual([['c-br:2025-11:adjustment:2025-10:config-change:job-race', 10_000]]);
      await b.store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('any store, views in a follower file: an append between the views read and the close event is after the close', async () => {
    const memory = new MemoryEventStore();
    const ledger = new Ledger({ store: memory, clock: () => '2025-11-02T00:00:00Z' });
    for (const c of smallNetwork()) expect((await ledger.execute(c)).status).toBe('accepted');
    const follower = new ViewFollower(memory, new Database(':memory:'));
    // The racer's job is appended just before the close's own append, after the views were read.
    let raced = false;
    const racing: EventStore = new Proxy(memory, {
      get(target, prop, receiver) {
        if (prop !== 'appendToStream') return Reflect.get(target, prop, receiver);
        return async (...args: Parameters<EventStore['appendToStream']>) => {
          if (args[0] === 'billing-2025-10' && !raced) {
            raced = true;
            for (const c of lateJob('job-race')) expect((await ledger.execute(c)).status).toBe('accepted');
          }
          return target.appendToStream(...args);
        };
      },
    });
    const close = async (month: string) => {
      await follower.catchUp();
      const r = await closeMonth(closeCommand(month), {
        store: racing,
        views: follower.views,
        clock: () => '2025-11-01T09:00:00+09:00',
        key: testKey(),
      });
      expect(r.status).toBe('accepted');
      return r;
    };
    for (const m of ['2025-07', '2025-08', '2025-09']) await close(m);
    const october = await close('2025-10');
    expect(raced).toBe(true);
    if (october.status !== 'accepted') throw new Error('refused');
    // The close reflects position 10 (the views' checkpoint when read); the racer is 11 and 12, the close 13.
    expect(october.close.seal.position).toEqual({ commit: '10', prepare: '10' });
    expect(october.position).toEqual({ commit: 13n, prepare: 13n });
    expect(october.close.total).toBe(48_000);
    await follower.catchUp();
    expect(billedMonthFromViews(follower.views, '2025-10').charges.total).toBe(48_000);
    expect(
      billedMonthFromViews(follower.views, '2025-11')
        .charges.lines.filter((l) => l.kind === 'adjustment')
        .map((l) => [l.id, l.amount]),
    ).toEqual([['c-br:2025-11:adjustment:2025-10:config-change:job-race', 10_000]]);
    follower.views.db.close();
  });
});
