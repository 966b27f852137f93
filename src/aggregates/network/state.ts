import type { ContractType, Item } from '../../terms/catalog';

export interface NetworkMember {
  readonly contractId: string;
  readonly contractType: ContractType;
  /** The contract's item (Art. 2); null for a site that joined before SiteJoined recorded it (v1). */
  readonly item: Item | null;
  readonly contractorId: string;
  readonly lanSubnets: readonly string[];
  readonly joinedOn: string;
  readonly leftOn: string | null;
}

export type NetworkState =
  | { readonly status: 'none' }
  | {
      readonly status: 'registered';
      readonly networkId: string;
      readonly parentContractId: string;
      readonly parentHolderId: string;
      readonly item: Item;
      readonly childSiteLimit: number;
      readonly registeredOn: string;
      /** By contract id (a Map: ids may be any string the id rule allows). */
      readonly members: ReadonlyMap<string, NetworkMember>;
    };

export type RegisteredNetwork = Extract<NetworkState, { status: 'registered' }>;

export const initialNetworkState: NetworkState = { status: 'none' };

export const activeChildren = (network: RegisteredNetwork): NetworkMember[] =>
  [...network.members.values()].filter((m) => m.contractType === 'child' && m.leftOn === null);

/**
 * The child sites Art. 8(1) asks for: closed monitoring watches the VPN devices of the others and is
 * not one of them. A site whose item was not recorded (joined under SiteJoined v1) counts, as it did.
 */
export const sitesServedChildren = (network: RegisteredNetwork): NetworkMember[] =>
  activeChildren(network).filter((m) => m.item !== 'closed-monitoring');

/** The site belonged to the network on `date`: joined by then, and not left before it (its last day counts). */
export const memberOn = (m: NetworkMember, date: string): boolean =>
  m.joinedOn <= date && (m.leftOn === null || date <= m.leftOn);

/** The child sites Art. 8(1) asks for (as sitesServedChildren), as they stood on `date`. */
export const sitesServedChildrenOn = (network: RegisteredNetwork, date: string): NetworkMember[] =>
  [...network.members.values()].filter(
    (m) => m.contractType === 'child' && m.item !== 'closed-monitoring' && memberOn(m, date),
  );
