/**
 * How the CLI ends. Exit codes are part of its interface:
 *   0  success
 *   1  the ledger said no: a rejected command, an invalid JSON line, an unknown contract or charge
 *      line, a failed verification
 *   2  usage: a bad option or argument, a missing input file, a store that cannot be named or found
 *  70  internal error (a bug): `vpn-ledger: internal error: <message>`, stack with VPN_LEDGER_DEBUG=1
 */
export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2, INTERNAL: 70 } as const;
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
