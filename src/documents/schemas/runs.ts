/** Commands run (one, a batch, a what-if), the log's integrity and the server's health, as zod schemas. */
import { z } from 'zod';
import { ArticleRef, ChargeLine, Lang, LocalDate, LogPosition, MinimumTerm, Yen } from './common';
import { ReturnDeadline } from './contracts';

const WrittenEvent = z.strictObject({
  streamId: z.string(),
  revision: z.string(),
  eventId: z.string(),
  type: z.string(),
});

export const AcceptedResult = z
  .strictObject({
    status: z.literal('accepted'),
    commandId: z.string(),
    type: z.string(),
    events: z.array(WrittenEvent),
    position: LogPosition.nullable(),
    repeated: z
      .boolean()
      .meta({ description: 'The command id was handled before: nothing new was written.' }),
    eventsWritten: z.number().int(),
    attempts: z.number().int(),
  })
  .meta({ id: 'AcceptedResult', description: 'The ledger accepted the command (or had: `repeated`).' });

const FieldProblem = z.strictObject({
  path: z.string(),
  message: z.string(),
  issue: z
    .strictObject({
      code: z.string(),
      field: z.string().optional(),
      parameter: z.record(z.string(), z.string()).optional(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    })
    .optional()
    .meta({ description: "The problem as data (zod's code, the ledger's message key, its values)." }),
});

export const RejectedResult = z
  .strictObject({
    status: z.literal('rejected'),
    commandId: z.string().nullable(),
    type: z.string().nullable(),
    code: z.string(),
    article: z.string().nullable(),
    message: z.string().meta({ description: 'The refusal in words, in the chosen language.' }),
    field: z.string().optional(),
    problems: z.array(FieldProblem).optional(),
    params: z.record(z.string(), z.unknown()),
    citation: z.array(ArticleRef),
  })
  .meta({
    id: 'RejectedResult',
    description: 'The ledger refused the command: its code, article and parameters.',
  });

const line = { line: z.number().int().meta({ description: 'The line of the input (from 1).' }) };
const NotACommand = z.strictObject({
  ...line,
  status: z.enum(['invalid-json', 'unreadable', 'failed']),
  message: z.string(),
});

export const RunCounts = z.strictObject({
  lines: z.number().int(),
  accepted: z.number().int(),
  repeated: z.number().int(),
  rejected: z.number().int(),
  invalidJson: z.number().int(),
  unreadable: z.number().int(),
  failed: z.number().int(),
  eventsWritten: z.number().int(),
});

export const BatchDocument = z
  .strictObject({
    schema: z.literal('vpn-ledger.batch/v1'),
    results: z.array(z.union([AcceptedResult.extend(line), RejectedResult.extend(line), NotACommand])),
    summary: RunCounts,
  })
  .meta({
    id: 'BatchDocument',
    description: 'One result per command line, as `apply --format json`, and a summary.',
  });

const Differences = <T extends z.ZodType>(of: T) =>
  z.strictObject({
    added: z.array(of),
    removed: z.array(of),
    changed: z.array(z.strictObject({ before: of, after: of })),
  });

const TermWithStatus = MinimumTerm.extend({
  status: z.enum(['running', 'completed', 'superseded', 'not-started', 'ended-early']),
});

export const WhatIfDocument = z
  .strictObject({
    schema: z.literal('vpn-ledger.what-if/v1'),
    asOf: LocalDate.nullable(),
    knownAt: z.string().nullable(),
    statusDate: LocalDate,
    lang: Lang,
    generatedFrom: z.strictObject({
      store: z.string(),
      description: z.string(),
      lastPosition: LogPosition.nullable(),
      knownAt: z.string().nullable(),
    }),
    summary: RunCounts.omit({ failed: true, eventsWritten: true }).extend({
      eventsWouldBeWritten: z.number().int(),
      stoppedAt: z.number().int().nullable(),
    }),
    lines: z.array(
      z.union([
        AcceptedResult.omit({ position: true }).extend(line),
        RejectedResult.extend(line),
        NotACommand,
      ]),
    ),
    events: z.array(
      z.looseObject({ streamId: z.string(), revision: z.string(), eventId: z.string(), type: z.string() }),
    ),
    contracts: z.array(z.string()),
    charges: z.strictObject({
      months: z.array(
        Differences(ChargeLine).extend({
          month: z.string(),
          totals: z.array(z.strictObject({ billTo: z.string(), before: Yen, after: Yen, difference: Yen })),
          before: Yen,
          after: Yen,
          difference: Yen,
        }),
      ),
      ongoingFrom: z.string().nullable(),
    }),
    terms: Differences(TermWithStatus),
    deadlines: Differences(ReturnDeadline),
  })
  .meta({ id: 'WhatIfDocument', description: 'What the commands would do; nothing is written.' });

/** A termination quote (src/documents/quote.ts): what ending a contract or an option on a day would cost. */
export const QuoteDocument = z
  .strictObject({
    schema: z.literal('vpn-ledger.quote/v1'),
    lang: Lang,
    contractId: z.string(),
    optionId: z.string().nullable(),
    requestedOn: LocalDate,
    noticeArrivedOn: LocalDate,
    effectiveOn: LocalDate.nullable(),
    recorded: z.literal(false),
    settlement: z.strictObject({ lines: z.array(ChargeLine), total: Yen }),
    lastMonth: z.strictObject({ month: z.string(), lines: z.array(ChargeLine), total: Yen }).nullable(),
    savedFrom: z.strictObject({ month: z.string(), perMonth: Yen }).nullable(),
    returns: z.array(ReturnDeadline),
    note: z.string(),
  })
  .meta({
    id: 'QuoteDocument',
    description:
      'What ending a contract or an option on a day would cost (Annex 2, the last month, Art. 14(3)); nothing is written.',
  });

export const VerifyDocument = z
  .strictObject({
    schema: z.literal('vpn-ledger.verify/v1'),
    lang: Lang,
    store: z.string(),
    ok: z.boolean(),
    eventsChecked: z.number().int(),
    streams: z.number().int(),
    breaks: z.array(
      z.strictObject({
        streamId: z.string().nullable(),
        revision: z.string().nullable(),
        globalPosition: z.string(),
        problem: z.string(),
        detail: z.string(),
        table: z.string().optional(),
        key: z.record(z.string(), z.unknown()).nullable().optional(),
        source: z.string().optional(),
        lineId: z.string().nullable().optional(),
      }),
    ),
    views: z
      .strictObject({
        checked: z.boolean(),
        logBroken: z.boolean(),
        problem: z.looseObject({ code: z.string() }).nullable(),
        rows: z.number().int(),
        differing: z.number().int(),
      })
      .nullable(),
    exports: z.number().int(),
    seals: z
      .strictObject({
        checked: z.number().int(),
        published: z.number().int(),
        signatures: z.enum(['checked', 'not-checked']),
        lastHolding: z
          .strictObject({ position: LogPosition.nullable(), events: z.number().int() })
          .nullable(),
        eventsAfter: z.number().int(),
      })
      .optional()
      .meta({ description: 'What the seals hold (the CLI; the API leaves them out).' }),
  })
  .meta({ id: 'VerifyDocument', description: 'Hash chains, schemas and reservations of the whole log.' });

export const HealthDocument = z
  .strictObject({
    status: z.enum(['ok', 'draining']),
    store: z.enum(['memory', 'sqlite', 'esdb']),
    queued: z.number().int(),
    groups: z.strictObject({
      groups: z.number().int(),
      commands: z.number().int(),
      largestGroup: z.number().int(),
    }),
    webhooks: z
      .strictObject({ pending: z.number().int(), parked: z.number().int() })
      .nullable()
      .meta({ description: 'Deliveries waiting and subscriptions parked; null: this server delivers none.' }),
  })
  .meta({
    id: 'HealthDocument',
    description: 'Liveness: nothing about files or tokens (readiness, with why not: GET /ready).',
  });
