/**
 * What one command may make the ledger do (issue 26): a command is held to bounds before its
 * schemas are checked (arrays of at most 1,000 items, objects of at most 100 fields, 16 levels), and
 * the problems of an invalid one are listed up to 20, with the count of the others. Before, one
 * command of 2 million bad item ids listed 2 million problems (a 464 MB answer).
 */
import { COMMAND_BOUNDS, MAX_LISTED_PROBLEMS, parseCommand } from '../../src/ledger/command-envelope';
import { Ledger } from '../../src/ledger/ledger';
import { renderer } from '../../src/render';
import { MemoryEventStore } from '../../src/store';

const ledger = () => new Ledger({ store: new MemoryEventStore(), clock: () => '2025-11-01T00:00:00Z' });

const returnEquipment = (itemIds: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'ReturnEquipment',
  commandId: 'ret-1',
  actor: 'staff:sato',
  data: { contractId: 'c-1', itemIds, returnedOn: '2025-10-01', ...extra },
});

describe('a command beyond the bounds', () => {
  it('2,000,000 bad item ids: one problem naming the bound, not two million', async () => {
    const ids = Array.from({ length: 2_000_000 }, () => '!');
    const result = await ledger().execute(returnEquipment(ids));
    expect(result).toMatchObject({
      status: 'rejected',
      code: 'INVALID_COMMAND',
      problems: [{ path: 'data.itemIds', message: 'at most 1,000 items (2,000,000 given)' }],
    });
    expect(renderer('en').resultMessage(result as never)).toBe(
      'data.itemIds: at most 1,000 items (2,000,000 given)',
    );
  });

  it('an object of 200,000 unknown fields: one problem naming the bound', () => {
    const extra = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i]));
    const parsed = parseCommand(returnEquipment(['dev-1'], extra));
    expect(parsed).toEqual({
      ok: false,
      problems: [{ path: 'data', message: 'at most 100 fields (200,003 given)' }],
      more: 0,
    });
  });

  it('nesting deeper than 16 levels', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = { a: deep };
    const parsed = parseCommand(returnEquipment(['dev-1'], { description: deep }));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems[0]!.message).toBe(
      `nested more than ${COMMAND_BOUNDS.depth} levels deep`,
    );
  });
});

describe('an invalid command within the bounds', () => {
  it('lists its first 20 problems and counts the others, in both languages', async () => {
    const result = await ledger().execute(returnEquipment(Array.from({ length: 500 }, () => '!')));
    expect(result.status).toBe('rejected');
    if (result.status !== 'rejected') return;
    expect(result.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(result.problems![0]!.path).toBe('data.itemIds.0');
    expect(result.params).toMatchObject({ more: 480 });
    expect(renderer('en').resultMessage(result)).toMatch(/; and 480 more problem\(s\) not listed$/);
    expect(renderer('ja').resultMessage(result)).toMatch(
      /^コマンドの内容に誤りがあります（500件）.*（ほか480件は省略）$/,
    );
  });

  it('names at most 10 unknown fields, and how many more there are', () => {
    const extra = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const parsed = parseCommand(returnEquipment(['dev-1'], extra));
    expect(parsed).toEqual({
      ok: false,
      problems: [
        {
          path: 'data',
          message: 'unknown field(s): k0, k1, k2, k3, k4, k5, k6, k7, k8, k9 and 40 more',
          // The problem as data, for the Japanese wording (src/render/field-problems.ts).
          issue: {
            code: 'unrecognized_keys',
            field: 'unknownFields',
            params: { keys: 'k0, k1, k2, k3, k4, k5, k6, k7, k8, k9 (+40)' },
          },
        },
      ],
      more: 0,
    });
  });
});
