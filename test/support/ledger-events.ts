/**
 * Builds valid LedgerEvents for tests: schema-checked data, metadata per EventMetadataSchema, a
 * correct per-stream hash chain and global positions in order, and appends them to any store.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { match } from 'ts-pattern';
import {
  type DomainEvent,
  type EventData,
  type EventMetadata,
  EventMetadataSchema,
  EventSchemas,
  type EventType,
  type LedgerEvent,
  SCHEMA_VERSIONS,
} from '../../src/events';
import { eventHash } from '../../src/ledger/hash-chain';
import type { EventStore, JsonObject } from '../../src/store';
import { editionOn, jstDate, type LocalDate } from '../../src/terms';

/** The instant an event happened: its own instant, or 00:00 JST of the date it names. */
export const occurredAtOf = (event: DomainEvent): string => {
  const midnight = (d: LocalDate) => `${d}T00:00:00+09:00`;
  return match(event)
    .with({ type: 'NetworkRegistered' }, (e) => midnight(e.data.registeredOn))
    .with({ type: 'SiteJoined' }, (e) => midnight(e.data.joinedOn))
    .with({ type: 'SiteLeft' }, (e) => midnight(e.data.leftOn))
    .with({ type: 'SettingsDisclosed' }, (e) => midnight(e.data.disclosedOn))
    .with({ type: 'SiteReservationVoided' }, (e) => midnight(e.data.voidedOn))
    .with({ type: 'ApplicationAccepted' }, (e) => midnight(e.data.acceptedOn))
    .with({ type: 'BillingStarted' }, (e) => midnight(e.data.billingStartOn))
    .with({ type: 'ModelChangeAccepted' }, (e) => midnight(e.data.acceptedOn))
    .with({ type: 'ModelChangeCompleted' }, (e) => midnight(e.data.billingStartOn))
    .with({ type: 'OptionAdded' }, (e) => midnight(e.data.addedOn))
    .with({ type: 'OptionBillingStarted' }, (e) => midnight(e.data.billingStartOn))
    .with({ type: 'OptionStopNoticeReceived' }, (e) => midnight(e.data.noticeArrivedOn))
    .with({ type: 'ConfigurationChangeInstructed' }, (e) => e.data.instructedAt)
    .with({ type: 'ConfigurationChangePerformed' }, (e) => e.data.startedAt)
    .with({ type: 'FaultReported' }, (e) => e.data.reportedAt)
    .with({ type: 'FaultInvestigated' }, (e) => midnight(e.data.investigatedOn))
    .with({ type: 'FaultResolved' }, (e) => midnight(e.data.resolvedOn))
    .with({ type: 'LossReported' }, (e) => midnight(e.data.reportedOn))
    .with({ type: 'ReplacementShipped' }, (e) => midnight(e.data.shippedOn))
    .with({ type: 'LossChargeQuoted' }, (e) => midnight(e.data.quotedOn))
    .with({ type: 'LostItemFound' }, (e) => midnight(e.data.foundOn))
    .with({ type: 'RelocationConsented' }, (e) => midnight(e.data.consentedOn))
    .with({ type: 'EquipmentRelocated' }, (e) => midnight(e.data.relocatedOn))
    .with({ type: 'EquipmentReturned' }, (e) => midnight(e.data.returnedOn))
    .with({ type: 'OneTimeCostRecorded' }, (e) => midnight(e.data.incurredOn))
    .with({ type: 'OutageKnown' }, (e) => e.data.knownAt)
    .with({ type: 'OutageResolved' }, (e) => e.data.resolvedAt)
    .with({ type: 'ReductionClaimed' }, (e) => midnight(e.data.claimedOn))
    .with({ type: 'TrafficMeasured' }, (e) => midnight(e.data.measuredOn))
    .with({ type: 'ContractChangeProposed' }, (e) => midnight(e.data.proposedOn))
    .with({ type: 'TerminationNoticeReceived' }, (e) => midnight(e.data.noticeArrivedOn))
    .with({ type: 'ContractTerminated' }, (e) => midnight(e.data.effectiveOn))
    .with({ type: 'BreachRepairCostCharged' }, (e) => midnight(e.data.chargedOn))
    .with({ type: 'ProhibitedActRecorded' }, (e) => midnight(e.data.observedOn))
    .with({ type: 'IpAddressesDesignated' }, (e) => midnight(e.data.designatedOn))
    .with({ type: 'UndesignatedAddressUsed' }, (e) => midnight(e.data.observedOn))
    .with({ type: 'ContractorSetupRecorded' }, (e) => midnight(e.data.recordedOn))
    .with({ type: 'EnvironmentSettingsNotified' }, (e) => midnight(e.data.receivedOn))
    .with({ type: 'ServiceImpeded' }, (e) => midnight(e.data.from))
    .with({ type: 'EquipmentInstalled' }, (e) => midnight(e.data.installedOn))
    .with({ type: 'VpnConnectionRecorded' }, (e) => midnight(e.data.connectedOn))
    .with({ type: 'MonthClosed' }, (e) => e.data.closedAt)
    .with({ type: 'LogSealed' }, (e) => e.data.seal.sealedAt)
    .with({ type: 'PoliciesAdopted' }, (e) => midnight(e.data.from))
    .exhaustive();
};

export type MetaOverrides = Partial<
  Pick<EventMetadata, 'occurredAt' | 'recordedAt' | 'edition' | 'actor' | 'commandId'>
>;

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** A log under construction, in global order. */
export class LedgerLog {
  readonly events: LedgerEvent[] = [];
  private readonly heads = new Map<string, { revision: bigint; hash: string }>();

  /** Appends one event to `streamId`; recordedAt defaults to one hour after it occurred. */
  add<T extends EventType>(
    streamId: string,
    type: T,
    data: EventData<T>,
    meta: MetaOverrides = {},
  ): LedgerEvent {
    const parsed = EventSchemas[type].parse(data) as EventData<T>;
    const n = this.events.length + 1;
    const occurredAt = meta.occurredAt ?? occurredAtOf({ type, data: parsed } as DomainEvent);
    const head = this.heads.get(streamId);
    const revision = head ? head.revision + 1n : 0n;
    const commandId = meta.commandId ?? `cmd-${n}`;
    const metadata: EventMetadata = {
      eventId: uuid(n),
      commandId,
      commandHash: createHash('sha256').update(commandId).digest('hex'),
      commandType: type,
      actor: meta.actor ?? 'staff-1',
      occurredAt,
      recordedAt:
        meta.recordedAt ??
        DateTime.fromISO(occurredAt, { setZone: true }).plus({ hours: 1 }).toUTC().toISO()!,
      edition: meta.edition ?? editionOn(jstDate(occurredAt)),
      correlationId: commandId,
      causationId: commandId,
      schemaVersion: SCHEMA_VERSIONS[type],
      prevHash: head?.hash ?? null,
      hash: '',
    };
    metadata.hash = eventHash({ streamId, revision, type, data: parsed, metadata });
    EventMetadataSchema.parse(metadata);
    const event = {
      type,
      data: parsed,
      metadata,
      streamId,
      revision,
      position: { commit: BigInt(n), prepare: BigInt(n) },
    } as LedgerEvent;
    this.heads.set(streamId, { revision, hash: metadata.hash });
    this.events.push(event);
    return event;
  }

  /** Adds events to one contract's stream. */
  contract(contractId: string): StreamWriter {
    return new StreamWriter(this, `contract-${contractId}`);
  }

  network(networkId: string): StreamWriter {
    return new StreamWriter(this, `network-${networkId}`);
  }

  /** Appends every event, one append each, in global order, so an empty store gives the same positions. */
  async appendTo(store: EventStore): Promise<void> {
    for (const e of this.events) {
      await store.appendToStream(
        e.streamId,
        [
          {
            id: e.metadata.eventId,
            type: e.type,
            data: e.data as unknown as JsonObject,
            metadata: e.metadata as unknown as JsonObject,
          },
        ],
        { expectedRevision: e.revision === 0n ? 'no_stream' : e.revision - 1n },
      );
    }
  }
}

export class StreamWriter {
  constructor(
    private readonly log: LedgerLog,
    readonly streamId: string,
  ) {}

  add<T extends EventType>(type: T, data: EventData<T>, meta: MetaOverrides = {}): LedgerEvent {
    return this.log.add(this.streamId, type, data, meta);
  }
}

/** An accepted application with plain defaults: a parent, single-star single-edge, 1-year term. */
export const application = (
  overrides: Partial<EventData<'ApplicationAccepted'>> & { contractId: string },
): EventData<'ApplicationAccepted'> => ({
  networkId: 'n-1',
  contractType: 'parent',
  contractorId: 'acme',
  parentHolderId: 'acme',
  item: 'single-star-single-edge',
  deviceModel: 'Cisco C1121-8P',
  equipment: [{ itemId: `${overrides.contractId}-dev-1`, kind: 'vpn-device', model: 'Cisco C1121-8P' }],
  maintenanceType: 'type-2',
  termYears: 1,
  site: { country: 'JP', text: 'Chiyoda-ku, Tokyo' },
  lanSubnets: ['192.168.10.0/24'],
  initialFee: 30_000,
  monthlyFee: 10_000,
  onSiteInstallation: null,
  acceptedOn: '2025-04-01',
  catalogEdition: '2024-08-01',
  ...overrides,
});
