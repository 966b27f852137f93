/**
 * The CLI tests run the BUILT program (`node dist/src/cli/main.js`) as a child process, exactly as a
 * user or a downstream system would, rather than the TypeScript through @swc/register (which would
 * test another module loader than the one users get). dist/ is built by the shared
 * test/support/dist.ts: one `tsc -p tsconfig.build.json` per test run, only when a source file is
 * newer than the built entry points (mtime check), under a lock so that parallel jest workers (the
 * reliability tests build dist/ too) never build at the same time.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { checkedRun } from '../support/child-run';
import { CLI_MAIN, ensureDist } from '../support/dist';

export const MAIN = CLI_MAIN;

export const ensureBuilt = (): void => {
  const note = ensureDist();
  if (note) console.warn(note);
};

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The user the tests run the CLI as where permissions matter: root ignores them. */
export const unprivileged = (): { uid: number; gid: number } | Record<string, never> =>
  process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/**
 * Runs the built CLI with `args` in `cwd`; VPN_LEDGER_STORE and VPN_LEDGER_DEBUG are cleared unless
 * given in `env`. `stdout` may name a file descriptor to write to instead of a pipe.
 */
export const runCli = (
  args: readonly string[],
  options: {
    readonly cwd: string;
    readonly input?: string | Buffer;
    readonly env?: Record<string, string>;
    readonly stdout?: number;
    readonly asUser?: { uid?: number; gid?: number };
  },
): CliRun => {
  const env: Record<string, string | undefined> = {
    ...process.env,
    VPN_LEDGER_STORE: undefined,
    VPN_LEDGER_DEBUG: undefined,
  };
  Object.assign(env, options.env);
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: options.cwd,
    env: env as NodeJS.ProcessEnv,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['pipe', options.stdout ?? 'pipe', 'pipe'],
    ...options.asUser,
  });
  checkedRun(r, args);
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr };
};
