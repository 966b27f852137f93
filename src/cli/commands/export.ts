/**
 * `vpn-ledger export --month YYYY-MM --format json|csv`: the invoice-ready documents of a closed
 * month, one per contractor billed (schema `vpn-ledger.invoice/v1`, src/billing/export.ts): its
 * lines, the adjustments carried into it, the totals, and the close's id and seal. An open month only
 * with --draft, and marked so.
 *
 *   json: { schema: 'vpn-ledger.export/v1', month, status, generatedFrom, documents: [invoice/v1...] }
 *   csv:  EXPORT_CSV_COLUMNS: one row per line and adjustment, and a `total` row per contractor billed.
 */
import { type Command, Option } from 'commander';
import { type InvoiceDocument, invoiceDocuments } from '../../billing/export';
import { billedMonth } from '../../billing/read';
import { formulaText } from '../../render/charge-text';
import type { Lang } from '../../render/lang';
import { EXIT, type ExitCode, failure } from '../errors';
import { renderCsv, renderTable, toJsonText, yen } from '../format';
import { type Io, out } from '../io';
import { parseMonth, storeOption } from '../options';
import { provenanceJson, provenanceLine, viewsOption, withReadModel } from '../read';
import { chargeLineJson } from './charges';

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

/** For people: one row per contractor billed, and the close and its seal. */
export const exportTable = (month: string, docs: readonly InvoiceDocument[]): string => {
  if (docs.length === 0) return `Nothing to invoice for ${month}.`;
  const d0 = docs[0]!;
  const head =
    d0.close === null
      ? `DRAFT invoices for ${month}: the month is open, and these figures may still change.`
      : `Invoices for ${month}, closed at ${d0.close.closedAt} by ${d0.close.closedBy} (close ${d0.close.id}).\nSeal ${d0.close.sealDigest} (key ${d0.close.seal.keyId}): publish it with the invoices.`;
  const table = renderTable(
    [
      { header: 'Bill to' },
      { header: 'Lines', align: 'right' },
      { header: 'Charges (yen)', align: 'right' },
      { header: 'Adjustments', align: 'right' },
      { header: 'Adjusted (yen)', align: 'right' },
      { header: 'Total (yen)', align: 'right' },
    ],
    [
      ...docs.map((d) => [
        d.billTo,
        String(d.totals.lines.count),
        yen(d.totals.lines.amount),
        String(d.totals.adjustments.count),
        yen(d.totals.adjustments.amount),
        yen(d.totals.amount),
      ]),
      [
        'all',
        String(docs.reduce((s, d) => s + d.totals.lines.count, 0)),
        yen(docs.reduce((s, d) => s + d.totals.lines.amount, 0)),
        String(docs.reduce((s, d) => s + d.totals.adjustments.count, 0)),
        yen(docs.reduce((s, d) => s + d.totals.adjustments.amount, 0)),
        yen(docs.reduce((s, d) => s + d.totals.amount, 0)),
      ],
    ],
  );
  return `${head}\n\n${table}`;
};

interface ExportOptions {
  readonly month: string;
  readonly draft?: boolean;
  readonly billTo?: string;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'json' | 'csv' | 'table';
}

export const runExport = (io: Io, opts: ExportOptions): Promise<ExitCode> =>
  withReadModel(io, opts, async (ctx) => {
    const progress = ctx.foldProgress();
    let found: Awaited<ReturnType<typeof billedMonth>>;
    try {
      found = await billedMonth(ctx.model, opts.month, { onProgress: progress.onProgress });
    } finally {
      progress.stop();
    }
    const { billed, provenance } = found!;
    if (billed.status !== 'closed' && !opts.draft) {
      throw failure(
        `${opts.month} is not closed: close it first (\`vpn-ledger close --month ${opts.month}\`), or export a draft with --draft.`,
      );
    }
    const docs = invoiceDocuments(billed, opts.billTo);
    if (opts.billTo !== undefined && docs.length === 0)
      throw failure(`Nothing is billed to ${opts.billTo} in ${opts.month}.`);
    if (opts.format === 'json') {
      out(
        io,
        toJsonText({
          schema: EXPORT_SCHEMA,
          month: opts.month,
          status: billed.status === 'closed' ? 'closed' : 'draft',
          generatedFrom: provenanceJson(ctx, provenance),
          documents: docs.map((d) => invoiceJson(d)),
        }),
      );
    } else if (opts.format === 'csv') {
      io.stdout.write(exportCsv(docs));
    } else {
      out(io, exportTable(opts.month, docs));
      out(io);
      out(io, provenanceLine(ctx, provenance));
    }
    return EXIT.OK;
  });

export const registerExport = (program: Command, io: Io, setExit: (code: ExitCode) => void): void => {
  program
    .command('export')
    .description(
      'invoice documents of a closed month, one per contractor billed (schema vpn-ledger.invoice/v1)',
    )
    .requiredOption('--month <YYYY-MM>', 'the billing month', parseMonth)
    .option('--draft', 'export an open month, marked as a draft')
    .option('--bill-to <id>', 'only the document of this contractor')
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'csv', 'table']).default('json'),
    )
    .addOption(storeOption())
    .addOption(viewsOption())
    .action(async (opts: ExportOptions) => setExit(await runExport(io, opts)));
};
