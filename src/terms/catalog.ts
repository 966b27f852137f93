/** The catalog as data: types, items, device models, options and Annex 4's allowed model changes. */

/** Art. 1: a parent contract (the one main site) or a child contract (one per secondary site). */
export const CONTRACT_TYPES = ['parent', 'child'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

/** Art. 1 leaves the maximum number of child sites to the provider: configuration, not text. */
export const DEFAULT_CHILD_SITE_LIMIT = 100;

export const TERM_YEARS = [1, 3] as const;
export type TermYears = (typeof TERM_YEARS)[number];

/** Art. 4 and the supplementary provisions: Type 1 exists only in contracts made before 2010-02-01. */
export const MAINTENANCE_TYPES = ['type-1', 'type-2'] as const;
export type MaintenanceType = (typeof MAINTENANCE_TYPES)[number];

// ---------------------------------------------------------------------------------------------
// Art. 2 Items

export const ITEMS = [
  'single-star-single-edge',
  'dual-star-dual-edge',
  'dual-star-single-edge',
  'closed-monitoring',
] as const;
export type Item = (typeof ITEMS)[number];

export interface ItemSpec {
  readonly id: Item;
  readonly nameJa: string;
  readonly nameEn: string;
  /** VPN devices per contract; null for closed monitoring, which monitors devices of another item. */
  readonly devices: { readonly parent: number; readonly child: number } | null;
  /** Closed monitoring needs a network built with one of the star/edge items (Art. 2, 8(2)(4)). */
  readonly requiresBaseItem: boolean;
  readonly article: 'Art. 2';
}

export const ITEM_SPECS: Readonly<Record<Item, ItemSpec>> = {
  'single-star-single-edge': {
    id: 'single-star-single-edge',
    nameJa: 'シングルスターシングルエッジ',
    nameEn: 'Single-star single-edge',
    devices: { parent: 1, child: 1 },
    requiresBaseItem: false,
    article: 'Art. 2',
  },
  'dual-star-dual-edge': {
    id: 'dual-star-dual-edge',
    nameJa: 'デュアルスターデュアルエッジ',
    nameEn: 'Dual-star dual-edge',
    devices: { parent: 2, child: 2 },
    requiresBaseItem: false,
    article: 'Art. 2',
  },
  'dual-star-single-edge': {
    id: 'dual-star-single-edge',
    nameJa: 'デュアルスターシングルエッジ',
    nameEn: 'Dual-star single-edge',
    devices: { parent: 2, child: 1 },
    requiresBaseItem: false,
    article: 'Art. 2',
  },
  'closed-monitoring': {
    id: 'closed-monitoring',
    nameJa: 'クローズドモニタリング',
    nameEn: 'Closed monitoring',
    devices: null,
    requiresBaseItem: true,
    article: 'Art. 2',
  },
};

/** The items a VPN network can be built with (all but closed monitoring). */
export const NETWORK_ITEMS: readonly Item[] = ITEMS.filter((i) => !ITEM_SPECS[i].requiresBaseItem);

export function isItem(s: unknown): s is Item {
  return typeof s === 'string' && (ITEMS as readonly string[]).includes(s);
}

/** Art. 2: fixed number of VPN devices; closed monitoring brings no devices of its own (0). */
export function deviceCount(item: Item, contractType: ContractType): number {
  return ITEM_SPECS[item].devices?.[contractType] ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Art. 3 Device models

export const DEVICE_MODELS = [
  'Cisco 891FJ',
  'Cisco 892FSP',
  'Cisco ISR 4351',
  'Cisco ASR 1001-X',
  'Cisco Catalyst 1000-24T-4G-L',
  'Cisco Catalyst 1000-48T-4G-L',
  'Cisco Catalyst 9300L-24T-4G-A',
  'Cisco C1121-8P',
  // Legacy models of older contracts (NetScreen is named in the 2010 supplementary provisions).
  'Cisco 1812J',
  'NetScreen-5GT',
  'NetScreen-25',
  'NetScreen-50',
  'NetScreen-204',
] as const;
export type DeviceModel = (typeof DEVICE_MODELS)[number];

export type ModelRole = 'vpn-device' | 'switch';
export type ModelStatus = 'current' | 'legacy';
export type ModelFamily = 'cisco' | 'netscreen';

export interface ModelSpec {
  readonly id: DeviceModel;
  /** VPN device, or switch for the private-switch option. */
  readonly role: ModelRole;
  /** current: listed in Art. 3 of the 2024-08-01 edition; legacy: only in older contracts. */
  readonly status: ModelStatus;
  readonly family: ModelFamily;
}

const model = (id: DeviceModel, role: ModelRole, status: ModelStatus, family: ModelFamily): ModelSpec => ({
  id,
  role,
  status,
  family,
});

export const MODEL_SPECS: Readonly<Record<DeviceModel, ModelSpec>> = {
  'Cisco 891FJ': model('Cisco 891FJ', 'vpn-device', 'current', 'cisco'),
  'Cisco 892FSP': model('Cisco 892FSP', 'vpn-device', 'current', 'cisco'),
  'Cisco ISR 4351': model('Cisco ISR 4351', 'vpn-device', 'current', 'cisco'),
  'Cisco ASR 1001-X': model('Cisco ASR 1001-X', 'vpn-device', 'current', 'cisco'),
  'Cisco Catalyst 1000-24T-4G-L': model('Cisco Catalyst 1000-24T-4G-L', 'switch', 'current', 'cisco'),
  'Cisco Catalyst 1000-48T-4G-L': model('Cisco Catalyst 1000-48T-4G-L', 'switch', 'current', 'cisco'),
  'Cisco Catalyst 9300L-24T-4G-A': model('Cisco Catalyst 9300L-24T-4G-A', 'switch', 'current', 'cisco'),
  'Cisco C1121-8P': model('Cisco C1121-8P', 'vpn-device', 'current', 'cisco'),
  'Cisco 1812J': model('Cisco 1812J', 'vpn-device', 'legacy', 'cisco'),
  'NetScreen-5GT': model('NetScreen-5GT', 'vpn-device', 'legacy', 'netscreen'),
  'NetScreen-25': model('NetScreen-25', 'vpn-device', 'legacy', 'netscreen'),
  'NetScreen-50': model('NetScreen-50', 'vpn-device', 'legacy', 'netscreen'),
  'NetScreen-204': model('NetScreen-204', 'vpn-device', 'legacy', 'netscreen'),
};

export function isDeviceModel(s: unknown): s is DeviceModel {
  return typeof s === 'string' && (DEVICE_MODELS as readonly string[]).includes(s);
}

/** The catalog entry of a model, or undefined for a model the catalog does not know. */
export function modelSpec(m: string): ModelSpec | undefined {
  return isDeviceModel(m) ? MODEL_SPECS[m] : undefined;
}

export function isNetScreen(m: string): boolean {
  return modelSpec(m)?.family === 'netscreen';
}

export function isVpnDeviceModel(m: string): boolean {
  return modelSpec(m)?.role === 'vpn-device';
}

export function isSwitchModel(m: string): boolean {
  return modelSpec(m)?.role === 'switch';
}

// ---------------------------------------------------------------------------------------------
// Art. 17 Options (fees: Annex 1 §1(2), §2(2); minimum terms: Art. 17(3))

export const OPTIONS = [
  'on-site-installation',
  'cold-standby',
  'private-switch',
  'rack-mount-kit',
  'sfp-module',
  'vpn-module',
  'additional-licence',
] as const;
export type OptionKind = (typeof OPTIONS)[number];

/**
 * How an option relates to device models:
 * - none: no model (on-site installation);
 * - same-as-vpn-device: an extra unit identical to the contract's VPN device (cold standby);
 * - own-switch-model: a switch of its own model, changeable under Art. 9(1) (private switch);
 * - designated-models: fitted only to a device of a model in `designatedModels`.
 */
export type OptionModelRule = 'none' | 'same-as-vpn-device' | 'own-switch-model' | 'designated-models';

export interface OptionSpec {
  readonly id: OptionKind;
  readonly nameJa: string;
  readonly nameEn: string;
  readonly article: string;
  readonly hasMonthlyFee: boolean;
  readonly hasMinimumTerm: boolean;
  /** Art. 17(3): 1 year from the option's own billing start date; null without a minimum term. */
  readonly minimumTermYears: 1 | null;
  readonly modelRule: OptionModelRule;
  /** For 'designated-models': the provider-designated models (data; Art. 17(2)(4)-(7)). */
  readonly designatedModels: readonly DeviceModel[] | null;
  /** Art. 17(3) proviso: a model change of the option restarts its 1-year term. */
  readonly modelChangeRestartsTerm: boolean;
}

export const OPTION_SPECS: Readonly<Record<OptionKind, OptionSpec>> = {
  'on-site-installation': {
    id: 'on-site-installation',
    nameJa: 'オンサイト設置オプション',
    nameEn: 'On-site installation',
    article: 'Art. 17(2)(1)',
    hasMonthlyFee: false,
    hasMinimumTerm: false,
    minimumTermYears: null,
    modelRule: 'none',
    designatedModels: null,
    modelChangeRestartsTerm: false,
  },
  'cold-standby': {
    id: 'cold-standby',
    nameJa: 'コールドスタンバイオプション',
    nameEn: 'Cold standby',
    article: 'Art. 17(2)(2)',
    hasMonthlyFee: true,
    hasMinimumTerm: true,
    minimumTermYears: 1,
    modelRule: 'same-as-vpn-device',
    designatedModels: null,
    modelChangeRestartsTerm: false,
  },
  'private-switch': {
    id: 'private-switch',
    nameJa: 'プライベートスイッチオプション',
    nameEn: 'Private switch',
    article: 'Art. 17(2)(3)',
    hasMonthlyFee: true,
    hasMinimumTerm: true,
    minimumTermYears: 1,
    modelRule: 'own-switch-model',
    designatedModels: null,
    modelChangeRestartsTerm: true,
  },
  'rack-mount-kit': {
    id: 'rack-mount-kit',
    nameJa: 'ラックマウントキットオプション',
    nameEn: 'Rack-mount kit',
    article: 'Art. 17(2)(4)',
    hasMonthlyFee: true,
    // Not among the options Art. 17(3) gives a minimum term.
    hasMinimumTerm: false,
    minimumTermYears: null,
    modelRule: 'designated-models',
    designatedModels: [
      'Cisco ISR 4351',
      'Cisco ASR 1001-X',
      'Cisco Catalyst 1000-24T-4G-L',
      'Cisco Catalyst 1000-48T-4G-L',
      'Cisco Catalyst 9300L-24T-4G-A',
    ],
    modelChangeRestartsTerm: false,
  },
  'sfp-module': {
    id: 'sfp-module',
    nameJa: 'SFPモジュールオプション',
    nameEn: 'SFP module',
    article: 'Art. 17(2)(5)',
    hasMonthlyFee: true,
    hasMinimumTerm: true,
    minimumTermYears: 1,
    modelRule: 'designated-models',
    designatedModels: ['Cisco ISR 4351', 'Cisco ASR 1001-X', 'Cisco Catalyst 9300L-24T-4G-A'],
    modelChangeRestartsTerm: false,
  },
  'vpn-module': {
    id: 'vpn-module',
    nameJa: 'VPNモジュールオプション',
    nameEn: 'VPN module',
    article: 'Art. 17(2)(6)',
    hasMonthlyFee: true,
    hasMinimumTerm: true,
    minimumTermYears: 1,
    modelRule: 'designated-models',
    designatedModels: ['Cisco ISR 4351', 'Cisco ASR 1001-X'],
    modelChangeRestartsTerm: false,
  },
  'additional-licence': {
    id: 'additional-licence',
    nameJa: '追加ライセンスオプション',
    nameEn: 'Additional licence',
    article: 'Art. 17(2)(7)',
    hasMonthlyFee: true,
    hasMinimumTerm: true,
    minimumTermYears: 1,
    modelRule: 'designated-models',
    designatedModels: ['Cisco C1121-8P'],
    modelChangeRestartsTerm: false,
  },
};

export function isOptionKind(s: unknown): s is OptionKind {
  return typeof s === 'string' && (OPTIONS as readonly string[]).includes(s);
}

export type Eligibility =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: string; readonly article: string; readonly message: string };

const ELIGIBLE: Eligibility = { ok: true };
const refuse = (code: string, article: string, message: string): Eligibility => ({
  ok: false,
  code,
  article,
  message,
});

/**
 * May `option` be added to a contract whose VPN device is `contractModel`?
 * `optionModel` is, for cold standby, the standby unit's model (defaults to the contract's); for the
 * private switch, the switch model (required); for rack-mount kit, SFP and VPN module, the device
 * the accessory is fitted to (defaults to the contract's VPN device; pass the private switch's model
 * to fit a kit to the switch).
 */
export function optionEligibility(
  option: OptionKind,
  contractModel: string,
  optionModel?: string,
): Eligibility {
  const spec = OPTION_SPECS[option];
  const device = modelSpec(contractModel);
  if (!device) {
    return refuse(
      'UNKNOWN_MODEL',
      'Art. 3',
      `The contract's device model "${contractModel}" is not in the catalog.`,
    );
  }
  if (device.role !== 'vpn-device') {
    return refuse(
      'NOT_A_VPN_DEVICE',
      'Art. 3',
      `${contractModel} is a switch model, not a VPN device model; a contract's device must be a VPN device.`,
    );
  }

  switch (spec.modelRule) {
    case 'none':
      return ELIGIBLE;

    case 'same-as-vpn-device':
      if (optionModel !== undefined && optionModel !== contractModel) {
        return refuse(
          'COLD_STANDBY_MODEL_MISMATCH',
          spec.article,
          `A cold-standby unit must be the same model as the contract's VPN device (${contractModel}), not ${optionModel}.`,
        );
      }
      return ELIGIBLE;

    case 'own-switch-model':
      if (optionModel === undefined) {
        return refuse(
          'SWITCH_MODEL_REQUIRED',
          spec.article,
          'A private-switch option needs the switch model to be provided.',
        );
      }
      if (!isSwitchModel(optionModel)) {
        return refuse(
          'NOT_A_SWITCH_MODEL',
          spec.article,
          `${optionModel} is not a switch model offered for the private-switch option.`,
        );
      }
      return ELIGIBLE;

    case 'designated-models': {
      const target = optionModel ?? contractModel;
      if (!isDeviceModel(target) || !spec.designatedModels?.includes(target)) {
        const allowed = (spec.designatedModels ?? []).join(', ');
        return refuse(
          option === 'additional-licence' ? 'LICENCE_MODEL_NOT_ELIGIBLE' : 'MODEL_NOT_DESIGNATED',
          spec.article,
          `The ${spec.nameEn.toLowerCase()} option is only available for ${allowed}; this device is ${target}.`,
        );
      }
      return ELIGIBLE;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Annex 4: allowed device-model changes (Art. 9(1)), including the private switch's model.
// The text leaves the table to the provider; this is the ledger's data.

export interface ModelChange {
  readonly from: DeviceModel;
  readonly to: DeviceModel;
}

const NETSCREEN_MODELS = DEVICE_MODELS.filter((m) => MODEL_SPECS[m].family === 'netscreen');

export const ANNEX4_CHANGES: ReadonlyArray<ModelChange> = [
  { from: 'Cisco 891FJ', to: 'Cisco 892FSP' },
  { from: 'Cisco 892FSP', to: 'Cisco 891FJ' },
  { from: 'Cisco 891FJ', to: 'Cisco C1121-8P' },
  { from: 'Cisco 892FSP', to: 'Cisco C1121-8P' },
  { from: 'Cisco ISR 4351', to: 'Cisco ASR 1001-X' },
  { from: 'Cisco 1812J', to: 'Cisco 891FJ' },
  { from: 'Cisco 1812J', to: 'Cisco 892FSP' },
  ...NETSCREEN_MODELS.flatMap((from): ModelChange[] => [
    { from, to: 'Cisco 891FJ' },
    { from, to: 'Cisco 892FSP' },
  ]),
  { from: 'Cisco Catalyst 1000-24T-4G-L', to: 'Cisco Catalyst 1000-48T-4G-L' },
  { from: 'Cisco Catalyst 1000-48T-4G-L', to: 'Cisco Catalyst 1000-24T-4G-L' },
  { from: 'Cisco Catalyst 1000-48T-4G-L', to: 'Cisco Catalyst 9300L-24T-4G-A' },
];

export function isAllowedModelChange(from: string, to: string): boolean {
  return ANNEX4_CHANGES.some((c) => c.from === from && c.to === to);
}
