import { foldFacts, returnDeadlines } from '../../src/projections';
import { deadlineNotesText } from '../../src/render/deadlines';
import { application, LedgerLog } from '../support/ledger-events';

describe('return deadlines (Art. 14(3), 16(2))', () => {
  const log = new LedgerLog();
  // Contract end: notice on 2025-04-01 → effective 2025-05-01 → everything back by 2025-05-31.
  const c = log.contract('c-600');
  c.add(
    'ApplicationAccepted',
    application({
      contractId: 'c-600',
      acceptedOn: '2024-03-01',
      equipment: [
        { itemId: 'dev-a', kind: 'vpn-device', model: 'Cisco C1121-8P' },
        { itemId: 'dev-b', kind: 'vpn-device', model: 'Cisco C1121-8P' },
        { itemId: 'dev-c', kind: 'vpn-device', model: 'Cisco C1121-8P' },
      ],
    }),
  );
  c.add('BillingStarted', { outagesCounted: [], billingStartOn: '2024-04-01' });
  c.add('LossReported', { lossId: 'l-1', itemId: 'dev-c', reportedOn: '2024-12-01', circumstances: 'fire' });
  c.add('TerminationNoticeReceived', {
    noticeArrivedOn: '2025-04-01',
    requestedOn: null,
    ground: 'ordinary',
    evidenceRef: null,
    effectiveOn: '2025-05-01',
    effectivePolicy: null,
    returnDue: { on: '2025-05-31', shiftedFrom: null }, // Art. 14(3): 2025-05-01 + 30 days
  });
  c.add('ContractTerminated', { effectiveOn: '2025-05-01' });
  c.add('EquipmentReturned', { itemIds: ['dev-a'], returnedOn: '2025-06-02' });
  c.add('LossChargeQuoted', {
    lossId: 'l-2',
    itemId: 'dev-b',
    amount: 60_000,
    reason: 'not-returned',
    quotedOn: '2025-06-10',
  });

  // Model change: the old device is owed back within 30 days of the change date 2025-09-16.
  const m = log.contract('c-400');
  m.add(
    'ApplicationAccepted',
    application({
      contractId: 'c-400',
      deviceModel: 'Cisco 891FJ',
      equipment: [{ itemId: 'dev-1', kind: 'vpn-device', model: 'Cisco 891FJ' }],
      acceptedOn: '2025-03-20',
    }),
  );
  m.add('BillingStarted', { outagesCounted: [], billingStartOn: '2025-04-01' });
  m.add('ModelChangeAccepted', {
    coldStandbyStaying: [],
    changeId: 'mc-1',
    target: { kind: 'device' },
    fromModel: 'Cisco 891FJ',
    toModel: 'Cisco C1121-8P',
    fee: 20_000,
    monthlyFee: 11_000,
    acceptedOn: '2025-08-20',
    coldStandby: [],
    catalogEdition: '2024-08-01',
  });
  m.add('ModelChangeCompleted', {
    changeId: 'mc-1',
    billingStartOn: '2025-09-16',
    replaced: [{ oldItemId: 'dev-1', newItemId: 'dev-2' }],
    returnDue: { on: '2025-10-16', shiftedFrom: null }, // Art. 14(3): 2025-09-16 + 30 days
    beforeBillingStart: false,
  });
  m.add('EquipmentReturned', { itemIds: ['dev-1'], returnedOn: '2025-10-16' });
  const facts = foldFacts(log.events);

  const status = (date: string, contractId: string) =>
    Object.fromEntries(returnDeadlines(facts, date, { contractId }).map((d) => [d.itemId, d.status]));

  it('owes back every item held when the contract ends, by the 30th day after the end (not a lost one)', () => {
    const deadlines = returnDeadlines(facts, '2025-05-20', { contractId: 'c-600' });
    expect(deadlines.map((d) => [d.itemId, d.reason, d.triggerOn, d.dueOn, d.status])).toEqual([
      ['dev-a', 'contract-end', '2025-05-01', '2025-05-31', 'pending'],
      ['dev-b', 'contract-end', '2025-05-01', '2025-05-31', 'pending'],
    ]);
  });

  it('is overdue after the due day, to be treated as lost under Art. 16(2)', () => {
    const [, b] = returnDeadlines(facts, '2025-06-01', { contractId: 'c-600' });
    expect(b).toMatchObject({ itemId: 'dev-b', status: 'overdue', lossChargeQuoted: false });
    expect(deadlineNotesText('en', b!.notes)).toMatch(/to be treated as lost under Art\. 16\(2\)/);
    expect(status('2025-06-01', 'c-600')).toEqual({ 'dev-a': 'overdue', 'dev-b': 'overdue' });
  });

  it('is returned late when it comes back after the due day, and shows the loss charge once quoted', () => {
    const [a, b] = returnDeadlines(facts, '2025-06-15', { contractId: 'c-600' });
    expect(a).toMatchObject({ itemId: 'dev-a', status: 'returned-late', returnedOn: '2025-06-02' });
    expect(b).toMatchObject({
      itemId: 'dev-b',
      status: 'overdue',
      lossChargeQuoted: true,
      lossCharge: { amount: 60_000, quotedOn: '2025-06-10' },
    });
  });

  it('owes back a replaced device within 30 days of the change date; returned on the last day is on time', () => {
    expect(returnDeadlines(facts, '2025-10-01', { contractId: 'c-400' })).toEqual([
      expect.objectContaining({
        itemId: 'dev-1',
        reason: 'model-change',
        triggerOn: '2025-09-16',
        dueOn: '2025-10-16',
        status: 'pending',
      }),
    ]);
    expect(status('2025-10-20', 'c-400')).toEqual({ 'dev-1': 'returned-on-time' });
  });
});

describe('return deadlines read the due day the decider recorded (decided once)', () => {
  // The notice was decided under Civil Code art. 142 (policy deadline-shift): effective
  // 2025-07-31 → 07-31 + 30 days = 08-30, a listed holiday, and 08-31 a Sunday → Monday 09-01.
  const log = new LedgerLog();
  const c = log.contract('c-142');
  c.add('ApplicationAccepted', application({ contractId: 'c-142', acceptedOn: '2025-03-01' }));
  c.add('BillingStarted', { outagesCounted: [], billingStartOn: '2025-04-01' });
  c.add('TerminationNoticeReceived', {
    noticeArrivedOn: '2025-07-01',
    requestedOn: null,
    ground: 'ordinary',
    evidenceRef: null,
    effectiveOn: '2025-07-31',
    effectivePolicy: null,
    returnDue: { on: '2025-09-01', shiftedFrom: '2025-08-30' },
  });
  c.add('ContractTerminated', { effectiveOn: '2025-07-31' });
  const facts = foldFacts(log.events);

  it('is still pending on 08-31 and says the due day was moved, and why', () => {
    const [d] = returnDeadlines(facts, '2025-08-31', { contractId: 'c-142' });
    expect(d).toMatchObject({
      itemId: 'c-142-dev-1',
      triggerOn: '2025-07-31',
      dueOn: '2025-09-01',
      dueShiftedFrom: '2025-08-30',
      status: 'pending',
    });
    expect(deadlineNotesText('en', d!.notes)).toMatch(
      /moved from 2025-08-30 to 2025-09-01 under Civil Code art\. 142/,
    );
  });

  it('is overdue from 09-02', () =>
    expect(returnDeadlines(facts, '2025-09-02', { contractId: 'c-142' })[0]?.status).toBe('overdue'));

  it('Art. 16(2): an item returned after the due day counted as lost, whatever the order of recording', () => {
    c.add('EquipmentReturned', { itemIds: ['c-142-dev-1'], returnedOn: '2025-09-05' });
    const late = returnDeadlines(foldFacts(log.events), '2025-09-10', { contractId: 'c-142' })[0];
    expect(late).toMatchObject({ status: 'returned-late', returnedOn: '2025-09-05' });
    expect(deadlineNotesText('en', late!.notes)).toMatch(
      /counted as lost under Art\. 16\(2\); no loss charge quoted yet/,
    );
  });
});

describe('an option unit swapped for a fault serves the option still: it goes back with its stop', () => {
  // SFP module o-sfp from 2025-05-01; its unit sfp-1 fails and is replaced by sfp-2 on 2025-06-05
  // (Art. 15(2): sfp-1 goes back under Art. 15). The option is stopped: notice 2025-07-10 → effective
  // 2025-08-09 (Art. 17(4)) → its units back by 2025-08-09 + 30 days = 2025-09-08 (Art. 14(3) by
  // analogy). The contract goes on.
  const log = new LedgerLog();
  const c = log.contract('c-sfp');
  c.add('ApplicationAccepted', application({ contractId: 'c-sfp', acceptedOn: '2025-04-01' }));
  c.add('BillingStarted', { outagesCounted: [], billingStartOn: '2025-04-01' });
  c.add('OptionAdded', {
    optionId: 'o-sfp',
    option: 'sfp-module',
    model: null,
    equipment: [{ itemId: 'sfp-1', kind: 'sfp-module', model: 'Cisco C1121-8P' }],
    initialFee: 5000,
    monthlyFee: 1500,
    addedOn: '2025-05-01',
    catalogEdition: '2024-08-01',
  });
  c.add('OptionBillingStarted', { optionId: 'o-sfp', billingStartOn: '2025-05-10', startsTerm: true });
  c.add('FaultReported', {
    faultId: 'f-1',
    itemId: 'sfp-1',
    reportedAt: '2025-06-01T09:00:00+09:00',
    description: 'no light',
  });
  c.add('FaultInvestigated', {
    faultId: 'f-1',
    outcome: 'provider-fault',
    quotedCost: null,
    investigatedOn: '2025-06-02',
  });
  c.add('FaultResolved', {
    faultId: 'f-1',
    resolution: 'replaced',
    replacement: { itemId: 'sfp-2', kind: 'sfp-module', model: 'Cisco C1121-8P' },
    resolvedOn: '2025-06-05',
  });
  c.add('OptionStopNoticeReceived', {
    optionId: 'o-sfp',
    noticeArrivedOn: '2025-07-10',
    requestedOn: null,
    effectiveOn: '2025-08-09',
    returnDue: { on: '2025-09-08', shiftedFrom: null },
  });
  const facts = foldFacts(log.events);

  it('owes back the replacement unit from the stop, by the stop notice deadline (as the decider does)', () =>
    expect(returnDeadlines(facts, '2025-09-10', { contractId: 'c-sfp' })).toEqual([
      expect.objectContaining({
        itemId: 'sfp-2',
        optionId: 'o-sfp',
        reason: 'option-stop',
        triggerOn: '2025-08-09',
        dueOn: '2025-09-08',
        status: 'overdue',
      }),
    ]));
});
