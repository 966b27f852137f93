#!/usr/bin/env node
/**
 * `vpn-ledger`: the command-line edge of the contract ledger. Every subcommand lives in its own
 * module under ./commands; output formatting in ./format; the store in ./store-spec.
 *
 * Exit codes (./errors): 0 ok, 1 rejected / not found / verification failed, 2 usage, 70 internal,
 * 74 the output could not be written.
 */
import { Command, CommanderError } from 'commander';
import { packageVersion } from '../documents/package';
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

export const buildProgram = (io: Io, setExit: (code: ExitCode) => void): Command => {
  const program = new Command('vpn-ledger')
    .description(
      'Event-sourced contract ledger for IIJ Managed VPN PRO contracts (terms edition 2024-08-01).\n' +
        'Store: --store sqlite:PATH | :memory: | esdb://... (env VPN_LEDGER_STORE; default sqlite:./ledger.db).',
    )
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(escapeControls(s)),
      writeErr: (s) => io.stderr.write(escapeControls(s)),
      outputError: (s, write) => write(`vpn-ledger: ${s.replace(/^error: /, '')}`),
    });
  registerApply(program, io, setExit);
  registerCharges(program, io, setExit);
  registerWhatIf(program, io, setExit);
  registerTimeline(program, io, setExit);
  registerExplain(program, io, setExit);
  registerState(program, io, setExit);
  registerTerms(program, io, setExit);
  registerDeadlines(program, io, setExit);
  registerReplay(program, io, setExit);
  registerVerify(program, io, setExit);
  registerClose(program, io, setExit);
  registerExport(program, io, setExit);
  registerMonths(program, io, setExit);
  registerStatement(program, io, setExit);
  registerViews(program, io, setExit);
  registerDemo(program, io, setExit);
  registerCatalog(program, io, setExit);
  registerServe(program, io, setExit);
  registerToken(program, io, setExit);
  registerWebhooks(program, io, setExit);
  program.addHelpText(
    'after',
    '\nExit codes: 0 ok; 1 rejected, unknown or failed verification; 2 usage error; 70 internal error;\n74 the output could not be written.\nSee docs/cli.md and examples/README.md.',
  );
  return program;
};

const debug = (io: Io): boolean => io.env.VPN_LEDGER_DEBUG === '1';

/** Runs the program on `argv` (process.argv form) and returns the exit code; never throws. */
export const main = async (
  argv: readonly string[] = process.argv,
  io: Io = processIo(),
): Promise<ExitCode> => {
  let exitCode: ExitCode = EXIT.OK;
  try {
    const program = buildProgram(io, (code) => {
      exitCode = code;
    });
    await program.parseAsync([...argv]);
    return checkOutput(io, exitCode as ExitCode); // exitCode is set by the action (setExit)
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message (or the help) already.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.OK;
      return EXIT.USAGE;
    }
    if (error instanceof CliError) {
      err(io, `vpn-ledger: ${inline(error.message)}`);
      if (debug(io) && error.stack) err(io, error.stack);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    err(io, `vpn-ledger: internal error: ${inline(message.split('\n')[0]!)}`);
    if (debug(io)) err(io, error instanceof Error && error.stack ? error.stack : String(error));
    else err(io, 'vpn-ledger: (set VPN_LEDGER_DEBUG=1 for the stack trace)');
    return EXIT.INTERNAL;
  }
};

/**
 * A run whose output could not be written has not done its job, whatever it computed: `charges >
 * /dev/full` or `charges | head -1` ends with exit 74 and says so on stderr.
 */
let outputFailureReported = false;
const checkOutput = (io: Io, code: ExitCode): ExitCode => {
  if (code === EXIT.OUTPUT) return code;
  const failure = outputFailure(io);
  if (failure === null) return code;
  if (!outputFailureReported)
    err(io, `vpn-ledger: cannot write the output: ${describeWriteFailure(failure)}.`);
  outputFailureReported = true;
  return EXIT.OUTPUT;
};

/**
 * Exits once stdout and stderr have drained, so that piped output is never cut short. A write
 * that failed is reported only after the callbacks queued with its failure have run (a write to
 * a file or /dev/full fails on a later tick), hence the setImmediate.
 */
const exitAfterFlush = (code: ExitCode): void => {
  let pending = 2;
  const done = () => {
    pending -= 1;
    if (pending === 0) setImmediate(() => process.exit(checkOutput(processIo(), code)));
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
  void main().then(exitAfterFlush);
}
