/**
 * A run of the built program that no test expects: an internal error (exit 70, a bug by the CLI's
 * own contract) or a death by signal. Thrown at once with what the program printed, so that a rare
 * failure under load says what went wrong instead of failing later on an empty stdout.
 */
import type { SpawnSyncReturns } from 'node:child_process';

export const checkedRun = <T extends string | Buffer>(
  r: SpawnSyncReturns<T>,
  args: readonly string[],
): SpawnSyncReturns<T> => {
  if (r.error) throw r.error;
  if (r.status === 70 || r.signal !== null)
    throw new Error(
      `vpn-ledger ${args.join(' ')}: ${r.signal !== null ? `killed by ${r.signal}` : 'internal error (exit 70)'}\n${String(r.stderr)}`,
    );
  return r;
};
