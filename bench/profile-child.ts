/**
 * The work `npm run profile` samples, in a process started with `--cpu-prof`:
 *   node --cpu-prof dist/bench/profile-child.js pipeline <dir> <commands>
 *   node --cpu-prof dist/bench/profile-child.js apply <dir> <commands>
 *   node --cpu-prof dist/bench/profile-child.js rebuild <dir> <history.db>
 * pipeline: commands through the Ledger on a store without views (synchronous=OFF);
 * apply: the same through a ledger opened as `apply` opens it (inline views), synchronous=OFF;
 * rebuild: every view rebuilt in place in a copy of the history.
 * Prints one JSON line with the CPU per command or per event.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../src/ledger/clock';
import { Ledger } from '../src/ledger/ledger';
import { openLedger } from '../src/ledger/open';
import { SqliteEventStore } from '../src/store';
import { rebuildLocalViews } from '../src/views/rebuild';
import { ViewsDb } from '../src/views/views-db';
import { reportFromChild } from './lib';
import { registerNetworkCommand } from './pipeline-throughput';

const cpuSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return used.user + used.system;
};

const commandsThrough = async (ledger: Ledger, count: number) => {
  for (let i = 0; i < 200; i++) await ledger.execute(registerNetworkCommand(i, 'warm-'));
  const commands = Array.from({ length: count }, (_, i) => registerNetworkCommand(i));
  const start = process.cpuUsage();
  for (const c of commands) {
    const r = await ledger.execute(c);
    if (r.status !== 'accepted') throw new Error(`rejected: ${r.code}`);
  }
  return { commands: count, cpuUsPerCommand: cpuSince(start) / count };
};

const modes: Record<string, (dir: string, arg: string) => Promise<unknown>> = {
  pipeline: async (dir, count) => {
    const store = new SqliteEventStore({ path: join(dir, 'pipeline.db'), synchronous: 'OFF' });
    const result = await commandsThrough(new Ledger({ store, clock: systemClock }), Number(count));
    await store.close();
    return result;
  },
  apply: async (dir, count) => {
    const opened = await openLedger(
      { kind: 'sqlite', path: join(dir, 'apply.db') },
      { access: 'write', synchronous: 'OFF' },
    );
    const result = await commandsThrough(
      new Ledger({ store: opened.store, clock: systemClock }),
      Number(count),
    );
    await opened.close();
    return result;
  },
  rebuild: async (dir, history) => {
    const copy = join(dir, 'rebuild.db');
    copyFileSync(history, copy);
    const store = new SqliteEventStore({ path: copy, synchronous: 'OFF' });
    const start = process.cpuUsage();
    const result = rebuildLocalViews(store, new ViewsDb(store.db));
    const cpu = cpuSince(start);
    await store.close();
    return { events: result.events, cpuUsPerEvent: cpu / result.events };
  },
};

const [mode, dir, arg] = process.argv.slice(2);
const run = mode ? modes[mode] : undefined;
if (!run || !dir || !arg) {
  console.error(`usage: profile-child.js <${Object.keys(modes).join('|')}> <dir> <commands|history.db>`);
  process.exit(2);
}
// Started once the module has loaded: the summary leaves out what runs under Module._load.
setImmediate(() =>
  run(dir, arg).then(reportFromChild, (error) => {
    console.error(error);
    process.exit(1);
  }),
);
