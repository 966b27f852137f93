import { z } from 'zod';
import type { Position } from '../store/port';
import { type FieldIssue, issueOf } from '../terms/field-messages';
import type { DomainEvent, EventType } from './catalog';
import { EventSchemas, isEventType } from './catalog';
import { upcast } from './upcasters';

/** The metadata every stored event carries (design.md, "Events"). */
export const EventMetadataSchema = z.strictObject({
  eventId: z.string(),
  commandId: z.string(),
  /** sha-256 of the command's canonical JSON: a re-used command id with another payload is refused. */
  commandHash: z.string(),
  commandType: z.string(),
  actor: z.string(),
  /** When it happened in the world (a Japan date is stored as its 00:00 JST instant). */
  occurredAt: z.string(),
  /** When the ledger learned it, from the injected clock. */
  recordedAt: z.string(),
  /** The terms edition in force on occurredAt. */
  edition: z.string(),
  correlationId: z.string(),
  causationId: z.string(),
  schemaVersion: z.number().int().positive(),
  prevHash: z.string().nullable(),
  hash: z.string(),
});
export type EventMetadata = z.infer<typeof EventMetadataSchema>;

/** An event as the projections and the audit see it: the domain event, its envelope, its place. */
export type LedgerEvent = DomainEvent & {
  readonly metadata: EventMetadata;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: Position;
};

export class EventDecodeError extends Error {
  constructor(
    readonly streamId: string,
    readonly revision: bigint,
    /** Why, in the schema's words. */
    readonly reason: string,
    /** The same as data: the type no event has, or each field that breaks the schema. */
    readonly unknownType: string | null = null,
    readonly problems: readonly {
      readonly path: string;
      readonly message: string;
      readonly issue: FieldIssue;
    }[] = [],
  ) {
    super(`Event ${streamId}@${revision} cannot be read: ${reason}`);
  }
}

/** A schema's failure to read an event: zod's pretty message, and each issue as data. */
const schemaError = (
  streamId: string,
  revision: bigint,
  error: z.ZodError,
  under: string,
): EventDecodeError =>
  new EventDecodeError(
    streamId,
    revision,
    z.prettifyError(error),
    null,
    error.issues.map((issue) => ({
      path: [under, ...issue.path.map(String)].join('.'),
      message: issue.message,
      issue: issueOf(issue),
    })),
  );

interface Recorded {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: Position;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

/**
 * Why a stored event could not be folded. Reads skip the schema check for speed, so an event that
 * breaks its schema (`{}` where an application's data belongs) fails inside a projection: that is
 * an EventDecodeError naming the event (exit 1, `verify` finds it). A valid event's failure is
 * returned as it is: a bug.
 */
export const foldFailure = (recorded: Recorded, error: unknown): unknown => {
  try {
    decodeRecorded(recorded, { validate: true });
  } catch (invalid) {
    return invalid instanceof EventDecodeError
      ? invalid
      : new EventDecodeError(recorded.streamId, recorded.revision, (invalid as Error).message);
  }
  return error;
};

/**
 * A decoded event checked against its schemas (what `decodeRecorded` with `validate` checks), for
 * answers that show a few events as stored out of a stream folded without validation.
 */
export const validateDecoded = (e: LedgerEvent): LedgerEvent => {
  const m = EventMetadataSchema.safeParse(e.metadata);
  if (!m.success) throw schemaError(e.streamId, e.revision, m.error, 'metadata');
  const d = EventSchemas[e.type].safeParse(e.data);
  if (!d.success) throw schemaError(e.streamId, e.revision, d.error, 'data');
  return { ...e, data: d.data, metadata: m.data } as LedgerEvent;
};

/**
 * Reads a stored event into a LedgerEvent: upcasts old versions, and with `validate` checks the
 * data and metadata against their schemas. Replays skip validation (every event was validated
 * when it was written, and the hash chain guards it since); `verify` and the audit validate.
 */
export const decodeRecorded = (recorded: Recorded, options: { validate: boolean }): LedgerEvent => {
  const { streamId, revision, type } = recorded;
  if (!isEventType(type)) throw new EventDecodeError(streamId, revision, `unknown event type ${type}`, type);
  const meta = recorded.metadata as EventMetadata;
  let data = upcast(type as EventType, meta.schemaVersion ?? 1, recorded.data as Record<string, unknown>);
  let metadata = meta;
  if (options.validate) {
    const m = EventMetadataSchema.safeParse(recorded.metadata);
    if (!m.success) throw schemaError(streamId, revision, m.error, 'metadata');
    metadata = m.data;
    const d = EventSchemas[type].safeParse(data);
    if (!d.success) throw schemaError(streamId, revision, d.error, 'data');
    data = d.data as Record<string, unknown>;
  }
  return { type, data, metadata, streamId, revision, position: recorded.position } as LedgerEvent;
};
