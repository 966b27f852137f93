/**
 * Fuzzing the pipeline: fast-check generates 10,000 malformed or rule-breaking commands (random
 * JSON, broken envelopes, unknown types, fields missing, extra, of the wrong type, bad dates,
 * dates and instants outside 2000-01-01..2199-12-31, negative, fractional or too large yen,
 * over-long text, control characters in ids and actors, and well-formed commands that break a
 * rule of the terms against a seeded history) and sends each through `Ledger.execute` on a SQLite
 * :memory: store. Each must come back as a structured rejection (status 'rejected', a code, a
 * message) that `apply` prints as one line without a control character, `execute` must never
 * throw, and the log must be unchanged: the head position after every command, and a full dump
 * at the end, equal to what they were before.
 */

import fc from 'fast-check';
import { COMMAND_SCHEMAS, isCommandType } from '../../src/aggregates';
import { describeOutcome } from '../../src/cli/commands/apply';
import { steppingClock } from '../../src/ledger/clock';
import { Ledger } from '../../src/ledger/ledger';
import { renderer } from '../../src/render';
import { SqliteEventStore } from '../../src/store';
import { type Envelope, run } from '../support/commands';
import {
  acceptSite,
  command,
  instructChange,
  performChange,
  registerNetwork,
  startBilling,
  terminationNotice,
} from './helpers';

const RUNS = 10_000;
const HOLDER = 'acme';

/** The seeded history: one network, a parent and two children billing, a job instructed and performed. */
const history: Envelope[] = [
  registerNetwork('n1', HOLDER, '2025-04-01', 20),
  acceptSite('n1', 'n1-parent', 'parent', HOLDER, '10.0.0.0/24'),
  acceptSite('n1', 'n1-child0', 'child', 'branch-0', '10.0.1.0/24'),
  acceptSite('n1', 'n1-child1', 'child', 'branch-1', '10.0.2.0/24'),
  startBilling('n1-parent'),
  startBilling('n1-child0'),
  instructChange('n1-child0', 'job1', HOLDER, '2025-05-10T10:00:00+09:00'),
  performChange('n1-child0', 'job1', '2025-05-11T14:00:00+09:00'),
  registerNetwork('n2', 'other-corp', '2025-04-01', 20),
];

/** Schema-valid commands of many types, to mutate one field at a time. */
const templates: Envelope[] = [
  ...history,
  acceptSite('n1', 'n1-child9', 'child', 'branch-9', '10.0.9.0/24'),
  startBilling('n1-child1'),
  terminationNotice('n1-child1', '2025-09-01'),
  command('TerminateContract', 't', { contractId: 'n1-child1', effectiveOn: '2025-10-01' }),
  command('DiscloseSettings', 't', {
    networkId: 'n1',
    contractId: 'n1-child0',
    toContractorId: 'branch-0',
    disclosedOn: '2025-05-01',
  }),
  command('ReportFault', 't', {
    contractId: 'n1-child0',
    faultId: 'f1',
    itemId: 'n1-child0-dev1',
    reportedAt: '2025-06-01T08:00:00+09:00',
    description: 'down',
  }),
  command('RecordFaultInvestigation', 't', {
    contractId: 'n1-child0',
    faultId: 'f1',
    outcome: 'contractor-fault',
    quotedCost: 15000,
    investigatedOn: '2025-06-02',
  }),
  command('RecordOutageKnown', 't', {
    contractId: 'n1-child0',
    outageId: 'o1',
    knownAt: '2025-06-03T06:00:00+09:00',
    description: 'line down',
  }),
  command('ResolveOutage', 't', {
    contractId: 'n1-child0',
    outageId: 'o1',
    resolvedAt: '2025-06-03T09:00:00+09:00',
    cause: 'provider',
  }),
  command('ClaimReduction', 't', { contractId: 'n1-child0', outageId: 'o1', claimedOn: '2025-06-05' }),
  command('RecordTrafficMeasurement', 't', {
    contractId: 'n1-child0',
    measurementId: 'm1',
    measuredOn: '2025-06-01',
    peakUtilisationPercent: 42.5,
  }),
  command('AddOption', 't', {
    contractId: 'n1-child0',
    optionId: 'opt1',
    option: 'cold-standby',
    model: null,
    equipmentItemIds: ['cs-1'],
    initialFee: 10000,
    monthlyFee: 3000,
    addedOn: '2025-06-01',
  }),
  command('RecordOneTimeCost', 't', {
    contractId: 'n1-child0',
    costId: 'c1',
    cost: 'travel',
    amount: 8000,
    incurredOn: '2025-06-01',
    description: 'visit',
  }),
  command('ReturnEquipment', 't', {
    contractId: 'n1-child0',
    itemIds: ['n1-child0-dev1'],
    returnedOn: '2025-06-01',
  }),
].filter((t) => isCommandType(t.type) && COMMAND_SCHEMAS[t.type].safeParse(t.data).success);

const schemaValid = (type: string, data: unknown) =>
  isCommandType(type) && COMMAND_SCHEMAS[type].safeParse(data).success;

let fuzzSeq = 0;
const fuzzId = () => `fuzz-${++fuzzSeq}`;

const badDate = fc.constantFrom(
  '2025-02-30',
  '2025-13-01',
  '2025-00-10',
  '1/4/2025',
  '20250401',
  '',
  '2025-4-1',
  '2025-04-01T25:00:00',
  'yesterday',
  // Outside the range a command may name (src/terms/dates.ts, DATE_RANGE), as dates and instants.
  '1999-12-31',
  '2200-01-01',
  '9999-12-20',
  '0001-01-01',
  '9999-12-31T20:00:00Z',
  '1999-12-31T14:59:59Z',
  '2199-12-31T15:00:00Z',
);
const badYen = fc.oneof(
  fc.integer({ min: -1_000_000, max: -1 }),
  fc.double({ min: 0.01, max: 1e6, noInteger: true, noNaN: true }),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.constant(Number.NaN),
  // Above MAX_YEN (10,000,000,000): sums of such amounts would no longer be exact.
  fc.constantFrom(10_000_000_001, 300_000_000_000_000, 2 ** 53 - 1, 2 ** 53 + 1, 1e300),
);
const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
  fc.string({ maxLength: 5 }),
);

/** One field of a valid template replaced, removed, or a field added: invalid by construction (checked). */
const mutated = fc
  .record({
    template: fc.constantFrom(...templates),
    fieldIndex: fc.nat(),
    how: fc.constantFrom('remove', 'wrong-type', 'bad-date', 'bad-yen', 'extra', 'long-text'),
    wrong: wrongType,
    date: badDate,
    yen: badYen,
    extraKey: fc.string({ minLength: 1, maxLength: 12 }),
  })
  .map(({ template, fieldIndex, how, wrong, date, yen, extraKey }) => {
    const data: Record<string, unknown> = structuredClone(template.data);
    const keys = Object.keys(data);
    const key = keys[fieldIndex % keys.length]!;
    if (how === 'remove') delete data[key];
    else if (how === 'wrong-type') data[key] = wrong;
    else if (how === 'bad-date') data[key] = date;
    else if (how === 'bad-yen') data[key] = yen;
    else if (how === 'extra') data[keys.includes(extraKey) ? `${extraKey}_x` : extraKey] = wrong;
    else data[key] = 'x'.repeat(2001);
    return { type: template.type, commandId: fuzzId(), actor: 'staff:fuzz', data } as unknown;
  })
  .filter((c) => !schemaValid((c as Envelope).type, (c as Envelope).data));

/** Envelopes that are wrong before the data is looked at. */
const brokenEnvelope = fc.oneof(
  fc.record({ type: fc.string(), commandId: fc.constant(''), actor: fc.constant('a'), data: fc.object() }),
  fc.record({
    type: fc.constantFrom('StartBilling', 'AcceptApplication'),
    actor: fc.constant('a'),
    data: fc.object(),
  }),
  fc.record({
    type: wrongType,
    commandId: fc.string({ minLength: 1 }),
    actor: fc.constant('a'),
    data: fc.object(),
  }),
  fc.record({
    type: fc.constant('StartBilling'),
    commandId: fc.string({ minLength: 1, maxLength: 20 }),
    actor: fc.constant(''),
    data: fc.object(),
  }),
  fc.record({
    type: fc.constant('StartBilling'),
    commandId: fc.string({ minLength: 1, maxLength: 20 }),
    actor: fc.constant('a'),
    data: fc.constant({ contractId: 'n1-child1', billingStartOn: '2025-05-01' }),
    extra: fc.anything(),
  }),
  fc.record({
    type: fc.constant('StartBilling'),
    commandId: fc.constant('x'.repeat(201)),
    actor: fc.constant('a'),
    data: fc.object(),
  }),
);

/** A control character (C0, DEL, C1) or a bidi override, somewhere in an otherwise valid id. */
const withControl = fc
  .record({
    id: fc.constantFrom('cmd-1', 'staff:sato', 'n1-child0', 'contractor:acme'),
    at: fc.nat(),
    c: fc.oneof(
      fc.integer({ min: 0, max: 0x1f }),
      fc.integer({ min: 0x7f, max: 0x9f }),
      fc.constantFrom(0x202e, 0x2066),
    ),
  })
  .map(({ id, at, c }) => {
    const i = at % (id.length + 1);
    return `${id.slice(0, i)}${String.fromCharCode(c)}${id.slice(i)}`;
  });

/** Control characters where only letters, digits and . _ : - may go: command ids, actors, data ids. */
const controlled = fc.oneof(
  withControl.map((commandId) => ({ ...startBilling('n1-child1', '2025-05-01'), commandId })),
  withControl.map((actor) => ({ ...startBilling('n1-child1', '2025-05-01'), commandId: fuzzId(), actor })),
  withControl.map((correlationId) => ({
    ...startBilling('n1-child1', '2025-05-01'),
    commandId: fuzzId(),
    correlationId,
  })),
  withControl.map((contractId) =>
    command('StartBilling', fuzzId(), { contractId, billingStartOn: '2025-05-01' }),
  ),
);

const unknownType = fc
  .string({ minLength: 1, maxLength: 30 })
  .filter((t) => !isCommandType(t))
  .map((type) => ({ type, commandId: fuzzId(), actor: 'staff:fuzz', data: {} }));

const day = fc.integer({ min: 1, max: 28 }).map((d) => String(d).padStart(2, '0'));

/** Well-formed commands that the terms refuse, against the seeded history. */
const ruleBreaking = fc.oneof(
  // Art. 6: no such contract.
  fc.string({ minLength: 1, maxLength: 8 }).map((s) =>
    command('StartBilling', fuzzId(), {
      contractId: `ghost-${s.replace(/[^A-Za-z0-9]/g, 'x')}`,
      billingStartOn: '2025-05-01',
    }),
  ),
  // Art. 19: billing already started.
  day.map((d) =>
    command('StartBilling', fuzzId(), { contractId: 'n1-child0', billingStartOn: `2025-06-${d}` }),
  ),
  // Art. 22(4): the site is already a contract.
  fc
    .constantFrom('n1-parent', 'n1-child0')
    .map((c) => acceptSite('n1', c, 'child', 'branch-x', '10.0.50.0/24', '2025-05-01', fuzzId())),
  // Art. 1: no such network.
  day.map((d) =>
    acceptSite('n-none', `n-none-c${d}`, 'child', 'branch-x', '10.0.51.0/24', `2025-05-${d}`, fuzzId()),
  ),
  // Art. 22(2): overlapping or public LAN prefixes.
  fc
    .constantFrom('10.0.1.0/24', '10.0.0.0/16', '8.8.8.0/24', '192.0.2.0/24')
    .map((s) => acceptSite('n1', 'n1-new', 'child', 'branch-n', s, '2025-05-01', fuzzId())),
  // Art. 10(1)(2): only the parent holder instructs configuration changes.
  fc
    .constantFrom('branch-0', 'other-corp', 'mallory')
    .map((who) => instructChange('n1-child0', `j-${fuzzSeq}`, who, '2025-05-20T10:00:00+09:00', fuzzId())),
  // Art. 10(3): no such job; Art. 18: no notice, so no termination.
  fc.constant(null).map(() =>
    command('PerformConfigurationChange', fuzzId(), {
      contractId: 'n1-child0',
      jobId: 'never',
      startedAt: '2025-05-21T10:00:00+09:00',
      itemIds: ['n1-child0-dev1'],
    }),
  ),
  day.map((d) =>
    command('TerminateContract', fuzzId(), { contractId: 'n1-child0', effectiveOn: `2025-07-${d}` }),
  ),
  // The network exists already; a date before the terms existed.
  fc.constant(null).map(() => ({ ...registerNetwork('n1', HOLDER), commandId: fuzzId() })),
  day.map((d) => ({ ...registerNetwork(`n-old-${d}`, HOLDER, `2005-01-${d}`), commandId: fuzzId() })),
  // Dates before the acceptance; an item the contract does not hold.
  day.map((d) =>
    command('RecordTrafficMeasurement', fuzzId(), {
      contractId: 'n1-child0',
      measurementId: `m-${d}`,
      measuredOn: `2025-01-${d}`,
      peakUtilisationPercent: 10,
    }),
  ),
  fc.constant(null).map(() =>
    command('ReportFault', fuzzId(), {
      contractId: 'n1-child0',
      faultId: `f-${fuzzSeq}`,
      itemId: 'not-mine',
      reportedAt: '2025-06-01T08:00:00+09:00',
      description: 'x',
    }),
  ),
  // A command id of the history, re-used with another payload.
  fc
    .constantFrom(...history.filter((h) => h.type === 'StartBilling'))
    .map((h) => ({ ...h, data: { ...h.data, billingStartOn: '2025-04-25' } })),
);

const anyInput: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.anything() },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 2, arbitrary: brokenEnvelope },
  { weight: 1, arbitrary: unknownType },
  { weight: 6, arbitrary: mutated },
  { weight: 4, arbitrary: ruleBreaking },
  { weight: 1, arbitrary: controlled },
);

describe('fuzz: malformed and rule-breaking commands', () => {
  it('every template is schema-valid (so each mutation is the only fault)', () => {
    expect(templates.length).toBeGreaterThanOrEqual(20);
  });

  it(`${RUNS.toLocaleString('en-US')} commands: each a structured rejection, never a throw, the log unchanged`, async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const ledger = new Ledger({ store, clock: steppingClock('2025-06-01T00:00:00Z') });
    await run(ledger, ...history);
    const dump = () => store.db.prepare('SELECT * FROM events ORDER BY global_position').all();
    const before = dump();
    const head = await store.headPosition();
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(anyInput, async (input) => {
        let result: Awaited<ReturnType<Ledger['execute']>>;
        try {
          result = await ledger.execute(input);
        } catch (error) {
          throw new Error(`execute threw on ${JSON.stringify(input)}: ${(error as Error).stack}`);
        }
        if (result.status !== 'rejected') return false;
        if (typeof result.code !== 'string' || result.code.length === 0) return false;
        // The sentence is the edge's: rendered from the code and its parameters.
        if (renderer('en').resultMessage(result).length === 0) return false;
        // As `apply` prints it: whatever the input held, no line break or control character gets out.
        for (const line of describeOutcome({ line: 1, kind: 'result', result }).lines) {
          // biome-ignore lint/suspicious/noControlCharactersInRegex: the check is that none is there
          if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(line)) return false;
        }
        codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
        return (await store.headPosition())?.commit === head?.commit;
      }),
      { numRuns: RUNS, seed: 20_250_401, endOnFailure: true },
    );
    console.info(`fuzz codes: ${JSON.stringify(Object.fromEntries([...codes].sort((a, b) => b[1] - a[1])))}`);
    expect(dump()).toEqual(before);
    // The generators reach past the parser into the deciders.
    expect([...codes.keys()].length).toBeGreaterThan(10);
    expect(codes.get('INVALID_COMMAND')).toBeLessThan(RUNS);
    await store.close();
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// Issue 15: ids named after Object.prototype's properties. They pass the id rule (`__proto__`
// does not: an id starts with a letter or digit), so the deciders must treat them as any other id.

const PROTO_NAMES = [
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__proto__',
] as const;

/** Commands that name something which, under a prototype-named id, does not exist. */
const missingUnderProtoName: readonly ((id: string) => Envelope)[] = [
  (id) => command('StartBilling', fuzzId(), { contractId: id, billingStartOn: '2025-05-01' }),
  (id) =>
    command('ResolveFault', fuzzId(), {
      contractId: 'n1-child0',
      faultId: id,
      resolution: 'repaired',
      replacement: null,
      resolvedOn: '2025-06-03',
    }),
  (id) =>
    command('RecordFaultInvestigation', fuzzId(), {
      contractId: 'n1-child0',
      faultId: id,
      outcome: 'provider-fault',
      quotedCost: null,
      investigatedOn: '2025-06-03',
    }),
  (id) =>
    command('PerformConfigurationChange', fuzzId(), {
      contractId: 'n1-child0',
      jobId: id,
      startedAt: '2025-05-21T10:00:00+09:00',
      itemIds: ['n1-child0-dev1'],
    }),
  (id) =>
    command('CompleteModelChange', fuzzId(), {
      contractId: 'n1-child0',
      changeId: id,
      billingStartOn: '2025-06-01',
      newItemIds: ['new-1'],
    }),
  (id) =>
    command('StartOptionBilling', fuzzId(), {
      contractId: 'n1-child0',
      optionId: id,
      billingStartOn: '2025-06-01',
    }),
  (id) =>
    command('StopOption', fuzzId(), {
      contractId: 'n1-child0',
      optionId: id,
      noticeArrivedOn: '2025-06-01',
      requestedOn: null,
    }),
  (id) =>
    command('ShipReplacement', fuzzId(), {
      contractId: 'n1-child0',
      lossId: id,
      replacement: { itemId: 'rep-1', kind: 'vpn-device', model: 'Cisco C1121-8P' },
      shippedOn: '2025-06-01',
    }),
  (id) =>
    command('RecordLostItemFound', fuzzId(), { contractId: 'n1-child0', lossId: id, foundOn: '2025-06-01' }),
  (id) =>
    command('RecordRelocation', fuzzId(), {
      contractId: 'n1-child0',
      consentId: id,
      relocatedOn: '2025-06-01',
    }),
  (id) =>
    command('ResolveOutage', fuzzId(), {
      contractId: 'n1-child0',
      outageId: id,
      resolvedAt: '2025-06-03T09:00:00+09:00',
      cause: 'provider',
    }),
  (id) =>
    command('ClaimReduction', fuzzId(), { contractId: 'n1-child0', outageId: id, claimedOn: '2025-06-05' }),
  (id) =>
    command('ProposeContractChange', fuzzId(), {
      contractId: 'n1-child0',
      proposalId: 'p-1',
      measurementId: id,
      proposedOn: '2025-06-05',
      proposal: 'x',
    }),
  (id) =>
    command('ReturnEquipment', fuzzId(), {
      contractId: 'n1-child0',
      itemIds: [id],
      returnedOn: '2025-06-01',
    }),
  (id) =>
    command('ReportFault', fuzzId(), {
      contractId: 'n1-child0',
      faultId: 'f-proto',
      itemId: id,
      reportedAt: '2025-06-01T08:00:00+09:00',
      description: 'x',
    }),
  (id) =>
    command('DiscloseSettings', fuzzId(), {
      networkId: 'n1',
      contractId: id,
      toContractorId: 'branch-0',
      disclosedOn: '2025-05-01',
    }),
];

/** Commands that create something under a prototype-named id: the first use of each is accepted. */
const createUnderProtoName: readonly ((id: string) => Envelope)[] = [
  (id) =>
    acceptSite(
      'n1',
      id,
      'child',
      `branch-${id}`,
      `10.0.${60 + PROTO_NAMES.indexOf(id as never)}.0/24`,
      '2025-05-01',
      fuzzId(),
    ),
  (id) => instructChange('n1-child0', id, HOLDER, '2025-05-20T10:00:00+09:00', fuzzId()),
  (id) =>
    command('AddOption', fuzzId(), {
      contractId: 'n1-child0',
      optionId: id,
      option: 'cold-standby',
      model: null,
      equipmentItemIds: [`cs-${id}`],
      initialFee: 10000,
      monthlyFee: 3000,
      addedOn: '2025-06-01',
    }),
  (id) =>
    command('RecordOutageKnown', fuzzId(), {
      contractId: 'n1-child0',
      outageId: id,
      knownAt: '2025-06-03T06:00:00+09:00',
      description: 'x',
    }),
  (id) =>
    command('RecordTrafficMeasurement', fuzzId(), {
      contractId: 'n1-child0',
      measurementId: id,
      measuredOn: '2025-06-01',
      peakUtilisationPercent: 50,
    }),
  (id) =>
    command('RecordOneTimeCost', fuzzId(), {
      contractId: 'n1-child0',
      costId: id,
      cost: 'travel',
      amount: 1000,
      incurredOn: '2025-06-01',
      description: 'x',
    }),
  (id) =>
    command('ConsentToRelocation', fuzzId(), {
      contractId: 'n1-child0',
      consentId: id,
      itemIds: ['n1-child0-dev1'],
      to: { country: 'JP', text: 'Minato-ku' },
      consentedOn: '2025-06-01',
    }),
];

describe('fuzz: ids named after Object.prototype properties (issue 15)', () => {
  it('a reference to nothing under such an id is refused as unknown, never as existing, never a throw', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const ledger = new Ledger({ store, clock: steppingClock('2025-06-01T00:00:00Z') });
    await run(ledger, ...history);
    const head = await store.headPosition();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PROTO_NAMES),
        fc.nat(missingUnderProtoName.length - 1),
        async (id, k) => {
          const input = missingUnderProtoName[k]!(id);
          const result = await ledger.execute(input);
          if (result.status !== 'rejected') throw new Error(`accepted: ${JSON.stringify(input)}`);
          if (/_EXISTS$/.test(result.code)) throw new Error(`${result.code} for ${JSON.stringify(input)}`);
          if (id === '__proto__' && result.code !== 'INVALID_COMMAND')
            throw new Error(`__proto__ passed the id rule`);
          return (await store.headPosition())?.commit === head?.commit;
        },
      ),
      { numRuns: 500, seed: 15_001 },
    );
    await store.close();
  });

  it('the first use of such an id for a new contract, job, option, outage, measurement, cost or consent is accepted', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const ledger = new Ledger({ store, clock: steppingClock('2025-06-01T00:00:00Z') });
    await run(ledger, ...history);
    for (const id of PROTO_NAMES.filter((n) => n !== '__proto__')) {
      for (const make of createUnderProtoName) {
        const result = await ledger.execute(make(id));
        expect({ id, result: result.status === 'accepted' ? 'accepted' : result.code }).toEqual({
          id,
          result: 'accepted',
        });
      }
    }
    await store.close();
  });
});
