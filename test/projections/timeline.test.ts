import { EVENT_TYPES, isBillingEventType, isPolicyEventType } from '../../src/events';
import { contractStateAsOf, foldFacts, timeline } from '../../src/projections';
import type { TimelineStep } from '../../src/projections/timeline';
import { stepText } from '../../src/render/timeline';
import { application, LedgerLog } from '../support/ledger-events';

/** The steps with their English words, as `vpn-ledger timeline` tells them. */
const said = (steps: readonly TimelineStep[]) => steps.map((s) => ({ ...s, text: stepText('en', s) }));

/** One contract (and its network) through every kind of event there is. */
const everything = () => {
  const log = new LedgerLog();
  const n = log.network('n-9');
  n.add('NetworkRegistered', {
    networkId: 'n-9',
    parentContractId: 'c-900',
    parentHolderId: 'hq',
    item: 'single-star-single-edge',
    childSiteLimit: 10,
    registeredOn: '2025-03-01',
  });
  // A first application whose contract was never written (its command stopped after the
  // network's append), voided by the application that then took its place.
  const stale = n.add('SiteJoined', {
    contractId: 'c-900',
    contractType: 'parent',
    item: 'single-star-single-edge',
    contractorId: 'hq',
    lanSubnets: ['10.0.0.0/16'],
    joinedOn: '2025-03-01',
  });
  n.add('SiteReservationVoided', {
    contractId: 'c-900',
    reservedBy: stale.metadata.commandId,
    voidedOn: '2025-03-01',
  });
  n.add('SiteJoined', {
    contractId: 'c-900',
    contractType: 'parent',
    item: 'single-star-single-edge',
    contractorId: 'hq',
    lanSubnets: ['10.0.0.0/16'],
    joinedOn: '2025-03-01',
  });
  const c = log.contract('c-900');
  c.add(
    'ApplicationAccepted',
    application({
      contractId: 'c-900',
      networkId: 'n-9',
      contractorId: 'hq',
      parentHolderId: 'hq',
      termYears: 1,
      deviceModel: 'Cisco 891FJ',
      equipment: [{ itemId: 'dev-1', kind: 'vpn-device', model: 'Cisco 891FJ' }],
      acceptedOn: '2025-03-01',
    }),
  );
  c.add('BillingStarted', { outagesCounted: [], billingStartOn: '2025-04-01' });
  n.add('SettingsDisclosed', { contractId: 'c-900', toContractorId: 'branch', disclosedOn: '2025-04-02' });
  c.add('OptionAdded', {
    optionId: 'cs-1',
    option: 'cold-standby',
    model: 'Cisco 891FJ',
    equipment: [{ itemId: 'cs-dev', kind: 'cold-standby-device', model: 'Cisco 891FJ' }],
    initialFee: 5_000,
    monthlyFee: 2_000,
    addedOn: '2025-04-05',
    catalogEdition: '2024-08-01',
  });
  c.add('OptionBillingStarted', { optionId: 'cs-1', billingStartOn: '2025-04-10' });
  c.add('ConfigurationChangeInstructed', {
    parentContractId: null,
    jobId: 'j-1',
    instructedBy: 'hq',
    instructedAt: '2025-04-11T10:00:00+09:00',
    description: 'new VLAN',
  });
  c.add('ConfigurationChangePerformed', {
    billedItemIds: ['dev-1'],
    jobId: 'j-1',
    startedAt: '2025-04-12T20:00:00+09:00',
    itemIds: ['dev-1'],
    billTo: 'hq',
  });
  c.add('FaultReported', {
    faultId: 'f-1',
    itemId: 'dev-1',
    reportedAt: '2025-05-01T08:00:00+09:00',
    description: 'reboots',
  });
  c.add('FaultInvestigated', {
    faultId: 'f-1',
    outcome: 'contractor-fault',
    quotedCost: 8_000,
    investigatedOn: '2025-05-02',
  });
  c.add('FaultResolved', {
    faultId: 'f-1',
    resolution: 'repaired',
    replacement: null,
    resolvedOn: '2025-05-03',
  });
  c.add('RelocationConsented', {
    consentId: 'r-1',
    itemIds: ['dev-1'],
    to: { country: 'JP', text: 'Osaka' },
    consentedOn: '2025-05-05',
  });
  c.add('EquipmentRelocated', { consentId: 'r-1', relocatedOn: '2025-05-06' });
  c.add('LossReported', {
    lossId: 'l-1',
    itemId: 'cs-dev',
    reportedOn: '2025-05-10',
    circumstances: 'lost in move',
  });
  c.add('ReplacementShipped', {
    lossId: 'l-1',
    replacement: { itemId: 'cs-dev-2', kind: 'cold-standby-device', model: 'Cisco 891FJ' },
    shippedOn: '2025-05-11',
  });
  c.add('LossChargeQuoted', {
    lossId: 'l-1',
    itemId: 'cs-dev',
    amount: 30_000,
    reason: 'reported-loss',
    quotedOn: '2025-05-12',
  });
  c.add('LostItemFound', { lossId: 'l-1', itemId: 'cs-dev', foundOn: '2025-05-20' });
  c.add('OneTimeCostRecorded', {
    costId: 'x-1',
    cost: 'on-site-overtime',
    amount: 9_000,
    incurredOn: '2025-05-21',
    description: 'night work',
  });
  c.add('OutageKnown', {
    countedFrom: '2025-06-01T10:00:00+09:00',
    outageId: 'o-1',
    knownAt: '2025-06-01T10:00:00+09:00',
    description: 'backbone',
    /* Art. 21: 24 h reached 2025-06-02T10:00:00+09:00; 3 months elapse from 2025-06-02 on 2025-09-02. */ claimWindow:
      {
        reachedAt: '2025-06-02T10:00:00+09:00',
        firstClaimableOn: '2025-06-02',
        lastClaimableOn: '2025-09-02',
        lastClaimableShiftedFrom: null,
      },
  });
  c.add('OutageResolved', { outageId: 'o-1', resolvedAt: '2025-06-03T10:00:00+09:00', cause: 'provider' });
  c.add('ReductionClaimed', { outageId: 'o-1', claimedOn: '2025-06-05' });
  c.add('TrafficMeasured', { measurementId: 't-1', measuredOn: '2025-06-10', peakUtilisationPercent: 97 });
  c.add('ContractChangeProposed', {
    proposalId: 'p-1',
    measurementId: 't-1',
    proposedOn: '2025-06-11',
    proposal: 'move to ISR 4351',
  });
  c.add('ModelChangeAccepted', {
    coldStandbyStaying: [],
    changeId: 'mc-1',
    target: { kind: 'device' },
    fromModel: 'Cisco 891FJ',
    toModel: 'Cisco C1121-8P',
    fee: 20_000,
    monthlyFee: 11_000,
    acceptedOn: '2025-07-01',
    coldStandby: [],
    catalogEdition: '2024-08-01',
  });
  c.add('ModelChangeCompleted', {
    changeId: 'mc-1',
    billingStartOn: '2025-07-15',
    replaced: [{ oldItemId: 'dev-1', newItemId: 'dev-2' }],
    returnDue: { on: '2025-08-14', shiftedFrom: null }, // Art. 14(3): 2025-07-15 + 30 days
    beforeBillingStart: false,
  });
  c.add('EquipmentReturned', { itemIds: ['dev-1'], returnedOn: '2025-07-20' });
  // The facts of Art. 7, 8, 13, 14(1)(2) and 22(1).
  c.add('EquipmentInstalled', {
    installationId: 'in-1',
    itemIds: ['dev-2'],
    installedOn: '2025-07-16',
    by: 'contractor',
  });
  c.add('IpAddressesDesignated', {
    designationId: 'ip-1',
    designatedBy: 'provider',
    addresses: ['203.0.113.0/29'],
    designatedOn: '2025-07-16',
  });
  c.add('UndesignatedAddressUsed', {
    useId: 'use-1',
    address: '198.51.100.7',
    observedOn: '2025-07-17',
    description: 'seen on the WAN side',
  });
  c.add('ContractorSetupRecorded', {
    setupId: 'set-1',
    duty: 'lan',
    status: 'done',
    recordedOn: '2025-07-16',
    description: 'LAN readdressed',
  });
  c.add('EnvironmentSettingsNotified', {
    noticeId: 'env-1',
    kind: 'change',
    receivedOn: '2025-07-18',
    description: 'new PPPoE credentials',
  });
  c.add('ServiceImpeded', {
    impedimentId: 'imp-1',
    duty: 'power-and-space',
    from: '2025-07-19',
    description: 'rack power cut by the building',
  });
  c.add('VpnConnectionRecorded', {
    connectionId: 'v-1',
    peer: 'supplier VPN SUP-1',
    connectedOn: '2025-07-19',
  });
  c.add('ProhibitedActRecorded', {
    actId: 'act-1',
    act: 'disassemble',
    itemIds: ['dev-2'],
    observedOn: '2025-07-21',
    description: 'case opened',
  });
  c.add('BreachRepairCostCharged', {
    chargeId: 'b-1',
    itemIds: ['dev-2'],
    harm: 'damaged',
    breach: 'disassemble',
    amount: 45_000,
    occurredOn: '2025-07-21',
    chargedOn: '2025-07-25',
    description: 'board cracked',
  });
  c.add('OptionStopNoticeReceived', {
    optionId: 'cs-1',
    noticeArrivedOn: '2025-08-01',
    requestedOn: null,
    effectiveOn: '2025-08-31',
    returnDue: { on: '2025-09-30', shiftedFrom: null }, // Art. 14(3): 2025-08-31 + 30 days
  });
  c.add('TerminationNoticeReceived', {
    noticeArrivedOn: '2025-09-01',
    requestedOn: '2025-10-31',
    ground: 'ordinary',
    evidenceRef: null,
    effectiveOn: '2025-10-31',
    effectivePolicy: null,
    returnDue: { on: '2025-11-30', shiftedFrom: null }, // Art. 14(3): 2025-10-31 + 30 days
  });
  c.add('ContractTerminated', { effectiveOn: '2025-10-31' });
  n.add('SiteLeft', { contractId: 'c-900', leftOn: '2025-10-31' });
  return log;
};

describe('timeline', () => {
  const log = everything();
  const facts = foldFacts(log.events);
  const steps = said(timeline(facts, 'c-900'));

  it('tells every event once, with an article, in date order', () => {
    // Every event of a contract's or a network's life; billing (closes, seals) and the policy sets are no contract's story.
    expect(new Set(log.events.map((e) => e.type))).toEqual(
      new Set(EVENT_TYPES.filter((t) => !isBillingEventType(t) && !isPolicyEventType(t))),
    );
    expect(steps.map((s) => s.eventId).sort()).toEqual(log.events.map((e) => e.metadata.eventId).sort());
    for (const s of steps) {
      expect(s.text.length).toBeGreaterThan(10);
      expect(s.article).toMatch(/Art\.|Annex/);
    }
    expect(steps.map((s) => s.date)).toEqual([...steps.map((s) => s.date)].sort());
  });

  it('says what happened in plain words, with the article behind it', () => {
    const byType = (type: string) => steps.find((s) => s.type === type)!;
    expect(byType('BillingStarted')).toMatchObject({
      date: '2025-04-01',
      article: 'Art. 5(1); Art. 19',
      text: 'Billing started on 2025-04-01: the monthly fee is owed from this day, and the 1-year minimum term runs from it to 2026-03-31.',
    });
    expect(byType('ConfigurationChangePerformed').text).toBe(
      'Configuration change j-1 performed, starting 2025-04-12 20:00:00 JST, on 1 device(s): 1 × 10,000 = 10,000 yen (outside business hours), billed to the parent holder hq.',
    );
    expect(byType('ModelChangeCompleted')).toMatchObject({
      article: 'Art. 5(2); Art. 9(1); Art. 14(3)',
      text: 'Model change mc-1 completed: Cisco C1121-8P is billed from 2025-07-15; a fresh 1-year minimum term runs from it to 2026-07-14 (Art. 5(2)); the replaced item dev-1 (now dev-2) must be returned by 2025-08-14.',
    });
    expect(byType('LostItemFound').text).toMatch(/not refunded \(Art\. 16\(3\)\(2\)\)/);
    expect(byType('BreachRepairCostCharged')).toMatchObject({
      article: 'Art. 14(2); Art. 14(1)(1); Art. 19',
      text: '45,000 yen charged for the repair of dev-2, damaged on 2025-07-21 in breach of Art. 14(1)(1) (disassemble): board cracked.',
    });
    expect(byType('ServiceImpeded')).toMatchObject({ article: 'Art. 8(4); Art. 8(2)(3)' });
    expect(byType('ProhibitedActRecorded').article).toBe('Art. 14(1)(1)');
    expect(byType('EquipmentInstalled').text).toContain("by the contractor, on the provider's instructions");
    // 48 h → 2 days on basic 10,000 + cold standby 2,000: floor(2 × 12,000 / 30) = 800.
    expect(byType('ReductionClaimed').text).toMatch(
      /^Reduction claimed for outage o-1: granted: 800 yen reduced/,
    );
    // 1 year restarted from 2025-07-15 → 2026-07-14; settlement from 2025-11-01 at 11,000: 8 full
    // months (November..June) = 88,000 + 14 of 31 July days → floor(154,000 / 31) = 4,967 → 92,967.
    expect(byType('ContractTerminated')).toMatchObject({
      date: '2025-10-31',
      article: 'Art. 18; Art. 14(3); Art. 20',
      text: expect.stringMatching(
        /^Contract terminated, effective 2025-10-31; an early-termination settlement of 92,967 yen is owed .*; the equipment must be returned by 2025-11-30\.$/,
      ),
    });
    expect(steps[0]).toMatchObject({ type: 'NetworkRegistered', article: 'Art. 1; Art. 2' });
    expect(steps[steps.length - 1]!.type).toBe('SiteLeft');
  });

  it('as effective on a date, stops there', () => {
    const early = timeline(facts, 'c-900', { asOf: '2025-04-05' });
    expect(early.map((s) => s.type)).toEqual([
      'NetworkRegistered',
      'SiteJoined',
      'SiteReservationVoided',
      'SiteJoined',
      'ApplicationAccepted',
      'BillingStarted',
      'SettingsDisclosed',
      'OptionAdded',
    ]);
  });
});

describe('timeline: deadlines as the decider recorded them', () => {
  it('says the return deadline Art. 142 moved, and from which day', () => {
    // Effective 2025-07-31 → 07-31 + 30 = 08-30, recorded moved to Monday 09-01 (08-30 listed, 08-31 a Sunday).
    const log = new LedgerLog();
    const c = log.contract('c-142');
    c.add('ApplicationAccepted', application({ contractId: 'c-142', acceptedOn: '2025-03-01' }));
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
    const end = said(timeline(foldFacts(log.events), 'c-142')).find((s) => s.type === 'ContractTerminated');
    expect(end?.text).toMatch(
      /the equipment must be returned by 2025-09-01 \(moved from 2025-08-30 under Civil Code art\. 142, policy deadline-shift\)\.$/,
    );
  });
});

describe('timeline: a termination under general terms 28(2)/(3)', () => {
  it('names the policy that fixed its effective day', () => {
    const log = new LedgerLog();
    const c = log.contract('c-28');
    c.add('ApplicationAccepted', application({ contractId: 'c-28', acceptedOn: '2025-03-01' }));
    c.add('TerminationNoticeReceived', {
      noticeArrivedOn: '2025-07-01',
      requestedOn: '2025-07-10',
      ground: 'general-terms-28-2',
      evidenceRef: 'DOC-1',
      effectiveOn: '2025-07-10',
      effectivePolicy: 'termination-28-effective-on-named-date',
      returnDue: { on: '2025-08-09', shiftedFrom: null }, // 2025-07-10 + 30 days
    });
    const [, notice] = said(timeline(foldFacts(log.events), 'c-28'));
    expect(notice).toMatchObject({ type: 'TerminationNoticeReceived', article: 'Art. 18; Art. 20(1)' });
    expect(notice!.text).toContain(
      'it takes effect on 2025-07-10, the day the notice names and not before its arrival (policy termination-28-effective-on-named-date',
    );
  });
});

describe('contract state: the NetScreen proviso by the model in use on the date', () => {
  it('reads a NetScreen Type-1 contract changed to a Cisco 891FJ on 2010-03-01 as Type 2 from then', () => {
    const log = new LedgerLog();
    const c = log.contract('c-ns');
    c.add(
      'ApplicationAccepted',
      application({
        contractId: 'c-ns',
        acceptedOn: '2008-05-10',
        maintenanceType: 'type-1',
        deviceModel: 'NetScreen-25',
        equipment: [{ itemId: 'ns-1', kind: 'vpn-device', model: 'NetScreen-25' }],
      }),
    );
    c.add('BillingStarted', { outagesCounted: [], billingStartOn: '2008-06-01' });
    c.add('ModelChangeAccepted', {
      coldStandbyStaying: [],
      changeId: 'mc-1',
      target: { kind: 'device' },
      fromModel: 'NetScreen-25',
      toModel: 'Cisco 891FJ',
      fee: 0,
      monthlyFee: 10_000,
      acceptedOn: '2010-02-10',
      coldStandby: [],
      catalogEdition: '2024-08-01',
    });
    c.add('ModelChangeCompleted', {
      changeId: 'mc-1',
      billingStartOn: '2010-03-01',
      replaced: [{ oldItemId: 'ns-1', newItemId: 'cs-1' }],
      returnDue: { on: '2010-03-31', shiftedFrom: null }, // 2010-03-01 + 30 days
      beforeBillingStart: false,
    });
    const facts = foldFacts(log.events);
    // Before the change, the NetScreen proviso (Type 1 until 2010-03-31); after it, Type 2.
    expect(contractStateAsOf(facts, 'c-ns', '2010-02-15')?.maintenance.type).toBe('type-1');
    expect(contractStateAsOf(facts, 'c-ns', '2010-03-15')?.maintenance).toMatchObject({
      type: 'type-2',
      article: 'Supplementary provisions 2010-02-01, para. 2-3',
    });
  });
});

describe('contract state: an accessory fitted to the private switch follows its model', () => {
  it('shows the rack-mount kit on the new switch model after a switch change (Art. 17(2)(3)(4))', () => {
    const log = new LedgerLog();
    const c = log.contract('c-sw');
    c.add('ApplicationAccepted', application({ contractId: 'c-sw', acceptedOn: '2025-03-01' }));
    c.add('BillingStarted', { outagesCounted: [], billingStartOn: '2025-04-01' });
    c.add('OptionAdded', {
      optionId: 'ps-1',
      option: 'private-switch',
      model: 'Cisco Catalyst 1000-48T-4G-L',
      equipment: [{ itemId: 'sw-1', kind: 'switch', model: 'Cisco Catalyst 1000-48T-4G-L' }],
      initialFee: 0,
      monthlyFee: 3_000,
      addedOn: '2025-04-01',
      catalogEdition: '2024-08-01',
    });
    c.add('OptionAdded', {
      optionId: 'rk-1',
      option: 'rack-mount-kit',
      model: 'Cisco Catalyst 1000-48T-4G-L',
      equipment: [{ itemId: 'rk-1-a', kind: 'rack-mount-bracket', model: 'Cisco Catalyst 1000-48T-4G-L' }],
      initialFee: 0,
      monthlyFee: 500,
      addedOn: '2025-04-01',
      catalogEdition: '2024-08-01',
    });
    c.add('ModelChangeAccepted', {
      coldStandbyStaying: [],
      changeId: 'mc-sw',
      target: { kind: 'option', optionId: 'ps-1' },
      fromModel: 'Cisco Catalyst 1000-48T-4G-L',
      toModel: 'Cisco Catalyst 9300L-24T-4G-A',
      fee: 8_000,
      monthlyFee: 4_000,
      acceptedOn: '2025-08-01',
      coldStandby: [],
      catalogEdition: '2024-08-01',
    });
    c.add('ModelChangeCompleted', {
      changeId: 'mc-sw',
      billingStartOn: '2025-08-20',
      replaced: [{ oldItemId: 'sw-1', newItemId: 'sw-2' }],
      returnDue: { on: '2025-09-19', shiftedFrom: null }, // 2025-08-20 + 30 days
      beforeBillingStart: false,
    });
    const facts = foldFacts(log.events);
    const kitOn = (d: string) =>
      contractStateAsOf(facts, 'c-sw', d)?.options.find((o) => o.optionId === 'rk-1')?.model;
    expect(kitOn('2025-08-19')).toBe('Cisco Catalyst 1000-48T-4G-L');
    expect(kitOn('2025-09-01')).toBe('Cisco Catalyst 9300L-24T-4G-A');
  });
});

describe('contract state as of a date', () => {
  const facts = foldFacts(everything().events);

  it('shows the contract in service with its option, term and equipment', () => {
    const s = contractStateAsOf(facts, 'c-900', '2025-05-15')!;
    expect(s).toMatchObject({
      status: 'in-service',
      deviceModel: 'Cisco 891FJ',
      monthlyFee: 10_000,
      activeOptions: ['cs-1'],
      termInForce: { start: '2025-04-01', end: '2026-03-31', reason: 'billing-start' },
      maintenance: { type: 'type-2' },
      termination: null,
    });
    expect(s.equipmentHeld.map((e) => [e.itemId, e.status])).toEqual([
      ['dev-1', 'in-service'],
      ['cs-dev-2', 'in-service'],
    ]);
    expect(s.openLosses).toEqual([]);
    expect(s.openFaults).toEqual([]);
  });

  it('shows the new model, the restarted term and the old device owed back after a model change', () => {
    const s = contractStateAsOf(facts, 'c-900', '2025-07-16')!;
    expect(s).toMatchObject({
      deviceModel: 'Cisco C1121-8P',
      monthlyFee: 11_000,
      termInForce: { reason: 'model-change' },
    });
    expect(s.equipment.find((e) => e.itemId === 'dev-1')?.status).toBe('owed-back');
  });

  it('shows a scheduled termination, then the end', () => {
    expect(contractStateAsOf(facts, 'c-900', '2025-10-31')).toMatchObject({
      status: 'termination-scheduled',
      termination: { effectiveOn: '2025-10-31', ground: 'ordinary' },
    });
    const after = contractStateAsOf(facts, 'c-900', '2025-11-01')!;
    expect(after).toMatchObject({ status: 'terminated', monthlyFee: null, activeOptions: [] });
    // The lost-then-found cold-standby unit is the contractor's to dispose of (Art. 16(3)(1)).
    expect(after.equipmentHeld.map((e) => [e.itemId, e.status])).toEqual([
      ['cs-dev-2', 'owed-back'],
      ['dev-2', 'owed-back'],
    ]);
    expect(after.equipment.find((e) => e.itemId === 'cs-dev')?.status).toBe('lost');
    expect(contractStateAsOf(facts, 'c-900', '2025-02-28')).toBeNull();
  });
});
