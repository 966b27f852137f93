/**
 * A corrupt row met by the API (issue 26): a `FaultReported` whose data was emptied to `{}` made
 * the API answer 500 INTERNAL_ERROR ("Not an ISO-8601 instant"). It is a problem naming the row for
 * staff, and the same problem without the row for a contractor; other contracts are still answered.
 */
import Database from 'better-sqlite3';
import { call, problemOf, startTestServer, type TestServer, writeDemoLedger } from './support';

let server: TestServer;
let revision: number;
beforeAll(async () => {
  server = await startTestServer({
    seed: async (path) => {
      await writeDemoLedger(path);
      const db = new Database(path);
      const row = db
        .prepare(
          `UPDATE events SET data = '{}' WHERE stream_id = 'contract-c-nagoya' AND type = 'FaultReported' RETURNING revision`,
        )
        .get() as { revision: number };
      revision = row.revision;
      db.close();
    },
  });
});
afterAll(() => server.stop());

describe('a FaultReported row emptied to {}', () => {
  it('is named to staff as a 500 CORRUPT_EVENT problem', async () => {
    const answer = await call(server, 'staff', 'GET', '/v1/contracts/c-nagoya/timeline');
    expect(answer.status).toBe(500);
    expect(problemOf(answer)).toMatchObject({ status: 500, code: 'CORRUPT_EVENT' });
    expect(answer.body.message).toMatch(
      new RegExp(
        `^Event contract-c-nagoya@${revision} of the log cannot be read: .*faultId.*\\. Run \`vpn-ledger verify\` to check the whole log\\.$`,
      ),
    );
  });

  it('is a 500 CORRUPT_EVENT without the row for the contractor, and other contracts are answered', async () => {
    const answer = await call(server, 'acme', 'GET', '/v1/contracts/c-nagoya/timeline?lang=ja');
    expect(answer.status).toBe(500);
    expect(problemOf(answer)).toMatchObject({ code: 'CORRUPT_EVENT' });
    expect(answer.body.message).not.toContain('contract-c-nagoya');
    expect(answer.body.message).toContain('この回答に必要なログの事象を読めません');
    expect((await call(server, 'staff', 'GET', '/v1/contracts/c-osaka')).status).toBe(200);
  });
});
