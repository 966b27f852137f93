import { z } from 'zod';
import { CatalogEditionSchema } from '../terms/provider-catalog';
import { EventDate as LocalDate, Text } from './fields';

/**
 * Events of the `policies` stream: the deployment's settings of the named policies (src/terms/
 * policies.ts), adopted by staff from a date. Each adoption records the whole set in force from its
 * date, so that every decision reads the set of its fact's date from the log, on any machine.
 */

/** Civil Code art. 142 (policy deadline-shift): off, or on with the days that count as closed. */
export const DeadlineShiftSetting = z.discriminatedUnion('enabled', [
  z.strictObject({ enabled: z.literal(false) }),
  z.strictObject({
    enabled: z.literal(true),
    /** The listed holidays (Japan dates) on which no business is done. */
    holidays: z.array(LocalDate).max(2000),
    /** Sundays count as closed days. */
    sundays: z.boolean(),
  }),
]);

export const Termination28Setting = z.enum([
  'termination-28-effective-by-art-18',
  'termination-28-effective-on-named-date',
]);

/** The settings a policy set holds (TermsConfig, src/aggregates/context.ts, without the catalog). */
export const PolicySettingsSchema = z.strictObject({
  holidayPolicy: DeadlineShiftSetting,
  termination28: Termination28Setting,
  /** Art. 1: 当社指定の範囲内の数 of child sites, for a network registered without a limit of its own. */
  defaultChildSiteLimit: z.number().int().positive().max(100_000),
  /** Policy distinct-lan-subnets-per-vpn. */
  distinctLanSubnets: z.boolean(),
});
export type PolicySettings = z.infer<typeof PolicySettingsSchema>;

/** The names of the settings, in the order they are listed. */
export const POLICY_SETTINGS = [
  'holidayPolicy',
  'termination28',
  'defaultChildSiteLimit',
  'distinctLanSubnets',
  'catalogEditions',
] as const;
export type PolicySettingName = (typeof POLICY_SETTINGS)[number];

export const PolicyEventSchemas = {
  PoliciesAdopted: z.strictObject({
    /** The first Japan date the set governs: every fact dated on or after it is decided by it. */
    from: LocalDate,
    settings: PolicySettingsSchema,
    /** Editions of the provider's catalog this adoption adds (each takes effect on its own date). */
    catalogEditions: z.array(CatalogEditionSchema),
    /** The settings that differ from the set in force on `from` before this adoption. */
    changed: z.array(z.enum(POLICY_SETTINGS)),
    note: Text.nullable(),
  }),
} as const;
