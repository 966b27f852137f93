import { DEFAULT_TERMS_CONFIG } from '../../src/aggregates';
import {
  acceptChild,
  acceptParent,
  addOption,
  billing,
  C,
  instruct,
  P,
  registerNetwork,
  startBilling,
  startOptionBilling,
  stopOption,
  terminate,
  terminated,
  terminationNotice,
} from './fixtures';
import { given, givenWith, historyWith, type World } from './support';

const contract = (world: World, id = P) => {
  const c = world.contract(id);
  if (c.status === 'none') throw new Error('not accepted');
  return c;
};

describe('Art. 18 termination takes effect on the later of 30 days after the notice and the requested day', () => {
  it('fixes the effective day 30 days after the notice arrives', () =>
    given(...billing())
      .when(terminationNotice())
      .then([
        {
          type: 'TerminationNoticeReceived',
          data: {
            noticeArrivedOn: '2025-07-01',
            requestedOn: null,
            ground: 'ordinary',
            evidenceRef: null,
            effectiveOn: '2025-07-31',
            effectivePolicy: null,
            // Art. 14(3): 2025-07-31 + 30 days = 2025-08-30.
            returnDue: { on: '2025-08-30', shiftedFrom: null },
          },
        },
      ]));

  it('counts 30 days across a short month (arrival 2026-01-31 → 2026-03-02)', () =>
    given(...billing())
      .when(terminationNotice({ noticeArrivedOn: '2026-01-31' }))
      .then([expect.objectContaining({ data: expect.objectContaining({ effectiveOn: '2026-03-02' }) })]));

  it('takes a later requested day', () =>
    given(...billing())
      .when(terminationNotice({ requestedOn: '2025-12-31' }))
      .then([expect.objectContaining({ data: expect.objectContaining({ effectiveOn: '2025-12-31' }) })]));

  it('refuses a second notice, or a notice before the acceptance', () => {
    given(...billing(terminationNotice()))
      .when(terminationNotice())
      .thenRejects('TERMINATION_ALREADY_NOTIFIED', 'Art. 18');
    given(...billing())
      .when(terminationNotice({ noticeArrivedOn: '2025-03-01' }))
      .thenRejects('DATE_BEFORE_ACCEPTANCE', 'Art. 18');
  });

  it('terminates on the effective day: the site leaves the network', () =>
    given(...billing(terminationNotice()))
      .when(terminate())
      .then([
        { type: 'SiteLeft', data: { contractId: P, leftOn: '2025-07-31' } },
        { type: 'ContractTerminated', data: { effectiveOn: '2025-07-31' } },
      ]));

  it('terminates a child contract, and the network no longer counts it', () =>
    given(...billing(terminationNotice({ contractId: C })))
      .when(terminate({ contractId: C }))
      .then(
        [
          expect.objectContaining({ type: 'SiteLeft' }),
          expect.objectContaining({ type: 'ContractTerminated' }),
        ],
        (world) => {
          const n = world.network('N1');
          expect(n.status === 'registered' && n.members.get(C)?.leftOn).toBe('2025-07-31');
        },
      ));

  it('refuses a termination without notice, on another day, or twice', () => {
    given(...billing())
      .when(terminate())
      .thenRejects('NO_TERMINATION_NOTICE', 'Art. 18');
    given(...billing(terminationNotice()))
      .when(terminate({ effectiveOn: '2025-07-30' }))
      .thenRejects('TERMINATION_DATE_MISMATCH', 'Art. 18');
    given(...terminated())
      .when(terminate())
      .thenRejects('CONTRACT_TERMINATED', 'Art. 18');
  });

  it('terminates a contract that never started billing', () =>
    given(...billing(terminationNotice({ contractId: C })))
      .when(terminate({ contractId: C }))
      .then([
        expect.objectContaining({ type: 'SiteLeft' }),
        expect.objectContaining({ type: 'ContractTerminated' }),
      ]));

  it('refuses facts of the service dated after the termination takes effect', () => {
    given(...billing(terminationNotice()))
      .when(addOption({ addedOn: '2025-08-01' }))
      .thenRejects('DATE_AFTER_TERMINATION', 'Art. 18');
    given(...billing(terminationNotice()))
      .when(instruct({ instructedAt: '2025-07-31T15:00:00Z' }))
      .thenRejects('DATE_AFTER_TERMINATION', 'Art. 18');
  });

  it("owes an option's equipment from its own stop if it stopped before the contract ended", () =>
    given(
      ...billing(
        addOption(),
        startOptionBilling(),
        stopOption({ noticeArrivedOn: '2025-05-01' }),
        terminationNotice(),
      ),
    )
      .when(terminate())
      .then(
        [
          expect.objectContaining({ type: 'SiteLeft' }),
          expect.objectContaining({ type: 'ContractTerminated' }),
        ],
        (world) => {
          const c = contract(world);
          expect(c.equipment.get('P1-SFP1')).toMatchObject({
            status: 'owed',
            owedFrom: '2025-05-31',
            owedReason: 'option-stopped',
          });
          expect(c.equipment.get('P1-D1')).toMatchObject({
            status: 'owed',
            owedFrom: '2025-07-31',
            owedReason: 'termination',
          });
        },
      ));
});

describe('Art. 20(1) the ground of termination decides the settlement; the notice records it', () => {
  it.each(['general-terms-28-2', 'general-terms-28-3'] as const)(
    'records a %s termination with its evidence',
    (ground) =>
      given(...billing())
        .when(terminationNotice({ ground, evidenceRef: 'DOC-2025-001' }))
        .then([
          expect.objectContaining({ data: expect.objectContaining({ ground, evidenceRef: 'DOC-2025-001' }) }),
        ]),
  );

  it('refuses an exempt ground without evidence', () =>
    given(...billing())
      .when(terminationNotice({ ground: 'general-terms-28-2' }))
      .thenRejects('EVIDENCE_REQUIRED', 'Art. 20(1)'));
});

describe('General terms art. 28(2)/(3): the effective day is a named policy, recorded on the notice', () => {
  // Art. 18 governs a notice on the provider's form; a termination under the general terms' art. 28
  // paragraphs 2 or 3 is not settled by this text, so a deployment's policy decides.
  const named = { ...DEFAULT_TERMS_CONFIG, termination28: 'termination-28-effective-on-named-date' as const };
  const exempt = { ground: 'general-terms-28-2' as const, evidenceRef: 'DOC-1' };

  it('by default takes effect as Art. 18 says: arrival 07-01 + 30 days = 07-31, later than the named 07-10', () =>
    given(...billing())
      .when(terminationNotice({ ...exempt, requestedOn: '2025-07-10' }))
      .then([
        expect.objectContaining({
          data: expect.objectContaining({
            effectiveOn: '2025-07-31',
            effectivePolicy: 'termination-28-effective-by-art-18',
          }),
        }),
      ]));

  it('under the named-date policy takes effect on the day the notice names: 07-10, back by 07-10 + 30 = 08-09', () =>
    givenWith(named, ...billing())
      .when(terminationNotice({ ...exempt, requestedOn: '2025-07-10' }))
      .then([
        {
          type: 'TerminationNoticeReceived',
          data: {
            noticeArrivedOn: '2025-07-01',
            requestedOn: '2025-07-10',
            ground: 'general-terms-28-2',
            evidenceRef: 'DOC-1',
            effectiveOn: '2025-07-10',
            effectivePolicy: 'termination-28-effective-on-named-date',
            returnDue: { on: '2025-08-09', shiftedFrom: null },
          },
        },
      ]));

  it('never before the notice arrives: a named day before arrival, or none, means the arrival day 07-01', () => {
    givenWith(named, ...billing())
      .when(terminationNotice({ ...exempt, requestedOn: '2025-06-20' }))
      .then([expect.objectContaining({ data: expect.objectContaining({ effectiveOn: '2025-07-01' }) })]);
    givenWith(named, ...billing())
      .when(terminationNotice({ ground: 'general-terms-28-3', evidenceRef: 'DOC-2' }))
      .then([expect.objectContaining({ data: expect.objectContaining({ effectiveOn: '2025-07-01' }) })]);
  });

  it('leaves an ordinary notice to Art. 18 whatever the policy (no policy recorded)', () =>
    givenWith(named, ...billing())
      .when(terminationNotice({ requestedOn: '2025-07-10' }))
      .then([
        expect.objectContaining({
          data: expect.objectContaining({ effectiveOn: '2025-07-31', effectivePolicy: null }),
        }),
      ]));

  it('terminates on the recorded day, and on no other', () => {
    const noticed = historyWith(
      named,
      registerNetwork(),
      acceptParent(),
      acceptChild(),
      startBilling(),
      startBilling({ contractId: C }),
      terminationNotice({ ...exempt, requestedOn: '2025-07-10' }),
    );
    given(...noticed)
      .when(terminate({ effectiveOn: '2025-07-31' }))
      .thenRejects('TERMINATION_DATE_MISMATCH', 'Art. 18');
    given(...noticed)
      .when(terminate({ effectiveOn: '2025-07-10' }))
      .then([
        expect.objectContaining({ type: 'SiteLeft' }),
        { type: 'ContractTerminated', data: { effectiveOn: '2025-07-10' } },
      ]);
  });
});

describe('policy dates-within-supported-range: nothing is recorded whose dates the ledger cannot read', () => {
  it('refuses a notice arriving on 2199-12-31: its effective day would be 2200-01-30', () =>
    given(...billing())
      .when(terminationNotice({ noticeArrivedOn: '2199-12-31' }))
      .thenRejects('DATE_OUT_OF_RANGE', 'Policy dates-within-supported-range'));

  it('names the event, the field and the date, and records nothing', () => {
    const decision = given(...billing()).when(terminationNotice({ noticeArrivedOn: '2199-12-31' })).decision;
    expect(decision).toEqual({
      ok: false,
      rejection: expect.objectContaining({
        code: 'DATE_OUT_OF_RANGE',
        params: {
          event: 'TerminationNoticeReceived',
          path: 'effectiveOn',
          date: '2200-01-30',
          first: '2000-01-01',
          last: '2199-12-31',
        },
      }),
    });
  });

  it('refuses a notice whose effective day is in range but whose return deadline is not (Art. 14(3))', () =>
    given(...billing())
      .when(terminationNotice({ noticeArrivedOn: '2199-11-20' }))
      .thenRejects('DATE_OUT_OF_RANGE', 'Policy dates-within-supported-range'));

  it('takes a notice whose every date falls within the range', () =>
    given(...billing())
      .when(terminationNotice({ noticeArrivedOn: '2199-10-31' }))
      .then([
        expect.objectContaining({
          type: 'TerminationNoticeReceived',
          data: expect.objectContaining({
            effectiveOn: '2199-11-30',
            returnDue: { on: '2199-12-30', shiftedFrom: null },
          }),
        }),
      ]));
});
