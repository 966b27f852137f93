/**
 * The examples are part of the interface: examples/README.md shows one valid command of every
 * type the ledger knows, and examples/demo.jsonl is a clean history (no rejection) that tells the
 * demo month's story. Run in-process (no build needed).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMAND_TYPES } from '../../src/aggregates';
import { applyLines } from '../../src/cli/commands/apply';
import type { LineOutcome } from '../../src/documents/outcomes';
import { decodeRecorded, type LedgerEvent } from '../../src/events';
import { parseCommand } from '../../src/ledger/command-envelope';
import { billedMonthOf, chargesForMonth, foldFacts } from '../../src/projections';
import { CHARGE_KINDS, type ChargeKind } from '../../src/projections/charge-data';
import { MemoryEventStore } from '../../src/store';
import { demoClosedWithLateJob } from '../support/billing';

const ROOT = join(__dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'examples', 'README.md'), 'utf8');
const demo = readFileSync(join(ROOT, 'examples', 'demo.jsonl'), 'utf8');

/** `#### Type` followed by a ```json block holding one command. */
const readmeExamples = (): Map<string, unknown> => {
  const found = new Map<string, unknown>();
  for (const m of readme.matchAll(/^#### (\w+)\n[\s\S]*?```json\n(.+)\n```/gm))
    found.set(m[1]!, JSON.parse(m[2]!));
  return found;
};

/** The kinds the demo's October leaves out, each shown by the test after it. */
const NOT_IN_THE_DEMO: ReadonlySet<ChargeKind> = new Set(['breach-repair-cost', 'adjustment']);

const allEvents = async (store: MemoryEventStore): Promise<LedgerEvent[]> => {
  const events: LedgerEvent[] = [];
  for await (const r of store.readAll()) events.push(decodeRecorded(r, { validate: true }));
  return events;
};

describe('examples/README.md', () => {
  const examples = readmeExamples();

  it.each(COMMAND_TYPES)('shows a valid %s command', (type) => {
    const example = examples.get(type) as { type: string } | undefined;
    expect(example).toBeDefined();
    expect(example!.type).toBe(type);
    const parsed = parseCommand(example);
    expect(parsed.ok ? 'ok' : parsed.problems).toBe('ok');
  });

  it('shows no command type the ledger does not know', () => {
    expect([...examples.keys()].filter((t) => !(COMMAND_TYPES as string[]).includes(t))).toEqual([]);
  });

  it('continues the demo story: after demo.jsonl every example applies (RequestContractChange is always refused)', async () => {
    const store = new MemoryEventStore();
    await applyLines(store, demo.split('\n'), { stopOnError: true, onOutcome: () => undefined });
    const outcomes: LineOutcome[] = [];
    await applyLines(
      store,
      [...examples.values()].map((e) => JSON.stringify(e)),
      { stopOnError: false, onOutcome: (o) => outcomes.push(o) },
    );
    const results = outcomes.map((o) => (o.kind === 'result' ? o.result : null));
    const rejected = results.filter((r) => r?.status !== 'accepted');
    expect(rejected).toEqual([
      expect.objectContaining({
        type: 'RequestContractChange',
        code: 'CHANGE_NOT_ALLOWED',
        article: 'Art. 9(2)',
      }),
    ]);
  });
});

describe('examples/demo.jsonl', () => {
  it('starts with a comment header and has one valid command on every other non-blank line', () => {
    const lines = demo.split('\n');
    expect(lines[0]).toMatch(/^# vpn-ledger demo history/);
    for (const line of lines) {
      if (line.trim() === '' || line.trim().startsWith('#')) continue;
      const parsed = parseCommand(JSON.parse(line));
      expect(parsed.ok ? 'ok' : [line, parsed.problems]).toBe('ok');
    }
  });

  it('applies without a single rejection and its month 2025-10 shows every kind of charge line the code defines but the two shown below', async () => {
    const store = new MemoryEventStore();
    const outcomes: LineOutcome[] = [];
    const summary = await applyLines(store, demo.split('\n'), {
      stopOnError: false,
      onOutcome: (o) => outcomes.push(o),
    });
    expect(outcomes.filter((o) => o.kind !== 'result' || o.result.status !== 'accepted')).toEqual([]);
    expect(summary).toMatchObject({ rejected: 0, invalidJson: 0 });
    const charges = chargesForMonth(foldFacts(await allEvents(store)), '2025-10');
    // Derived from the kinds the code defines: a new kind fails here until the demo (or the test below) shows it.
    expect([...new Set(charges.lines.map((l) => l.kind))].sort()).toEqual(
      CHARGE_KINDS.filter((k) => !NOT_IN_THE_DEMO.has(k)).sort(),
    );
    // The night job (22:00 JST) on the two head-office devices: 10,000 yen each (Annex 1 §3(3)).
    expect(
      charges.lines.find((l) => l.id === 'c-tokyo-hq:2025-10:config-change:job-hq-routing'),
    ).toMatchObject({
      amount: 20_000,
      billTo: 'acme',
      policy: 'business-hours-by-job-start',
    });
  });
});

describe('the kinds of charge line the demo leaves out', () => {
  it("breach-repair-cost: the README's example on the demo; adjustment: a job of October recorded after October's close", async () => {
    const store = new MemoryEventStore();
    const example = readmeExamples().get('ChargeBreachRepairCost');
    const outcomes: LineOutcome[] = [];
    await applyLines(store, [...demo.split('\n'), JSON.stringify(example)], {
      stopOnError: false,
      onOutcome: (o) => outcomes.push(o),
    });
    expect(outcomes.filter((o) => o.kind !== 'result' || o.result.status !== 'accepted')).toEqual([]);
    const october = chargesForMonth(foldFacts(await allEvents(store)), '2025-10');
    expect(october.lines.filter((l) => l.kind === 'breach-repair-cost')).toEqual([
      expect.objectContaining({ contractId: 'c-himeji', amount: 45_000 }),
    ]);

    const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-examples-'));
    try {
      const closed = await demoClosedWithLateJob(join(dir, 'ledger.db'));
      const events: LedgerEvent[] = [];
      for await (const r of closed.store.readAll()) events.push(decodeRecorded(r, { validate: true }));
      await closed.store.close();
      const november = billedMonthOf(foldFacts(events), '2025-11');
      expect(november.carriesAdjustments).toBe(true);
      expect(november.charges.lines.filter((l) => l.kind === 'adjustment')).toEqual([
        expect.objectContaining({ contractId: 'c-nagoya', kind: 'adjustment' }),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
