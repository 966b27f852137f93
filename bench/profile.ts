/**
 * `npm run profile -- <target> [options]`: samples where the CPU goes (V8's --cpu-prof) and prints
 * the top entries, self and inclusive, start-up and idle left out. Targets:
 *   pipeline   commands through the Ledger, no views, synchronous=OFF        (--commands N, 5000)
 *   apply      the same through a ledger opened as `apply` does (inline views) (--commands N, 5000)
 *   server     `vpn-ledger serve` under 32 keep-alive clients of another process (--commands N, 4000)
 *   rebuild    every view rebuilt from the bench history (--events N, 100,000; or --history FILE)
 * --top N entries (20); --keep DIR keeps the .cpuprofile files (open them in Chrome's DevTools).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureHistory } from './history';
import { argNumber, argValue, runChild } from './lib';
import { formatSummary, summariseProfile } from './profile-summary';
import { loadFromChild, serveForBench } from './server';

const TARGETS = ['pipeline', 'apply', 'server', 'rebuild'] as const;
type Target = (typeof TARGETS)[number];

const log = (line: string) => process.stderr.write(`${line}\n`);

const profileOf = (dir: string): string => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length !== 1) throw new Error(`expected one .cpuprofile in ${dir}, found ${files.length}`);
  return join(dir, files[0]!);
};

const sample = async (target: Target, work: string, profiles: string, argv: string[]): Promise<string> => {
  const cpuProf = ['--cpu-prof', `--cpu-prof-dir=${profiles}`];
  if (target === 'server') {
    const commands = argNumber(argv, 'commands', 4000);
    const { child, url, token } = await serveForBench(work, cpuProf);
    try {
      await loadFromChild(url, token, 'warm-', 300, 32);
      const run = await loadFromChild(url, token, '', commands, 32);
      return `${commands} commands, ${Math.round(commands / run.seconds)} commands/s`;
    } finally {
      // The profile is written when the server exits.
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
  }
  const arg =
    target === 'rebuild'
      ? (argValue(argv, 'history') ?? (await ensureHistory(argNumber(argv, 'events', 100_000), log)).path)
      : String(argNumber(argv, 'commands', 5000));
  const { result } = await runChild<Record<string, number>>(
    join(__dirname, 'profile-child.js'),
    [target, work, arg],
    { nodeArgs: cpuProf },
  );
  return Object.entries(result)
    .map(([k, v]) => `${k} ${Math.round(v * 10) / 10}`)
    .join(', ');
};

const main = async () => {
  const argv = process.argv.slice(2);
  const target = argv[0] as Target;
  if (!TARGETS.includes(target))
    throw new Error(`usage: npm run profile -- <${TARGETS.join('|')}> [options]`);
  const keep = argValue(argv, 'keep');
  const work = mkdtempSync(join(tmpdir(), 'vpn-ledger-profile-'));
  const profiles = keep ?? join(work, 'profiles');
  mkdirSync(profiles, { recursive: true });
  try {
    const measured = await sample(target, work, profiles, argv);
    const summary = summariseProfile(profileOf(profiles), argNumber(argv, 'top', 20));
    console.log(formatSummary(`${target} (${measured})`, summary));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
