/**
 * Creating a ledger concurrently: several processes open the same file that does not exist yet,
 * at the same moment, many times over. Every open must succeed (no "table events already
 * exists"), the file must end at the current schema version, and every process's append must be
 * in it. The processes stay up across rounds and start each round on the same stdin line, so that
 * their opens collide as closely as processes can.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../src/store';
import { ensureDist } from '../support/dist';
import { dumpLog } from './helpers';

const PROCESSES = 6;
const ROUNDS = 30;
const OPENER = join(__dirname, '..', 'support', 'child-opener.js');

interface Opener {
  readonly child: ChildProcess;
  next(): Promise<string>;
}

const startOpener = (name: string): Opener => {
  const child = spawn(process.execPath, [OPENER, name], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: ((line: string) => void)[] = [];
  const ready: string[] = [];
  let buffer = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else ready.push(line);
    }
  });
  return {
    child,
    next: () =>
      new Promise<string>((resolve) => {
        const line = ready.shift();
        if (line !== undefined) resolve(line);
        else waiting.push(resolve);
      }),
  };
};

describe('creating a ledger from several processes at once', () => {
  let dir: string;
  let openers: Opener[] = [];
  beforeAll(() => {
    const note = ensureDist();
    if (note) console.warn(note);
    dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-create-'));
  }, 180_000);
  afterAll(() => {
    for (const o of openers) o.child.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${PROCESSES} processes, ${ROUNDS} new files: every open succeeds and migrates once`, async () => {
    openers = Array.from({ length: PROCESSES }, (_, i) => startOpener(`p${i}`));
    expect(await Promise.all(openers.map((o) => o.next()))).toEqual(openers.map(() => 'READY'));
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const path = join(dir, `round-${round}.db`);
      for (const o of openers) o.child.stdin!.write(`${path}\n`);
      const answers = await Promise.all(openers.map((o) => o.next()));
      const failed = answers.filter((a) => !a.startsWith('OK '));
      failures.push(...failed);
      if (failed.length === 0) {
        expect(
          dumpLog(path)
            .map((r) => r.streamId)
            .sort(),
        ).toEqual(openers.map((_, i) => `opener-p${i}`));
        const db = new Database(path, { readonly: true });
        expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        db.close();
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
