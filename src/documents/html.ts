/**
 * HTML from a tagged template that escapes every value (the console's pages, the printable
 * statement): `html\`<td>${name}</td>\`` writes `name` as text, whatever it holds; only another
 * `html` fragment is inserted as markup. Arrays are joined; null, undefined and false write nothing.
 */
const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
  ['"', '&quot;'],
  ["'", '&#39;'],
]);

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES.get(c)!);

/** Markup already escaped (made only by `html`, or `raw` for the page's fixed parts). */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

const piece = (value: HtmlValue): string => {
  if (value instanceof Html) return value.markup;
  if (Array.isArray(value)) return value.map(piece).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
};

export const html = (strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html => {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += piece(values[i]!) + strings[i + 1]!;
  return new Html(out);
};
