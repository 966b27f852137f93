/**
 * What a webhook delivers: the kinds a subscription chooses from, and the body of a delivery
 * (`vpn-ledger.webhook/v1`). A body is data for programs: codes, ids, months and amounts, no prose.
 *
 *  - month-closed: a billing month was closed (its close, totals per contractor billed, seal digest).
 *  - charges-changed: a fact recorded on a contract changed its charge lines (the months it touched).
 *  - adjustment-recorded: a fact recorded on a contract changed what is owed for a closed month:
 *    the adjustments owed now for the lines it touched (policy adjust-in-first-open-month).
 *
 * `exact` is false when the views could not tell what changed (they were stale): the contract's
 * charges (or adjustments) may have changed, and a receiver reads them again.
 */
import { z } from 'zod';
import { positionToken } from '../store/cursor';

export const WEBHOOK_KINDS = ['month-closed', 'charges-changed', 'adjustment-recorded'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

export const isWebhookKind = (k: string): k is WebhookKind =>
  (WEBHOOK_KINDS as readonly string[]).includes(k);

export const WEBHOOK_SCHEMA = 'vpn-ledger.webhook/v1';

const Month = z.string().regex(/^\d{4}-\d{2}$/);

/** The fact a delivery announces (the last one, when one append wrote several on a contract). */
const AnnouncedEvent = z.strictObject({
  id: z.string(),
  type: z.string(),
  stream: z.string(),
  revision: z.string(),
  recordedAt: z.string(),
});

export const MonthClosedData = z.strictObject({
  month: Month,
  closeId: z.string(),
  closedAt: z.string(),
  closedBy: z.string(),
  firstMonth: z.boolean(),
  lines: z.number().int(),
  total: z.number().int(),
  totals: z.array(z.strictObject({ billTo: z.string(), lines: z.number().int(), amount: z.number().int() })),
  seal: z.strictObject({ digest: z.string(), keyId: z.string(), position: z.string().nullable() }),
});

export const ChargesChangedData = z.strictObject({
  contractId: z.string(),
  exact: z.boolean(),
  /** The first billing month whose lines changed; null when not exact. */
  firstMonth: Month.nullable(),
  /** The last one; null: every month from firstMonth on (a monthly fee changed with no end). */
  lastMonth: Month.nullable(),
  /** The months of the dated lines (one-time fees, settlements, reductions) that changed. */
  lineMonths: z.array(Month),
});

export const AdjustmentRecordedData = z.strictObject({
  contractId: z.string(),
  exact: z.boolean(),
  /** The adjustments owed now for the closed lines this fact changed (amount 0: no longer owed). */
  adjustments: z.array(
    z.strictObject({ month: Month, lineId: z.string(), billTo: z.string(), amount: z.number().int() }),
  ),
});

const common = {
  schema: z.literal(WEBHOOK_SCHEMA),
  deliveryId: z.string(),
  subscriptionId: z.string(),
  /** The log position of the fact; the feed's cursor (GET /v1/feed?after=). */
  position: z.string(),
  event: AnnouncedEvent,
};

export const WebhookBody = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('month-closed'), data: MonthClosedData }),
  z.strictObject({ ...common, kind: z.literal('charges-changed'), data: ChargesChangedData }),
  z.strictObject({ ...common, kind: z.literal('adjustment-recorded'), data: AdjustmentRecordedData }),
]);
export type WebhookBody = z.infer<typeof WebhookBody>;

export type Announcement =
  | { readonly kind: 'month-closed'; readonly data: z.infer<typeof MonthClosedData> }
  | { readonly kind: 'charges-changed'; readonly data: z.infer<typeof ChargesChangedData> }
  | { readonly kind: 'adjustment-recorded'; readonly data: z.infer<typeof AdjustmentRecordedData> };

/** The delivery id: the subscription, the fact's position and the kind (stable across retries and restarts). */
export const deliveryIdOf = (
  subscriptionId: string,
  position: { commit: bigint; prepare: bigint },
  kind: WebhookKind,
): string => `${subscriptionId}/${positionToken(position)}/${kind}`;
