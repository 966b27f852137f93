/**
 * Events written before the deciders recorded the dates they decide (decide once) are read through
 * upcasters that compute the missing dates with the default policies of that time (no Art. 142
 * shift). The log is never rewritten: every reader (the command pipeline, the projections, verify)
 * sees the current shape.
 */

import { decodeRecorded, EventSchemas, type EventType, SCHEMA_VERSIONS, upcast } from '../../src/events';
import { steppingClock } from '../../src/ledger/clock';
import { Ledger } from '../../src/ledger/ledger';
import {
  chargesForMonth,
  foldFacts,
  minimumTerms,
  reductions,
  returnDeadlines,
  timeline,
} from '../../src/projections';
import { MemoryEventStore } from '../../src/store';
import type { JsonObject, RecordedEvent } from '../../src/store/port';
import { acceptApplication, acceptChild, cmd, registerNetwork, run } from '../support/commands';
import { application } from '../support/ledger-events';

const lifted = (type: EventType, version: number, data: Record<string, unknown>) => {
  const out = upcast(type, version, data);
  // What the upcaster yields is a valid event of today's schema.
  expect(EventSchemas[type].safeParse(out).success).toBe(true);
  return out;
};

describe('upcasters: the dates the deciders now record, for events written before', () => {
  it('ModelChangeCompleted v1 → v2: the replaced units are owed back 30 days from the new billing start', () =>
    // 2025-06-20 + 30 days = 2025-07-20 (Art. 14(3)).
    expect(
      lifted('ModelChangeCompleted', 1, {
        changeId: 'mc-1',
        billingStartOn: '2025-06-20',
        replaced: [{ oldItemId: 'a', newItemId: 'b' }],
      }),
    ).toMatchObject({ returnDue: { on: '2025-07-20', shiftedFrom: null }, beforeBillingStart: false }));

  it('OptionStopNoticeReceived v1 → v2: from the stop, 30 days', () =>
    // 2025-08-09 + 30 days = 2025-09-08.
    expect(
      lifted('OptionStopNoticeReceived', 1, {
        optionId: 'o-1',
        noticeArrivedOn: '2025-07-10',
        requestedOn: null,
        effectiveOn: '2025-08-09',
      }),
    ).toMatchObject({ returnDue: { on: '2025-09-08', shiftedFrom: null } }));

  it('TerminationNoticeReceived v1 → v3: an ordinary notice, everything back 30 days after the end', () =>
    // 2026-02-04 + 30 days = 2026-03-06 (February 2026 has 28 days).
    expect(
      lifted('TerminationNoticeReceived', 1, {
        noticeArrivedOn: '2026-01-05',
        requestedOn: null,
        effectiveOn: '2026-02-04',
      }),
    ).toEqual({
      noticeArrivedOn: '2026-01-05',
      requestedOn: null,
      effectiveOn: '2026-02-04',
      ground: 'ordinary',
      evidenceRef: null,
      effectivePolicy: null,
      returnDue: { on: '2026-03-06', shiftedFrom: null },
    }));

  it('TerminationNoticeReceived v2 → v3 keeps the ground; a 28(3) ground took effect as Art. 18 says', () =>
    expect(
      lifted('TerminationNoticeReceived', 2, {
        noticeArrivedOn: '2025-07-01',
        requestedOn: null,
        ground: 'general-terms-28-3',
        evidenceRef: 'EV-1',
        effectiveOn: '2025-07-31',
      }),
    ).toMatchObject({
      ground: 'general-terms-28-3',
      effectivePolicy: 'termination-28-effective-by-art-18',
      returnDue: { on: '2025-08-30', shiftedFrom: null },
    }));

  it('OutageKnown v1 → v2: the claim window, with Civil Code art. 140 and its midnight proviso', () => {
    // 10:00 + 24 h → 2025-01-10 10:00: 3 months elapse from 01-10 (not counted) on 2025-04-10.
    expect(
      lifted('OutageKnown', 1, { outageId: 'u', knownAt: '2025-01-09T10:00:00+09:00', description: 'x' }),
    ).toMatchObject({
      claimWindow: {
        reachedAt: '2025-01-10T10:00:00+09:00',
        firstClaimableOn: '2025-01-10',
        lastClaimableOn: '2025-04-10',
        lastClaimableShiftedFrom: null,
      },
    });
    // Reached at exactly 00:00:00 on 01-10: that day is counted, so the last day is 2025-04-09.
    expect(
      lifted('OutageKnown', 1, { outageId: 'u', knownAt: '2025-01-09T00:00:00+09:00', description: 'x' }),
    ).toMatchObject({ claimWindow: { firstClaimableOn: '2025-01-10', lastClaimableOn: '2025-04-09' } });
  });
});

describe('upcasters: facts recorded since', () => {
  it('ModelChangeAccepted v1 → v2: no cold standby changed with the device then', () =>
    expect(
      lifted('ModelChangeAccepted', 1, {
        changeId: 'mc-1',
        target: { kind: 'device' },
        fromModel: 'Cisco 891FJ',
        toModel: 'Cisco C1121-8P',
        fee: 0,
        monthlyFee: 1,
        acceptedOn: '2025-06-01',
      }),
    ).toMatchObject({ coldStandby: [], catalogEdition: '2024-08-01' }));

  it('ApplicationAccepted and OptionAdded v1 → v2: decided with the catalog compiled in then, the first shipped edition', () => {
    expect(
      lifted('OptionAdded', 1, {
        optionId: 'o',
        option: 'sfp-module',
        model: null,
        equipment: [],
        initialFee: 0,
        monthlyFee: 0,
        addedOn: '2025-05-01',
      }),
    ).toMatchObject({ catalogEdition: '2024-08-01' });
    const { catalogEdition: _, ...v1 } = application({ contractId: 'c-1' });
    expect(lifted('ApplicationAccepted', 1, v1)).toMatchObject({ catalogEdition: '2024-08-01' });
  });

  it('SiteJoined v1 → v2: the item was not recorded (null), and the site counts for Art. 8(1) as it did', () =>
    expect(
      lifted('SiteJoined', 1, {
        contractId: 'c-1',
        contractType: 'child',
        contractorId: 'x',
        lanSubnets: [],
        joinedOn: '2025-04-01',
      }),
    ).toMatchObject({ item: null }));
});

/** What v3 of ModelChangeCompleted added: the new units' kind and option, the restart, the standbys' billing. */
const V3_COMPLETION = ['restartsTerm', 'coldStandby'];
const withoutUnitsKinds = (data: Record<string, unknown>) => {
  if (Array.isArray(data.replaced))
    data.replaced = data.replaced.map((r: Record<string, unknown>) => ({
      oldItemId: r.oldItemId,
      newItemId: r.newItemId,
    }));
};

type OldShape = { version: number; drop: string[]; also?: (data: Record<string, unknown>) => void };

/** Today's log, rewritten as an older ledger wrote it: the recorded dates removed, older versions. */
const OLD: Partial<Record<EventType, OldShape>> = {
  ApplicationAccepted: { version: 1, drop: ['catalogEdition'] },
  ModelChangeAccepted: { version: 1, drop: ['coldStandby', 'catalogEdition'] },
  OptionAdded: { version: 1, drop: ['catalogEdition'] },
  SiteJoined: { version: 1, drop: ['item'] },
  ModelChangeCompleted: {
    version: 1,
    drop: ['returnDue', 'beforeBillingStart', ...V3_COMPLETION],
    also: withoutUnitsKinds,
  },
  OptionBillingStarted: { version: 1, drop: ['startsTerm'] },
  OptionStopNoticeReceived: { version: 1, drop: ['returnDue'] },
  OutageKnown: { version: 1, drop: ['claimWindow'] },
  TerminationNoticeReceived: { version: 2, drop: ['returnDue'] },
};

/** The log of the ledger before the term starts and the new units were recorded (today's shapes otherwise). */
const BEFORE_RECORDED_TERMS: Partial<Record<EventType, OldShape>> = {
  ModelChangeCompleted: { version: 2, drop: V3_COMPLETION, also: withoutUnitsKinds },
  OptionBillingStarted: { version: 1, drop: ['startsTerm'] },
};

const asOldLedger = async (
  from: MemoryEventStore,
  shapes: Partial<Record<EventType, OldShape>> = OLD,
): Promise<MemoryEventStore> => {
  const old = new MemoryEventStore();
  for await (const e of from.readAll()) {
    const rule = shapes[e.type as EventType];
    const data = { ...(e.data as Record<string, unknown>) };
    for (const field of rule?.drop ?? []) delete data[field];
    rule?.also?.(data);
    const metadata = {
      ...(e.metadata as Record<string, unknown>),
      schemaVersion: rule?.version ?? SCHEMA_VERSIONS[e.type as EventType],
    };
    await old.appendToStream(
      e.streamId,
      [{ id: e.id, type: e.type, data: data as JsonObject, metadata: metadata as JsonObject }],
      {
        expectedRevision: e.revision === 0n ? 'no_stream' : e.revision - 1n,
      },
    );
  }
  return old;
};

describe('an old ledger keeps working: the pipeline and the projections read the upcast dates', () => {
  const write = async () => {
    const store = new MemoryEventStore();
    const ledger = new Ledger({ store, clock: steppingClock('2025-10-01T00:00:00Z') });
    await run(
      ledger,
      registerNetwork(),
      acceptApplication(),
      acceptChild(),
      cmd('StartBilling', { contractId: 'c-parent', billingStartOn: '2025-04-01' }),
      cmd('StartBilling', { contractId: 'c-child', billingStartOn: '2025-04-01' }),
      cmd('RecordOutageKnown', {
        contractId: 'c-parent',
        outageId: 'u-1',
        knownAt: '2025-05-01T10:00:00+09:00',
        description: 'down',
      }),
      cmd('ResolveOutage', {
        contractId: 'c-parent',
        outageId: 'u-1',
        resolvedAt: '2025-05-03T10:00:00+09:00',
        cause: 'provider',
      }),
      cmd('ClaimReduction', { contractId: 'c-parent', outageId: 'u-1', claimedOn: '2025-05-10' }),
      cmd('ReceiveTerminationNotice', {
        contractId: 'c-parent',
        noticeArrivedOn: '2025-07-01',
        requestedOn: null,
        ground: 'ordinary',
        evidenceRef: null,
      }),
      cmd('TerminateContract', { contractId: 'c-parent', effectiveOn: '2025-07-31' }),
    );
    return store;
  };

  it('decides against old events: not returned by 07-31 + 30 = 08-30, so a loss charge from 08-31', async () => {
    const old = await asOldLedger(await write());
    const ledger = new Ledger({ store: old, clock: steppingClock('2025-10-01T00:00:00Z') });
    const quote = (quotedOn: string, commandId: string) =>
      ledger.execute(
        cmd(
          'QuoteLossCharge',
          {
            contractId: 'c-parent',
            lossId: `l-${quotedOn}`,
            itemId: 'dev-p-1',
            amount: 50_000,
            reason: 'not-returned',
            quotedOn,
          },
          commandId,
        ),
      );
    expect(await quote('2025-08-30', 'q-1')).toMatchObject({
      status: 'rejected',
      code: 'RETURN_NOT_OVERDUE',
    });
    expect(await quote('2025-08-31', 'q-2')).toMatchObject({ status: 'accepted' });
  });

  it('projects old events with the same dates as new ones', async () => {
    const fresh = await write();
    const old = await asOldLedger(fresh);
    const fold = async (store: MemoryEventStore) => {
      const events = [];
      for await (const r of store.readAll())
        events.push(decodeRecorded(r as RecordedEvent, { validate: true }));
      return foldFacts(events);
    };
    const [now, then] = [await fold(fresh), await fold(old)];
    expect(returnDeadlines(then, '2025-09-01')).toEqual(returnDeadlines(now, '2025-09-01'));
    expect(returnDeadlines(then, '2025-09-01')[0]).toMatchObject({ dueOn: '2025-08-30', status: 'overdue' });
    expect(reductions(then)).toEqual(reductions(now));
    expect(reductions(then)[0]).toMatchObject({
      status: 'granted',
      window: { lastClaimableOn: '2025-08-02' },
    });
  });
});

describe('an old log of model changes and option terms projects the same figures (before they were recorded)', () => {
  // The parent is an 891FJ with a cold standby and a private switch, billed from 2025-04-01. The device
  // changes to a C1121-8P from 2025-06-20 and takes the standby along (Art. 17(2)(2)); the switch
  // changes from 2025-07-10 (Art. 17(3) proviso); the contract ends on 2025-10-31.
  const write = async () => {
    const store = new MemoryEventStore();
    const ledger = new Ledger({ store, clock: steppingClock('2025-11-10T00:00:00Z') });
    const parent = 'c-parent';
    await run(
      ledger,
      registerNetwork(),
      acceptApplication({ deviceModel: 'Cisco 891FJ' }),
      acceptChild({ deviceModel: 'Cisco 891FJ' }),
      cmd('StartBilling', { contractId: parent, billingStartOn: '2025-04-01' }),
      cmd('StartBilling', { contractId: 'c-child', billingStartOn: '2025-04-01' }),
      cmd('AddOption', {
        contractId: parent,
        optionId: 'CS',
        option: 'cold-standby',
        model: null,
        equipmentItemIds: ['cs-1'],
        initialFee: 5000,
        monthlyFee: 2000,
        addedOn: '2025-04-05',
      }),
      cmd('StartOptionBilling', { contractId: parent, optionId: 'CS', billingStartOn: '2025-04-10' }),
      cmd('AddOption', {
        contractId: parent,
        optionId: 'SW',
        option: 'private-switch',
        model: 'Cisco Catalyst 1000-24T-4G-L',
        equipmentItemIds: ['sw-1'],
        initialFee: 5000,
        monthlyFee: 3000,
        addedOn: '2025-04-05',
      }),
      cmd('StartOptionBilling', { contractId: parent, optionId: 'SW', billingStartOn: '2025-04-10' }),
      cmd('AcceptModelChange', {
        contractId: parent,
        changeId: 'mc-1',
        target: { kind: 'device' },
        toModel: 'Cisco C1121-8P',
        fee: 50_000,
        monthlyFee: 15_000,
        acceptedOn: '2025-06-01',
        coldStandby: [{ optionId: 'CS', fee: 8000, monthlyFee: 2500 }],
      }),
      cmd('CompleteModelChange', {
        contractId: parent,
        changeId: 'mc-1',
        billingStartOn: '2025-06-20',
        newItemIds: ['dev-p-2', 'cs-2'],
      }),
      cmd('AcceptModelChange', {
        contractId: parent,
        changeId: 'mc-2',
        target: { kind: 'option', optionId: 'SW' },
        toModel: 'Cisco Catalyst 1000-48T-4G-L',
        fee: 10_000,
        monthlyFee: 3500,
        acceptedOn: '2025-07-01',
      }),
      cmd('CompleteModelChange', {
        contractId: parent,
        changeId: 'mc-2',
        billingStartOn: '2025-07-10',
        newItemIds: ['sw-2'],
      }),
      cmd('ReceiveTerminationNotice', {
        contractId: parent,
        noticeArrivedOn: '2025-10-01',
        requestedOn: null,
        ground: 'ordinary',
        evidenceRef: null,
      }),
      cmd('TerminateContract', { contractId: parent, effectiveOn: '2025-10-31' }),
    );
    return store;
  };
  const fold = async (store: MemoryEventStore) => {
    const events = [];
    for await (const r of store.readAll())
      events.push(decodeRecorded(r as RecordedEvent, { validate: true }));
    return foldFacts(events);
  };

  it('gives the same terms, charges, deadlines and timeline', async () => {
    const fresh = await write();
    const [now, then] = [await fold(fresh), await fold(await asOldLedger(fresh, BEFORE_RECORDED_TERMS))];
    expect(minimumTerms(then)).toEqual(minimumTerms(now));
    for (const month of ['2025-06', '2025-07', '2025-10'])
      expect(chargesForMonth(then, month)).toEqual(chargesForMonth(now, month));
    expect(returnDeadlines(then, '2025-12-01')).toEqual(returnDeadlines(now, '2025-12-01'));
    expect(timeline(then, 'c-parent')).toEqual(timeline(now, 'c-parent'));
    // What the history gave: the device's and the switch's terms restarted, the standby's did not.
    expect(
      minimumTerms(then, { contractId: 'c-parent' }).map((t) => [t.optionId, t.start, t.reason]),
    ).toEqual([
      [null, '2025-04-01', 'billing-start'],
      [null, '2025-06-20', 'model-change'],
      ['CS', '2025-04-10', 'option-billing-start'],
      ['SW', '2025-04-10', 'option-billing-start'],
      ['SW', '2025-07-10', 'switch-model-change'],
    ]);
    // The new standby unit is a cold-standby device of the option (Art. 17(2)(2)).
    expect(then.contracts.get('c-parent')?.equipment.get('cs-2')).toMatchObject({
      kind: 'cold-standby-device',
      optionId: 'CS',
    });
  });
});
