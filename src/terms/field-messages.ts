/**
 * What is wrong with a field, as data. The ledger's schemas (zod) say it in English, as they always
 * have (`message`, what EventDecodeError and the English edges show); a field problem also carries
 * the issue behind the message, as a code with parameters, so that an edge can word it in another
 * language (src/render/field-problems.ts) without the ledger validating anything differently.
 *
 * The ledger's own messages are named here by key: the schemas take their English from
 * fieldMessage/fieldIssue, and the key travels with the issue (a custom issue's params, or the
 * message itself for a check that takes only a message).
 */
import type { z } from 'zod';

export const FIELD_MESSAGES = {
  wholeYen: 'Expected an amount in whole yen',
  negativeYen: 'Amounts cannot be negative',
  yenTooLarge: 'Amount too large: at most {max} yen (so that every sum of charges stays exact)',
  eventYenTooLarge: 'Amount too large: at most {max} yen (larger whole numbers are not exact)',
  fractionYen: 'Amounts are whole yen: no fractions',
  safeYen: 'Amounts are whole yen a double holds exactly',
  empty: 'Must not be empty',
  idCharacters: 'Ids use letters, digits and . _ : - only, starting with a letter or digit',
  termYears: 'The minimum term is 1 or 3 years (Art. 5)',
  country: 'ISO 3166 two-letter country code',
  calendarDate: 'Expected a calendar date YYYY-MM-DD',
  instant: 'Expected an ISO-8601 date-time with an offset, e.g. 2025-04-01T00:30:00+09:00',
  dateOutOfRange: 'Date {date} is out of range: dates from {first} to {last} (Japan time)',
  instantOutOfRange:
    'Instant {instant} (Japan date {date}) is out of range: dates from {first} to {last} (Japan time)',
  eventDateOutOfRange: 'Date {date} is out of the range a stored event may hold ({first} to {last})',
  eventInstantOutOfRange: 'Instant {instant} is out of the range a stored event may hold ({first} to {last})',
  month: 'Expected a month YYYY-MM',
  monthRange: 'Months run from {first} to {last}',
  hex64: 'Expected 64 lowercase hex digits',
  decimalPosition: 'Expected a decimal position',
  uuid: 'Expected a lowercase UUID',
  unknownFields: 'unknown field(s): {keys}',
  unknownCommandType: 'unknown command type "{type}"; known: {known}',
} as const;

export type FieldMessageKey = keyof typeof FIELD_MESSAGES;
type Params = Readonly<Record<string, string | number>>;

/** A field message in English, with its values. */
export const fieldMessage = (key: FieldMessageKey, params: Params = {}): string =>
  FIELD_MESSAGES[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));

/** A custom issue (superRefine's addIssue) with the ledger's own message: its English, and its key. */
export const fieldIssue = (key: FieldMessageKey, params: Params = {}) => ({
  code: 'custom' as const,
  message: fieldMessage(key, params),
  params: { field: key, ...params },
});

const BY_TEXT = new Map<string, FieldMessageKey>(
  (Object.entries(FIELD_MESSAGES) as [FieldMessageKey, string][])
    .filter(([, text]) => !text.includes('{'))
    .map(([key, text]) => [text, key]),
);

/**
 * The issue behind a field problem: zod's code and what it names (the type expected and the one
 * given, the bounds, the allowed values, the keys not known), and the ledger's own message key
 * when the schema gave one. Values only: no input is kept.
 */
export interface FieldIssue {
  readonly code: string;
  /** The ledger's own message, when the schema words the problem itself. */
  readonly field?: FieldMessageKey;
  /** A parameter of a question that cannot be read (a month, a date, known-at). */
  readonly parameter?: ParameterProblem;
  readonly params?: Params;
}

/** What a value is, as zod names types (`received` of an invalid_type issue). */
const typeOf = (x: unknown): string =>
  x === null ? 'null' : Array.isArray(x) ? 'array' : Number.isNaN(x) ? 'nan' : typeof x;

const scalar = (x: unknown): string | number =>
  typeof x === 'number' ? x : typeof x === 'bigint' ? Number(x) : String(x);

/** A zod issue as data (parsed with `reportInput: true`, an invalid_type issue also says what was given). */
export const issueOf = (issue: z.core.$ZodIssue): FieldIssue => {
  const i = issue as z.core.$ZodIssue & Record<string, unknown>;
  const fromParams = (i.params as { field?: unknown } | undefined)?.field;
  const field =
    typeof fromParams === 'string' && fromParams in FIELD_MESSAGES
      ? (fromParams as FieldMessageKey)
      : BY_TEXT.get(issue.message);
  const params: Record<string, string | number> = {};
  let parameter: ParameterProblem | undefined;
  if (i.params && typeof i.params === 'object')
    for (const [k, v] of Object.entries(i.params as object)) {
      if (k === 'parameter' && typeof v === 'object' && v !== null) parameter = v as ParameterProblem;
      else if (k !== 'field') params[k] = scalar(v);
    }
  switch (issue.code) {
    case 'invalid_type':
      params.expected = issue.expected;
      if ('input' in i) params.received = typeOf(i.input);
      break;
    case 'too_small':
      Object.assign(params, {
        origin: issue.origin,
        minimum: scalar(issue.minimum),
        inclusive: issue.inclusive ? 'yes' : 'no',
      });
      break;
    case 'too_big':
      Object.assign(params, {
        origin: issue.origin,
        maximum: scalar(issue.maximum),
        inclusive: issue.inclusive ? 'yes' : 'no',
      });
      break;
    case 'invalid_format':
      params.format = issue.format;
      break;
    case 'invalid_value':
      params.values = issue.values.map((v) => JSON.stringify(v)).join(', ');
      break;
    case 'unrecognized_keys':
      params.keys = issue.keys.join(', ');
      break;
    case 'not_multiple_of':
      params.divisor = scalar(issue.divisor);
      break;
    default:
      break;
  }
  return {
    code: issue.code ?? 'custom',
    ...(field ? { field } : {}),
    ...(parameter ? { parameter } : {}),
    ...(Object.keys(params).length > 0 ? { params } : {}),
  };
};

/** A parameter of a question that cannot be read (src/documents/parameters.ts), as data. */
export type ParameterProblem =
  | { readonly parameter: 'month' | 'date' | 'knownAt'; readonly case: 'format'; readonly value: string }
  | {
      readonly parameter: 'month' | 'date' | 'knownAt';
      readonly case: 'range';
      readonly value: string;
      readonly first: string;
      readonly last: string;
    };

/** A field of a command or a request that is wrong: where, in English, and as data. */
export interface FieldProblem {
  readonly path: string;
  /** What is wrong, in English (the ledger's schemas word it). */
  readonly message: string;
  /** The same as data, for the edges to word it in the reader's language. */
  readonly issue?: FieldIssue;
}
