import { DEFAULT_TERMS_CONFIG } from '../../src/aggregates';
import {
  acceptChild,
  acceptModelChange,
  acceptParent,
  addOption,
  billing,
  C,
  completeModelChange,
  P,
  PROTO_IDS,
  quoteLossCharge,
  recordFound,
  registerNetwork,
  reportLoss,
  returnEquipment,
  shipReplacement,
  startBilling,
  stopOption,
  terminate,
  terminated,
  terminationNotice,
} from './fixtures';
import { given, givenWith, historyWith, type World } from './support';

const contract = (world: World) => {
  const c = world.contract(P);
  if (c.status === 'none') throw new Error('not accepted');
  return c;
};

const notReturned = (o: Parameters<typeof quoteLossCharge>[0] = {}) =>
  quoteLossCharge({ lossId: 'NR1', reason: 'not-returned', quotedOn: '2025-08-31', ...o });

describe('Art. 16(1) a loss is reported and a replacement shipped', () => {
  it('records the loss; the item is lost', () =>
    given(...billing())
      .when(reportLoss())
      .then(
        [
          {
            type: 'LossReported',
            data: {
              lossId: 'L1',
              itemId: 'P1-D1',
              reportedOn: '2025-05-01',
              circumstances: 'Stolen during office move',
            },
          },
        ],
        (world) => expect(contract(world).equipment.get('P1-D1')?.status).toBe('lost'),
      ));

  it('refuses a loss of an item already returned', () =>
    given(...terminated(returnEquipment()))
      .when(reportLoss({ reportedOn: '2025-09-10' }))
      .thenRejects('ITEM_NOT_HELD', 'Art. 16(1)'));

  it('refuses a loss id used before', () =>
    given(...billing(reportLoss()))
      .when(reportLoss())
      .thenRejects('LOSS_EXISTS', 'Art. 16(1)'));

  it('ships a replacement of the same model, which is then in use', () =>
    given(...billing(reportLoss()))
      .when(shipReplacement())
      .then(
        [
          {
            type: 'ReplacementShipped',
            data: {
              lossId: 'L1',
              replacement: { itemId: 'P1-D9', kind: 'vpn-device', model: 'Cisco ISR 4351' },
              shippedOn: '2025-05-02',
            },
          },
        ],
        (world) => expect(contract(world).equipment.get('P1-D9')?.status).toBe('held'),
      ));

  it('refuses a replacement of another model', () =>
    given(...billing(reportLoss()))
      .when(
        shipReplacement({ replacement: { itemId: 'P1-D9', kind: 'vpn-device', model: 'Cisco ASR 1001-X' } }),
      )
      .thenRejects('REPLACEMENT_MISMATCH', 'Art. 16(1)'));

  it('refuses a replacement for an unknown loss, a second one, or one shipped before the report', () => {
    given(...billing())
      .when(shipReplacement())
      .thenRejects('LOSS_NOT_FOUND', 'Art. 16(1)');
    given(...billing(reportLoss(), shipReplacement()))
      .when(
        shipReplacement({ replacement: { itemId: 'P1-D8', kind: 'vpn-device', model: 'Cisco ISR 4351' } }),
      )
      .thenRejects('REPLACEMENT_ALREADY_SHIPPED', 'Art. 16(1)');
    given(...billing(reportLoss()))
      .when(shipReplacement({ shippedOn: '2025-04-30' }))
      .thenRejects('REPLACEMENT_BEFORE_REPORT', 'Art. 16(1)');
  });

  it('ships no replacement for an item lost after the contract ended (it was only owed back)', () =>
    given(...terminated(reportLoss({ reportedOn: '2025-08-10' })))
      .when(shipReplacement({ shippedOn: '2025-08-11' }))
      .thenRejects('REPLACEMENT_NOT_DUE', 'Art. 16(1)'));
});

describe('Art. 16(2) the loss charge, whatever the reason', () => {
  it('quotes the charge of a reported loss', () =>
    given(...billing(reportLoss()))
      .when(quoteLossCharge())
      .then([
        {
          type: 'LossChargeQuoted',
          data: {
            lossId: 'L1',
            itemId: 'P1-D1',
            amount: 180000,
            reason: 'reported-loss',
            quotedOn: '2025-05-10',
          },
        },
      ]));

  it('refuses a second charge for the same loss', () =>
    given(...billing(reportLoss(), quoteLossCharge()))
      .when(quoteLossCharge({ quotedOn: '2025-05-11' }))
      .thenRejects('LOSS_CHARGE_ALREADY_QUOTED', 'Art. 16(2)'));

  it('refuses a charge naming another item than the loss', () =>
    given(...billing(reportLoss()))
      .when(quoteLossCharge({ itemId: 'P1-D2' }))
      .thenRejects('LOSS_ITEM_MISMATCH', 'Art. 16(2)'));

  it('refuses a reported-loss charge without a report', () =>
    given(...billing())
      .when(quoteLossCharge())
      .thenRejects('LOSS_NOT_FOUND', 'Art. 16(2)'));

  it('deems lost an item not returned within 30 days of the end, and charges it', () =>
    given(...terminated())
      .when(notReturned())
      .then(
        [
          {
            type: 'LossChargeQuoted',
            data: {
              lossId: 'NR1',
              itemId: 'P1-D1',
              amount: 180000,
              reason: 'not-returned',
              quotedOn: '2025-08-31',
            },
          },
        ],
        (world) => {
          const c = contract(world);
          expect(c.equipment.get('P1-D1')).toMatchObject({ status: 'lost', lossId: 'NR1' });
          expect(c.losses.get('NR1')).toMatchObject({
            reason: 'not-returned',
            reportedOn: null,
            replacementDue: false,
          });
        },
      ));

  it('does not deem lost on the 30th day: the item may still come back (end 2025-07-31, last day 2025-08-30)', () =>
    given(...terminated())
      .when(notReturned({ quotedOn: '2025-08-30' }))
      .thenRejects('RETURN_NOT_OVERDUE', 'Art. 14(3)'));

  it('reads the deadline the termination notice recorded, moved past a holiday and a Sunday under Art. 142', () => {
    const holidays = {
      ...DEFAULT_TERMS_CONFIG,
      holidayPolicy: { enabled: true as const, holidays: ['2025-08-30'], sundays: true },
    };
    // Notice 2025-07-01 → effective 07-31 → back by 07-31 + 30 = 08-30, which is listed, and 08-31 is
    // a Sunday: the notice, decided under the policy, recorded Monday 09-01.
    const endedUnderPolicy = historyWith(
      holidays,
      registerNetwork(),
      acceptParent(),
      acceptChild(),
      startBilling(),
      startBilling({ contractId: C }),
      terminationNotice(),
      terminate(),
    );
    given(...endedUnderPolicy)
      .when(notReturned({ quotedOn: '2025-09-01' }))
      .thenRejects('RETURN_NOT_OVERDUE', 'Art. 14(3)');
    given(...endedUnderPolicy)
      .when(notReturned({ quotedOn: '2025-09-02' }))
      .then([expect.objectContaining({ type: 'LossChargeQuoted' })]);
    // Decided once: a policy switched on after the notice does not move the day it recorded (08-30).
    givenWith(holidays, ...terminated())
      .when(notReturned({ quotedOn: '2025-08-31' }))
      .then([expect.objectContaining({ type: 'LossChargeQuoted' })]);
  });

  it('deems lost the old unit of a model change not returned within 30 days of the change', () =>
    given(...billing(acceptModelChange(), completeModelChange()))
      .when(notReturned({ quotedOn: '2025-07-21' }))
      .then([expect.objectContaining({ type: 'LossChargeQuoted' })]));

  it('does not deem lost an item in use, or one returned in time', () => {
    given(...billing())
      .when(notReturned())
      .thenRejects('ITEM_NOT_OWED', 'Art. 14(3)');
    // Ended 2025-07-31: back by 07-31 + 30 days = 08-30. Returned on the last day: in time.
    given(...terminated(returnEquipment({ returnedOn: '2025-08-30' })))
      .when(notReturned({ quotedOn: '2025-09-05' }))
      .thenRejects('ITEM_NOT_OWED', 'Art. 14(3)');
  });

  it('gives a not-returned item a loss id of its own', () =>
    given(...terminated(reportLoss({ reportedOn: '2025-08-01' })))
      .when(notReturned({ lossId: 'L1' }))
      .thenRejects('LOSS_EXISTS', 'Art. 16(2)'));
});

describe('Art. 16(3) a lost item found again: no refund, and it may go back', () => {
  it('records the find; the charge stays', () =>
    given(...billing(reportLoss(), quoteLossCharge()))
      .when(recordFound())
      .then(
        [{ type: 'LostItemFound', data: { lossId: 'L1', itemId: 'P1-D1', foundOn: '2025-06-01' } }],
        (world) => {
          const c = contract(world);
          expect(c.losses.get('L1')?.charge).toEqual({ amount: 180000, quotedOn: '2025-05-10' });
          expect(c.equipment.get('P1-D1')?.status).toBe('found');
        },
      ));

  it('takes back a found item without undoing the charge', () =>
    given(...billing(reportLoss(), quoteLossCharge(), recordFound()))
      .when(returnEquipment({ returnedOn: '2025-06-05' }))
      .then([{ type: 'EquipmentReturned', data: { itemIds: ['P1-D1'], returnedOn: '2025-06-05' } }]));

  it('records the find of an item deemed lost for not being returned, even after the end', () =>
    given(...terminated(notReturned()))
      .when(recordFound({ lossId: 'NR1', foundOn: '2025-09-10' }))
      .then([{ type: 'LostItemFound', data: { lossId: 'NR1', itemId: 'P1-D1', foundOn: '2025-09-10' } }]));

  it('refuses the return of a lost item not recorded found', () =>
    given(...terminated(notReturned()))
      .when(returnEquipment({ returnedOn: '2025-09-10' }))
      .thenRejects('ITEM_LOST', 'Art. 16(3)'));

  it('refuses a second find, a find of an unknown loss, and a find before the loss', () => {
    given(...billing(reportLoss(), recordFound()))
      .when(recordFound())
      .thenRejects('LOST_ITEM_ALREADY_FOUND', 'Art. 16(3)');
    given(...billing())
      .when(recordFound())
      .thenRejects('LOSS_NOT_FOUND', 'Art. 16(3)');
    given(...billing(reportLoss()))
      .when(recordFound({ foundOn: '2025-04-20' }))
      .thenRejects('FOUND_BEFORE_LOSS', 'Art. 16(3)');
  });
});

describe('Art. 16(2) with 14(3): a late return does not cancel the loss (「事由の如何を問わず」)', () => {
  // Ended 2025-07-31: back by 07-31 + 30 days = 08-30. Returned on 09-01, day 32 after the end.
  it('quotes the loss charge for an item returned late, when the return is recorded first', () =>
    given(...terminated(returnEquipment({ returnedOn: '2025-09-01' })))
      .when(notReturned({ quotedOn: '2025-09-05' }))
      .then(
        [
          {
            type: 'LossChargeQuoted',
            data: {
              lossId: 'NR1',
              itemId: 'P1-D1',
              amount: 180000,
              reason: 'not-returned',
              quotedOn: '2025-09-05',
            },
          },
        ],
        // The item stays returned; the charge is not refunded for the return (Art. 16(3)(2)).
        (world) =>
          expect(contract(world).equipment.get('P1-D1')).toMatchObject({ status: 'returned', lossId: 'NR1' }),
      ));

  it('quotes it however late the return, but never before the deadline has passed', () => {
    given(...terminated(returnEquipment({ returnedOn: '2025-08-31' })))
      .when(notReturned({ quotedOn: '2025-08-31' }))
      .then([expect.objectContaining({ type: 'LossChargeQuoted' })]);
    given(...terminated(returnEquipment({ returnedOn: '2025-09-01' })))
      .when(notReturned({ quotedOn: '2025-08-30' }))
      .thenRejects('RETURN_NOT_OVERDUE', 'Art. 14(3)');
  });

  it('the other order gives the same charge: quoted on 08-31, then the item found and returned', () =>
    given(
      ...terminated(
        notReturned({ quotedOn: '2025-08-31' }),
        recordFound({ lossId: 'NR1', foundOn: '2025-09-01' }),
      ),
    )
      .when(returnEquipment({ returnedOn: '2025-09-01' }))
      .then([{ type: 'EquipmentReturned', data: { itemIds: ['P1-D1'], returnedOn: '2025-09-01' } }]));

  it("an option's unit returned after its stop's deadline counts as lost too", () =>
    // The option stops on 2025-06-09 (notice 05-10): back by 06-09 + 30 = 07-09; returned 07-10.
    given(
      ...billing(
        addOption(),
        stopOption({ noticeArrivedOn: '2025-05-10' }),
        returnEquipment({ itemIds: ['P1-SFP1'], returnedOn: '2025-07-10' }),
      ),
    )
      .when(notReturned({ itemId: 'P1-SFP1', quotedOn: '2025-07-15' }))
      .then([expect.objectContaining({ type: 'LossChargeQuoted' })]));
});

describe('Issue 15: loss and item ids named after object properties', () => {
  it.each(PROTO_IDS)(
    'records loss %s and its replacement %s, then refuses the loss id again (LOSS_EXISTS)',
    (id) => {
      given(...billing())
        .when(reportLoss({ lossId: id }))
        .then([expect.objectContaining({ type: 'LossReported' })]);
      given(...billing(reportLoss({ lossId: id })))
        .when(
          shipReplacement({
            lossId: id,
            replacement: { itemId: id, kind: 'vpn-device', model: 'Cisco ISR 4351' },
          }),
        )
        .then([expect.objectContaining({ type: 'ReplacementShipped' })]);
      given(...billing(reportLoss({ lossId: id })))
        .when(reportLoss({ lossId: id }))
        .thenRejects('LOSS_EXISTS', 'Art. 16(1)');
      given(...terminated())
        .when(notReturned({ lossId: id }))
        .then([expect.objectContaining({ type: 'LossChargeQuoted' })]);
      given(...terminated(notReturned({ lossId: id })))
        .when(notReturned({ lossId: id, itemId: 'P1-D1' }))
        .thenRejects('LOSS_EXISTS', 'Art. 16(2)');
    },
  );

  it.each(PROTO_IDS)('refuses a replacement for loss %s that was never reported (LOSS_NOT_FOUND)', (id) =>
    given(...billing())
      .when(shipReplacement({ lossId: id }))
      .thenRejects('LOSS_NOT_FOUND', 'Art. 16(1)'),
  );
});
