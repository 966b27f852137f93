/**
 * A month's charges as billed, GET /v1/charges?month= (JSON or CSV), and one line's
 * explanation, GET /v1/charge-lines/{lineId}. A contractor sees the lines billed to it.
 */

import { toJsonLine } from '../../documents/encoding';
import { explanationJson, looksLikeLineId } from '../../documents/explain';
import { renderer } from '../../render';
import type { RouteModule } from '../api';
import { sendRead } from '../etag';
import { httpProblem } from '../problem';
import {
  Documents,
  ExplainQuery,
  json,
  jsonOrCsv,
  LineParams,
  MonthChargesQuery,
  responses,
} from '../schemas';
import { sendMonthAsBilled } from './months';
import { visibleExplanation } from './reading';

export const chargeRoutes: RouteModule = (api, ctx) => {
  const store = () => ctx.reads.storeKind;

  api.get(
    '/v1/charges',
    {
      schema: {
        tags: ['charges'],
        summary: "A billing month's charge lines with totals per contractor billed (JSON or CSV)",
        description:
          'The month as billed, as GET /v1/months/{month} and `vpn-ledger charges --month` answer it: a closed month, the lines its close invoiced; an open one, from the views (knownAt: from the log as it stood then), with the adjustments it carries. The CSV has the columns of `vpn-ledger charges --format csv`. A contractor sees the lines billed to it.',
        querystring: MonthChargesQuery,
        response: responses({ 200: jsonOrCsv(Documents.charges, 'The month as billed.') }, [400], {
          etag: true,
        }),
      },
    },
    async (request, reply) => sendMonthAsBilled(ctx, request, reply, request.query.month, request.query),
  );

  api.get(
    '/v1/charge-lines/:lineId',
    {
      schema: {
        tags: ['charges'],
        summary: 'One charge line: its article, named policy, exact formula and the events behind it',
        params: LineParams,
        querystring: ExplainQuery,
        response: responses({ 200: json(Documents.explain, 'The line explained.') }, [400, 404], {
          etag: true,
        }),
      },
    },
    async (request, reply) => {
      const { lineId } = request.params;
      const { knownAt } = request.query;
      const principal = request.principal!;
      const unknown = httpProblem(
        404,
        'CHARGE_LINE_NOT_FOUND',
        null,
        renderer(request.locale).ui('server.unknownLine', { lineId, knownAt: knownAt ?? 'none' }),
        { field: 'lineId' },
      );
      if (!looksLikeLineId(lineId)) {
        throw httpProblem(
          400,
          'INVALID_REQUEST',
          null,
          renderer(request.locale).ui('server.notALineId', { lineId }),
          { field: 'lineId' },
        );
      }
      return ctx.reads.snapshot(async (model) => {
        const found = await visibleExplanation(model, principal, lineId, knownAt);
        if (found !== null) {
          const { month, explanation, events } = found;
          return sendRead(request, reply, {
            position: month.provenance.position,
            question: { lineId, knownAt },
            type: 'application/json',
            body: () =>
              toJsonLine(
                explanationJson(
                  explanation,
                  events,
                  { storeKind: store(), lang: request.locale },
                  month.provenance,
                ),
              ),
          });
        }
        throw unknown;
      });
    },
  );
};
