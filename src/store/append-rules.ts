import canonicalize from 'canonicalize';
import { DuplicateEventIdError, WrongExpectedVersionError } from './errors';
import type { EventToAppend, ExpectedRevision, RecordedEvent } from './port';

/** Current revision of a stream: the 0-based revision of its last event, or 'no_stream'. */
export type CurrentRevision = bigint | 'no_stream';

export const sameContent = (
  a: Pick<EventToAppend, 'type' | 'data' | 'metadata'>,
  b: Pick<EventToAppend, 'type' | 'data' | 'metadata'>,
): boolean =>
  a.type === b.type &&
  canonicalize(a.data) === canonicalize(b.data) &&
  canonicalize(a.metadata) === canonicalize(b.metadata);

export const checkExpectedRevision = (
  streamId: string,
  expected: ExpectedRevision,
  current: CurrentRevision,
): void => {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === 'no_stream') ||
    (expected === 'stream_exists' && current !== 'no_stream') ||
    (typeof expected === 'bigint' && current === expected);
  if (!ok) throw new WrongExpectedVersionError(streamId, expected, current);
};

/**
 * EventStoreDB's idempotent-append rule, applied by the memory and SQLite adapters alike:
 * when every event id of the batch is already in the stream, consecutively and with the same
 * content, where the expected revision says the batch would go, the append is a no-op that
 * returns the original result. Any other reuse of an event id is an error.
 *
 * Returns the already-recorded events when the append is an idempotent repeat, or null when
 * none of the ids exists and the append should go ahead.
 */
export const detectRepeat = (
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  existing: ReadonlyArray<RecordedEvent | undefined>,
): readonly RecordedEvent[] | null => {
  if (existing.every((e) => e === undefined)) return null;
  const recorded: RecordedEvent[] = [];
  events.forEach((event, i) => {
    const found = existing[i];
    if (!found) {
      throw new DuplicateEventIdError(
        existing.find((e) => e !== undefined)?.id ?? event.id,
        streamId,
        'part of this batch was already appended and part was not',
      );
    }
    if (found.streamId !== streamId)
      throw new DuplicateEventIdError(event.id, streamId, `it belongs to stream ${found.streamId}`);
    if (!sameContent(found, event))
      throw new DuplicateEventIdError(event.id, streamId, 'it was recorded with different content');
    recorded.push(found);
  });
  const first = recorded[0]!.revision;
  recorded.forEach((e, i) => {
    if (e.revision !== first + BigInt(i))
      throw new DuplicateEventIdError(e.id, streamId, 'the ids were recorded in another order');
  });
  const expectedFirst = expected === 'no_stream' ? 0n : typeof expected === 'bigint' ? expected + 1n : first;
  if (first !== expectedFirst) {
    throw new WrongExpectedVersionError(streamId, expected, first - 1n < 0n ? 'no_stream' : first - 1n);
  }
  return recorded;
};
