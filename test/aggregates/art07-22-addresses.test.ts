import { DEFAULT_TERMS_CONFIG } from '../../src/aggregates';
import {
  acceptChild,
  accepted,
  acceptParent,
  billing,
  C,
  designateAddresses,
  P,
  registerNetwork,
  requestContractChange,
  terminate,
  terminationNotice,
  undesignatedUse,
  vpnConnection,
} from './fixtures';
import { given, givenWith, history } from './support';

const child2 = (lanSubnets: string[]) =>
  acceptChild({ contractId: 'C2', contractorId: 'H-C2', deviceItemIds: ['C2-D1'], lanSubnets });

describe('Art. 7(1) IPv4 addresses only', () => {
  it('refuses an IPv6 LAN prefix', () =>
    given(...accepted())
      .when(child2(['fd00:1::/64']))
      .thenRejects('IPV6_NOT_SUPPORTED', 'Art. 7(1)'));

  it('refuses text that is no prefix', () =>
    given(...accepted())
      .when(child2(['192.168.300.0/24']))
      .thenRejects('SUBNET_MALFORMED', 'Art. 7(1)'));
});

describe('Art. 22(1)(2) private address space, distinct within one VPN', () => {
  it.each(['10.20.0.0/16', '172.16.5.0/24', '172.31.255.0/24', '192.168.200.0/24'])(
    'accepts the RFC 1918 prefix %s',
    (prefix) =>
      given(...accepted())
        .when(child2([prefix]))
        .then([
          expect.objectContaining({
            type: 'SiteJoined',
            data: expect.objectContaining({ lanSubnets: [prefix] }),
          }),
          expect.objectContaining({ type: 'ApplicationAccepted' }),
        ]),
  );

  it.each(['8.8.8.0/24', '172.32.0.0/16', '100.64.0.0/10', '10.0.0.0/7'])(
    'refuses %s outside the private blocks',
    (prefix) =>
      given(...accepted())
        .when(child2([prefix]))
        .thenRejects('SUBNET_NOT_PRIVATE', 'Art. 22(2)'),
  );

  // Art. 22(2) limits a LAN to RFC 1918 space and says nothing of overlaps: the refusal cites the
  // ledger's policy, not the article.
  it("refuses a prefix that overlaps another site's LAN in the same VPN (policy distinct-lan-subnets-per-vpn)", () =>
    given(...accepted())
      .when(child2(['192.168.2.128/25']))
      .thenRejects('SUBNET_OVERLAP', 'Policy distinct-lan-subnets-per-vpn'));

  it('refuses two overlapping prefixes in one application (policy distinct-lan-subnets-per-vpn)', () =>
    given(...accepted())
      .when(child2(['10.1.0.0/16', '10.1.2.0/24']))
      .thenRejects('SUBNET_OVERLAP', 'Policy distinct-lan-subnets-per-vpn'));

  it('accepts overlapping prefixes where a deployment switched the policy off', () => {
    const off = { ...DEFAULT_TERMS_CONFIG, distinctLanSubnets: false };
    givenWith(off, ...accepted())
      .when(child2(['192.168.2.128/25', '192.168.2.0/24']))
      .then([
        expect.objectContaining({ type: 'SiteJoined' }),
        expect.objectContaining({ type: 'ApplicationAccepted' }),
      ]);
    // Art. 22(2) itself still holds: private space only.
    givenWith(off, ...accepted())
      .when(child2(['8.8.8.0/24']))
      .thenRejects('SUBNET_NOT_PRIVATE', 'Art. 22(2)');
  });

  // C's last day is 2025-07-31: a site accepted from 2025-08-01 may reuse its prefix.
  it('lets a new site reuse the prefix of a site that has left', () =>
    given(...billing(terminationNotice({ contractId: C }), terminate({ contractId: C })))
      .when(
        acceptChild({
          contractId: 'C2',
          contractorId: 'H-C2',
          deviceItemIds: ['C2-D1'],
          lanSubnets: ['192.168.2.0/24'],
          acceptedOn: '2025-08-01',
        }),
      )
      .then([
        expect.objectContaining({ type: 'SiteJoined' }),
        expect.objectContaining({ type: 'ApplicationAccepted' }),
      ]));

  // Membership is dated: a site that leaves on 2025-07-31 still holds its prefix on an earlier date.
  it('given a site that left on 2025-07-31, when a site dated 2025-06-01 with its prefix is recorded late, then it overlaps', () =>
    given(...billing(terminationNotice({ contractId: C }), terminate({ contractId: C })))
      .when(
        acceptChild({
          contractId: 'C2',
          contractorId: 'H-C2',
          deviceItemIds: ['C2-D1'],
          lanSubnets: ['192.168.2.0/24'],
          acceptedOn: '2025-06-01',
        }),
      )
      .thenRejects('SUBNET_OVERLAP'));

  it('lets another VPN use the same private prefixes', () =>
    given(...accepted(registerNetwork({ networkId: 'N2', parentContractId: 'Q1', parentHolderId: 'H-Q' })))
      .when(
        acceptParent({
          contractId: 'Q1',
          networkId: 'N2',
          contractorId: 'H-Q',
          lanSubnets: ['192.168.1.0/24'],
        }),
      )
      .then([
        expect.objectContaining({ type: 'SiteJoined' }),
        expect.objectContaining({ type: 'ApplicationAccepted' }),
      ]));
});

describe('Art. 22(3)(4) a parent never meets another parent; a child has one parent', () => {
  it('refuses a second parent in a VPN', () =>
    given(...accepted())
      .when(acceptParent({ contractId: 'P9', lanSubnets: ['10.9.0.0/16'] }))
      .thenRejects('SECOND_PARENT', 'Art. 22(3)'));

  it('refuses to accept a child that already belongs to a network into another one', () =>
    given(...accepted(registerNetwork({ networkId: 'N2', parentContractId: 'Q1', parentHolderId: 'H-Q' })))
      .when(acceptChild({ networkId: 'N2', lanSubnets: ['10.2.0.0/16'] }))
      .thenRejects('CONTRACT_EXISTS', 'Art. 22(4)'));

  it('refuses a site that the network already lists (even when its contract stream is fresh)', () =>
    given(...history(registerNetwork(), acceptParent()).filter((t) => t.stream.kind === 'network'))
      .when(acceptParent())
      .thenRejects('CONTRACT_EXISTS', 'Art. 6'));

  it('refuses to move a contract to another network', () =>
    given(...accepted())
      .when(requestContractChange({ contractId: C, field: 'network', to: 'N2' }))
      .thenRejects('CHANGE_NOT_ALLOWED', 'Art. 22(4)'));

  it('keeps the parent contract in its network for its whole life', () =>
    given(...accepted())
      .when(requestContractChange({ contractId: P, field: 'network', to: 'N2' }))
      .thenRejects('CHANGE_NOT_ALLOWED', 'Art. 22(4)'));
});

describe('Art. 7(2)(3) the addresses designated, and an address used without designation', () => {
  it('records the IPv4 addresses the provider designates', () =>
    given(...billing())
      .when(designateAddresses())
      .then([
        {
          type: 'IpAddressesDesignated',
          data: {
            designationId: 'IP1',
            designatedBy: 'provider',
            addresses: ['203.0.113.0/29'],
            designatedOn: '2025-04-10',
          },
        },
      ]));

  it('refuses IPv6 or text that is no address (Art. 7(1)), and a designation id used before', () => {
    given(...billing())
      .when(designateAddresses({ addresses: ['2001:db8::1'] }))
      .thenRejects('IPV6_NOT_SUPPORTED', 'Art. 7(1)');
    given(...billing())
      .when(designateAddresses({ addresses: ['203.0.113.300'] }))
      .thenRejects('ADDRESS_MALFORMED', 'Art. 7(1)');
    given(...billing(designateAddresses()))
      .when(designateAddresses())
      .thenRejects('DESIGNATION_EXISTS', 'Art. 7(2)');
  });

  it('records an address used outside every designation (Art. 7(3))', () =>
    given(...billing(designateAddresses()))
      .when(undesignatedUse())
      .then([expect.objectContaining({ type: 'UndesignatedAddressUsed' })]));

  it('refuses to call undesignated an address a designation gives (203.0.113.5 is in 203.0.113.0/29)', () =>
    given(...billing(designateAddresses()))
      .when(undesignatedUse({ address: '203.0.113.5' }))
      .thenRejects('ADDRESS_DESIGNATED', 'Art. 7(3)'));
});

describe('Art. 22(1) a VPN connects only to networks that use the service too', () => {
  it('records a connection to a network on the service', () =>
    given(...billing())
      .when(vpnConnection())
      .then([
        {
          type: 'VpnConnectionRecorded',
          data: {
            connectionId: 'V1',
            peer: 'Supplier VPN (IIJ Managed VPN PRO, network SUP-1)',
            connectedOn: '2025-05-01',
          },
        },
      ]));

  it('refuses a connection to a network that does not use the service', () =>
    given(...billing())
      .when(vpnConnection({ peer: 'Partner LAN over the Internet', peerUsesService: false }))
      .thenRejects('PEER_NOT_ON_SERVICE', 'Art. 22(1)'));
});
