/**
 * What a read read, and when it may go on: the streams it read and whether it read the whole log
 * (so that a read that failed can be told apart from a bug: the first stored row of what it read
 * that breaks its schema is what to report), and the hooks a server paces reads with (a turn
 * before folding the whole log; a pause every so many events, so that a long fold lets other
 * requests run meanwhile).
 */
import { decodeRecorded, EventDecodeError } from '../events';
import { CorruptEventError } from '../store/errors';
import type { EventStore, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../store/port';

export interface ReadHooks {
  /** Awaited before the whole log is read (a heavy fold): a scheduler's turn for it. */
  readonly beforeLog?: () => Promise<void>;
  /** Awaited every `pauseEvery` events or streams read: lets other work run meanwhile. */
  readonly pause?: () => Promise<void>;
  readonly pauseEvery?: number;
}

/** The streams a read read, and whether it read the whole log. */
export class ReadTrail {
  readonly streams = new Set<string>();
  log = false;
}

/** `store`, noting in `trail` what is read from it, with `hooks` called as it is read. */
export function tracedStore(store: EventStore, trail: ReadTrail, hooks: ReadHooks = {}): EventStore {
  const every = hooks.pauseEvery ?? 1_000;
  let count = 0;
  const tick = async (): Promise<void> => {
    count += 1;
    if (hooks.pause && count >= every) {
      count = 0;
      await hooks.pause();
    }
  };
  async function* readAll(options?: ReadAllOptions): AsyncGenerator<RecordedEvent> {
    if (hooks.beforeLog) await hooks.beforeLog();
    for await (const e of store.readAll(options)) {
      yield e;
      await tick();
    }
  }
  return {
    kind: store.kind,
    get local() {
      return store.local;
    },
    appendToStream: (streamId, events, options) => store.appendToStream(streamId, events, options),
    async readStream(streamId: string, options?: ReadStreamOptions) {
      trail.streams.add(streamId);
      await tick();
      return store.readStream(streamId, options);
    },
    readAll(options?: ReadAllOptions) {
      trail.log = true;
      return readAll(options);
    },
    subscribeToAll: (options) => store.subscribeToAll(options),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
}

const checked = (r: RecordedEvent): EventDecodeError | null => {
  try {
    decodeRecorded(r, { validate: true });
    return null;
  } catch (error) {
    return error instanceof EventDecodeError
      ? error
      : new EventDecodeError(r.streamId, r.revision, (error as Error).message);
  }
};

/**
 * The first stored event of what `trail` says was read that breaks its schema (or cannot be read
 * at all), or null. Reads fold without checking schemas (every event was checked when it was
 * written); when one fails, this tells a corrupt row (exit 1, a problem naming it) from a bug.
 */
export async function corruptRowIn(
  store: EventStore,
  trail: ReadTrail,
): Promise<EventDecodeError | CorruptEventError | null> {
  try {
    for (const streamId of trail.streams) {
      const read = await store.readStream(streamId);
      if (read.status !== 'found') continue;
      for (const r of read.events) {
        const bad = checked(r);
        if (bad) return bad;
      }
    }
    if (trail.log) {
      for await (const r of store.readAll()) {
        const bad = checked(r);
        if (bad) return bad;
      }
    }
  } catch (error) {
    if (error instanceof CorruptEventError || error instanceof EventDecodeError) return error;
    throw error;
  }
  return null;
}
