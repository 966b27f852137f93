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
    .meta({ description: 'Closes per page (default 24).' }),
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

/** Answers are documented by their top-level fields; every document carries `schema` and provenance. */
const document = (schema: string, description: string) =>
  z.looseObject({ schema: z.literal(schema) }).meta({ description });

export const Problem = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    code: z.string(),
    article: z.string().nullable(),
    message: z.string(),
  })
  .meta({ description: 'RFC 9457 problem details with the ledger code, article and message.' });

export const Documents = {
  state: document('vpn-ledger.state/v1', 'The contract as effective on asOf (state null before it existed).'),
  timeline: document('vpn-ledger.timeline/v1', "The contract's history in words, with articles."),
  terms: document('vpn-ledger.terms/v1', 'Minimum terms of the contract and its options.'),
  deadlines: document('vpn-ledger.deadlines/v1', 'Equipment owed back (Art. 14(3)).'),
  charges: document('vpn-ledger.charges/v1', 'Charge lines with totals (or CSV).'),
  explain: document('vpn-ledger.explain/v1', 'One charge line, with the events behind it.'),
  contracts: document('vpn-ledger.contracts/v1', 'Contracts found, in id order; `next` pages on.'),
  verify: document('vpn-ledger.verify/v1', 'Hash chains, schemas and reservations of the whole log.'),
  months: document('vpn-ledger.months/v1', 'The closed months, in order, then the first open month.'),
  export: document(
    'vpn-ledger.export/v1',
    'Invoice documents (vpn-ledger.invoice/v1), one per contractor billed.',
  ),
  close: document(
    'vpn-ledger.close/v1',
    'The close: its id, seal, lines and totals (`repeated` for a repeat).',
  ),
  whatIf: document('vpn-ledger.what-if/v1', 'What the commands would do; nothing is written.'),
  batch: document(
    'vpn-ledger.batch/v1',
    'One result per command line, as `apply --format json`, and a summary.',
  ),
};

export const CommandResultDocument = z
  .looseObject({ status: z.literal('accepted'), commandId: z.string(), events: z.array(z.looseObject({})) })
  .meta({ description: 'The ledger accepted the command (or had: `repeated`).' });
