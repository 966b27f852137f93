/**
 * Message catalogs: ICU MessageFormat strings (select, plural, number) formatted with
 * @formatjs/intl, one catalog per area (rejections, timeline steps, formulas, notes, policies, the
 * command line's own words) and language. A catalog is typed by its keys' union, so a key without
 * a message in either language fails the type check.
 */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { Lang } from './lang';

export type Messages<K extends string> = { readonly [P in K]: string };

export interface Catalog<K extends string> {
  readonly en: Messages<K>;
  readonly ja: Messages<K>;
}

export type Values = Readonly<Record<string, string | number>>;

const cache = createIntlCache();

/**
 * A formatter for one catalog. A message that needs a value it was not given, or a key it does not
 * have, throws: a bug, never a silently half-rendered sentence.
 */
export const formatterOf = <K extends string>(catalog: Catalog<K>) => {
  const shapes = new Map<Lang, IntlShape>();
  const shape = (lang: Lang): IntlShape => {
    let s = shapes.get(lang);
    if (!s) {
      s = createIntl(
        {
          locale: lang,
          messages: catalog[lang] as Record<string, string>,
          onError: (error) => {
            throw error;
          },
        },
        cache,
      );
      shapes.set(lang, s);
    }
    return s;
  };
  return (lang: Lang, key: K, values: Values = {}): string =>
    shape(lang).formatMessage({ id: key }, values, { ignoreTag: true }) as string;
};
