/**
 * `vpn-ledger apply <file|->`: JSON Lines of commands through the ledger, one result per line.
 * Blank lines and lines starting with '#' are skipped. Accepted lines are reported on stdout,
 * rejected and unreadable lines on stderr (with --format json every result is one JSON line on
 * stdout), and a summary closes the run on stderr. When the output cannot be written (the reader
 * went away, the disk is full) the run stops at the next line and says on stderr what it applied.
 */
import { createReadStream, fstatSync, openSync } from 'node:fs';
import { type Command, Option } from 'commander';
import type { TermsConfig } from '../../aggregates/context';
import { toJsonLine } from '../../documents/encoding';
import { commandLines, type InputLine, readLines } from '../../documents/json-lines';
import {
  type LineOutcome,
  lineMessage,
  outcomeJson,
  type RunCounts,
  RunTally,
} from '../../documents/outcomes';
import { systemClock } from '../../ledger/clock';
import { Ledger } from '../../ledger/ledger';
import { renderer } from '../../render';
import { help } from '../../render/cli-help';
import { cliText } from '../../render/cli-words';
import { fieldProblemText } from '../../render/field-problems';
import type { Lang } from '../../render/lang';
import type { EventStore } from '../../store/port';
import { withLedger } from '../context';
import { CliError, cannotRead, EXIT, type ExitCode, said, usageError } from '../errors';
import { inline } from '../format';
import { describeWriteFailure, err, type Io, outputFailure, readerGone } from '../io';
import { langOf, langOption } from '../lang';
import { storeOption } from '../options';
import { type Progress, progressFormat, startProgress } from '../progress';
import { catalogOption, termsConfigWithCatalog } from './catalog';

/** Above this many lines a terminal gets a progress bar. */
export const PROGRESS_THRESHOLD = 200;

/** The run's counts (src/documents/outcomes.ts, as a batch counts them), and where and how fast it ran. */
export interface ApplySummary extends RunCounts {
  /** The line the run stopped at (--stop-on-error, or the output failed), or null when it read every line. */
  readonly stoppedAt: number | null;
  readonly stopReason: 'error' | 'output' | null;
  readonly seconds: number;
}

export interface ApplyOptions {
  readonly stopOnError: boolean;
  readonly onOutcome: (outcome: LineOutcome) => void;
  /** Called after each command line with the number of lines read so far. */
  readonly onLine?: (lineNumber: number, summary: ApplySummary) => void;
  /** Asked after each line's outcome was reported: true stops the run there (the output failed). */
  readonly outputFailed?: () => boolean;
  /** The deployment's settings for the deciders (the provider catalog); the defaults when absent. */
  readonly terms?: TermsConfig;
}

/** Runs every command line of `lines` (text, or lines from readLines) through a ledger on `store`. */
export const applyLines = async (
  store: EventStore,
  lines: AsyncIterable<string | InputLine> | Iterable<string | InputLine>,
  options: ApplyOptions,
): Promise<ApplySummary> => {
  const ledger = new Ledger({
    store,
    clock: systemClock,
    ...(options.terms ? { terms: options.terms } : {}),
  });
  const started = process.hrtime.bigint();
  const tally = new RunTally();
  let stoppedAt: number | null = null;
  let stopReason: ApplySummary['stopReason'] = null;
  const summary = (): ApplySummary => ({
    ...tally.counts(),
    stoppedAt,
    stopReason,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  });
  /** Counts and reports a line's outcome; true when the run must stop there. */
  const report = (outcome: LineOutcome): boolean => {
    const failed = tally.add(outcome);
    options.onOutcome(outcome);
    const reason = options.outputFailed?.() ? 'output' : failed && options.stopOnError ? 'error' : null;
    if (reason === null) return false;
    stoppedAt = outcome.line;
    stopReason = reason;
    return true;
  };
  for await (const item of commandLines(lines)) {
    if (item.kind !== 'command') {
      if (report(item)) break;
      continue;
    }
    const result = await ledger.execute(item.input);
    const stop = report({ line: item.line, kind: 'result', result });
    options.onLine?.(item.line, summary());
    if (stop) break;
    // Let timers (the progress bar) and failed writes' callbacks run now and then: the SQLite
    // adapter never yields on its own, and a failed write of output is known only after a tick.
    if (tally.lines % 10 === 0) await new Promise((r) => setImmediate(r));
  }
  return summary();
};

/**
 * `line 3: accepted StartBilling (cmd-3) → BillingStarted`, or the rejection with its article.
 * Each is ONE line whatever the input held: what the input named (a type, a command id, an
 * unknown key) is shown with its newlines and control characters escaped.
 */
export const describeOutcome = (
  outcome: LineOutcome,
  lang: Lang = 'en',
  /** `would`: a dry run's outcome (`what-if` says "would be accepted"). */
  mood: 'did' | 'would' = 'did',
): { stream: 'stdout' | 'stderr'; lines: string[] } => {
  const w = renderer(lang);
  const line = outcome.line;
  if (outcome.kind === 'invalid-json')
    return {
      stream: 'stderr',
      lines: [w.ui('apply.invalidJson', { line, message: inline(lineMessage(outcome, lang)) })],
    };
  if (outcome.kind === 'unreadable')
    return {
      stream: 'stderr',
      lines: [w.ui('apply.unreadable', { line, message: inline(lineMessage(outcome, lang)) })],
    };
  const r = outcome.result;
  if (r.status === 'accepted') {
    const events = r.events.map((e) => e.type).join(', ') || w.ui('apply.noEvents');
    return {
      stream: 'stdout',
      lines: [
        w.ui('apply.accepted', {
          line,
          mood,
          type: r.type,
          commandId: r.commandId,
          events,
          repeated: r.repeated ? 'yes' : 'no',
        }),
      ],
    };
  }
  const lines = [
    w.ui('apply.rejected', {
      line,
      mood,
      what:
        lang === 'ja'
          ? `${inline(r.type ?? cliText(lang, 'apply.noType'))}（${inline(r.commandId ?? cliText(lang, 'apply.noCommandId'))}）`
          : `${inline(r.type ?? cliText(lang, 'apply.noType'))} (${inline(r.commandId ?? cliText(lang, 'apply.noCommandId'))})`,
      code: r.code,
      article: r.citation.length === 0 ? 'none' : w.citation(r.citation),
      message: inline(w.resultMessage(r)),
      field: r.field ? inline(r.field) : 'none',
    }),
  ];
  if (r.problems && r.problems.length > 1)
    for (const p of r.problems) lines.push(`    ${inline(p.path)}: ${inline(fieldProblemText(lang, p))}`);
  return { stream: 'stderr', lines };
};

export const summaryText = (s: ApplySummary, lang: Lang = 'en'): string =>
  renderer(lang).ui('apply.summary', {
    lines: s.lines,
    accepted: s.accepted,
    repeated: s.repeated,
    rejected: s.rejected,
    invalidJson: s.invalidJson,
    unreadable: s.unreadable,
    eventsWritten: s.eventsWritten,
    seconds: s.seconds.toFixed(2),
    rate: s.seconds > 0 ? Math.round(s.lines / s.seconds) : s.lines,
    stopped: s.stoppedAt === null ? 'none' : (s.stopReason ?? 'error'),
    stoppedAt: s.stoppedAt ?? 0,
  });

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
 * A command file ('-' is stdin) as numbered lines (readLines); a missing or unreadable file is a
 * usage error at once: the file is opened here, and read only when iteration starts.
 */
export const openLines = (io: Io, file: string): AsyncIterable<InputLine> => {
  if (file === '-') return readLines(io.stdin as AsyncIterable<Buffer | string>);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw usageError(cannotRead('other', file, error));
  }
  if (fstatSync(fd).isDirectory())
    throw usageError(said('file.cannotRead', { what: 'other', path: file, problem: 'EISDIR' }));
  return {
    [Symbol.asyncIterator]: () => readLines(createReadStream('', { fd }))[Symbol.asyncIterator](),
  };
};

interface ApplyCliOptions {
  readonly store?: string;
  readonly stopOnError?: boolean;
  readonly format: 'text' | 'json';
  readonly quiet?: boolean;
  readonly catalog?: string;
  readonly lang?: Lang;
}

export const runApply = async (io: Io, file: string, opts: ApplyCliOptions): Promise<ExitCode> => {
  const lang = langOf(io, opts.lang);
  const terms = termsConfigWithCatalog(opts.catalog);
  const lines = openLines(io, file);
  const total = file !== '-' && io.stderr.isTTY ? await countLines(file) : 0;
  return withLedger(io, opts.store, { access: 'write', lang }, async ({ ledger }) => {
    const store = ledger.store;
    const progress: Progress = startProgress(io, {
      total,
      enabled: total > PROGRESS_THRESHOLD,
      format: progressFormat(lang, 'progress.apply'),
      payload: { rate: 0, rejected: 0 },
    });
    const summary = await applyLines(store, lines, {
      terms,
      stopOnError: opts.stopOnError === true,
      onOutcome: (outcome) => {
        if (opts.format === 'json') {
          progress.log('stdout', toJsonLine(outcomeJson(outcome, lang)));
          return;
        }
        const { stream, lines: text } = describeOutcome(outcome, lang);
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
      outputFailed: () => outputFailure(io) !== null,
    });
    progress.stop();
    const failed = outputFailure(io);
    // The reader went away (`apply ... | head`): the run ends there, quietly, as a program killed by
    // SIGPIPE does; applying the file again goes on where it stopped (what was applied is repeated).
    if (readerGone(failed)) throw new CliError('the reader closed the pipe', EXIT.PIPE);
    if (failed) {
      throw new CliError(
        said('apply.outputFailed', {
          reason: describeWriteFailure(failed, lang),
          stoppedAt: summary.stoppedAt ?? 'none',
          done: cliText(lang, 'apply.done', {
            lines: summary.lines,
            accepted: summary.accepted,
            repeated: summary.repeated,
            rejected: summary.rejected,
            invalidJson: summary.invalidJson,
            unreadable: summary.unreadable,
            eventsWritten: summary.eventsWritten,
          }),
        }),
        EXIT.OUTPUT,
      );
    }
    err(io, summaryText(summary, lang));
    return summary.rejected > 0 || summary.invalidJson > 0 || summary.unreadable > 0 ? EXIT.FAILURE : EXIT.OK;
  });
};

export const registerApply = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  program
    .command('apply')
    .description(help(lang, 'apply'))
    .argument('<file>', help(lang, 'apply.file'))
    .addOption(storeOption(lang))
    .option('--stop-on-error', help(lang, 'opt.stopOnError'))
    .option('-q, --quiet', help(lang, 'apply.quiet'))
    .addOption(catalogOption(lang))
    .addOption(langOption(lang))
    .addOption(
      new Option('--format <format>', help(lang, 'apply.format')).choices(['text', 'json']).default('text'),
    )
    .action(async (file: string, opts: ApplyCliOptions) => setExit(await runApply(io, file, opts)));
};
