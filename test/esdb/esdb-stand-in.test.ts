import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { ANY, BACKWARDS, EventStoreDBClient, jsonEvent, NO_STREAM } from '@eventstore/db-client';
import { status } from '@grpc/grpc-js';
import {
  DuplicateEventIdError,
  type EventToAppend,
  type JsonObject,
  type RecordedEvent,
  StoreUnavailableError,
  WrongExpectedVersionError,
} from '../../src/store';
import { EsdbEventStore, type EsdbStoreOptions } from '../../src/store/esdb';
import { toRecordedEvent } from '../../src/store/esdb-mapping';
import { storeContract } from '../store/contract';
import { EventStoreDbProtocolStandIn } from './grpc-stand-in';

let standIn: EventStoreDbProtocolStandIn;
let legacy: EventStoreDbProtocolStandIn;

beforeAll(async () => {
  standIn = await EventStoreDbProtocolStandIn.start();
  legacy = await EventStoreDbProtocolStandIn.start({ batchAppend: false });
});
afterAll(async () => {
  await standIn.close();
  await legacy.close();
});

// The contract's live-subscription test drops the subscription mid-way, so it also proves the
// adapter resumes without gap or repeat.
storeContract('esdb via gRPC stand-in', async () => new EsdbEventStore(standIn.connectionString), {
  dropConnection: async () => {
    expect(await standIn.dropSubscriptions()).toBeGreaterThan(0);
  },
});

storeContract(
  'esdb via gRPC stand-in without BatchAppend (as a 20.x server)',
  async () => new EsdbEventStore(legacy.connectionString),
  {
    dropConnection: async () => {
      expect(await legacy.dropSubscriptions()).toBeGreaterThan(0);
    },
  },
);

const ev = (type: string, data: JsonObject = {}, metadata: JsonObject = {}): EventToAppend => ({
  id: randomUUID(),
  type,
  data,
  metadata,
});
const collect = async (it: AsyncIterable<RecordedEvent>) => {
  const out: RecordedEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
};
const unique = (s: string) => `${s}-${randomUUID().slice(0, 8)}`;

describe('EsdbEventStore specifics (through the gRPC stand-in)', () => {
  let server: EventStoreDbProtocolStandIn;
  let store: EsdbEventStore;
  const open: EsdbEventStore[] = [];
  const connect = (options: Omit<EsdbStoreOptions, 'connectionString'> = {}, to = server) => {
    const s = new EsdbEventStore({ connectionString: to.connectionString, ...options });
    open.push(s);
    return s;
  };

  beforeAll(async () => {
    // Positions start above 2^53: any trip through a double would show.
    server = await EventStoreDbProtocolStandIn.start({ initialLogPosition: 2n ** 60n });
  });
  beforeEach(() => {
    store = connect();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await server.close();
  });

  describe('bigints', () => {
    it('round-trips positions beyond Number.MAX_SAFE_INTEGER exactly', async () => {
      const s = unique('big');
      const result = await store.appendToStream(s, [ev('A'), ev('B')], { expectedRevision: 'no_stream' });
      expect(typeof result.position.commit).toBe('bigint');
      expect(result.position.commit).toBeGreaterThan(2n ** 60n);
      const read = await store.readStream(s);
      expect(read.status === 'found' && read.events[1]!.position).toEqual(result.position);
      expect(await store.headPosition()).toEqual(result.position);
      const fromAll = await collect(store.readAll({ fromPosition: result.position }));
      expect(fromAll[0]).toMatchObject({ streamId: s, type: 'B', revision: 1n, position: result.position });
      const before = read.status === 'found' ? read.events[0]!.position : result.position;
      const sub = store.subscribeToAll({ fromPosition: before });
      for await (const e of sub) {
        expect(e.position).toEqual(result.position);
        break;
      }
      await sub.unsubscribe();
    });

    it('passes large expected revisions through as bigints, in both directions', async () => {
      const s = unique('rev');
      await store.appendToStream(s, [ev('A')], { expectedRevision: 'no_stream' });
      const expected = 2n ** 62n + 1n;
      await expect(store.appendToStream(s, [ev('B')], { expectedRevision: expected })).rejects.toMatchObject({
        code: 'WRONG_EXPECTED_VERSION',
        expected,
        actual: 0n,
      });
    });

    it('refuses a negative expected revision before calling the server', async () => {
      await expect(store.appendToStream(unique('neg'), [ev('A')], { expectedRevision: -1n })).rejects.toThrow(
        RangeError,
      );
    });
  });

  describe('event content', () => {
    it('round-trips JSON data and metadata, and preserves event ids', async () => {
      const s = unique('json');
      const data: JsonObject = {
        text: 'ＶＰＮ 契約 — ✓',
        nested: { list: [1, 2.5, -3e-7, null, true, false, { deep: ['x'] }], empty: {} },
        quote: 'a "quoted" \\ backslash\nnewline',
        big: '123456789012345678901234567890',
      };
      const metadata: JsonObject = {
        correlationId: randomUUID(),
        causation: { by: 'test', at: [2024, 8, 1] },
      };
      const event = ev('ContractAccepted', data, metadata);
      await store.appendToStream(s, [event], { expectedRevision: 'no_stream' });
      const read = await store.readStream(s);
      expect(read.status === 'found' && read.events[0]).toMatchObject({
        id: event.id,
        type: event.type,
        data,
        metadata,
      });
      const viaAll = (await collect(store.readAll())).find((e) => e.id === event.id);
      expect(viaAll).toMatchObject({ data, metadata });
    });

    it('reads an event written without metadata by another client as empty metadata', async () => {
      const s = unique('raw');
      const raw = EventStoreDBClient.connectionString(server.connectionString);
      await raw.appendToStream(s, jsonEvent({ type: 'Raw', data: { a: 1 } }));
      await raw.dispose();
      const read = await store.readStream(s);
      expect(read.status === 'found' && read.events[0]).toMatchObject({
        type: 'Raw',
        data: { a: 1 },
        metadata: {},
      });
    });

    it('refuses stream-read events without a $all position, as servers before 22.6 send them', () => {
      const event = {
        streamId: 's',
        id: randomUUID(),
        revision: 0n,
        type: 'A',
        data: {},
        metadata: {},
        isJson: true as const,
        created: new Date(),
        position: { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n },
      };
      expect(() => toRecordedEvent(event)).toThrow(/22\.6 or later/);
    });

    it('treats upper-case event ids like the lower-case ids the server answers with', async () => {
      const s = unique('case');
      const event = { ...ev('A'), id: randomUUID().toUpperCase() };
      const first = await store.appendToStream(s, [event], { expectedRevision: 'no_stream' });
      const again = await connect().appendToStream(s, [event], { expectedRevision: 'no_stream' });
      expect(again).toEqual({ ...first, written: false });
      const read = await store.readStream(s);
      expect(read.status === 'found' && read.events.map((e) => e.id)).toEqual([event.id.toLowerCase()]);
    });
  });

  describe('appends', () => {
    it('returns the original result for a repeated batch even from a fresh process (read-back check)', async () => {
      const s = unique('repeat');
      const batch = [ev('A'), ev('B'), ev('C')];
      await store.appendToStream(s, [ev('Before')], { expectedRevision: 'no_stream' });
      const first = await store.appendToStream(s, batch, { expectedRevision: 0n });
      const other = connect();
      expect(await other.appendToStream(s, batch, { expectedRevision: 0n })).toEqual({
        ...first,
        written: false,
      });
      const changed = [batch[0]!, { ...batch[1]!, data: { changed: true } }, batch[2]!];
      await expect(other.appendToStream(s, changed, { expectedRevision: 0n })).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      const read = await store.readStream(s);
      expect(read.status === 'found' && read.events).toHaveLength(4);
    });

    it("lets the server's own id check make an 'any' repeat a no-op", async () => {
      const s = unique('any');
      const batch = [ev('A'), ev('B')];
      const first = await store.appendToStream(s, batch, { expectedRevision: 'any' });
      // A fresh store has no memory of the ids: only EventStoreDB's idempotence applies.
      const again = await connect().appendToStream(s, batch, { expectedRevision: 'any' });
      // Acknowledged like a write: without an expected revision the adapter does not read first.
      expect(again).toEqual(first);
      const read = await store.readStream(s);
      expect(read.status === 'found' && read.events).toHaveLength(2);
    });

    it('rejects an id this process already used in another stream', async () => {
      const a = ev('A');
      await store.appendToStream(unique('one'), [a], { expectedRevision: 'any' });
      await expect(
        store.appendToStream(unique('two'), [a], { expectedRevision: 'any' }),
      ).rejects.toMatchObject({
        code: 'DUPLICATE_EVENT_ID',
        eventId: a.id,
      });
    });

    it('checks the expected revision of an empty append without writing', async () => {
      const s = unique('empty');
      expect(await store.appendToStream(s, [], { expectedRevision: 'no_stream' })).toEqual({
        nextExpectedRevision: -1n,
        position: { commit: 0n, prepare: 0n },
        written: false,
      });
      const written = await store.appendToStream(s, [ev('A')], { expectedRevision: 'no_stream' });
      expect(await store.appendToStream(s, [], { expectedRevision: 0n })).toEqual({
        ...written,
        written: false,
      });
      await expect(store.appendToStream(s, [], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );
    });
  });

  describe('error mapping', () => {
    it('maps every kind of wrong expected revision with the stream, expected and actual', async () => {
      const s = unique('wev');
      await expect(
        store.appendToStream(s, [ev('A')], { expectedRevision: 'stream_exists' }),
      ).rejects.toMatchObject({
        streamId: s,
        expected: 'stream_exists',
        actual: 'no_stream',
      });
      await expect(store.appendToStream(s, [ev('A')], { expectedRevision: 0n })).rejects.toMatchObject({
        streamId: s,
        expected: 0n,
        actual: 'no_stream',
      });
      await store.appendToStream(s, [ev('A'), ev('B')], { expectedRevision: 'no_stream' });
      const error = await store
        .appendToStream(s, [ev('C')], { expectedRevision: 'no_stream' })
        .catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamId: s, expected: 'no_stream', actual: 1n });
      expect(error.message).toContain(s);
    });

    it('maps an unreachable server to StoreUnavailableError for every operation', async () => {
      const gone = await EventStoreDbProtocolStandIn.start();
      const port = gone.port;
      await gone.close();
      const s = new EsdbEventStore({ connectionString: `esdb://127.0.0.1:${port}?tls=false` });
      open.push(s);
      await expect(s.appendToStream('x', [ev('A')], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      await expect(s.readStream('x')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(collect(s.readAll())).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(s.headPosition()).rejects.toBeInstanceOf(StoreUnavailableError);
    });

    it('gives up on a server that accepts connections but never answers, within the operation timeout', async () => {
      const sockets = new Set<Socket>();
      const silent = createServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => undefined);
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const { port } = silent.address() as AddressInfo;
      const s = new EsdbEventStore({
        connectionString: `esdb://127.0.0.1:${port}?tls=false`,
        operationTimeoutMs: 300,
      });
      try {
        const started = Date.now();
        await expect(s.readStream('x')).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(s.appendToStream('x', [ev('A')], { expectedRevision: 'any' })).rejects.toThrow(
          /within 300 ms/,
        );
        expect(Date.now() - started).toBeLessThan(5000);
      } finally {
        await s.close();
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => silent.close(resolve));
      }
    });

    it('reports an invalid connection string clearly', () => {
      expect(() => new EsdbEventStore('http://nope')).toThrow(/Invalid EventStoreDB connection string/);
    });
  });

  describe('$all reads', () => {
    it('pages through $all without gaps or repeats and skips system events', async () => {
      const paged = connect({ readPageSize: 2 });
      const from = await paged.headPosition();
      const s = unique('page');
      for (let i = 0; i < 7; i++) {
        await paged.appendToStream(s, [ev(`E${i}`)], {
          expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1),
        });
        if (i % 2 === 0) server.appendDirect('$stats-test', [{ type: '$statsCollected' }]);
        if (i === 3) server.appendDirect('$system-stream', [{ type: 'NotDollarTyped' }]);
      }
      const all = await collect(paged.readAll({ fromPosition: from ?? 'start' }));
      const mine = all.filter((e) => e.streamId === s).map((e) => e.type);
      expect(mine).toEqual(['E0', 'E1', 'E2', 'E3', 'E4', 'E5', 'E6']);
      expect(all.some((e) => e.streamId.startsWith('$') || e.type.startsWith('$'))).toBe(false);
      expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
      const limited = await collect(paged.readAll({ fromPosition: from ?? 'start', maxCount: 5 }));
      expect(limited.map((e) => e.id)).toEqual(all.slice(0, 5).map((e) => e.id));
    });

    it('finds the head position behind trailing system events, and null on a log of system events only', async () => {
      const s = unique('head');
      const written = await store.appendToStream(s, [ev('A')], { expectedRevision: 'no_stream' });
      for (let i = 0; i < 40; i++) server.appendDirect('$stats-test', [{ type: '$statsCollected' }]);
      expect(await store.headPosition()).toEqual(written.position);
      const fresh = await EventStoreDbProtocolStandIn.start();
      try {
        expect(await connect({}, fresh).headPosition()).toBeNull();
      } finally {
        await Promise.all(open.splice(1).map((x) => x.close()));
        await fresh.close();
      }
    });
  });

  describe('subscriptions', () => {
    /** The first `n` events of streams starting with `prefix`; `seen` grows as they arrive. */
    const take = (sub: AsyncIterable<RecordedEvent>, n: number, prefix: string) => {
      const seen: RecordedEvent[] = [];
      const done = (async () => {
        for await (const e of sub) {
          if (!e.streamId.startsWith(prefix)) continue;
          seen.push(e);
          if (seen.length === n) break;
        }
        return seen;
      })();
      return { seen, done };
    };

    /** Waits until `condition` holds (checked every few milliseconds), failing after five seconds. */
    const until = async (condition: () => boolean, what: string) => {
      const deadline = Date.now() + 5_000;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`waited five seconds for ${what}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    };

    /** What a caller does with StoreUnavailableError: repeat the same append (same ids). */
    const appendRetrying = async (
      s: string,
      events: EventToAppend[],
      expectedRevision: bigint | 'no_stream',
    ) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await store.appendToStream(s, events, { expectedRevision });
        } catch (error) {
          if (!(error instanceof StoreUnavailableError) || attempt === 5) throw error;
          await new Promise((r) => setTimeout(r, 50 * attempt));
        }
      }
    };

    it('resumes after the TCP connection is cut, without gap or repeat', async () => {
      const s = unique('cut');
      const start = await store.headPosition();
      const sub = store.subscribeToAll({ fromPosition: start ?? 'start' });
      const got = take(sub, 6, s);
      await store.appendToStream(s, [ev('E0'), ev('E1')], { expectedRevision: 'no_stream' });
      await until(() => got.seen.length === 2, 'E0 and E1 to arrive');
      expect(await server.dropConnections()).toBeGreaterThan(0);
      await appendRetrying(s, [ev('E2')], 1n);
      server.appendDirect('$cut-noise', [{ type: 'Noise' }]);
      await appendRetrying(s, [ev('E3'), ev('E4')], 2n);
      await server.dropSubscriptions();
      await appendRetrying(s, [ev('E5')], 4n);
      const events = await got.done;
      await sub.unsubscribe();
      expect(events.map((e) => e.type)).toEqual(['E0', 'E1', 'E2', 'E3', 'E4', 'E5']);
      expect(events.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
    });

    it('resumes after a server-side cancellation too', async () => {
      const s = unique('cancel');
      const sub = store.subscribeToAll({ fromPosition: (await store.headPosition()) ?? 'start' });
      const got = take(sub, 2, s);
      await store.appendToStream(s, [ev('E0')], { expectedRevision: 'no_stream' });
      await until(() => got.seen.length === 1, 'E0 to arrive');
      await server.dropSubscriptions(status.CANCELLED);
      await store.appendToStream(s, [ev('E1')], { expectedRevision: 0n });
      expect((await got.done).map((e) => e.type)).toEqual(['E0', 'E1']);
      await sub.unsubscribe();
    });

    it('gives up with StoreUnavailableError after the bounded retries when the server is gone', async () => {
      const doomed = await EventStoreDbProtocolStandIn.start();
      const s = connect({ resubscribe: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 20 } }, doomed);
      await s.appendToStream('d', [ev('A')], { expectedRevision: 'no_stream' });
      const sub = s.subscribeToAll();
      const outcome = (async () => {
        for await (const _ of sub) await doomed.close();
      })();
      await expect(outcome).rejects.toThrow(/could not be resumed after 2 attempts/);
      await expect(outcome).rejects.toBeInstanceOf(StoreUnavailableError);
    });

    it('still gives up when every resubscription is dropped right after it is confirmed', async () => {
      const flappy = await EventStoreDbProtocolStandIn.start();
      const s = connect({ resubscribe: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 5000 } }, flappy);
      const dropper = setInterval(() => void flappy.dropSubscriptions(), 20);
      try {
        await expect(collect(s.subscribeToAll())).rejects.toThrow(/could not be resumed after 3 attempts/);
      } finally {
        clearInterval(dropper);
        await flappy.close();
      }
    });

    it('ends the iteration when unsubscribed or when the store closes', async () => {
      // Given a subscription from the head, that has delivered two events of a new stream
      const s = unique('unsub');
      const head = await store.headPosition();
      const subscribed = server.activeSubscriptions;
      const sub = store.subscribeToAll({ fromPosition: head ?? 'start' });
      const got = take(sub, 3, s);
      await until(() => server.activeSubscriptions > subscribed, 'the subscription to start');
      await store.appendToStream(s, [ev('E0'), ev('E1')], { expectedRevision: 'no_stream' });
      await until(() => got.seen.length === 2, 'E0 and E1 to arrive');
      // When it is unsubscribed, Then its iteration ends with what it delivered, nothing more
      await sub.unsubscribe();
      expect((await got.done).map((e) => e.type)).toEqual(['E0', 'E1']);
      await until(() => server.activeSubscriptions === subscribed, 'the server to forget the subscription');
      // Given a live subscription of another store, When the store closes, Then its iteration ends empty
      const other = connect();
      const live = collect(other.subscribeToAll({ fromPosition: (await other.headPosition()) ?? 'start' }));
      await until(() => server.activeSubscriptions > subscribed, 'the live subscription to start');
      await other.close();
      await expect(live).resolves.toEqual([]);
    });
  });

  describe('connection string and disposal', () => {
    it('takes the connection string from EVENTSTORE_CONNECTION_STRING, then the default', async () => {
      const saved = process.env.EVENTSTORE_CONNECTION_STRING;
      try {
        process.env.EVENTSTORE_CONNECTION_STRING = server.connectionString;
        const fromEnv = new EsdbEventStore();
        open.push(fromEnv);
        expect(fromEnv.connectionString).toBe(server.connectionString);
        expect(await fromEnv.readStream(unique('none'))).toMatchObject({ status: 'not_found' });
        delete process.env.EVENTSTORE_CONNECTION_STRING;
        const byDefault = new EsdbEventStore();
        open.push(byDefault);
        expect(byDefault.connectionString).toBe('esdb://localhost:2113?tls=false');
      } finally {
        if (saved === undefined) delete process.env.EVENTSTORE_CONNECTION_STRING;
        else process.env.EVENTSTORE_CONNECTION_STRING = saved;
      }
    });

    it('fails every call after close() with a clear error, and closes idempotently', async () => {
      await store.appendToStream(unique('c'), [ev('A')], { expectedRevision: 'no_stream' });
      await store.close();
      await store.close();
      const closed = /EventStoreDB store is closed/;
      await expect(store.appendToStream('x', [ev('A')], { expectedRevision: 'any' })).rejects.toThrow(closed);
      await expect(store.readStream('x')).rejects.toThrow(closed);
      await expect(collect(store.readAll())).rejects.toThrow(closed);
      await expect(store.headPosition()).rejects.toThrow(closed);
      expect(() => store.subscribeToAll()).toThrow(closed);
    });

    it('lets a process that used the store exit on its own after close()', async () => {
      const script = `
        const fs = require('node:fs');
        const swc = require('@swc/core');
        require.extensions['.ts'] = (m, filename) => m._compile(swc.transformSync(fs.readFileSync(filename, 'utf8'),
          { filename, jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }).code, filename);
        const { EsdbEventStore } = require(${JSON.stringify(join(__dirname, '../../src/store/esdb.ts'))});
        const { randomUUID } = require('node:crypto');
        (async () => {
          const store = new EsdbEventStore(process.env.STAND_IN);
          await store.appendToStream('exit-' + randomUUID(), [{ id: randomUUID(), type: 'A', data: {}, metadata: {} }],
            { expectedRevision: 'no_stream' });
          const sub = store.subscribeToAll();
          await sub[Symbol.asyncIterator]().next();
          for await (const _ of store.readAll()) {}
          await store.headPosition();
          await store.close();
          console.log('closed');
        })().catch((e) => { console.error(e); process.exit(2); });`;
      const child = spawn(process.execPath, ['-e', script], {
        cwd: join(__dirname, '../..'),
        env: { ...process.env, STAND_IN: server.connectionString },
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve(null);
        }, 15_000);
        child.on('exit', (c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
      expect({ code, output: output.trim() }).toEqual({ code: 0, output: 'closed' });
    });
  });
});

/**
 * The stand-in's own behaviour, through the raw client: it must follow EventStoreDB's documented
 * rules, not the adapter's (e.g. it compares event ids only, never content).
 */
describe('EventStoreDbProtocolStandIn (raw client)', () => {
  let server: EventStoreDbProtocolStandIn;
  let client: EventStoreDBClient;
  const event = (id = randomUUID(), data: JsonObject = {}) => jsonEvent({ id, type: 'T', data });

  beforeAll(async () => {
    server = await EventStoreDbProtocolStandIn.start();
    client = EventStoreDBClient.connectionString(server.connectionString);
  });
  afterAll(async () => {
    await client.dispose();
    await server.close();
  });

  it('acknowledges a repeat by id without writing, even with other content', async () => {
    const s = unique('raw-repeat');
    const id = randomUUID();
    const first = await client.appendToStream(s, event(id, { n: 1 }), { expectedRevision: NO_STREAM });
    const again = await client.appendToStream(s, event(id, { n: 2 }), { expectedRevision: NO_STREAM });
    expect(again).toEqual(first);
    const read: unknown[] = [];
    for await (const e of client.readStream(s)) read.push(e.event?.data);
    expect(read).toEqual([{ n: 1 }]);
  });

  it('answers a partly repeated batch, or new ids after a stale revision, with wrong expected version', async () => {
    const s = unique('raw-partial');
    const a = randomUUID();
    await client.appendToStream(s, event(a), { expectedRevision: NO_STREAM });
    await expect(
      client.appendToStream(s, [event(a), event()], { expectedRevision: NO_STREAM }),
    ).rejects.toMatchObject({ type: 'wrong-expected-version', actualVersion: 0n });
    await expect(client.appendToStream(s, event(), { expectedRevision: NO_STREAM })).rejects.toMatchObject({
      type: 'wrong-expected-version',
    });
    await expect(
      client.appendToStream(s, [event(a), event()], { expectedRevision: ANY }),
    ).rejects.toMatchObject({
      type: 'wrong-expected-version',
    });
  });

  it('accepts the same id in another stream', async () => {
    const id = randomUUID();
    await client.appendToStream(unique('raw-one'), event(id), { expectedRevision: NO_STREAM });
    await expect(
      client.appendToStream(unique('raw-two'), event(id), { expectedRevision: NO_STREAM }),
    ).resolves.toMatchObject({ success: true });
  });

  it('reads $all forwards inclusively and backwards exclusively from a position', async () => {
    const s = unique('raw-all');
    await client.appendToStream(s, [event(), event(), event()], { expectedRevision: NO_STREAM });
    const events: { id: string; position: { commit: bigint; prepare: bigint } }[] = [];
    for await (const e of client.readStream(s))
      events.push({ id: e.event!.id, position: e.event!.position! });
    const middle = events[1]!;
    const forwards: string[] = [];
    for await (const e of client.readAll({ fromPosition: middle.position, maxCount: 2 }))
      forwards.push(e.event!.id);
    expect(forwards).toEqual([events[1]!.id, events[2]!.id]);
    const backwards: string[] = [];
    for await (const e of client.readAll({
      fromPosition: middle.position,
      direction: BACKWARDS,
      maxCount: 1,
    })) {
      backwards.push(e.event!.id);
    }
    expect(backwards).toEqual([events[0]!.id]);
  });

  it('answers UNIMPLEMENTED for what it does not imitate', async () => {
    await expect(client.deleteStream(unique('raw-delete'))).rejects.toMatchObject({
      code: status.UNIMPLEMENTED,
    });
  });
});
