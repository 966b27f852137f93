/**
 * A month a page at a time (Reader.monthLines, src/read/month-lines.ts), against the month read
 * whole (Reader.month): on the demo closed through October, then a configuration job of October
 * recorded late. A closed month's pages come from the lines its close invoiced, an open month's
 * from the views' lines and fee segments; either way the pages put together are the month, the
 * totals per bill-to are the month's, and a filter keeps exactly the lines that match it.
 */
import type { ChargeLine } from '../../src/projections';
import { compareLines } from '../../src/projections';
import type { MonthLinesQuery } from '../../src/read';
import { Reader } from '../../src/read/reader';
import type { SqliteEventStore } from '../../src/store/sqlite';
import type { ViewsDb } from '../../src/views/views-db';
import { demoClosedWithLateJob } from '../support/billing';

let store: SqliteEventStore;
let views: ViewsDb;
let reader: Reader;

beforeAll(async () => {
  ({ store, views } = await demoClosedWithLateJob(':memory:'));
  reader = new Reader({ store, views });
});

afterAll(async () => {
  await store?.close();
});

const page = async (month: string, query: Partial<MonthLinesQuery>) =>
  (await reader.monthLines(month, { offset: 0, limit: 1000, ...query }))!.page;

/** Every page of `size` lines, put together. */
const allPages = async (month: string, size: number, query: Partial<MonthLinesQuery> = {}) => {
  const lines: ChargeLine[] = [];
  for (let offset = 0; ; offset += size) {
    const p = await page(month, { ...query, offset, limit: size });
    expect(p.lines.length).toBeLessThanOrEqual(size);
    lines.push(...p.lines);
    if (p.lines.length < size) return lines;
  }
};

const whole = async (month: string) => (await reader.month(month)).billed.charges;

const totalsOf = (lines: readonly ChargeLine[]) => {
  const t = new Map<string, { lines: number; amount: number }>();
  for (const l of lines) {
    const x = t.get(l.billTo) ?? { lines: 0, amount: 0 };
    t.set(l.billTo, { lines: x.lines + 1, amount: x.amount + l.amount });
  }
  return [...t.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([billTo, x]) => ({ billTo, ...x }));
};

describe.each([
  ['a closed month', '2025-10', 'closed'],
  ['the first open month, carrying an adjustment', '2025-11', 'open'],
])('%s', (_name, month, status) => {
  it('pages through exactly the lines of the month read whole, with its totals per bill-to', async () => {
    const charges = await whole(month);
    const first = await page(month, { limit: 7 });
    expect(first.status).toBe(status);
    expect(first.lines).toHaveLength(7);
    expect(first.all).toEqual({ lines: charges.lines.length, total: charges.total });
    expect(first.matched).toEqual(first.all);
    expect(first.totals).toEqual(totalsOf(charges.lines));
    expect(first.billTos).toBe(totalsOf(charges.lines).length);
    const paged = await allPages(month, 7);
    expect(paged.map((l) => l.id).sort()).toEqual(charges.lines.map((l) => l.id).sort());
    expect(new Set(paged.map((l) => l.id)).size).toBe(paged.length);
    if (status === 'open')
      expect(paged.map((l) => l.id)).toEqual([...paged].sort(compareLines).map((l) => l.id));
  });

  it('keeps only the lines a filter matches: by amount, kind, contract, bill-to and article', async () => {
    const lines = (await whole(month)).lines;
    const sample = lines.find((l) => l.kind !== 'monthly-basic') ?? lines[0]!;
    for (const [filter, keep] of [
      [{ amount: sample.amount }, (l: ChargeLine) => l.amount === sample.amount],
      [{ kind: 'monthly-basic' }, (l: ChargeLine) => l.kind === 'monthly-basic'],
      [{ contractId: sample.contractId }, (l: ChargeLine) => l.contractId === sample.contractId],
      [{ billTo: sample.billTo }, (l: ChargeLine) => l.billTo === sample.billTo],
      [{ article: sample.article }, (l: ChargeLine) => l.article === sample.article],
    ] as const) {
      const expected = lines.filter(keep);
      const p = await page(month, { filter, limit: 3 });
      expect({ filter, matched: p.matched }).toEqual({
        filter,
        matched: { lines: expected.length, total: expected.reduce((s, l) => s + l.amount, 0) },
      });
      const paged = await allPages(month, 3, { filter });
      expect(paged.map((l) => l.id).sort()).toEqual(expected.map((l) => l.id).sort());
    }
    expect((await page(month, { filter: { amount: 123_456_789 } })).matched).toEqual({ lines: 0, total: 0 });
  });

  it("shows a contractor only the lines billed to it, and its own total: another bill-to's filter finds nothing", async () => {
    const lines = (await whole(month)).lines.filter((l) => l.billTo === 'kobe-foods');
    const p = await page(month, { scope: { billTo: 'kobe-foods' } });
    expect(p.lines.map((l) => l.id).sort()).toEqual(lines.map((l) => l.id).sort());
    expect(p.totals).toEqual(totalsOf(lines));
    expect(p.articles).toEqual([...new Set(lines.map((l) => l.article))].sort());
    const other = await page(month, { scope: { billTo: 'kobe-foods' }, filter: { billTo: 'acme' } });
    expect(other.lines).toEqual([]);
    expect(other.matched).toEqual({ lines: 0, total: 0 });
  });
});

it('reads a closed month from its close in the log when the views lost an invoiced line, and says so', async () => {
  // Given October's invoiced lines in the views, one of them deleted behind the ledger's back
  const before = await page('2025-10', { limit: 1000 });
  const victim = before.lines[0]!;
  const db = views.db;
  const row = db
    .prepare('SELECT * FROM view_invoiced WHERE month = ? AND line_id = ?')
    .get('2025-10', victim.id);
  db.prepare('DELETE FROM view_invoiced WHERE month = ? AND line_id = ?').run('2025-10', victim.id);
  try {
    // When a page is read, then it is the close's, whole, and the provenance names the table
    const found = (await reader.monthLines('2025-10', { offset: 0, limit: 1000 }))!;
    expect(found.provenance.viewsProblem).toMatchObject({ code: 'views-differ', table: 'view_invoiced' });
    expect(found.page.lines.map((l) => l.id).sort()).toEqual(before.lines.map((l) => l.id).sort());
    expect(found.page.all).toEqual(before.all);
  } finally {
    const cols = Object.keys(row as object);
    db.prepare(
      `INSERT INTO view_invoiced (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
    ).run(row as object);
  }
});

describe('the contract search', () => {
  it('counts every contract found, and pages both ways', () => {
    const asOf = '2025-11-01';
    const all = reader.searchContracts({ asOf, limit: 100 })!.rows.map((r) => r.contract_id);
    expect(reader.countContracts({ asOf })).toEqual({ total: all.length, before: 0 });
    const second = reader.searchContracts({ asOf, limit: 2, after: all[1]! })!.rows.map((r) => r.contract_id);
    expect(second).toEqual(all.slice(2, 4));
    expect(reader.countContracts({ asOf }, second[0])).toEqual({ total: all.length, before: 2 });
    const back = reader
      .searchContracts({ asOf, limit: 2, before: second[0]! })!
      .rows.map((r) => r.contract_id);
    expect(back).toEqual(all.slice(0, 2));
    expect(reader.countContracts({ asOf, visibleTo: 'kobe-foods' })).toEqual({ total: 2, before: 0 });
  });
});
