import { DEFAULT_CHILD_SITE_LIMIT } from '../terms/catalog';
import type { HolidayPolicy } from '../terms/dates';

/** Deployment settings the deciders read; every value has the documented default of DIGEST.md. */
export interface TermsConfig {
  readonly defaultChildSiteLimit: number;
  /** Art. 142: off by default. */
  readonly holidayPolicy: HolidayPolicy;
}

export const DEFAULT_TERMS_CONFIG: TermsConfig = {
  defaultChildSiteLimit: DEFAULT_CHILD_SITE_LIMIT,
  holidayPolicy: { enabled: false },
};
