/**
 * A month read as it streams (src/read/month-stream.ts) lists exactly the lines the month as billed
 * holds in memory: for every month of the demo (closed through October, then a late job that
 * October's close owes as an adjustment to November), both orders; and the documents written from
 * it (export JSON and CSV, charges JSON) are the same text as those written of the month held whole.
 */
import { invoiceDocuments } from '../../src/billing/export';
import { chargesJson, chargesJsonChunks } from '../../src/documents/charges';
import { toJsonText } from '../../src/documents/encoding';
import { exportCsv, exportCsvChunks, exportJson, exportJsonChunks } from '../../src/documents/months';
import type { GeneratedFrom } from '../../src/documents/provenance';
import type { ChargeLine } from '../../src/projections';
import { Reader } from '../../src/read';
import { demoClosedWithLateJob } from '../support/billing';

const key = (l: ChargeLine) => l.id;
const byBillTo = (lines: readonly ChargeLine[]) =>
  [...lines].sort((a, b) =>
    a.billTo !== b.billTo
      ? a.billTo < b.billTo
        ? -1
        : 1
      : (a.kind === 'adjustment' ? 1 : 0) - (b.kind === 'adjustment' ? 1 : 0),
  );
const from = { store: 'sqlite', source: 'views' } as unknown as GeneratedFrom;

let reader: Reader;
let close: () => Promise<void>;
beforeAll(async () => {
  const { store, views } = await demoClosedWithLateJob(':memory:');
  reader = new Reader({ store, views });
  close = () => store.close();
});
afterAll(() => close());

const MONTHS = ['2025-03', '2025-06', '2025-10', '2025-11', '2025-12'];

describe.each(MONTHS)('%s read as it streams', (month) => {
  it('given the month as billed, when read a row at a time, then it lists the same lines in both orders', async () => {
    const { billed } = await reader.month(month);
    const reading = await reader.monthReading(month);
    expect(reading.head.status).toBe(billed.status);
    expect(reading.provenance.source).toBe('views');
    expect([...reading.lines('listed')]).toEqual(billed.charges.lines);
    // By bill-to: each contractor's lines before its adjustments, each group in the listing order.
    const streamed = [...reading.lines('by-bill-to')];
    expect(streamed.map(key)).toEqual(byBillTo(billed.charges.lines).map(key));
  });

  it('when written as it is read, then the export and the charges are the text written of the month held whole', async () => {
    const { billed } = await reader.month(month);
    const reading = await reader.monthReading(month);
    const docs = invoiceDocuments(billed);
    for (const lang of ['en', 'ja'] as const) {
      const whole = toJsonText(exportJson(month, billed.status === 'closed', docs, from, lang));
      expect([...exportJsonChunks(reading.head, reading.lines('by-bill-to'), from, { lang })].join('')).toBe(
        whole,
      );
      expect([...exportCsvChunks(reading.head, reading.lines('by-bill-to'), { lang })].join('')).toBe(
        exportCsv(docs, billed, { lang }),
      );
      const query = { contractId: null, asOf: null };
      expect(
        [...chargesJsonChunks(month, reading.lines('listed'), from, query, reading.head, lang)].join(''),
      ).toBe(toJsonText(chargesJson(billed.charges, from, query, billed, lang)));
    }
  });
});

it('November carries the adjustment the late October job owes, as the first open month', async () => {
  const reading = await reader.monthReading('2025-11');
  expect(reading.head.carriesAdjustments).toBe(true);
  expect([...reading.lines('by-bill-to')].filter((l) => l.kind === 'adjustment')).toHaveLength(1);
});
