import { billing, investigate, P, PROTO_IDS, reportFault, resolveFault, terminated } from './fixtures';
import { given, type World } from './support';

const contract = (world: World) => {
  const c = world.contract(P);
  if (c.status === 'none') throw new Error('not accepted');
  return c;
};

const replacement = { itemId: 'P1-D5', kind: 'vpn-device' as const, model: 'Cisco ISR 4351' };

describe('Art. 15(1) the contractor reports a fault', () => {
  it('records the report', () =>
    given(...billing())
      .when(reportFault())
      .then([
        {
          type: 'FaultReported',
          data: {
            faultId: 'F1',
            itemId: 'P1-D1',
            reportedAt: '2025-05-01T08:00:00+09:00',
            description: 'No link on WAN port',
          },
        },
      ]));

  it('refuses a fault of an item the contract does not have', () =>
    given(...billing())
      .when(reportFault({ itemId: 'C1-D1' }))
      .thenRejects('ITEM_NOT_FOUND', 'Art. 15(1)'));

  it('refuses a second open fault of the same item', () =>
    given(...billing(reportFault()))
      .when(reportFault({ faultId: 'F2' }))
      .thenRejects('FAULT_ALREADY_OPEN', 'Art. 15(1)'));

  it('refuses a fault id used before', () =>
    given(...billing(reportFault(), investigate(), resolveFault()))
      .when(reportFault())
      .thenRejects('FAULT_EXISTS', 'Art. 15(1)'));

  it('refuses a fault after the contract ended', () =>
    given(...terminated())
      .when(reportFault({ reportedAt: '2025-08-01T10:00:00+09:00' }))
      .thenRejects('CONTRACT_TERMINATED', 'Art. 18'));
});

describe('Art. 15(2)(3) investigation, and who pays', () => {
  it('records a provider fault with no cost to the contractor', () =>
    given(...billing(reportFault()))
      .when(investigate())
      .then([
        {
          type: 'FaultInvestigated',
          data: { faultId: 'F1', outcome: 'provider-fault', quotedCost: null, investigatedOn: '2025-05-02' },
        },
      ]));

  it.each(['contractor-fault', 'no-fault-found'] as const)(
    'records the quoted cost when the outcome is %s',
    (outcome) =>
      given(...billing(reportFault()))
        .when(investigate({ outcome, quotedCost: 25000 }))
        .then([
          {
            type: 'FaultInvestigated',
            data: { faultId: 'F1', outcome, quotedCost: 25000, investigatedOn: '2025-05-02' },
          },
        ]),
  );

  it.each(['contractor-fault', 'no-fault-found'] as const)(
    'refuses %s without the quoted cost (Annex 1 §3(4))',
    (outcome) =>
      given(...billing(reportFault()))
        .when(investigate({ outcome, quotedCost: null }))
        .thenRejects('QUOTED_COST_REQUIRED', 'Art. 15(3)'),
  );

  it.each(['provider-fault', 'minor-handled-by-contractor'] as const)(
    'refuses a cost to the contractor for %s',
    (outcome) =>
      given(...billing(reportFault()))
        .when(investigate({ outcome, quotedCost: 1000 }))
        .thenRejects('QUOTED_COST_NOT_OWED', 'Art. 15(3)'),
  );

  it('refuses an investigation before the report (by its Japan date)', () =>
    given(...billing(reportFault({ reportedAt: '2025-05-01T16:00:00Z' })))
      .when(investigate({ investigatedOn: '2025-05-01' }))
      .thenRejects('INVESTIGATION_BEFORE_REPORT', 'Art. 15(2)'));

  it('refuses a second investigation', () =>
    given(...billing(reportFault(), investigate()))
      .when(investigate({ investigatedOn: '2025-05-03' }))
      .thenRejects('FAULT_ALREADY_INVESTIGATED', 'Art. 15(2)'));

  it('refuses an investigation of an unknown fault', () =>
    given(...billing())
      .when(investigate())
      .thenRejects('FAULT_NOT_FOUND', 'Art. 15(1)'));
});

describe('Art. 15(2) repair, replacement, or the contractor handles a minor fault', () => {
  it('records a repair', () =>
    given(...billing(reportFault(), investigate()))
      .when(resolveFault())
      .then([
        {
          type: 'FaultResolved',
          data: { faultId: 'F1', resolution: 'repaired', replacement: null, resolvedOn: '2025-05-03' },
        },
      ]));

  it('swaps a replaced unit: the replacement is in use, the faulty one goes back', () =>
    given(...billing(reportFault(), investigate()))
      .when(resolveFault({ resolution: 'replaced', replacement }))
      .then(
        [
          {
            type: 'FaultResolved',
            data: { faultId: 'F1', resolution: 'replaced', replacement, resolvedOn: '2025-05-03' },
          },
        ],
        (world) => {
          const c = contract(world);
          expect(c.equipment.get('P1-D1')).toMatchObject({
            status: 'owed',
            owedReason: 'fault-replacement',
            owedFrom: '2025-05-03',
          });
          expect(c.equipment.get('P1-D5')).toMatchObject({ status: 'held', model: 'Cisco ISR 4351' });
        },
      ));

  it('refuses a replacement without the replacement unit', () =>
    given(...billing(reportFault(), investigate()))
      .when(resolveFault({ resolution: 'replaced' }))
      .thenRejects('REPLACEMENT_REQUIRED', 'Art. 15(2)'));

  it('refuses a replacement of another model: that would be a model change', () =>
    given(...billing(reportFault(), investigate()))
      .when(
        resolveFault({ resolution: 'replaced', replacement: { ...replacement, model: 'Cisco ASR 1001-X' } }),
      )
      .thenRejects('REPLACEMENT_MISMATCH', 'Art. 9(1)'));

  it('refuses a replacement unit for a repair', () =>
    given(...billing(reportFault(), investigate()))
      .when(resolveFault({ replacement }))
      .thenRejects('REPLACEMENT_NOT_EXPECTED', 'Art. 15(2)'));

  it('lets the contractor handle a minor fault on instruction', () =>
    given(...billing(reportFault(), investigate({ outcome: 'minor-handled-by-contractor' })))
      .when(resolveFault({ resolution: 'handled-by-contractor' }))
      .then([
        expect.objectContaining({
          type: 'FaultResolved',
          data: expect.objectContaining({ resolution: 'handled-by-contractor' }),
        }),
      ]));

  it('refuses to leave a fault that is not minor to the contractor', () =>
    given(...billing(reportFault(), investigate()))
      .when(resolveFault({ resolution: 'handled-by-contractor' }))
      .thenRejects('NOT_A_MINOR_FAULT', 'Art. 15(2)'));

  it('refuses a resolution before the investigation', () =>
    given(...billing(reportFault()))
      .when(resolveFault())
      .thenRejects('FAULT_NOT_INVESTIGATED', 'Art. 15(2)'));

  it('refuses a resolution dated before the investigation', () =>
    given(...billing(reportFault(), investigate()))
      .when(resolveFault({ resolvedOn: '2025-05-01' }))
      .thenRejects('RESOLUTION_BEFORE_INVESTIGATION', 'Art. 15(2)'));

  it('refuses a second resolution', () =>
    given(...billing(reportFault(), investigate(), resolveFault()))
      .when(resolveFault({ resolvedOn: '2025-05-04' }))
      .thenRejects('FAULT_ALREADY_RESOLVED', 'Art. 15(2)'));
});

describe('Issue 15: fault ids named after object properties', () => {
  it.each(PROTO_IDS)(
    'reports, investigates and resolves fault %s, then refuses the id again (FAULT_EXISTS)',
    (id) => {
      given(...billing())
        .when(reportFault({ faultId: id }))
        .then([
          expect.objectContaining({ type: 'FaultReported', data: expect.objectContaining({ faultId: id }) }),
        ]);
      given(...billing(reportFault({ faultId: id }), investigate({ faultId: id })))
        .when(resolveFault({ faultId: id }))
        .then([
          expect.objectContaining({ type: 'FaultResolved', data: expect.objectContaining({ faultId: id }) }),
        ]);
      given(...billing(reportFault({ faultId: id })))
        .when(reportFault({ faultId: id }))
        .thenRejects('FAULT_EXISTS', 'Art. 15(1)');
    },
  );

  it.each(PROTO_IDS)(
    'refuses to resolve fault %s that was never reported (FAULT_NOT_FOUND, not a crash)',
    (id) =>
      given(...billing())
        .when(resolveFault({ faultId: id }))
        .thenRejects('FAULT_NOT_FOUND', 'Art. 15(1)'),
  );

  it.each(PROTO_IDS)('replaces a faulty unit with a new item %s', (id) =>
    given(...billing(reportFault(), investigate()))
      .when(resolveFault({ resolution: 'replaced', replacement: { ...replacement, itemId: id } }))
      .then([expect.objectContaining({ type: 'FaultResolved' })], (world) =>
        expect(contract(world).equipment.get(id)?.status).toBe('held'),
      ),
  );
});
