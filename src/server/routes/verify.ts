/** GET /v1/verify (staff): the integrity of the whole log, as `vpn-ledger verify --format json`. */

import { toJsonLine } from '../../documents/encoding';
import { verifyJson } from '../../documents/verify';
import { verifyIntegrity } from '../../ledger/integrity';
import { renderer } from '../../render';
import type { RouteModule } from '../api';
import { sendRead } from '../etag';
import { httpProblem } from '../problem';
import { deadlineCheck } from '../reads';
import { Documents, json, responses, VerifyQuery } from '../schemas';

export const verifyRoutes: RouteModule = (api, ctx) => {
  api.get(
    '/v1/verify',
    {
      schema: {
        tags: ['verify'],
        summary: 'Check every hash chain, event schema and reservation of the log (staff only)',
        description: '200 with ok true or false and the first broken link of each stream.',
        querystring: VerifyQuery,
        response: responses({ 200: json(Documents.verify, 'The report (ok true or false).') }, [403]),
      },
    },
    async (request, reply) => {
      if (request.principal!.kind !== 'staff') {
        throw httpProblem(403, 'NOT_PERMITTED', null, renderer(request.locale).ui('server.verifyStaffOnly'));
      }
      return ctx.reads.snapshot(
        async (reader) => {
          const { store } = reader;
          const head = await store.headPosition();
          const check = deadlineCheck(ctx.limits.requestTimeoutMs);
          const report = await verifyIntegrity(store, {
            progressEvery: check.every,
            onProgress: check.onProgress,
            views: reader.views,
            onViewsProgress: check.onProgress,
          });
          return sendRead(request, reply, {
            position: head,
            question: 'verify',
            type: 'application/json',
            body: () => toJsonLine(verifyJson(store.kind, report, { seals: false })),
          });
          // verify scans the whole log itself: it takes a fold's turn from the start (reads.ts).
        },
        { heavy: true },
      );
    },
  );
};
