/**
 * The provisions the ledger cites, by heading and by the ledger's own one-line reading of each, in
 * both languages: the headings as the Japanese original titles its articles and annexes
 * (/work/shared/terms, 第5条（最低利用期間）; 別紙2 最低利用期間内解除調定金), the readings from
 * DIGEST.md. Typed by its keys, so a provision without its Japanese text fails the type check. The
 * text wins over a reading (DIGEST.md says so too).
 */
import { type ArticleRef, parseCitation, refText } from '../terms/citation';
import { refJa } from './citation';
import type { Lang } from './lang';
import { policyText } from './policies';

type ArticleNumber =
  | 1
  | 2
  | 3
  | 4
  | 5
  | 6
  | 7
  | 8
  | 9
  | 10
  | 11
  | 12
  | 13
  | 14
  | 15
  | 16
  | 17
  | 18
  | 19
  | 20
  | 21
  | 22
  | 23;

export type ProvisionKey =
  | `art.${ArticleNumber}`
  | `annex.${1 | 2 | 3 | 4}`
  | 'supplementary'
  | 'general-terms.28'
  | `civil-code.${140 | 141 | 142 | 143}`;

export interface ProvisionText {
  readonly heading: string;
  readonly reading: string;
}

type Provisions = { readonly [K in ProvisionKey]: ProvisionText };

const EN: Provisions = {
  'art.1': {
    heading: 'Types',
    reading:
      'A VPN has one parent contract (its main site) and child contracts, one per other site, up to a maximum the provider sets.',
  },
  'art.2': {
    heading: 'Items',
    reading:
      'The item (single-star single-edge, dual-star dual-edge, dual-star single-edge, closed monitoring) fixes the number of devices; every contract of a VPN has the same item.',
  },
  'art.3': {
    heading: 'Device models',
    reading:
      'The VPN device is one of the Cisco models listed, or an equivalent the provider designates; the catalog also keeps the legacy models of old contracts.',
  },
  'art.4': {
    heading: 'Maintenance type',
    reading:
      'Type 2 only: on-site maintenance of device faults, 24 hours a day, 365 days a year (Type 1: see the supplementary provisions).',
  },
  'art.5': {
    heading: 'Minimum term',
    reading:
      'A minimum term of 1 or 3 years counted from the billing start date; a change of device model starts a fresh term.',
  },
  'art.6': {
    heading: 'Unit of contract',
    reading: 'One contract per site: one for the parent site, one for each child site.',
  },
  'art.7': {
    heading: 'Designation of IP addresses',
    reading:
      'IPv4 addresses only, designated by the provider or the contractor; no other address may be used.',
  },
  'art.8': {
    heading: 'Conditions of use',
    reading:
      "The contractor sets up its line, LAN, power and space (for closed monitoring, a line to the provider's location) and tells the provider its settings; without them the provider may be unable to serve.",
  },
  'art.9': {
    heading: 'Changes to the contract',
    reading:
      'Only the device model may change, between the models Annex 4 allows; the type, item and maintenance type never change.',
  },
  'art.10': {
    heading: 'Authority over configuration changes of the VPN',
    reading:
      "The parent contract's holder decides the settings of every contract of its VPN; the provider does the work on its instruction, for the fee of Annex 1 §3(3).",
  },
  'art.11': {
    heading: 'Disclosure of settings',
    reading:
      "The provider may disclose a contractor's settings to the other contractors of the same VPN, never to another VPN's.",
  },
  'art.12': {
    heading: 'Selection of equipment',
    reading: 'The provider chooses the equipment: VPN devices, private-switch switches, rack-mount brackets.',
  },
  'art.13': {
    heading: 'Installation of equipment',
    reading: 'The contractor installs the equipment, unless it took the on-site installation option.',
  },
  'art.14': {
    heading: 'Care of equipment',
    reading:
      'The contractor takes due care of the equipment, pays for loss or damage in breach, and returns it within 30 days of the end or change date.',
  },
  'art.15': {
    heading: 'Measures when a fault occurs',
    reading:
      "The contractor reports a fault; the provider investigates and repairs or replaces; a fault of the contractor's making, or none found, is paid at the amount quoted.",
  },
  'art.16': {
    heading: 'Measures for lost items',
    reading:
      'A loss is reported and a replacement shipped; a loss charge is billed whatever the reason; equipment not returned counts as lost; a charge paid is never refunded.',
  },
  'art.17': {
    heading: 'Options',
    reading:
      'Options have fees of their own and, most of them, a 1-year minimum term from their own billing start; a stop takes effect 30 days after its notice arrives, or on the later date it asks.',
  },
  'art.18': {
    heading: 'The day a termination takes effect',
    reading:
      'The later of the day on which 30 days elapse after the notice arrives, and the date the notice asks.',
  },
  'art.19': {
    heading: 'Charges',
    reading:
      'The initial fee is owed on acceptance, the monthly fee from the billing start date, a one-time fee when its cause is accepted or occurs; the amounts are in Annex 1.',
  },
  'art.20': {
    heading: 'Settlement for termination within the minimum term',
    reading:
      'A contract or option ended within its minimum term pays the monthly fees for the rest of it (Annex 2), except an ending under general terms art. 28(2) or (3).',
  },
  'art.21': {
    heading: 'Reduction of charges',
    reading:
      "An outage of the provider's making of 24 hours or more reduces the charge on the contractor's claim (Annex 3), made within 3 months.",
  },
  'art.22': {
    heading: 'Functional limits',
    reading:
      'A VPN connects only to networks of this service, over RFC 1918 private addresses; parents never connect to each other, and a child to one parent only.',
  },
  'art.23': {
    heading: 'Preservation of the communication environment',
    reading: 'The provider measures traffic and may propose a change of contract where bandwidth is tight.',
  },
  'annex.1': {
    heading: 'Fees of IIJ Managed VPN PRO',
    reading:
      'Initial, monthly and one-time fees: mostly amounts the provider quotes; the configuration change fee is 5,000 or 10,000 yen per device per job.',
  },
  'annex.2': {
    heading: 'Settlement for termination within the minimum term',
    reading: 'The monthly fees of Annex 1 §2 for the rest of the minimum term.',
  },
  'annex.3': {
    heading: 'Reduction of charges',
    reading: 'floor(hours unusable ÷ 24) × the monthly fee ÷ 30.',
  },
  'annex.4': {
    heading: 'Changes to the contract',
    reading: 'The device model changes allowed: a before and after table the provider defines (the catalog).',
  },
  supplementary: {
    heading: 'Supplementary provisions',
    reading:
      'The amendments since 2006: Type 1 maintenance abolished in 2010 (for NetScreen contracts a little later), its contracts continuing as Type 2 at their old price.',
  },
  'general-terms.28': {
    heading: 'Termination by the contractor',
    reading: 'An ending under its paragraphs 2 and 3 owes no early termination settlement (Art. 20).',
  },
  'civil-code.140': {
    heading: 'Start of a period',
    reading: 'A period counted from a day leaves that day out, unless it starts at 00:00.',
  },
  'civil-code.141': { heading: 'End of a period', reading: 'A period ends at the end of its last day.' },
  'civil-code.142': {
    heading: 'End of a period on a holiday',
    reading:
      'A period whose last day is a Sunday or holiday on which business is not done ends the next day (policy deadline-shift, off by default).',
  },
  'civil-code.143': {
    heading: 'Periods by the calendar',
    reading:
      'A period of months or years ends on the day before the day corresponding to its first day, or on the last day of a month without one.',
  },
};

const JA: Provisions = {
  'art.1': {
    heading: '種類',
    reading:
      'VPN網ごとに親拠点の親たる契約が一つあり、その他の拠点ごとに子たる契約が当社の定める数まである。',
  },
  'art.2': {
    heading: '品目',
    reading:
      '品目（シングルスターシングルエッジ、デュアルスターデュアルエッジ、デュアルスターシングルエッジ、クローズドモニタリング）により機器の台数が決まり、同じVPN網の契約は同じ品目とする。',
  },
  'art.3': {
    heading: '機器種別',
    reading:
      'VPN機器は列挙されたシスコ製の機種又は当社が指定する同等の機種とする。旧契約の旧機種もカタログに残す。',
  },
  'art.4': {
    heading: '保守種別',
    reading: '保守種別はタイプ2（24時間365日のオンサイト保守）のみ。タイプ1は附則による。',
  },
  'art.5': {
    heading: '最低利用期間',
    reading: '最低利用期間は課金開始日を起算日とする1年又は3年。機器種別の変更により新たに始まる。',
  },
  'art.6': {
    heading: '契約の単位',
    reading: '契約は拠点ごとに一つ（親拠点に一つ、子拠点ごとに一つ）とする。',
  },
  'art.7': {
    heading: 'IPアドレスの特定',
    reading: 'IPv4アドレスのみとし、当社又は契約者が特定したもの以外は使用できない。',
  },
  'art.8': {
    heading: '利用条件',
    reading:
      '契約者は通信環境、LAN、電源及び設置場所（クローズドモニタリングでは当社指定場所との回線）を用意し、設定を当社に通知する。用意がなければ当社は提供できないことがある。',
  },
  'art.9': {
    heading: '契約内容の変更',
    reading: '変更できるのは機器種別のみ（別紙4の範囲内）。種類、品目及び保守種別は変更できない。',
  },
  'art.10': {
    heading: 'VPN接続に関する設定変更権限',
    reading:
      '親たる契約の契約者が同じVPN網の全契約の設定変更権限を持ち、当社はその指示により作業を行う（費用は別紙1の3.(3)）。',
  },
  'art.11': {
    heading: '設定情報の開示',
    reading:
      '当社は契約者の設定情報を同じVPN網の他の契約者に開示することがある（他のVPN網の契約者には開示しない）。',
  },
  'art.12': {
    heading: '機器の選定',
    reading: 'VPN機器等（VPN機器、プライベートスイッチ、ラックマウントキット）は当社が選定する。',
  },
  'art.13': {
    heading: '機器の設置',
    reading: '機器の設置は契約者が行う（オンサイト設置オプションを利用する場合を除く）。',
  },
  'art.14': {
    heading: '機器の管理',
    reading:
      '契約者はVPN機器等を善良な管理者の注意をもって管理し、違反による亡失・毀損の費用を負担し、終了日又は変更日から30日以内に返還する。',
  },
  'art.15': {
    heading: '故障が生じた場合の措置',
    reading:
      '契約者が故障を通知し、当社が調査の上修理又は交換する。契約者の責による故障又は故障がなかった場合は、当社が示す費用を契約者が負担する。',
  },
  'art.16': {
    heading: '亡失品に関する措置',
    reading:
      '亡失の通知により代替機を送付し、理由を問わず亡失負担金を請求する。返還されない機器は亡失品とみなし、支払われた亡失負担金は返金しない。',
  },
  'art.17': {
    heading: 'オプションサービス',
    reading:
      'オプションサービスにはそれぞれの料金があり、多くは自らの課金開始日から1年の最低利用期間を持つ。利用停止は通知の到達から30日を経過する日又は指定日のいずれか遅い日に効力を生ずる。',
  },
  'art.18': {
    heading: '解除の効力が生ずる日',
    reading: '通知が到達した日から30日を経過する日又は通知で指定した日のいずれか遅い日。',
  },
  'art.19': {
    heading: '料金',
    reading:
      '初期費用は申込の承諾時、月額費用は課金開始日から、一時費用はその原因の承諾時又は発生時に支払義務が生ずる。金額は別紙1による。',
  },
  'art.20': {
    heading: '最低利用期間内解除調定',
    reading:
      '最低利用期間内に解除された契約又はオプションは、残余の期間の月額費用を調定金として支払う（別紙2）。一般規程第28条第2項及び第3項による解除を除く。',
  },
  'art.21': {
    heading: '料金の減額',
    reading:
      '当社の責による24時間以上の利用不能は、契約者の請求により料金を減額する（別紙3）。請求は3か月以内。',
  },
  'art.22': {
    heading: '機能の制限',
    reading:
      'VPNはこのサービスを利用する網とのみ接続し、LANはRFC 1918のプライベートアドレスに限る。親拠点同士は接続せず、子拠点は一つの親拠点とのみ接続する。',
  },
  'art.23': {
    heading: '通信環境保全',
    reading: '当社は通信量を測定し、帯域が逼迫する場合は契約内容の変更を提案することがある。',
  },
  'annex.1': {
    heading: 'IIJマネージドVPN PROサービスにおける料金等',
    reading:
      '初期費用、月額費用及び一時費用。多くは当社が別途示す金額とし、設定変更の費用は1台1回につき5,000円又は10,000円。',
  },
  'annex.2': {
    heading: '最低利用期間内解除調定金',
    reading: '最低利用期間の残余の期間に対応する別紙1の2.月額費用の額。',
  },
  'annex.3': {
    heading: '料金の減額',
    reading: '利用できなかった時間を24で除した数（端数切捨て）に月額費用の30分の1を乗じた額。',
  },
  'annex.4': {
    heading: '契約内容の変更',
    reading: '変更できる機器種別の変更前と変更後の組合せ（当社が定める表。カタログに収録）。',
  },
  supplementary: {
    heading: '附則',
    reading:
      '2006年以降の変更。タイプ1の保守は2010年に廃止され（NetScreenの契約は少し後に廃止）、従前の料金のままタイプ2として継続する。',
  },
  'general-terms.28': {
    heading: '契約者の解除',
    reading: '同条第2項及び第3項による解除には最低利用期間内解除調定金を要しない（第20条）。',
  },
  'civil-code.140': {
    heading: '期間の起算',
    reading: '日、週、月又は年によって期間を定めたときは、初日を算入しない（午前零時から始まるときを除く）。',
  },
  'civil-code.141': { heading: '期間の満了', reading: '期間は、その末日の終了をもって満了する。' },
  'civil-code.142': {
    heading: '期間の満了（休日）',
    reading:
      '期間の末日が日曜日・休日に当たり、その日に取引をしない慣習があるときは翌日に満了する（方針「期間の末日の繰延べ」。既定では適用しない）。',
  },
  'civil-code.143': {
    heading: '暦による期間の計算',
    reading:
      '月又は年によって期間を定めたときは、起算日に応当する日の前日に満了する（応当日がなければその月の末日）。',
  },
};

export const PROVISIONS: { readonly [L in Lang]: Provisions } = { en: EN, ja: JA };

/** The table's key of a reference, or null for a provision it has no heading of. */
const keyOf = (r: ArticleRef): ProvisionKey | null => {
  const key = (() => {
    switch (r.kind) {
      case 'article':
        return `art.${r.article}`;
      case 'annex':
        return `annex.${r.annex}`;
      case 'supplementary':
        return 'supplementary';
      case 'general-terms':
        return `general-terms.${r.article}`;
      case 'civil-code':
        return `civil-code.${r.article}`;
      case 'policy':
        return null;
    }
  })();
  return key !== null && Object.hasOwn(EN, key) ? (key as ProvisionKey) : null;
};

/** One provision a citation names: how it is cited, its heading, and the ledger's reading of it. */
export interface ProvisionNote {
  /** The provision as a whole, in the language: 第5条（最低利用期間）, Art. 5 Minimum term. */
  readonly title: string;
  readonly reading: string;
}

const titleOf = (lang: Lang, key: ProvisionKey, heading: string): string => {
  const [kind, n] = key.split('.') as [string, string | undefined];
  if (lang === 'ja') {
    switch (kind) {
      case 'art':
        return `第${n}条（${heading}）`;
      case 'annex':
        return `別紙${n} ${heading}`;
      case 'general-terms':
        return `一般規程第${n}条（${heading}）`;
      case 'civil-code':
        return `民法第${n}条（${heading}）`;
      default:
        return heading;
    }
  }
  switch (kind) {
    case 'art':
      return `Art. ${n} ${heading}`;
    case 'annex':
      return `Annex ${n} ${heading}`;
    case 'general-terms':
      return `General terms art. ${n} ${heading}`;
    case 'civil-code':
      return `Civil Code art. ${n} ${heading}`;
    default:
      return heading;
  }
};

/**
 * The provisions a stored citation ('Art. 5(1); Art. 19') names, each once, in order, with their
 * headings and readings; a named policy with its description. Parts the table does not know
 * (a free text) are left out: the citation itself is shown beside.
 */
export const provisionNotes = (lang: Lang, article: string): ProvisionNote[] => {
  const seen = new Set<string>();
  const notes: ProvisionNote[] = [];
  for (const ref of parseCitation(article)) {
    if (ref.kind === 'text') continue;
    if (ref.kind === 'policy') {
      const id = `policy.${ref.policy}`;
      if (seen.has(id)) continue;
      seen.add(id);
      notes.push({
        title: lang === 'ja' ? refJa(ref) : refText(ref),
        reading: policyText(lang, ref.policy),
      });
      continue;
    }
    const key = keyOf(ref);
    if (key === null || seen.has(key)) continue;
    seen.add(key);
    const text = PROVISIONS[lang][key];
    notes.push({ title: titleOf(lang, key, text.heading), reading: text.reading });
  }
  return notes;
};
