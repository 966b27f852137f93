/**
 * The console's pages on a ledger the size of a real book (issue 23): the demo grown to 10,010
 * contracts (grow.ts), served by the real server in this process, each page asked over HTTP as a
 * browser would (signed in by cookie), as staff and as a contractor. A page's time is the first
 * answer's (nothing read before it) and the median of the next ones; its size is the HTML sent.
 * Every page must answer within 1 s and send at most 1 MB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPrincipal, parsePrincipal } from '../../src/auth/principal';
import { newToken, TOKENS_SCHEMA, type TokenRecord, writeTokenFile } from '../../src/auth/tokens';
import { startServer } from '../../src/server/server';
import { median, now, secondsSince } from '../lib';
import { GROWN_COPIES, growDemo } from './grow';

/** Who asks: staff, and a contractor of the demo (its first copy keeps the demo's ids). */
const PRINCIPALS = { staff: 'staff:sato', kobe: 'contractor:kobe-foods' } as const;
type Who = keyof typeof PRINCIPALS;

/** The pages measured: every kind of console page, on the grown ledger's largest months. */
export const CONSOLE_PAGES: readonly { readonly who: Who; readonly path: string }[] = [
  { who: 'staff', path: '/console' },
  { who: 'staff', path: '/console?after=c-nagoya-g0700' },
  { who: 'staff', path: '/console?before=c-nagoya-g0700' },
  { who: 'staff', path: '/console?holder=acme-g0999' },
  { who: 'staff', path: '/console/months/2025-10' },
  { who: 'staff', path: '/console/months/2025-10?page=300' },
  { who: 'staff', path: '/console/months/2025-10?amount=99290' },
  { who: 'staff', path: '/console/months/2025-10?kind=early-termination&size=200' },
  { who: 'staff', path: '/console/months/2025-10?tpage=60' },
  { who: 'staff', path: '/console/months/2025-11' },
  { who: 'staff', path: '/console/months/2025-11?page=200' },
  { who: 'staff', path: '/console/months/2025-11?billTo=acme-g0500' },
  { who: 'staff', path: '/console/statements/2025-10/acme' },
  { who: 'staff', path: '/console/contracts/c-osaka' },
  { who: 'staff', path: '/console/contracts/c-tokyo-hq-g1000?asOf=2025-10-01' },
  { who: 'staff', path: '/console/charge-lines/c-osaka%3A2025-10%3Aearly-termination' },
  {
    who: 'staff',
    path: '/console/charge-lines/c-osaka%3A2025-10%3Aearly-termination?knownAt=2025-11-01T09:00:01',
  },
  { who: 'staff', path: '/console/contracts/c-himeji-g0700/quote?on=2025-12-31' },
  { who: 'staff', path: '/console/find' },
  { who: 'staff', path: '/console/what-if' },
  { who: 'kobe', path: '/console' },
  { who: 'kobe', path: '/console/bills' },
  { who: 'kobe', path: '/console/months/2025-10' },
  { who: 'kobe', path: '/console/months/2025-11' },
  { who: 'kobe', path: '/console/statements/2025-10/kobe-foods' },
  { who: 'kobe', path: '/console/contracts/c-himeji' },
  { who: 'kobe', path: '/console/contracts/c-himeji/quote?on=2025-12-31' },
];

export interface PageTiming {
  readonly who: Who;
  readonly path: string;
  readonly status: number;
  readonly firstMs: number;
  readonly medianMs: number;
  readonly bytes: number;
}

export interface ConsolePagesResult {
  readonly contracts: number;
  readonly events: number;
  readonly growSeconds: number;
  readonly cached: boolean;
  readonly pages: readonly PageTiming[];
  readonly slowestMs: number;
  readonly largestBytes: number;
}

export const measureConsolePages = async (
  log: (line: string) => void,
  options: { copies?: number; repeats?: number } = {},
): Promise<ConsolePagesResult> => {
  const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-bench-console-'));
  try {
    const grown = await growDemo(join(dir, 'ledger.db'), options.copies ?? GROWN_COPIES, log);
    const tokensPath = join(dir, 'tokens.json');
    const tokens = new Map<Who, string>();
    const records: TokenRecord[] = [];
    for (const [who, text] of Object.entries(PRINCIPALS) as [Who, string][]) {
      const principal = parsePrincipal(text);
      if (!isPrincipal(principal)) throw new Error(principal.problem);
      const made = newToken(principal, who, '2025-11-01T00:00:00Z');
      tokens.set(who, made.token);
      records.push(made.record);
    }
    writeTokenFile(tokensPath, { schema: TOKENS_SCHEMA, tokens: records });
    const server = await startServer({
      store: { kind: 'sqlite', path: grown.path },
      tokensPath,
      port: 0,
      host: '127.0.0.1',
      // The demo's today, so that its quotes and statuses are of its own time.
      clock: () => '2025-11-05T03:00:00.000Z',
      logger: false,
    });
    try {
      const ask = async (who: Who, path: string) => {
        const started = now();
        const res = await fetch(`${server.url}${path}`, {
          redirect: 'manual',
          headers: { cookie: `vpn_ledger_console=${tokens.get(who)}` },
        });
        const body = await res.arrayBuffer();
        return { status: res.status, ms: secondsSince(started) * 1000, bytes: body.byteLength };
      };
      const pages: PageTiming[] = [];
      for (const { who, path } of CONSOLE_PAGES) {
        const first = await ask(who, path);
        const next: number[] = [];
        for (let i = 0; i < (options.repeats ?? 3); i++) next.push((await ask(who, path)).ms);
        pages.push({
          who,
          path,
          status: first.status,
          firstMs: first.ms,
          medianMs: median(next),
          bytes: first.bytes,
        });
        log(
          `  ${who} ${path}: ${first.status}, ${first.ms.toFixed(0)} ms first, ${(first.bytes / 1024).toFixed(0)} KiB`,
        );
      }
      return {
        contracts: grown.contracts,
        events: grown.events,
        growSeconds: grown.seconds,
        cached: grown.cached,
        pages,
        slowestMs: Math.max(...pages.map((p) => Math.max(p.firstMs, p.medianMs))),
        largestBytes: Math.max(...pages.map((p) => p.bytes)),
      };
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
