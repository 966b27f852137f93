import { randomUUID } from 'node:crypto';
import {
  DuplicateEventIdError,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
  WrongExpectedVersionError,
} from '../../src/store';

/**
 * The store contract: every adapter (memory, SQLite, EventStoreDB through the stand-in and
 * through a real server) must pass exactly these tests. Stream names are unique per test so
 * that the suite also runs against a long-lived server.
 */
export const storeContract = (
  name: string,
  open: () => Promise<EventStore>,
  options: { dropConnection?: (store: EventStore) => Promise<void> } = {},
): void => {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let prefix: string;
    const stream = (s: string) => `${prefix}-${s}`;
    const ev = (type: string, data: Record<string, string | number> = {}): EventToAppend => ({
      id: randomUUID(),
      type,
      data: { ...data },
      metadata: { test: true },
    });
    const collect = async (it: AsyncIterable<RecordedEvent>) => {
      const out: RecordedEvent[] = [];
      for await (const e of it) out.push(e);
      return out;
    };

    beforeEach(async () => {
      store = await open();
      prefix = `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    });
    afterEach(async () => {
      await store.close();
    });

    it('appends to a new stream with no_stream and reads the events back in order', async () => {
      const events = [ev('A', { n: 1 }), ev('B', { n: 2 })];
      const result = await store.appendToStream(stream('s'), events, { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(1n);
      const read = await store.readStream(stream('s'));
      expect(read.status).toBe('found');
      if (read.status !== 'found') return;
      expect(read.events.map((e) => [e.type, e.revision, e.id, e.data])).toEqual([
        ['A', 0n, events[0]!.id, { n: 1 }],
        ['B', 1n, events[1]!.id, { n: 2 }],
      ]);
      expect(read.events[1]!.metadata).toEqual({ test: true });
      expect(read.events[1]!.position).toEqual(result.position);
    });

    it('reports a stream that does not exist as not_found', async () => {
      expect(await store.readStream(stream('missing'))).toEqual({
        status: 'not_found',
        streamId: stream('missing'),
      });
    });

    it('rejects a wrong expected revision with the stream, the expected and the actual revision', async () => {
      await store.appendToStream(stream('s'), [ev('A')], { expectedRevision: 'no_stream' });
      const error = await store
        .appendToStream(stream('s'), [ev('B')], { expectedRevision: 5n })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamId: stream('s'), expected: 5n, actual: 0n });
      await expect(
        store.appendToStream(stream('s'), [ev('B')], { expectedRevision: 'no_stream' }),
      ).rejects.toMatchObject({ code: 'WRONG_EXPECTED_VERSION', actual: 0n });
      await expect(
        store.appendToStream(stream('other'), [ev('B')], { expectedRevision: 'stream_exists' }),
      ).rejects.toMatchObject({ code: 'WRONG_EXPECTED_VERSION', actual: 'no_stream' });
    });

    it('accepts any, stream_exists and the exact revision', async () => {
      await store.appendToStream(stream('s'), [ev('A')], { expectedRevision: 'any' });
      await store.appendToStream(stream('s'), [ev('B')], { expectedRevision: 'stream_exists' });
      const r = await store.appendToStream(stream('s'), [ev('C')], { expectedRevision: 1n });
      expect(r.nextExpectedRevision).toBe(2n);
    });

    it('of two writers with the same expected revision exactly one succeeds', async () => {
      await store.appendToStream(stream('s'), [ev('A')], { expectedRevision: 'no_stream' });
      const results = await Promise.allSettled([
        store.appendToStream(stream('s'), [ev('B1')], { expectedRevision: 0n }),
        store.appendToStream(stream('s'), [ev('B2')], { expectedRevision: 0n }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(failed.reason).toBeInstanceOf(WrongExpectedVersionError);
      const read = await store.readStream(stream('s'));
      expect(read.status === 'found' && read.events.length).toBe(2);
    });

    it('treats the same events re-sent with the same expected revision as one append', async () => {
      const batch = [ev('A'), ev('B')];
      const first = await store.appendToStream(stream('s'), batch, { expectedRevision: 'no_stream' });
      const again = await store.appendToStream(stream('s'), batch, { expectedRevision: 'no_stream' });
      expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
      // Only the first call wrote: callers count what they wrote by this.
      expect([first.written, again.written]).toEqual([true, false]);
      const read = await store.readStream(stream('s'));
      expect(read.status === 'found' && read.events.map((e) => e.id)).toEqual(batch.map((e) => e.id));
    });

    it('rejects an event id re-used with different content', async () => {
      const a = ev('A', { n: 1 });
      await store.appendToStream(stream('s'), [a], { expectedRevision: 'no_stream' });
      await expect(
        store.appendToStream(stream('s'), [{ ...a, data: { n: 2 } }], { expectedRevision: 'no_stream' }),
      ).rejects.toBeInstanceOf(DuplicateEventIdError);
    });

    it('writes a multi-event append atomically: a failing batch leaves nothing behind', async () => {
      const existing = ev('A');
      await store.appendToStream(stream('x'), [existing], { expectedRevision: 'no_stream' });
      const before = await store.headPosition();
      await expect(
        store.appendToStream(stream('s'), [ev('B'), { ...existing, data: { other: 1 } }], {
          expectedRevision: 'no_stream',
        }),
      ).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await store.readStream(stream('s'))).toMatchObject({ status: 'not_found' });
      expect(await store.headPosition()).toEqual(before);
    });

    it('reads a window of a stream forwards and backwards', async () => {
      await store.appendToStream(stream('s'), [ev('A'), ev('B'), ev('C'), ev('D')], {
        expectedRevision: 'no_stream',
      });
      const fwd = await store.readStream(stream('s'), { fromRevision: 1n, maxCount: 2 });
      expect(fwd.status === 'found' && fwd.events.map((e) => e.type)).toEqual(['B', 'C']);
      const back = await store.readStream(stream('s'), { direction: 'backwards', maxCount: 2 });
      expect(back.status === 'found' && back.events.map((e) => e.type)).toEqual(['D', 'C']);
    });

    it('reads the global log in append order across streams, from a position', async () => {
      await store.appendToStream(stream('a'), [ev('A1')], { expectedRevision: 'no_stream' });
      const b = await store.appendToStream(stream('b'), [ev('B1')], { expectedRevision: 'no_stream' });
      await store.appendToStream(stream('a'), [ev('A2')], { expectedRevision: 0n });
      const mine = (await collect(store.readAll())).filter((e) => e.streamId.startsWith(prefix));
      expect(mine.map((e) => e.type)).toEqual(['A1', 'B1', 'A2']);
      const fromB = (await collect(store.readAll({ fromPosition: b.position }))).filter((e) =>
        e.streamId.startsWith(prefix),
      );
      expect(fromB.map((e) => e.type)).toEqual(['B1', 'A2']);
      const limited = await collect(store.readAll({ fromPosition: b.position, maxCount: 1 }));
      expect(limited.map((e) => e.type)).toEqual(['B1']);
    });

    it('catches up from a checkpoint, then delivers live events in order with no gap or repeat', async () => {
      await store.appendToStream(stream('a'), [ev('A1')], { expectedRevision: 'no_stream' });
      const checkpoint = await store.appendToStream(stream('a'), [ev('A2')], { expectedRevision: 0n });
      await store.appendToStream(stream('a'), [ev('A3')], { expectedRevision: 1n });
      const subscription = store.subscribeToAll({ fromPosition: checkpoint.position });
      const seen: string[] = [];
      const done = (async () => {
        for await (const e of subscription) {
          if (!e.streamId.startsWith(prefix)) continue;
          seen.push(e.type);
          if (seen.length === 4) break;
        }
      })();
      await new Promise((r) => setTimeout(r, 100));
      await store.appendToStream(stream('b'), [ev('B1'), ev('B2')], { expectedRevision: 'no_stream' });
      if (options.dropConnection) await options.dropConnection(store);
      await store.appendToStream(stream('a'), [ev('A4')], { expectedRevision: 2n });
      await done;
      await subscription.unsubscribe();
      expect(seen).toEqual(['A3', 'B1', 'B2', 'A4']);
    });
  });
};
