import { z } from 'zod';
import { CONTRACT_TYPES, ITEMS, MAINTENANCE_TYPES, OPTIONS } from '../terms/catalog';
import { InstantSchema, LocalDateSchema } from '../terms/dates';

/** Field schemas shared by events and commands. */
export const LocalDate = LocalDateSchema;
export const Instant = InstantSchema;
export const Yen = z
  .number({ error: 'Expected an amount in whole yen' })
  .int({ error: 'Amounts are whole yen: no fractions' })
  .nonnegative({ error: 'Amounts cannot be negative' })
  .max(Number.MAX_SAFE_INTEGER);
export const Id = z
  .string()
  .min(1, { error: 'Must not be empty' })
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, {
    error: 'Ids use letters, digits and . _ : - only, starting with a letter or digit',
  });
export const ContractorId = Id;
export const Text = z.string().max(2000);
export const ContractType = z.enum(CONTRACT_TYPES);
export const Item = z.enum(ITEMS);
export const MaintenanceType = z.enum(MAINTENANCE_TYPES);
export const OptionKind = z.enum(OPTIONS);
export const TermYears = z.union([z.literal(1), z.literal(3)], {
  error: 'The minimum term is 1 or 3 years (Art. 5)',
});
/** A LAN prefix as written by the contractor, e.g. '192.168.10.0/24'; Art. 22(2) is checked in decide. */
export const Subnet = z.string().max(50);

export const Address = z.strictObject({
  country: z.string().length(2, { error: 'ISO 3166 two-letter country code' }),
  postalCode: z.string().max(20).optional(),
  text: z.string().min(1).max(500),
});

export const EquipmentKind = z.enum([
  'vpn-device',
  'cold-standby-device',
  'switch',
  'rack-mount-bracket',
  'sfp-module',
  'vpn-module',
  'licence',
]);
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
