/**
 * The demo grown to the size of a real book: examples/demo.jsonl applied once as it is, then again
 * and again with every id renamed (`c-osaka` → `c-osaka-g0001`, `acme` → `acme-g0001`, ...), so
 * that 1,430 copies give 10,010 contracts and about 91,500 events; then the months 2025-03 to
 * 2025-10 closed and sealed, as `npm run demo` closes them. The first copy keeps the demo's own ids:
 * the console's pages of the demo (c-osaka, October) exist in the grown ledger as they are.
 *
 * Written once and kept in bench/.cache/ (keyed by the number of copies and a digest of the demo
 * and the compiled code that decides what the log holds), since growing takes long (10 to 40
 * minutes on a shared 2-core machine); its views are rebuilt when this program's tables differ.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { closeMonth } from '../../src/billing/close';
import { steppingClock } from '../../src/ledger/clock';
import { Ledger } from '../../src/ledger/ledger';
import { openLedger } from '../../src/ledger/open';
import { generateSealKeys, privateKeyFrom } from '../../src/ledger/seal';
import { addMonthsToMonth } from '../../src/terms/dates';
import { rebuildLocalViews } from '../../src/views/rebuild';
import { VIEWS_DDL, VIEWS_VERSION } from '../../src/views/schema';
import { CACHE_DIR } from '../history';
import { now, REPO_ROOT, secondsSince } from '../lib';

/** Bump when the grown ledger changes in a way the digest would not see. */
const GROWER_VERSION = 1;

/** 1,430 copies of the demo's 7 contracts: 10,010 contracts, as issue 23 measured. */
export const GROWN_COPIES = 1430;

/** The fields of the demo's commands that hold ids (renamed in every copy but the first). */
const ID_FIELDS: ReadonlySet<string> = new Set([
  'commandId',
  'networkId',
  'parentContractId',
  'parentHolderId',
  'contractId',
  'contractorId',
  'deviceItemIds',
  'optionId',
  'equipmentItemIds',
  'changeId',
  'newItemIds',
  'itemIds',
  'itemId',
  'consentId',
  'outageId',
  'toContractorId',
  'faultId',
  'lossId',
  'jobId',
  'instructedBy',
  'costId',
  'measurementId',
  'proposalId',
]);

export const demoCommands = (): unknown[] =>
  readFileSync(join(REPO_ROOT, 'examples', 'demo.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => JSON.parse(l) as unknown);

/** A command of the demo with its ids renamed for copy `copy` (0: as it is). */
export const renamed = (command: unknown, copy: number): unknown => {
  if (copy === 0) return command;
  const suffix = `-g${String(copy).padStart(4, '0')}`;
  const walk = (x: unknown, field: string, inId: boolean): unknown => {
    if (Array.isArray(x)) return x.map((v) => walk(v, field, inId));
    if (x !== null && typeof x === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(x)) out[k] = walk(v, k, ID_FIELDS.has(k));
      return out;
    }
    if (typeof x !== 'string') return x;
    if (inId) return `${x}${suffix}`;
    // A contractor's own acts name it as the actor.
    if (field === 'actor' && x.startsWith('contractor:')) return `${x}${suffix}`;
    return x;
  };
  return walk(command, '', false);
};

/** A digest of what the grown ledger depends on: the demo, and the compiled code it runs through. */
const digest = (copies: number): string => {
  const h = createHash('sha256');
  h.update(`${GROWER_VERSION}:${copies}`);
  h.update(readFileSync(join(REPO_ROOT, 'examples', 'demo.jsonl')));
  const distSrc = join(__dirname, '..', '..', 'src');
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.js')) h.update(relative(distSrc, p)).update(readFileSync(p));
    }
  };
  // What the log holds depends on these (the views are rebuilt by version when they differ).
  for (const d of ['events', 'aggregates', 'terms', 'projections', 'ledger', 'billing', 'store'])
    walk(join(distSrc, d));
  h.update(String(VIEWS_VERSION));
  return h.digest('hex').slice(0, 12);
};

export interface GrownLedger {
  readonly path: string;
  readonly copies: number;
  readonly contracts: number;
  readonly events: number;
  readonly seconds: number;
  readonly cached: boolean;
}

/**
 * A copy of the grown ledger at `target` (made first in the cache if it is not there). The copy is
 * the caller's: a server may write to it.
 */
export const growDemo = async (
  target: string,
  copies = GROWN_COPIES,
  log: (line: string) => void = () => {},
): Promise<GrownLedger> => {
  mkdirSync(CACHE_DIR, { recursive: true });
  const cached = join(CACHE_DIR, `console-grown-${copies}-${digest(copies)}.db`);
  let seconds = 0;
  const hit = existsSync(cached);
  if (!hit) {
    for (const name of readdirSync(CACHE_DIR))
      if (name.startsWith(`console-grown-${copies}-`)) rmSync(join(CACHE_DIR, name), { force: true });
    rmSync(`${cached}.views`, { force: true });
    const partial = `${cached}.partial`;
    rmSync(partial, { force: true });
    const started = now();
    const { store, views } = await openLedger(
      { kind: 'sqlite', path: partial },
      { access: 'write', synchronous: 'OFF' },
    );
    const clock = steppingClock('2025-11-01T00:00:00Z');
    const ledger = new Ledger({ store, clock });
    const commands = demoCommands();
    for (let copy = 0; copy < copies; copy++) {
      for (const command of commands) {
        const r = await ledger.execute(renamed(command, copy));
        if (r.status !== 'accepted') throw new Error(`copy ${copy}: rejected ${JSON.stringify(r)}`);
      }
      if (copy % 100 === 99)
        log(`  grew ${copy + 1}/${copies} copies of the demo (${secondsSince(started).toFixed(0)} s)`);
    }
    const key = privateKeyFrom(generateSealKeys().privatePem, 'bench');
    for (let m = '2025-03'; m <= '2025-10'; m = addMonthsToMonth(m, 1)) {
      const r = await closeMonth(
        { type: 'CloseMonth', commandId: `close-${m}`, actor: 'staff:demo', data: { month: m } },
        { store, views: views!, viewsInline: true, clock, key },
      );
      if (r.status !== 'accepted') throw new Error(`close ${m}: ${JSON.stringify(r)}`);
      log(`  closed ${m} (${secondsSince(started).toFixed(0)} s)`);
    }
    await store.close();
    seconds = secondsSince(started);
    copyFileSync(partial, cached);
    rmSync(partial, { force: true });
  }
  // The views' tables as this program makes them (a new index, a new column): rebuilt from the log
  // when the cached ledger's were made by another.
  const viewsMark = `${cached}.views`;
  const ddl = createHash('sha256').update(VIEWS_DDL).digest('hex');
  if (!existsSync(viewsMark) || readFileSync(viewsMark, 'utf8') !== ddl) {
    const started = now();
    const ledger = await openLedger({ kind: 'sqlite', path: cached }, { access: 'maintain' });
    rebuildLocalViews(ledger.store.local!, ledger.views!);
    await ledger.close();
    writeFileSync(viewsMark, ddl);
    log(`  rebuilt the cached ledger's views (${secondsSince(started).toFixed(0)} s)`);
  }
  copyFileSync(cached, target);
  const { store } = await openLedger({ kind: 'sqlite', path: target }, { access: 'read' });
  const events = Number((await store.headPosition())?.commit ?? 0n);
  await store.close();
  return { path: target, copies, contracts: copies * 7, events, seconds, cached: hit };
};
