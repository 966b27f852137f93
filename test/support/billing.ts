/**
 * Billing in tests: a ledger on SQLite (in memory, views inline), month closes at fixed instants,
 * and a fixed seal key (a test key, known to everyone: never use it for a real ledger).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeMonth } from '../../src/billing/close';
import { sealLog } from '../../src/billing/seal-log';
import { steppingClock } from '../../src/ledger/clock';
import { Ledger } from '../../src/ledger/ledger';
import { privateKeyFrom, publicKeyFrom } from '../../src/ledger/seal';
import { billedMonthFromViews } from '../../src/read';
import { renderer } from '../../src/render';
import type { SqliteEventStore } from '../../src/store';
import type { ViewsDb } from '../../src/views/views-db';
import { cmd, type Envelope } from './commands';
import { sqliteLedger } from './ledger';

export const TEST_PRIVATE_PEM = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEILdOhYtBLW29gc7d6VTdBXBrxKtSmZWqAgF34RRbj4n5
-----END PRIVATE KEY-----
`;
export const TEST_PUBLIC_PEM = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAah9odxJDjSCsl7lgjUbb1xCT6GZNqVgtCMOnboO1el0=
-----END PUBLIC KEY-----
`;
export const testKey = () => privateKeyFrom(TEST_PRIVATE_PEM, 'the test key');
export const testPublicKey = () => publicKeyFrom(TEST_PUBLIC_PEM, 'the test key');

export const closeCommand = (month: string, commandId = `close-${month}`, actor = 'staff:sato') => ({
  type: 'CloseMonth',
  commandId,
  actor,
  data: { month },
});

/** The demo history's command lines. */
export const demoCommands = (): Envelope[] =>
  readFileSync(join(__dirname, '..', '..', 'examples', 'demo.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => JSON.parse(l) as Envelope);

export interface BillingLedger {
  /** From now on the ledger records commands at `instant` (one second apart). */
  at(instant: string): void;
  readonly store: SqliteEventStore;
  readonly views: ViewsDb;
  readonly ledger: Ledger;
  /** Runs commands, failing loudly on a rejection. */
  run(...commands: Envelope[]): Promise<void>;
  /** Closes `month` at instant `at` (the injected clock), failing loudly on a refusal. */
  close(
    month: string,
    at: string,
  ): Promise<Extract<Awaited<ReturnType<typeof closeMonth>>, { status: 'accepted' }>>;
  /** The close as the service answers it, refusal included. */
  tryClose(input: unknown, at: string): ReturnType<typeof closeMonth>;
  seal(at: string): ReturnType<typeof sealLog>;
  /** The month as billed, from the views. */
  month(month: string, contractId?: string): ReturnType<typeof billedMonthFromViews>;
}

/** A ledger in memory whose appends are recorded at `recordedFrom` on, one minute apart. */
export function billingLedger(recordedFrom = '2026-01-05T00:00:00Z', path = ':memory:'): BillingLedger {
  const { store, views } = sqliteLedger(path);
  let clock = steppingClock(recordedFrom, 60_000);
  const ledger = new Ledger({ store, clock: () => clock() });
  const key = testKey();
  const tryClose = (input: unknown, at: string) =>
    closeMonth(input, { store, views, viewsInline: true, clock: () => at, key });
  return {
    at: (instant) => {
      clock = steppingClock(instant, 1_000);
    },
    store,
    views,
    ledger,
    run: async (...commands) => {
      for (const c of commands) {
        const r = await ledger.execute(c);
        if (r.status !== 'accepted')
          throw new Error(`${c.type} ${c.commandId} rejected: ${r.code} ${renderer('en').resultMessage(r)}`);
      }
    },
    close: async (month, at) => {
      const r = await tryClose(closeCommand(month), at);
      if (r.status !== 'accepted')
        throw new Error(`close ${month} refused: ${r.code} ${renderer('en').resultMessage(r)}`);
      return r;
    },
    tryClose,
    seal: (at) => sealLog({ actor: 'staff:sato' }, { store, views, viewsInline: true, clock: () => at, key }),
    month: (month, contractId) => billedMonthFromViews(views, month, contractId),
  };
}

/**
 * A small network: parent c-hq (holder acme, 30,000 yen a month) and child c-br (acme-branch,
 * 18,000 yen a month), 1-year terms, accepted and billed from 2025-07-01; 7 events.
 */
export const smallNetwork = (): Envelope[] => [
  cmd('RegisterNetwork', {
    networkId: 'n-1',
    parentContractId: 'c-hq',
    parentHolderId: 'acme',
    item: 'single-star-single-edge',
    registeredOn: '2025-07-01',
  }),
  ...(['c-hq', 'c-br'] as const).map((contractId) =>
    cmd('AcceptApplication', {
      contractId,
      networkId: 'n-1',
      contractType: contractId === 'c-hq' ? 'parent' : 'child',
      contractorId: contractId === 'c-hq' ? 'acme' : 'acme-branch',
      item: 'single-star-single-edge',
      deviceModel: 'Cisco C1121-8P',
      deviceItemIds: [`dev-${contractId}`],
      maintenanceType: 'type-2',
      termYears: 1,
      site: { country: 'JP', text: 'Tokyo' },
      lanSubnets: [contractId === 'c-hq' ? '192.168.10.0/24' : '192.168.20.0/24'],
      initialFee: 0,
      monthlyFee: contractId === 'c-hq' ? 30_000 : 18_000,
      onSiteInstallation: null,
      acceptedOn: '2025-07-01',
    }),
  ),
  cmd('StartBilling', { contractId: 'c-hq', billingStartOn: '2025-07-01' }),
  cmd('StartBilling', { contractId: 'c-br', billingStartOn: '2025-07-01' }),
];

/**
 * The demo history recorded from `recordedFrom` (one second a command), then its months closed
 * through 2025-10 at `closedAt`, on an SQLite ledger at `path` with inline views (the caller closes
 * its store). Every command must be accepted (`expect` by the caller's jest).
 */
export async function demoClosedThroughOctober(
  path: string,
  at: { readonly recordedFrom: string; readonly closedAt: string },
): Promise<{ store: SqliteEventStore; views: ViewsDb; ledger: Ledger }> {
  const { store, views } = sqliteLedger(path);
  const ledger = new Ledger({ store, clock: steppingClock(at.recordedFrom) });
  for (const line of demoCommands()) expect((await ledger.execute(line)).status).toBe('accepted');
  for (const month of [
    '2025-03',
    '2025-04',
    '2025-05',
    '2025-06',
    '2025-07',
    '2025-08',
    '2025-09',
    '2025-10',
  ]) {
    const r = await closeMonth(closeCommand(month), {
      store,
      views,
      viewsInline: true,
      clock: () => at.closedAt,
      key: testKey(),
    });
    expect(r.status).toBe('accepted');
  }
  return { store, views, ledger };
}

/**
 * The demo closed through 2025-10 (demoClosedThroughOctober), then a configuration job of October
 * recorded after October's close (an adjustment is owed).
 */
export async function demoClosedWithLateJob(
  path: string,
): Promise<{ store: SqliteEventStore; views: ViewsDb }> {
  const { store, views, ledger } = await demoClosedThroughOctober(path, {
    recordedFrom: '2026-01-01T00:00:00Z',
    closedAt: '2026-02-01T00:00:00Z',
  });
  for (const late of [
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
  ])
    expect((await ledger.execute(late)).status).toBe('accepted');
  return { store, views };
}
