import { maintenanceOn, occurredAt } from '../../src/aggregates';
import { editionOn } from '../../src/terms/editions';
import {
  acceptChild,
  acceptModelChange,
  acceptParent,
  completeModelChange,
  P,
  registerNetwork,
  startBilling,
} from './fixtures';
import { given, history, recordedTermStarts, type World } from './support';

const contract = (world: World) => {
  const c = world.contract(P);
  if (c.status === 'none') throw new Error('not accepted');
  return c;
};

const network2008 = registerNetwork({ registeredOn: '2008-05-01' });
const type1 = (deviceModel: string, acceptedOn: string) =>
  acceptParent({ maintenanceType: 'type-1', deviceModel, acceptedOn });

describe('Supplementary provisions 2010-02-01 and 2010-04-01: maintenance Type 1', () => {
  it('accepts a Type-1 application of 2008, under the edition of its time', () => {
    const command = type1('Cisco 1812J', '2008-05-10');
    expect(editionOn(occurredAt(command).slice(0, 10))).toBe('2008-04-01');
    given(...history(network2008))
      .when(command)
      .then([
        expect.objectContaining({ type: 'SiteJoined' }),
        expect.objectContaining({
          type: 'ApplicationAccepted',
          data: expect.objectContaining({ maintenanceType: 'type-1' }),
        }),
      ]);
  });

  it('accepts Type 1 on the last day before the abolition (2010-01-31)', () =>
    given(...history(network2008))
      .when(type1('Cisco 1812J', '2010-01-31'))
      .then([
        expect.objectContaining({ type: 'SiteJoined' }),
        expect.objectContaining({ type: 'ApplicationAccepted' }),
      ]));

  it.each(['2010-02-01', '2010-03-15'])('refuses a Type-1 application on %s', (acceptedOn) =>
    given(...history(network2008))
      .when(type1('Cisco 1812J', acceptedOn))
      .thenRejects('MAINTENANCE_TYPE_UNAVAILABLE', 'Art. 4'),
  );

  it('refuses Type 1 for NetScreen too after 2010-02-01: the proviso keeps old contracts, it opens no new ones', () =>
    given(...history(network2008))
      .when(type1('NetScreen-50', '2010-03-01'))
      .thenRejects('MAINTENANCE_TYPE_UNAVAILABLE', 'Art. 4'));

  it('reads a 2008 Type-1 contract as Type 2 at its old price from 2010-02-01', () =>
    given(...history(network2008))
      .when(type1('Cisco 1812J', '2008-05-10'))
      .then([expect.anything(), expect.anything()], (world) => {
        const c = contract(world);
        expect(maintenanceOn(c, '2010-01-31').type).toBe('type-1');
        expect(maintenanceOn(c, '2010-02-01')).toMatchObject({ type: 'type-2', priceBasis: 'contracted' });
      }));

  it('keeps a NetScreen Type-1 contract on Type 1 until 2010-03-31, then Type 2 at the old price', () =>
    given(...history(network2008))
      .when(type1('NetScreen-25', '2008-05-10'))
      .then([expect.anything(), expect.anything()], (world) => {
        const c = contract(world);
        expect(maintenanceOn(c, '2010-03-31')).toMatchObject({
          type: 'type-1',
          article: 'Supplementary provisions 2010-02-01, para. 3 proviso',
        });
        expect(maintenanceOn(c, '2010-04-01')).toMatchObject({ type: 'type-2', priceBasis: 'contracted' });
      }));

  it('replays a 2008 NetScreen contract through a model change to a Cisco 891FJ (Annex 4)', () =>
    given(
      ...history(
        network2008,
        type1('NetScreen-25', '2008-05-10'),
        acceptChild({ acceptedOn: '2008-05-10', deviceModel: 'NetScreen-5GT', maintenanceType: 'type-1' }),
        startBilling({ billingStartOn: '2008-06-01' }),
        acceptModelChange({ toModel: 'Cisco 891FJ', acceptedOn: '2012-04-01' }),
      ),
    )
      .when(completeModelChange({ billingStartOn: '2012-05-01' }))
      .then([expect.objectContaining({ type: 'ModelChangeCompleted' })], (world) => {
        const c = contract(world);
        expect(c.deviceModel).toBe('Cisco 891FJ');
        expect(c.maintenanceType).toBe('type-1');
        expect(maintenanceOn(c, '2012-05-01').type).toBe('type-2');
        expect(recordedTermStarts(world, P).map((t) => t.startOn)).toEqual(['2008-06-01', '2012-05-01']);
      }));
});

describe('Supplementary provisions 2010: the NetScreen proviso follows the model in use on the day', () => {
  // 機器種別をNetScreenとする契約 keep Type 1 until 2010-03-31. This one changes to a Cisco 891FJ,
  // billed from 2010-03-01: from that day it is no longer a NetScreen contract, and Type 1 was
  // abolished on 2010-02-01 for every other model.
  const changed = () =>
    given(
      ...history(
        network2008,
        type1('NetScreen-25', '2008-05-10'),
        acceptChild({ acceptedOn: '2008-05-10', deviceModel: 'NetScreen-5GT', maintenanceType: 'type-1' }),
        startBilling({ billingStartOn: '2008-06-01' }),
        acceptModelChange({ toModel: 'Cisco 891FJ', acceptedOn: '2010-02-10' }),
        completeModelChange({ billingStartOn: '2010-03-01' }),
      ),
    ).world;

  it('is Type 1 (NetScreen proviso) on 2010-02-15, while the NetScreen was in use', () =>
    expect(maintenanceOn(contract(changed()), '2010-02-15')).toMatchObject({
      type: 'type-1',
      article: 'Supplementary provisions 2010-02-01, para. 3 proviso',
    }));

  it('is Type 2 at the old price from the change on 2010-03-01, not Type 1 under the NetScreen proviso', () =>
    expect(maintenanceOn(contract(changed()), '2010-03-15')).toMatchObject({
      type: 'type-2',
      article: 'Supplementary provisions 2010-02-01, para. 2-3',
    }));
});
