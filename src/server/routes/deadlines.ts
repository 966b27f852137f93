/** GET /v1/deadlines: the equipment owed back on a date (Art. 14(3)), from the views' candidates. */
import { deadlinesDocument } from '../../documents/contracts';
import { toJsonLine } from '../../documents/encoding';
import { generatedFrom } from '../../documents/provenance';
import type { RouteModule } from '../api';
import { sendRead } from '../etag';
import { deadlineCheck } from '../reads';
import { DeadlinesQuery, Documents, json, responses } from '../schemas';
import { today } from './reading';

export const deadlineRoutes: RouteModule = (api, ctx) => {
  api.get(
    '/v1/deadlines',
    {
      schema: {
        tags: ['deadlines'],
        summary: 'Equipment owed back on asOf (default today): open ones unless all=true',
        description: 'A contractor sees the deadlines of the contracts it holds.',
        querystring: DeadlinesQuery,
        response: responses({ 200: json(Documents.deadlines, 'The deadlines.') }, [400], { etag: true }),
      },
    },
    async (request, reply) => {
      const { knownAt } = request.query;
      const all = request.query.all === 'true';
      const asOf = request.query.asOf ?? today(ctx);
      const principal = request.principal!;
      return ctx.reads.snapshot(async (model) => {
        const found = (await model.deadlines(asOf, {
          all,
          ...(knownAt !== undefined ? { knownAt } : {}),
          ...deadlineCheck(ctx.limits.requestTimeoutMs),
        }))!;
        let deadlines = found.deadlines;
        if (principal.kind === 'contractor') {
          const holders = new Map<string, string | null>();
          for (const d of deadlines) {
            if (holders.has(d.contractId)) continue;
            holders.set(d.contractId, await model.holderOf(d.contractId));
          }
          deadlines = deadlines.filter((d) => holders.get(d.contractId) === principal.contractorId);
        }
        return sendRead(request, reply, {
          position: found.provenance.position,
          question: { asOf, knownAt, all },
          type: 'application/json',
          body: () =>
            toJsonLine(
              deadlinesDocument(
                asOf,
                null,
                all,
                generatedFrom(ctx.reads.storeKind, found.provenance, request.locale),
                deadlines,
                request.locale,
              ),
            ),
        });
      });
    },
  );
};
