/**
 * The views are a cache of the log (issue 21): every view table edited by hand (a value changed, a
 * row deleted, a row added) is named by `verify` (verifyIntegrity with the ledger's views), a close
 * refuses to invoice a month whose views differ from the log, and a closed month whose invoiced
 * lines were edited in the views still reads as its close recorded it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeMonth } from '../../src/billing/close';
import { verifyIntegrity } from '../../src/ledger/integrity';
import { Reader } from '../../src/read';
import { TABLES } from '../../src/views/schema';
import { closeCommand, demoClosedWithLateJob, testKey } from '../support/billing';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-views-against-log-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** The demo closed through October with a late October job: every view table holds rows. */
const demo = async () => demoClosedWithLateJob(join(dir, `ledger-${++n}.db`));

type Row = Record<string, unknown>;

/** The first row of a table, and a copy of it with one non-key column changed. */
const firstRow = (db: import('better-sqlite3').Database, table: (typeof TABLES)[number]) =>
  db.prepare(`SELECT * FROM ${table.name} ORDER BY ${table.key.join(', ')} LIMIT 1`).get() as Row | undefined;

const changed = (value: unknown): unknown =>
  typeof value === 'number' ? value + 1 : value === null ? 'x' : `${String(value)}x`;

const where = (table: (typeof TABLES)[number], row: Row) => ({
  sql: table.key.map((k) => `${k} = @${k}`).join(' AND '),
  params: Object.fromEntries(table.key.map((k) => [k, row[k]])),
});

const viewTables = TABLES.filter((t) => t.name !== 'view_state');

describe('verify holds every view table against the log', () => {
  it('untouched views verify, and every table holds rows to check', async () => {
    const { store, views } = await demo();
    for (const t of viewTables) expect([t.name, firstRow(store.db, t) !== undefined]).toEqual([t.name, true]);
    const report = await verifyIntegrity(store, { views });
    expect(report.views).toMatchObject({ checked: true, differing: 0 });
    expect(report.ok).toBe(true);
    await store.close();
  });

  it.each(viewTables.map((t) => [t.name, t] as const))(
    '%s: a changed value, a deleted row and an added row are each named',
    async (_name, table) => {
      const { store, views } = await demo();
      const db = store.db;
      const row = firstRow(db, table)!;
      const column = Object.keys(row).find((c) => !table.key.includes(c))!;
      const w = where(table, row);
      db.prepare(`UPDATE ${table.name} SET ${column} = @value WHERE ${w.sql}`).run({
        ...w.params,
        value: changed(row[column]),
      });
      let report = await verifyIntegrity(store, { views });
      expect(report.ok).toBe(false);
      expect(report.breaks).toContainEqual(
        expect.objectContaining({
          problem: 'view-row-differs',
          table: table.name,
          key: w.params,
          reason: expect.objectContaining({
            code: 'view-row-differs',
            columns: expect.stringContaining(column),
          }),
        }),
      );
      db.prepare(`DELETE FROM ${table.name} WHERE ${w.sql}`).run(w.params);
      report = await verifyIntegrity(store, { views });
      expect(report.breaks).toContainEqual(
        expect.objectContaining({ problem: 'view-row-missing', table: table.name, key: w.params }),
      );
      const lastKey = table.key[table.key.length - 1]!;
      const extra = { ...row, [lastKey]: changed(row[lastKey]) };
      const columns = Object.keys(extra);
      db.prepare(
        `INSERT INTO ${table.name} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
      ).run(extra);
      report = await verifyIntegrity(store, { views });
      expect(report.breaks).toContainEqual(
        expect.objectContaining({ problem: 'view-row-extra', table: table.name }),
      );
      await store.close();
    },
  );
});

describe('a close invoices what the log derives', () => {
  it('a fee edited in view_fee_segments: November is not closed, and the refusal names the lines', async () => {
    const { store, views } = await demo();
    const before = (await new Reader({ store, views }).month('2025-11')).billed.charges.total;
    // 15,000 yen a month turned into 1,500 for every segment of one contract.
    const segments = store.db
      .prepare(
        "SELECT contract_id, series_key, seg_no, data FROM view_fee_segments WHERE data LIKE '%15000%'",
      )
      .all() as { contract_id: string; series_key: string; seg_no: number; data: string }[];
    expect(segments.length).toBeGreaterThan(0);
    const s = segments[0]!;
    store.db
      .prepare(
        'UPDATE view_fee_segments SET data = ? WHERE contract_id = ? AND series_key = ? AND seg_no = ?',
      )
      .run(s.data.replaceAll('15000', '1500'), s.contract_id, s.series_key, s.seg_no);
    expect((await new Reader({ store, views }).month('2025-11')).billed.charges.total).toBeLessThan(before);
    const r = await closeMonth(closeCommand('2025-11'), {
      store,
      views,
      viewsInline: true,
      clock: () => '2026-03-01T00:00:00Z',
      key: testKey(),
    });
    expect(r).toMatchObject({
      status: 'rejected',
      code: 'VIEWS_DIFFER',
      params: { month: '2025-11', count: expect.any(Number) },
    });
    if (r.status !== 'rejected' || r.code !== 'VIEWS_DIFFER') throw new Error('not refused');
    const lines = (r.params as unknown as { lines: { lineId: string; log: number | null }[] }).lines;
    expect(lines[0]).toMatchObject({
      lineId: expect.stringContaining(`${s.contract_id}:2025-11:`),
      log: 15_000,
    });
    // Nothing was written.
    expect(views.closes.close('2025-11')).toBeNull();
    await store.close();
  });

  it('the same close on untouched views is accepted, with the lines the log derives', async () => {
    const { store, views } = await demo();
    const expected = (await new Reader({ store, views }).month('2025-11')).billed.charges;
    const r = await closeMonth(closeCommand('2025-11'), {
      store,
      views,
      viewsInline: true,
      clock: () => '2026-03-01T00:00:00Z',
      key: testKey(),
    });
    expect(r.status).toBe('accepted');
    if (r.status !== 'accepted') throw new Error('refused');
    expect(r.close.lines).toEqual(expected.lines);
    expect(r.close.total).toBe(expected.total);
    await store.close();
  });
});

describe('a closed month is what its close recorded', () => {
  it('view_invoiced edited (80,000 to 8,000): the month still reads as invoiced, and says the views differ', async () => {
    const { store, views } = await demo();
    const reader = new Reader({ store, views });
    const october = (await reader.month('2025-10')).billed;
    const line = october.charges.lines.find((l) => l.amount >= 10_000)!;
    store.db
      .prepare(
        "UPDATE view_invoiced SET amount = amount / 10, data = json_set(data, '$.amount', amount / 10) WHERE month = '2025-10' AND line_id = ?",
      )
      .run(line.id);
    const read = await reader.month('2025-10');
    expect(read.billed.charges).toEqual(october.charges);
    expect(read.provenance.viewsProblem).toEqual({
      code: 'views-differ',
      table: 'view_invoiced',
      month: '2025-10',
    });
    await store.close();
  });
});
