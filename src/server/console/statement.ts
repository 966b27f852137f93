/**
 * A bill-to's statement of a month, to print: who is billed, the month, whether it is closed (and
 * when), every line billed to it with its period, amount, article and formula, the total, and the
 * articles as footnotes; amounts in yen, tax excluded, as Annex 1 states them. A simple statement at
 * /console/statements/{month}/{billTo}: issue 22's printable statement (its number, its seal digest)
 * takes this URL over when the two are merged. A contractor sees only its own (another's is not
 * found, as a month with nothing billed to it is not).
 */
import type { MonthLinesPage } from '../../read';
import { Footnotes } from './footnotes';
import { type Html, html } from './html';
import { monthHref, notice, page, type View } from './layout';
import { linesTable, monthStatus, monthWords } from './month-page';
import { CONSOLE_PATH } from './session';

/** At most this many lines on one statement (a bill-to's month has a few dozen). */
export const STATEMENT_LINES = 5000;

export const statementPage = (v: View, p: MonthLinesPage, billTo: string): string => {
  const r = v.r;
  const title = v.t('statement.title', { billTo, month: monthWords(v, p.month) });
  const notes = new Footnotes(v);
  const more: Html | null =
    p.matched.lines > p.lines.length
      ? notice('info', v.t('statement.more', { shown: p.lines.length, lines: p.matched.lines }))
      : null;
  const body = html`<article class="statement">
<header class="statement-head"><div><h1>${title}</h1>
${monthStatus(v, p)}
${p.status === 'open' ? notice('info', v.t('statement.draft', { month: monthWords(v, p.month) })) : null}</div>
<dl class="fields">
<div><dt>${v.t('statement.billTo')}</dt><dd>${billTo}</dd></div>
<div><dt>${v.t('statement.month')}</dt><dd>${monthWords(v, p.month)}</dd></div>
<div><dt>${v.t('statement.total')}</dt><dd class="total-line">${r.money(p.matched.total)}</dd></div>
</dl></header>
<p class="actions"><button type="button" data-print hidden>${v.t('print')}</button><a href="${monthHref(v, p.month, v.customer ? {} : { billTo })}">${v.t('statement.toMonth', { month: monthWords(v, p.month) })}</a></p>
${
  p.matched.lines === 0
    ? notice('info', r.ui('charges.none', { month: monthWords(v, p.month) }))
    : html`${more}${linesTable(v, p.lines, notes, { showContract: true, showBillTo: false })}
<p class="total-line">${v.t('statement.sum', { lines: p.matched.lines, total: r.money(p.matched.total) })}</p>`
}
<p class="muted">${v.t('statement.taxExcluded')}</p>
${notes.list()}
</article>`;
  return page(v, title, body, { bodyClass: 'statement-page' });
};

export const statementPath = (month: string, billTo: string) =>
  `${CONSOLE_PATH}/statements/${encodeURIComponent(month)}/${encodeURIComponent(billTo)}`;
