import { maintenanceOn } from '../../src/aggregates';
import { catalogEditionOn, SHIPPED_CATALOG } from '../../src/terms/provider-catalog';
import { acceptChild, acceptParent, P, recordCost, registerNetwork } from './fixtures';
import { given, history, told } from './support';

const models = catalogEditionOn(SHIPPED_CATALOG, '2025-04-01')!.models;
const currentVpnModels = models
  .filter((m) => m.role === 'vpn-device' && m.status === 'current')
  .map((m) => m.model);
const switchModels = models.filter((m) => m.role === 'switch').map((m) => m.model);

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

  // Art. 3 lists the three Catalyst models among the 機器種別; Art. 9(1) counts the private switch's
  // model among them too. The ledger's reading: they are switch models (a named policy).
  it.each(switchModels)(
    'knows the Art. 3 model %s, and refuses it as the VPN device: a private-switch model (Art. 3, 9(1))',
    (deviceModel) => {
      const when = given(...history(registerNetwork())).when(acceptParent({ deviceModel }));
      when.thenRejects('SWITCH_MODEL_NOT_A_VPN_DEVICE', 'Art. 3; Art. 9(1)');
      const r = when.decision;
      expect(!r.ok && told(r.rejection).message).toContain('policy art-3-catalyst-models-are-switch-models');
      expect(!r.ok && told(r.rejection).message).toContain('listed in Art. 3');
    },
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

describe('Annex 1 §3(1): travel costs belong to Type 2 maintenance', () => {
  // 「第4条に定める保守に関する種別がタイプ2の場合において…交通費等の実費」. A Cisco contract of 2008 on
  // Type 1 is read as Type 2 from 2010-02-01 (supplementary provisions 2010-02-01).
  const type1In2008 = () =>
    history(
      registerNetwork({ registeredOn: '2008-05-01' }),
      acceptParent({ deviceModel: 'Cisco 1812J', acceptedOn: '2008-05-01', maintenanceType: 'type-1' }),
    );

  it('refuses travel costs while the contract is under Type 1', () =>
    given(...type1In2008())
      .when(recordCost({ incurredOn: '2009-06-01' }))
      .thenRejects('TRAVEL_NOT_TYPE_2', 'Annex 1 §3(1); Art. 4'));

  it('records them once it is Type 2 (from 2010-02-01)', () =>
    given(...type1In2008())
      .when(recordCost({ incurredOn: '2010-02-01' }))
      .then([expect.objectContaining({ type: 'OneTimeCostRecorded' })]));

  it('records special installation work on Type 1 as well (the clause ties travel to Type 2)', () =>
    given(...type1In2008())
      .when(recordCost({ cost: 'special-installation-work', incurredOn: '2009-06-01' }))
      .then([expect.objectContaining({ type: 'OneTimeCostRecorded' })]));
});
