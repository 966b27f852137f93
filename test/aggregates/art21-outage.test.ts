import { DEFAULT_TERMS_CONFIG } from '../../src/aggregates';
import {
  billing,
  claimReduction,
  outageKnown,
  PROTO_IDS,
  resolveOutage,
  terminate,
  terminated,
  terminationNotice,
} from './fixtures';
import { given, givenWith } from './support';

describe('Art. 21 outages: known, resolved', () => {
  it('records when the provider learned of the outage', () =>
    given(...billing())
      .when(outageKnown())
      .then([
        {
          type: 'OutageKnown',
          data: {
            countedFrom: '2025-05-01T10:00:00+09:00',
            outageId: 'U1',
            knownAt: '2025-05-01T10:00:00+09:00',
            description: 'Backbone router failure',
            // 24 h from 2025-05-01 10:00 → 2025-05-02 10:00; 3 months elapse from 05-02 (not counted,
            // Civil Code art. 140) → first counted day 05-03 → last day 2025-08-02 (art. 143).
            claimWindow: {
              reachedAt: '2025-05-02T10:00:00+09:00',
              firstClaimableOn: '2025-05-02',
              lastClaimableOn: '2025-08-02',
              lastClaimableShiftedFrom: null,
            },
          },
        },
      ]));

  it('refuses an outage id used before', () =>
    given(...billing(outageKnown()))
      .when(outageKnown())
      .thenRejects('OUTAGE_EXISTS', 'Art. 21'));

  it('records the resolution and its cause', () =>
    given(...billing(outageKnown()))
      .when(resolveOutage())
      .then([
        {
          type: 'OutageResolved',
          data: { outageId: 'U1', resolvedAt: '2025-05-03T12:00:00+09:00', cause: 'provider' },
        },
      ]));

  it('refuses a resolution at or before the moment the outage became known', () =>
    given(...billing(outageKnown()))
      .when(resolveOutage({ resolvedAt: '2025-05-01T01:00:00Z' }))
      .thenRejects('OUTAGE_RESOLVED_BEFORE_KNOWN', 'Art. 21'));

  it('refuses a second resolution, and a resolution of an unknown outage', () => {
    given(...billing(outageKnown(), resolveOutage()))
      .when(resolveOutage())
      .thenRejects('OUTAGE_ALREADY_RESOLVED', 'Art. 21');
    given(...billing())
      .when(resolveOutage())
      .thenRejects('OUTAGE_NOT_FOUND', 'Art. 21');
  });

  it('resolves after the end an outage that began during the contract', () =>
    given(...billing(outageKnown({ knownAt: '2025-07-30T10:00:00+09:00' }), terminationNotice(), terminate()))
      .when(resolveOutage({ resolvedAt: '2025-08-02T10:00:00+09:00' }))
      .then([expect.objectContaining({ type: 'OutageResolved' })]));

  it('refuses a new outage after the end', () =>
    given(...terminated())
      .when(outageKnown({ knownAt: '2025-08-02T10:00:00+09:00' }))
      .thenRejects('CONTRACT_TERMINATED', 'Art. 18'));
});

describe('Art. 21 the contractor claims the reduction', () => {
  it('records a claim for a resolved outage', () =>
    given(...billing(outageKnown(), resolveOutage()))
      .when(claimReduction())
      .then([{ type: 'ReductionClaimed', data: { outageId: 'U1', claimedOn: '2025-05-10' } }]));

  it('records a claim for an outage still going on once 24 hours were reached by the claim day', () =>
    given(...billing(outageKnown()))
      .when(claimReduction({ claimedOn: '2025-05-02' }))
      .then([expect.objectContaining({ type: 'ReductionClaimed' })]));

  it('refuses a claim before 24 hours were reached (by the Japan date of that moment)', () =>
    // Known at 2025-05-10 00:30 JST (15:30Z the day before): 24 h are reached on 2025-05-11 JST.
    given(...billing(outageKnown({ knownAt: '2025-05-09T15:30:00Z' })))
      .when(claimReduction({ claimedOn: '2025-05-10' }))
      .thenRejects('CLAIM_PREMATURE', 'Art. 21'));

  it('records a claim for an outage resolved under 24 hours: the reductions projection refuses it', () =>
    given(...billing(outageKnown(), resolveOutage({ resolvedAt: '2025-05-01T20:00:00+09:00' })))
      .when(claimReduction({ claimedOn: '2025-05-01' }))
      .then([expect.objectContaining({ type: 'ReductionClaimed' })]));

  it('records a late claim: the right is lost, which the projection decides', () =>
    given(...billing(outageKnown(), resolveOutage()))
      .when(claimReduction({ claimedOn: '2025-12-01' }))
      .then([expect.objectContaining({ type: 'ReductionClaimed' })]));

  it('refuses a claim after the end for an outage never recorded', () =>
    given(...terminated())
      .when(claimReduction())
      .thenRejects('OUTAGE_NOT_FOUND', 'Art. 21'));

  it('records a claim after the end for an outage of the contract life', () =>
    given(...billing(outageKnown(), resolveOutage(), terminationNotice(), terminate()))
      .when(claimReduction({ claimedOn: '2025-08-01' }))
      .then([expect.objectContaining({ type: 'ReductionClaimed' })]));

  it('refuses a second claim, a claim for an unknown outage, and a claim before the outage', () => {
    given(...billing(outageKnown(), resolveOutage(), claimReduction()))
      .when(claimReduction({ claimedOn: '2025-05-11' }))
      .thenRejects('REDUCTION_ALREADY_CLAIMED', 'Art. 21');
    given(...billing())
      .when(claimReduction())
      .thenRejects('OUTAGE_NOT_FOUND', 'Art. 21');
    given(...billing(outageKnown(), resolveOutage()))
      .when(claimReduction({ claimedOn: '2025-04-30' }))
      .thenRejects('CLAIM_BEFORE_OUTAGE', 'Art. 21');
  });
});

describe('Issue 15: outage ids named after object properties', () => {
  it.each(PROTO_IDS)(
    'records, resolves and claims outage %s, then refuses the id again (OUTAGE_EXISTS)',
    (id) => {
      given(...billing())
        .when(outageKnown({ outageId: id }))
        .then([expect.objectContaining({ type: 'OutageKnown' })]);
      given(...billing(outageKnown({ outageId: id }), resolveOutage({ outageId: id })))
        .when(claimReduction({ outageId: id }))
        .then([expect.objectContaining({ type: 'ReductionClaimed' })]);
      given(...billing(outageKnown({ outageId: id })))
        .when(outageKnown({ outageId: id }))
        .thenRejects('OUTAGE_EXISTS', 'Art. 21');
    },
  );

  it.each(PROTO_IDS)('refuses to resolve outage %s that was never recorded (OUTAGE_NOT_FOUND)', (id) =>
    given(...billing())
      .when(resolveOutage({ outageId: id }))
      .thenRejects('OUTAGE_NOT_FOUND', 'Art. 21'),
  );
});

describe('Art. 21 the claim window is decided once, when the outage becomes known', () => {
  it('moves a last day on a Sunday to the Monday under Art. 142, and records both days', () =>
    // Known 2025-05-02 10:00 → 24 h reached 05-03 10:00 → first claimable 05-03; 3 months elapse
    // from 05-03 (first counted day 05-04) on 08-03, a Sunday → Monday 08-04.
    givenWith(
      { ...DEFAULT_TERMS_CONFIG, holidayPolicy: { enabled: true, holidays: [], sundays: true } },
      ...billing(),
    )
      .when(outageKnown({ knownAt: '2025-05-02T10:00:00+09:00' }))
      .then([
        expect.objectContaining({
          data: expect.objectContaining({
            claimWindow: {
              reachedAt: '2025-05-03T10:00:00+09:00',
              firstClaimableOn: '2025-05-03',
              lastClaimableOn: '2025-08-04',
              lastClaimableShiftedFrom: '2025-08-03',
            },
          }),
        }),
      ]));

  it('judges a premature claim by the window the outage recorded', () =>
    // Known 2025-05-01 10:00: 24 hours are reached on 05-02, so a claim on 05-01 is premature.
    given(...billing(outageKnown(), resolveOutage()))
      .when(claimReduction({ claimedOn: '2025-05-01' }))
      .thenRejects('CLAIM_PREMATURE', 'Art. 21'));
});
