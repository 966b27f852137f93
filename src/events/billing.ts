import { z } from 'zod';
import { YearMonthSchema } from '../terms/dates';
import { FIELD_MESSAGES } from '../terms/field-messages';
import { ContractorId, Id, EventInstant as Instant, EventDate as LocalDate } from './fields';

/**
 * Events of billing: `billing-YYYY-MM` holds the close of one billing month; `seals` holds the
 * seals made on demand. Every seal commits to the whole log up to a global position (src/ledger/seal.ts).
 */

/** Whole yen, negative for reductions and adjustments that give money back. */
const SignedYen = z
  .number()
  .int()
  .refine((n) => Number.isSafeInteger(n), { message: FIELD_MESSAGES.safeYen });

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, { message: FIELD_MESSAGES.hex64 });
const Decimal = z.string().regex(/^\d{1,20}$/, { message: FIELD_MESSAGES.decimalPosition });
const Uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
  message: FIELD_MESSAGES.uuid,
});

export const LogPosition = z.strictObject({ commit: Decimal, prepare: Decimal });

/**
 * A charge line as a close invoiced it: the line exactly as the views gave it (its formula and notes
 * as data, see src/projections/charge-data.ts), so that the closed month reads the same whatever
 * the projections later compute.
 */
export const InvoicedLine = z.strictObject({
  id: z.string().min(1).max(1000),
  contractId: Id,
  networkId: Id,
  billTo: ContractorId,
  kind: z.string().min(1).max(50),
  month: YearMonthSchema,
  period: z.strictObject({ from: LocalDate, to: LocalDate }),
  amount: SignedYen,
  article: z.string().max(500),
  policy: z.string().max(100).nullable(),
  edition: z.string().max(50),
  sources: z.array(z.string().max(100)),
  formula: z.looseObject({ kind: z.string() }),
  notes: z.array(z.looseObject({ kind: z.string() })),
});

/** What a seal is for: a month's close (and the lines it invoiced), or a seal made on demand. */
export const SealSubject = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('month-close'),
    month: YearMonthSchema,
    lines: z.number().int().nonnegative(),
    total: SignedYen,
    /** sha-256 of the canonical JSON of the invoiced lines. */
    linesDigest: Hex64,
  }),
  z.strictObject({ kind: z.literal('on-demand') }),
]);

/**
 * A digest of the whole log up to `position` (a running sha-256 over every event's global position,
 * stream, revision and content hash, in global order), signed with an Ed25519 key kept outside
 * the ledger. `keyId` is the sha-256 of the public key (SPKI DER).
 */
export const SealSchema = z.strictObject({
  schema: z.literal('vpn-ledger.seal/v1'),
  /** The last event sealed; null for an empty log. */
  position: LogPosition.nullable(),
  /** Events in the log up to `position`. */
  events: z.number().int().nonnegative(),
  digest: Hex64,
  sealedAt: Instant,
  subject: SealSubject,
  algorithm: z.literal('ed25519'),
  keyId: Hex64,
  /** Base64 Ed25519 signature over the canonical JSON of every other field. */
  signature: z.string().min(1).max(200),
});
export type Seal = z.infer<typeof SealSchema>;
export type SealSubject = z.infer<typeof SealSubject>;

export const BillingEventSchemas = {
  /**
   * A billing month closed: the lines invoiced for it (its own lines, and the adjustments of
   * earlier months carried into it), the totals per contractor billed, and the seal of the log up
   * to the position the close was decided on (the views there). Who closed it is the envelope's
   * actor.
   */
  MonthClosed: z.strictObject({
    month: YearMonthSchema,
    /**
     * v2: the ledger's id (src/billing/ledger-id.ts), and the close's id made from it and the month
     * (unique per ledger). Null in a close of v1, whose id is its event's id.
     */
    ledgerId: Uuid.nullable(),
    closeId: Uuid.nullable(),
    closedAt: Instant,
    /** True for the ledger's first month closed: every month before it bills nothing. */
    firstMonth: z.boolean(),
    lines: z.array(InvoicedLine),
    totals: z.array(
      z.strictObject({ billTo: ContractorId, lines: z.number().int().nonnegative(), amount: SignedYen }),
    ),
    total: SignedYen,
    seal: SealSchema,
  }),
  /** A seal made on demand (`vpn-ledger seal`). */
  LogSealed: z.strictObject({ seal: SealSchema }),
} as const;
