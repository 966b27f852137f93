#!/usr/bin/env node
/**
 * `vpn-ledger`: the command-line edge of the contract ledger. Every subcommand lives in its own
 * module under ./commands; output formatting in ./format; the store in ./store-spec.
 *
 * Exit codes (./errors): 0 ok, 1 rejected / not found / verification failed, 2 usage, 70 internal.
 */
import { Command, CommanderError } from 'commander';
import { registerApply } from './commands/apply';
import { registerCatalog } from './commands/catalog';
import { registerCharges } from './commands/charges';
import { registerDeadlines } from './commands/deadlines';
import { registerDemo } from './commands/demo';
import { registerExplain } from './commands/explain';
import { registerReplay } from './commands/replay';
import { registerState } from './commands/state';
import { registerTerms } from './commands/terms';
import { registerTimeline } from './commands/timeline';
import { registerVerify } from './commands/verify';
import { CliError, EXIT, type ExitCode } from './errors';
import { err, type Io, processIo } from './io';
import { packageVersion } from './paths';

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
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`vpn-ledger: ${s.replace(/^error: /, '')}`),
    });
  registerApply(program, io, setExit);
  registerCharges(program, io, setExit);
  registerTimeline(program, io, setExit);
  registerExplain(program, io, setExit);
  registerState(program, io, setExit);
  registerTerms(program, io, setExit);
  registerDeadlines(program, io, setExit);
  registerReplay(program, io, setExit);
  registerVerify(program, io, setExit);
  registerDemo(program, io, setExit);
  registerCatalog(program, io, setExit);
  program.addHelpText(
    'after',
    '\nExit codes: 0 ok; 1 rejected, unknown or failed verification; 2 usage error; 70 internal error.\nSee docs/cli.md and examples/README.md.',
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
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message (or the help) already.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.OK;
      return EXIT.USAGE;
    }
    if (error instanceof CliError) {
      err(io, `vpn-ledger: ${error.message}`);
      if (debug(io) && error.stack) err(io, error.stack);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    err(io, `vpn-ledger: internal error: ${message.split('\n')[0]}`);
    if (debug(io)) err(io, error instanceof Error && error.stack ? error.stack : String(error));
    else err(io, 'vpn-ledger: (set VPN_LEDGER_DEBUG=1 for the stack trace)');
    return EXIT.INTERNAL;
  }
};

/** Exits once stdout and stderr have drained, so that piped output is never cut short. */
const exitAfterFlush = (code: number): void => {
  let pending = 2;
  const done = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
};

if (require.main === module) {
  // `vpn-ledger charges ... | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT.OK);
  });
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(
      `vpn-ledger: internal error: ${reason instanceof Error ? reason.message : String(reason)}\n`,
    );
    process.exit(EXIT.INTERNAL);
  });
  void main().then(exitAfterFlush);
}
