/**
 * Issue 24, end to end through the ledger (decide, record, project): facts recorded late are
 * decided as of their date (policy late-facts-decided-as-of-their-date), authority comes from the
 * parent contract in force (Art. 10(1)(2)), reduction hours count while the fee is owed (policy
 * reduction-hours-while-fee-owed; Art. 21, Annex 3), and a network whose parent ended (Art. 8(1),
 * policy incomplete-network-bills-until-terminated).
 *
 * The network (test/support/billing.ts smallNetwork): parent c-hq (acme, 30,000 yen a month) and
 * child c-br (acme-branch, 18,000 yen a month), both billed from 2025-07-01. Every command is
 * recorded from 2026-01-05 on: after every fact's date.
 */
import type { ChargeLine } from '../../src/projections/charges';
import { type BillingLedger, billingLedger, smallNetwork } from '../support/billing';
import { cmd, type Envelope } from '../support/commands';

const noticeAndEnd = (contractId: string, effectiveOn: string): Envelope[] => [
  // Art. 18: the later of 30 days after the notice and the day it names.
  cmd('ReceiveTerminationNotice', {
    contractId,
    noticeArrivedOn: '2025-08-01',
    requestedOn: effectiveOn,
    ground: 'ordinary',
    evidenceRef: null,
  }),
  cmd('TerminateContract', { contractId, effectiveOn }),
];

const outage = (contractId: string, outageId: string, knownAt: string): Envelope =>
  cmd('RecordOutageKnown', { contractId, outageId, knownAt, description: 'Backbone router failure' });
const resolve = (contractId: string, outageId: string, resolvedAt: string): Envelope =>
  cmd('ResolveOutage', { contractId, outageId, resolvedAt, cause: 'provider' });
const claim = (contractId: string, outageId: string, claimedOn: string): Envelope =>
  cmd('ClaimReduction', { contractId, outageId, claimedOn });

const linesOf = (l: BillingLedger, month: string, contractId: string, kind: ChargeLine['kind']) =>
  l.month(month, contractId).charges.lines.filter((x) => x.kind === kind);

let l: BillingLedger;
beforeEach(() => {
  l = billingLedger('2026-01-05T00:00:00Z');
});
afterEach(() => l.store.close());

describe('Art. 18, 21, Annex 3: an outage of the contract life recorded after the termination (policy late-facts-decided-as-of-their-date)', () => {
  it('given c-br terminated on 2025-09-30, when an outage of 2025-09-10 10:00 to 09-13 12:00 is recorded afterwards and claimed, then 74 h → 3 days → floor(3 × 18,000 / 30) = 1,800 is reduced in 2025-09', async () => {
    await l.run(...smallNetwork(), ...noticeAndEnd('c-br', '2025-09-30'));
    await l.run(
      outage('c-br', 'u-1', '2025-09-10T10:00:00+09:00'),
      resolve('c-br', 'u-1', '2025-09-13T12:00:00+09:00'),
      claim('c-br', 'u-1', '2025-09-20'),
    );
    const [line] = linesOf(l, '2025-09', 'c-br', 'reduction');
    expect(line).toMatchObject({ amount: -1800, article: 'Art. 21; Annex 3' });
  });
});

describe('Art. 10(4), Annex 1 §3(3): a configuration job dated before the end, recorded after it', () => {
  it('given c-br terminated on 2025-09-30, when a job of 2025-09-26 10:00 on its device is recorded afterwards, then 1 × 5,000 = 5,000 is billed to the parent holder acme in 2025-09', async () => {
    await l.run(...smallNetwork(), ...noticeAndEnd('c-br', '2025-09-30'));
    await l.run(
      cmd('InstructConfigurationChange', {
        contractId: 'c-br',
        jobId: 'j-1',
        instructedBy: 'acme',
        instructedAt: '2025-09-25T10:00:00+09:00',
        description: 'Add a static route',
      }),
      cmd('PerformConfigurationChange', {
        contractId: 'c-br',
        jobId: 'j-1',
        startedAt: '2025-09-26T10:00:00+09:00',
        itemIds: ['dev-c-br'],
      }),
    );
    const [line] = linesOf(l, '2025-09', 'c-br', 'config-change');
    expect(line).toMatchObject({ amount: 5000, billTo: 'acme' });
  });
});

describe('Art. 10(1)(2): authority comes from the parent contract in force on the day of the instruction', () => {
  it('given the parent c-hq ended on 2025-09-30, when its former holder instructs a change on the child dated 2025-10-05, then it is refused PARENT_NOT_IN_FORCE and nothing is billed', async () => {
    await l.run(...smallNetwork(), ...noticeAndEnd('c-hq', '2025-09-30'));
    const r = await l.ledger.execute(
      cmd('InstructConfigurationChange', {
        contractId: 'c-br',
        jobId: 'j-2',
        instructedBy: 'acme',
        instructedAt: '2025-10-05T10:00:00+09:00',
        description: 'Add a static route',
      }),
    );
    expect(r).toMatchObject({ status: 'rejected', code: 'PARENT_NOT_IN_FORCE' });
    expect(linesOf(l, '2025-10', 'c-br', 'config-change')).toEqual([]);
  });

  it('given the parent c-hq ended on 2025-09-30, when its holder instructs a change dated 2025-09-29 (recorded later), then it is accepted: the parent was in force that day', async () => {
    await l.run(...smallNetwork(), ...noticeAndEnd('c-hq', '2025-09-30'));
    const r = await l.ledger.execute(
      cmd('InstructConfigurationChange', {
        contractId: 'c-br',
        jobId: 'j-3',
        instructedBy: 'acme',
        instructedAt: '2025-09-29T10:00:00+09:00',
        description: 'Add a static route',
      }),
    );
    expect(r.status).toBe('accepted');
  });
});

describe('Art. 8(1), policy incomplete-network-bills-until-terminated: what the network becomes when its parent ends', () => {
  it('given the parent c-hq ended on 2025-09-30, then the child c-br keeps billing 18,000 in 2025-10 and no new child joins on 2025-10-10 (NETWORK_PARENT_ENDED)', async () => {
    await l.run(...smallNetwork(), ...noticeAndEnd('c-hq', '2025-09-30'));
    const monthly = linesOf(l, '2025-10', 'c-br', 'monthly-basic');
    expect(monthly.reduce((s, x) => s + x.amount, 0)).toBe(18000);
    expect(linesOf(l, '2025-10', 'c-hq', 'monthly-basic')).toEqual([]);
    const r = await l.ledger.execute(
      cmd('AcceptApplication', {
        contractId: 'c-br2',
        networkId: 'n-1',
        contractType: 'child',
        contractorId: 'acme-branch-2',
        item: 'single-star-single-edge',
        deviceModel: 'Cisco C1121-8P',
        deviceItemIds: ['dev-c-br2'],
        maintenanceType: 'type-2',
        termYears: 1,
        site: { country: 'JP', text: 'Nagoya' },
        lanSubnets: ['192.168.30.0/24'],
        initialFee: 0,
        monthlyFee: 18_000,
        onSiteInstallation: null,
        acceptedOn: '2025-10-10',
      }),
    );
    expect(r).toMatchObject({ status: 'rejected', code: 'NETWORK_PARENT_ENDED' });
  });
});

describe('Art. 21, Annex 3, policy reduction-hours-while-fee-owed: reductions at the edges of the billed period', () => {
  // The same network accepted on 2025-06-20, billed from 2025-07-01.
  const network = smallNetwork().map((c) =>
    c.type === 'AcceptApplication'
      ? { ...c, data: { ...c.data, acceptedOn: '2025-06-20' } }
      : c.type === 'RegisterNetwork'
        ? { ...c, data: { ...c.data, registeredOn: '2025-06-20' } }
        : c,
  );
  const beforeBilling = network.filter((c) => c.type !== 'StartBilling');
  const billingStarts = network.filter((c) => c.type === 'StartBilling');

  // Known 2025-06-29 12:00, two days before billing started (2025-07-01); resolved 07-03 06:00.
  // Counted from 2025-07-01 00:00: 54 h → 2 days → floor(2 × 18,000 / 30) = 1,200 (never a basis of 0).
  it('given an outage known two days before the billing start and recorded then, when it ends in billed time and is claimed, then 54 h → 2 days → 1,200 is reduced', async () => {
    await l.run(...beforeBilling, outage('c-br', 'u-2', '2025-06-29T12:00:00+09:00'), ...billingStarts);
    await l.run(resolve('c-br', 'u-2', '2025-07-03T06:00:00+09:00'), claim('c-br', 'u-2', '2025-07-10'));
    const [line] = linesOf(l, '2025-07', 'c-br', 'reduction');
    expect(line).toMatchObject({ amount: -1200 });
    expect(line?.notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'reduction-granted',
          unusableHours: 54,
          feeBasisTotal: 18000,
          fromBillingStart: true,
          hoursPolicy: 'reduction-hours-while-fee-owed',
        }),
      ]),
    );
  });

  it('given the same outage recorded after the billing start (late), then the same 1,200: recording order never changes what is owed', async () => {
    await l.run(...network, outage('c-br', 'u-2', '2025-06-29T12:00:00+09:00'));
    await l.run(resolve('c-br', 'u-2', '2025-07-03T06:00:00+09:00'), claim('c-br', 'u-2', '2025-07-10'));
    const [line] = linesOf(l, '2025-07', 'c-br', 'reduction');
    expect(line).toMatchObject({ amount: -1200 });
  });

  // c-br's last billed day is 2025-09-30; known 09-29 12:00, resolved 10-03 12:00: counted to
  // 10-01 00:00, 36 h → 1 day → floor(1 × 18,000 / 30) = 600 (not 96 h → 4 days → 2,400).
  it('given an outage that outlasts the contract, then its hours count to the end of the last billed day: 36 h → 1 day → 600', async () => {
    await l.run(...network, ...noticeAndEnd('c-br', '2025-09-30'));
    await l.run(
      outage('c-br', 'u-3', '2025-09-29T12:00:00+09:00'),
      resolve('c-br', 'u-3', '2025-10-03T12:00:00+09:00'),
      claim('c-br', 'u-3', '2025-10-05'),
    );
    const [line] = linesOf(l, '2025-10', 'c-br', 'reduction');
    expect(line).toMatchObject({ amount: -600 });
    expect(line?.notes).toEqual(
      expect.arrayContaining([expect.objectContaining({ unusableHours: 36, cutAtEnd: true })]),
    );
  });
});

describe('Art. 5(2), 20(1), policy model-change-after-notice-restarts-term: a model change accepted after the termination notice', () => {
  // c-br as an 891FJ; notice arrives 2025-08-01 naming 2025-09-30; the change to a C1121-8P is
  // accepted 2025-08-10 and billed from 2025-08-20, so the 1-year term restarts on 2025-08-20 and runs
  // to 2026-08-19. Settlement: 2025-10 .. 2026-07 = 10 × 18,000 + floor(18,000 × 19 / 31) = 180,000 +
  // 11,032 = 191,032 (the first term would have ended 2026-06-30: 9 × 18,000 = 162,000).
  const network = smallNetwork().map((c) =>
    c.type === 'AcceptApplication' && c.data.contractId === 'c-br'
      ? { ...c, data: { ...c.data, deviceModel: 'Cisco 891FJ' } }
      : c,
  );

  it('given the change after the notice, then the settlement runs to the restarted term (191,032) and says why', async () => {
    await l.run(
      ...network,
      cmd('ReceiveTerminationNotice', {
        contractId: 'c-br',
        noticeArrivedOn: '2025-08-01',
        requestedOn: '2025-09-30',
        ground: 'ordinary',
        evidenceRef: null,
      }),
      cmd('AcceptModelChange', {
        contractId: 'c-br',
        changeId: 'mc-1',
        target: { kind: 'device' },
        toModel: 'Cisco C1121-8P',
        fee: 20_000,
        monthlyFee: 18_000,
        acceptedOn: '2025-08-10',
      }),
      cmd('CompleteModelChange', {
        contractId: 'c-br',
        changeId: 'mc-1',
        billingStartOn: '2025-08-20',
        newItemIds: ['dev-c-br-2'],
      }),
      cmd('TerminateContract', { contractId: 'c-br', effectiveOn: '2025-09-30' }),
    );
    const [line] = linesOf(l, '2025-09', 'c-br', 'early-termination');
    expect(line?.amount).toBe(191_032);
    expect(line?.notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'term-restarted-after-notice',
          changeId: 'mc-1',
          termStart: '2025-08-20',
          policy: 'model-change-after-notice-restarts-term',
        }),
      ]),
    );
  });
});

describe('Civil Code art. 142 adopted through the ledger (the policies stream read by every decision)', () => {
  // Known 2026-02-09 10:00 → claimable from 2026-02-10 → 3 months elapse on Sunday 2026-05-10.
  const known = outage('c-br', 'u-9', '2026-02-09T10:00:00+09:00');
  /** The last day to claim recorded on the outage's OutageKnown (a refusal's code otherwise). */
  const lastDay = async (r: Awaited<ReturnType<BillingLedger['ledger']['execute']>>) => {
    if (r.status !== 'accepted') return r.code;
    const read = await l.store.readStream('contract-c-br');
    const known = read.status === 'found' ? read.events.find((e) => e.type === 'OutageKnown') : undefined;
    return (known?.data as { claimWindow: { lastClaimableOn: string } } | undefined)?.claimWindow
      .lastClaimableOn;
  };

  it('given no adoption, then the last day to claim stays on Sunday 2026-05-10', async () => {
    await l.run(...smallNetwork());
    expect(await lastDay(await l.ledger.execute(known))).toBe('2026-05-10');
  });

  it('given staff adopt the shift with Sundays closed from 2026-01-05 (the day it is recorded), then the last day moves to Monday 2026-05-11; a set back-dated to 2026-01-01 is refused', async () => {
    await l.run(...smallNetwork());
    const backdated = await l.ledger.execute(
      cmd('AdoptPolicies', {
        from: '2026-01-01',
        holidayPolicy: { enabled: true, holidays: [], sundays: true },
      }),
    );
    expect(backdated).toMatchObject({ status: 'rejected', code: 'POLICY_BACKDATED' });
    await l.run(
      cmd('AdoptPolicies', {
        from: '2026-01-05',
        holidayPolicy: { enabled: true, holidays: [], sundays: true },
      }),
    );
    expect(await lastDay(await l.ledger.execute(known))).toBe('2026-05-11');
  });
});
