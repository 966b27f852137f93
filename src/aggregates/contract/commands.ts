import { z } from 'zod';
import { Fields, ModelChangeTarget, ProhibitedAct, SetupDuty } from '../../events';

const {
  Address,
  ContractType,
  ContractorId,
  EquipmentItem,
  FaultOutcome,
  Id,
  Instant,
  Item,
  LocalDate,
  MaintenanceType,
  OneTimeCostKind,
  OptionKind,
  OutageCause,
  Subnet,
  TermYears,
  TerminationGround,
  Text,
  Yen,
} = Fields;

/** Commands of the `contract-<id>` aggregate, named in the imperative. Every one names its contract. */
export const ContractCommandSchemas = {
  // Art. 1-8, 19: the application and the start of billing ------------------------------------
  AcceptApplication: z.strictObject({
    contractId: Id,
    networkId: Id,
    contractType: ContractType,
    contractorId: ContractorId,
    item: Item,
    /** The VPN devices' model (Art. 3); null for closed monitoring, which has no device of its own (Art. 2). */
    deviceModel: z.string().min(1).max(100).nullable(),
    /** One id per device; Art. 2 fixes how many the item and type need. */
    deviceItemIds: z.array(Id),
    maintenanceType: MaintenanceType,
    termYears: TermYears,
    site: Address,
    lanSubnets: z.array(Subnet),
    initialFee: Yen,
    monthlyFee: Yen,
    onSiteInstallation: z.strictObject({ initialFee: Yen }).nullable(),
    acceptedOn: LocalDate,
  }),
  StartBilling: z.strictObject({ contractId: Id, billingStartOn: LocalDate }),

  // Art. 9, 5(2), 17(3): model changes and the changes that are never allowed ----------------------
  AcceptModelChange: z.strictObject({
    contractId: Id,
    changeId: Id,
    target: ModelChangeTarget,
    toModel: z.string().min(1).max(100),
    /** Annex 1 §3(2): the quoted one-time fee. */
    fee: Yen,
    /** The monthly fee from the new model's billing start (Annex 1 §2, quoted). */
    monthlyFee: Yen,
    acceptedOn: LocalDate,
    /**
     * A device change: the cold-standby options that change with it (Art. 17(2)(2): 「同一のVPN機器」),
     * each with its quoted one-time fee (Annex 1 §3(2)) and monthly fee. Every cold standby in use
     * of the old model must be listed; omitted: none.
     */
    coldStandby: z.array(z.strictObject({ optionId: Id, fee: Yen, monthlyFee: Yen })).optional(),
  }),
  CompleteModelChange: z.strictObject({
    contractId: Id,
    changeId: Id,
    billingStartOn: LocalDate,
    /** One new item id per replaced unit, in the order of the units replaced. */
    newItemIds: z.array(Id),
  }),
  RequestContractChange: z.strictObject({
    contractId: Id,
    field: z.enum(['contractType', 'item', 'maintenanceType', 'network', 'termYears']),
    to: z.string().max(200),
    requestedOn: LocalDate,
  }),

  // Art. 17: options ------------------------------------------------------------------------------
  AddOption: z.strictObject({
    contractId: Id,
    optionId: Id,
    option: OptionKind,
    /** Cold standby: the unit's model (null: the device's); private switch: the switch model; accessories: the host model (null: the VPN device). */
    model: z.string().min(1).max(100).nullable(),
    equipmentItemIds: z.array(Id),
    initialFee: Yen,
    monthlyFee: Yen,
    addedOn: LocalDate,
  }),
  StartOptionBilling: z.strictObject({ contractId: Id, optionId: Id, billingStartOn: LocalDate }),
  StopOption: z.strictObject({
    contractId: Id,
    optionId: Id,
    noticeArrivedOn: LocalDate,
    requestedOn: LocalDate.nullable(),
  }),

  // Art. 10: configuration changes -------------------------------------------------------------------
  InstructConfigurationChange: z.strictObject({
    contractId: Id,
    jobId: Id,
    instructedBy: ContractorId,
    instructedAt: Instant,
    description: Text,
  }),
  PerformConfigurationChange: z.strictObject({
    contractId: Id,
    jobId: Id,
    startedAt: Instant,
    itemIds: z.array(Id).min(1),
  }),

  // Art. 15: faults -----------------------------------------------------------------------------------
  ReportFault: z.strictObject({
    contractId: Id,
    faultId: Id,
    itemId: Id,
    reportedAt: Instant,
    description: Text,
  }),
  RecordFaultInvestigation: z.strictObject({
    contractId: Id,
    faultId: Id,
    outcome: FaultOutcome,
    /** Annex 1 §3(4): required when the contractor pays (Art. 15(3)), null otherwise. */
    quotedCost: Yen.nullable(),
    investigatedOn: LocalDate,
  }),
  ResolveFault: z.strictObject({
    contractId: Id,
    faultId: Id,
    resolution: z.enum(['repaired', 'replaced', 'handled-by-contractor']),
    replacement: EquipmentItem.nullable(),
    resolvedOn: LocalDate,
  }),

  // Art. 16: losses --------------------------------------------------------------------------------------
  ReportLoss: z.strictObject({
    contractId: Id,
    lossId: Id,
    itemId: Id,
    reportedOn: LocalDate,
    circumstances: Text,
  }),
  ShipReplacement: z.strictObject({
    contractId: Id,
    lossId: Id,
    replacement: EquipmentItem,
    shippedOn: LocalDate,
  }),
  QuoteLossCharge: z.strictObject({
    contractId: Id,
    lossId: Id,
    itemId: Id,
    amount: Yen,
    reason: z.enum(['reported-loss', 'not-returned']),
    quotedOn: LocalDate,
  }),
  RecordLostItemFound: z.strictObject({ contractId: Id, lossId: Id, foundOn: LocalDate }),

  // Art. 14: care and return of equipment ------------------------------------------------------------
  ConsentToRelocation: z.strictObject({
    contractId: Id,
    consentId: Id,
    itemIds: z.array(Id).min(1),
    to: Address,
    consentedOn: LocalDate,
  }),
  RecordRelocation: z.strictObject({ contractId: Id, consentId: Id, relocatedOn: LocalDate }),
  ReturnEquipment: z.strictObject({ contractId: Id, itemIds: z.array(Id).min(1), returnedOn: LocalDate }),

  // Annex 1 §3(1), §3(6): one-time costs at actual cost ------------------------------------------------
  RecordOneTimeCost: z.strictObject({
    contractId: Id,
    costId: Id,
    cost: OneTimeCostKind,
    amount: Yen,
    incurredOn: LocalDate,
    description: Text,
  }),

  // Art. 21: outages and reduction claims -----------------------------------------------------------
  RecordOutageKnown: z.strictObject({ contractId: Id, outageId: Id, knownAt: Instant, description: Text }),
  ResolveOutage: z.strictObject({ contractId: Id, outageId: Id, resolvedAt: Instant, cause: OutageCause }),
  ClaimReduction: z.strictObject({ contractId: Id, outageId: Id, claimedOn: LocalDate }),

  // Art. 23: traffic measurement ------------------------------------------------------------------------
  RecordTrafficMeasurement: z.strictObject({
    contractId: Id,
    measurementId: Id,
    measuredOn: LocalDate,
    peakUtilisationPercent: z.number().min(0).max(1000),
  }),
  ProposeContractChange: z.strictObject({
    contractId: Id,
    proposalId: Id,
    measurementId: Id,
    proposedOn: LocalDate,
    proposal: Text,
  }),

  // Art. 7, 8, 13, 14, 22: facts of the contract's conduct ---------------------------------------------
  ChargeBreachRepairCost: z.strictObject({
    contractId: Id,
    chargeId: Id,
    itemIds: z.array(Id).min(1),
    harm: z.enum(['lost', 'damaged']),
    /** The Art. 14(1) duty broken. */
    breach: ProhibitedAct,
    /** Art. 14(2): the cost of recovery or repair, as the provider bills it. */
    amount: Yen,
    occurredOn: LocalDate,
    chargedOn: LocalDate,
    description: Text,
  }),
  RecordProhibitedAct: z.strictObject({
    contractId: Id,
    actId: Id,
    act: ProhibitedAct,
    itemIds: z.array(Id).min(1),
    observedOn: LocalDate,
    description: Text,
  }),
  DesignateIpAddresses: z.strictObject({
    contractId: Id,
    designationId: Id,
    designatedBy: z.enum(['provider', 'contractor']),
    /** IPv4 addresses or prefixes (Art. 7(1)). */
    addresses: z.array(z.string().min(1).max(50)).min(1).max(256),
    designatedOn: LocalDate,
  }),
  RecordUndesignatedAddressUse: z.strictObject({
    contractId: Id,
    useId: Id,
    address: z.string().min(1).max(50),
    observedOn: LocalDate,
    description: Text,
  }),
  RecordContractorSetup: z.strictObject({
    contractId: Id,
    setupId: Id,
    duty: SetupDuty,
    status: z.enum(['done', 'not-done']),
    recordedOn: LocalDate,
    description: Text,
  }),
  ReceiveEnvironmentNotice: z.strictObject({
    contractId: Id,
    noticeId: Id,
    kind: z.enum(['disclosure', 'change']),
    receivedOn: LocalDate,
    description: Text,
  }),
  RecordServiceImpediment: z.strictObject({
    contractId: Id,
    impedimentId: Id,
    duty: z.enum([...SetupDuty.options, 'environment-settings']),
    from: LocalDate,
    description: Text,
  }),
  RecordInstallation: z.strictObject({
    contractId: Id,
    installationId: Id,
    itemIds: z.array(Id).min(1),
    installedOn: LocalDate,
    by: z.enum(['contractor', 'provider-on-site']),
  }),
  RecordVpnConnection: z.strictObject({
    contractId: Id,
    connectionId: Id,
    /** The network connected to, in words (another contractor's VPN, a data centre...). */
    peer: z.string().min(1).max(200),
    /** Art. 22(1): whether that network uses IIJ Managed VPN PRO too. */
    peerUsesService: z.boolean(),
    connectedOn: LocalDate,
  }),

  // Art. 18: termination -----------------------------------------------------------------------------
  ReceiveTerminationNotice: z.strictObject({
    contractId: Id,
    noticeArrivedOn: LocalDate,
    requestedOn: LocalDate.nullable(),
    ground: TerminationGround,
    evidenceRef: z.string().min(1).max(500).nullable(),
  }),
  TerminateContract: z.strictObject({ contractId: Id, effectiveOn: LocalDate }),
} as const;

type Schemas = typeof ContractCommandSchemas;
export type ContractCommandType = keyof Schemas;
export type ContractCommandData<K extends ContractCommandType> = z.infer<Schemas[K]>;
export type ContractCommand = {
  [K in ContractCommandType]: { type: K; data: ContractCommandData<K> };
}[ContractCommandType];
