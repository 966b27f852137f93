/**
 * The one rule that spans two streams: a site's reservation in its network (SiteJoined) and its
 * contract (ApplicationAccepted) are written by the same command (the same actor and command id,
 * command-ids.ts), network first (site-reservations.ts). A command
 * stopped between the two leaves a reservation without a contract; the next application for the
 * contract voids it (SiteReservationVoided), and re-running the command completes it. Until one
 * of these happens the two streams disagree, and `verify` says where.
 */
import {
  contractStream,
  isContractStream,
  isNetworkStream,
  type LedgerEvent,
  networkStream,
} from '../events';
import type { BreakReason } from './break-reasons';
import { commandKey } from './command-ids';

export type MembershipProblem =
  | 'orphan-reservation'
  | 'reservation-mismatch'
  | 'contract-without-reservation';

export interface MembershipBreak {
  readonly streamId: string;
  readonly revision: bigint;
  readonly globalPosition: bigint;
  readonly problem: MembershipProblem;
  readonly reason: BreakReason;
}

interface Written {
  readonly streamId: string;
  readonly revision: bigint;
  readonly globalPosition: bigint;
  /** The command that wrote it (commandKey). */
  readonly command: string;
  /** The command's actor and id. */
  readonly actor: string;
  readonly commandId: string;
}

const at = (w: Written) => ({ streamId: w.streamId, revision: w.revision, globalPosition: w.globalPosition });

export class MembershipCheck {
  /** network stream → contract id → its current (not voided) reservation. */
  private readonly reservations = new Map<string, Map<string, Written>>();
  /** contract id → the ApplicationAccepted that opened its stream, with its network id. */
  private readonly contracts = new Map<string, Written & { readonly networkId: string }>();

  /** Feed every event that passed the other checks, in global order. */
  add(event: LedgerEvent): void {
    const written: Written = {
      streamId: event.streamId,
      revision: event.revision,
      globalPosition: event.position.commit,
      command: commandKey(event.metadata),
      actor: event.metadata.actor,
      commandId: event.metadata.commandId,
    };
    if (event.type === 'SiteJoined' && isNetworkStream(event.streamId)) {
      const sites = this.reservations.get(event.streamId) ?? new Map<string, Written>();
      this.reservations.set(event.streamId, sites);
      sites.set(event.data.contractId, written);
    } else if (event.type === 'SiteReservationVoided') {
      this.reservations.get(event.streamId)?.delete(event.data.contractId);
    } else if (event.type === 'ApplicationAccepted' && isContractStream(event.streamId)) {
      this.contracts.set(event.data.contractId, { ...written, networkId: event.data.networkId });
    }
  }

  /** What disagrees, leaving out streams already reported broken (they cannot be read link by link). */
  breaks(broken: ReadonlySet<string>): MembershipBreak[] {
    const out: MembershipBreak[] = [];
    for (const [network, sites] of this.reservations) {
      if (broken.has(network)) continue;
      for (const [contractId, reservation] of sites) {
        if (broken.has(contractStream(contractId))) continue;
        const contract = this.contracts.get(contractId);
        if (!contract) {
          out.push({
            ...at(reservation),
            problem: 'orphan-reservation',
            reason: {
              code: 'orphan-reservation',
              contractId,
              actor: reservation.actor,
              commandId: reservation.commandId,
            },
          });
        } else if (contract.command !== reservation.command) {
          out.push({
            ...at(reservation),
            problem: 'reservation-mismatch',
            reason: {
              code: 'reservation-mismatch',
              contractId,
              actor: reservation.actor,
              commandId: reservation.commandId,
              contractActor: contract.actor,
              contractCommandId: contract.commandId,
            },
          });
        }
      }
    }
    for (const [contractId, contract] of this.contracts) {
      const network = networkStream(contract.networkId);
      if (broken.has(contract.streamId) || broken.has(network)) continue;
      if (!this.reservations.get(network)?.has(contractId)) {
        out.push({
          ...at(contract),
          problem: 'contract-without-reservation',
          reason: {
            code: 'contract-without-reservation',
            contractId,
            actor: contract.actor,
            commandId: contract.commandId,
            network,
          },
        });
      }
    }
    return out;
  }
}
