/**
 * A run of command lines (`apply`, `what-if`, POST /v1/commands/batch and /v1/what-if): each line's
 * outcome, and its JSON as `apply --format json` writes it.
 */
import type { CommandResult } from '../ledger/ledger';
import { renderer } from '../render';
import type { Lang } from '../render/lang';

export type LineOutcome =
  | { readonly line: number; readonly kind: 'result'; readonly result: CommandResult }
  | { readonly line: number; readonly kind: 'invalid-json'; readonly message: string }
  /** Too long, or not UTF-8: the line was not read at all. */
  | { readonly line: number; readonly kind: 'unreadable'; readonly message: string };

/** A line that fails the run (`apply` and `what-if` exit 1, `--stop-on-error` stops there): rejected or unread. */
export const failsRun = (o: LineOutcome): boolean => o.kind !== 'result' || o.result.status === 'rejected';

/**
 * The machine form of a line's outcome (`--format json`): the ledger's CommandResult (a rejection
 * with its code, params and citation), its `message` in the chosen language. Revisions are decimal
 * strings.
 */
export const outcomeJson = (outcome: LineOutcome, lang: Lang = 'en'): Record<string, unknown> => {
  if (outcome.kind !== 'result') {
    return { line: outcome.line, status: outcome.kind, message: outcome.message };
  }
  const r = outcome.result;
  if (r.status === 'rejected' && lang !== 'en')
    return { line: outcome.line, ...r, message: renderer(lang).resultMessage(r) };
  return { line: outcome.line, ...r };
};
