/** The console's HTML templates: the tagged template the statement shares (src/documents/html.ts). */
export { escapeHtml, Html, type HtmlValue, html } from '../../documents/html';
