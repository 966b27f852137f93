import { rejectionMessage } from '../../src/render/rejections';
import {
  ART3_MODELS,
  isAllowedModelChange as allowedIn,
  catalogEditionOn,
  catalogModel,
  DEFAULT_CHILD_SITE_LIMIT,
  deviceCount,
  optionEligibility as eligibleIn,
  ITEM_SPECS,
  ITEMS,
  isItem,
  isNetScreen,
  isOptionKind,
  MAINTENANCE_TYPES,
  NETWORK_ITEMS,
  OPTION_SPECS,
  OPTIONS,
  type OptionKind,
  SHIPPED_CATALOG,
  TERM_YEARS,
} from '../../src/terms';
import { citationText, parseCitation } from '../../src/terms/citation';

/** The shipped catalog's edition in force today. */
const edition = catalogEditionOn(SHIPPED_CATALOG, '2025-01-01')!;
const MODEL_SPECS = { get: (m: string) => catalogModel(edition, m)! };
const optionEligibility = (option: OptionKind, contractModel: string, optionModel?: string) =>
  eligibleIn(edition, option, contractModel, optionModel);
const isAllowedModelChange = (from: string, to: string) => allowedIn(edition, from, to);

describe('Art. 2 items', () => {
  it.each([
    ['single-star-single-edge', 1, 1],
    ['dual-star-dual-edge', 2, 2],
    ['dual-star-single-edge', 2, 1],
  ] as const)('%s has %i parent and %i child devices', (item, parent, child) => {
    expect(deviceCount(item, 'parent')).toBe(parent);
    expect(deviceCount(item, 'child')).toBe(child);
  });

  it('closed monitoring brings no devices of its own and needs a network built with another item', () => {
    expect(deviceCount('closed-monitoring', 'parent')).toBe(0);
    expect(ITEM_SPECS['closed-monitoring'].requiresBaseItem).toBe(true);
    expect(NETWORK_ITEMS).not.toContain('closed-monitoring');
    expect(NETWORK_ITEMS).toHaveLength(3);
  });

  it('has the Japanese names of the text', () => {
    expect(ITEM_SPECS['dual-star-single-edge'].nameJa).toBe('デュアルスターシングルエッジ');
    expect(ITEM_SPECS['closed-monitoring'].nameJa).toBe('クローズドモニタリング');
  });

  it('recognises item ids', () => {
    expect(ITEMS).toHaveLength(4);
    expect(isItem('dual-star-dual-edge')).toBe(true);
    expect(isItem('triple-star')).toBe(false);
  });
});

describe('Art. 3 device models', () => {
  it('lists every model of the current text as current, and no other', () => {
    const current = edition.models.filter((m) => m.status === 'current').map((m) => m.model);
    expect(current).toHaveLength(8);
    expect(new Set(current)).toEqual(new Set(ART3_MODELS));
  });

  it('knows the Catalyst models as switches and the rest as VPN devices', () => {
    expect(MODEL_SPECS.get('Cisco Catalyst 1000-24T-4G-L').role).toBe('switch');
    expect(MODEL_SPECS.get('Cisco ISR 4351').role).toBe('vpn-device');
    expect(MODEL_SPECS.get('NetScreen-5GT').role).toBe('vpn-device');
  });

  it('knows legacy NetScreen models', () => {
    expect(isNetScreen('NetScreen-25')).toBe(true);
    expect(MODEL_SPECS.get('NetScreen-204')).toMatchObject({ status: 'legacy', family: 'netscreen' });
    expect(isNetScreen('Cisco 1812J')).toBe(false);
    expect(isNetScreen('Unknown box')).toBe(false);
  });
});

describe('Art. 17 options', () => {
  it('on-site installation has no monthly fee and no minimum term', () => {
    expect(OPTION_SPECS['on-site-installation'].hasMonthlyFee).toBe(false);
    expect(OPTION_SPECS['on-site-installation'].hasMinimumTerm).toBe(false);
  });

  it('rack-mount kit has a monthly fee but no minimum term (not in Art. 17(3))', () => {
    expect(OPTION_SPECS['rack-mount-kit'].hasMonthlyFee).toBe(true);
    expect(OPTION_SPECS['rack-mount-kit'].hasMinimumTerm).toBe(false);
  });

  it('gives exactly the Art. 17(3) options a 1-year term', () => {
    const withTerm = OPTIONS.filter((o) => OPTION_SPECS[o].hasMinimumTerm);
    expect(withTerm).toEqual([
      'cold-standby',
      'private-switch',
      'sfp-module',
      'vpn-module',
      'additional-licence',
    ]);
    for (const o of withTerm) expect(OPTION_SPECS[o].minimumTermYears).toBe(1);
  });

  it('only a private-switch model change restarts the option term', () => {
    expect(OPTIONS.filter((o) => OPTION_SPECS[o].modelChangeRestartsTerm)).toEqual(['private-switch']);
    expect(isOptionKind('private-switch')).toBe(true);
    expect(isOptionKind('turbo')).toBe(false);
  });
});

/** A refusal of `code` (any when undefined), citing `article` when given. */
const refused = (code?: string, article?: string) => ({
  ok: false,
  refusal: { ...(code ? { code } : {}), ...(article ? { cite: parseCitation(article) } : {}) },
});

describe('Option eligibility', () => {
  it('given a C1121-8P, the additional licence is allowed', () => {
    expect(optionEligibility('additional-licence', 'Cisco C1121-8P')).toEqual({ ok: true });
  });

  it('given an 891FJ, the additional licence is refused citing Art. 17(2)(7)', () => {
    const r = optionEligibility('additional-licence', 'Cisco 891FJ');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(citationText(r.refusal.cite)).toBe('Art. 17(2)(7)');
      expect(r.refusal.params).toMatchObject({ allowed: ['Cisco C1121-8P'], model: 'Cisco 891FJ' });
      expect(rejectionMessage('en', r.refusal)).toContain('Cisco C1121-8P');
      expect(rejectionMessage('en', r.refusal)).toContain('Cisco 891FJ');
    }
  });

  it('cold standby must be the same model as the VPN device', () => {
    expect(optionEligibility('cold-standby', 'Cisco 892FSP')).toEqual({ ok: true });
    expect(optionEligibility('cold-standby', 'Cisco 892FSP', 'Cisco 892FSP')).toEqual({ ok: true });
    expect(optionEligibility('cold-standby', 'Cisco 892FSP', 'Cisco 891FJ')).toMatchObject(
      refused('COLD_STANDBY_MODEL_MISMATCH', 'Art. 17(2)(2)'),
    );
  });

  it('private switch needs a switch model', () => {
    expect(optionEligibility('private-switch', 'Cisco 891FJ', 'Cisco Catalyst 1000-24T-4G-L')).toEqual({
      ok: true,
    });
    expect(optionEligibility('private-switch', 'Cisco 891FJ')).toMatchObject(
      refused('SWITCH_MODEL_REQUIRED'),
    );
    expect(optionEligibility('private-switch', 'Cisco 891FJ', 'Cisco 892FSP')).toMatchObject(
      refused('NOT_A_SWITCH_MODEL'),
    );
  });

  it('VPN module only on provider-designated models', () => {
    expect(optionEligibility('vpn-module', 'Cisco ISR 4351')).toEqual({ ok: true });
    expect(optionEligibility('vpn-module', 'Cisco 891FJ')).toMatchObject(
      refused('MODEL_NOT_DESIGNATED', 'Art. 17(2)(6)'),
    );
  });

  it('SFP module on a designated VPN device, or on a designated private switch', () => {
    expect(optionEligibility('sfp-module', 'Cisco ASR 1001-X')).toEqual({ ok: true });
    expect(optionEligibility('sfp-module', 'Cisco 891FJ')).toMatchObject(refused(undefined, 'Art. 17(2)(5)'));
    expect(optionEligibility('sfp-module', 'Cisco 891FJ', 'Cisco Catalyst 9300L-24T-4G-A')).toEqual({
      ok: true,
    });
  });

  it('rack-mount kit for a designated device only', () => {
    expect(optionEligibility('rack-mount-kit', 'Cisco ISR 4351')).toEqual({ ok: true });
    expect(optionEligibility('rack-mount-kit', 'Cisco C1121-8P')).toMatchObject(
      refused(undefined, 'Art. 17(2)(4)'),
    );
  });

  it('on-site installation fits any VPN device, including a legacy one', () => {
    expect(optionEligibility('on-site-installation', 'NetScreen-5GT')).toEqual({ ok: true });
  });

  it('refuses an unknown model or a switch as the contract device', () => {
    expect(optionEligibility('cold-standby', 'Mystery 9000')).toMatchObject(refused('UNKNOWN_MODEL'));
    expect(optionEligibility('cold-standby', 'Cisco Catalyst 1000-24T-4G-L')).toMatchObject(
      refused('NOT_A_VPN_DEVICE'),
    );
  });
});

describe('Annex 4 model changes', () => {
  it.each([
    ['Cisco 891FJ', 'Cisco 892FSP'],
    ['Cisco 892FSP', 'Cisco 891FJ'],
    ['Cisco 891FJ', 'Cisco C1121-8P'],
    ['Cisco 892FSP', 'Cisco C1121-8P'],
    ['Cisco ISR 4351', 'Cisco ASR 1001-X'],
    ['NetScreen-5GT', 'Cisco 891FJ'],
    ['NetScreen-204', 'Cisco 892FSP'],
    ['Cisco Catalyst 1000-24T-4G-L', 'Cisco Catalyst 1000-48T-4G-L'],
    ['Cisco Catalyst 1000-48T-4G-L', 'Cisco Catalyst 1000-24T-4G-L'],
    ['Cisco Catalyst 1000-48T-4G-L', 'Cisco Catalyst 9300L-24T-4G-A'],
  ])('allows %s → %s', (from, to) => {
    expect(isAllowedModelChange(from, to)).toBe(true);
  });

  it.each([
    ['Cisco C1121-8P', 'Cisco 891FJ'],
    ['Cisco ASR 1001-X', 'Cisco ISR 4351'],
    ['Cisco 891FJ', 'NetScreen-5GT'],
    ['Cisco 891FJ', 'Cisco 891FJ'],
    ['Cisco 891FJ', 'Cisco Catalyst 1000-24T-4G-L'],
    ['Cisco Catalyst 9300L-24T-4G-A', 'Cisco Catalyst 1000-48T-4G-L'],
  ])('refuses %s → %s', (from, to) => {
    expect(isAllowedModelChange(from, to)).toBe(false);
  });

  it('never changes between a VPN device and a switch', () => {
    for (const c of edition.annex4) expect(MODEL_SPECS.get(c.from).role).toBe(MODEL_SPECS.get(c.to).role);
  });
});

describe('Configuration constants', () => {
  it('has the term lengths, maintenance types and a child-site limit', () => {
    expect(TERM_YEARS).toEqual([1, 3]);
    expect(MAINTENANCE_TYPES).toEqual(['type-1', 'type-2']);
    expect(DEFAULT_CHILD_SITE_LIMIT).toBeGreaterThan(0);
  });
});
