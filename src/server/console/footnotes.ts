/**
 * Articles as footnotes: each provision a page cites is numbered the first time a line cites it,
 * and its heading and the ledger's reading of it are written once, at the end of the page (and of
 * a printed statement), rather than under every line that cites it.
 */
import { provisionNotes } from '../../render/articles';
import { type Html, html } from './html';
import type { View } from './layout';

export class Footnotes {
  private readonly numbers = new Map<string, number>();
  private readonly notes: { readonly title: string; readonly reading: string }[] = [];

  constructor(private readonly v: View) {}

  /** A citation as stored, in words, with the numbers of its provisions' notes. */
  cite(citation: string): Html {
    const refs = provisionNotes(this.v.lang, citation).map((n) => {
      let k = this.numbers.get(n.title);
      if (k === undefined) {
        this.notes.push(n);
        k = this.notes.length;
        this.numbers.set(n.title, k);
      }
      return k;
    });
    const text = this.v.r.citation(citation);
    if (refs.length === 0) return html`${text}`;
    return html`${text}<sup class="fn">${refs.map(
      (k, i) =>
        html`${i > 0 ? ',' : ''}<a href="#fn-${k}" aria-label="${this.v.t('footnote.ref', { n: k })}">${k}</a>`,
    )}</sup>`;
  }

  /** The notes cited so far, in order; null when none was. */
  list(): Html | null {
    if (this.notes.length === 0) return null;
    return html`<section aria-labelledby="footnotes" class="footnotes"><h2 id="footnotes">${this.v.t('footnote.heading')}</h2><ol class="footnotes">${this.notes.map(
      (n, i) => html`<li id="fn-${i + 1}"><b>${n.title}</b><br>${n.reading}</li>`,
    )}</ol></section>`;
  }
}
