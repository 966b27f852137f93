import { CONFIG_CHANGE_FEE_BUSINESS, configChangeFee } from '../../src/terms/fees';
import {
  acceptChild,
  acceptModelChange,
  addOption,
  billing,
  C,
  CHILD_HOLDER,
  completeModelChange,
  discloseSettings,
  HOLDER,
  instruct,
  P,
  PROTO_IDS,
  perform,
  registerNetwork,
  terminate,
  terminationNotice,
} from './fixtures';
import { given } from './support';

describe('Art. 10(1)(2) only the parent holder instructs configuration changes', () => {
  it('records an instruction of the parent holder for the parent contract', () =>
    given(...billing())
      .when(instruct())
      .then([
        {
          type: 'ConfigurationChangeInstructed',
          data: {
            jobId: 'J1',
            instructedBy: HOLDER,
            instructedAt: '2025-05-01T10:00:00+09:00',
            description: 'Add a static route',
            // Art. 10(1)(2): the parent contract in force that day, whose holder instructs and pays.
            parentContractId: P,
          },
        },
      ]));

  it('records an instruction of the parent holder for a child contract of the same VPN', () =>
    given(...billing())
      .when(instruct({ contractId: C }))
      .then([
        expect.objectContaining({
          type: 'ConfigurationChangeInstructed',
          data: expect.objectContaining({ instructedBy: HOLDER }),
        }),
      ]));

  it("refuses the child holder's own instruction for its child contract", () =>
    given(...billing())
      .when(instruct({ contractId: C, instructedBy: CHILD_HOLDER }))
      .thenRejects('NOT_PARENT_HOLDER', 'Art. 10(2)'));

  it("refuses anyone else's instruction for the parent contract", () =>
    given(...billing())
      .when(instruct({ instructedBy: CHILD_HOLDER }))
      .thenRejects('NOT_PARENT_HOLDER', 'Art. 10(1)'));

  it("refuses the holder of another VPN's parent", () =>
    given(...billing(registerNetwork({ networkId: 'N2', parentContractId: 'Q1', parentHolderId: 'H-Q' })))
      .when(instruct({ contractId: C, instructedBy: 'H-Q' }))
      .thenRejects('NOT_PARENT_HOLDER', 'Art. 10(2)'));

  it('refuses a job id used before', () =>
    given(...billing(instruct()))
      .when(instruct())
      .thenRejects('JOB_EXISTS', 'Art. 10(3)'));
});

describe('Art. 10(3)(4), Annex 1 §3(3) the provider does the job, per device, billed to the parent holder', () => {
  it('performs the job on the child and bills the parent holder', () =>
    given(...billing(instruct({ contractId: C })))
      .when(perform({ contractId: C, itemIds: ['C1-D1'] }))
      .then(
        [
          {
            type: 'ConfigurationChangePerformed',
            data: {
              billedItemIds: ['C1-D1'],
              jobId: 'J1',
              startedAt: '2025-05-02T10:00:00+09:00',
              itemIds: ['C1-D1'],
              billTo: HOLDER,
            },
          },
        ],
        () => expect(configChangeFee('2025-05-02T10:00:00+09:00', 1).amount).toBe(CONFIG_CHANGE_FEE_BUSINESS),
      ));

  // Annex 1 §3(3): 設定変更費用（VPN機器１台・１作業あたり）: per VPN device, not per switch.
  // Policy config-fee-counts-vpn-devices: the job may include the switch; it counts for nothing.
  it('given a job on the VPN device and the private switch, then the fee counts 1 device (1 × 5,000 = 5,000), the switch recorded as not billed', () =>
    given(
      ...billing(
        addOption({
          optionId: 'SW',
          option: 'private-switch',
          model: 'Cisco Catalyst 1000-24T-4G-L',
          equipmentItemIds: ['SW-1'],
        }),
        instruct(),
      ),
    )
      .when(perform({ itemIds: ['P1-D1', 'SW-1'] }))
      .then([
        expect.objectContaining({
          type: 'ConfigurationChangePerformed',
          data: expect.objectContaining({ itemIds: ['P1-D1', 'SW-1'], billedItemIds: ['P1-D1'] }),
        }),
      ]));

  it('given a job on the private switch alone, then it is refused: no VPN device, nothing Annex 1 §3(3) counts', () =>
    given(
      ...billing(
        addOption({
          optionId: 'SW',
          option: 'private-switch',
          model: 'Cisco Catalyst 1000-24T-4G-L',
          equipmentItemIds: ['SW-1'],
        }),
        instruct(),
      ),
    )
      .when(perform({ itemIds: ['SW-1'] }))
      .thenRejects('NOT_A_VPN_DEVICE', 'Art. 10(3); Annex 1 §3(3); Policy config-fee-counts-vpn-devices'));

  it('counts a cold-standby unit, the same VPN device (Art. 17(2)(2))', () =>
    given(
      ...billing(
        addOption({ optionId: 'CS', option: 'cold-standby', equipmentItemIds: ['CS-1'] }),
        instruct(),
      ),
    )
      .when(perform({ itemIds: ['P1-D1', 'CS-1'] }))
      .then([
        expect.objectContaining({
          type: 'ConfigurationChangePerformed',
          data: expect.objectContaining({ itemIds: ['P1-D1', 'CS-1'] }),
        }),
      ]));

  it('refuses a job nobody instructed', () =>
    given(...billing())
      .when(perform())
      .thenRejects('JOB_NOT_INSTRUCTED', 'Art. 10(3)'));

  it('refuses to perform a job twice', () =>
    given(...billing(instruct(), perform()))
      .when(perform())
      .thenRejects('JOB_ALREADY_PERFORMED', 'Art. 10(3)'));

  it('refuses a start before the instruction (instants compare across offsets)', () =>
    given(...billing(instruct()))
      .when(perform({ startedAt: '2025-05-01T00:59:59Z' }))
      .thenRejects('JOB_BEFORE_INSTRUCTION', 'Art. 10(3)'));

  it('accepts a start at the instant of the instruction written in UTC', () =>
    given(...billing(instruct()))
      .when(perform({ startedAt: '2025-05-01T01:00:00Z' }))
      .then([expect.objectContaining({ type: 'ConfigurationChangePerformed' })]));

  it('refuses a job on an item that is no device (a rack-mount bracket)', () =>
    given(
      ...billing(
        addOption({ optionId: 'RK', option: 'rack-mount-kit', equipmentItemIds: ['RK-1'] }),
        instruct(),
      ),
    )
      .when(perform({ itemIds: ['RK-1'] }))
      .thenRejects('NOT_A_VPN_DEVICE', 'Art. 10(3); Annex 1 §3(3)'));

  it('refuses a job on a device no longer in use (replaced by a model change)', () =>
    given(
      ...billing(
        acceptModelChange(),
        completeModelChange(),
        instruct({ instructedAt: '2025-07-01T10:00:00+09:00' }),
      ),
    )
      .when(perform({ startedAt: '2025-07-01T11:00:00+09:00', itemIds: ['P1-D1'] }))
      .thenRejects('ITEM_NOT_HELD', 'Annex 1 §3(3)'));

  it('refuses a device of another contract', () =>
    given(...billing(instruct()))
      .when(perform({ itemIds: ['C1-D1'] }))
      .thenRejects('ITEM_NOT_FOUND', 'Annex 1 §3(3)'));

  it('refuses a device listed twice (one fee per device per job)', () =>
    given(...billing(instruct()))
      .when(perform({ itemIds: ['P1-D1', 'P1-D1'] }))
      .thenRejects('DUPLICATE_ITEM_ID', 'Annex 1 §3(3)'));
});

describe('Art. 11 settings are disclosed only within the same VPN', () => {
  it("discloses the parent's settings to the child holder", () =>
    given(...billing())
      .when(discloseSettings())
      .then([
        {
          type: 'SettingsDisclosed',
          data: { contractId: 'P1', toContractorId: CHILD_HOLDER, disclosedOn: '2025-05-01' },
        },
      ]));

  it("discloses a child's settings to the parent holder", () =>
    given(...billing())
      .when(discloseSettings({ contractId: C, toContractorId: HOLDER }))
      .then([expect.objectContaining({ type: 'SettingsDisclosed' })]));

  it('refuses a disclosure to a contractor of another VPN', () =>
    given(...billing(registerNetwork({ networkId: 'N2', parentContractId: 'Q1', parentHolderId: 'H-Q' })))
      .when(discloseSettings({ toContractorId: 'H-Q' }))
      .thenRejects('DISCLOSURE_OUTSIDE_NETWORK', 'Art. 11'));

  it('refuses a disclosure about a contract that is not a site of the network', () =>
    given(...billing())
      .when(discloseSettings({ contractId: 'X9' }))
      .thenRejects('CONTRACT_NOT_IN_NETWORK', 'Art. 11'));

  it('refuses to disclose the settings of a site that has left the VPN', () =>
    given(...billing(terminationNotice({ contractId: C }), terminate({ contractId: C })))
      .when(discloseSettings({ contractId: C, toContractorId: HOLDER, disclosedOn: '2025-08-05' }))
      .thenRejects('CONTRACT_NOT_IN_NETWORK', 'Art. 11'));

  it('refuses a disclosure in a network that is not registered', () =>
    given(...billing())
      .when(discloseSettings({ networkId: 'N9' }))
      .thenRejects('NETWORK_NOT_FOUND', 'Art. 1'));
});

describe('Issue 15: job ids named after object properties', () => {
  it.each(PROTO_IDS)('instructs and performs job %s, then refuses the id again (JOB_EXISTS)', (id) => {
    given(...billing())
      .when(instruct({ jobId: id }))
      .then([expect.objectContaining({ type: 'ConfigurationChangeInstructed' })]);
    given(...billing(instruct({ jobId: id })))
      .when(perform({ jobId: id }))
      .then([expect.objectContaining({ type: 'ConfigurationChangePerformed' })]);
    given(...billing(instruct({ jobId: id })))
      .when(instruct({ jobId: id }))
      .thenRejects('JOB_EXISTS', 'Art. 10(3)');
  });

  it.each(PROTO_IDS)('refuses to perform job %s that was never instructed (JOB_NOT_INSTRUCTED)', (id) =>
    given(...billing())
      .when(perform({ jobId: id }))
      .thenRejects('JOB_NOT_INSTRUCTED', 'Art. 10(3)'),
  );

  it.each(PROTO_IDS)('discloses settings of contract %s of the same VPN to its parent holder', (id) =>
    given(...billing(acceptChild({ contractId: id, deviceItemIds: [id], lanSubnets: ['192.168.3.0/24'] })))
      .when(discloseSettings({ contractId: id, toContractorId: HOLDER }))
      .then([expect.objectContaining({ type: 'SettingsDisclosed' })]),
  );
});
