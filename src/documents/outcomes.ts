/**
 * A run of command lines (`apply`, `what-if`, POST /v1/commands/batch and /v1/what-if): each line's
 * outcome, its JSON as `apply --format json` writes it, and the run's counts. Which lines are
 * command lines (blank and comment lines are not) is json-lines.ts's commandLines, for every edge.
 */
import type { FieldProblem } from '../ledger/command-envelope';
import type { CommandResult } from '../ledger/ledger';
import { renderer } from '../render';
import { cliText } from '../render/cli-words';
import { fieldProblemText } from '../render/field-problems';
import type { Lang } from '../render/lang';
import type { NotACommand } from './json-lines';

export type LineOutcome =
  | { readonly line: number; readonly kind: 'result'; readonly result: CommandResult }
  | NotACommand;

/** Why a line is no command, in `lang` (English: as JSON.parse and the reader said it). */
export const lineMessage = (
  outcome: Extract<LineOutcome, { kind: 'invalid-json' | 'unreadable' }>,
  lang: Lang,
): string => {
  if (lang === 'en') return outcome.message;
  if (outcome.kind === 'unreadable') {
    const r = outcome.reason;
    if (r === undefined) return outcome.message;
    return r.kind === 'too-long'
      ? cliText(lang, 'line.tooLong', { bytes: r.bytes.toLocaleString('en-US') })
      : cliText(lang, 'line.notUtf8');
  }
  const p = outcome.problem;
  if (p === undefined) return outcome.message;
  return p.kind === 'duplicate-key'
    ? cliText(lang, 'line.duplicateKey', { key: p.key, position: p.position })
    : cliText(lang, 'line.syntax', { message: outcome.message, position: p.position ?? 'none' });
};

/** Field problems as the v1 documents write them: where, what (in `lang`), and the issue as data. */
export const problemsJson = (problems: readonly FieldProblem[], lang: Lang) =>
  problems.map((p) => ({ ...p, message: fieldProblemText(lang, p) }));

/** A line the server took but could not run (its store failed, the queue timed out): a batch's alone. */
export interface FailedLine {
  readonly line: number;
  readonly kind: 'failed';
  readonly message: string;
}

/** A line that fails the run (`apply` and `what-if` exit 1, `--stop-on-error` stops there): not accepted. */
export const failsRun = (o: LineOutcome | FailedLine): boolean =>
  o.kind !== 'result' || o.result.status === 'rejected';

/** What a run of command lines did: each command line counted once, by its outcome. */
export interface RunCounts {
  readonly lines: number;
  readonly accepted: number;
  /** Accepted lines whose command id had been handled before (they wrote nothing). */
  readonly repeated: number;
  readonly rejected: number;
  readonly invalidJson: number;
  readonly unreadable: number;
  readonly failed: number;
  /** What this run wrote: not what a repeat found, nor the half an earlier run wrote. */
  readonly eventsWritten: number;
}

/** The counts of a run, kept as its lines' outcomes come (a run may be far too long to hold). */
export class RunTally {
  private readonly c = {
    lines: 0,
    accepted: 0,
    repeated: 0,
    rejected: 0,
    invalidJson: 0,
    unreadable: 0,
    failed: 0,
    eventsWritten: 0,
  };

  /** Counts one line's outcome; true when it fails the run. */
  add(o: LineOutcome | FailedLine): boolean {
    const c = this.c;
    c.lines += 1;
    if (o.kind === 'invalid-json') c.invalidJson += 1;
    else if (o.kind === 'unreadable') c.unreadable += 1;
    else if (o.kind === 'failed') c.failed += 1;
    else if (o.result.status === 'accepted') {
      c.accepted += 1;
      if (o.result.repeated) c.repeated += 1;
      c.eventsWritten += o.result.eventsWritten;
    } else c.rejected += 1;
    return failsRun(o);
  }

  /** The command lines counted so far. */
  get lines(): number {
    return this.c.lines;
  }

  counts(): RunCounts {
    return { ...this.c };
  }
}

/**
 * A command's result as the v1 documents write it: the ledger's CommandResult, and for a rejection
 * its `message` (after `article`), rendered in `lang` from the code and parameters. Revisions are
 * decimal strings once encoded.
 */
export const resultJson = (r: CommandResult, lang: Lang = 'en'): Record<string, unknown> => {
  if (r.status === 'accepted') return r;
  const { status, commandId, type, code, article, problems, ...rest } = r;
  return {
    status,
    commandId,
    type,
    code,
    article,
    message: renderer(lang).resultMessage(r),
    ...rest,
    ...(problems === undefined ? {} : { problems: problemsJson(problems, lang) }),
  };
};

/** The machine form of a line's outcome (`apply --format json`, a batch's `results`): its line and result. */
export const outcomeJson = (outcome: LineOutcome | FailedLine, lang: Lang = 'en'): Record<string, unknown> =>
  outcome.kind === 'result'
    ? { line: outcome.line, ...resultJson(outcome.result, lang) }
    : {
        line: outcome.line,
        status: outcome.kind,
        message: outcome.kind === 'failed' ? outcome.message : lineMessage(outcome, lang),
      };
