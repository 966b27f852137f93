/**
 * The parameters of a question, read from text the same way on every edge (the CLI's options, the
 * API's query strings and paths, the console's forms): a billing month, a Japan date, and "as the
 * ledger knew it at T". A text that is none of these is a ParameterError saying what was expected.
 */
import { DATE_RANGE, isDateInRange, isInstant, isInstantInRange, isLocalDate, isMonth } from '../terms/dates';

/** A parameter that cannot be read; its message says what was expected. */
export class ParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParameterError';
  }
}

const RANGE = `${DATE_RANGE.first} to ${DATE_RANGE.last}`;

export const parseMonth = (value: string): string => {
  if (!isMonth(value)) throw new ParameterError(`Expected a month YYYY-MM (e.g. 2025-10), got "${value}".`);
  if (!isDateInRange(`${value}-01`)) throw new ParameterError(`${value} is outside ${RANGE}.`);
  return value;
};

export const parseDate = (value: string): string => {
  if (!isLocalDate(value)) {
    throw new ParameterError(`Expected a calendar date YYYY-MM-DD (e.g. 2025-10-31), got "${value}".`);
  }
  if (!isDateInRange(value)) throw new ParameterError(`${value} is outside ${RANGE}.`);
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
    if (!isInstantInRange(instant)) throw new ParameterError(`${value} is outside ${RANGE} (Japan time).`);
    return instant;
  }
  throw new ParameterError(
    `Expected a time such as 2025-10-05T12:00:00+09:00 (or 2025-10-05T12:00 in Japan time, or a date for the end of that day), got "${value}".`,
  );
};
