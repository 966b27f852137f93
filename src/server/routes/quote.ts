/**
 * GET /v1/contracts/{contractId}/termination-quote (staff and contractors): what ending a contract
 * (or one of its options) on a day would cost, by what-if: the notice the principal would send
 * today, run through the real pipeline over an overlay (nothing is written), as src/read/quote.ts
 * reads it. A contractor quotes its own contracts only: the notice is checked by the same rules as
 * one it sends (src/auth: authorizeEnvelope, commandGuard), so another's contract is answered
 * exactly as one that does not exist (404), and only a termination or an option stop is ever run.
 */
import { z } from 'zod';
import { authorizeEnvelope, commandGuard } from '../../auth/authority';
import { toJsonLine } from '../../documents/encoding';
import { quoteJson } from '../../documents/quote';
import { Fields } from '../../events';
import { quoteCommand, terminationQuote } from '../../read/quote';
import { jstDate } from '../../terms/dates';
import type { RouteModule } from '../api';
import { refusedProblem, resultProblem, sendProblem } from '../problem';
import { AsOf, ContractParams, Documents, json, responses } from '../schemas';

export const QuoteQuery = z.strictObject({
  on: AsOf.meta({ description: 'The day asked for the end (the notice would arrive today).' }),
  optionId: Fields.Id.optional().meta({ description: 'An option to stop (Art. 17(4)); else the contract.' }),
  lang: z.string().max(35).optional(),
});

export const quoteRoutes: RouteModule = (api, ctx) => {
  api.get(
    '/v1/contracts/:contractId/termination-quote',
    {
      schema: {
        tags: ['contracts'],
        summary:
          'What ending the contract (or an option) on a day would cost: settlement, last month, equipment to return; nothing is written',
        description:
          'The termination notice (or option stop notice) the principal would send today, run by what-if. A contractor may quote its own contracts only; another contract is 404 as one that does not exist.',
        params: ContractParams,
        querystring: QuoteQuery,
        response: responses(
          { 200: json(Documents.quote, 'What ending it on that day would cost; nothing is written.') },
          [400, 403, 404, 422],
        ),
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const today = jstDate(ctx.clock());
      const ask = {
        contractId: request.params.contractId,
        optionId: request.query.optionId ?? null,
        on: request.query.on,
        noticeOn: today,
        actor: principal.id,
      };
      // The same checks as the notice the principal would send (only a contractor's own notices pass).
      const authorized = authorizeEnvelope(principal, quoteCommand(ask));
      if ('refused' in authorized) throw refusedProblem(authorized.refused);
      return ctx.reads.snapshot(async (model) => {
        const quote = await terminationQuote(model.store, ask, {
          clock: ctx.clock,
          guard: commandGuard(principal, () => today),
          ...(ctx.terms ? { terms: ctx.terms } : {}),
        });
        if (quote.result.status === 'rejected') return sendProblem(reply, resultProblem(quote.result));
        return reply
          .type('application/json')
          .header('Cache-Control', 'no-store')
          .send(
            toJsonLine(
              quoteJson(
                quote,
                request.locale,
                principal.kind === 'contractor' ? principal.contractorId : null,
              ),
            ) as never,
          );
      });
    },
  );
};
