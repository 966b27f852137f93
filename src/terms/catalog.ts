/**
 * The catalog of the text: types, items, options and their rules. The provider's data (models,
 * designated models, Annex 4) are in ./provider-catalog.ts; the functions here that need them take
 * the catalog edition the decision uses.
 */
import { parseRef } from './citation';
import type { LocalDate } from './dates';
import { type CatalogEdition, type CatalogModel, catalogModel, designatedModelsOf } from './provider-catalog';
import { type Rejection, type RejectionCode, type RejectionParams, refusal } from './rejections';
import {
  type ContractType,
  type EquipmentKind,
  ITEMS,
  type Item,
  OPTIONS,
  type OptionKind,
} from './vocabulary';

export * from './vocabulary';

/** Art. 1 leaves the maximum number of child sites to the provider: configuration, not text. */
export const DEFAULT_CHILD_SITE_LIMIT = 100;

// ---------------------------------------------------------------------------------------------
// Art. 2 Items

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
// Art. 3 Device models. The list of the text; the provider's models (current, designated
// equivalents, legacy), with their roles, are data: ./provider-catalog.ts.

/** The models Art. 3 of the 2024-08-01 edition names (the Catalyst models: see POLICIES, art-3-catalyst-models). */
export const ART3_MODELS = [
  'Cisco 891FJ',
  'Cisco 892FSP',
  'Cisco ISR 4351',
  'Cisco ASR 1001-X',
  'Cisco Catalyst 1000-24T-4G-L',
  'Cisco Catalyst 1000-48T-4G-L',
  'Cisco Catalyst 9300L-24T-4G-A',
  'Cisco C1121-8P',
] as const;

export const isArt3Model = (m: string): boolean => (ART3_MODELS as readonly string[]).includes(m);

export type ModelRole = CatalogModel['role'];

/** A model in use from a day on; `from` null: from the contract's (or the option's) start. */
export interface ModelFrom {
  readonly from: LocalDate | null;
  readonly model: string | null;
}

/**
 * Art. 9(1), 5(2): the model in use on `date`, from a history in date order: the first model, then
 * each changed model from the new model's billing start. Dates are validated 'YYYY-MM-DD' strings,
 * which sort as the dates do.
 */
export function modelInUseOn(history: readonly ModelFrom[], date: LocalDate): string | null {
  let model: string | null = null;
  for (const m of history) if (m.from === null || m.from <= date) model = m.model;
  return model;
}

/** The model in the edition, when it is one of its VPN device models. */
export function isVpnDeviceModel(edition: CatalogEdition, m: string): boolean {
  return catalogModel(edition, m)?.role === 'vpn-device';
}

export function isSwitchModel(edition: CatalogEdition, m: string): boolean {
  return catalogModel(edition, m)?.role === 'switch';
}

// ---------------------------------------------------------------------------------------------
// Art. 17 Options (fees: Annex 1 §1(2), §2(2); minimum terms: Art. 17(3))

/**
 * How an option relates to device models:
 * - none: no model (on-site installation);
 * - same-as-vpn-device: an extra unit identical to the contract's VPN device (cold standby);
 * - own-switch-model: a switch of its own model, changeable under Art. 9(1) (private switch);
 * - designated-models: fitted only to a device of a designated model (`designation`).
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
  /**
   * For 'designated-models', who designates the models: the provider (「当社が指定するVPN機器」,
   * Art. 17(2)(4)-(6): the catalog edition's data), or the text itself (Art. 17(2)(7): C1121-8P).
   */
  readonly designation:
    | { readonly by: 'provider' }
    | { readonly by: 'text'; readonly models: readonly string[] }
    | null;
  /** Art. 17(3) proviso: a model change of the option restarts its 1-year term. */
  readonly modelChangeRestartsTerm: boolean;
  /**
   * Art. 12, 17(2): the kind of equipment the option lends. Null for on-site installation: a service
   * (the provider installs the contract's own equipment, Art. 13, 17(2)(1)), it lends none.
   */
  readonly equipmentKind: EquipmentKind | null;
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
    designation: null,
    modelChangeRestartsTerm: false,
    equipmentKind: null,
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
    designation: null,
    modelChangeRestartsTerm: false,
    equipmentKind: 'cold-standby-device',
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
    designation: null,
    modelChangeRestartsTerm: true,
    equipmentKind: 'switch',
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
    designation: { by: 'provider' },
    modelChangeRestartsTerm: false,
    equipmentKind: 'rack-mount-bracket',
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
    designation: { by: 'provider' },
    modelChangeRestartsTerm: false,
    equipmentKind: 'sfp-module',
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
    designation: { by: 'provider' },
    modelChangeRestartsTerm: false,
    equipmentKind: 'vpn-module',
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
    // 「機器種別を C1121-8P とする VPN機器に対して」: the text names the model.
    designation: { by: 'text', models: ['Cisco C1121-8P'] },
    modelChangeRestartsTerm: false,
    equipmentKind: 'licence',
  },
};

export function isOptionKind(s: unknown): s is OptionKind {
  return typeof s === 'string' && (OPTIONS as readonly string[]).includes(s);
}

export type Eligibility = { readonly ok: true } | { readonly ok: false; readonly refusal: Rejection };

const ELIGIBLE: Eligibility = { ok: true };
const refuse = <C extends RejectionCode>(
  code: C,
  params: RejectionParams[C],
  article: string,
): Eligibility => ({
  ok: false,
  refusal: refusal(code, params, [parseRef(article)!]) as Rejection,
});

/** The models `option` is designated for in `edition` (the provider's, or the text's own). */
export function designatedModels(edition: CatalogEdition, option: OptionKind): readonly string[] {
  const d = OPTION_SPECS[option].designation;
  if (d === null) return [];
  if (d.by === 'text') return d.models;
  return option === 'rack-mount-kit' || option === 'sfp-module' || option === 'vpn-module'
    ? designatedModelsOf(edition, option)
    : [];
}

/**
 * May `option` be added to a contract whose VPN device is `contractModel`, by the catalog edition
 * `edition`? `optionModel` is, for cold standby, the standby unit's model (defaults to the
 * contract's); for the private switch, the switch model (required); for rack-mount kit, SFP and VPN
 * module, the device the accessory is fitted to (defaults to the contract's VPN device; pass the
 * private switch's model to fit it to the switch).
 */
export function optionEligibility(
  edition: CatalogEdition,
  option: OptionKind,
  contractModel: string,
  optionModel?: string,
): Eligibility {
  const spec = OPTION_SPECS[option];
  const device = catalogModel(edition, contractModel);
  if (!device) {
    return refuse('UNKNOWN_MODEL', { model: contractModel, edition: edition.edition }, 'Art. 3');
  }
  if (device.role !== 'vpn-device') {
    return refuse('NOT_A_VPN_DEVICE', { case: 'switch-model', model: contractModel }, 'Art. 3');
  }

  switch (spec.modelRule) {
    case 'none':
      return ELIGIBLE;

    case 'same-as-vpn-device':
      if (optionModel !== undefined && optionModel !== contractModel) {
        return refuse(
          'COLD_STANDBY_MODEL_MISMATCH',
          { case: 'eligibility', deviceModel: contractModel, model: optionModel },
          spec.article,
        );
      }
      return ELIGIBLE;

    case 'own-switch-model':
      if (optionModel === undefined) {
        return refuse('SWITCH_MODEL_REQUIRED', {}, spec.article);
      }
      if (!isSwitchModel(edition, optionModel)) {
        return refuse('NOT_A_SWITCH_MODEL', { model: optionModel, edition: edition.edition }, spec.article);
      }
      return ELIGIBLE;

    case 'designated-models': {
      const target = optionModel ?? contractModel;
      const allowed = designatedModels(edition, option);
      if (!allowed.includes(target)) {
        return refuse(
          option === 'additional-licence' ? 'LICENCE_MODEL_NOT_ELIGIBLE' : 'MODEL_NOT_DESIGNATED',
          {
            option,
            allowed,
            by: spec.designation?.by === 'text' ? 'text' : 'edition',
            edition: edition.edition,
            model: target,
          },
          spec.article,
        );
      }
      return ELIGIBLE;
    }
  }
}
