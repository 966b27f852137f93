import { DEFAULT_TERMS_CONFIG } from '../../src/aggregates';
import {
  acceptModelChange,
  acceptParent,
  addOption,
  billing,
  chargeBreach,
  completeModelChange,
  consent,
  P,
  PROTO_IDS,
  prohibitedAct,
  quoteLossCharge,
  registerNetwork,
  relocate,
  reportLoss,
  returnEquipment,
  stopOption,
  terminate,
  terminated,
  terminationNotice,
} from './fixtures';
import { given, givenWith, history, recordedLocation, type World } from './support';

const contract = (world: World) => {
  const c = world.contract(P);
  if (c.status === 'none') throw new Error('not accepted');
  return c;
};

describe('Art. 14(1)(1) equipment moves only with consent; (3) never leaves Japan', () => {
  it('records a consent to move equipment within Japan', () =>
    given(...billing())
      .when(consent())
      .then([
        {
          type: 'RelocationConsented',
          data: {
            consentId: 'R1',
            itemIds: ['P1-D1'],
            to: { country: 'JP', text: 'Tokyo, Minato-ku 3-3' },
            consentedOn: '2025-05-01',
          },
        },
      ]));

  it('refuses a consent to move equipment abroad', () =>
    given(...billing())
      .when(consent({ to: { country: 'SG', text: 'Singapore, 1 Raffles Place' } }))
      .thenRejects('EQUIPMENT_OUTSIDE_JAPAN', 'Art. 14(1)(3)'));

  it('refuses a site outside Japan at application', () =>
    given(...history(registerNetwork()))
      .when(acceptParent({ site: { country: 'US', text: 'San Jose, CA' } }))
      .thenRejects('SITE_OUTSIDE_JAPAN', 'Art. 14(1)(3)'));

  it('refuses a consent for an item not in use', () =>
    given(...billing(acceptModelChange(), completeModelChange()))
      .when(consent({ consentedOn: '2025-07-01' }))
      .thenRejects('ITEM_NOT_HELD', 'Art. 14(1)(1)'));

  it('records the move made under a consent; the item is now at the new address', () =>
    given(...billing(consent()))
      .when(relocate())
      .then([{ type: 'EquipmentRelocated', data: { consentId: 'R1', relocatedOn: '2025-05-05' } }], (world) =>
        expect(recordedLocation(world, P, 'P1-D1')).toEqual({
          country: 'JP',
          text: 'Tokyo, Minato-ku 3-3',
        }),
      ));

  it('refuses a move without a consent', () =>
    given(...billing())
      .when(relocate({ consentId: 'R-unknown' }))
      .thenRejects('RELOCATION_WITHOUT_CONSENT', 'Art. 14(1)(1)'));

  it('refuses a move before the consent', () =>
    given(...billing(consent()))
      .when(relocate({ relocatedOn: '2025-04-30' }))
      .thenRejects('RELOCATION_BEFORE_CONSENT', 'Art. 14(1)(1)'));

  it('refuses a second move on the same consent', () =>
    given(...billing(consent(), relocate()))
      .when(relocate({ relocatedOn: '2025-06-01' }))
      .thenRejects('CONSENT_ALREADY_USED', 'Art. 14(1)(1)'));

  it('refuses a consent id used before', () =>
    given(...billing(consent()))
      .when(consent())
      .thenRejects('CONSENT_EXISTS', 'Art. 14(1)(1)'));
});

describe('Art. 14(3) equipment no longer used goes back', () => {
  it('owes back everything in use when the contract ends', () =>
    given(...billing(terminationNotice()))
      .when({ type: 'TerminateContract', data: { contractId: P, effectiveOn: '2025-07-31' } })
      .then(
        [
          expect.objectContaining({ type: 'SiteLeft' }),
          { type: 'ContractTerminated', data: { effectiveOn: '2025-07-31' } },
        ],
        (world) =>
          expect(contract(world).equipment.get('P1-D1')).toMatchObject({
            status: 'owed',
            owedFrom: '2025-07-31',
            owedReason: 'termination',
          }),
      ));

  it('records the return of equipment after termination', () =>
    given(...terminated())
      .when(returnEquipment())
      .then(
        [{ type: 'EquipmentReturned', data: { itemIds: ['P1-D1'], returnedOn: '2025-09-01' } }],
        (world) =>
          expect(contract(world).equipment.get('P1-D1')).toMatchObject({
            status: 'returned',
            returnedOn: '2025-09-01',
          }),
      ));

  it('refuses to record a return twice', () =>
    given(...terminated(returnEquipment()))
      .when(returnEquipment({ returnedOn: '2025-09-02' }))
      .thenRejects('ITEM_ALREADY_RETURNED', 'Art. 14(3)'));

  it('refuses the return of equipment in use', () =>
    given(...billing())
      .when(returnEquipment({ returnedOn: '2025-05-01' }))
      .thenRejects('ITEM_IN_USE', 'Art. 14(3)'));

  it('takes back early the equipment of a contract whose termination is on notice', () =>
    given(...billing(terminationNotice()))
      .when(returnEquipment({ returnedOn: '2025-07-15' }))
      .then([expect.objectContaining({ type: 'EquipmentReturned' })]));

  it('takes back the old device of a model change from the change date, not before', () => {
    const changed = billing(acceptModelChange(), completeModelChange());
    given(...changed)
      .when(returnEquipment({ returnedOn: '2025-06-19' }))
      .thenRejects('RETURN_BEFORE_DUE', 'Art. 14(3)');
    given(...changed)
      .when(returnEquipment({ returnedOn: '2025-06-25' }))
      .then([{ type: 'EquipmentReturned', data: { itemIds: ['P1-D1'], returnedOn: '2025-06-25' } }]);
  });

  it("takes back a stopped option's equipment once the stop is on notice", () =>
    given(...billing(addOption(), stopOption()))
      .when(returnEquipment({ itemIds: ['P1-SFP1'], returnedOn: '2025-08-09' }))
      .then([expect.objectContaining({ type: 'EquipmentReturned' })]));

  it('refuses an item the contract never had', () =>
    given(...terminated())
      .when(returnEquipment({ itemIds: ['ZZ-1'] }))
      .thenRejects('ITEM_NOT_FOUND', 'Art. 14(3)'));
});

describe('Art. 14(3) the return deadline is decided once, by the event that makes the equipment owed', () => {
  // Civil Code art. 142 on (policy deadline-shift): 2025-08-30 is listed, Sundays count.
  const holidays = {
    ...DEFAULT_TERMS_CONFIG,
    holidayPolicy: { enabled: true as const, holidays: ['2025-08-30', '2025-07-20'], sundays: true },
  };

  it('the termination notice records it: effective 07-31 + 30 days = 08-30 (default: not moved)', () =>
    given(...billing())
      .when(terminationNotice())
      .then([
        expect.objectContaining({
          data: expect.objectContaining({ returnDue: { on: '2025-08-30', shiftedFrom: null } }),
        }),
      ]));

  it('under Art. 142, 08-30 (listed) and 08-31 (Sunday) move it to Monday 09-01, and the event says so', () =>
    givenWith(holidays, ...billing())
      .when(terminationNotice())
      .then(
        [
          expect.objectContaining({
            data: expect.objectContaining({
              effectiveOn: '2025-07-31',
              returnDue: { on: '2025-09-01', shiftedFrom: '2025-08-30' },
            }),
          }),
        ],
        (world) => {
          const c = world.contract(P);
          expect(c.status !== 'none' && c.termination?.returnDue).toEqual({
            on: '2025-09-01',
            shiftedFrom: '2025-08-30',
          });
        },
      ));

  it('the completed model change records it for the old units: 06-20 + 30 = 07-20, a listed day → 07-21', () =>
    givenWith(holidays, ...billing(acceptModelChange()))
      .when(completeModelChange())
      .then(
        [
          expect.objectContaining({
            data: expect.objectContaining({ returnDue: { on: '2025-07-21', shiftedFrom: '2025-07-20' } }),
          }),
        ],
        (world) =>
          expect(contract(world).equipment.get('P1-D1')).toMatchObject({
            status: 'owed',
            owedFrom: '2025-06-20',
            returnDue: { on: '2025-07-21', shiftedFrom: '2025-07-20' },
          }),
      ));

  it("the option's stop records it for the option's units: 08-09 + 30 = 09-08, a Monday, not moved", () =>
    givenWith(holidays, ...billing(addOption()))
      .when(stopOption())
      .then([
        expect.objectContaining({
          data: expect.objectContaining({
            effectiveOn: '2025-08-09',
            returnDue: { on: '2025-09-08', shiftedFrom: null },
          }),
        }),
      ]));

  it('the termination hands each item the deadline of the event that made it owed', () => {
    // The option stops on 2025-06-09 (notice 05-10): its unit is owed from then, by 07-09; the
    // device from the end 2025-07-31, by 08-30.
    const world = given(
      ...billing(
        addOption(),
        stopOption({ noticeArrivedOn: '2025-05-10' }),
        terminationNotice(),
        terminate(),
      ),
    ).world;
    const c = contract(world);
    expect(c.equipment.get('P1-SFP1')).toMatchObject({
      owedFrom: '2025-06-09',
      returnDue: { on: '2025-07-09', shiftedFrom: null },
    });
    expect(c.equipment.get('P1-D1')).toMatchObject({
      owedFrom: '2025-07-31',
      returnDue: { on: '2025-08-30', shiftedFrom: null },
    });
  });
});

describe('Issue 15: consent ids named after object properties', () => {
  it.each(PROTO_IDS)(
    'records consent %s and the move under it, then refuses the id again (CONSENT_EXISTS)',
    (id) => {
      given(...billing())
        .when(consent({ consentId: id }))
        .then([expect.objectContaining({ type: 'RelocationConsented' })]);
      given(...billing(consent({ consentId: id })))
        .when(relocate({ consentId: id }))
        .then([expect.objectContaining({ type: 'EquipmentRelocated' })]);
      given(...billing(consent({ consentId: id })))
        .when(consent({ consentId: id }))
        .thenRejects('CONSENT_EXISTS', 'Art. 14(1)(1)');
    },
  );

  it.each(PROTO_IDS)('refuses a move under consent %s that was never given', (id) =>
    given(...billing())
      .when(relocate({ consentId: id }))
      .thenRejects('RELOCATION_WITHOUT_CONSENT', 'Art. 14(1)(1)'),
  );
});

describe('Art. 14(1) the prohibited acts are recorded as facts, item by item', () => {
  it('records a lending of the equipment (Art. 14(1)(2))', () =>
    given(...billing())
      .when(prohibitedAct())
      .then([
        {
          type: 'ProhibitedActRecorded',
          data: {
            actId: 'A1',
            act: 'lend',
            itemIds: ['P1-D1'],
            observedOn: '2025-05-01',
            description: 'Lent to a neighbouring tenant',
          },
        },
      ]));

  it.each([
    ['disassemble', 'Art. 14(1)(1)'],
    ['transfer', 'Art. 14(1)(2)'],
    ['use-outside-japan', 'Art. 14(1)(3)'],
    ['careless-management', 'Art. 14(1)(4)'],
  ] as const)('cites the item %s breaks (%s) when it refuses', (act, article) =>
    given(...billing())
      .when(prohibitedAct({ act, itemIds: ['NOPE'] }))
      .thenRejects('ITEM_NOT_FOUND', article),
  );

  it('binds a lost item still, after the end too (Art. 16(3)(3)), and refuses an act id used before', () => {
    given(...terminated(reportLoss({ reportedOn: '2025-08-02' })))
      .when(prohibitedAct({ observedOn: '2025-09-01' }))
      .then([expect.objectContaining({ type: 'ProhibitedActRecorded' })]);
    given(...billing(prohibitedAct()))
      .when(prohibitedAct())
      .thenRejects('ACT_EXISTS', 'Art. 14(1)(2)');
  });
});

describe('Art. 14(2) equipment lost or damaged in breach: the contractor pays recovery or repair', () => {
  it('charges the repair of a device damaged in breach, as the provider bills it', () =>
    given(...billing())
      .when(chargeBreach())
      .then([
        {
          type: 'BreachRepairCostCharged',
          data: {
            chargeId: 'B1',
            itemIds: ['P1-D1'],
            harm: 'damaged',
            breach: 'disassemble',
            amount: 45000,
            occurredOn: '2025-05-01',
            chargedOn: '2025-05-10',
            description: 'Case opened, board cracked',
          },
        },
      ]));

  it('charges after the end too, but not before the harm, nor twice under one id', () => {
    given(...terminated())
      .when(chargeBreach({ chargedOn: '2025-09-10' }))
      .then([expect.objectContaining({ type: 'BreachRepairCostCharged' })]);
    given(...billing())
      .when(chargeBreach({ chargedOn: '2025-04-30' }))
      .thenRejects('CHARGE_BEFORE_HARM', 'Art. 14(2)');
    given(...billing(chargeBreach()))
      .when(chargeBreach())
      .thenRejects('BREACH_CHARGE_EXISTS', 'Art. 14(2)');
  });

  // Art. 16(2)'s loss charge is 「亡失品の回復に要する費用」: the recovery of a lost item is charged once.
  it('does not charge the recovery of a lost item twice: under Art. 16(2) and 14(2)', () => {
    const lost = chargeBreach({ harm: 'lost', breach: 'careless-management', chargedOn: '2025-05-12' });
    given(...billing(reportLoss(), quoteLossCharge()))
      .when(lost)
      .thenRejects('DOUBLE_RECOVERY', 'Art. 14(2); Art. 16(2)');
    given(...billing(reportLoss(), lost))
      .when(quoteLossCharge({ quotedOn: '2025-05-20' }))
      .thenRejects('DOUBLE_RECOVERY', 'Art. 14(2); Art. 16(2)');
  });
});
