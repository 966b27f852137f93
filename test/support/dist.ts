/**
 * The reliability, CLI and console tests run the BUILT code (dist/) in child processes, so that a
 * SIGKILL hits a real `node` process running what users run. dist/ is built with
 * `tsc -p tsconfig.build.json` once per jest run, by the global setup (test/support/global-setup.ts)
 * before any worker starts, when it is missing or older than any source file. It counts as built
 * only once the stamp dist/.built is written, at the end of a build; a lock file keeps two builds
 * (two jest runs on one checkout) from writing it at the same time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const DIST = join(ROOT, 'dist', 'src');
export const CLI_MAIN = join(DIST, 'cli', 'main.js');

const newestSource = (dir: string): number => {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
};

/**
 * Written when a build has finished, and removed before one starts: dist/ is fresh when the stamp
 * is newer than every source. The check used to name five built files by hand; one of them
 * (ledger/replay.js) had no source any more, so on a fresh clone every test file that asked
 * rebuilt dist/ while other workers' tests were running it ("ViewsDb is not a constructor", exit 70).
 */
const BUILT = join(ROOT, 'dist', '.built');

const builtAfter = (sources: number) => existsSync(CLI_MAIN) && statSync(CLI_MAIN).mtimeMs >= sources;
const fresh = (sources: number) =>
  existsSync(BUILT) && statSync(BUILT).mtimeMs >= sources && builtAfter(sources);

/**
 * The build lock: a file holding the builder's pid. It is stale only when that process is gone (a
 * killed run), never by age: under a loaded machine a build took more than three minutes, and a
 * second build started beside it rewrote the files that running tests were loading.
 */
const LOCK = join(ROOT, 'dist', '.build-lock');

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const takeLock = (): boolean => {
  try {
    writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    const pid = Number(readFileOr(LOCK));
    // An empty file is a lock being written: its holder is alive.
    if (pid > 0 && !alive(pid)) rmSync(LOCK, { force: true });
    return false;
  }
};

const readFileOr = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const sources = () =>
  Math.max(
    newestSource(join(ROOT, 'src')),
    // The shipped provider catalog is compiled in with the code (src/terms/provider-catalog.ts).
    newestSource(join(ROOT, 'catalog')),
    statSync(join(ROOT, 'tsconfig.json')).mtimeMs,
    statSync(join(ROOT, 'tsconfig.build.json')).mtimeMs,
  );

/** Whether dist/ is a finished build of the current sources. */
export const distIsFresh = (): boolean => fresh(sources());

/** Builds dist/ if needed; returns a note when tsc reported type errors (it still emits). */
export const ensureDist = (): string | null => {
  if (fresh(sources())) return null;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 600_000;
  while (!takeLock()) {
    if (Date.now() > deadline) throw new Error(`dist/ build lock ${LOCK} held for more than ten minutes`);
    sleep(200);
  }
  try {
    const wanted = sources();
    if (fresh(wanted)) return null;
    rmSync(BUILT, { force: true });
    try {
      execFileSync(
        process.execPath,
        [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
        {
          cwd: ROOT,
          stdio: 'pipe',
        },
      );
      writeFileSync(BUILT, '');
      return null;
    } catch (error) {
      // tsc emits even with type errors elsewhere (noEmitOnError is off); `npm test` type-checks
      // on its own. Fail only when nothing usable came out.
      if (!builtAfter(wanted)) throw error;
      writeFileSync(BUILT, '');
      const out = (error as { stdout?: Buffer }).stdout?.toString() ?? '';
      return `tsc reported errors while building dist/ for the reliability tests:\n${out.slice(0, 1500)}`;
    }
  } finally {
    rmSync(LOCK, { force: true });
  }
};
