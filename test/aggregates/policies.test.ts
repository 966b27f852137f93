/**
 * The policy sets as ledger data (issue 24): staff adopt a set from a date (AdoptPolicies →
 * PoliciesAdopted on the `policies` stream), and every decision reads the set in force on its
 * fact's date (src/aggregates/policies/book.ts), whatever the environment of the machine.
 */

import type { DomainEvent } from '../../src/events';
import { billing, outageKnown, P, terminationNotice } from './fixtures';
import { command, given } from './support';

const adopt = (data: Record<string, unknown>) => command('AdoptPolicies', data as never);

/** Civil Code art. 142 switched on from `from`: Sundays are closed days. */
const sundaysClosedFrom = (from: string): DomainEvent => ({
  type: 'PoliciesAdopted',
  data: {
    from,
    settings: {
      holidayPolicy: { enabled: true, holidays: [], sundays: true },
      termination28: 'termination-28-effective-by-art-18',
      defaultChildSiteLimit: 1000,
      distinctLanSubnets: true,
    },
    catalogEditions: [],
    changed: ['holidayPolicy'],
    note: null,
  },
});

// Known 2025-05-02 10:00 → 24 h reached 2025-05-03 10:00 → the first day to claim is 2025-05-03;
// 3 months elapse from it (Civil Code art. 140: the first day not counted) on 2025-08-03, a Sunday.
const known = outageKnown({ knownAt: '2025-05-02T10:00:00+09:00' });
const windowOf = (lastClaimableOn: string, lastClaimableShiftedFrom: string | null) =>
  expect.objectContaining({
    type: 'OutageKnown',
    data: expect.objectContaining({
      claimWindow: expect.objectContaining({ lastClaimableOn, lastClaimableShiftedFrom }),
    }),
  });

describe('Civil Code art. 142 (policy deadline-shift) as a fact of the ledger', () => {
  it('given no adoption, then the last day to claim stays on Sunday 2025-08-03 (off by default)', () =>
    given(...billing())
      .when(known)
      .then([windowOf('2025-08-03', null)]));

  it('given the shift adopted from 2025-05-01, when an outage of 2025-05-02 is recorded, then the last day moves from Sunday 2025-08-03 to Monday 2025-08-04', () =>
    given(...billing(), sundaysClosedFrom('2025-05-01'))
      .when(known)
      .then([windowOf('2025-08-04', '2025-08-03')]));

  it('given the shift adopted only from 2025-06-01, then the outage of 2025-05-02 is decided by the set of its own date: no shift', () =>
    given(...billing(), sundaysClosedFrom('2025-06-01'))
      .when(known)
      .then([windowOf('2025-08-03', null)]));
});

describe('general-terms art. 28 date rule as a fact of the ledger', () => {
  // A notice under general terms 28(2) arriving 2025-07-01 that names 2025-07-10.
  const notice = terminationNotice({
    contractId: P,
    noticeArrivedOn: '2025-07-01',
    requestedOn: '2025-07-10',
    ground: 'general-terms-28-2',
    evidenceRef: 'letter-2025-07-01',
  });
  const effective = (effectiveOn: string, effectivePolicy: string) =>
    expect.objectContaining({
      type: 'TerminationNoticeReceived',
      data: expect.objectContaining({ effectiveOn, effectivePolicy }),
    });

  it('given the default, then it takes effect as Art. 18 says: the later of 2025-07-31 (30 days after arrival) and 2025-07-10', () =>
    given(...billing())
      .when(notice)
      .then([effective('2025-07-31', 'termination-28-effective-by-art-18')]));

  it('given the named-date rule adopted from 2025-06-01, then it takes effect on the named 2025-07-10', () => {
    const g = given(...billing());
    g.world.run(adopt({ from: '2025-06-01', termination28: 'termination-28-effective-on-named-date' }));
    g.when(notice).then([effective('2025-07-10', 'termination-28-effective-on-named-date')]);
  });
});

describe('AdoptPolicies: an audited adoption, never back-dated', () => {
  it('records the whole set in force from its date and what it changed', () =>
    given()
      .when(adopt({ from: '2026-02-01', distinctLanSubnets: false, note: 'customer asked' }))
      .then([
        {
          type: 'PoliciesAdopted',
          data: {
            from: '2026-02-01',
            settings: {
              holidayPolicy: { enabled: false },
              termination28: 'termination-28-effective-by-art-18',
              defaultChildSiteLimit: expect.any(Number),
              distinctLanSubnets: false,
            },
            catalogEditions: [],
            changed: ['distinctLanSubnets'],
            note: 'customer asked',
          },
        },
      ]));

  it('refuses a set that would govern from before the day it is recorded (POLICY_BACKDATED)', () => {
    const g = given();
    g.world.today = '2026-02-10';
    g.when(adopt({ from: '2026-02-01', distinctLanSubnets: false })).thenRejects('POLICY_BACKDATED');
  });

  it('refuses a set that changes nothing (POLICY_UNCHANGED)', () =>
    given()
      .when(adopt({ from: '2026-02-01', distinctLanSubnets: true }))
      .thenRejects('POLICY_UNCHANGED'));
});
