import { DEFAULT_TERMS_CONFIG } from '../../src/aggregates';
import { mergeCatalogs, parseCatalog, SHIPPED_CATALOG } from '../../src/terms/provider-catalog';
import { FILE_2026 } from '../support/catalog';
import {
  acceptChild,
  acceptModelChange,
  acceptParent,
  addOption,
  billing,
  C,
  completeModelChange,
  investigate,
  P,
  PROTO_IDS,
  registerNetwork,
  reportFault,
  requestContractChange,
  resolveFault,
  startBilling,
  startOptionBilling,
  stopOption,
} from './fixtures';
import {
  given,
  givenWith,
  history,
  inContract,
  recordedMonthlyFee,
  recordedTermStarts,
  told,
  type World,
} from './support';

const contract = (world: World, id = P) => {
  const c = world.contract(id);
  if (c.status === 'none') throw new Error('not accepted');
  return c;
};

const privateSwitch = [
  addOption({
    optionId: 'SW',
    option: 'private-switch',
    model: 'Cisco Catalyst 1000-24T-4G-L',
    equipmentItemIds: ['SW-1'],
    monthlyFee: 3000,
  }),
  startOptionBilling({ optionId: 'SW', billingStartOn: '2025-05-10' }),
];

const coldStandby = [
  addOption({
    contractId: C,
    optionId: 'CS',
    option: 'cold-standby',
    model: null,
    equipmentItemIds: ['CS-1'],
    monthlyFee: 2000,
  }),
  startOptionBilling({ contractId: C, optionId: 'CS', billingStartOn: '2025-05-10' }),
];

describe('Art. 9(1) the device model changes only as Annex 4 allows', () => {
  it('accepts an allowed change, quoting its one-time fee and the new monthly fee (Annex 1 §3(2))', () =>
    given(...billing())
      .when(acceptModelChange())
      .then([
        {
          type: 'ModelChangeAccepted',
          data: {
            coldStandbyStaying: [],
            changeId: 'MC1',
            target: { kind: 'device' },
            fromModel: 'Cisco ISR 4351',
            toModel: 'Cisco ASR 1001-X',
            fee: 50000,
            monthlyFee: 30000,
            acceptedOn: '2025-06-01',
            coldStandby: [],
            catalogEdition: '2024-08-01',
          },
        },
      ]));

  it('refuses a change Annex 4 does not list', () =>
    given(...billing())
      .when(acceptModelChange({ toModel: 'Cisco 891FJ' }))
      .thenRejects('MODEL_CHANGE_NOT_ALLOWED', 'Art. 9(1); Annex 4'));

  it('refuses a "change" to the same model', () =>
    given(...billing())
      .when(acceptModelChange({ toModel: 'Cisco ISR 4351' }))
      .thenRejects('MODEL_CHANGE_NOT_ALLOWED', 'Art. 9(1); Annex 4'));

  it('takes one change at a time', () =>
    given(...billing(acceptModelChange()))
      .when(acceptModelChange({ changeId: 'MC2' }))
      .thenRejects('MODEL_CHANGE_IN_PROGRESS', 'Art. 9(1)'));

  it('refuses a change id used before', () =>
    given(...billing(acceptModelChange(), completeModelChange()))
      .when(acceptModelChange({ toModel: 'Cisco ISR 4351', acceptedOn: '2025-07-01' }))
      .thenRejects('MODEL_CHANGE_EXISTS', 'Art. 9(1)'));

  it('completes the change: new units replace the old, which are owed back (Art. 14(3))', () =>
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
              restartsTerm: true,
              coldStandby: [],
            },
          },
        ],
        (world) => {
          const c = contract(world);
          expect(c.deviceModel).toBe('Cisco ASR 1001-X');
          expect(recordedMonthlyFee(world, P)).toBe(30000);
          expect(c.openModelChangeId).toBeNull();
          expect(c.equipment.get('P1-D1')).toMatchObject({
            status: 'owed',
            owedFrom: '2025-06-20',
            owedReason: 'model-change',
          });
          expect(c.equipment.get('P1-D2')).toMatchObject({
            status: 'held',
            kind: 'vpn-device',
            model: 'Cisco ASR 1001-X',
          });
        },
      ));

  it('replaces every device of a dual-star contract, one new id per unit (Art. 2)', () =>
    given(
      ...history(
        registerNetwork({
          networkId: 'N2',
          parentContractId: 'Q1',
          parentHolderId: 'H-Q',
          item: 'dual-star-dual-edge',
        }),
        acceptParent({
          contractId: 'Q1',
          networkId: 'N2',
          contractorId: 'H-Q',
          item: 'dual-star-dual-edge',
          deviceItemIds: ['Q1-D1', 'Q1-D2'],
        }),
        acceptChild({
          contractId: 'Q2',
          networkId: 'N2',
          item: 'dual-star-dual-edge',
          deviceItemIds: ['Q2-D1', 'Q2-D2'],
        }),
        startBilling({ contractId: 'Q1' }),
        acceptModelChange({ contractId: 'Q1' }),
      ),
    )
      .when(completeModelChange({ contractId: 'Q1', newItemIds: ['Q1-D3', 'Q1-D4'] }))
      .then([
        {
          type: 'ModelChangeCompleted',
          data: {
            changeId: 'MC1',
            billingStartOn: '2025-06-20',
            replaced: [
              { oldItemId: 'Q1-D1', newItemId: 'Q1-D3', kind: 'vpn-device', optionId: null },
              { oldItemId: 'Q1-D2', newItemId: 'Q1-D4', kind: 'vpn-device', optionId: null },
            ],
            // Art. 14(3): 2025-06-20 + 30 days = 2025-07-20.
            returnDue: { on: '2025-07-20', shiftedFrom: null },
            beforeBillingStart: false,
            restartsTerm: true,
            coldStandby: [],
          },
        },
      ]));

  it('refuses to complete a change that was never accepted', () =>
    given(...billing())
      .when(completeModelChange({ changeId: 'nope' }))
      .thenRejects('MODEL_CHANGE_NOT_FOUND', 'Art. 9(1)'));

  it('refuses a completion with a different number of new units', () =>
    given(...billing(acceptModelChange()))
      .when(completeModelChange({ newItemIds: ['P1-D2', 'P1-D3'] }))
      .thenRejects('MODEL_CHANGE_ITEM_COUNT', 'Art. 2'));

  it('refuses a new unit id already used in the contract', () =>
    given(...billing(acceptModelChange()))
      .when(completeModelChange({ newItemIds: ['P1-D1'] }))
      .thenRejects('DUPLICATE_ITEM_ID', 'Art. 12'));

  it('refuses to complete a change twice', () =>
    given(...billing(acceptModelChange(), completeModelChange()))
      .when(completeModelChange({ newItemIds: ['P1-D3'] }))
      .thenRejects('MODEL_CHANGE_ALREADY_COMPLETED', 'Art. 9(1)'));

  it('has no device model to change in a closed-monitoring contract', () =>
    given(
      ...billing(
        acceptChild({
          contractId: 'M1',
          item: 'closed-monitoring',
          deviceModel: null,
          deviceItemIds: [],
          lanSubnets: [],
        }),
      ),
    )
      .when(acceptModelChange({ contractId: 'M1' }))
      .thenRejects('NO_DEVICE_TO_CHANGE', 'Art. 2'));
});

describe('Art. 9(1) the private-switch model (Annex 4) and Art. 17(3) its fresh term', () => {
  it('changes the switch model and restarts the option term', () =>
    given(
      ...billing(
        ...privateSwitch,
        acceptModelChange({
          changeId: 'SW-MC',
          target: { kind: 'option', optionId: 'SW' },
          toModel: 'Cisco Catalyst 1000-48T-4G-L',
          monthlyFee: 3500,
        }),
      ),
    )
      .when(completeModelChange({ changeId: 'SW-MC', newItemIds: ['SW-2'] }))
      .then(
        [
          {
            type: 'ModelChangeCompleted',
            data: {
              changeId: 'SW-MC',
              billingStartOn: '2025-06-20',
              replaced: [{ oldItemId: 'SW-1', newItemId: 'SW-2', kind: 'switch', optionId: 'SW' }],
              // Art. 14(3): 2025-06-20 + 30 days = 2025-07-20.
              returnDue: { on: '2025-07-20', shiftedFrom: null },
              beforeBillingStart: false,
              // Art. 17(3) proviso: the switch's new model starts a fresh 1-year term.
              restartsTerm: true,
              coldStandby: [],
            },
          },
        ],
        (world) => {
          const c = contract(world);
          expect({ ...c.options.get('SW'), monthlyFee: recordedMonthlyFee(world, P, 'SW') }).toMatchObject({
            model: 'Cisco Catalyst 1000-48T-4G-L',
            monthlyFee: 3500,
            itemIds: ['SW-2'],
          });
          expect(recordedTermStarts(world, P, 'SW').map((t) => t.reason)).toEqual([
            'billing-start',
            'model-change',
          ]);
          // The contract's own term does not restart for a switch change.
          expect(recordedTermStarts(world, P)).toHaveLength(1);
          expect(c.equipment.get('SW-1')).toMatchObject({ status: 'owed', owedReason: 'model-change' });
        },
      ));

  it('refuses a switch change Annex 4 does not list', () =>
    given(...billing(...privateSwitch))
      .when(
        acceptModelChange({
          target: { kind: 'option', optionId: 'SW' },
          toModel: 'Cisco Catalyst 9300L-24T-4G-A',
        }),
      )
      .thenRejects('MODEL_CHANGE_NOT_ALLOWED', 'Art. 9(1); Annex 4'));

  it('refuses to change the model of an option that has none to change', () =>
    given(...billing(addOption(), startOptionBilling()))
      .when(acceptModelChange({ target: { kind: 'option', optionId: 'OPT1' } }))
      .thenRejects('OPTION_MODEL_NOT_CHANGEABLE', 'Art. 9(1)'));

  it('refuses a change of an unknown option', () =>
    given(...billing())
      .when(acceptModelChange({ target: { kind: 'option', optionId: 'GHOST' } }))
      .thenRejects('OPTION_NOT_FOUND', 'Art. 17(1)'));

  it('changes an option not yet billed; its term starts with its billing (Art. 17(3))', () => {
    const change = acceptModelChange({
      target: { kind: 'option', optionId: 'SW' },
      toModel: 'Cisco Catalyst 1000-48T-4G-L',
      acceptedOn: '2025-05-02',
    });
    const done = completeModelChange({ changeId: 'MC1', billingStartOn: '2025-05-05', newItemIds: ['SW-2'] });
    given(...billing(privateSwitch[0]!))
      .when(change)
      .then([expect.objectContaining({ type: 'ModelChangeAccepted' })]);
    given(...billing(privateSwitch[0]!, change))
      .when(done)
      .then(
        [expect.objectContaining({ data: expect.objectContaining({ beforeBillingStart: true }) })],
        (world) => expect(recordedTermStarts(world, P, 'SW')).toEqual([]),
      );
    given(...billing(privateSwitch[0]!, change, done))
      .when(startOptionBilling({ optionId: 'SW', billingStartOn: '2025-05-10' }))
      .then([expect.objectContaining({ type: 'OptionBillingStarted' })], (world) =>
        expect(recordedTermStarts(world, P, 'SW').map((t) => t.startOn)).toEqual(['2025-05-10']),
      );
    given(...billing(privateSwitch[0]!, change, done))
      .when(startOptionBilling({ optionId: 'SW', billingStartOn: '2025-05-04' }))
      .thenRejects('BILLING_BEFORE_MODEL_CHANGE', 'Art. 17(3); Art. 9(1)');
  });
});

describe('Art. 9(1), Art. 17(2)(2) the cold standby is 「同一のVPN機器」: it changes with the device', () => {
  // C1 is an 891FJ with cold standby CS (unit CS-1, 2,000 a month). Annex 4 lets 891FJ → C1121-8P.
  const deviceChange = (o: Parameters<typeof acceptModelChange>[0] = {}) =>
    acceptModelChange({ contractId: C, toModel: 'Cisco C1121-8P', acceptedOn: '2025-06-01', ...o });
  const withStandby = deviceChange({ coldStandby: [{ optionId: 'CS', fee: 8000, monthlyFee: 2500 }] });

  it('refuses a device change that would leave a cold standby of the old model behind', () =>
    given(...billing(...coldStandby))
      .when(deviceChange())
      .thenRejects('COLD_STANDBY_MUST_FOLLOW', 'Art. 17(2)(2); Annex 4'));

  it('accepts the device change that takes the cold standby along, with its own quoted fees (Annex 1 §3(2))', () =>
    given(...billing(...coldStandby))
      .when(withStandby)
      .then([
        {
          type: 'ModelChangeAccepted',
          data: {
            coldStandbyStaying: [],
            changeId: 'MC1',
            target: { kind: 'device' },
            fromModel: 'Cisco 891FJ',
            toModel: 'Cisco C1121-8P',
            fee: 50000,
            monthlyFee: 30000,
            acceptedOn: '2025-06-01',
            coldStandby: [{ optionId: 'CS', fee: 8000, monthlyFee: 2500 }],
            catalogEdition: '2024-08-01',
          },
        },
      ]));

  it('completes it: the device and the standby unit are replaced, the standby is the new model at its new fee', () =>
    given(...billing(...coldStandby, withStandby))
      .when(completeModelChange({ contractId: C, newItemIds: ['C1-D2', 'CS-2'] }))
      .then(
        [
          {
            type: 'ModelChangeCompleted',
            data: {
              changeId: 'MC1',
              billingStartOn: '2025-06-20',
              replaced: [
                { oldItemId: 'C1-D1', newItemId: 'C1-D2', kind: 'vpn-device', optionId: null },
                { oldItemId: 'CS-1', newItemId: 'CS-2', kind: 'cold-standby-device', optionId: 'CS' },
              ],
              // Art. 14(3): 2025-06-20 + 30 days = 2025-07-20, for both old units.
              returnDue: { on: '2025-07-20', shiftedFrom: null },
              beforeBillingStart: false,
              restartsTerm: true,
              // The standby's own billing had started: its new fee is a step of its own.
              coldStandby: [{ optionId: 'CS', beforeBillingStart: false }],
            },
          },
        ],
        (world) => {
          const c = contract(world, C);
          expect(c.deviceModel).toBe('Cisco C1121-8P');
          expect({ ...c.options.get('CS'), monthlyFee: recordedMonthlyFee(world, C, 'CS') }).toMatchObject({
            model: 'Cisco C1121-8P',
            monthlyFee: 2500,
            itemIds: ['CS-2'],
          });
          // Only the private switch restarts its term on a model change (Art. 17(3) proviso).
          expect(recordedTermStarts(world, C, 'CS')).toHaveLength(1);
          expect(c.equipment.get('CS-1')).toMatchObject({ status: 'owed', owedReason: 'model-change' });
          expect(c.equipment.get('CS-2')).toMatchObject({
            kind: 'cold-standby-device',
            model: 'Cisco C1121-8P',
          });
        },
      ));

  it('then replaces a faulty standby with the new model, not the old one', () =>
    given(
      ...billing(
        ...coldStandby,
        withStandby,
        completeModelChange({ contractId: C, newItemIds: ['C1-D2', 'CS-2'] }),
        reportFault({
          contractId: C,
          faultId: 'F9',
          itemId: 'CS-2',
          reportedAt: '2025-07-01T10:00:00+09:00',
        }),
        investigate({ contractId: C, faultId: 'F9', investigatedOn: '2025-07-02' }),
      ),
    )
      .when(
        resolveFault({
          contractId: C,
          faultId: 'F9',
          resolution: 'replaced',
          replacement: { itemId: 'CS-3', kind: 'cold-standby-device', model: 'Cisco C1121-8P' },
          resolvedOn: '2025-07-03',
        }),
      )
      .then([expect.objectContaining({ type: 'FaultResolved' })]));

  it('counts the standby units among the units replaced: one new id each', () =>
    given(...billing(...coldStandby, withStandby))
      .when(completeModelChange({ contractId: C, newItemIds: ['C1-D2'] }))
      .thenRejects('MODEL_CHANGE_ITEM_COUNT', 'Art. 2'));

  it('refuses to list an option that is not a cold standby of the device', () =>
    given(...billing(...coldStandby))
      .when(deviceChange({ coldStandby: [{ optionId: 'NOPE', fee: 0, monthlyFee: 0 }] }))
      .thenRejects('NOT_A_COLD_STANDBY_OF_THE_DEVICE', 'Art. 17(2)(2)'));

  it('refuses to add a cold standby while a device change is under way', () =>
    given(...billing(deviceChange()))
      .when(
        addOption({
          contractId: C,
          optionId: 'CS',
          option: 'cold-standby',
          model: null,
          equipmentItemIds: ['CS-1'],
          addedOn: '2025-06-05',
        }),
      )
      .thenRejects('MODEL_CHANGE_IN_PROGRESS', 'Art. 17(2)(2)'));

  // Policy late-facts-decided-as-of-their-date: a standby dated 2025-05-01, recorded after the
  // device change of 2025-06-01, would have had to follow it (Art. 17(2)(2)); the change was decided
  // without it, so the late fact is refused naming the change.
  it('given a device change accepted 2025-06-01, when a cold standby dated 2025-05-01 is recorded, then it is refused naming the change', () =>
    given(...billing(deviceChange()))
      .when(coldStandby[0]!)
      .thenRejects('CONFLICTS_WITH_LATER_FACT', 'Policy late-facts-decided-as-of-their-date'));

  it('lets a stopped cold standby go back rather than change', () =>
    given(
      ...billing(
        ...coldStandby,
        stopOption({ contractId: C, optionId: 'CS', noticeArrivedOn: '2025-05-20' }),
      ),
    )
      .when(deviceChange())
      .then([
        expect.objectContaining({
          data: expect.objectContaining({
            coldStandby: [],
            // Policy stopping-cold-standby-may-stay: it stays on the old model until its stop.
            coldStandbyStaying: [{ optionId: 'CS', stopEffectiveOn: expect.any(String) }],
          }),
        }),
      ]));

  it('brings a standby left on the old model by an older ledger (v1: no coldStandby) to the device model', () =>
    given(
      ...billing(...coldStandby),
      inContract(
        C,
        {
          type: 'ModelChangeAccepted',
          data: {
            coldStandbyStaying: [],
            changeId: 'OLD',
            target: { kind: 'device' },
            fromModel: 'Cisco 891FJ',
            toModel: 'Cisco C1121-8P',
            fee: 0,
            monthlyFee: 10000,
            acceptedOn: '2025-06-01',
            coldStandby: [],
            catalogEdition: '2024-08-01',
          },
        },
        {
          type: 'ModelChangeCompleted',
          data: {
            changeId: 'OLD',
            billingStartOn: '2025-06-20',
            replaced: [{ oldItemId: 'C1-D1', newItemId: 'C1-D2' }],
            returnDue: { on: '2025-07-20', shiftedFrom: null },
            beforeBillingStart: false,
          },
        },
      ),
    )
      .when(
        acceptModelChange({
          contractId: C,
          changeId: 'CS-MC',
          target: { kind: 'option', optionId: 'CS' },
          toModel: 'Cisco C1121-8P',
          acceptedOn: '2025-06-25',
        }),
      )
      .then([
        expect.objectContaining({
          data: expect.objectContaining({ fromModel: 'Cisco 891FJ', toModel: 'Cisco C1121-8P' }),
        }),
      ]));

  it('refuses a standby model other than the device model, even one Annex 4 lists', () =>
    given(...billing(...coldStandby))
      .when(
        acceptModelChange({
          contractId: C,
          target: { kind: 'option', optionId: 'CS' },
          toModel: 'Cisco 892FSP',
        }),
      )
      .thenRejects('COLD_STANDBY_MODEL_MISMATCH', 'Art. 17(2)(2)'));
});

describe('Art. 9(2) type, item and maintenance type never change', () => {
  it.each([
    ['contractType', 'child', 'Art. 9(2)'],
    ['item', 'dual-star-dual-edge', 'Art. 9(2)'],
    ['maintenanceType', 'type-1', 'Art. 9(2)'],
    ['termYears', '3', 'Art. 9(1)'],
    ['network', 'N2', 'Art. 22(4)'],
  ] as const)('refuses a change of %s', (field, to, article) =>
    given(...billing())
      .when(requestContractChange({ field, to }))
      .thenRejects('CHANGE_NOT_ALLOWED', article),
  );
});

describe('Issue 15: model-change ids named after object properties', () => {
  it.each(PROTO_IDS)(
    'accepts and completes change %s, then refuses the id again (MODEL_CHANGE_EXISTS)',
    (id) => {
      given(...billing())
        .when(acceptModelChange({ changeId: id }))
        .then([
          expect.objectContaining({
            type: 'ModelChangeAccepted',
            data: expect.objectContaining({ changeId: id }),
          }),
        ]);
      given(...billing(acceptModelChange({ changeId: id })))
        .when(completeModelChange({ changeId: id, newItemIds: [id] }))
        .then([expect.objectContaining({ type: 'ModelChangeCompleted' })]);
      given(...billing(acceptModelChange({ changeId: id }), completeModelChange({ changeId: id })))
        .when(acceptModelChange({ changeId: id, toModel: 'Cisco ISR 4351', acceptedOn: '2025-07-01' }))
        .thenRejects('MODEL_CHANGE_EXISTS', 'Art. 9(1)');
    },
  );

  it.each(PROTO_IDS)('refuses to complete change %s that was never accepted (MODEL_CHANGE_NOT_FOUND)', (id) =>
    given(...billing())
      .when(completeModelChange({ changeId: id }))
      .thenRejects('MODEL_CHANGE_NOT_FOUND', 'Art. 9(1)'),
  );
});

describe('Art. 9(1), Annex 4: the pairs are the provider catalog edition in force on the change date', () => {
  // A deployment installs the provider's edition of 2026-04-01: ISR 4351 → C8300-1N1S-6T allowed.
  const installed = {
    ...DEFAULT_TERMS_CONFIG,
    catalog: mergeCatalogs(SHIPPED_CATALOG, parseCatalog(FILE_2026)),
  };

  it('allows the new pair from 2026-04-01, and the event records the edition that allowed it', () =>
    givenWith(installed, ...billing())
      .when(acceptModelChange({ toModel: 'Cisco C8300-1N1S-6T', acceptedOn: '2026-04-10' }))
      .then([
        expect.objectContaining({
          data: expect.objectContaining({
            fromModel: 'Cisco ISR 4351',
            toModel: 'Cisco C8300-1N1S-6T',
            catalogEdition: '2026-04-01',
          }),
        }),
      ]));

  it('refuses it the day before, by the shipped edition 2024-08-01, and says which edition', () => {
    const when = givenWith(installed, ...billing()).when(
      acceptModelChange({ toModel: 'Cisco C8300-1N1S-6T', acceptedOn: '2026-03-31' }),
    );
    when.thenRejects('MODEL_CHANGE_NOT_ALLOWED', 'Art. 9(1); Annex 4');
    expect(!when.decision.ok && told(when.decision.rejection).message).toContain(
      'catalog edition 2024-08-01',
    );
  });

  it('refuses a decision no edition covers', () =>
    givenWith({ ...DEFAULT_TERMS_CONFIG, catalog: parseCatalog(FILE_2026) }, ...billing())
      .when(acceptModelChange())
      .thenRejects('NO_CATALOG_EDITION', 'Art. 3; Art. 9(1); Annex 4'));
});
