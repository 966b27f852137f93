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
import { billedMonth } from '../../billing/read';
import { chargesCsv, chargesJson } from '../../cli/commands/charges';
import { closeJson } from '../../cli/commands/close';
import { EXPORT_SCHEMA, exportCsv, invoiceJson } from '../../cli/commands/export';
import { toJsonLine } from '../../cli/format';
import { renderer } from '../../render';
import { addMonthsToMonth } from '../../terms/dates';
import { refusal } from '../../terms/rejections';
import type { Provenance, ReadModel } from '../../views/read-model';
import type { CloseSummary } from '../../views/rows';
import type { ServerContext } from '../context';
import { generatedFrom } from '../documents';
import { sendRead } from '../etag';
import type { Locale } from '../locale';
import type { Principal } from '../principal';
import { httpProblem, refusedProblem, resultProblem, sendProblem } from '../problem';
import { deadlineCheck } from '../reads';
import { CloseBody, Documents, ExportQuery, MonthParams, MonthQuery, MonthsQuery, Problem } from '../schemas';
import type { RouteModule } from '.';
import { chargesFor, wantsCsv } from './reading';

const JSON_TYPE = 'application/json';
const CSV_TYPE = 'text/csv; charset=utf-8';
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 503: Problem };

/** A close as the months list shows it; a contractor sees its own totals only. */
const closeEntry = (c: CloseSummary, principal: Principal) => {
  const totals =
    principal.kind === 'staff' ? c.totals : c.totals.filter((t) => t.billTo === principal.contractorId);
  return {
    month: c.month,
    status: 'closed' as const,
    close: {
      id: c.closeId,
      streamId: c.streamId,
      commandId: c.commandId,
      eventHash: c.eventHash,
      closedAt: c.closedAt,
      closedBy: c.closedBy,
      firstMonth: c.firstMonth,
      reflects: { position: c.seal.position, events: c.seal.events },
      sealDigest: c.seal.digest,
      keyId: c.seal.keyId,
    },
    lines: principal.kind === 'staff' ? c.lines : totals.reduce((n, t) => n + t.lines, 0),
    totals,
    total: totals.reduce((n, t) => n + t.amount, 0),
  };
};

/** The views the months are read from; without them, 503. */
const viewsOf = (model: ReadModel, lang: Locale) => {
  const problem = model.viewsProblem();
  if (problem !== null || model.views === null) {
    throw httpProblem(
      503,
      'VIEWS_UNAVAILABLE',
      null,
      renderer(lang).ui('server.viewsUnavailable', { problem: problem ?? 'no views' }),
      {},
      { 'Retry-After': '5' },
    );
  }
  return model.views;
};

/** Where a read from the views stands: its provenance, at their checkpoint. */
const viewsProvenance = (model: ReadModel): Provenance => {
  const state = model.viewsState()!;
  return {
    source: 'views',
    position: state.position,
    eventsRead: state.events,
    eventsApplied: state.events,
    knownAt: null,
    viewsProblem: null,
  };
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
  return ctx.reads.snapshot(async (model) => {
    const { billed, provenance } = (await billedMonth(model, month, {
      ...(asOf !== undefined ? { asOf } : {}),
      ...(knownAt !== undefined ? { knownAt } : {}),
      ...deadlineCheck(ctx.limits.requestTimeoutMs),
    }))!;
    const mine = chargesFor(principal, billed.charges);
    // Views answer at their checkpoint; a fold, at the last position it read.
    const position =
      provenance.source === 'streams' ? (model.viewsState()?.position ?? null) : provenance.position;
    return sendRead(request, reply, {
      position,
      question: { month, asOf, knownAt, csv },
      type: csv ? CSV_TYPE : JSON_TYPE,
      body: () =>
        csv
          ? chargesCsv(mine, request.locale)
          : toJsonLine(
              chargesJson(
                mine,
                generatedFrom(ctx.reads.storeKind, provenance),
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
          'The closed months, in order, with each close (id, time, who, totals, seal digest); then the first open month',
        description:
          'From the views, a page at a time (`limit`, default 24; `after` the `next` of the previous page); the first open month (the one the next close must be of) ends the last page. A contractor sees its own totals.',
        querystring: MonthsQuery,
        response: { 200: Documents.months, ...problems },
      },
    },
    async (request, reply) => {
      const { after } = request.query;
      const limit = request.query.limit ?? 24;
      const principal = request.principal!;
      return ctx.reads.snapshot(async (model) => {
        const views = viewsOf(model, request.locale);
        const rows = views.billing.closesAfter(after ?? null, limit + 1);
        const page = rows.slice(0, limit);
        const more = rows.length > limit;
        const months: Record<string, unknown>[] = page.map((c) => closeEntry(c, principal));
        if (!more) {
          const lastClosed = views.billing.lastClosedMonth();
          const open =
            lastClosed === null ? (views.monthRange()?.first ?? null) : addMonthsToMonth(lastClosed, 1);
          if (open !== null && (after === undefined || open > after))
            months.push({ month: open, status: 'open', nextToClose: true, close: null });
        }
        const provenance = viewsProvenance(model);
        return sendRead(request, reply, {
          position: provenance.position,
          question: { after, limit },
          type: JSON_TYPE,
          body: () =>
            toJsonLine({
              schema: 'vpn-ledger.months/v1',
              lang: request.locale,
              generatedFrom: generatedFrom(store(), provenance),
              months,
              next: more ? page[page.length - 1]!.month : null,
            }),
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
        response: { 200: Documents.charges, ...problems },
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
        response: { 200: Documents.export, ...problems },
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
      return ctx.reads.snapshot(async (model) => {
        const { billed, provenance } = (await billedMonth(model, month, {
          ...deadlineCheck(ctx.limits.requestTimeoutMs),
        }))!;
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
        const position =
          provenance.source === 'streams' ? (model.viewsState()?.position ?? null) : provenance.position;
        return sendRead(request, reply, {
          position,
          question: { month, draft, billTo, csv },
          type: csv ? CSV_TYPE : JSON_TYPE,
          body: () =>
            csv
              ? exportCsv(docs, request.locale)
              : toJsonLine({
                  schema: EXPORT_SCHEMA,
                  month,
                  status: billed.status === 'closed' ? 'closed' : 'draft',
                  lang: request.locale,
                  generatedFrom: generatedFrom(store(), provenance),
                  documents: docs.map((d) => invoiceJson(d, request.locale)),
                }),
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
          "`vpn-ledger close`: idempotent by commandId (default close-YYYY-MM; again: 200 with `repeated`). Refusals are problems with the ledger's code: 422 MONTH_NOT_ENDED, MONTH_OUT_OF_ORDER, NOTHING_TO_CLOSE; 409 MONTH_ALREADY_CLOSED, COMMAND_ID_REUSED; 503 VIEWS_BEHIND, VIEWS_UNAVAILABLE; 503 NO_SEAL_KEY when the server was started without --seal-key; 403 for a contractor.",
        params: MonthParams,
        body: CloseBody,
        response: {
          200: Documents.close,
          400: Problem,
          401: Problem,
          403: Problem,
          409: Problem,
          422: Problem,
          503: Problem,
        },
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
      const result = await ctx.writes.exclusive(async (): Promise<CloseResult> => {
        const { store, views } = ctx.closing;
        // SQLite: the ledger's own views, in the writer's immediate transaction, between groups.
        if (views !== null) return closeMonth(command, { store, views, clock: ctx.clock, key });
        // Other stores: the views file the follower keeps, read at its checkpoint.
        return ctx.reads.snapshot(async (model) => {
          if (model.views === null) {
            throw refusedProblem(refusal('VIEWS_UNAVAILABLE', { case: 'not-configured' }, []));
          }
          return closeMonth(command, { store, views: model.views, clock: ctx.clock, key });
        });
      });
      if (result.status === 'rejected') return sendProblem(reply, resultProblem(result));
      return reply.type(JSON_TYPE).send(toJsonLine(closeJson(result)) as never);
    },
  );
};
