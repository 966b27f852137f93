/**
 * The billing-month aggregate (`billing-YYYY-MM`): a month is closed once, after it has ended in
 * Japan, in order (policy close-months-in-order). Its close records every line invoiced, as the
 * views gave them at the position the close reflects, with the totals per contractor billed and
 * the seal of the log up to that position.
 */
import { match } from 'ts-pattern';
import type { BillingEvent, EventData, Seal } from '../../events';
import { cite, policyRef } from '../../terms/citation';
import { nextMonthToClose } from '../../terms/closing';
import {
  addMonthsToMonth,
  compareInstants,
  firstDayOfMonth,
  jstIso,
  type YearMonth,
} from '../../terms/dates';
import { accept, type Decider, type Decision, reject } from '../decision';
import type { BillingCommand } from './commands';
import { closeIdOf } from './ids';
import { type BillingMonthState, initialBillingMonthState } from './state';

export type { BillingCommand, BillingCommandType } from './commands';
export { BillingCommandSchemas } from './commands';
export { closeIdOf, ledgerIdOf } from './ids';
export type { BillingMonthState } from './state';

export type InvoicedLineData = EventData<'MonthClosed'>['lines'][number];

/** What the views gave at the position the close reflects. */
export interface CloseSnapshot {
  /** The last month closed, as the views know it (null before the first close). */
  readonly lastClosed: YearMonth | null;
  /** The month of the ledger's first charge line (null: the ledger bills nothing yet). */
  readonly firstMonth: YearMonth | null;
  /** The month's lines and the adjustments carried into it, in output order. */
  readonly lines: readonly InvoicedLineData[];
  /** The ledger's id as the closes so far recorded it (null: none recorded one yet). */
  readonly ledgerId: string | null;
}

export interface CloseContext {
  /** The instant of the close, from the injected clock. */
  readonly now: string;
  readonly snapshot: CloseSnapshot;
  /**
   * The ledger's id for a close that finds none recorded: made from the log's first event
   * (ledgerIdOf). A close records the id the closes before it recorded, else this one.
   */
  readonly ledgerIdFromLog: () => string;
  /** Whether the month before is closed, by its own stream (the views may not show it yet). */
  readonly previousClosed: boolean;
  /** Seals the log at the snapshot's position, for this close and the lines it invoices. */
  readonly seal: (close: { month: YearMonth; lines: readonly InvoicedLineData[]; total: number }) => Seal;
}

const POLICY = cite(policyRef('close-months-in-order'));

/** The first instant of the month after `month`, Japan time: when `month` has ended. */
export const monthEndsAt = (month: YearMonth): string =>
  `${firstDayOfMonth(addMonthsToMonth(month, 1))}T00:00:00+09:00`;

const totalsOf = (lines: readonly InvoicedLineData[]) => {
  const by = new Map<string, { lines: number; amount: number }>();
  for (const l of lines) {
    const t = by.get(l.billTo) ?? { lines: 0, amount: 0 };
    t.lines += 1;
    t.amount += l.amount;
    by.set(l.billTo, t);
  }
  return [...by.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([billTo, t]) => ({ billTo, lines: t.lines, amount: t.amount }));
};

const viewsBehind = (month: YearMonth, previous: YearMonth) =>
  reject<BillingEvent>('VIEWS_BEHIND', { month, previous }, POLICY);

function closeMonth(
  command: Extract<BillingCommand, { type: 'CloseMonth' }>,
  state: BillingMonthState,
  ctx: CloseContext,
): Decision<BillingEvent> {
  const { month } = command.data;
  if (state.status === 'closed') {
    return reject(
      'MONTH_ALREADY_CLOSED',
      { case: 'closed', month, closedAt: state.closedAt, lines: state.lines, total: state.total },
      POLICY,
      'month',
    );
  }
  const endsAt = monthEndsAt(month);
  if (compareInstants(ctx.now, endsAt) < 0) {
    return reject('MONTH_NOT_ENDED', { month, endsAt, now: jstIso(ctx.now) }, POLICY, 'month');
  }
  const previous = addMonthsToMonth(month, -1);
  const { lastClosed, firstMonth } = ctx.snapshot;
  if (lastClosed === null) {
    if (ctx.previousClosed) return viewsBehind(month, previous);
    if (firstMonth === null) {
      return reject('NOTHING_TO_CLOSE', {}, POLICY, 'month');
    }
    if (month !== firstMonth) {
      return reject(
        'MONTH_OUT_OF_ORDER',
        { case: month < firstMonth ? 'before-first' : 'first-first', month, firstMonth },
        POLICY,
        'month',
      );
    }
  } else if (month !== nextMonthToClose(lastClosed, firstMonth)) {
    if (month <= lastClosed) {
      return reject('MONTH_ALREADY_CLOSED', { case: 'before-last', month, lastClosed }, POLICY, 'month');
    }
    if (ctx.previousClosed) return viewsBehind(month, previous);
    return reject(
      'MONTH_OUT_OF_ORDER',
      { case: 'in-order', month, next: nextMonthToClose(lastClosed, firstMonth)!, lastClosed },
      POLICY,
      'month',
    );
  }
  const lines = ctx.snapshot.lines;
  const totals = totalsOf(lines);
  const total = totals.reduce((sum, t) => sum + t.amount, 0);
  const ledgerId = ctx.snapshot.ledgerId ?? ctx.ledgerIdFromLog();
  return accept([
    {
      type: 'MonthClosed',
      data: {
        month,
        ledgerId,
        closeId: closeIdOf(ledgerId, month),
        closedAt: ctx.now,
        firstMonth: lastClosed === null,
        lines: [...lines],
        totals,
        total,
        seal: ctx.seal({ month, lines, total }),
      },
    },
  ]);
}

const evolve = (state: BillingMonthState, event: BillingEvent): BillingMonthState =>
  match(event)
    .with(
      { type: 'MonthClosed' },
      ({ data }): BillingMonthState => ({
        status: 'closed',
        month: data.month,
        closedAt: data.closedAt,
        lines: data.lines.length,
        total: data.total,
      }),
    )
    // Seals made on demand live in the `seals` stream, never in a month's.
    .with({ type: 'LogSealed' }, () => state)
    .exhaustive();

export const billingDecider: Decider<BillingCommand, BillingMonthState, BillingEvent, CloseContext> = {
  initialState: initialBillingMonthState,
  evolve,
  decide: (command, state, ctx) =>
    match(command)
      .with({ type: 'CloseMonth' }, (c) => closeMonth(c, state, ctx))
      .exhaustive(),
};
