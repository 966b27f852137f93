/**
 * The console's what-ifs: a termination quote on a contract's page (a contractor's own, or any for
 * staff; the notice is checked by the same rules as one the principal sends, so another's contract
 * is not found exactly as a missing one), and what-if for any commands (staff). Nothing is written.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorizeEnvelope, commandGuard } from '../../auth/authority';
import { type CommandLine, commandLines, readLines } from '../../documents/json-lines';
import { parseDate, parseKnownAt } from '../../documents/parameters';
import { lineOutcomes } from '../../documents/what-if';
import { contractStateAsOf } from '../../projections/contract-state';
import { quoteCommand, terminationQuote } from '../../read/quote';
import { whatIf } from '../../read/what-if';
import { jstDate } from '../../terms/dates';
import type { ServerContext } from '../context';
import { refusedProblem } from '../problem';
import { readContract, today } from '../routes/reading';
import { checked, field, param, CONSOLE_ROUTE as route, type SignedInView, send } from './kit';
import { errorPage } from './pages';
import { quoteForm, quotePage } from './quote-page';
import { CONSOLE_PATH, sameOrigin } from './session';
import { WHAT_IF_PATH, type WhatIfInput, whatIfPage } from './what-if-page';

type PageHandler = (
  render: (request: FastifyRequest, reply: FastifyReply, v: SignedInView) => Promise<unknown>,
) => (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** A command as typed, its actor the principal where it names none. */
const withActor = (input: unknown, actor: string): unknown =>
  typeof input === 'object' && input !== null && !Array.isArray(input) ? { actor, ...input } : input;

/** At most this many commands in one what-if from the console. */
const WHAT_IF_LINES = 200;

export const quoteRoutes = (app: FastifyInstance, ctx: ServerContext, signedInPage: PageHandler): void => {
  app.get(
    `${CONSOLE_PATH}/contracts/:contractId/quote`,
    route,
    signedInPage(async (request, reply, v) => {
      const { contractId } = request.params as { contractId: string };
      const principal = v.principal;
      const day = today(ctx);
      const input = { on: param(request, 'on'), optionId: param(request, 'option') };
      const errors: string[] = [];
      const on = checked(v, errors, input.on, parseDate, 'error.badDate');
      if (on !== null && on < day) errors.push(v.t('quote.past', { on: v.r.date(on), today: v.r.date(day) }));
      return ctx.reads.snapshot(async (model) => {
        // Only a contract the principal may see has a form (another's is not found, as a missing one).
        const { read, access } = await readContract(model, principal, contractId, {});
        const state = contractStateAsOf(read.facts, contractId, day);
        const options = (state?.options ?? [])
          .filter((o) => o.status === 'in-service' || o.status === 'added')
          .map((o) => ({ optionId: o.optionId, kind: o.kind }));
        const form = quoteForm(v, contractId, options, input, day);
        // A VPN's parent holder sees a child contract (Art. 10, 11) but cannot end it: as the API says (403).
        if (access === 'parent-holder')
          return send(
            reply,
            v,
            403,
            errorPage(v, v.t('error.forbidden'), v.t('quote.notYours', { contractId })),
          );
        if (errors.length > 0 || on === null)
          return send(reply, v, 400, quotePage(v, null, form, errors, contractId));
        const ask = {
          contractId,
          optionId: input.optionId === '' ? null : input.optionId,
          on,
          noticeOn: day,
          actor: principal.id,
        };
        const authorized = authorizeEnvelope(principal, quoteCommand(ask));
        if ('refused' in authorized) throw refusedProblem(authorized.refused);
        const quote = await terminationQuote(model.store, ask, {
          clock: ctx.clock,
          guard: commandGuard(principal, () => day),
          ...(ctx.terms ? { terms: ctx.terms } : {}),
        });
        const status = quote.result.status === 'rejected' ? 422 : 200;
        return send(reply, v, status, quotePage(v, quote, form, [], contractId));
      });
    }),
  );

  const whatIfForm = signedInPage(async (request, reply, v) => {
    if (v.principal.kind !== 'staff')
      return send(reply, v, 403, errorPage(v, v.t('error.forbidden'), v.t('whatIf.staffOnly')));
    const posted = request.method === 'POST';
    const input: WhatIfInput = posted
      ? {
          commands: field(request, 'commands'),
          asOf: field(request, 'asOf').trim(),
          knownAt: field(request, 'knownAt').trim(),
        }
      : { commands: '', asOf: '', knownAt: '' };
    if (!posted) return send(reply, v, 200, whatIfPage(v, input, null, []));
    if (!sameOrigin(request))
      return send(reply, v, 403, errorPage(v, v.t('error.badRequest'), v.t('signIn.crossSite')));
    const errors: string[] = [];
    const asOf = input.asOf === '' ? undefined : checked(v, errors, input.asOf, parseDate, 'error.badDate');
    const knownAt =
      input.knownAt === '' ? undefined : checked(v, errors, input.knownAt, parseKnownAt, 'error.badKnownAt');
    const lines: CommandLine[] = [];
    for await (const line of commandLines(
      readLines(
        (async function* () {
          yield Buffer.from(input.commands, 'utf8');
        })(),
      ),
    ))
      lines.push(line);
    if (lines.length === 0) errors.push(v.t('whatIf.none'));
    if (lines.length > WHAT_IF_LINES)
      errors.push(v.t('whatIf.tooMany', { count: lines.length, max: WHAT_IF_LINES }));
    if (errors.length > 0 || asOf === null || knownAt === null)
      return send(reply, v, 400, whatIfPage(v, input, null, errors));
    return ctx.reads.snapshot(async (model) => {
      const result = await whatIf(
        model.store,
        lines.flatMap((l) => (l.kind === 'command' ? [withActor(l.input, v.principal.id)] : [])),
        {
          ...(knownAt === undefined ? { clock: ctx.clock } : { knownAt }),
          today: jstDate(ctx.clock()),
          lang: v.lang,
          ...(ctx.terms ? { terms: ctx.terms } : {}),
          ...(asOf !== undefined ? { asOf } : {}),
        },
      );
      return send(
        reply,
        v,
        200,
        whatIfPage(v, input, { result, outcomes: lineOutcomes(lines, result, false) }, []),
      );
    });
  });
  app.get(WHAT_IF_PATH, route, whatIfForm);
  app.post(WHAT_IF_PATH, route, whatIfForm);
};
