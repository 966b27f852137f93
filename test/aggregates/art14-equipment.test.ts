import {
  acceptModelChange,
  acceptParent,
  addOption,
  billing,
  completeModelChange,
  consent,
  P,
  PROTO_IDS,
  registerNetwork,
  relocate,
  returnEquipment,
  stopOption,
  terminated,
  terminationNotice,
} from './fixtures';
import { given, history, type World } from './support';

const contract = (world: World) => {
  const c = world.contract(P);
  if (c.status === 'none') throw new Error('not accepted');
  return c;
};

describe('Art. 14(1) equipment moves only with consent, and never leaves Japan', () => {
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
      .thenRejects('EQUIPMENT_OUTSIDE_JAPAN', 'Art. 14(1)'));

  it('refuses a site outside Japan at application', () =>
    given(...history(registerNetwork()))
      .when(acceptParent({ site: { country: 'US', text: 'San Jose, CA' } }))
      .thenRejects('SITE_OUTSIDE_JAPAN', 'Art. 14(1)'));

  it('refuses a consent for an item not in use', () =>
    given(...billing(acceptModelChange(), completeModelChange()))
      .when(consent({ consentedOn: '2025-07-01' }))
      .thenRejects('ITEM_NOT_HELD', 'Art. 14(1)'));

  it('records the move made under a consent; the item is now at the new address', () =>
    given(...billing(consent()))
      .when(relocate())
      .then([{ type: 'EquipmentRelocated', data: { consentId: 'R1', relocatedOn: '2025-05-05' } }], (world) =>
        expect(contract(world).equipment.get('P1-D1')?.location).toEqual({
          country: 'JP',
          text: 'Tokyo, Minato-ku 3-3',
        }),
      ));

  it('refuses a move without a consent', () =>
    given(...billing())
      .when(relocate({ consentId: 'R-unknown' }))
      .thenRejects('RELOCATION_WITHOUT_CONSENT', 'Art. 14(1)'));

  it('refuses a move before the consent', () =>
    given(...billing(consent()))
      .when(relocate({ relocatedOn: '2025-04-30' }))
      .thenRejects('RELOCATION_BEFORE_CONSENT', 'Art. 14(1)'));

  it('refuses a second move on the same consent', () =>
    given(...billing(consent(), relocate()))
      .when(relocate({ relocatedOn: '2025-06-01' }))
      .thenRejects('CONSENT_ALREADY_USED', 'Art. 14(1)'));

  it('refuses a consent id used before', () =>
    given(...billing(consent()))
      .when(consent())
      .thenRejects('CONSENT_EXISTS', 'Art. 14(1)'));
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
        .thenRejects('CONSENT_EXISTS', 'Art. 14(1)');
    },
  );

  it.each(PROTO_IDS)('refuses a move under consent %s that was never given', (id) =>
    given(...billing())
      .when(relocate({ consentId: id }))
      .thenRejects('RELOCATION_WITHOUT_CONSENT', 'Art. 14(1)'),
  );
});
