/** The change feed's items (GET /v1/feed), as a zod schema. */
import { z } from 'zod';
import { Month, Yen } from './common';

export const FeedItem = z
  .strictObject({
    schema: z.literal('vpn-ledger.feed-item/v1'),
    position: z.string().meta({
      description: 'The fact’s place in the log: send it as `after` (or Last-Event-ID) to go on after it.',
    }),
    type: z.string().meta({ description: 'The event type (BillingStarted, MonthClosed...).' }),
    stream: z.string(),
    revision: z.string(),
    recordedAt: z.string(),
    contractId: z.string().nullable(),
    networkId: z.string().nullable(),
    month: Month.nullable(),
    access: z.enum(['staff', 'holder', 'parent-holder', 'billed']).meta({
      description:
        "What the principal sees of it: all of it, a VPN parent holder's part, or what is billed to it.",
    }),
    article: z.string().nullable(),
    summary: z.string().meta({ description: 'The fact in one line, in the chosen language.' }),
    close: z
      .strictObject({
        id: z.string(),
        closedAt: z.string(),
        closedBy: z.string(),
        firstMonth: z.boolean(),
        lines: z.number().int(),
        total: Yen,
        totals: z.array(z.strictObject({ billTo: z.string(), lines: z.number().int(), amount: Yen })),
        sealDigest: z.string(),
      })
      .nullable()
      .meta({ description: "A month's close: its totals as the principal may see them." }),
    sealedThrough: z
      .string()
      .nullable()
      .meta({ description: 'A seal made on demand: the position it covers.' }),
  })
  .meta({
    id: 'FeedItem',
    description: 'One fact of the log as the principal may see it (vpn-ledger.feed-item/v1).',
  });
