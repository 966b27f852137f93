/**
 * The site-reservation protocol: the one command that writes two streams. A site's application
 * (AcceptApplication) appends its network first: the network's SiteJoined reserves the site's
 * place (its contract id, subnets and child slot); then its contract: ApplicationAccepted opens the
 * contract stream. A reservation is a site only once its contract was accepted by the same
 * command (the same actor and command id, command-ids.ts). Until then it is left out of the network's state (its contract does not exist: it is no
 * site, Art. 8(1), 11), and the latest reservation of each contract, unless voided, is pending for
 * the application rules (Art. 1, 6, 22(2)): it holds its contract id, subnets and child slot while
 * its command may still be running, and once it is stale (RESERVATION_GRACE_MS) the next application
 * for its contract voids it (the network decider's SiteReservationVoided). `verify` reports every
 * reservation without its contract (membership-check.ts).
 *
 * The pipeline (ledger.ts) asks this module, for a network it reads for the membership rules, which
 * reservations to leave out of the state and which are pending.
 */
import type { PendingReservation } from '../aggregates';
import { contractStream } from '../events';
import type { EventStore, RecordedEvent } from '../store/port';
import type { Clock } from './clock';
import type { ParsedCommand } from './command-envelope';
import { commandKey, commandKeyOf, writtenBy } from './command-ids';

/**
 * How long a site's reservation (the network's SiteJoined) may wait for its contract before
 * another application for that contract may void it: far longer than a command can take between
 * its two appends (every append gives up within 15 s), with room for clocks that differ between
 * machines. Until then the reservation counts against the child-site limit and the subnets.
 */
export const RESERVATION_GRACE_MS = 120_000;

/** The commands whose rules read the network's membership (Art. 1, 8(1), 11, 22(2)). */
const READS_MEMBERSHIP: ReadonlySet<string> = new Set([
  'AcceptApplication',
  'DiscloseSettings',
  'StartBilling',
]);

export const readsMembership = (commandType: string): boolean => READS_MEMBERSHIP.has(commandType);

/** A site's reservation (the network's SiteJoined) whose contract was not written by its command. */
export interface OpenReservation {
  readonly eventId: string;
  readonly contractId: string;
  readonly contractType: 'parent' | 'child';
  readonly lanSubnets: readonly string[];
  /** The command id of the SiteJoined (what the decider records when it voids the reservation). */
  readonly reservedBy: string;
  /** Its command (commandKey): its contract must be accepted by this same command. */
  readonly command: string;
  readonly recordedAt: string;
}

/** What a network stream's reservations look like to the rules that read its membership. */
export interface Reservations {
  /** Every SiteJoined left out of the state because its contract was not written by its command. */
  readonly unconfirmed: ReadonlyMap<string, OpenReservation>;
  /** By contract id: the latest reservation of each contract, when unconfirmed and not voided. */
  readonly open: ReadonlyMap<string, OpenReservation>;
}

export const NO_RESERVATIONS: Reservations = { unconfirmed: new Map(), open: new Map() };

const openReservation = (e: RecordedEvent): OpenReservation => {
  const data = e.data as { contractId: string; contractType: 'parent' | 'child'; lanSubnets: string[] };
  const meta = e.metadata as { actor: string; commandId: string; recordedAt?: string };
  return {
    eventId: e.id,
    contractId: String(data.contractId),
    contractType: data.contractType,
    lanSubnets: data.lanSubnets,
    reservedBy: meta.commandId,
    command: commandKey(meta),
    recordedAt: meta.recordedAt ?? '',
  };
};

const voidedContract = (e: RecordedEvent): string => String((e.data as { contractId?: unknown }).contractId);

/** The reservations of a network followed event by event past a cached fold (copied on first change). */
export class ReservationTail {
  private unconfirmed: Map<string, OpenReservation> | null = null;
  private open: Map<string, OpenReservation> | null = null;

  constructor(
    private readonly base: Reservations,
    private readonly acceptingCommand: (contractId: string) => Promise<string | null>,
  ) {}

  /** Takes the next event of the network in; true when it stays out of the state (a reservation without its contract). */
  async take(recorded: RecordedEvent): Promise<boolean> {
    if (recorded.type === 'SiteJoined') {
      const join = openReservation(recorded);
      if ((await this.acceptingCommand(join.contractId)) !== join.command) {
        this.unconfirmed ??= new Map(this.base.unconfirmed);
        this.open ??= new Map(this.base.open);
        this.unconfirmed.set(join.eventId, join);
        this.open.set(join.contractId, join);
        return true;
      }
      if (this.base.open.has(join.contractId) || this.open?.has(join.contractId)) {
        this.open ??= new Map(this.base.open);
        this.open.delete(join.contractId);
      }
    } else if (recorded.type === 'SiteReservationVoided') {
      this.open ??= new Map(this.base.open);
      this.open.delete(voidedContract(recorded));
    }
    return false;
  }

  get reservations(): Reservations {
    return { unconfirmed: this.unconfirmed ?? this.base.unconfirmed, open: this.open ?? this.base.open };
  }
}

/** The reservations of the networks one ledger reads, and the acceptances that confirm them. */
export class SiteReservations {
  /** Contract id → the command (commandKey) of its ApplicationAccepted; a contract stream's first event never changes. */
  private readonly acceptedBy = new Map<string, string>();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  /** Forgets every remembered acceptance (what was read may have been rolled back). */
  clear(): void {
    this.acceptedBy.clear();
  }

  /**
   * The reservations of a network read whole, up to this command's own events. A SiteJoined is
   * confirmed when the contract stream's ApplicationAccepted was written by the same command.
   * `own` is the contract this command reads, already loaded.
   */
  async ofNetwork(
    events: readonly RecordedEvent[],
    cmd: ParsedCommand,
    own: { readonly contractId: string | null; readonly events: readonly RecordedEvent[] | null },
  ): Promise<Reservations> {
    const joined: OpenReservation[] = [];
    const latest = new Map<string, OpenReservation>();
    for (const e of events) {
      if (writtenBy(e.metadata, cmd)) break;
      if (e.type === 'SiteJoined') {
        const join = openReservation(e);
        joined.push(join);
        latest.set(join.contractId, join);
      } else if (e.type === 'SiteReservationVoided') {
        latest.delete(voidedContract(e));
      }
    }
    const unconfirmed = new Map<string, OpenReservation>();
    for (const join of joined) {
      const by = await this.acceptingCommand(
        join.contractId,
        join.contractId === own.contractId ? own.events : null,
      );
      if (by !== join.command) unconfirmed.set(join.eventId, join);
    }
    const open = new Map<string, OpenReservation>();
    for (const [contractId, join] of latest) if (unconfirmed.has(join.eventId)) open.set(contractId, join);
    return { unconfirmed, open };
  }

  /** Whether a reservation a cached fold left out has been confirmed since: the fold is then stale. */
  async anyConfirmed(reservations: Reservations): Promise<boolean> {
    for (const r of reservations.unconfirmed.values()) {
      if ((await this.acceptingCommand(r.contractId, null)) === r.command) return true;
    }
    return false;
  }

  /** Follows the reservations of a cached fold through the events written after it. */
  follow(reservations: Reservations): ReservationTail {
    return new ReservationTail(reservations, (contractId) => this.acceptingCommand(contractId, null));
  }

  /** The open reservations by contract id, each stale once its command can no longer be running. */
  pending(reservations: Reservations): PendingReservation[] {
    if (reservations.open.size === 0) return [];
    const now = Date.parse(this.clock());
    const byContract = [...reservations.open.values()].sort((a, b) =>
      a.contractId < b.contractId ? -1 : a.contractId > b.contractId ? 1 : 0,
    );
    return byContract.map(
      (r): PendingReservation => ({
        contractId: r.contractId,
        contractType: r.contractType,
        lanSubnets: r.lanSubnets as string[],
        reservedBy: r.reservedBy,
        stale: !(now - Date.parse(r.recordedAt) < RESERVATION_GRACE_MS),
      }),
    );
  }

  /** The command (commandKey) that wrote a contract's ApplicationAccepted, or null while there is none. */
  private async acceptingCommand(
    contractId: string,
    loaded: readonly RecordedEvent[] | null,
  ): Promise<string | null> {
    const known = this.acceptedBy.get(contractId);
    if (known !== undefined) return known;
    let first = loaded?.[0];
    if (loaded === null) {
      const read = await this.store.readStream(contractStream(contractId), { maxCount: 1 });
      first = read.status === 'found' ? read.events[0] : undefined;
    }
    const by = first?.type === 'ApplicationAccepted' ? commandKeyOf(first.metadata) : null;
    if (by === null) return null;
    this.acceptedBy.set(contractId, by);
    return by;
  }
}
