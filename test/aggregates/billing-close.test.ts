/**
 * The billing-month decider (policy close-months-in-order): given the month's stream and what the
 * views give at the close's position, when CloseMonth, then MonthClosed or a refusal.
 */

import {
  type BillingMonthState,
  billingDecider,
  type CloseContext,
  closeIdOf,
  type InvoicedLineData,
  ledgerIdOf,
} from '../../src/aggregates';
import { type BillingEvent, EventSchemas, type Seal } from '../../src/events';
import { rejectionMessage } from '../../src/render/rejections';
import { policyRef } from '../../src/terms/citation';

const SEAL: Seal = {
  schema: 'vpn-ledger.seal/v1',
  position: { commit: '64', prepare: '64' },
  events: 64,
  digest: 'a'.repeat(64),
  sealedAt: '2025-11-01T00:00:00.000Z',
  subject: { kind: 'on-demand' },
  algorithm: 'ed25519',
  keyId: 'b'.repeat(64),
  signature: 'c2lnbmVk',
};

const line = (id: string, billTo: string, amount: number): InvoicedLineData => ({
  id,
  contractId: id.split(':')[0]!,
  networkId: 'n-1',
  billTo,
  kind: 'monthly-basic',
  month: '2025-10',
  period: { from: '2025-10-01', to: '2025-10-31' },
  amount,
  article: 'Art. 19; Annex 1 §2(1)',
  policy: 'proration-by-days-floor',
  edition: '2024-08-01',
  sources: ['e-1'],
  formula: { kind: 'monthly-fee' },
  notes: [],
});

const LINES = [
  line('c-1:2025-10:monthly-basic', 'acme', 18_000),
  line('c-2:2025-10:monthly-basic', 'beta', 12_000),
  line('c-3:2025-10:monthly-basic', 'acme', -2_000),
];

/** The ledger's id the earlier closes recorded, and the one its first event would make. */
const LEDGER = 'f2b9c6a0-7a4e-5c1d-9e8f-0a1b2c3d4e5f';
const FROM_LOG = ledgerIdOf('d'.repeat(64));

const context = (over: Partial<CloseContext> & Partial<CloseContext['snapshot']> = {}): CloseContext => ({
  now: over.now ?? '2025-11-01T00:00:00+09:00',
  previousClosed: over.previousClosed ?? true,
  seal: over.seal ?? (() => SEAL),
  ledgerIdFromLog: over.ledgerIdFromLog ?? (() => FROM_LOG),
  snapshot: {
    lastClosed: over.lastClosed === undefined ? '2025-09' : over.lastClosed,
    firstMonth: over.firstMonth === undefined ? '2025-03' : over.firstMonth,
    lines: over.lines ?? LINES,
    ledgerId: over.ledgerId === undefined ? LEDGER : over.ledgerId,
  },
});

const closeOf = (month: string) => ({ type: 'CloseMonth' as const, data: { month } });

const given = (...events: BillingEvent[]) => ({
  when: (month: string, ctx: CloseContext = context()) => {
    const state = events.reduce<BillingMonthState>(
      (s, e) => billingDecider.evolve(s, e),
      billingDecider.initialState,
    );
    const decision = billingDecider.decide(closeOf(month), state, ctx);
    return {
      // biome-ignore lint/suspicious/noThenProperty: the spec vocabulary of the Decider pattern; never awaited
      then: (expected: BillingEvent[]) => {
        expect(decision).toEqual({ ok: true, events: expected });
        for (const e of expected) expect(EventSchemas[e.type].safeParse(e.data).success).toBe(true);
      },
      thenRejects: (code: string, message?: RegExp) => {
        expect(decision.ok).toBe(false);
        if (decision.ok) return;
        expect(decision.rejection).toMatchObject({ code, cite: [policyRef('close-months-in-order')] });
        if (message) expect(rejectionMessage('en', decision.rejection)).toMatch(message);
      },
    };
  },
});

const closedOctober: BillingEvent = {
  type: 'MonthClosed',
  data: {
    month: '2025-10',
    ledgerId: LEDGER,
    closeId: closeIdOf(LEDGER, '2025-10'),
    closedAt: '2025-11-02T09:00:00+09:00',
    firstMonth: false,
    lines: LINES,
    totals: [],
    total: 28_000,
    seal: SEAL,
  },
};

describe('CloseMonth: a month is closed once, after it has ended in Japan, in order', () => {
  it('records every line, the totals per contractor billed, the instant and the seal', () => {
    const seen: unknown[] = [];
    given()
      .when(
        '2025-10',
        context({
          seal: (c) => {
            seen.push(c);
            return SEAL;
          },
        }),
      )
      .then([
        {
          type: 'MonthClosed',
          data: {
            month: '2025-10',
            ledgerId: LEDGER,
            closeId: closeIdOf(LEDGER, '2025-10'),
            closedAt: '2025-11-01T00:00:00+09:00',
            firstMonth: false,
            lines: LINES,
            // acme: 18,000 − 2,000 = 16,000; beta: 12,000; in contractor id order.
            totals: [
              { billTo: 'acme', lines: 2, amount: 16_000 },
              { billTo: 'beta', lines: 1, amount: 12_000 },
            ],
            total: 28_000,
            seal: SEAL,
          },
        },
      ]);
    // The seal is made for the lines the close records, and their total.
    expect(seen).toEqual([{ month: '2025-10', lines: LINES, total: 28_000 }]);
  });

  it('waits for the month to end in Japan: 2025-10-31 23:59:59 JST (14:59:59 UTC) is still October', () => {
    given()
      .when('2025-10', context({ now: '2025-10-31T14:59:59.999Z' }))
      .thenRejects('MONTH_NOT_ENDED', /can be closed from 2025-11-01T00:00:00\+09:00/);
    // 00:00 JST on 1 November is 15:00 UTC on 31 October: the month has ended.
    expect(
      billingDecider.decide(
        closeOf('2025-10'),
        billingDecider.initialState,
        context({ now: '2025-10-31T15:00:00Z' }),
      ).ok,
    ).toBe(true);
  });

  it('refuses a second close of the month', () =>
    given(closedOctober)
      .when('2025-10')
      .thenRejects('MONTH_ALREADY_CLOSED', /closed at 2025-11-02T09:00:00\+09:00/));

  it('refuses a month out of order: the month after the last closed one comes next', () => {
    given()
      .when('2025-11', context({ now: '2025-12-01T00:00:00+09:00', previousClosed: false }))
      .thenRejects('MONTH_OUT_OF_ORDER', /Close 2025-10 first/);
    given()
      .when('2025-12', context({ now: '2026-01-05T00:00:00+09:00', previousClosed: false }))
      .thenRejects('MONTH_OUT_OF_ORDER', /Close 2025-10 first/);
    // A month before the last closed one was closed with it (or, before the first close, billed nothing).
    given()
      .when('2025-08')
      .thenRejects('MONTH_ALREADY_CLOSED', /not after the last closed month 2025-09/);
  });

  it("first close: only the ledger's first month, the month of its first charge line", () => {
    const first = context({ lastClosed: null, firstMonth: '2025-03', previousClosed: false });
    given()
      .when('2025-04', first)
      .thenRejects('MONTH_OUT_OF_ORDER', /Close 2025-03 first: it is the ledger's first month/);
    given()
      .when('2025-02', first)
      .thenRejects('MONTH_OUT_OF_ORDER', /first charge line is billed in 2025-03/);
    const d = billingDecider.decide(closeOf('2025-03'), billingDecider.initialState, first);
    expect(d.ok && d.events[0]!.data).toMatchObject({ month: '2025-03', firstMonth: true });
  });

  it('refuses to close a ledger that bills nothing yet', () =>
    given()
      .when('2025-10', context({ lastClosed: null, firstMonth: null, previousClosed: false }))
      .thenRejects('NOTHING_TO_CLOSE'));

  it('refuses while the views do not show the close of the month before (it owes the adjustments they work out)', () => {
    given()
      .when('2025-10', context({ lastClosed: '2025-08', previousClosed: true }))
      .thenRejects('VIEWS_BEHIND');
    given()
      .when('2025-03', context({ lastClosed: null, previousClosed: true }))
      .thenRejects('VIEWS_BEHIND');
  });

  it("records the ledger's id and the close's id made from it and the month: unique per ledger", () => {
    const data = (ctx: CloseContext, month = '2025-10') => {
      const d = billingDecider.decide(closeOf(month), billingDecider.initialState, ctx);
      if (!d.ok || d.events[0]?.type !== 'MonthClosed') throw new Error('not closed');
      return d.events[0].data;
    };
    // The first close of a ledger records the id its first event makes (the log's own).
    expect(
      data(context({ lastClosed: null, firstMonth: '2025-10', ledgerId: null, previousClosed: false })),
    ).toMatchObject({
      ledgerId: FROM_LOG,
      closeId: closeIdOf(FROM_LOG, '2025-10'),
    });
    // Later closes copy the id the closes before them recorded, whatever the log's first event says.
    expect(data(context({ ledgerIdFromLog: () => ledgerIdOf('e'.repeat(64)) }))).toMatchObject({
      ledgerId: LEDGER,
      closeId: closeIdOf(LEDGER, '2025-10'),
    });
    // The same month in another ledger, and another month in this one: other ids.
    const ids = new Set([
      closeIdOf(LEDGER, '2025-10'),
      closeIdOf(FROM_LOG, '2025-10'),
      closeIdOf(LEDGER, '2025-11'),
      ledgerIdOf('e'.repeat(64)),
    ]);
    expect(ids.size).toBe(4);
    expect(closeIdOf(LEDGER, '2025-10')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
