/**
 * Submitting commands: POST /v1/commands (one, as JSON) and POST /v1/commands/batch (JSON Lines,
 * as `vpn-ledger apply` reads them). The results are `apply`'s; a command is idempotent by its id.
 * The actor is the authenticated principal; what a contractor may send is authority.ts's.
 */

import { authorizeEnvelope, commandGuard } from '../../auth/authority';
import type { Principal } from '../../auth/principal';
import { toJsonLine } from '../../documents/encoding';
import { type CommandLine, commandLines, readLines } from '../../documents/json-lines';
import { type FailedLine, type LineOutcome, outcomeJson, RunTally } from '../../documents/outcomes';
import { type CommandResult, rejectedResult } from '../../ledger/ledger';
import { renderer } from '../../render';
import { jstDate } from '../../terms/dates';
import type { RouteModule } from '../api';
import { JSON_LINES_TYPES } from '../api';
import type { ServerContext } from '../context';
import { QueueFullError } from '../group-commit';
import { HttpProblem, httpProblem, refusedProblem, resultProblem, sendProblem } from '../problem';
import { BatchBody, CommandBody, CommandResultDocument, Documents, json, responses } from '../schemas';

/** Runs one command from `principal` through the write queue; a command it may not send is a problem. */
const submit = (ctx: ServerContext, principal: Principal, body: unknown): Promise<CommandResult> => {
  const authorized = authorizeEnvelope(principal, body);
  if ('refused' in authorized) throw refusedProblem(authorized.refused);
  return ctx.writes.submit(authorized.command, {
    guard: commandGuard(principal, () => jstDate(ctx.clock())),
  });
};

const notJsonLines = (type: string | undefined) =>
  httpProblem(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    null,
    `Content-Type ${type ?? '(none)'}: a batch is JSON Lines, sent as ${JSON_LINES_TYPES[0]}; one command is sent as application/json to /v1/commands.`,
  );

export const commandRoutes: RouteModule = (api, ctx) => {
  api.post(
    '/v1/commands',
    {
      schema: {
        tags: ['commands'],
        summary: 'Execute one command (idempotent by commandId)',
        description:
          "The command as one line of `vpn-ledger apply`; `actor` is the authenticated principal (leave it out). 200 with the result when accepted (again: `repeated`); a rejection is problem details with the ledger's code and article (400 invalid, 404 unknown contract, 409 command id reused, 422 a rule of the terms, 403 not the principal's to send).",
        body: CommandBody,
        response: responses(
          { 200: json(CommandResultDocument, 'Accepted (again: `repeated`).') },
          [400, 403, 404, 409, 413, 415, 422],
        ),
      },
    },
    async (request, reply) => {
      if (Buffer.isBuffer(request.body)) {
        throw httpProblem(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          null,
          'Send one command as application/json; a batch goes to /v1/commands/batch.',
        );
      }
      const result = await submit(ctx, request.principal!, request.body);
      if (result.status === 'accepted')
        return reply.type('application/json').send(toJsonLine(result) as never);
      return sendProblem(reply, resultProblem(result));
    },
  );

  api.post(
    '/v1/commands/batch',
    {
      schema: {
        tags: ['commands'],
        summary: 'Execute JSON Lines of commands, in order',
        description: `One command per line (blank lines and lines starting with # are skipped), at most ${ctx.limits.batchLines} commands and ${ctx.limits.bodyBytes} bytes; each line as \`vpn-ledger apply --format json\` answers it. The lines are queued together: each is decided against the state the one before it left.`,
        consumes: JSON_LINES_TYPES,
        body: BatchBody,
        response: responses({ 200: json(Documents.batch, 'One result per command line.') }, [400, 413, 415]),
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) throw notJsonLines(request.headers['content-type']);
      const principal = request.principal!;
      const body = request.body;
      // The command lines as `apply` reads them (blank and comment lines skipped).
      const lines: CommandLine[] = [];
      for await (const line of commandLines(
        readLines(
          (async function* () {
            yield body;
          })(),
        ),
      ))
        lines.push(line);
      // A batch the queue could never hold is too large, not "busy, retry": retrying never helps.
      const commands = lines.length;
      const max = Math.min(ctx.limits.batchLines, ctx.writes.capacity);
      if (commands > max) {
        throw httpProblem(
          413,
          'BATCH_TOO_LARGE',
          null,
          renderer(request.locale).ui('server.batchTooLarge', {
            lines: commands,
            max,
            queue: ctx.writes.capacity < ctx.limits.batchLines ? 'yes' : 'no',
          }),
        );
      }
      if (!ctx.writes.hasRoomFor(commands)) {
        throw new QueueFullError(ctx.writes.queued, ctx.writes.retryAfterSeconds());
      }
      const outcomes = lines.map(async (l): Promise<LineOutcome | FailedLine> => {
        if (l.kind !== 'command') return l;
        const input = l.input;
        try {
          return { line: l.line, kind: 'result', result: await submit(ctx, principal, input) };
        } catch (error) {
          if (!(error instanceof HttpProblem))
            return { line: l.line, kind: 'failed', message: (error as Error).message };
          const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
          const p = error.problem;
          if (p.rejection === undefined) return { line: l.line, kind: 'unreadable', message: p.message };
          const result: CommandResult = rejectedResult(
            typeof raw.commandId === 'string' ? raw.commandId : null,
            typeof raw.type === 'string' ? raw.type : null,
            p.rejection,
          );
          return { line: l.line, kind: 'result', result };
        }
      });
      const tally = new RunTally();
      const results = (await Promise.all(outcomes)).map((o) => {
        tally.add(o);
        return outcomeJson(o, request.locale);
      });
      return reply
        .type('application/json')
        .send(toJsonLine({ schema: 'vpn-ledger.batch/v1', results, summary: tally.counts() }) as never);
    },
  );
};
