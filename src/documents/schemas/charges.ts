/** A month's charges (as billed) and one line explained, as zod schemas. */
import { z } from 'zod';
import {
  BillToTotal,
  Calculation,
  ChargeLine,
  ChargeNote,
  GeneratedFrom,
  Lang,
  LocalDate,
  LogPosition,
  Month,
  Yen,
} from './common';

const CloseOfMonth = z
  .strictObject({
    id: z.string(),
    streamId: z.string(),
    commandId: z.string(),
    closedAt: z.string(),
    closedBy: z.string(),
    reflects: z.strictObject({ position: LogPosition.nullable(), events: z.number().int() }),
    sealDigest: z.string(),
  })
  .meta({
    id: 'MonthClose',
    description: 'The close of a month: its id, when, by whom, the position its seal covers.',
  });

export const ChargesDocument = z
  .strictObject({
    schema: z.literal('vpn-ledger.charges/v1'),
    month: Month,
    contractId: z.string().nullable(),
    asOf: LocalDate.nullable(),
    lang: Lang,
    generatedFrom: GeneratedFrom,
    status: z.enum(['open', 'closed']).optional(),
    recomputed: z
      .boolean()
      .optional()
      .meta({ description: 'True when a closed month was recomputed (asOf): not the lines invoiced.' }),
    carriesAdjustments: z.boolean().optional().meta({
      description: 'True for the first open month: it carries the adjustments of the closed months.',
    }),
    close: CloseOfMonth.nullable().optional(),
    lines: z.array(ChargeLine),
    totals: z.array(BillToTotal),
    total: Yen,
  })
  .meta({ id: 'ChargesDocument', description: 'A billing month as billed: charge lines with totals.' });

const CloseRef = z.strictObject({ id: z.string(), closedAt: z.string() }).nullable();

export const ExplainDocument = z
  .strictObject({
    schema: z.literal('vpn-ledger.explain/v1'),
    lang: Lang,
    generatedFrom: GeneratedFrom,
    line: ChargeLine,
    article: z.string(),
    policy: z.strictObject({ name: z.string(), description: z.string(), article: z.string() }).nullable(),
    formula: z.string(),
    note: z.string().nullable(),
    calculation: Calculation,
    notes: z.array(ChargeNote),
    billedIn: z.strictObject({ month: Month, status: z.enum(['open', 'closed']) }),
    closed: z
      .strictObject({
        month: Month,
        close: CloseRef,
        invoiced: ChargeLine.nullable(),
        recomputed: ChargeLine.nullable(),
        corrections: z.array(
          z.strictObject({
            lineId: z.string(),
            month: Month,
            amount: Yen,
            status: z.enum(['invoiced', 'carried']),
            close: CloseRef,
            causedBy: z.array(z.strictObject({ eventId: z.string(), summary: z.string(), date: LocalDate })),
          }),
        ),
        unexplained: Yen,
      })
      .nullable(),
    corrects: z.strictObject({ month: Month, lineId: z.string(), close: CloseRef }).nullable(),
    sources: z.array(
      z.strictObject({
        eventId: z.string(),
        summary: z.string().nullable(),
        article: z.string().nullable(),
        kind: z.string().nullable(),
        params: z.record(z.string(), z.unknown()).nullable(),
        event: z
          .strictObject({
            eventId: z.string(),
            type: z.string(),
            streamId: z.string(),
            revision: z.string(),
            position: z.string(),
            occurredAt: z.string(),
            recordedAt: z.string(),
            edition: z.string(),
            actor: z.string(),
            commandId: z.string(),
            commandType: z.string(),
            data: z.record(z.string(), z.unknown()),
          })
          .nullable(),
      }),
    ),
  })
  .meta({
    id: 'ExplainDocument',
    description: 'One charge line: article, policy, formula and the events behind it.',
  });
