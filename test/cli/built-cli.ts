/**
 * The CLI tests run the BUILT program (`node dist/src/cli/main.js`) as a child process, exactly as a
 * user or a downstream system would, rather than the TypeScript through @swc/register (which would
 * test another module loader than the one users get). dist/ is built by the shared
 * test/support/dist.ts: one `tsc -p tsconfig.build.json` per test run, only when a source file is
 * newer than the built entry points (mtime check), under a lock so that parallel jest workers (the
 * reliability tests build dist/ too) never build at the same time.
 */
import { CLI_MAIN, ensureDist } from '../support/dist';

export const MAIN = CLI_MAIN;

export const ensureBuilt = (): void => {
  const note = ensureDist();
  if (note) console.warn(note);
};
