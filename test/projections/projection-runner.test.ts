import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LedgerEvent } from '../../src/events';
import {
  InMemoryCheckpointStore,
  ProjectionRunner,
  SqliteCheckpointStore,
} from '../../src/ledger/projection-runner';
import { replay } from '../../src/ledger/replay';
import {
  chargesForMonth,
  type Facts,
  factsProjection,
  type Json,
  type Projection,
} from '../../src/projections';
import { MemoryEventStore, SqliteEventStore } from '../../src/store';
import { application, LedgerLog } from '../support/ledger-events';

const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-runner-'));
let files = 0;
const sqliteFile = () => join(dir, `r${files++}.db`);

/** Ten events on one contract: accepted, billed from 2025-04-01 at 10,000, eight outages known. */
const tenEvents = () => {
  const log = new LedgerLog();
  const c = log.contract('c-1');
  c.add('ApplicationAccepted', application({ contractId: 'c-1', acceptedOn: '2025-03-01' }));
  c.add('BillingStarted', { billingStartOn: '2025-04-01' });
  for (let i = 1; i <= 8; i++) {
    // Known 05-0i 10:00 → 24 h reached 05-0(i+1) 10:00; 3 months elapse from that day on 08-0(i+1).
    c.add('OutageKnown', {
      outageId: `o-${i}`,
      knownAt: `2025-05-0${i}T10:00:00+09:00`,
      description: 'down',
      claimWindow: {
        reachedAt: `2025-05-0${i + 1}T10:00:00+09:00`,
        firstClaimableOn: `2025-05-0${i + 1}`,
        lastClaimableOn: `2025-08-0${i + 1}`,
        lastClaimableShiftedFrom: null,
      },
    });
  }
  return log;
};

interface Count {
  count: number;
  last: number;
}

/** Counts events; throws on the event whose global position is `failAt.position`, while set. */
const counter = (failAt: { position: number | null }): Projection<Count> => ({
  name: 'counter',
  version: 1,
  init: () => ({ count: 0, last: 0 }),
  apply: (s, e: LedgerEvent) => {
    if (Number(e.position.commit) === failAt.position) throw new Error(`crash at ${failAt.position}`);
    s.count += 1;
    s.last = Number(e.position.commit);
    return s;
  },
  toJSON: (s) => ({ ...s }),
  fromJSON: (j) => ({ ...(j as unknown as Count) }),
});

const rows = (store: SqliteEventStore) =>
  store.db.prepare('SELECT name, position, state FROM projection_checkpoints ORDER BY name').all() as {
    name: string;
    position: number;
    state: string;
  }[];

describe('projection runner', () => {
  it('catches up to the head and keeps the facts queryable', async () => {
    const store = new MemoryEventStore();
    await tenEvents().appendTo(store);
    const runner = new ProjectionRunner(store);
    expect(await runner.catchUp()).toBe(10);
    expect(await runner.catchUp()).toBe(0);
    const facts = runner.state<Facts>('facts');
    expect(chargesForMonth(facts, '2025-04').total).toBe(10_000);
    expect(runner.position()).toEqual({ commit: 10n, prepare: 10n });
    await store.close();
  });

  it('on SQLite, saves each state with its checkpoint in projection_checkpoints', async () => {
    const store = new SqliteEventStore({ path: sqliteFile() });
    await tenEvents().appendTo(store);
    const runner = new ProjectionRunner(store, { batchSize: 4 });
    await runner.catchUp();
    const [row] = rows(store);
    expect(row).toMatchObject({ name: 'facts', position: 10 });
    const saved = JSON.parse(row!.state) as { version: number; state: Json };
    expect(saved.version).toBe(factsProjection.version);
    expect(factsProjection.fromJSON(saved.state).seq).toBe(10);
    await store.close();
  });

  it('after a crash mid-batch, nothing is half-applied, and a restart applies each event exactly once', async () => {
    const path = sqliteFile();
    const store = new SqliteEventStore({ path });
    await tenEvents().appendTo(store);
    const failAt = { position: 8 as number | null };
    const projections = [factsProjection, counter(failAt)] as Projection<unknown>[];
    const runner = new ProjectionRunner(store, { projections, batchSize: 3, saveRatio: 0 });

    // Saved after events 3 and 6; event 8 throws while 7 is applied but unsaved.
    await expect(runner.catchUp()).rejects.toThrow('crash at 8');
    expect(rows(store).map((r) => [r.name, r.position])).toEqual([
      ['counter', 6],
      ['facts', 6],
    ]);
    expect(runner.state<Count>('counter')).toEqual({ count: 6, last: 6 });
    expect(runner.state<Facts>('facts').seq).toBe(6);

    // The process restarts (a new runner on a reopened file) once the fault is gone.
    await store.close();
    failAt.position = null;
    const reopened = new SqliteEventStore({ path });
    const again = new ProjectionRunner(reopened, { projections, batchSize: 3, saveRatio: 0 });
    expect(await again.catchUp()).toBe(4);
    expect(again.state<Count>('counter')).toEqual({ count: 10, last: 10 });
    const rebuilt = await replay(reopened, { projections: [factsProjection] });
    expect(factsProjection.toJSON(again.state<Facts>('facts'))).toEqual(
      factsProjection.toJSON(rebuilt.states.facts as Facts),
    );
    await reopened.close();
  });

  it('writes the checkpoints of all projections in one transaction: all or none', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const checkpoints = new SqliteCheckpointStore(store.db, () => '2025-01-01T00:00:00.000Z');
    await checkpoints.save([
      { name: 'a', version: 1, position: { commit: 1n, prepare: 1n }, state: '{"n":1}' },
    ]);
    // The second entry's position cannot be stored (beyond SQLite's 64-bit integers).
    const tooFar = 2n ** 64n;
    await expect(
      checkpoints.save([
        { name: 'a', version: 1, position: { commit: 2n, prepare: 2n }, state: '{"n":2}' },
        { name: 'b', version: 1, position: { commit: tooFar, prepare: tooFar }, state: '{}' },
      ]),
    ).rejects.toThrow();
    expect(await checkpoints.load('a')).toEqual({
      position: { commit: 1n, prepare: 1n },
      version: 1,
      state: '{"n":1}',
    });
    expect(await checkpoints.load('b')).toBeNull();
    await store.close();
  });

  it('saves less often as saves grow slow, to keep saving a bounded share of the time', async () => {
    const store = new MemoryEventStore();
    await tenEvents().appendTo(store);
    const saves = async (saveRatio: number) => {
      const memory = new InMemoryCheckpointStore();
      let count = 0;
      const slow = {
        load: (name: string) => memory.load(name),
        save: async (entries: Parameters<InMemoryCheckpointStore['save']>[0]) => {
          count++;
          await new Promise((resolve) => setTimeout(resolve, 2));
          await memory.save(entries);
        },
      };
      await new ProjectionRunner(store, { checkpoints: slow, batchSize: 1, saveRatio }).catchUp();
      expect((await memory.load('facts'))?.position).toEqual({ commit: 10n, prepare: 10n });
      return count;
    };
    expect(await saves(0)).toBe(10);
    // After the first save took ≥ 2 ms, the next is due only 2 × 10⁹ ms later: then the final one.
    expect(await saves(1e9)).toBe(2);
    await store.close();
  });

  it('resumes from its checkpoint and applies only the events after it', async () => {
    const path = sqliteFile();
    const log = tenEvents();
    const first = new SqliteEventStore({ path });
    await log.appendTo(first);
    await new ProjectionRunner(first).catchUp();
    await first.close();

    const store = new SqliteEventStore({ path });
    const c = log.contract('c-1');
    const more = [
      c.add('ReductionClaimed', { outageId: 'o-1', claimedOn: '2025-05-10' }),
      c.add('OutageResolved', {
        outageId: 'o-1',
        resolvedAt: '2025-05-03T10:00:00+09:00',
        cause: 'provider',
      }),
    ];
    for (const e of more) {
      await store.appendToStream(
        e.streamId,
        [{ id: e.metadata.eventId, type: e.type, data: e.data as never, metadata: e.metadata as never }],
        { expectedRevision: e.revision - 1n },
      );
    }
    const runner = new ProjectionRunner(store);
    expect(await runner.catchUp()).toBe(2);
    // 48 h at 10,000 → floor(2 × 10,000 / 30) = 666, billed in May.
    expect(
      chargesForMonth(runner.state<Facts>('facts'), '2025-05').lines.find((l) => l.kind === 'reduction')
        ?.amount,
    ).toBe(-666);
    await store.close();
  });

  it('rebuilds a projection whose stored state has another version', async () => {
    const store = new MemoryEventStore();
    await tenEvents().appendTo(store);
    const checkpoints = new InMemoryCheckpointStore();
    await checkpoints.save([
      {
        name: 'counter',
        version: 0,
        position: { commit: 10n, prepare: 10n },
        state: '{"count":99,"last":10}',
      },
    ]);
    const runner = new ProjectionRunner(store, {
      projections: [counter({ position: null })] as Projection<unknown>[],
      checkpoints,
    });
    expect(await runner.catchUp()).toBe(10);
    expect(runner.state<Count>('counter').count).toBe(10);
    await store.close();
  });

  it('follows the log live and saves what it applied when stopped', async () => {
    const store = new MemoryEventStore();
    const log = tenEvents();
    const events = log.events;
    const checkpoints = new InMemoryCheckpointStore();
    const runner = new ProjectionRunner(store, { checkpoints, flushAfterMs: 5 });
    await runner.start();
    expect(runner.position()).toBeNull();
    await log.appendTo(store);
    await runner.waitFor(events[events.length - 1]!.position);
    expect(runner.state<Facts>('facts').seq).toBe(10);
    const c = log.contract('c-1');
    const late = c.add('ContractTerminated', { effectiveOn: '2025-06-30' });
    await store.appendToStream(
      late.streamId,
      [
        {
          id: late.metadata.eventId,
          type: late.type,
          data: late.data as never,
          metadata: late.metadata as never,
        },
      ],
      { expectedRevision: late.revision - 1n },
    );
    await runner.waitFor(late.position);
    await runner.stop();
    expect((await checkpoints.load('facts'))?.position).toEqual({ commit: 11n, prepare: 11n });
    expect(runner.state<Facts>('facts').contracts.get('c-1')?.termination?.on).toBe('2025-06-30');
    await store.close();
  });

  it('stops the live loop on a failing event, back at the last checkpoint', async () => {
    const store = new MemoryEventStore();
    const failAt = { position: 5 as number | null };
    const errors: unknown[] = [];
    const runner = new ProjectionRunner(store, {
      projections: [counter(failAt)] as Projection<unknown>[],
      batchSize: 2,
      saveRatio: 0,
      onError: (e) => errors.push(e),
    });
    await runner.start();
    await tenEvents().appendTo(store);
    await expect(runner.waitFor({ commit: 10n, prepare: 10n }, 200)).rejects.toThrow(/Timed out/);
    expect(errors).toHaveLength(1);
    expect(runner.state<Count>('counter')).toEqual({ count: 4, last: 4 });
    await runner.stop();
    await store.close();
  });
});
