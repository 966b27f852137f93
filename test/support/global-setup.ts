/**
 * Builds dist/ before any jest worker starts, so that no test ever runs the program while a build
 * is writing it (CI saw rare internal errors, "X is not a function", from half-emitted modules when
 * the workers built it themselves beside running tests).
 */
import { distIsFresh, ensureDist } from './dist';

export default (): void => {
  if (distIsFresh()) return;
  const started = Date.now();
  const note = ensureDist();
  console.info(`\nbuilt dist/ for the tests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (note) console.warn(note);
  // Guards the check itself: were it never satisfied, every test file would build dist/ again.
  if (!distIsFresh()) throw new Error('dist/ was just built, yet test/support/dist.ts finds it stale');
};
