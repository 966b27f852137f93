/**
 * The languages the ledger speaks, and how a program chooses one: `--lang ja|en`, else the
 * environment variable VPN_LEDGER_LANG, else the locale (LC_ALL, then LANG: `ja_*` gives Japanese),
 * else English.
 */
export const LANGS = ['en', 'ja'] as const;
export type Lang = (typeof LANGS)[number];

export const LANG_ENV = 'VPN_LEDGER_LANG';

export const isLang = (s: unknown): s is Lang => s === 'en' || s === 'ja';

/** A locale such as `ja_JP.UTF-8`, `ja`, `en_US`: its language when it is one of ours. */
const fromLocale = (locale: string | undefined): Lang | null => {
  if (locale === undefined || locale === '') return null;
  const language = locale.split(/[_.@-]/)[0]!.toLowerCase();
  return isLang(language) ? language : null;
};

/**
 * The language of a run. `flag` is the `--lang` option (already checked to be en or ja). An
 * unknown VPN_LEDGER_LANG is an error the caller reports (null here means: not set). The locale
 * follows POSIX precedence: LC_ALL wins over LANG; C, POSIX or another language gives English.
 */
export const chooseLang = (
  flag: Lang | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { readonly lang: Lang } | { readonly error: string } => {
  if (flag !== undefined) return { lang: flag };
  const asked = env[LANG_ENV];
  if (asked !== undefined && asked !== '') {
    return isLang(asked) ? { lang: asked } : { error: `${LANG_ENV}="${asked}": use en or ja.` };
  }
  const locale = env.LC_ALL !== undefined && env.LC_ALL !== '' ? env.LC_ALL : env.LANG;
  return { lang: fromLocale(locale) ?? 'en' };
};
