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
import { SqliteEventStore } from '../../src/store';
import { ReadModel } from '../../src/views/read-model';
import { viewDigests } from '../../src/views/replay';
import { VIEWS_VERSION } from '../../src/views/schema';
import { attachInlineViews } from '../../src/views/sqlite-inline';
import { ViewsDb } from '../../src/views/views-db';
import { acceptApplication, acceptChild, registerNetwork, run, startBilling } from '../support/commands';
import { expectSameAnswers, rebuiltDigests } from './oracle';
import { historyCommands, stepArb } from './random-history';

const openLedger = () => {
  const store = new SqliteEventStore({ path: ':memory:' });
  const inline = attachInlineViews(store);
  const ledger = new Ledger({ store, clock: steppingClock('2026-01-01T00:00:00Z', 60_000) });
  return { store, views: inline.views, ledger, model: new ReadModel(store, inline.views) };
};

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
    expect((await model.monthCharges('2025-05')).charges.lines).toEqual([]);
    const r = await ledger.execute(startBilling({ billingStartOn: '2025-04-15' }));
    expect(r.status).toBe('accepted');
    const may = await model.monthCharges('2025-05');
    expect(may.charges.lines.map((l) => [l.id, l.amount])).toEqual([
      ['c-parent:2025-05:monthly-basic', 12_345],
    ]);
    expect(may.provenance).toMatchObject({
      source: 'views',
      position: r.status === 'accepted' ? r.position : null,
    });
    // A month no event touches is billed from the fee segments.
    const far = await model.monthCharges('2031-02');
    expect(far.charges.lines.map((l) => [l.id, l.amount])).toEqual([
      ['c-parent:2031-02:monthly-basic', 12_345],
    ]);
    await store.close();
  });

  it('a failing view update never refuses the command: the views turn stale and reads answer from the log', async () => {
    const { store, views, ledger, model } = openLedger();
    await run(ledger, registerNetwork(), acceptApplication(), acceptChild());
    // A broken view table stands in for a bug in a projection.
    store.db.exec('DROP TABLE view_fee_segments');
    const r = await ledger.execute(startBilling({ billingStartOn: '2025-04-15' }));
    expect(r.status).toBe('accepted');
    expect(views.state()!.stale).toMatch(/^applying contract-c-parent@1 failed: /);
    const may = await model.monthCharges('2025-05');
    expect(may.provenance).toMatchObject({
      source: 'log',
      viewsProblem: expect.stringMatching(/stopped following/),
    });
    expect(may.charges.lines.map((l) => l.amount)).toEqual([12_345]);
    // The next writer rebuilds them.
    const again = attachInlineViews(store);
    expect(again.rebuilt).toMatchObject({ events: 6, reason: expect.stringMatching(/stopped following/) });
    expect(viewDigests(views)).toEqual(await rebuiltDigests(store));
    expect((await model.monthCharges('2025-05')).provenance.source).toBe('views');
    await store.close();
  });

  it('two writers on one file keep one set of views: a stream moved on by the other is folded again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'views-two-writers-'));
    const path = join(dir, 'ledger.db');
    const open = () => {
      const store = new SqliteEventStore({ path });
      attachInlineViews(store);
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
    await expectSameAnswers(new ReadModel(b.store, new ViewsDb(b.store.db)));
    await a.store.close();
    await b.store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('views of another version are rebuilt by the next writer, and catch up events written without them', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const ledger = new Ledger({ store, clock: steppingClock('2026-01-01T00:00:00Z') });
    // Written by a program without views.
    await run(ledger, registerNetwork(), acceptApplication(), acceptChild());
    const first = attachInlineViews(store);
    expect(first.rebuilt).toMatchObject({ events: 5, reason: 'this ledger has no views yet' });
    first.detach();
    await run(ledger, startBilling());
    store.db.prepare('UPDATE view_state SET version = version - 1').run();
    const second = attachInlineViews(store);
    expect(second.rebuilt?.reason).toMatch(/views are of version \d+, this program derives version \d+/);
    expect(viewDigests(second.views)).toEqual(await rebuiltDigests(store));
    // Events written while the views were detached are applied before the next append's.
    second.detach();
    await run(ledger, startBilling({ contractId: 'c-child', billingStartOn: '2025-04-02' }));
    attachInlineViews(store);
    await run(
      ledger,
      acceptChild({ contractId: 'c-child-2', deviceItemIds: ['d-2'], lanSubnets: ['192.168.30.0/24'] }),
    );
    expect(viewDigests(new ViewsDb(store.db))).toEqual(await rebuiltDigests(store));
    await store.close();
  });
});
