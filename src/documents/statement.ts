/**
 * A statement of charges: one contractor billed, one closed month, as a printable HTML page
 * (`vpn-ledger statement`, and the console's /console/months/{month}/statements/{billTo}; the one
 * module both use). It shows whom it bills, the month, the statement's number (stable per ledger,
 * month and contractor billed), the close (its id, when and by whom) and its seal's digest, every
 * line and adjustment with its article and calculation, and the totals, in yen without consumption
 * tax, as the terms' Annex 1 states the fees, and it says so.
 *
 * A whole document, self-contained: its style is inside it (a print stylesheet for A4), no script,
 * nothing fetched. A page that embeds it under a Content-Security-Policy allows its style by
 * STATEMENT_STYLE_HASH.
 */
import { createHash } from 'node:crypto';
import type { InvoiceDocument } from '../billing/export';
import type { ChargeLine } from '../projections';
import { renderer } from '../render';
import { span } from '../render/format';
import type { Lang } from '../render/lang';
import { formatYen } from '../terms';
import { Html, html } from './html';

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 11pt/1.5 "Noto Sans CJK JP", "Noto Sans JP", system-ui, sans-serif; color: #111; }
main { max-width: 190mm; margin: 0 auto; padding: 12mm 0; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 8mm 0 2mm; }
.number { font-size: 11pt; margin: 0 0 6mm; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 6mm; margin: 0 0 4mm; }
dt { color: #444; }
dd { margin: 0; word-break: break-all; }
.tax { border: 1px solid #888; padding: 2mm 3mm; margin: 4mm 0; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border-bottom: 1px solid #bbb; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: 700; }
.seal { margin-top: 8mm; font-size: 8.5pt; color: #333; word-break: break-all; }
@page { size: A4; margin: 12mm; }
@media print { main { padding: 0; } thead { display: table-header-group; } tr { break-inside: avoid; } }
`;

/** The style, as markup: the module's own text, never data. */
const STYLE_MARKUP = new Html(STYLE);

/** The CSP source that allows the statement's style: `style-src 'sha256-…'`. */
export const STATEMENT_STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

const yen = (n: number) => formatYen(n);

/** The statement of one contractor's invoice of a closed month, as a whole HTML page. */
export function statementHtml(doc: InvoiceDocument, lang: Lang): string {
  const r = renderer(lang);
  const t = (key: Parameters<typeof r.ui>[0], values?: Parameters<typeof r.ui>[1]) => r.ui(key, values);
  const close = doc.close;
  if (close === null || doc.statementNumber === null)
    throw new Error(`a statement is of a closed month; ${doc.month} is a draft`);
  const monthText = r.month(doc.month);
  const title = t('statement.title');
  const row = (l: ChargeLine) =>
    html`<tr><td>${l.contractId}</td><td>${r.word('chargeKind', l.kind)}</td><td>${span(lang, l.period.from, l.period.to)}</td><td>${r.citation(l.article)}</td><td>${r.formula(l.formula)}</td><td class="num">${yen(l.amount)}</td></tr>`;
  const head = html`<thead><tr><th scope="col">${t('col.contract')}</th><th scope="col">${t('col.kind')}</th><th scope="col">${t('col.period')}</th><th scope="col">${t('col.article')}</th><th scope="col">${t('col.formula')}</th><th scope="col" class="num">${t('statement.amountYen')}</th></tr></thead>`;
  const table = (lines: readonly ChargeLine[], subtotal: number): Html =>
    html`<table>${head}<tbody>${lines.map(row)}</tbody><tfoot><tr><td colspan="5">${t('statement.subtotal', { count: lines.length })}</td><td class="num">${yen(subtotal)}</td></tr></tfoot></table>`;
  const field = (name: string, value: string | Html) => html`<dt>${name}</dt><dd>${value}</dd>`;
  const body = html`<main class="statement">
<h1>${title}</h1>
<p class="number">${t('statement.number', { number: doc.statementNumber })}</p>
<dl>
${field(t('statement.billTo'), doc.billTo)}
${field(t('statement.month'), monthText)}
${field(t('statement.closed'), t('statement.closedAtBy', { closedAt: r.instant(close.closedAt), closedBy: close.closedBy }))}
${field(t('statement.closeId'), close.id)}
${close.ledgerId === null ? null : field(t('statement.ledgerId'), close.ledgerId)}
</dl>
<p class="tax">${t('statement.taxExcluded')}</p>
<h2>${t('statement.lines')}</h2>
${doc.lines.length === 0 ? html`<p>${t('statement.noLines')}</p>` : table(doc.lines, doc.totals.lines.amount)}
${
  doc.adjustments.length === 0
    ? null
    : html`<h2>${t('statement.adjustments')}</h2>
<p>${t('statement.adjustmentsNote')}</p>
${table(doc.adjustments, doc.totals.adjustments.amount)}`
}
<h2>${t('statement.totals')}</h2>
<table><tbody>
<tr><th scope="row">${t('statement.linesTotal', { count: doc.totals.lines.count })}</th><td class="num">${yen(doc.totals.lines.amount)}</td></tr>
<tr><th scope="row">${t('statement.adjustmentsTotal', { count: doc.totals.adjustments.count })}</th><td class="num">${yen(doc.totals.adjustments.amount)}</td></tr>
</tbody><tfoot><tr><td>${t('statement.total')}</td><td class="num">${yen(doc.totals.amount)}</td></tr></tfoot></table>
<p class="seal">${t('statement.seal', { digest: close.sealDigest, keyId: close.seal.keyId, events: close.seal.events, position: close.seal.position?.commit ?? 'none' })}</p>
</main>`;
  return `<!doctype html>\n${html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} ${doc.statementNumber} · ${doc.billTo} · ${monthText}</title>
<style>${STYLE_MARKUP}</style>
</head>
<body>
${body}
</body>
</html>`}\n`;
}
