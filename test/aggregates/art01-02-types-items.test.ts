import { deviceCount } from '../../src/terms/catalog';
import {
  acceptChild,
  accepted,
  acceptParent,
  C,
  CHILD_HOLDER,
  HOLDER,
  NET,
  OSAKA,
  P,
  PROTO_IDS,
  registerNetwork,
  startBilling,
  TOKYO,
} from './fixtures';
import { given, history } from './support';

describe('Art. 1 types: one parent contract and child contracts up to the limit', () => {
  it('registers a network with its parent contract and the default child-site limit', () =>
    given()
      .when(registerNetwork())
      .then([
        {
          type: 'NetworkRegistered',
          data: {
            networkId: NET,
            parentContractId: P,
            parentHolderId: HOLDER,
            item: 'single-star-single-edge',
            childSiteLimit: 100,
            registeredOn: '2025-03-01',
          },
        },
      ]));

  it('refuses to register the same network twice (Art. 22(3): one parent per VPN)', () =>
    given(...history(registerNetwork()))
      .when(registerNetwork({ parentContractId: 'P2' }))
      .thenRejects('NETWORK_EXISTS', 'Art. 22(3)'));

  it('accepts the parent application: the site joins the network and the contract opens', () =>
    given(...history(registerNetwork()))
      .when(acceptParent())
      .then([
        {
          type: 'SiteJoined',
          data: {
            contractId: P,
            contractType: 'parent',
            item: 'single-star-single-edge',
            contractorId: HOLDER,
            lanSubnets: ['192.168.1.0/24'],
            joinedOn: '2025-04-01',
          },
        },
        {
          type: 'ApplicationAccepted',
          data: {
            contractId: P,
            networkId: NET,
            contractType: 'parent',
            contractorId: HOLDER,
            parentHolderId: HOLDER,
            item: 'single-star-single-edge',
            deviceModel: 'Cisco ISR 4351',
            equipment: [{ itemId: 'P1-D1', kind: 'vpn-device', model: 'Cisco ISR 4351' }],
            maintenanceType: 'type-2',
            termYears: 1,
            site: TOKYO,
            lanSubnets: ['192.168.1.0/24'],
            initialFee: 30000,
            monthlyFee: 20000,
            onSiteInstallation: null,
            acceptedOn: '2025-04-01',
            catalogEdition: '2024-08-01',
          },
        },
      ]));

  it('accepts a child application of another contractor; the child contract records the parent holder', () =>
    given(...history(registerNetwork(), acceptParent()))
      .when(acceptChild())
      .then(
        [
          {
            type: 'SiteJoined',
            data: {
              contractId: C,
              contractType: 'child',
              item: 'single-star-single-edge',
              contractorId: CHILD_HOLDER,
              lanSubnets: ['192.168.2.0/24'],
              joinedOn: '2025-04-01',
            },
          },
          expect.objectContaining({ type: 'ApplicationAccepted' }),
        ],
        (world) => {
          const child = world.contract(C);
          expect(child.status === 'accepted' && child.parentHolderId).toBe(HOLDER);
          const accepted = world.events(C).find((e) => e.type === 'ApplicationAccepted');
          expect(
            child.status === 'accepted' && accepted?.type === 'ApplicationAccepted' && accepted.data.site,
          ).toEqual(OSAKA);
        },
      ));

  it('refuses a second parent contract in the network', () =>
    given(...accepted())
      .when(acceptParent({ contractId: 'P2', lanSubnets: ['10.0.0.0/24'] }))
      .thenRejects('SECOND_PARENT', 'Art. 22(3)'));

  it("refuses the parent's contract id as a child", () =>
    given(...history(registerNetwork()))
      .when(acceptChild({ contractId: P }))
      .thenRejects('PARENT_AS_CHILD', 'Art. 1'));

  it('refuses a parent application by someone other than the registered parent holder', () =>
    given(...history(registerNetwork()))
      .when(acceptParent({ contractorId: 'H-OTHER' }))
      .thenRejects('PARENT_HOLDER_MISMATCH', 'Art. 10(1)'));

  it('refuses an application to a network that is not registered', () =>
    given().when(acceptChild()).thenRejects('NETWORK_NOT_FOUND', 'Art. 1'));

  it('accepts children up to the limit and refuses one more', () => {
    const full = history(registerNetwork({ childSiteLimit: 1 }), acceptParent(), acceptChild());
    given(...full)
      .when(acceptChild({ contractId: 'C2', deviceItemIds: ['C2-D1'], lanSubnets: ['192.168.3.0/24'] }))
      .thenRejects('CHILD_SITE_LIMIT', 'Art. 1');
  });
});

describe('Art. 2 items: fixed device counts, one item per network', () => {
  it.each([
    ['single-star-single-edge', 1, 1],
    ['dual-star-dual-edge', 2, 2],
    ['dual-star-single-edge', 2, 1],
  ] as const)('%s: a parent has %i device(s), a child %i', (item, parentDevices, childDevices) => {
    const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-D${i + 1}`);
    given(...history(registerNetwork({ item })))
      .when(acceptParent({ item, deviceItemIds: ids(P, parentDevices) }))
      .then(
        [
          expect.objectContaining({ type: 'SiteJoined' }),
          expect.objectContaining({ type: 'ApplicationAccepted' }),
        ],
        (world) => {
          const parent = world.contract(P);
          expect(parent.status !== 'none' && [...parent.equipment.keys()]).toHaveLength(
            deviceCount(item, 'parent'),
          );
        },
      );
    given(...history(registerNetwork({ item }), acceptParent({ item, deviceItemIds: ids(P, parentDevices) })))
      .when(acceptChild({ item, deviceItemIds: ids(C, childDevices) }))
      .then([
        expect.objectContaining({ type: 'SiteJoined' }),
        expect.objectContaining({ type: 'ApplicationAccepted' }),
      ]);
  });

  it('refuses a device count the item does not have', () =>
    given(
      ...history(
        registerNetwork({ item: 'dual-star-single-edge' }),
        acceptParent({ item: 'dual-star-single-edge', deviceItemIds: ['A', 'B'] }),
      ),
    )
      .when(acceptChild({ item: 'dual-star-single-edge', deviceItemIds: ['C1-D1', 'C1-D2'] }))
      .thenRejects('DEVICE_COUNT', 'Art. 2'));

  it('refuses two devices with the same id', () =>
    given(...history(registerNetwork({ item: 'dual-star-dual-edge' })))
      .when(acceptParent({ item: 'dual-star-dual-edge', deviceItemIds: ['X', 'X'] }))
      .thenRejects('DUPLICATE_ITEM_ID', 'Art. 12'));

  it('refuses a contract whose item differs from the network item', () =>
    given(...history(registerNetwork(), acceptParent()))
      .when(acceptChild({ item: 'dual-star-dual-edge', deviceItemIds: ['C1-D1', 'C1-D2'] }))
      .thenRejects('ITEM_MISMATCH', 'Art. 2'));

  it('accepts closed monitoring, with no devices of its own, in a network built with a star/edge item', () =>
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

  it('refuses a network built with closed monitoring (Art. 8(2)(4): it monitors another network)', () =>
    given()
      .when(registerNetwork({ item: 'closed-monitoring' }))
      .thenRejects('NETWORK_ITEM_INVALID', 'Art. 2'));
});

describe('Art. 6 unit of contract: one contract per site', () => {
  it('refuses to accept the same contract twice', () =>
    given(...accepted())
      .when(acceptChild())
      .thenRejects('CONTRACT_EXISTS', 'Art. 22(4)'));
});

describe('Issue 15: ids named after object properties are ids like any other', () => {
  it.each(PROTO_IDS)('accepts a child contract %s, then refuses it a second time (CONTRACT_EXISTS)', (id) => {
    const child = acceptChild({
      contractId: id,
      contractorId: id,
      deviceItemIds: [id],
      lanSubnets: ['192.168.3.0/24'],
    });
    given(...accepted())
      .when(child)
      .then([
        expect.objectContaining({ type: 'SiteJoined', data: expect.objectContaining({ contractId: id }) }),
        expect.objectContaining({
          type: 'ApplicationAccepted',
          data: expect.objectContaining({ contractId: id }),
        }),
      ]);
    given(...accepted(child))
      .when(child)
      .thenRejects('CONTRACT_EXISTS', 'Art. 22(4)');
  });

  it.each(PROTO_IDS)(
    'registers network %s with parent contract the same id and accepts that parent',
    (id) => {
      given(...history(registerNetwork({ networkId: id, parentContractId: id })))
        .when(acceptParent({ contractId: id, networkId: id }))
        .then([
          expect.objectContaining({ type: 'SiteJoined' }),
          expect.objectContaining({ type: 'ApplicationAccepted' }),
        ]);
      given(...history(registerNetwork({ networkId: id, parentContractId: id })))
        .when(registerNetwork({ networkId: id, parentContractId: id }))
        .thenRejects('NETWORK_EXISTS', 'Art. 22(3)');
    },
  );

  it.each(PROTO_IDS)('starts billing once child %s has joined (Art. 8(1))', (id) =>
    given(...history(registerNetwork(), acceptParent(), acceptChild({ contractId: id, deviceItemIds: [id] })))
      .when(startBilling())
      .then([{ type: 'BillingStarted', data: { outagesCounted: [], billingStartOn: '2025-04-15' } }]),
  );
});
