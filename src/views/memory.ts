/**
 * A full garbage collection between the parts of a rebuild. Each part's facts are garbage once its
 * rows are written, but V8 grows its old space rather than collect it while allocation goes on, so
 * that a rebuild's peak memory follows the heap's growth heuristics (measured at the 1M-event
 * history: 300 to 690 MiB for the same part size), not the part size. Collecting once per part
 * costs tens of milliseconds a part and keeps the peak near one part's facts.
 *
 * `gc` is exposed at run time (V8 reads --expose-gc when a new context is made), so the CLI needs
 * no node flag; where that is refused, nothing is collected and nothing fails.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

export const collectGarbage = (): void => {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('typeof gc === "function" ? gc : null');
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
};
