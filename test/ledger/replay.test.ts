import { ProjectionRunner } from '../../src/ledger/projection-runner';
import { replay, verifyLiveEqualsReplay } from '../../src/ledger/replay';
import { chargesForMonth, type Facts } from '../../src/projections';
import { MemoryEventStore, SqliteEventStore } from '../../src/store';
import { application, LedgerLog } from '../support/ledger-events';

/** Three contracts with an option each, and a termination notice recorded late. */
const ledger = () => {
  const log = new LedgerLog();
  for (const id of ['c-1', 'c-2', 'c-3']) {
    const c = log.contract(id);
    c.add('ApplicationAccepted', application({ contractId: id, acceptedOn: '2025-03-01' }), {
      recordedAt: '2025-03-01T01:00:00.000Z',
    });
    c.add('BillingStarted', { billingStartOn: '2025-04-01' }, { recordedAt: '2025-04-01T01:00:00.000Z' });
    c.add(
      'OptionAdded',
      {
        optionId: 'cs',
        option: 'cold-standby',
        model: 'Cisco C1121-8P',
        equipment: [],
        initialFee: 1_000,
        monthlyFee: 500,
        addedOn: '2025-04-02',
        catalogEdition: '2024-08-01',
      },
      { recordedAt: '2025-04-02T01:00:00.000Z' },
    );
    c.add(
      'OptionBillingStarted',
      { optionId: 'cs', billingStartOn: '2025-04-02' },
      { recordedAt: '2025-04-02T02:00:00.000Z' },
    );
  }
  log.contract('c-2').add(
    'TerminationNoticeReceived',
    {
      noticeArrivedOn: '2025-05-01',
      requestedOn: null,
      ground: 'ordinary',
      evidenceRef: null,
      effectiveOn: '2025-05-31',
      effectivePolicy: null,
      returnDue: { on: '2025-06-30', shiftedFrom: null }, // Art. 14(3): 2025-05-31 + 30 days
    },
    { recordedAt: '2025-05-20T00:00:00.000Z' },
  );
  return log;
};

describe('replay', () => {
  it('gives the same digest on two stores (two machines) and the same state as folding in memory', async () => {
    const log = ledger();
    const memory = new MemoryEventStore();
    const sqlite = new SqliteEventStore({ path: ':memory:', pageSize: 2 });
    await log.appendTo(memory);
    await log.appendTo(sqlite);
    const progress: number[] = [];
    const a = await replay(memory, { onProgress: (p) => progress.push(p.read), progressEvery: 4 });
    const b = await replay(sqlite);
    expect(a.digests.facts).toMatch(/^[0-9a-f]{64}$/);
    expect(b.digests).toEqual(a.digests);
    expect(a.applied).toBe(13);
    expect(a.position).toEqual({ commit: 13n, prepare: 13n });
    expect(progress).toEqual([4, 8, 12, 13]);
    expect((await replay(memory)).digests).toEqual(a.digests);
    await memory.close();
    await sqlite.close();
  });

  it('replays as the ledger knew it at T: later-recorded events are skipped and the digest differs', async () => {
    const store = new MemoryEventStore();
    await ledger().appendTo(store);
    const before = await replay(store, { knownAt: '2025-05-19T23:59:59.999Z' });
    const after = await replay(store, { knownAt: '2025-05-20T00:00:00.000Z' });
    expect(before.skipped).toBe(1);
    expect(after.skipped).toBe(0);
    expect(before.digests.facts).not.toBe(after.digests.facts);
    // c-2 as known before the notice: full June 10,000 + 500; after: nothing in June.
    const june = (facts: Facts) => chargesForMonth(facts, '2025-06', { contractId: 'c-2' }).total;
    expect(june(before.states.facts as Facts)).toBe(10_500);
    expect(june(after.states.facts as Facts)).toBe(0);
    await store.close();
  });

  it('confirms a live runner equals a replay up to its position', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const runner = new ProjectionRunner(store, { flushAfterMs: 5 });
    await runner.start();
    const log = ledger();
    await log.appendTo(store);
    await runner.waitFor(log.events[log.events.length - 1]!.position);
    const comparison = await verifyLiveEqualsReplay(runner, store);
    expect(comparison.equal).toBe(true);
    expect(comparison.projections[0]!.live).toBe((await replay(store)).digests.facts);
    await runner.stop();
    await store.close();
  });
});
