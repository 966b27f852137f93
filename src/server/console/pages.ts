/**
 * The console's pages as HTML, from data the routes read (routes.ts): sign-in, the contract search,
 * a contract (its state as of a date and as known at a time, its timeline with the articles, its
 * minimum terms, return deadlines and the month's charges), a charge line's explanation, and a
 * billing month. Every word comes from src/render; every value is escaped by `html`.
 */

import type { Access } from '../../auth/authority';
import { termStatus } from '../../documents/contracts';
import { billingSentences } from '../../documents/explain';
import type { LedgerEvent } from '../../events';
import type { BilledMonth } from '../../projections/adjustments';
import type { ChargeLine, MonthlyCharges } from '../../projections/charges';
import type { ContractSnapshot } from '../../projections/contract-state';
import type { MinimumTerm } from '../../projections/minimum-terms';
import type { ReturnDeadline } from '../../projections/return-deadlines';
import type { TimelineStep } from '../../projections/timeline';
import type { LineExplanation } from '../../read';
import { provisionNotes } from '../../render/articles';
import { closeStatusLine } from '../../render/close-status';
import { itemName, maintenanceBasisText, optionName } from '../../render/words';
import { formatYen } from '../../terms/money';
import type { ContractSearchRow } from '../../views/models/contracts';
import { CONTRACT_STATUSES } from '../../views/models/contracts';
import { type Html, html } from './html';
import { contractHref, href, langInput, lineHref, monthHref, notice, page, type View } from './layout';
import { CONSOLE_PATH } from './session';

/** A billing month: 2025-10 / 2025年10月. */
const monthWords = (v: View, month: string): string =>
  v.lang === 'ja' ? `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月` : month;

const span = (v: View, from: string, to: string) =>
  from === to ? v.r.date(from) : v.lang === 'ja' ? `${v.r.date(from)}～${v.r.date(to)}` : `${from} to ${to}`;

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
  readonly next: string | null;
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
<label>${v.t('search.holder')}<input name="holder" value="${input.holder}" autocomplete="off"></label>
<label>${v.t('search.network')}<input name="network" value="${input.network}" autocomplete="off"></label>
<label>${v.t('search.status')}<select name="status"><option value="">${v.t('search.anyStatus')}</option>${CONTRACT_STATUSES.map(
    (s) =>
      html`<option value="${s}"${s === input.status ? html` selected` : null}>${r.word('contractStatus', s)}</option>`,
  )}</select></label>
<label>${v.t('search.asOf')}<input type="date" name="asOf" value="${input.asOf}"></label>
<button type="submit">${v.t('search.submit')}</button>
</fieldset></form>`;
  const table =
    result === null
      ? null
      : result.rows.length === 0
        ? notice('info', v.t('search.none'))
        : html`<p role="status">${v.t('search.count', { count: result.rows.length })}</p>
<table><caption class="muted">${v.t('search.caption', { date: r.date(input.asOf) })}</caption>
<thead><tr><th scope="col">${r.ui('col.contract')}</th><th scope="col">${v.t('col.network')}</th><th scope="col">${v.t('col.type')}</th><th scope="col">${v.t('col.holder')}</th><th scope="col">${v.t('col.itemName')}</th><th scope="col">${r.ui('col.status')}</th><th scope="col">${r.ui('col.billingStart')}</th><th scope="col">${v.t('col.access')}</th></tr></thead>
<tbody>${result.rows.map(
            (
              row,
            ) => html`<tr><td><a href="${contractHref(v, row.contract_id, { asOf: input.asOf })}">${row.contract_id}</a></td>
<td>${row.network_id}</td><td>${r.word('contractType', row.contract_type)}</td><td>${row.contractor_id}</td>
<td>${v.lang === 'ja' ? itemName(v.lang, row.item as never) : row.item}</td>
<td>${row.status === null ? v.t('search.notYet') : r.word('contractStatus', row.status)}</td>
<td class="date">${row.access === 'parent-holder' || row.billing_start_on === null ? '' : r.date(row.billing_start_on)}</td>
<td>${v.t(`access.${row.access}`)}</td></tr>`,
          )}</tbody></table>
${result.next ? html`<p><a href="${href(v, CONSOLE_PATH, { ...input, after: result.next })}">${v.t('search.more')}</a></p>` : null}`;
  return page(
    v,
    v.t('search.title'),
    html`<h1>${v.t('search.title')}</h1>${errors.map((e) => notice('error', e))}${fields}${table}`,
  );
};

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
    ? html`<h3>${r.ui('state.options')}</h3><table><thead><tr><th scope="col">${r.ui('col.option')}</th><th scope="col">${r.ui('col.kind')}</th><th scope="col">${r.ui('col.model')}</th><th scope="col">${r.ui('col.status')}</th>${
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
      )}</tbody></table>`
    : null;
  const equipment = s.equipment.length
    ? html`<h3>${r.ui('state.equipment')}</h3><table><thead><tr><th scope="col">${r.ui('col.item')}</th><th scope="col">${r.ui('col.kind')}</th><th scope="col">${r.ui('col.model')}</th><th scope="col">${r.ui('col.option')}</th><th scope="col">${r.ui('col.since')}</th><th scope="col">${r.ui('col.status')}</th></tr></thead><tbody>${s.equipment.map(
        (e) =>
          html`<tr><td>${e.itemId}</td><td>${r.word('kind', e.kind)}</td><td>${e.model}</td><td>${e.optionId ?? ''}</td><td class="date">${r.date(e.since)}</td><td>${r.word('equipmentStatus', e.status)}</td></tr>`,
      )}</tbody></table>`
    : null;
  const faults =
    d.access !== 'parent-holder' && s.openFaults.length
      ? html`<h3>${r.ui('state.openFaults')}</h3><table><thead><tr><th scope="col">${r.ui('col.fault')}</th><th scope="col">${r.ui('col.item')}</th><th scope="col">${r.ui('col.reported')}</th><th scope="col">${r.ui('col.outcome')}</th></tr></thead><tbody>${s.openFaults.map(
          (f) =>
            html`<tr><td>${f.faultId}</td><td>${f.itemId ?? ''}</td><td class="date">${f.reportedOn ? r.date(f.reportedOn) : ''}</td><td>${f.outcome === null ? r.ui('state.notInvestigated') : r.word('outcome', f.outcome)}</td></tr>`,
        )}</tbody></table>`
      : null;
  const losses =
    d.access !== 'parent-holder' && s.openLosses.length
      ? html`<h3>${r.ui('state.openLosses')}</h3><table><thead><tr><th scope="col">${r.ui('col.loss')}</th><th scope="col">${r.ui('col.item')}</th><th scope="col">${r.ui('col.reported')}</th><th scope="col">${r.ui('col.replacementShipped')}</th><th scope="col">${r.ui('col.chargeQuoted')}</th></tr></thead><tbody>${s.openLosses.map(
          (l) =>
            html`<tr><td>${l.lossId}</td><td>${l.itemId ?? ''}</td><td class="date">${l.reportedOn ? r.date(l.reportedOn) : r.ui('state.notReported')}</td><td>${r.ui(l.replacementShipped ? 'yes' : 'no')}</td><td>${r.ui(l.chargeQuoted ? 'yes' : 'no')}</td></tr>`,
        )}</tbody></table>`
      : null;
  return html`<dl class="fields">${settings}${full}</dl>${options}${equipment}${faults}${losses}`;
};

const timelineSection = (v: View, steps: readonly TimelineStep[]): Html =>
  steps.length === 0
    ? notice('info', v.r.ui('timeline.empty'))
    : html`${detailsButtons(v)}<table class="timeline"><thead><tr><th scope="col">${v.r.ui('col.date')}</th><th scope="col">${v.r.ui('col.article')}</th><th scope="col">${v.r.ui('col.whatHappened')}</th></tr></thead><tbody>${steps.map(
        (s) =>
          html`<tr><td class="date">${v.r.date(s.date)}</td><td>${article(v, s.article)}</td><td>${v.r.step(s)}</td></tr>`,
      )}</tbody></table>`;

const termsSection = (v: View, terms: readonly MinimumTerm[], asOf: string): Html => {
  const r = v.r;
  if (terms.length === 0) return notice('info', v.t('terms.none'));
  return html`<table><thead><tr><th scope="col">${r.ui('col.of')}</th><th scope="col" class="num">${r.ui('col.years')}</th><th scope="col">${r.ui('col.start')}</th><th scope="col">${r.ui('col.end')}</th><th scope="col">${r.ui('col.reason')}</th><th scope="col">${r.ui('col.article')}</th><th scope="col">${r.ui('col.supersededOn')}</th><th scope="col">${r.ui('col.status')}</th></tr></thead><tbody>${terms.map(
    (t) =>
      html`<tr><td>${t.optionId === null ? r.ui('terms.contract') : r.ui('terms.option', { optionId: t.optionId, kind: t.optionKind && v.lang === 'ja' ? optionName(v.lang, t.optionKind) : (t.optionKind ?? '') })}</td><td class="num">${t.years}</td><td class="date">${r.date(t.start)}</td><td class="date">${r.date(t.end)}</td><td>${r.word('termReason', t.reason)}</td><td>${article(v, t.article)}</td><td class="date">${t.supersededOn ? r.date(t.supersededOn) : ''}</td><td>${r.word('termStatus', termStatus(t, asOf))}</td></tr>`,
  )}</tbody></table>`;
};

const deadlinesSection = (v: View, deadlines: readonly ReturnDeadline[], asOf: string): Html => {
  const r = v.r;
  if (deadlines.length === 0)
    return notice('info', r.ui('deadlines.none', { all: 'yes', date: r.date(asOf) }));
  return html`<table><thead><tr><th scope="col">${r.ui('col.item')}</th><th scope="col">${r.ui('col.kind')}</th><th scope="col">${r.ui('col.model')}</th><th scope="col">${r.ui('col.reason')}</th><th scope="col">${r.ui('col.from')}</th><th scope="col">${r.ui('col.due')}</th><th scope="col">${r.ui('col.returned')}</th><th scope="col">${r.ui('col.status')}</th><th scope="col">${r.ui('col.lossCharge')}</th><th scope="col">${r.ui('col.note')}</th></tr></thead><tbody>${deadlines.map(
    (d) =>
      html`<tr><td>${d.itemId}</td><td>${r.word('kind', d.kind)}</td><td>${d.model}</td><td>${r.word('returnReason', d.reason)}${article(v, d.article)}</td><td class="date">${r.date(d.triggerOn)}</td><td class="date">${r.date(d.dueOn)}</td><td class="date">${d.returnedOn ? r.date(d.returnedOn) : ''}</td><td>${r.word('returnStatus', d.status)}</td><td class="num">${d.lossCharge ? r.money(d.lossCharge.amount) : ''}</td><td>${r.deadlineNotes(d.notes) ?? ''}</td></tr>`,
  )}</tbody></table>`;
};

/** The charge lines of a month, each linked to its explanation (an adjustment to the line it corrects). */
const linesTable = (
  v: View,
  lines: readonly ChargeLine[],
  opts: { knownAt?: string; showContract: boolean },
): Html => {
  const r = v.r;
  // Every line explains itself; an adjustment also leads to the closed line it corrects.
  const lineLink = (l: ChargeLine) => {
    const own = html`<a href="${lineHref(v, l.id, opts.knownAt)}" aria-label="${v.t('charges.explainLine', { lineId: l.id })}">${v.t('charges.explain')}</a>`;
    return l.formula.kind === 'adjustment'
      ? html`${own}<br><a href="${lineHref(v, l.formula.lineId, opts.knownAt)}">${v.t('charges.corrected')}</a>`
      : own;
  };
  return html`<table class="lines"><thead><tr>${opts.showContract ? html`<th scope="col">${r.ui('col.contract')}</th>` : null}<th scope="col">${r.ui('col.billTo')}</th><th scope="col">${r.ui('col.kind')}</th><th scope="col">${r.ui('col.period')}</th><th scope="col" class="num">${r.ui('col.amountYen')}</th><th scope="col">${r.ui('col.article')}</th><th scope="col">${r.ui('col.formula')}</th><th scope="col"><span class="no-print">${v.t('charges.why')}</span></th></tr></thead><tbody>${lines.map(
    (l) =>
      html`<tr>${opts.showContract ? html`<td class="id"><a href="${contractHref(v, l.contractId)}">${l.contractId}</a></td>` : null}<td class="id">${l.billTo}</td><td>${r.word('chargeKind', l.kind)}</td><td class="date">${span(v, l.period.from, l.period.to)}</td><td class="num">${formatYen(l.amount)}</td><td>${article(v, l.article)}</td><td>${r.formula(l.formula)}${l.notes.length ? html`<br><span class="muted">${r.notes(l.notes)}</span>` : null}</td><td class="no-print id">${lineLink(l)}</td></tr>`,
  )}</tbody></table>`;
};

const monthStatus = (v: View, billed: BilledMonth): Html => {
  const line = closeStatusLine(billed, v.lang);
  return html`<p><strong>${v.t(billed.status === 'closed' ? 'month.closed' : 'month.open')}</strong>${line ? html` ${line}` : null}</p>`;
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
  const reading = v.t('contract.reading', {
    asOf: r.date(input.asOf),
    knownAt: d.knownAt === null ? 'none' : r.instant(d.knownAt),
    position: d.position ?? 'none',
  });
  const charges = d.charges;
  const body = html`<h1>${title}</h1>
${errors.map((e) => notice('error', e))}
${form}
<p class="reading">${reading}</p>
${d.access === 'parent-holder' ? notice('info', v.t('contract.parentHolder', { networkId: d.networkId })) : null}
<section aria-labelledby="state"><h2 id="state">${v.t('contract.state', { date: r.date(input.asOf) })}</h2>${stateSection(v, d, input.asOf)}</section>
<section aria-labelledby="timeline"><h2 id="timeline">${v.t('contract.timeline')}</h2>${timelineSection(v, d.steps)}</section>
${d.terms === null ? null : html`<section aria-labelledby="terms"><h2 id="terms">${v.t('contract.terms')}</h2>${termsSection(v, d.terms, input.asOf)}</section>`}
${d.deadlines === null ? null : html`<section aria-labelledby="deadlines"><h2 id="deadlines">${v.t('contract.deadlines')}</h2>${deadlinesSection(v, d.deadlines, input.asOf)}</section>`}
<section aria-labelledby="charges"><h2 id="charges">${v.t('contract.charges', { month: monthWords(v, input.month) })}</h2>
${monthStatus(v, d.billed)}
${charges.lines.length === 0 ? notice('info', r.ui('charges.none', { month: monthWords(v, input.month) })) : html`${linesTable(v, charges.lines, { ...(d.knownAt ? { knownAt: input.knownAtText } : {}), showContract: false })}<p>${v.t('charges.total', { total: r.money(charges.total) })}</p>`}
<p><a href="${monthHref(v, input.month)}">${v.t('contract.wholeMonth', { month: monthWords(v, input.month) })}</a></p>
</section>`;
  return page(v, title, body);
};

// ---------------------------------------------------------------------------------------------
// A charge line explained

export const explainPage = (
  v: View,
  x: LineExplanation,
  events: readonly LedgerEvent[],
  knownAt: { readonly text: string; readonly at: string } | null,
): string => {
  const r = v.r;
  const l = x.line;
  const title = r.ui('explain.title', { lineId: l.id });
  const said = new Map(x.sources.map((s) => [s.eventId, s]));
  const stored = new Map(events.map((e) => [e.metadata.eventId, e]));
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
${x.notes.length ? field(r.ui('field.note'), r.notes(x.notes) ?? '') : null}
${field(v.t('explain.month'), html`<a href="${monthHref(v, l.month)}">${monthWords(v, l.month)}</a>`)}
</dl>
<h2>${r.ui('explain.billedIn')}</h2>
${billingSentences(x, v.lang).map((sentence) => html`<p class="billed-in">${sentence}</p>`)}`;
  const sources = html`<ol class="sources">${l.sources.map((id) => {
    const s = said.get(id);
    const e = stored.get(id);
    return html`<li><h3>${s ? html`${r.date(s.date)}: ${r.step(s.step)}` : r.ui('explain.unknownEvent', { eventId: id })}</h3>
${s ? html`<div class="cited"><span>${r.ui('col.article')}:</span> ${article(v, s.article)}</div>` : null}
${
  e
    ? html`<dl class="fields">
${field(r.ui('col.event'), html`<code>${e.type}</code>`)}
${field(r.ui('col.streamRev'), html`<code>${e.streamId}@${e.revision.toString()}</code>`)}
${field(r.ui('col.occurredAt'), r.instant(e.metadata.occurredAt))}
${field(r.ui('col.recordedAt'), r.instant(e.metadata.recordedAt))}
${field(r.ui('col.actor'), e.metadata.actor)}
${field(r.ui('col.command'), html`<code>${e.metadata.commandType} ${e.metadata.commandId}</code>`)}
${field(v.t('explain.eventId'), html`<code>${e.metadata.eventId}</code>`)}
</dl>
<details open><summary>${v.t('explain.data')}</summary><pre>${JSON.stringify(e.data, null, 2)}</pre></details>`
    : null
}</li>`;
  })}</ol>`;
  return page(
    v,
    title,
    html`<h1>${title}</h1>
${knownAt ? notice('info', v.t('explain.knownAt', { knownAt: r.instant(knownAt.at) })) : null}
${detailsButtons(v)}
${head}
<h2>${r.ui('explain.why', { count: l.sources.length })}</h2>
<p class="muted">${v.t('explain.inWordsAndStored')}</p>
${sources}`,
  );
};

// ---------------------------------------------------------------------------------------------
// A billing month

export const monthPage = (v: View, billed: BilledMonth, charges: MonthlyCharges): string => {
  const r = v.r;
  const month = billed.month;
  const title = v.t('month.title', { month: monthWords(v, month) });
  const byBillTo = new Map<string, ChargeLine[]>();
  for (const l of charges.lines) {
    const lines = byBillTo.get(l.billTo) ?? [];
    lines.push(l);
    byBillTo.set(l.billTo, lines);
  }
  const groups = [...byBillTo.entries()].map(([billTo, lines]) => {
    const total = charges.totals.find((t) => t.billTo === billTo);
    return html`<section aria-labelledby="bill-${billTo}"><h2 id="bill-${billTo}">${v.t('month.billTo', { billTo })}</h2>
${linesTable(v, lines, { showContract: true })}
<p>${v.t('month.subtotal', { lines: lines.length, total: r.money(total?.amount ?? 0) })}</p></section>`;
  });
  const totals = html`<section aria-labelledby="totals"><h2 id="totals">${r.ui('charges.totals')}</h2><table><thead><tr><th scope="col">${r.ui('col.billTo')}</th><th scope="col" class="num">${r.ui('col.lines')}</th><th scope="col" class="num">${r.ui('col.totalYen')}</th></tr></thead><tbody>${charges.totals.map(
    (t) =>
      html`<tr><td>${t.billTo}</td><td class="num">${t.lines}</td><td class="num">${formatYen(t.amount)}</td></tr>`,
  )}</tbody><tfoot><tr><td>${r.ui('charges.all')}</td><td class="num">${charges.lines.length}</td><td class="num">${formatYen(charges.total)}</td></tr></tfoot></table></section>`;
  const adjustments = charges.lines.filter((l) => l.kind === 'adjustment').length;
  return page(
    v,
    title,
    html`<h1>${title}</h1>
${monthStatus(v, billed)}
${adjustments > 0 ? html`<p>${v.t('month.adjustments', { count: adjustments })}</p>` : null}
<p class="actions"><a href="${href(v, `${CONSOLE_PATH}/months/${encodeURIComponent(month)}/charges.csv`)}" download="charges-${month}.csv">${v.t('month.csv')}</a> <span class="muted">${v.t('month.csvNote')}</span></p>
${
  billed.status === 'closed' && charges.totals.length > 0
    ? html`<p class="actions no-print">${v.t('month.statements')} ${charges.totals.map((t) => html`<a href="${href(v, `${CONSOLE_PATH}/months/${encodeURIComponent(month)}/statements/${encodeURIComponent(t.billTo)}`)}">${t.billTo}</a> `)}</p>`
    : null
}
${charges.lines.length === 0 ? notice('info', r.ui('charges.none', { month: monthWords(v, month) })) : html`${detailsButtons(v)}${groups}${totals}`}`,
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
