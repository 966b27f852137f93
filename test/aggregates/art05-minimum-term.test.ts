import { minimumTermEnd } from '../../src/terms/dates';
import {
  accepted,
  acceptModelChange,
  acceptParent,
  billing,
  C,
  completeModelChange,
  P,
  startBilling,
} from './fixtures';
import { given, parses, type World } from './support';

const termStarts = (world: World, id = P) => {
  const c = world.contract(id);
  if (c.status === 'none') throw new Error('not accepted');
  return c.minimumTermStarts;
};

describe('Art. 5(1) the minimum term starts on the billing start date', () => {
  it('starts billing and the first minimum term', () =>
    given(...accepted())
      .when(startBilling())
      .then([{ type: 'BillingStarted', data: { billingStartOn: '2025-04-15' } }], (world) => {
        expect(termStarts(world)).toEqual([
          { startOn: '2025-04-15', reason: 'billing-start', changeId: null },
        ]);
        // The projections compute its end; 1 year from 2025-04-15 counts that day (Art. 5).
        expect(minimumTermEnd('2025-04-15', 1)).toBe('2026-04-14');
      }));

  it('starts billing on the acceptance date itself', () =>
    given(...accepted())
      .when(startBilling({ billingStartOn: '2025-04-01' }))
      .then([{ type: 'BillingStarted', data: { billingStartOn: '2025-04-01' } }]));

  it('refuses a billing start before the acceptance (Art. 19)', () =>
    given(...accepted())
      .when(startBilling({ billingStartOn: '2025-03-31' }))
      .thenRejects('BILLING_BEFORE_ACCEPTANCE', 'Art. 19'));

  it('refuses a second billing start', () =>
    given(...billing())
      .when(startBilling({ billingStartOn: '2025-05-01' }))
      .thenRejects('BILLING_ALREADY_STARTED', 'Art. 19'));

  it('knows only terms of 1 or 3 years: a 2-year term does not even parse', () => {
    expect(parses(acceptParent({ termYears: 2 as 1 }))).toBe(false);
    expect(parses(acceptParent({ termYears: 3 }))).toBe(true);
  });
});

describe('Art. 5(2) a device-model change restarts the minimum term', () => {
  it('adds a term from the new model billing start, after the first one', () =>
    given(...billing(acceptModelChange()))
      .when(completeModelChange())
      .then(
        [
          {
            type: 'ModelChangeCompleted',
            data: {
              changeId: 'MC1',
              billingStartOn: '2025-06-20',
              replaced: [{ oldItemId: 'P1-D1', newItemId: 'P1-D2' }],
              // Art. 14(3): 2025-06-20 + 30 days = 2025-07-20.
              returnDue: { on: '2025-07-20', shiftedFrom: null },
            },
          },
        ],
        (world) =>
          expect(termStarts(world)).toEqual([
            { startOn: '2025-04-15', reason: 'billing-start', changeId: null },
            { startOn: '2025-06-20', reason: 'model-change', changeId: 'MC1' },
          ]),
      ));

  it('restarts as many times as the model changes, in date order', () =>
    given(
      ...billing(
        acceptModelChange({
          contractId: C,
          changeId: 'A',
          toModel: 'Cisco 892FSP',
          acceptedOn: '2025-05-01',
        }),
        completeModelChange({
          contractId: C,
          changeId: 'A',
          billingStartOn: '2025-05-10',
          newItemIds: ['C1-D2'],
        }),
        acceptModelChange({ contractId: C, changeId: 'B', toModel: 'Cisco 891FJ', acceptedOn: '2025-08-01' }),
      ),
    )
      .when(
        completeModelChange({
          contractId: C,
          changeId: 'B',
          billingStartOn: '2025-08-05',
          newItemIds: ['C1-D3'],
        }),
      )
      .then([expect.objectContaining({ type: 'ModelChangeCompleted' })], (world) =>
        expect(termStarts(world, C).map((t) => t.startOn)).toEqual([
          '2025-04-15',
          '2025-05-10',
          '2025-08-05',
        ]),
      ));

  it('refuses a model change before billing has started: there is no term to restart yet', () =>
    given(...accepted())
      .when(acceptModelChange())
      .thenRejects('BILLING_NOT_STARTED', 'Art. 5(2)'));

  it("refuses a new model's billing start before the change was accepted", () =>
    given(...billing(acceptModelChange()))
      .when(completeModelChange({ billingStartOn: '2025-05-31' }))
      .thenRejects('MODEL_CHANGE_BEFORE_ACCEPTANCE', 'Art. 5(2)'));

  it('refuses a change accepted before the current model began billing (terms stay in date order)', () =>
    given(...billing(acceptModelChange(), completeModelChange()))
      .when(acceptModelChange({ changeId: 'MC2', toModel: 'Cisco ISR 4351', acceptedOn: '2025-06-10' }))
      .thenRejects('MODEL_CHANGE_BEFORE_TERM_START', 'Art. 5(2)'));

  it('starts the first term of a contract whose network was registered long before', () =>
    given(...accepted())
      .when(startBilling({ contractId: C, billingStartOn: '2025-05-01' }))
      .then([{ type: 'BillingStarted', data: { billingStartOn: '2025-05-01' } }], (world) =>
        expect(termStarts(world, C)).toHaveLength(1),
      ));
});
