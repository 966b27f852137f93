/**
 * The console's billing pages: every month at a glance (months-page.ts), a month (a page of its
 * lines, filtered, with its totals per bill-to first, read in proportion to the page:
 * Reader.monthLines), its CSV in the form Excel opens, a bill-to's statement of a month (the
 * console's page, a draft while the month is open) and of a closed month as `vpn-ledger statement`
 * prints it, a contractor's bills, and finding a line by its id or its amount. A contractor sees
 * only what is billed to it; another's statement is not found.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invoiceFor } from '../../billing/export';
import { chargesCsv } from '../../documents/charges';
import { looksLikeLineId } from '../../documents/explain';
import { parseMonth } from '../../documents/parameters';
import { STATEMENT_STYLE_HASH, statementHtml } from '../../documents/statement';
import { CHARGE_KINDS } from '../../projections/charge-data';
import type { MonthLinesQuery } from '../../read';
import type { ServerContext } from '../context';
import { chargesFor, today } from '../routes/reading';
import { findPage } from './find-page';
import {
  checked,
  pageHeaders,
  pageNumber,
  param,
  parseAmount,
  CONSOLE_ROUTE as route,
  type SignedInView,
  seeOther,
  send,
  viewsUnavailable,
} from './kit';
import { lineHref, monthHref } from './layout';
import {
  DEFAULT_PAGE_SIZE,
  type MonthFilterInput,
  monthPage,
  PAGE_SIZES,
  TOTALS_PAGE_SIZE,
} from './month-page';
import { monthsPage } from './months-page';
import { errorPage } from './pages';
import { billsPage } from './portal';
import { CONSOLE_PATH } from './session';
import { STATEMENT_LINES, statementPage } from './statement';

type PageHandler = (
  render: (request: FastifyRequest, reply: FastifyReply, v: SignedInView) => Promise<unknown>,
) => (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** The month's filter as typed, and as the Reader takes it (or what is wrong with it). */
const readFilter = (request: FastifyRequest, v: SignedInView, errors: string[]) => {
  const sizeText = param(request, 'size');
  const size = (PAGE_SIZES as readonly number[]).includes(Number(sizeText))
    ? Number(sizeText)
    : DEFAULT_PAGE_SIZE;
  const input: MonthFilterInput = {
    billTo: v.customer ? '' : param(request, 'billTo'),
    contract: param(request, 'contract'),
    kind: param(request, 'kind'),
    amount: param(request, 'amount'),
    article: param(request, 'article'),
    size,
  };
  if (input.kind !== '' && !(CHARGE_KINDS as readonly string[]).includes(input.kind))
    errors.push(v.t('error.badKind', { value: input.kind }));
  const amount = input.amount === '' ? undefined : parseAmount(input.amount);
  if (amount === null) errors.push(v.t('error.badAmount', { value: input.amount }));
  const filter = {
    ...(input.billTo ? { billTo: input.billTo } : {}),
    ...(input.contract ? { contractId: input.contract } : {}),
    ...(input.kind ? { kind: input.kind } : {}),
    ...(amount !== undefined && amount !== null ? { amount } : {}),
    ...(input.article ? { article: input.article } : {}),
  };
  return { input, filter };
};

/** What a principal may see of a month: a contractor, the lines billed to it. */
const scopeOf = (v: SignedInView) =>
  v.principal.kind === 'contractor' ? { billTo: v.principal.contractorId } : {};

export const billingRoutes = (app: FastifyInstance, ctx: ServerContext, signedInPage: PageHandler): void => {
  app.get(
    `${CONSOLE_PATH}/months`,
    route,
    signedInPage(async (request, reply, v) => {
      // Without a month: every month, closed or open (the months at a glance).
      if (param(request, 'month') === '') {
        const current = today(ctx).slice(0, 7);
        return ctx.reads.snapshot(async (model) => {
          const found = model.months(current);
          if (!found)
            return send(reply, v, 503, errorPage(v, v.t('error.unavailable'), viewsUnavailable(v, model)));
          const billTo = v.principal.kind === 'staff' ? null : v.principal.contractorId;
          return send(reply, v, 200, monthsPage(v, found.months, current, billTo));
        });
      }
      const errors: string[] = [];
      const month = checked(v, errors, param(request, 'month'), parseMonth, 'error.badMonth');
      if (month === null) return send(reply, v, 400, errorPage(v, v.t('error.badRequest'), errors.join(' ')));
      return seeOther(reply, monthHref(v, month));
    }),
  );

  app.get(
    `${CONSOLE_PATH}/months/:month`,
    route,
    signedInPage(async (request, reply, v) => {
      const errors: string[] = [];
      const monthText = (request.params as { month: string }).month;
      const month = checked(v, errors, monthText, parseMonth, 'error.badMonth');
      if (month === null) return send(reply, v, 400, errorPage(v, v.t('error.badRequest'), errors.join(' ')));
      const { input, filter } = readFilter(request, v, errors);
      const page = pageNumber(request);
      const totalsPage = pageNumber(request, 'tpage');
      const query = (n: number): MonthLinesQuery => ({
        scope: scopeOf(v),
        filter: errors.length > 0 ? {} : filter,
        offset: (n - 1) * input.size,
        limit: input.size,
        totalsOffset: (totalsPage - 1) * TOTALS_PAGE_SIZE,
        totalsLimit: TOTALS_PAGE_SIZE,
      });
      return ctx.reads.snapshot(async (model) => {
        let found = await model.monthLines(month, query(page));
        if (found === null)
          return send(reply, v, 503, errorPage(v, v.t('error.unavailable'), viewsUnavailable(v, model)));
        // A page past the last: the last.
        const pages = Math.max(1, Math.ceil(found.page.matched.lines / input.size));
        if (page > pages) found = (await model.monthLines(month, query(pages)))!;
        return send(
          reply,
          v,
          errors.length > 0 ? 400 : 200,
          monthPage(v, found.page, { filter: input, page: Math.min(page, pages), totalsPage }, errors),
        );
      });
    }),
  );

  app.get(
    `${CONSOLE_PATH}/months/:month/charges.csv`,
    route,
    signedInPage(async (request, reply, v) => {
      const errors: string[] = [];
      const month = checked(
        v,
        errors,
        (request.params as { month: string }).month,
        parseMonth,
        'error.badMonth',
      );
      if (month === null) return send(reply, v, 400, errorPage(v, v.t('error.badRequest'), errors.join(' ')));
      return ctx.reads.snapshot(async (model) => {
        const { billed } = await model.month(month);
        return (
          reply
            .type('text/csv; charset=utf-8')
            .header('Cache-Control', 'no-store')
            .header('Content-Disposition', `attachment; filename="charges-${billed.month}.csv"`)
            // For people: the form Excel opens as it is (UTF-8 with a BOM, CRLF); the API's CSV is plain.
            .send(chargesCsv(chargesFor(v.principal, billed.charges), v.lang, 'excel'))
        );
      });
    }),
  );

  // A statement of charges: one contractor billed, one closed month, printable (the same page as
  // `vpn-ledger statement`). A contractor sees its own only; another's is not found.
  app.get(
    `${CONSOLE_PATH}/months/:month/statements/:billTo`,
    route,
    signedInPage(async (request, reply, v) => {
      const params = request.params as { month: string; billTo: string };
      const errors: string[] = [];
      const month = checked(v, errors, params.month, parseMonth, 'error.badMonth');
      if (month === null) return send(reply, v, 400, errorPage(v, v.t('error.badRequest'), errors.join(' ')));
      const notFound = () =>
        send(
          reply,
          v,
          404,
          errorPage(
            v,
            v.t('error.notFound'),
            v.r.ui('export.nothingBilled', { billTo: params.billTo, month: v.r.month(month) }),
          ),
        );
      if (v.principal.kind !== 'staff' && v.principal.contractorId !== params.billTo) return notFound();
      return ctx.reads.snapshot(async (model) => {
        const reading = await model.monthReading(month);
        if (reading.head.status !== 'closed')
          return send(
            reply,
            v,
            409,
            errorPage(
              v,
              v.t('error.badRequest'),
              v.r.ui('statement.notClosed', { month: v.r.month(month), monthId: month }),
            ),
          );
        const doc = invoiceFor(reading.head, reading.lines('by-bill-to'), params.billTo);
        if (doc === null) return notFound();
        return pageHeaders(reply, v)
          .header(
            'Content-Security-Policy',
            `default-src 'none'; style-src ${STATEMENT_STYLE_HASH}; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`,
          )
          .code(200)
          .send(statementHtml(doc, v.lang));
      });
    }),
  );

  // A bill-to's statement of a month (statement.ts): a contractor's own only.
  app.get(
    `${CONSOLE_PATH}/statements/:month/:billTo`,
    route,
    signedInPage(async (request, reply, v) => {
      const { month: monthText, billTo } = request.params as { month: string; billTo: string };
      const errors: string[] = [];
      const month = checked(v, errors, monthText, parseMonth, 'error.badMonth');
      if (month === null) return send(reply, v, 400, errorPage(v, v.t('error.badRequest'), errors.join(' ')));
      if (v.principal.kind === 'contractor' && v.principal.contractorId !== billTo)
        return send(
          reply,
          v,
          404,
          errorPage(v, v.t('error.notFound'), v.t('statement.notFound', { billTo, month: v.r.month(month) })),
        );
      return ctx.reads.snapshot(async (model) => {
        const found = await model.monthLines(month, {
          scope: { billTo },
          offset: 0,
          limit: STATEMENT_LINES,
          totalsLimit: 1,
        });
        if (found === null)
          return send(reply, v, 503, errorPage(v, v.t('error.unavailable'), viewsUnavailable(v, model)));
        return send(reply, v, 200, statementPage(v, found.page, billTo));
      });
    }),
  );

  // A contractor's bills: a month each, with its statement.
  app.get(
    `${CONSOLE_PATH}/bills`,
    route,
    signedInPage(async (_request, reply, v) => {
      const principal = v.principal;
      if (principal.kind !== 'contractor') return seeOther(reply, monthHref(v, today(ctx).slice(0, 7)));
      return ctx.reads.snapshot(async (model) => {
        const found = model.billMonths(principal.contractorId, today(ctx).slice(0, 7));
        if (found === null)
          return send(reply, v, 503, errorPage(v, v.t('error.unavailable'), viewsUnavailable(v, model)));
        const months = found.months.map((m) => ({
          month: m.month,
          status: m.status,
          closedAt: m.close?.closedAt ?? null,
        }));
        return send(reply, v, 200, billsPage(v, months, principal.contractorId));
      });
    }),
  );

  // Find a line: by its id (its explanation), or by its amount in a month (the month, filtered).
  app.get(
    `${CONSOLE_PATH}/find`,
    route,
    signedInPage(async (request, reply, v) => {
      const q = param(request, 'q');
      const monthText = param(request, 'month') || today(ctx).slice(0, 7);
      const input = { q, month: monthText };
      if (q === '') return send(reply, v, 200, findPage(v, input, []));
      if (looksLikeLineId(q)) return seeOther(reply, lineHref(v, q));
      const errors: string[] = [];
      const month = checked(v, errors, monthText, parseMonth, 'error.badMonth');
      const amount = parseAmount(q);
      if (amount === null) errors.push(v.t('find.notUnderstood', { q }));
      if (month === null || amount === null) return send(reply, v, 400, findPage(v, input, errors));
      return seeOther(reply, monthHref(v, month, { amount: String(amount) }));
    }),
  );
};
