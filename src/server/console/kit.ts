/**
 * What the console's route modules share: the headers of a page, a page for a signed-in principal
 * (anyone else is sent to sign in, and back after), query parameters, checked values with the
 * console's words for what is wrong with them, and the page that says the views cannot answer.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal';
import { ParameterError } from '../../documents/parameters';
import type { Reader } from '../../read';
import { viewsProblemText } from '../../render/views-problem';
import { DATE_RANGE, jstDateTime } from '../../terms/dates';
import type { ServerContext } from '../context';
import { HttpProblem } from '../problem';
import { href, type View, viewOf } from './layout';
import { errorPage } from './pages';
import { CONSOLE_PATH, consoleLang, signedInAs } from './session';

const HTML_TYPE = 'text/html; charset=utf-8';

/** A console page as a signed-in principal sees it. */
export type SignedInView = View & { readonly principal: Principal };

/** The headers of every console page: private, never cached, no inline script, not framed. */
export const pageHeaders = (reply: FastifyReply, v: Pick<View, 'lang'>) =>
  reply
    .type(HTML_TYPE)
    .header('Content-Language', v.lang)
    .header('Cache-Control', 'no-store')
    .header('Vary', 'Accept-Language, Cookie')
    .header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    .header('X-Content-Type-Options', 'nosniff')
    .header('Referrer-Policy', 'same-origin');

export const send = (reply: FastifyReply, v: View, status: number, body: string) =>
  pageHeaders(reply, v).code(status).send(body);

export const seeOther = (reply: FastifyReply, location: string) =>
  reply.code(303).header('Location', location).header('Cache-Control', 'no-store').send();

/** One query parameter as text ('' when absent; a repeated one is refused as absent). */
export const param = (request: FastifyRequest, name: string): string => {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
};

/** One field of a posted form as text ('' when absent). */
export const field = (request: FastifyRequest, name: string): string => {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

export const viewFor = (request: FastifyRequest, principal: Principal | null): View => {
  const { lang, chosen } = consoleLang(request);
  return viewOf(lang, chosen, principal, request.url);
};

/** The checks of a typed value, with the console's words for what is wrong. */
export const checked = (
  v: View,
  errors: string[],
  value: string,
  parse: (s: string) => string,
  key: 'error.badDate' | 'error.badKnownAt' | 'error.badMonth',
): string | null => {
  try {
    return parse(value);
  } catch (error) {
    if (!(error instanceof ParameterError)) throw error;
    errors.push(v.t(key, { value, first: DATE_RANGE.first, last: DATE_RANGE.last }));
    return null;
  }
};

const DATETIME_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/** What the known-at input shows: as typed when a datetime-local holds it, else the time in Japan. */
export const knownAtField = (text: string, knownAt: string | null | undefined): string => {
  if (text === '' || DATETIME_LOCAL.test(text) || !knownAt) return text;
  const t = jstDateTime(knownAt);
  return t.toFormat(t.millisecond === 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.SSS");
};

export const viewsUnavailable = (v: View, model: Reader): string => {
  const problem = model.viewsProblem();
  return v.t('error.viewsUnavailable', {
    problem: problem === null ? '' : viewsProblemText(v.lang, problem),
  });
};

/** Yen as typed: 99,290 / 99290 / -5,600 / 99,290円 / 99,290 yen; null when it is not an amount. */
export const parseAmount = (text: string): number | null => {
  const m = /^([-−]?)\s*([\d,，]+)\s*(円|yen)?$/i.exec(text.trim());
  if (!m) return null;
  const digits = m[2]!.replace(/[,，]/g, '');
  if (!/^\d{1,13}$/.test(digits)) return null;
  const n = Number(digits);
  return m[1] ? -n : n;
};

/** A page number from the query (1 and up), or 1. */
export const pageNumber = (request: FastifyRequest, name = 'page'): number => {
  const n = Number(param(request, name));
  return Number.isSafeInteger(n) && n >= 1 ? n : 1;
};

/** Makes the route handlers of pages for signed-in principals, with the console's own error pages. */
export const signedInPages =
  (ctx: ServerContext) =>
  (render: (request: FastifyRequest, reply: FastifyReply, v: SignedInView) => Promise<unknown>) =>
  async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = signedInAs(request, ctx.sessions, ctx.tokens, ctx.clock());
    const v = viewFor(request, principal);
    if (principal === null) {
      return seeOther(reply, href(v, `${CONSOLE_PATH}/sign-in`, { next: request.url }));
    }
    try {
      return await render(request, reply, v as SignedInView);
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error;
      const p = error.problem;
      const heading = v.t(
        p.status === 404 ? 'error.notFound' : p.status < 500 ? 'error.badRequest' : 'error.unavailable',
      );
      return send(
        reply,
        v,
        p.status,
        errorPage(v, heading, p.rejection ? v.r.rejection(p.rejection) : p.message),
      );
    }
  };

/** The options every console route is registered with: its own sign-in, and left out of the OpenAPI document. */
export const CONSOLE_ROUTE = { config: { auth: false }, schema: { hide: true } } as const;
