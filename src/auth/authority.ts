/**
 * Who may do what (issue 13). `staff` may send every command and read everything. A contractor
 * sends only what a contractor sends under the terms, as itself and on its own contracts: a
 * request to change its contract (Art. 9), notices (Art. 8(3), 17(4), 18), instructions to change
 * the configuration (Art. 10, the parent holder, on any contract of its VPN), reduction claims
 * (Art. 21) and loss reports (Art. 16(1)). What the provider records (acceptances and their
 * quoted fees, billing starts, faults, outages, quotes, returns, closes) is staff's.
 *
 * A contractor reads its own contracts; as the holder of a network's parent contract it also sees
 * what Art. 10 and 11 give it of the network's other contracts: that they are sites of its VPN,
 * their settings and the configuration changes it instructed, and what is billed to it. Another
 * contractor's contract is answered exactly as a contract that does not exist.
 *
 * Rules as data: a refusal is a Rejection, and each edge answers it in its own way (the server as
 * problem details, src/server/problem.ts).
 */
import type { CommandType } from '../aggregates';
import type { AcceptedContract } from '../aggregates/contract/state';
import { occurredAt } from '../aggregates/registry';
import type { CommandGuard } from '../ledger/ledger';
import { type ArticleRef, art, type Citation, cite, parseCitation } from '../terms/citation';
import { jstDate } from '../terms/dates';
import { type Rejection, refusal } from '../terms/rejections';
import type { Principal } from './principal';

interface ContractorAct {
  readonly by: 'contractor';
  readonly article: string;
  /** The field dating the act: sent through the server, it is dated the day the server receives it. */
  readonly dateField: string;
  readonly what: string;
}
interface ProviderAct {
  readonly by: 'provider';
  readonly article: string;
  readonly what: string;
}

/** Every command type, by whose act it records (a new command type must be placed here). */
export const ACTS: { readonly [K in CommandType]: ContractorAct | ProviderAct } = {
  RequestContractChange: {
    by: 'contractor',
    article: 'Art. 9',
    dateField: 'requestedOn',
    what: 'a request to change the contract',
  },
  StopOption: {
    by: 'contractor',
    article: 'Art. 17(4)',
    dateField: 'noticeArrivedOn',
    what: 'an option stop notice',
  },
  ReceiveEnvironmentNotice: {
    by: 'contractor',
    article: 'Art. 8(3)',
    dateField: 'receivedOn',
    what: 'a notice of the communication environment',
  },
  ReceiveTerminationNotice: {
    by: 'contractor',
    article: 'Art. 18',
    dateField: 'noticeArrivedOn',
    what: 'a termination notice',
  },
  InstructConfigurationChange: {
    by: 'contractor',
    article: 'Art. 10',
    dateField: 'instructedAt',
    what: 'an instruction to change the configuration',
  },
  ClaimReduction: { by: 'contractor', article: 'Art. 21', dateField: 'claimedOn', what: 'a reduction claim' },
  ReportLoss: { by: 'contractor', article: 'Art. 16(1)', dateField: 'reportedOn', what: 'a loss report' },
  RegisterNetwork: { by: 'provider', article: 'Art. 1', what: 'the registration of a VPN' },
  DiscloseSettings: { by: 'provider', article: 'Art. 11', what: 'a disclosure of settings' },
  AcceptApplication: {
    by: 'provider',
    article: 'Art. 19; Annex 1 §1',
    what: 'the acceptance of an application with its quoted fees',
  },
  StartBilling: { by: 'provider', article: 'Art. 5(1); Art. 19', what: 'a billing start' },
  AcceptModelChange: {
    by: 'provider',
    article: 'Art. 9(1); Annex 1 §3(2)',
    what: 'the acceptance of a model change with its quoted fees',
  },
  CompleteModelChange: { by: 'provider', article: 'Art. 9(1); Art. 5(2)', what: 'a completed model change' },
  AddOption: { by: 'provider', article: 'Art. 17; Annex 1 §1(2)', what: 'an option with its quoted fees' },
  StartOptionBilling: { by: 'provider', article: 'Art. 17(3); Art. 19', what: "an option's billing start" },
  PerformConfigurationChange: { by: 'provider', article: 'Art. 10(3)', what: 'configuration work done' },
  ReportFault: { by: 'provider', article: 'Art. 15(1)', what: 'a fault as the support desk records it' },
  RecordFaultInvestigation: { by: 'provider', article: 'Art. 15(2)(3)', what: 'a fault investigation' },
  ResolveFault: { by: 'provider', article: 'Art. 15(2)', what: "a fault's resolution" },
  ShipReplacement: { by: 'provider', article: 'Art. 16(1)', what: 'a replacement shipped' },
  QuoteLossCharge: { by: 'provider', article: 'Art. 16(2); Annex 1 §3(5)', what: 'a loss charge quote' },
  RecordLostItemFound: { by: 'provider', article: 'Art. 16(3)', what: 'a lost item found' },
  ConsentToRelocation: { by: 'provider', article: 'Art. 14(1)', what: "the provider's consent" },
  RecordRelocation: { by: 'provider', article: 'Art. 14(1)', what: 'a relocation' },
  ReturnEquipment: { by: 'provider', article: 'Art. 14(3)', what: 'equipment received back' },
  RecordOneTimeCost: { by: 'provider', article: 'Annex 1 §3(1), §3(6)', what: 'a cost at actual cost' },
  RecordOutageKnown: { by: 'provider', article: 'Art. 21', what: 'an outage' },
  ResolveOutage: { by: 'provider', article: 'Art. 21', what: "an outage's end" },
  RecordTrafficMeasurement: { by: 'provider', article: 'Art. 23', what: 'a traffic measurement' },
  ProposeContractChange: { by: 'provider', article: 'Art. 23', what: "the provider's proposal" },
  ChargeBreachRepairCost: { by: 'provider', article: 'Art. 14(2)', what: 'a recovery or repair cost' },
  RecordProhibitedAct: { by: 'provider', article: 'Art. 14(1)', what: 'a prohibited act' },
  DesignateIpAddresses: { by: 'provider', article: 'Art. 7', what: 'a designation of addresses' },
  RecordUndesignatedAddressUse: { by: 'provider', article: 'Art. 7', what: 'an undesignated address in use' },
  RecordContractorSetup: { by: 'provider', article: 'Art. 8(2)', what: "the contractor's set-up" },
  RecordServiceImpediment: { by: 'provider', article: 'Art. 8(4)', what: 'an impediment to the service' },
  RecordInstallation: { by: 'provider', article: 'Art. 13', what: 'an installation' },
  RecordVpnConnection: { by: 'provider', article: 'Art. 22(1)', what: 'a connection of the VPN' },
  TerminateContract: { by: 'provider', article: 'Art. 18', what: 'a termination taking effect' },
  AdoptPolicies: {
    by: 'provider',
    article: 'Art. 1; Art. 3; Art. 18; Art. 22(2); Civil Code art. 142',
    what: "the deployment's policy set",
  },
};

/** What a principal may see of one contract: all of it, or what a parent holder sees of another's. */
export type Access = 'staff' | 'holder' | 'parent-holder';

/** What `principal` may see of a contract held by `contractorId` in a VPN whose parent `parentHolderId` holds. */
export const accessOf = (
  principal: Principal,
  contract: { readonly contractorId: string; readonly parentHolderId: string },
): Access | null => {
  if (principal.kind === 'staff') return 'staff';
  if (contract.contractorId === principal.contractorId) return 'holder';
  if (contract.parentHolderId === principal.contractorId) return 'parent-holder';
  return null;
};

/**
 * The steps of another contractor's contract its VPN's parent holder sees: membership, the
 * configuration work it instructed and the settings of the site (Art. 7, 8(3), 10, 11, 13, 22(1)).
 */
export const PARENT_HOLDER_STEPS: ReadonlySet<string> = new Set([
  'SiteJoined',
  'SiteLeft',
  'SettingsDisclosed',
  'ConfigurationChangeInstructed',
  'ConfigurationChangePerformed',
  'IpAddressesDesignated',
  'EnvironmentSettingsNotified',
  'EquipmentInstalled',
  'VpnConnectionRecorded',
]);

/** An act's provisions as data (every article in ACTS reads back: test/server/authority.test.ts). */
export const citationOf = (text: string): Citation =>
  parseCitation(text).filter((r): r is ArticleRef => r.kind !== 'text');

/** The ledger's answer for a contract it does not have; a contract the principal may not see gets it too. */
export const contractNotFound = (contractId: string): Rejection =>
  refusal('CONTRACT_NOT_FOUND', { contractId }, cite(art(6)), 'contractId');

const isKnownType = (type: unknown): type is CommandType =>
  typeof type === 'string' && Object.hasOwn(ACTS, type);

/** A command as sent, authorized (with its actor filled in), or the refusal of it. */
export type Authorized = { readonly command: unknown } | { readonly refused: Rejection };

/**
 * The checks made on a command as sent, before the ledger reads it: its actor is the principal
 * (filled in when left out), a contractor sends only a contractor's acts, and an instruction is
 * given by the contractor that sends it (Art. 10). Returns the command to execute, or the refusal.
 */
export const authorizeEnvelope = (principal: Principal, body: unknown): Authorized => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { command: body };
  const input = body as Record<string, unknown>;
  if (input.actor !== undefined && input.actor !== principal.id) {
    return {
      refused: refusal(
        'ACTOR_MISMATCH',
        {
          case: 'actor',
          principal: principal.id,
          named: typeof input.actor === 'string' ? input.actor : 'another',
        },
        [],
        'actor',
      ),
    };
  }
  const command: Record<string, unknown> = { ...input, actor: principal.id };
  if (principal.kind === 'staff' || !isKnownType(input.type)) return { command };
  const act = ACTS[input.type];
  if (act.by === 'provider') {
    return {
      refused: refusal(
        'NOT_PERMITTED',
        { case: 'provider-act', type: input.type },
        citationOf(act.article),
        'type',
      ),
    };
  }
  if (input.type === 'InstructConfigurationChange' && typeof input.data === 'object' && input.data !== null) {
    const data = input.data as Record<string, unknown>;
    if (data.instructedBy === undefined) {
      command.data = { ...data, instructedBy: principal.contractorId };
    } else if (data.instructedBy !== principal.contractorId) {
      return {
        refused: refusal(
          'ACTOR_MISMATCH',
          { case: 'instruction', contractorId: principal.contractorId, named: String(data.instructedBy) },
          cite(art(10)),
          'data.instructedBy',
        ),
      };
    }
  }
  return { command };
};

/**
 * The checks the ledger runs on a contractor's command once it has read the streams: the contract
 * is one it holds (or, for an instruction, one of the VPN whose parent contract it holds);
 * otherwise it is answered as a contract that does not exist. And the act is dated the Japan day
 * the server received it: a notice arrives, a claim or a report is made, when it is sent.
 */
export const commandGuard =
  (principal: Principal, receivedOn: () => string): CommandGuard =>
  (cmd, { contract, network, repeated }) => {
    if (principal.kind === 'staff') return null;
    const act = ACTS[cmd.command.type];
    if (act.by !== 'contractor') return null;
    const contractId = (cmd.command.data as { contractId: string }).contractId;
    if (!contract || contract.status === 'none') return contractNotFound(contractId);
    const me = principal.contractorId;
    const holds = contract.contractorId === me;
    const holdsParent = network !== null && network.status === 'registered' && network.parentHolderId === me;
    const instruction = cmd.command.type === 'InstructConfigurationChange';
    if (!holds && !(instruction && holdsParent)) {
      if (!holdsParent) return contractNotFound(contractId);
      return refusal(
        'NOT_PERMITTED',
        {
          case: 'holder-only',
          type: cmd.command.type,
          holderId: (contract as AcceptedContract).contractorId,
          parentHolderId: me,
        },
        citationOf(act.article),
        'contractId',
      );
    }
    if (repeated) return null;
    const today = receivedOn();
    const dated = jstDate(occurredAt(cmd.command));
    if (dated !== today) {
      return refusal(
        'NOT_DATED_TODAY',
        { type: cmd.command.type, field: act.dateField, today, dated },
        citationOf(act.article),
        `data.${act.dateField}`,
      );
    }
    return null;
  };
