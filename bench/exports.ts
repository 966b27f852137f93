/**
 * The peak memory of a month written out (issue 22): `export` (JSON, and the Excel CSV in
 * Japanese) and `charges --month` (CSV) of the month with the most lines, each the built CLI in its
 * own process, its peak resident set read as the process exits; against `vpn-ledger --help`, the
 * floor every run of the program starts from. Written as they are read, their memory must not grow
 * with the month: the target is a peak under 150 MiB.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { now } from './lib';

export interface ExportMemory {
  readonly month: string;
  readonly lines: number;
  readonly helpPeakRssMiB: number;
  readonly commands: Record<
    string,
    { readonly peakRssMiB: number; readonly ms: number; readonly bytes: number }
  >;
}

/** A module preloaded into the CLI's process: it reports the peak RSS (KiB) as the process exits. */
const PROBE = join(tmpdir(), `vpn-ledger-bench-maxrss-${process.pid}.js`);
writeFileSync(
  PROBE,
  "process.on('exit', () => require('node:fs').writeSync(2, '\\nmaxrss:' + process.resourceUsage().maxRSS + '\\n'));\n",
);

/** Runs the CLI `main` with `args`: its peak RSS (MiB), wall time and output size. */
const peakOf = (main: string, args: readonly string[]): { peakRssMiB: number; ms: number; bytes: number } => {
  const s = now();
  const r = spawnSync(process.execPath, ['--require', PROBE, main, ...args], {
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = Number(now() - s) / 1e6;
  const rss = /maxrss:(\d+)/.exec(String(r.stderr));
  if (r.status !== 0 || !rss) throw new Error(`vpn-ledger ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { peakRssMiB: Number(rss[1]) / 1024, ms, bytes: r.stdout.length };
};

/** The month of `path` (a ledger with its views) with the most dated lines, and its peaks. */
export const measureExportMemory = (main: string, path: string): ExportMemory => {
  const db = new Database(path, { readonly: true });
  const { month } = db
    .prepare<[], { month: string }>(
      'SELECT month FROM view_charge_lines GROUP BY month ORDER BY COUNT(*) DESC LIMIT 1',
    )
    .get()!;
  db.close();
  const store = ['--store', `sqlite:${path}`];
  const commands: Record<string, string[]> = {
    'export JSON': ['export', '--month', month, '--draft', '--format', 'json', ...store],
    'export CSV --excel --lang ja': [
      'export',
      '--month',
      month,
      '--draft',
      '--format',
      'csv',
      '--excel',
      '--lang',
      'ja',
      ...store,
    ],
    'charges --month CSV': ['charges', '--month', month, '--format', 'csv', ...store],
  };
  const figures = Object.fromEntries(
    Object.entries(commands).map(([name, args]) => [name, peakOf(main, args)]),
  );
  const csv = spawnSync(process.execPath, [main, ...commands['charges --month CSV']!], {
    maxBuffer: 1 << 30,
  });
  return {
    month,
    lines: String(csv.stdout).trimEnd().split('\n').length - 1,
    helpPeakRssMiB: peakOf(main, ['--help']).peakRssMiB,
    commands: figures,
  };
};
