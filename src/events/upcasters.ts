import { OPTION_SPECS } from '../terms/catalog';
import { claimWindowFrom, returnDeadline } from '../terms/policies';
import { FIRST_CATALOG_EDITION } from '../terms/provider-catalog';
import type { EquipmentKind, OptionKind } from '../terms/vocabulary';
import type { EventData, EventType } from './catalog';
import { SCHEMA_VERSIONS } from './catalog';

type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

const str = (data: Record<string, unknown>, field: string): string => data[field] as string;

/**
 * Upcasters, keyed by event type and the version they read. Each lifts one version to the next;
 * the log is never rewritten, so a 2008 event is read through every step up to today's shape.
 *
 * Dates the deciders now decide and record (decide once) are computed here, for events written
 * before they were recorded, with the default policies of that time: no Art. 142 shift.
 */
export const UPCASTERS: Partial<Record<EventType, Record<number, Upcaster>>> = {
  SiteJoined: {
    // v1 did not record the item: unknown, and counted as a child for Art. 8(1) as it was then.
    1: (data) => ({ ...data, item: null }),
  },
  ApplicationAccepted: {
    // v1: decided with the catalog compiled into the code, the shipped catalog's first edition.
    1: (data) => ({ ...data, catalogEdition: FIRST_CATALOG_EDITION }),
  },
  ModelChangeAccepted: {
    // v1: no cold standby changed with a device (it stayed on the old model); the compiled catalog.
    1: (data) => ({ ...data, coldStandby: [], catalogEdition: FIRST_CATALOG_EDITION }),
    // v2: a standby with its stop notified could not be listed; none was recorded as staying.
    2: (data) => ({ ...data, coldStandbyStaying: [] }),
  },
  OptionAdded: {
    // v1: decided with the catalog compiled into the code.
    1: (data) => ({ ...data, catalogEdition: FIRST_CATALOG_EDITION }),
  },
  ModelChangeCompleted: {
    // v1: the replaced units' return deadline, 30 days from the new model's billing start; changes
    // were accepted only once billing had started.
    1: (data) => ({
      ...data,
      returnDue: returnDeadline(str(data, 'billingStartOn')),
      beforeBillingStart: false,
    }),
    // v2 → v3: what v3 records (the new units' kind and option, the term restart, the carried cold
    // standbys' billing) rested on the stream's earlier events; `completionAsRecorded` fills it
    // from them where the stream is folded.
    2: (data) => data,
  },
  OptionBillingStarted: {
    // v1 → v2: whether a term starts rested on the option's kind, an earlier event's:
    // `optionBillingAsRecorded` fills it where the stream is folded.
    1: (data) => data,
  },
  OptionStopNoticeReceived: {
    // v1: the option's units go back within 30 days of the stop's effective day.
    1: (data) => ({ ...data, returnDue: returnDeadline(str(data, 'effectiveOn')) }),
  },
  MonthClosed: {
    // v1: no ledger id; the close's id is its event's id (CloseFact.closeId).
    1: (data) => ({ ...data, ledgerId: null, closeId: null }),
  },
  OutageKnown: {
    // v1: the claim window from the moment the provider learned of the outage.
    1: (data) => ({ ...data, claimWindow: claimWindowFrom(str(data, 'knownAt')) }),
    // v2: the hours counted from the moment the provider learned of it.
    2: (data) => ({ ...data, countedFrom: str(data, 'knownAt') }),
  },
  BillingStarted: {
    // v1: no outage's hours were counted from the billing start.
    1: (data) => ({ ...data, outagesCounted: [] }),
  },
  ConfigurationChangeInstructed: {
    // v1: the authority was read from the network's registration; the parent contract not recorded.
    1: (data) => ({ ...data, parentContractId: null }),
  },
  ConfigurationChangePerformed: {
    // v1: only VPN devices and cold-standby units were accepted in a job: each one counted.
    1: (data) => ({ ...data, billedItemIds: data.itemIds }),
  },
  TerminationNoticeReceived: {
    // v1 (before Art. 20's exempt grounds were recorded): every notice was an ordinary one.
    1: (data) => ({ ...data, ground: 'ordinary', evidenceRef: null }),
    // v2: a general-terms-28 ground took effect as Art. 18 says (the only rule then); everything
    // still installed goes back within 30 days of the effective day.
    2: (data) => ({
      ...data,
      effectivePolicy: data.ground === 'ordinary' ? null : 'termination-28-effective-by-art-18',
      returnDue: returnDeadline(str(data, 'effectiveOn')),
    }),
  },
};

/**
 * What a contract stream recorded before an event, as far as an upcaster needs it: where an old
 * event did not record a decision, the decision rested on these facts, and the upcaster reads them
 * to fill it as it was derived then. The fold of the stream answers (the projections' facts).
 */
export interface ContractHistory {
  /** An item of the contract: its kind and the option it serves (null: the contract's own). */
  item(itemId: string): { readonly kind: EquipmentKind; readonly optionId: string | null } | undefined;
  /** An option of the contract: its kind, and whether its billing has started. */
  option(optionId: string): { readonly kind: OptionKind; readonly billingStarted: boolean } | undefined;
}

type Completion = EventData<'ModelChangeCompleted'>;
type Target = EventData<'ModelChangeAccepted'>['target'];

/** A model change's completion with everything v3 records. */
export interface RecordedCompletion extends Omit<Completion, 'replaced' | 'restartsTerm' | 'coldStandby'> {
  readonly replaced: readonly {
    readonly oldItemId: string;
    readonly newItemId: string;
    readonly kind: EquipmentKind;
    readonly optionId: string | null;
  }[];
  readonly restartsTerm: boolean;
  readonly coldStandby: readonly { readonly optionId: string; readonly beforeBillingStart: boolean }[];
}

/**
 * A completion as v3 records it. An event written before v3 gets the missing fields from the
 * stream's history, exactly as the projections derived them then: a new unit is of the kind of the
 * unit it replaces and serves its option (else the target option's equipment, else a VPN device);
 * the term restarts unless completed before billing started, for a device change, and for an option
 * change when the option's model change restarts its term (Art. 17(3) proviso: the private switch);
 * a carried cold standby was before its billing start when the device was, or its own billing had
 * not started. The events of `accepted`, the change's acceptance, name the target and the standbys.
 */
export const completionAsRecorded = (
  data: Completion,
  accepted: { readonly target: Target; readonly coldStandby: readonly { readonly optionId: string }[] },
  history: ContractHistory,
): RecordedCompletion => {
  if (
    data.restartsTerm !== undefined &&
    data.coldStandby !== undefined &&
    data.replaced.every((r) => r.kind !== undefined && r.optionId !== undefined)
  ) {
    return data as RecordedCompletion;
  }
  const targetOption = accepted.target.kind === 'option' ? accepted.target.optionId : null;
  const targetKind = targetOption === null ? undefined : history.option(targetOption)?.kind;
  return {
    ...data,
    replaced: data.replaced.map((r) => {
      const old = history.item(r.oldItemId);
      const optionId = r.optionId !== undefined ? r.optionId : (old?.optionId ?? targetOption);
      const option = optionId === null ? undefined : history.option(optionId);
      const kind =
        r.kind ?? old?.kind ?? (option ? OPTION_SPECS[option.kind].equipmentKind : null) ?? 'vpn-device';
      return { oldItemId: r.oldItemId, newItemId: r.newItemId, kind, optionId };
    }),
    restartsTerm:
      data.restartsTerm ??
      (!data.beforeBillingStart &&
        (accepted.target.kind === 'device' ||
          (targetKind !== undefined && OPTION_SPECS[targetKind].modelChangeRestartsTerm))),
    coldStandby:
      data.coldStandby ??
      accepted.coldStandby.map((cs) => ({
        optionId: cs.optionId,
        beforeBillingStart: data.beforeBillingStart || history.option(cs.optionId)?.billingStarted === false,
      })),
  };
};

/**
 * An option's billing start as v2 records it. Before v2 a term started for the options Art. 17(3)
 * gives one (the catalog's hasMinimumTerm), which the stream's history tells by the option's kind.
 */
export const optionBillingAsRecorded = (
  data: EventData<'OptionBillingStarted'>,
  history: ContractHistory,
): EventData<'OptionBillingStarted'> & { readonly startsTerm: boolean } => {
  if (data.startsTerm !== undefined)
    return data as EventData<'OptionBillingStarted'> & { startsTerm: boolean };
  const option = history.option(data.optionId);
  return { ...data, startsTerm: option !== undefined && OPTION_SPECS[option.kind].hasMinimumTerm };
};

export class UnknownSchemaVersionError extends Error {
  constructor(
    readonly eventType: string,
    readonly version: number,
  ) {
    super(
      `No upcaster reads ${eventType} version ${version} (current is ${SCHEMA_VERSIONS[eventType as EventType]}).`,
    );
  }
}

export const upcast = (
  type: EventType,
  version: number,
  data: Record<string, unknown>,
): Record<string, unknown> => {
  let current = data;
  for (let v = version; v < SCHEMA_VERSIONS[type]; v++) {
    const step = UPCASTERS[type]?.[v];
    if (!step) throw new UnknownSchemaVersionError(type, v);
    current = step(current);
  }
  if (version > SCHEMA_VERSIONS[type]) throw new UnknownSchemaVersionError(type, version);
  return current;
};
