/**
 * The parameters of a question, read from text the same way on every edge (the CLI's options, the
 * API's query strings and paths, the console's forms): a billing month, a Japan date, and "as the
 * ledger knew it at T". A text that is none of these is a ParameterError saying what was expected:
 * as data (`problem`), and in English (its message); `parameterText` words it in either language.
 */
import { parameterText } from '../render/field-problems';
import { DATE_RANGE, isDateInRange, isInstant, isInstantInRange, isLocalDate, isMonth } from '../terms/dates';
import type { ParameterProblem } from '../terms/field-messages';

/** A parameter that cannot be read; its message says what was expected. */
export class ParameterError extends Error {
  constructor(readonly problem: ParameterProblem) {
    super(parameterText('en', problem));
    this.name = 'ParameterError';
  }
}

const outside = (parameter: ParameterProblem['parameter'], value: string): ParameterError =>
  new ParameterError({ parameter, case: 'range', value, first: DATE_RANGE.first, last: DATE_RANGE.last });

export const parseMonth = (value: string): string => {
  if (!isMonth(value)) throw new ParameterError({ parameter: 'month', case: 'format', value });
  if (!isDateInRange(`${value}-01`)) throw outside('month', value);
  return value;
};

export const parseDate = (value: string): string => {
  if (!isLocalDate(value)) throw new ParameterError({ parameter: 'date', case: 'format', value });
  if (!isDateInRange(value)) throw outside('date', value);
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
    if (!isInstantInRange(instant)) throw outside('knownAt', value);
    return instant;
  }
  throw new ParameterError({ parameter: 'knownAt', case: 'format', value });
};
