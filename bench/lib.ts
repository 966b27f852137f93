/** Small helpers shared by the benchmarks: options, timing, statistics, files, child processes. */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root, whether this runs compiled (dist/bench) or from source (bench). */
export const REPO_ROOT = resolve(__dirname, __dirname.endsWith(join('dist', 'bench')) ? '../..' : '..');

export const argValue = (argv: readonly string[], name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
};
export const argNumber = (argv: readonly string[], name: string, fallback: number): number => {
  const v = argValue(argv, name);
  if (v === undefined) return fallback;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number, got ${v}`);
  return n;
};
export const argFlag = (argv: readonly string[], name: string): boolean => argv.includes(`--${name}`);

export const now = (): bigint => process.hrtime.bigint();
export const secondsSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
export const perSecond = (count: number, start: bigint): number => count / secondsSince(start);

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Nearest-rank percentile (p in 0..100) of already collected samples. */
export const percentile = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1]!;
};

/** Runs `fn` `runs` times and returns every result. */
export const repeat = async <T>(runs: number, fn: (run: number) => Promise<T> | T): Promise<T[]> => {
  const out: T[] = [];
  for (let r = 0; r < runs; r++) out.push(await fn(r));
  return out;
};

export const withTempDir = async <T>(prefix: string, fn: (dir: string) => Promise<T> | T): Promise<T> => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export interface Machine {
  readonly node: string;
  readonly platform: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly sqlite: string;
  readonly filesystem: string;
}

export const machine = (sqliteVersion: string): Machine => {
  let filesystem = 'unknown';
  try {
    filesystem =
      execFileSync('df', ['-T', tmpdir()], { encoding: 'utf8' }).split('\n')[1]?.split(/\s+/)[1] ?? 'unknown';
  } catch {
    // df is not everywhere; the figure is informative only.
  }
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    sqlite: sqliteVersion,
    filesystem,
  };
};

export interface ChildResult<T> {
  readonly result: T;
  /** Peak resident set of the child as the kernel counted it (getrusage ru_maxrss), in MiB. */
  readonly peakRssMiB: number;
}

/**
 * Runs `node <script> <args>` and parses the last stdout line as JSON. The child reports its own
 * peak RSS from `process.resourceUsage().maxRSS`, which the kernel keeps and no sampling misses.
 */
export const runChild = <T>(
  script: string,
  args: readonly string[],
  options: { quiet?: boolean; nodeArgs?: readonly string[] } = {},
): Promise<ChildResult<T>> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
      stdio: ['ignore', 'pipe', options.quiet ? 'ignore' : 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${script} exited with ${code}: ${out.slice(-2000)}`));
      try {
        resolve(JSON.parse(last) as ChildResult<T>);
      } catch (error) {
        reject(new Error(`${script} printed no result: ${(error as Error).message}: ${out.slice(-2000)}`));
      }
    });
  });

/** For child scripts: print the result with the process's peak RSS, as `runChild` expects. */
export const reportFromChild = (result: unknown): void => {
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ result, peakRssMiB }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`,
  );
};

export const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a';

/** A plain-text table with aligned columns. */
export const table = (header: readonly string[], rows: readonly (readonly string[])[]): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};
