/**
 * The console's billing months (GET /console/months): every month from the ledger's first charge to
 * the current one, closed or open, who closed it and when, the close's id, its lines and total, the
 * adjustments it carried (or, open, carries), its seal's digest, and a link to each month and, for a
 * closed month, to its statements. The same overview as `vpn-ledger months` and GET /v1/months
 * (src/read/months-overview.ts); a contractor sees its own lines and totals only.
 */
import { monthEntryJson } from '../../documents/months';
import type { MonthOverview } from '../../read';
import { formatYen } from '../../terms/money';
import { type Html, html } from './html';
import { href, monthHref, notice, page, type View } from './layout';
import { CONSOLE_PATH } from './session';

export const statementHref = (v: View, month: string, billTo: string) =>
  href(v, `${CONSOLE_PATH}/months/${encodeURIComponent(month)}/statements/${encodeURIComponent(billTo)}`);

const statusText = (v: View, m: MonthOverview): string => {
  if (m.status === 'closed') return v.r.ui(m.close ? 'months.closed' : 'months.beforeFirst');
  return v.r.ui(m.nextToClose ? 'months.next' : 'months.open');
};

/** The months page; `billTo`: a contractor's own figures only (null: staff, every contractor's). */
export const monthsPage = (
  v: View,
  months: readonly MonthOverview[],
  current: string,
  billTo: string | null,
): string => {
  const r = v.r;
  const title = v.t('months.title');
  const rows = months.map((m) => {
    const e = monthEntryJson(m, billTo);
    const statements: Html[] =
      m.close === null
        ? []
        : e.totals.map((t) => html`<a href="${statementHref(v, m.month, t.billTo)}">${t.billTo}</a> `);
    return html`<tr${m.nextToClose ? html` class="next"` : null}><th scope="row"><a href="${monthHref(v, m.month)}">${r.month(m.month)}</a></th><td>${statusText(v, m)}</td><td class="id">${m.close?.closedBy ?? ''}</td><td class="date">${m.close ? r.instant(m.close.closedAt) : ''}</td><td class="num">${e.lines}</td><td class="num">${formatYen(e.total)}</td><td class="num">${e.adjustments}</td><td class="id">${m.close?.closeId ?? ''}</td><td class="id">${m.close ? m.close.seal.digest.slice(0, 16) : ''}</td><td>${statements}</td></tr>`;
  });
  const table = html`<table class="months"><thead><tr><th scope="col">${r.ui('col.month')}</th><th scope="col">${r.ui('col.status')}</th><th scope="col">${r.ui('col.closedBy')}</th><th scope="col">${r.ui('col.closedAt')}</th><th scope="col" class="num">${r.ui('col.lines')}</th><th scope="col" class="num">${r.ui('col.totalYen')}</th><th scope="col" class="num">${r.ui('col.adjustments')}</th><th scope="col">${r.ui('col.closeId')}</th><th scope="col">${r.ui('col.sealDigest')}</th><th scope="col">${v.t('months.statements')}</th></tr></thead><tbody>${rows}</tbody></table>`;
  const open = months.filter((m) => m.status === 'open' && m.month < current);
  return page(
    v,
    title,
    html`<h1>${title}</h1>
<p>${v.t('months.intro', { month: r.month(current) })}</p>
${
  months.length === 0
    ? notice('info', r.ui('months.none'))
    : html`${table}${
        open.length > 0
          ? html`<p>${r.ui('months.toClose', { count: open.length, through: open[open.length - 1]!.month })}</p>`
          : null
      }`
}`,
  );
};
