import {
  acceptChild,
  accepted,
  acceptParent,
  C,
  CHILD_HOLDER,
  contractorSetup,
  environmentNotice,
  HOLDER,
  NET,
  P,
  registerNetwork,
  serviceImpeded,
  startBilling,
  terminate,
  terminationNotice,
} from './fixtures';
import { given, history, inNetwork } from './support';

/** A closed-monitoring child contract M1: no device of its own. */
const monitoring = (o: Parameters<typeof acceptChild>[0] = {}) =>
  acceptChild({
    contractId: 'M1',
    item: 'closed-monitoring',
    deviceModel: null,
    deviceItemIds: [],
    lanSubnets: [],
    ...o,
  });

describe('Art. 8(1) the service needs a parent and at least one child', () => {
  it('starts billing once the network has its parent and a child', () =>
    given(...accepted())
      .when(startBilling())
      .then([{ type: 'BillingStarted', data: { outagesCounted: [], billingStartOn: '2025-04-15' } }]));

  it("refuses to start the parent's billing while no child has joined", () =>
    given(...history(registerNetwork(), acceptParent()))
      .when(startBilling())
      .thenRejects('NETWORK_INCOMPLETE', 'Art. 8(1)'));

  it("refuses to start a child's billing while the parent contract is not accepted", () =>
    given(...history(registerNetwork(), acceptChild()))
      .when(startBilling({ contractId: C }))
      .thenRejects('NETWORK_INCOMPLETE', 'Art. 8(1)'));

  it('refuses a billing start when the only child has left the network', () =>
    given(
      ...history(
        registerNetwork(),
        acceptParent(),
        acceptChild(),
        startBilling({ contractId: C }),
        terminationNotice({ contractId: C, noticeArrivedOn: '2025-05-01' }),
        terminate({ contractId: C, effectiveOn: '2025-05-31' }),
      ),
    )
      .when(startBilling({ contractId: P, billingStartOn: '2025-06-01' }))
      .thenRejects('NETWORK_INCOMPLETE', 'Art. 8(1)'));
});

describe('Art. 8(2)(4) closed monitoring rides on a network of another item', () => {
  it('accepts a closed-monitoring contract in a star/edge network', () =>
    given(...accepted())
      .when(
        acceptChild({
          contractId: 'M1',
          item: 'closed-monitoring',
          deviceModel: null,
          deviceItemIds: [],
          lanSubnets: [],
        }),
      )
      .then([
        expect.objectContaining({ type: 'SiteJoined' }),
        expect.objectContaining({ type: 'ApplicationAccepted' }),
      ]));

  it('refuses a closed-monitoring contract that lists devices of its own', () =>
    given(...accepted())
      .when(
        acceptChild({
          contractId: 'M1',
          item: 'closed-monitoring',
          deviceModel: null,
          deviceItemIds: ['M1-D1'],
          lanSubnets: [],
        }),
      )
      .thenRejects('DEVICE_COUNT', 'Art. 2'));

  // Art. 2: クローズドモニタリング provides monitoring 「上記の品目によって構成されるVPN網のうち、閉域網回線を
  // 終端するVPN機器に対し」: it watches the devices of a network the other items build.
  it('refuses a device model for closed monitoring: it has no VPN device of its own', () =>
    given(...accepted())
      .when(monitoring({ deviceModel: 'Cisco ISR 4351' }))
      .thenRejects('DEVICE_MODEL_NOT_APPLICABLE', 'Art. 2'));

  it('refuses closed monitoring as the parent contract of a network', () =>
    given(...history(registerNetwork({ parentContractId: 'M1' })))
      .when(monitoring({ contractType: 'parent', contractorId: HOLDER }))
      .thenRejects('CLOSED_MONITORING_NOT_PARENT', 'Art. 1; Art. 2'));

  it('requires a device model of every other item', () =>
    given(...accepted())
      .when(acceptChild({ contractId: 'C2', deviceModel: null, lanSubnets: ['192.168.3.0/24'] }))
      .thenRejects('DEVICE_MODEL_REQUIRED', 'Art. 2; Art. 3'));
});

describe('Art. 8(1) closed monitoring is not the child the service needs', () => {
  it('refuses to start billing when the only child is closed monitoring', () =>
    given(...history(registerNetwork(), acceptParent(), monitoring()))
      .when(startBilling())
      .thenRejects('NETWORK_INCOMPLETE', 'Art. 8(1)'));

  it('starts billing once a child with devices joins beside it', () =>
    given(...history(registerNetwork(), acceptParent(), monitoring(), acceptChild()))
      .when(startBilling())
      .then([{ type: 'BillingStarted', data: { outagesCounted: [], billingStartOn: '2025-04-15' } }]));

  it('counts a child that joined before SiteJoined recorded the item (v1, item null), as it was counted then', () =>
    given(
      ...history(registerNetwork(), acceptParent()),
      inNetwork(NET, {
        type: 'SiteJoined',
        data: {
          contractId: C,
          contractType: 'child',
          item: null,
          contractorId: CHILD_HOLDER,
          lanSubnets: [],
          joinedOn: '2025-04-01',
        },
      }),
    )
      .when(startBilling())
      .then([{ type: 'BillingStarted', data: { outagesCounted: [], billingStartOn: '2025-04-15' } }]));
});

describe('Art. 8(2)-(4) the contractor sets up its side, tells its settings, or the service may not be provided', () => {
  it('records a set-up duty done, citing its item (Art. 8(2)(3): power and space)', () =>
    given(...accepted())
      .when(contractorSetup())
      .then([
        {
          type: 'ContractorSetupRecorded',
          data: {
            setupId: 'S1',
            duty: 'power-and-space',
            status: 'done',
            recordedOn: '2025-04-10',
            description: 'Rack space and two outlets ready',
          },
        },
      ]));

  it('refuses the monitoring line of Art. 8(2)(4) for a contract that is not closed monitoring', () =>
    given(...accepted())
      .when(contractorSetup({ duty: 'closed-monitoring-line' }))
      .thenRejects('NOT_CLOSED_MONITORING', 'Art. 8(2)(4)'));

  it('records the monitoring line for a closed-monitoring contract', () =>
    given(...accepted(monitoring()))
      .when(contractorSetup({ contractId: 'M1', duty: 'closed-monitoring-line' }))
      .then([expect.objectContaining({ type: 'ContractorSetupRecorded' })]));

  it('records a change of the environment settings the contractor notified (Art. 8(3))', () =>
    given(...accepted())
      .when(environmentNotice())
      .then([expect.objectContaining({ type: 'EnvironmentSettingsNotified' })]));

  it('records from when the service cannot be provided for a duty not met (Art. 8(4))', () =>
    given(...accepted())
      .when(serviceImpeded())
      .then([
        {
          type: 'ServiceImpeded',
          data: {
            impedimentId: 'IM1',
            duty: 'environment-settings',
            from: '2025-05-02',
            description: 'Carrier settings not disclosed',
          },
        },
      ]));

  it('refuses ids used before', () => {
    given(...accepted(contractorSetup()))
      .when(contractorSetup())
      .thenRejects('SETUP_EXISTS', 'Art. 8(2)(3)');
    given(...accepted(environmentNotice()))
      .when(environmentNotice())
      .thenRejects('NOTICE_EXISTS', 'Art. 8(3)');
    given(...accepted(serviceImpeded()))
      .when(serviceImpeded())
      .thenRejects('IMPEDIMENT_EXISTS', 'Art. 8(4)');
  });
});
