/**
 * The test oracle for the views: the whole log folded into one facts state (what every read did
 * before the views), and the answers the old fold gave. The views must give the same answers.
 */
import Database from 'better-sqlite3';
import { decodeRecorded, type LedgerEvent } from '../../src/events';
import {
  chargesForMonth,
  contractStateAsOf,
  type Facts,
  foldFacts,
  isOpenDeadline,
  minimumTerms,
  returnDeadlines,
  timeline,
} from '../../src/projections';
import type { Reader } from '../../src/read';
import type { EventStore } from '../../src/store';
import { addMonthsToMonth, lastDayOfMonth } from '../../src/terms/dates';
import { buildViewsInto, viewDigests } from '../../src/views/replay';
import { ViewsDb } from '../../src/views/views-db';

export const readLog = async (store: EventStore): Promise<LedgerEvent[]> => {
  const out: LedgerEvent[] = [];
  for await (const r of store.readAll()) out.push(decodeRecorded(r, { validate: false }));
  return out;
};

/** The months from the first acceptance to two months after the last date any fact names. */
export const monthsOf = (facts: Facts): string[] => {
  let first: string | null = null;
  let last: string | null = null;
  for (const c of facts.contracts.values()) {
    const m = c.acceptedOn.slice(0, 7);
    if (first === null || m < first) first = m;
    for (const d of JSON.stringify(c).match(/\d{4}-\d{2}-\d{2}/g) ?? []) {
      if (last === null || d.slice(0, 7) > last) last = d.slice(0, 7);
    }
  }
  if (first === null || last === null) return [];
  const months: string[] = [];
  for (let m = first; m <= addMonthsToMonth(last, 2); m = addMonthsToMonth(m, 1)) months.push(m);
  return months;
};

/** The digests of views built afresh from the store's log (into a memory database). */
export const rebuiltDigests = async (store: EventStore): Promise<Record<string, string>> => {
  const db = new Database(':memory:');
  try {
    await buildViewsInto(store, db);
    return viewDigests(new ViewsDb(db));
  } finally {
    db.close();
  }
};

/**
 * Asserts that the read model (views and per-contract folds) answers every question as the
 * whole-log fold does: each month's charges (also as effective on dates within it), every
 * contract's timeline, terms and state, and the deadlines of every month's last day.
 */
export const expectSameAnswers = async (model: Reader): Promise<number> => {
  const oracle = foldFacts(await readLog(model.store));
  const months = monthsOf(oracle);
  let checks = 0;
  for (const month of months) {
    const fromViews = await model.month(month);
    expect(fromViews.provenance.source).toBe('views');
    expect(fromViews.billed.charges).toEqual(chargesForMonth(oracle, month));
    const asOf = `${month}-15`;
    expect((await model.month(month, { asOf })).billed.charges).toEqual(
      chargesForMonth(oracle, month, { asOf }),
    );
    const date = lastDayOfMonth(month);
    const deadlines = await model.deadlines(date);
    expect(deadlines!.deadlines).toEqual(returnDeadlines(oracle, date).filter(isOpenDeadline));
    expect((await model.deadlines(date, { all: true }))!.deadlines).toEqual(returnDeadlines(oracle, date));
    checks += 4;
  }
  for (const contractId of oracle.contracts.keys()) {
    const read = (await model.contract(contractId, { withNetwork: true }))!;
    expect(timeline(read.facts, contractId)).toEqual(timeline(oracle, contractId));
    expect(minimumTerms(read.facts, { contractId })).toEqual(minimumTerms(oracle, { contractId }));
    for (const month of months.filter((_, i) => i % 3 === 0)) {
      const date = lastDayOfMonth(month);
      expect(contractStateAsOf(read.facts, contractId, date)).toEqual(
        contractStateAsOf(oracle, contractId, date),
      );
      expect((await model.contractMonth(contractId, month))!.billed.charges).toEqual(
        chargesForMonth(oracle, month, { contractId }),
      );
    }
    checks += 3;
  }
  return checks;
};
