/**
 * HTTP tests run a real server (startServer: Fastify listening on a loopback port) and call it with
 * fetch. The ledger file holds the demo history (examples/demo.jsonl), recorded on 2025-11-01; the
 * server's clock is a test clock (today in Japan: 2025-11-05 unless moved).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPrincipal, parsePrincipal } from '../../src/auth/principal';
import { newToken, TOKENS_SCHEMA, type TokenRecord, writeTokenFile } from '../../src/auth/tokens';
import type { Clock } from '../../src/ledger/clock';
import { steppingClock } from '../../src/ledger/clock';
import { Ledger } from '../../src/ledger/ledger';
import { type RunningServer, type ServeOptions, startServer } from '../../src/server/server';
import { sqliteLedger } from '../support/ledger';

export const ROOT = join(__dirname, '..', '..');

/** The principals the tests call as. */
export const PRINCIPALS = {
  staff: 'staff:sato',
  /** Holds c-tokyo-hq (the parent of n-tokyo), c-nagoya and c-sapporo. */
  acme: 'contractor:acme',
  /** Holds c-osaka, a child of n-tokyo. */
  west: 'contractor:acme-west',
  /** Holds c-fukuoka, a child of n-tokyo. */
  kyushu: 'contractor:acme-kyushu',
  /** Holds n-kansai's c-kobe and c-himeji. */
  kobe: 'contractor:kobe-foods',
} as const;
export type Who = keyof typeof PRINCIPALS | 'revoked';

export const demoLines = (): string[] =>
  readFileSync(join(ROOT, 'examples', 'demo.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));

/** A ledger file at `path` holding the demo history, its views current. */
export const writeDemoLedger = async (path: string): Promise<void> => {
  const { store } = sqliteLedger(path);
  const ledger = new Ledger({ store, clock: steppingClock('2025-11-01T00:00:00Z') });
  for (const line of demoLines()) {
    const r = await ledger.execute(JSON.parse(line));
    if (r.status !== 'accepted') throw new Error(`demo line rejected: ${JSON.stringify(r)}`);
  }
  await store.close();
};

/** A clock the test sets. */
export const manualClock = (start: string): Clock & { set: (iso: string) => void } => {
  let now = start;
  return Object.assign(() => now, {
    set: (iso: string) => {
      now = iso;
    },
  });
};

export interface TestServer {
  readonly url: string;
  readonly dir: string;
  readonly path: string;
  readonly tokensPath: string;
  readonly tokens: Readonly<Record<Who, string>>;
  readonly records: Readonly<Record<Who, TokenRecord>>;
  readonly clock: ReturnType<typeof manualClock>;
  readonly running: RunningServer;
  stop(): Promise<void>;
}

/** Starts a server on a fresh copy of the demo ledger (or an empty one), with a token per principal. */
export const startTestServer = async (
  options: {
    demo?: boolean;
    /** Writes the ledger the server starts on (instead of the demo). */
    seed?: (path: string) => Promise<void>;
  } & Partial<Pick<ServeOptions, 'limits' | 'group' | 'sealKey'>> = {},
): Promise<TestServer> => {
  const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-server-'));
  const path = join(dir, 'ledger.db');
  if (options.seed) await options.seed(path);
  else if (options.demo !== false) await writeDemoLedger(path);
  const tokensPath = join(dir, 'tokens.json');
  const tokens: Partial<Record<Who, string>> = {};
  const records: Partial<Record<Who, TokenRecord>> = {};
  for (const [who, text] of [...Object.entries(PRINCIPALS), ['revoked', 'staff:gone']] as [Who, string][]) {
    const principal = parsePrincipal(text);
    if (!isPrincipal(principal)) throw new Error(principal.problem);
    const made = newToken(principal, who, '2025-11-01T00:00:00Z');
    tokens[who] = made.token;
    records[who] = who === 'revoked' ? { ...made.record, revokedAt: '2025-11-02T00:00:00Z' } : made.record;
  }
  writeTokenFile(tokensPath, { schema: TOKENS_SCHEMA, tokens: Object.values(records) });
  const clock = manualClock('2025-11-05T03:00:00.000Z');
  const running = await startServer({
    store: { kind: 'sqlite', path },
    tokensPath,
    port: 0,
    host: '127.0.0.1',
    clock,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.group ? { group: options.group } : {}),
    ...(options.sealKey ? { sealKey: options.sealKey } : {}),
  });
  return {
    url: running.url,
    dir,
    path,
    tokensPath,
    tokens: tokens as Record<Who, string>,
    records: records as Record<Who, TokenRecord>,
    clock,
    running,
    stop: async () => {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: answers are JSON documents the tests read field by field
  readonly body: any;
}

/** One HTTP call as `who` (null: no token). A body object is sent as JSON; a string as is. */
export const call = async (
  server: Pick<TestServer, 'url' | 'tokens'>,
  who: Who | null,
  method: string,
  path: string,
  options: { body?: unknown; type?: string; headers?: Record<string, string> } = {},
): Promise<Answer> => {
  const headers: Record<string, string> = { ...options.headers };
  if (who !== null) headers.authorization = `Bearer ${server.tokens[who]}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = options.type ?? 'application/json';
  }
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    headers: res.headers,
    text,
    body: type.includes('json') && text !== '' ? JSON.parse(text) : undefined,
  };
};

/** A problem document's stable part (without the request id and the instance). */
export const problemOf = (a: Answer) => {
  expect(a.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const { requestId: _r, instance: _i, ...rest } = a.body as Record<string, unknown>;
  return rest;
};

/** Signs in to the console with `token` as a browser's form would; resolves with the Cookie header of its session. */
export const consoleSession = async (url: string, token: string): Promise<string> => {
  const res = await fetch(`${url}/console/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin },
    body: new URLSearchParams({ token }).toString(),
  });
  const cookie = res.headers.get('set-cookie');
  if (res.status !== 303 || cookie === null) throw new Error(`sign-in answered ${res.status}`);
  return cookie.split(';')[0]!;
};
