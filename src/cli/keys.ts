/**
 * Seal keys on the command line. The private key is never in the ledger: its path comes from
 * `--key PATH` or VPN_LEDGER_SEAL_KEY; public keys (for `verify`) from `--public-key PATH` or
 * VPN_LEDGER_PUBLIC_KEY; published seals from `--seal FILE`.
 */
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Option } from 'commander';
import { SealSchema } from '../events';
import { type ExportedInvoice, exportedInvoices } from '../ledger/export-check';
import { keyIdOf, privateKeyFrom, publicKeyFrom, SealKeyError } from '../ledger/seal';
import type { FoundSeal } from '../ledger/seal-check';
import { help } from '../render/cli-help';
import type { Lang } from '../render/lang';
import { type CliError, cannotRead, said, usageError } from './errors';

export const SEAL_KEY_ENV = 'VPN_LEDGER_SEAL_KEY';
export const PUBLIC_KEY_ENV = 'VPN_LEDGER_PUBLIC_KEY';

export const sealKeyOption = (lang: Lang) =>
  new Option('--key <path>', help(lang, 'opt.key', { env: SEAL_KEY_ENV })).env(SEAL_KEY_ENV);

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export const publicKeyOption = (lang: Lang) =>
  new Option('--public-key <path>', help(lang, 'opt.publicKey', { env: PUBLIC_KEY_ENV })).argParser(collect);

export const publishedSealOption = (lang: Lang) =>
  new Option('--seal <file>', help(lang, 'opt.seal')).argParser(collect);

const readText = (path: string, what: 'privateKey' | 'publicKey' | 'seal'): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw usageError(cannotRead(what, path, error));
  }
};

/** A key file that holds no key of the kind needed, as the CLI says it. */
const keyProblem = (error: SealKeyError): CliError =>
  usageError(
    said('key.invalid', {
      problem: error.problem.kind.replace('-', '_'),
      path: error.problem.path,
      type: error.problem.type ?? '',
      detail: error.problem.detail ?? '',
    }),
  );

/** The private key a close or a seal is signed with; without one they cannot be made. */
export const readPrivateKey = (path: string | undefined): KeyObject => {
  if (path === undefined) throw usageError(said('key.needed', { env: SEAL_KEY_ENV }));
  try {
    return privateKeyFrom(readText(path, 'privateKey'), path);
  } catch (error) {
    if (error instanceof SealKeyError) throw keyProblem(error);
    throw error;
  }
};

/** The public keys named (options, else the environment), by key id; null when none is named. */
export const readPublicKeys = (
  paths: readonly string[] | undefined,
  env: NodeJS.ProcessEnv,
): Map<string, KeyObject> | null => {
  const named = paths && paths.length > 0 ? paths : env[PUBLIC_KEY_ENV] ? [env[PUBLIC_KEY_ENV]] : [];
  if (named.length === 0) return null;
  const keys = new Map<string, KeyObject>();
  for (const path of named) {
    try {
      const key = publicKeyFrom(readText(path, 'publicKey'), path);
      keys.set(keyIdOf(key), key);
    } catch (error) {
      if (error instanceof SealKeyError) throw keyProblem(error);
      throw error;
    }
  }
  return keys;
};

/**
 * Seals kept outside the ledger, from JSON files: a seal, `{seal}` (with `event` and `eventHash` as
 * `vpn-ledger seal` prints), a close (`close --format json`), or an export (every document's close).
 */
const readJsonFile = (file: string): unknown => {
  try {
    return JSON.parse(readText(file, 'seal'));
  } catch (error) {
    if (error instanceof SyntaxError)
      throw usageError(said('file.notJson', { what: 'seal', path: file, detail: error.message }));
    throw error;
  }
};

/** The invoice documents the seal files hold (an export's): checked line by line against their closes. */
export const readExportedInvoices = (files: readonly string[] | undefined): ExportedInvoice[] =>
  (files ?? []).flatMap((file) => exportedInvoices(readJsonFile(file), file));

export const readPublishedSeals = (files: readonly string[] | undefined): FoundSeal[] => {
  const found: FoundSeal[] = [];
  for (const file of files ?? []) {
    const json = readJsonFile(file);
    const before = found.length;
    const visit = (x: unknown, eventId: string | null, eventHash: string | null) => {
      if (typeof x !== 'object' || x === null) return;
      const parsed = SealSchema.safeParse(x);
      if (parsed.success) {
        found.push({ seal: parsed.data, carrier: null, published: { source: file, eventId, eventHash } });
        return;
      }
      const o = x as Record<string, unknown>;
      const id = typeof o.eventId === 'string' ? o.eventId : typeof o.id === 'string' ? o.id : eventId;
      const hash = typeof o.eventHash === 'string' ? o.eventHash : eventHash;
      for (const v of Array.isArray(x) ? x : Object.values(o)) visit(v, id, hash);
    };
    visit(json, null, null);
    // The same seal in several documents of one export is one seal.
    const seen = new Set<string>();
    const fresh = found.splice(before).filter((s) => {
      const k = `${s.seal.signature}|${s.published?.eventId}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    if (fresh.length === 0) throw usageError(said('file.noSeal', { path: file }));
    found.push(...fresh);
  }
  return found;
};
