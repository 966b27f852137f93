/**
 * A billing month, at any size: its close status, the totals per bill-to first (a page of them,
 * each leading to its lines and its statement), then the lines a page at a time, filtered by
 * bill-to, contract, kind, amount and article, each linked to its explanation, with the articles
 * they cite as footnotes named once. Printed, it is a compact statement of the page (statement.ts
 * prints one bill-to's). A contractor sees only the lines billed to it, and no staff ids or close
 * ids. The data comes from the Reader's paged read (src/read/month-lines.ts).
 */
import { CHARGE_KINDS, type ChargeLine } from '../../projections/charges';
import type { MonthLinesPage } from '../../read';
import { formatYen } from '../../terms/money';
import { Footnotes } from './footnotes';
import { type Html, html } from './html';
import {
  contractHref,
  href,
  langInput,
  lineHref,
  monthHref,
  notice,
  page,
  printableStatementHref,
  statementHref,
  type View,
} from './layout';
import { CONSOLE_PATH } from './session';

/** A month in words: 2025-10 / 2025年10月. */
export const monthWords = (v: View, month: string): string => v.r.month(month);

/** A period of days: one day, or from..to. */
export const periodWords = (v: View, from: string, to: string): string =>
  from === to ? v.r.date(from) : v.lang === 'ja' ? `${v.r.date(from)}～${v.r.date(to)}` : `${from} to ${to}`;

/** The filter of the lines as typed (kept in the form and in the pager's links). */
export interface MonthFilterInput {
  readonly billTo: string;
  readonly contract: string;
  readonly kind: string;
  readonly amount: string;
  readonly article: string;
  readonly size: number;
}

// At most 200 lines a page: 500 took over a second to render on a 10k-contract month (bench: console).
export const PAGE_SIZES = [50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 100;
export const TOTALS_PAGE_SIZE = 50;

const filterParams = (f: MonthFilterInput) => ({
  billTo: f.billTo,
  contract: f.contract,
  kind: f.kind,
  amount: f.amount,
  article: f.article,
  size: f.size === DEFAULT_PAGE_SIZE ? '' : String(f.size),
});

/** Previous and next, and where the page is; a link that leads nowhere is said but not linked. */
export const pager = (
  v: View,
  label: string,
  status: string,
  prev: string | null,
  next: string | null,
  extra: Html | null = null,
): Html =>
  html`<nav class="pager" aria-label="${label}">${
    prev
      ? html`<a href="${prev}" rel="prev">${v.t('pager.prev')}</a>`
      : html`<span aria-disabled="true">${v.t('pager.prev')}</span>`
  }<span>${status}</span>${
    next
      ? html`<a href="${next}" rel="next">${v.t('pager.next')}</a>`
      : html`<span aria-disabled="true">${v.t('pager.next')}</span>`
  }${extra}</nav>`;

/** What the month's close says, in the words its reader may see (a contractor: no who, no close id). */
export const monthStatus = (
  v: View,
  p: Pick<MonthLinesPage, 'status' | 'close' | 'carriesAdjustments'>,
): Html => {
  const c = p.close;
  if (c) {
    return html`<p class="status"><strong>${v.t('month.closed')}</strong> ${
      v.customer
        ? v.t('month.closedOn', { closedAt: v.r.instant(c.closedAt) })
        : v.t('month.closedBy', {
            closedAt: v.r.instant(c.closedAt),
            closedBy: c.closedBy,
            closeId: c.closeId,
          })
    }</p>`;
  }
  return html`<p class="status"><strong>${v.t('month.open')}</strong> ${v.t(p.carriesAdjustments ? 'month.openCarries' : 'month.openNote')}</p>`;
};

/** The lines of a page, each linked to its explanation (an adjustment also to the line it corrects). */
export const linesTable = (
  v: View,
  lines: readonly ChargeLine[],
  notes: Footnotes,
  opts: {
    readonly showContract: boolean;
    readonly showBillTo: boolean;
    readonly knownAt?: string;
    /** Each line linked to its explanation (not for lines that would be: a quote's). */
    readonly explain?: boolean;
  },
): Html => {
  const r = v.r;
  const c = {
    contract: r.ui('col.contract'),
    billTo: r.ui('col.billTo'),
    kind: r.ui('col.kind'),
    period: r.ui('col.period'),
    amount: r.ui('col.amountYen'),
    article: r.ui('col.article'),
    formula: r.ui('col.formula'),
    why: v.t('charges.why'),
  };
  const explain = opts.explain ?? true;
  // A settlement's numbers named (its months and days), where there is room for them.
  const reading = (l: ChargeLine) => {
    if (l.kind !== 'early-termination' && l.kind !== 'early-termination-option') return null;
    const text = r.formulaReading(l.formula);
    return text === null ? null : html`<br><span class="muted">${text}</span>`;
  };
  const link = (l: ChargeLine) => {
    const own = html`<a href="${lineHref(v, l.id, opts.knownAt)}" aria-label="${v.t('charges.explainLine', { lineId: l.id })}">${v.t('charges.explain')}</a>`;
    return l.formula.kind === 'adjustment'
      ? html`${own}<br><a href="${lineHref(v, l.formula.lineId, opts.knownAt)}">${v.t('charges.corrected')}</a>`
      : own;
  };
  return html`<table class="lines cards"><thead><tr>${opts.showContract ? html`<th scope="col">${c.contract}</th>` : null}${opts.showBillTo ? html`<th scope="col">${c.billTo}</th>` : null}<th scope="col">${c.kind}</th><th scope="col">${c.period}</th><th scope="col" class="num">${c.amount}</th><th scope="col">${c.article}</th><th scope="col">${c.formula}</th>${explain ? html`<th scope="col" class="no-print">${c.why}</th>` : null}</tr></thead><tbody>${lines.map(
    (l) =>
      html`<tr>${opts.showContract ? html`<td class="id" data-label="${c.contract}"><a href="${contractHref(v, l.contractId)}">${l.contractId}</a></td>` : null}${opts.showBillTo ? html`<td class="id" data-label="${c.billTo}">${l.billTo}</td>` : null}<td data-label="${c.kind}">${r.word('chargeKind', l.kind)}</td><td class="date" data-label="${c.period}">${periodWords(v, l.period.from, l.period.to)}</td><td class="num" data-label="${c.amount}">${formatYen(l.amount)}</td><td data-label="${c.article}">${notes.cite(l.article)}</td><td data-label="${c.formula}">${r.formula(l.formula)}${l.notes.length ? html`<br><span class="muted">${r.notes(l.notes)}</span>` : null}${reading(l)}</td>${explain ? html`<td class="no-print id" data-label="${c.why}">${link(l)}</td>` : null}</tr>`,
  )}</tbody></table>`;
};

export interface MonthPageInput {
  readonly filter: MonthFilterInput;
  readonly page: number;
  readonly totalsPage: number;
}

const totalsSection = (v: View, p: MonthLinesPage, input: MonthPageInput): Html => {
  const r = v.r;
  const base = `${CONSOLE_PATH}/months/${encodeURIComponent(p.month)}`;
  const pages = Math.max(1, Math.ceil(p.billTos / TOTALS_PAGE_SIZE));
  const at = (n: number) =>
    href(v, base, { ...filterParams(input.filter), page: String(input.page), tpage: String(n) });
  const col = {
    billTo: r.ui('col.billTo'),
    lines: r.ui('col.lines'),
    total: r.ui('col.totalYen'),
    statement: v.t('month.statement'),
  };
  const rows = p.totals.map(
    (t) =>
      html`<tr><td class="id" data-label="${col.billTo}"><a href="${monthHref(v, p.month, { billTo: v.customer ? '' : t.billTo })}">${t.billTo}</a></td><td class="num" data-label="${col.lines}">${t.lines}</td><td class="num" data-label="${col.total}">${formatYen(t.amount)}</td><td data-label="${col.statement}"><a href="${statementHref(v, p.month, t.billTo)}">${v.t('month.statementOf', { billTo: t.billTo })}</a></td></tr>`,
  );
  return html`<section aria-labelledby="totals"><h2 id="totals">${r.ui('charges.totals')}</h2>
<p class="total-line">${v.t('month.allTotal', { billTos: p.billTos, lines: p.all.lines, total: r.money(p.all.total) })}</p>
${
  p.billTos === 0
    ? null
    : html`<table class="totals cards"><thead><tr><th scope="col">${col.billTo}</th><th scope="col" class="num">${col.lines}</th><th scope="col" class="num">${col.total}</th><th scope="col" class="no-print">${col.statement}</th></tr></thead><tbody>${rows}</tbody></table>
${pages > 1 ? pager(v, v.t('pager.totals'), v.t('pager.pageOf', { page: input.totalsPage, pages }), input.totalsPage > 1 ? at(input.totalsPage - 1) : null, input.totalsPage < pages ? at(input.totalsPage + 1) : null) : null}`
}</section>`;
};

const filterForm = (v: View, p: MonthLinesPage, f: MonthFilterInput): Html => {
  const r = v.r;
  const base = `${CONSOLE_PATH}/months/${encodeURIComponent(p.month)}`;
  const articles =
    f.article !== '' && !p.articles.includes(f.article) ? [...p.articles, f.article] : p.articles;
  const filtered = f.billTo || f.contract || f.kind || f.amount || f.article;
  return html`<form method="get" action="${base}" class="filter">${langInput(v)}
<fieldset><legend>${v.t('month.filter')}</legend>
${v.customer ? null : html`<label>${v.t('month.filterBillTo')}<input name="billTo" value="${f.billTo}" autocomplete="off"></label>`}
<label>${v.t('month.filterContract')}<input name="contract" value="${f.contract}" autocomplete="off"></label>
<label>${v.t('month.filterKind')}<select name="kind"><option value="">${v.t('month.any')}</option>${CHARGE_KINDS.map(
    (k) =>
      html`<option value="${k}"${k === f.kind ? html` selected` : null}>${r.word('chargeKind', k)}</option>`,
  )}</select></label>
<label>${v.t('month.filterAmount')}<input name="amount" value="${f.amount}" inputmode="numeric" autocomplete="off" placeholder="99,290"></label>
<label>${v.t('month.filterArticle')}<select name="article"><option value="">${v.t('month.any')}</option>${articles.map(
    (a) => html`<option value="${a}"${a === f.article ? html` selected` : null}>${r.citation(a)}</option>`,
  )}</select></label>
<label>${v.t('month.pageSize')}<select name="size">${PAGE_SIZES.map(
    (n) => html`<option value="${n}"${n === f.size ? html` selected` : null}>${n}</option>`,
  )}</select></label>
<button type="submit">${v.t('month.apply')}</button>
${filtered ? html`<a href="${monthHref(v, p.month)}">${v.t('month.clear')}</a>` : null}
</fieldset></form>`;
};

export const monthPage = (
  v: View,
  p: MonthLinesPage,
  input: MonthPageInput,
  errors: readonly string[],
): string => {
  const r = v.r;
  const title = v.t('month.title', { month: monthWords(v, p.month) });
  const notes = new Footnotes(v);
  const base = `${CONSOLE_PATH}/months/${encodeURIComponent(p.month)}`;
  const pages = Math.max(1, Math.ceil(p.matched.lines / input.filter.size));
  const at = (n: number) =>
    href(v, base, {
      ...filterParams(input.filter),
      page: n === 1 ? '' : String(n),
      tpage: input.totalsPage === 1 ? '' : String(input.totalsPage),
    });
  const first = p.offset + 1;
  const last = p.offset + p.lines.length;
  const shown =
    p.matched.lines === 0
      ? notice('info', v.t('month.noneMatch'))
      : html`<p role="status">${v.t('month.showing', { first, last, matched: p.matched.lines, total: r.money(p.matched.total) })}</p>
${linesTable(v, p.lines, notes, { showContract: true, showBillTo: !v.customer })}
${pager(v, v.t('pager.lines'), v.t('pager.pageOf', { page: Math.min(input.page, pages), pages }), input.page > 1 ? at(Math.min(input.page, pages) - 1) : null, input.page < pages ? at(input.page + 1) : null)}`;
  const adjustments = p.lines.some((l) => l.kind === 'adjustment');
  const actions = html`<p class="actions">${
    v.customer && v.principal?.kind === 'contractor'
      ? html`<a href="${statementHref(v, p.month, v.principal.contractorId)}">${v.t('month.myStatement')}</a>`
      : html`<a href="${href(v, `${base}/charges.csv`, filterParams({ ...input.filter, size: DEFAULT_PAGE_SIZE }))}" download="charges-${p.month}.csv">${v.t('month.csv')}</a> <span class="muted">${v.t('month.csvNote')}</span>`
  }<button type="button" data-print hidden>${v.t('print')}</button></p>
${
  // A closed month's statements as `vpn-ledger statement` prints them (numbered, from the close).
  p.status === 'closed' && p.totals.length > 0
    ? html`<p class="actions no-print">${v.t('month.statements')} ${p.totals.map((t) => html`<a href="${printableStatementHref(v, p.month, t.billTo)}">${t.billTo}</a> `)}</p>`
    : null
}`;
  const body = html`<h1>${title}</h1>
${errors.map((e) => notice('error', e))}
${monthStatus(v, p)}
${adjustments ? html`<p>${v.t('month.adjustmentsHere')}</p>` : null}
${actions}
<p class="print-only muted">${v.t('month.printed', { first: p.matched.lines === 0 ? 0 : first, last, matched: p.matched.lines })}</p>
${p.all.lines === 0 ? notice('info', r.ui('charges.none', { month: monthWords(v, p.month) })) : totalsSection(v, p, input)}
<section aria-labelledby="lines"><h2 id="lines">${v.t('month.lines')}</h2>
${filterForm(v, p, input.filter)}
${shown}
</section>
${notes.list()}`;
  return page(v, title, body, { bodyClass: 'month' });
};
