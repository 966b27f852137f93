/**
 * What-if in the console, for staff (as `vpn-ledger what-if` and POST /v1/what-if): commands in the
 * `apply` format, as effective on a date and as known at a time, and what they would do: each
 * line's decision, the events that would be written, the charge lines that would change month by
 * month with the totals per bill-to, and the minimum terms and return deadlines that would change.
 * Nothing is recorded.
 */
import type { LineOutcome } from '../../documents/outcomes';
import type { ChargeLine, Differences, MinimumTerm, ReturnDeadline } from '../../projections';
import type { WhatIfResult } from '../../read/what-if';
import { formatYen } from '../../terms/money';
import { Footnotes } from './footnotes';
import { type Html, html } from './html';
import { notice, page, type View } from './layout';
import { monthWords, periodWords } from './month-page';
import { CONSOLE_PATH } from './session';

export interface WhatIfInput {
  readonly commands: string;
  readonly asOf: string;
  readonly knownAt: string;
}

export const WHAT_IF_PATH = `${CONSOLE_PATH}/what-if`;

const form = (v: View, input: WhatIfInput): Html =>
  html`<form method="post" action="${WHAT_IF_PATH}${v.chosen ? `?lang=${v.lang}` : ''}" class="what-if">
<fieldset><legend>${v.t('whatIf.legend')}</legend>
<label class="wide">${v.t('whatIf.commands')}<textarea name="commands" rows="8" required spellcheck="false" aria-describedby="what-if-hint">${input.commands}</textarea></label>
<label>${v.t('contract.asOf')}<input type="date" name="asOf" value="${input.asOf}"></label>
<label>${v.t('contract.knownAt')}<input type="datetime-local" step="1" name="knownAt" value="${input.knownAt}"></label>
<button type="submit">${v.t('whatIf.submit')}</button>
</fieldset>
<p id="what-if-hint" class="muted">${v.t('whatIf.hint')}</p></form>`;

const outcomeText = (v: View, o: LineOutcome): { ok: boolean; text: string } => {
  const r = v.r;
  if (o.kind !== 'result')
    return { ok: false, text: v.t('whatIf.unreadable', { line: o.line, message: o.message }) };
  const x = o.result;
  if (x.status === 'accepted')
    return {
      ok: true,
      text: r.ui('apply.accepted', {
        line: o.line,
        mood: 'would',
        type: x.type,
        commandId: x.commandId,
        events: x.events.map((e) => e.type).join(', ') || r.ui('apply.noEvents'),
        repeated: x.repeated ? 'yes' : 'no',
      }),
    };
  return {
    ok: false,
    text: r.ui('apply.rejected', {
      line: o.line,
      mood: 'would',
      what: `${x.type ?? '-'} (${x.commandId ?? '-'})`,
      code: x.code,
      article: x.citation.length === 0 ? 'none' : r.citation(x.citation),
      message: r.resultMessage(x),
      field: x.field ?? 'none',
    }),
  };
};

const changedLines = (v: View, d: Differences<ChargeLine>, notes: Footnotes): Html[] => {
  const r = v.r;
  const row = (change: string, l: ChargeLine) =>
    html`<tr><td data-label="${v.t('whatIf.change')}">${change}</td><td class="id" data-label="${r.ui('col.contract')}">${l.contractId}</td><td data-label="${r.ui('col.kind')}">${r.word('chargeKind', l.kind)}</td><td class="date" data-label="${r.ui('col.period')}">${periodWords(v, l.period.from, l.period.to)}</td><td class="num" data-label="${r.ui('col.amountYen')}">${formatYen(l.amount)}</td><td data-label="${r.ui('col.article')}">${notes.cite(l.article)}</td><td data-label="${r.ui('col.formula')}">${r.formula(l.formula)}</td></tr>`;
  return [
    ...d.removed.map((l) => row(v.t('whatIf.removed'), l)),
    ...d.changed.flatMap((c) => [row(v.t('whatIf.was'), c.before), row(v.t('whatIf.wouldBe'), c.after)]),
    ...d.added.map((l) => row(v.t('whatIf.added'), l)),
  ];
};

const differencesTable = <T>(
  v: View,
  d: Differences<T>,
  head: readonly string[],
  cells: (t: T) => readonly (string | Html)[],
): Html =>
  html`<table class="cards"><thead><tr><th scope="col">${v.t('whatIf.change')}</th>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${[
    ...d.removed.map((t) => [v.t('whatIf.removed'), t] as const),
    ...d.changed.flatMap((c) => [
      [v.t('whatIf.was'), c.before] as const,
      [v.t('whatIf.wouldBe'), c.after] as const,
    ]),
    ...d.added.map((t) => [v.t('whatIf.added'), t] as const),
  ].map(
    ([change, t]) =>
      html`<tr><td data-label="${v.t('whatIf.change')}">${change}</td>${cells(t).map((c, i) => html`<td data-label="${head[i]}">${c}</td>`)}</tr>`,
  )}</tbody></table>`;

export const whatIfPage = (
  v: View,
  input: WhatIfInput,
  answer: { readonly result: WhatIfResult; readonly outcomes: readonly LineOutcome[] } | null,
  errors: readonly string[],
): string => {
  const r = v.r;
  const title = v.t('whatIf.title');
  if (answer === null)
    return page(v, title, html`<h1>${title}</h1>${errors.map((e) => notice('error', e))}${form(v, input)}`);
  const { result, outcomes } = answer;
  const notes = new Footnotes(v);
  const decisions = html`<ul class="decisions">${outcomes.map((o) => {
    const { ok, text } = outcomeText(v, o);
    return html`<li class="${ok ? 'ok' : 'refused'}">${text}</li>`;
  })}</ul>`;
  const events =
    result.events.length === 0
      ? notice('info', v.t('whatIf.noEvents'))
      : html`<table class="cards"><thead><tr><th scope="col">${r.ui('col.event')}</th><th scope="col">${r.ui('col.date')}</th><th scope="col">${r.ui('col.article')}</th><th scope="col">${r.ui('col.whatHappened')}</th></tr></thead><tbody>${result.events.map(
          (e) =>
            html`<tr><td data-label="${r.ui('col.event')}"><code>${e.type}</code></td><td class="date" data-label="${r.ui('col.date')}">${e.date ? r.date(e.date) : ''}</td><td data-label="${r.ui('col.article')}">${e.article ? notes.cite(e.article) : ''}</td><td data-label="${r.ui('col.whatHappened')}">${e.summary ?? ''}</td></tr>`,
        )}</tbody></table>`;
  const months = result.charges.months.map(
    (m) => html`<h3>${monthWords(v, m.month)}</h3>
<table class="cards"><thead><tr><th scope="col">${v.t('whatIf.change')}</th><th scope="col">${r.ui('col.contract')}</th><th scope="col">${r.ui('col.kind')}</th><th scope="col">${r.ui('col.period')}</th><th scope="col" class="num">${r.ui('col.amountYen')}</th><th scope="col">${r.ui('col.article')}</th><th scope="col">${r.ui('col.formula')}</th></tr></thead><tbody>${changedLines(v, m, notes)}</tbody></table>
<p>${m.totals.map((t) => v.t('whatIf.totals', { billTo: t.billTo, before: r.money(t.before), after: r.money(t.after), difference: `${t.difference > 0 ? '+' : ''}${formatYen(t.difference)}` })).join(' ')}</p>`,
  );
  const term = (t: MinimumTerm) => [
    t.optionId ?? r.ui('terms.contract'),
    String(t.years),
    r.date(t.start),
    r.date(t.end),
    r.word('termReason', t.reason),
  ];
  const deadline = (d: ReturnDeadline) => [
    d.itemId,
    r.word('kind', d.kind),
    r.date(d.dueOn),
    r.word('returnStatus', d.status),
  ];
  const empty = <T>(d: Differences<T>) => d.added.length + d.removed.length + d.changed.length === 0;
  const body = html`<h1>${title}</h1>
<p class="notice" role="note">${v.t('whatIf.nothingWritten', { position: result.basis.position?.commit.toString() ?? 'none' })}</p>
${form(v, input)}
<section aria-labelledby="decisions"><h2 id="decisions">${v.t('whatIf.decisions')}</h2>${decisions}</section>
<section aria-labelledby="events"><h2 id="events">${v.t('whatIf.events')}</h2>${events}</section>
<section aria-labelledby="charges"><h2 id="charges">${v.t('whatIf.charges')}</h2>${
    result.charges.months.length === 0 ? notice('info', v.t('whatIf.noCharges')) : months
  }${result.charges.ongoingFrom ? html`<p>${v.t('whatIf.ongoing', { month: monthWords(v, result.charges.ongoingFrom) })}</p>` : null}</section>
<section aria-labelledby="terms"><h2 id="terms">${v.t('contract.terms')}</h2>${
    empty(result.terms)
      ? notice('info', v.t('whatIf.noTerms'))
      : differencesTable(
          v,
          result.terms,
          [r.ui('col.of'), r.ui('col.years'), r.ui('col.start'), r.ui('col.end'), r.ui('col.reason')],
          term,
        )
  }</section>
<section aria-labelledby="deadlines"><h2 id="deadlines">${v.t('contract.deadlines')}</h2>${
    empty(result.deadlines)
      ? notice('info', v.t('whatIf.noDeadlines'))
      : differencesTable(
          v,
          result.deadlines,
          [r.ui('col.item'), r.ui('col.kind'), r.ui('col.due'), r.ui('col.status')],
          deadline,
        )
  }</section>
${notes.list()}`;
  return page(v, title, body);
};
