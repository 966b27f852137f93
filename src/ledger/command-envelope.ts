import canonicalize from 'canonicalize';
import { z } from 'zod';
import { COMMAND_SCHEMAS, COMMAND_TYPES, type Command, isCommandType } from '../aggregates';
import { Fields } from '../events';
import { type FieldProblem, fieldMessage, issueOf } from '../terms/field-messages';
import { sha256 } from './hash-chain';

/** A command as it arrives (one JSON Lines record of `vpn-ledger apply`). */
export const CommandEnvelopeSchema = z.strictObject({
  type: z.string(),
  commandId: Fields.EnvelopeId,
  actor: Fields.EnvelopeId,
  correlationId: Fields.EnvelopeId.optional(),
  causationId: Fields.EnvelopeId.optional(),
  data: z.unknown(),
});

export type { FieldProblem };

export interface ParsedCommand {
  readonly command: Command;
  readonly commandId: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** sha-256 of the canonical JSON of type, actor and data: what "the same payload" means. */
  readonly hash: string;
}

/**
 * The most a command may hold, checked before its schemas are: far above any real command (an
 * application names a few devices and subnets), low enough that no command makes the ledger list
 * millions of problems (one request of 2 million bad item ids took 18 s and answered 464 MB).
 */
export const COMMAND_BOUNDS = { arrayItems: 1_000, objectFields: 100, depth: 16 } as const;

/** Problems listed at most; the count of the others is given (`more`). */
export const MAX_LISTED_PROBLEMS = 20;

/** Unknown field names listed at most in one problem. */
const MAX_LISTED_KEYS = 10;

const count = (n: number) => n.toLocaleString('en-US');

/** Where a value breaks COMMAND_BOUNDS (the first place), or null. Walks only as far as it must. */
const beyondBounds = (value: unknown, path: string[], depth: number): FieldProblem | null => {
  if (value === null || typeof value !== 'object') return null;
  const where = path.join('.') || '(root)';
  if (depth > COMMAND_BOUNDS.depth)
    return { path: where, message: `nested more than ${COMMAND_BOUNDS.depth} levels deep` };
  if (Array.isArray(value)) {
    if (value.length > COMMAND_BOUNDS.arrayItems) {
      return {
        path: where,
        message: `at most ${count(COMMAND_BOUNDS.arrayItems)} items (${count(value.length)} given)`,
      };
    }
    for (let i = 0; i < value.length; i++) {
      const found = beyondBounds(value[i], [...path, String(i)], depth + 1);
      if (found) return found;
    }
    return null;
  }
  const keys = Object.keys(value);
  if (keys.length > COMMAND_BOUNDS.objectFields) {
    return {
      path: where,
      message: `at most ${count(COMMAND_BOUNDS.objectFields)} fields (${count(keys.length)} given)`,
    };
  }
  for (const key of keys) {
    const found = beyondBounds((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
};

/** Every issue of a zod error as a field problem, its path under `prefix`. */
export const fieldProblems = (error: z.ZodError, prefix: string): FieldProblem[] =>
  error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)';
    if (issue.code === 'unrecognized_keys') {
      const listed = issue.keys.slice(0, MAX_LISTED_KEYS).join(', ');
      const more = issue.keys.length - MAX_LISTED_KEYS;
      const keys = `${listed}${more > 0 ? ` and ${count(more)} more` : ''}`;
      return {
        path: path || '(root)',
        message: fieldMessage('unknownFields', { keys }),
        issue: {
          code: 'unrecognized_keys',
          field: 'unknownFields',
          params: { keys: `${listed}${more > 0 ? ` (+${count(more)})` : ''}` },
        },
      };
    }
    return { path, message: issue.message, issue: issueOf(issue) };
  });

/** The input is reported with each issue (`reportInput`), so that a field problem can say what was given. */
const REPORT = { reportInput: true } as const;

/** A command's problems as listed: the first MAX_LISTED_PROBLEMS, and how many more there are. */
export interface InvalidCommand {
  readonly ok: false;
  readonly problems: FieldProblem[];
  /** Problems found but not listed (0 when all are). */
  readonly more: number;
}

const invalid = (problems: FieldProblem[]): InvalidCommand => ({
  ok: false,
  problems: problems.slice(0, MAX_LISTED_PROBLEMS),
  more: Math.max(0, problems.length - MAX_LISTED_PROBLEMS),
});

export const parseCommand = (input: unknown): { ok: true; value: ParsedCommand } | InvalidCommand => {
  const bound = beyondBounds(input, [], 0);
  if (bound) return invalid([bound]);
  const envelope = CommandEnvelopeSchema.safeParse(input, REPORT);
  if (!envelope.success) return invalid(fieldProblems(envelope.error, ''));
  const { type, commandId, actor, data } = envelope.data;
  if (!isCommandType(type)) {
    const known = COMMAND_TYPES.join(', ');
    return invalid([
      {
        path: 'type',
        message: fieldMessage('unknownCommandType', { type, known }),
        issue: { code: 'custom', field: 'unknownCommandType', params: { type, known } },
      },
    ]);
  }
  const parsed = COMMAND_SCHEMAS[type].safeParse(data, REPORT);
  if (!parsed.success) return invalid(fieldProblems(parsed.error, 'data'));
  const command = { type, data: parsed.data } as Command;
  return {
    ok: true,
    value: {
      command,
      commandId,
      actor,
      correlationId: envelope.data.correlationId ?? commandId,
      causationId: envelope.data.causationId ?? commandId,
      hash: sha256(canonicalize({ type, actor, data: parsed.data }) ?? ''),
    },
  };
};
