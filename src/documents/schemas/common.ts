/**
 * The v1 documents as zod schemas: what the CLI's `--format json` and the server's answers write,
 * declared field by field, so that the OpenAPI document (src/server/schemas.ts) describes every
 * answer and a client can be generated from it; test/server/openapi.test.ts holds real answers to
 * them. The parts shared by several documents are here; those with an `id` are components of the
 * OpenAPI document. The domain's data inside a document (a formula's parameters, a note, a timeline
 * step's parameters) is declared by its `kind`, its other fields as they are.
 */
import { z } from 'zod';
import { CHARGE_KINDS } from '../../projections/charge-data';

export const Month = z.string().regex(/^\d{4}-\d{2}$/);
export const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const Lang = z.enum(['en', 'ja']).meta({ description: 'The language of the words in the document.' });
export const Yen = z.number().int().meta({ description: 'Whole yen, tax excluded.' });

export const LogPosition = z
  .strictObject({ commit: z.string(), prepare: z.string() })
  .meta({ id: 'LogPosition', description: 'A position of the global log, its numbers as decimal strings.' });

export const GeneratedFrom = z
  .strictObject({
    store: z.enum(['memory', 'sqlite', 'esdb']),
    source: z
      .enum(['views', 'streams', 'log'])
      .meta({ description: 'views; the streams the answer needed; or the whole log.' }),
    eventsRead: z.number().int(),
    eventsApplied: z.number().int(),
    lastPosition: LogPosition.nullable(),
    knownAt: z.string().nullable(),
    viewsProblem: z.string().nullable().meta({ description: 'Why the views were not used, in words.' }),
    viewsProblemCode: z.string().nullable(),
  })
  .meta({ id: 'GeneratedFrom', description: 'Where the answer came from, and the position it reflects.' });

export const ArticleRef = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('article'),
      article: z.number().int(),
      paragraphs: z.array(z.number().int()),
      item: z.number().int().nullable(),
      proviso: z.boolean(),
      reading: z.enum(['by-analogy', 'silent-on-overlap', 'edition-before-2010-02-01']).nullable(),
    }),
    z.strictObject({
      kind: z.literal('annex'),
      annex: z.number().int(),
      section: z.number().int().nullable(),
      item: z.number().int().nullable(),
    }),
    z.strictObject({
      kind: z.literal('supplementary'),
      of: LocalDate.nullable(),
      paragraphs: z.array(z.number().int()),
      proviso: z.boolean(),
    }),
    z.strictObject({ kind: z.literal('civil-code'), article: z.number().int() }),
    z.strictObject({
      kind: z.literal('general-terms'),
      article: z.number().int(),
      paragraphs: z.array(z.number().int()),
    }),
    z.strictObject({ kind: z.literal('policy'), policy: z.string() }),
  ])
  .meta({ id: 'ArticleRef', description: 'One provision a citation names, as data.' });

/** A kind and its parameters (the domain's data). */
const kindOf = (id: string, description: string) =>
  z.looseObject({ kind: z.string() }).meta({ id, description });

export const Calculation = kindOf(
  'Calculation',
  'A formula as data: its kind and parameters (the amount, the days, the fee...).',
);
export const ChargeNote = kindOf('ChargeNote', 'A note on a charge line, as data: its kind and parameters.');
export const DeadlineNote = kindOf('DeadlineNote', 'A note on a return deadline, as data.');

export const ChargeLine = z
  .strictObject({
    id: z.string().meta({ description: 'Stable: contract, month, kind and what is charged.' }),
    contractId: z.string(),
    networkId: z.string(),
    billTo: z.string(),
    kind: z.enum(CHARGE_KINDS),
    month: Month,
    period: z.strictObject({ from: LocalDate, to: LocalDate }),
    amount: Yen,
    currency: z.literal('JPY'),
    article: z
      .string()
      .meta({ description: "The citation in the ledger's notation (Art. 19; Annex 1 §2(1))." }),
    policy: z.string().nullable(),
    edition: z.string(),
    formula: z.string().meta({ description: 'The formula in words, in the chosen language.' }),
    note: z.string().nullable(),
    sources: z.array(z.string()).meta({ description: 'The ids of the events behind the line.' }),
    calculation: Calculation,
    notes: z.array(ChargeNote),
    citation: z.array(ArticleRef),
    articleText: z.string().meta({ description: 'The citation in words, in the chosen language.' }),
    corrects: z
      .strictObject({ month: Month, lineId: z.string() })
      .optional()
      .meta({ description: 'For an adjustment: the closed month and line it corrects.' }),
  })
  .meta({ id: 'ChargeLine', description: 'One charge line (yen, tax excluded).' });

export const BillToTotal = z
  .strictObject({ billTo: z.string(), amount: Yen, lines: z.number().int() })
  .meta({ id: 'BillToTotal', description: 'What is billed to one contractor.' });

export const MinimumTerm = z
  .strictObject({
    contractId: z.string(),
    optionId: z.string().nullable(),
    optionKind: z.string().nullable(),
    years: z.union([z.literal(1), z.literal(3)]),
    start: LocalDate,
    end: LocalDate,
    reason: z.enum(['billing-start', 'model-change', 'switch-model-change', 'option-billing-start']),
    article: z.string(),
    sources: z.array(z.string()),
    supersededOn: LocalDate.nullable(),
    cutShortOn: LocalDate.nullable().meta({
      description: 'The last day of the contract or option it belongs to, when that ends the term early.',
    }),
  })
  .meta({
    id: 'MinimumTerm',
    description: 'A minimum term of the contract or one of its options (Art. 5, 17(3)).',
  });
