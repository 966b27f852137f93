/**
 * Nothing is lost or counted twice: over random histories with month closes in between (facts
 * dated in months already closed are the common case), for every closed month and every line,
 * invoiced + all its adjustments (invoiced by later closes, or owed now) = the recomputed truth.
 * The views kept inline equal views rebuilt from the log after every command, and they answer
 * every month as the whole log folded does (src/projections/adjustments.ts).
 */
import fc from 'fast-check';
import { decodeRecorded, type LedgerEvent } from '../../src/events';
import { billedMonthOf, type ChargeLine, foldFacts, lastClosedMonth } from '../../src/projections';
import { addMonthsToMonth } from '../../src/terms/dates';
import { viewDigests } from '../../src/views/replay';
import { billingLedger } from '../support/billing';
import { rebuiltDigests } from '../views/oracle';
import { historyCommands, stepArb } from '../views/random-history';

const sum = (lines: readonly ChargeLine[]) => lines.reduce((s, l) => s + l.amount, 0);

describe('closes over random histories', () => {
  it('invoiced + every adjustment = the recomputed truth, per closed month and line; views = rebuild = the whole-log fold', async () => {
    let adjusted = 0;
    let closes = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 6, maxLength: 18 }),
        // How many months to close after each command: often ahead of the facts' dates.
        fc.array(fc.nat({ max: 3 }), { minLength: 40, maxLength: 40 }),
        async (steps, closeAfter) => {
          const b = billingLedger('2026-01-01T00:00:00Z');
          try {
            let next: string | null = null;
            for (const [i, command] of historyCommands(steps, 'p').entries()) {
              await b.ledger.execute(command);
              for (let k = 0; k < closeAfter[i % closeAfter.length]!; k++) {
                next ??= b.views.charges.monthRange()?.first ?? null;
                if (next !== null) {
                  // Far in the future: every month of the history has ended.
                  const r = await b.tryClose(
                    {
                      type: 'CloseMonth',
                      commandId: `close-${next}`,
                      actor: 'staff:test',
                      data: { month: next },
                    },
                    '2031-01-01T00:00:00Z',
                  );
                  expect(r).toMatchObject({ status: 'accepted' });
                  closes++;
                  next = addMonthsToMonth(next, 1);
                }
              }
              expect(viewDigests(b.views)).toEqual(await rebuiltDigests(b.store));
            }
            const log: LedgerEvent[] = [];
            for await (const r of b.store.readAll()) log.push(decodeRecorded(r, { validate: false }));
            const facts = foldFacts(log);
            const lastClosed = lastClosedMonth(facts);
            if (lastClosed === null) return;
            const first = b.views.charges.monthRange()!.first;
            const open = addMonthsToMonth(lastClosed, 1);
            const carried = b.month(open).charges.lines.filter((l) => l.kind === 'adjustment');
            const allAdjustments: ChargeLine[] = [...carried];
            for (let m = first; m <= lastClosed; m = addMonthsToMonth(m, 1))
              allAdjustments.push(...b.month(m).charges.lines.filter((l) => l.kind === 'adjustment'));
            adjusted += allAdjustments.length;
            // Each names the events behind it.
            for (const l of allAdjustments) expect(l.sources.length).toBeGreaterThan(0);
            for (let m = first; m <= lastClosed; m = addMonthsToMonth(m, 1)) {
              const invoiced = b.month(m).charges.lines.filter((l) => l.kind !== 'adjustment');
              const ofMonth = allAdjustments.filter(
                (l) => l.formula.kind === 'adjustment' && l.formula.month === m,
              );
              const truth = b.views.charges.monthChargeLines(m);
              expect(sum(invoiced) + sum(ofMonth)).toBe(sum(truth));
              // Line by line, too.
              const byLine = new Map<string, number>();
              for (const l of invoiced) byLine.set(l.id, (byLine.get(l.id) ?? 0) + l.amount);
              for (const l of ofMonth)
                if (l.formula.kind === 'adjustment')
                  byLine.set(l.formula.lineId, (byLine.get(l.formula.lineId) ?? 0) + l.amount);
              for (const l of truth) byLine.set(l.id, (byLine.get(l.id) ?? 0) - l.amount);
              expect([...byLine].filter(([, v]) => v !== 0)).toEqual([]);
            }
            // The views answer every month as the whole log folded does.
            const answer = ({ close, ...rest }: ReturnType<typeof billedMonthOf>) => ({
              ...rest,
              closeId: close?.closeId ?? null,
            });
            for (let m = first; m <= addMonthsToMonth(open, 1); m = addMonthsToMonth(m, 1))
              expect(answer(b.month(m))).toEqual(answer(billedMonthOf(facts, m)));
          } finally {
            await b.store.close();
          }
        },
      ),
      { numRuns: 15, seed: 20251201 },
    );
    // The histories must close months and owe adjustments, not only bill.
    expect(closes).toBeGreaterThan(40);
    expect(adjusted).toBeGreaterThan(20);
  }, 180_000);
});
