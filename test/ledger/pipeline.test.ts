import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { steppingClock } from '../../src/ledger/clock';
import { ChainVerifier } from '../../src/ledger/hash-chain';
import { eventIdFor, Ledger } from '../../src/ledger/ledger';
import { type EventStore, MemoryEventStore, SqliteEventStore } from '../../src/store';
import {
  acceptApplication,
  acceptChild,
  cmd,
  receiveTerminationNotice,
  registerNetwork,
  run,
  startBilling,
} from '../support/commands';

const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-pipeline-'));
let n = 0;
const sqlite = () => new SqliteEventStore({ path: join(dir, `p${n++}.db`) });
const ledgerOn = (store: EventStore) => new Ledger({ store, clock: steppingClock('2025-04-01T00:00:00Z') });

describe('the command pipeline, end to end on SQLite', () => {
  let store: SqliteEventStore;
  let ledger: Ledger;
  beforeEach(() => {
    store = sqlite();
    ledger = ledgerOn(store);
  });
  afterEach(() => store.close());

  it('records a network, its parent contract, billing start and a termination notice with full envelopes', async () => {
    await run(ledger, registerNetwork(), acceptApplication(), acceptChild(), startBilling());
    const notice = await ledger.execute(
      receiveTerminationNotice({ noticeArrivedOn: '2025-09-01', requestedOn: '2025-09-15' }),
    );
    expect(notice).toMatchObject({
      status: 'accepted',
      events: [{ type: 'TerminationNoticeReceived', revision: 2n }],
    });

    const network = await store.readStream('network-n-1');
    expect(network.status === 'found' && network.events.map((e) => e.type)).toEqual([
      'NetworkRegistered',
      'SiteJoined',
      'SiteJoined',
    ]);
    const contract = await store.readStream('contract-c-parent');
    if (contract.status !== 'found') throw new Error('contract stream missing');
    expect(contract.events.map((e) => e.type)).toEqual([
      'ApplicationAccepted',
      'BillingStarted',
      'TerminationNoticeReceived',
    ]);
    // Art. 18: the later of arrival + 30 days (2025-10-01) and the requested date (2025-09-15).
    expect(contract.events[2]!.data).toMatchObject({ effectiveOn: '2025-10-01', ground: 'ordinary' });
    const meta = contract.events[0]!.metadata;
    expect(meta).toMatchObject({
      commandType: 'AcceptApplication',
      actor: 'staff:sato',
      occurredAt: '2025-04-01T00:00:00+09:00',
      edition: '2024-08-01',
      // v2: ApplicationAccepted records the provider catalog edition its decision used.
      schemaVersion: 2,
      prevHash: null,
    });
    expect(contract.events[1]!.metadata.prevHash).toBe(meta.hash);
    const verifier = new ChainVerifier('contract-c-parent');
    expect(contract.events.map((e) => verifier.check(e))).toEqual([null, null, null]);
  });

  it('rejects a rule-breaking command with code, article and sentence, and writes nothing', async () => {
    await run(ledger, registerNetwork(), acceptApplication());
    const before = await store.headPosition();
    const result = await ledger.execute(startBilling({ billingStartOn: '2025-03-31' }));
    expect(result).toMatchObject({
      status: 'rejected',
      code: 'BILLING_BEFORE_ACCEPTANCE',
      article: 'Art. 19',
      field: 'billingStartOn',
    });
    expect(await store.headPosition()).toEqual(before);
  });

  it.each([
    [
      'a missing field',
      { ...acceptApplication(), data: { ...acceptApplication().data, monthlyFee: undefined } },
      'data.monthlyFee',
    ],
    ['an extra field', { ...startBilling(), data: { ...startBilling().data, discount: 5 } }, 'data'],
    ['a wrong type', startBilling({ billingStartOn: 20250401 }), 'data.billingStartOn'],
    ['an impossible date', startBilling({ billingStartOn: '2025-02-30' }), 'data.billingStartOn'],
    ['a malformed date', startBilling({ billingStartOn: '1/4/2025' }), 'data.billingStartOn'],
    ['negative yen', acceptApplication({ monthlyFee: -1 }), 'data.monthlyFee'],
    ['fractional yen', acceptApplication({ initialFee: 100.5 }), 'data.initialFee'],
    ['an unknown command type', cmd('ApproveDiscount', {}), 'type'],
    ['a missing command id', { type: 'StartBilling', actor: 'x', data: {} }, 'commandId'],
  ])('rejects %s naming the field, and the global position does not move', async (_label, input, path) => {
    await run(ledger, registerNetwork(), acceptApplication());
    const before = await store.headPosition();
    const result = await ledger.execute(input);
    expect(result.status).toBe('rejected');
    if (result.status !== 'rejected') return;
    expect(result.code).toBe('INVALID_COMMAND');
    expect(result.problems?.map((p) => p.path)).toContain(path);
    expect(await store.headPosition()).toEqual(before);
  });

  it('rejects a command on a contract that does not exist', async () => {
    await run(ledger, registerNetwork());
    const before = await store.headPosition();
    expect(await ledger.execute(startBilling({ contractId: 'c-nobody' }))).toMatchObject({
      status: 'rejected',
      code: 'CONTRACT_NOT_FOUND',
    });
    expect(await store.headPosition()).toEqual(before);
  });

  it('answers a repeated command id with the first result and writes nothing', async () => {
    await run(ledger, registerNetwork());
    const accept = acceptApplication();
    const first = await ledger.execute(accept);
    const head = await store.headPosition();
    const again = await ledger.execute(accept);
    expect(again).toMatchObject({ status: 'accepted', repeated: true });
    expect(again.status === 'accepted' && again.events).toEqual(first.status === 'accepted' && first.events);
    expect(await store.headPosition()).toEqual(head);
  });

  it('refuses a command id re-used with a different payload', async () => {
    await run(ledger, registerNetwork(), acceptApplication(), acceptChild());
    const billing = startBilling({ billingStartOn: '2025-04-15' });
    await run(ledger, billing);
    const reused = { ...billing, data: { ...billing.data, billingStartOn: '2025-04-20' } };
    expect(await ledger.execute(reused)).toMatchObject({ status: 'rejected', code: 'COMMAND_ID_REUSED' });
  });

  it('refuses a command id re-used on another stream, even after reloading once', async () => {
    await run(ledger, registerNetwork(), acceptApplication(), acceptChild());
    const billing = startBilling();
    await run(ledger, billing);
    const before = await store.headPosition();
    const elsewhere = { ...billing, data: { contractId: 'c-child', billingStartOn: '2025-04-15' } };
    expect(await ledger.execute(elsewhere)).toMatchObject({ status: 'rejected', code: 'COMMAND_ID_REUSED' });
    expect(await store.headPosition()).toEqual(before);
  });

  it('derives event ids from the command id, so a retry yields the same ids', async () => {
    await run(ledger, registerNetwork());
    const accept = acceptApplication();
    const result = await ledger.execute(accept);
    expect(result.status === 'accepted' && result.events.map((e) => e.eventId)).toEqual([
      eventIdFor(accept.commandId, 0),
      eventIdFor(accept.commandId, 1),
    ]);
  });

  it('completes a cross-stream command whose first attempt stopped after the network append', async () => {
    await run(ledger, registerNetwork());
    const accept = acceptApplication();
    // Simulate a crash between the two appends: the network event lands, the contract one does not.
    const realAppend = store.appendToStream.bind(store);
    const spy = jest.spyOn(store, 'appendToStream').mockImplementation(async (stream, events, options) => {
      if (stream.startsWith('contract-')) throw new Error('crash');
      return realAppend(stream, events, options);
    });
    await expect(ledger.execute(accept)).rejects.toThrow('crash');
    spy.mockRestore();
    const retried = await ledger.execute(accept);
    expect(retried).toMatchObject({
      status: 'accepted',
      events: [{ type: 'SiteJoined' }, { type: 'ApplicationAccepted' }],
    });
    const network = await store.readStream('network-n-1');
    expect(network.status === 'found' && network.events.map((e) => e.type)).toEqual([
      'NetworkRegistered',
      'SiteJoined',
    ]);
  });
});

describe('concurrency through the pipeline', () => {
  it("two notices racing: the loser is re-decided on the winner's state and refused by Art. 18", async () => {
    const store = new MemoryEventStore();
    const a = ledgerOn(store);
    const b = ledgerOn(store);
    await run(a, registerNetwork(), acceptApplication(), acceptChild(), startBilling());
    // Both read revision 1 of the contract stream; the second append conflicts and is retried.
    const results = await Promise.all([
      a.execute(
        cmd('ReceiveTerminationNotice', {
          contractId: 'c-parent',
          noticeArrivedOn: '2025-09-01',
          requestedOn: null,
          ground: 'ordinary',
          evidenceRef: null,
        }),
      ),
      b.execute(
        cmd('ReceiveTerminationNotice', {
          contractId: 'c-parent',
          noticeArrivedOn: '2025-09-02',
          requestedOn: null,
          ground: 'ordinary',
          evidenceRef: null,
        }),
      ),
    ]);
    // Art. 18 allows one notice: the loser, re-deciding on the winner's state, is refused by the rule.
    expect(results.map((r) => r.status).sort()).toEqual(['accepted', 'rejected']);
    const loser = results.find((r) => r.status === 'rejected');
    expect(loser).toMatchObject({ code: 'TERMINATION_ALREADY_NOTIFIED' });
    const winner = results.find((r) => r.status === 'accepted');
    expect(winner?.status === 'accepted' && winner.attempts).toBe(1);
  });

  it('retries on a wrong expected version and lands every racing command', async () => {
    const store = new MemoryEventStore();
    const ledgers = [ledgerOn(store), ledgerOn(store), ledgerOn(store)];
    await run(ledgers[0]!, registerNetwork({ childSiteLimit: 10 }), acceptApplication());
    const children = ledgers.map((l, i) =>
      l.execute(
        acceptApplication({
          contractId: `c-child-${i}`,
          contractType: 'child',
          contractorId: `branch-${i}`,
          deviceItemIds: [`dev-c-${i}`],
          lanSubnets: [`10.${i}.0.0/16`],
        }),
      ),
    );
    const results = await Promise.all(children);
    expect(results.every((r) => r.status === 'accepted')).toBe(true);
    expect(results.some((r) => r.status === 'accepted' && r.attempts > 1)).toBe(true);
    const network = await store.readStream('network-n-1');
    const joined = network.status === 'found' ? network.events.filter((e) => e.type === 'SiteJoined') : [];
    expect(joined.map((e) => e.data.contractId).sort()).toEqual([
      'c-child-0',
      'c-child-1',
      'c-child-2',
      'c-parent',
    ]);
  });
});
