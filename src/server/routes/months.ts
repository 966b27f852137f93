/**
 * Billing months (issue 12 over HTTP): GET /v1/months (the closed months and the first open one),
 * GET /v1/months/{month} (the month as billed: `vpn-ledger charges --month`), its invoice documents
 * GET /v1/months/{month}/export (`vpn-ledger export`), and POST /v1/months/{month}/close (staff,
 * sealed with the server's key). A contractor sees what is billed to it: its lines, its totals,
 * its own invoice document.
 */

import type { FastifyReply, FastifyRequest } from 'fastify';
import { type CloseResult, closeMonth } from '../../billing/close';
import { invoiceDocuments } from '../../billing/export';
import { chargesCsv, chargesJson } from '../../documents/charges';
import { toJsonLine } from '../../documents/encoding';
import { closeJson, exportCsv, exportJson, monthsJson } from '../../documents/months';
import { generatedFrom } from '../../documents/provenance';
import type { Reader } from '../../read';
import { renderer } from '../../render';
import { viewsProblemText } from '../../render/views-problem';
import { refusal } from '../../terms/rejections';
import type { RouteModule } from '../api';
import type { ServerContext } from '../context';
import { sendRead } from '../etag';
import type { Locale } from '../locale';
import { httpProblem, refusedProblem, resultProblem, sendProblem } from '../problem';
import { deadlineCheck } from '../reads';
import {
  CloseBody,
  Documents,
  ExportQuery,
  json,
  jsonOrCsv,
  MonthParams,
  MonthQuery,
  MonthsQuery,
  responses,
} from '../schemas';
import { chargesFor, today, wantsCsv } from './reading';

const JSON_TYPE = 'application/json';
const CSV_TYPE = 'text/csv; charset=utf-8';

/** The views cannot answer: 503, with why. */
const viewsUnavailable = (reader: Reader, lang: Locale) => {
  const problem = reader.viewsProblem();
  return httpProblem(
    503,
    'VIEWS_UNAVAILABLE',
    null,
    renderer(lang).ui('server.viewsUnavailable', {
      problem: problem === null ? 'none' : viewsProblemText(lang, problem),
    }),
    {},
    { 'Retry-After': '5' },
  );
};

/**
 * The month as billed (`vpn-ledger charges --month`): closed, the lines its close invoiced; open,
 * recomputed with the adjustments it carries. GET /v1/months/{month} and GET /v1/charges?month=.
 */
export const sendMonthAsBilled = (
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  month: string,
  query: {
    readonly asOf?: string | undefined;
    readonly knownAt?: string | undefined;
    readonly format?: 'json' | 'csv' | undefined;
  },
) => {
  const { asOf, knownAt } = query;
  const csv = wantsCsv(request, query.format);
  const principal = request.principal!;
  return ctx.reads.snapshot(async (reader) => {
    const { billed, provenance } = await reader.month(month, {
      asOf,
      knownAt,
      ...deadlineCheck(ctx.limits.requestTimeoutMs),
    });
    const mine = chargesFor(principal, billed.charges);
    return sendRead(request, reply, {
      position: provenance.position,
      question: { month, asOf, knownAt, csv },
      type: csv ? CSV_TYPE : JSON_TYPE,
      body: () =>
        csv
          ? chargesCsv(mine, request.locale)
          : toJsonLine(
              chargesJson(
                mine,
                generatedFrom(ctx.reads.storeKind, provenance, request.locale),
                { contractId: null, asOf: asOf ?? null },
                billed,
                request.locale,
              ),
            ),
    });
  });
};

export const monthRoutes: RouteModule = (api, ctx) => {
  const store = () => ctx.reads.storeKind;

  api.get(
    '/v1/months',
    {
      schema: {
        tags: ['months'],
        summary:
          'Every month from the first charge to the current one: closed (who, when, the close id, lines, total, adjustments carried, the seal digest) or open',
        description:
          "From the views, a page at a time (`limit`, default 24; `after` the `next` of the previous page); the current month is Japan's, by the server's clock, and the month the next close must be of is always listed (`nextToClose`). A contractor sees its own totals.",
        querystring: MonthsQuery,
        response: responses({ 200: json(Documents.months, 'The months.') }, [400], { etag: true }),
      },
    },
    async (request, reply) => {
      const { after } = request.query;
      const limit = request.query.limit ?? 24;
      const principal = request.principal!;
      const current = today(ctx).slice(0, 7);
      return ctx.reads.snapshot(async (reader) => {
        const found = reader.months(current, { after: after ?? null, limit });
        if (!found) throw viewsUnavailable(reader, request.locale);
        const { months, more, provenance } = found;
        return sendRead(request, reply, {
          position: provenance.position,
          question: { after, limit, current },
          type: JSON_TYPE,
          body: () =>
            toJsonLine(
              monthsJson(
                months,
                more ? months[months.length - 1]!.month : null,
                generatedFrom(store(), provenance, request.locale),
                request.locale,
                principal.kind === 'staff' ? null : principal.contractorId,
              ),
            ),
        });
      });
    },
  );

  api.get(
    '/v1/months/:month',
    {
      schema: {
        tags: ['months', 'charges'],
        summary:
          'The month as billed: closed (the lines its close invoiced) or open, with the adjustments it carries',
        description:
          '`vpn-ledger charges --month` as JSON (status, close, lines, totals) or CSV (format=csv or Accept: text/csv). A contractor sees the lines billed to it.',
        params: MonthParams,
        querystring: MonthQuery,
        response: responses({ 200: jsonOrCsv(Documents.charges, 'The month as billed.') }, [400], {
          etag: true,
        }),
      },
    },
    async (request, reply) => sendMonthAsBilled(ctx, request, reply, request.params.month, request.query),
  );

  api.get(
    '/v1/months/:month/export',
    {
      schema: {
        tags: ['months'],
        summary:
          "A closed month's invoice documents, one per contractor billed (draft=true: an open month, marked draft)",
        description:
          '`vpn-ledger export`: JSON (vpn-ledger.export/v1 with vpn-ledger.invoice/v1 documents, each with the close and its seal) or CSV. Staff gets every document (or `billTo`); a contractor its own.',
        params: MonthParams,
        querystring: ExportQuery,
        response: responses({ 200: jsonOrCsv(Documents.export, 'The invoice documents.') }, [400, 404, 409], {
          etag: true,
        }),
      },
    },
    async (request, reply) => {
      const { month } = request.params;
      const draft = request.query.draft === 'true';
      const csv = wantsCsv(request, request.query.format);
      const principal = request.principal!;
      const r = renderer(request.locale);
      const asked = request.query.billTo;
      const billTo = principal.kind === 'staff' ? asked : principal.contractorId;
      const nothing = (who: string) =>
        httpProblem(
          404,
          'NO_INVOICE',
          null,
          r.ui('server.noInvoice', { billTo: who, month: r.month(month) }),
          {
            field: 'billTo',
          },
        );
      // Another contractor's document is answered as one that does not exist.
      if (principal.kind === 'contractor' && asked !== undefined && asked !== principal.contractorId)
        throw nothing(asked);
      return ctx.reads.snapshot(async (reader) => {
        const { billed, provenance } = await reader.month(month, deadlineCheck(ctx.limits.requestTimeoutMs));
        if (billed.status !== 'closed' && !draft) {
          throw httpProblem(
            409,
            'MONTH_NOT_CLOSED',
            null,
            r.ui('server.monthNotClosed', { month: r.month(month) }),
            {
              field: 'month',
            },
          );
        }
        const docs = invoiceDocuments(billed, billTo);
        if (billTo !== undefined && docs.length === 0) throw nothing(billTo);
        const totals = request.query.totals === 'true';
        return sendRead(request, reply, {
          position: provenance.position,
          question: { month, draft, billTo, csv, totals },
          type: csv ? CSV_TYPE : JSON_TYPE,
          body: () =>
            csv
              ? exportCsv(docs, billed, { lang: request.locale, totals })
              : toJsonLine(
                  exportJson(
                    month,
                    billed.status === 'closed',
                    docs,
                    generatedFrom(store(), provenance, request.locale),
                    request.locale,
                  ),
                ),
        });
      });
    },
  );

  api.post(
    '/v1/months/:month/close',
    {
      schema: {
        tags: ['months'],
        summary: 'Close a billing month (staff): its lines invoiced and sealed with the server key',
        description:
          "`vpn-ledger close`: idempotent by commandId (default close-YYYY-MM; again: 200 with `repeated`). A month closed before, by anyone, is answered 200 with `repeated` and the close that exists (`alreadyClosed` when another command closed it: who, when), nothing written. Refusals are problems with the ledger's code: 422 MONTH_NOT_ENDED, MONTH_OUT_OF_ORDER, NOTHING_TO_CLOSE; 409 MONTH_ALREADY_CLOSED (a month before the ledger's first close, which billed nothing), COMMAND_ID_REUSED (the principal's id used for another command); 503 VIEWS_BEHIND, VIEWS_UNAVAILABLE; 503 NO_SEAL_KEY when the server was started without --seal-key; 403 for a contractor.",
        params: MonthParams,
        body: CloseBody,
        response: responses(
          { 200: json(Documents.close, 'Closed (again: `repeated`).') },
          [400, 403, 409, 422],
        ),
      },
    },
    async (request, reply) => {
      const { month } = request.params;
      const principal = request.principal!;
      if (principal.kind !== 'staff') {
        throw refusedProblem(
          refusal('NOT_PERMITTED', { case: 'provider-act', type: 'CloseMonth' }, [], 'type'),
        );
      }
      const key = ctx.closing.key;
      if (key === null) {
        throw httpProblem(503, 'NO_SEAL_KEY', null, renderer(request.locale).ui('server.noSealKey'));
      }
      const command = {
        type: 'CloseMonth',
        commandId: request.body?.commandId ?? `close-${month}`,
        actor: principal.id,
        data: { month },
      };
      // Between groups: an SQLite ledger's own views move with the writer's transaction; other
      // stores' views are the views file the follower keeps, read at its checkpoint.
      const result = await ctx.writes.exclusive(async (): Promise<CloseResult> => {
        const { ledger } = ctx.closing;
        if (ledger.views === null)
          throw refusedProblem(
            refusal('VIEWS_UNAVAILABLE', { problem: { code: 'views-not-configured' } }, []),
          );
        return closeMonth(command, {
          store: ledger.store,
          views: ledger.views,
          viewsInline: ledger.viewsInline,
          clock: ctx.clock,
          key,
        });
      });
      if (result.status === 'rejected') return sendProblem(reply, resultProblem(result));
      return reply.type(JSON_TYPE).send(toJsonLine(closeJson(result)) as never);
    },
  );
};
