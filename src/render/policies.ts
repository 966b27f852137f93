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
    'late-facts-decided-as-of-their-date':
      'A fact dated while a contract ran is a fact whenever it is recorded (the ledger is bitemporal): it is decided against the contract as it stood on its date (its models, options, items in use, parent contract, policy set), never against what was recorded after it, and it is billed in the month the close rules say (an adjustment for a closed month). A termination recorded does not refuse a fact dated on or before the last day. Where a late fact would change what a fact already recorded and dated after it was decided on (a model it read, an item it used, the end of the contract), it is refused, naming that fact: correct that fact first.',
    'reduction-hours-while-fee-owed':
      "The unusable hours of Art. 21 and Annex 3 count only while the monthly fee is owed: from the billing start (00:00 Japan time of that day) to the end of the contract's last billed day. An outage known before billing starts counts its hours (the 24-hour threshold included) from the billing start; one that outlasts the contract counts until the contract's end. The fee basis is the fee in force when the counted hours begin, never 0. The decider records where the count begins; each reduction line records the span it counted.",
    'incomplete-network-bills-until-terminated':
      "Art. 8(1) asks for a parent and a child application to use the service; it does not end a contract when the network loses its parent or its only served child. Each contract ends only by its own termination (Art. 18): the children, a closed-monitoring site and a lone parent keep billing until each is terminated. Once the network's parent contract has ended, no site joins the network any more, and no configuration change can be instructed (Art. 10(1)(2): no parent contract is in force).",
    'model-change-after-notice-restarts-term':
      'Art. 5(2) restarts the minimum term on a device-model change made 「契約の期間中」; a contract whose termination notice has arrived is still in its period, so a change accepted after the notice restarts the term as written, and the settlement of Art. 20(1) runs to the end of the new term. The settlement line says so when it happens.',
    'term-ends-with-its-service':
      'A minimum term ends early with the contract (or the option) it belongs to: from the day after that last day it no longer runs, and Annex 2 settles its rest. `terms` shows such a term as ended early, not as running.',
    'config-fee-counts-vpn-devices':
      'Annex 1 §3(3) prices a configuration job per VPN device (「VPN機器1台・1作業あたり」): the fee counts the VPN devices and cold-standby units of the job; a private switch in the job counts for nothing (it is listed on the line as not charged). A job with no VPN device is refused.',
    'stopping-cold-standby-may-stay':
      'A cold standby whose stop has been notified when a device-model change is accepted need not change with the device (Art. 17(2)(2)): it stays on the old model, billed as it was, until its stop takes effect (Art. 17(4)). The acceptance records the standbys that stay.',
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
    'late-facts-decided-as-of-their-date':
      '契約の期間中の日付の事実は、いつ記録しても事実である（台帳は二時点の時間を持つ）。その日の契約の状態（機器種別、オプション、使用中の機器、親たる契約、方針の組）に基づいて判断し、後から記録されたものには基づかない。請求は締めの規則による月に行う（締めた月の分は調整として）。解除が記録されていても、最終日以前の日付の事実は拒否しない。ただし、遅れて記録した事実が、先に記録されそれより後の日付の事実の判断の基礎（読んだ機器種別、使用した機器、契約の終了）を変えるときは、その事実を示して拒否する。先にその事実を訂正する。',
    'reduction-hours-while-fee-owed':
      '第21条及び別紙3の利用不能時間は、月額費用が生じている間だけ数える。すなわち課金開始日（その日の日本時間0時）から契約の課金の最終日の終わりまでとする。課金開始前に当社が知った障害は、課金開始の時から数え（24時間の判定を含む）、契約の終了後も続いた障害は契約の終了の時まで数える。減額の基礎となる月額費用は数え始めた時点の料金とし、0にはならない。数え始める時刻は判断した事象に記録し、減額の明細には数えた期間を記録する。',
    'incomplete-network-bills-until-terminated':
      '第8条第1項はサービスの利用に親たる契約と子たる契約の申込を求めるが、VPN網が親拠点や唯一の子拠点を失ったときに契約を終了させる定めはない。各契約はそれぞれの解除（第18条）によってのみ終了し、子拠点、クローズドモニタリングの拠点及び残った親拠点は、解除されるまで課金を続ける。親たる契約が終了した後は、そのVPN網に加わる拠点はなく、設定変更を指示できる者もいない（第10条第1項第2号: 効力のある親たる契約がない）。',
    'model-change-after-notice-restarts-term':
      '第5条第2項は「契約の期間中」の機器種別の変更で最低利用期間を改めて起算する。解約の通知が到達した契約もなおその期間中にあるため、通知の後に承諾した変更も文言どおり期間を改めて起算し、第20条第1項の調定金は新しい期間の末日までとなる。その場合は調定金の明細に記す。',
    'term-ends-with-its-service':
      '最低利用期間は、それが属する契約（又はオプション）の終了とともに途中で終わる。その最終日の翌日からは進行せず、残余の期間は別紙2により清算する。`terms` はそのような期間を進行中ではなく途中終了として示す。',
    'config-fee-counts-vpn-devices':
      '別紙1第3項(3)は設定変更作業の費用を「VPN機器1台・1作業あたり」で定める。費用はその作業のVPN機器及びコールドスタンバイ機を数え、作業に含まれるプライベートスイッチは数に入れない（明細に請求しないものとして示す）。VPN機器を含まない作業は承諾しない。',
    'stopping-cold-standby-may-stay':
      '機器種別の変更を承諾する時に利用の停止が通知されているコールドスタンバイは、VPN機器とともに変更しなくてよい（第17条第2項第2号）。停止の効力が生じるまで旧機種のまま従前どおり課金する（第17条第4項）。どのコールドスタンバイが残るかは承諾の事象に記録する。',
  },
};

const format = formatterOf(POLICY_MESSAGES);

/** What a named policy says, in the language. */
export const policyText = (lang: Lang, name: PolicyName): string => format(lang, name);

/** The provisions a named policy reads, in the language. */
export const policyArticle = (lang: Lang, name: PolicyName): string =>
  articleIn(lang, POLICIES[name].article);
