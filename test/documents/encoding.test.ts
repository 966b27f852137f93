/**
 * Documents written piece by piece (src/documents/encoding.ts): a JSON document with streamed arrays
 * and values known later is the very text JSON.stringify writes of it whole; CSV in the plain form
 * (programs) and the Excel form (people in Japan: a byte order mark, CRLF).
 */
import {
  CSV_BOM,
  csvChunks,
  jsonChunks,
  later,
  renderCsv,
  streamed,
  toJsonLine,
  toJsonText,
} from '../../src/documents/encoding';

const whole = {
  schema: 'x/v1',
  n: 1n,
  empty: [],
  nested: { a: [1, { b: 'c' }], none: null, gone: undefined },
  items: [{ id: 1, tags: ['a', 'b'] }, { id: 2, tags: [] }, 'three'],
  total: 6,
};

describe('jsonChunks', () => {
  it('given streamed arrays and later values, then it writes what toJsonText and toJsonLine write of the whole', () => {
    let total = 0;
    const items = function* () {
      for (const i of whole.items) {
        total += typeof i === 'string' ? 3 : i.id;
        yield i;
      }
    };
    const parts = () => ({
      ...whole,
      empty: streamed([]),
      items: streamed(items()),
      total: later(() => total),
    });
    expect([...jsonChunks(parts(), true)].join('')).toBe(toJsonText(whole));
    total = 0;
    expect([...jsonChunks(parts(), false)].join('')).toBe(toJsonLine(whole));
  });
});

describe('CSV forms', () => {
  const rows = [
    ['c-1', '1台 × 5,000円', 5000],
    ['c-2', 'a "quoted"\nline', -100],
  ];
  it('plain: no byte order mark, \\n line ends', () => {
    const text = renderCsv(['id', 'formula', 'amount_yen'], rows);
    expect(text.startsWith(CSV_BOM)).toBe(false);
    expect(text).not.toContain('\r');
    // A line break inside a cell is written as \u000a (every cell neutralised, test/documents/csv).
    expect(text).toBe(
      'id,formula,amount_yen\nc-1,"1台 × 5,000円",5000\nc-2,"a ""quoted""\\u000aline",-100\n',
    );
  });
  it('excel: a byte order mark first, CRLF after every record, the same cells', () => {
    const text = [...csvChunks(['id', 'formula', 'amount_yen'], rows, 'excel')].join('');
    expect(text).toBe(
      '\uFEFFid,formula,amount_yen\r\nc-1,"1台 × 5,000円",5000\r\nc-2,"a ""quoted""\\u000aline",-100\r\n',
    );
  });
});
