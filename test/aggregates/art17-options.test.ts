import { OPTION_SPECS } from '../../src/terms/catalog';
import {
  acceptChild,
  acceptModelChange,
  addOption,
  billing,
  C,
  completeModelChange,
  P,
  PROTO_IDS,
  startOptionBilling,
  stopOption,
} from './fixtures';
import { given, recordedTermStarts } from './support';

// P1 is an ISR 4351 (designated for rack-mount kit, SFP and VPN module); C1 an 891FJ.
const onSite = addOption({
  optionId: 'OS',
  option: 'on-site-installation',
  equipmentItemIds: [],
  monthlyFee: 0,
});
const privateSwitch = addOption({
  optionId: 'SW',
  option: 'private-switch',
  model: 'Cisco Catalyst 1000-48T-4G-L',
  equipmentItemIds: ['SW-1'],
  monthlyFee: 3000,
});

describe('Art. 17(2) which options fit which devices', () => {
  it.each([
    ['sfp-module', 'sfp-module'],
    ['vpn-module', 'vpn-module'],
    ['rack-mount-kit', 'rack-mount-bracket'],
  ] as const)('adds a %s to a designated model', (option, kind) =>
    given(...billing())
      .when(addOption({ option, equipmentItemIds: ['X-1'] }))
      .then([
        {
          type: 'OptionAdded',
          data: {
            optionId: 'OPT1',
            option,
            model: null,
            equipment: [{ itemId: 'X-1', kind, model: 'Cisco ISR 4351' }],
            initialFee: 5000,
            monthlyFee: 1500,
            addedOn: '2025-05-01',
            catalogEdition: '2024-08-01',
          },
        },
      ]),
  );

  it.each(['sfp-module', 'vpn-module', 'rack-mount-kit'] as const)(
    'refuses a %s on an 891FJ (not designated)',
    (option) =>
      given(...billing())
        .when(addOption({ contractId: C, option, equipmentItemIds: ['X-1'] }))
        .thenRejects('MODEL_NOT_DESIGNATED', OPTION_SPECS[option].article),
  );

  it('adds an additional licence to a C1121-8P only', () => {
    given(
      ...billing(
        acceptModelChange({
          contractId: C,
          changeId: 'M',
          toModel: 'Cisco C1121-8P',
          acceptedOn: '2025-05-01',
        }),
        completeModelChange({
          contractId: C,
          changeId: 'M',
          billingStartOn: '2025-05-02',
          newItemIds: ['C1-D2'],
        }),
      ),
    )
      .when(
        addOption({
          contractId: C,
          option: 'additional-licence',
          equipmentItemIds: ['LIC-1'],
          addedOn: '2025-05-03',
        }),
      )
      .then([
        expect.objectContaining({
          type: 'OptionAdded',
          data: expect.objectContaining({
            equipment: [{ itemId: 'LIC-1', kind: 'licence', model: 'Cisco C1121-8P' }],
          }),
        }),
      ]);
    given(...billing())
      .when(addOption({ option: 'additional-licence', equipmentItemIds: ['LIC-1'] }))
      .thenRejects('LICENCE_MODEL_NOT_ELIGIBLE', 'Art. 17(2)(7)');
  });

  it('adds a cold-standby unit of the same model as the device', () =>
    given(...billing())
      .when(addOption({ contractId: C, optionId: 'CS', option: 'cold-standby', equipmentItemIds: ['CS-1'] }))
      .then([
        {
          type: 'OptionAdded',
          data: {
            optionId: 'CS',
            option: 'cold-standby',
            model: 'Cisco 891FJ',
            equipment: [{ itemId: 'CS-1', kind: 'cold-standby-device', model: 'Cisco 891FJ' }],
            initialFee: 5000,
            monthlyFee: 1500,
            addedOn: '2025-05-01',
            catalogEdition: '2024-08-01',
          },
        },
      ]));

  it('refuses a cold-standby unit of another model', () =>
    given(...billing())
      .when(
        addOption({
          contractId: C,
          option: 'cold-standby',
          model: 'Cisco 892FSP',
          equipmentItemIds: ['CS-1'],
        }),
      )
      .thenRejects('COLD_STANDBY_MODEL_MISMATCH', 'Art. 17(2)(2)'));

  it('adds a private switch of a switch model', () =>
    given(...billing())
      .when(privateSwitch)
      .then([
        expect.objectContaining({
          type: 'OptionAdded',
          data: expect.objectContaining({
            model: 'Cisco Catalyst 1000-48T-4G-L',
            equipment: [{ itemId: 'SW-1', kind: 'switch', model: 'Cisco Catalyst 1000-48T-4G-L' }],
          }),
        }),
      ]));

  it('refuses a private switch without a model, or of a VPN device model', () => {
    given(...billing())
      .when(addOption({ option: 'private-switch', model: null, equipmentItemIds: ['SW-1'] }))
      .thenRejects('SWITCH_MODEL_REQUIRED', 'Art. 17(2)(3)');
    given(...billing())
      .when(addOption({ option: 'private-switch', model: 'Cisco 891FJ', equipmentItemIds: ['SW-1'] }))
      .thenRejects('NOT_A_SWITCH_MODEL', 'Art. 17(2)(3)');
  });

  it('fits a rack-mount kit to the private switch of the contract', () =>
    given(...billing(privateSwitch))
      .when(
        addOption({
          optionId: 'RK',
          option: 'rack-mount-kit',
          model: 'Cisco Catalyst 1000-48T-4G-L',
          equipmentItemIds: ['RK-1'],
        }),
      )
      .then([
        expect.objectContaining({
          type: 'OptionAdded',
          data: expect.objectContaining({ model: 'Cisco Catalyst 1000-48T-4G-L' }),
        }),
      ]));

  it('refuses an accessory for a device the contract does not have', () =>
    given(...billing())
      .when(
        addOption({
          optionId: 'RK',
          option: 'rack-mount-kit',
          model: 'Cisco Catalyst 1000-48T-4G-L',
          equipmentItemIds: ['RK-1'],
        }),
      )
      .thenRejects('OPTION_HOST_NOT_IN_CONTRACT', 'Art. 17(2)(4)'));

  it('adds on-site installation with no equipment and no monthly fee', () =>
    given(...billing())
      .when(onSite)
      .then([
        {
          type: 'OptionAdded',
          data: {
            optionId: 'OS',
            option: 'on-site-installation',
            model: null,
            equipment: [],
            initialFee: 5000,
            monthlyFee: 0,
            addedOn: '2025-05-01',
            catalogEdition: '2024-08-01',
          },
        },
      ]));

  it('refuses a monthly fee for on-site installation', () =>
    given(...billing())
      .when(
        addOption({ optionId: 'OS', option: 'on-site-installation', equipmentItemIds: [], monthlyFee: 100 }),
      )
      .thenRejects('ON_SITE_HAS_NO_MONTHLY_FEE', 'Annex 1 §2'));

  it('refuses equipment for on-site installation, and an option lending equipment without its ids', () => {
    given(...billing())
      .when(
        addOption({ optionId: 'OS', option: 'on-site-installation', equipmentItemIds: ['X'], monthlyFee: 0 }),
      )
      .thenRejects('OPTION_HAS_NO_EQUIPMENT', 'Art. 17(2)(1)');
    given(...billing())
      .when(addOption({ equipmentItemIds: [] }))
      .thenRejects('OPTION_EQUIPMENT_REQUIRED', 'Art. 12');
  });

  it('refuses an option id used before, and equipment ids used before', () => {
    given(...billing(addOption()))
      .when(addOption({ equipmentItemIds: ['Z'] }))
      .thenRejects('OPTION_EXISTS', 'Art. 17(1)');
    given(...billing())
      .when(addOption({ equipmentItemIds: ['P1-D1'] }))
      .thenRejects('DUPLICATE_ITEM_ID', 'Art. 12');
  });

  it('refuses options other than on-site installation for a closed-monitoring contract', () =>
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
      .when(addOption({ contractId: 'M1' }))
      .thenRejects('OPTION_NEEDS_DEVICE', 'Art. 17(2)(5)'));
});

describe('Art. 17(3) an option is billed, with its own 1-year term, from its own billing start', () => {
  it('starts the option billing and its term', () =>
    given(...billing(addOption()))
      .when(startOptionBilling())
      .then(
        [
          {
            type: 'OptionBillingStarted',
            // Art. 17(3): an SFP module has its own 1-year term, from this day.
            data: { optionId: 'OPT1', billingStartOn: '2025-05-10', startsTerm: true },
          },
        ],
        (world) =>
          expect(recordedTermStarts(world, P, 'OPT1')).toEqual([
            { startOn: '2025-05-10', reason: 'billing-start', changeId: null },
          ]),
      ));

  it('gives the rack-mount kit no minimum term', () =>
    given(...billing(addOption({ option: 'rack-mount-kit' })))
      .when(startOptionBilling())
      .then([expect.objectContaining({ type: 'OptionBillingStarted' })], (world) =>
        expect(recordedTermStarts(world, P, 'OPT1')).toEqual([]),
      ));

  it('refuses a billing start for on-site installation (no monthly fee)', () =>
    given(...billing(onSite))
      .when(startOptionBilling({ optionId: 'OS' }))
      .thenRejects('OPTION_HAS_NO_MONTHLY_FEE', 'Annex 1 §2'));

  it('refuses a billing start before the option was added, or a second one', () => {
    given(...billing(addOption()))
      .when(startOptionBilling({ billingStartOn: '2025-04-30' }))
      .thenRejects('OPTION_BILLING_BEFORE_ADDED', 'Art. 19');
    given(...billing(addOption(), startOptionBilling()))
      .when(startOptionBilling())
      .thenRejects('OPTION_BILLING_ALREADY_STARTED', 'Art. 17(3)');
    given(...billing())
      .when(startOptionBilling())
      .thenRejects('OPTION_NOT_FOUND', 'Art. 17(1)');
  });

  it('refuses a billing start after the option has stopped', () =>
    given(...billing(addOption(), stopOption({ noticeArrivedOn: '2025-05-02' })))
      .when(startOptionBilling({ billingStartOn: '2025-06-02' }))
      .thenRejects('OPTION_STOPPED', 'Art. 17(4)'));
});

describe('Art. 17(4) a stop takes effect on the later of 30 days after the notice and the requested day', () => {
  it('stops 30 days after the notice arrives', () =>
    given(...billing(addOption(), startOptionBilling()))
      .when(stopOption())
      .then([
        {
          type: 'OptionStopNoticeReceived',
          data: {
            optionId: 'OPT1',
            noticeArrivedOn: '2025-07-10',
            requestedOn: null,
            effectiveOn: '2025-08-09',
            // 2025-08-09 + 30 days = 2025-09-08 (22 days to 08-31, 8 into September).
            returnDue: { on: '2025-09-08', shiftedFrom: null },
          },
        },
      ]));

  it('stops on a later requested day', () =>
    given(...billing(addOption(), startOptionBilling()))
      .when(stopOption({ requestedOn: '2025-09-30' }))
      .then([expect.objectContaining({ data: expect.objectContaining({ effectiveOn: '2025-09-30' }) })]));

  it('ignores an earlier requested day', () =>
    given(...billing(addOption(), startOptionBilling()))
      .when(stopOption({ requestedOn: '2025-07-15' }))
      .then([expect.objectContaining({ data: expect.objectContaining({ effectiveOn: '2025-08-09' }) })]));

  it('refuses a second stop notice, a stop of an unknown option, and a notice before the option existed', () => {
    given(...billing(addOption(), stopOption()))
      .when(stopOption())
      .thenRejects('OPTION_NOT_ACTIVE', 'Art. 17(4)');
    given(...billing())
      .when(stopOption())
      .thenRejects('OPTION_NOT_FOUND', 'Art. 17(1)');
    given(...billing(addOption()))
      .when(stopOption({ noticeArrivedOn: '2025-04-30' }))
      .thenRejects('NOTICE_BEFORE_OPTION_ADDED', 'Art. 17(4)');
  });

  it('refuses a model change of a stopping option', () =>
    given(...billing(privateSwitch, startOptionBilling({ optionId: 'SW' }), stopOption({ optionId: 'SW' })))
      .when(
        acceptModelChange({
          changeId: 'X',
          target: { kind: 'option', optionId: 'SW' },
          toModel: 'Cisco Catalyst 1000-24T-4G-L',
          acceptedOn: '2025-07-20',
        }),
      )
      .thenRejects('OPTION_NOT_ACTIVE', 'Art. 17(4)'));
});

describe('Issue 15: option and item ids named after object properties', () => {
  it.each(PROTO_IDS)(
    'adds option %s with unit %s, then refuses the option id again (OPTION_EXISTS)',
    (id) => {
      const option = addOption({ optionId: id, equipmentItemIds: [id] });
      given(...billing())
        .when(option)
        .then([
          expect.objectContaining({ type: 'OptionAdded', data: expect.objectContaining({ optionId: id }) }),
        ]);
      given(...billing(option))
        .when(addOption({ optionId: id, equipmentItemIds: ['other-unit'] }))
        .thenRejects('OPTION_EXISTS', 'Art. 17(1)');
      given(...billing(option))
        .when(startOptionBilling({ optionId: id }))
        .then([expect.objectContaining({ type: 'OptionBillingStarted' })]);
    },
  );

  it.each(PROTO_IDS)('refuses to start billing option %s that was never added (OPTION_NOT_FOUND)', (id) =>
    given(...billing())
      .when(startOptionBilling({ optionId: id }))
      .thenRejects('OPTION_NOT_FOUND', 'Art. 17(1)'),
  );
});
