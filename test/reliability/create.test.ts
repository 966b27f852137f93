/**
 * Creating a ledger concurrently: several processes open the same file that does not exist yet,
 * at the same moment, many times over. Every open must succeed (no "table events already
 * exists", no "no such table: view_state"), the file must end at the current schema version, and
 * every process's append must be in it. The processes stay up across rounds and start each round
 * on the same stdin line, so that their opens collide as closely as processes can. They open the
 * bare store, and the ledger as `apply` does (the store migrated, then its views created).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../src/store';
import { Checkpoint, VIEWS_VERSION } from '../../src/views/models/checkpoint';
import { VIEWS_DDL } from '../../src/views/schema';
import { ensureDist } from '../support/dist';
import { dumpLog } from './helpers';

const PROCESSES = 6;
const ROUNDS = 30;
/** Before the views were created under the write lock, about 1 round in 20 failed this way. */
const LEDGER_ROUNDS = 60;
const OPENER = join(__dirname, '..', 'support', 'child-opener.js');

interface Opener {
  readonly child: ChildProcess;
  next(): Promise<string>;
}

const startOpener = (name: string, mode: 'store' | 'ledger'): Opener => {
  const child = spawn(process.execPath, [OPENER, name, mode], { stdio: ['pipe', 'pipe', 'inherit'] });
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

  const race = async (mode: 'store' | 'ledger', rounds: number) => {
    for (const o of openers) o.child.kill();
    openers = Array.from({ length: PROCESSES }, (_, i) => startOpener(`p${i}`, mode));
    expect(await Promise.all(openers.map((o) => o.next()))).toEqual(openers.map(() => 'READY'));
    const failures: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const path = join(dir, `${mode}-${round}.db`);
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
        if (mode === 'ledger') expect(new Checkpoint(db).state()?.version).toBe(VIEWS_VERSION);
        db.close();
      }
    }
    expect(failures).toEqual([]);
  };

  it(`${PROCESSES} processes, ${ROUNDS} new files: every open succeeds and migrates once`, async () => {
    await race('store', ROUNDS);
  }, 120_000);

  it(`${PROCESSES} processes opening the ledger as apply does, ${LEDGER_ROUNDS} new files: every open succeeds, its views made once`, async () => {
    await race('ledger', LEDGER_ROUNDS);
  }, 120_000);
});

describe("the views' state, read while another process creates the views", () => {
  it('is "no views yet", not an error, when the tables appear between two looks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-state-'));
    const path = join(dir, 'ledger.db');
    const mine = new Database(path);
    mine.pragma('journal_mode = WAL');
    const other = new Database(path);
    try {
      // The other process commits the views right after this one found no view_state table: any
      // second look at sqlite_master sees them (what made six writers fail now and then).
      const racing = new Proxy(mine, {
        get(target, key) {
          if (key !== 'prepare') return Reflect.get(target, key, target);
          return (sql: string) => {
            try {
              return target.prepare(sql);
            } catch (error) {
              if (sql.includes('view_state')) other.exec(VIEWS_DDL);
              throw error;
            }
          };
        },
      });
      expect(new Checkpoint(racing).state()).toBeNull();
      // Any other failure is still one.
      mine.exec('CREATE TABLE IF NOT EXISTS x (a)');
      const broken = new Proxy(mine, {
        get(target, key) {
          if (key !== 'prepare') return Reflect.get(target, key, target);
          return () => {
            throw new Error('disk I/O error');
          };
        },
      });
      expect(() => new Checkpoint(broken).state()).toThrow('disk I/O error');
    } finally {
      other.close();
      mine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
