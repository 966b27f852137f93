/**
 * The routes, one module per resource. A new resource is one more module in this list: it gets the
 * same authentication, problem details, ETags (etag.ts) and read snapshots (ctx.reads) as the others.
 */
import type { RouteModule } from '../api';
import { chargeRoutes } from './charges';
import { commandRoutes } from './commands';
import { contractRoutes } from './contracts';
import { deadlineRoutes } from './deadlines';
import { feedRoutes } from './feed';
import { metaRoutes } from './meta';
import { monthRoutes } from './months';
import { verifyRoutes } from './verify';
import { whatIfRoutes } from './what-if';

export const ROUTES: readonly RouteModule[] = [
  metaRoutes,
  commandRoutes,
  contractRoutes,
  chargeRoutes,
  deadlineRoutes,
  monthRoutes,
  whatIfRoutes,
  verifyRoutes,
  feedRoutes,
];
