import { maintenanceOn } from '../../src/aggregates';
import { DEVICE_MODELS, MODEL_SPECS } from '../../src/terms/catalog';
import { acceptChild, acceptParent, P, registerNetwork } from './fixtures';
import { given, history } from './support';

const currentVpnModels = DEVICE_MODELS.filter(
  (m) => MODEL_SPECS[m].role === 'vpn-device' && MODEL_SPECS[m].status === 'current',
);
const switchModels = DEVICE_MODELS.filter((m) => MODEL_SPECS[m].role === 'switch');

describe('Art. 3 device models', () => {
  it.each(currentVpnModels)('accepts a contract with a %s', (deviceModel) =>
    given(...history(registerNetwork()))
      .when(acceptParent({ deviceModel }))
      .then([
        expect.objectContaining({ type: 'SiteJoined' }),
        expect.objectContaining({
          type: 'ApplicationAccepted',
          data: expect.objectContaining({
            deviceModel,
            equipment: [{ itemId: 'P1-D1', kind: 'vpn-device', model: deviceModel }],
          }),
        }),
      ]),
  );

  it.each(switchModels)(
    'refuses the switch %s as the VPN device (it is a private-switch model)',
    (deviceModel) =>
      given(...history(registerNetwork()))
        .when(acceptParent({ deviceModel }))
        .thenRejects('UNKNOWN_DEVICE_MODEL', 'Art. 3'),
  );

  it('refuses a model the catalog does not know', () =>
    given(...history(registerNetwork()))
      .when(acceptParent({ deviceModel: 'Juniper SRX300' }))
      .thenRejects('UNKNOWN_DEVICE_MODEL', 'Art. 3'));

  it('accepts a legacy model of the catalog for an old contract (NetScreen, 2008)', () =>
    given(...history(registerNetwork({ registeredOn: '2008-05-01' })))
      .when(
        acceptParent({ deviceModel: 'NetScreen-25', acceptedOn: '2008-05-01', maintenanceType: 'type-1' }),
      )
      .then([
        expect.objectContaining({ type: 'SiteJoined' }),
        expect.objectContaining({ type: 'ApplicationAccepted' }),
      ]));
});

describe('Art. 4 maintenance type: Type 2 only today', () => {
  it('accepts Type 2, read as Type 2 on any date', () =>
    given(...history(registerNetwork()))
      .when(acceptParent({ maintenanceType: 'type-2' }))
      .then(
        [
          expect.objectContaining({ type: 'SiteJoined' }),
          expect.objectContaining({ type: 'ApplicationAccepted' }),
        ],
        (world) => {
          const c = world.contract(P);
          if (c.status === 'none') throw new Error('not accepted');
          expect(maintenanceOn(c, '2030-01-01')).toMatchObject({ type: 'type-2', article: 'Art. 4' });
        },
      ));

  it('refuses Type 1 in an application of 2025', () =>
    given(...history(registerNetwork()))
      .when(acceptParent({ maintenanceType: 'type-1' }))
      .thenRejects('MAINTENANCE_TYPE_UNAVAILABLE', 'Art. 4'));

  it('refuses Type 1 for a child application too', () =>
    given(...history(registerNetwork(), acceptParent()))
      .when(acceptChild({ maintenanceType: 'type-1' }))
      .thenRejects('MAINTENANCE_TYPE_UNAVAILABLE', 'Art. 4'));
});
