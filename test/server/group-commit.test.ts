/**
 * Group commit on SQLite: commands that arrive together share one transaction (one fsync), each
 * decided against the state the one before left and answered with its own result; a command that
 * fails writes nothing and the others go on; a group whose COMMIT fails is answered as failed, and
 * what the ledger and the views cached of it is forgotten. The views stay equal to a rebuild.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { steppingClock } from '../../src/ledger/clock';
import { type CommandResult, Ledger } from '../../src/ledger/ledger';
import { GroupCommitter, QueueFullError, QueueTimeoutError } from '../../src/server/group-commit';
import { MemoryEventStore, type SqliteEventStore } from '../../src/store';
import type { InlineViews } from '../../src/views/inline';
import {
  acceptSite,
  registerNetwork,
  startBilling,
  storedViewsAndRebuild,
  terminationNotice,
} from '../reliability/helpers';
import { sqliteLedger } from '../support/ledger';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-group-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const open = () => {
  const path = join(dir, `g${n++}.db`);
  const { store, ...inline }: { store: SqliteEventStore } & InlineViews = sqliteLedger(path);
  const ledger = new Ledger({ store, clock: steppingClock('2025-04-01T00:00:00Z') });
  const groups: number[] = [];
  const committer = new GroupCommitter(ledger, store, {
    onGroup: (size) => groups.push(size),
    onRollback: () => inline.forget(),
  });
  return { path, store, ledger, committer, groups };
};

const network = (id: string) => [
  registerNetwork(id, `${id}-holder`),
  acceptSite(id, `${id}-parent`, 'parent', `${id}-holder`, '10.0.0.0/24'),
  acceptSite(id, `${id}-child`, 'child', `${id}-branch`, '10.0.1.0/24'),
  startBilling(`${id}-parent`),
];

const status = (r: CommandResult) => (r.status === 'accepted' ? 'accepted' : r.code);

describe('group commit on SQLite', () => {
  it('appends commands submitted together in one transaction, in order, each with its own result', async () => {
    const { path, store, committer, groups } = open();
    const commands = [
      ...network('a'),
      ...network('b'),
      terminationNotice('a-parent', '2025-09-01'),
      { ...terminationNotice('a-parent', '2025-09-02'), commandId: 'second-notice' },
    ];
    const results = await Promise.all(commands.map((c) => committer.submit(c)));
    expect(results.map(status)).toEqual([...Array(9).fill('accepted'), 'TERMINATION_ALREADY_NOTIFIED']);
    expect(groups).toEqual([10]);
    const positions = results.flatMap((r) => (r.status === 'accepted' ? [Number(r.position!.commit)] : []));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    await store.close();
    const [stored, rebuilt] = await storedViewsAndRebuild(path);
    expect(stored).toEqual(rebuilt);
  });

  it('rolls back a command that throws to its savepoint: it writes nothing, the others commit', async () => {
    const { path, store, committer } = open();
    await Promise.all(network('c').map((c) => committer.submit(c)));
    const real = store.appendToStream.bind(store);
    const spy = jest.spyOn(store, 'appendToStream').mockImplementation(async (stream, events, o) => {
      // The application writes its network half, then fails on its contract: as a bug would.
      if (stream === 'contract-c-child2') throw new Error('boom');
      return real(stream, events, o);
    });
    const [before, failing, after] = await Promise.allSettled([
      committer.submit(terminationNotice('c-parent', '2025-09-01')),
      committer.submit(acceptSite('c', 'c-child2', 'child', 'c-branch2', '10.0.2.0/24')),
      committer.submit(acceptSite('c', 'c-child3', 'child', 'c-branch3', '10.0.3.0/24')),
    ]);
    spy.mockRestore();
    expect(before).toMatchObject({ status: 'fulfilled', value: { status: 'accepted' } });
    expect(failing).toMatchObject({ status: 'rejected', reason: new Error('boom') });
    expect(after).toMatchObject({ status: 'fulfilled', value: { status: 'accepted' } });
    const networkStream = await store.readStream('network-c');
    const joined = networkStream.status === 'found' ? networkStream.events.map((e) => e.data.contractId) : [];
    expect(joined).toEqual([undefined, 'c-parent', 'c-child', 'c-child3']);
    // Nothing of c-child2 is left: not even its reservation. It can apply again at once.
    expect(
      await committer.submit(acceptSite('c', 'c-child2', 'child', 'c-branch2', '10.0.2.0/24')),
    ).toMatchObject({ status: 'accepted' });
    await store.close();
    const [stored, rebuilt] = await storedViewsAndRebuild(path);
    expect(stored).toEqual(rebuilt);
  });

  it('answers a whole group as failed when its COMMIT fails, and forgets what it cached of it', async () => {
    const { path, store, committer } = open();
    await Promise.all(
      [
        registerNetwork('d', 'd-holder'),
        acceptSite('d', 'd-parent', 'parent', 'd-holder', '10.0.0.0/24'),
        acceptSite('d', 'd-child', 'child', 'd-branch', '10.0.1.0/24'),
      ].map((c) => committer.submit(c)),
    );
    const exec = store.db.exec.bind(store.db);
    let failed = false;
    const spy = jest.spyOn(store.db, 'exec').mockImplementation((sql: string) => {
      if (sql === 'COMMIT' && !failed) {
        failed = true;
        exec('ROLLBACK');
        throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
      }
      return exec(sql);
    });
    // The notice, second in the group, folds the parent's stream with the billing start the group
    // wrote before it: what the ledger cached then must not outlive the rollback.
    const lost = await Promise.allSettled([
      committer.submit(startBilling('d-parent')),
      committer.submit(terminationNotice('d-parent', '2025-09-01')),
    ]);
    expect(lost.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    spy.mockRestore();
    const head = await store.headPosition();
    expect(head?.commit).toBe(5n);
    // Decided again on what the file holds, not on what the ledger folded inside the lost group.
    const again = await Promise.all([
      committer.submit({ ...startBilling('d-parent'), commandId: 'billing-retried' }),
      committer.submit(terminationNotice('d-parent', '2025-09-01', 'notice-retried')),
    ]);
    expect(again.map(status)).toEqual(['accepted', 'accepted']);
    await store.close();
    const [stored, rebuilt] = await storedViewsAndRebuild(path);
    expect(stored).toEqual(rebuilt);
  });

  it('runs exclusive work alone, in its turn: after the group before it committed, before the commands after it', async () => {
    const { store, committer, groups } = open();
    const seen: { inTransaction: boolean; events: number }[] = [];
    const count = () => (store.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    const first = network('e').map((c) => committer.submit(c));
    const task = committer.exclusive(async () => {
      seen.push({ inTransaction: store.db.inTransaction, events: count() });
      return 'done';
    });
    const after = committer.submit(terminationNotice('e-parent', '2025-09-01'));
    const failing = committer.exclusive(async () => {
      throw new Error('task failed');
    });
    const last = committer.submit({ ...terminationNotice('e-parent', '2025-09-02'), commandId: 'e-second' });
    const results = await Promise.all(first);
    expect(results.map(status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    const written = count();
    await expect(task).resolves.toBe('done');
    // It saw the four commands before it committed, and no transaction open.
    expect(seen).toEqual([{ inTransaction: false, events: written }]);
    expect(status(await after)).toBe('accepted');
    await expect(failing).rejects.toThrow('task failed');
    expect(status(await last)).toBe('TERMINATION_ALREADY_NOTIFIED');
    // The groups: the four before the task, then one command, then one command.
    expect(groups).toEqual([4, 1, 1]);
    await store.close();
  });

  it('refuses a command when the queue is full, and drops one that waited past its time', async () => {
    const store = new MemoryEventStore();
    const ledger = new Ledger({ store, clock: steppingClock('2025-04-01T00:00:00Z') });
    const small = new GroupCommitter(ledger, store, { maxQueue: 2 });
    const first = [small.submit(registerNetwork('e', 'h')), small.submit(registerNetwork('f', 'h'))];
    await expect(small.submit(registerNetwork('g', 'h'))).rejects.toBeInstanceOf(QueueFullError);
    expect((await Promise.all(first)).map(status)).toEqual(['accepted', 'accepted']);
    const hasty = new GroupCommitter(ledger, store, { queueTimeoutMs: -1 });
    await expect(hasty.submit(registerNetwork('h', 'h'))).rejects.toBeInstanceOf(QueueTimeoutError);
    expect((await store.readStream('network-h')).status).toBe('not_found');
  });

  it('keeps the order on a store without transactions (memory, EventStoreDB)', async () => {
    const store = new MemoryEventStore();
    const committer = new GroupCommitter(
      new Ledger({ store, clock: steppingClock('2025-04-01T00:00:00Z') }),
      store,
    );
    const results = await Promise.all(
      [
        ...network('m'),
        terminationNotice('m-parent', '2025-09-01'),
        { ...terminationNotice('m-parent', '2025-09-02'), commandId: 'm-2' },
      ].map((c) => committer.submit(c)),
    );
    expect(results.map(status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'TERMINATION_ALREADY_NOTIFIED',
    ]);
    await committer.drain();
  });
});
