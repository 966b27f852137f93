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
import { given, parses, recordedMonthlyFee, recordedTermStarts, type World } from './support';

const termStarts = (world: World, id = P) => recordedTermStarts(world, id);

describe('Art. 5(1) the minimum term starts on the billing start date', () => {
  it('starts billing and the first minimum term', () =>
    given(...accepted())
      .when(startBilling())
      .then(
        [{ type: 'BillingStarted', data: { outagesCounted: [], billingStartOn: '2025-04-15' } }],
        (world) => {
          expect(termStarts(world)).toEqual([
            { startOn: '2025-04-15', reason: 'billing-start', changeId: null },
          ]);
          // The projections compute its end; 1 year from 2025-04-15 counts that day (Art. 5).
          expect(minimumTermEnd('2025-04-15', 1)).toBe('2026-04-14');
        },
      ));

  it('starts billing on the acceptance date itself', () =>
    given(...accepted())
      .when(startBilling({ billingStartOn: '2025-04-01' }))
      .then([{ type: 'BillingStarted', data: { outagesCounted: [], billingStartOn: '2025-04-01' } }]));

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
              replaced: [{ oldItemId: 'P1-D1', newItemId: 'P1-D2', kind: 'vpn-device', optionId: null }],
              // Art. 14(3): 2025-06-20 + 30 days = 2025-07-20.
              returnDue: { on: '2025-07-20', shiftedFrom: null },
              beforeBillingStart: false,
              // Art. 5(2): the new model's billing start restarts the contract's term.
              restartsTerm: true,
              coldStandby: [],
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

  it('accepts a model change before billing has started: Art. 5(2) speaks of 「契約の期間中」', () =>
    given(...accepted())
      .when(acceptModelChange({ acceptedOn: '2025-04-05' }))
      .then([expect.objectContaining({ type: 'ModelChangeAccepted' })]));

  it("refuses a new model's billing start before the change was accepted", () =>
    given(...billing(acceptModelChange()))
      .when(completeModelChange({ billingStartOn: '2025-05-31' }))
      .thenRejects('MODEL_CHANGE_BEFORE_ACCEPTANCE', 'Art. 5(2)'));

  // Decided as of 2025-06-10, whenever recorded: MC1 (accepted 2025-06-01, billed from 2025-06-20)
  // was under way that day, so no second change could be accepted (terms stay in date order).
  it('refuses a change dated before the current model began billing: as of that day the first change was under way', () =>
    given(...billing(acceptModelChange(), completeModelChange()))
      .when(acceptModelChange({ changeId: 'MC2', toModel: 'Cisco ISR 4351', acceptedOn: '2025-06-10' }))
      .thenRejects('MODEL_CHANGE_IN_PROGRESS'));

  it('starts the first term of a contract whose network was registered long before', () =>
    given(...accepted())
      .when(startBilling({ contractId: C, billingStartOn: '2025-05-01' }))
      .then(
        [{ type: 'BillingStarted', data: { outagesCounted: [], billingStartOn: '2025-05-01' } }],
        (world) => expect(termStarts(world, C)).toHaveLength(1),
      ));
});

describe('Art. 5(1)(2), 9(1): a model change completed before billing starts sets no term of its own', () => {
  // Accepted 2025-04-01; the ASR 1001-X replaces the ISR 4351 on 2025-04-10, before billing.
  const before = [
    acceptModelChange({ acceptedOn: '2025-04-05' }),
    completeModelChange({ billingStartOn: '2025-04-10' }),
  ];

  it('records that it came before the billing start; the new model and fee are in place, no term yet', () =>
    given(...accepted(before[0]!))
      .when(before[1]!)
      .then(
        [
          {
            type: 'ModelChangeCompleted',
            data: {
              changeId: 'MC1',
              billingStartOn: '2025-04-10',
              replaced: [{ oldItemId: 'P1-D1', newItemId: 'P1-D2', kind: 'vpn-device', optionId: null }],
              // Art. 14(3): the old unit goes back by 2025-04-10 + 30 days = 2025-05-10.
              returnDue: { on: '2025-05-10', shiftedFrom: null },
              beforeBillingStart: true,
              // Before billing started: no term of its own (Art. 5(1)'s starts with the billing).
              restartsTerm: false,
              coldStandby: [],
            },
          },
        ],
        (world) => {
          const c = world.contract(P);
          expect(c.status !== 'none' && [c.deviceModel, recordedMonthlyFee(world, P)]).toEqual([
            'Cisco ASR 1001-X',
            30000,
          ]);
          expect(termStarts(world)).toEqual([]);
        },
      ));

  it('then the term of Art. 5(1) starts with billing, once', () =>
    given(...accepted(...before))
      .when(startBilling())
      .then([expect.objectContaining({ type: 'BillingStarted' })], (world) =>
        expect(termStarts(world)).toEqual([
          { startOn: '2025-04-15', reason: 'billing-start', changeId: null },
        ]),
      ));

  it('refuses a billing start before the change put the new model in place', () =>
    given(...accepted(...before))
      .when(startBilling({ billingStartOn: '2025-04-09' }))
      .thenRejects('BILLING_BEFORE_MODEL_CHANGE', 'Art. 5(1); Art. 9(1)'));

  it('restarts the term as usual when the change accepted before billing completes after it', () =>
    given(...accepted(before[0]!, startBilling()))
      .when(completeModelChange({ billingStartOn: '2025-05-01' }))
      .then(
        [expect.objectContaining({ data: expect.objectContaining({ beforeBillingStart: false }) })],
        (world) =>
          expect(termStarts(world).map((t) => [t.startOn, t.reason])).toEqual([
            ['2025-04-15', 'billing-start'],
            ['2025-05-01', 'model-change'],
          ]),
      ));
});
