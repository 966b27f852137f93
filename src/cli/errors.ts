/**
 * How the CLI ends. Exit codes are part of its interface:
 *   0  success
 *   1  the ledger said no: a rejected command, an invalid JSON line, an unknown contract or charge
 *      line, a failed verification
 *   2  usage: a bad option or argument, a missing or unreadable input file, a store that cannot
 *      be named or found (a missing directory, a missing file for a read command), a file that is
 *      not a vpn-ledger file
 *  70  internal error (a bug): `vpn-ledger: internal error: <message>`, stack with VPN_LEDGER_DEBUG=1
 *  74  the output could not be written (the reader closed the pipe, the disk is full): what was
 *      done is said on stderr; `apply` stops at the next line (sysexits' EX_IOERR)
 */
export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2, INTERNAL: 70, OUTPUT: 74 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the user can act on: printed as one line, `vpn-ledger: <message>`, never with a stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string): CliError => new CliError(message, EXIT.USAGE);
export const failure = (message: string): CliError => new CliError(message, EXIT.FAILURE);
