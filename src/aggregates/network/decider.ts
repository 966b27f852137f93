import { match } from 'ts-pattern';
import type { z } from 'zod';
import type { EventOf, NetworkEvent } from '../../events';
import { checkLanSubnet, type LanSubnet, subnetsOverlap } from '../../terms/addressing';
import { NETWORK_ITEMS } from '../../terms/catalog';
import type { TermsConfig } from '../context';
import type { ContractCommandSchemas } from '../contract/commands';
import { accept, type Decider, type Decision, reject } from '../decision';
import type { NetworkCommandSchemas } from './commands';
import { activeChildren, initialNetworkState, type NetworkState, type RegisteredNetwork } from './state';

type Cmd<S extends Record<string, z.ZodType>, K extends keyof S & string> = { type: K; data: z.infer<S[K]> };

/** The network aggregate sees its own commands and the contract commands that change membership. */
export type NetworkCommand =
  | Cmd<typeof NetworkCommandSchemas, 'RegisterNetwork'>
  | Cmd<typeof NetworkCommandSchemas, 'DiscloseSettings'>
  | Cmd<typeof ContractCommandSchemas, 'AcceptApplication'>
  | Cmd<typeof ContractCommandSchemas, 'TerminateContract'>;

/**
 * A site reserved by a SiteJoined whose contract does not exist (yet): its command is still
 * between its two appends, or it stopped there. The pipeline leaves such reservations out of the
 * network's state (they are not sites) and lists them here; `stale` once its command can no
 * longer be running (RESERVATION_GRACE_MS after it was recorded).
 */
export interface PendingReservation {
  readonly contractId: string;
  readonly contractType: 'parent' | 'child';
  readonly lanSubnets: readonly string[];
  /** The command id of the reservation's SiteJoined. */
  readonly reservedBy: string;
  readonly stale: boolean;
}

export interface NetworkContext {
  readonly terms: TermsConfig;
  readonly pending?: readonly PendingReservation[];
}

const evolve = (state: NetworkState, event: NetworkEvent): NetworkState =>
  match(event)
    .with(
      { type: 'NetworkRegistered' },
      ({ data }): NetworkState => ({
        status: 'registered',
        networkId: data.networkId,
        parentContractId: data.parentContractId,
        parentHolderId: data.parentHolderId,
        item: data.item,
        childSiteLimit: data.childSiteLimit,
        registeredOn: data.registeredOn,
        members: new Map(),
      }),
    )
    .with({ type: 'SiteJoined' }, ({ data }): NetworkState => {
      if (state.status !== 'registered') return state;
      return {
        ...state,
        members: new Map(state.members).set(data.contractId, {
          contractId: data.contractId,
          contractType: data.contractType,
          item: data.item,
          contractorId: data.contractorId,
          lanSubnets: data.lanSubnets,
          joinedOn: data.joinedOn,
          leftOn: null,
        }),
      };
    })
    .with({ type: 'SiteLeft' }, ({ data }): NetworkState => {
      if (state.status !== 'registered') return state;
      const member = state.members.get(data.contractId);
      if (!member) return state;
      return {
        ...state,
        members: new Map(state.members).set(data.contractId, { ...member, leftOn: data.leftOn }),
      };
    })
    .with({ type: 'SettingsDisclosed' }, () => state)
    .with({ type: 'SiteReservationVoided' }, ({ data }): NetworkState => {
      if (state.status !== 'registered' || !state.members.has(data.contractId)) return state;
      const members = new Map(state.members);
      members.delete(data.contractId);
      return { ...state, members };
    })
    .exhaustive();

const notRegistered = (networkId: string) =>
  reject<NetworkEvent>(
    'NETWORK_NOT_FOUND',
    'Art. 1',
    `Network ${networkId} is not registered; register the network with its parent contract first.`,
    'networkId',
  );

/** The rule against overlapping LAN prefixes is the ledger's, not the text's: a named policy. */
const OVERLAP_POLICY = 'Policy distinct-lan-subnets-per-vpn';

/**
 * Art. 7(1), 22(2): every LAN prefix is private IPv4. Policy 'distinct-lan-subnets-per-vpn' (the
 * terms are silent): none overlaps another of the application or another site's in the network,
 * nor one reserved by an application still in progress (`inFlight`), which may yet complete.
 */
const checkSubnets = (
  network: RegisteredNetwork,
  contractId: string,
  subnets: readonly string[],
  distinct: boolean,
  inFlight: readonly PendingReservation[] = [],
): Decision<NetworkEvent> | null => {
  const parsed: LanSubnet[] = [];
  for (const [i, text] of subnets.entries()) {
    const check = checkLanSubnet(text);
    if (!check.ok) return reject(check.code, check.article, check.message, `lanSubnets.${i}`);
    const clash = distinct ? parsed.find((p) => subnetsOverlap(p, check.subnet)) : undefined;
    if (clash) {
      return reject(
        'SUBNET_OVERLAP',
        OVERLAP_POLICY,
        `${text} overlaps ${clash.text} in the same application (the ledger's policy distinct-lan-subnets-per-vpn; the terms do not say it).`,
        `lanSubnets.${i}`,
      );
    }
    parsed.push(check.subnet);
  }
  if (!distinct) return null;
  const others = [
    ...[...network.members.values()].filter((m) => m.leftOn === null),
    ...inFlight.map((p) => ({ ...p, leftOn: null })),
  ];
  for (const member of others) {
    if (member.contractId === contractId) continue;
    for (const theirs of member.lanSubnets) {
      const other = checkLanSubnet(theirs);
      if (!other.ok) continue;
      const clash = parsed.find((p) => subnetsOverlap(p, other.subnet));
      if (clash) {
        return reject(
          'SUBNET_OVERLAP',
          OVERLAP_POLICY,
          `${clash.text} overlaps ${theirs} of contract ${member.contractId} in network ${network.networkId}; the sites of one VPN use distinct private subnets (the ledger's policy distinct-lan-subnets-per-vpn; the terms do not say it).`,
          'lanSubnets',
        );
      }
    }
  }
  return null;
};

const decide = (
  command: NetworkCommand,
  state: NetworkState,
  context: NetworkContext,
): Decision<NetworkEvent> =>
  match(command)
    .with({ type: 'RegisterNetwork' }, ({ data }) => {
      if (state.status !== 'none') {
        return reject<NetworkEvent>(
          'NETWORK_EXISTS',
          'Art. 22(3)',
          `Network ${data.networkId} is already registered; a network has exactly one parent.`,
          'networkId',
        );
      }
      if (!NETWORK_ITEMS.includes(data.item)) {
        return reject<NetworkEvent>(
          'NETWORK_ITEM_INVALID',
          'Art. 2',
          `A VPN network is built with a star/edge item; ${data.item} monitors such a network and cannot be its item.`,
          'item',
        );
      }
      const event: EventOf<'NetworkRegistered'> = {
        type: 'NetworkRegistered',
        data: {
          networkId: data.networkId,
          parentContractId: data.parentContractId,
          parentHolderId: data.parentHolderId,
          item: data.item,
          childSiteLimit: data.childSiteLimit ?? context.terms.defaultChildSiteLimit,
          registeredOn: data.registeredOn,
        },
      };
      return accept<NetworkEvent>([event]);
    })
    .with({ type: 'DiscloseSettings' }, ({ data }) => {
      if (state.status !== 'registered') return notRegistered(data.networkId);
      const subject = state.members.get(data.contractId);
      // A site that has left is no longer one of this VPN's: its settings are not disclosed (Art. 11).
      if (!subject || subject.leftOn !== null) {
        return reject<NetworkEvent>(
          'CONTRACT_NOT_IN_NETWORK',
          'Art. 11',
          `Contract ${data.contractId} is not a site of network ${state.networkId}.`,
          'contractId',
        );
      }
      const recipientInNetwork =
        data.toContractorId === state.parentHolderId ||
        [...state.members.values()].some((m) => m.contractorId === data.toContractorId && m.leftOn === null);
      if (!recipientInNetwork) {
        return reject<NetworkEvent>(
          'DISCLOSURE_OUTSIDE_NETWORK',
          'Art. 11',
          `Settings of contract ${data.contractId} may be disclosed only to contractors of the same VPN; ${data.toContractorId} is not one of network ${state.networkId}.`,
          'toContractorId',
        );
      }
      return accept<NetworkEvent>([
        {
          type: 'SettingsDisclosed',
          data: {
            contractId: data.contractId,
            toContractorId: data.toContractorId,
            disclosedOn: data.disclosedOn,
          },
        },
      ]);
    })
    .with({ type: 'AcceptApplication' }, ({ data }) => {
      if (state.status !== 'registered') return notRegistered(data.networkId);
      const pending = context.pending ?? [];
      // Art. 6: a reservation of this contract by another command (this command's own are never
      // listed) whose contract was never written. Voided once its command cannot be running.
      const reserved = pending.find((p) => p.contractId === data.contractId);
      if (reserved && !reserved.stale) {
        return reject<NetworkEvent>(
          'APPLICATION_IN_PROGRESS',
          'Art. 6',
          `Contract ${data.contractId} is being applied for by command ${reserved.reservedBy}, whose contract is not written yet; if that command failed, apply again in a few minutes and its reservation is voided.`,
          'contractId',
        );
      }
      const inFlight = pending.filter((p) => !p.stale && p.contractId !== data.contractId);
      if (state.members.has(data.contractId)) {
        return reject<NetworkEvent>(
          'CONTRACT_EXISTS',
          'Art. 6',
          `Contract ${data.contractId} is already a site of network ${state.networkId}.`,
          'contractId',
        );
      }
      if (data.contractType === 'parent' && data.contractId !== state.parentContractId) {
        return reject<NetworkEvent>(
          'SECOND_PARENT',
          'Art. 22(3)',
          `Network ${state.networkId} already has parent contract ${state.parentContractId}; a VPN has one parent site.`,
          'contractType',
        );
      }
      if (data.contractType === 'child' && data.contractId === state.parentContractId) {
        return reject<NetworkEvent>(
          'PARENT_AS_CHILD',
          'Art. 1',
          `Contract ${data.contractId} is registered as the parent of network ${state.networkId}.`,
          'contractType',
        );
      }
      if (data.contractType === 'parent' && data.contractorId !== state.parentHolderId) {
        return reject<NetworkEvent>(
          'PARENT_HOLDER_MISMATCH',
          'Art. 10(1)',
          `The parent contract of network ${state.networkId} is held by ${state.parentHolderId}, not ${data.contractorId}.`,
          'contractorId',
        );
      }
      if (data.item !== state.item && data.item !== 'closed-monitoring') {
        return reject<NetworkEvent>(
          'ITEM_MISMATCH',
          'Art. 2',
          `Network ${state.networkId} is built with ${state.item}; every contract of the network shares its item.`,
          'item',
        );
      }
      const children =
        activeChildren(state).length + inFlight.filter((p) => p.contractType === 'child').length;
      if (data.contractType === 'child' && children >= state.childSiteLimit) {
        return reject<NetworkEvent>(
          'CHILD_SITE_LIMIT',
          'Art. 1',
          `Network ${state.networkId} already has its maximum of ${state.childSiteLimit} child sites.`,
          'contractId',
        );
      }
      const subnets = checkSubnets(
        state,
        data.contractId,
        data.lanSubnets,
        context.terms.distinctLanSubnets,
        inFlight,
      );
      if (subnets) return subnets;
      const voided: NetworkEvent[] = reserved
        ? [
            {
              type: 'SiteReservationVoided',
              data: {
                contractId: data.contractId,
                reservedBy: reserved.reservedBy,
                voidedOn: data.acceptedOn,
              },
            },
          ]
        : [];
      return accept<NetworkEvent>([
        ...voided,
        {
          type: 'SiteJoined',
          data: {
            contractId: data.contractId,
            contractType: data.contractType,
            item: data.item,
            contractorId: data.contractorId,
            lanSubnets: data.lanSubnets,
            joinedOn: data.acceptedOn,
          },
        },
      ]);
    })
    .with({ type: 'TerminateContract' }, ({ data }) => {
      if (state.status !== 'registered') return accept<NetworkEvent>([]);
      const member = state.members.get(data.contractId);
      if (!member || member.leftOn !== null) return accept<NetworkEvent>([]);
      return accept<NetworkEvent>([
        { type: 'SiteLeft', data: { contractId: data.contractId, leftOn: data.effectiveOn } },
      ]);
    })
    .exhaustive();

export const networkDecider: Decider<NetworkCommand, NetworkState, NetworkEvent, NetworkContext> = {
  initialState: initialNetworkState,
  evolve,
  decide,
};
