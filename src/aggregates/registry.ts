import type { z } from 'zod';
import type { ContractEvent, NetworkEvent } from '../events';
import type { TermsConfig } from './context';
import { ContractCommandSchemas } from './contract/commands';
import { type ContractCommand, contractDecider } from './contract/decider';
import type { ContractState } from './contract/state';
import { dateOutOfRange } from './date-range';
import type { Rejection } from './decision';
import { NetworkCommandSchemas } from './network/commands';
import { type NetworkCommand, networkDecider, type PendingReservation } from './network/decider';
import type { NetworkState } from './network/state';

export const COMMAND_SCHEMAS = { ...NetworkCommandSchemas, ...ContractCommandSchemas } as const;
export type CommandType = keyof typeof COMMAND_SCHEMAS;
export type CommandData<T extends CommandType> = z.infer<(typeof COMMAND_SCHEMAS)[T]>;
export type Command = { [K in CommandType]: { type: K; data: CommandData<K> } }[CommandType];

export const COMMAND_TYPES = Object.keys(COMMAND_SCHEMAS) as CommandType[];
export const isCommandType = (t: string): t is CommandType => Object.hasOwn(COMMAND_SCHEMAS, t);
const isNetworkCommand = (c: Command): c is Extract<Command, NetworkCommand> =>
  Object.hasOwn(NetworkCommandSchemas, c.type);

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
  isNetworkCommand(command) ? null : (command.data as { contractId: string }).contractId;

export const networkIdOf = (command: Command, contract: ContractState): string | null => {
  if ('networkId' in command.data) return command.data.networkId;
  return contract.status === 'none' ? null : contract.networkId;
};

export type CompositeDecision =
  | {
      readonly ok: true;
      readonly network: readonly NetworkEvent[];
      readonly contract: readonly ContractEvent[];
    }
  | { readonly ok: false; readonly rejection: Rejection };

/**
 * Decides a command against the states of its streams. Pure. `pending` lists the network's
 * reservations whose contracts do not exist (see PendingReservation); the pipeline finds them.
 */
export const decideCommand = (
  command: Command,
  states: { readonly network: NetworkState; readonly contract: ContractState },
  terms: TermsConfig,
  pending: readonly PendingReservation[] = [],
): CompositeDecision => {
  const decided = decideComposite(command, states, terms, pending);
  if (!decided.ok) return decided;
  // Policy dates-within-supported-range: nothing is recorded whose consequences the ledger cannot read.
  const outOfRange = dateOutOfRange([...decided.network, ...decided.contract]);
  return outOfRange ? { ok: false, rejection: outOfRange } : decided;
};

const decideComposite = (
  command: Command,
  states: { readonly network: NetworkState; readonly contract: ContractState },
  terms: TermsConfig,
  pending: readonly PendingReservation[],
): CompositeDecision => {
  if (isNetworkCommand(command)) {
    const d = networkDecider.decide(command, states.network, { terms, pending });
    return d.ok ? { ok: true, network: d.events, contract: [] } : d;
  }
  let network: readonly NetworkEvent[] = [];
  const contract = command as ContractCommand;
  const decided = contractDecider.decide(contract, states.contract, { terms, network: states.network });
  if (!decided.ok) return decided;
  if (alsoDecidedByNetwork(command)) {
    const n = networkDecider.decide(command, states.network, { terms, pending });
    if (!n.ok) return n;
    network = n.events;
  }
  return { ok: true, network, contract: decided.events };
};

export { contractDecider, networkDecider };
