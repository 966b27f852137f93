import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DuplicateEventIdError,
  type EventStore,
  type EventToAppend,
  MemoryEventStore,
  type RecordedEvent,
  SqliteEventStore,
  WrongExpectedVersionError,
} from '../../src/store';
import { OverlayEventStore } from '../../src/store/overlay';
import { storeContract } from './contract';

const ev = (type: string, metadata: Record<string, string> = {}): EventToAppend => ({
  id: randomUUID(),
  type,
  data: { type },
  metadata: { test: true, ...metadata },
});

const collect = async (it: AsyncIterable<RecordedEvent>) => {
  const out: RecordedEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
};

const types = async (store: EventStore, stream: string) => {
  const read = await store.readStream(stream);
  return read.status === 'found' ? read.events.map((e) => `${e.type}@${e.revision}`) : read.status;
};

/** A base with events in streams the contract suite never names. */
const seededMemory = async () => {
  const base = new MemoryEventStore();
  await base.appendToStream('seed-a', [ev('S1'), ev('S2')], { expectedRevision: 'no_stream' });
  await base.appendToStream('seed-b', [ev('S3')], { expectedRevision: 'no_stream' });
  return base;
};

storeContract('overlay on an empty memory store', async () => OverlayEventStore.over(new MemoryEventStore()));
storeContract('overlay on a memory store with events', async () =>
  OverlayEventStore.over(await seededMemory()),
);
storeContract('overlay on an SQLite store with events', async () => {
  const base = new SqliteEventStore({ path: ':memory:' });
  await base.appendToStream('seed-a', [ev('S1')], { expectedRevision: 'no_stream' });
  return OverlayEventStore.over(base);
});

describe('overlay store: reads the base, keeps its appends to itself', () => {
  it('continues a base stream from its revision and never writes the base', async () => {
    const base = await seededMemory();
    const overlay = await OverlayEventStore.over(base);
    await expect(
      overlay.appendToStream('seed-a', [ev('X')], { expectedRevision: 0n }),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    const r = await overlay.appendToStream('seed-a', [ev('X')], { expectedRevision: 1n });
    expect(r).toMatchObject({ nextExpectedRevision: 2n, written: true, position: { commit: 4n } });
    expect(await types(overlay, 'seed-a')).toEqual(['S1@0', 'S2@1', 'X@2']);
    expect(await types(base, 'seed-a')).toEqual(['S1@0', 'S2@1']);
    expect((await collect(overlay.readAll())).map((e) => e.type)).toEqual(['S1', 'S2', 'S3', 'X']);
    expect(await base.headPosition()).toEqual({ commit: 3n, prepare: 3n });
    expect(overlay.appendedEvents().map((e) => [e.streamId, e.revision, e.type])).toEqual([
      ['seed-a', 2n, 'X'],
    ]);
  });

  it('does not see what the base gets after it was opened: its view never moves under its appends', async () => {
    const base = await seededMemory();
    const overlay = await OverlayEventStore.over(base);
    await base.appendToStream('seed-a', [ev('Late')], { expectedRevision: 1n });
    await base.appendToStream('new', [ev('N')], { expectedRevision: 'no_stream' });
    expect(await types(overlay, 'seed-a')).toEqual(['S1@0', 'S2@1']);
    expect(await overlay.readStream('new')).toEqual({ status: 'not_found', streamId: 'new' });
    await overlay.appendToStream('seed-a', [ev('Mine')], { expectedRevision: 1n });
    expect(await types(overlay, 'seed-a')).toEqual(['S1@0', 'S2@1', 'Mine@2']);
    expect(await types(base, 'seed-a')).toEqual(['S1@0', 'S2@1', 'Late@2']);
  });

  it('a base event re-sent where it is is a repeat; with other content, or in another stream, an error', async () => {
    const base = new MemoryEventStore();
    const a = ev('A');
    const b = ev('B');
    await base.appendToStream('s', [a], { expectedRevision: 'no_stream' });
    await base.appendToStream('t', [b], { expectedRevision: 'no_stream' });
    const overlay = await OverlayEventStore.over(base);
    const again = await overlay.appendToStream('s', [a], { expectedRevision: 'no_stream' });
    expect(again).toMatchObject({ nextExpectedRevision: 0n, written: false });
    await expect(
      overlay.appendToStream('s', [{ ...a, data: { other: 1 } }], { expectedRevision: 'no_stream' }),
    ).rejects.toBeInstanceOf(DuplicateEventIdError);
    // An id of another stream of the base: the memory and SQLite stores refuse it, so does the overlay.
    await expect(overlay.appendToStream('s', [b], { expectedRevision: 0n })).rejects.toMatchObject({
      code: 'DUPLICATE_EVENT_ID',
      reason: 'it belongs to stream t',
    });
    expect(overlay.appendedEvents()).toEqual([]);
  });

  it('as known at a time: each stream up to its first event recorded later', async () => {
    const base = new MemoryEventStore();
    await base.appendToStream(
      's',
      [ev('A', { recordedAt: '2025-10-01T00:00:00Z' }), ev('B', { recordedAt: '2025-10-03T00:00:00Z' })],
      { expectedRevision: 'no_stream' },
    );
    // Recorded "earlier" but appended after B (a command completed by a retry): not in the stream then.
    await base.appendToStream('s', [ev('C', { recordedAt: '2025-10-01T12:00:00Z' })], {
      expectedRevision: 1n,
    });
    await base.appendToStream('t', [ev('T', { recordedAt: '2025-10-02T00:00:00Z' })], {
      expectedRevision: 'no_stream',
    });
    const overlay = await OverlayEventStore.over(base, { knownAt: '2025-10-02T09:00:00+09:00' });
    expect(await types(overlay, 's')).toEqual(['A@0']);
    expect(await types(overlay, 't')).toEqual(['T@0']);
    expect((await collect(overlay.readAll())).map((e) => e.type)).toEqual(['A', 'T']);
    expect(await overlay.headPosition()).toEqual({ commit: 4n, prepare: 4n });
    const r = await overlay.appendToStream('s', [ev('D')], { expectedRevision: 0n });
    expect(r.nextExpectedRevision).toBe(1n);
    expect(await types(overlay, 's')).toEqual(['A@0', 'D@1']);
  });

  it('leaves an SQLite ledger file and its directory byte for byte as they were', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'overlay-'));
    try {
      const path = join(dir, 'ledger.db');
      const writer = new SqliteEventStore({ path });
      await writer.appendToStream('s', [ev('A')], { expectedRevision: 'no_stream' });
      await writer.close();
      const digest = () => createHash('sha256').update(readFileSync(path)).digest('hex');
      const before = { digest: digest(), files: readdirSync(dir).sort() };
      const base = new SqliteEventStore({ path, access: 'read' });
      const overlay = await OverlayEventStore.over(base);
      await overlay.appendToStream('s', [ev('B')], { expectedRevision: 0n });
      await overlay.appendToStream('u', [ev('C')], { expectedRevision: 'no_stream' });
      expect(await types(overlay, 's')).toEqual(['A@0', 'B@1']);
      await overlay.close();
      await base.close();
      expect({ digest: digest(), files: readdirSync(dir).sort() }).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
