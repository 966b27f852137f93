/** GET /health: whether the server is up, and what it is serving (no token needed). */
import type { RouteModule } from '../api';
import { Documents, json, responses } from '../schemas';

export const metaRoutes: RouteModule = (api, ctx) => {
  api.get(
    '/health',
    {
      config: { auth: false },
      schema: {
        tags: ['meta'],
        summary: 'Liveness: the store, the write queue and whether the server is draining',
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
          tokens: { active: ctx.tokens.active(), problem: ctx.tokens.problem },
          webhooks: ctx.webhooks === null ? null : ctx.webhooks.outbox.counts(),
        }) as never,
      ),
  );
};
