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
 * A command's result as the v1 documents write it: the ledger's CommandResult, and for a rejection
 * its `message` (after `article`), rendered in `lang` from the code and parameters. Revisions are
 * decimal strings once encoded.
 */
export const resultJson = (r: CommandResult, lang: Lang = 'en'): Record<string, unknown> => {
  if (r.status === 'accepted') return r;
  const { status, commandId, type, code, article, ...rest } = r;
  return { status, commandId, type, code, article, message: renderer(lang).resultMessage(r), ...rest };
};

/** The machine form of a line's outcome (`apply --format json`, a batch's `results`): its line and result. */
export const outcomeJson = (outcome: LineOutcome, lang: Lang = 'en'): Record<string, unknown> =>
  outcome.kind === 'result'
    ? { line: outcome.line, ...resultJson(outcome.result, lang) }
    : { line: outcome.line, status: outcome.kind, message: outcome.message };
