/**
 * What the application (app.ts) and its route modules (routes/) share: the typed Fastify instance
 * a route registers on, the shape of a route module, and the media types the API reads.
 */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServerContext } from './context';

export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A resource's routes: registered on the API with the server's context. */
export type RouteModule = (api: Api, ctx: ServerContext) => void;

/** JSON Lines (a batch of commands, a what-if), under the names clients send it by. */
export const JSON_LINES_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/x-jsonlines'];
