/**
 * `vpn-ledger serve --store esdb://... --views sqlite:PATH` through the unmodified EventStoreDB
 * client and the gRPC protocol stand-in: commands go to the server, a contract's answers come from
 * its own streams there, and month-wide answers and the search from the views file a follower
 * keeps (`vpn-ledger project --follow`); the server opens that file once the follower made it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isPrincipal, parsePrincipal } from '../../src/auth/principal';
import { newToken, TOKENS_SCHEMA, writeTokenFile } from '../../src/auth/tokens';
import { type RunningServer, startServer } from '../../src/server/server';
import { EsdbEventStore } from '../../src/store/esdb';
import { ViewFollower } from '../../src/views/follower';
import { call, demoLines, manualClock } from '../server/support';
import { EventStoreDbProtocolStandIn } from './grpc-stand-in';

let standIn: EventStoreDbProtocolStandIn;
let dir: string;
beforeAll(async () => {
  standIn = await EventStoreDbProtocolStandIn.start();
  dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-server-esdb-'));
});
afterAll(async () => {
  await standIn.close();
  rmSync(dir, { recursive: true, force: true });
});

it('writes to EventStoreDB and answers month-wide questions from the views file a follower keeps', async () => {
  const tokensPath = join(dir, 'tokens.json');
  const principal = parsePrincipal('staff:sato');
  if (!isPrincipal(principal)) throw new Error(principal.problem);
  const made = newToken(principal, null, '2025-11-01T00:00:00Z');
  writeTokenFile(tokensPath, { schema: TOKENS_SCHEMA, tokens: [made.record] });
  const server = { url: '', tokens: { staff: made.token } as Record<string, string> };
  const viewsPath = join(dir, 'views.db');
  let running: RunningServer | null = null;
  const followerStore = new EsdbEventStore(standIn.connectionString);
  let follower: ViewFollower | null = null;
  try {
    running = await startServer({
      store: { kind: 'esdb', connectionString: standIn.connectionString },
      viewsPath,
      tokensPath,
      port: 0,
      host: '127.0.0.1',
      clock: manualClock('2025-11-05T03:00:00.000Z'),
    });
    (server as { url: string }).url = running.url;
    const batch = await call(server as never, 'staff', 'POST', '/v1/commands/batch', {
      // The demo as staff:sato sends it: the actor is the principal.
      body: demoLines()
        .map((l) => JSON.stringify({ ...JSON.parse(l), actor: undefined }))
        .join('\n'),
      type: 'application/x-ndjson',
    });
    expect(batch.status).toBe(200);
    expect(batch.body.summary).toMatchObject({ accepted: 56, rejected: 0 });
    // No views file yet: the search cannot answer, a month comes from the whole log.
    const early = await call(server as never, 'staff', 'GET', '/v1/contracts?holder=acme');
    expect(early.status).toBe(503);
    expect(early.body.code).toBe('VIEWS_UNAVAILABLE');
    const fromLog = await call(server as never, 'staff', 'GET', '/v1/charges?month=2025-10');
    expect(fromLog.body).toMatchObject({ total: 711201, generatedFrom: { store: 'esdb', source: 'log' } });
    // The follower makes and fills the views file; the server opens it.
    follower = new ViewFollower(followerStore, new Database(viewsPath));
    await follower.start();
    const last = batch.body.results[batch.body.results.length - 1].position;
    await follower.waitFor({ commit: BigInt(last.commit), prepare: BigInt(last.prepare) });
    await new Promise((r) => setTimeout(r, 1_100));
    const fromViews = await call(server as never, 'staff', 'GET', '/v1/charges?month=2025-10');
    expect(fromViews.body).toMatchObject({
      total: 711201,
      generatedFrom: { store: 'esdb', source: 'views' },
    });
    expect(fromViews.headers.get('x-ledger-position')).toBe(last.commit);
    const search = await call(server as never, 'staff', 'GET', '/v1/contracts?holder=acme&asOf=2025-10-31');
    expect(search.body.contracts.map((c: { contractId: string }) => c.contractId)).toEqual([
      'c-nagoya',
      'c-sapporo',
      'c-tokyo-hq',
    ]);
    const state = await call(server as never, 'staff', 'GET', '/v1/contracts/c-osaka?asOf=2025-10-01');
    expect(state.body).toMatchObject({
      generatedFrom: { store: 'esdb', source: 'streams' },
      state: { status: 'termination-scheduled' },
    });
    const repeat = await call(server as never, 'staff', 'POST', '/v1/commands', {
      body: { ...JSON.parse(demoLines()[0]!), actor: undefined },
    });
    expect(repeat.body).toMatchObject({ status: 'accepted', repeated: true });
  } finally {
    await follower?.stop();
    follower?.views.db.close();
    await followerStore.close();
    await running?.close();
  }
}, 60_000);
