/** Parsers and shared options of the subcommands: dates, months, instants, formats, the store. */
import { InvalidArgumentError, Option } from 'commander';
import * as parameters from '../documents/parameters';
import { type HelpKey, help } from '../render/cli-help';
import { parameterText } from '../render/field-problems';
import type { Lang } from '../render/lang';
import { CHARGE_FORMATS, TABLE_FORMATS } from './format';

/**
 * A parameter parser as commander takes it, speaking `lang`: a ParameterError becomes commander's
 * InvalidArgumentError, worded in the run's language.
 */
const forCommander =
  (parse: (value: string) => string) =>
  (lang: Lang) =>
  (value: string): string => {
    try {
      return parse(value);
    } catch (error) {
      if (error instanceof parameters.ParameterError)
        throw new InvalidArgumentError(parameterText(lang, error.problem));
      throw error;
    }
  };

export const parseMonth = forCommander(parameters.parseMonth);
export const parseDate = forCommander(parameters.parseDate);
/** "As the ledger knew it at T" (src/documents/parameters.ts). */
export const parseKnownAt = forCommander(parameters.parseKnownAt);

export const storeOption = (lang: Lang) =>
  new Option('--store <spec>', help(lang, 'opt.store')).env('VPN_LEDGER_STORE');

export const formatOption = (lang: Lang) =>
  new Option('--format <format>', help(lang, 'opt.format')).choices(TABLE_FORMATS).default('table');

export const chargeFormatOption = (lang: Lang) =>
  new Option('--format <format>', help(lang, 'opt.format')).choices(CHARGE_FORMATS).default('table');

export const knownAtOption = (lang: Lang) =>
  new Option('--known-at <time>', help(lang, 'opt.knownAt')).argParser(parseKnownAt(lang));

export const asOfOption = (lang: Lang, what: HelpKey = 'opt.asOf') =>
  new Option('--as-of <date>', help(lang, what)).argParser(parseDate(lang));

export const monthOption = (lang: Lang, what: HelpKey = 'opt.month', flags = '--month <YYYY-MM>') =>
  new Option(flags, help(lang, what)).argParser(parseMonth(lang));

/** Options every read command shares. */
export interface ReadOptions {
  readonly store?: string;
  readonly knownAt?: string;
  readonly format: 'table' | 'json';
}
