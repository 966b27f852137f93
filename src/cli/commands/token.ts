/**
 * `vpn-ledger token add|list|revoke`: the bearer tokens of `vpn-ledger serve`, in the token file
 * (--tokens PATH, or VPN_LEDGER_TOKENS). Only a token's SHA-256 is kept; `add` prints the token
 * once, on stdout.
 */
import type { Command } from 'commander';
import { isPrincipal, parsePrincipal } from '../../auth/principal';
import { newToken, readTokenFile, TokenFileError, writeTokenFile } from '../../auth/tokens';
import { toJsonText } from '../../documents/encoding';
import { help } from '../../render/cli-help';
import { cliText } from '../../render/cli-words';
import type { Lang } from '../../render/lang';
import { EXIT, type ExitCode, failure, said, usageError } from '../errors';
import { renderTable } from '../format';
import { err, type Io, out } from '../io';
import { langOf, langOption } from '../lang';
import { formatOption } from '../options';
import { tokenFileProblem, tokensOption } from './serve';

const readOrUsage = (path: string) => {
  try {
    return readTokenFile(path);
  } catch (error) {
    if (error instanceof TokenFileError) throw tokenFileProblem(error);
    throw error;
  }
};

const write = (path: string, file: ReturnType<typeof readTokenFile>) => {
  try {
    writeTokenFile(path, file);
  } catch (error) {
    throw failure(said('token.cannotWrite', { path, detail: (error as Error).message }));
  }
};

export const registerToken = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  const token = program.command('token').description(help(lang, 'token'));
  token
    .command('add')
    .description(help(lang, 'token.add'))
    .requiredOption('--principal <principal>', help(lang, 'token.principal'))
    .option('--label <text>', help(lang, 'token.label'))
    .option('--expires-in-days <days>', help(lang, 'token.expiresInDays'))
    .addOption(tokensOption(lang))
    .addOption(langOption(lang))
    .action(
      (opts: { principal: string; label?: string; expiresInDays?: string; tokens: string; lang?: Lang }) => {
        const w = langOf(io, opts.lang);
        const principal = parsePrincipal(opts.principal);
        if (!isPrincipal(principal)) throw usageError(said('token.notPrincipal', { text: opts.principal }));
        if (opts.label !== undefined && opts.label.length > 200) throw usageError(said('token.labelTooLong'));
        const days = opts.expiresInDays === undefined ? null : Number(opts.expiresInDays);
        if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= 3_650))
          throw usageError(said('token.badExpiry', { value: opts.expiresInDays ?? '' }));
        const file = readOrUsage(opts.tokens);
        const now = new Date();
        const expiresAt = days === null ? null : new Date(now.getTime() + days * 86_400_000).toISOString();
        const made = newToken(principal, opts.label ?? null, now.toISOString(), expiresAt);
        write(opts.tokens, { ...file, tokens: [...file.tokens, made.record] });
        out(io, made.token);
        err(
          io,
          cliText(w, 'token.added', { id: made.record.id, principal: principal.id, path: opts.tokens }),
        );
        setExit(EXIT.OK);
      },
    );
  token
    .command('list')
    .description(help(lang, 'token.list'))
    .addOption(tokensOption(lang))
    .addOption(formatOption(lang))
    .addOption(langOption(lang))
    .action((opts: { tokens: string; format: 'table' | 'json'; lang?: Lang }) => {
      const w = langOf(io, opts.lang);
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
        out(io, cliText(w, 'token.none', { path: opts.tokens }));
      } else {
        out(
          io,
          renderTable(
            [
              { header: cliText(w, 'token.col.id') },
              { header: cliText(w, 'token.col.principal') },
              { header: cliText(w, 'token.col.label') },
              { header: cliText(w, 'token.col.created') },
              { header: cliText(w, 'token.col.revoked') },
              { header: cliText(w, 'token.col.expires') },
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
    .description(help(lang, 'token.revoke'))
    .argument('<id>', help(lang, 'token.id'))
    .addOption(tokensOption(lang))
    .addOption(langOption(lang))
    .action((id: string, opts: { tokens: string; lang?: Lang }) => {
      const w = langOf(io, opts.lang);
      const file = readOrUsage(opts.tokens);
      const found = file.tokens.find((t) => t.id === id);
      if (!found) throw failure(said('token.unknown', { id, path: opts.tokens }));
      if (found.revokedAt === null) {
        write(opts.tokens, {
          ...file,
          tokens: file.tokens.map((t) => (t.id === id ? { ...t, revokedAt: new Date().toISOString() } : t)),
        });
      }
      err(io, cliText(w, 'token.revoked', { id, principal: found.principal }));
      setExit(EXIT.OK);
    });
};
