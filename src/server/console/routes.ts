/**
 * The web console for dispute and billing staff (issue 18), at /console: server-rendered pages
 * over the same read side, principals and visibility as the API (a contractor sees its own
 * contracts and what Art. 10 and 11 give a VPN's parent holder; another's contract is "not found").
 * Each page reads in proportion to its answer: one contract's streams, the views for the search
 * and a month; never the whole log (a month whose views cannot answer says so instead).
 */
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accessOf, PARENT_HOLDER_STEPS } from '../../auth/authority';
import type { Principal } from '../../auth/principal';
import { tokenIdOf } from '../../auth/tokens';
import { invoiceFor } from '../../billing/export';
import { chargesCsv } from '../../documents/charges';
import { looksLikeLineId } from '../../documents/explain';
import { ParameterError, parseDate, parseKnownAt, parseMonth } from '../../documents/parameters';
import { STATEMENT_STYLE_HASH, statementHtml } from '../../documents/statement';
import type { BilledMonth } from '../../projections/adjustments';
import type { MonthlyCharges } from '../../projections/charges';
import { contractStateAsOf } from '../../projections/contract-state';
import { minimumTerms } from '../../projections/minimum-terms';
import { returnDeadlines } from '../../projections/return-deadlines';
import { timeline } from '../../projections/timeline';
import type { Reader } from '../../read';
import { viewsProblemText } from '../../render/views-problem';
import { DATE_RANGE, jstDateTime } from '../../terms/dates';
import { CONTRACT_STATUSES, type ContractSearchStatus } from '../../views/models/contracts';
import type { ServerContext } from '../context';
import { HttpProblem } from '../problem';
import { chargesFor, readContract, today, visibleExplanation } from '../routes/reading';
import { CONSOLE_CSS, CONSOLE_JS, href, monthHref, notice, type View, viewOf } from './layout';
import { monthsPage } from './months-page';
import {
  type ContractPageData,
  contractPage,
  errorPage,
  explainPage,
  monthPage,
  type SearchInput,
  searchPage,
  signInPage,
} from './pages';
import {
  CONSOLE_PATH,
  type ConsoleOptions,
  clearSessionCookie,
  consoleLang,
  sameOrigin,
  sessionIdOf,
  setSessionCookie,
  signedInAs,
} from './session';

const HTML_TYPE = 'text/html; charset=utf-8';
const SEARCH_LIMIT = 100;

/** The headers of every console page: private, never cached, no inline script, not framed. */
const pageHeaders = (reply: FastifyReply, v: Pick<View, 'lang'>) =>
  reply
    .type(HTML_TYPE)
    .header('Content-Language', v.lang)
    .header('Cache-Control', 'no-store')
    .header('Vary', 'Accept-Language, Cookie')
    .header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    .header('X-Content-Type-Options', 'nosniff')
    .header('Referrer-Policy', 'same-origin');

const send = (reply: FastifyReply, v: View, status: number, body: string) =>
  pageHeaders(reply, v).code(status).send(body);

const seeOther = (reply: FastifyReply, location: string) =>
  reply.code(303).header('Location', location).header('Cache-Control', 'no-store').send();

/** One query parameter as text ('' when absent; a repeated one is refused as absent). */
const param = (request: FastifyRequest, name: string): string => {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
};

/** Where to go after signing in: a console page, nothing else (no open redirect). */
const safeNext = (next: unknown): string | null =>
  typeof next === 'string' && /^\/console(?:[/?]|$)/.test(next) && !/[\\\s]/.test(next) ? next : null;

const viewFor = (request: FastifyRequest, principal: Principal | null): View => {
  const { lang, chosen } = consoleLang(request);
  return viewOf(lang, chosen, principal, request.url);
};

/** The checks of a typed value, with the console's words for what is wrong. */
const checked = (
  v: View,
  errors: string[],
  value: string,
  parse: (s: string) => string,
  key: 'error.badDate' | 'error.badKnownAt' | 'error.badMonth',
): string | null => {
  try {
    return parse(value);
  } catch (error) {
    if (!(error instanceof ParameterError)) throw error;
    errors.push(v.t(key, { value, first: DATE_RANGE.first, last: DATE_RANGE.last }));
    return null;
  }
};

const DATETIME_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/** What the known-at input shows: as typed when a datetime-local holds it, else the time in Japan. */
const knownAtField = (text: string, knownAt: string | null | undefined): string => {
  if (text === '' || DATETIME_LOCAL.test(text) || !knownAt) return text;
  const t = jstDateTime(knownAt);
  return t.toFormat(t.millisecond === 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.SSS");
};

const viewsUnavailable = (v: View, model: Reader): string => {
  const problem = model.viewsProblem();
  return v.t('error.viewsUnavailable', {
    problem: problem === null ? '' : viewsProblemText(v.lang, problem),
  });
};

export const consoleRoutes =
  (ctx: ServerContext, options: ConsoleOptions) =>
  async (app: FastifyInstance): Promise<void> => {
    await app.register(formbody);
    // Sign-in attempts are counted per address and per token id (`vlt_<id>_…`: the part a guesser
    // keeps while trying secrets); past either limit in a minute, 429 until the minute is over.
    await app.register(rateLimit, { global: false });
    const minute = 60_000;
    const perAddress = app.createRateLimit({
      max: ctx.limits.signInsPerAddress,
      timeWindow: minute,
      keyGenerator: (request) => `sign-in:address:${request.ip}`,
    });
    const perToken = app.createRateLimit({
      max: ctx.limits.signInsPerToken,
      timeWindow: minute,
      keyGenerator: (request) => {
        const token = (request.body as Record<string, unknown> | undefined)?.token;
        const text = typeof token === 'string' ? token.trim() : '';
        return `sign-in:token:${tokenIdOf(text) ?? text.slice(0, 20)}`;
      },
    });
    /** The first limit a sign-in attempt passes ('address' or 'token') and the seconds until it lifts, or null. */
    const signInLimited = async (
      request: FastifyRequest,
    ): Promise<{ by: 'address' | 'token'; seconds: number } | null> => {
      for (const [by, limiter] of [
        ['address', perAddress],
        ['token', perToken],
      ] as const) {
        const r = await limiter(request);
        if (!r.isAllowed && r.isExceeded) return { by, seconds: Math.max(1, r.ttlInSeconds) };
      }
      return null;
    };
    const route = { config: { auth: false }, schema: { hide: true } } as const;
    const now = () => ctx.clock();

    /** A page for a signed-in principal; anyone else is sent to sign in, and back here after. */
    const signedInPage =
      (
        render: (
          request: FastifyRequest,
          reply: FastifyReply,
          v: View & { principal: Principal },
        ) => Promise<unknown>,
      ) =>
      async (request: FastifyRequest, reply: FastifyReply) => {
        const principal = signedInAs(request, ctx.sessions, ctx.tokens, now());
        const v = viewFor(request, principal);
        if (principal === null) {
          return seeOther(reply, href(v, `${CONSOLE_PATH}/sign-in`, { next: request.url }));
        }
        try {
          return await render(request, reply, v as View & { principal: Principal });
        } catch (error) {
          if (!(error instanceof HttpProblem)) throw error;
          const p = error.problem;
          const heading = v.t(
            p.status === 404 ? 'error.notFound' : p.status < 500 ? 'error.badRequest' : 'error.unavailable',
          );
          return send(
            reply,
            v,
            p.status,
            errorPage(v, heading, p.rejection ? v.r.rejection(p.rejection) : p.message),
          );
        }
      };

    app.get(`${CONSOLE_PATH}/assets/console.css`, route, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(CONSOLE_CSS),
    );
    app.get(`${CONSOLE_PATH}/assets/console.js`, route, async (_request, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('Cache-Control', 'public, max-age=3600')
        .send(CONSOLE_JS),
    );

    // -------------------------------------------------------------------------------------------
    // Signing in and out

    app.get(`${CONSOLE_PATH}/sign-in`, route, async (request, reply) => {
      const principal = signedInAs(request, ctx.sessions, ctx.tokens, now());
      const v = viewFor(request, null);
      const next = safeNext(param(request, 'next'));
      if (principal) return seeOther(reply, next ?? href(v, CONSOLE_PATH));
      const message =
        param(request, 'signedOut') === '1'
          ? notice('info', v.t('signIn.signedOut'))
          : next
            ? notice('info', v.t('signIn.required'))
            : null;
      return send(reply, v, 200, signInPage(v, next, message));
    });

    app.post(`${CONSOLE_PATH}/sign-in`, route, async (request, reply) => {
      const v = viewFor(request, null);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const next = safeNext(body.next);
      if (!sameOrigin(request)) {
        return send(reply, v, 403, signInPage(v, next, notice('error', v.t('signIn.crossSite'))));
      }
      const token = typeof body.token === 'string' ? body.token.trim() : '';
      if (token === '') return send(reply, v, 400, signInPage(v, next, notice('error', v.t('signIn.empty'))));
      const limited = await signInLimited(request);
      if (limited) {
        request.log.warn(
          { console: 'sign-in limited', by: limited.by },
          'console sign-in attempts over the limit',
        );
        reply.header('Retry-After', String(limited.seconds));
        return send(reply, v, 429, signInPage(v, next, notice('error', v.t('signIn.tooMany', limited))));
      }
      const record = ctx.tokens.recordFor(token);
      const principal = record === null ? null : ctx.tokens.principalOfId(record.id);
      if (record === null || principal === null) {
        request.log.warn(
          { console: 'sign-in refused' },
          'console sign-in with an unknown, revoked or expired token',
        );
        return send(reply, v, 401, signInPage(v, next, notice('error', v.t('signIn.invalid'))));
      }
      request.principal = principal;
      // A session of its own replaces the one the browser had, if any.
      const previous = sessionIdOf(request);
      if (previous !== null) ctx.sessions.end(previous);
      // Sessions left to expire (never signed out) are swept at each sign-in.
      ctx.sessions.purge(now());
      const session = ctx.sessions.create(record.id, principal.id, now());
      setSessionCookie(reply, session.id, options);
      return seeOther(reply, next ?? href(v, CONSOLE_PATH));
    });

    app.post(`${CONSOLE_PATH}/sign-out`, route, async (request, reply) => {
      const v = viewFor(request, null);
      if (!sameOrigin(request)) {
        return send(reply, v, 403, errorPage(v, v.t('error.badRequest'), v.t('signIn.crossSite')));
      }
      const id = sessionIdOf(request);
      if (id !== null) ctx.sessions.end(id);
      clearSessionCookie(reply, options);
      return seeOther(reply, href(v, `${CONSOLE_PATH}/sign-in`, { signedOut: '1' }));
    });

    // -------------------------------------------------------------------------------------------
    // The contract search (the views)

    app.get(
      CONSOLE_PATH,
      route,
      signedInPage(async (request, reply, v) => {
        const errors: string[] = [];
        const input: SearchInput = {
          id: param(request, 'id'),
          holder: param(request, 'holder'),
          network: param(request, 'network'),
          status: param(request, 'status'),
          asOf: param(request, 'asOf') || today(ctx),
        };
        const asOf = checked(v, errors, input.asOf, parseDate, 'error.badDate');
        const status = input.status === '' ? undefined : input.status;
        if (status !== undefined && !(CONTRACT_STATUSES as readonly string[]).includes(status)) {
          errors.push(v.t('error.badStatus', { value: status }));
        }
        if (errors.length > 0 || asOf === null)
          return send(reply, v, 400, searchPage(v, input, null, errors));
        const after = param(request, 'after');
        return ctx.reads.snapshot(async (model) => {
          const principal = v.principal;
          const found = model.searchContracts({
            asOf,
            limit: SEARCH_LIMIT + 1,
            ...(input.id ? { idPrefix: input.id } : {}),
            ...(input.holder ? { holder: input.holder } : {}),
            ...(input.network ? { networkId: input.network } : {}),
            ...(status !== undefined ? { status: status as ContractSearchStatus } : {}),
            ...(after ? { after } : {}),
            ...(principal.kind === 'contractor' ? { visibleTo: principal.contractorId } : {}),
          });
          if (!found) return send(reply, v, 503, searchPage(v, input, null, [viewsUnavailable(v, model)]));
          const { rows } = found;
          const page = rows.slice(0, SEARCH_LIMIT).map((r) => ({
            ...r,
            access: accessOf(principal, {
              contractorId: r.contractor_id,
              parentHolderId: r.parent_holder_id,
            })!,
          }));
          const next = rows.length > SEARCH_LIMIT ? page[page.length - 1]!.contract_id : null;
          return send(reply, v, 200, searchPage(v, input, { rows: page, next }, []));
        });
      }),
    );

    // -------------------------------------------------------------------------------------------
    // A contract (its own streams and its network's)

    app.get(
      `${CONSOLE_PATH}/contracts/:contractId`,
      route,
      signedInPage(async (request, reply, v) => {
        const { contractId } = request.params as { contractId: string };
        const errors: string[] = [];
        const asOfText = param(request, 'asOf') || today(ctx);
        const knownAtText = param(request, 'knownAt');
        const asOf = checked(v, errors, asOfText, parseDate, 'error.badDate');
        const knownAt =
          knownAtText === '' ? undefined : checked(v, errors, knownAtText, parseKnownAt, 'error.badKnownAt');
        const monthText = param(request, 'month') || (asOf ?? today(ctx)).slice(0, 7);
        const month = checked(v, errors, monthText, parseMonth, 'error.badMonth');
        const input = {
          asOf: asOfText,
          knownAtText,
          knownAtField: knownAtField(knownAtText, knownAt),
          month: monthText,
        };
        if (errors.length > 0 || asOf === null || month === null || knownAt === null) {
          return send(reply, v, 400, contractPage(v, input, null, errors, contractId));
        }
        return ctx.reads.snapshot(async (model) => {
          const principal = v.principal;
          const { read, access } = await readContract(model, principal, contractId, {
            withNetwork: true,
            ...(knownAt !== undefined ? { knownAt } : {}),
          });
          const facts = read.facts.contracts.get(contractId)!;
          const steps = timeline(read.facts, contractId, { asOf });
          const hidden = access === 'parent-holder';
          const { billed } = (await model.billed(month, { contractId, knownAt }))!;
          const data: ContractPageData = {
            contractId,
            access,
            acceptedOn: facts.acceptedOn,
            networkId: facts.networkId,
            knownAt: knownAt ?? null,
            state: contractStateAsOf(read.facts, contractId, asOf),
            steps: hidden ? steps.filter((s) => PARENT_HOLDER_STEPS.has(s.type)) : steps,
            terms: hidden ? null : minimumTerms(read.facts, { contractId, asOf }),
            deadlines: hidden ? null : returnDeadlines(read.facts, asOf, { contractId }),
            billed,
            charges: chargesFor(principal, billed.charges),
            position: read.provenance.position?.commit.toString() ?? null,
          };
          return send(reply, v, 200, contractPage(v, input, data, [], contractId));
        });
      }),
    );

    // -------------------------------------------------------------------------------------------
    // A charge line explained (the streams of the contract its id names)

    app.get(
      `${CONSOLE_PATH}/charge-lines/:lineId`,
      route,
      signedInPage(async (request, reply, v) => {
        const { lineId } = request.params as { lineId: string };
        const errors: string[] = [];
        const knownAtText = param(request, 'knownAt');
        const knownAt =
          knownAtText === '' ? undefined : checked(v, errors, knownAtText, parseKnownAt, 'error.badKnownAt');
        if (!looksLikeLineId(lineId)) errors.push(v.t('explain.notALineId', { lineId }));
        if (errors.length > 0 || knownAt === null) {
          return send(reply, v, 400, errorPage(v, v.t('error.badRequest'), errors.join(' ')));
        }
        return ctx.reads.snapshot(async (model) => {
          const found = await visibleExplanation(model, v.principal, lineId, knownAt);
          if (found !== null) {
            const { explanation, events } = found;
            return send(
              reply,
              v,
              200,
              explainPage(
                v,
                explanation,
                events,
                knownAt === undefined ? null : { text: knownAtText, at: knownAt },
              ),
            );
          }
          return send(
            reply,
            v,
            404,
            errorPage(
              v,
              v.t('error.notFound'),
              v.t('explain.unknown', { lineId, knownAt: knownAt === undefined ? 'none' : knownAtText }),
            ),
          );
        });
      }),
    );

    // -------------------------------------------------------------------------------------------
    // A billing month (the views)

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
        if (month === null)
          return send(reply, v, 400, errorPage(v, v.t('error.badRequest'), errors.join(' ')));
        return seeOther(reply, monthHref(v, month));
      }),
    );

    const monthRead = async (
      v: View & { principal: Principal },
      monthText: string,
      answer: (billed: BilledMonth, charges: MonthlyCharges) => unknown,
      reply: FastifyReply,
    ) => {
      const errors: string[] = [];
      const month = checked(v, errors, monthText, parseMonth, 'error.badMonth');
      if (month === null) return send(reply, v, 400, errorPage(v, v.t('error.badRequest'), errors.join(' ')));
      return ctx.reads.snapshot(async (model) => {
        const { billed } = await model.month(month);
        return answer(billed, chargesFor(v.principal, billed.charges));
      });
    };

    app.get(
      `${CONSOLE_PATH}/months/:month`,
      route,
      signedInPage(async (request, reply, v) =>
        monthRead(
          v,
          (request.params as { month: string }).month,
          (billed, charges) => send(reply, v, 200, monthPage(v, billed, charges)),
          reply,
        ),
      ),
    );

    app.get(
      `${CONSOLE_PATH}/months/:month/charges.csv`,
      route,
      signedInPage(async (request, reply, v) =>
        monthRead(
          v,
          (request.params as { month: string }).month,
          (billed, charges) =>
            reply
              .type('text/csv; charset=utf-8')
              .header('Cache-Control', 'no-store')
              .header('Content-Disposition', `attachment; filename="charges-${billed.month}.csv"`)
              // For people: the form Excel opens as it is (UTF-8 with a BOM, CRLF); the API's CSV is plain.
              .send(chargesCsv(charges, v.lang, 'excel')),
          reply,
        ),
      ),
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
        if (month === null)
          return send(reply, v, 400, errorPage(v, v.t('error.badRequest'), errors.join(' ')));
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

    // Any other path under the console: a page that says so, in the console's language, rather than
    // the API's JSON 404 (a signed-out visitor is sent to sign in first, as for every page).
    // `/console/` is the console itself.
    app.get(
      `${CONSOLE_PATH}/*`,
      route,
      signedInPage(async (request, reply, v) => {
        const [path, query] = request.url.split('?');
        if (path === `${CONSOLE_PATH}/`)
          return seeOther(reply, query === undefined ? CONSOLE_PATH : `${CONSOLE_PATH}?${query}`);
        return send(
          reply,
          v,
          404,
          errorPage(v, v.t('error.notFound'), v.t('error.noSuchPage', { path: path! })),
        );
      }),
    );
  };
