/** The months and their closes, a close, and a month's export (invoice documents), as zod schemas. */
import { z } from 'zod';
import { SealSchema } from '../../events/billing';
import { ChargeLine, GeneratedFrom, Lang, LogPosition, Month, Yen } from './common';

export const Seal = SealSchema.meta({
  id: 'Seal',
  description: 'A signed digest of the log up to a position (Ed25519; keyId: sha-256 of the public key).',
});

const Totals = z.array(z.strictObject({ billTo: z.string(), lines: z.number().int(), amount: Yen }));

const MonthClose = z.strictObject({
  id: z.string().meta({ description: 'The close id, unique per ledger.' }),
  ledgerId: z
    .string()
    .nullable()
    .meta({ description: 'The ledger id (null: a close recorded before ledger ids).' }),
  streamId: z.string(),
  commandId: z.string(),
  eventHash: z.string(),
  closedAt: z.string(),
  closedBy: z.string(),
  firstMonth: z.boolean(),
  reflects: z.strictObject({ position: LogPosition.nullable(), events: z.number().int() }),
  sealDigest: z.string(),
  keyId: z.string(),
});

export const MonthsDocument = z
  .strictObject({
    schema: z.literal('vpn-ledger.months/v1'),
    lang: Lang,
    generatedFrom: GeneratedFrom,
    months: z.array(
      z.strictObject({
        month: Month,
        status: z.enum(['closed', 'open']),
        nextToClose: z.boolean().meta({ description: 'The month the next close must be of.' }),
        close: MonthClose.nullable().meta({
          description: 'Null: open, or a month before the first close (closed with it, billed nothing).',
        }),
        carriesAdjustments: z.boolean(),
        lines: z.number().int(),
        adjustments: z.number().int().meta({ description: 'Of the lines, adjustments of closed months.' }),
        totals: z.array(
          z.strictObject({
            billTo: z.string(),
            lines: z.number().int(),
            adjustments: z.number().int(),
            amount: Yen,
          }),
        ),
        total: Yen,
      }),
    ),
    next: Month.nullable().meta({ description: 'The `after` of the next page; null: the last page.' }),
  })
  .meta({
    id: 'MonthsDocument',
    description:
      'Every month from the first charge to the current one: closed (who, when, the close, its seal) or open.',
  });

const InvoiceTotals = z.strictObject({
  lines: z.strictObject({ count: z.number().int(), amount: Yen }),
  adjustments: z.strictObject({ count: z.number().int(), amount: Yen }),
  amount: Yen,
});

export const Invoice = z
  .strictObject({
    schema: z.literal('vpn-ledger.invoice/v1'),
    month: Month,
    billTo: z.string(),
    status: z.enum(['closed', 'draft']),
    statementNumber: z.string().nullable().meta({
      description: 'S-YYYYMM-XXXX-XXXX-XXXX: stable per ledger, month and bill-to (null: a draft).',
    }),
    close: z
      .strictObject({
        id: z.string(),
        ledgerId: z.string().nullable(),
        eventHash: z.string(),
        streamId: z.string(),
        commandId: z.string(),
        closedAt: z.string(),
        closedBy: z.string(),
        sealDigest: z.string(),
        seal: Seal,
      })
      .nullable(),
    lines: z.array(ChargeLine),
    adjustments: z.array(ChargeLine),
    totals: InvoiceTotals,
    currency: z.literal('JPY'),
  })
  .meta({ id: 'Invoice', description: 'One contractor’s invoice document for a month.' });

export const ExportDocument = z
  .strictObject({
    schema: z.literal('vpn-ledger.export/v1'),
    month: Month,
    status: z.enum(['closed', 'draft']),
    lang: Lang,
    generatedFrom: GeneratedFrom,
    documents: z.array(Invoice),
    totals: z
      .strictObject({
        byBillTo: z.array(InvoiceTotals.extend({ billTo: z.string() })),
        lines: z.strictObject({ count: z.number().int(), amount: Yen }),
        adjustments: z.strictObject({ count: z.number().int(), amount: Yen }),
        amount: Yen,
      })
      .meta({ description: 'The totals per contractor billed and of them all, in a field of their own.' }),
  })
  .meta({ id: 'ExportDocument', description: 'Invoice documents, one per contractor billed.' });

export const CloseDocument = z
  .strictObject({
    schema: z.literal('vpn-ledger.close/v1'),
    status: z.literal('closed'),
    repeated: z.boolean().meta({ description: 'The month was closed before: nothing was written.' }),
    alreadyClosed: z
      .boolean()
      .meta({ description: 'Another command had closed the month: `close` is that close (who, when).' }),
    commandId: z.string(),
    month: Month,
    close: z.strictObject({
      id: z.string(),
      ledgerId: z.string().nullable(),
      eventHash: z.string(),
      streamId: z.string(),
      revision: z.string(),
      commandId: z.string(),
      closedAt: z.string(),
      closedBy: z.string(),
      firstMonth: z.boolean(),
      eventPosition: LogPosition.nullable(),
      seal: Seal,
    }),
    reflects: z.strictObject({ position: LogPosition.nullable(), events: z.number().int() }),
    lines: z.number().int(),
    adjustments: z.number().int(),
    totals: Totals,
    total: Yen,
  })
  .meta({
    id: 'CloseDocument',
    description:
      'The close: its id, seal, lines and totals (`repeated` when the month was closed before; `alreadyClosed` when another command closed it).',
  });
