import {
  acceptChild,
  accepted,
  acceptParent,
  C,
  P,
  registerNetwork,
  startBilling,
  terminate,
  terminationNotice,
} from './fixtures';
import { given, history } from './support';

describe('Art. 8(1) the service needs a parent and at least one child', () => {
  it('starts billing once the network has its parent and a child', () =>
    given(...accepted())
      .when(startBilling())
      .then([{ type: 'BillingStarted', data: { billingStartOn: '2025-04-15' } }]));

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
      .when(acceptChild({ contractId: 'M1', item: 'closed-monitoring', deviceItemIds: [], lanSubnets: [] }))
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
          deviceItemIds: ['M1-D1'],
          lanSubnets: [],
        }),
      )
      .thenRejects('DEVICE_COUNT', 'Art. 2'));
});
