/**
 * Every error the server answers, as RFC 9457 problem details in the request's language (issue 26):
 * the ledger's and the routes' own (HttpProblem), the queue's, the read side's and the store's, a
 * corrupt row (named for staff), and the framework's: Fastify's (a bad percent-encoding in the
 * path, an empty or oversized body, a media type no route reads) and Node's HTTP parser's, which
 * come before any route (a 20 KB header: 431; a request that never finishes arriving: 408). Those
 * are written to the socket as they are, in the language the raw request asked for when it says.
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { EventDecodeError } from '../events';
import { renderer } from '../render';
import { CorruptEventError, StoreError, StoreUnavailableError } from '../store/errors';
import type { ServerContext } from './context';
import { QueueFullError, QueueTimeoutError } from './group-commit';
import { type Locale, negotiateLocale } from './locale';
import { HttpProblem, PROBLEM_CONTENT_TYPE, type ProblemInit, problemTitle, sendProblem } from './problem';
import { ReadTimeoutError } from './reads';
import { TooManyWaitingError, TurnTimeoutError } from './scheduler';

/** What the ledger's words need: the request's language (set by the onRequest hook, else negotiated here). */
const localeOf = (request: FastifyRequest): Locale => {
  const query = request.query as { lang?: unknown } | undefined;
  return negotiateLocale(
    request.headers['accept-language'],
    typeof query?.lang === 'string' ? query.lang : undefined,
  );
};

const where = (error: EventDecodeError | CorruptEventError): { where: string; detail: string } => {
  const at = `${error.streamId}@${error.revision}`;
  const prefix = error instanceof CorruptEventError ? '' : `Event ${at} cannot be read: `;
  const detail = error instanceof CorruptEventError ? error.reason : error.message.slice(prefix.length);
  return { where: at, detail: detail.replace(/\s+/g, ' ').replace(/\.$/, '') };
};

/** The problem for an error Fastify raised itself (its code FST_ERR_*), or null when it is none of those. */
const frameworkProblem = (
  ctx: ServerContext,
  error: FastifyError,
  request: FastifyRequest,
  t: ReturnType<typeof renderer>,
): { problem: ProblemInit; headers?: Record<string, string> } | null => {
  const route = request.url.split('?')[0]!;
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return {
        problem: {
          status: 400,
          code: 'BAD_URL',
          article: null,
          message: t.ui('server.badUrl', { path: route }),
        },
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        problem: {
          status: 413,
          code: 'BODY_TOO_LARGE',
          article: null,
          message: t.ui('server.bodyTooLarge', { bytes: String(ctx.limits.bodyBytes) }),
        },
        headers: { Connection: 'close' },
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        problem: {
          status: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
          article: null,
          message: t.ui('server.mediaType', {
            type: request.headers['content-type'] ?? '(none)',
            route,
            accepts: 'application/json, application/x-ndjson',
          }),
        },
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        problem: {
          status: 400,
          code: 'EMPTY_BODY',
          article: null,
          message: t.ui('server.emptyBody', { accepts: 'application/json' }),
        },
      };
    default: {
      const status = error.statusCode;
      if (status === undefined || status < 400 || status >= 500) return null;
      return {
        problem: {
          status,
          code: error.code ?? 'BAD_REQUEST',
          article: null,
          message: t.ui('server.badRequest', { code: error.code ?? String(status), message: error.message }),
        },
      };
    }
  }
};

/** The application's error handler: every error as problem details, in the request's language. */
export const errorHandler =
  (ctx: ServerContext) =>
  (thrown: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const error = thrown as FastifyError;
    const t = renderer(request.locale);
    if (error instanceof HttpProblem) return sendProblem(reply, error.problem, error.headers);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const problems = error.validation.map((v) => ({
        path: `${error.validationContext ?? 'request'}${v.instancePath.replace(/\//g, '.')}`,
        message: v.message ?? 'invalid',
      }));
      return sendProblem(reply, {
        status: 400,
        code: 'INVALID_REQUEST',
        article: null,
        message: t.ui('server.invalidRequest', {
          problems: problems.map((p) => `${p.path}: ${p.message}`).join('; '),
          count: problems.length,
          paths: problems.map((p) => p.path).join('、'),
        }),
        problems,
      });
    }
    if (error instanceof QueueFullError) {
      return sendProblem(
        reply,
        {
          status: 503,
          code: 'QUEUE_FULL',
          article: null,
          message: t.ui('server.queueFull', { queued: error.queued, seconds: error.retryAfterSeconds }),
        },
        { 'Retry-After': String(error.retryAfterSeconds) },
      );
    }
    if (error instanceof TooManyWaitingError) {
      return sendProblem(
        reply,
        {
          status: 429,
          code: 'TOO_MANY_REQUESTS',
          article: null,
          message: t.ui('server.tooManyWaiting', {
            waiting: error.waiting,
            seconds: error.retryAfterSeconds,
          }),
        },
        { 'Retry-After': String(error.retryAfterSeconds) },
      );
    }
    if (
      error instanceof QueueTimeoutError ||
      error instanceof ReadTimeoutError ||
      error instanceof TurnTimeoutError
    ) {
      const message =
        error instanceof ReadTimeoutError
          ? t.ui('server.readTimeout', { ms: error.ms })
          : t.ui(error instanceof TurnTimeoutError ? 'server.turnTimeout' : 'server.queueTimeout', {
              ms: (error as QueueTimeoutError | TurnTimeoutError).waitedMs,
            });
      return sendProblem(
        reply,
        { status: 503, code: 'TIMEOUT', article: null, message },
        { 'Retry-After': '1' },
      );
    }
    if (error instanceof CorruptEventError || error instanceof EventDecodeError) {
      request.log.error({ err: error }, 'corrupt event');
      // Staff are told which row; a contractor is not told about rows it may not read.
      const staff = request.principal?.kind === 'staff';
      return sendProblem(reply, {
        status: 500,
        code: 'CORRUPT_EVENT',
        article: null,
        message: staff
          ? t.ui('server.corruptEvent', where(error))
          : t.ui('server.corruptEventHidden', { requestId: request.id }),
      });
    }
    if (error instanceof StoreUnavailableError || error.code?.startsWith('SQLITE_BUSY')) {
      request.log.warn({ err: error }, 'store unavailable');
      return sendProblem(
        reply,
        { status: 503, code: 'STORE_UNAVAILABLE', article: null, message: t.ui('server.storeUnavailable') },
        { 'Retry-After': '1' },
      );
    }
    if (error instanceof StoreError) {
      request.log.error({ err: error }, 'store error');
      return sendProblem(reply, {
        status: 500,
        code: 'STORE_ERROR',
        article: null,
        message: t.ui('server.storeError', { requestId: request.id }),
      });
    }
    const framework = frameworkProblem(ctx, error, request, t);
    if (framework) return sendProblem(reply, framework.problem, framework.headers);
    request.log.error({ err: error }, 'internal error');
    return sendProblem(reply, {
      status: 500,
      code: 'INTERNAL_ERROR',
      article: null,
      message: t.ui('server.internalError', { requestId: request.id }),
    });
  };

/**
 * Fastify's errors before a route is found (a path whose percent-encoding is not UTF-8): the
 * request has not been through the hooks, so its language is worked out here.
 */
export const frameworkErrors =
  (ctx: ServerContext) =>
  (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    request.locale = localeOf(request);
    reply.header('Content-Language', request.locale).header('Vary', 'Accept-Language');
    reply.header('X-Request-Id', request.id);
    errorHandler(ctx)(error, request, reply);
  };

/** The request's language as its raw bytes say (`lang=` in the request line, else Accept-Language). */
const rawLocale = (raw: Buffer | undefined): Locale => {
  if (!raw) return 'en';
  const head = raw.subarray(0, 64 * 1024).toString('latin1');
  const requestLine = head.slice(0, head.indexOf('\r\n') >>> 0);
  const lang = /[?&]lang=([A-Za-z-]+)/.exec(requestLine)?.[1];
  const accept = /\r\naccept-language:[ \t]*([^\r\n]*)/i.exec(head)?.[1];
  return negotiateLocale(accept, lang);
};

/** Node's HTTP parser errors, and requests that took too long to arrive, by status. */
const CLIENT_ERRORS: ReadonlyMap<string, { status: number; code: string }> = new Map([
  ['HPE_HEADER_OVERFLOW', { status: 431, code: 'HEADERS_TOO_LARGE' }],
  ['ERR_HTTP_REQUEST_TIMEOUT', { status: 408, code: 'REQUEST_TIMEOUT' }],
  ['ERR_HTTP_HEADERS_TIMEOUT', { status: 408, code: 'REQUEST_TIMEOUT' }],
]);

/** A problem written straight to a socket (no request object exists yet), then the socket closed. */
export const writeRawProblem = (
  socket: Socket,
  problem: ProblemInit,
  locale: Locale,
  headers: Record<string, string> = {},
): void => {
  const body = JSON.stringify({
    type: `urn:vpn-ledger:problem:${problem.code}`,
    title: problemTitle(problem.status, locale),
    status: problem.status,
    detail: problem.message,
    code: problem.code,
    article: null,
    message: problem.message,
  });
  const lines = [
    `HTTP/1.1 ${problem.status} ${problemTitle(problem.status, 'en')}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Language: ${locale}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
};

/** Fastify's clientErrorHandler: the parser's errors as problem details, then the connection closed. */
export const clientErrorHandler =
  (limits: ServerContext['limits'], maxHeaderBytes: number) =>
  (thrown: Error, socket: Socket): void => {
    const error = thrown as Error & { code?: string; rawPacket?: unknown };
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    if (!socket.writable) {
      socket.destroy(error);
      return;
    }
    const locale = rawLocale(Buffer.isBuffer(error.rawPacket) ? error.rawPacket : undefined);
    const t = renderer(locale);
    const known = CLIENT_ERRORS.get(error.code ?? '');
    const status = known?.status ?? 400;
    const message =
      status === 431
        ? t.ui('server.headersTooLarge', { bytes: String(maxHeaderBytes) })
        : status === 408
          ? t.ui('server.requestTimeout', { ms: limits.requestTimeoutMs })
          : t.ui('server.unreadableRequest', { code: error.code ?? 'HPE_INVALID' });
    writeRawProblem(socket, { status, code: known?.code ?? 'BAD_REQUEST', article: null, message }, locale);
  };
