/** `--lang ja|en`: the language a command's words are in (else VPN_LEDGER_LANG, else the locale). */
import { Option } from 'commander';
import { chooseLang, LANGS, type Lang } from '../render/lang';
import { usageError } from './errors';
import type { Io } from './io';

export const langOption = () =>
  new Option(
    '--lang <lang>',
    'language of the words: en or ja (else VPN_LEDGER_LANG, else the locale: LC_ALL, LANG)',
  ).choices(LANGS);

/** The language of this run; an unknown VPN_LEDGER_LANG is a usage error (exit 2). */
export const langOf = (io: Io, flag: Lang | undefined): Lang => {
  const chosen = chooseLang(flag, io.env);
  if ('error' in chosen) throw usageError(chosen.error);
  return chosen.lang;
};
