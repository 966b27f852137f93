/**
 * What-if (issue 17): commands run through the real pipeline over an overlay of the store. What it
 * says they would do is what `apply` of the same commands then does: the same results (rejections
 * with their articles), the same events, and charge lines that differ from today's exactly in the
 * months it names (checked against a fold of the whole log before and after the apply); and it
 * writes nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { decodeRecorded, type LedgerEvent } from '../../src/events';
import { type Clock, steppingClock } from '../../src/ledger/clock';
import { type CommandResult, Ledger } from '../../src/ledger/ledger';
import {
  type ChargeLine,
  chargesForMonth,
  differencesBy,
  type Facts,
  foldFacts,
  minimumTerms,
  returnDeadlines,
} from '../../src/projections';
import { type WhatIfResult, whatIf } from '../../src/read/what-if';
import { type EventStore, MemoryEventStore, type RecordedEvent } from '../../src/store';
import { addMonthsToMonth } from '../../src/terms/dates';
import { monthsOf } from '../views/oracle';
import { historyCommands, stepArb } from '../views/random-history';

const DEMO = readFileSync(join(__dirname, '..', '..', 'examples', 'demo.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => JSON.parse(l) as unknown);

/** Far after every date the histories name: without --as-of every fact counts, statuses on this day. */
const TODAY = '2099-12-31';
/** The what-if and the apply stamp their events alike, so that the events (hashes included) compare. */
const fixedClock: Clock = () => '2026-01-15T03:00:00.000Z';

const recorded = async (store: EventStore): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
};

const factsOf = async (store: EventStore): Promise<Facts> =>
  foldFacts((await recorded(store)).map((r): LedgerEvent => decodeRecorded(r, { validate: false })));

const run = async (store: EventStore, commands: readonly unknown[], clock: Clock) => {
  const ledger = new Ledger({ store, clock });
  const results: CommandResult[] = [];
  for (const c of commands) results.push(await ledger.execute(c));
  return results;
};

const demoStore = async () => {
  const store = new MemoryEventStore();
  const results = await run(store, DEMO, steppingClock('2025-10-31T01:00:00Z'));
  expect(results.filter((r) => r.status !== 'accepted')).toEqual([]);
  return store;
};

const linesOf = (facts: Facts, contracts: readonly string[], month: string) =>
  contracts.flatMap((contractId) => chargesForMonth(facts, month, { contractId }).lines);

/** A month's differences without what names the month (ids, periods, days in the month). */
const shape = (d: {
  added: readonly ChargeLine[];
  removed: readonly ChargeLine[];
  changed: readonly { before: ChargeLine; after: ChargeLine }[];
}) => {
  const line = (l: ChargeLine) => [l.contractId, l.kind, l.amount, l.sources, l.notes];
  const order = (xs: unknown[][]) => xs.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return {
    added: order(d.added.map(line)),
    removed: order(d.removed.map(line)),
    changed: order(d.changed.map((c) => [line(c.before), line(c.after)])),
  };
};

/**
 * Runs the what-if, then applies the same commands, and checks the what-if against what the
 * apply did, with the whole log folded before and after as the oracle.
 */
const whatIfThenApply = async (store: EventStore, commands: readonly unknown[]): Promise<WhatIfResult> => {
  const beforeLog = await recorded(store);
  const before = await factsOf(store);
  const result = await whatIf(store, commands, { clock: fixedClock, today: TODAY });
  // Nothing was written.
  expect(await recorded(store)).toEqual(beforeLog);
  const applied = await run(store, commands, fixedClock);
  const after = await factsOf(store);

  // The same decisions, rejections with their codes and articles, and the same events.
  expect(result.results).toEqual(applied);
  const written = (await recorded(store)).slice(beforeLog.length);
  expect(
    result.events.map((e) => ({
      streamId: e.streamId,
      revision: e.revision,
      id: e.eventId,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
    })),
  ).toEqual(
    written.map((e) => ({
      streamId: e.streamId,
      revision: e.revision,
      id: e.id,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
    })),
  );

  // The charge lines: every month that differs is named, with exactly the lines that differ.
  const contracts = result.contracts;
  expect([...contracts].sort()).toEqual(
    [
      ...new Set(written.filter((e) => e.streamId.startsWith('contract-')).map((e) => e.streamId.slice(9))),
    ].sort(),
  );
  const named = new Map(result.charges.months.map((m) => [m.month, m]));
  const months = new Set([...monthsOf(before), ...monthsOf(after), ...named.keys()]);
  const ongoing = result.charges.ongoingFrom;
  if (ongoing) for (let i = 0; i < 15; i++) months.add(addMonthsToMonth(ongoing, i));
  for (const month of [...months].sort()) {
    const was = linesOf(before, contracts, month);
    const is = linesOf(after, contracts, month);
    const d = differencesBy(was, is, (l) => l.id);
    const differs = d.added.length + d.removed.length + d.changed.length > 0;
    if (ongoing !== null && month > ongoing) {
      // Past the month the what-if names as ongoing, every month differs as that one does.
      expect([month, shape(d)]).toEqual([month, shape(named.get(ongoing)!)]);
      continue;
    }
    const m = named.get(month);
    expect([month, differs]).toEqual([month, m !== undefined]);
    if (!m) continue;
    const byId = (lines: readonly ChargeLine[]) => [...lines].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(m.added)).toEqual(byId(d.added));
    expect(byId(m.removed)).toEqual(byId(d.removed));
    expect(byId(m.changed.map((c) => c.after))).toEqual(byId(d.changed.map((c) => c.after)));
    expect(byId(m.changed.map((c) => c.before))).toEqual(byId(d.changed.map((c) => c.before)));
    const sum = (lines: readonly ChargeLine[]) => lines.reduce((s, l) => s + l.amount, 0);
    expect([m.before, m.after]).toEqual([sum(was), sum(is)]);
  }

  // The minimum terms and the return deadlines of the touched contracts, as the apply left them.
  const termsOf = (facts: Facts) => contracts.flatMap((contractId) => minimumTerms(facts, { contractId }));
  const termKey = (t: { contractId: string; optionId: string | null; reason: string; start: string }) =>
    `${t.contractId}|${t.optionId}|${t.reason}|${t.start}`;
  const terms = differencesBy(termsOf(before), termsOf(after), termKey);
  const sortTerms = <
    T extends { contractId: string; optionId: string | null; reason: string; start: string },
  >(
    ts: readonly T[],
  ) => [...ts].sort((a, b) => (termKey(a) < termKey(b) ? -1 : 1));
  expect(sortTerms(result.terms.added)).toEqual(sortTerms(terms.added));
  expect(sortTerms(result.terms.removed)).toEqual(sortTerms(terms.removed));
  expect(sortTerms(result.terms.changed.map((c) => c.after))).toEqual(
    sortTerms(terms.changed.map((c) => c.after)),
  );
  const deadlinesOf = (facts: Facts) =>
    contracts.flatMap((contractId) => returnDeadlines(facts, TODAY, { contractId }));
  const deadlines = differencesBy(
    deadlinesOf(before),
    deadlinesOf(after),
    (x) => `${x.contractId}|${x.itemId}`,
  );
  const key = (x: { contractId: string; itemId: string }) => `${x.contractId}|${x.itemId}`;
  const sortD = <T extends { contractId: string; itemId: string }>(xs: readonly T[]) =>
    [...xs].sort((a, b) => (key(a) < key(b) ? -1 : 1));
  expect(sortD(result.deadlines.added)).toEqual(sortD(deadlines.added));
  expect(sortD(result.deadlines.removed)).toEqual(sortD(deadlines.removed));
  expect(sortD(result.deadlines.changed.map((c) => c.after))).toEqual(
    sortD(deadlines.changed.map((c) => c.after)),
  );
  return result;
};

const command = (type: string, commandId: string, data: Record<string, unknown>) => ({
  type,
  commandId,
  actor: 'staff:sato',
  data,
});

const lineOf = (result: WhatIfResult, id: string) =>
  result.charges.months
    .flatMap((m) => [...m.added, ...m.changed.map((c) => c.after)])
    .find((l) => l.id === id);

describe('what-if on the demo: what apply of the same commands then shows', () => {
  it('a termination notice: the Annex 2 settlement, the last month billed by the day, no fee after', async () => {
    const store = await demoStore();
    const result = await whatIfThenApply(store, [
      command('ReceiveTerminationNotice', 'wi-notice', {
        contractId: 'c-fukuoka',
        noticeArrivedOn: '2025-11-04',
        requestedOn: null,
        ground: 'ordinary',
        evidenceRef: null,
      }),
    ]);
    // Art. 18: effective 30 days after the notice arrives; Annex 2: the rest of the 1-year term.
    expect(lineOf(result, 'c-fukuoka:2025-12:early-termination')).toMatchObject({
      amount: 88_064,
      period: { from: '2025-12-05', to: '2026-05-31' },
      article: 'Art. 20(1); Annex 2 §1',
    });
    expect(lineOf(result, 'c-fukuoka:2025-12:monthly-basic')).toMatchObject({ amount: 1_935 });
    expect(result.charges.months.map((m) => [m.month, m.difference])).toEqual([
      ['2025-12', 97_498],
      ['2026-01', -19_500],
    ]);
    expect(result.charges.ongoingFrom).toBe('2026-01');
    expect(result.deadlines.added.map((d) => [d.itemId, d.dueOn])).toEqual([
      ['cs-fukuoka-2', '2026-01-03'],
      ['dev-fukuoka-1', '2026-01-03'],
    ]);
  });

  it('an option stop: its fee to the effective day and the rest of its term (Art. 17(4), Annex 2 §2)', async () => {
    const store = await demoStore();
    const result = await whatIfThenApply(store, [
      command('StopOption', 'wi-stop', {
        contractId: 'c-tokyo-hq',
        optionId: 'opt-hq-licence',
        noticeArrivedOn: '2025-11-10',
        requestedOn: null,
      }),
    ]);
    expect(lineOf(result, 'c-tokyo-hq:2025-12:early-termination-option:opt-hq-licence')).toMatchObject({
      amount: 19_354,
      period: { from: '2025-12-11', to: '2026-09-30' },
    });
    expect(result.charges.ongoingFrom).toBe('2026-01');
    expect(result.deadlines.added.map((d) => [d.itemId, d.reason, d.dueOn])).toEqual([
      ['lic-hq-3', 'option-stop', '2026-01-09'],
      ['lic-hq-4', 'option-stop', '2026-01-09'],
    ]);
  });

  it('a device-model change: the new fee from its billing start, a fresh term, the old unit owed back', async () => {
    const store = await demoStore();
    const result = await whatIfThenApply(store, [
      command('AcceptModelChange', 'wi-change', {
        contractId: 'c-nagoya',
        changeId: 'mc-nagoya',
        target: { kind: 'device' },
        toModel: 'Cisco C1121-8P',
        fee: 20_000,
        monthlyFee: 19_000,
        acceptedOn: '2025-11-05',
      }),
      command('CompleteModelChange', 'wi-complete', {
        contractId: 'c-nagoya',
        changeId: 'mc-nagoya',
        billingStartOn: '2025-11-20',
        newItemIds: ['dev-nagoya-3'],
      }),
    ]);
    expect(lineOf(result, 'c-nagoya:2025-11:model-change:mc-nagoya')).toMatchObject({ amount: 20_000 });
    expect(lineOf(result, 'c-nagoya:2025-11:monthly-basic:2025-11-20')).toMatchObject({ amount: 6_966 });
    expect(result.terms.added).toEqual([
      expect.objectContaining({
        contractId: 'c-nagoya',
        reason: 'model-change',
        start: '2025-11-20',
        end: '2026-11-19',
      }),
    ]);
    expect(result.deadlines.added.map((d) => [d.itemId, d.reason, d.dueOn])).toEqual([
      ['dev-nagoya-2', 'model-change', '2025-12-20'],
    ]);
    expect(result.charges.ongoingFrom).toBe('2025-12');
  });

  it('a device-model change at the same fee: from the month it completes, every month (its sources)', async () => {
    const store = await demoStore();
    const result = await whatIfThenApply(store, [
      command('AcceptModelChange', 'wi-same-fee', {
        contractId: 'c-nagoya',
        changeId: 'mc-nagoya-same',
        target: { kind: 'device' },
        toModel: 'Cisco C1121-8P',
        fee: 20_000,
        monthlyFee: 16_000,
        acceptedOn: '2025-10-28',
      }),
      command('CompleteModelChange', 'wi-same-fee-complete', {
        contractId: 'c-nagoya',
        changeId: 'mc-nagoya-same',
        billingStartOn: '2025-12-20',
        newItemIds: ['dev-nagoya-3'],
      }),
    ]);
    // Policy split-only-where-fee-changes: one line a month still, now naming the change.
    const dec = result.charges.months.find((m) => m.month === '2025-12')!;
    expect(dec.changed.map((c) => [c.after.kind, c.after.amount, c.after.notes.map((x) => x.kind)])).toEqual([
      ['monthly-basic', 16_000, ['same-fee-model-change']],
    ]);
    expect(result.charges.ongoingFrom).toBe('2026-01');
  });

  it('a model change under a scheduled termination: every month to the end differs, none after', async () => {
    const store = await demoStore();
    await run(
      store,
      [
        command('ReceiveTerminationNotice', 'real-notice', {
          contractId: 'c-himeji',
          noticeArrivedOn: '2025-11-01',
          requestedOn: '2026-06-30',
          ground: 'ordinary',
          evidenceRef: null,
        }),
      ],
      fixedClock,
    );
    const result = await whatIfThenApply(store, [
      command('AcceptModelChange', 'wi-change', {
        contractId: 'c-himeji',
        changeId: 'mc-himeji',
        target: { kind: 'device' },
        toModel: 'Cisco C1121-8P',
        fee: 20_000,
        monthlyFee: 25_000,
        acceptedOn: '2025-11-05',
      }),
      command('CompleteModelChange', 'wi-complete', {
        contractId: 'c-himeji',
        changeId: 'mc-himeji',
        billingStartOn: '2025-12-10',
        newItemIds: ['dev-himeji-2'],
      }),
    ]);
    expect(result.charges.months.map((m) => m.month)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(result.charges.ongoingFrom).toBeNull();
    // Art. 5(2): the change starts a fresh 3-year term, so ending on 2026-06-30 leaves more of it.
    const june = result.charges.months.find((m) => m.month === '2026-06')!;
    expect(june.changed.map((c) => [c.before.kind, c.before.amount, c.after.amount])).toEqual([
      ['monthly-basic', 21_000, 25_000],
      ['early-termination', 504_000, 732_258],
    ]);
  });

  it("rejections are apply's, with their articles; later commands see the would-be events of earlier ones", async () => {
    const store = await demoStore();
    const stop = (id: string, on: string) =>
      command('StopOption', id, {
        contractId: 'c-kobe',
        optionId: 'opt-kobe-sfp',
        noticeArrivedOn: on,
        requestedOn: null,
      });
    const result = await whatIfThenApply(store, [
      // Stopped in October already.
      stop('wi-stop-again', '2025-11-01'),
      command('ReceiveTerminationNotice', 'wi-n1', {
        contractId: 'c-himeji',
        noticeArrivedOn: '2025-11-01',
        requestedOn: null,
        ground: 'ordinary',
        evidenceRef: null,
      }),
      // A second notice: refused because of the first, which only the what-if holds.
      command('ReceiveTerminationNotice', 'wi-n2', {
        contractId: 'c-himeji',
        noticeArrivedOn: '2025-11-02',
        requestedOn: null,
        ground: 'ordinary',
        evidenceRef: null,
      }),
      {
        type: 'StartBilling',
        commandId: 'wi-bad',
        actor: 'staff:sato',
        data: { contractId: 'c-x', discount: 1 },
      },
      // A command of the demo again: a repeat, nothing new.
      DEMO[4],
    ]);
    expect(
      result.results.map((r) => (r.status === 'rejected' ? [r.code, r.article] : [r.status, r.repeated])),
    ).toEqual([
      ['OPTION_NOT_ACTIVE', 'Art. 17(4)'],
      ['accepted', false],
      ['TERMINATION_ALREADY_NOTIFIED', 'Art. 18'],
      ['INVALID_COMMAND', null],
      ['accepted', true],
    ]);
    expect(result.contracts).toEqual(['c-himeji']);
  });

  it('as effective on a date: a notice arriving later changes nothing yet, but its events are listed', async () => {
    const store = await demoStore();
    const notice = command('ReceiveTerminationNotice', 'wi-later', {
      contractId: 'c-fukuoka',
      noticeArrivedOn: '2025-11-04',
      requestedOn: null,
      ground: 'ordinary',
      evidenceRef: null,
    });
    const early = await whatIf(store, [notice], { asOf: '2025-11-03', clock: fixedClock });
    expect(early.events.map((e) => e.type)).toEqual(['TerminationNoticeReceived']);
    expect(early.charges).toEqual({ months: [], ongoingFrom: null });
    expect(early.deadlines.added).toEqual([]);
    expect(early.basis).toMatchObject({ asOf: '2025-11-03', statusDate: '2025-11-03' });
    const onTheDay = await whatIf(store, [notice], { asOf: '2025-11-04', clock: fixedClock });
    expect(onTheDay.charges.months.map((m) => m.month)).toEqual(['2025-12', '2026-01']);
    expect(onTheDay.deadlines.added.map((d) => d.status)).toEqual(['pending', 'pending']);
  });

  it('as known at a time: decided against the ledger as it stood then, and stamped with that time', async () => {
    const store = await demoStore();
    // Later, the Himeji contract gets a notice.
    const notice = (id: string, on: string) =>
      command('ReceiveTerminationNotice', id, {
        contractId: 'c-himeji',
        noticeArrivedOn: on,
        requestedOn: null,
        ground: 'ordinary',
        evidenceRef: null,
      });
    await run(store, [notice('real-notice', '2025-11-20')], () => '2025-12-01T00:00:00.000Z');
    const now = await whatIf(store, [notice('wi-notice', '2025-11-25')], { clock: fixedClock });
    expect(now.results[0]).toMatchObject({ status: 'rejected', code: 'TERMINATION_ALREADY_NOTIFIED' });
    const then = await whatIf(store, [notice('wi-notice', '2025-11-25')], {
      knownAt: '2025-11-30T12:00:00+09:00',
    });
    expect(then.results[0]).toMatchObject({ status: 'accepted' });
    expect(then.events[0]!.metadata).toMatchObject({ recordedAt: '2025-11-30T03:00:00.000Z' });
    expect(then.basis).toMatchObject({ knownAt: '2025-11-30T12:00:00+09:00', statusDate: '2025-11-30' });
    // Effective 2025-12-25: the settlement runs from the 26th to the end of the 3-year term.
    expect(lineOf(then, 'c-himeji:2025-12:early-termination')).toMatchObject({
      period: { from: '2025-12-26', to: '2028-06-30' },
    });
  });
});

describe('what-if: the property holds for random histories', () => {
  it('a prefix as the ledger, the rest as the what-if: the what-if says what the apply then does', async () => {
    let accepted = 0;
    let months = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 6, maxLength: 24 }),
        fc.integer({ min: 2, max: 20 }),
        async (steps, cut) => {
          const commands = historyCommands(steps, 'wi');
          const at = Math.min(cut, commands.length - 1);
          const store = new MemoryEventStore();
          await run(store, commands.slice(0, at), steppingClock('2025-12-01T00:00:00Z', 60_000));
          const result = await whatIfThenApply(store, commands.slice(at));
          accepted += result.results.filter((r) => r.status === 'accepted').length;
          months += result.charges.months.length;
        },
      ),
      { numRuns: 50, seed: 20251117 },
    );
    // The what-ifs must change things, not only be refused.
    expect(accepted).toBeGreaterThan(150);
    expect(months).toBeGreaterThan(80);
  }, 120_000);
});

describe('what-if beside other work on the same store', () => {
  it('a command recorded while a what-if runs shows in neither its figures of today nor its what-if', async () => {
    const store = await demoStore();
    const notice = command('ReceiveTerminationNotice', 'wi-notice', {
      contractId: 'c-fukuoka',
      noticeArrivedOn: '2025-11-04',
      requestedOn: null,
      ground: 'ordinary',
      evidenceRef: null,
    });
    const alone = await whatIf(store, [notice], { clock: fixedClock, today: TODAY });
    const cost = command('RecordOneTimeCost', 'real-cost', {
      contractId: 'c-fukuoka',
      costId: 'cost-fukuoka-trip',
      cost: 'travel',
      amount: 30_000,
      incurredOn: '2025-12-02',
      description: 'trip',
    });
    const ledger = new Ledger({ store, clock: fixedClock });
    // Both at once: the what-if takes its snapshot first, the real command lands while it runs.
    const [during, real, second] = await Promise.all([
      whatIf(store, [notice], { clock: fixedClock, today: TODAY }),
      ledger.execute(cost),
      whatIf(store, [notice], { clock: fixedClock, today: TODAY }),
    ]);
    expect(real).toMatchObject({ status: 'accepted', eventsWritten: 1 });
    expect(during.charges).toEqual(alone.charges);
    expect(second.charges).toEqual(alone.charges);
    expect(during.events).toEqual(alone.events);
    // Afterwards a what-if sees the recorded cost in today's figures and in its own alike.
    const later = await whatIf(store, [notice], { clock: fixedClock, today: TODAY });
    const dec = later.charges.months.find((m) => m.month === '2025-12')!;
    expect(dec.difference).toBe(alone.charges.months.find((m) => m.month === '2025-12')!.difference);
    expect(dec.before).toBe(alone.charges.months.find((m) => m.month === '2025-12')!.before + 30_000);
  });
});
