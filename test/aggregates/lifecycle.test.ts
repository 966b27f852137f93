import { ALLOWED_AFTER_TERMINATION, COMMAND_SCHEMAS, type Command, occurredAt } from '../../src/aggregates';
import { ContractCommandSchemas } from '../../src/aggregates/contract/commands';
import { ContractEventSchemas } from '../../src/events/contract';
import { fromJson } from '../support/json';
import {
  acceptChild,
  acceptModelChange,
  acceptParent,
  addOption,
  billing,
  C,
  chargeBreach,
  claimReduction,
  completeModelChange,
  consent,
  contractorSetup,
  designateAddresses,
  environmentNotice,
  installation,
  instruct,
  investigate,
  measure,
  oneOfEach,
  outageKnown,
  P,
  PROTO_IDS,
  perform,
  prohibitedAct,
  propose,
  quoteLossCharge,
  recordCost,
  recordFound,
  registerNetwork,
  relocate,
  reportFault,
  reportLoss,
  resolveFault,
  resolveOutage,
  returnEquipment,
  serviceImpeded,
  shipReplacement,
  startOptionBilling,
  stopOption,
  terminate,
  terminated,
  terminationNotice,
  undesignatedUse,
  vpnConnection,
} from './fixtures';
import { given, history, stateJson } from './support';

const typeOf = (c: Command) => c.type;

/** The command with its fact's date moved to `day` (the date fields that carry occurredAt's day). */
const datedOn = (c: Command, day: string): Command => {
  const was = occurredAt(c).slice(0, 10);
  const data: Record<string, unknown> = { ...c.data };
  for (const [k, v] of Object.entries(data))
    if (typeof v === 'string' && v.slice(0, 10) === was && !k.endsWith('Id')) data[k] = day + v.slice(10);
  return { ...c, data } as Command;
};

describe('Lifecycle: a contract exists once its application is accepted (Art. 6)', () => {
  it.each(oneOfEach('X9').map((c) => [c.type, c] as const))(
    '%s on an unknown contract is CONTRACT_NOT_FOUND',
    (_type, command) =>
      given(...billing())
        .when(command)
        .thenRejects('CONTRACT_NOT_FOUND', 'Art. 6'),
  );

  it('covers every contract command type but the application', () =>
    expect(new Set(oneOfEach(P).map(typeOf))).toEqual(
      new Set(Object.keys(ContractCommandSchemas).filter((t) => t !== 'AcceptApplication')),
    ));
});

describe('Lifecycle: after termination the contract only settles (Art. 18)', () => {
  const refused = oneOfEach(P).filter((c) => !ALLOWED_AFTER_TERMINATION.has(c.type as never));

  // The termination of terminated() takes effect on 2025-07-31, its last day.
  it.each(refused.map((c) => [c.type, datedOn(c, '2025-08-05')] as const))(
    '%s dated after the last day is CONTRACT_TERMINATED',
    (_type, command) =>
      given(...terminated())
        .when(command)
        .thenRejects('CONTRACT_TERMINATED', 'Art. 18'),
  );

  // Policy late-facts-decided-as-of-their-date: a fact dated while the contract ran is decided as
  // of its date, whenever it is recorded; only the notice and the termination happen once.
  const once = new Set(['ReceiveTerminationNotice', 'TerminateContract']);
  it.each(refused.filter((c) => !once.has(c.type)).map((c) => [c.type, c] as const))(
    'given a terminated contract, when %s dated before its last day is recorded, then it is not refused as terminated',
    (_type, command) =>
      given(...terminated())
        .when(command)
        .thenNotRejectedWith('CONTRACT_TERMINATED'),
  );

  it('allows exactly returns, losses, claims, outage resolutions, costs of the contract life, and breaches of Art. 14(1)', () =>
    expect([...ALLOWED_AFTER_TERMINATION].sort()).toEqual(
      [
        'ChargeBreachRepairCost',
        'ClaimReduction',
        'QuoteLossCharge',
        'RecordProhibitedAct',
        'RecordLostItemFound',
        'RecordOneTimeCost',
        'ReportLoss',
        'ResolveOutage',
        'ReturnEquipment',
        'ShipReplacement',
      ].sort(),
    ));

  it('returns equipment', () =>
    given(...terminated())
      .when(returnEquipment())
      .then([expect.objectContaining({ type: 'EquipmentReturned' })]));

  it('records a loss of equipment owed back, charges it, and records its find', () => {
    given(...terminated())
      .when(reportLoss({ reportedOn: '2025-08-02' }))
      .then([expect.objectContaining({ type: 'LossReported' })]);
    given(...terminated(reportLoss({ reportedOn: '2025-08-02' })))
      .when(quoteLossCharge({ quotedOn: '2025-08-03' }))
      .then([expect.objectContaining({ type: 'LossChargeQuoted' })]);
    given(...terminated(reportLoss({ reportedOn: '2025-08-02' })))
      .when(recordFound({ foundOn: '2025-08-04' }))
      .then([expect.objectContaining({ type: 'LostItemFound' })]);
  });

  it('records a replacement shipped on or before the end for a loss of the contract life, and refuses one after', () => {
    const lostBefore = billing(reportLoss({ reportedOn: '2025-07-20' }), terminationNotice(), terminate());
    given(...lostBefore)
      .when(shipReplacement({ shippedOn: '2025-07-31' }))
      .then([expect.objectContaining({ type: 'ReplacementShipped' })]);
    given(...lostBefore)
      .when(shipReplacement({ shippedOn: '2025-08-01' }))
      .thenRejects('CONTRACT_TERMINATED', 'Art. 18');
  });

  it('records a cost incurred on or before the end, and refuses one after', () => {
    given(...terminated())
      .when(recordCost({ incurredOn: '2025-07-31' }))
      .then([expect.objectContaining({ type: 'OneTimeCostRecorded' })]);
    given(...terminated())
      .when(recordCost({ incurredOn: '2025-08-01' }))
      .thenRejects('CONTRACT_TERMINATED', 'Art. 18');
  });
});

describe('Lifecycle: no fact dates before the acceptance', () => {
  it.each([
    addOption({ addedOn: '2025-03-31' }),
    instruct({ instructedAt: '2025-03-31T23:59:59+09:00' }),
    reportFault({ reportedAt: '2025-03-31T14:59:59Z' }),
    reportLoss({ reportedOn: '2025-03-31' }),
    consent({ consentedOn: '2025-03-31' }),
    recordCost({ incurredOn: '2025-03-31' }),
    outageKnown({ knownAt: '2025-03-31T10:00:00+09:00' }),
    measure({ measuredOn: '2025-03-31' }),
    terminationNotice({ noticeArrivedOn: '2025-03-31' }),
  ])('refuses $type dated before 2025-04-01', (command) =>
    given(...billing())
      .when(command)
      .thenRejects('DATE_BEFORE_ACCEPTANCE'),
  );
});

describe('Annex 1 §3(1)(6) one-time costs at actual cost', () => {
  it('records travel costs to a hard-to-reach site (Type 2 maintenance)', () =>
    given(...billing())
      .when(recordCost())
      .then([
        {
          type: 'OneTimeCostRecorded',
          data: {
            costId: 'K1',
            cost: 'travel',
            amount: 12000,
            incurredOn: '2025-05-01',
            description: 'Ferry to the island site',
          },
        },
      ]));

  it('records special installation work', () =>
    given(...billing())
      .when(recordCost({ cost: 'special-installation-work', amount: 80000 }))
      .then([expect.objectContaining({ type: 'OneTimeCostRecorded' })]));

  it.each(['on-site-cancellation', 'on-site-overtime', 'on-site-emergency'] as const)(
    'refuses %s without the on-site installation option',
    (cost) =>
      given(...billing())
        .when(recordCost({ cost }))
        .thenRejects('ON_SITE_OPTION_REQUIRED', 'Annex 1 §3(6)'),
  );

  it('records on-site costs with the on-site installation option added later', () =>
    given(
      ...billing(
        addOption({
          optionId: 'OS',
          option: 'on-site-installation',
          equipmentItemIds: [],
          monthlyFee: 0,
          addedOn: '2025-04-20',
        }),
      ),
    )
      .when(recordCost({ cost: 'on-site-overtime', incurredOn: '2025-04-25' }))
      .then([expect.objectContaining({ type: 'OneTimeCostRecorded' })]));

  it('records on-site costs when the application included on-site installation', () =>
    given(
      ...history(
        registerNetwork(),
        acceptParent({ onSiteInstallation: { initialFee: 40000 } }),
        acceptChild(),
      ),
    )
      .when(recordCost({ cost: 'on-site-emergency' }))
      .then([expect.objectContaining({ type: 'OneTimeCostRecorded' })]));

  it('refuses a cost id used before', () =>
    given(...billing(recordCost()))
      .when(recordCost())
      .thenRejects('COST_EXISTS', 'Annex 1 §3'));
});

describe('Every event of the catalog has a command, and the state stays plain JSON', () => {
  const life = history(
    registerNetwork(),
    acceptParent(),
    acceptChild(),
    { type: 'StartBilling', data: { contractId: P, billingStartOn: '2025-04-15' } },
    { type: 'StartBilling', data: { contractId: C, billingStartOn: '2025-04-15' } },
    addOption(),
    startOptionBilling(),
    instruct(),
    perform(),
    reportFault(),
    investigate(),
    resolveFault(),
    consent(),
    relocate(),
    reportLoss({ itemId: 'P1-SFP1', reportedOn: '2025-05-20' }),
    shipReplacement({
      replacement: { itemId: 'P1-SFP2', kind: 'sfp-module', model: 'Cisco ISR 4351' },
      shippedOn: '2025-05-21',
    }),
    quoteLossCharge({ itemId: 'P1-SFP1', quotedOn: '2025-05-22' }),
    recordFound({ foundOn: '2025-05-25' }),
    recordCost(),
    outageKnown(),
    resolveOutage(),
    claimReduction(),
    measure(),
    propose(),
    chargeBreach(),
    prohibitedAct(),
    designateAddresses(),
    undesignatedUse(),
    contractorSetup(),
    environmentNotice(),
    serviceImpeded(),
    installation(),
    vpnConnection(),
    acceptModelChange(),
    completeModelChange(),
    stopOption(),
    returnEquipment({ itemIds: ['P1-D1', 'P1-SFP1'], returnedOn: '2025-07-01' }),
    terminationNotice({ contractId: C }),
    terminate({ contractId: C }),
  );

  it('produces every contract event type', () =>
    expect(new Set(life.map((t) => t.event.type).filter((t) => t in ContractEventSchemas))).toEqual(
      new Set(Object.keys(ContractEventSchemas)),
    ));

  it('folds into a state that survives a JSON round trip (Maps as entries) unchanged', () => {
    const world = given(...life).world;
    for (const id of [P, C]) {
      const state = world.contract(id);
      expect(fromJson(JSON.parse(stateJson(state)))).toEqual(state);
    }
  });

  it('says when every command happened: a date is 00:00 in Japan, an instant is kept', () => {
    for (const command of oneOfEach(P)) {
      const at = occurredAt(command);
      expect(at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\+09:00|Z)$/);
    }
    expect(occurredAt(instruct())).toBe('2025-05-01T10:00:00+09:00');
    expect(occurredAt(recordCost())).toBe('2025-05-01T00:00:00+09:00');
  });

  it('validates every command of the specs against its schema', () => {
    for (const command of oneOfEach(P))
      expect(COMMAND_SCHEMAS[command.type].safeParse(command.data).success).toBe(true);
  });
});

describe('Issue 15: one-time cost ids named after object properties', () => {
  it.each(PROTO_IDS)('records cost %s, then refuses the id again (COST_EXISTS)', (id) => {
    given(...billing())
      .when(recordCost({ costId: id }))
      .then([expect.objectContaining({ type: 'OneTimeCostRecorded' })]);
    given(...billing(recordCost({ costId: id })))
      .when(recordCost({ costId: id }))
      .thenRejects('COST_EXISTS', 'Annex 1 §3');
  });
});
