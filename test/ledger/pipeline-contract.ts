import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src/ledger/clock';
import { steppingClock } from '../../src/ledger/clock';
import { eventIdFor } from '../../src/ledger/command-ids';
import { verifyIntegrity } from '../../src/ledger/integrity';
import { type CommandResult, Ledger, type LedgerOptions } from '../../src/ledger/ledger';
import { RESERVATION_GRACE_MS } from '../../src/ledger/site-reservations';
import { renderer } from '../../src/render';
import { breakText } from '../../src/render/integrity';
import { type EventStore, MemoryEventStore } from '../../src/store';
import { type Envelope, run } from '../support/commands';
import { copyWithUnscopedIds, unscopedEventId } from '../support/unscoped-ids';

/**
 * The command pipeline over one store adapter: retries on conflict, idempotent re-appends, the
 * same command racing itself, and the commands that write two streams (a site's reservation in
 * its network, then its contract), with what a command stopped between its two appends leaves.
 * Every adapter runs exactly these tests (memory and SQLite in pipeline.test.ts, EventStoreDB
 * through the gRPC stand-in in test/esdb). Ids are unique per test, so a long-lived server works.
 */
export const pipelineContract = (
  name: string,
  open: () => Promise<EventStore>,
  options: {
    /**
     * Whether two processes completing the same command at the same instant are told apart: the
     * EventStoreDB server acknowledges a repeat that raced past the adapter's read like a write.
     */
    readonly exactRacingCounts?: boolean;
    /** Options of every ledger the tests make (the stream cache's size). */
    readonly ledger?: Pick<LedgerOptions, 'streamCacheSize'>;
  } = {},
): void => {
  describe(`the command pipeline on ${name}`, () => {
    let store: EventStore;
    let p: string;
    beforeEach(async () => {
      store = await open();
      p = `t${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    });
    afterEach(async () => {
      await store.close();
    });

    let seq = 0;
    let subnets = 100;
    const cmd = (type: string, data: Record<string, unknown>, commandId = `${p}-cmd-${++seq}`): Envelope => ({
      type,
      commandId,
      actor: 'staff:sato',
      data,
    });
    const net = () => `${p}-n`;
    const registerNetwork = (childSiteLimit = 10) =>
      cmd('RegisterNetwork', {
        networkId: net(),
        parentContractId: `${p}-parent`,
        parentHolderId: 'acme',
        item: 'single-star-single-edge',
        childSiteLimit,
        registeredOn: '2025-04-01',
      });
    const accept = (contract: string, over: Record<string, unknown> = {}, commandId?: string) =>
      cmd(
        'AcceptApplication',
        {
          contractId: `${p}-${contract}`,
          networkId: net(),
          contractType: contract === 'parent' ? 'parent' : 'child',
          contractorId: contract === 'parent' ? 'acme' : `branch-${contract}`,
          item: 'single-star-single-edge',
          deviceModel: 'Cisco C1121-8P',
          deviceItemIds: [`${p}-${contract}-dev`],
          maintenanceType: 'type-2',
          termYears: 1,
          site: { country: 'JP', text: 'Chiyoda-ku, Tokyo' },
          lanSubnets: [`10.${++subnets}.0.0/16`],
          initialFee: 30000,
          monthlyFee: 12000,
          onSiteInstallation: null,
          acceptedOn: '2025-04-01',
          ...over,
        },
        commandId,
      );
    const notice = (contract: string, on: string) =>
      cmd('ReceiveTerminationNotice', {
        contractId: `${p}-${contract}`,
        noticeArrivedOn: on,
        requestedOn: null,
        ground: 'ordinary',
        evidenceRef: null,
      });
    const environmentNotice = (contract: string, noticeId: string) =>
      cmd('ReceiveEnvironmentNotice', {
        contractId: `${p}-${contract}`,
        noticeId,
        kind: 'change',
        receivedOn: '2025-05-01',
        description: 'New ISP line at the site',
      });
    const ledgerOn = (clock: Clock = steppingClock('2025-04-01T00:00:00Z')) =>
      new Ledger({ store, clock, ...options.ledger });
    const types = async (stream: string) => {
      const read = await store.readStream(stream);
      return read.status === 'found' ? read.events.map((e) => e.type) : [];
    };
    /** Runs `c` until its network append has landed and its contract append fails, as a kill would. */
    const stopBetweenAppends = async (ledger: Ledger, c: Envelope, on: EventStore = store) => {
      const real = on.appendToStream.bind(on);
      const spy = jest.spyOn(on, 'appendToStream').mockImplementation(async (stream, events, o) => {
        if (stream.startsWith('contract-')) throw new Error('killed between the two appends');
        return real(stream, events, o);
      });
      try {
        await expect(ledger.execute(c)).rejects.toThrow('killed between the two appends');
      } finally {
        spy.mockRestore();
      }
    };
    /** A clock the test moves. */
    const manualClock = (start: string) => {
      let t = Date.parse(start);
      const clock: Clock & { advance: (ms: number) => void } = Object.assign(
        () => new Date(t).toISOString(),
        {
          advance: (ms: number) => {
            t += ms;
          },
        },
      );
      return clock;
    };
    const accepted = (r: CommandResult) => {
      if (r.status !== 'accepted') throw new Error(`rejected: ${r.code} ${renderer('en').resultMessage(r)}`);
      return r;
    };

    it('retries on a wrong expected version and lands every racing command', async () => {
      const ledgers = [ledgerOn(), ledgerOn(), ledgerOn()];
      await run(ledgers[0]!, registerNetwork(), accept('parent'));
      const results = await Promise.all(ledgers.map((l, i) => l.execute(accept(`child${i}`))));
      expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
      expect(results.some((r) => r.status === 'accepted' && r.attempts > 1)).toBe(true);
      expect(await types(`network-${net()}`)).toEqual([
        'NetworkRegistered',
        'SiteJoined',
        'SiteJoined',
        'SiteJoined',
        'SiteJoined',
      ]);
    });

    it("re-decides the loser of a race on the winner's state: a second termination notice is refused (Art. 18)", async () => {
      const [a, b] = [ledgerOn(), ledgerOn()];
      await run(
        a,
        registerNetwork(),
        accept('parent'),
        accept('child'),
        cmd('StartBilling', { contractId: `${p}-parent`, billingStartOn: '2025-04-15' }),
      );
      const results = await Promise.all([
        a.execute(notice('parent', '2025-09-01')),
        b.execute(notice('parent', '2025-09-02')),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['accepted', 'rejected']);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({
        code: 'TERMINATION_ALREADY_NOTIFIED',
      });
    });

    it('answers a repeated command with the first result and writes nothing', async () => {
      const ledger = ledgerOn();
      await run(ledger, registerNetwork());
      const application = accept('parent');
      const first = accepted(await ledger.execute(application));
      const head = await store.headPosition();
      const again = accepted(await ledger.execute(application));
      expect(again).toMatchObject({ repeated: true, eventsWritten: 0, events: first.events });
      expect(first).toMatchObject({ repeated: false, eventsWritten: 2 });
      expect(first.events.map((e) => e.eventId)).toEqual([
        eventIdFor(application, 0),
        eventIdFor(application, 1),
      ]);
      expect(await store.headPosition()).toEqual(head);
      const reused = { ...application, data: { ...application.data, monthlyFee: 1 } };
      expect(await ledger.execute(reused)).toMatchObject({ status: 'rejected', code: 'COMMAND_ID_REUSED' });
    });

    it('answers the same command racing itself as a repeat, not as a re-used id', async () => {
      const a = ledgerOn(steppingClock('2025-06-01T00:00:00Z'));
      const b = ledgerOn(steppingClock('2025-06-01T00:00:07Z'));
      const same = registerNetwork();
      const results = await Promise.all([a.execute(same), b.execute(same)]);
      expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
      expect(results.filter((r) => r.status === 'accepted' && r.repeated)).toHaveLength(1);
      expect(results.map((r) => (r.status === 'accepted' ? r.eventsWritten : -1)).sort()).toEqual([0, 1]);
      expect(await types(`network-${net()}`)).toEqual(['NetworkRegistered']);
    });

    it('completes a two-stream command stopped between its appends, counting only what it wrote then', async () => {
      const ledger = ledgerOn();
      await run(ledger, registerNetwork());
      const application = accept('parent');
      await stopBetweenAppends(ledger, application);
      expect(await types(`network-${net()}`)).toEqual(['NetworkRegistered', 'SiteJoined']);
      const completed = accepted(await ledger.execute(application));
      expect(completed).toMatchObject({
        repeated: false,
        eventsWritten: 1,
        events: [{ type: 'SiteJoined' }, { type: 'ApplicationAccepted' }],
      });
      expect(await types(`contract-${p}-parent`)).toEqual(['ApplicationAccepted']);
      expect((await verifyIntegrity(store)).breaks.filter((b) => b.streamId?.includes(p))).toEqual([]);
    });

    it('completes a two-stream command stopped between its appends with the ids it began with', async () => {
      const ledger = ledgerOn();
      await run(ledger, registerNetwork());
      const application = accept('parent');
      await stopBetweenAppends(ledger, application);
      const completed = accepted(await ledgerOn().execute(application));
      expect(completed.events.map((e) => [e.streamId, e.eventId])).toEqual([
        [`network-${net()}`, eventIdFor(application, 0)],
        [`contract-${p}-parent`, eventIdFor(application, 1)],
      ]);
      const network = await store.readStream(`network-${net()}`);
      expect(network.status === 'found' ? network.events.map((e) => e.id) : []).toEqual([
        expect.any(String),
        eventIdFor(application, 0),
      ]);
    });

    describe("command ids are their actor's", () => {
      it("given another actor's command with the same id on the same contract, a command is decided on its own and written with ids of its own", async () => {
        const ledger = ledgerOn();
        await run(ledger, registerNetwork(), accept('parent'));
        const shared = `${p}-shared`;
        const theirs = {
          ...environmentNotice('parent', 'theirs'),
          commandId: shared,
          actor: 'contractor:acme',
        };
        const mine = { ...environmentNotice('parent', 'mine'), commandId: shared };
        const first = accepted(await ledger.execute(theirs));
        const second = accepted(await ledger.execute(mine));
        expect(second).toMatchObject({ repeated: false, eventsWritten: 1 });
        expect(first.events[0]!.eventId).toBe(eventIdFor(theirs, 0));
        expect(second.events[0]!.eventId).toBe(eventIdFor(mine, 0));
        expect(first.events[0]!.eventId).not.toBe(second.events[0]!.eventId);
        expect(await types(`contract-${p}-parent`)).toEqual([
          'ApplicationAccepted',
          'EnvironmentSettingsNotified',
          'EnvironmentSettingsNotified',
        ]);
        // Each one's repeat is a repeat of its own command, on any ledger.
        expect(accepted(await ledgerOn().execute(theirs))).toMatchObject({
          repeated: true,
          events: first.events,
        });
        expect(accepted(await ledgerOn().execute(mine))).toMatchObject({
          repeated: true,
          events: second.events,
        });
      });

      it('given an id its actor used, the same id with another payload is refused, naming only the id and the actor', async () => {
        const ledger = ledgerOn();
        await run(ledger, registerNetwork(), accept('parent'));
        const sent = { ...notice('parent', '2025-09-01'), actor: 'contractor:acme' };
        await run(ledger, sent);
        const head = await store.headPosition();
        const other = { ...sent, data: { ...sent.data, noticeArrivedOn: '2025-09-05' } };
        expect(await ledger.execute(other)).toMatchObject({
          status: 'rejected',
          code: 'COMMAND_ID_REUSED',
          params: { case: 'payload', commandId: sent.commandId, actor: 'contractor:acme' },
        });
        expect(await store.headPosition()).toEqual(head);
      });
    });

    describe('commands recorded before command ids were scoped (event ids of commandId#index)', () => {
      /**
       * The network and its parent as a ledger of then wrote them, and child `half` stopped between
       * its two appends then: the log copied with the old ids into this test's store.
       */
      const recordedBefore = async () => {
        const then = new MemoryEventStore();
        const old = new Ledger({ store: then, clock: steppingClock('2025-04-01T00:00:00Z') });
        const network = registerNetwork();
        const parent = accept('parent');
        const half = accept('half');
        await run(old, network, parent);
        await stopBetweenAppends(old, half, then);
        await copyWithUnscopedIds(then, store);
        await then.close();
        return { network, parent, half };
      };
      const ids = async (stream: string) => {
        const read = await store.readStream(stream);
        return read.status === 'found' ? read.events.map((e) => e.id) : [];
      };

      it('given such a log, its events keep their old ids and it verifies', async () => {
        const { network, parent, half } = await recordedBefore();
        expect(await ids(`network-${net()}`)).toEqual([
          unscopedEventId(network.commandId, 0),
          unscopedEventId(parent.commandId, 0),
          unscopedEventId(half.commandId, 0),
        ]);
        expect(await ids(`contract-${p}-parent`)).toEqual([unscopedEventId(parent.commandId, 1)]);
        expect(
          (await verifyIntegrity(store)).breaks.filter((b) => b.streamId?.includes(p)).map((b) => b.problem),
        ).toEqual(['orphan-reservation']);
      });

      it('when one of its commands comes again, it is answered as a repeat with the events stored then', async () => {
        const { parent } = await recordedBefore();
        const head = await store.headPosition();
        const again = accepted(await ledgerOn().execute(parent));
        expect(again).toMatchObject({ repeated: true, eventsWritten: 0 });
        expect(again.events.map((e) => e.eventId)).toEqual([
          unscopedEventId(parent.commandId, 0),
          unscopedEventId(parent.commandId, 1),
        ]);
        expect(await store.headPosition()).toEqual(head);
        const reused = { ...parent, data: { ...parent.data, monthlyFee: 1 } };
        expect(await ledgerOn().execute(reused)).toMatchObject({
          status: 'rejected',
          code: 'COMMAND_ID_REUSED',
          params: { case: 'payload' },
        });
      });

      it("when another actor sends one of its ids, that is another command, and its new ids don't collide", async () => {
        const { parent } = await recordedBefore();
        const theirs = {
          ...notice('parent', '2025-09-01'),
          commandId: parent.commandId,
          actor: 'staff:tanaka',
        };
        const result = accepted(await ledgerOn().execute(theirs));
        expect(result).toMatchObject({ repeated: false, eventsWritten: 1 });
        expect(result.events[0]!.eventId).toBe(eventIdFor(theirs, 0));
        expect(await types(`contract-${p}-parent`)).toEqual([
          'ApplicationAccepted',
          'TerminationNoticeReceived',
        ]);
      });

      it('when its command stopped between its appends runs again, it is completed with ids of the old scheme', async () => {
        const { half } = await recordedBefore();
        const completed = accepted(await ledgerOn().execute(half));
        expect(completed).toMatchObject({ repeated: false, eventsWritten: 1 });
        expect(completed.events.map((e) => e.eventId)).toEqual([
          unscopedEventId(half.commandId, 0),
          unscopedEventId(half.commandId, 1),
        ]);
        expect(await ids(`contract-${p}-half`)).toEqual([unscopedEventId(half.commandId, 1)]);
        expect((await verifyIntegrity(store)).breaks.filter((b) => b.streamId?.includes(p))).toEqual([]);
        expect(accepted(await ledgerOn().execute(half))).toMatchObject({ repeated: true, eventsWritten: 0 });
      });
    });

    if (options.exactRacingCounts !== false) {
      it('counts exactly when two processes complete the same half-done command at once', async () => {
        const ledger = ledgerOn();
        await run(ledger, registerNetwork());
        const application = accept('parent');
        await stopBetweenAppends(ledger, application);
        const results = await Promise.all([ledgerOn().execute(application), ledgerOn().execute(application)]);
        const written = results.map((r) => accepted(r).eventsWritten);
        // One ApplicationAccepted was still missing, and one of them wrote it.
        expect(written.sort()).toEqual([0, 1]);
      });
    }

    describe('a reservation whose contract was never written', () => {
      /** The network, its parent, and child `stale` stopped between its two appends at 09:00. */
      const halfDone = async () => {
        const clock = manualClock('2025-05-01T00:00:00Z');
        const ledger = ledgerOn(clock);
        await run(ledger, registerNetwork(2), accept('parent'));
        const stale = accept('stale', { lanSubnets: ['10.50.0.0/16'] });
        await stopBetweenAppends(ledger, stale);
        return { clock, ledger, stale };
      };

      it('is reported by verify as an orphan', async () => {
        await halfDone();
        const orphans = (await verifyIntegrity(store)).breaks.filter(
          (b) => b.streamId === `network-${net()}`,
        );
        expect(orphans).toEqual([
          expect.objectContaining({
            problem: 'orphan-reservation',
            revision: 2n,
            streamId: `network-${net()}`,
          }),
        ]);
        expect(breakText('en', orphans[0]!.reason, orphans[0]!)).toContain(
          `contract ${p}-stale was never written`,
        );
      });

      it('is no site: settings are not disclosed for it (Art. 11), and billing does not count it (Art. 8(1))', async () => {
        const { ledger } = await halfDone();
        expect(
          await ledger.execute(
            cmd('DiscloseSettings', {
              networkId: net(),
              contractId: `${p}-stale`,
              toContractorId: 'acme',
              disclosedOn: '2025-05-02',
            }),
          ),
        ).toMatchObject({ status: 'rejected', code: 'CONTRACT_NOT_IN_NETWORK' });
        expect(
          await ledger.execute(
            cmd('StartBilling', { contractId: `${p}-parent`, billingStartOn: '2025-05-02' }),
          ),
        ).toMatchObject({ status: 'rejected', code: 'NETWORK_INCOMPLETE' });
      });

      it('blocks its contract, its subnets and its child slot while its command may still be running', async () => {
        const { ledger } = await halfDone();
        expect(await ledger.execute(accept('stale', { lanSubnets: ['10.60.0.0/16'] }))).toMatchObject({
          status: 'rejected',
          code: 'APPLICATION_IN_PROGRESS',
        });
        expect(await ledger.execute(accept('other', { lanSubnets: ['10.50.1.0/24'] }))).toMatchObject({
          status: 'rejected',
          code: 'SUBNET_OVERLAP',
        });
        await run(ledger, accept('second', { lanSubnets: ['10.70.0.0/16'] }));
        // The limit is 2 children: 'second' and the reservation still in flight.
        expect(await ledger.execute(accept('third', { lanSubnets: ['10.80.0.0/16'] }))).toMatchObject({
          status: 'rejected',
          code: 'CHILD_SITE_LIMIT',
        });
      });

      it('is voided by a corrected application with a new command id once its command cannot be running', async () => {
        const { clock, ledger, stale } = await halfDone();
        clock.advance(RESERVATION_GRACE_MS);
        const corrected = accepted(await ledger.execute(accept('stale', { lanSubnets: ['10.60.0.0/16'] })));
        expect(corrected.events.map((e) => e.type)).toEqual([
          'SiteReservationVoided',
          'SiteJoined',
          'ApplicationAccepted',
        ]);
        expect(corrected.eventsWritten).toBe(3);
        const network = await store.readStream(`network-${net()}`);
        const voided =
          network.status === 'found' ? network.events.find((e) => e.type === 'SiteReservationVoided') : null;
        expect(voided?.data).toEqual({
          contractId: `${p}-stale`,
          reservedBy: stale.commandId,
          voidedOn: '2025-04-01',
        });
        // The stale command, re-run at last, finds the contract taken and is refused.
        expect(await ledger.execute(stale)).toMatchObject({ status: 'rejected', code: 'CONTRACT_EXISTS' });
        // The stale subnets are free again; the network is consistent.
        await run(ledger, accept('other', { lanSubnets: ['10.50.1.0/24'] }));
        expect((await verifyIntegrity(store)).breaks.filter((b) => b.streamId?.includes(p))).toEqual([]);
      });

      it('is still completed by its own command, whenever that runs again', async () => {
        const { clock, ledger, stale } = await halfDone();
        clock.advance(10 * RESERVATION_GRACE_MS);
        expect(accepted(await ledger.execute(stale))).toMatchObject({ eventsWritten: 1, repeated: false });
        expect(await types(`contract-${p}-stale`)).toEqual(['ApplicationAccepted']);
        expect((await verifyIntegrity(store)).breaks.filter((b) => b.streamId?.includes(p))).toEqual([]);
      });
    });
  });
};
