/**
 * The words of the text: the kinds of contract, item, maintenance, option and equipment it names.
 * Lowest of the terms: the catalog (their rules), the rejections and the editions all speak of them.
 */

/** Art. 1: a parent contract (the one main site) or a child contract (one per secondary site). */
export const CONTRACT_TYPES = ['parent', 'child'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

/** Art. 5: the minimum term, chosen per contract. */
export const TERM_YEARS = [1, 3] as const;
export type TermYears = (typeof TERM_YEARS)[number];

/** Art. 4 and the supplementary provisions: Type 1 exists only in contracts made before 2010-02-01. */
export const MAINTENANCE_TYPES = ['type-1', 'type-2'] as const;
export type MaintenanceType = (typeof MAINTENANCE_TYPES)[number];

/** Art. 2: the items. */
export const ITEMS = [
  'single-star-single-edge',
  'dual-star-dual-edge',
  'dual-star-single-edge',
  'closed-monitoring',
] as const;
export type Item = (typeof ITEMS)[number];

/** Art. 17: the options. */
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
 * Art. 12: the equipment the provider lends (「VPN機器等」): the VPN devices, and what the options
 * bring with them (Art. 17(2)(2)-(7)).
 */
export const EQUIPMENT_KINDS = [
  'vpn-device',
  'cold-standby-device',
  'switch',
  'rack-mount-bracket',
  'sfp-module',
  'vpn-module',
  'licence',
] as const;
export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];
