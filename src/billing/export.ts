/**
 * Invoice-ready documents for downstream billing (`vpn-ledger export`): one per contractor billed,
 * schema `vpn-ledger.invoice/v1`, with the month's lines, the adjustments of closed months carried
 * into it, the totals, and the close's id and seal (whose digest, published with the invoice, lets
 * anyone holding the public key check later that the ledger still holds what was invoiced).
 */
import type { BilledMonth, ChargeLine, CloseInfo } from '../projections';
import type { YearMonth } from '../terms';

export const INVOICE_SCHEMA = 'vpn-ledger.invoice/v1';

export interface InvoiceDocument {
  readonly schema: typeof INVOICE_SCHEMA;
  readonly month: YearMonth;
  readonly billTo: string;
  /** closed: as invoiced by the close; draft: the open month as it stands, to change. */
  readonly status: 'closed' | 'draft';
  readonly close: CloseReference | null;
  readonly lines: readonly ChargeLine[];
  readonly adjustments: readonly ChargeLine[];
  readonly totals: {
    readonly lines: { readonly count: number; readonly amount: number };
    readonly adjustments: { readonly count: number; readonly amount: number };
    readonly amount: number;
  };
  readonly currency: 'JPY';
}

/** The close an invoice comes from, and its seal. */
export interface CloseReference {
  /** The MonthClosed event's id and hash. */
  readonly id: string;
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
  eventHash: c.eventHash,
  streamId: c.streamId,
  commandId: c.commandId,
  closedAt: c.closedAt,
  closedBy: c.closedBy,
  sealDigest: c.seal.digest,
  seal: c.seal,
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
  const close = billed.close ? closeReference(billed.close) : null;
  return [...by.keys()].sort().map((id) => {
    const all = by.get(id)!;
    const lines = all.filter((l) => l.kind !== 'adjustment');
    const adjustments = all.filter((l) => l.kind === 'adjustment');
    return {
      schema: INVOICE_SCHEMA,
      month: billed.month,
      billTo: id,
      status: billed.status === 'closed' ? 'closed' : 'draft',
      close,
      lines,
      adjustments,
      totals: {
        lines: { count: lines.length, amount: sum(lines) },
        adjustments: { count: adjustments.length, amount: sum(adjustments) },
        amount: sum(all),
      },
      currency: 'JPY',
    };
  });
}
