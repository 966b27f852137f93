/**
 * The language of an answer, chosen per request: the `lang` query parameter, else Accept-Language
 * (RFC 9110 §12.5.4), else English. Every response says which in Content-Language and varies by
 * Accept-Language. The words are the CLI's (`renderer(lang)` of src/render, as `--lang` gives
 * them): problem titles and rejections (problem.ts), the documents' rendered fields (documents.ts
 * and the routes). Codes, parameters and ids are the same in every language.
 */
import { LANGS, type Lang } from '../render/lang';

export const SUPPORTED_LOCALES = LANGS;
export type Locale = Lang;
export const DEFAULT_LOCALE: Locale = 'en';

const supported = (tag: string): Locale | null => {
  const base = tag.toLowerCase().split('-')[0]!;
  return (SUPPORTED_LOCALES as readonly string[]).includes(base) ? (base as Locale) : null;
};

/** The locale for a request: `lang` if supported, else the best of Accept-Language, else English. */
export const negotiateLocale = (acceptLanguage: string | undefined, lang: string | undefined): Locale => {
  if (lang !== undefined) {
    const chosen = supported(lang);
    if (chosen) return chosen;
  }
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part, i) => {
        const [tag, ...params] = part.trim().split(';');
        const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
        return { tag: tag!.trim(), q: q === undefined ? 1 : Number(q), i };
      })
      .filter((x) => x.tag !== '' && x.q > 0)
      .sort((a, b) => b.q - a.q || a.i - b.i);
    for (const { tag } of ranked) {
      const chosen = tag === '*' ? DEFAULT_LOCALE : supported(tag);
      if (chosen) return chosen;
    }
  }
  return DEFAULT_LOCALE;
};
