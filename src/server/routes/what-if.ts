/**
 * POST /v1/what-if (staff): what commands would do, recording nothing, answered as
 * `vpn-ledger what-if --format json` (src/ledger/what-if.ts over an overlay of the read side's
 * store: the log, its views and its head stay as they were).
 */

import { toJsonLine } from '../../documents/encoding';
import { type CommandLine, commandLines, readLines } from '../../documents/json-lines';
import { failsRun } from '../../documents/outcomes';
import { lineOutcomes, summaryOf, whatIfJson } from '../../documents/what-if';
import { whatIf } from '../../read/what-if';
import { renderer } from '../../render';
import { jstDate } from '../../terms/dates';
import type { RouteModule } from '../api';
import { JSON_LINES_TYPES } from '../api';
import { httpProblem } from '../problem';
import { Documents, json, responses, WhatIfBody, WhatIfQuery } from '../schemas';

/** The command lines of a body: JSON Lines as `what-if` reads a file, or a JSON array (or one command). */
const linesOf = async (body: unknown, stopOnError: boolean): Promise<CommandLine[]> => {
  const read: CommandLine[] = [];
  if (Buffer.isBuffer(body)) {
    for await (const line of commandLines(
      readLines(
        (async function* () {
          yield body;
        })(),
      ),
    )) {
      read.push(line);
      if (stopOnError && line.kind !== 'command') break;
    }
    return read;
  }
  const commands = Array.isArray(body) ? body : [body];
  return commands.map((input, i) => ({ line: i + 1, kind: 'command', input }));
};

export const whatIfRoutes: RouteModule = (api, ctx) => {
  api.post(
    '/v1/what-if',
    {
      schema: {
        tags: ['what-if'],
        summary:
          'What commands would do (staff): decisions, events, charges month by month, terms, deadlines; nothing is written',
        description: `\`vpn-ledger what-if --format json\`. The body: JSON Lines (${JSON_LINES_TYPES[0]}) or application/json (one command, or an array); at most ${ctx.limits.batchLines} commands. asOf and knownAt as the CLI's.`,
        consumes: ['application/json', ...JSON_LINES_TYPES],
        querystring: WhatIfQuery,
        body: WhatIfBody,
        response: responses(
          { 200: json(Documents.whatIf, 'What the commands would do.') },
          [400, 403, 413, 415],
        ),
      },
    },
    async (request, reply) => {
      const lang = request.locale;
      if (request.principal!.kind !== 'staff') {
        throw httpProblem(403, 'NOT_PERMITTED', null, renderer(lang).ui('server.whatIfStaffOnly'));
      }
      const { asOf, knownAt } = request.query;
      const stopOnError = request.query.stopOnError === 'true';
      if (request.body === undefined || request.body === null) {
        throw httpProblem(
          400,
          'INVALID_REQUEST',
          null,
          `Send the commands: JSON Lines as ${JSON_LINES_TYPES[0]}, or application/json (one command or an array).`,
        );
      }
      const read = await linesOf(request.body, stopOnError);
      if (read.length > ctx.limits.batchLines) {
        throw httpProblem(
          413,
          'BATCH_TOO_LARGE',
          null,
          `The what-if has ${read.length} commands; at most ${ctx.limits.batchLines} are taken at once: split it.`,
        );
      }
      return ctx.reads.snapshot(
        async (model) => {
          const result = await whatIf(
            model.store,
            read.flatMap((l) => (l.kind === 'command' ? [l.input] : [])),
            {
              // As known at a time: the would-be events are stamped with it (whatIf's own clock).
              ...(knownAt === undefined ? { clock: ctx.clock } : {}),
              today: jstDate(ctx.clock()),
              lang,
              ...(ctx.terms ? { terms: ctx.terms } : {}),
              ...(knownAt !== undefined ? { knownAt } : {}),
              ...(asOf !== undefined ? { asOf } : {}),
              ...(stopOnError ? { stopOnError: true } : {}),
            },
          );
          const outcomes = lineOutcomes(read, result, stopOnError);
          const failed = outcomes.some(failsRun);
          const summary = summaryOf(outcomes, result, stopOnError && failed);
          return reply
            .type('application/json')
            .send(
              toJsonLine(
                whatIfJson(result, outcomes, summary, `the server's ${ctx.reads.storeKind} store`, lang),
              ) as never,
            );
          // Deciding a batch against the ledger as it stands is a fold's worth of work: one at a time (reads.ts).
        },
        { heavy: true },
      );
    },
  );
};
