/**
 * How the CLI ends. Exit codes are part of its interface:
 *   0  success
 *   1  the ledger said no: a rejected command, an invalid JSON line, an unknown contract or charge
 *      line, a failed verification
 *   2  usage: a bad option or argument, a missing or unreadable input file, a store that cannot
 *      be named or found (a missing directory, a missing file for a read command), a file that is
 *      not a vpn-ledger file
 *  70  internal error (a bug): `vpn-ledger: internal error: <message>`, stack with VPN_LEDGER_DEBUG=1
 *  74  the output could not be written (the disk is full, the output was closed): what was done
 *      is said on stderr; `apply` stops at the next line (sysexits' EX_IOERR)
 * 141  the reader closed the pipe (`vpn-ledger apply ... | head`): nothing is said, as a program
 *      killed by SIGPIPE says nothing (128 + 13, what a shell reports for one); `apply` stops at the
 *      next line, and applying the file again goes on from there
 */
import { type CliKey, cliText } from '../render/cli-words';
import type { Values } from '../render/intl';
import type { Lang } from '../render/lang';

export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2, INTERNAL: 70, OUTPUT: 74, PIPE: 141 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A message of the CLI's catalog with its values: worded when it is printed, in the run's language. */
export interface Said {
  readonly key: CliKey;
  readonly values?: Values;
}

export const said = (key: CliKey, values: Values = {}): Said => ({ key, values });

/** An error the user can act on: printed as one line, `vpn-ledger: <message>`, never with a stack. */
export class CliError extends Error {
  private readonly said: Said | null;

  constructor(
    message: string | Said,
    readonly exitCode: ExitCode,
  ) {
    super(typeof message === 'string' ? message : cliText('en', message.key, message.values));
    this.name = 'CliError';
    this.said = typeof message === 'string' ? null : message;
  }

  /** The message in `lang` (a message given already worded is as it was given). */
  text(lang: Lang): string {
    return this.said === null ? this.message : cliText(lang, this.said.key, this.said.values);
  }
}

export const usageError = (message: string | Said): CliError => new CliError(message, EXIT.USAGE);
export const failure = (message: string | Said): CliError => new CliError(message, EXIT.FAILURE);

/** Why a file cannot be read, as the CLI says it: ENOENT and the like by name, anything else as the system said it. */
export const cannotRead = (
  what: 'privateKey' | 'publicKey' | 'seal' | 'catalog' | 'other',
  path: string,
  error: unknown,
) => {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return said('file.cannotRead', {
    what,
    path,
    problem: ['ENOENT', 'EACCES', 'EPERM', 'EISDIR'].includes(code) ? code : code || (error as Error).message,
  });
};
