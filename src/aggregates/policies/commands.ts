import { z } from 'zod';
import { DeadlineShiftSetting, Fields, Termination28Setting } from '../../events';
import { CatalogEditionSchema } from '../../terms/provider-catalog';

const { LocalDate, Text } = Fields;

/**
 * Commands of the `policies` aggregate (staff only): adopt a set of policies from a date. A setting
 * left out stays as it is in force on that date.
 */
export const PolicyCommandSchemas = {
  AdoptPolicies: z.strictObject({
    from: LocalDate,
    holidayPolicy: DeadlineShiftSetting.optional(),
    termination28: Termination28Setting.optional(),
    defaultChildSiteLimit: z.number().int().positive().max(100_000).optional(),
    distinctLanSubnets: z.boolean().optional(),
    catalogEditions: z.array(CatalogEditionSchema).max(50).optional(),
    note: Text.nullable().optional(),
  }),
} as const;

export type PolicyCommandType = keyof typeof PolicyCommandSchemas;
export type PolicyCommand = {
  [K in PolicyCommandType]: { type: K; data: z.infer<(typeof PolicyCommandSchemas)[K]> };
}[PolicyCommandType];
