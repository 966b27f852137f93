/**
 * The EventStoreDB client (`@eventstore/db-client` with gRPC) takes about ten times as long to load
 * as everything else the CLI needs, and only an `esdb://` store uses it: a SQLite run never loads it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/dist';
import { ensureBuilt, MAIN } from './built-cli';

beforeAll(() => ensureBuilt(), 300_000);

const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-lazy-'));
const TRACE = join(ROOT, 'test', 'support', 'module-trace.js');

/** The modules a CLI run loaded. */
const modulesLoadedBy = (args: readonly string[]): string[] => {
  const traceFile = join(dir, `trace-${Math.random().toString(36).slice(2)}.txt`);
  const r = spawnSync(process.execPath, ['--require', TRACE, MAIN, ...args], {
    cwd: dir,
    env: { ...process.env, MODULE_TRACE_FILE: traceFile, VPN_LEDGER_STORE: undefined },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return readFileSync(traceFile, 'utf8').split('\n').filter(Boolean);
};

const grpc = (modules: readonly string[]) =>
  modules.filter((m) => /[\\/]node_modules[\\/](@eventstore|@grpc)[\\/]/.test(m));

/** The HTTP server's framework: only `serve` loads it. */
const server = (modules: readonly string[]) =>
  modules.filter((m) =>
    /[\\/]node_modules[\\/](fastify|@fastify|fastify-type-provider-zod|pino)[\\/]/.test(m),
  );

describe('the EventStoreDB client loads only for esdb:// stores', () => {
  it('a SQLite run (apply, then a read) loads neither @eventstore/db-client nor gRPC', () => {
    const db = join(dir, 'ledger.db');
    const apply = modulesLoadedBy([
      'apply',
      join(ROOT, 'examples', 'demo.jsonl'),
      '--store',
      `sqlite:${db}`,
      '-q',
    ]);
    expect(apply.some((m) => m.includes('better-sqlite3'))).toBe(true);
    expect(grpc(apply)).toEqual([]);
    const read = modulesLoadedBy(['charges', '--month', '2025-10', '--store', `sqlite:${db}`]);
    expect(grpc(read)).toEqual([]);
    expect(grpc(modulesLoadedBy(['--help']))).toEqual([]);
    // Nor Fastify: the server is loaded by `serve` alone.
    expect(server(apply)).toEqual([]);
    expect(server(read)).toEqual([]);
  });

  it('an esdb:// store does load it (so the check above can see it)', () => {
    // Nothing listens on port 1: the run fails, but only after loading the client.
    const modules = modulesLoadedBy([
      'charges',
      '--month',
      '2025-10',
      '--store',
      'esdb://127.0.0.1:1?tls=false',
    ]);
    expect(grpc(modules).length).toBeGreaterThan(0);
  });
});
