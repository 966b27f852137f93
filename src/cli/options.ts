/** Parsers and shared options of the subcommands: dates, months, instants, formats, the store. */
import { InvalidArgumentError, Option } from 'commander';
import { DATE_RANGE, isDateInRange, isInstant, isInstantInRange, isLocalDate, isMonth } from '../terms/dates';
import { CHARGE_FORMATS, TABLE_FORMATS } from './format';

const RANGE = `${DATE_RANGE.first} to ${DATE_RANGE.last}`;

export const parseMonth = (value: string): string => {
  if (!isMonth(value))
    throw new InvalidArgumentError(`Expected a month YYYY-MM (e.g. 2025-10), got "${value}".`);
  if (!isDateInRange(`${value}-01`)) throw new InvalidArgumentError(`${value} is outside ${RANGE}.`);
  return value;
};

export const parseDate = (value: string): string => {
  if (!isLocalDate(value)) {
    throw new InvalidArgumentError(`Expected a calendar date YYYY-MM-DD (e.g. 2025-10-31), got "${value}".`);
  }
  if (!isDateInRange(value)) throw new InvalidArgumentError(`${value} is outside ${RANGE}.`);
  return value;
};

/**
 * "As the ledger knew it at T". An instant with an offset is taken as written; a date-time without
 * an offset is Japan time; a bare date means the end of that Japan day (everything recorded on it).
 */
export const parseKnownAt = (value: string): string => {
  const instant = isInstant(value)
    ? value
    : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/.test(value) && isInstant(`${value}+09:00`)
      ? `${value}+09:00`
      : isLocalDate(value)
        ? `${value}T23:59:59.999+09:00`
        : null;
  if (instant !== null) {
    if (!isInstantInRange(instant))
      throw new InvalidArgumentError(`${value} is outside ${RANGE} (Japan time).`);
    return instant;
  }
  throw new InvalidArgumentError(
    `Expected a time such as 2025-10-05T12:00:00+09:00 (or 2025-10-05T12:00 in Japan time, or a date for the end of that day), got "${value}".`,
  );
};

export const storeOption = () =>
  new Option('--store <spec>', 'event store: sqlite:PATH | :memory: | esdb://HOST:PORT?tls=false').env(
    'VPN_LEDGER_STORE',
  );

export const formatOption = () =>
  new Option('--format <format>', 'output format').choices(TABLE_FORMATS).default('table');

export const chargeFormatOption = () =>
  new Option('--format <format>', 'output format').choices(CHARGE_FORMATS).default('table');

export const knownAtOption = () =>
  new Option('--known-at <time>', 'as the ledger knew it at this time (recordedAt <= time)').argParser(
    parseKnownAt,
  );

export const asOfOption = (what = 'as effective on this Japan date') =>
  new Option('--as-of <date>', what).argParser(parseDate);

/** Options every read command shares. */
export interface ReadOptions {
  readonly store?: string;
  readonly knownAt?: string;
  readonly format: 'table' | 'json';
}
