/** `--lang ja|en`: the language a command's words are in (else VPN_LEDGER_LANG, else the locale). */
import { Option } from 'commander';
import { help } from '../render/cli-help';
import { chooseLang, isLang, LANGS, type Lang } from '../render/lang';
import { usageError } from './errors';
import type { Io } from './io';

export const langOption = (lang: Lang) => new Option('--lang <lang>', help(lang, 'opt.lang')).choices(LANGS);

/** The language of this run; an unknown VPN_LEDGER_LANG is a usage error (exit 2). */
export const langOf = (io: Io, flag: Lang | undefined): Lang => {
  const chosen = chooseLang(flag, io.env);
  if ('error' in chosen) throw usageError(chosen.error);
  return chosen.lang;
};

/**
 * The language of a run before commander parses it, so that its help and its own errors are in
 * that language too: the last `--lang en|ja` (or `--lang=ja`) among the arguments (before `--`),
 * else VPN_LEDGER_LANG, else the locale. A value that is none of these is left to commander and
 * the command to refuse; the words of the refusal are then in the language of the environment
 * (English when VPN_LEDGER_LANG itself is unknown).
 */
export const langOfArgs = (args: readonly string[], env: NodeJS.ProcessEnv): Lang => {
  let flag: Lang | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    const value = arg === '--lang' ? args[i + 1] : arg.startsWith('--lang=') ? arg.slice(7) : undefined;
    if (value !== undefined && isLang(value)) flag = value;
  }
  const chosen = chooseLang(flag, env);
  return 'error' in chosen ? 'en' : chosen.lang;
};
