/**
 * The ledger's codes in words. English output shows most codes as they are (`monthly-basic`,
 * `pending`): they are the interface downstream systems match on. Japanese output names them in the
 * terms' own words, and the items and options by the catalog's Japanese names (Art. 2, 17(2)).
 * Each table is typed by its code's union: a code without a word fails the type check.
 */
import type { ChargeKind } from '../projections/charges';
import type { ContractStatus, EquipmentStatus, OptionStatus } from '../projections/contract-state';
import type { TermReason, TermStatus } from '../projections/minimum-terms';
import type { ClaimStatus, OutageStatus } from '../projections/reductions';
import type { ReturnReason, ReturnStatus } from '../projections/return-deadlines';
import {
  type ContractorDuty,
  type ContractType,
  ITEM_SPECS,
  type Item,
  type MaintenanceBasis,
  type MaintenanceType,
  OPTION_SPECS,
  type OptionKind,
  type ProhibitedActKind,
} from '../terms';
import type { CatalogModel } from '../terms/provider-catalog';
import type {
  EquipmentKindName,
  FaultOutcomeName,
  FaultResolutionName,
  GroundName,
  ItemStatus,
  LaterFactKind,
  OneTimeCostName,
} from '../terms/rejections';
import type { Lang } from './lang';

type Words<K extends string> = { readonly [P in K]: string };

/** The vocabularies, by the parameter names that carry them. */
export interface Vocabulary {
  readonly contractType: Words<ContractType>;
  readonly maintenanceType: Words<MaintenanceType>;
  readonly kind: Words<EquipmentKindName>;
  readonly status: Words<ItemStatus>;
  readonly outcome: Words<FaultOutcomeName>;
  readonly resolution: Words<FaultResolutionName>;
  readonly cost: Words<OneTimeCostName>;
  readonly ground: Words<GroundName>;
  readonly harm: Words<'lost' | 'damaged'>;
  readonly duty: Words<ContractorDuty>;
  readonly act: Words<ProhibitedActKind>;
  readonly basis: Words<MaintenanceBasis>;
  readonly cause: Words<'provider' | 'contractor' | 'third-party' | 'force-majeure'>;
  readonly designatedBy: Words<'provider' | 'contractor'>;
  readonly setupStatus: Words<'done' | 'not-done'>;
  readonly chargeKind: Words<ChargeKind>;
  readonly contractStatus: Words<ContractStatus>;
  readonly optionStatus: Words<OptionStatus>;
  readonly equipmentStatus: Words<EquipmentStatus>;
  readonly termReason: Words<TermReason>;
  readonly returnReason: Words<ReturnReason>;
  readonly returnStatus: Words<ReturnStatus>;
  readonly claimStatus: Words<ClaimStatus | OutageStatus>;
  readonly termStatus: Words<TermStatus>;
  readonly fact: Words<LaterFactKind>;
  readonly modelRole: Words<CatalogModel['role']>;
  readonly modelStatus: Words<CatalogModel['status']>;
}

export const JA_WORDS: Vocabulary = {
  contractType: { parent: '親たる契約', child: '子たる契約' },
  maintenanceType: { 'type-1': 'タイプ1', 'type-2': 'タイプ2' },
  kind: {
    'vpn-device': 'VPN機器',
    'cold-standby-device': 'コールドスタンバイ機',
    switch: 'スイッチ機器',
    'rack-mount-bracket': 'ラックマウント用取り付け金具',
    'sfp-module': 'SFPモジュール',
    'vpn-module': 'VPNモジュール',
    licence: '追加ライセンス',
  },
  status: {
    held: '使用中',
    owed: '返還待ち',
    returned: '返還済み',
    lost: '亡失',
    found: '亡失後に発見済み',
  },
  outcome: {
    'provider-fault': '当社が修理又は交換を行う故障',
    'contractor-fault': '契約者の責に帰すべき事由による故障',
    'no-fault-found': '故障なし',
    'minor-handled-by-contractor': '契約者が当社の指示により対応する軽微な故障',
  },
  resolution: { repaired: '修理', replaced: '交換', 'handled-by-contractor': '契約者による対応' },
  cost: {
    travel: '交通費等',
    'special-installation-work': '特別な工事',
    'on-site-cancellation': 'オンサイト設置の作業中止',
    'on-site-overtime': 'オンサイト設置の長時間稼動',
    'on-site-emergency': 'オンサイト設置の緊急対応',
  },
  ground: {
    ordinary: '解約申込書による通知',
    'general-terms-28-2': '一般規程第28条第2項',
    'general-terms-28-3': '一般規程第28条第3項',
  },
  harm: { lost: '亡失', damaged: '毀損' },
  duty: {
    'communication-environment': '通信環境の設定',
    lan: 'LAN環境の設定',
    'power-and-space': '電源及び場所の確保',
    'closed-monitoring-line': '当社が指定する場所との通信を行うための電気通信回線の用意',
    other: '当社が個別に指定する事項',
    'environment-settings': '通信環境の設定情報の開示及び変更の通知',
  },
  act: {
    stop: '停止',
    move: '移動',
    remove: '取り外し',
    alter: '変更',
    disassemble: '分解',
    damage: '損壊',
    'reverse-engineer': 'ソフトウェアのリバースエンジニアリング',
    'other-use': '利用の目的以外の使用',
    lend: '貸与',
    transfer: '譲渡',
    dispose: 'その他の処分',
    'use-outside-japan': '日本国外での使用',
    'careless-management': '善良な管理者の注意を欠いた管理',
  },
  basis: {
    'contracted-type-2': '保守種別タイプ2で契約しています。',
    'type-1-abolished':
      '保守種別タイプ1は平成22年2月1日に廃止され、従前の料金の額のままタイプ2の契約として存続しています。',
    'netscreen-type-1-abolished':
      '機器種別NetScreenの保守種別タイプ1は平成22年4月1日に廃止され、従前の料金の額のままタイプ2の契約として存続しています。',
    'netscreen-type-1-kept':
      '保守種別タイプ1は平成22年2月1日に廃止されましたが、機器種別NetScreenの契約は平成22年4月1日まで従前の条件のままタイプ1で存続します。',
    'contracted-type-1': '平成22年2月1日より前の約款に基づき、保守種別タイプ1で契約しています。',
  },
  cause: {
    provider: '当社の責に帰すべき事由',
    contractor: '契約者の責に帰すべき事由',
    'third-party': '第三者の事由',
    'force-majeure': '不可抗力',
  },
  designatedBy: { provider: '当社', contractor: '契約者' },
  setupStatus: { done: '実施済み', 'not-done': '未実施' },
  chargeKind: {
    initial: '初期費用',
    'on-site-installation': 'オンサイト設置',
    'initial-option': 'オプション初期費用',
    'monthly-basic': '月額費用（基本）',
    'monthly-option': '月額費用（オプション）',
    'model-change': '機器種別の変更',
    'config-change': '設定変更',
    'fault-cost': '故障時の費用',
    'loss-charge': '亡失負担金',
    'breach-repair-cost': '回復・修理費用',
    'one-time-cost': '一時費用（実費）',
    'early-termination': '解除調定金',
    'early-termination-option': '解除調定金（オプション）',
    reduction: '料金の減額',
    adjustment: '締め済みの月の調整',
  },
  contractStatus: {
    accepted: '申込承諾済み（課金開始前）',
    'in-service': '提供中',
    'termination-scheduled': '解除予定',
    terminated: '解除済み',
  },
  optionStatus: {
    added: '追加済み（課金開始前）',
    'in-service': '提供中',
    'stop-scheduled': '停止予定',
    ended: '終了',
  },
  equipmentStatus: {
    'in-service': '使用中',
    'owed-back': '返還待ち',
    returned: '返還済み',
    lost: '亡失',
    replaced: '交換済み',
  },
  termReason: {
    'billing-start': '課金開始日',
    'model-change': '機器種別の変更',
    'switch-model-change': 'プライベートスイッチの機器種別の変更',
    'option-billing-start': 'オプションサービスの課金開始日',
  },
  returnReason: {
    'contract-end': '契約の終了',
    'model-change': '機器種別の変更',
    'option-stop': 'オプションの利用の停止',
  },
  returnStatus: {
    pending: '返還期限前',
    'returned-on-time': '期限内に返還',
    'returned-late': '期限後に返還',
    overdue: '期限超過',
  },
  claimStatus: { granted: '減額する', refused: '減額しない', pending: '判断保留', unclaimed: '請求なし' },
  termStatus: {
    running: '期間中',
    completed: '満了',
    superseded: '再設定により終了',
    'not-started': '開始前',
    'ended-early': '期間内に終了（解除調定）',
  },
  fact: {
    'model-change': '機器種別の変更',
    option: 'オプションサービスの追加',
    'option-billing': 'オプションサービスの課金開始',
    replacement: '代替機への交換',
    'use-of-item': '機器を使用中とする事実',
    service: 'サービスの利用中の事実',
    'travel-cost': '交通費',
    'reduction-claim': '料金の減額の請求',
  },
  modelRole: { 'vpn-device': 'VPN機器', switch: 'スイッチ機器' },
  modelStatus: { current: '提供中', legacy: '旧機種' },
};

/** English keeps the codes themselves (the words of today's output). */
const identity = <K extends string>(words: Words<K>): Words<K> =>
  Object.fromEntries(Object.keys(words).map((k) => [k, k])) as Words<K>;

export const EN_WORDS: Vocabulary = Object.fromEntries(
  Object.entries(JA_WORDS).map(([k, v]) => [k, identity(v as Words<string>)]),
) as unknown as Vocabulary;

export const wordsFor = (lang: Lang): Vocabulary => (lang === 'ja' ? JA_WORDS : EN_WORDS);

/** A word of vocabulary `v` for `code`, or the code itself when it has none (a newer code). */
export const word = <V extends keyof Vocabulary>(lang: Lang, v: V, code: string): string =>
  (wordsFor(lang)[v] as Readonly<Record<string, string>>)[code] ?? code;

/** An item's name: Japanese from the catalog (Art. 2), English as today's lower-case name. */
export const itemName = (lang: Lang, item: Item): string =>
  lang === 'ja' ? ITEM_SPECS[item].nameJa : ITEM_SPECS[item].nameEn.toLowerCase();

/** An option's name: Japanese from the catalog (Art. 17(2), with オプション), English lower-case. */
export const optionName = (lang: Lang, option: OptionKind): string =>
  lang === 'ja' ? OPTION_SPECS[option].nameJa : OPTION_SPECS[option].nameEn.toLowerCase();

const BASIS_EN: Words<MaintenanceBasis> = {
  'contracted-type-2': 'Contracted as Type 2.',
  'type-1-abolished':
    'Type 1 was abolished on 2010-02-01; the contract continues as Type 2 at its Type-1 price.',
  'netscreen-type-1-abolished':
    'Type 1 for NetScreen contracts was abolished on 2010-04-01; the contract continues as Type 2 at its Type-1 price.',
  'netscreen-type-1-kept':
    'Type 1 was abolished on 2010-02-01, but NetScreen contracts keep Type 1 on their former terms until 2010-04-01.',
  'contracted-type-1': 'Contracted as Type 1, which the terms offered before 2010-02-01.',
};

/** Why a contract is read as its maintenance type (supplementary provisions 2010), as a sentence. */
export const maintenanceBasisText = (lang: Lang, basis: MaintenanceBasis): string =>
  lang === 'ja' ? JA_WORDS.basis[basis] : BASIS_EN[basis];
