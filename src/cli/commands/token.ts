/**
 * `vpn-ledger token add|list|revoke`: the bearer tokens of `vpn-ledger serve`, in the token file
 * (--tokens PATH, or VPN_LEDGER_TOKENS). Only a token's SHA-256 is kept; `add` prints the token
 * once, on stdout.
 */
import type { Command } from 'commander';
import { isPrincipal, parsePrincipal } from '../../auth/principal';
import { newToken, readTokenFile, TokenFileError, writeTokenFile } from '../../auth/tokens';
import { toJsonText } from '../../documents/encoding';
import { EXIT, type ExitCode, failure, usageError } from '../errors';
import { renderTable } from '../format';
import { err, type Io, out } from '../io';
import { formatOption } from '../options';
import { tokensOption } from './serve';

const readOrUsage = (path: string) => {
  try {
    return readTokenFile(path);
  } catch (error) {
    if (error instanceof TokenFileError) throw usageError(error.message);
    throw error;
  }
};

const write = (path: string, file: ReturnType<typeof readTokenFile>) => {
  try {
    writeTokenFile(path, file);
  } catch (error) {
    throw failure(`Cannot write the token file ${path}: ${(error as Error).message}`);
  }
};

export const registerToken = (program: Command, io: Io, setExit: (code: ExitCode) => void): void => {
  const token = program
    .command('token')
    .description('bearer tokens of `vpn-ledger serve`: add (prints the token once), list, revoke');
  token
    .command('add')
    .description('make a token for a principal: staff, staff:<name> or contractor:<id>')
    .requiredOption('--principal <principal>', 'staff, staff:<name> or contractor:<contractor id>')
    .option('--label <text>', 'what the token is for (a billing system, a person)')
    .option(
      '--expires-in-days <days>',
      'the token stops being accepted after this many days (default: never)',
    )
    .addOption(tokensOption())
    .action((opts: { principal: string; label?: string; expiresInDays?: string; tokens: string }) => {
      const principal = parsePrincipal(opts.principal);
      if (!isPrincipal(principal)) throw usageError(principal.problem);
      if (opts.label !== undefined && opts.label.length > 200)
        throw usageError('--label: at most 200 characters.');
      const days = opts.expiresInDays === undefined ? null : Number(opts.expiresInDays);
      if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= 3_650))
        throw usageError(
          `--expires-in-days: a whole number of days from 1 to 3650, got "${opts.expiresInDays}".`,
        );
      const file = readOrUsage(opts.tokens);
      const now = new Date();
      const expiresAt = days === null ? null : new Date(now.getTime() + days * 86_400_000).toISOString();
      const made = newToken(principal, opts.label ?? null, now.toISOString(), expiresAt);
      write(opts.tokens, { ...file, tokens: [...file.tokens, made.record] });
      out(io, made.token);
      err(
        io,
        `vpn-ledger: token ${made.record.id} for ${principal.id} added to ${opts.tokens}; it is shown only now (send it as Authorization: Bearer <token>).`,
      );
      setExit(EXIT.OK);
    });
  token
    .command('list')
    .description('the tokens: id, principal, label, created, revoked (never the tokens themselves)')
    .addOption(tokensOption())
    .addOption(formatOption())
    .action((opts: { tokens: string; format: 'table' | 'json' }) => {
      const file = readOrUsage(opts.tokens);
      if (opts.format === 'json') {
        out(
          io,
          toJsonText({
            schema: 'vpn-ledger.token-list/v1',
            tokens: file.tokens.map(({ sha256: _hash, ...t }) => t),
          }),
        );
      } else if (file.tokens.length === 0) {
        out(io, `No tokens in ${opts.tokens}.`);
      } else {
        out(
          io,
          renderTable(
            [
              { header: 'Id' },
              { header: 'Principal' },
              { header: 'Label' },
              { header: 'Created' },
              { header: 'Revoked' },
              { header: 'Expires' },
            ],
            file.tokens.map((t) => [
              t.id,
              t.principal,
              t.label ?? '',
              t.createdAt,
              t.revokedAt ?? '',
              t.expiresAt ?? '',
            ]),
          ),
        );
      }
      setExit(EXIT.OK);
    });
  token
    .command('revoke')
    .description('revoke a token by its id (a running server stops accepting it within a second)')
    .argument('<id>', 'the token id (`vpn-ledger token list`)')
    .addOption(tokensOption())
    .action((id: string, opts: { tokens: string }) => {
      const file = readOrUsage(opts.tokens);
      const found = file.tokens.find((t) => t.id === id);
      if (!found) throw failure(`No token ${id} in ${opts.tokens} (see \`vpn-ledger token list\`).`);
      if (found.revokedAt === null) {
        write(opts.tokens, {
          ...file,
          tokens: file.tokens.map((t) => (t.id === id ? { ...t, revokedAt: new Date().toISOString() } : t)),
        });
      }
      err(io, `vpn-ledger: token ${id} (${found.principal}) is revoked.`);
      setExit(EXIT.OK);
    });
};
