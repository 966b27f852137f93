/**
 * Who uses the console and in which language. The sign-in form posts a token once; it is exchanged
 * for a session kept server-side (src/auth/sessions.ts: in the ledger's database, 12 hours), whose
 * id alone goes to a cookie the browser sends only to the console's paths (HttpOnly: no script
 * reads it; SameSite=Strict: no other site's page sends it; Secure when the console is reached over
 * https, which is told by the connection or the proxy's X-Forwarded-Proto, or always with
 * `--secure-cookies`). The session's token is checked on every request, so a revoked or expired
 * token ends its sessions at once; sign-out ends the session itself. The cookie is never a token.
 * The language: `?lang=ja|en`, else Accept-Language, else English.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal';
import type { SessionStore } from '../../auth/sessions';
import type { TokenStore } from '../../auth/tokens';
import { isLang, type Lang } from '../../render/lang';
import { negotiateLocale } from '../locale';

export const CONSOLE_PATH = '/console';
export const COOKIE = 'vpn_ledger_console';
/** A working day: the session and its cookie expire. */
export const SESSION_SECONDS = 12 * 60 * 60;

export interface ConsoleOptions {
  /** Always mark the cookie Secure; unset: Secure when the request came over https (directly or through a proxy). */
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

/** The session id a request's cookie holds, or null. */
export const sessionIdOf = (request: FastifyRequest): string | null =>
  cookiesOf(request.headers.cookie).get(COOKIE) ?? null;

/** The principal of the request's session while the session and its token are in force; null otherwise. */
export const signedInAs = (
  request: FastifyRequest,
  sessions: SessionStore,
  tokens: TokenStore,
  now: string,
): Principal | null => {
  const id = sessionIdOf(request);
  if (id === null) return null;
  const session = sessions.find(id, now);
  if (session === null) return null;
  const principal = tokens.principalOfId(session.tokenId);
  if (principal === null || principal.id !== session.principal) {
    // The token was revoked, expired, or now names someone else: the session ends with it.
    sessions.end(id);
    return null;
  }
  return principal;
};

/** Whether the request reached the server over https: its own connection, or a proxy's X-Forwarded-Proto. */
export const overHttps = (request: FastifyRequest): boolean => {
  if ((request.raw.socket as { encrypted?: boolean }).encrypted === true) return true;
  const forwarded = request.headers['x-forwarded-proto'];
  return typeof forwarded === 'string' && forwarded.split(',')[0]!.trim().toLowerCase() === 'https';
};

const cookieAttributes = (secure: boolean, maxAge: number) =>
  `Path=${CONSOLE_PATH}; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;

const secureFor = (request: FastifyRequest, options: ConsoleOptions) =>
  options.secureCookie === true || overHttps(request);

export const setSessionCookie = (reply: FastifyReply, sessionId: string, options: ConsoleOptions): void => {
  reply.header(
    'Set-Cookie',
    `${COOKIE}=${sessionId}; ${cookieAttributes(secureFor(reply.request, options), SESSION_SECONDS)}`,
  );
};

export const clearSessionCookie = (reply: FastifyReply, options: ConsoleOptions): void => {
  reply.header('Set-Cookie', `${COOKIE}=; ${cookieAttributes(secureFor(reply.request, options), 0)}`);
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
