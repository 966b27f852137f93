/**
 * One truth (issue 21): over random histories with month closes and facts recorded after the
 * months they are dated in were closed, every line id any surface lists for a month (the CLI's
 * `charges --month` and `export --draft`, the API's GET /v1/months/{month}, the console's month
 * page) is explained by every surface (the CLI's `explain`, the API's GET /v1/charge-lines/{id},
 * the console's line page), each with the amount the listing gave.
 */
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { main } from '../../src/cli/main';
import { renderer } from '../../src/render';
import { addMonthsToMonth } from '../../src/terms/dates';
import { call, consoleSession, startTestServer, type TestServer } from '../server/support';
import { billingLedger, closeCommand } from '../support/billing';
import { historyCommands, stepArb } from '../views/random-history';

/** The CLI in this process, its stdout captured. */
const cli = async (args: readonly string[]): Promise<{ code: number; stdout: string }> => {
  let stdout = '';
  const sink = (onChunk: (s: string) => void) =>
    new Writable({
      write: (chunk, _enc, cb) => {
        onChunk(String(chunk));
        cb();
      },
    });
  const code = await main(['node', 'vpn-ledger', ...args], {
    stdout: sink((s) => {
      stdout += s;
    }),
    stderr: sink(() => undefined),
    stdin: process.stdin,
    env: {},
  });
  return { code, stdout };
};

/** A ledger of `steps`, with months closed as it goes (`closeAfter` months after each command). */
const seed = (steps: fc.Arbitrary<unknown>[] | unknown[], closeAfter: number[]) => async (path: string) => {
  const b = billingLedger('2026-01-01T00:00:00Z', path);
  let next: string | null = null;
  for (const [i, command] of historyCommands(steps as never, 's').entries()) {
    await b.ledger.execute(command);
    for (let k = 0; k < closeAfter[i % closeAfter.length]!; k++) {
      next ??= b.views.charges.monthRange()?.first ?? null;
      if (next === null) break;
      const r = await b.tryClose(closeCommand(next), '2031-01-01T00:00:00Z');
      if (r.status !== 'accepted') throw new Error(`close ${next}: ${r.code}`);
      next = addMonthsToMonth(next, 1);
    }
  }
  await b.store.close();
};

/** Staff's console session on each server, signed in once. */
const sessions = new WeakMap<TestServer, Promise<string>>();
const consoleGet = async (server: TestServer, path: string) => {
  if (!sessions.has(server)) sessions.set(server, consoleSession(server.url, server.tokens.staff));
  return fetch(`${server.url}${path}`, { headers: { cookie: await sessions.get(server)! } });
};

describe('every line any surface lists is explained on every surface, with the same amount', () => {
  it('over random histories with closes and late facts', async () => {
    let explained = 0;
    let adjustments = 0;
    let closedLines = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 20, maxLength: 30 }),
        fc.array(fc.nat({ max: 2 }), { minLength: 30, maxLength: 30 }),
        async (steps, closeAfter) => {
          const server = await startTestServer({ seed: seed(steps, closeAfter) });
          try {
            const store = `sqlite:${server.path}`;
            const months = (await call(server, 'staff', 'GET', '/v1/months?limit=100')).body.months as {
              month: string;
              status: string;
            }[];
            if (months.length === 0) return;
            const last = months[months.length - 1]!.month;
            for (let m = months[0]!.month; m <= addMonthsToMonth(last, 2); m = addMonthsToMonth(m, 1)) {
              const listed = new Map<string, number>();
              const see = (surface: string, lines: readonly { id: string; amount: number }[]) => {
                for (const l of lines) {
                  const known = listed.get(l.id);
                  if (known !== undefined) expect([surface, l.id, l.amount]).toEqual([surface, l.id, known]);
                  listed.set(l.id, l.amount);
                }
              };
              const charges = await cli(['charges', '--month', m, '--store', store, '--format', 'json']);
              expect(charges.code).toBe(0);
              const cliLines = JSON.parse(charges.stdout).lines as { id: string; amount: number }[];
              see('cli charges', cliLines);
              const api = await call(server, 'staff', 'GET', `/v1/months/${m}`);
              expect(api.status).toBe(200);
              see('api month', api.body.lines);
              expect(new Set(api.body.lines.map((l: { id: string }) => l.id))).toEqual(
                new Set(cliLines.map((l) => l.id)),
              );
              const exported = await cli([
                'export',
                '--month',
                m,
                '--draft',
                '--store',
                store,
                '--format',
                'json',
              ]);
              if (exported.code === 0) {
                for (const doc of JSON.parse(exported.stdout).documents ?? [])
                  see('cli export', [...doc.lines, ...doc.adjustments]);
              }
              const page = await (await consoleGet(server, `/console/months/${m}?lang=en`)).text();
              const onPage = [...page.matchAll(/href="\/console\/charge-lines\/([^"?]+)/g)].map((x) =>
                decodeURIComponent(x[1]!.replaceAll('&amp;', '&')),
              );
              // Every line the month lists has its page (an adjustment also links the line it corrects).
              for (const id of listed.keys()) expect([id, onPage.includes(id)]).toEqual([id, true]);
              for (const [id, amount] of listed) {
                const x = await cli(['explain', id, '--store', store, '--format', 'json']);
                expect([id, x.code]).toEqual([id, 0]);
                const fromCli = JSON.parse(x.stdout);
                expect([id, fromCli.line.amount]).toEqual([id, amount]);
                const fromApi = await call(
                  server,
                  'staff',
                  'GET',
                  `/v1/charge-lines/${encodeURIComponent(id)}`,
                );
                expect([id, fromApi.status, fromApi.body.line?.amount]).toEqual([id, 200, amount]);
                expect(fromApi.body.billedIn).toEqual(fromCli.billedIn);
                const linePage = await consoleGet(
                  server,
                  `/console/charge-lines/${encodeURIComponent(id)}?lang=en`,
                );
                expect([id, linePage.status]).toEqual([id, 200]);
                expect(await linePage.text()).toContain(renderer('en').money(amount));
                explained += 1;
                if (id.includes(':adjustment:')) adjustments += 1;
                if (fromCli.closed !== null) closedLines += 1;
              }
            }
          } finally {
            await server.stop();
          }
        },
      ),
      { numRuns: 12, seed: 20261207 },
    );
    // The histories must list closed months' lines and adjustments, not only open lines.
    expect(explained).toBeGreaterThan(100);
    expect(closedLines).toBeGreaterThan(50);
    expect(adjustments).toBeGreaterThan(10);
  }, 300_000);
});
