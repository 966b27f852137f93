/**
 * Invoice-ready documents for downstream billing (`vpn-ledger export`): one per contractor billed,
 * schema `vpn-ledger.invoice/v1`, with the month's lines, the adjustments of closed months carried
 * into it, the totals, the statement number, and the close's id and seal (whose digest, published
 * with the invoice, lets anyone holding the public key check later that the ledger still holds what
 * was invoiced).
 *
 * `invoiceDocuments` makes them of a month held in memory; `streamedInvoices` makes them of lines read
 * as they stream (by contractor billed, src/read/month-stream.ts), one line in memory at a time.
 */
import type { BilledMonth, ChargeLine, CloseInfo } from '../projections';
import type { YearMonth } from '../terms';
import { statementNumber } from './statement-number';

export const INVOICE_SCHEMA = 'vpn-ledger.invoice/v1';

export interface InvoiceTotals {
  readonly lines: { readonly count: number; readonly amount: number };
  readonly adjustments: { readonly count: number; readonly amount: number };
  readonly amount: number;
}

export interface InvoiceDocument {
  readonly schema: typeof INVOICE_SCHEMA;
  readonly month: YearMonth;
  readonly billTo: string;
  /** closed: as invoiced by the close; draft: the open month as it stands, to change. */
  readonly status: 'closed' | 'draft';
  /** The statement's number (a closed month; null for a draft): stable per ledger, month and bill-to. */
  readonly statementNumber: string | null;
  readonly close: CloseReference | null;
  readonly lines: readonly ChargeLine[];
  readonly adjustments: readonly ChargeLine[];
  readonly totals: InvoiceTotals;
  readonly currency: 'JPY';
}

/** The close an invoice comes from, and its seal. */
export interface CloseReference {
  /** The close's id (unique per ledger), and its MonthClosed event's hash. */
  readonly id: string;
  /** The ledger's id (null: a close recorded before ledger ids). */
  readonly ledgerId: string | null;
  readonly eventHash: string;
  readonly streamId: string;
  readonly commandId: string;
  readonly closedAt: string;
  readonly closedBy: string;
  readonly sealDigest: string;
  readonly seal: CloseInfo['seal'];
}

const sum = (lines: readonly ChargeLine[]) => lines.reduce((s, l) => s + l.amount, 0);

export const closeReference = (c: CloseInfo): CloseReference => ({
  id: c.closeId,
  ledgerId: c.ledgerId,
  eventHash: c.eventHash,
  streamId: c.streamId,
  commandId: c.commandId,
  closedAt: c.closedAt,
  closedBy: c.closedBy,
  sealDigest: c.seal.digest,
  seal: c.seal,
});

/** A month as billed, without its lines: what every document of it shares. */
export type InvoiceHead = Pick<BilledMonth, 'month' | 'status' | 'close'>;

const documentHead = (head: InvoiceHead, billTo: string) => ({
  schema: INVOICE_SCHEMA as typeof INVOICE_SCHEMA,
  month: head.month,
  billTo,
  status: head.status === 'closed' ? ('closed' as const) : ('draft' as const),
  statementNumber: head.close ? statementNumber(head.close, billTo) : null,
  close: head.close ? closeReference(head.close) : null,
});

/** One document per contractor billed in the month (in id order), or of one (`billTo`). */
export function invoiceDocuments(billed: BilledMonth, billTo?: string): InvoiceDocument[] {
  const by = new Map<string, ChargeLine[]>();
  for (const l of billed.charges.lines) {
    if (billTo !== undefined && l.billTo !== billTo) continue;
    const list = by.get(l.billTo);
    if (list) list.push(l);
    else by.set(l.billTo, [l]);
  }
  return [...by.keys()].sort().map((id) => {
    const all = by.get(id)!;
    const lines = all.filter((l) => l.kind !== 'adjustment');
    const adjustments = all.filter((l) => l.kind === 'adjustment');
    return {
      ...documentHead(billed, id),
      lines,
      adjustments,
      totals: {
        lines: { count: lines.length, amount: sum(lines) },
        adjustments: { count: adjustments.length, amount: sum(adjustments) },
        amount: sum(all),
      },
      currency: 'JPY' as const,
    };
  });
}

/**
 * An invoice document whose lines are read as they are written: `lines`, then `adjustments`, each
 * once and in that order; `totals()` once both were read.
 */
export interface StreamedInvoice extends Omit<InvoiceDocument, 'lines' | 'adjustments' | 'totals'> {
  readonly lines: Iterable<ChargeLine>;
  readonly adjustments: Iterable<ChargeLine>;
  totals(): InvoiceTotals;
}

/** Adds up lines: how many, and their amount. */
class Tally {
  count = 0;
  amount = 0;
  add(l: ChargeLine) {
    this.count += 1;
    this.amount += l.amount;
  }
  get value() {
    return { count: this.count, amount: this.amount };
  }
}

/**
 * The documents of lines read by contractor billed (each contractor's lines before its
 * adjustments), one at a time: a document's lines are taken off `linesByBillTo` as it is written.
 * With `billTo`, only that contractor's document.
 */
export function* streamedInvoices(
  head: InvoiceHead,
  linesByBillTo: Iterable<ChargeLine>,
  billTo?: string,
): Generator<StreamedInvoice> {
  const it = linesByBillTo[Symbol.iterator]();
  let next = it.next();
  const skip = () => {
    while (!next.done && billTo !== undefined && next.value.billTo !== billTo) next = it.next();
  };
  function* run(who: string, adjustments: boolean, tally: Tally): Generator<ChargeLine> {
    while (!next.done && next.value.billTo === who && (next.value.kind === 'adjustment') === adjustments) {
      const l = next.value;
      next = it.next();
      tally.add(l);
      yield l;
    }
  }
  try {
    for (skip(); !next.done; skip()) {
      const who = next.value.billTo;
      const lines = new Tally();
      const adjustments = new Tally();
      yield {
        ...documentHead(head, who),
        lines: run(who, false, lines),
        adjustments: run(who, true, adjustments),
        totals: () => ({
          lines: lines.value,
          adjustments: adjustments.value,
          amount: lines.amount + adjustments.amount,
        }),
        currency: 'JPY' as const,
      };
      // What the writer left unread of this contractor is not another document.
      while (!next.done && next.value.billTo === who) next = it.next();
    }
  } finally {
    // Left before the end (one contractor's document found): the rows read are let go (a query
    // left open keeps the database busy).
    if (!next.done) it.return?.();
  }
}

/** Reads what is left of a streamed document, and gives its totals. */
export const readThrough = (d: StreamedInvoice): InvoiceTotals => {
  for (const lines of [d.lines, d.adjustments])
    for (const _line of lines) {
      // tallied as it passes
    }
  return d.totals();
};

/**
 * One contractor's document of a month whose lines are read as they stream (by contractor billed):
 * its lines held, the others' let go as they pass. Null when nothing is billed to it.
 */
export function invoiceFor(
  head: InvoiceHead,
  linesByBillTo: Iterable<ChargeLine>,
  billTo: string,
): InvoiceDocument | null {
  for (const d of streamedInvoices(head, linesByBillTo, billTo)) {
    const lines = [...d.lines];
    const adjustments = [...d.adjustments];
    return { ...d, lines, adjustments, totals: d.totals() };
  }
  return null;
}
