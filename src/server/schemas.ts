/**
 * The request schemas (zod): they validate the query strings and paths, and @fastify/swagger
 * turns them, with the command schemas of the ledger, into the OpenAPI document.
 *
 * A command body is described by the ledger's own command schemas (COMMAND_SCHEMAS), and
 * validated by the ledger itself (parseCommand, with the same schemas), so that the server
 * answers a bad command with exactly the rejection `vpn-ledger apply` gives: schemas marked
 * `validatedByLedger` pass the framework's validation untouched.
 */
import { z } from 'zod';
import { COMMAND_SCHEMAS, COMMAND_TYPES } from '../aggregates';
import { ParameterError, parseDate, parseKnownAt, parseMonth } from '../documents/parameters';
import * as schemas from '../documents/schemas';
import { Fields } from '../events';
import { CONTRACT_STATUSES } from '../views/models/contracts';

const ledgerValidated = new WeakSet<object>();
export const validatedByLedger = (schema: object): boolean => ledgerValidated.has(schema);

/** A parameter read as every edge reads it (src/documents/parameters.ts); a problem is the parser's message. */
const parameter = (parse: (v: string) => string, example: string, description: string) =>
  z
    .string()
    .transform((value, ctx) => {
      try {
        return parse(value);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: error instanceof ParameterError ? error.message : String(error),
          ...(error instanceof ParameterError ? { params: { parameter: error.problem } } : {}),
        });
        return z.NEVER;
      }
    })
    .meta({ description, examples: [example] });

export const AsOf = parameter(parseDate, '2025-10-31', 'As effective on this Japan date (YYYY-MM-DD).');
export const KnownAt = parameter(
  parseKnownAt,
  '2025-10-05T12:00:00+09:00',
  'As the ledger knew it at this time: an instant with an offset, a Japan local date-time, or a date (the end of that Japan day).',
);
export const Month = parameter(parseMonth, '2025-10', 'The billing month (YYYY-MM).');
const Lang = z
  .string()
  .max(35)
  .optional()
  .meta({ description: 'The language of the answer (default: Accept-Language, else en).' });
const Format = z
  .enum(['json', 'csv'])
  .optional()
  .meta({ description: 'json (default) or csv; or send Accept: text/csv.' });
const Flag = z.enum(['true', 'false']).optional();

export const ContractParams = z.strictObject({ contractId: Fields.Id });
export const LineParams = z.strictObject({ lineId: z.string().min(1).max(400) });

export const ContractReadQuery = z.strictObject({
  asOf: AsOf.optional(),
  knownAt: KnownAt.optional(),
  lang: Lang,
});
export const ExplainQuery = z.strictObject({ knownAt: KnownAt.optional(), lang: Lang });
export const DeadlinesQuery = z.strictObject({
  asOf: AsOf.optional(),
  knownAt: KnownAt.optional(),
  all: Flag.meta({ description: 'true: also items already settled' }),
  lang: Lang,
});
export const ContractChargesQuery = z.strictObject({
  month: Month,
  asOf: AsOf.optional(),
  knownAt: KnownAt.optional(),
  format: Format,
  lang: Lang,
});
export const MonthChargesQuery = ContractChargesQuery;
export const SearchQuery = z.strictObject({
  id: z.string().min(1).max(100).optional().meta({ description: 'Contract ids starting with this.' }),
  holder: Fields.ContractorId.optional().meta({ description: "The contract holder's contractor id." }),
  network: Fields.Id.optional(),
  status: z.enum(CONTRACT_STATUSES).optional(),
  asOf: AsOf.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  after: Fields.Id.optional().meta({ description: 'The last contract id of the previous page (`next`).' }),
  lang: Lang,
});
export const VerifyQuery = z.strictObject({ lang: Lang });

export const MonthParams = z.strictObject({ month: Month });
export const MonthsQuery = z.strictObject({
  after: Month.optional().meta({ description: 'The last month of the previous page (`next`).' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(120)
    .optional()
    .meta({ description: 'Months per page (default 24).' }),
  lang: Lang,
});
export const MonthQuery = z.strictObject({
  asOf: AsOf.optional(),
  knownAt: KnownAt.optional(),
  format: Format,
  lang: Lang,
});
export const ExportQuery = z.strictObject({
  draft: Flag.meta({ description: 'true: an open month too, marked as a draft' }),
  billTo: Fields.ContractorId.optional().meta({ description: 'Only the document of this contractor.' }),
  format: Format,
  totals: Flag.meta({
    description:
      'With CSV: the totals per contractor billed and of them all, a table of their own (not the lines)',
  }),
  lang: Lang,
});
export const CloseBody = z
  .strictObject({
    commandId: Fields.EnvelopeId.optional().meta({
      description: 'The close command id (default close-YYYY-MM: the same close again is a repeat).',
    }),
  })
  .nullish()
  .meta({ description: 'Optional: a POST without a body closes with the default command id.' });
export const WhatIfQuery = z.strictObject({
  asOf: AsOf.optional(),
  knownAt: KnownAt.optional(),
  stopOnError: Flag.meta({ description: 'true: stop at the first rejected or unreadable command' }),
  lang: Lang,
});

/** What-if commands: a JSON array (or one command) as application/json, or JSON Lines. */
export const WhatIfBody = z.unknown().meta({
  description:
    'The commands, as `vpn-ledger what-if` reads them: JSON Lines (application/x-ndjson), or application/json with one command or an array of them.',
});
ledgerValidated.add(WhatIfBody);

/** One command as the ledger takes it; `actor` may be left out (it is the authenticated principal). */
export const CommandBody = z
  .discriminatedUnion(
    'type',
    COMMAND_TYPES.map((type) =>
      z.strictObject({
        type: z.literal(type),
        commandId: Fields.EnvelopeId,
        actor: Fields.EnvelopeId.optional(),
        correlationId: Fields.EnvelopeId.optional(),
        causationId: Fields.EnvelopeId.optional(),
        data: COMMAND_SCHEMAS[type],
      }),
    ) as unknown as [z.ZodObject, ...z.ZodObject[]],
  )
  .meta({ description: 'A command, as one line of `vpn-ledger apply` (examples/README.md).' });
ledgerValidated.add(CommandBody);

/** A batch: JSON Lines text (validated line by line by the ledger, as `apply` does). */
export const BatchBody = z
  .string()
  .meta({ description: 'JSON Lines: one command per line, as `vpn-ledger apply` reads them.' });
ledgerValidated.add(BatchBody);

/**
 * Errors: RFC 9457 problem details, sent as application/problem+json, with the ledger's code,
 * article and message (src/server/problem.ts).
 */
export const Problem = z
  .strictObject({
    type: z.string().meta({ description: 'urn:vpn-ledger:problem:<code>' }),
    title: z.string().meta({ description: "The status in words, in the request's language." }),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string().meta({
      description: 'The ledger code (CONTRACT_NOT_FOUND, MONTH_NOT_ENDED...), the same in every language.',
    }),
    article: z.string().nullable(),
    message: z.string(),
    field: z.string().optional(),
    problems: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
    commandId: z.string().nullable().optional(),
    requestId: z.string(),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details with the ledger code, article and message.',
  });

export const PROBLEM_TYPE = 'application/problem+json';
export const JSON_TYPE = 'application/json';
export const CSV_TYPE = 'text/csv';
export const JSON_LINES_TYPE = 'application/x-ndjson';
export const EVENT_STREAM_TYPE = 'text/event-stream';

/** The v1 documents the answers are (src/documents/schemas). */
export const Documents = {
  state: schemas.StateDocument,
  timeline: schemas.TimelineDocument,
  terms: schemas.TermsDocument,
  deadlines: schemas.DeadlinesDocument,
  charges: schemas.ChargesDocument,
  explain: schemas.ExplainDocument,
  contracts: schemas.ContractsDocument,
  verify: schemas.VerifyDocument,
  months: schemas.MonthsDocument,
  export: schemas.ExportDocument,
  close: schemas.CloseDocument,
  whatIf: schemas.WhatIfDocument,
  quote: schemas.QuoteDocument,
  batch: schemas.BatchDocument,
  health: schemas.HealthDocument,
  feedItem: schemas.FeedItem,
};

export const CommandResultDocument = schemas.AcceptedResult;

const ERRORS: Readonly<Record<number, string>> = {
  400: 'The request is not valid (a parameter, the body, a command the ledger cannot read).',
  401: 'No bearer token, or one unknown or revoked.',
  403: 'The principal may not do this (the article says why).',
  404: 'Not found (or not the principal’s to see: answered alike).',
  409: 'It conflicts with the ledger (a command id used for another command, a month already closed or not closed yet).',
  413: 'The request is too large.',
  415: 'The body is not of a media type this endpoint takes.',
  422: 'The ledger refused it under the terms (the code and article say which rule).',
  429: 'Too many at once for this principal; Retry-After says when to try again.',
  500: 'Internal error; the log has the details under the request id.',
  503: 'The ledger is busy, shutting down or cannot answer now (Retry-After).',
};

/** A JSON answer. */
export const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { [JSON_TYPE]: { schema } },
});

/** A JSON answer, or CSV (`format=csv` or Accept: text/csv). */
export const jsonOrCsv = (schema: z.ZodType, description: string) => ({
  description,
  content: {
    [JSON_TYPE]: { schema },
    [CSV_TYPE]: { schema: z.string().meta({ description: 'CSV with a header row (UTF-8).' }) },
  },
});

/** No body: the ETag sent in If-None-Match still names the answer. */
const NotModified = z
  .null()
  .meta({ description: 'Not modified: the ETag sent in If-None-Match still names the answer.' });

/** What a route answers: its successes, 304 for reads named by ETag, and each error as problem details. */
interface Answer {
  readonly description: string;
  readonly content: Readonly<Record<string, { readonly schema: z.ZodType }>>;
}

export const responses = (
  ok: Record<number, Answer>,
  errors: readonly number[],
  options: { readonly etag?: boolean; readonly auth?: boolean } = {},
) => {
  const all = new Set([...errors, ...(options.auth === false ? [] : [401]), 500, 503]);
  return {
    ...ok,
    ...(options.etag ? { 304: NotModified } : {}),
    ...Object.fromEntries(
      [...all]
        .sort()
        .map((status) => [
          status,
          { description: ERRORS[status] ?? 'An error.', content: { [PROBLEM_TYPE]: { schema: Problem } } },
        ]),
    ),
  };
};

export const FeedQuery = z.strictObject({
  after: z
    .string()
    .max(41)
    .optional()
    .meta({
      description:
        'The position of the last item read (an item’s `position`, or X-Feed-Next); 0 or none: from the start.',
      examples: ['0', '1234'],
    }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .meta({ description: 'JSON Lines: facts of the log looked at in this page (default 100).' }),
  format: z
    .enum(['jsonl', 'sse'])
    .optional()
    .meta({ description: 'jsonl (default) or sse; or send Accept: text/event-stream.' }),
  lang: Lang,
});

export const feedResponses = responses(
  {
    200: {
      description:
        'JSON Lines: one FeedItem per line (X-Feed-Next: the `after` of the next page). Server-Sent Events: `fact` events, data a FeedItem, id its position.',
      content: {
        [JSON_LINES_TYPE]: { schema: schemas.FeedItem },
        [EVENT_STREAM_TYPE]: {
          schema: z.string().meta({
            description: 'Server-Sent Events: `event: fact`, `id: <position>`, `data: <FeedItem>`.',
          }),
        },
      },
    },
  },
  [400, 429],
);
