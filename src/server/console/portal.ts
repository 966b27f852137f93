/**
 * A contractor's portal: the console as a customer sees it (layout.ts gives it its own title and
 * words). Its bills: every month from its first contract's acceptance to the month the next close
 * is of, each with its close date, its lines and its printable statement (statement.ts).
 */
import { type Html, html } from './html';
import { href, monthHref, notice, page, statementHref, type View } from './layout';
import { monthWords } from './month-page';

export interface BillMonth {
  readonly month: string;
  readonly status: 'closed' | 'open';
  /** When its close was made (null: open, or closed empty before the ledger's first close). */
  readonly closedAt: string | null;
}

const billsTable = (v: View, months: readonly BillMonth[], billTo: string): Html => {
  const col = {
    month: v.t('statement.month'),
    status: v.r.ui('col.status'),
    statement: v.t('month.statement'),
  };
  return html`<table class="cards"><thead><tr><th scope="col">${col.month}</th><th scope="col">${col.status}</th><th scope="col">${col.statement}</th></tr></thead><tbody>${months.map(
    (m) =>
      html`<tr><td data-label="${col.month}"><a href="${monthHref(v, m.month)}">${monthWords(v, m.month)}</a></td><td data-label="${col.status}">${
        m.closedAt === null
          ? v.t(m.status === 'closed' ? 'month.closed' : 'month.open')
          : v.t('month.closedOn', { closedAt: v.r.instant(m.closedAt) })
      }</td><td data-label="${col.statement}"><a href="${statementHref(v, m.month, billTo)}">${v.t('month.statementOf', { billTo })}</a></td></tr>`,
  )}</tbody></table>`;
};

/** The portal's list of bills, newest first. */
export const billsPage = (v: View, months: readonly BillMonth[], billTo: string): string => {
  const title = v.t('portal.billsTitle');
  return page(
    v,
    title,
    html`<h1>${title}</h1>
<p>${v.t('portal.billsIntro')}</p>
${months.length === 0 ? notice('info', v.t('portal.noBills')) : billsTable(v, [...months].reverse(), billTo)}
<p><a href="${href(v, '/console')}">${v.t('portal.contracts')}</a></p>`,
  );
};
