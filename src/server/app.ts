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
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { parseJsonLine } from '../documents/json-lines';
import { packageVersion } from '../documents/package';
import { renderer } from '../render';
import { JSON_LINES_TYPES } from './api';
import { jsonLinesBody } from './body';
import { consoleRoutes } from './console/routes';
import type { ConsoleOptions } from './console/session';
import type { ServerContext } from './context';
import { clientErrorHandler, errorHandler, frameworkErrors } from './errors';
import { negotiateLocale } from './locale';
import { finishOpenApi } from './openapi';
import { httpProblem, sendProblem } from './problem';
import { requestScope } from './request-scope';
import { ROUTES } from './routes';
import { validatedByLedger } from './schemas';

export const OPENAPI_PATH = '/openapi.json';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Bytes of a request's headers (Node's default): more is answered 431. */
export const MAX_HEADER_BYTES = 16 * 1024;

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
    // Slow clients (slowloris): headers that take longer than this close the connection; Node
    // checks every second rather than every 30.
    http: {
      headersTimeout: ctx.limits.headersTimeoutMs,
      connectionsCheckingInterval: 1_000,
      maxHeaderSize: MAX_HEADER_BYTES,
    },
    // Fastify's and Node's own errors as problem details too (errors.ts).
    frameworkErrors: frameworkErrors(ctx),
    clientErrorHandler: clientErrorHandler(ctx.limits, MAX_HEADER_BYTES),
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
    // The schemas with an id (src/documents/schemas) become components, referenced by $ref.
    transformObject: finishOpenApi,
  });

  // JSON as `apply` reads it: a duplicate key is an error, not "the last one wins".
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    try {
      done(null, parseJsonLine(body as string));
    } catch (error) {
      const message = renderer(request.locale).ui('server.invalidJson', {
        message: (error as Error).message,
      });
      done(httpProblem(400, 'INVALID_JSON', null, message), undefined);
    }
  });
  // A batch's bytes and lines are counted as they arrive (body.ts).
  app.addContentTypeParser(
    JSON_LINES_TYPES,
    jsonLinesBody(ctx.limits, () => ctx.writes.capacity),
  );

  // Every handler runs in its request's scope: the read side gives each principal its turn (scheduler.ts).
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = function scoped(request, reply) {
      return requestScope.run(request, () => handler.call(this, request, reply));
    };
  });

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

  app.setErrorHandler(errorHandler(ctx));

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
