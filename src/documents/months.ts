/**
 * A billing month's close, seal and export as the v1 documents write them (`vpn-ledger close`,
 * `seal` and `export`; POST /v1/months/{month}/close and GET /v1/months/{month}/export):
 *   close:  { schema: 'vpn-ledger.close/v1', status, repeated, commandId, month, close, reflects,
 *           lines, adjustments, totals, total }
 *   export: { schema: 'vpn-ledger.export/v1', month, status, lang, generatedFrom, documents:
 *           [invoice/v1...] }; as CSV, EXPORT_CSV_COLUMNS: one row per line and adjustment, and
 *           a `total` row per contractor billed.
 * The words (formulas and notes) are in the chosen language; the columns, keys and codes are the
 * interface and stay as they are.
 */
import type { CloseResult } from '../billing/close';
import type { InvoiceDocument } from '../billing/export';
import type { SealLogResult } from '../billing/seal-log';
import { formulaText } from '../render/charge-text';
import type { Lang } from '../render/lang';
import { chargeLineJson } from './charges';
import { renderCsv } from './encoding';
import { type GeneratedFrom, positionJson } from './provenance';

export const closeJson = (r: Extract<CloseResult, { status: 'accepted' }>) => {
  const c = r.close;
  const adjustments = c.lines.filter((l) => l.kind === 'adjustment');
  return {
    schema: 'vpn-ledger.close/v1',
    status: 'closed',
    repeated: r.repeated,
    commandId: r.commandId,
    month: c.month,
    close: {
      id: c.closeId,
      eventHash: c.eventHash,
      streamId: c.streamId,
      revision: r.event.revision.toString(),
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
] as const;

export const invoiceJson = (d: InvoiceDocument, lang: Lang = 'en') => ({
  schema: d.schema,
  month: d.month,
  billTo: d.billTo,
  status: d.status,
  close: d.close,
  lines: d.lines.map((l) => chargeLineJson(l, lang)),
  adjustments: d.adjustments.map((l) => chargeLineJson(l, lang)),
  totals: d.totals,
  currency: d.currency,
});

export const exportCsv = (docs: readonly InvoiceDocument[], lang: Lang = 'en'): string =>
  renderCsv(
    EXPORT_CSV_COLUMNS,
    docs.flatMap((d) => {
      const close = [d.close?.id ?? '', d.close?.sealDigest ?? ''];
      const rows = [...d.lines, ...d.adjustments].map((l) => [
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
        l.article,
        l.policy ?? '',
        l.edition,
        formulaText(l.formula, lang),
        l.formula.kind === 'adjustment' ? l.formula.month : '',
        l.formula.kind === 'adjustment' ? l.formula.lineId : '',
        l.sources.join(';'),
        ...close,
      ]);
      const total = ['total', d.month, d.status, d.billTo, '', '', '', '', '', '', d.totals.amount];
      return [...rows, [...total, '', '', '', '', '', '', '', ...close]];
    }),
  );

/** The export of a month: closed, or (asked for) an open month marked as a draft. */
export const exportJson = (
  month: string,
  closed: boolean,
  docs: readonly InvoiceDocument[],
  generatedFrom: GeneratedFrom,
  lang: Lang = 'en',
) => ({
  schema: EXPORT_SCHEMA,
  month,
  status: closed ? 'closed' : 'draft',
  lang,
  generatedFrom,
  documents: docs.map((d) => invoiceJson(d, lang)),
});
