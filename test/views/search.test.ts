/**
 * Contract search over the views: a contract's status as effective on a date is the one its state
 * of that date shows (contractStateAsOf is the oracle), over the demo history and every date from
 * before the first application to after the last termination; and the filters and pages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { steppingClock } from '../../src/ledger/clock';
import { Ledger } from '../../src/ledger/ledger';
import { contractStateAsOf } from '../../src/projections/contract-state';
import { Reader } from '../../src/read';
import type { SqliteEventStore } from '../../src/store';
import { addDays } from '../../src/terms/dates';
import type { ViewsDb } from '../../src/views/views-db';
import { sqliteLedger } from '../support/ledger';

let store: SqliteEventStore;
let views: ViewsDb;
let model: Reader;

beforeAll(async () => {
  ({ store, views } = sqliteLedger(':memory:'));
  const ledger = new Ledger({ store, clock: steppingClock('2026-01-01T00:00:00Z') });
  const lines = readFileSync(join(__dirname, '..', '..', 'examples', 'demo.jsonl'), 'utf8').split('\n');
  for (const line of lines) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    expect((await ledger.execute(JSON.parse(line))).status).toBe('accepted');
  }
  model = new Reader({ store: store, views: views });
});
afterAll(() => store.close());

it('gives each contract the status its state shows on every date (the demo, 2025-03..2026-01)', async () => {
  const all = views.contracts.search({ asOf: '2025-01-01', limit: 1000 });
  expect(all.map((r) => r.contract_id)).toEqual([
    'c-fukuoka',
    'c-himeji',
    'c-kobe',
    'c-nagoya',
    'c-osaka',
    'c-sapporo',
    'c-tokyo-hq',
  ]);
  const facts = new Map(
    await Promise.all(
      all.map(async (r) => [r.contract_id, (await model.contract(r.contract_id))!.facts] as const),
    ),
  );
  const seen = new Set<string>();
  for (let date = '2025-03-01'; date <= '2026-01-31'; date = addDays(date, 1)) {
    for (const row of views.contracts.search({ asOf: date, limit: 1000 })) {
      const state = contractStateAsOf(facts.get(row.contract_id)!, row.contract_id, date);
      expect({ date, id: row.contract_id, status: row.status }).toEqual({
        date,
        id: row.contract_id,
        status: state?.status ?? null,
      });
      if (row.status) seen.add(row.status);
    }
  }
  expect([...seen].sort()).toEqual(['accepted', 'in-service', 'terminated', 'termination-scheduled']);
});

it('filters by id prefix, holder, network, status and visibility, and pages in id order', () => {
  const ids = (q: Partial<Parameters<ViewsDb['contracts']['search']>[0]>) =>
    views.contracts.search({ asOf: '2025-10-31', limit: 100, ...q }).map((r) => r.contract_id);
  expect(ids({ idPrefix: 'c-k' })).toEqual(['c-kobe']);
  expect(ids({ idPrefix: 'c-%' })).toEqual([]);
  expect(ids({ holder: 'acme' })).toEqual(['c-nagoya', 'c-sapporo', 'c-tokyo-hq']);
  expect(ids({ networkId: 'n-kansai' })).toEqual(ids({ holder: 'kobe-foods' }));
  expect(ids({ status: 'terminated' })).toEqual(['c-osaka']);
  // acme holds the parent contract of n-tokyo: it sees its network's contracts, not kobe-foods'.
  expect(ids({ visibleTo: 'acme' })).toEqual(['c-fukuoka', 'c-nagoya', 'c-osaka', 'c-sapporo', 'c-tokyo-hq']);
  expect(ids({ visibleTo: 'acme-west' })).toEqual(['c-osaka']);
  expect(ids({ limit: 2 })).toEqual(['c-fukuoka', 'c-himeji']);
  expect(ids({ limit: 2, after: 'c-himeji' })).toEqual(['c-kobe', 'c-nagoya']);
});
