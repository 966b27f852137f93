/**
 * How the documents are written, on every edge: JSON (bigints as decimal strings, Maps as objects,
 * Sets as arrays), pretty for the CLI and one line for JSON Lines and HTTP, and RFC 4180 CSV.
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
 * RFC 4180 CSV with a header row, CRLF-free (\n) line ends, every cell neutralised as OWASP's
 * "CSV injection" advice says: control characters escaped (csvText), and a text cell that begins
 * with `=`, `+`, `-`, `@` (or their full-width forms) prefixed with `'` so that a spreadsheet
 * takes it as text, never as a formula (csv-stringify's `escape_formulas`). Numbers stay numbers:
 * a negative amount (a reduction) is written as it is.
 */
export const renderCsv = (
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string =>
  stringify([header as string[], ...(rows as (string | number)[][])], {
    record_delimiter: 'unix',
    escape_formulas: true,
    cast: { string: csvText },
  });
