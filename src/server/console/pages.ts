/**
 * The console's pages as HTML, from data the routes read (routes.ts): sign-in, the contract search,
 * a contract (its state as of a date and as known at a time, its timeline with the articles, its
 * minimum terms, return deadlines, the month's charges and a termination quote's form), a charge
 * line's explanation (with a reply to paste), and the pages that say what is not there (and what a
 * known-at time hid). A billing month is month-page.ts's. Every word comes from src/render; every
 * value is escaped by `html`. A contractor's portal (View.customer) shows no staff ids, positions or
 * internal ids.
 */

import type { Access } from '../../auth/authority';
import { termStatus } from '../../documents/contracts';
import { billingSentences } from '../../documents/explain';
import { billedText, replyText, sourcesInDateOrder } from '../../documents/explain-text';
import type { LedgerEvent } from '../../events';
import type { BilledMonth } from '../../projections/adjustments';
import type { MonthlyCharges } from '../../projections/charges';
import type { ContractSnapshot } from '../../projections/contract-state';
import type { MinimumTerm } from '../../projections/minimum-terms';
import type { ReturnDeadline } from '../../projections/return-deadlines';
import type { TimelineStep } from '../../projections/timeline';
import type { LineExplanation } from '../../read';
import { provisionNotes } from '../../render/articles';
import { LANGS } from '../../render/lang';
import { itemName, maintenanceBasisText, optionName } from '../../render/words';
import { formatYen } from '../../terms/money';
import type { ContractSearchRow } from '../../views/models/contracts';
import { CONTRACT_STATUSES } from '../../views/models/contracts';
import { Footnotes } from './footnotes';
import { type Html, html } from './html';
import {
  contractHref,
  href,
  langInput,
  monthHref,
  notice,
  page,
  scroller,
  type View,
  viewOf,
} from './layout';
import { linesTable, monthStatus, monthWords, pager, periodWords as span } from './month-page';
import { CONSOLE_PATH } from './session';

/** A stored citation, with its provisions' headings and the ledger's reading of them on demand. */
export const article = (v: View, citation: string): Html => {
  const notes = provisionNotes(v.lang, citation);
  const text = v.r.citation(citation);
  if (notes.length === 0) return html`${text}`;
  return html`<details class="article"><summary>${text}</summary><ul class="provision">${notes.map(
    (n) => html`<li><b>${n.title}</b>${n.reading}</li>`,
  )}</ul></details>`;
};

const detailsButtons = (v: View): Html =>
  html`<div class="actions no-print"><button type="button" data-details="open" hidden>${v.t('details.openAll')}</button><button type="button" data-details="close" hidden>${v.t('details.closeAll')}</button><button type="button" data-print hidden>${v.t('print')}</button></div>`;

const field = (label: string, value: Html | string): Html =>
  html`<div><dt>${label}</dt><dd>${value}</dd></div>`;

// ---------------------------------------------------------------------------------------------
// Sign-in

export const signInPage = (v: View, next: string | null, message: Html | null): string =>
  page(
    v,
    v.t('signIn.title'),
    html`<div class="signin">
<h1>${v.t('signIn.title')}</h1>
${message}
<form method="post" action="${href(v, `${CONSOLE_PATH}/sign-in`)}">
${next ? html`<input type="hidden" name="next" value="${next}">` : null}
<p><label for="token">${v.t('signIn.token')}</label><br>
<input type="password" id="token" name="token" autocomplete="off" required autofocus aria-describedby="token-hint"></p>
<p id="token-hint" class="muted">${v.t('signIn.hint')}</p>
<p><button type="submit">${v.t('signIn.submit')}</button></p>
</form>
</div>`,
  );

// ---------------------------------------------------------------------------------------------
// Search

export interface SearchInput {
  readonly id: string;
  readonly holder: string;
  readonly network: string;
  readonly status: string;
  readonly asOf: string;
}

export interface SearchResult {
  readonly rows: readonly (ContractSearchRow & { access: Access })[];
  /** Every contract the search finds, and how many come before this page. */
  readonly total: number;
  readonly before: number;
  /** Where the next page starts after, and the previous ends before (null: none). */
  readonly next: string | null;
  readonly prev: string | null;
}

export const searchPage = (
  v: View,
  input: SearchInput,
  result: SearchResult | null,
  errors: readonly string[],
): string => {
  const r = v.r;
  const fields = html`<form method="get" action="${CONSOLE_PATH}" role="search">${langInput(v)}
<fieldset><legend>${v.t('search.legend')}</legend>
<label>${v.t('search.id')}<input name="id" value="${input.id}" autocomplete="off"></label>
${v.customer ? null : html`<label>${v.t('search.holder')}<input name="holder" value="${input.holder}" autocomplete="off"></label>`}
<label>${v.t('search.network')}<input name="network" value="${input.network}" autocomplete="off"></label>
<label>${v.t('search.status')}<select name="status"><option value="">${v.t('search.anyStatus')}</option>${CONTRACT_STATUSES.map(
    (s) =>
      html`<option value="${s}"${s === input.status ? html` selected` : null}>${r.word('contractStatus', s)}</option>`,
  )}</select></label>
<label>${v.t('search.asOf')}<input type="date" name="asOf" value="${input.asOf}"></label>
<button type="submit">${v.t('search.submit')}</button>
</fieldset></form>`;
  const col = {
    contract: r.ui('col.contract'),
    network: v.t('col.network'),
    type: v.t('col.type'),
    holder: v.t('col.holder'),
    item: v.t('col.itemName'),
    status: r.ui('col.status'),
    start: r.ui('col.billingStart'),
    access: v.t('col.access'),
  };
  const query = { ...input };
  const table =
    result === null
      ? null
      : result.rows.length === 0
        ? notice('info', v.t(result.total === 0 ? 'search.none' : 'search.noneHere'))
        : html`<p role="status">${v.t('search.range', { first: result.before + 1, last: result.before + result.rows.length, total: result.total })}</p>
<table class="cards"><caption class="muted">${v.t('search.caption', { date: r.date(input.asOf) })}</caption>
<thead><tr><th scope="col">${col.contract}</th><th scope="col">${col.network}</th><th scope="col">${col.type}</th>${v.customer ? null : html`<th scope="col">${col.holder}</th>`}<th scope="col">${col.item}</th><th scope="col">${col.status}</th><th scope="col">${col.start}</th><th scope="col">${col.access}</th></tr></thead>
<tbody>${result.rows.map(
            (
              row,
            ) => html`<tr><td data-label="${col.contract}"><a href="${contractHref(v, row.contract_id, { asOf: input.asOf })}">${row.contract_id}</a></td>
<td data-label="${col.network}">${row.network_id}</td><td data-label="${col.type}">${r.word('contractType', row.contract_type)}</td>${v.customer ? null : html`<td data-label="${col.holder}">${row.contractor_id}</td>`}
<td data-label="${col.item}">${v.lang === 'ja' ? itemName(v.lang, row.item as never) : row.item}</td>
<td data-label="${col.status}">${row.status === null ? v.t('search.notYet') : r.word('contractStatus', row.status)}</td>
<td class="date" data-label="${col.start}">${row.access === 'parent-holder' || row.billing_start_on === null ? '' : r.date(row.billing_start_on)}</td>
<td data-label="${col.access}">${v.t(`access.${row.access}`)}</td></tr>`,
          )}</tbody></table>
${pager(
  v,
  v.t('pager.contracts'),
  v.t('pager.pageOf', {
    page: Math.floor(result.before / SEARCH_PAGE) + 1,
    pages: Math.max(1, Math.ceil(result.total / SEARCH_PAGE)),
  }),
  result.prev ? href(v, CONSOLE_PATH, { ...query, before: result.prev }) : null,
  result.next ? href(v, CONSOLE_PATH, { ...query, after: result.next }) : null,
)}`;
  const title = v.t(v.customer ? 'portal.contractsTitle' : 'search.title');
  return page(
    v,
    title,
    html`<h1>${title}</h1>${v.customer ? html`<p>${v.t('portal.welcome')}</p>` : null}${errors.map((e) => notice('error', e))}${fields}${table}`,
  );
};

/** Contracts on one page of the search. */
export const SEARCH_PAGE = 100;

// ---------------------------------------------------------------------------------------------
// A contract

export interface ContractPageInput {
  readonly asOf: string;
  /** As the user typed it (the URL keeps it), and as read. */
  readonly knownAtText: string;
  /** The known-at time as a datetime-local input holds it (Japan time), so that the form keeps it. */
  readonly knownAtField: string;
  readonly month: string;
}

export interface ContractPageData {
  readonly contractId: string;
  readonly access: Access;
  readonly acceptedOn: string;
  readonly networkId: string;
  readonly knownAt: string | null;
  readonly state: ContractSnapshot | null;
  readonly steps: readonly TimelineStep[];
  /** Null where the principal may not see them (a parent holder, Art. 11). */
  readonly terms: readonly MinimumTerm[] | null;
  readonly deadlines: readonly ReturnDeadline[] | null;
  readonly billed: BilledMonth;
  readonly charges: MonthlyCharges;
  readonly position: string | null;
  /** What the known-at time left out of the contract's streams: events recorded after it (null: not asked). */
  readonly hidden: { readonly events: number; readonly lastRecordedAt: string | null } | null;
  /** The termination quote's form (the holder's and staff's: null for a parent holder). */
  readonly quote: Html | null;
}

const stateSection = (v: View, d: ContractPageData, asOf: string): Html => {
  const r = v.r;
  const s = d.state;
  if (s === null) {
    return notice(
      'info',
      r.ui('state.notYet', {
        contractId: d.contractId,
        date: r.date(asOf),
        acceptedOn: r.date(d.acceptedOn),
      }),
    );
  }
  const settings = [
    field(r.ui('field.status'), r.word('contractStatus', s.status)),
    field(
      r.ui('field.network'),
      r.ui('state.networkValue', { networkId: s.networkId, parentHolderId: s.parentHolderId }),
    ),
    field(r.ui('field.type'), r.word('contractType', s.contractType)),
    field(r.ui('field.contractor'), s.contractorId),
    field(r.ui('field.item'), v.lang === 'ja' ? itemName(v.lang, s.item) : s.item),
    field(r.ui('field.deviceModel'), s.deviceModel ?? r.ui('state.noDevice')),
  ];
  const full =
    d.access === 'parent-holder'
      ? []
      : [
          field(
            r.ui('field.maintenance'),
            html`${r.word('maintenanceType', s.maintenance.type)}${v.lang === 'ja' ? '。' : '. '}${maintenanceBasisText(v.lang, s.maintenance.basis)}${article(v, s.maintenance.article)}`,
          ),
          field(
            r.ui('field.billingStart'),
            s.billingStartOn === null ? r.ui('state.notStarted') : r.date(s.billingStartOn),
          ),
          field(
            r.ui('field.monthlyFee'),
            s.monthlyFee === null ? r.ui('state.noFee') : r.money(s.monthlyFee),
          ),
          field(
            r.ui('field.minimumTerm'),
            s.termInForce === null
              ? v.t('state.termYears', { years: s.termYears, term: r.ui('state.noTerm') })
              : v.t('state.termYears', {
                  years: s.termYears,
                  term: span(v, s.termInForce.start, s.termInForce.end),
                }),
          ),
          s.termination ? field(r.ui('field.termination'), r.termination(s.termination)) : null,
        ];
  const options = s.options.length
    ? html`<h3>${r.ui('state.options')}</h3>${scroller(
        r.ui('state.options'),
        html`<table><thead><tr><th scope="col">${r.ui('col.option')}</th><th scope="col">${r.ui('col.kind')}</th><th scope="col">${r.ui('col.model')}</th><th scope="col">${r.ui('col.status')}</th>${
          d.access === 'parent-holder'
            ? null
            : html`<th scope="col" class="num">${r.ui('col.monthlyYen')}</th><th scope="col">${r.ui('col.billingStart')}</th><th scope="col">${r.ui('col.ends')}</th>`
        }</tr></thead><tbody>${s.options.map(
          (o) =>
            html`<tr><td>${o.optionId}</td><td>${v.lang === 'ja' ? optionName(v.lang, o.kind) : o.kind}</td><td>${o.model ?? ''}</td><td>${r.word('optionStatus', o.status)}</td>${
              d.access === 'parent-holder'
                ? null
                : html`<td class="num">${o.monthlyFee === null ? '' : formatYen(o.monthlyFee)}</td><td class="date">${o.billingStartOn ? r.date(o.billingStartOn) : ''}</td><td class="date">${o.endsOn ? r.date(o.endsOn) : ''}</td>`
            }</tr>`,
        )}</tbody></table>`,
      )}`
    : null;
  const equipment = s.equipment.length
    ? html`<h3>${r.ui('state.equipment')}</h3>${scroller(
        r.ui('state.equipment'),
        html`<table><thead><tr><th scope="col">${r.ui('col.item')}</th><th scope="col">${r.ui('col.kind')}</th><th scope="col">${r.ui('col.model')}</th><th scope="col">${r.ui('col.option')}</th><th scope="col">${r.ui('col.since')}</th><th scope="col">${r.ui('col.status')}</th></tr></thead><tbody>${s.equipment.map(
          (e) =>
            html`<tr><td>${e.itemId}</td><td>${r.word('kind', e.kind)}</td><td>${e.model}</td><td>${e.optionId ?? ''}</td><td class="date">${r.date(e.since)}</td><td>${r.word('equipmentStatus', e.status)}</td></tr>`,
        )}</tbody></table>`,
      )}`
    : null;
  const faults =
    d.access !== 'parent-holder' && s.openFaults.length
      ? html`<h3>${r.ui('state.openFaults')}</h3>${scroller(
          r.ui('state.openFaults'),
          html`<table><thead><tr><th scope="col">${r.ui('col.fault')}</th><th scope="col">${r.ui('col.item')}</th><th scope="col">${r.ui('col.reported')}</th><th scope="col">${r.ui('col.outcome')}</th></tr></thead><tbody>${s.openFaults.map(
            (f) =>
              html`<tr><td>${f.faultId}</td><td>${f.itemId ?? ''}</td><td class="date">${f.reportedOn ? r.date(f.reportedOn) : ''}</td><td>${f.outcome === null ? r.ui('state.notInvestigated') : r.word('outcome', f.outcome)}</td></tr>`,
          )}</tbody></table>`,
        )}`
      : null;
  const losses =
    d.access !== 'parent-holder' && s.openLosses.length
      ? html`<h3>${r.ui('state.openLosses')}</h3>${scroller(
          r.ui('state.openLosses'),
          html`<table><thead><tr><th scope="col">${r.ui('col.loss')}</th><th scope="col">${r.ui('col.item')}</th><th scope="col">${r.ui('col.reported')}</th><th scope="col">${r.ui('col.replacementShipped')}</th><th scope="col">${r.ui('col.chargeQuoted')}</th></tr></thead><tbody>${s.openLosses.map(
            (l) =>
              html`<tr><td>${l.lossId}</td><td>${l.itemId ?? ''}</td><td class="date">${l.reportedOn ? r.date(l.reportedOn) : r.ui('state.notReported')}</td><td>${r.ui(l.replacementShipped ? 'yes' : 'no')}</td><td>${r.ui(l.chargeQuoted ? 'yes' : 'no')}</td></tr>`,
          )}</tbody></table>`,
        )}`
      : null;
  return html`<dl class="fields">${settings}${full}</dl>${options}${equipment}${faults}${losses}`;
};

const timelineSection = (v: View, steps: readonly TimelineStep[]): Html =>
  steps.length === 0
    ? notice('info', v.r.ui('timeline.empty'))
    : html`${detailsButtons(v)}<table class="timeline cards"><thead><tr><th scope="col">${v.r.ui('col.date')}</th><th scope="col">${v.r.ui('col.article')}</th><th scope="col">${v.r.ui('col.whatHappened')}</th></tr></thead><tbody>${steps.map(
        (s) =>
          html`<tr><td class="date" data-label="${v.r.ui('col.date')}">${v.r.date(s.date)}</td><td data-label="${v.r.ui('col.article')}">${article(v, s.article)}</td><td data-label="${v.r.ui('col.whatHappened')}">${v.r.step(s)}</td></tr>`,
      )}</tbody></table>`;

const termsSection = (v: View, terms: readonly MinimumTerm[], asOf: string): Html => {
  const r = v.r;
  if (terms.length === 0) return notice('info', v.t('terms.none'));
  return scroller(
    v.t('contract.terms'),
    html`<table><thead><tr><th scope="col">${r.ui('col.of')}</th><th scope="col" class="num">${r.ui('col.years')}</th><th scope="col">${r.ui('col.start')}</th><th scope="col">${r.ui('col.end')}</th><th scope="col">${r.ui('col.reason')}</th><th scope="col">${r.ui('col.article')}</th><th scope="col">${r.ui('col.supersededOn')}</th><th scope="col">${r.ui('col.status')}</th></tr></thead><tbody>${terms.map(
      (t) =>
        html`<tr><td>${t.optionId === null ? r.ui('terms.contract') : r.ui('terms.option', { optionId: t.optionId, kind: t.optionKind && v.lang === 'ja' ? optionName(v.lang, t.optionKind) : (t.optionKind ?? '') })}</td><td class="num">${t.years}</td><td class="date">${r.date(t.start)}</td><td class="date">${r.date(t.end)}</td><td>${r.word('termReason', t.reason)}</td><td>${article(v, t.article)}</td><td class="date">${t.supersededOn ? r.date(t.supersededOn) : ''}</td><td>${r.word('termStatus', termStatus(t, asOf))}</td></tr>`,
    )}</tbody></table>`,
  );
};

const deadlinesSection = (v: View, deadlines: readonly ReturnDeadline[], asOf: string): Html => {
  const r = v.r;
  if (deadlines.length === 0)
    return notice('info', r.ui('deadlines.none', { all: 'yes', date: r.date(asOf) }));
  return scroller(
    v.t('contract.deadlines'),
    html`<table><thead><tr><th scope="col">${r.ui('col.item')}</th><th scope="col">${r.ui('col.kind')}</th><th scope="col">${r.ui('col.model')}</th><th scope="col">${r.ui('col.reason')}</th><th scope="col">${r.ui('col.from')}</th><th scope="col">${r.ui('col.due')}</th><th scope="col">${r.ui('col.returned')}</th><th scope="col">${r.ui('col.status')}</th><th scope="col">${r.ui('col.lossCharge')}</th><th scope="col">${r.ui('col.note')}</th></tr></thead><tbody>${deadlines.map(
      (d) =>
        html`<tr><td>${d.itemId}</td><td>${r.word('kind', d.kind)}</td><td>${d.model}</td><td>${r.word('returnReason', d.reason)}${article(v, d.article)}</td><td class="date">${r.date(d.triggerOn)}</td><td class="date">${r.date(d.dueOn)}</td><td class="date">${d.returnedOn ? r.date(d.returnedOn) : ''}</td><td>${r.word('returnStatus', d.status)}</td><td class="num">${d.lossCharge ? r.money(d.lossCharge.amount) : ''}</td><td>${r.deadlineNotes(d.notes) ?? ''}</td></tr>`,
    )}</tbody></table>`,
  );
};

export const contractPage = (
  v: View,
  input: ContractPageInput,
  d: ContractPageData | null,
  errors: readonly string[],
  contractId: string,
): string => {
  const r = v.r;
  const form = html`<form method="get" action="${contractHref({ ...v, chosen: false }, contractId)}">${langInput(v)}
<fieldset><legend>${v.t('contract.legend')}</legend>
<label>${v.t('contract.asOf')}<input type="date" name="asOf" value="${input.asOf}" required></label>
<label>${v.t('contract.knownAt')}<input type="datetime-local" step="${input.knownAtField.includes('.') ? '0.001' : '1'}" name="knownAt" value="${input.knownAtField}"></label>
<label>${v.t('contract.month')}<input type="month" name="month" value="${input.month}" pattern="\\d{4}-\\d{2}"></label>
<button type="submit">${v.t('contract.show')}</button>
${input.knownAtText ? html`<a href="${contractHref(v, contractId, { asOf: input.asOf, month: input.month })}">${v.t('contract.now')}</a>` : null}
</fieldset></form>`;
  const title = v.t('contract.title', { contractId });
  if (d === null)
    return page(v, title, html`<h1>${title}</h1>${errors.map((e) => notice('error', e))}${form}`);
  // A contractor reads no positions of the log: the portal says only as of when.
  const reading = v.t('contract.reading', {
    asOf: r.date(input.asOf),
    knownAt: d.knownAt === null ? 'none' : r.instant(d.knownAt),
    position: v.customer ? 'none' : (d.position ?? 'none'),
  });
  const charges = d.charges;
  const notes = new Footnotes(v);
  const knownAt = d.knownAt ? { knownAt: input.knownAtText } : {};
  const body = html`<h1>${title}</h1>
${errors.map((e) => notice('error', e))}
${form}
<p class="reading">${reading}</p>
${d.hidden ? knownAtHint(v, d.hidden, contractHref(v, contractId, { asOf: input.asOf, month: input.month })) : null}
${d.access === 'parent-holder' ? notice('info', v.t('contract.parentHolder', { networkId: d.networkId })) : null}
<section aria-labelledby="state"><h2 id="state">${v.t('contract.state', { date: r.date(input.asOf) })}</h2>${stateSection(v, d, input.asOf)}</section>
<section aria-labelledby="timeline"><h2 id="timeline">${v.t('contract.timeline')}</h2>${timelineSection(v, d.steps)}</section>
${d.terms === null ? null : html`<section aria-labelledby="terms"><h2 id="terms">${v.t('contract.terms')}</h2>${termsSection(v, d.terms, input.asOf)}</section>`}
${d.deadlines === null ? null : html`<section aria-labelledby="deadlines"><h2 id="deadlines">${v.t('contract.deadlines')}</h2>${deadlinesSection(v, d.deadlines, input.asOf)}</section>`}
<section aria-labelledby="charges"><h2 id="charges">${v.t('contract.charges', { month: monthWords(v, input.month) })}</h2>
${monthStatus(v, d.billed)}
${charges.lines.length === 0 ? notice('info', r.ui('charges.none', { month: monthWords(v, input.month) })) : html`${linesTable(v, charges.lines, notes, { ...knownAt, showContract: false, showBillTo: true })}<p>${v.t('charges.total', { total: r.money(charges.total) })}</p>`}
<p><a href="${monthHref(v, input.month)}">${v.t('contract.wholeMonth', { month: monthWords(v, input.month) })}</a></p>
</section>
${d.quote ? html`<section aria-labelledby="quote"><h2 id="quote">${v.t('quote.heading')}</h2>${d.quote}</section>` : null}
${notes.list()}`;
  return page(v, title, body);
};

/** What a known-at time left out (the events recorded after it), and the page without it. */
export const knownAtHint = (
  v: View,
  hidden: { readonly events: number; readonly lastRecordedAt: string | null },
  withoutIt: string,
): Html =>
  html`<div class="notice known-at" role="status"><p>${
    hidden.events === 0
      ? v.t('knownAt.nothingHidden')
      : v.t('knownAt.hidden', {
          count: hidden.events,
          last: hidden.lastRecordedAt ? v.r.instant(hidden.lastRecordedAt) : '',
        })
  }</p><p><a href="${withoutIt}">${v.t('knownAt.withoutIt')}</a></p></div>`;

/**
 * A page a known-at time found nothing on, where the ledger knows it now: what the time hid (when
 * the first of it was recorded) and the page without it. Only for what the principal may see.
 */
export const hiddenByKnownAtPage = (
  v: View,
  what: { readonly kind: 'contract' | 'line'; readonly id: string },
  knownAt: string,
  firstRecordedAt: string,
  withoutIt: string,
): string => {
  const heading = v.t('error.notFound');
  const message = v.t(what.kind === 'contract' ? 'knownAt.contractLater' : 'knownAt.lineLater', {
    id: what.id,
    knownAt: v.r.instant(knownAt),
    recordedAt: v.r.instant(firstRecordedAt),
  });
  return page(
    v,
    heading,
    html`<h1>${heading}</h1>${notice('error', message)}<p><a href="${withoutIt}">${v.t('knownAt.withoutIt')}</a></p>`,
  );
};

// ---------------------------------------------------------------------------------------------
// A charge line explained

/** The reply to paste in a language, and a button that copies it (the copy block). */
const copyBlock = (v: View, lang: (typeof LANGS)[number], text: string, open: boolean): Html => {
  const w = viewOf(lang, v.chosen, v.principal, v.url.toString());
  const id = `reply-${lang}`;
  const body = html`<pre id="${id}" lang="${lang}" tabindex="0" aria-label="${w.t('copy.label')}">${text}</pre>
<p class="actions"><button type="button" data-copy="${id}" data-status="${id}-status" data-done="${v.t('copy.done')}" data-select="${v.t('copy.selected')}" hidden>${v.t('copy.button', { language: LANGUAGE_WORDS[v.lang][lang] })}</button> <span id="${id}-status" role="status" aria-live="polite"></span></p>`;
  return open
    ? html`<div class="copy-block" lang="${lang}">${body}</div>`
    : html`<details class="copy-block"><summary>${v.t('copy.otherLanguage', { language: LANGUAGE_WORDS[v.lang][lang] })}</summary>${body}</details>`;
};

const LANGUAGE_WORDS: {
  readonly [L in (typeof LANGS)[number]]: { readonly [M in (typeof LANGS)[number]]: string };
} = {
  en: { en: 'English', ja: 'Japanese' },
  ja: { en: '英語', ja: '日本語' },
};

export const explainPage = (
  v: View,
  x: LineExplanation,
  events: readonly LedgerEvent[],
  knownAt: { readonly text: string; readonly at: string } | null,
  hidden: { readonly events: number; readonly lastRecordedAt: string | null } | null,
): string => {
  const r = v.r;
  const l = x.line;
  const title = r.ui('explain.title', { lineId: l.id });
  const stored = new Map(events.map((e) => [e.metadata.eventId, e]));
  const reading = r.formulaReading(x.formula);
  const head = html`<dl class="fields">
${field(r.ui('field.contract'), html`<a href="${contractHref(v, l.contractId, { asOf: l.period.to, month: l.month, knownAt: knownAt?.text })}">${l.contractId}</a>${v.t('explain.networkOf', { networkId: l.networkId })}`)}
${field(r.ui('field.billTo'), l.billTo)}
${field(r.ui('field.kind'), r.word('chargeKind', l.kind))}
${field(r.ui('field.period'), span(v, l.period.from, l.period.to))}
${field(r.ui('field.amount'), r.money(l.amount))}
${field(r.ui('field.article'), article(v, x.article))}
${field(r.ui('field.policy'), x.policy ? html`<code>${x.policy.name}</code>: ${r.policy(x.policy.name).description}` : r.ui('explain.noPolicy'))}
${field(r.ui('field.edition'), l.edition)}
${field(r.ui('field.formula'), r.formula(x.formula))}
${reading === null ? null : field(r.ui('field.formulaReading'), reading)}
${x.notes.length ? field(r.ui('field.note'), r.notes(x.notes) ?? '') : null}
${field(v.t('explain.month'), html`<a href="${monthHref(v, l.month)}">${monthWords(v, l.month)}</a>`)}
</dl>
<h2>${r.ui('explain.billedIn')}</h2>
${
  // Staff read where it is billed by close; a contractor reads it without close ids.
  (v.customer ? billedText(x, v.lang) : billingSentences(x, v.lang)).map(
    (sentence) => html`<p class="billed-in">${sentence}</p>`,
  )
}`;
  const ordered = sourcesInDateOrder(x);
  const sources = html`<ol class="sources">${ordered.map(({ eventId: id, source: s }) => {
    const e = v.customer ? undefined : stored.get(id);
    return html`<li><h3>${s ? html`${r.date(s.date)}: ${r.step(s.step)}` : r.ui('explain.unknownEvent', { eventId: v.customer ? '' : id })}</h3>
${s ? html`<div class="cited"><span>${r.ui('col.article')}:</span> ${article(v, s.article)}</div>` : null}
${
  e
    ? html`<dl class="fields">
${field(r.ui('col.occurredAt'), r.instant(e.metadata.occurredAt))}
${field(r.ui('col.recordedAt'), r.instant(e.metadata.recordedAt))}
${field(r.ui('col.event'), html`<code>${e.type}</code>`)}
${field(r.ui('col.streamRev'), html`<code>${e.streamId}@${e.revision.toString()}</code>`)}
${field(r.ui('col.actor'), e.metadata.actor)}
${field(r.ui('col.command'), html`<code>${e.metadata.commandType} ${e.metadata.commandId}</code>`)}
${field(v.t('explain.eventId'), html`<code>${e.metadata.eventId}</code>`)}
</dl>
<details class="raw"><summary>${v.t('explain.data')}</summary><pre>${JSON.stringify(e.data, null, 2)}</pre></details>`
    : s && v.customer
      ? html`<p class="muted">${v.t('explain.recordedOn', { recordedAt: r.instant(s.recordedAt) })}</p>`
      : null
}</li>`;
  })}</ol>`;
  const copy = html`<section aria-labelledby="copy" class="copy"><h2 id="copy">${v.t('copy.heading')}</h2>
<p class="muted">${v.t('copy.intro')}</p>
${[v.lang, ...LANGS.filter((lang) => lang !== v.lang)].map((lang) => copyBlock(v, lang, replyText(x, lang), lang === v.lang))}
</section>`;
  return page(
    v,
    title,
    html`<h1>${title}</h1>
${knownAt ? notice('info', v.t('explain.knownAt', { knownAt: r.instant(knownAt.at) })) : null}
${hidden && knownAt ? knownAtHint(v, hidden, href(v, `${CONSOLE_PATH}/charge-lines/${encodeURIComponent(l.id)}`)) : null}
${detailsButtons(v)}
${head}
${copy}
<h2>${r.ui('explain.why', { count: l.sources.length })}</h2>
<p class="muted">${v.t(v.customer ? 'explain.inDateOrder' : 'explain.inWordsAndStored')}</p>
${sources}`,
  );
};

// ---------------------------------------------------------------------------------------------
// Errors

export const errorPage = (v: View, heading: string, message: string): string =>
  page(
    v,
    heading,
    html`<h1>${heading}</h1>${notice('error', message)}<p><a href="${href(v, CONSOLE_PATH)}">${v.t('error.back')}</a></p>`,
  );
