/**
 * A month's charges, GET /v1/charges?month= (from the views; JSON or CSV), and one line's
 * explanation, GET /v1/charge-lines/{lineId}. A contractor sees the lines billed to it.
 */

import { chargesCsv, chargesJson } from '../../cli/commands/charges';
import { explanationJson, looksLikeLineId } from '../../cli/commands/explain';
import { toJsonLine } from '../../cli/format';
import { validateDecoded } from '../../events';
import { explainChargeLine, lineIdParts } from '../../projections/explain';
import { generatedFrom } from '../documents';
import { sendRead } from '../etag';
import { httpProblem } from '../problem';
import { deadlineCheck } from '../reads';
import { Documents, ExplainQuery, LineParams, MonthChargesQuery, Problem } from '../schemas';
import type { RouteModule } from '.';
import { accessOf, chargesFor, wantsCsv } from './reading';

const problems = { 400: Problem, 401: Problem, 404: Problem, 503: Problem };

export const chargeRoutes: RouteModule = (api, ctx) => {
  const store = () => ctx.reads.storeKind;

  api.get(
    '/v1/charges',
    {
      schema: {
        tags: ['charges'],
        summary: "A billing month's charge lines with totals per contractor billed (JSON or CSV)",
        description:
          'From the views (knownAt: from the log as it stood then). The CSV has the columns of `vpn-ledger charges --format csv`. A contractor sees the lines billed to it.',
        querystring: MonthChargesQuery,
        response: { 200: Documents.charges, ...problems },
      },
    },
    async (request, reply) => {
      const { month, asOf, knownAt } = request.query;
      const csv = wantsCsv(request, request.query.format);
      const principal = request.principal!;
      return ctx.reads.snapshot(async (model) => {
        const { charges, provenance } = await model.monthCharges(month, {
          ...(asOf !== undefined ? { asOf } : {}),
          ...(knownAt !== undefined ? { knownAt } : {}),
          ...deadlineCheck(ctx.limits.requestTimeoutMs),
        });
        const mine = chargesFor(principal, charges);
        // Views answer at their checkpoint; a fold, at the last position it read.
        const position =
          provenance.source === 'streams' ? (model.viewsState()?.position ?? null) : provenance.position;
        return sendRead(request, reply, {
          position,
          question: { month, asOf, knownAt, csv },
          type: csv ? 'text/csv; charset=utf-8' : 'application/json',
          body: () =>
            csv
              ? chargesCsv(mine, request.locale)
              : toJsonLine(
                  chargesJson(
                    mine,
                    generatedFrom(store(), provenance),
                    { contractId: null, asOf: asOf ?? null },
                    undefined,
                    request.locale,
                  ),
                ),
        });
      });
    },
  );

  api.get(
    '/v1/charge-lines/:lineId',
    {
      schema: {
        tags: ['charges'],
        summary: 'One charge line: its article, named policy, exact formula and the events behind it',
        params: LineParams,
        querystring: ExplainQuery,
        response: { 200: Documents.explain, ...problems },
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
        `Unknown charge line ${lineId}: its month has no such line${knownAt ? ` as known at ${knownAt}` : ''}.`,
        { field: 'lineId' },
      );
      if (!looksLikeLineId(lineId)) {
        throw httpProblem(
          400,
          'INVALID_REQUEST',
          null,
          `"${lineId}" is not a charge line id: ids look like c-100:2025-10:monthly-basic (see GET /v1/charges).`,
          { field: 'lineId' },
        );
      }
      return ctx.reads.snapshot(async (model) => {
        for (const { contractId } of lineIdParts(lineId)) {
          const read = await model.contract(contractId, {
            ...(knownAt !== undefined ? { knownAt } : {}),
          });
          const explanation = read && explainChargeLine(read.facts, lineId);
          if (!read || !explanation) continue;
          const facts = read.facts.contracts.get(contractId)!;
          const visible =
            accessOf(principal, facts) !== null &&
            (principal.kind === 'staff' || explanation.line.billTo === principal.contractorId);
          if (!visible) break;
          const sources = new Set(explanation.line.sources);
          const events = read.events.filter((e) => sources.has(e.metadata.eventId)).map(validateDecoded);
          return sendRead(request, reply, {
            position: read.provenance.position,
            question: { lineId, knownAt },
            type: 'application/json',
            body: () =>
              toJsonLine(
                explanationJson(
                  explanation,
                  events,
                  { storeKind: store(), lang: request.locale },
                  read.provenance,
                ),
              ),
          });
        }
        throw unknown;
      });
    },
  );
};
