import { z } from 'zod';
import { PROHIBITED_ACTS, SETUP_DUTIES } from '../terms/duties';
import {
  Address,
  ContractorId,
  ContractType,
  EquipmentItem,
  EquipmentKind,
  FaultOutcome,
  Id,
  EventInstant as Instant,
  Item,
  EventDate as LocalDate,
  MaintenanceType,
  OneTimeCostKind,
  OptionKind,
  OutageCause,
  Subnet,
  TerminationGround,
  TermYears,
  Text,
  EventYen as Yen,
} from './fields';

/** Which equipment a model change (Art. 9(1)) replaces: the contract's VPN devices or an option's. */
export const ModelChangeTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('device') }),
  z.strictObject({ kind: z.literal('option'), optionId: Id }),
]);

/**
 * A deadline the decider decided (Art. 14(3), 21): the day, and the day Civil Code art. 142 moved it
 * from under the 'deadline-shift' policy (null: not moved). Readers take it from here.
 */
export const Deadline = z.strictObject({ on: LocalDate, shiftedFrom: LocalDate.nullable() });

/** Art. 21: the claim window, should the outage last 24 hours (policy 'claim-window-from-24h-reached'). */
export const ClaimWindow = z.strictObject({
  reachedAt: Instant,
  firstClaimableOn: LocalDate,
  lastClaimableOn: LocalDate,
  lastClaimableShiftedFrom: LocalDate.nullable(),
});

/**
 * Art. 14(1): what the contractor may not do with the equipment without the provider's consent
 * (items (1) and (2)), never (item (3)), and its duty of care (item (4)).
 */
export const ProhibitedAct = z.enum(PROHIBITED_ACTS);

/** Art. 8(2): what the contractor sets up for the service, item by item. */
export const SetupDuty = z.enum(SETUP_DUTIES);

/** The id of a provider catalog edition (terms/provider-catalog.ts). */
export const CatalogEditionId = z.string().min(1).max(50);

/** Events of the `contract-<id>` stream: one site contract's whole life. */
export const ContractEventSchemas = {
  ApplicationAccepted: z.strictObject({
    contractId: Id,
    networkId: Id,
    contractType: ContractType,
    contractorId: ContractorId,
    parentHolderId: ContractorId,
    item: Item,
    /** Null for closed monitoring: no VPN device of its own (Art. 2). */
    deviceModel: z.string().nullable(),
    equipment: z.array(EquipmentItem),
    maintenanceType: MaintenanceType,
    termYears: TermYears,
    site: Address,
    lanSubnets: z.array(Subnet),
    initialFee: Yen,
    monthlyFee: Yen,
    onSiteInstallation: z.strictObject({ initialFee: Yen }).nullable(),
    acceptedOn: LocalDate,
    /** The provider catalog edition the decision used (models, Art. 3). */
    catalogEdition: CatalogEditionId,
  }),
  BillingStarted: z.strictObject({
    billingStartOn: LocalDate,
    /**
     * Policy reduction-hours-while-fee-owed (Art. 21, Annex 3): the outages known before the billing
     * start and recorded before it, whose unusable hours count from the billing start (00:00 Japan
     * time), with the claim window from there. v1: none.
     */
    outagesCounted: z.array(z.strictObject({ outageId: Id, countedFrom: Instant, claimWindow: ClaimWindow })),
  }),
  ModelChangeAccepted: z.strictObject({
    changeId: Id,
    target: ModelChangeTarget,
    fromModel: z.string(),
    toModel: z.string(),
    fee: Yen,
    monthlyFee: Yen,
    acceptedOn: LocalDate,
    /** A device change: the cold standby that changes with it, with its quoted fees (Art. 17(2)(2)). */
    coldStandby: z.array(z.strictObject({ optionId: Id, fee: Yen, monthlyFee: Yen })),
    /**
     * Policy stopping-cold-standby-may-stay: the cold standbys of the old model whose stop was
     * notified by the acceptance and that were not listed: they stay on the old model, billed as
     * they were, until the stop takes effect (Art. 17(4)). v1, v2: none.
     */
    coldStandbyStaying: z.array(z.strictObject({ optionId: Id, stopEffectiveOn: LocalDate })),
    /** The provider catalog edition the decision used (Annex 4, designated models). */
    catalogEdition: CatalogEditionId,
  }),
  ModelChangeCompleted: z.strictObject({
    changeId: Id,
    billingStartOn: LocalDate,
    /**
     * Art. 14(3): the units owed back from billingStartOn, each with the unit that takes its place:
     * the new unit's kind, and the option it serves (null: the contract's own VPN device).
     * `kind` and `optionId` are absent in events written before v3 (upcasters.ts,
     * `completionAsRecorded`, reads them from the stream's history as they were derived then).
     */
    replaced: z.array(
      z.strictObject({
        oldItemId: Id,
        newItemId: Id,
        kind: EquipmentKind.optional(),
        optionId: Id.nullable().optional(),
      }),
    ),
    /** Art. 14(3): the replaced units go back by this day. */
    returnDue: Deadline,
    /**
     * Completed before the target's billing started (Art. 9(1), 「契約の期間中」): the new model is in
     * place from billingStartOn, its fee from the billing start, and no term of its own starts.
     */
    beforeBillingStart: z.boolean(),
    /**
     * Art. 5(2), 17(3) proviso: a fresh minimum term of the target from billingStartOn (the contract's
     * for a device change, the private switch's for a switch change). Absent before v3.
     */
    restartsTerm: z.boolean().optional(),
    /**
     * Art. 17(2)(2): the cold standbys changed with the device, each with whether its own billing had
     * not started yet (its new fee then applies from that start). Absent before v3.
     */
    coldStandby: z.array(z.strictObject({ optionId: Id, beforeBillingStart: z.boolean() })).optional(),
  }),
  OptionAdded: z.strictObject({
    optionId: Id,
    option: OptionKind,
    model: z.string().nullable(),
    equipment: z.array(EquipmentItem),
    initialFee: Yen,
    monthlyFee: Yen,
    addedOn: LocalDate,
    /** The provider catalog edition the decision used (designated models, switch models). */
    catalogEdition: CatalogEditionId,
  }),
  OptionBillingStarted: z.strictObject({
    optionId: Id,
    billingStartOn: LocalDate,
    /**
     * Art. 17(3): the option's own 1-year minimum term starts on its billing start (the options the
     * article names). Absent before v2 (upcasters.ts, `optionBillingAsRecorded`, reads the option's
     * kind from the stream's history).
     */
    startsTerm: z.boolean().optional(),
  }),
  OptionStopNoticeReceived: z.strictObject({
    optionId: Id,
    noticeArrivedOn: LocalDate,
    requestedOn: LocalDate.nullable(),
    effectiveOn: LocalDate,
    /** Art. 14(3) (by analogy): the option's units go back by this day. */
    returnDue: Deadline,
  }),
  ConfigurationChangeInstructed: z.strictObject({
    jobId: Id,
    instructedBy: ContractorId,
    instructedAt: Instant,
    description: Text,
    /**
     * Art. 10(1)(2): the parent contract in force on the day of the instruction, whose holder gives
     * it (and pays its fee, Art. 10(4)). Null before v2 (the network's registered holder gave it).
     */
    parentContractId: Id.nullable(),
  }),
  ConfigurationChangePerformed: z.strictObject({
    jobId: Id,
    startedAt: Instant,
    itemIds: z.array(Id).min(1),
    billTo: ContractorId,
    /**
     * Annex 1 §3(3): the units the fee counts, 「VPN機器1台」 each (the VPN devices and cold-standby
     * units; policy config-fee-counts-vpn-devices: a private switch in the job counts for nothing).
     * v1: every item of the job (only VPN devices and standbys were accepted then).
     */
    billedItemIds: z.array(Id),
  }),
  FaultReported: z.strictObject({ faultId: Id, itemId: Id, reportedAt: Instant, description: Text }),
  FaultInvestigated: z.strictObject({
    faultId: Id,
    outcome: FaultOutcome,
    quotedCost: Yen.nullable(),
    investigatedOn: LocalDate,
  }),
  FaultResolved: z.strictObject({
    faultId: Id,
    resolution: z.enum(['repaired', 'replaced', 'handled-by-contractor']),
    replacement: EquipmentItem.nullable(),
    resolvedOn: LocalDate,
  }),
  LossReported: z.strictObject({ lossId: Id, itemId: Id, reportedOn: LocalDate, circumstances: Text }),
  ReplacementShipped: z.strictObject({ lossId: Id, replacement: EquipmentItem, shippedOn: LocalDate }),
  LossChargeQuoted: z.strictObject({
    lossId: Id,
    itemId: Id,
    amount: Yen,
    reason: z.enum(['reported-loss', 'not-returned']),
    quotedOn: LocalDate,
  }),
  LostItemFound: z.strictObject({ lossId: Id, itemId: Id, foundOn: LocalDate }),
  RelocationConsented: z.strictObject({
    consentId: Id,
    itemIds: z.array(Id).min(1),
    to: Address,
    consentedOn: LocalDate,
  }),
  EquipmentRelocated: z.strictObject({ consentId: Id, relocatedOn: LocalDate }),
  EquipmentReturned: z.strictObject({ itemIds: z.array(Id).min(1), returnedOn: LocalDate }),
  OneTimeCostRecorded: z.strictObject({
    costId: Id,
    cost: OneTimeCostKind,
    amount: Yen,
    incurredOn: LocalDate,
    description: Text,
  }),
  OutageKnown: z.strictObject({
    outageId: Id,
    knownAt: Instant,
    description: Text,
    /**
     * Policy reduction-hours-while-fee-owed: when the unusable hours start to count: knownAt, or the
     * billing start (00:00 Japan time) for an outage known before it. Null: billing had not started
     * when the outage was recorded; the billing start records it (BillingStarted.outagesCounted).
     * v2: knownAt.
     */
    countedFrom: Instant.nullable(),
    /** The Art. 21 claim window from countedFrom, should the outage last 24 hours; null with countedFrom. */
    claimWindow: ClaimWindow.nullable(),
  }),
  OutageResolved: z.strictObject({ outageId: Id, resolvedAt: Instant, cause: OutageCause }),
  ReductionClaimed: z.strictObject({ outageId: Id, claimedOn: LocalDate }),
  TrafficMeasured: z.strictObject({
    measurementId: Id,
    measuredOn: LocalDate,
    peakUtilisationPercent: z.number().min(0).max(1000),
  }),
  ContractChangeProposed: z.strictObject({
    proposalId: Id,
    measurementId: Id,
    proposedOn: LocalDate,
    proposal: Text,
  }),
  // Facts of Art. 7, 8, 13, 14, 22 (issue 16 item 10) -----------------------------------------------
  /** Art. 14(2): equipment lost or damaged in breach of 14(1); the contractor pays recovery or repair. */
  BreachRepairCostCharged: z.strictObject({
    chargeId: Id,
    itemIds: z.array(Id).min(1),
    harm: z.enum(['lost', 'damaged']),
    breach: ProhibitedAct,
    amount: Yen,
    occurredOn: LocalDate,
    chargedOn: LocalDate,
    description: Text,
  }),
  /** Art. 14(1): an act the contractor may not do with the equipment (or a lapse of due care). */
  ProhibitedActRecorded: z.strictObject({
    actId: Id,
    act: ProhibitedAct,
    itemIds: z.array(Id).min(1),
    observedOn: LocalDate,
    description: Text,
  }),
  /** Art. 7(2): the IPv4 addresses the contract uses, designated by the provider or the contractor. */
  IpAddressesDesignated: z.strictObject({
    designationId: Id,
    designatedBy: z.enum(['provider', 'contractor']),
    addresses: z.array(z.string().min(1).max(50)).min(1),
    designatedOn: LocalDate,
  }),
  /** Art. 7(3): an address used that no designation gives. */
  UndesignatedAddressUsed: z.strictObject({
    useId: Id,
    address: z.string().min(1).max(50),
    observedOn: LocalDate,
    description: Text,
  }),
  /** Art. 8(2): the contractor's set-up of an item, done or not. */
  ContractorSetupRecorded: z.strictObject({
    setupId: Id,
    duty: SetupDuty,
    status: z.enum(['done', 'not-done']),
    recordedOn: LocalDate,
    description: Text,
  }),
  /** Art. 8(3): the contractor discloses its environment's settings, or notifies a change of them. */
  EnvironmentSettingsNotified: z.strictObject({
    noticeId: Id,
    kind: z.enum(['disclosure', 'change']),
    receivedOn: LocalDate,
    description: Text,
  }),
  /** Art. 8(4): the service cannot be provided from a day because a duty of 8(2)(3) is not met. */
  ServiceImpeded: z.strictObject({
    impedimentId: Id,
    duty: z.enum([...SetupDuty.options, 'environment-settings']),
    from: LocalDate,
    description: Text,
  }),
  /** Art. 13: the equipment installed, by the contractor on instruction, or by the provider on site. */
  EquipmentInstalled: z.strictObject({
    installationId: Id,
    itemIds: z.array(Id).min(1),
    installedOn: LocalDate,
    by: z.enum(['contractor', 'provider-on-site']),
  }),
  /** Art. 22(1): a VPN connection to a network that uses the service too. */
  VpnConnectionRecorded: z.strictObject({
    connectionId: Id,
    peer: z.string().min(1).max(200),
    connectedOn: LocalDate,
  }),
  TerminationNoticeReceived: z.strictObject({
    noticeArrivedOn: LocalDate,
    requestedOn: LocalDate.nullable(),
    ground: TerminationGround,
    evidenceRef: z.string().max(500).nullable(),
    effectiveOn: LocalDate,
    /** The policy that fixed effectiveOn for a ground the text does not govern; null: Art. 18 itself. */
    effectivePolicy: z
      .enum(['termination-28-effective-by-art-18', 'termination-28-effective-on-named-date'])
      .nullable(),
    /** Art. 14(3): whatever is still installed at the end goes back by this day. */
    returnDue: Deadline,
  }),
  ContractTerminated: z.strictObject({ effectiveOn: LocalDate }),
} as const;
