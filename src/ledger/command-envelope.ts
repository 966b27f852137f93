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

/** Every issue of a zod error as a field problem, its path under `prefix`. */
export const fieldProblems = (error: z.ZodError, prefix: string): FieldProblem[] =>
  error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)';
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.join(', ');
      return {
        path,
        message: fieldMessage('unknownFields', { keys }),
        issue: { code: 'unrecognized_keys', field: 'unknownFields', params: { keys } },
      };
    }
    return { path, message: issue.message, issue: issueOf(issue) };
  });

/** The input is reported with each issue (`reportInput`), so that a field problem can say what was given. */
const REPORT = { reportInput: true } as const;

export const parseCommand = (
  input: unknown,
): { ok: true; value: ParsedCommand } | { ok: false; problems: FieldProblem[] } => {
  const envelope = CommandEnvelopeSchema.safeParse(input, REPORT);
  if (!envelope.success) return { ok: false, problems: fieldProblems(envelope.error, '') };
  const { type, commandId, actor, data } = envelope.data;
  if (!isCommandType(type)) {
    return {
      ok: false,
      problems: [
        {
          path: 'type',
          message: fieldMessage('unknownCommandType', { type, known: COMMAND_TYPES.join(', ') }),
          issue: {
            code: 'custom',
            field: 'unknownCommandType',
            params: { type, known: COMMAND_TYPES.join(', ') },
          },
        },
      ],
    };
  }
  const parsed = COMMAND_SCHEMAS[type].safeParse(data, REPORT);
  if (!parsed.success) return { ok: false, problems: fieldProblems(parsed.error, 'data') };
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
