/**
 * A billing month's close, seal and export as the v1 documents write them (`vpn-ledger close`,
 * `seal`, `months` and `export`; POST /v1/months/{month}/close, GET /v1/months and
 * GET /v1/months/{month}/export):
 *   close:  { schema: 'vpn-ledger.close/v1', status, repeated, alreadyClosed, commandId, month,
 *           close, reflects, lines, adjustments, totals, total }
 *   months: { schema: 'vpn-ledger.months/v1', lang, generatedFrom, months: [...], next }
 *   export: { schema: 'vpn-ledger.export/v1', month, status, lang, generatedFrom, documents:
 *           [invoice/v1...], totals }; as CSV, the lines (EXPORT_CSV_COLUMNS: one row per line and
 *           adjustment) and, apart, the totals (EXPORT_TOTALS_CSV_COLUMNS: one row per contractor
 *           billed and one for them all): lines and totals never share a column.
 * The words (formulas, notes, the CSV headers and the article column) are in the chosen language;
 * the keys and codes are the interface and stay as they are. The export is written as its lines
 * are read, whatever the month's size.
 */
import type { CloseResult } from '../billing/close';
import {
  type InvoiceDocument,
  type InvoiceHead,
  type InvoiceTotals,
  readThrough,
  type StreamedInvoice,
  streamedInvoices,
} from '../billing/export';
import type { SealLogResult } from '../billing/seal-log';
import type { ChargeLine } from '../projections';
import type { MonthOverview } from '../read/months-overview';
import { renderer } from '../render';
import type { Lang } from '../render/lang';
import { chargeLineJson } from './charges';
import { type CsvColumn, csvHeader } from './csv-header';
import { type CsvForm, csvChunks, jsonChunks, later, streamed } from './encoding';
import { type GeneratedFrom, positionJson } from './provenance';

export const closeJson = (r: Extract<CloseResult, { status: 'accepted' }>) => {
  const c = r.close;
  const adjustments = c.lines.filter((l) => l.kind === 'adjustment');
  return {
    schema: 'vpn-ledger.close/v1',
    status: 'closed',
    repeated: r.repeated,
    /** True when another command had closed the month: `close` is that close, nothing was written. */
    alreadyClosed: r.alreadyClosed,
    commandId: r.commandId,
    month: c.month,
    close: {
      id: c.closeId,
      ledgerId: c.ledgerId,
      eventHash: c.eventHash,
      streamId: c.streamId,
      revision: r.event.revision.toString(),
      commandId: c.commandId,
      closedAt: c.closedAt,
      closedBy: c.closedBy,
      firstMonth: c.firstMonth,
      eventPosition: positionJson(r.position),
      seal: c.seal,
    },
    reflects: { position: c.seal.position, events: c.seal.events },
    lines: c.lines.length - adjustments.length,
    adjustments: adjustments.length,
    totals: c.totals,
    total: c.total,
  };
};

/** `close --through`: the closes made, in order (none when every month through it was closed). */
export const closeThroughJson = (
  through: string,
  closes: readonly Extract<CloseResult, { status: 'accepted' }>[],
) => ({
  schema: 'vpn-ledger.close-through/v1',
  through,
  closes: closes.map(closeJson),
});

export const sealResultJson = (r: Extract<SealLogResult, { status: 'accepted' }>) => ({
  schema: 'vpn-ledger.seal-result/v1',
  repeated: r.repeated,
  commandId: r.commandId,
  eventId: r.event.eventId,
  eventHash: r.eventHash,
  streamId: r.event.streamId,
  revision: r.event.revision.toString(),
  eventPosition: positionJson(r.position),
  seal: r.seal,
});

// -------------------------------------------------------------------------------------------------
// The months at a glance

export const MONTHS_SCHEMA = 'vpn-ledger.months/v1';

/**
 * A month as the list shows it: its status, its close (who, when, the ids, the seal), its lines,
 * total and the adjustments it carried (or, open, carries). `billTo`: only what that contractor
 * is billed (a contractor's view).
 */
export const monthEntryJson = (m: MonthOverview, billTo: string | null = null) => {
  const totals = billTo === null ? m.totals : m.totals.filter((t) => t.billTo === billTo);
  const c = m.close;
  return {
    month: m.month,
    status: m.status,
    nextToClose: m.nextToClose,
    close:
      c === null
        ? null
        : {
            id: c.closeId,
            ledgerId: c.ledgerId,
            streamId: c.streamId,
            commandId: c.commandId,
            eventHash: c.eventHash,
            closedAt: c.closedAt,
            closedBy: c.closedBy,
            firstMonth: c.firstMonth,
            reflects: { position: c.seal.position, events: c.seal.events },
            sealDigest: c.seal.digest,
            keyId: c.seal.keyId,
          },
    carriesAdjustments: m.carriesAdjustments,
    lines: totals.reduce((n, t) => n + t.lines, 0),
    adjustments: totals.reduce((n, t) => n + t.adjustments, 0),
    totals: totals.map((t) => ({
      billTo: t.billTo,
      lines: t.lines,
      adjustments: t.adjustments,
      amount: t.amount,
    })),
    total: totals.reduce((n, t) => n + t.amount, 0),
  };
};

export const monthsJson = (
  months: readonly MonthOverview[],
  next: string | null,
  generatedFrom: GeneratedFrom,
  lang: Lang,
  billTo: string | null = null,
) => ({
  schema: MONTHS_SCHEMA,
  lang,
  generatedFrom,
  months: months.map((m) => monthEntryJson(m, billTo)),
  next,
});

// -------------------------------------------------------------------------------------------------
// The export

export const EXPORT_SCHEMA = 'vpn-ledger.export/v1';

export const EXPORT_CSV_COLUMNS = [
  'record',
  'month',
  'status',
  'bill_to',
  'line_id',
  'contract_id',
  'network_id',
  'kind',
  'period_from',
  'period_to',
  'amount_yen',
  'article',
  'policy',
  'edition',
  'formula',
  'corrects_month',
  'corrects_line_id',
  'source_event_ids',
  'close_id',
  'seal_digest',
] as const satisfies readonly CsvColumn[];

export const EXPORT_TOTALS_CSV_COLUMNS = [
  'record',
  'month',
  'status',
  'bill_to',
  'lines',
  'lines_yen',
  'adjustments',
  'adjustments_yen',
  'amount_yen',
  'close_id',
  'seal_digest',
] as const satisfies readonly CsvColumn[];

/** A document as JSON: its lines and adjustments as the charges schema writes them. */
const invoiceObject = (
  d: Omit<InvoiceDocument, 'lines' | 'adjustments' | 'totals'>,
  lines: unknown,
  adjustments: unknown,
  totals: unknown,
) => ({
  schema: d.schema,
  month: d.month,
  billTo: d.billTo,
  status: d.status,
  statementNumber: d.statementNumber,
  close: d.close,
  lines,
  adjustments,
  totals,
  currency: d.currency,
});

export const invoiceJson = (d: InvoiceDocument, lang: Lang = 'en') =>
  invoiceObject(
    d,
    d.lines.map((l) => chargeLineJson(l, lang)),
    d.adjustments.map((l) => chargeLineJson(l, lang)),
    d.totals,
  );

/** The totals of an export: per contractor billed (in id order), and of them all. */
export class ExportTotals {
  readonly byBillTo: ({ billTo: string } & InvoiceTotals)[] = [];

  add(billTo: string, t: InvoiceTotals): void {
    this.byBillTo.push({ billTo, ...t });
  }

  json() {
    const add = (pick: (t: InvoiceTotals) => { count: number; amount: number }) => ({
      count: this.byBillTo.reduce((n, t) => n + pick(t).count, 0),
      amount: this.byBillTo.reduce((n, t) => n + pick(t).amount, 0),
    });
    return {
      byBillTo: this.byBillTo,
      lines: add((t) => t.lines),
      adjustments: add((t) => t.adjustments),
      amount: this.byBillTo.reduce((n, t) => n + t.amount, 0),
    };
  }
}

const exportObject = (
  month: string,
  closed: boolean,
  generatedFrom: GeneratedFrom,
  lang: Lang,
  documents: unknown,
  totals: unknown,
) => ({
  schema: EXPORT_SCHEMA,
  month,
  status: closed ? 'closed' : 'draft',
  lang,
  generatedFrom,
  documents,
  /** The totals per contractor billed and of them all, in a field of their own. */
  totals,
});

/** The export of a month held in memory: closed, or (asked for) an open month marked as a draft. */
export const exportJson = (
  month: string,
  closed: boolean,
  docs: readonly InvoiceDocument[],
  generatedFrom: GeneratedFrom,
  lang: Lang = 'en',
) => {
  const totals = new ExportTotals();
  for (const d of docs) totals.add(d.billTo, d.totals);
  return exportObject(
    month,
    closed,
    generatedFrom,
    lang,
    docs.map((d) => invoiceJson(d, lang)),
    totals.json(),
  );
};

/**
 * `exportJson` written as the lines are read, from lines by contractor billed
 * (src/read/month-stream.ts): the same text, one document at a time.
 */
export function exportJsonChunks(
  head: InvoiceHead,
  linesByBillTo: Iterable<ChargeLine>,
  generatedFrom: GeneratedFrom,
  opts: { readonly lang?: Lang; readonly billTo?: string | undefined; readonly pretty?: boolean } = {},
): Generator<string> {
  const lang = opts.lang ?? 'en';
  const totals = new ExportTotals();
  const json = (lines: Iterable<ChargeLine>) =>
    streamed(
      (function* () {
        for (const l of lines) yield chargeLineJson(l, lang);
      })(),
    );
  const documents = function* () {
    for (const d of streamedInvoices(head, linesByBillTo, opts.billTo)) {
      yield invoiceObject(
        d,
        json(d.lines),
        json(d.adjustments),
        later(() => {
          const t = d.totals();
          totals.add(d.billTo, t);
          return t;
        }),
      );
    }
  };
  return jsonChunks(
    exportObject(
      head.month,
      head.status === 'closed',
      generatedFrom,
      lang,
      streamed(documents()),
      later(() => totals.json()),
    ),
    opts.pretty ?? true,
  );
}

const closeColumns = (d: Pick<StreamedInvoice, 'close'>) => [d.close?.id ?? '', d.close?.sealDigest ?? ''];

/** A document's line or adjustment as a CSV row, EXPORT_CSV_COLUMNS' order. */
const exportRow = (
  d: Omit<StreamedInvoice, 'lines' | 'adjustments' | 'totals'>,
  l: ChargeLine,
  lang: Lang,
) => {
  const r = renderer(lang);
  return [
    l.kind === 'adjustment' ? 'adjustment' : 'line',
    d.month,
    d.status,
    d.billTo,
    l.id,
    l.contractId,
    l.networkId,
    l.kind,
    l.period.from,
    l.period.to,
    l.amount,
    r.citation(l.article),
    l.policy ?? '',
    l.edition,
    r.formula(l.formula),
    l.formula.kind === 'adjustment' ? l.formula.month : '',
    l.formula.kind === 'adjustment' ? l.formula.lineId : '',
    l.sources.join(';'),
    ...closeColumns(d),
  ];
};

/** The export's lines as CSV (one row per line and adjustment, no totals), as they are read. */
export function* exportCsvChunks(
  head: InvoiceHead,
  linesByBillTo: Iterable<ChargeLine>,
  opts: { readonly lang?: Lang; readonly billTo?: string | undefined; readonly form?: CsvForm } = {},
): Generator<string> {
  const lang = opts.lang ?? 'en';
  const rows = function* () {
    for (const d of streamedInvoices(head, linesByBillTo, opts.billTo)) {
      for (const l of d.lines) yield exportRow(d, l, lang);
      for (const l of d.adjustments) yield exportRow(d, l, lang);
    }
  };
  yield* csvChunks(csvHeader(EXPORT_CSV_COLUMNS, lang), rows(), opts.form ?? 'plain');
}

/**
 * The export's totals as CSV, a table of their own: one row per contractor billed (`bill-to`) and
 * one for them all (`all`, its bill_to empty). Added up as the lines are read.
 */
export function* exportTotalsCsvChunks(
  head: InvoiceHead,
  linesByBillTo: Iterable<ChargeLine>,
  opts: { readonly lang?: Lang; readonly billTo?: string | undefined; readonly form?: CsvForm } = {},
): Generator<string> {
  const totals = new ExportTotals();
  for (const d of streamedInvoices(head, linesByBillTo, opts.billTo)) {
    totals.add(d.billTo, readThrough(d));
  }
  const close = head.close ? [head.close.closeId, head.close.seal.digest] : ['', ''];
  const status = head.status === 'closed' ? 'closed' : 'draft';
  const all = totals.json();
  const row = (record: string, billTo: string, t: InvoiceTotals) => [
    record,
    head.month,
    status,
    billTo,
    t.lines.count,
    t.lines.amount,
    t.adjustments.count,
    t.adjustments.amount,
    t.amount,
    ...close,
  ];
  yield* csvChunks(
    csvHeader(EXPORT_TOTALS_CSV_COLUMNS, opts.lang ?? 'en'),
    [...all.byBillTo.map((t) => row('bill-to', t.billTo, t)), row('all', '', all)],
    opts.form ?? 'plain',
  );
}

/** The CSV of documents held in memory (the server's answer): lines, or (`totals`) the totals. */
export const exportCsv = (
  docs: readonly InvoiceDocument[],
  head: InvoiceHead,
  opts: { readonly lang?: Lang; readonly totals?: boolean; readonly form?: CsvForm } = {},
): string => {
  const lines = docs.flatMap((d) => [...d.lines, ...d.adjustments]);
  return [
    ...(opts.totals ? exportTotalsCsvChunks(head, lines, opts) : exportCsvChunks(head, lines, opts)),
  ].join('');
};
