/**
 * Facts recorded after their month was closed (policy adjust-in-first-open-month): the closed month
 * keeps exactly the lines it invoiced, and the difference is billed as adjustment lines in the first
 * open month, with lineage to the closed line and the events behind it. Figures worked out by hand
 * from the terms in the comments.
 *
 * The network: parent c-hq (holder acme, 30,000 yen a month) and child c-br (acme-branch, 18,000 yen
 * a month, 1-year term), both accepted on 2025-07-01 and billed from 2025-07-01.
 */
import type { ChargeLine } from '../../src/projections';
import { Reader } from '../../src/read';
import { formulaText } from '../../src/render/charge-text';
import { viewDigests } from '../../src/views/replay';
import { type BillingLedger, billingLedger, smallNetwork } from '../support/billing';
import { cmd } from '../support/commands';
import { rebuiltDigests } from '../views/oracle';

/** The network, its months closed through `through` on the first day after each. */
const closedThrough = async (through: string): Promise<BillingLedger> => {
  const b = billingLedger();
  b.at('2025-07-01T09:00:00+09:00');
  await b.run(...smallNetwork());
  for (const m of ['2025-07', '2025-08', '2025-09', '2025-10']) {
    if (m > through) break;
    await b.close(
      m,
      `${m === '2025-07' ? '2025-08' : m === '2025-08' ? '2025-09' : m === '2025-09' ? '2025-10' : '2025-11'}-01T09:00:00+09:00`,
    );
  }
  return b;
};

const ids = (lines: readonly ChargeLine[]) => lines.map((l) => [l.id, l.amount]);
const adjustments = (lines: readonly ChargeLine[]) => lines.filter((l) => l.kind === 'adjustment');
const eventIdsOf = async (b: BillingLedger, stream: string, types: string[]) => {
  const r = await b.store.readStream(stream);
  return r.status === 'found' ? r.events.filter((e) => types.includes(e.type)).map((e) => e.id) : [];
};

/** For every closed month: invoiced + every adjustment of it (invoiced since, or owed) = recomputed now. */
const expectNothingLostOrCountedTwice = (b: BillingLedger, months: string[], openMonth: string) => {
  for (const m of months) {
    const invoiced = b.month(m).charges.lines.filter((l) => l.kind !== 'adjustment');
    const adjusted = [...months, openMonth]
      .flatMap((x) => adjustments(b.month(x).charges.lines))
      .filter((l) => l.formula.kind === 'adjustment' && l.formula.month === m);
    const truth = b.views.charges.monthChargeLines(m);
    const sum = (ls: readonly ChargeLine[]) => ls.reduce((s, l) => s + l.amount, 0);
    expect(sum(invoiced) + sum(adjusted)).toBe(sum(truth));
  }
};

describe('Art. 21: a reduction granted after the close of the outage month', () => {
  it('claimed in an open month: an ordinary reduction line of that month (Art. 21: billed in the month of the claim)', async () => {
    const b = await closedThrough('2025-09');
    // Known 2025-09-20 10:00, resolved 2025-09-23 10:00: 72 h unusable → 3 days (Annex 3).
    b.at('2025-09-23T12:00:00+09:00');
    await b.run(
      cmd('RecordOutageKnown', {
        contractId: 'c-br',
        outageId: 'out-1',
        knownAt: '2025-09-20T10:00:00+09:00',
        description: 'access router',
      }),
      cmd('ResolveOutage', {
        contractId: 'c-br',
        outageId: 'out-1',
        resolvedAt: '2025-09-23T10:00:00+09:00',
        cause: 'provider',
      }),
    );
    b.at('2025-10-10T12:00:00+09:00');
    await b.run(cmd('ClaimReduction', { contractId: 'c-br', outageId: 'out-1', claimedOn: '2025-10-10' }));
    // floor(3 × 18,000 / 30) = 1,800, in October: no closed month changed, nothing to adjust.
    const october = b.month('2025-10');
    expect(october.charges.lines.find((l) => l.kind === 'reduction')).toMatchObject({
      id: 'c-br:2025-10:reduction:out-1',
      amount: -1_800,
    });
    expect(adjustments(october.charges.lines)).toEqual([]);
    expect(b.views.closes.pending()).toEqual([]);
  });

  it('claimed in September but recorded after September was closed: a −1,800 adjustment in October', async () => {
    const b = await closedThrough('2025-09');
    const september = b.month('2025-09');
    // September invoiced: c-hq 30,000 + c-br 18,000, full months (Annex 1 §2).
    expect(september.charges.total).toBe(48_000);
    b.at('2025-09-23T12:00:00+09:00');
    await b.run(
      cmd('RecordOutageKnown', {
        contractId: 'c-br',
        outageId: 'out-1',
        knownAt: '2025-09-20T10:00:00+09:00',
        description: 'access router',
      }),
      cmd('ResolveOutage', {
        contractId: 'c-br',
        outageId: 'out-1',
        resolvedAt: '2025-09-23T10:00:00+09:00',
        cause: 'provider',
      }),
    );
    // The claim reached the provider on 2025-09-29, and the ledger on 2025-10-03, after the close.
    b.at('2025-10-03T12:00:00+09:00');
    await b.run(cmd('ClaimReduction', { contractId: 'c-br', outageId: 'out-1', claimedOn: '2025-09-29' }));

    // September stays as invoiced.
    expect(b.month('2025-09')).toEqual(september);
    // Recomputed, September bills the reduction: later of the claim (09-29) and the resolution (09-23)
    // is September; floor(floor(72 / 24) × 18,000 / 30) = floor(3 × 18,000 / 30) = 1,800 (Annex 3).
    expect(ids(b.views.charges.monthChargeLines('2025-09').filter((l) => l.kind === 'reduction'))).toEqual([
      ['c-br:2025-09:reduction:out-1', -1_800],
    ]);
    const [adj, ...more] = adjustments(b.month('2025-10').charges.lines);
    expect(more).toEqual([]);
    const [known, resolved, claimed] = await eventIdsOf(b, 'contract-c-br', [
      'OutageKnown',
      'OutageResolved',
      'ReductionClaimed',
    ]);
    expect(adj).toMatchObject({
      id: 'c-br:2025-10:adjustment:2025-09:reduction:out-1',
      kind: 'adjustment',
      month: '2025-10',
      billTo: 'acme-branch',
      period: { from: '2025-09-20', to: '2025-09-23' },
      // A line that did not exist at the close: its whole amount.
      amount: -1_800,
      article: 'Art. 21; Annex 3',
      policy: 'adjust-in-first-open-month',
      // The events behind the reduction that were behind nothing September invoiced.
      sources: [known, resolved, claimed],
      formula: {
        kind: 'adjustment',
        month: '2025-09',
        lineId: 'c-br:2025-09:reduction:out-1',
        recomputed: { amount: -1_800, formula: { kind: 'reduction', days: 3, fee: 18_000, amount: 1_800 } },
        invoiced: null,
        adjustedBefore: 0,
        amount: -1_800,
      },
      notes: [
        {
          kind: 'corrects-closed-month',
          month: '2025-09',
          closeId: b.views.closes.close('2025-09')!.closeId,
        },
      ],
    });
    expect(formulaText(adj!.formula)).toBe(
      '2025-09 reduction c-br:2025-09:reduction:out-1: recomputed -1,800 [floor(3 × 18,000 / 30) = 1,800] − invoiced 0 (no such line at the close) = -1,800',
    );
    // October: 48,000 of its own − 1,800 carried = 46,200.
    expect(b.month('2025-10').charges.total).toBe(46_200);
    expectNothingLostOrCountedTwice(b, ['2025-07', '2025-08', '2025-09'], '2025-10');
  });
});

describe('Art. 18: a termination notice recorded after the close of the month it takes effect in', () => {
  it('October shrinks (negative) and owes the settlement (its whole amount), both carried into November', async () => {
    const b = await closedThrough('2025-10');
    const october = b.month('2025-10');
    expect(october.charges.total).toBe(48_000);
    // The notice arrived on 2025-09-05 and reached the ledger on 2025-11-03, after October's close.
    b.at('2025-11-03T10:00:00+09:00');
    await b.run(
      cmd('ReceiveTerminationNotice', {
        contractId: 'c-br',
        noticeArrivedOn: '2025-09-05',
        requestedOn: null,
        ground: 'ordinary',
        evidenceRef: null,
      }),
    );
    const [notice] = await eventIdsOf(b, 'contract-c-br', ['TerminationNoticeReceived']);
    expect(b.month('2025-10')).toEqual(october);
    // Art. 18: effective the day 30 days elapse from 2025-09-05 = 2025-10-05, the last day billed.
    //  - October's basic fee: floor(18,000 × 5 / 31) = 2,903, invoiced 18,000: 2,903 − 18,000 = −15,097.
    //  - Art. 20(1), Annex 2: the 1-year term from 2025-07-01 ends 2026-06-30; the rest, 2025-10-06
    //    to 2026-06-30: floor(18,000 × 26 / 31) + 8 × 18,000 = 15,096 + 144,000 = 159,096, new: +159,096.
    const november = b.month('2025-11');
    expect(ids(adjustments(november.charges.lines))).toEqual([
      ['c-br:2025-11:adjustment:2025-10:early-termination', 159_096],
      ['c-br:2025-11:adjustment:2025-10:monthly-basic', -15_097],
    ]);
    const [settlement, shrunk] = adjustments(november.charges.lines);
    expect(shrunk).toMatchObject({
      period: { from: '2025-10-01', to: '2025-10-05' },
      sources: [notice],
      formula: {
        month: '2025-10',
        lineId: 'c-br:2025-10:monthly-basic',
        recomputed: {
          amount: 2_903,
          formula: { kind: 'monthly-fee', fee: 18_000, daysUsed: 5, daysInMonth: 31 },
        },
        invoiced: {
          amount: 18_000,
          formula: { kind: 'monthly-fee', fee: 18_000, daysUsed: 31, daysInMonth: 31 },
        },
      },
    });
    expect(formulaText(shrunk!.formula)).toBe(
      '2025-10 monthly-basic c-br:2025-10:monthly-basic: recomputed 2,903 [basic service: floor(18,000 × 5 / 31) = 2,903] − invoiced 18,000 [basic service: 18,000 (full month, 31/31 days)] = -15,097',
    );
    expect(settlement).toMatchObject({ sources: [notice], formula: { invoiced: null, amount: 159_096 } });
    // November's own lines: c-hq 30,000; c-br no longer billed (it ended in October).
    expect(ids(november.charges.lines.filter((l) => l.kind !== 'adjustment'))).toEqual([
      ['c-hq:2025-11:monthly-basic', 30_000],
    ]);
    // 30,000 − 15,097 + 159,096 = 173,999.
    expect(november.charges.total).toBe(173_999);
    expectNothingLostOrCountedTwice(b, ['2025-07', '2025-08', '2025-09', '2025-10'], '2025-11');

    // November's close invoices them: nothing is owed any more, and December carries nothing.
    const closed = await b.close('2025-11', '2025-12-01T09:00:00+09:00');
    expect(closed.close.total).toBe(173_999);
    expect(b.views.closes.pending()).toEqual([]);
    expect(adjustments(b.month('2025-12').charges.lines)).toEqual([]);
    expectNothingLostOrCountedTwice(b, ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11'], '2025-12');

    // The termination itself, recorded later, changes no amount: no new adjustment.
    b.at('2025-12-02T10:00:00+09:00');
    await b.run(cmd('TerminateContract', { contractId: 'c-br', effectiveOn: '2025-10-05' }));
    expect(b.views.closes.pending()).toEqual([]);
  });
});

describe('Art. 18: a late notice whose contract was billed beyond its end', () => {
  it('every month billed after the end is adjusted by minus its whole line, naming the notice, then the termination too', async () => {
    const b = await closedThrough('2025-10');
    await b.close('2025-11', '2025-12-01T09:00:00+09:00');
    b.at('2025-12-03T10:00:00+09:00');
    await b.run(
      cmd('ReceiveTerminationNotice', {
        contractId: 'c-br',
        noticeArrivedOn: '2025-09-05',
        requestedOn: null,
        ground: 'ordinary',
        evidenceRef: null,
      }),
    );
    const [notice] = await eventIdsOf(b, 'contract-c-br', ['TerminationNoticeReceived']);
    // Effective 2025-10-05 (Art. 18): November's 18,000 was billed for a contract that had ended.
    const gone = () =>
      adjustments(b.month('2025-12').charges.lines).find(
        (l) => l.id === 'c-br:2025-12:adjustment:2025-11:monthly-basic',
      );
    expect(gone()).toMatchObject({
      amount: -18_000,
      period: { from: '2025-11-01', to: '2025-11-30' },
      sources: [notice],
      formula: { recomputed: null, invoiced: { amount: 18_000 } },
    });
    expect(formulaText(gone()!.formula)).toBe(
      '2025-11 monthly-basic c-br:2025-11:monthly-basic: recomputed 0 (no such line now) − invoiced 18,000 [basic service: 18,000 (full month, 30/30 days)] = -18,000',
    );
    // The termination recorded: the end's events are now the notice and the termination.
    await b.run(cmd('TerminateContract', { contractId: 'c-br', effectiveOn: '2025-10-05' }));
    const [terminated] = await eventIdsOf(b, 'contract-c-br', ['ContractTerminated']);
    expect(gone()).toMatchObject({ amount: -18_000, sources: [notice, terminated] });
    expect(viewDigests(b.views)).toEqual(await rebuiltDigests(b.store));
    expectNothingLostOrCountedTwice(b, ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11'], '2025-12');
  });
});

describe('Art. 10(4), Annex 1 §3(3): a configuration job of a closed month, recorded late', () => {
  it('owes its whole fee as an adjustment in the first open month, billed to the parent holder', async () => {
    const b = await closedThrough('2025-10');
    b.at('2025-11-04T10:00:00+09:00');
    await b.run(
      cmd('InstructConfigurationChange', {
        contractId: 'c-br',
        jobId: 'job-1',
        instructedBy: 'acme',
        instructedAt: '2025-10-20T09:00:00+09:00',
        description: 'new VLAN',
      }),
      cmd('PerformConfigurationChange', {
        contractId: 'c-br',
        jobId: 'job-1',
        startedAt: '2025-10-21T20:30:00+09:00',
        itemIds: ['dev-c-br'],
      }),
    );
    const [instructed, performed] = await eventIdsOf(b, 'contract-c-br', [
      'ConfigurationChangeInstructed',
      'ConfigurationChangePerformed',
    ]);
    // Started 20:30 JST, outside 09:00-19:00: 1 device × 10,000 = 10,000, billed to acme, the parent
    // holder who instructed it (Art. 10(4)); October was closed without it.
    expect(b.month('2025-10').charges.total).toBe(48_000);
    const november = b.month('2025-11');
    expect(adjustments(november.charges.lines)).toEqual([
      expect.objectContaining({
        id: 'c-br:2025-11:adjustment:2025-10:config-change:job-1',
        billTo: 'acme',
        amount: 10_000,
        period: { from: '2025-10-21', to: '2025-10-21' },
        article: 'Art. 10(4); Annex 1 §3(3)',
        sources: [instructed, performed],
        formula: expect.objectContaining({
          lineId: 'c-br:2025-10:config-change:job-1',
          recomputed: expect.objectContaining({ amount: 10_000 }),
          invoiced: null,
        }),
      }),
    ]);
    expect(november.charges.totals).toEqual([
      { billTo: 'acme', amount: 40_000, lines: 2 },
      { billTo: 'acme-branch', amount: 18_000, lines: 1 },
    ]);
    expectNothingLostOrCountedTwice(b, ['2025-07', '2025-08', '2025-09', '2025-10'], '2025-11');

    // As the ledger knew it before the job was recorded, November carried nothing; after, it does.
    const model = new Reader({ store: b.store, views: b.views });
    const before = await model.month('2025-11', { knownAt: '2025-11-04T09:00:00+09:00' });
    expect(adjustments(before!.billed.charges.lines)).toEqual([]);
    const after = await model.month('2025-11', { knownAt: '2025-11-05T00:00:00+09:00' });
    expect(after!.billed.charges).toEqual(november.charges);
    // One contract's answer, from its streams and the closes' streams: the same adjustment.
    const one = await model.contractMonth('c-br', '2025-11', { knownAt: '2025-11-05T00:00:00+09:00' });
    expect(adjustments(one!.billed.charges.lines)).toEqual(adjustments(november.charges.lines));
    const viaViews = await model.contractMonth('c-br', '2025-11');
    expect(viaViews!.billed.charges.lines).toEqual(
      november.charges.lines.filter((l) => l.contractId === 'c-br'),
    );
  });
});

describe('a closed month reads exactly the lines it invoiced, whatever arrives later', () => {
  it('marked closed with its close id and time; the close decided on the views at the position it records', async () => {
    const b = await closedThrough('2025-09');
    const model = new Reader({ store: b.store, views: b.views });
    const close = b.views.closes.close('2025-09')!;
    // The close's lines are the month's lines as the ledger knew it at the position it records.
    const atClose = await model.month('2025-09', { knownAt: '2025-10-01T08:59:59+09:00' });
    expect(atClose!.billed.status).toBe('open');
    expect(b.month('2025-09').charges.lines).toEqual(atClose!.billed.charges.lines);
    // The network's 7 events and the closes of July and August: September's close reflects position 9.
    expect(close.seal.position).toEqual({ commit: '9', prepare: '9' });
    // Later facts of September change the recomputed month, never the closed one.
    b.at('2025-10-02T10:00:00+09:00');
    await b.run(
      cmd('RecordOneTimeCost', {
        contractId: 'c-hq',
        costId: 'trip-1',
        cost: 'travel',
        amount: 12_000,
        incurredOn: '2025-09-12',
        description: 'site visit',
      }),
    );
    const september = await model.month('2025-09');
    expect(september!.billed).toMatchObject({
      status: 'closed',
      close: { closeId: close.closeId, closedAt: '2025-10-01T09:00:00+09:00', closedBy: 'staff:sato' },
    });
    expect(september!.billed.charges.lines).toEqual(atClose!.billed.charges.lines);
    // As effective on a date, the month is recomputed, and says so.
    const recomputed = await model.month('2025-09', { asOf: '2025-09-30' });
    expect(recomputed!.billed).toMatchObject({ status: 'closed', recomputed: true });
    expect(recomputed!.billed.charges.total).toBe(60_000);
  });

  it('a repeat of the close is answered as a repeat; another close of the month is answered with the close that exists', async () => {
    const b = await closedThrough('2025-08');
    const again = await b.tryClose(
      { type: 'CloseMonth', commandId: 'close-2025-08', actor: 'staff:sato', data: { month: '2025-08' } },
      '2025-12-01T00:00:00Z',
    );
    expect(again).toMatchObject({
      status: 'accepted',
      repeated: true,
      close: { closedAt: '2025-09-01T09:00:00+09:00' },
    });
    const other = await b.tryClose(
      { type: 'CloseMonth', commandId: 'close-again', actor: 'staff:sato', data: { month: '2025-08' } },
      '2025-12-01T00:00:00Z',
    );
    // Closed already: answered with the close that exists (by whom, when), nothing written.
    expect(other).toMatchObject({
      status: 'accepted',
      repeated: true,
      alreadyClosed: true,
      commandId: 'close-again',
      close: { closedAt: '2025-09-01T09:00:00+09:00', closedBy: 'staff:sato', commandId: 'close-2025-08' },
    });
    // Another actor's close-2025-08 is another command: the month is closed, and it is told so.
    const theirs = await b.tryClose(
      { type: 'CloseMonth', commandId: 'close-2025-08', actor: 'staff:other', data: { month: '2025-08' } },
      '2025-12-01T00:00:00Z',
    );
    expect(theirs).toMatchObject({
      status: 'accepted',
      alreadyClosed: true,
      close: { closedBy: 'staff:sato' },
    });
    const crossed = await b.tryClose(
      { type: 'CloseMonth', commandId: 'close-2025-08', actor: 'staff:sato', data: { month: '2025-09' } },
      '2025-12-01T00:00:00Z',
    );
    expect(crossed).toMatchObject({ status: 'rejected', code: 'COMMAND_ID_REUSED' });
    const bad = await b.tryClose(
      { type: 'CloseMonth', commandId: 'x', actor: 'staff:sato', data: { month: '2025-13' } },
      '2025-12-01T00:00:00Z',
    );
    expect(bad).toMatchObject({ status: 'rejected', code: 'INVALID_COMMAND' });
    // Nothing was written: the network's 7 events and the two closes.
    expect(await b.store.headPosition()).toEqual({ commit: 9n, prepare: 9n });
  });
});
