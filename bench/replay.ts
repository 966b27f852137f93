/**
 * Replay of a generated history through every projection (helper B's `replay(store)`) against a
 * raw read of the same rows (better-sqlite3 iterate + JSON.parse of data and metadata), each in a
 * child process of its own so that peak RSS is measured per mode. Two intermediate modes show
 * where the time goes: the adapter's readAll alone, and readAll + decodeRecorded.
 */
import { join } from 'node:path';
import { median, runChild } from './lib';
import type { ReplayRun } from './replay-child';

export interface ReplayFigures {
  readonly events: number;
  readonly runs: number;
  readonly byMode: Record<
    string,
    { eventsPerSecond: number; seconds: number; peakRssMiB: number; runs: number[]; cpuUsPerEvent: number }
  >;
  /** The rebuild's CPU per event by phase (medians over runs), microseconds. */
  readonly rebuildPhasesUs: Record<string, number>;
  /** replay / raw events per second (median of runs); target >= 0.5. */
  readonly ratio: number;
  /** Peak RSS of the replay process, MiB (max over runs); target < 300. */
  readonly replayPeakRssMiB: number;
  /** Every replay run gave the same digests. */
  readonly digestsStable: boolean;
  readonly digests: Record<string, string>;
  readonly digestSeconds: number;
}

export const REPLAY_MODES = ['raw', 'store', 'decode', 'fold', 'rebuild'] as const;

export const measureReplay = async (
  path: string,
  runs: number,
  log: (line: string) => void = () => {},
): Promise<ReplayFigures> => {
  const child = join(__dirname, 'replay-child.js');
  const results: Record<string, { run: ReplayRun; peakRssMiB: number }[]> = {};
  for (let r = 0; r < runs; r++) {
    // Interleave the modes so that a noisy neighbour hurts each about equally.
    for (const mode of REPLAY_MODES) {
      const { result, peakRssMiB } = await runChild<ReplayRun>(child, [mode, path]);
      results[mode] = [...(results[mode] ?? []), { run: result, peakRssMiB }];
      log(
        `  replay run ${r + 1}/${runs} ${mode}: ${Math.round(result.eventsPerSecond).toLocaleString('en-US')} events/s, peak RSS ${peakRssMiB.toFixed(0)} MiB`,
      );
    }
  }
  const byMode = Object.fromEntries(
    Object.entries(results).map(([mode, xs]) => [
      mode,
      {
        eventsPerSecond: median(xs.map((x) => x.run.eventsPerSecond)),
        seconds: median(xs.map((x) => x.run.seconds)),
        peakRssMiB: Math.max(...xs.map((x) => x.peakRssMiB)),
        runs: xs.map((x) => x.run.eventsPerSecond),
        cpuUsPerEvent: median(xs.map((x) => x.run.cpuUsPerEvent ?? Number.NaN)),
      },
    ]),
  );
  const replays = results.rebuild!.map((x) => x.run);
  const digests = replays[0]!.digests ?? {};
  const events = replays[0]!.events;
  for (const [mode, xs] of Object.entries(results)) {
    if (xs.some((x) => x.run.events !== events))
      throw new Error(`replay mode ${mode} read another number of events`);
  }
  const phases = new Set(replays.flatMap((x) => Object.keys(x.phasesUsPerEvent ?? {})));
  const rebuildPhasesUs = Object.fromEntries(
    [...phases].map((p) => [p, median(replays.map((x) => x.phasesUsPerEvent?.[p] ?? 0))]),
  );
  return {
    events,
    runs,
    byMode,
    rebuildPhasesUs,
    ratio: byMode.rebuild!.eventsPerSecond / byMode.raw!.eventsPerSecond,
    replayPeakRssMiB: byMode.rebuild!.peakRssMiB,
    digestsStable: replays.every((x) => JSON.stringify(x.digests) === JSON.stringify(digests)),
    digests,
    digestSeconds: median(replays.map((x) => x.digestSeconds ?? 0)),
  };
};
