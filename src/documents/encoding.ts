/**
 * How the documents are written, on every edge: JSON (bigints as decimal strings, Maps as objects,
 * Sets as arrays), pretty for the CLI and one line for JSON Lines and HTTP, and RFC 4180 CSV, plain
 * for programs or in the form spreadsheet programs in Japan open as they are.
 *
 * A document of any size is written as it is made: its text comes in pieces (a generator), so that
 * a month of forty thousand lines is never held in memory whole. `jsonChunks` writes a document
 * whose arrays are read as they stream (`streamed`) and whose totals are known only after them
 * (`later`) exactly as JSON.stringify would write it whole; `csvChunks` writes rows as they come.
 */
import { stringify } from 'csv-stringify/sync';

const replacer = (_key: string, value: unknown): unknown => {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  return value;
};

export const toJsonText = (value: unknown): string => JSON.stringify(value, replacer, 2);
export const toJsonLine = (value: unknown): string => JSON.stringify(value, replacer);

/**
 * Characters no CSV cell carries raw: the C0 and C1 controls (ESC, CR, LF, TAB included: a
 * spreadsheet or a terminal acts on them), DEL, the line and paragraph separators and the
 * bidirectional overrides (which reorder what a reader sees). Each is written as `\uXXXX`.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CSV_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A text cell with its control characters written as `\uXXXX` escapes. */
export const csvText = (text: string): string =>
  text.replace(CSV_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The CSV forms: `plain` for programs (UTF-8, `\n` line ends, no byte order mark); `excel` for
 * people in Japan (UTF-8 with a byte order mark and CRLF line ends: Excel, Numbers and LibreOffice
 * then read the Japanese as UTF-8 instead of guessing Shift_JIS).
 */
export type CsvForm = 'plain' | 'excel';

export const CSV_BOM = '\uFEFF';

/**
 * RFC 4180 CSV with a header row, in a form (plain: `\n` line ends, no byte order mark), every cell
 * neutralised as OWASP's "CSV injection" advice says: control characters escaped (csvText), and a
 * text cell that begins with `=`, `+`, `-`, `@` (or their full-width forms) prefixed with `'` so
 * that a spreadsheet takes it as text, never as a formula (csv-stringify's `escape_formulas`).
 * Numbers stay numbers: a negative amount (a reduction) is written as it is.
 */
export const renderCsv = (
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  form: CsvForm = 'plain',
): string => [...csvChunks(header, rows, form)].join('');

/** Rows written at a time: enough to keep the calls few, few enough to stay small. */
const CSV_BATCH = 256;

/** RFC 4180 CSV with a header row, row by row as `rows` yields them. */
export function* csvChunks(
  header: readonly string[],
  rows: Iterable<readonly (string | number)[]>,
  form: CsvForm = 'plain',
): Generator<string> {
  const options = {
    record_delimiter: form === 'excel' ? ('windows' as const) : ('unix' as const),
    escape_formulas: true,
    cast: { string: csvText },
  };
  yield `${form === 'excel' ? CSV_BOM : ''}${stringify([header as string[]], options)}`;
  let batch: (string | number)[][] = [];
  for (const row of rows) {
    batch.push(row as (string | number)[]);
    if (batch.length >= CSV_BATCH) {
      yield stringify(batch, options);
      batch = [];
    }
  }
  if (batch.length > 0) yield stringify(batch, options);
}

const STREAMED = Symbol('streamed');
const LATER = Symbol('later');

/** An array whose items are read as they are written. */
export interface Streamed {
  readonly [STREAMED]: Iterable<unknown>;
}
/** A value known only once what comes before it was written (totals after their lines). */
export interface Later {
  readonly [LATER]: () => unknown;
}

export const streamed = (items: Iterable<unknown>): Streamed => ({ [STREAMED]: items });
export const later = (value: () => unknown): Later => ({ [LATER]: value });

const isObject = (x: unknown): x is Record<string | symbol, unknown> => typeof x === 'object' && x !== null;

/** Whether a value holds something written as it streams (then it is written part by part). */
const streams = (x: unknown): boolean => {
  if (!isObject(x)) return false;
  if (STREAMED in x || LATER in x) return true;
  if (Array.isArray(x)) return x.some(streams);
  if (x instanceof Map || x instanceof Set) return false;
  return Object.values(x).some(streams);
};

/**
 * A JSON document written as it is made, text piece by piece: exactly what toJsonText (`pretty`) or
 * toJsonLine would write of it whole, `streamed` arrays written item by item and `later` values
 * asked for when their turn comes.
 */
export function* jsonChunks(value: unknown, pretty = true): Generator<string> {
  yield* write(value, pretty, 0);
}

function* write(value: unknown, pretty: boolean, level: number): Generator<string> {
  if (isObject(value) && LATER in value) {
    yield* write((value as unknown as Later)[LATER](), pretty, level);
    return;
  }
  if (!streams(value)) {
    const text = JSON.stringify(value, replacer, pretty ? 2 : undefined);
    yield pretty && level > 0 ? text.replace(/\n/g, `\n${'  '.repeat(level)}`) : text;
    return;
  }
  const pad = (n: number) => (pretty ? `\n${'  '.repeat(n)}` : '');
  const items = isObject(value) && STREAMED in value ? (value as unknown as Streamed)[STREAMED] : null;
  if (items !== null || Array.isArray(value)) {
    let first = true;
    yield '[';
    for (const item of items ?? (value as unknown[])) {
      yield `${first ? '' : ','}${pad(level + 1)}`;
      // As JSON.stringify writes them: an item that is not JSON is null.
      yield* write(item === undefined || typeof item === 'function' ? null : item, pretty, level + 1);
      first = false;
    }
    yield first ? ']' : `${pad(level)}]`;
    return;
  }
  let first = true;
  yield '{';
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined || typeof v === 'function') continue;
    yield `${first ? '' : ','}${pad(level + 1)}${JSON.stringify(k)}:${pretty ? ' ' : ''}`;
    yield* write(v, pretty, level + 1);
    first = false;
  }
  yield first ? '}' : `${pad(level)}}`;
}
