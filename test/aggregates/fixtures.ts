/**
 * The cast of the specs: network N1 held by H-PARENT, parent contract P1 (an ISR 4351 at the head
 * office), child contract C1 (an 891FJ at a branch, held by H-CHILD). Accepted 2025-04-01, billed
 * from 2025-04-15. Every builder takes overrides.
 */
import type { Command, CommandData, CommandType } from '../../src/aggregates';
import { command, history, type Tagged } from './support';

export const NET = 'N1';
export const HOLDER = 'H-PARENT';
export const CHILD_HOLDER = 'H-CHILD';
export const P = 'P1';
export const C = 'C1';
export const TOKYO = { country: 'JP', text: 'Tokyo, Chiyoda-ku 1-1' };
export const OSAKA = { country: 'JP', text: 'Osaka, Kita-ku 2-2' };
export const ACCEPTED_ON = '2025-04-01';
export const BILLING_ON = '2025-04-15';

type Overrides<K extends CommandType> = Partial<CommandData<K>>;

const builder =
  <K extends CommandType>(type: K, defaults: CommandData<K>) =>
  (o: Overrides<K> = {}): Command =>
    command(type, { ...defaults, ...o } as CommandData<K>);

export const registerNetwork = builder('RegisterNetwork', {
  networkId: NET,
  parentContractId: P,
  parentHolderId: HOLDER,
  item: 'single-star-single-edge',
  registeredOn: '2025-03-01',
});

export const acceptParent = builder('AcceptApplication', {
  contractId: P,
  networkId: NET,
  contractType: 'parent',
  contractorId: HOLDER,
  item: 'single-star-single-edge',
  deviceModel: 'Cisco ISR 4351',
  deviceItemIds: ['P1-D1'],
  maintenanceType: 'type-2',
  termYears: 1,
  site: TOKYO,
  lanSubnets: ['192.168.1.0/24'],
  initialFee: 30000,
  monthlyFee: 20000,
  onSiteInstallation: null,
  acceptedOn: ACCEPTED_ON,
});

export const acceptChild = builder('AcceptApplication', {
  contractId: C,
  networkId: NET,
  contractType: 'child',
  contractorId: CHILD_HOLDER,
  item: 'single-star-single-edge',
  deviceModel: 'Cisco 891FJ',
  deviceItemIds: ['C1-D1'],
  maintenanceType: 'type-2',
  termYears: 3,
  site: OSAKA,
  lanSubnets: ['192.168.2.0/24'],
  initialFee: 20000,
  monthlyFee: 10000,
  onSiteInstallation: null,
  acceptedOn: ACCEPTED_ON,
});

export const startBilling = builder('StartBilling', { contractId: P, billingStartOn: BILLING_ON });
export const acceptModelChange = builder('AcceptModelChange', {
  contractId: P,
  changeId: 'MC1',
  target: { kind: 'device' },
  toModel: 'Cisco ASR 1001-X',
  fee: 50000,
  monthlyFee: 30000,
  acceptedOn: '2025-06-01',
});
export const completeModelChange = builder('CompleteModelChange', {
  contractId: P,
  changeId: 'MC1',
  billingStartOn: '2025-06-20',
  newItemIds: ['P1-D2'],
});
export const requestContractChange = builder('RequestContractChange', {
  contractId: P,
  field: 'item',
  to: 'dual-star-dual-edge',
  requestedOn: '2025-06-01',
});
export const addOption = builder('AddOption', {
  contractId: P,
  optionId: 'OPT1',
  option: 'sfp-module',
  model: null,
  equipmentItemIds: ['P1-SFP1'],
  initialFee: 5000,
  monthlyFee: 1500,
  addedOn: '2025-05-01',
});
export const startOptionBilling = builder('StartOptionBilling', {
  contractId: P,
  optionId: 'OPT1',
  billingStartOn: '2025-05-10',
});
export const stopOption = builder('StopOption', {
  contractId: P,
  optionId: 'OPT1',
  noticeArrivedOn: '2025-07-10',
  requestedOn: null,
});
export const instruct = builder('InstructConfigurationChange', {
  contractId: P,
  jobId: 'J1',
  instructedBy: HOLDER,
  instructedAt: '2025-05-01T10:00:00+09:00',
  description: 'Add a static route',
});
export const perform = builder('PerformConfigurationChange', {
  contractId: P,
  jobId: 'J1',
  startedAt: '2025-05-02T10:00:00+09:00',
  itemIds: ['P1-D1'],
});
export const reportFault = builder('ReportFault', {
  contractId: P,
  faultId: 'F1',
  itemId: 'P1-D1',
  reportedAt: '2025-05-01T08:00:00+09:00',
  description: 'No link on WAN port',
});
export const investigate = builder('RecordFaultInvestigation', {
  contractId: P,
  faultId: 'F1',
  outcome: 'provider-fault',
  quotedCost: null,
  investigatedOn: '2025-05-02',
});
export const resolveFault = builder('ResolveFault', {
  contractId: P,
  faultId: 'F1',
  resolution: 'repaired',
  replacement: null,
  resolvedOn: '2025-05-03',
});
export const reportLoss = builder('ReportLoss', {
  contractId: P,
  lossId: 'L1',
  itemId: 'P1-D1',
  reportedOn: '2025-05-01',
  circumstances: 'Stolen during office move',
});
export const shipReplacement = builder('ShipReplacement', {
  contractId: P,
  lossId: 'L1',
  replacement: { itemId: 'P1-D9', kind: 'vpn-device', model: 'Cisco ISR 4351' },
  shippedOn: '2025-05-02',
});
export const quoteLossCharge = builder('QuoteLossCharge', {
  contractId: P,
  lossId: 'L1',
  itemId: 'P1-D1',
  amount: 180000,
  reason: 'reported-loss',
  quotedOn: '2025-05-10',
});
export const recordFound = builder('RecordLostItemFound', {
  contractId: P,
  lossId: 'L1',
  foundOn: '2025-06-01',
});
export const consent = builder('ConsentToRelocation', {
  contractId: P,
  consentId: 'R1',
  itemIds: ['P1-D1'],
  to: { country: 'JP', text: 'Tokyo, Minato-ku 3-3' },
  consentedOn: '2025-05-01',
});
export const relocate = builder('RecordRelocation', {
  contractId: P,
  consentId: 'R1',
  relocatedOn: '2025-05-05',
});
export const returnEquipment = builder('ReturnEquipment', {
  contractId: P,
  itemIds: ['P1-D1'],
  returnedOn: '2025-09-01',
});
export const recordCost = builder('RecordOneTimeCost', {
  contractId: P,
  costId: 'K1',
  cost: 'travel',
  amount: 12000,
  incurredOn: '2025-05-01',
  description: 'Ferry to the island site',
});
export const outageKnown = builder('RecordOutageKnown', {
  contractId: P,
  outageId: 'U1',
  knownAt: '2025-05-01T10:00:00+09:00',
  description: 'Backbone router failure',
});
export const resolveOutage = builder('ResolveOutage', {
  contractId: P,
  outageId: 'U1',
  resolvedAt: '2025-05-03T12:00:00+09:00',
  cause: 'provider',
});
export const claimReduction = builder('ClaimReduction', {
  contractId: P,
  outageId: 'U1',
  claimedOn: '2025-05-10',
});
export const measure = builder('RecordTrafficMeasurement', {
  contractId: P,
  measurementId: 'T1',
  measuredOn: '2025-05-01',
  peakUtilisationPercent: 97,
});
export const propose = builder('ProposeContractChange', {
  contractId: P,
  proposalId: 'PR1',
  measurementId: 'T1',
  proposedOn: '2025-05-05',
  proposal: 'Move to dual-star dual-edge',
});
export const terminationNotice = builder('ReceiveTerminationNotice', {
  contractId: P,
  noticeArrivedOn: '2025-07-01',
  requestedOn: null,
  ground: 'ordinary',
  evidenceRef: null,
});
export const terminate = builder('TerminateContract', { contractId: P, effectiveOn: '2025-07-31' });
export const discloseSettings = builder('DiscloseSettings', {
  networkId: NET,
  contractId: P,
  toContractorId: CHILD_HOLDER,
  disclosedOn: '2025-05-01',
});

export const chargeBreach = builder('ChargeBreachRepairCost', {
  contractId: P,
  chargeId: 'B1',
  itemIds: ['P1-D1'],
  harm: 'damaged',
  breach: 'disassemble',
  amount: 45000,
  occurredOn: '2025-05-01',
  chargedOn: '2025-05-10',
  description: 'Case opened, board cracked',
});
export const prohibitedAct = builder('RecordProhibitedAct', {
  contractId: P,
  actId: 'A1',
  act: 'lend',
  itemIds: ['P1-D1'],
  observedOn: '2025-05-01',
  description: 'Lent to a neighbouring tenant',
});
export const designateAddresses = builder('DesignateIpAddresses', {
  contractId: P,
  designationId: 'IP1',
  designatedBy: 'provider',
  addresses: ['203.0.113.0/29'],
  designatedOn: '2025-04-10',
});
export const undesignatedUse = builder('RecordUndesignatedAddressUse', {
  contractId: P,
  useId: 'U-IP1',
  address: '198.51.100.7',
  observedOn: '2025-05-01',
  description: 'Seen on the WAN side',
});
export const contractorSetup = builder('RecordContractorSetup', {
  contractId: P,
  setupId: 'S1',
  duty: 'power-and-space',
  status: 'done',
  recordedOn: '2025-04-10',
  description: 'Rack space and two outlets ready',
});
export const environmentNotice = builder('ReceiveEnvironmentNotice', {
  contractId: P,
  noticeId: 'EN1',
  kind: 'change',
  receivedOn: '2025-05-01',
  description: 'New PPPoE credentials from the carrier',
});
export const serviceImpeded = builder('RecordServiceImpediment', {
  contractId: P,
  impedimentId: 'IM1',
  duty: 'environment-settings',
  from: '2025-05-02',
  description: 'Carrier settings not disclosed',
});
export const installation = builder('RecordInstallation', {
  contractId: P,
  installationId: 'IN1',
  itemIds: ['P1-D1'],
  installedOn: '2025-04-10',
  by: 'contractor',
});
export const vpnConnection = builder('RecordVpnConnection', {
  contractId: P,
  connectionId: 'V1',
  peer: 'Supplier VPN (IIJ Managed VPN PRO, network SUP-1)',
  peerUsesService: true,
  connectedOn: '2025-05-01',
});

/** One plausible command of every contract command type (for lifecycle sweeps). */
export const oneOfEach = (contractId: string): Command[] =>
  [
    startBilling,
    acceptModelChange,
    completeModelChange,
    requestContractChange,
    addOption,
    startOptionBilling,
    stopOption,
    instruct,
    perform,
    reportFault,
    investigate,
    resolveFault,
    reportLoss,
    shipReplacement,
    quoteLossCharge,
    recordFound,
    consent,
    relocate,
    returnEquipment,
    recordCost,
    outageKnown,
    resolveOutage,
    claimReduction,
    measure,
    propose,
    chargeBreach,
    prohibitedAct,
    designateAddresses,
    undesignatedUse,
    contractorSetup,
    environmentNotice,
    serviceImpeded,
    installation,
    vpnConnection,
    terminationNotice,
    terminate,
  ].map((b) => b({ contractId }));

/** Network N1 with P1 and C1 accepted on 2025-04-01. */
export const accepted = (...more: Command[]): Tagged[] =>
  history(registerNetwork(), acceptParent(), acceptChild(), ...more);

/** As `accepted`, with both contracts billed from 2025-04-15. */
export const billing = (...more: Command[]): Tagged[] =>
  accepted(startBilling(), startBilling({ contractId: C }), ...more);

/** P1 terminated on 2025-07-31 (notice arrived 2025-07-01), then `after`. */
export const terminated = (...after: Command[]): Tagged[] =>
  billing(terminationNotice(), terminate(), ...after);

/**
 * Ids named after properties every plain object inherits (issue 15): they pass the id rule, so the
 * deciders must treat them as ids like any other. (`__proto__` never passes the rule: an id starts
 * with a letter or digit.)
 */
export const PROTO_IDS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty'] as const;
