/**
 * GET /health: liveness (the process answers; draining or not) and what it serves, never a file or
 * a path (no token needed). GET /ready: readiness, 200 while the server can serve its clients, else
 * 503 problem details saying why (the token file cannot be read: no token is accepted until it is
 * mended; the server is shutting down). A load balancer sends traffic by /ready.
 */
import { z } from 'zod';
import { renderer } from '../../render';
import type { RouteModule } from '../api';
import { httpProblem } from '../problem';
import { Documents, json, responses } from '../schemas';

export const metaRoutes: RouteModule = (api, ctx) => {
  api.get(
    '/health',
    {
      config: { auth: false },
      schema: {
        tags: ['meta'],
        summary: 'Liveness: the store kind, the write queue and whether the server is draining',
        security: [],
        response: responses({ 200: json(Documents.health, 'Up (or draining).') }, [], { auth: false }),
      },
    },
    async (_request, reply) =>
      reply.type('application/json').send(
        JSON.stringify({
          status: ctx.draining ? 'draining' : 'ok',
          store: ctx.reads.storeKind,
          queued: ctx.writes.queued,
          groups: ctx.writes.stats,
          webhooks: ctx.webhooks === null ? null : ctx.webhooks.outbox.counts(),
        }) as never,
      ),
  );

  api.get(
    '/ready',
    {
      config: { auth: false },
      schema: {
        tags: ['meta'],
        summary:
          'Readiness: 200 while requests can be served; 503 when the token file cannot be read, or draining',
        security: [],
        response: responses(
          { 200: json(z.strictObject({ status: z.literal('ready') }), 'Ready to serve.') },
          [],
          { auth: false },
        ),
      },
    },
    async (request, reply) => {
      const reason = ctx.readiness();
      if (reason !== null) {
        throw httpProblem(
          503,
          'NOT_READY',
          null,
          renderer(request.locale).ui('server.notReady', { reason }),
          {},
          { 'Retry-After': '5' },
        );
      }
      return reply.type('application/json').send(JSON.stringify({ status: 'ready' }) as never);
    },
  );
};
