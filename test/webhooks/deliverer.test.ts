/**
 * The deliverer against a real receiver on 127.0.0.1: each subscription's deliveries in outbox
 * order, signed; a 500 or no answer in time is tried again after a pause that doubles; after the
 * last attempt allowed the delivery is parked with its subscription (later ones wait, another
 * subscription goes on), until it is redelivered.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import {
  Deliverer,
  type DelivererOptions,
  type DeliveryAttempt,
  verifySignature,
  WebhookStore,
} from '../../src/webhooks';

interface Received {
  readonly deliveryId: string;
  readonly attempt: number;
  readonly body: string;
  readonly signature: string;
  readonly at: number;
}

type Answer = (r: Received) => number | 'hang';

const receiver = async (answer: { current: Answer }) => {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = {
        deliveryId: String(req.headers['vpn-ledger-delivery']),
        attempt: Number(req.headers['vpn-ledger-attempt']),
        body: Buffer.concat(chunks).toString('utf8'),
        signature: String(req.headers['vpn-ledger-signature']),
        at: Date.now(),
      };
      received.push(r);
      const a = answer.current(r);
      if (a === 'hang') return;
      res.writeHead(a).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

const setup = (subscriptions: { id: string; url: string }[], perSubscription: number) => {
  const db = new Database(':memory:');
  const store = new WebhookStore(db);
  store.ensure();
  for (const s of subscriptions) {
    store.add({
      id: s.id,
      url: s.url,
      kinds: ['charges-changed'],
      secret: `whsec_${s.id}`,
      label: null,
      createdAt: '2026-01-01T00:00:00Z',
      from: null,
    });
    for (let i = 1; i <= perSubscription; i++)
      store.enqueue({
        deliveryId: `${s.id}/${i}/charges-changed`,
        subscriptionId: s.id,
        kind: 'charges-changed',
        position: String(i),
        body: JSON.stringify({ deliveryId: `${s.id}/${i}/charges-changed`, n: i }),
        recordedAt: '2026-01-01T00:00:00Z',
      });
  }
  return { db, store };
};

const deliverer = (store: WebhookStore, options: DelivererOptions, attempts: DeliveryAttempt[]) =>
  new Deliverer((fn) => Promise.resolve(fn(store)), {
    pollMs: 20,
    backoffMs: 30,
    timeoutMs: 300,
    onAttempt: (a) => attempts.push(a),
    ...options,
  });

const waitFor = async (what: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('delivering the outbox', () => {
  it('delivers in order, signed, trying a 500 and a receiver that does not answer again with a doubling pause', async () => {
    const answer: { current: Answer } = { current: () => 200 };
    const r = await receiver(answer);
    const { db, store } = setup([{ id: 'wh_a', url: r.url }], 4);
    // Delivery 2 fails twice (500, then no answer within the time limit), then goes through.
    let tries = 0;
    answer.current = (x) => {
      if (!x.deliveryId.startsWith('wh_a/2/')) return 200;
      tries += 1;
      return tries === 1 ? 500 : tries === 2 ? 'hang' : 204;
    };
    const attempts: DeliveryAttempt[] = [];
    const d = deliverer(store, {}, attempts);
    d.start();
    await waitFor(() => store.list()[0]!.pending === 0);
    await d.stop();
    await r.close();

    const firstReceipts = [...new Map(r.received.map((x) => [x.deliveryId, x])).keys()];
    expect(firstReceipts).toEqual([1, 2, 3, 4].map((i) => `wh_a/${i}/charges-changed`));
    // Nothing of a later delivery went out before the earlier one was delivered.
    expect(r.received.map((x) => x.deliveryId)).toEqual([
      'wh_a/1/charges-changed',
      'wh_a/2/charges-changed',
      'wh_a/2/charges-changed',
      'wh_a/2/charges-changed',
      'wh_a/3/charges-changed',
      'wh_a/4/charges-changed',
    ]);
    for (const x of r.received) {
      expect(verifySignature('whsec_wh_a', x.signature, x.body, Math.floor(x.at / 1000))).toEqual({
        ok: true,
        timestamp: expect.any(Number),
      });
      expect(verifySignature('whsec_other', x.signature, x.body, Math.floor(x.at / 1000)).ok).toBe(false);
      expect(verifySignature('whsec_wh_a', x.signature, `${x.body} `, Math.floor(x.at / 1000)).ok).toBe(
        false,
      );
    }
    const second = r.received.filter((x) => x.deliveryId === 'wh_a/2/charges-changed');
    expect(second.map((x) => x.attempt)).toEqual([1, 2, 3]);
    // 30 ms after the first failure, 60 after the second (the second waited 300 ms for no answer).
    expect(second[1]!.at - second[0]!.at).toBeGreaterThanOrEqual(30);
    expect(second[2]!.at - second[1]!.at).toBeGreaterThanOrEqual(300 + 60);
    expect(
      attempts.filter((a) => a.deliveryId === 'wh_a/2/charges-changed').map((a) => [a.outcome, a.failure]),
    ).toEqual([
      ['retry', { reason: 'http', status: 500 }],
      ['retry', { reason: 'timeout', ms: 300 }],
      ['delivered', null],
    ]);
    db.close();
  });

  it('parks a delivery after its last attempt, holding its subscription back until it is redelivered', async () => {
    const answer: { current: Answer } = { current: () => 200 };
    const r = await receiver(answer);
    const { db, store } = setup(
      [
        { id: 'wh_a', url: r.url },
        { id: 'wh_b', url: r.url },
      ],
      3,
    );
    answer.current = (x) => (x.deliveryId === 'wh_a/2/charges-changed' ? 503 : 200);
    const attempts: DeliveryAttempt[] = [];
    const d = deliverer(store, { maxAttempts: 3 }, attempts);
    d.start();
    await waitFor(() => store.list().find((s) => s.id === 'wh_a')!.parked !== null);
    await waitFor(() => store.list().find((s) => s.id === 'wh_b')!.pending === 0);
    const parked = store.list().find((s) => s.id === 'wh_a')!;
    expect(parked).toMatchObject({
      pending: 2,
      delivered: 1,
      parked: {
        deliveryId: 'wh_a/2/charges-changed',
        attempts: 3,
        lastStatus: 503,
        lastError: 'http 503',
      },
    });
    // wh_a/3 waits behind the parked delivery: it was never sent.
    await new Promise((res) => setTimeout(res, 150));
    expect(r.received.filter((x) => x.deliveryId === 'wh_a/3/charges-changed')).toEqual([]);
    expect(store.counts()).toEqual({ pending: 2, parked: 1 });

    answer.current = () => 200;
    expect(store.redeliver('wh_a/2/charges-changed')).toBe(true);
    expect(store.redeliver('wh_a/99/charges-changed')).toBe(false);
    d.wake();
    await waitFor(() => store.list().find((s) => s.id === 'wh_a')!.pending === 0);
    await d.stop();
    await r.close();
    const a = r.received.filter((x) => x.deliveryId.startsWith('wh_a/')).map((x) => x.deliveryId);
    expect([...new Set(a)]).toEqual([1, 2, 3].map((i) => `wh_a/${i}/charges-changed`));
    expect(store.list().find((s) => s.id === 'wh_a')!.parked).toBeNull();
    expect(store.counts()).toEqual({ pending: 0, parked: 0 });
    db.close();
  });
});
