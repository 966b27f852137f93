/**
 * The routes, one module per resource. A new resource is one more module in this list: it gets the
 * same authentication, problem details, ETags (etag.ts) and read snapshots (ctx.reads) as the others.
 */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context';
import { chargeRoutes } from './charges';
import { commandRoutes } from './commands';
import { contractRoutes } from './contracts';
import { deadlineRoutes } from './deadlines';
import { metaRoutes } from './meta';
import { monthRoutes } from './months';
import { verifyRoutes } from './verify';
import { whatIfRoutes } from './what-if';

export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type RouteModule = (api: Api, ctx: ServerContext) => void;

export const ROUTES: readonly RouteModule[] = [
  metaRoutes,
  commandRoutes,
  contractRoutes,
  chargeRoutes,
  deadlineRoutes,
  monthRoutes,
  whatIfRoutes,
  verifyRoutes,
];
