/**
 * The fair scheduler (issue 26): turns shared among principals so that one principal's forty heavy
 * reads never stand between another's read and its answer.
 */
import { FairScheduler, TooManyWaitingError, TurnTimeoutError } from '../../src/server/scheduler';

const later = Date.now() + 60_000;

/** A task that runs until the test lets it end, recording when it started. */
const gate = (log: string[], name: string) => {
  let end: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (end = resolve));
  return {
    task: async () => {
      log.push(name);
      await done;
      return name;
    },
    end: () => end(),
  };
};

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('FairScheduler', () => {
  it("runs at most perPrincipal of one principal's tasks, while another's start at once", async () => {
    // Given two turns per principal, four in all
    const s = new FairScheduler({ concurrency: 4, perPrincipal: 2, queuePerPrincipal: 100 });
    const log: string[] = [];
    // When a contractor queues ten tasks and staff one after them
    const heavy = Array.from({ length: 10 }, (_, i) => gate(log, `acme-${i}`));
    const heavyRuns = heavy.map((g) => s.run('acme', later, g.task));
    const staff = gate(log, 'staff');
    const staffRun = s.run('staff', later, staff.task);
    await settle();
    // Then two of the contractor's run, and staff's runs beside them, not after the other eight
    expect(log).toEqual(['acme-0', 'acme-1', 'staff']);
    expect(s.counts).toEqual({ running: 3, waiting: 8 });
    staff.end();
    await expect(staffRun).resolves.toBe('staff');
    for (const g of heavy) g.end();
    await Promise.all(heavyRuns);
    expect(log).toHaveLength(11);
  });

  it('takes the principals that wait in turn when a turn frees', async () => {
    // Given one turn in all, held by a
    const s = new FairScheduler({ concurrency: 1, perPrincipal: 1, queuePerPrincipal: 100 });
    const log: string[] = [];
    const first = gate(log, 'a0');
    const runs = [s.run('a', later, first.task)];
    // When a queues three more and b two, after them
    const rest = [
      ['a', 'a1'],
      ['a', 'a2'],
      ['a', 'a3'],
      ['b', 'b1'],
      ['b', 'b2'],
    ].map(([who, name]) => {
      const g = gate(log, name!);
      runs.push(s.run(who!, later, g.task));
      return g;
    });
    await settle();
    // Then, one ending after another, a and b alternate
    first.end();
    for (const g of rest) g.end();
    await Promise.all(runs);
    expect(log).toEqual(['a0', 'b1', 'a1', 'b2', 'a2', 'a3']);
  });

  it('refuses one more than queuePerPrincipal waiting (429), and drops a task whose deadline passed', async () => {
    const s = new FairScheduler({ concurrency: 1, perPrincipal: 1, queuePerPrincipal: 2 });
    const log: string[] = [];
    const holder = gate(log, 'held');
    const held = s.run('a', later, holder.task);
    const waiting = [s.run('a', later, async () => 'w1'), s.run('a', later, async () => 'w2')];
    await expect(s.run('a', later, async () => 'w3')).rejects.toBeInstanceOf(TooManyWaitingError);
    // Another principal still gets its place in the queue, and gives up when its time is over
    const expired = s.run('b', Date.now() + 20, async () => 'never');
    await expect(expired).rejects.toBeInstanceOf(TurnTimeoutError);
    holder.end();
    await expect(Promise.all([held, ...waiting])).resolves.toEqual(['held', 'w1', 'w2']);
    expect(s.counts).toEqual({ running: 0, waiting: 0 });
  });
});
