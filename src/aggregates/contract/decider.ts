import { match } from 'ts-pattern';
import type { ContractEvent } from '../../events';
import { art } from '../../terms/citation';
import { type Decider, reject } from '../decision';
import type { ContractCommand, ContractCommandType } from './commands';
import {
  chargeBreachRepairCost,
  designateIpAddresses,
  receiveEnvironmentNotice,
  recordContractorSetup,
  recordInstallation,
  recordProhibitedAct,
  recordServiceImpediment,
  recordUndesignatedAddressUse,
  recordVpnConnection,
} from './decide-conduct';
import {
  consentToRelocation,
  quoteLossCharge,
  recordLostItemFound,
  recordRelocation,
  reportLoss,
  returnEquipment,
  shipReplacement,
} from './decide-equipment';
import {
  acceptApplication,
  receiveTerminationNotice,
  requestContractChange,
  startBilling,
  terminateContract,
} from './decide-lifecycle';
import { acceptModelChange, completeModelChange } from './decide-model-change';
import { addOption, startOptionBilling, stopOption } from './decide-options';
import {
  claimReduction,
  instructConfigurationChange,
  performConfigurationChange,
  proposeContractChange,
  recordFaultInvestigation,
  recordOneTimeCost,
  recordOutageKnown,
  recordTrafficMeasurement,
  reportFault,
  resolveFault,
  resolveOutage,
} from './decide-service';
import { evolveContract } from './evolve';
import type { ContractContext, D } from './rules';
import { type AcceptedContract, type ContractState, initialContractState } from './state';

export type { ContractCommand } from './commands';
export type { ContractContext } from './rules';

/**
 * After the termination took effect the contract only settles: equipment comes back or is charged
 * as lost, claims for outages of its life are made and outages resolved, costs incurred on or
 * before the end are recorded (the rule checks the date), and breaches of Art. 14(1) come to light.
 * Any other fact dated after the last day is refused with CONTRACT_TERMINATED; one dated on or
 * before it is a fact of the contract's life, decided as of its date whenever it is recorded
 * (bitemporal: a termination recorded does not make an earlier-dated fact impossible).
 */
export const ALLOWED_AFTER_TERMINATION: ReadonlySet<ContractCommandType> = new Set<ContractCommandType>([
  'ReturnEquipment',
  'ReportLoss',
  'ShipReplacement',
  'QuoteLossCharge',
  'RecordLostItemFound',
  'ClaimReduction',
  'ResolveOutage',
  'RecordOneTimeCost',
  // Art. 14(2): a loss or damage in breach may come to light after the end; Art. 16(3)(3): the
  // duties of 14(1) bind a lost item still.
  'ChargeBreachRepairCost',
  'RecordProhibitedAct',
]);

/** The notice and the termination itself happen once: after the end there is neither again. */
const ONCE: ReadonlySet<ContractCommandType> = new Set<ContractCommandType>([
  'ReceiveTerminationNotice',
  'TerminateContract',
]);

const notFound = (contractId: string): D =>
  reject('CONTRACT_NOT_FOUND', { contractId }, [art(6)], 'contractId');

const terminated = (c: AcceptedContract, command: string): D =>
  reject(
    'CONTRACT_TERMINATED',
    { case: 'command', contractId: c.contractId, lastDay: c.termination?.terminatedOn ?? '', command },
    [art(18)],
  );

const decide = (command: ContractCommand, state: ContractState, ctx: ContractContext): D => {
  if (command.type === 'AcceptApplication') return acceptApplication(command.data, state, ctx);
  if (state.status === 'none') return notFound(command.data.contractId);
  const c = state;
  if (c.status === 'terminated' && !ALLOWED_AFTER_TERMINATION.has(command.type)) {
    const last = c.termination?.terminatedOn ?? '';
    if (ONCE.has(command.type) || ctx.date > last) return terminated(c, command.type);
  }
  return match(command)
    .with({ type: 'StartBilling' }, ({ data }) => startBilling(data, c, ctx))
    .with({ type: 'AcceptModelChange' }, ({ data }) => acceptModelChange(data, c, ctx))
    .with({ type: 'CompleteModelChange' }, ({ data }) => completeModelChange(data, c, ctx))
    .with({ type: 'RequestContractChange' }, ({ data }) => requestContractChange(data, c, ctx))
    .with({ type: 'AddOption' }, ({ data }) => addOption(data, c, ctx))
    .with({ type: 'StartOptionBilling' }, ({ data }) => startOptionBilling(data, c, ctx))
    .with({ type: 'StopOption' }, ({ data }) => stopOption(data, c, ctx))
    .with({ type: 'InstructConfigurationChange' }, ({ data }) => instructConfigurationChange(data, c, ctx))
    .with({ type: 'PerformConfigurationChange' }, ({ data }) => performConfigurationChange(data, c, ctx))
    .with({ type: 'ReportFault' }, ({ data }) => reportFault(data, c, ctx))
    .with({ type: 'RecordFaultInvestigation' }, ({ data }) => recordFaultInvestigation(data, c, ctx))
    .with({ type: 'ResolveFault' }, ({ data }) => resolveFault(data, c, ctx))
    .with({ type: 'ReportLoss' }, ({ data }) => reportLoss(data, c, ctx))
    .with({ type: 'ShipReplacement' }, ({ data }) => shipReplacement(data, c, ctx))
    .with({ type: 'QuoteLossCharge' }, ({ data }) => quoteLossCharge(data, c, ctx))
    .with({ type: 'RecordLostItemFound' }, ({ data }) => recordLostItemFound(data, c, ctx))
    .with({ type: 'ConsentToRelocation' }, ({ data }) => consentToRelocation(data, c, ctx))
    .with({ type: 'RecordRelocation' }, ({ data }) => recordRelocation(data, c, ctx))
    .with({ type: 'ReturnEquipment' }, ({ data }) => returnEquipment(data, c, ctx))
    .with({ type: 'RecordOneTimeCost' }, ({ data }) => recordOneTimeCost(data, c, ctx))
    .with({ type: 'RecordOutageKnown' }, ({ data }) => recordOutageKnown(data, c, ctx))
    .with({ type: 'ResolveOutage' }, ({ data }) => resolveOutage(data, c, ctx))
    .with({ type: 'ClaimReduction' }, ({ data }) => claimReduction(data, c, ctx))
    .with({ type: 'RecordTrafficMeasurement' }, ({ data }) => recordTrafficMeasurement(data, c, ctx))
    .with({ type: 'ProposeContractChange' }, ({ data }) => proposeContractChange(data, c, ctx))
    .with({ type: 'ChargeBreachRepairCost' }, ({ data }) => chargeBreachRepairCost(data, c, ctx))
    .with({ type: 'RecordProhibitedAct' }, ({ data }) => recordProhibitedAct(data, c, ctx))
    .with({ type: 'DesignateIpAddresses' }, ({ data }) => designateIpAddresses(data, c, ctx))
    .with({ type: 'RecordUndesignatedAddressUse' }, ({ data }) => recordUndesignatedAddressUse(data, c, ctx))
    .with({ type: 'RecordContractorSetup' }, ({ data }) => recordContractorSetup(data, c, ctx))
    .with({ type: 'ReceiveEnvironmentNotice' }, ({ data }) => receiveEnvironmentNotice(data, c, ctx))
    .with({ type: 'RecordServiceImpediment' }, ({ data }) => recordServiceImpediment(data, c, ctx))
    .with({ type: 'RecordInstallation' }, ({ data }) => recordInstallation(data, c, ctx))
    .with({ type: 'RecordVpnConnection' }, ({ data }) => recordVpnConnection(data, c, ctx))
    .with({ type: 'ReceiveTerminationNotice' }, ({ data }) => receiveTerminationNotice(data, c, ctx))
    .with({ type: 'TerminateContract' }, ({ data }) => terminateContract(data, c, ctx))
    .exhaustive();
};

export const contractDecider: Decider<ContractCommand, ContractState, ContractEvent, ContractContext> = {
  initialState: initialContractState,
  evolve: evolveContract,
  decide,
};
