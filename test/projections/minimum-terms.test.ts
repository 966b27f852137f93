import { foldFacts, minimumTerms, termInForce } from '../../src/projections';
import { application, LedgerLog } from '../support/ledger-events';

describe('minimum terms (Art. 5, 17(3))', () => {
  const log = new LedgerLog();
  const c = log.contract('c-400');
  const accepted = c.add(
    'ApplicationAccepted',
    application({
      contractId: 'c-400',
      termYears: 3,
      deviceModel: 'Cisco 891FJ',
      equipment: [{ itemId: 'dev-1', kind: 'vpn-device', model: 'Cisco 891FJ' }],
      acceptedOn: '2025-04-01',
    }),
  );
  const billing = c.add('BillingStarted', { outagesCounted: [], billingStartOn: '2025-04-15' });
  const mcAccepted = c.add('ModelChangeAccepted', {
    coldStandbyStaying: [],
    changeId: 'mc-1',
    target: { kind: 'device' },
    fromModel: 'Cisco 891FJ',
    toModel: 'Cisco C1121-8P',
    fee: 20_000,
    monthlyFee: 11_000,
    acceptedOn: '2026-01-10',
    coldStandby: [],
    catalogEdition: '2024-08-01',
  });
  const mcDone = c.add('ModelChangeCompleted', {
    changeId: 'mc-1',
    billingStartOn: '2026-01-31',
    replaced: [{ oldItemId: 'dev-1', newItemId: 'dev-2' }],
    returnDue: { on: '2026-03-02', shiftedFrom: null }, // Art. 14(3): 2026-01-31 + 30 days
    beforeBillingStart: false,
  });
  for (const [optionId, option, model] of [
    ['ps-1', 'private-switch', 'Cisco Catalyst 1000-48T-4G-L'],
    ['cs-1', 'cold-standby', 'Cisco 891FJ'],
    ['rk-1', 'rack-mount-kit', 'Cisco ISR 4351'],
  ] as const) {
    c.add('OptionAdded', {
      optionId,
      option,
      model,
      equipment: [],
      initialFee: 0,
      monthlyFee: 1_000,
      addedOn: '2025-04-15',
      catalogEdition: '2024-08-01',
    });
    c.add('OptionBillingStarted', { optionId, billingStartOn: '2025-05-01' });
  }
  c.add('ModelChangeAccepted', {
    coldStandbyStaying: [],
    changeId: 'mc-ps',
    target: { kind: 'option', optionId: 'ps-1' },
    fromModel: 'Cisco Catalyst 1000-48T-4G-L',
    toModel: 'Cisco Catalyst 9300L-24T-4G-A',
    fee: 8_000,
    monthlyFee: 1_500,
    acceptedOn: '2025-08-01',
    coldStandby: [],
    catalogEdition: '2024-08-01',
  });
  c.add('ModelChangeCompleted', {
    changeId: 'mc-ps',
    billingStartOn: '2025-08-20',
    replaced: [],
    returnDue: { on: '2025-09-19', shiftedFrom: null } /* Art. 14(3): 2025-08-20 + 30 days */,
    beforeBillingStart: false,
  });
  c.add('ModelChangeAccepted', {
    coldStandbyStaying: [],
    changeId: 'mc-cs',
    target: { kind: 'option', optionId: 'cs-1' },
    fromModel: 'Cisco 891FJ',
    toModel: 'Cisco C1121-8P',
    fee: 8_000,
    monthlyFee: 1_500,
    acceptedOn: '2025-08-01',
    coldStandby: [],
    catalogEdition: '2024-08-01',
  });
  c.add('ModelChangeCompleted', {
    changeId: 'mc-cs',
    billingStartOn: '2025-08-20',
    replaced: [],
    returnDue: { on: '2025-09-19', shiftedFrom: null } /* Art. 14(3): 2025-08-20 + 30 days */,
    beforeBillingStart: false,
  });
  const facts = foldFacts(log.events);

  it('keeps every term of the contract: from the billing start, restarted by a device model change', () => {
    // 3 years from 2025-04-15, counting that day → 2028-04-14. Restart from 2026-01-31: Art. 143
    // from S = 01-31: 36 months on is 2029-01-31, so the term ends the day before, 2029-01-30.
    expect(minimumTerms(facts, { contractId: 'c-400' }).filter((t) => t.optionId === null)).toEqual([
      {
        contractId: 'c-400',
        optionId: null,
        optionKind: null,
        years: 3,
        start: '2025-04-15',
        end: '2028-04-14',
        reason: 'billing-start',
        article: 'Art. 5(1)',
        sources: [accepted.metadata.eventId, billing.metadata.eventId],
        supersededOn: '2026-01-31',
        cutShortOn: null,
      },
      {
        contractId: 'c-400',
        optionId: null,
        optionKind: null,
        years: 3,
        start: '2026-01-31',
        end: '2029-01-30',
        reason: 'model-change',
        article: 'Art. 5(2)',
        sources: [mcAccepted.metadata.eventId, mcDone.metadata.eventId],
        supersededOn: null,
        cutShortOn: null,
      },
    ]);
  });

  it('gives options with a minimum term 1 year from their billing start; a switch-model change restarts it', () => {
    const options = minimumTerms(facts, { contractId: 'c-400' }).filter((t) => t.optionId !== null);
    expect(options.map((t) => [t.optionId, t.reason, t.start, t.end])).toEqual([
      ['ps-1', 'option-billing-start', '2025-05-01', '2026-04-30'],
      ['ps-1', 'switch-model-change', '2025-08-20', '2026-08-19'],
      // Cold standby: its model change does not restart the term; rack-mount kit has no term.
      ['cs-1', 'option-billing-start', '2025-05-01', '2026-04-30'],
    ]);
  });

  it('answers which term is in force on a date', () => {
    expect(termInForce(facts, 'c-400', '2025-04-14')).toBeNull();
    expect(termInForce(facts, 'c-400', '2026-01-30')?.reason).toBe('billing-start');
    expect(termInForce(facts, 'c-400', '2026-01-31')?.reason).toBe('model-change');
    expect(termInForce(facts, 'c-400', '2029-01-30')?.end).toBe('2029-01-30');
    expect(termInForce(facts, 'c-400', '2029-01-31')).toBeNull();
    expect(termInForce(facts, 'c-400', '2025-08-19', 'ps-1')?.reason).toBe('option-billing-start');
    expect(termInForce(facts, 'c-400', '2025-08-20', 'ps-1')?.reason).toBe('switch-model-change');
    expect(termInForce(facts, 'c-400', '2025-06-01', 'rk-1')).toBeNull();
  });

  it('as effective on a date, knows only the terms started by then', () => {
    expect(
      minimumTerms(facts, { contractId: 'c-400', asOf: '2026-01-30' }).filter((t) => !t.optionId),
    ).toHaveLength(1);
  });
});
