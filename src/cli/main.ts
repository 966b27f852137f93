#!/usr/bin/env node
/**
 * `vpn-ledger`: the command-line edge of the contract ledger. Every subcommand lives in its own
 * module under ./commands; output formatting in ./format; the store in ./store-spec. The language of
 * a run is known before commander parses (./lang: langOfArgs), and the program is built in it
 * (./commander): its help, commander's errors and every message.
 *
 * Exit codes (./errors): 0 ok, 1 rejected / not found / verification failed, 2 usage, 70 internal,
 * 74 the output could not be written, 141 the reader closed the pipe.
 */
import { CommanderError } from 'commander';
import { packageVersion } from '../documents/package';
import { help } from '../render/cli-help';
import { cliText } from '../render/cli-words';
import type { Lang } from '../render/lang';
import { LocalCommand } from './commander';
import { registerApply } from './commands/apply';
import { registerCatalog } from './commands/catalog';
import { registerCharges } from './commands/charges';
import { registerClose } from './commands/close';
import { registerDeadlines } from './commands/deadlines';
import { registerDemo } from './commands/demo';
import { registerExplain } from './commands/explain';
import { registerExport } from './commands/export';
import { registerMonths } from './commands/months';
import { registerReplay } from './commands/replay';
import { registerServe } from './commands/serve';
import { registerState } from './commands/state';
import { registerStatement } from './commands/statement';
import { registerTerms } from './commands/terms';
import { registerTimeline } from './commands/timeline';
import { registerToken } from './commands/token';
import { registerVerify } from './commands/verify';
import { registerViews } from './commands/views';
import { registerWebhooks } from './commands/webhooks';
import { registerWhatIf } from './commands/what-if';
import { CliError, EXIT, type ExitCode } from './errors';
import { escapeControls, inline } from './format';
import {
  describeWriteFailure,
  err,
  type Io,
  outputFailure,
  processIo,
  recordWriteFailure,
  watchWrites,
} from './io';
import { langOfArgs } from './lang';

export const buildProgram = (io: Io, setExit: (code: ExitCode) => void, lang: Lang = 'en'): LocalCommand => {
  const program = new LocalCommand('vpn-ledger', lang)
    .description(help(lang, 'program'))
    .version(packageVersion(), '-V, --version', help(lang, 'option.version'))
    .helpOption('-h, --help', help(lang, 'option.help'))
    .helpCommand('help [command]', help(lang, 'command.help'))
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(escapeControls(s)),
      writeErr: (s) => io.stderr.write(escapeControls(s)),
      outputError: (s, write) => write(`vpn-ledger: ${s.replace(/^error: /, '')}`),
    });
  registerApply(program, io, setExit, lang);
  registerCharges(program, io, setExit, lang);
  registerWhatIf(program, io, setExit, lang);
  registerTimeline(program, io, setExit, lang);
  registerExplain(program, io, setExit, lang);
  registerState(program, io, setExit, lang);
  registerTerms(program, io, setExit, lang);
  registerDeadlines(program, io, setExit, lang);
  registerReplay(program, io, setExit, lang);
  registerVerify(program, io, setExit, lang);
  registerClose(program, io, setExit, lang);
  registerExport(program, io, setExit, lang);
  registerMonths(program, io, setExit, lang);
  registerStatement(program, io, setExit, lang);
  registerViews(program, io, setExit, lang);
  registerDemo(program, io, setExit, lang);
  registerCatalog(program, io, setExit, lang);
  registerServe(program, io, setExit, lang);
  registerToken(program, io, setExit, lang);
  registerWebhooks(program, io, setExit, lang);
  program.addHelpText('after', help(lang, 'program.after'));
  return program;
};

const debug = (io: Io): boolean => io.env.VPN_LEDGER_DEBUG === '1';

/** Runs the program on `argv` (process.argv form) and returns the exit code; never throws. */
export const main = async (
  argv: readonly string[] = process.argv,
  io: Io = processIo(),
): Promise<ExitCode> => {
  let exitCode: ExitCode = EXIT.OK;
  const lang = langOfArgs(argv.slice(2), io.env);
  try {
    const program = buildProgram(
      io,
      (code) => {
        exitCode = code;
      },
      lang,
    );
    await program.parseAsync([...argv]);
    return checkOutput(io, exitCode as ExitCode, lang); // exitCode is set by the action (setExit)
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message (or the help) already.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.OK;
      return EXIT.USAGE;
    }
    if (error instanceof CliError) {
      // A closed pipe ends a run quietly, as a program killed by SIGPIPE says nothing.
      if (error.exitCode !== EXIT.PIPE) err(io, `vpn-ledger: ${inline(error.text(lang))}`);
      if (debug(io) && error.stack) err(io, error.stack);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    err(io, `vpn-ledger: ${cliText(lang, 'run.internal', { message: inline(message.split('\n')[0]!) })}`);
    if (debug(io)) err(io, error instanceof Error && error.stack ? error.stack : String(error));
    else err(io, `vpn-ledger: ${cliText(lang, 'run.debugHint')}`);
    return EXIT.INTERNAL;
  }
};

/**
 * A run whose output could not be written has not done its job, whatever it computed: `charges >
 * /dev/full` ends with exit 74 and says so on stderr. `charges | head -1` ends with 141 and says
 * nothing: the reader had what it wanted, and closed the pipe (as psql and sqlite3 are then ended
 * by SIGPIPE, which Node ignores).
 */
let outputFailureReported = false;
const checkOutput = (io: Io, code: ExitCode, lang: Lang): ExitCode => {
  if (code === EXIT.OUTPUT || code === EXIT.PIPE) return code;
  const failure = outputFailure(io);
  if (failure === null) return code;
  if (failure.code === 'EPIPE') return EXIT.PIPE;
  if (!outputFailureReported)
    err(
      io,
      `vpn-ledger: ${cliText(lang, 'run.outputFailed', { reason: describeWriteFailure(failure, lang) })}`,
    );
  outputFailureReported = true;
  return EXIT.OUTPUT;
};

/**
 * Exits once stdout and stderr have drained, so that piped output is never cut short. A write
 * that failed is reported only after the callbacks queued with its failure have run (a write to
 * a file or /dev/full fails on a later tick), hence the setImmediate.
 */
const exitAfterFlush =
  (lang: Lang) =>
  (code: ExitCode): void => {
    let pending = 2;
    const done = () => {
      pending -= 1;
      if (pending === 0) setImmediate(() => process.exit(checkOutput(processIo(), code, lang)));
    };
    process.stdout.write('', (error) => {
      if (error) recordWriteFailure(process.stdout, error);
      done();
    });
    process.stderr.write('', done);
  };

if (require.main === module) {
  watchWrites(process.stdout);
  watchWrites(process.stderr);
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(
      `vpn-ledger: internal error: ${reason instanceof Error ? reason.message : String(reason)}\n`,
    );
    process.exit(EXIT.INTERNAL);
  });
  void main().then(exitAfterFlush(langOfArgs(process.argv.slice(2), process.env)));
}
