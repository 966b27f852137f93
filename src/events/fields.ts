import { z } from 'zod';
import {
  DATE_RANGE,
  EventInstantSchema,
  EventLocalDateSchema,
  InstantSchema,
  LocalDateSchema,
} from '../terms/dates';
import { FIELD_MESSAGES, fieldIssue } from '../terms/field-messages';
import { formatYen, MAX_YEN } from '../terms/money';
import { CONTRACT_TYPES, EQUIPMENT_KINDS, ITEMS, MAINTENANCE_TYPES, OPTIONS } from '../terms/vocabulary';

/**
 * Field schemas shared by events and commands. Dates, instants and amounts come in two widths:
 * LocalDate, Instant and Yen are what a command may name (DATE_RANGE, MAX_YEN); the Event* ones
 * are what a stored event may hold: wider, so that dates the deciders derive from a command's
 * and events written before these bounds existed stay valid.
 */
export const LocalDate = LocalDateSchema;
export const Instant = InstantSchema;
export const EventDate = EventLocalDateSchema;
export const EventInstant = EventInstantSchema;
export { DATE_RANGE, MAX_YEN };

/** Whole, non-negative yen up to `max`, with one message for each way to miss ("too large" first). */
const yenUpTo = (max: number, tooLarge: 'yenTooLarge' | 'eventYenTooLarge') =>
  z.number({ error: FIELD_MESSAGES.wholeYen }).superRefine((n, ctx) => {
    if (n < 0) ctx.addIssue(fieldIssue('negativeYen'));
    else if (n > max) ctx.addIssue(fieldIssue(tooLarge, { max: formatYen(max) }));
    else if (!Number.isInteger(n)) ctx.addIssue(fieldIssue('fractionYen'));
  });
/** Amounts a command may name: up to MAX_YEN, so that every sum of charges stays exact. */
export const Yen = yenUpTo(MAX_YEN, 'yenTooLarge');
/** Amounts of stored events, as before MAX_YEN existed: any whole number a double holds exactly. */
export const EventYen = yenUpTo(Number.MAX_SAFE_INTEGER, 'eventYenTooLarge');
/** Letters, digits and . _ : - only, starting with a letter or digit: no spaces, no control characters. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const idOf = (maxLength: number) =>
  z.string().min(1, { error: FIELD_MESSAGES.empty }).max(maxLength).regex(ID_PATTERN, {
    error: FIELD_MESSAGES.idCharacters,
  });
export const Id = idOf(100);
/**
 * A command id, actor, correlation or causation id: the same characters as a data id, and up to
 * 200 of them (a command id is often built from other ids). Printed in every result line and
 * stored in every event's metadata, so a newline or an ESC in one must never get through.
 */
export const EnvelopeId = idOf(200);
export const ContractorId = Id;
export const Text = z.string().max(2000);
export const ContractType = z.enum(CONTRACT_TYPES);
export const Item = z.enum(ITEMS);
export const MaintenanceType = z.enum(MAINTENANCE_TYPES);
export const OptionKind = z.enum(OPTIONS);
export const TermYears = z.union([z.literal(1), z.literal(3)], {
  error: FIELD_MESSAGES.termYears,
});
/** A LAN prefix as written by the contractor, e.g. '192.168.10.0/24'; Art. 22(2) is checked in decide. */
export const Subnet = z.string().max(50);

export const Address = z.strictObject({
  country: z.string().length(2, { error: FIELD_MESSAGES.country }),
  postalCode: z.string().max(20).optional(),
  text: z.string().min(1).max(500),
});

export const EquipmentKind = z.enum(EQUIPMENT_KINDS);
export const EquipmentItem = z.strictObject({
  itemId: Id,
  kind: EquipmentKind,
  model: z.string().min(1).max(100),
});
export type EquipmentItem = z.infer<typeof EquipmentItem>;

export const FaultOutcome = z.enum([
  'provider-fault',
  'contractor-fault',
  'no-fault-found',
  'minor-handled-by-contractor',
]);
export const OutageCause = z.enum(['provider', 'contractor', 'third-party', 'force-majeure']);
export const TerminationGround = z.enum(['ordinary', 'general-terms-28-2', 'general-terms-28-3']);
export const OneTimeCostKind = z.enum([
  'travel',
  'special-installation-work',
  'on-site-cancellation',
  'on-site-overtime',
  'on-site-emergency',
]);
