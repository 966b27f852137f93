/**
 * The outbox of an SQLite ledger: a fact's deliveries are written in the append's own transaction,
 * worked out from the views before and after it. Given the demo closed through 2025-10 and
 * subscriptions added afterwards:
 *  - a late configuration job of October announces charges-changed (2025-10) and adjustment-recorded
 *    (what October's line now owes);
 *  - a one-time cost of November announces charges-changed only (November is open);
 *  - a fact that changes no charge announces nothing; facts before a subscription, nothing to it;
 *  - a close announces month-closed with its totals and seal;
 *  - a command rolled back leaves no delivery; views that cannot tell announce `exact: false`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeMonth } from '../../src/billing/close';
import { steppingClock } from '../../src/ledger/clock';
import { Ledger } from '../../src/ledger/ledger';
import { type OpenedLedger, openLedger } from '../../src/ledger/open';
import { WebhookBody, type WebhookKind } from '../../src/webhooks';
import { closeCommand, demoClosedThroughOctober, testKey } from '../support/billing';
import { cmd } from '../support/commands';

let dir: string;
let path: string;
let opened: OpenedLedger;
let ledger: Ledger;

const subscribe = (id: string, kinds: WebhookKind[]) =>
  opened.store.local!.exclusive(() =>
    opened.webhooks!.add({
      id,
      url: 'http://127.0.0.1:9/hook',
      kinds,
      secret: `whsec_${id}`,
      label: null,
      createdAt: '2026-02-02T00:00:00Z',
      from: opened.store.local!.headSync(),
    }),
  );

const outbox = (subscriptionId?: string) =>
  (
    opened
      .webhooks!.db.prepare(
        `SELECT subscription_id, kind, position, body FROM webhook_outbox ${subscriptionId ? 'WHERE subscription_id = ?' : ''} ORDER BY seq`,
      )
      .all(...(subscriptionId ? [subscriptionId] : [])) as { kind: string; body: string }[]
  ).map((r) => WebhookBody.parse(JSON.parse(r.body)));

const run = async (...commands: ReturnType<typeof cmd>[]) => {
  for (const c of commands) {
    const r = await ledger.execute(c);
    expect(r.status === 'accepted' ? r.status : r).toBe('accepted');
  }
};

const lateJob = () => [
  cmd('InstructConfigurationChange', {
    contractId: 'c-nagoya',
    jobId: 'job-late',
    instructedBy: 'acme',
    instructedAt: '2025-10-20T09:00:00+09:00',
    description: 'late',
  }),
  cmd('PerformConfigurationChange', {
    contractId: 'c-nagoya',
    jobId: 'job-late',
    startedAt: '2025-10-21T10:00:00+09:00',
    itemIds: ['dev-nagoya-2'],
  }),
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-outbox-'));
  path = join(dir, 'ledger.db');
  const seeded = await demoClosedThroughOctober(path, {
    recordedFrom: '2026-01-01T00:00:00Z',
    closedAt: '2026-02-01T00:00:00Z',
  });
  await seeded.store.close();
});

beforeEach(async () => {
  opened = await openLedger({ kind: 'sqlite', path }, { access: 'write' });
  ledger = new Ledger({ store: opened.store, clock: steppingClock('2026-02-03T00:00:00Z') });
});

afterEach(async () => {
  await opened.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the outbox written with the facts', () => {
  it('announces what each fact changed, to the subscriptions that want it, from when they were added', async () => {
    subscribe('wh_all', ['month-closed', 'charges-changed', 'adjustment-recorded']);
    subscribe('wh_closes', ['month-closed']);
    // Nothing before the subscriptions is announced; a traffic measurement changes no charge.
    await run(
      cmd('RecordTrafficMeasurement', {
        contractId: 'c-tokyo-hq',
        measurementId: 'tm-1',
        measuredOn: '2026-01-15',
        peakUtilisationPercent: 40,
      }),
    );
    expect(outbox()).toEqual([]);

    await run(...lateJob());
    await run(
      cmd('RecordOneTimeCost', {
        contractId: 'c-sapporo',
        costId: 'travel-nov',
        cost: 'travel',
        amount: 12_000,
        incurredOn: '2025-11-04',
        description: 'Engineer travel',
      }),
    );
    const all = outbox('wh_all');
    expect(all.map((b) => [b.kind, b.event.type, 'contractId' in b.data ? b.data.contractId : null])).toEqual(
      [
        ['charges-changed', 'ConfigurationChangePerformed', 'c-nagoya'],
        ['adjustment-recorded', 'ConfigurationChangePerformed', 'c-nagoya'],
        ['charges-changed', 'OneTimeCostRecorded', 'c-sapporo'],
      ],
    );
    const [nagoya, adjustment, sapporo] = all;
    expect(nagoya!.data).toEqual({
      contractId: 'c-nagoya',
      exact: true,
      firstMonth: '2025-10',
      lastMonth: '2025-10',
      lineMonths: ['2025-10'],
    });
    expect(adjustment!.data).toMatchObject({
      contractId: 'c-nagoya',
      exact: true,
      adjustments: [{ month: '2025-10', billTo: 'acme' }],
    });
    const owed = (adjustment!.data as { adjustments: { amount: number; lineId: string }[] }).adjustments[0]!;
    expect(owed.amount).toBeGreaterThan(0);
    expect(owed.lineId).toMatch(/^c-nagoya:2025-10:config-change/);
    // The adjustment announced is the one the views owe.
    expect(opened.views!.closes.pending('c-nagoya').map((p) => [p.lineId, p.amount])).toEqual([
      [owed.lineId, owed.amount],
    ]);
    expect(sapporo!.data).toMatchObject({
      firstMonth: '2025-11',
      lastMonth: '2025-11',
      lineMonths: ['2025-11'],
    });
    // Each delivery names itself, its subscription and the position of the fact it announces.
    expect(nagoya!.deliveryId).toBe(`wh_all/${nagoya!.position}/charges-changed`);
    expect(outbox('wh_closes')).toEqual([]);

    const closed = await closeMonth(closeCommand('2025-11'), {
      store: opened.store,
      views: opened.views!,
      viewsInline: true,
      clock: () => '2026-02-04T00:00:00Z',
      key: testKey(),
    });
    expect(closed.status).toBe('accepted');
    if (closed.status !== 'accepted') return;
    const [close] = outbox('wh_closes');
    expect(close).toMatchObject({
      kind: 'month-closed',
      subscriptionId: 'wh_closes',
      event: { type: 'MonthClosed', stream: 'billing-2025-11' },
      data: {
        month: '2025-11',
        closeId: closed.close.closeId,
        closedBy: 'staff:sato',
        total: closed.close.total,
        lines: closed.close.lines.length,
        seal: { digest: closed.close.seal.digest },
      },
    });
    expect(outbox('wh_all').map((b) => b.kind)).toEqual([
      'charges-changed',
      'adjustment-recorded',
      'charges-changed',
      'month-closed',
    ]);
  });

  it('writes nothing for a command whose transaction rolls back', async () => {
    const before = outbox().length;
    const log = opened.store.local!;
    const tx = log.begin();
    tx.savepoint();
    await ledger.execute(
      cmd('RecordOneTimeCost', {
        contractId: 'c-tokyo-hq',
        costId: 'travel-rolled-back',
        cost: 'travel',
        amount: 5_000,
        incurredOn: '2025-12-02',
        description: 'never',
      }),
    );
    expect(outbox().length).toBe(before + 1);
    tx.rollbackToSavepoint();
    tx.rollback();
    opened.forget();
    expect(outbox().length).toBe(before);
  });

  it('announces a fact the views could not follow as inexact: charges may have changed', async () => {
    opened.store.local!.exclusive(() => opened.views!.markStale('a test marks the views stale'));
    const before = outbox('wh_all').length;
    await run(
      cmd('RecordOneTimeCost', {
        contractId: 'c-tokyo-hq',
        costId: 'travel-stale',
        cost: 'travel',
        amount: 7_000,
        incurredOn: '2025-12-03',
        description: 'while the views were stale',
      }),
    );
    const added = outbox('wh_all').slice(before);
    expect(added.map((b) => [b.kind, b.data])).toEqual([
      [
        'charges-changed',
        { contractId: 'c-tokyo-hq', exact: false, firstMonth: null, lastMonth: null, lineMonths: [] },
      ],
      ['adjustment-recorded', { contractId: 'c-tokyo-hq', exact: false, adjustments: [] }],
    ]);
  });
});
