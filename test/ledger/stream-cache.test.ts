/**
 * The ledger's cache of folded streams: a command reads only the events written since its
 * streams were last folded, and decides exactly as a ledger that folds every stream from its
 * start (random histories, two writers on one store, repeats, a command stopped between its two
 * appends and completed later, reservations confirmed after they were cached).
 */

import fc from 'fast-check';
import { type Clock, steppingClock } from '../../src/ledger/clock';
import { type CommandResult, Ledger } from '../../src/ledger/ledger';
import { renderer } from '../../src/render';
import { type EventStore, MemoryEventStore } from '../../src/store';
import { acceptSite, registerNetwork, startBilling } from '../reliability/helpers';
import type { Envelope } from '../support/commands';
import { historyCommands, stepArb } from '../views/random-history';

/** One action of a run: a command by one of two writers, or a command stopped between its appends. */
interface Action {
  readonly command: Envelope;
  readonly writer: 0 | 1;
  readonly stopBetweenAppends?: boolean;
}

const dump = async (store: EventStore) => {
  const out: unknown[] = [];
  for await (const e of store.readAll()) {
    out.push({ ...e, revision: String(e.revision), position: String(e.position.commit) });
  }
  return out;
};

const comparable = (r: CommandResult | 'stopped') =>
  r === 'stopped' ? r : r.status === 'accepted' ? { ...r, attempts: undefined } : r;

/** Runs the actions on a fresh store with two ledgers of the given cache size; results and log. */
const runActions = async (actions: readonly Action[], streamCacheSize: number, clock: Clock) => {
  const store = new MemoryEventStore();
  const writers = [0, 1].map(() => new Ledger({ store, clock, streamCacheSize }));
  const results: unknown[] = [];
  for (const a of actions) {
    const ledger = writers[a.writer]!;
    if (!a.stopBetweenAppends) {
      results.push(comparable(await ledger.execute(a.command)));
      continue;
    }
    const real = store.appendToStream.bind(store);
    const spy = jest.spyOn(store, 'appendToStream').mockImplementation(async (stream, events, o) => {
      if (stream.startsWith('contract-')) throw new Error('stopped between the two appends');
      return real(stream, events, o);
    });
    try {
      results.push(await ledger.execute(a.command).then(comparable, (e: Error) => e.message));
    } finally {
      spy.mockRestore();
    }
  }
  return { results, log: await dump(store) };
};

const sameDecisions = async (actions: readonly Action[], clock: () => Clock) => {
  const cached = await runActions(actions, 1_000, clock());
  const whole = await runActions(actions, 0, clock());
  expect(cached.results).toEqual(whole.results);
  expect(cached.log).toEqual(whole.log);
  return cached;
};

describe('the stream cache decides as folding every stream whole', () => {
  it('on random histories, with two writers, repeats and commands stopped between their appends', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 5, maxLength: 40 }),
        fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.nat(9)), { minLength: 45, maxLength: 45 }),
        async (steps, plan) => {
          const commands = historyCommands(steps);
          const actions: Action[] = [];
          commands.forEach((command, i) => {
            const [second, earlier, roll] = plan[i % plan.length]!;
            const writer = second ? 1 : 0;
            // Now and then a command stops between its appends (a two-stream one leaves its
            // reservation), and is completed by the next action; or an earlier command comes again.
            if (roll === 0 && command.type === 'AcceptApplication') {
              actions.push({ command, writer, stopBetweenAppends: true });
            }
            actions.push({ command, writer });
            if (roll === 1 && i > 0)
              actions.push({ command: commands[earlier % i]!, writer: (1 - writer) as 0 | 1 });
          });
          await sameDecisions(actions, () => steppingClock('2025-01-01T00:00:00Z', 7_000));
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);

  it('sees a reservation it cached as pending once its command completes the contract', async () => {
    // The child's application stops between its appends; a billing start folds (and caches) the
    // network with the reservation left out; the application is completed; the next billing
    // start must count the child, as a whole fold does.
    const child = acceptSite('n', 'n-child', 'child', 'branch', '10.1.0.0/24', '2025-04-02');
    const actions: Action[] = [
      { command: registerNetwork('n', 'holder'), writer: 0 },
      { command: acceptSite('n', 'n-parent', 'parent', 'holder', '10.0.0.0/24'), writer: 0 },
      { command: child, writer: 0, stopBetweenAppends: true },
      { command: startBilling('n-parent', '2025-04-10'), writer: 0 },
      { command: child, writer: 1 },
      { command: { ...startBilling('n-parent', '2025-04-11'), commandId: 'again' }, writer: 0 },
    ];
    const { results } = await sameDecisions(actions, () => steppingClock('2025-04-01T00:00:00Z', 1_000));
    expect(results[3]).toMatchObject({ status: 'rejected', code: 'NETWORK_INCOMPLETE' });
    expect(results[5]).toMatchObject({ status: 'accepted' });
  });
});

describe("a command's reads do not grow with its streams", () => {
  it('reads only the events written since the stream was last folded', async () => {
    const store = new MemoryEventStore();
    const count = (streamCacheSize: number) => {
      const ledger = new Ledger({ store, clock: steppingClock('2025-04-01T00:00:00Z'), streamCacheSize });
      return ledger;
    };
    const cached = count(1_000);
    const whole = count(0);
    const run = async (ledger: Ledger, c: Envelope) => {
      const r = await ledger.execute(c);
      if (r.status !== 'accepted')
        throw new Error(`${c.commandId}: ${r.code} ${renderer('en').resultMessage(r)}`);
    };
    await run(cached, registerNetwork('n', 'holder'));
    await run(cached, acceptSite('n', 'n-parent', 'parent', 'holder', '10.0.0.0/24'));
    const job = (i: number) => ({
      type: 'InstructConfigurationChange',
      commandId: `job-${i}`,
      actor: 'contractor:holder',
      data: {
        contractId: 'n-parent',
        jobId: `job-${i}`,
        instructedBy: 'holder',
        instructedAt: '2025-05-01T10:00:00+09:00',
        description: 'a route',
      },
    });
    for (let i = 0; i < 100; i++) await run(cached, job(i));
    const read = jest.spyOn(store, 'readStream');
    const eventsRead = async (ledger: Ledger, c: Envelope) => {
      read.mockClear();
      await run(ledger, c);
      let n = 0;
      for (const r of read.mock.results) {
        const v = (await r.value) as Awaited<ReturnType<EventStore['readStream']>>;
        if (v.status === 'found') n += v.events.length;
      }
      return n;
    };
    // The cached ledger wrote job 99 itself: it reads that one event, and then its own last one.
    expect(await eventsRead(cached, job(100))).toBeLessThanOrEqual(2);
    expect(await eventsRead(cached, job(101))).toBeLessThanOrEqual(2);
    expect(await eventsRead(whole, job(102))).toBeGreaterThanOrEqual(103);
    read.mockRestore();
  });
});
