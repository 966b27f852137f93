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

/** RFC 4180 CSV with a header row, CRLF-free (\n) line ends. */
export const renderCsv = (
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string =>
  stringify([header as string[], ...(rows as (string | number)[][])], { record_delimiter: 'unix' });
