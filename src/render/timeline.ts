/**
 * Timeline steps in words: each step kind has a message in English (the sentences the timeline has
 * always printed) and in Japanese (in the terms' words), and the values its message needs from the
 * step's parameters. The reasons behind a reduction claim's decision (Art. 21) too.
 */
import type { DecidedDeadline } from '../projections/facts';
import type { ClaimReason } from '../projections/reductions';
import type { StepKind, StepParams, TermRestart, TimelineStep } from '../projections/timeline';
import { contractorDutyArticle, prohibitedActArticle } from '../terms';
import { formulaText, notesText } from './charge-text';
import { articleIn } from './citation';
import { date, instant, list, money } from './format';
import { type Catalog, formatterOf, type Values } from './intl';
import type { Lang } from './lang';
import { itemName, JA_WORDS, optionName, word } from './words';

export const STEP_MESSAGES: Catalog<StepKind> = {
  en: {
    'network-registered':
      'Network {networkId} registered with parent contract {parentContractId} held by {parentHolderId}; item {item}, up to {childSiteLimit} child sites.',
    'site-joined': 'Joined network {networkId} as a {contractType} site of contractor {contractorId}.',
    'site-left': 'Left network {networkId}.',
    'reservation-made': 'A place in network {networkId} was reserved by command {reservedBy}.',
    'reservation-voided':
      'The reservation by command {reservedBy} was voided: its contract was never written, and a new application took its place.',
    'settings-disclosed': 'Line settings disclosed to contractor {toContractorId} of the same VPN.',
    'application-accepted':
      'Application accepted: {contractType} contract {contractId} for contractor {contractorId} on network {networkId} (parent holder {parentHolderId}); item {item}, {device, select, none {no VPN device of its own} other {device {device}}}, maintenance {maintenanceType}, {termYears}-year minimum term; initial fee {initialFee} owed now, monthly fee {monthlyFee} from the billing start{onSite, select, none {} other {; on-site installation {onSite}}}.',
    'billing-started':
      'Billing started on {on}: the monthly fee is owed from this day, and the {termYears}-year minimum term runs from it to {termEnd}.',
    'cold-standby-carried':
      "Cold standby {optionId} changes with the VPN device in model change {carriedBy} (the same VPN device, Art. 17(2)(2)): {fromModel} → {toModel}; fee {fee} owed now; monthly fee {monthlyFee} from the new model's billing start.",
    'model-change-accepted':
      "Model change {changeId} accepted for {optionId, select, none {the VPN device} other {option {optionId}}}: {fromModel} → {toModel} (Annex 4, catalog edition {catalogEdition}); fee {fee} owed now; monthly fee {monthlyFee} from the new model's billing start.",
    'model-change-completed':
      'Model change {changeId} completed: {toModel} is billed from {on}; {restart, select, before_billing {billing has not started yet: the new model is in place before it, and the minimum term runs from the billing start (Art. 5(1), 9(1))} contract {a fresh {years}-year minimum term runs from it to {termEnd} (Art. 5(2))} option {a fresh 1-year minimum term of the option runs from it to {termEnd} (Art. 17(3) proviso)} other {the minimum term is not restarted}}{replacedCount, plural, =0 {} one {; the replaced item {replaced} must be returned by {due}} other {; the replaced items {replaced} must be returned by {due}}}.',
    'option-added':
      'Option {optionId} added: {option}{model, select, none {} other { ({model})}}; initial fee {initialFee} owed now{monthlyFee, select, none {} other {, monthly fee {monthlyFee} from its billing start}}.',
    'option-billing-started':
      'Billing of option {optionId} started on {on}{termEnd, select, none {; it has no minimum term} other {; its 1-year minimum term runs to {termEnd}}}.',
    'option-stop-notice':
      'Stop notice for option {optionId} arrived on {noticeArrivedOn}{requestedOn, select, none {} other {, requesting {requestedOn}}}; the stop takes effect on {effectiveOn}, the later of the day 30 days elapse and the requested day, which is the last day billed{due, select, none {} other {; its equipment must be returned by {due}}}.',
    'config-change-instructed': 'Configuration change {jobId} instructed by {by} at {at}: {description}.',
    'config-change-performed':
      'Configuration change {jobId} performed, starting {startedAt}, on {devices} device(s): {devices} × {perDevice, number} = {amount, number} yen ({within, select, yes {within} other {outside}} business hours), billed to the parent holder {billTo}.',
    'fault-reported': 'Fault {faultId} reported on item {itemId}: {description}.',
    'fault-investigated':
      "Fault {faultId} investigated: {outcome, select, provider_fault {a fault the provider repairs at its cost} contractor_fault {the contractor's fault} no_fault_found {no fault found} other {a minor fault the contractor handles on instruction}}{quotedCost, select, none {} other {; the contractor owes the quoted {quotedCost} (Art. 15(3))}}.",
    'fault-resolved':
      'Fault {faultId} resolved: {resolution}{replacementItemId, select, none {} other {, by item {replacementItemId}}}.',
    'loss-reported': 'Loss {lossId} of item {itemId} reported: {circumstances}.',
    'replacement-shipped': 'Replacement item {itemId} shipped for loss {lossId}.',
    'loss-charge-quoted':
      'Loss charge of {amount} quoted for item {itemId}, {reason, select, not_returned {not returned in time: treated as lost (Art. 16(2))} other {reported lost}}.',
    'lost-item-found':
      'Lost item {itemId} found: the contractor disposes of it lawfully and stays bound by Art. 14(1); a loss charge paid is not refunded (Art. 16(3)(2)).',
    'relocation-consented': 'Relocation of {itemIds} to {to} consented.',
    'equipment-relocated': 'Equipment relocated under consent {consentId}.',
    'equipment-returned': 'Equipment returned: {itemIds}.',
    'one-time-cost':
      'One-time cost recorded: {cost, select, travel {travel costs of Type 2 maintenance} special_installation_work {special installation work} on_site_cancellation {on-site installation cancellation} on_site_overtime {on-site installation overtime} other {on-site installation emergency work}}, {amount} at cost ({description}).',
    'outage-known': 'Outage {outageId} became known to the provider at {at}: {description}.',
    'outage-resolved':
      'Outage {outageId} resolved at {at} (cause: {cause}){unusableHours, select, none {} other {, {unusableHours} h after it became known}}.',
    'reduction-claimed':
      'Reduction claimed for outage {outageId}: {status}{reduction, select, none {} other {: {reduction} reduced ({formula})}}; {reason}.',
    'traffic-measured': 'Traffic measured ({measurementId}): peak utilisation {peakUtilisationPercent}%.',
    'change-proposed': 'Contract change proposed after measurement {measurementId}: {proposal}.',
    'breach-cost-charged':
      '{amount} charged for the {harm, select, lost {recovery} other {repair}} of {itemIds}, {harm} on {occurredOn} in breach of {article} ({breach}): {description}.',
    'prohibited-act':
      "Prohibited act recorded ({act}) on {itemIds}: {description}. Without the provider's consent the contractor may not do it.",
    'addresses-designated':
      'IPv4 addresses designated by the {designatedBy} ({designationId}): {addresses}; no other address may be used (Art. 7(3)).',
    'undesignated-address-used': 'Address {address} used without designation: {description}.',
    'contractor-setup': "Contractor's set-up of {duty}: {status}. {description}.",
    'environment-notified':
      "The contractor {kind, select, disclosure {disclosed its environment's settings} other {notified a change of its environment's settings}}: {description}.",
    'service-impeded':
      'From {from} the service cannot be provided: {dutyArticle} ({duty}) is not met ({description}); the provider is not liable for it.',
    'equipment-installed':
      "Equipment installed ({itemIds}) by {by, select, contractor {the contractor, on the provider's instructions} other {the provider, under the on-site installation option}}.",
    'vpn-connection': 'VPN connection to {peer}, a network that uses the service too.',
    'termination-notice':
      'Termination notice arrived on {noticeArrivedOn}{requestedOn, select, none {} other {, requesting {requestedOn}}}; ground: {ground}{evidenceRef, select, none {} other { (evidence: {evidenceRef})}}; it takes effect on {effectiveOn}, {policy, select, termination_28_effective_on_named_date {the day the notice names and not before its arrival (policy termination-28-effective-on-named-date: the general terms are not in the ledger)} termination_28_effective_by_art_18 {the later of the day 30 days elapse and the requested day, as Art. 18 says (policy termination-28-effective-by-art-18: the general terms are not in the ledger)} other {the later of the day 30 days elapse and the requested day}}, which is the last day billed.',
    'contract-terminated':
      'Contract terminated, effective {on}; {settlement, select, none {no early-termination settlement is owed} nothing {no early-termination settlement: {why}} other {an early-termination settlement of {amount} is owed ({why})}}{due, select, none {} other {; the equipment must be returned by {due}}}.',
  },
  ja: {
    'network-registered':
      'VPN網 {networkId} を登録: 親たる契約 {parentContractId}（契約者 {parentHolderId}）、品目{item}、子拠点は{childSiteLimit}拠点まで。',
    'site-joined':
      'VPN網 {networkId} に契約者 {contractorId} の{contractType, select, parent {親拠点} other {子拠点}}として加入。',
    'site-left': 'VPN網 {networkId} から離脱。',
    'reservation-made': 'コマンド {reservedBy} がVPN網 {networkId} の拠点の枠を予約。',
    'reservation-voided':
      'コマンド {reservedBy} による予約を無効化: その契約は記録されず、新たな申込がこれに代わった。',
    'settings-disclosed': '通信環境の設定情報を同一VPNに係る契約者 {toContractorId} に開示。',
    'application-accepted':
      '申込を承諾: 契約者 {contractorId} の{contractType} {contractId}（VPN網 {networkId}、親たる契約の契約者 {parentHolderId}）。品目{item}、{device, select, none {自らのVPN機器なし} other {機器種別 {device}}}、保守種別{maintenanceType}、最低利用期間{termYears}年。初期費用{initialFee}は承諾時に、月額費用{monthlyFee}は課金開始日から支払義務が生じる{onSite, select, none {} other {。オンサイト設置{onSite}}}。',
    'billing-started':
      '{on}に課金開始。この日から月額費用の支払義務が生じ、この日を起算日とする最低利用期間{termYears}年は{termEnd}まで。',
    'cold-standby-carried':
      'コールドスタンバイ {optionId} は同一のVPN機器として機器種別の変更 {carriedBy} に伴い変更（第17条第2項第2号）: {fromModel} → {toModel}。変更の費用{fee}は承諾時に、月額費用{monthlyFee}は変更後の機器種別の課金開始日から。',
    'model-change-accepted':
      '機器種別の変更 {changeId} を承諾（{optionId, select, none {VPN機器} other {オプション {optionId}}}）: {fromModel} → {toModel}（別紙4、カタログ版 {catalogEdition}）。変更の費用{fee}は承諾時に、月額費用{monthlyFee}は変更後の機器種別の課金開始日から。',
    'model-change-completed':
      '機器種別の変更 {changeId} が完了し、{toModel} を{on}から課金。{restart, select, before_billing {課金開始前の変更であり、最低利用期間は課金開始日を起算日とする（第5条第1項、第9条第1項）} contract {この日を起算日として新たに最低利用期間{years}年が{termEnd}まで設定される（第5条第2項）} option {この日を起算日としてオプションの最低利用期間1年が新たに{termEnd}まで設定される（第17条第3項ただし書）} other {最低利用期間は再設定されない}}{replacedCount, plural, =0 {} other {。取り替えた機器 {replaced} は{due}までに返還}}。',
    'option-added':
      'オプション {optionId} を追加: {option}{model, select, none {} other {（{model}）}}。初期費用{initialFee}は追加時に{monthlyFee, select, none {} other {、月額費用{monthlyFee}はその課金開始日から}}支払義務が生じる。',
    'option-billing-started':
      'オプション {optionId} の課金を{on}に開始{termEnd, select, none {。最低利用期間はない} other {。最低利用期間1年は{termEnd}まで}}。',
    'option-stop-notice':
      'オプション {optionId} の利用の停止の通知が{noticeArrivedOn}に到達{requestedOn, select, none {} other {（指定日 {requestedOn}）}}。通知の到達日から30日を経過する日と指定日のいずれか遅い日である{effectiveOn}に停止の効力が生じ、この日が課金の最終日となる{due, select, none {} other {。貸与した機器は{due}までに返還}}。',
    'config-change-instructed': '設定変更 {jobId} を {by} が{at}に指示: {description}。',
    'config-change-performed':
      '設定変更 {jobId} を実施（作業開始 {startedAt}、VPN機器{devices}台）: {devices} × {perDevice, number} = {amount, number}円（営業時間{within, select, yes {内} other {外}}の作業）。親たる契約の契約者 {billTo} に請求。',
    'fault-reported': '機器 {itemId} の故障 {faultId} の通知: {description}。',
    'fault-investigated':
      '故障 {faultId} を調査: {outcome}{quotedCost, select, none {} other {。契約者は当社が示した{quotedCost}を支払う（第15条第3項）}}。',
    'fault-resolved':
      '故障 {faultId} を解決: {resolution}{replacementItemId, select, none {} other {（交換機 {replacementItemId}）}}。',
    'loss-reported': '機器 {itemId} の亡失 {lossId} の通知: {circumstances}。',
    'replacement-shipped': '亡失 {lossId} の代替機 {itemId} を送付。',
    'loss-charge-quoted':
      '機器 {itemId} の亡失負担金{amount}を提示（{reason, select, not_returned {期限内の返還がなく、亡失品として扱う（第16条第2項）} other {亡失の通知による}}）。',
    'lost-item-found':
      '亡失品 {itemId} を発見: 契約者の責任において法律に従って処分し、第14条第1項の遵守義務も引き続き負う。支払われた亡失負担金は返金しない（第16条第3項第2号）。',
    'relocation-consented': '{itemIds} の {to} への移動を承諾。',
    'equipment-relocated': '承諾 {consentId} に基づきVPN機器等を移動。',
    'equipment-returned': 'VPN機器等の返還: {itemIds}。',
    'one-time-cost':
      '一時費用を記録: {cost, select, travel {保守種別タイプ2の交通費等} special_installation_work {特別な工事} on_site_cancellation {オンサイト設置の作業中止} on_site_overtime {オンサイト設置の長時間稼動} other {オンサイト設置の緊急対応}}の実費{amount}（{description}）。',
    'outage-known': '当社が障害 {outageId} を知った（{at}）: {description}。',
    'outage-resolved':
      '障害 {outageId} が{at}に解消（原因: {cause}）{unusableHours, select, none {} other {。当社が知った時から{unusableHours}時間}}。',
    'reduction-claimed':
      '障害 {outageId} について料金の減額の請求: {status}{reduction, select, none {} other {（{reduction}を減額: {formula}）}}。{reason}。',
    'traffic-measured': '通信量を計測（{measurementId}）: ピーク時の帯域使用率{peakUtilisationPercent}%。',
    'change-proposed': '計測 {measurementId} の結果に基づき契約内容の変更を提案: {proposal}。',
    'breach-cost-charged':
      '{itemIds} の{harm, select, lost {回復} other {修理}}に要する費用{amount}を請求: {occurredOn}に{article}（{breach}）に違反して{harmWord}（{description}）。',
    'prohibited-act':
      '禁止される行為（{act}）を記録: {itemIds}。{description}。当社の承諾がある場合を除き、契約者はこれを行うことができない。',
    'addresses-designated':
      '{designatedBy}がIPv4アドレスを指定（{designationId}）: {addresses}。これ以外のIPアドレスは使用できない（第7条第3項）。',
    'undesignated-address-used': '指定されていないIPアドレス {address} の使用: {description}。',
    'contractor-setup': '契約者による{duty}: {status}。{description}。',
    'environment-notified':
      '契約者が{kind, select, disclosure {通信環境の設定情報を開示} other {通信環境の設定情報の変更を通知}}: {description}。',
    'service-impeded':
      '{from}から本サービスを提供できない: {dutyArticle}の{duty}が行われていない（{description}）。当社はこれについて債務不履行責任を負わない。',
    'equipment-installed':
      'VPN機器等（{itemIds}）を設置: {by, select, contractor {当社の指示に従い契約者が設置} other {オンサイト設置オプションにより当社が設置}}。',
    'vpn-connection': '{peer} とVPN接続（接続先も本サービスを利用）。',
    'termination-notice':
      '解約の通知が{noticeArrivedOn}に到達{requestedOn, select, none {} other {（指定日 {requestedOn}）}}。事由: {ground}{evidenceRef, select, none {} other {（根拠資料: {evidenceRef}）}}。{policy, select, termination_28_effective_on_named_date {通知が指定した日（ただし通知の到達日より前にはならない。方針「一般規程第28条の解除は指定日に効力発生」: 一般規程は台帳にない）} termination_28_effective_by_art_18 {第18条のとおり、通知の到達日から30日を経過する日と指定日のいずれか遅い日（方針「一般規程第28条の解除は第18条のとおり効力発生」: 一般規程は台帳にない）} other {通知の到達日から30日を経過する日と指定日のいずれか遅い日}}である{effectiveOn}に解除の効力が生じ、この日が課金の最終日となる。',
    'contract-terminated':
      '契約を解除（{on}に効力発生）。{settlement, select, none {最低利用期間内解除調定金は生じない} nothing {最低利用期間内解除調定金は生じない。{why}} other {最低利用期間内解除調定金{amount}の支払義務が生じる（{why}）}}{due, select, none {} other {。VPN機器等は{due}までに返還}}。',
  },
};

export const CLAIM_REASON_MESSAGES: Catalog<ClaimReason['kind']> = {
  en: {
    'not-provider-fault':
      "not the provider's fault (cause: {cause}); Art. 21 reduces only for outages through the provider's fault",
    'under-24-hours': 'unusable for {hours} h, under the 24 consecutive hours Art. 21 requires',
    'before-window':
      'claimed on {claimedOn}, before the claim could first be made on {firstClaimableOn} (24 h of unusability reached at {reachedAt}; Art. 21)',
    'after-window':
      'claimed on {claimedOn}, after the last day to claim {lastClaimableOn}: 3 months elapsed from {firstClaimableOn} and the right was lost (Art. 21 proviso)',
    unresolved: 'the outage is not yet resolved: the unusable hours and the cause are known only when it is',
    'within-window': 'claimed on {claimedOn}, within the window {from}..{to}',
    'already-granted': 'already granted on the claim of {on}',
    'known-at-missing': 'the time the provider learned of the outage is not recorded',
    'unresolved-unclaimed': 'not yet resolved, and no claim',
    'under-24-hours-no-reduction': 'unusable for {hours} h, under 24 h: no reduction',
    'before-billing':
      'billing has not started: none of its unusable hours count yet (policy reduction-hours-while-fee-owed)',
    claimable: 'no claim; a claim can be made from {from} to {to} (Art. 21)',
  },
  ja: {
    'not-provider-fault':
      '当社の責に帰すべき事由によるものではない（原因: {cause}）。第21条の減額は当社の責に帰すべき事由による場合に限る',
    'under-24-hours': '利用不能時間は{hours}時間で、第21条が求める連続24時間に達していない',
    'before-window':
      '{claimedOn}の請求は、請求をし得ることとなった日（{firstClaimableOn}。利用不能時間が24時間に達したのは{reachedAt}）より前',
    'after-window':
      '{claimedOn}の請求は請求の期限（{lastClaimableOn}）より後。{firstClaimableOn}から3ヶ月を経過し、権利を失った（第21条ただし書）',
    unresolved: '障害はまだ解消していない。利用不能時間と原因は解消の時に確定する',
    'within-window': '{claimedOn}の請求は請求期間（{from}～{to}）内',
    'already-granted': '{on}の請求で既に減額している',
    'known-at-missing': '当社が障害を知った時刻が記録されていない',
    'unresolved-unclaimed': '障害は未解消で、請求もない',
    'under-24-hours-no-reduction': '利用不能時間は{hours}時間で、24時間未満のため減額はない',
    'before-billing':
      '課金がまだ開始していないため、利用不能時間はまだ数えない（方針 reduction-hours-while-fee-owed）',
    claimable: '請求はない。請求できる期間は{from}～{to}（第21条）',
  },
};

const formatStep = formatterOf(STEP_MESSAGES);
const formatReason = formatterOf(CLAIM_REASON_MESSAGES);

/** A select key: ICU keys are words without hyphens; null is 'none'. */
const key = (s: string | null | undefined): string => (s == null ? 'none' : s.replace(/-/g, '_'));
const yes = (b: boolean): string => (b ? 'yes' : 'no');
const orNone = (s: string | null): string => s ?? 'none';

/** A deadline as the decider recorded it, with the Art. 142 move when there was one. */
export const dueText = (lang: Lang, d: DecidedDeadline): string =>
  d.shiftedFrom === null
    ? date(lang, d.on)
    : lang === 'ja'
      ? `${date(lang, d.on)}（民法第142条により${date(lang, d.shiftedFrom)}から繰り延べ、方針「期間の末日の繰延べ」）`
      : `${d.on} (moved from ${d.shiftedFrom} under Civil Code art. 142, policy deadline-shift)`;

/** Why a reduction claim stands as it does (Art. 21), in words. */
export const claimReasonText = (lang: Lang, r: ClaimReason): string => {
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(r)) {
    if (k === 'kind') continue;
    if (k === 'cause') values[k] = word(lang, 'cause', String(v));
    else if (k === 'reachedAt') values[k] = lang === 'ja' ? instant(lang, String(v)) : String(v);
    else values[k] = typeof v === 'number' ? v : date(lang, String(v));
  }
  return formatReason(lang, r.kind, values);
};

const restartValues = (lang: Lang, r: TermRestart): Values => {
  switch (r.kind) {
    case 'contract':
      return { restart: 'contract', years: r.years, termEnd: date(lang, r.termEnd) };
    case 'option':
      return { restart: 'option', termEnd: date(lang, r.termEnd) };
    default:
      return { restart: key(r.kind) };
  }
};

type Prepare = { readonly [K in StepKind]: (lang: Lang, p: StepParams[K]) => Values };

/**
 * The values of each step's message. Dates, instants and money in the language's form, codes as
 * words (Japanese) or as they are (English), lists joined, nested data (a formula, a claim's
 * reason) rendered.
 */
const STEP_VALUES: Prepare = {
  'network-registered': (lang, p) => ({ ...p, item: itemName(lang, p.item) }),
  'site-joined': (_lang, p) => ({ ...p }),
  'site-left': (_lang, p) => ({ ...p }),
  'reservation-made': (_lang, p) => ({ ...p }),
  'reservation-voided': (_lang, p) => ({ ...p }),
  'settings-disclosed': (_lang, p) => ({ ...p }),
  'application-accepted': (lang, p) => ({
    contractType: word(lang, 'contractType', p.contractType),
    contractId: p.contractId,
    contractorId: p.contractorId,
    networkId: p.networkId,
    parentHolderId: p.parentHolderId,
    item: itemName(lang, p.item),
    device: orNone(p.deviceModel),
    maintenanceType: word(lang, 'maintenanceType', p.maintenanceType),
    termYears: p.termYears,
    initialFee: money(lang, p.initialFee),
    monthlyFee: money(lang, p.monthlyFee),
    onSite: p.onSiteInstallationFee === null ? 'none' : money(lang, p.onSiteInstallationFee),
  }),
  'billing-started': (lang, p) => ({
    on: date(lang, p.on),
    termYears: p.termYears,
    termEnd: date(lang, p.termEnd),
  }),
  'cold-standby-carried': (lang, p) => ({
    ...p,
    fee: money(lang, p.fee),
    monthlyFee: money(lang, p.monthlyFee),
  }),
  'model-change-accepted': (lang, p) => ({
    ...p,
    optionId: orNone(p.optionId),
    fee: money(lang, p.fee),
    monthlyFee: money(lang, p.monthlyFee),
  }),
  'model-change-completed': (lang, p) => ({
    changeId: p.changeId,
    toModel: p.toModel,
    on: date(lang, p.on),
    ...restartValues(lang, p.restart),
    replacedCount: p.replaced.length,
    replaced: list(
      lang,
      p.replaced.map((r) =>
        lang === 'ja' ? `${r.oldItemId}（後継 ${r.newItemId}）` : `${r.oldItemId} (now ${r.newItemId})`,
      ),
    ),
    due: dueText(lang, p.returnDue),
  }),
  'option-added': (lang, p) => ({
    optionId: p.optionId,
    option: optionName(lang, p.option),
    model: orNone(p.model),
    initialFee: money(lang, p.initialFee),
    monthlyFee: p.monthlyFee === null ? 'none' : money(lang, p.monthlyFee),
  }),
  'option-billing-started': (lang, p) => ({
    optionId: p.optionId,
    on: date(lang, p.on),
    termEnd: p.termEnd === null ? 'none' : date(lang, p.termEnd),
  }),
  'option-stop-notice': (lang, p) => ({
    optionId: p.optionId,
    noticeArrivedOn: date(lang, p.noticeArrivedOn),
    requestedOn: p.requestedOn === null ? 'none' : date(lang, p.requestedOn),
    effectiveOn: date(lang, p.effectiveOn),
    due: p.returnDue === null ? 'none' : dueText(lang, p.returnDue),
  }),
  'config-change-instructed': (lang, p) => ({ ...p, at: instant(lang, p.at) }),
  'config-change-performed': (lang, p) => ({
    jobId: p.jobId,
    startedAt: instant(lang, p.startedAt),
    devices: p.devices,
    perDevice: p.perDevice,
    amount: p.amount,
    within: yes(p.withinBusinessHours),
    billTo: p.billTo,
  }),
  'fault-reported': (_lang, p) => ({ ...p, itemId: String(p.itemId) }),
  'fault-investigated': (lang, p) => ({
    faultId: p.faultId,
    outcome: lang === 'ja' ? JA_WORDS.outcome[p.outcome] : key(p.outcome),
    quotedCost: p.quotedCost === null ? 'none' : money(lang, p.quotedCost),
  }),
  'fault-resolved': (lang, p) => ({
    faultId: p.faultId,
    resolution: word(lang, 'resolution', p.resolution),
    replacementItemId: orNone(p.replacementItemId),
  }),
  'loss-reported': (_lang, p) => ({ ...p, itemId: String(p.itemId) }),
  'replacement-shipped': (_lang, p) => ({ ...p }),
  'loss-charge-quoted': (lang, p) => ({
    amount: money(lang, p.amount),
    itemId: p.itemId,
    reason: key(p.reason),
  }),
  'lost-item-found': (_lang, p) => ({ ...p }),
  'relocation-consented': (lang, p) => ({ itemIds: list(lang, p.itemIds), to: p.to }),
  'equipment-relocated': (_lang, p) => ({ ...p }),
  'equipment-returned': (lang, p) => ({ itemIds: list(lang, p.itemIds) }),
  'one-time-cost': (lang, p) => ({
    cost: key(p.cost),
    amount: money(lang, p.amount),
    description: p.description,
  }),
  'outage-known': (lang, p) => ({ ...p, at: instant(lang, p.at) }),
  'outage-resolved': (lang, p) => ({
    outageId: p.outageId,
    at: instant(lang, p.at),
    cause: word(lang, 'cause', p.cause),
    unusableHours: p.unusableHours === null ? 'none' : String(p.unusableHours),
  }),
  'reduction-claimed': (lang, p) => ({
    outageId: p.outageId,
    status: word(lang, 'claimStatus', p.status),
    reduction: p.reduction === null ? 'none' : money(lang, p.reduction.amount),
    formula: p.reduction === null ? '' : formulaText(p.reduction.formula, lang),
    reason: claimReasonText(lang, p.reason),
  }),
  'traffic-measured': (_lang, p) => ({ ...p }),
  'change-proposed': (_lang, p) => ({ ...p }),
  'breach-cost-charged': (lang, p) => ({
    amount: money(lang, p.amount),
    harm: p.harm,
    harmWord: word(lang, 'harm', p.harm),
    itemIds: list(lang, p.itemIds),
    occurredOn: date(lang, p.occurredOn),
    article: articleIn(lang, prohibitedActArticle(p.breach)),
    breach: word(lang, 'act', p.breach),
    description: p.description,
  }),
  'prohibited-act': (lang, p) => ({
    act: word(lang, 'act', p.act),
    itemIds: list(lang, p.itemIds),
    description: p.description,
  }),
  'addresses-designated': (lang, p) => ({
    designatedBy: word(lang, 'designatedBy', p.designatedBy),
    designationId: p.designationId,
    addresses: list(lang, p.addresses),
  }),
  'undesignated-address-used': (_lang, p) => ({ ...p }),
  'contractor-setup': (lang, p) => ({
    duty: word(lang, 'duty', p.duty),
    status: word(lang, 'setupStatus', p.status),
    description: p.description,
  }),
  'environment-notified': (_lang, p) => ({ ...p }),
  'service-impeded': (lang, p) => ({
    from: date(lang, p.from),
    dutyArticle: articleIn(lang, contractorDutyArticle(p.duty)),
    duty: word(lang, 'duty', p.duty),
    description: p.description,
  }),
  'equipment-installed': (lang, p) => ({ itemIds: list(lang, p.itemIds), by: key(p.by) }),
  'vpn-connection': (_lang, p) => ({ ...p }),
  'termination-notice': (lang, p) => ({
    noticeArrivedOn: date(lang, p.noticeArrivedOn),
    requestedOn: p.requestedOn === null ? 'none' : date(lang, p.requestedOn),
    ground: word(lang, 'ground', p.ground),
    evidenceRef: orNone(p.evidenceRef),
    effectiveOn: date(lang, p.effectiveOn),
    policy: key(p.policy),
  }),
  'contract-terminated': (lang, p) => {
    const s = p.settlement;
    return {
      on: date(lang, p.on),
      settlement: s.kind,
      amount: s.kind === 'owed' ? money(lang, s.amount) : '',
      why:
        s.kind === 'none'
          ? ''
          : s.kind === 'nothing'
            ? (notesText(s.notes, lang) ?? formulaText(s.formula, lang))
            : formulaText(s.formula, lang),
      due: p.returnDue === null ? 'none' : dueText(lang, p.returnDue),
    };
  },
};

/** A step in words. */
export const stepText = (lang: Lang, step: Pick<TimelineStep, 'kind' | 'params'>): string =>
  formatStep(
    lang,
    step.kind,
    (STEP_VALUES[step.kind] as (lang: Lang, p: unknown) => Values)(lang, step.params),
  );

/** A step's citation in words: English as stored, Japanese as the terms number their provisions. */
export const stepArticle = (lang: Lang, step: Pick<TimelineStep, 'article'>): string =>
  articleIn(lang, step.article);
