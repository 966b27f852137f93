/**
 * The console's page shell: the header (home, contracts, a month, who is signed in, sign out, the
 * language switch that keeps the rest of the URL), the stylesheet (screen and print) and the one
 * small script (open or close every article note; open them all for printing). Both are served
 * from the console's own paths, so the pages run under a Content-Security-Policy that allows no
 * inline script or style.
 */

import type { Principal } from '../../auth/principal';
import { type Renderer, renderer } from '../../render';
import { type ConsoleKey, consoleText } from '../../render/console';
import type { Values } from '../../render/intl';
import { LANGS, type Lang } from '../../render/lang';
import { type Html, html } from './html';
import { CONSOLE_PATH } from './session';

/** What every page is rendered with. */
export interface View {
  readonly lang: Lang;
  /** Whether the URL chose the language (`?lang=`): the console's links then keep it. */
  readonly chosen: boolean;
  readonly r: Renderer;
  readonly principal: Principal | null;
  /** The request's path and query, as the language switch rewrites them. */
  readonly url: URL;
  t(key: ConsoleKey, values?: Values): string;
}

export const viewOf = (
  lang: Lang,
  chosen: boolean,
  principal: Principal | null,
  requestUrl: string,
): View => ({
  lang,
  chosen,
  r: renderer(lang),
  principal,
  url: new URL(requestUrl, 'http://console.invalid'),
  t: (key, values) => consoleText(lang, key, values),
});

/** A console URL with its query (empty values left out), carrying the language the URL chose. */
export const href = (
  v: Pick<View, 'lang' | 'chosen'>,
  path: string,
  params: Readonly<Record<string, string | undefined | null>> = {},
): string => {
  const q = new URLSearchParams();
  for (const [k, value] of Object.entries(params)) if (value) q.set(k, value);
  if (v.chosen) q.set('lang', v.lang);
  const s = q.toString();
  return s === '' ? path : `${path}?${s}`;
};

export const contractHref = (v: View, contractId: string, params: Record<string, string | undefined> = {}) =>
  href(v, `${CONSOLE_PATH}/contracts/${encodeURIComponent(contractId)}`, params);

export const lineHref = (v: View, lineId: string, knownAt?: string) =>
  href(v, `${CONSOLE_PATH}/charge-lines/${encodeURIComponent(lineId)}`, { knownAt });

export const monthHref = (v: View, month: string) =>
  href(v, `${CONSOLE_PATH}/months/${encodeURIComponent(month)}`);

/** The same page in another language: the path and every other parameter kept. */
const inLanguage = (v: View, lang: Lang): string => {
  const q = new URLSearchParams(v.url.search);
  q.set('lang', lang);
  return `${v.url.pathname}?${q.toString()}`;
};

const LANGUAGE_NAMES: { readonly [L in Lang]: string } = { en: 'English', ja: '日本語' };

/** A hidden input carrying the chosen language through a form. */
export const langInput = (v: View): Html | null =>
  v.chosen ? html`<input type="hidden" name="lang" value="${v.lang}">` : null;

export const page = (v: View, title: string, main: Html): string => {
  const switcher = html`<nav class="lang" aria-label="${v.t('nav.language')}"><ul>${LANGS.map(
    (l) =>
      html`<li><a href="${inLanguage(v, l)}" lang="${l}" hreflang="${l}"${l === v.lang ? html` aria-current="true"` : null}>${LANGUAGE_NAMES[l]}</a></li>`,
  )}</ul></nav>`;
  const signedIn = v.principal
    ? html`<nav class="site" aria-label="${v.t('nav.label')}"><ul>
  <li><a href="${href(v, CONSOLE_PATH)}">${v.t('nav.contracts')}</a></li>
  <li><a href="${href(v, `${CONSOLE_PATH}/months`)}">${v.t('nav.months')}</a></li>
  <li><form method="get" action="${CONSOLE_PATH}/months" class="inline">${langInput(v)}<label for="nav-month">${v.t('nav.month')}</label> <input type="month" id="nav-month" name="month" required pattern="\\d{4}-\\d{2}" placeholder="2025-10"> <button type="submit">${v.t('nav.open')}</button></form></li>
</ul></nav>
<div class="who"><span>${v.t('nav.signedInAs', { principal: v.principal.id })}</span> <form method="post" action="${href(v, `${CONSOLE_PATH}/sign-out`)}" class="inline"><button type="submit">${v.t('nav.signOut')}</button></form></div>`
    : null;
  return `<!doctype html>\n${html`<html lang="${v.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${v.t('console.title')}</title>
<link rel="stylesheet" href="${CONSOLE_PATH}/assets/console.css">
<script src="${CONSOLE_PATH}/assets/console.js" defer></script>
</head>
<body>
<a class="skip" href="#main">${v.t('nav.skip')}</a>
<header class="bar">
<a class="home" href="${href(v, CONSOLE_PATH)}">${v.t('console.title')}</a>
${signedIn}
${switcher}
</header>
<main id="main" tabindex="-1">
${main}
</main>
</body>
</html>`}\n`;
};

/** A page's message box: role=alert for errors, status otherwise. */
export const notice = (kind: 'error' | 'info', text: string): Html =>
  kind === 'error'
    ? html`<p class="notice error" role="alert">${text}</p>`
    : html`<p class="notice" role="status">${text}</p>`;

export const CONSOLE_CSS = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --line: #c8c8c8; --accent: #0b5cad; --bad: #a40000; --bg-soft: #f3f5f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, "Noto Sans CJK JP", "Noto Sans JP", sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; z-index: 10; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px; padding: 10px 20px; background: var(--bg-soft); border-bottom: 1px solid var(--line); }
.bar .home { font-weight: 700; color: var(--ink); text-decoration: none; }
.bar ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
.bar .who { margin-left: auto; display: flex; gap: 8px; align-items: center; color: var(--muted); }
.bar .lang a[aria-current] { font-weight: 700; color: var(--ink); text-decoration: none; }
form.inline { display: inline-flex; gap: 6px; align-items: center; margin: 0; }
main { padding: 16px 20px 40px; max-width: 1280px; }
h1 { font-size: 1.5rem; margin: 8px 0 12px; }
h2 { font-size: 1.15rem; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--bg-soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date, td.id { white-space: nowrap; }
tfoot td { font-weight: 700; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; }
dl.fields > div { display: contents; }
dl.fields dt { color: var(--muted); }
dl.fields dd { margin: 0; }
fieldset { border: 1px solid var(--line); padding: 10px 14px; margin: 8px 0 16px; display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: flex-end; }
fieldset label { display: flex; flex-direction: column; font-size: .9rem; color: var(--muted); gap: 2px; }
input, select, button { font: inherit; padding: 4px 8px; }
button { cursor: pointer; }
details summary { cursor: pointer; color: var(--accent); }
details .provision { margin: 4px 0 0; padding: 0; list-style: none; }
details .provision li { margin: 2px 0 6px; }
details .provision b { display: block; }
.notice { padding: 8px 12px; background: var(--bg-soft); border-left: 4px solid var(--accent); }
.notice.error { border-left-color: var(--bad); color: var(--bad); background: #fff4f4; }
.muted { color: var(--muted); }
.cited { display: flex; gap: 6px; align-items: baseline; margin: 4px 0; }
pre { white-space: pre-wrap; word-break: break-all; background: var(--bg-soft); padding: 6px 8px; margin: 4px 0; font-size: .85rem; }
.actions { display: flex; gap: 10px; margin: 8px 0; }
.signin { max-width: 560px; }
.signin input[type=password] { width: 100%; }
@media print {
  .bar, .skip, fieldset, form, .actions, .no-print { display: none !important; }
  body { font-size: 10.5pt; color: #000; }
  main { padding: 0; max-width: none; }
  a { color: #000; text-decoration: none; }
  th { background: none; }
  th, td { border-bottom: 1px solid #999; padding: 3px 5px; }
  h2 { break-after: avoid; }
  tr, details { break-inside: avoid; }
  details summary { color: #000; list-style: none; }
  details summary::-webkit-details-marker { display: none; }
  pre { background: none; border: 1px solid #ccc; }
}
`;

export const CONSOLE_JS = `
'use strict';
(() => {
  const all = () => Array.from(document.querySelectorAll('details.article'));
  for (const button of document.querySelectorAll('button[data-details]')) {
    button.hidden = false;
    button.addEventListener('click', () => {
      const open = button.getAttribute('data-details') === 'open';
      for (const d of all()) d.open = open;
    });
  }
  let closed = [];
  window.addEventListener('beforeprint', () => {
    closed = all().filter((d) => !d.open);
    for (const d of closed) d.open = true;
  });
  window.addEventListener('afterprint', () => {
    for (const d of closed) d.open = false;
    closed = [];
  });
  for (const button of document.querySelectorAll('button[data-print]')) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }
})();
`;
