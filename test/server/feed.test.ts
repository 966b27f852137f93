/**
 * The change feed, GET /v1/feed, against a real server on the demo ledger: every fact of the log in
 * its order for staff, a contractor's share for a contractor (its contracts, its VPN children's
 * steps as their parent holder, a month's close with its own totals), pages that join up into the
 * whole, and Server-Sent Events that replay from a position, go on live, resume after the
 * Last-Event-ID a reconnecting client sends, say they are alive, and are limited per principal.
 */

import { openLedger } from '../../src/ledger/open';
import { generateSealKeys, privateKeyFrom } from '../../src/ledger/seal';
import { call, problemOf, startTestServer, type TestServer, type Who } from './support';

const keys = generateSealKeys();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    sealKey: privateKeyFrom(keys.privatePem, 'the test key'),
    limits: { feedStreamsPerPrincipal: 2, feedHeartbeatMs: 200, feedPollMs: 20 },
  });
});
afterAll(async () => server.stop());

// biome-ignore lint/suspicious/noExplicitAny: feed items are JSON the tests read field by field
type Item = any;

/** One page of the feed as JSON Lines. */
const page = async (who: Who, query = '', headers: Record<string, string> = {}) => {
  const res = await fetch(`${server.url}/v1/feed${query}`, {
    headers: { authorization: `Bearer ${server.tokens[who]}`, ...headers },
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    items: res.ok
      ? (text
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => JSON.parse(l)) as Item[])
      : [],
  };
};

/** Every item the principal may see, a page of `limit` facts at a time, following X-Feed-Next. */
const all = async (who: Who, limit: number) => {
  const items: Item[] = [];
  let after = '0';
  for (let i = 0; i < 1000; i++) {
    const p = await page(who, `?after=${after}&limit=${limit}`);
    expect(p.status).toBe(200);
    items.push(...p.items);
    const next = p.headers.get('x-feed-next')!;
    if (p.headers.get('link') === null) return { items, next };
    after = next;
  }
  throw new Error('the feed did not end');
};

/** The number of events in the server's ledger file. */
const logLength = async (): Promise<number> => {
  const ledger = await openLedger({ kind: 'sqlite', path: server.path }, { access: 'read' });
  try {
    let n = 0;
    for await (const _ of ledger.store.readAll({ fromPosition: 'start' })) n++;
    return n;
  } finally {
    await ledger.close();
  }
};

const command = (who: Who, body: unknown) => call(server, who, 'POST', '/v1/commands', { body });
const notice = (n: number) => ({
  type: 'ReceiveEnvironmentNotice',
  commandId: `feed-notice-${n}`,
  data: {
    contractId: 'c-nagoya',
    noticeId: `feed-notice-${n}`,
    kind: 'change',
    receivedOn: '2025-11-05',
    description: `Notice ${n}`,
  },
});

interface SseEvent {
  readonly id?: string;
  readonly event?: string;
  readonly data?: string;
  readonly comment?: string;
}

/** An open event stream: its events (comments included) one at a time. */
const openStream = async (
  who: Who,
  query = '',
  headers: Record<string, string> = {},
  on: TestServer = server,
) => {
  const abort = new AbortController();
  const res = await fetch(`${on.url}/v1/feed${query}`, {
    headers: { authorization: `Bearer ${on.tokens[who]}`, accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const next = async (): Promise<SseEvent> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: Record<string, string> = {};
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) event.comment = line.slice(1).trim();
          else {
            const at = line.indexOf(':');
            event[line.slice(0, at)] = line.slice(at + 1).trimStart();
          }
        }
        return event;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
  /** The next `fact` event's item (skipping comments and bare id moves), with its id. */
  const nextFact = async (): Promise<{ id: string; item: Item }> => {
    for (;;) {
      const e = await next();
      if (e.event === 'fact') return { id: e.id!, item: JSON.parse(e.data!) };
    }
  };
  return {
    status: res.status,
    headers: res.headers,
    next,
    nextFact,
    close: () => {
      abort.abort();
      reader.cancel().catch(() => undefined);
    },
  };
};

describe('GET /v1/feed as JSON Lines', () => {
  it('gives staff every fact of the log, once, in its order, and pages join up into the whole', async () => {
    const whole = await page('staff', '?limit=1000');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(whole.items).toHaveLength(await logLength());
    const positions = whole.items.map((i) => BigInt(i.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(positions).size).toBe(positions.length);
    expect(whole.items[0]).toMatchObject({
      schema: 'vpn-ledger.feed-item/v1',
      access: 'staff',
      contractId: expect.any(String),
      summary: expect.any(String),
    });
    expect(whole.headers.get('x-feed-next')).toBe(whole.items.at(-1).position);
    expect(whole.headers.get('link')).toBeNull();

    const paged = await all('staff', 7);
    expect(paged.items).toEqual(whole.items);
    // Nothing after the head: an empty page, and the same place to go on from.
    const after = await page('staff', `?after=${paged.next}`);
    expect(after).toMatchObject({ status: 200, text: '', items: [] });
    expect(after.headers.get('x-feed-next')).toBe(paged.next);
  });

  it("gives a contractor its own contracts' facts, and of its VPN's children only the parent holder's steps", async () => {
    const staff = (await page('staff', '?limit=1000')).items;
    const kobe = (await all('kobe', 10)).items;
    expect(kobe.length).toBeGreaterThan(0);
    expect(new Set(kobe.map((i) => i.contractId))).toEqual(new Set(['c-kobe', 'c-himeji']));
    expect(kobe.every((i) => i.access === 'holder')).toBe(true);
    // Exactly staff's items about those contracts (with what staff sees replaced by the holder's).
    expect(kobe.map((i) => i.position)).toEqual(
      staff.filter((i) => i.contractId === 'c-kobe' || i.contractId === 'c-himeji').map((i) => i.position),
    );

    const acme = (await all('acme', 1000)).items;
    const own = acme.filter((i) => i.access === 'holder');
    const asParent = acme.filter((i) => i.access === 'parent-holder');
    expect(new Set(own.map((i) => i.contractId))).toEqual(new Set(['c-tokyo-hq', 'c-nagoya', 'c-sapporo']));
    expect(asParent.length).toBeGreaterThan(0);
    expect(new Set(asParent.map((i) => i.contractId))).toEqual(new Set(['c-osaka', 'c-fukuoka']));
    // Of a child's own history (its fees, its billing), the parent holder sees none.
    const osaka = staff.filter((i) => i.contractId === 'c-osaka').map((i) => i.type);
    expect(osaka).toContain('BillingStarted');
    expect(asParent.map((i) => i.type)).not.toContain('BillingStarted');
    expect(acme.some((i) => i.contractId?.startsWith('c-kobe') || i.contractId === 'c-himeji')).toBe(false);

    const west = (await all('west', 1000)).items;
    expect(new Set(west.map((i) => i.contractId))).toEqual(new Set(['c-osaka']));
  });

  it('says a fact in the chosen language', async () => {
    const en = (await page('staff', '?limit=3')).items;
    const ja = (await page('staff', '?limit=3&lang=ja')).items;
    expect(ja.map((i) => i.position)).toEqual(en.map((i) => i.position));
    expect(ja[0].summary).not.toBe(en[0].summary);
    expect(ja[0].summary).toContain(en[0].contractId);
    expect(ja[0].summary).toMatch(/[契約]/);
  });

  it('refuses a position that is not one (400, field after), and a caller without a token (401)', async () => {
    const bad = await call(server, 'staff', 'GET', '/v1/feed?after=yesterday');
    expect(bad.status).toBe(400);
    expect(problemOf(bad)).toMatchObject({ code: 'INVALID_REQUEST', field: 'after' });
    expect(bad.body.detail).toContain('yesterday');
    expect((await call(server, null, 'GET', '/v1/feed')).status).toBe(401);
  });
});

describe('GET /v1/feed as Server-Sent Events', () => {
  it('replays from a position, goes on live, and resumes after the Last-Event-ID', async () => {
    const whole = (await page('acme', '?limit=1000')).items;
    const from = whole[whole.length - 3];
    const stream = await openStream('acme', `?after=${from.position}`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // The two facts after `from`, as the JSON Lines page has them.
    for (const expected of whole.slice(-2)) {
      const { id, item } = await stream.nextFact();
      expect(id).toBe(expected.position);
      expect(item).toEqual(expected);
    }
    // Then live: a notice recorded now arrives.
    expect((await command('acme', notice(1))).status).toBe(200);
    const live = await stream.nextFact();
    expect(live.item).toMatchObject({
      type: 'EnvironmentSettingsNotified',
      contractId: 'c-nagoya',
      access: 'holder',
    });
    stream.close();

    // Facts recorded while disconnected are there when the client comes back with its Last-Event-ID.
    expect((await command('acme', notice(2))).status).toBe(200);
    expect((await command('acme', notice(3))).status).toBe(200);
    const again = await openStream('acme', '', { 'last-event-id': live.id });
    const a = await again.nextFact();
    const b = await again.nextFact();
    expect([a.item.summary, b.item.summary]).toEqual([expect.any(String), expect.any(String)]);
    expect(BigInt(a.id)).toBeGreaterThan(BigInt(live.id));
    expect(BigInt(b.id)).toBeGreaterThan(BigInt(a.id));
    const jsonl = (await page('acme', `?after=${live.id}`)).items;
    expect(jsonl.map((i) => i.position)).toEqual([a.id, b.id]);
    again.close();
  });

  it('moves its id past facts the principal may not see, and says it is alive when nothing happens', async () => {
    const head = (await page('staff', '?limit=1000')).headers.get('x-feed-next')!;
    const stream = await openStream('kobe', `?after=${head}`);
    // A fact kobe-foods may not see: only the id moves on.
    expect((await command('acme', notice(4))).status).toBe(200);
    let moved: SseEvent | null = null;
    let heartbeat: SseEvent | null = null;
    while (moved === null || heartbeat === null) {
      const e = await stream.next();
      expect(e.event).toBeUndefined();
      if (e.id !== undefined) moved = e;
      if (e.comment?.startsWith('heartbeat')) heartbeat = e;
    }
    expect(BigInt(moved.id!)).toBeGreaterThan(BigInt(head));
    stream.close();
  });

  it("announces a month's close, with a contractor's own totals only", async () => {
    const staffStream = await openStream(
      'staff',
      `?after=${(await page('staff', '?limit=1000')).headers.get('x-feed-next')}`,
    );
    const kobeStream = await openStream(
      'kobe',
      `?after=${(await page('staff', '?limit=1000')).headers.get('x-feed-next')}`,
    );
    const closed = await call(server, 'staff', 'POST', '/v1/months/2025-03/close');
    expect(closed.status).toBe(200);
    let staffClose: Item;
    do staffClose = (await staffStream.nextFact()).item;
    while (staffClose.type !== 'MonthClosed');
    const kobeClose = (await kobeStream.nextFact()).item;
    expect(staffClose).toMatchObject({
      month: '2025-03',
      access: 'staff',
      close: { id: closed.body.close.id },
    });
    expect(kobeClose).toMatchObject({ type: 'MonthClosed', month: '2025-03', access: 'billed' });
    expect(kobeClose.close.totals.map((t: Item) => t.billTo)).toEqual(
      staffClose.close.totals.some((t: Item) => t.billTo === 'kobe-foods') ? ['kobe-foods'] : [],
    );
    expect(kobeClose.close.total).toBe(
      kobeClose.close.totals.reduce((n: number, t: Item) => n + t.amount, 0),
    );
    expect(staffClose.close.total).toBe(closed.body.total);
    staffStream.close();
    kobeStream.close();
  });

  it('lets a principal hold only so many streams at once (429 with Retry-After), and frees them when closed', async () => {
    const one = await openStream('west');
    const two = await openStream('west');
    const three = await call(server, 'west', 'GET', '/v1/feed', { headers: { accept: 'text/event-stream' } });
    expect(three.status).toBe(429);
    expect(problemOf(three)).toMatchObject({ code: 'TOO_MANY_STREAMS' });
    expect(three.headers.get('retry-after')).toBe('5');
    // Another principal is not held up by west's streams.
    const other = await openStream('kyushu');
    expect(other.status).toBe(200);
    other.close();
    one.close();
    for (let i = 0; i < 100; i++) {
      const s = await openStream('west');
      if (s.status === 200) {
        s.close();
        break;
      }
      s.close();
      await new Promise((r) => setTimeout(r, 20));
      if (i === 99) throw new Error('the closed stream was never freed');
    }
    two.close();
  });

  it('ends the open streams when the server shuts down, so that it can', async () => {
    const other = await startTestServer();
    const stream = await openStream('staff', '', {}, other);
    await stream.nextFact();
    await other.stop();
    // What was written before the end is still read; then the stream ends.
    await expect(
      (async () => {
        for (;;) await stream.next();
      })(),
    ).rejects.toThrow('the stream ended');
  });
});
