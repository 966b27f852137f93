import {
  type ChargeLine,
  chargesForMonth,
  contractStateAsOf,
  explainChargeLine,
  foldFacts,
  minimumTerms,
  returnDeadlines,
  timeline,
} from '../../src/projections';
import { formulaText, notesText } from '../../src/render/charge-text';
import { stepText } from '../../src/render/timeline';
import { POLICIES } from '../../src/terms';
import { application, LedgerLog } from '../support/ledger-events';

/** A line with its formula and notes in words (as the CLI writes them). */
type Rendered = Omit<ChargeLine, 'formula'> & { formula: string; note: string | null };

const line = (lines: readonly ChargeLine[], id: string): Rendered => {
  const found = lines.find((l) => l.id === id);
  if (!found) throw new Error(`no line ${id} among ${lines.map((l) => l.id).join(', ')}`);
  return { ...found, formula: formulaText(found.formula), note: notesText(found.notes) };
};

describe('charges: initial and monthly fees (Art. 19, Annex 1 §1-2)', () => {
  const log = new LedgerLog();
  const c = log.contract('c-100');
  const accepted = c.add(
    'ApplicationAccepted',
    application({
      contractId: 'c-100',
      acceptedOn: '2025-04-01',
      initialFee: 30_000,
      monthlyFee: 10_000,
      onSiteInstallation: { initialFee: 50_000 },
    }),
  );
  const billing = c.add('BillingStarted', { outagesCounted: [], billingStartOn: '2025-04-15' });
  const facts = foldFacts(log.events);

  it('bills the initial fee and the on-site installation in the month the application is accepted', () => {
    const { lines } = chargesForMonth(facts, '2025-04');
    expect(line(lines, 'c-100:2025-04:initial')).toMatchObject({
      kind: 'initial',
      amount: 30_000,
      billTo: 'acme',
      article: 'Art. 19; Annex 1 §1(1)',
      sources: [accepted.metadata.eventId],
      edition: '2024-08-01',
    });
    expect(line(lines, 'c-100:2025-04:on-site-installation').amount).toBe(50_000);
  });

  it('prorates a partial first month: 16 of 30 April days at 10,000 → floor(160,000 / 30) = 5,333', () => {
    // Billing from 2025-04-15: 15..30 April is 16 days; April has 30.
    const basic = line(chargesForMonth(facts, '2025-04').lines, 'c-100:2025-04:monthly-basic');
    expect(basic).toMatchObject({
      amount: 5_333,
      period: { from: '2025-04-15', to: '2025-04-30' },
      policy: 'proration-by-days-floor',
      article: 'Art. 19; Annex 1 §2(1)',
      formula: 'basic service: floor(10,000 × 16 / 30) = 5,333',
      sources: [accepted.metadata.eventId, billing.metadata.eventId],
    });
  });

  it('bills a full month at the monthly fee, and totals per bill-to contractor', () => {
    const may = chargesForMonth(facts, '2025-05');
    expect(may.lines.map((l) => [l.id, l.amount])).toEqual([['c-100:2025-05:monthly-basic', 10_000]]);
    expect(may.totals).toEqual([{ billTo: 'acme', amount: 10_000, lines: 1 }]);
    // April: 30,000 + 50,000 + 5,333.
    expect(chargesForMonth(facts, '2025-04').total).toBe(85_333);
  });

  it('bills nothing before the application month', () => {
    expect(chargesForMonth(facts, '2025-03').lines).toEqual([]);
  });

  it('explains a line with its events, its article, its policy and its formula', () => {
    const x = explainChargeLine(facts, 'c-100:2025-04:monthly-basic')!;
    expect(x.policy).toEqual({ name: 'proration-by-days-floor', ...POLICIES['proration-by-days-floor'] });
    expect(formulaText(x.formula)).toBe('basic service: floor(10,000 × 16 / 30) = 5,333');
    expect(x.sources.map((s) => [s.type, s.date, s.recordedAt])).toEqual([
      ['ApplicationAccepted', '2025-04-01', accepted.metadata.recordedAt],
      ['BillingStarted', '2025-04-15', billing.metadata.recordedAt],
    ]);
    expect(stepText('en', x.sources[1]!.step)).toMatch(/^Billing started on 2025-04-15/);
    expect(explainChargeLine(facts, 'c-100:2025-04:nothing')).toBeNull();
  });
});

describe('charges: termination and early-termination settlement (Art. 18, 20, Annex 2)', () => {
  const log = new LedgerLog();
  // Two 3-year contracts billed from 2025-04-01 at 12,000 a month, each with a VPN module option
  // billed from 2025-10-01 at 2,000 a month. Both get a termination notice on 2026-01-05 with no
  // requested date: effective on the day 30 days elapse, 2026-02-04 (Art. 18).
  for (const [id, ground] of [
    ['c-200', 'ordinary'],
    ['c-300', 'general-terms-28-2'],
  ] as const) {
    const c = log.contract(id);
    c.add(
      'ApplicationAccepted',
      application({
        contractId: id,
        termYears: 3,
        monthlyFee: 12_000,
        deviceModel: 'Cisco ISR 4351',
        equipment: [{ itemId: `${id}-dev-1`, kind: 'vpn-device', model: 'Cisco ISR 4351' }],
        acceptedOn: '2025-03-10',
      }),
    );
    c.add('BillingStarted', { outagesCounted: [], billingStartOn: '2025-04-01' });
    c.add('OptionAdded', {
      optionId: 'vm-1',
      option: 'vpn-module',
      model: 'Cisco ISR 4351',
      equipment: [{ itemId: `${id}-vm-1`, kind: 'vpn-module', model: 'VPN module' }],
      initialFee: 4_000,
      monthlyFee: 2_000,
      addedOn: '2025-09-20',
      catalogEdition: '2024-08-01',
    });
    c.add('OptionBillingStarted', { optionId: 'vm-1', billingStartOn: '2025-10-01' });
    c.add('TerminationNoticeReceived', {
      noticeArrivedOn: '2026-01-05',
      requestedOn: null,
      ground,
      evidenceRef: ground === 'ordinary' ? null : 'court-decision-2026-001',
      effectiveOn: '2026-02-04',
      effectivePolicy: ground === 'ordinary' ? null : 'termination-28-effective-by-art-18',
      returnDue: { on: '2026-03-06', shiftedFrom: null }, // Art. 14(3): 2026-02-04 + 30 days
    });
    c.add('ContractTerminated', { effectiveOn: '2026-02-04' });
  }
  const facts = foldFacts(log.events);
  const feb = chargesForMonth(facts, '2026-02').lines;

  it('bills a termination month through the effective day: 4 of 28 February days → floor(48,000 / 28) = 1,714', () => {
    expect(line(feb, 'c-200:2026-02:monthly-basic')).toMatchObject({
      amount: 1_714,
      period: { from: '2026-02-01', to: '2026-02-04' },
      formula: 'basic service: floor(12,000 × 4 / 28) = 1,714',
    });
    expect(line(feb, 'c-200:2026-02:monthly-basic').note).toMatch(/effective-day-is-last-billed-day/);
    expect(chargesForMonth(facts, '2026-03', { contractId: 'c-200' }).lines).toEqual([]);
  });

  it('settles the rest of a 3-year term: 2026-02-05..2028-03-31 → floor(12,000 × 24 / 28) + 25 × 12,000 = 310,285', () => {
    // Term: 3 years from 2025-04-01, counting that day → 2028-03-31 (Art. 5, 143).
    // Rest: 24 days of February 2026 → floor(288,000 / 28) = 10,285; March 2026..March 2028 are 25
    // full months → 300,000. Total 310,285.
    expect(line(feb, 'c-200:2026-02:early-termination')).toMatchObject({
      kind: 'early-termination',
      amount: 310_285,
      period: { from: '2026-02-05', to: '2028-03-31' },
      policy: 'rest-of-term-by-month-proration',
      article: 'Art. 20(1); Annex 2 §1',
      formula: 'floor(12,000 × 24 / 28) + 25 × 12,000 = 310,285 (2026-02-05..2028-03-31)',
    });
  });

  it('skips the settlement for an exempt ground and says why', () => {
    const exempt = line(feb, 'c-300:2026-02:early-termination');
    expect(exempt.amount).toBe(0);
    expect(exempt.policy).toBeNull();
    expect(exempt.note).toMatch(/^exempt: general terms 28\(2\)/);
    expect(exempt.note).toContain('court-decision-2026-001');
  });

  it('exempts a 28(3) termination on the day its notice named as well (policy termination-28-effective-on-named-date)', () => {
    // Notice 2026-01-05 naming 01-20, under the named-date policy: effective 01-20. Term to
    // 2028-03-31, but no settlement: Art. 20(1) exempts the ground whatever the effective day.
    const named = new LedgerLog();
    const c = named.contract('c-310');
    c.add(
      'ApplicationAccepted',
      application({ contractId: 'c-310', termYears: 3, acceptedOn: '2025-03-10' }),
    );
    c.add('BillingStarted', { outagesCounted: [], billingStartOn: '2025-04-01' });
    c.add('TerminationNoticeReceived', {
      noticeArrivedOn: '2026-01-05',
      requestedOn: '2026-01-20',
      ground: 'general-terms-28-3',
      evidenceRef: 'court-decision-2026-002',
      effectiveOn: '2026-01-20',
      effectivePolicy: 'termination-28-effective-on-named-date',
      returnDue: { on: '2026-02-19', shiftedFrom: null }, // 2026-01-20 + 30 days
    });
    c.add('ContractTerminated', { effectiveOn: '2026-01-20' });
    const jan = chargesForMonth(foldFacts(named.events), '2026-01').lines;
    expect(line(jan, 'c-310:2026-01:early-termination')).toMatchObject({
      amount: 0,
      period: { from: '2026-01-21', to: '2028-03-31' },
      note: expect.stringMatching(/^exempt: general terms 28\(3\)/),
    });
    // Billed 01-01..01-20: floor(10,000 × 20 / 31) = 6,451.
    expect(line(jan, 'c-310:2026-01:monthly-basic').amount).toBe(6_451);
  });

  it('settles the options of a terminated contract, even on an exempt ground (Art. 20(2))', () => {
    // VPN module: 1 year from 2025-10-01 → 2026-09-30. Rest from 2026-02-05: 24 of 28 days at 2,000
    // → floor(48,000 / 28) = 1,714; March..September 2026, 7 full months → 14,000. Total 15,714.
    for (const id of ['c-200', 'c-300']) {
      expect(line(feb, `${id}:2026-02:early-termination-option:vm-1`)).toMatchObject({
        amount: 15_714,
        article: 'Art. 20(2); Annex 2 §2',
        policy: 'rest-of-term-by-month-proration',
        formula: 'floor(2,000 × 24 / 28) + 7 × 2,000 = 15,714 (2026-02-05..2026-09-30)',
      });
    }
    // And its last month: 4 of 28 days at 2,000 → floor(8,000 / 28) = 285.
    expect(line(feb, 'c-300:2026-02:monthly-option:vm-1').amount).toBe(285);
  });
});

describe('charges: options (Art. 17, 20(2))', () => {
  const log = new LedgerLog();
  const c = log.contract('c-100');
  c.add('ApplicationAccepted', application({ contractId: 'c-100', acceptedOn: '2025-04-01' }));
  c.add('BillingStarted', { outagesCounted: [], billingStartOn: '2025-04-01' });
  c.add('OptionAdded', {
    optionId: 'cs-1',
    option: 'cold-standby',
    model: 'Cisco C1121-8P',
    equipment: [{ itemId: 'cs-1-dev', kind: 'cold-standby-device', model: 'Cisco C1121-8P' }],
    initialFee: 5_000,
    monthlyFee: 3_100,
    addedOn: '2025-05-10',
    catalogEdition: '2024-08-01',
  });
  c.add('OptionBillingStarted', { optionId: 'cs-1', billingStartOn: '2025-05-20' });
  // Notice on 2025-09-01 asking for 2025-09-15: 30 days elapse on 2025-10-01, the later (Art. 17(4)).
  c.add('OptionStopNoticeReceived', {
    optionId: 'cs-1',
    noticeArrivedOn: '2025-09-01',
    requestedOn: '2025-09-15',
    effectiveOn: '2025-10-01',
    returnDue: { on: '2025-10-31', shiftedFrom: null }, // Art. 14(3): 2025-10-01 + 30 days
  });
  const facts = foldFacts(log.events);

  it('bills the option initial fee in the month it is added and prorates its first month', () => {
    const may = chargesForMonth(facts, '2025-05').lines;
    expect(line(may, 'c-100:2025-05:initial-option:cs-1')).toMatchObject({
      amount: 5_000,
      kind: 'initial-option',
    });
    // 20..31 May = 12 days of 31: floor(3,100 × 12 / 31) = floor(37,200 / 31) = 1,200.
    expect(line(may, 'c-100:2025-05:monthly-option:cs-1')).toMatchObject({
      amount: 1_200,
      period: { from: '2025-05-20', to: '2025-05-31' },
    });
  });

  it('bills through the stop day and settles the rest of the 1-year term: 3,000 + 18,600 + 1,900 = 23,500', () => {
    const oct = chargesForMonth(facts, '2025-10').lines;
    // 1 October only: floor(3,100 × 1 / 31) = 100.
    expect(line(oct, 'c-100:2025-10:monthly-option:cs-1').amount).toBe(100);
    // Term: 1 year from 2025-05-20 → 2026-05-19. Rest from 2025-10-02: 30 of 31 October days →
    // floor(93,000 / 31) = 3,000; November..April, 6 months → 18,600; 1..19 May 2026 →
    // floor(3,100 × 19 / 31) = floor(58,900 / 31) = 1,900.
    expect(line(oct, 'c-100:2025-10:early-termination-option:cs-1')).toMatchObject({
      amount: 23_500,
      period: { from: '2025-10-02', to: '2026-05-19' },
      formula:
        'floor(3,100 × 30 / 31) + 6 × 3,100 + floor(3,100 × 19 / 31) = 23,500 (2025-10-02..2026-05-19)',
    });
    expect(chargesForMonth(facts, '2025-11').lines.map((l) => l.kind)).toEqual(['monthly-basic']);
  });
});

describe('charges: configuration changes (Art. 10(4), Annex 1 §3(3))', () => {
  const log = new LedgerLog();
  const child = log.contract('c-child');
  child.add(
    'ApplicationAccepted',
    application({
      contractId: 'c-child',
      contractType: 'child',
      contractorId: 'branch-co',
      parentHolderId: 'hq-co',
      item: 'dual-star-dual-edge',
      equipment: [
        { itemId: 'd-1', kind: 'vpn-device', model: 'Cisco C1121-8P' },
        { itemId: 'd-2', kind: 'vpn-device', model: 'Cisco C1121-8P' },
      ],
      acceptedOn: '2025-04-01',
    }),
  );
  const job = (jobId: string, startedAt: string, itemIds: string[]) => {
    const instructed = child.add('ConfigurationChangeInstructed', {
      parentContractId: null,
      jobId,
      instructedBy: 'hq-co',
      instructedAt: '2025-06-10T09:00:00+09:00',
      description: 'add a route',
    });
    const performed = child.add('ConfigurationChangePerformed', {
      billedItemIds: itemIds,
      jobId,
      startedAt,
      itemIds,
      billTo: 'hq-co',
    });
    return [instructed.metadata.eventId, performed.metadata.eventId];
  };
  const j1 = job('j-1', '2025-06-10T19:00:00+09:00', ['d-1']);
  job('j-2', '2025-06-10T10:00:01Z', ['d-1']); // 19:00:01 in Japan
  job('j-3', '2025-06-11T08:59:59+09:00', ['d-1', 'd-2']);
  const facts = foldFacts(log.events);
  const june = chargesForMonth(facts, '2025-06');

  it('charges 5,000 per device for a job starting at 19:00:00 JST, inside business hours', () => {
    expect(line(june.lines, 'c-child:2025-06:config-change:j-1')).toMatchObject({
      amount: 5_000,
      billTo: 'hq-co',
      contractId: 'c-child',
      policy: 'business-hours-by-job-start',
      article: 'Art. 10(4); Annex 1 §3(3)',
      sources: j1,
    });
  });

  it('charges 10,000 per device from 19:00:01 JST (written in UTC) and before 09:00', () => {
    expect(line(june.lines, 'c-child:2025-06:config-change:j-2').amount).toBe(10_000);
    // Two devices at 08:59:59: 2 × 10,000.
    expect(line(june.lines, 'c-child:2025-06:config-change:j-3')).toMatchObject({
      amount: 20_000,
      formula: expect.stringMatching(/^2 × 10,000 = 20,000/),
    });
  });

  it('bills the parent holder, not the child contractor', () => {
    expect(june.totals).toEqual([{ billTo: 'hq-co', amount: 35_000, lines: 3 }]);
  });
});

describe('charges: model change (Art. 5(2), 9(1), Annex 1 §3(2))', () => {
  const log = new LedgerLog();
  const c = log.contract('c-400');
  c.add(
    'ApplicationAccepted',
    application({
      contractId: 'c-400',
      deviceModel: 'Cisco 891FJ',
      equipment: [{ itemId: 'dev-1', kind: 'vpn-device', model: 'Cisco 891FJ' }],
      acceptedOn: '2025-03-20',
      monthlyFee: 10_000,
    }),
  );
  c.add('BillingStarted', { outagesCounted: [], billingStartOn: '2025-04-01' });
  c.add('ModelChangeAccepted', {
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
  c.add('ModelChangeCompleted', {
    changeId: 'mc-1',
    billingStartOn: '2025-09-16',
    replaced: [{ oldItemId: 'dev-1', newItemId: 'dev-2' }],
    returnDue: { on: '2025-10-16', shiftedFrom: null }, // Art. 14(3): 2025-09-16 + 30 days
    beforeBillingStart: false,
  });
  // Notice on 2026-03-31: effective 2026-04-30, after the first term (to 2026-03-31) but inside
  // the term restarted on 2025-09-16 (to 2026-09-15).
  c.add('TerminationNoticeReceived', {
    noticeArrivedOn: '2026-03-31',
    requestedOn: null,
    ground: 'ordinary',
    evidenceRef: null,
    effectiveOn: '2026-04-30',
    effectivePolicy: null,
    returnDue: { on: '2026-05-30', shiftedFrom: null }, // Art. 14(3): 2026-04-30 + 30 days
  });
  c.add('ContractTerminated', { effectiveOn: '2026-04-30' });
  const facts = foldFacts(log.events);

  it('bills the model-change fee in the month the change is accepted', () => {
    expect(line(chargesForMonth(facts, '2025-08').lines, 'c-400:2025-08:model-change:mc-1')).toMatchObject({
      amount: 20_000,
      article: 'Art. 9(1); Art. 19; Annex 1 §3(2)',
    });
  });

  it("switches to the new model's fee at its billing start: 15 days at 10,000 + 15 days at 11,000", () => {
    const sep = chargesForMonth(facts, '2025-09').lines;
    // 1..15 September: floor(10,000 × 15 / 30) = 5,000; 16..30: floor(11,000 × 15 / 30) = 5,500.
    expect(sep.map((l) => [l.id, l.amount, l.period.from, l.period.to])).toEqual([
      ['c-400:2025-09:monthly-basic', 5_000, '2025-09-01', '2025-09-15'],
      ['c-400:2025-09:monthly-basic:2025-09-16', 5_500, '2025-09-16', '2025-09-30'],
    ]);
  });

  it('a model change that keeps the fee does not split the month (policy split-only-where-fee-changes)', () => {
    // Given a private switch billed at 10,000 a month whose model changes on 2025-10-10 at the same
    // fee. Split at the change, October (31 days) would be floor(10,000 × 9 / 31) = 2,903 plus
    // floor(10,000 × 22 / 31) = 7,096, that is 9,999: a yen lost to two roundings of one fee.
    const same = new LedgerLog();
    const k = same.contract('c-410');
    k.add(
      'ApplicationAccepted',
      application({ contractId: 'c-410', acceptedOn: '2025-03-20', monthlyFee: 20_000 }),
    );
    k.add('BillingStarted', { outagesCounted: [], billingStartOn: '2025-04-01' });
    k.add('OptionAdded', {
      optionId: 'sw-1',
      option: 'private-switch',
      model: 'Cisco Catalyst 1000-24T-4G-L',
      equipment: [{ itemId: 'sw-unit-1', kind: 'switch', model: 'Cisco Catalyst 1000-24T-4G-L' }],
      initialFee: 0,
      monthlyFee: 10_000,
      addedOn: '2025-04-01',
      catalogEdition: '2024-08-01',
    });
    k.add('OptionBillingStarted', { optionId: 'sw-1', billingStartOn: '2025-04-01' });
    k.add('ModelChangeAccepted', {
      coldStandbyStaying: [],
      changeId: 'sw-chg',
      target: { kind: 'option', optionId: 'sw-1' },
      fromModel: 'Cisco Catalyst 1000-24T-4G-L',
      toModel: 'Cisco Catalyst 1000-48T-4G-L',
      fee: 15_000,
      monthlyFee: 10_000,
      acceptedOn: '2025-10-01',
      coldStandby: [],
      catalogEdition: '2024-08-01',
    });
    const completed = k.add('ModelChangeCompleted', {
      changeId: 'sw-chg',
      billingStartOn: '2025-10-10',
      replaced: [{ oldItemId: 'sw-unit-1', newItemId: 'sw-unit-2' }],
      returnDue: { on: '2025-11-09', shiftedFrom: null }, // Art. 14(3): 2025-10-10 + 30 days
      beforeBillingStart: false,
    });
    // When the October charges are derived
    const october = chargesForMonth(foldFacts(same.events), '2025-10').lines.filter(
      (l) => l.kind === 'monthly-option',
    );
    // Then the fee that did not change is billed whole: one line of 10,000 for 31/31 days, whose
    // sources include the change, and a note that says why the month is not split.
    expect(october.map((l) => [l.id, l.amount, l.period.from, l.period.to])).toEqual([
      ['c-410:2025-10:monthly-option:sw-1', 10_000, '2025-10-01', '2025-10-31'],
    ]);
    const rendered = line(october, 'c-410:2025-10:monthly-option:sw-1');
    expect(rendered.formula).toBe('private-switch option sw-1: 10,000 (full month, 31/31 days)');
    expect(rendered.sources).toContain(completed.metadata.eventId);
    expect(rendered.note).toBe(
      'model Cisco Catalyst 1000-48T-4G-L billed from 2025-10-10 at the same fee (change sw-chg): the month is not split (policy split-only-where-fee-changes)',
    );
  });

  it('settles against the restarted term: May..August 2026 at 11,000 + 15 September days = 49,500', () => {
    // 4 × 11,000 = 44,000; 1..15 September 2026: floor(11,000 × 15 / 30) = 5,500.
    expect(line(chargesForMonth(facts, '2026-04').lines, 'c-400:2026-04:early-termination')).toMatchObject({
      amount: 49_500,
      period: { from: '2026-05-01', to: '2026-09-15' },
    });
  });
});

describe('charges: recovery or repair of equipment lost or damaged in breach (Art. 14(2))', () => {
  it('bills the cost as charged, on the day it was charged, citing the item of Art. 14(1) broken', () => {
    const log = new LedgerLog();
    const c = log.contract('c-142b');
    c.add('ApplicationAccepted', application({ contractId: 'c-142b', acceptedOn: '2025-03-01' }));
    c.add('BreachRepairCostCharged', {
      chargeId: 'b-1',
      itemIds: ['c-142b-dev-1'],
      harm: 'damaged',
      breach: 'lend',
      amount: 45_000,
      occurredOn: '2025-05-01',
      chargedOn: '2025-06-03',
      description: 'returned from a borrower with a cracked case',
    });
    const june = chargesForMonth(foldFacts(log.events), '2025-06').lines;
    expect(line(june, 'c-142b:2025-06:breach-repair-cost:b-1')).toMatchObject({
      kind: 'breach-repair-cost',
      amount: 45_000,
      period: { from: '2025-06-03', to: '2025-06-03' },
      article: 'Art. 14(2); Art. 14(1)(2); Art. 19',
      policy: null,
      formula: '45,000 yen repair of c-142b-dev-1, as charged',
    });
    expect(
      chargesForMonth(foldFacts(log.events), '2025-05').lines.some((l) => l.kind === 'breach-repair-cost'),
    ).toBe(false);
  });
});

describe('charges: a model change completed before billing starts (Art. 9(1), 「契約の期間中」)', () => {
  // An 891FJ at 10,000, accepted 2025-03-01; the change to a C1121-8P at 11,000 is accepted on
  // 03-10 and in place on 03-20; billing starts on 2025-04-01.
  const log = new LedgerLog();
  const c = log.contract('c-pre');
  c.add(
    'ApplicationAccepted',
    application({
      contractId: 'c-pre',
      acceptedOn: '2025-03-01',
      deviceModel: 'Cisco 891FJ',
      equipment: [{ itemId: 'dev-1', kind: 'vpn-device', model: 'Cisco 891FJ' }],
    }),
  );
  c.add('ModelChangeAccepted', {
    coldStandbyStaying: [],
    changeId: 'mc-1',
    target: { kind: 'device' },
    fromModel: 'Cisco 891FJ',
    toModel: 'Cisco C1121-8P',
    fee: 5_000,
    monthlyFee: 11_000,
    acceptedOn: '2025-03-10',
    coldStandby: [],
    catalogEdition: '2024-08-01',
  });
  c.add('ModelChangeCompleted', {
    changeId: 'mc-1',
    billingStartOn: '2025-03-20',
    replaced: [{ oldItemId: 'dev-1', newItemId: 'dev-2' }],
    returnDue: { on: '2025-04-19', shiftedFrom: null }, // 2025-03-20 + 30 days
    beforeBillingStart: true,
  });
  c.add('BillingStarted', { outagesCounted: [], billingStartOn: '2025-04-01' });
  const facts = foldFacts(log.events);

  it('bills nothing monthly before the billing start, and the new fee from it: April = 11,000', () => {
    expect(chargesForMonth(facts, '2025-03').lines.map((l) => l.kind)).toEqual(['initial', 'model-change']);
    const april = chargesForMonth(facts, '2025-04').lines;
    expect(april.map((l) => [l.id, l.amount])).toEqual([['c-pre:2025-04:monthly-basic', 11_000]]);
  });

  it('has one minimum term, from the billing start (1 year from 2025-04-01 → 2026-03-31)', () =>
    expect(minimumTerms(facts, { contractId: 'c-pre' }).map((t) => [t.start, t.end, t.reason])).toEqual([
      ['2025-04-01', '2026-03-31', 'billing-start'],
    ]));
});

describe('charges: a device change carries the cold standby along (Art. 17(2)(2), Annex 1 §3(2))', () => {
  // An 891FJ at 10,000 with cold standby cs-opt at 2,000, both billed from 2025-04-01. Device
  // change to C1121-8P accepted 2025-06-01 (fee 20,000, then 11,000 a month), taking the standby
  // along (fee 8,000, then 2,500 a month); both new units billed from 2025-06-16.
  const log = new LedgerLog();
  const c = log.contract('c-cs');
  c.add(
    'ApplicationAccepted',
    application({
      contractId: 'c-cs',
      acceptedOn: '2025-03-01',
      deviceModel: 'Cisco 891FJ',
      equipment: [{ itemId: 'dev-1', kind: 'vpn-device', model: 'Cisco 891FJ' }],
    }),
  );
  c.add('BillingStarted', { outagesCounted: [], billingStartOn: '2025-04-01' });
  c.add('OptionAdded', {
    optionId: 'cs-opt',
    option: 'cold-standby',
    model: 'Cisco 891FJ',
    equipment: [{ itemId: 'cs-1', kind: 'cold-standby-device', model: 'Cisco 891FJ' }],
    initialFee: 0,
    monthlyFee: 2_000,
    addedOn: '2025-04-01',
    catalogEdition: '2024-08-01',
  });
  c.add('OptionBillingStarted', { optionId: 'cs-opt', billingStartOn: '2025-04-01' });
  c.add('ModelChangeAccepted', {
    coldStandbyStaying: [],
    changeId: 'mc-1',
    target: { kind: 'device' },
    fromModel: 'Cisco 891FJ',
    toModel: 'Cisco C1121-8P',
    fee: 20_000,
    monthlyFee: 11_000,
    acceptedOn: '2025-06-01',
    coldStandby: [{ optionId: 'cs-opt', fee: 8_000, monthlyFee: 2_500 }],
    catalogEdition: '2024-08-01',
  });
  c.add('ModelChangeCompleted', {
    changeId: 'mc-1',
    billingStartOn: '2025-06-16',
    replaced: [
      { oldItemId: 'dev-1', newItemId: 'dev-2' },
      { oldItemId: 'cs-1', newItemId: 'cs-2' },
    ],
    returnDue: { on: '2025-07-16', shiftedFrom: null }, // 2025-06-16 + 30 days
    beforeBillingStart: false,
  });
  const facts = foldFacts(log.events);
  const june = chargesForMonth(facts, '2025-06').lines;

  it("bills the standby's change fee as a line of its own", () => {
    expect(line(june, 'c-cs:2025-06:model-change:mc-1').amount).toBe(20_000);
    expect(line(june, 'c-cs:2025-06:model-change:mc-1/cs-opt')).toMatchObject({
      amount: 8_000,
      period: { from: '2025-06-01', to: '2025-06-01' },
    });
  });

  it("bills the standby's new monthly fee from the new units' billing start", () => {
    // 06-01..06-15 at 2,000: floor(2,000 × 15 / 30) = 1,000; 06-16..06-30 at 2,500: floor(2,500 × 15 / 30) = 1,250.
    expect(line(june, 'c-cs:2025-06:monthly-option:cs-opt').amount).toBe(1_000);
    expect(line(june, 'c-cs:2025-06:monthly-option:cs-opt:2025-06-16').amount).toBe(1_250);
  });

  it('owes both old units back by 07-16, and shows the standby on the new model', () => {
    expect(
      returnDeadlines(facts, '2025-07-01', { contractId: 'c-cs' }).map((d) => [d.itemId, d.reason, d.dueOn]),
    ).toEqual([
      // By due date, then item.
      ['cs-1', 'model-change', '2025-07-16'],
      ['dev-1', 'model-change', '2025-07-16'],
    ]);
    expect(contractStateAsOf(facts, 'c-cs', '2025-06-20')?.options[0]).toMatchObject({
      optionId: 'cs-opt',
      model: 'Cisco C1121-8P',
      monthlyFee: 2_500,
    });
    expect(timeline(facts, 'c-cs').map((x) => stepText('en', x))).toContain(
      "Cold standby cs-opt changes with the VPN device in model change mc-1 (the same VPN device, Art. 17(2)(2)): Cisco 891FJ → Cisco C1121-8P; fee 8,000 yen owed now; monthly fee 2,500 yen from the new model's billing start.",
    );
  });
});

describe('charges: faults, losses and one-time costs (Art. 15(3), 16, Annex 1 §3)', () => {
  const log = new LedgerLog();
  const c = log.contract('c-100');
  c.add('ApplicationAccepted', application({ contractId: 'c-100', acceptedOn: '2025-04-01' }));
  c.add('FaultReported', {
    faultId: 'f-1',
    itemId: 'c-100-dev-1',
    reportedAt: '2025-07-01T10:00:00+09:00',
    description: 'no link',
  });
  c.add('FaultInvestigated', {
    faultId: 'f-1',
    outcome: 'no-fault-found',
    quotedCost: 15_000,
    investigatedOn: '2025-07-03',
  });
  c.add('FaultReported', {
    faultId: 'f-2',
    itemId: 'c-100-dev-1',
    reportedAt: '2025-07-05T10:00:00+09:00',
    description: 'fan noise',
  });
  c.add('FaultInvestigated', {
    faultId: 'f-2',
    outcome: 'provider-fault',
    quotedCost: null,
    investigatedOn: '2025-07-06',
  });
  c.add('OneTimeCostRecorded', {
    costId: 'x-1',
    cost: 'travel',
    amount: 12_000,
    incurredOn: '2025-07-04',
    description: 'ferry to the island site',
  });
  c.add('LossReported', {
    lossId: 'l-1',
    itemId: 'c-100-dev-1',
    reportedOn: '2025-07-08',
    circumstances: 'stolen',
  });
  c.add('ReplacementShipped', {
    lossId: 'l-1',
    replacement: { itemId: 'c-100-dev-9', kind: 'vpn-device', model: 'Cisco C1121-8P' },
    shippedOn: '2025-07-09',
  });
  c.add('LossChargeQuoted', {
    lossId: 'l-1',
    itemId: 'c-100-dev-1',
    amount: 40_000,
    reason: 'reported-loss',
    quotedOn: '2025-07-10',
  });
  c.add('LostItemFound', { lossId: 'l-1', itemId: 'c-100-dev-1', foundOn: '2025-08-05' });
  const facts = foldFacts(log.events);

  it('charges the quoted cost when no fault was found, nothing for a provider fault', () => {
    const july = chargesForMonth(facts, '2025-07').lines;
    expect(line(july, 'c-100:2025-07:fault-cost:f-1')).toMatchObject({
      amount: 15_000,
      article: 'Art. 15(3); Annex 1 §3(4)',
    });
    expect(july.some((l) => l.id.includes('f-2'))).toBe(false);
    expect(line(july, 'c-100:2025-07:one-time-cost:x-1')).toMatchObject({
      amount: 12_000,
      // Annex 1 §3(1): travel costs of Type 2 maintenance (Art. 4).
      article: 'Art. 4; Art. 19; Annex 1 §3(1)',
    });
  });

  it('charges the loss in the month quoted and never refunds it when the item is found (Art. 16(3))', () => {
    const loss = line(chargesForMonth(facts, '2025-07').lines, 'c-100:2025-07:loss-charge:l-1');
    expect(loss.amount).toBe(40_000);
    expect(loss.note).toMatch(/found on 2025-08-05: a loss charge is never refunded/);
    expect(chargesForMonth(facts, '2025-08').lines).toEqual([]);
  });
});

describe('charges: reductions (Art. 21, Annex 3)', () => {
  // Basic 10,000 + cold standby 2,345 active when the outage began = 12,345 a month.
  const build = (resolvedAt: string, claimedOn: string) => {
    const log = new LedgerLog();
    const c = log.contract('c-700');
    c.add('ApplicationAccepted', application({ contractId: 'c-700', acceptedOn: '2025-03-01' }));
    c.add('BillingStarted', { outagesCounted: [], billingStartOn: '2025-04-01' });
    c.add('OptionAdded', {
      optionId: 'cs-1',
      option: 'cold-standby',
      model: 'Cisco C1121-8P',
      equipment: [],
      initialFee: 0,
      monthlyFee: 2_345,
      addedOn: '2025-04-01',
      catalogEdition: '2024-08-01',
    });
    c.add('OptionBillingStarted', { optionId: 'cs-1', billingStartOn: '2025-04-01' });
    c.add('OutageKnown', {
      countedFrom: '2025-06-01T10:00:00+09:00',
      outageId: 'o-1',
      knownAt: '2025-06-01T10:00:00+09:00',
      description: 'core router down',
      // Art. 21: 24 h reached 2025-06-02T10:00:00+09:00; 3 months elapse from 2025-06-02 on 2025-09-02.
      claimWindow: {
        reachedAt: '2025-06-02T10:00:00+09:00',
        firstClaimableOn: '2025-06-02',
        lastClaimableOn: '2025-09-02',
        lastClaimableShiftedFrom: null,
      },
    });
    c.add('OutageResolved', { outageId: 'o-1', resolvedAt, cause: 'provider' });
    c.add('ReductionClaimed', { outageId: 'o-1', claimedOn });
    return foldFacts(log.events);
  };

  it.each([
    ['7 × 24 h', '2025-06-08T10:00:00+09:00'],
    ['8 × 24 − 1 h', '2025-06-09T09:00:00+09:00'],
  ])('reduces 12,345 yen over %s by floor(7 × 12,345 / 30) = 2,880, rounded once', (_, resolvedAt) => {
    const reduction = line(
      chargesForMonth(build(resolvedAt, '2025-06-10'), '2025-06').lines,
      'c-700:2025-06:reduction:o-1',
    );
    expect(reduction).toMatchObject({
      kind: 'reduction',
      amount: -2_880,
      policy: 'reduction-exact-floor-once',
      article: 'Art. 21; Annex 3',
      formula: 'floor(7 × 12,345 / 30) = 2,880',
      period: { from: '2025-06-01', to: expect.stringMatching(/^2025-06-0[89]$/) },
    });
    expect(reduction.note).toContain('basic 10,000 + cold-standby 2,345 = 12,345');
  });

  it('at 8 × 24 h the reduction is floor(8 × 12,345 / 30) = 3,292', () => {
    const lines = chargesForMonth(build('2025-06-09T10:00:00+09:00', '2025-06-10'), '2025-06').lines;
    expect(line(lines, 'c-700:2025-06:reduction:o-1').amount).toBe(-3_292);
  });

  it('grants a claim on the last day of the window and refuses one the day after', () => {
    // 24 h reached 2025-06-02 10:00 JST; 3 months elapse from 2025-06-02 on 2025-09-02.
    const onTime = chargesForMonth(build('2025-06-08T10:00:00+09:00', '2025-09-02'), '2025-09').lines;
    expect(line(onTime, 'c-700:2025-09:reduction:o-1').amount).toBe(-2_880);
    const late = chargesForMonth(build('2025-06-08T10:00:00+09:00', '2025-09-03'), '2025-09').lines;
    expect(late.some((l) => l.kind === 'reduction')).toBe(false);
  });
});

describe('charges: as the ledger knew it at time T', () => {
  const log = new LedgerLog();
  const c = log.contract('c-500');
  c.add('ApplicationAccepted', application({ contractId: 'c-500', acceptedOn: '2025-03-01' }), {
    recordedAt: '2025-03-01T01:00:00.000Z',
  });
  c.add(
    'BillingStarted',
    { outagesCounted: [], billingStartOn: '2025-04-01' },
    { recordedAt: '2025-04-01T01:00:00.000Z' },
  );
  // The notice arrived on 2025-06-02 but was keyed in on 2025-06-20.
  c.add(
    'TerminationNoticeReceived',
    {
      noticeArrivedOn: '2025-06-02',
      requestedOn: null,
      ground: 'ordinary',
      evidenceRef: null,
      effectiveOn: '2025-07-02',
      effectivePolicy: null,
      returnDue: { on: '2025-08-01', shiftedFrom: null }, // Art. 14(3): 2025-07-02 + 30 days
    },
    { recordedAt: '2025-06-20T00:00:00.000Z' },
  );

  it('ignores events recorded after T', () => {
    const before = foldFacts(log.events, { knownAt: '2025-06-10T00:00:00.000Z' });
    expect(line(chargesForMonth(before, '2025-07').lines, 'c-500:2025-07:monthly-basic').amount).toBe(10_000);
    // Known: 1..2 July, floor(10,000 × 2 / 31) = 645, then the settlement to 2026-03-31.
    const after = foldFacts(log.events, { knownAt: '2025-06-20T00:00:00+00:00' });
    const july = chargesForMonth(after, '2025-07').lines;
    expect(line(july, 'c-500:2025-07:monthly-basic').amount).toBe(645);
    expect(line(july, 'c-500:2025-07:early-termination').note).toContain('not yet recorded');
  });

  it('as effective on a date, leaves out what happened later', () => {
    const facts = foldFacts(log.events);
    expect(chargesForMonth(facts, '2025-07', { asOf: '2025-06-01' }).lines.map((l) => l.amount)).toEqual([
      10_000,
    ]);
  });
});
