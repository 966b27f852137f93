import { claimWindowFrom, returnDeadline } from '../terms/policies';
import { FIRST_CATALOG_EDITION } from '../terms/provider-catalog';
import type { EventType } from './catalog';
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
  },
  OptionStopNoticeReceived: {
    // v1: the option's units go back within 30 days of the stop's effective day.
    1: (data) => ({ ...data, returnDue: returnDeadline(str(data, 'effectiveOn')) }),
  },
  OutageKnown: {
    // v1: the claim window from the moment the provider learned of the outage.
    1: (data) => ({ ...data, claimWindow: claimWindowFrom(str(data, 'knownAt')) }),
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
