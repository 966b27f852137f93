import type { EventType } from './catalog';
import { SCHEMA_VERSIONS } from './catalog';

type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * Upcasters, keyed by event type and the version they read. Each lifts one version to the next;
 * the log is never rewritten, so a 2008 event is read through every step up to today's shape.
 */
export const UPCASTERS: Partial<Record<EventType, Record<number, Upcaster>>> = {
  TerminationNoticeReceived: {
    // v1 (before Art. 20's exempt grounds were recorded): every notice was an ordinary one.
    1: (data) => ({ ...data, ground: 'ordinary', evidenceRef: null }),
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
