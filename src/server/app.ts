/**
 * The HTTP application: Fastify with zod validation (fastify-type-provider-zod), the OpenAPI
 * document (@fastify/swagger, served at /openapi.json), pino JSON logs with a request id per
 * request (X-Request-Id, taken from the client when it sends a sane one), bearer tokens, and
 * every error as RFC 9457 problem details. The routes live one module per resource (./routes).
 */
import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { JsonLineError, parseJsonLine } from '../documents/json-lines';
import { lineMessage } from '../documents/outcomes';
import { packageVersion } from '../documents/package';
import { EventDecodeError } from '../events';
import { renderer } from '../render';
import { fieldProblemText } from '../render/field-problems';
import { CorruptEventError, StoreError, StoreUnavailableError } from '../store/errors';
import { issueOf } from '../terms/field-messages';
import { JSON_LINES_TYPES } from './api';
import { consoleRoutes } from './console/routes';
import type { ConsoleOptions } from './console/session';
import type { ServerContext } from './context';
import { QueueFullError, QueueTimeoutError } from './group-commit';
import { negotiateLocale } from './locale';
import { HttpProblem, httpProblem, sendProblem } from './problem';
import { ReadTimeoutError } from './reads';
import { ROUTES } from './routes';
import { validatedByLedger } from './schemas';

export const OPENAPI_PATH = '/openapi.json';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export interface AppOptions {
  readonly logger?: FastifyServerOptions['logger'];
  /** The web console at /console (issue 18). */
  readonly console?: ConsoleOptions;
}

export const buildApp = async (ctx: ServerContext, options: AppOptions = {}): Promise<FastifyInstance> => {
  const app = Fastify({
    logger:
      options.logger === undefined || options.logger === false
        ? false
        : {
            ...(typeof options.logger === 'object' ? options.logger : {}),
            timestamp: () => `,"time":"${new Date().toISOString()}"`,
          },
    bodyLimit: ctx.limits.bodyBytes,
    requestTimeout: ctx.limits.requestTimeoutMs,
    connectionTimeout: ctx.limits.requestTimeoutMs,
    keepAliveTimeout: 5_000,
    // One line per request, written by the onResponse hook below (not Fastify's two).
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // ctx.draining answers them instead, as problem details.
    return503OnClosing: false,
  });

  app.setValidatorCompiler((route) =>
    validatedByLedger(route.schema as object)
      ? (data: unknown) => ({ value: data })
      : validatorCompiler(route as never),
  );
  app.setSerializerCompiler(serializerCompiler);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'vpn-ledger',
        version: packageVersion(),
        description:
          'The contract ledger of IIJ Managed VPN PRO (individual terms, edition 2024-08-01) over HTTP. Every answer names the log position it reflects (generatedFrom, ETag, X-Ledger-Position); errors are RFC 9457 problem details with the ledger code and article.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });

  // JSON as `apply` reads it: a duplicate key is an error, not "the last one wins".
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    try {
      done(null, parseJsonLine(body as string));
    } catch (error) {
      const message = lineMessage(
        {
          line: 0,
          kind: 'invalid-json',
          message: (error as Error).message,
          ...(error instanceof JsonLineError ? { problem: error.problem } : {}),
        },
        request.locale,
      );
      done(
        httpProblem(
          400,
          'INVALID_JSON',
          null,
          renderer(request.locale).ui('server.invalidJson', { message }),
        ),
        undefined,
      );
    }
  });
  app.addContentTypeParser(JSON_LINES_TYPES, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.decorateRequest('principal', null);
  app.decorateRequest('locale', 'en');

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
    const query = request.query as { lang?: unknown } | undefined;
    request.locale = negotiateLocale(
      request.headers['accept-language'],
      typeof query?.lang === 'string' ? query.lang : undefined,
    );
    reply.header('Content-Language', request.locale);
    reply.header('Vary', 'Accept-Language');
    if (ctx.draining) {
      throw httpProblem(
        503,
        'SHUTTING_DOWN',
        null,
        renderer(request.locale).ui('server.shuttingDown'),
        {},
        { 'Retry-After': '5', Connection: 'close' },
      );
    }
    if (request.routeOptions.config.auth === false) return;
    const header = request.headers.authorization;
    const m = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const principal = m ? ctx.tokens.principalFor(m[1]!) : null;
    if (!principal) {
      throw httpProblem(
        401,
        m ? 'INVALID_TOKEN' : 'NO_TOKEN',
        null,
        renderer(request.locale).ui(m ? 'server.invalidToken' : 'server.noToken'),
        {},
        {
          'WWW-Authenticate': m
            ? 'Bearer realm="vpn-ledger", error="invalid_token"'
            : 'Bearer realm="vpn-ledger"',
        },
      );
    }
    request.principal = principal;
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        principal: request.principal?.id ?? null,
      },
      'request',
    );
  });

  app.setErrorHandler((thrown, request, reply) => {
    const error = thrown as Error & { code?: string; statusCode?: number };
    if (error instanceof HttpProblem) return sendProblem(reply, error.problem, error.headers);
    if (hasZodFastifySchemaValidationErrors(error)) {
      // Each field's problem as data (zod's issue, as the ledger's field problems carry it), worded
      // in the request's language by sendProblem.
      const problems = error.validation.map((v) => {
        const issue = issueOf({
          ...(v.params as object),
          code: v.keyword,
          path: [],
          message: v.message ?? 'invalid',
        } as unknown as Parameters<typeof issueOf>[0]);
        return {
          path: `${error.validationContext ?? 'request'}${v.instancePath.replace(/\//g, '.')}`,
          message: v.message ?? 'invalid',
          issue,
        };
      });
      return sendProblem(reply, {
        status: 400,
        code: 'INVALID_REQUEST',
        article: null,
        message: problems.map((p) => `${p.path}: ${p.message}`).join('; '),
        words: (locale) =>
          problems
            .map((p) => `${p.path}: ${fieldProblemText(locale, p)}`)
            .join(locale === 'ja' ? '。' : '; '),
        problems,
      });
    }
    const words = renderer(request.locale);
    if (error instanceof QueueFullError) {
      return sendProblem(
        reply,
        {
          status: 503,
          code: 'QUEUE_FULL',
          article: null,
          message: words.ui('server.queueFull', {
            queued: String(error.queued),
            seconds: String(error.retryAfterSeconds),
          }),
        },
        { 'Retry-After': String(error.retryAfterSeconds) },
      );
    }
    if (error instanceof QueueTimeoutError || error instanceof ReadTimeoutError) {
      const message =
        error instanceof QueueTimeoutError
          ? words.ui('server.queueTimeout', { ms: String(error.waitedMs) })
          : words.ui('server.readTimeout', { ms: String(error.ms) });
      return sendProblem(
        reply,
        { status: 503, code: 'TIMEOUT', article: null, message },
        { 'Retry-After': '1' },
      );
    }
    if (error instanceof CorruptEventError || error instanceof EventDecodeError) {
      request.log.error({ err: error }, 'corrupt event');
      return sendProblem(reply, {
        status: 500,
        code: 'CORRUPT_EVENT',
        article: null,
        message: words.ui('server.corruptEvent', {
          streamId: error.streamId,
          revision: String(error.revision),
          position: error instanceof CorruptEventError ? error.globalPosition : 'none',
          reason: error.reason.replace(/\.$/, ''),
        }),
      });
    }
    if (
      error instanceof StoreUnavailableError ||
      (error as { code?: string }).code?.startsWith('SQLITE_BUSY')
    ) {
      return sendProblem(
        reply,
        {
          status: 503,
          code: 'STORE_UNAVAILABLE',
          article: null,
          message: words.ui('server.storeUnavailable', { detail: error.message }),
        },
        { 'Retry-After': '1' },
      );
    }
    if (error instanceof StoreError) {
      request.log.error({ err: error }, 'store error');
      return sendProblem(reply, { status: 500, code: 'STORE_ERROR', article: null, message: error.message });
    }
    const fastifyCode = (error as { code?: string }).code;
    const status = (error as { statusCode?: number }).statusCode;
    if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendProblem(reply, {
        status: 413,
        code: 'BODY_TOO_LARGE',
        article: null,
        message: renderer(request.locale).ui('server.bodyTooLarge', { bytes: String(ctx.limits.bodyBytes) }),
      });
    }
    if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendProblem(reply, {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        article: null,
        message: words.ui('server.unsupportedMediaType', {
          contentType: request.headers['content-type'] ?? '(none)',
        }),
      });
    }
    if (status !== undefined && status >= 400 && status < 500) {
      return sendProblem(reply, {
        status,
        code: fastifyCode ?? 'BAD_REQUEST',
        article: null,
        message: error.message,
      });
    }
    request.log.error({ err: error }, 'internal error');
    return sendProblem(reply, {
      status: 500,
      code: 'INTERNAL_ERROR',
      article: null,
      message: renderer(request.locale).ui('server.internalError', { requestId: request.id }),
    });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      status: 404,
      code: 'NO_SUCH_ROUTE',
      article: null,
      message: renderer(request.locale).ui('server.noSuchRoute', {
        method: request.method,
        route: request.url.split('?')[0]!,
        openapi: OPENAPI_PATH,
      }),
    }),
  );

  const typed = app.withTypeProvider<ZodTypeProvider>();
  for (const register of ROUTES) register(typed, ctx);
  await app.register(consoleRoutes(ctx, options.console ?? {}));
  typed.get(OPENAPI_PATH, { config: { auth: false }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/json').send(JSON.stringify(app.swagger()) as never),
  );
  return app;
};
