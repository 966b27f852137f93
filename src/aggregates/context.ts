import { DEFAULT_CHILD_SITE_LIMIT } from '../terms/catalog';
import type { HolidayPolicy } from '../terms/dates';
import type { Termination28Policy } from '../terms/policies';
import { type ProviderCatalog, SHIPPED_CATALOG } from '../terms/provider-catalog';

/** Deployment settings the deciders read; every value has the documented default of DIGEST.md. */
export interface TermsConfig {
  readonly defaultChildSiteLimit: number;
  /** Art. 142: off by default. */
  readonly holidayPolicy: HolidayPolicy;
  /** When a termination under general terms art. 28(2)/(3) takes effect (the text is silent). */
  readonly termination28: Termination28Policy;
  /** Policy 'distinct-lan-subnets-per-vpn' (the text is silent): on by default. */
  readonly distinctLanSubnets: boolean;
  /** The provider's models, designated models and Annex 4, by edition (the shipped one by default). */
  readonly catalog: ProviderCatalog;
}

export const DEFAULT_TERMS_CONFIG: TermsConfig = {
  defaultChildSiteLimit: DEFAULT_CHILD_SITE_LIMIT,
  holidayPolicy: { enabled: false },
  termination28: 'termination-28-effective-by-art-18',
  distinctLanSubnets: true,
  catalog: SHIPPED_CATALOG,
};
