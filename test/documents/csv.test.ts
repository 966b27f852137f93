/**
 * Every CSV the ledger writes (charges, the console's download, the export) is neutralised as
 * OWASP's "CSV injection" advice says: no control character reaches a cell raw (ESC, CR, LF, TAB
 * are written as \uXXXX), and a text cell that starts with = + - @ (or their full-width forms)
 * starts with ' so that a spreadsheet reads it as text. Amounts stay numbers, negative ones too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { invoiceDocuments } from '../../src/billing/export';
import { chargesCsv } from '../../src/documents/charges';
import { csvText, renderCsv } from '../../src/documents/encoding';
import { exportCsv } from '../../src/documents/months';
import { decodeRecorded } from '../../src/events';
import { steppingClock } from '../../src/ledger/clock';
import { Ledger } from '../../src/ledger/ledger';
import { billedMonthOf, type ChargeLine, foldFacts, monthlyCharges } from '../../src/projections';
import { MemoryEventStore } from '../../src/store';
import { parseCsv as parse } from '../support/csv';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

describe('renderCsv', () => {
  it("escapes control characters and starts a would-be formula with '", () => {
    const text = renderCsv(
      ['a', 'b', 'c'],
      [
        ['=HYPERLINK("http://x")', '+1', '-2+3'],
        ['@SUM(A1)', '＝1', 'x\u001b[31m\r\ny\tz'],
        ['\tlead', '\rlead', 'plain'],
        [-1935, 0, 'ok-inside=fine'],
      ],
    );
    const lines = text.split('\n');
    // One record per line: no cell carries a line break.
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('');
    expect(RAW_CONTROL.test(text.replace(/\n/g, ''))).toBe(false);
    const [header, ...rows] = parse(text) as string[][];
    expect(header).toEqual(['a', 'b', 'c']);
    expect(rows).toEqual([
      ['\'=HYPERLINK("http://x")', "'+1", "'-2+3"],
      ["'@SUM(A1)", "'＝1", 'x\\u001b[31m\\u000d\\u000ay\\u0009z'],
      ['\\u0009lead', '\\u000dlead', 'plain'],
      ['-1935', '0', 'ok-inside=fine'],
    ]);
  });

  it('writes the bidirectional overrides and separators as escapes too', () => {
    expect(csvText('a\u202eb\u2028c\u0085d\u007f')).toBe('a\\u202eb\\u2028c\\u0085d\\u007f');
    expect(csvText('料金 ＶＰＮ — ✓')).toBe('料金 ＶＰＮ — ✓');
  });
});

describe("the ledger's CSV documents", () => {
  let lines: ChargeLine[];
  let billed: ReturnType<typeof billedMonthOf>;

  beforeAll(async () => {
    const store = new MemoryEventStore();
    const ledger = new Ledger({ store, clock: steppingClock('2025-11-01T00:00:00Z') });
    const demo = readFileSync(join(__dirname, '..', '..', 'examples', 'demo.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'));
    for (const line of demo) expect((await ledger.execute(JSON.parse(line))).status).toBe('accepted');
    // A description is free text: what a person typed (an ESC sequence, a line break, a formula).
    const hostile = await ledger.execute({
      type: 'RecordOneTimeCost',
      commandId: 'csv-hostile',
      actor: 'staff:sato',
      data: {
        contractId: 'c-sapporo',
        costId: 'cost-hostile',
        cost: 'travel',
        amount: 1000,
        incurredOn: '2025-10-20',
        description: '=cmd|" /C calc"!A0\u001b[2J\r\nsecond line',
      },
    });
    expect(hostile.status).toBe('accepted');
    const events = [];
    for await (const r of store.readAll()) events.push(decodeRecorded(r, { validate: true }));
    billed = billedMonthOf(foldFacts(events), '2025-10');
    // Ids a log written under older rules may hold: a cell that starts like a formula.
    lines = billed.charges.lines.map((l, i) =>
      i === 0 ? { ...l, id: `=1+2:${l.id}`, networkId: '@n-tokyo', billTo: '+acme' } : l,
    );
  });

  const check = (text: string) => {
    expect(RAW_CONTROL.test(text.replace(/\n/g, ''))).toBe(false);
    const rows = parse(text) as string[][];
    const cells = rows.flat();
    expect(cells.filter((c) => /^[=+@＝＋－＠]/.test(c) || /^-\D/.test(c))).toEqual([]);
    expect(cells).toContain("'=1+2:".concat(lines[0]!.id.slice('=1+2:'.length)));
    expect(cells).toContain("'@n-tokyo");
    expect(cells.some((c) => c.includes('=cmd|" /C calc"!A0\\u001b[2J\\u000d\\u000asecond line'))).toBe(true);
    return rows;
  };

  it('charges (CLI, API, console download): every cell neutral', () => {
    for (const lang of ['en', 'ja'] as const) check(chargesCsv(monthlyCharges('2025-10', lines), lang));
  });

  it('the export: every cell neutral, negative amounts still numbers', () => {
    const docs = invoiceDocuments({ ...billed, charges: monthlyCharges('2025-10', lines) });
    const rows = check(exportCsv(docs, billed, { lang: 'en' }));
    const amount = rows[0]!.indexOf('amount_yen');
    const reductions = rows.filter((r) => r[7] === 'reduction');
    expect(reductions.length).toBeGreaterThan(0);
    for (const r of reductions) expect(r[amount]).toMatch(/^-\d+$/);
  });
});
