import { match } from 'ts-pattern';
import type { z } from 'zod';
import type { EventOf, NetworkEvent } from '../../events';
import { checkLanSubnet, type LanSubnet, subnetsOverlap } from '../../terms/addressing';
import { NETWORK_ITEMS } from '../../terms/catalog';
import { art, policyRef } from '../../terms/citation';
import type { TermsConfig } from '../context';
import type { ContractCommandSchemas } from '../contract/commands';
import { accept, type Decider, type Decision, reject, rejectWith } from '../decision';
import type { NetworkCommandSchemas } from './commands';
import {
  initialNetworkState,
  memberOn,
  type NetworkMember,
  type NetworkState,
  type RegisteredNetwork,
} from './state';

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
  reject<NetworkEvent>('NETWORK_NOT_FOUND', { case: 'register-first', networkId }, [art(1)], 'networkId');

/** The rule against overlapping LAN prefixes is the ledger's, not the text's: a named policy. */
const OVERLAP_POLICY = [policyRef('distinct-lan-subnets-per-vpn')];

/** The site is a member on `date` or any day after it (a site joining on `date` stays on from then). */
const memberFrom = (m: NetworkMember, date: string): boolean => m.leftOn === null || date <= m.leftOn;

/**
 * The most child sites the network holds on any day from `date` on, as its membership is recorded
 * (a site accepted on `date` counts on every such day: it stays until it leaves).
 */
const mostChildrenFrom = (network: RegisteredNetwork, date: string): number => {
  const children = [...network.members.values()].filter((m) => m.contractType === 'child');
  const days = new Set([date, ...children.map((m) => m.joinedOn).filter((d) => d > date)]);
  let most = 0;
  for (const day of days) most = Math.max(most, children.filter((m) => memberOn(m, day)).length);
  return most;
};

/**
 * Art. 7(1), 22(2): every LAN prefix is private IPv4. Policy 'distinct-lan-subnets-per-vpn' (the
 * terms are silent): none overlaps another of the application or another site's in the network
 * on the application's date or after it (a site recorded late stays from its date on), nor one
 * reserved by an application still in progress (`inFlight`), which may yet complete.
 */
const checkSubnets = (
  network: RegisteredNetwork,
  contractId: string,
  subnets: readonly string[],
  distinct: boolean,
  date: string,
  inFlight: readonly PendingReservation[] = [],
): Decision<NetworkEvent> | null => {
  const parsed: LanSubnet[] = [];
  for (const [i, text] of subnets.entries()) {
    const check = checkLanSubnet(text);
    if (!check.ok) return rejectWith(check.refusal, `lanSubnets.${i}`);
    const clash = distinct ? parsed.find((p) => subnetsOverlap(p, check.subnet)) : undefined;
    if (clash) {
      return reject(
        'SUBNET_OVERLAP',
        { case: 'same-application', subnet: text, other: clash.text },
        OVERLAP_POLICY,
        `lanSubnets.${i}`,
      );
    }
    parsed.push(check.subnet);
  }
  if (!distinct) return null;
  const others = [
    ...[...network.members.values()].filter((m) => memberFrom(m, date)),
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
          {
            case: 'other-site',
            subnet: clash.text,
            other: theirs,
            contractId: member.contractId,
            networkId: network.networkId,
          },
          OVERLAP_POLICY,
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
          { networkId: data.networkId },
          [art(22, 3)],
          'networkId',
        );
      }
      if (!NETWORK_ITEMS.includes(data.item)) {
        return reject<NetworkEvent>('NETWORK_ITEM_INVALID', { item: data.item }, [art(2)], 'item');
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
      const on = data.disclosedOn;
      // Art. 11 「同一VPNに係る…他の契約者」, as the VPN stood on the day of the disclosure: a site not
      // (or no longer) of it that day has no settings of this VPN to disclose.
      if (!subject || !memberOn(subject, on)) {
        return reject<NetworkEvent>(
          'CONTRACT_NOT_IN_NETWORK',
          { contractId: data.contractId, networkId: state.networkId },
          [art(11)],
          'contractId',
        );
      }
      // The recipient holds a contract of the VPN that day: the parent contract (Art. 10, 11) or a site's.
      const recipientInNetwork = [...state.members.values()].some(
        (m) => m.contractorId === data.toContractorId && memberOn(m, on),
      );
      if (!recipientInNetwork) {
        return reject<NetworkEvent>(
          'DISCLOSURE_OUTSIDE_NETWORK',
          { contractId: data.contractId, contractorId: data.toContractorId, networkId: state.networkId },
          [art(11)],
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
          { contractId: data.contractId, reservedBy: reserved.reservedBy },
          [art(6)],
          'contractId',
        );
      }
      const inFlight = pending.filter((p) => !p.stale && p.contractId !== data.contractId);
      if (state.members.has(data.contractId)) {
        return reject<NetworkEvent>(
          'CONTRACT_EXISTS',
          { case: 'site', contractId: data.contractId, networkId: state.networkId },
          [art(6)],
          'contractId',
        );
      }
      if (data.contractType === 'parent' && data.contractId !== state.parentContractId) {
        return reject<NetworkEvent>(
          'SECOND_PARENT',
          { networkId: state.networkId, parentContractId: state.parentContractId },
          [art(22, 3)],
          'contractType',
        );
      }
      if (data.contractType === 'child' && data.contractId === state.parentContractId) {
        return reject<NetworkEvent>(
          'PARENT_AS_CHILD',
          { contractId: data.contractId, networkId: state.networkId },
          [art(1)],
          'contractType',
        );
      }
      if (data.contractType === 'parent' && data.contractorId !== state.parentHolderId) {
        return reject<NetworkEvent>(
          'PARENT_HOLDER_MISMATCH',
          { networkId: state.networkId, holder: state.parentHolderId, contractorId: data.contractorId },
          [art(10, 1)],
          'contractorId',
        );
      }
      // Art. 1, 6, 8(1): the network has one parent contract; once it has ended, no site joins it.
      const parent = state.members.get(state.parentContractId);
      if (data.contractType === 'child' && parent?.leftOn != null && parent.leftOn < data.acceptedOn) {
        return reject<NetworkEvent>(
          'NETWORK_PARENT_ENDED',
          {
            networkId: state.networkId,
            parentContractId: state.parentContractId,
            lastDay: parent.leftOn,
            date: data.acceptedOn,
          },
          [art(8, 1), art(1), policyRef('incomplete-network-bills-until-terminated')],
          'networkId',
        );
      }
      if (data.item !== state.item && data.item !== 'closed-monitoring') {
        return reject<NetworkEvent>(
          'ITEM_MISMATCH',
          { networkId: state.networkId, item: state.item },
          [art(2)],
          'item',
        );
      }
      const children =
        mostChildrenFrom(state, data.acceptedOn) + inFlight.filter((p) => p.contractType === 'child').length;
      if (data.contractType === 'child' && children >= state.childSiteLimit) {
        return reject<NetworkEvent>(
          'CHILD_SITE_LIMIT',
          { networkId: state.networkId, limit: state.childSiteLimit },
          [art(1)],
          'contractId',
        );
      }
      const subnets = checkSubnets(
        state,
        data.contractId,
        data.lanSubnets,
        context.terms.distinctLanSubnets,
        data.acceptedOn,
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
