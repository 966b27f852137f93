/** Parsers and shared options of the subcommands: dates, months, instants, formats, the store. */
import { InvalidArgumentError, Option } from 'commander';
import * as parameters from '../documents/parameters';
import { CHARGE_FORMATS, TABLE_FORMATS } from './format';

/** A parameter parser as commander takes it: a ParameterError becomes commander's InvalidArgumentError. */
const forCommander =
  (parse: (value: string) => string) =>
  (value: string): string => {
    try {
      return parse(value);
    } catch (error) {
      if (error instanceof parameters.ParameterError) throw new InvalidArgumentError(error.message);
      throw error;
    }
  };

export const parseMonth = forCommander(parameters.parseMonth);
export const parseDate = forCommander(parameters.parseDate);
/** "As the ledger knew it at T" (src/documents/parameters.ts). */
export const parseKnownAt = forCommander(parameters.parseKnownAt);

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
