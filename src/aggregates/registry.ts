import type { z } from 'zod';
import type { ContractEvent, NetworkEvent, PolicyEvent } from '../events';
import { jstDate, type LocalDate } from '../terms/dates';
import type { TermsConfig } from './context';
import { ContractCommandSchemas } from './contract/commands';
import { type ContractCommand, contractDecider } from './contract/decider';
import type { ContractState } from './contract/state';
import { dateOutOfRange } from './date-range';
import type { Rejection } from './decision';
import { NetworkCommandSchemas } from './network/commands';
import { type NetworkCommand, networkDecider, type PendingReservation } from './network/decider';
import type { NetworkState } from './network/state';
import { EMPTY_POLICY_BOOK, type PolicyBook, termsOn } from './policies/book';
import { type PolicyCommand, PolicyCommandSchemas } from './policies/commands';
import { policyDecider } from './policies/decider';

export const COMMAND_SCHEMAS = {
  ...NetworkCommandSchemas,
  ...ContractCommandSchemas,
  ...PolicyCommandSchemas,
} as const;
export type CommandType = keyof typeof COMMAND_SCHEMAS;
export type CommandData<T extends CommandType> = z.infer<(typeof COMMAND_SCHEMAS)[T]>;
export type Command = { [K in CommandType]: { type: K; data: CommandData<K> } }[CommandType];

export const COMMAND_TYPES = Object.keys(COMMAND_SCHEMAS) as CommandType[];
export const isCommandType = (t: string): t is CommandType => Object.hasOwn(COMMAND_SCHEMAS, t);
const isNetworkCommand = (c: Command): c is Extract<Command, NetworkCommand> =>
  Object.hasOwn(NetworkCommandSchemas, c.type);
export const isPolicyCommand = (c: Command): c is Extract<Command, PolicyCommand> =>
  Object.hasOwn(PolicyCommandSchemas, c.type);

/** Membership changes are decided by both aggregates: the network first, then the contract. */
const alsoDecidedByNetwork = (
  c: Command,
): c is Extract<Command, { type: 'AcceptApplication' | 'TerminateContract' }> =>
  c.type === 'AcceptApplication' || c.type === 'TerminateContract';

/**
 * When a command happened in the world: the date or instant its data names. A date is the
 * 00:00 JST instant of that day. Every command type must say, or the type check fails.
 */
const OCCURRED: { [K in CommandType]: (data: CommandData<K>) => string } = {
  RegisterNetwork: (d) => d.registeredOn,
  DiscloseSettings: (d) => d.disclosedOn,
  AcceptApplication: (d) => d.acceptedOn,
  StartBilling: (d) => d.billingStartOn,
  AcceptModelChange: (d) => d.acceptedOn,
  CompleteModelChange: (d) => d.billingStartOn,
  RequestContractChange: (d) => d.requestedOn,
  AddOption: (d) => d.addedOn,
  StartOptionBilling: (d) => d.billingStartOn,
  StopOption: (d) => d.noticeArrivedOn,
  InstructConfigurationChange: (d) => d.instructedAt,
  PerformConfigurationChange: (d) => d.startedAt,
  ReportFault: (d) => d.reportedAt,
  RecordFaultInvestigation: (d) => d.investigatedOn,
  ResolveFault: (d) => d.resolvedOn,
  ReportLoss: (d) => d.reportedOn,
  ShipReplacement: (d) => d.shippedOn,
  QuoteLossCharge: (d) => d.quotedOn,
  RecordLostItemFound: (d) => d.foundOn,
  ConsentToRelocation: (d) => d.consentedOn,
  RecordRelocation: (d) => d.relocatedOn,
  ReturnEquipment: (d) => d.returnedOn,
  RecordOneTimeCost: (d) => d.incurredOn,
  RecordOutageKnown: (d) => d.knownAt,
  ResolveOutage: (d) => d.resolvedAt,
  ClaimReduction: (d) => d.claimedOn,
  RecordTrafficMeasurement: (d) => d.measuredOn,
  ProposeContractChange: (d) => d.proposedOn,
  ChargeBreachRepairCost: (d) => d.chargedOn,
  RecordProhibitedAct: (d) => d.observedOn,
  DesignateIpAddresses: (d) => d.designatedOn,
  RecordUndesignatedAddressUse: (d) => d.observedOn,
  RecordContractorSetup: (d) => d.recordedOn,
  ReceiveEnvironmentNotice: (d) => d.receivedOn,
  RecordServiceImpediment: (d) => d.from,
  RecordInstallation: (d) => d.installedOn,
  RecordVpnConnection: (d) => d.connectedOn,
  ReceiveTerminationNotice: (d) => d.noticeArrivedOn,
  TerminateContract: (d) => d.effectiveOn,
  AdoptPolicies: (d) => d.from,
};

export const occurredAt = (command: Command): string => {
  const at = (OCCURRED[command.type] as (data: unknown) => string)(command.data);
  return at.length === 10 ? `${at}T00:00:00+09:00` : at;
};

/** The streams a command reads and may write. */
export interface Route {
  readonly networkId: string | null;
  readonly contractId: string | null;
}

/** The contract id a command names, if any; the network id comes from the data or the contract. */
export const contractIdOf = (command: Command): string | null =>
  isNetworkCommand(command) || isPolicyCommand(command)
    ? null
    : (command.data as { contractId: string }).contractId;

export const networkIdOf = (command: Command, contract: ContractState): string | null => {
  if ('networkId' in command.data) return command.data.networkId;
  return contract.status === 'none' ? null : contract.networkId;
};

/**
 * The contract whose state a command's authority comes from besides its own: the network's parent
 * contract, for an instruction to change a child's configuration (Art. 10(1)(2)). Null for any
 * other command, and when the command's contract is the parent itself.
 */
export const parentContractIdFor = (
  command: Command,
  contractId: string | null,
  network: NetworkState,
): string | null =>
  command.type === 'InstructConfigurationChange' &&
  network.status === 'registered' &&
  network.parentContractId !== contractId
    ? network.parentContractId
    : null;

export type CompositeDecision =
  | {
      readonly ok: true;
      readonly network: readonly NetworkEvent[];
      readonly contract: readonly ContractEvent[];
      readonly policies: readonly PolicyEvent[];
    }
  | { readonly ok: false; readonly rejection: Rejection };

/** The states a command is decided against (the pipeline reads them; see Ledger). */
export interface CommandStates {
  readonly network: NetworkState;
  readonly contract: ContractState;
  /**
   * The network's parent contract, for the commands whose authority comes from it (Art. 10(1)(2)):
   * its state when the command's own contract is a child; omitted otherwise.
   */
  readonly parent?: ContractState;
  /** The policy sets adopted (the `policies` stream); none: the base settings govern every date. */
  readonly policies?: PolicyBook;
}

export interface DecideOptions {
  /** See CommandStates.network: the reservations whose contracts do not exist (PendingReservation). */
  readonly pending?: readonly PendingReservation[];
  /** The Japan date the command is recorded on (the pipeline's clock): policies are never back-dated. */
  readonly today?: LocalDate;
}

/**
 * Decides a command against the states of its streams. Pure. `base` is the deployment's settings
 * before any adoption; the decision reads the policy set in force on the command's fact date
 * (`termsOn`). `pending` lists the network's reservations whose contracts do not exist
 * (see PendingReservation); the pipeline finds them.
 */
export const decideCommand = (
  command: Command,
  states: CommandStates,
  base: TermsConfig,
  options: DecideOptions = {},
): CompositeDecision => {
  const decided = decideComposite(command, states, base, options);
  if (!decided.ok) return decided;
  // Policy dates-within-supported-range: nothing is recorded whose consequences the ledger cannot read.
  const outOfRange = dateOutOfRange([...decided.network, ...decided.contract, ...decided.policies]);
  return outOfRange ? { ok: false, rejection: outOfRange } : decided;
};

const decideComposite = (
  command: Command,
  states: CommandStates,
  base: TermsConfig,
  options: DecideOptions,
): CompositeDecision => {
  const book = states.policies ?? EMPTY_POLICY_BOOK;
  const pending = options.pending ?? [];
  if (isPolicyCommand(command)) {
    const today = options.today ?? jstDate(occurredAt(command));
    const d = policyDecider.decide(command, book, { base, today });
    return d.ok ? { ok: true, network: [], contract: [], policies: d.events } : d;
  }
  const date = jstDate(occurredAt(command));
  const terms = termsOn(base, book, date);
  if (isNetworkCommand(command)) {
    const d = networkDecider.decide(command, states.network, { terms, pending });
    return d.ok ? { ok: true, network: d.events, contract: [], policies: [] } : d;
  }
  let network: readonly NetworkEvent[] = [];
  const contract = command as ContractCommand;
  const decided = contractDecider.decide(contract, states.contract, {
    terms,
    network: states.network,
    parent: states.parent ?? null,
    date,
  });
  if (!decided.ok) return decided;
  if (alsoDecidedByNetwork(command)) {
    const n = networkDecider.decide(command, states.network, { terms, pending });
    if (!n.ok) return n;
    network = n.events;
  }
  return { ok: true, network, contract: decided.events, policies: [] };
};

export { contractDecider, networkDecider, policyDecider };
