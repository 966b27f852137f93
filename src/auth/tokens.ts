/**
 * Bearer tokens in a file, each mapped to a principal. Only a token's SHA-256 is kept: a token is
 * 256 random bits, so a fast hash cannot be reversed, and checking one costs microseconds. A token
 * reads `vlt_<id>_<secret>`: the id finds its record, the secret is compared in constant time.
 *
 * The file (schema vpn-ledger.tokens/v1, mode 0600) is written whole to a temporary file and
 * renamed over the old one, so a reader never sees half of it; the server reads it again when it
 * changes, so that a revocation takes effect without a restart.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { isPrincipal, type Principal, parsePrincipal } from './principal';

export const TOKENS_ENV = 'VPN_LEDGER_TOKENS';
export const DEFAULT_TOKENS_PATH = './vpn-ledger-tokens.json';
export const TOKENS_SCHEMA = 'vpn-ledger.tokens/v1';

const TokenRecordSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  principal: z.string(),
  label: z.string().max(200).nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  /** When the token stops being accepted (an ISO instant); absent or null: never (issue 26). */
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type TokenRecord = z.infer<typeof TokenRecordSchema>;

const TokenFileSchema = z.strictObject({
  schema: z.literal(TOKENS_SCHEMA),
  tokens: z.array(TokenRecordSchema),
});
export type TokenFile = z.infer<typeof TokenFileSchema>;

/** What is wrong with a token file, as data (the edges word it): `detail` is what the system, JSON or the schema said. */
export interface TokenFileProblem {
  readonly kind: 'unreadable' | 'not-json' | 'schema' | 'principal';
  readonly path: string;
  readonly detail: string;
  /** The token whose principal is not one. */
  readonly id?: string;
}

/** A token file that cannot be read or is not one. */
export class TokenFileError extends Error {
  constructor(
    message: string,
    readonly problem: TokenFileProblem,
  ) {
    super(message);
    this.name = 'TokenFileError';
  }
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const TOKEN = /^vlt_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** The token file at `path`; an empty one when the file does not exist. */
export const readTokenFile = (path: string): TokenFile => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { schema: TOKENS_SCHEMA, tokens: [] };
    const detail = (error as Error).message;
    throw new TokenFileError(`Cannot read the token file ${path}: ${detail}`, {
      kind: 'unreadable',
      path,
      detail,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = (error as Error).message;
    throw new TokenFileError(`The token file ${path} is not JSON: ${detail}`, {
      kind: 'not-json',
      path,
      detail,
    });
  }
  const parsed = TokenFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const detail = `${issue.path.join('.') || '(root)'}: ${issue.message}`;
    throw new TokenFileError(`The token file ${path} is not a ${TOKENS_SCHEMA} file: ${detail}`, {
      kind: 'schema',
      path,
      detail,
    });
  }
  for (const t of parsed.data.tokens) {
    const p = parsePrincipal(t.principal);
    if (!isPrincipal(p))
      throw new TokenFileError(`The token file ${path}: token ${t.id}: ${p.problem}`, {
        kind: 'principal',
        path,
        detail: p.problem,
        id: t.id,
      });
  }
  return parsed.data;
};

/** Writes the file whole (temporary file, then rename), readable by its owner only. */
export const writeTokenFile = (path: string, file: TokenFile): void => {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
};

/** A new token for `principal`: the token itself (shown once, never stored) and its record. */
export const newToken = (
  principal: Principal,
  label: string | null,
  now: string,
  expiresAt: string | null = null,
): { token: string; record: TokenRecord } => {
  const id = randomBytes(8).toString('hex');
  const token = `vlt_${id}_${randomBytes(32).toString('base64url')}`;
  return {
    token,
    record: {
      id,
      principal: principal.id,
      label,
      sha256: sha256(token),
      createdAt: now,
      revokedAt: null,
      ...(expiresAt === null ? {} : { expiresAt }),
    },
  };
};

/** Whether a token's record is in force at `now`: not revoked, not expired. */
export const inForce = (record: TokenRecord, now: string): boolean =>
  record.revokedAt === null &&
  (record.expiresAt === undefined ||
    record.expiresAt === null ||
    Date.parse(record.expiresAt) > Date.parse(now));

/** The id part of a presented token (`vlt_<id>_…`), or null when it is not shaped as one. */
export const tokenIdOf = (presented: string): string | null => TOKEN.exec(presented)?.[1] ?? null;

/** The record of a presented token, or null (unknown, revoked, expired at `now`, or wrong). */
export const recordOf = (file: TokenFile, presented: string, now: string): TokenRecord | null => {
  const m = TOKEN.exec(presented);
  if (!m) return null;
  const record = file.tokens.find((t) => t.id === m[1]);
  if (!record || !inForce(record, now)) return null;
  const given = Buffer.from(sha256(presented), 'hex');
  if (!timingSafeEqual(given, Buffer.from(record.sha256, 'hex'))) return null;
  return record;
};

const principalOfRecord = (record: TokenRecord | null | undefined): Principal | null => {
  if (!record) return null;
  const p = parsePrincipal(record.principal);
  return isPrincipal(p) ? p : null;
};

/** The principal of a presented token, or null (unknown, revoked, expired, or wrong). */
export const principalOf = (
  file: TokenFile,
  presented: string,
  now: string = new Date().toISOString(),
): Principal | null => principalOfRecord(recordOf(file, presented, now));

/** The server's view of the token file: read again when its size or modification time changes. */
export class TokenStore {
  private file: TokenFile;
  private stamp: string;
  private checkedAt = 0;
  /** Why the file could not be read the last time it changed (then no token is accepted). */
  problem: string | null = null;

  constructor(
    readonly path: string,
    private readonly checkEveryMs = 1_000,
    /** The wall clock a token's expiry is compared with. */
    private readonly now: () => string = () => new Date().toISOString(),
  ) {
    this.file = readTokenFile(path);
    this.stamp = this.currentStamp();
  }

  principalFor(presented: string): Principal | null {
    this.refresh();
    return principalOf(this.file, presented, this.now());
  }

  /** The token record a presented token is, while in force; null otherwise. */
  recordFor(presented: string): TokenRecord | null {
    this.refresh();
    return recordOf(this.file, presented, this.now());
  }

  /** The principal of the token with this id while it is in force (a console session's token). */
  principalOfId(id: string): Principal | null {
    this.refresh();
    const record = this.file.tokens.find((t) => t.id === id);
    return record && inForce(record, this.now()) ? principalOfRecord(record) : null;
  }

  /** Whether the file could be read when it last changed (readiness: no token is accepted otherwise). */
  get readable(): boolean {
    this.refresh();
    return this.problem === null;
  }

  /** How many tokens are in force. */
  active(): number {
    const now = this.now();
    return this.file.tokens.filter((t) => inForce(t, now)).length;
  }

  private currentStamp(): string {
    try {
      const s = statSync(this.path);
      return `${s.size}:${s.mtimeMs}:${s.ino}`;
    } catch {
      return 'missing';
    }
  }

  private refresh(): void {
    const now = Date.now();
    if (now - this.checkedAt < this.checkEveryMs) return;
    this.checkedAt = now;
    const stamp = this.currentStamp();
    if (stamp === this.stamp) return;
    this.stamp = stamp;
    try {
      this.file = readTokenFile(this.path);
      this.problem = null;
    } catch (error) {
      // Broken by hand: no token is accepted until it is mended (a revocation must never be lost).
      this.file = { schema: TOKENS_SCHEMA, tokens: [] };
      this.problem = (error as Error).message;
    }
  }
}
