/**
 * The views of an SQLite ledger, kept in the ledger file and moved by every append in the append's
 * own transaction: after every command of random histories they equal views built afresh from the
 * log, and they answer every question as the whole-log fold (the old read path) does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { steppingClock } from '../../src/ledger/clock';
import { Ledger } from '../../src/ledger/ledger';
import { Reader } from '../../src/read';
import { openSqliteStore } from '../../src/store/sqlite';
import { viewDigests } from '../../src/views/replay';
import { VIEWS_VERSION } from '../../src/views/schema';
import { ViewsDb } from '../../src/views/views-db';
import { acceptApplication, acceptChild, registerNetwork, run, startBilling } from '../support/commands';
import { sqliteLedger } from '../support/ledger';
import { expectSameAnswers, rebuiltDigests } from './oracle';
import { historyCommands, stepArb } from './random-history';

const openLedger = (path = ':memory:') => {
  const { store, views, rebuilt } = sqliteLedger(path);
  const ledger = new Ledger({ store, clock: steppingClock('2026-01-01T00:00:00Z', 60_000) });
  return { store, views, rebuilt, ledger, model: new Reader({ store, views }) };
};

const tempLedgerPath = () => join(mkdtempSync(join(tmpdir(), 'views-inline-')), 'ledger.db');

describe("inline views (SQLite): exactly the views a rebuild gives, and the old fold's answers", () => {
  it('after every accepted command of random histories', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 5, maxLength: 22 }), async (steps) => {
        const { store, views, ledger, model } = openLedger();
        try {
          for (const command of historyCommands(steps)) {
            const r = await ledger.execute(command);
            if (r.status !== 'accepted') continue;
            accepted++;
            expect(views.state()).toMatchObject({ version: VIEWS_VERSION, stale: null });
            expect(viewDigests(views)).toEqual(await rebuiltDigests(store));
          }
          await expectSameAnswers(model);
        } finally {
          await store.close();
        }
      }),
      { numRuns: 25, seed: 20251129 },
    );
    // The histories must exercise the views, not only be rejected.
    expect(accepted).toBeGreaterThan(180);
  }, 120_000);

  it("a read right after an append sees it: the views move in the append's transaction", async () => {
    const { store, ledger, model } = openLedger();
    await run(ledger, registerNetwork(), acceptApplication(), acceptChild());
    expect((await model.month('2025-05')).billed.charges.lines).toEqual([]);
    const r = await ledger.execute(startBilling({ billingStartOn: '2025-04-15' }));
    expect(r.status).toBe('accepted');
    const may = await model.month('2025-05');
    expect(may.billed.charges.lines.map((l) => [l.id, l.amount])).toEqual([
      ['c-parent:2025-05:monthly-basic', 12_345],
    ]);
    expect(may.provenance).toMatchObject({
      source: 'views',
      position: r.status === 'accepted' ? r.position : null,
    });
    // A month no event touches is billed from the fee segments.
    const far = await model.month('2031-02');
    expect(far.billed.charges.lines.map((l) => [l.id, l.amount])).toEqual([
      ['c-parent:2031-02:monthly-basic', 12_345],
    ]);
    await store.close();
  });

  it('a failing view update never refuses the command: the views turn stale and reads answer from the log', async () => {
    const path = tempLedgerPath();
    const { store, views, ledger, model } = openLedger(path);
    await run(ledger, registerNetwork(), acceptApplication(), acceptChild());
    // A broken view table stands in for a bug in a projection.
    store.db.exec('DROP TABLE view_fee_segments');
    const r = await ledger.execute(startBilling({ billingStartOn: '2025-04-15' }));
    expect(r.status).toBe('accepted');
    expect(views.state()!.stale).toMatch(/^applying contract-c-parent@1 failed: /);
    const may = await model.month('2025-05');
    expect(may.provenance).toMatchObject({ source: 'log', viewsProblem: { code: 'views-stale' } });
    expect(may.billed.charges.lines.map((l) => l.amount)).toEqual([12_345]);
    await store.close();
    // The next writer rebuilds them.
    const again = openLedger(path);
    expect(again.rebuilt).toMatchObject({ events: 6, reason: { code: 'views-stale' } });
    expect(viewDigests(again.views)).toEqual(await rebuiltDigests(again.store));
    expect((await again.model.month('2025-05')).provenance.source).toBe('views');
    await again.store.close();
  });

  it('two writers on one file keep one set of views: a stream moved on by the other is folded again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'views-two-writers-'));
    const path = join(dir, 'ledger.db');
    const open = () => {
      const { store } = sqliteLedger(path);
      return { store, ledger: new Ledger({ store, clock: steppingClock('2026-01-01T00:00:00Z') }) };
    };
    const a = open();
    const b = open();
    const commands = historyCommands(
      fc.sample(fc.array(stepArb, { minLength: 30, maxLength: 30 }), { numRuns: 1, seed: 7 })[0]!,
      'two',
    );
    let accepted = 0;
    for (const [i, command] of commands.entries()) {
      // Alternate writers: each sees the other's appends to the same streams.
      const r = await (i % 2 === 0 ? a : b).ledger.execute(command);
      if (r.status === 'accepted') accepted++;
    }
    expect(accepted).toBeGreaterThan(10);
    expect(viewDigests(new ViewsDb(a.store.db))).toEqual(await rebuiltDigests(a.store));
    await expectSameAnswers(new Reader({ store: b.store, views: new ViewsDb(b.store.db) }));
    await a.store.close();
    await b.store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('views of another version are rebuilt by the next writer, and catch up events written without them', async () => {
    const path = tempLedgerPath();
    const clock = steppingClock('2026-01-01T00:00:00Z');
    /** A writer of a program without views: the store opened with nothing registered. */
    const withoutViews = async (...commands: Parameters<typeof run>[1][]) => {
      const store = openSqliteStore({ path });
      await run(new Ledger({ store, clock }), ...commands);
      await store.close();
    };
    await withoutViews(registerNetwork(), acceptApplication(), acceptChild());
    const first = sqliteLedger(path);
    expect(first.rebuilt).toMatchObject({ events: 5, reason: { code: 'views-not-built' } });
    await first.store.close();
    await withoutViews(startBilling());
    const older = openSqliteStore({ path });
    older.db.prepare('UPDATE view_state SET version = version - 1').run();
    await older.close();
    const second = sqliteLedger(path);
    expect(second.rebuilt?.reason).toEqual({
      code: 'views-other-version',
      version: VIEWS_VERSION - 1,
      expected: VIEWS_VERSION,
    });
    expect(viewDigests(second.views)).toEqual(await rebuiltDigests(second.store));
    await second.store.close();
    // Events written without the views are applied before the next append's.
    await withoutViews(startBilling({ contractId: 'c-child', billingStartOn: '2025-04-02' }));
    const third = sqliteLedger(path);
    expect(third.rebuilt).toBeNull();
    await run(
      new Ledger({ store: third.store, clock }),
      acceptChild({ contractId: 'c-child-2', deviceItemIds: ['d-2'], lanSubnets: ['192.168.30.0/24'] }),
    );
    expect(viewDigests(third.views)).toEqual(await rebuiltDigests(third.store));
    await third.store.close();
  });
});
