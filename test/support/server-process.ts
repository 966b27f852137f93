/**
 * The BUILT server (`node dist/src/cli/main.js serve`) as a child process, for the tests that kill
 * it or send it signals: started on a free loopback port, its URL read from what it prints.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { CLI_MAIN } from './dist';

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** What the server has printed so far (its log on stdout, then stderr), for a failing test to show. */
  readonly output: () => string;
}

export const startServerProcess = async (
  args: readonly string[],
  timeoutMs = 60_000,
): Promise<ServerProcess> => {
  const child = spawn(
    process.execPath,
    [CLI_MAIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VPN_LEDGER_STORE: undefined } },
  );
  let stderr = '';
  let stdout = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr!.setEncoding('utf8');
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.stderr!.on('data', (chunk: string) => {
      stderr += chunk;
      const m = /listening on (http:\/\/\S+) /.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening: ${stderr}`));
    });
  });
  return { child, url, exited, output: () => `${stdout}${stderr}` };
};
