/**
 * Exported invoices held against the log: every line of a `vpn-ledger.invoice/v1` document against
 * the line its close recorded, every document's totals against its lines, and, where a file holds
 * every document of a close, the lines' count, sum and digest against what the close's seal signed.
 * An export edited after it left the ledger is named document by document, line by line.
 */
import canonicalize from 'canonicalize';
import { type ChargeLine, type CloseFact, compareLines } from '../projections';
import type { BreakReason } from './break-reasons';
import { linesDigest } from './seal';

/** An invoice document found in a file (the fields the check reads; anything else is ignored). */
export interface ExportedInvoice {
  readonly source: string;
  readonly month: string;
  readonly billTo: string;
  readonly closeId: string | null;
  readonly lines: readonly ChargeLine[];
  readonly adjustments: readonly ChargeLine[];
  readonly totals: { readonly amount: unknown; readonly lines?: unknown; readonly adjustments?: unknown };
}

export type ExportProblem =
  | 'export-close-unknown'
  | 'export-line-mismatch'
  | 'export-line-missing'
  | 'export-totals-mismatch'
  | 'export-subject-mismatch';

export interface ExportBreak {
  readonly problem: ExportProblem;
  readonly source: string;
  readonly month: string;
  readonly billTo: string | null;
  readonly lineId: string | null;
  readonly reason: BreakReason;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/**
 * A line as the close recorded it, from the line as an export writes it (vpn-ledger.charges/v1's
 * line: the words added for people are left out; `calculation` is the formula as data).
 */
const recordedShape = (x: unknown): ChargeLine => {
  const l = (isObject(x) ? x : {}) as Record<string, unknown>;
  return {
    id: l.id,
    contractId: l.contractId,
    networkId: l.networkId,
    billTo: l.billTo,
    kind: l.kind,
    month: l.month,
    period: l.period,
    amount: l.amount,
    article: l.article,
    policy: l.policy,
    edition: l.edition,
    sources: l.sources,
    formula: 'calculation' in l ? l.calculation : l.formula,
    notes: l.notes,
  } as ChargeLine;
};

/** The invoice documents anywhere in a parsed JSON file (an export, a bundle's copy of one). */
export function exportedInvoices(json: unknown, source: string): ExportedInvoice[] {
  const found: ExportedInvoice[] = [];
  const visit = (x: unknown) => {
    if (Array.isArray(x)) return void x.forEach(visit);
    if (!isObject(x)) return;
    if (x.schema === 'vpn-ledger.invoice/v1' && typeof x.month === 'string' && typeof x.billTo === 'string') {
      const close = isObject(x.close) && typeof x.close.id === 'string' ? x.close.id : null;
      found.push({
        source,
        month: x.month,
        billTo: x.billTo,
        closeId: close,
        lines: Array.isArray(x.lines) ? x.lines.map(recordedShape) : [],
        adjustments: Array.isArray(x.adjustments) ? x.adjustments.map(recordedShape) : [],
        totals: isObject(x.totals) ? (x.totals as ExportedInvoice['totals']) : { amount: null },
      });
      return;
    }
    for (const v of Object.values(x)) visit(v);
  };
  visit(json);
  return found;
}

const sum = (lines: readonly ChargeLine[]) => lines.reduce((s, l) => s + (Number(l?.amount) || 0), 0);
const same = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

/** Checks exported invoices against the closes the log recorded (by close id, unique per ledger). */
export function checkExports(
  invoices: readonly ExportedInvoice[],
  closes: ReadonlyMap<string, CloseFact>,
): ExportBreak[] {
  const breaks: ExportBreak[] = [];
  const byClose = new Map<string, ExportedInvoice[]>();
  for (const doc of invoices) {
    const at = { source: doc.source, month: doc.month, billTo: doc.billTo };
    const all = [...doc.lines, ...doc.adjustments];
    const totals = doc.totals;
    if (totals.amount !== sum(all))
      breaks.push({
        ...at,
        problem: 'export-totals-mismatch',
        lineId: null,
        reason: { code: 'export-totals-mismatch', ...at, says: String(totals.amount), sum: sum(all) },
      });
    if (doc.closeId === null) continue;
    const close = closes.get(doc.closeId);
    if (!close) {
      breaks.push({
        ...at,
        problem: 'export-close-unknown',
        lineId: null,
        reason: { code: 'export-close-unknown', ...at, closeId: doc.closeId },
      });
      continue;
    }
    byClose.set(doc.closeId, [...(byClose.get(doc.closeId) ?? []), doc]);
    const invoiced = new Map(close.lines.filter((l) => l.billTo === doc.billTo).map((l) => [l.id, l]));
    for (const line of all) {
      const id = isObject(line) && typeof line.id === 'string' ? line.id : null;
      const recorded = id === null ? undefined : invoiced.get(id);
      if (id !== null) invoiced.delete(id);
      if (!recorded || !same(recorded, line))
        breaks.push({
          ...at,
          problem: 'export-line-mismatch',
          lineId: id,
          reason: {
            code: 'export-line-mismatch',
            case: !recorded ? 'not-invoiced' : recorded.amount === line.amount ? 'other-fields' : 'amount',
            lineId: id ?? '',
            billTo: doc.billTo,
            source: doc.source,
            says: String(line.amount),
            closeId: close.closeId,
            invoiced: recorded?.amount ?? 0,
          },
        });
    }
    for (const missing of invoiced.values())
      breaks.push({
        ...at,
        problem: 'export-line-missing',
        lineId: missing.id,
        reason: {
          code: 'export-line-missing',
          closeId: close.closeId,
          lineId: missing.id,
          amount: missing.amount,
          billTo: doc.billTo,
          source: doc.source,
        },
      });
  }
  // A file with every bill-to of a close: its lines, in the close's order, are what the seal signed.
  for (const [closeId, docs] of byClose) {
    const close = closes.get(closeId)!;
    const subject = close.seal.subject;
    if (subject.kind !== 'month-close') continue;
    const billTos = new Set(close.lines.map((l) => l.billTo));
    if (![...billTos].every((b) => docs.some((d) => d.billTo === b))) continue;
    const lines = docs.flatMap((d) => [...d.lines, ...d.adjustments]).sort(compareLines);
    const total = sum(lines);
    if (
      lines.length !== subject.lines ||
      total !== subject.total ||
      linesDigest(lines) !== subject.linesDigest
    )
      breaks.push({
        problem: 'export-subject-mismatch',
        source: docs[0]!.source,
        month: close.month,
        billTo: null,
        lineId: null,
        reason: {
          code: 'export-subject-mismatch',
          month: close.month,
          source: docs[0]!.source,
          lines: lines.length,
          total,
          closeId,
          sealedLines: subject.lines,
          sealedTotal: subject.total,
          otherLines: linesDigest(lines) !== subject.linesDigest,
        },
      });
  }
  return breaks;
}
