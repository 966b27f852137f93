import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSIONS } from '../../src/events';
import { eventHash } from '../../src/ledger/hash-chain';
import { verifyIntegrity } from '../../src/ledger/integrity';
import { breakText } from '../../src/render/integrity';
import { MemoryEventStore, SqliteEventStore } from '../../src/store';
import { application, LedgerLog } from '../support/ledger-events';

const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-integrity-'));
let files = 0;

/**
 * Global positions: 1..3 on network-n-1 (the network, the two sites' reservations), 4..7 on
 * contract-c-1 (revisions 0..3), 8..9 on contract-c-2 (0..1), 10 on contract-c-1 (revision 4).
 * The fault description 'router XYZZY' appears once in the file.
 */
const writeLedger = async (): Promise<string> => {
  const log = new LedgerLog();
  const n1 = log.network('n-1');
  n1.add('NetworkRegistered', {
    networkId: 'n-1',
    parentContractId: 'c-1',
    parentHolderId: 'acme',
    item: 'single-star-single-edge',
    childSiteLimit: 10,
    registeredOn: '2025-04-01',
  });
  // Each site's reservation and its contract's acceptance are written by one command.
  const site = (contractId: string, contractType: 'parent' | 'child', commandId: string) =>
    n1.add(
      'SiteJoined',
      {
        contractId,
        contractType,
        item: 'single-star-single-edge',
        contractorId: 'acme',
        lanSubnets: [],
        joinedOn: '2025-04-01',
      },
      { commandId },
    );
  site('c-1', 'parent', 'accept-c-1');
  site('c-2', 'child', 'accept-c-2');
  const c1 = log.contract('c-1');
  c1.add('ApplicationAccepted', application({ contractId: 'c-1' }), { commandId: 'accept-c-1' });
  c1.add('BillingStarted', { outagesCounted: [], billingStartOn: '2025-04-15' });
  c1.add('FaultReported', {
    faultId: 'f-1',
    itemId: 'c-1-dev-1',
    reportedAt: '2025-05-01T10:00:00+09:00',
    description: 'router XYZZY',
  });
  c1.add('FaultInvestigated', {
    faultId: 'f-1',
    outcome: 'no-fault-found',
    quotedCost: 15_000,
    investigatedOn: '2025-05-02',
  });
  const c2 = log.contract('c-2');
  c2.add('ApplicationAccepted', application({ contractId: 'c-2', contractType: 'child' }), {
    commandId: 'accept-c-2',
  });
  c2.add('BillingStarted', { outagesCounted: [], billingStartOn: '2025-04-15' });
  c1.add('FaultResolved', {
    faultId: 'f-1',
    resolution: 'repaired',
    replacement: null,
    resolvedOn: '2025-05-03',
  });
  const path = join(dir, `ledger-${files++}.db`);
  const store = new SqliteEventStore({ path });
  await log.appendTo(store);
  await store.close();
  return path;
};

const check = async (path: string) => {
  const store = new SqliteEventStore({ path });
  try {
    return await verifyIntegrity(store);
  } finally {
    await store.close();
  }
};

const tamper = (path: string, sql: string) => {
  const db = new Database(path);
  db.exec(sql);
  db.close();
};

describe('verifyIntegrity', () => {
  it('passes an intact log', async () => {
    expect(await check(await writeLedger())).toEqual({
      ok: true,
      eventsChecked: 10,
      streams: 3,
      breaks: [],
      // No seal in this log: nothing is sealed yet.
      seals: { checked: 0, published: 0, signatures: 'not-checked', lastHolding: null, eventsAfter: 10 },
      // No views given, no export to check.
      views: null,
      exports: 0,
    });
  });

  it('finds one byte changed in the file', async () => {
    const path = await writeLedger();
    // Page splits leave stale copies of cells in free space; rewrite the file with freed space
    // zeroed so that the one copy left is the live row.
    tamper(path, 'PRAGMA secure_delete = ON; VACUUM;');
    const bytes = readFileSync(path);
    const at = bytes.indexOf('router XYZZY');
    expect(at).toBeGreaterThan(0);
    expect(bytes.indexOf('router XYZZY', at + 1)).toBe(-1);
    bytes[at + 'router XYZ'.length] = 'Q'.charCodeAt(0);
    writeFileSync(path, bytes);

    const report = await check(path);
    expect(report.ok).toBe(false);
    expect(report.eventsChecked).toBe(10);
    // Only the first broken link of contract-c-1 is reported; contract-c-2 is intact.
    expect(report.breaks).toEqual([
      expect.objectContaining({
        streamId: 'contract-c-1',
        revision: 2n,
        globalPosition: 6n,
        problem: 'hash-mismatch',
      }),
    ]);
  });

  it('finds a deleted row: a gap in the global log and in its stream', async () => {
    const path = await writeLedger();
    tamper(path, 'DELETE FROM events WHERE global_position = 5');
    const report = await check(path);
    expect(report.breaks.map((b) => [b.streamId, b.revision, b.globalPosition, b.problem])).toEqual([
      [null, null, 6n, 'global-position-gap'],
      ['contract-c-1', 2n, 6n, 'revision-gap'],
    ]);
  });

  it('finds a row deleted from the end of the log', async () => {
    const path = await writeLedger();
    tamper(path, 'DELETE FROM events WHERE global_position = 10');
    const report = await check(path);
    expect(report.breaks).toEqual([
      expect.objectContaining({ problem: 'global-position-gap', globalPosition: 10n }),
    ]);
  });

  it('finds two swapped rows', async () => {
    const path = await writeLedger();
    tamper(
      path,
      `UPDATE events SET global_position = -1 WHERE global_position = 6;
       UPDATE events SET global_position = 6 WHERE global_position = 7;
       UPDATE events SET global_position = 7 WHERE global_position = -1;`,
    );
    const report = await check(path);
    expect(report.breaks).toEqual([
      expect.objectContaining({
        streamId: 'contract-c-1',
        revision: 3n,
        globalPosition: 6n,
        problem: 'revision-gap',
      }),
    ]);
  });

  it('finds a row whose JSON no longer parses', async () => {
    const path = await writeLedger();
    tamper(path, `UPDATE events SET data = substr(data, 2) WHERE global_position = 9`);
    const report = await check(path);
    expect(report.breaks).toEqual([
      expect.objectContaining({ streamId: 'contract-c-2', revision: 1n, problem: 'unreadable' }),
    ]);
  });

  it.each([
    ['null data', `UPDATE events SET data = 'null' WHERE global_position = 9`, /stored data is null/],
    ['a number as data', `UPDATE events SET data = '42' WHERE global_position = 9`, /stored data is 42/],
    [
      'null metadata',
      `UPDATE events SET metadata = 'null' WHERE global_position = 9`,
      /stored metadata is null/,
    ],
  ])('reports %s as unreadable instead of throwing', async (_label, sql, detail) => {
    const path = await writeLedger();
    tamper(path, sql);
    const report = await check(path);
    expect(report.breaks).toEqual([
      expect.objectContaining({ streamId: 'contract-c-2', revision: 1n, problem: 'unreadable' }),
    ]);
    expect(breakText('en', report.breaks[0]!.reason, report.breaks[0]!)).toMatch(detail);
  });

  it("compares the store's event id with the event's own id (which the hash covers)", async () => {
    const path = await writeLedger();
    tamper(
      path,
      `UPDATE events SET event_id = '00000000-0000-4000-8000-00000000beef' WHERE global_position = 8`,
    );
    const report = await check(path);
    expect(report.breaks).toEqual([
      expect.objectContaining({
        streamId: 'contract-c-2',
        revision: 0n,
        globalPosition: 8n,
        problem: 'event-id-mismatch',
      }),
    ]);
    expect(breakText('en', report.breaks[0]!.reason, report.breaks[0]!)).toContain(
      '00000000-0000-4000-8000-00000000beef',
    );
  });

  it("checks every site's reservation against its contract: orphans, mismatches, contracts without a place", async () => {
    const log = new LedgerLog();
    const n = log.network('n-2');
    n.add('NetworkRegistered', {
      networkId: 'n-2',
      parentContractId: 'p',
      parentHolderId: 'acme',
      item: 'single-star-single-edge',
      childSiteLimit: 10,
      registeredOn: '2025-04-01',
    });
    const site = (contractId: string, commandId: string, actor = 'staff:sato') =>
      n.add(
        'SiteJoined',
        {
          contractId,
          contractType: 'child',
          item: 'single-star-single-edge',
          contractorId: 'b',
          lanSubnets: [],
          joinedOn: '2025-04-01',
        },
        { commandId, actor },
      );
    const contract = (contractId: string, commandId: string, actor = 'staff:sato') =>
      log
        .contract(contractId)
        .add('ApplicationAccepted', application({ contractId, networkId: 'n-2', contractType: 'child' }), {
          commandId,
          actor,
        });
    site('orphan', 'accept-orphan'); // its command stopped between its two appends
    site('mine', 'accept-mine-1');
    contract('mine', 'accept-mine-2'); // reserved by one command, accepted by another
    contract('placeless', 'accept-placeless'); // no reservation at all
    // A command id is its actor's: the same id from two actors is two commands.
    site('shared', 'accept-shared', 'staff:sato');
    contract('shared', 'accept-shared', 'staff:tanaka');
    const stale = site('voided', 'accept-voided-1'); // voided, then reserved and accepted anew: fine
    n.add('SiteReservationVoided', {
      contractId: 'voided',
      reservedBy: stale.metadata.commandId,
      voidedOn: '2025-04-02',
    });
    site('voided', 'accept-voided-2');
    contract('voided', 'accept-voided-2');
    const store = new MemoryEventStore();
    await log.appendTo(store);
    const report = await verifyIntegrity(store);
    expect(report.breaks.map((b) => [b.streamId, b.revision, b.problem])).toEqual([
      ['network-n-2', 1n, 'orphan-reservation'],
      ['network-n-2', 2n, 'reservation-mismatch'],
      ['network-n-2', 3n, 'reservation-mismatch'],
      ['contract-placeless', 0n, 'contract-without-reservation'],
    ]);
    expect(breakText('en', report.breaks[0]!.reason, report.breaks[0]!)).toMatch(
      /staff:sato's command accept-orphan, but contract orphan was never written: re-run that command/,
    );
    expect(breakText('en', report.breaks[2]!.reason, report.breaks[2]!)).toBe(
      "site shared is reserved by staff:sato's command accept-shared, but its contract was accepted by staff:tanaka's command accept-shared",
    );
  });

  it('finds an event that breaks its schema even with a correct hash chain', async () => {
    const store = new MemoryEventStore();
    const log = new LedgerLog();
    const accepted = log.contract('c-9').add('ApplicationAccepted', application({ contractId: 'c-9' }));
    await log.appendTo(store);
    const data = { billingStartOn: '2025-02-30' };
    const metadata = {
      ...accepted.metadata,
      eventId: '00000000-0000-4000-8000-0000000000ff',
      schemaVersion: SCHEMA_VERSIONS.BillingStarted,
      prevHash: accepted.metadata.hash,
    };
    metadata.hash = eventHash({
      streamId: 'contract-c-9',
      revision: 1n,
      type: 'BillingStarted',
      data,
      metadata,
    });
    await store.appendToStream(
      'contract-c-9',
      [{ id: metadata.eventId, type: 'BillingStarted', data, metadata }],
      {
        expectedRevision: 0n,
      },
    );
    const report = await verifyIntegrity(store);
    expect(report.breaks).toEqual([
      expect.objectContaining({ streamId: 'contract-c-9', revision: 1n, problem: 'schema-invalid' }),
    ]);
    expect(breakText('en', report.breaks[0]!.reason, report.breaks[0]!)).toMatch(/calendar date/);
    await store.close();
  });
});
