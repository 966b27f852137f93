/**
 * The views name the contracts with an item owed back (the candidates of a date's deadlines) by the
 * same rule as the deadlines themselves (src/terms/returns.ts): a unit that replaced one of a
 * stopped option's units after a fault goes back with the option's stop (Art. 14(3), 17(4)).
 */
import { steppingClock } from '../../src/ledger/clock';
import { Ledger } from '../../src/ledger/ledger';
import { Reader } from '../../src/read';
import { acceptApplication, acceptChild, cmd, registerNetwork, run } from '../support/commands';
import { sqliteLedger } from '../support/ledger';

it("lists a stopped option's replacement unit among the deadlines read from the views", async () => {
  const { store, views } = sqliteLedger(':memory:');
  const ledger = new Ledger({ store, clock: steppingClock('2026-01-01T00:00:00Z', 60_000) });
  const model = new Reader({ store, views });
  const p = 'c-parent';
  // An SFP module from 2025-05-01; its unit sfp-1 is replaced by sfp-2 after a fault (2025-06-05);
  // the stop arrives 2025-07-10, takes effect 2025-08-09, units back by 2025-09-08.
  await run(
    ledger,
    registerNetwork(),
    acceptApplication({ deviceModel: 'Cisco ISR 4351' }),
    acceptChild(),
    cmd('StartBilling', { contractId: p, billingStartOn: '2025-04-01' }),
    cmd('AddOption', {
      contractId: p,
      optionId: 'o-sfp',
      option: 'sfp-module',
      model: null,
      equipmentItemIds: ['sfp-1'],
      initialFee: 5000,
      monthlyFee: 1500,
      addedOn: '2025-05-01',
    }),
    cmd('StartOptionBilling', { contractId: p, optionId: 'o-sfp', billingStartOn: '2025-05-10' }),
    cmd('ReportFault', {
      contractId: p,
      faultId: 'f-1',
      itemId: 'sfp-1',
      reportedAt: '2025-06-01T09:00:00+09:00',
      description: 'no light',
    }),
    cmd('RecordFaultInvestigation', {
      contractId: p,
      faultId: 'f-1',
      outcome: 'provider-fault',
      quotedCost: null,
      investigatedOn: '2025-06-02',
    }),
    cmd('ResolveFault', {
      contractId: p,
      faultId: 'f-1',
      resolution: 'replaced',
      replacement: { itemId: 'sfp-2', kind: 'sfp-module', model: 'Cisco ISR 4351' },
      resolvedOn: '2025-06-05',
    }),
    cmd('StopOption', { contractId: p, optionId: 'o-sfp', noticeArrivedOn: '2025-07-10', requestedOn: null }),
  );
  const read = await model.deadlines('2025-09-10');
  expect(read?.deadlines).toEqual([
    expect.objectContaining({
      itemId: 'sfp-2',
      reason: 'option-stop',
      dueOn: '2025-09-08',
      status: 'overdue',
    }),
  ]);
  await store.close();
});
