/**
 * What each named policy says (src/terms/policies.ts names them and the provisions they read), in
 * English and Japanese, and what it is called: in English by its identifier (what every figure
 * records, `policy` in the JSON documents), in Japanese by a name of its own (方針「日割り（1円未満切捨て）」).
 */
import { POLICIES, type PolicyName } from '../terms/policies';
import { articleIn } from './citation';

export { policyName } from './policy-names';

import { type Catalog, formatterOf } from './intl';
import type { Lang } from './lang';

export const POLICY_MESSAGES: Catalog<PolicyName> = {
  en: {
    'proration-by-days-floor':
      'A partial month of a monthly fee is monthly fee × days used ÷ days in that calendar month, rounded down to the yen.',
    'split-only-where-fee-changes':
      'A month is split into periods only where the fee itself changes; a model change or any other fact that leaves the fee as it was does not split it, so an unchanged fee is billed whole.',
    'rest-of-term-by-month-proration':
      'Early-termination settlement is the monthly fees that would have been billed from the day after the end date through the last day of the minimum term, month by month with the same proration.',
    'reduction-fee-basis-basic-plus-active-options':
      "The monthly fee behind a reduction is the contract's basic monthly fee plus the monthly fees of its options active when the outage began.",
    'reduction-exact-floor-once':
      'Reduction = floor(floor(unusable hours ÷ 24) × monthly fee ÷ 30), computed exactly and rounded down once.',
    'claim-window-from-24h-reached':
      'A reduction claim could first be made on the Japan date on which 24 hours of unusability were reached; the right is lost after 3 months elapse from that day (Civil Code art. 140: that day is not counted, unless 24 hours were reached at exactly 00:00:00 Japan time, when the period starts that day).',
    'business-hours-by-job-start':
      "Business hours are judged by the job's start time in Japan, 09:00:00 to 19:00:00 inclusive, every day of the year.",
    'effective-day-is-last-billed-day':
      'The day a termination or an option stop takes effect is the last day billed (inclusive).',
    'art-3-catalyst-models-are-switch-models':
      "Art. 3 lists the Catalyst 1000-24T-4G-L, 1000-48T-4G-L and 9300L-24T-4G-A among the 機器種別 of 'VPN devices'; they are switches, and Art. 9(1) counts 「プライベートスイッチオプションの機器種別」 among the 機器種別, so the ledger reads them as the private switch's models: the catalog gives them the role 'switch', and an application naming one as its VPN device is refused.",
    'distinct-lan-subnets-per-vpn':
      "The sites of one VPN use LAN prefixes that do not overlap, within an application and with the other sites in the network: a routed VPN could not tell two such sites apart. The terms do not say so (Art. 22(2) limits a LAN to RFC 1918 space, nothing more); it is the ledger's rule, on by default, and a deployment may switch it off.",
    'termination-28-effective-by-art-18':
      "A termination under the general terms' art. 28(2) or (3) (契約者の解除) takes effect as Art. 18 says for a notice on the provider's form: on the later of the day 30 days elapse after the notice arrives and the day it names. The default: the general terms are not in the ledger, so their text cannot settle it. Annex 2's settlement is not owed either way (Art. 20(1)).",
    'termination-28-effective-on-named-date':
      "A termination under the general terms' art. 28(2) or (3) takes effect on the day the contractor's notice names, never before the notice arrives (on its arrival when it names none). The alternative a deployment may choose. Annex 2's settlement is not owed either way (Art. 20(1)).",
    'close-months-in-order':
      "Billing months are closed (invoiced) one after the other, each once it has ended in Japan time, and only once. The first month closed is the month of the ledger's first charge line; every month before it bills nothing.",
    'adjust-in-first-open-month':
      'A closed month never changes. A fact that changes its charges after the close is billed as an adjustment line in the first month not yet closed: recomputed − invoiced per charge line (contract, month, kind and what it charges). A line that did not exist at the close is adjusted by its whole amount; one that is gone, by minus its whole amount.',
    'deadline-shift':
      'Civil Code art. 142: the last day of a period by which a party must act (equipment back under Art. 14(3), a reduction claimed under Art. 21) that falls on a Sunday or a listed holiday moves to the next day that is neither. The day a termination or an option stop takes effect is not moved. Off by default; the decider records the shifted date and the date it was moved from.',
    'dates-within-supported-range':
      'The ledger keeps every date within 2000-01-01..2199-12-31 (Japan time), where each billing month of Art. 19 can be read and closed. A fact is refused when a date it would record, its own or one derived from it (the day a termination takes effect, a return or claim deadline, the end of a minimum term), falls outside that range.',
  },
  ja: {
    'proration-by-days-floor':
      '1か月に満たない月の月額費用は、月額費用 × 利用日数 ÷ その暦月の日数とし、1円未満を切り捨てる。',
    'split-only-where-fee-changes':
      '月を期間に分けるのは料金そのものが変わる場合だけとする。機器種別の変更その他の事実があっても料金が変わらなければ月は分けず、その月の料金をそのまま請求する。',
    'rest-of-term-by-month-proration':
      '最低利用期間内解除調定金は、終了日の翌日から最低利用期間の末日までに課金されたはずの月額費用とし、月ごとに同じ日割りで計算する。',
    'reduction-fee-basis-basic-plus-active-options':
      '料金の減額の基礎となる月額費用は、基本サービスの月額費用に、障害が生じた時点で利用していたオプションサービスの月額費用を加えた額とする。',
    'reduction-exact-floor-once':
      '減額の額 = （利用不能時間 ÷ 24 の小数点以下を切り捨てた数）× 月額費用 ÷ 30 を正確に計算し、1円未満の切捨ては最後に一度だけ行う。',
    'claim-window-from-24h-reached':
      '料金の減額を「請求をし得ることとなった日」は、利用不能時間が24時間に達した日（日本時間）とし、その日から3ヶ月を経過する日の後は権利を失う（民法第140条により初日は算入しない。ただし24時間に達したのが日本時間の午前0時ちょうどの場合は、その日から起算する）。',
    'business-hours-by-job-start':
      '営業時間内（9時00分～19時00分）かどうかは、作業の開始時刻（日本時間）で判断し、両端を含む。約款に曜日や休日の定めはないため、毎日同じとする。',
    'effective-day-is-last-billed-day':
      '解除又はオプションサービスの利用の停止の効力が生じる日を、課金の最終日（その日を含む）とする。',
    'art-3-catalyst-models-are-switch-models':
      '第3条は「VPN機器」の機器種別として Catalyst 1000-24T-4G-L、1000-48T-4G-L 及び 9300L-24T-4G-A を掲げるが、これらはスイッチ機器であり、第9条第1項は「プライベートスイッチオプションの機器種別」を機器種別に含めている。そこで台帳はこれらをプライベートスイッチの機器種別と読み、カタログでスイッチ機器として扱い、VPN機器としてこれらを指定する申込は承諾しない。',
    'distinct-lan-subnets-per-vpn':
      '同一のVPN網の拠点は、同じ申込の中でも、VPN網の他の拠点との間でも、重ならないLANのアドレスプレフィックスを使う。重なると、ルーティングされるVPNでは拠点を区別できない。約款はこれを定めておらず（第22条第2項はLANをRFC1918のアドレス空間に限るのみ）、台帳の規則として既定で有効とし、導入先で無効にできる。',
    'termination-28-effective-by-art-18':
      '一般規程第28条第2項又は第3項（契約者の解除）による解除は、当社所定の解約申込書による通知について第18条が定めるとおり、通知が到達した日から30日を経過する日と通知が指定した日のいずれか遅い日に効力を生じるものとする。一般規程は台帳にないため、その文言では決められず、これを既定とする。いずれの場合も別紙2の調定金は生じない（第20条第1項）。',
    'termination-28-effective-on-named-date':
      '一般規程第28条第2項又は第3項による解除は、契約者の通知が指定した日に効力を生じ、通知の到達より前にはならない（指定がなければ到達日）。導入先が選べるもう一つの読み方。いずれの場合も別紙2の調定金は生じない（第20条第1項）。',
    'close-months-in-order':
      '料金月は日本時間でその月が終わった後に、古い月から順に一度だけ締める（請求する）。最初に締める月は台帳の最初の料金明細の月とし、それより前の月には請求がない。',
    'adjust-in-first-open-month':
      '締めた月は変えない。締めた後に判明した事実でその月の料金が変わるときは、まだ締めていない最初の月に調整明細として請求する: 明細（契約、月、種別、対象）ごとに再計算額 − 請求済み額。締めの時になかった明細はその全額を、なくなった明細はその全額のマイナスを調整する。',
    'deadline-shift':
      '民法第142条: 当事者が行為をすべき期間（第14条第3項の返還、第21条の減額の請求）の末日が日曜日又は国民の祝日に当たるときは、その翌日（それらに当たらない日）まで延びる。解除又はオプションの利用の停止の効力が生じる日は動かさない。既定では無効。有効な場合、繰り延べた日と元の日を判断した事象に記録する。',
    'dates-within-supported-range':
      '台帳は、第19条の料金月をすべて読み出し締められるよう、日付を2000年1月1日から2199年12月31日まで（日本時間）の範囲に限る。記録する日付（事実そのものの日付、又はそこから導く日付: 解除の効力が生じる日、返還や請求の期限、最低利用期間の末日など）がこの範囲を外れる事実は受け付けない。',
  },
};

const format = formatterOf(POLICY_MESSAGES);

/** What a named policy says, in the language. */
export const policyText = (lang: Lang, name: PolicyName): string => format(lang, name);

/** The provisions a named policy reads, in the language. */
export const policyArticle = (lang: Lang, name: PolicyName): string =>
  articleIn(lang, POLICIES[name].article);
