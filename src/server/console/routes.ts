/**
 * The web console (issue 18), at /console: server-rendered pages over the same read side,
 * principals and visibility as the API (a contractor sees its own contracts and what Art. 10 and 11
 * give a VPN's parent holder; another's contract is "not found"). For a contractor it is a portal
 * (issue 23): its contracts, its bills and statements, and what ending a contract would cost.
 * Each page reads in proportion to its answer: one contract's streams, the views for the search
 * and a page of a month; never the whole log (a month whose views cannot answer says so instead).
 * This module: signing in and out, the contract search, a contract, a charge line; the months and
 * statements are billing-routes.ts's, the quotes and what-if quote-routes.ts's.
 */
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { accessOf, PARENT_HOLDER_STEPS } from '../../auth/authority';
import type { Principal } from '../../auth/principal';
import { tokenIdOf } from '../../auth/tokens';
import { looksLikeLineId } from '../../documents/explain';
import { parseDate, parseKnownAt, parseMonth } from '../../documents/parameters';
import { contractStateAsOf } from '../../projections/contract-state';
import { minimumTerms } from '../../projections/minimum-terms';
import { returnDeadlines } from '../../projections/return-deadlines';
import { timeline } from '../../projections/timeline';
import type { ContractRead, Reader } from '../../read';
import { CONTRACT_STATUSES, type ContractSearchStatus } from '../../views/models/contracts';
import type { ServerContext } from '../context';
import { HttpProblem } from '../problem';
import { chargesFor, readContract, today, visibleExplanation } from '../routes/reading';
import { billingRoutes } from './billing-routes';
import {
  checked,
  knownAtField,
  param,
  CONSOLE_ROUTE as route,
  type SignedInView,
  seeOther,
  send,
  signedInPages,
  viewFor,
  viewsUnavailable,
} from './kit';
import { CONSOLE_CSS, CONSOLE_JS, contractHref, href, lineHref, notice } from './layout';
import {
  type ContractPageData,
  contractPage,
  errorPage,
  explainPage,
  hiddenByKnownAtPage,
  SEARCH_PAGE,
  type SearchInput,
  searchPage,
  signInPage,
} from './pages';
import { quoteForm } from './quote-page';
import { quoteRoutes } from './quote-routes';
import {
  CONSOLE_PATH,
  type ConsoleOptions,
  clearSessionCookie,
  sameOrigin,
  sessionIdOf,
  setSessionCookie,
  signedInAs,
} from './session';

/** Where a path under the console may lead after signing in: a console page, nothing else (no open redirect). */
const safeNext = (next: unknown): string | null =>
  typeof next === 'string' && /^\/console(?:[/?]|$)/.test(next) && !/[\\\s]/.test(next) ? next : null;

/** What a known-at time left out of a contract's streams: the events recorded after it. */
const hiddenAfter = (now: ContractRead, knownAt: string) => {
  const later = now.events.filter((e) => Date.parse(e.metadata.recordedAt) > Date.parse(knownAt));
  return {
    events: later.length,
    lastRecordedAt: later.reduce<string | null>(
      (last, e) => (last === null || e.metadata.recordedAt > last ? e.metadata.recordedAt : last),
      null,
    ),
  };
};

/** A contract the principal may see, as the ledger knows it now (null: none, or not the principal's). */
const visibleNow = async (model: Reader, principal: Principal, contractId: string) => {
  const now = await model.contract(contractId, { withNetwork: true });
  const facts = now?.facts.contracts.get(contractId);
  return now && facts && accessOf(principal, facts) !== null ? now : null;
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
    const now = () => ctx.clock();
    const signedInPage = signedInPages(ctx);

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
    // The contract search (the views): a page at a time, both ways, with the count of all found

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
        const before = after ? '' : param(request, 'before');
        return ctx.reads.snapshot(async (model) => {
          const principal = v.principal;
          const query = {
            asOf,
            ...(input.id ? { idPrefix: input.id } : {}),
            ...(input.holder && principal.kind === 'staff' ? { holder: input.holder } : {}),
            ...(input.network ? { networkId: input.network } : {}),
            ...(status !== undefined ? { status: status as ContractSearchStatus } : {}),
            ...(principal.kind === 'contractor' ? { visibleTo: principal.contractorId } : {}),
          };
          const found = model.searchContracts({
            ...query,
            limit: SEARCH_PAGE + 1,
            ...(after ? { after } : {}),
            ...(before ? { before } : {}),
          });
          if (!found) return send(reply, v, 503, searchPage(v, input, null, [viewsUnavailable(v, model)]));
          // One more than a page tells whether there is another beyond it (before: the one dropped is the first).
          const more = found.rows.length > SEARCH_PAGE;
          const rows = before ? found.rows.slice(more ? 1 : 0) : found.rows.slice(0, SEARCH_PAGE);
          const counted = model.countContracts(query, rows[0]?.contract_id)!;
          const last = rows[rows.length - 1]?.contract_id ?? null;
          const first = rows[0]?.contract_id ?? null;
          const result = {
            rows: rows.map((r) => ({
              ...r,
              access: accessOf(principal, {
                contractorId: r.contractor_id,
                parentHolderId: r.parent_holder_id,
              })!,
            })),
            total: counted.total,
            before: rows.length === 0 ? 0 : counted.before,
            next: (before ? counted.before + rows.length < counted.total : more) ? last : null,
            prev: rows.length > 0 && counted.before > 0 ? first : null,
          };
          return send(reply, v, 200, searchPage(v, input, result, []));
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
          let found: Awaited<ReturnType<typeof readContract>>;
          try {
            found = await readContract(model, principal, contractId, {
              withNetwork: true,
              ...(knownAt !== undefined ? { knownAt } : {}),
            });
          } catch (error) {
            // Not there as known then, but there now (and the principal's to see): say what the time hid.
            const now =
              knownAt !== undefined && error instanceof HttpProblem
                ? await visibleNow(model, principal, contractId)
                : null;
            if (now === null || knownAt === undefined) throw error;
            const first = now.events.find((e) => e.streamId.endsWith(contractId)) ?? now.events[0]!;
            return send(
              reply,
              v,
              404,
              hiddenByKnownAtPage(
                v,
                { kind: 'contract', id: contractId },
                knownAt,
                first.metadata.recordedAt,
                contractHref(v, contractId, { asOf: input.asOf, month: input.month }),
              ),
            );
          }
          const { read, access } = found;
          const facts = read.facts.contracts.get(contractId)!;
          const steps = timeline(read.facts, contractId, { asOf });
          const parentHolder = access === 'parent-holder';
          const { billed } = (await model.billed(month, { contractId, knownAt }))!;
          const now = knownAt === undefined ? null : await model.contract(contractId, { withNetwork: true });
          const day = today(ctx);
          const current = contractStateAsOf((now ?? read).facts, contractId, day);
          const quotable =
            !parentHolder &&
            knownAt === undefined &&
            current !== null &&
            (current.status === 'accepted' || current.status === 'in-service');
          const data: ContractPageData = {
            contractId,
            access,
            acceptedOn: facts.acceptedOn,
            networkId: facts.networkId,
            knownAt: knownAt ?? null,
            state: contractStateAsOf(read.facts, contractId, asOf),
            steps: parentHolder ? steps.filter((s) => PARENT_HOLDER_STEPS.has(s.type)) : steps,
            terms: parentHolder ? null : minimumTerms(read.facts, { contractId, asOf }),
            deadlines: parentHolder ? null : returnDeadlines(read.facts, asOf, { contractId }),
            billed,
            charges: chargesFor(principal, billed.charges),
            position: read.provenance.position?.commit.toString() ?? null,
            hidden: now === null || knownAt === undefined ? null : hiddenAfter(now, knownAt),
            quote: quotable
              ? quoteForm(
                  v,
                  contractId,
                  current.options
                    .filter((o) => o.status === 'in-service' || o.status === 'added')
                    .map((o) => ({ optionId: o.optionId, kind: o.kind })),
                  { on: '', optionId: '' },
                  day,
                )
              : null,
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
          const hidden = async () => {
            if (knownAt === undefined || found === null) return null;
            const now = await model.contract(found.explanation.line.contractId, { withNetwork: true });
            return now && hiddenAfter(now, knownAt);
          };
          if (found !== null) {
            const { explanation, events } = found;
            const page = explainPage(
              v,
              explanation,
              events,
              knownAt === undefined ? null : { text: knownAtText, at: knownAt },
              await hidden(),
            );
            return send(reply, v, 200, page);
          }
          // Not listed as known then, but now (and the principal's to see): say what the time hid.
          const now =
            knownAt === undefined ? null : await visibleExplanation(model, v.principal, lineId, undefined);
          if (now !== null && knownAt !== undefined) {
            const recorded = now.explanation.sources
              .map((s) => s.recordedAt)
              .filter((at) => Date.parse(at) > Date.parse(knownAt))
              .sort()[0];
            return send(
              reply,
              v,
              404,
              hiddenByKnownAtPage(
                v,
                { kind: 'line', id: lineId },
                knownAt,
                recorded ?? knownAt,
                lineHref(v, lineId),
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

    billingRoutes(app, ctx, signedInPage);
    quoteRoutes(app, ctx, signedInPage);

    // Any other path under the console: a page that says so, in the console's language, rather than
    // the API's JSON 404 (a signed-out visitor is sent to sign in first, as for every page).
    // `/console/` is the console itself.
    app.get(
      `${CONSOLE_PATH}/*`,
      route,
      signedInPage(async (request, reply, v: SignedInView) => {
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
