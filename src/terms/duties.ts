/** The contractor's duties the terms list item by item: Art. 8(2) (set-up) and Art. 14(1) (care). */
import { type ArticleRef, art, refText } from './citation';

/**
 * Art. 14(1): what the contractor may not do with the equipment without the provider's consent
 * (items (1) and (2)), never (item (3)), and its duty of care (item (4)).
 */
export const PROHIBITED_ACTS = [
  'stop',
  'move',
  'remove',
  'alter',
  'disassemble',
  'damage',
  'reverse-engineer',
  'other-use',
  'lend',
  'transfer',
  'dispose',
  'use-outside-japan',
  'careless-management',
] as const;
export type ProhibitedActKind = (typeof PROHIBITED_ACTS)[number];

const ACT_ITEM: { readonly [K in ProhibitedActKind]: 1 | 2 | 3 | 4 } = {
  stop: 1,
  move: 1,
  remove: 1,
  alter: 1,
  disassemble: 1,
  damage: 1,
  'reverse-engineer': 1,
  'other-use': 1,
  lend: 2,
  transfer: 2,
  dispose: 2,
  'use-outside-japan': 3,
  'careless-management': 4,
};

/** The item of Art. 14(1) an act breaks: 停止・移動…(1), 貸与・譲渡…(2), 日本国外(3), 善管注意(4). */
export const prohibitedActRef = (act: ProhibitedActKind): ArticleRef => art(14, 1, ACT_ITEM[act]);
export const prohibitedActArticle = (act: ProhibitedActKind): string => refText(prohibitedActRef(act));

/** Art. 8(2)(1)-(5): what the contractor sets up for the service. */
export const SETUP_DUTIES = [
  'communication-environment',
  'lan',
  'power-and-space',
  'closed-monitoring-line',
  'other',
] as const;
export type SetupDutyKind = (typeof SETUP_DUTIES)[number];

/** A duty whose neglect lets the provider not provide the service (Art. 8(4)): 8(2)'s, or 8(3)'s notice. */
export type ContractorDuty = SetupDutyKind | 'environment-settings';

const DUTY_ARTICLE: { readonly [K in ContractorDuty]: ArticleRef } = {
  'communication-environment': art(8, 2, 1),
  lan: art(8, 2, 2),
  'power-and-space': art(8, 2, 3),
  'closed-monitoring-line': art(8, 2, 4),
  other: art(8, 2, 5),
  'environment-settings': art(8, 3),
};

export const contractorDutyRef = (duty: ContractorDuty): ArticleRef => DUTY_ARTICLE[duty];
export const contractorDutyArticle = (duty: ContractorDuty): string => refText(DUTY_ARTICLE[duty]);
