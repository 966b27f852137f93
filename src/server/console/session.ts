/**
 * Who uses the console and in which language. The token is posted once by the sign-in form and
 * kept in a cookie the browser sends only to the console's paths (HttpOnly: no script reads it;
 * SameSite=Strict: no other site's page sends it; Secure when the console is served over https);
 * it is checked against the token file on every request, so a revoked token signs out at once.
 * The language: `?lang=ja|en`, else Accept-Language, else English.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal';
import type { TokenStore } from '../../auth/tokens';
import { isLang, type Lang } from '../../render/lang';
import { negotiateLocale } from '../locale';

export const CONSOLE_PATH = '/console';
export const COOKIE = 'vpn_ledger_console';
/** A working day: the cookie expires, the token stays valid for the API. */
const MAX_AGE_SECONDS = 12 * 60 * 60;

export interface ConsoleOptions {
  /** Mark the cookie Secure (the console is reached over https, e.g. behind a TLS proxy). */
  readonly secureCookie?: boolean;
}

/** The cookies a request sends, by name (the first of a name wins). */
export const cookiesOf = (header: string | undefined): Map<string, string> => {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name === '' || cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // A value that is not URI-encoded text is not ours.
    }
  }
  return cookies;
};

export const signedInAs = (request: FastifyRequest, tokens: TokenStore): Principal | null => {
  const token = cookiesOf(request.headers.cookie).get(COOKIE);
  return token ? tokens.principalFor(token) : null;
};

const cookieAttributes = (options: ConsoleOptions, maxAge: number) =>
  `Path=${CONSOLE_PATH}; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${options.secureCookie ? '; Secure' : ''}`;

export const setSessionCookie = (reply: FastifyReply, token: string, options: ConsoleOptions): void => {
  reply.header(
    'Set-Cookie',
    `${COOKIE}=${encodeURIComponent(token)}; ${cookieAttributes(options, MAX_AGE_SECONDS)}`,
  );
};

export const clearSessionCookie = (reply: FastifyReply, options: ConsoleOptions): void => {
  reply.header('Set-Cookie', `${COOKIE}=; ${cookieAttributes(options, 0)}`);
};

/**
 * A form posted from another site is refused (the cookie is SameSite=Strict; this also stops a
 * page elsewhere from signing the browser in with a token of its choosing). A browser says where a
 * form comes from in Sec-Fetch-Site; an older one in Origin, compared with the host asked (or the
 * host a proxy in front was asked: a form cannot set X-Forwarded-Host). A request with neither is
 * not a browser's form.
 */
export const sameOrigin = (request: FastifyRequest): boolean => {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin';
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const forwarded = request.headers['x-forwarded-host'];
  return (
    host === request.headers.host ||
    (typeof forwarded === 'string' && forwarded.split(',').some((h) => h.trim() === host))
  );
};

/** The language of a page (as the API negotiates it: locale.ts), and whether the URL chose it (links then carry it on). */
export const consoleLang = (request: FastifyRequest): { lang: Lang; chosen: boolean } => {
  const asked = (request.query as { lang?: unknown } | undefined)?.lang;
  return {
    lang: negotiateLocale(request.headers['accept-language'], typeof asked === 'string' ? asked : undefined),
    chosen: isLang(asked),
  };
};
