import type { EventData } from '../../src/events';
import { foldFacts, reductions } from '../../src/projections';
import { claimReasonText } from '../../src/render/timeline';
import { application, LedgerLog } from '../support/ledger-events';

type Outage = {
  id: string;
  knownAt: string;
  /** The window the decider recorded; JUNE_1 for the outages known 2025-06-01 10:00. */
  claimWindow?: EventData<'OutageKnown'>['claimWindow'];
  resolved?: { at: string; cause: EventData<'OutageResolved'>['cause'] };
  claims?: string[];
};

/**
 * Known 2025-06-01 10:00 → 24 h reached 2025-06-02 10:00, so a claim could first be made on
 * 06-02; 3 months elapse from 06-02 (first counted day 06-03, Civil Code art. 140) on 09-02.
 */
const JUNE_1: EventData<'OutageKnown'>['claimWindow'] = {
  reachedAt: '2025-06-02T10:00:00+09:00',
  firstClaimableOn: '2025-06-02',
  lastClaimableOn: '2025-09-02',
  lastClaimableShiftedFrom: null,
};

const build = (outages: Outage[]) => {
  const log = new LedgerLog();
  const c = log.contract('c-700');
  c.add(
    'ApplicationAccepted',
    application({ contractId: 'c-700', acceptedOn: '2025-03-01', monthlyFee: 12_345 }),
  );
  c.add('BillingStarted', { outagesCounted: [], billingStartOn: '2025-04-01' });
  for (const o of outages) {
    if (!o.claimWindow && o.knownAt !== '2025-06-01T10:00:00+09:00')
      throw new Error(`${o.id}: give its window`);
    c.add('OutageKnown', {
      countedFrom: o.knownAt,
      outageId: o.id,
      knownAt: o.knownAt,
      description: 'down',
      claimWindow: o.claimWindow ?? JUNE_1,
    });
    if (o.resolved)
      c.add('OutageResolved', { outageId: o.id, resolvedAt: o.resolved.at, cause: o.resolved.cause });
    for (const claimedOn of o.claims ?? []) c.add('ReductionClaimed', { outageId: o.id, claimedOn });
  }
  return foldFacts(log.events);
};

describe('reductions (Art. 21, Annex 3)', () => {
  const facts = build([
    // 48 h, provider's fault, claimed in time: 2 days → floor(2 × 12,345 / 30) = floor(823) = 823.
    {
      id: 'ok',
      knownAt: '2025-06-01T10:00:00+09:00',
      resolved: { at: '2025-06-03T10:00:00+09:00', cause: 'provider' },
      claims: ['2025-06-05'],
    },
    {
      id: 'third',
      knownAt: '2025-06-01T10:00:00+09:00',
      resolved: { at: '2025-06-03T10:00:00+09:00', cause: 'third-party' },
      claims: ['2025-06-05'],
    },
    {
      id: 'short',
      knownAt: '2025-06-01T10:00:00+09:00',
      resolved: { at: '2025-06-02T09:59:59+09:00', cause: 'provider' },
      claims: ['2025-06-05'],
    },
    // Claimed the same day it became known: before 24 h were reached (2025-06-02).
    {
      id: 'early',
      knownAt: '2025-06-01T10:00:00+09:00',
      resolved: { at: '2025-06-03T10:00:00+09:00', cause: 'provider' },
      claims: ['2025-06-01'],
    },
    {
      id: 'late',
      knownAt: '2025-06-01T10:00:00+09:00',
      resolved: { at: '2025-06-03T10:00:00+09:00', cause: 'provider' },
      claims: ['2025-09-03'],
    },
    { id: 'open', knownAt: '2025-06-01T10:00:00+09:00', claims: ['2025-06-05'] },
    {
      id: 'unclaimed',
      knownAt: '2025-06-01T10:00:00+09:00',
      resolved: { at: '2025-06-03T10:00:00+09:00', cause: 'provider' },
    },
  ]);
  const byId = Object.fromEntries(reductions(facts).map((r) => [r.outageId, r]));

  it('grants a claim in the window and computes the hours, days and amount', () => {
    expect(byId.ok).toMatchObject({
      status: 'granted',
      unusableHours: 48,
      qualifyingDays: 2,
      amount: 823,
      billedIn: '2025-06',
      window: { firstClaimableOn: '2025-06-02', lastClaimableOn: '2025-09-02' },
    });
  });

  it.each([
    ['third', /not the provider's fault \(cause: third-party\)/],
    ['short', /unusable for 23 h, under the 24 consecutive hours/],
    ['early', /before the claim could first be made on 2025-06-02/],
    ['late', /after the last day to claim 2025-09-02.*right was lost/],
  ])('refuses the %s claim and says why', (id, reason) => {
    expect(byId[id]).toMatchObject({ status: 'refused', amount: 0, billedIn: null });
    expect(claimReasonText('en', byId[id]!.reason)).toMatch(reason);
  });

  it('keeps a claim on an unresolved outage pending, and grants it on resolution', () => {
    expect(byId.open).toMatchObject({ status: 'pending', unusableHours: null });
    expect(claimReasonText('en', byId.open!.reason)).toMatch(/not yet resolved/);
    const resolved = build([
      {
        id: 'open',
        knownAt: '2025-06-01T10:00:00+09:00',
        resolved: { at: '2025-07-02T10:00:00+09:00', cause: 'provider' },
        claims: ['2025-06-05'],
      },
    ]);
    // 31 days; billed in July, when the amount became known: floor(31 × 12,345 / 30) = 12,756.
    expect(reductions(resolved)[0]).toMatchObject({ status: 'granted', amount: 12_756, billedIn: '2025-07' });
  });

  it('reports an outage nobody claimed for, with its window', () => {
    expect(byId.unclaimed).toMatchObject({ status: 'unclaimed', amount: 0 });
    expect(claimReasonText('en', byId.unclaimed!.reason)).toMatch(/from 2025-06-02 to 2025-09-02/);
  });

  it('as effective on a date, judges only the claims made by then', () => {
    expect(reductions(facts, { asOf: '2025-06-04' }).find((r) => r.outageId === 'ok')?.status).toBe(
      'unclaimed',
    );
  });
});

describe('reductions judge a claim by the window the decider recorded (decided once)', () => {
  // Known 2025-05-02 10:00 → reached 05-03 10:00; 3 months elapse from 05-03 on 08-03, a Sunday:
  // the outage was recorded under Civil Code art. 142, which moved the last day to Monday 08-04.
  const shifted = {
    reachedAt: '2025-05-03T10:00:00+09:00',
    firstClaimableOn: '2025-05-03',
    lastClaimableOn: '2025-08-04',
    lastClaimableShiftedFrom: '2025-08-03',
  };
  const facts = build([
    {
      id: 'monday',
      knownAt: '2025-05-02T10:00:00+09:00',
      claimWindow: shifted,
      resolved: { at: '2025-05-04T10:00:00+09:00', cause: 'provider' },
      claims: ['2025-08-04'],
    },
  ]);

  it('grants a claim on the Monday the window was moved to, and says why', () => {
    const [a] = reductions(facts);
    expect(a).toMatchObject({
      status: 'granted',
      window: { lastClaimableOn: '2025-08-04', lastClaimableShiftedFrom: '2025-08-03' },
    });
  });
});
