/** Catalog files for tests: the shipped one, and the shipped one with an edition of 2026-04-01 added. */
import shipped from '../../catalog/provider-catalog.json';

export const SHIPPED_JSON = shipped;
const first = shipped.editions[0]!;

/**
 * An edition effective 2026-04-01 in which the provider introduces the Cisco C8300-1N1S-6T, lets an
 * ISR 4351 change to it (Annex 4), and designates it for the VPN module; the ISR 4351 becomes legacy.
 */
export const EDITION_2026 = {
  ...first,
  edition: '2026-04-01',
  effectiveFrom: '2026-04-01',
  source: 'Test: the provider table of 2026-04-01.',
  models: [
    ...first.models.map((m) => (m.model === 'Cisco ISR 4351' ? { ...m, status: 'legacy' } : m)),
    { model: 'Cisco C8300-1N1S-6T', role: 'vpn-device', status: 'current', family: 'cisco' },
  ],
  designatedModels: {
    ...first.designatedModels,
    'vpn-module': [...first.designatedModels['vpn-module'], 'Cisco C8300-1N1S-6T'],
  },
  annex4: [...first.annex4, { from: 'Cisco ISR 4351', to: 'Cisco C8300-1N1S-6T' }],
};

/** A catalog file holding only the 2026 edition (what a deployment installs). */
export const FILE_2026 = { schema: 'vpn-ledger.catalog/v1', editions: [EDITION_2026] };
