import { billing, measure, PROTO_IDS, propose, terminated } from './fixtures';
import { given } from './support';

describe('Art. 23 the provider measures traffic and may propose a change', () => {
  it('records a measurement', () =>
    given(...billing())
      .when(measure())
      .then([
        {
          type: 'TrafficMeasured',
          data: { measurementId: 'T1', measuredOn: '2025-05-01', peakUtilisationPercent: 97 },
        },
      ]));

  it('refuses a measurement id used before', () =>
    given(...billing(measure()))
      .when(measure())
      .thenRejects('MEASUREMENT_EXISTS', 'Art. 23'));

  it('proposes a change on the strength of a measurement', () =>
    given(...billing(measure()))
      .when(propose())
      .then([
        {
          type: 'ContractChangeProposed',
          data: {
            proposalId: 'PR1',
            measurementId: 'T1',
            proposedOn: '2025-05-05',
            proposal: 'Move to dual-star dual-edge',
          },
        },
      ]));

  it('refuses a proposal without a measurement', () =>
    given(...billing())
      .when(propose())
      .thenRejects('MEASUREMENT_NOT_FOUND', 'Art. 23'));

  it('refuses a proposal before its measurement, and a proposal id used before', () => {
    given(...billing(measure()))
      .when(propose({ proposedOn: '2025-04-30' }))
      .thenRejects('PROPOSAL_BEFORE_MEASUREMENT', 'Art. 23');
    given(...billing(measure(), propose()))
      .when(propose())
      .thenRejects('PROPOSAL_EXISTS', 'Art. 23');
  });

  it('measures nothing after the end', () =>
    given(...terminated())
      .when(measure({ measuredOn: '2025-08-05' }))
      .thenRejects('CONTRACT_TERMINATED', 'Art. 18'));
});

describe('Issue 15: measurement and proposal ids named after object properties', () => {
  it.each(PROTO_IDS)('records measurement %s and proposal the same id, then refuses both ids again', (id) => {
    given(...billing())
      .when(measure({ measurementId: id }))
      .then([expect.objectContaining({ type: 'TrafficMeasured' })]);
    given(...billing(measure({ measurementId: id })))
      .when(propose({ measurementId: id, proposalId: id }))
      .then([expect.objectContaining({ type: 'ContractChangeProposed' })]);
    given(...billing(measure({ measurementId: id })))
      .when(measure({ measurementId: id }))
      .thenRejects('MEASUREMENT_EXISTS', 'Art. 23');
    given(...billing(measure({ measurementId: id }), propose({ measurementId: id, proposalId: id })))
      .when(propose({ measurementId: id, proposalId: id }))
      .thenRejects('PROPOSAL_EXISTS', 'Art. 23');
  });

  it.each(PROTO_IDS)('refuses a proposal on measurement %s that was never taken', (id) =>
    given(...billing())
      .when(propose({ measurementId: id }))
      .thenRejects('MEASUREMENT_NOT_FOUND', 'Art. 23'),
  );
});
