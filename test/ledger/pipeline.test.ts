import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeRecorded, type LedgerEvent } from '../../src/events';
import { steppingClock } from '../../src/ledger/clock';
import { ChainVerifier } from '../../src/ledger/hash-chain';
import { verifyIntegrity } from '../../src/ledger/integrity';
import { Ledger } from '../../src/ledger/ledger';
import { foldFacts, minimumTerms, termInForce } from '../../src/projections';
import { rejectionMessage } from '../../src/render/rejections';
import { type EventStore, MemoryEventStore, SqliteEventStore } from '../../src/store';
import type { Rejection } from '../../src/terms/rejections';
import {
  acceptApplication,
  acceptChild,
  cmd,
  receiveTerminationNotice,
  registerNetwork,
  run,
  startBilling,
} from '../support/commands';
import { pipelineContract } from './pipeline-contract';

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

  it('at the last date a command may name, a fact whose derived dates pass it is refused, every other derived date stays a 4-digit date and every event is valid', async () => {
    await run(
      ledger,
      registerNetwork({ registeredOn: '2199-12-01' }),
      acceptApplication({ acceptedOn: '2199-12-01', termYears: 3 }),
      acceptChild({ acceptedOn: '2199-12-01' }),
      startBilling({ billingStartOn: '2199-12-31' }),
    );
    const head = await store.headPosition();
    // Art. 18: 30 days after the arrival is past the range; policy dates-within-supported-range
    // refuses it when it is recorded (issue 26: its settlement made a line in 2200-01 no read reached).
    expect(await ledger.execute(receiveTerminationNotice({ noticeArrivedOn: '2199-12-31' }))).toMatchObject({
      status: 'rejected',
      code: 'DATE_OUT_OF_RANGE',
      article: 'Policy dates-within-supported-range',
      params: { event: 'TerminationNoticeReceived', path: 'effectiveOn', date: '2200-01-30' },
    });
    expect(await store.headPosition()).toEqual(head);
    expect(await verifyIntegrity(store)).toMatchObject({ ok: true, breaks: [] });
    const events: LedgerEvent[] = [];
    for await (const e of store.readAll()) events.push(decodeRecorded(e, { validate: true }));
    const facts = foldFacts(events);
    // The 3-year term ends in 2202, and on its first day it is running, not completed.
    expect(minimumTerms(facts, { contractId: 'c-parent' }).map((t) => [t.start, t.end])).toEqual([
      ['2199-12-31', '2202-12-30'],
    ]);
    expect(termInForce(facts, 'c-parent', '2199-12-31')?.end).toBe('2202-12-30');
    expect(
      await ledger.execute(startBilling({ contractId: 'c-child', billingStartOn: '2200-01-01' })),
    ).toMatchObject({
      status: 'rejected',
      problems: [{ path: 'data.billingStartOn', message: expect.stringMatching(/out of range/) }],
    });
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

  it('refuses a command id re-used with a different payload', async () => {
    await run(ledger, registerNetwork(), acceptApplication(), acceptChild());
    const billing = startBilling({ billingStartOn: '2025-04-15' });
    await run(ledger, billing);
    const reused = { ...billing, data: { ...billing.data, billingStartOn: '2025-04-20' } };
    expect(await ledger.execute(reused)).toMatchObject({ status: 'rejected', code: 'COMMAND_ID_REUSED' });
  });

  it('refuses a command id its actor re-used on another stream, even after reloading once, without naming that stream', async () => {
    await run(ledger, registerNetwork(), acceptApplication(), acceptChild());
    const billing = startBilling();
    await run(ledger, billing);
    const before = await store.headPosition();
    const elsewhere = { ...billing, data: { contractId: 'c-child', billingStartOn: '2025-04-15' } };
    const refused = await ledger.execute(elsewhere);
    expect(refused).toMatchObject({
      status: 'rejected',
      code: 'COMMAND_ID_REUSED',
      params: { case: 'other-command', commandId: billing.commandId, actor: 'staff:sato' },
    });
    expect(await store.headPosition()).toEqual(before);
    if (refused.status !== 'rejected') throw new Error('accepted');
    const rejection = { code: refused.code, params: refused.params, cite: refused.citation } as Rejection;
    const said = [
      JSON.stringify(refused),
      rejectionMessage('en', rejection),
      rejectionMessage('ja', rejection),
    ];
    for (const text of said) expect(text).not.toMatch(/c-parent|contract-/);
    // Another actor's command with that id is another command: decided on its own.
    expect(await ledger.execute({ ...elsewhere, actor: 'staff:tanaka' })).toMatchObject({
      status: 'accepted',
      repeated: false,
      eventsWritten: 1,
    });
  });
});

pipelineContract('memory', async () => new MemoryEventStore());
pipelineContract('SQLite', async () => sqlite());
pipelineContract('SQLite, every stream folded whole (no stream cache)', async () => sqlite(), {
  ledger: { streamCacheSize: 0 },
});
