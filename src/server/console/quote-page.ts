/**
 * A termination quote in the console (the portal's first question, Art. 20 and Annex 2): the form on
 * a contract's page (the day, and the whole contract or one option), and the answer: the day the end
 * would take effect, the settlement for the rest of the minimum term, every line of the last month
 * billed, what later months would no longer bill, and the equipment to send back by its deadline
 * (Art. 14(3)). Worked out by what-if (src/read/quote.ts); nothing is recorded.
 */
import { quoteLines } from '../../documents/quote';
import type { ChargeLine } from '../../projections/charges';
import type { ReturnDeadline } from '../../projections/return-deadlines';
import type { TerminationQuote } from '../../read/quote';
import { optionName } from '../../render/words';
import { Footnotes } from './footnotes';
import { type Html, html } from './html';
import { contractHref, langInput, notice, page, type View } from './layout';
import { linesTable, monthWords } from './month-page';
import { CONSOLE_PATH } from './session';

/** An option the form offers to stop. */
export interface QuotableOption {
  readonly optionId: string;
  readonly kind: string;
}

export interface QuoteFormInput {
  readonly on: string;
  readonly optionId: string;
}

export const quotePath = (contractId: string) =>
  `${CONSOLE_PATH}/contracts/${encodeURIComponent(contractId)}/quote`;

export const quoteForm = (
  v: View,
  contractId: string,
  options: readonly QuotableOption[],
  input: QuoteFormInput,
  today: string,
): Html =>
  html`<form method="get" action="${quotePath(contractId)}" class="quote">${langInput(v)}
<fieldset><legend>${v.t('quote.legend')}</legend>
<label>${v.t('quote.on')}<input type="date" name="on" value="${input.on}" min="${today}" required></label>
<label>${v.t('quote.what')}<select name="option"><option value="">${v.t('quote.wholeContract')}</option>${options.map(
    (o) =>
      html`<option value="${o.optionId}"${o.optionId === input.optionId ? html` selected` : null}>${v.t('quote.option', { optionId: o.optionId, kind: optionWords(v, o.kind) })}</option>`,
  )}</select></label>
<button type="submit">${v.t('quote.submit')}</button>
</fieldset>
<p class="muted">${v.t('quote.hint')}</p></form>`;

const optionWords = (v: View, kind: string): string =>
  v.lang === 'ja' ? optionName(v.lang, kind as never) : kind;

const returnsTable = (v: View, returns: readonly ReturnDeadline[]): Html => {
  const r = v.r;
  const col = {
    item: r.ui('col.item'),
    kind: r.ui('col.kind'),
    model: r.ui('col.model'),
    reason: r.ui('col.reason'),
    due: r.ui('col.due'),
  };
  return html`<table class="cards"><thead><tr><th scope="col">${col.item}</th><th scope="col">${col.kind}</th><th scope="col">${col.model}</th><th scope="col">${col.reason}</th><th scope="col">${col.due}</th></tr></thead><tbody>${returns.map(
    (d) =>
      html`<tr><td class="id" data-label="${col.item}">${d.itemId}</td><td data-label="${col.kind}">${r.word('kind', d.kind)}</td><td data-label="${col.model}">${d.model}</td><td data-label="${col.reason}">${r.word('returnReason', d.reason)}</td><td class="date" data-label="${col.due}"><strong>${r.date(d.dueOn)}</strong></td></tr>`,
  )}</tbody></table>`;
};

const sum = (lines: readonly ChargeLine[]) => lines.reduce((s, l) => s + l.amount, 0);

export const quotePage = (
  v: View,
  q: TerminationQuote | null,
  form: Html,
  errors: readonly string[],
  contractId: string,
): string => {
  const r = v.r;
  const title = q?.ask.optionId
    ? v.t('quote.titleOption', { contractId, optionId: q.ask.optionId })
    : v.t('quote.title', { contractId });
  const back = html`<p><a href="${contractHref(v, contractId)}">${v.t('quote.back', { contractId })}</a></p>`;
  if (q === null)
    return page(v, title, html`<h1>${title}</h1>${errors.map((e) => notice('error', e))}${form}${back}`);
  const billTo = v.principal?.kind === 'contractor' ? v.principal.contractorId : null;
  const head = html`<h1>${title}</h1>
<p class="notice" role="note">${r.ui('quote.note')}</p>`;
  if (q.result.status === 'rejected' || q.effectiveOn === null) {
    const why = q.result.status === 'rejected' ? r.resultMessage(q.result) : v.t('quote.noEnd');
    return page(v, title, html`${head}${notice('error', why)}${form}${back}`);
  }
  const notes = new Footnotes(v);
  const settlement = quoteLines(q.settlement, billTo);
  const last = q.lastMonth ? quoteLines(q.lastMonth.lines, billTo) : [];
  const later = q.effectiveOn !== q.ask.on;
  const body = html`${head}
<dl class="fields">
<div><dt>${v.t('quote.asked')}</dt><dd>${r.date(q.ask.on)}</dd></div>
<div><dt>${v.t('quote.noticeOn')}</dt><dd>${r.date(q.ask.noticeOn)}</dd></div>
<div><dt>${v.t('quote.effectiveOn')}</dt><dd><strong>${r.date(q.effectiveOn)}</strong>${later ? html`<br><span class="muted">${v.t(q.ask.optionId ? 'quote.laterOption' : 'quote.later', { effectiveOn: r.date(q.effectiveOn) })}</span>` : null}</dd></div>
</dl>
<section aria-labelledby="settlement"><h2 id="settlement">${v.t('quote.settlement')}</h2>
${settlement.length === 0 ? notice('info', v.t('quote.noSettlement')) : html`${linesTable(v, settlement, notes, { showContract: false, showBillTo: billTo === null, explain: false })}<p class="total-line">${v.t('quote.settlementTotal', { total: r.money(sum(settlement)) })}</p>`}
</section>
${
  q.lastMonth
    ? html`<section aria-labelledby="last-month"><h2 id="last-month">${v.t('quote.lastMonth', { month: monthWords(v, q.lastMonth.month) })}</h2>
${last.length === 0 ? notice('info', r.ui('charges.none', { month: monthWords(v, q.lastMonth.month) })) : html`${linesTable(v, last, notes, { showContract: false, showBillTo: billTo === null, explain: false })}<p class="total-line">${v.t('quote.lastMonthTotal', { month: monthWords(v, q.lastMonth.month), total: r.money(sum(last)) })}</p>`}
</section>`
    : null
}
${q.savedFrom ? html`<p>${v.t('quote.savedFrom', { month: monthWords(v, q.savedFrom.month), perMonth: r.money(q.savedFrom.perMonth) })}</p>` : null}
<section aria-labelledby="returns"><h2 id="returns">${v.t('quote.returns')}</h2>
${q.returns.length === 0 ? notice('info', v.t('quote.noReturns')) : html`<p>${v.t('quote.returnsIntro')}</p>${returnsTable(v, q.returns)}`}
</section>
${notes.list()}
<section aria-labelledby="again"><h2 id="again">${v.t('quote.again')}</h2>${form}</section>
${back}`;
  return page(v, title, body);
};
