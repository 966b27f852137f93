/**
 * `vpn-ledger apply <file|->`: JSON Lines of commands through the ledger, one result per line.
 * Blank lines and lines starting with '#' are skipped. Accepted lines are reported on stdout,
 * rejected and unreadable lines on stderr (with --format json every result is one JSON line on
 * stdout), and a summary closes the run on stderr.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { type Command, Option } from 'commander';
import type { TermsConfig } from '../../aggregates/context';
import { systemClock } from '../../ledger/clock';
import { type CommandResult, Ledger } from '../../ledger/ledger';
import type { EventStore } from '../../store/port';
import { withStore } from '../context';
import { EXIT, type ExitCode, usageError } from '../errors';
import { toJsonLine } from '../format';
import { err, type Io } from '../io';
import { storeOption } from '../options';
import { type Progress, startProgress } from '../progress';
import { catalogOption, termsConfigWithCatalog } from './catalog';

/** Above this many lines a terminal gets a progress bar. */
export const PROGRESS_THRESHOLD = 200;

export type LineOutcome =
  | { readonly line: number; readonly kind: 'result'; readonly result: CommandResult }
  | { readonly line: number; readonly kind: 'invalid-json'; readonly message: string };

export interface ApplySummary {
  readonly lines: number;
  readonly accepted: number;
  readonly repeated: number;
  readonly rejected: number;
  readonly invalidJson: number;
  readonly eventsWritten: number;
  /** The line the run stopped at (--stop-on-error), or null when it read every line. */
  readonly stoppedAt: number | null;
  readonly seconds: number;
}

export interface ApplyOptions {
  readonly stopOnError: boolean;
  readonly onOutcome: (outcome: LineOutcome) => void;
  /** Called after each command line with the number of lines read so far. */
  readonly onLine?: (lineNumber: number, summary: ApplySummary) => void;
  /** The deployment's settings for the deciders (the provider catalog); the defaults when absent. */
  readonly terms?: TermsConfig;
}

const isSkipped = (text: string): boolean => text === '' || text.startsWith('#');

/** Runs every command line of `lines` through a ledger on `store`. */
export const applyLines = async (
  store: EventStore,
  lines: AsyncIterable<string> | Iterable<string>,
  options: ApplyOptions,
): Promise<ApplySummary> => {
  const ledger = new Ledger({
    store,
    clock: systemClock,
    ...(options.terms ? { terms: options.terms } : {}),
  });
  const started = process.hrtime.bigint();
  let lineNumber = 0;
  let commands = 0;
  let accepted = 0;
  let repeated = 0;
  let rejected = 0;
  let invalidJson = 0;
  let eventsWritten = 0;
  let stoppedAt: number | null = null;
  const summary = (): ApplySummary => ({
    lines: commands,
    accepted,
    repeated,
    rejected,
    invalidJson,
    eventsWritten,
    stoppedAt,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  });
  for await (const raw of lines) {
    lineNumber += 1;
    const text = (lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (isSkipped(text)) continue;
    commands += 1;
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (error) {
      invalidJson += 1;
      options.onOutcome({ line: lineNumber, kind: 'invalid-json', message: (error as Error).message });
      if (options.stopOnError) {
        stoppedAt = lineNumber;
        break;
      }
      continue;
    }
    const result = await ledger.execute(input);
    if (result.status === 'accepted') {
      accepted += 1;
      if (result.repeated) repeated += 1;
      else eventsWritten += result.events.length;
    } else {
      rejected += 1;
    }
    options.onOutcome({ line: lineNumber, kind: 'result', result });
    options.onLine?.(lineNumber, summary());
    if (result.status === 'rejected' && options.stopOnError) {
      stoppedAt = lineNumber;
      break;
    }
    // Let timers (the progress bar) run now and then: the SQLite adapter never yields on its own.
    if (commands % 100 === 0) await new Promise((r) => setImmediate(r));
  }
  return summary();
};

/** `line 3: accepted StartBilling (cmd-3) → BillingStarted`, or the rejection with its article. */
export const describeOutcome = (outcome: LineOutcome): { stream: 'stdout' | 'stderr'; lines: string[] } => {
  const at = `line ${outcome.line}`;
  if (outcome.kind === 'invalid-json')
    return { stream: 'stderr', lines: [`${at}: invalid JSON: ${outcome.message}`] };
  const r = outcome.result;
  if (r.status === 'accepted') {
    const events = r.events.map((e) => e.type).join(', ') || '(no events)';
    const note = r.repeated ? ' (repeated command id: already applied, nothing new written)' : '';
    return { stream: 'stdout', lines: [`${at}: accepted ${r.type} (${r.commandId}) → ${events}${note}`] };
  }
  const what = `${r.type ?? '(no type)'} (${r.commandId ?? 'no commandId'})`;
  const article = r.article ? ` [${r.article}]` : '';
  const field = r.field ? ` (field ${r.field})` : '';
  const lines = [`${at}: rejected ${what}: ${r.code}${article} ${r.message}${field}`];
  if (r.problems && r.problems.length > 1)
    for (const p of r.problems) lines.push(`    ${p.path}: ${p.message}`);
  return { stream: 'stderr', lines };
};

/** The machine form of a line's outcome (`--format json`). Revisions are decimal strings. */
export const outcomeJson = (outcome: LineOutcome): Record<string, unknown> => {
  if (outcome.kind === 'invalid-json') {
    return { line: outcome.line, status: 'invalid-json', message: outcome.message };
  }
  return { line: outcome.line, ...outcome.result };
};

export const summaryText = (s: ApplySummary): string => {
  const parts = [
    `${s.accepted} accepted${s.repeated ? ` (${s.repeated} repeated)` : ''}`,
    `${s.rejected} rejected`,
  ];
  if (s.invalidJson) parts.push(`${s.invalidJson} invalid JSON`);
  const rate = s.seconds > 0 ? Math.round(s.lines / s.seconds) : s.lines;
  const stopped = s.stoppedAt !== null ? `; stopped at line ${s.stoppedAt} (--stop-on-error)` : '';
  return `${s.lines} command line(s): ${parts.join(', ')}; ${s.eventsWritten} event(s) written in ${s.seconds.toFixed(2)} s (${rate} commands/s)${stopped}`;
};

/** Counts the lines of a file (for the progress bar's total). */
const countLines = async (path: string): Promise<number> => {
  let count = 0;
  let last = 10;
  for await (const chunk of createReadStream(path)) {
    const buf = chunk as Buffer;
    for (let i = 0; i < buf.length; i++) if (buf[i] === 10) count += 1;
    if (buf.length > 0) last = buf[buf.length - 1]!;
  }
  return last === 10 ? count : count + 1;
};

/**
 * A command file ('-' is stdin) as lines; a missing or unreadable file is a usage error at once.
 * The file is opened only when iteration starts: a readline interface created earlier would emit
 * lines (and 'close') before anyone listens, and they would be lost.
 */
export const openLines = (io: Io, file: string): AsyncIterable<string> => {
  if (file !== '-') {
    if (!existsSync(file)) throw usageError(`Cannot read ${file}: no such file.`);
    if (statSync(file).isDirectory()) throw usageError(`Cannot read ${file}: it is a directory.`);
  }
  return {
    [Symbol.asyncIterator]: () => {
      const input = file === '-' ? io.stdin : createReadStream(file, { encoding: 'utf8' });
      return createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })[Symbol.asyncIterator]();
    },
  };
};

interface ApplyCliOptions {
  readonly store?: string;
  readonly stopOnError?: boolean;
  readonly format: 'text' | 'json';
  readonly quiet?: boolean;
  readonly catalog?: string;
}

export const runApply = async (io: Io, file: string, opts: ApplyCliOptions): Promise<ExitCode> => {
  const terms = termsConfigWithCatalog(opts.catalog);
  const lines = openLines(io, file);
  const total = file !== '-' && io.stderr.isTTY ? await countLines(file) : 0;
  return withStore(io, opts.store, {}, async ({ store }) => {
    const progress: Progress = startProgress(io, {
      total,
      enabled: total > PROGRESS_THRESHOLD,
      format:
        'applying |{bar}| {value}/{total} lines | {rate} commands/s | {rejected} rejected | ETA {eta_formatted}',
    });
    const summary = await applyLines(store, lines, {
      terms,
      stopOnError: opts.stopOnError === true,
      onOutcome: (outcome) => {
        if (opts.format === 'json') {
          progress.log('stdout', toJsonLine(outcomeJson(outcome)));
          return;
        }
        const { stream, lines: text } = describeOutcome(outcome);
        if (opts.quiet && stream === 'stdout') return;
        for (const line of text) progress.log(stream, line);
      },
      onLine: (line, s) => {
        if (line % 25 === 0) {
          progress.update(line, {
            rate: s.seconds > 0 ? Math.round(s.lines / s.seconds) : 0,
            rejected: s.rejected,
          });
        }
      },
    });
    progress.stop();
    err(io, summaryText(summary));
    return summary.rejected > 0 || summary.invalidJson > 0 ? EXIT.FAILURE : EXIT.OK;
  });
};

export const registerApply = (program: Command, io: Io, setExit: (code: ExitCode) => void): void => {
  program
    .command('apply')
    .description('execute JSON Lines of commands (a file, or - for stdin) through the ledger')
    .argument('<file>', 'a .jsonl file of commands, or - to read stdin')
    .addOption(storeOption())
    .option('--stop-on-error', 'stop at the first rejected or unreadable line (default: go on)')
    .option('-q, --quiet', 'report only rejected lines and the summary')
    .addOption(catalogOption())
    .addOption(
      new Option('--format <format>', 'text for people, json for one result per line')
        .choices(['text', 'json'])
        .default('text'),
    )
    .action(async (file: string, opts: ApplyCliOptions) => setExit(await runApply(io, file, opts)));
};
