import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { steppingClock } from '../../src/ledger/clock';
import { Ledger } from '../../src/ledger/ledger';
import { replay } from '../../src/ledger/replay';
import { PROJECTIONS } from '../../src/projections';
import { canonicalDigest, toJson } from '../../src/projections/json';
import { MemoryEventStore } from '../../src/store';
import {
  acceptApplication,
  acceptChild,
  receiveTerminationNotice,
  registerNetwork,
  run,
  startBilling,
} from '../support/commands';

const reference = (value: unknown) =>
  createHash('sha256')
    .update(canonicalize(toJson(value)) ?? '')
    .digest('hex');

describe('the streamed canonical digest equals sha-256 of the RFC 8785 JSON of toJson', () => {
  it.each([
    ['scalars', { b: true, n: null, i: 12345, neg: -2880, f: 0.5, s: 'yen ¥ "quoted" \\ \n' }],
    ['key order by UTF-16 code units', { b: 1, a: 2, B: 3, é: 4, '10': 5, '9': 6, ｶ: 7 }],
    ['undefined fields are dropped', { a: undefined, b: [1, 2, { c: undefined, d: 'x' }] }],
    [
      'Maps keep insertion order',
      {
        m: new Map<unknown, unknown>([
          ['z', 1],
          ['a', new Map([[2, [3]]])],
        ]),
      },
    ],
    ['nesting and empties', { a: [], o: {}, m: new Map(), deep: [[[{ x: [null] }]]] }],
  ])('%s', (_label, value) => {
    expect(canonicalDigest(value)).toBe(reference(value));
  });

  it('matches on a replayed facts state, and a different state gives a different digest', async () => {
    const store = new MemoryEventStore();
    const ledger = new Ledger({ store, clock: steppingClock('2025-04-01T00:00:00Z') });
    await run(ledger, registerNetwork(), acceptApplication(), acceptChild(), startBilling());
    const before = await replay(store);
    const facts = PROJECTIONS.find((p) => p.name === 'facts')!;
    expect(before.digests.facts).toBe(reference(facts.toJSON(before.states.facts)));
    await run(ledger, receiveTerminationNotice());
    expect((await replay(store)).digests.facts).not.toBe(before.digests.facts);
  });
});
