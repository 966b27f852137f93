/**
 * A charge line's formula and notes in words, English or Japanese. The projections give them as
 * data (src/projections/charge-data.ts); each formula kind and note kind has a message in each
 * language (the catalogs are typed by the kinds), and the values its message needs.
 */
import type {
  AdjustedSide,
  ChargeFormula,
  ChargeNote,
  ChargeSubject,
  ExemptGround,
  MonthShare,
} from '../projections/charge-data';
import type { ChargeKind } from '../projections/charges';
import { formatYen } from '../terms/money';
import { articleIn } from './citation';
import { date, instant, list, month, span } from './format';
import { type Catalog, formatterOf, type Values } from './intl';
import type { Lang } from './lang';
import { JA_WORDS, optionName, word } from './words';

type FormulaKind = ChargeFormula['kind'];
type NoteKind = ChargeNote['kind'];

export const FORMULA_MESSAGES: Catalog<FormulaKind> = {
  en: {
    'quoted-initial-fee': '{amount, number} yen initial fee, as quoted in the accepted application',
    'quoted-on-site-installation':
      '{amount, number} yen on-site installation, as quoted in the accepted application',
    'quoted-option-initial-fee':
      '{amount, number} yen initial fee of the {option} option {optionId}, as quoted',
    'monthly-fee':
      '{subject}: {full, select, yes {{fee, number} (full month, {daysUsed}/{daysInMonth} days)} other {floor({fee, number} × {daysUsed} / {daysInMonth}) = {amount, number}}}',
    'quoted-model-change':
      '{amount, number} yen model change of the {target, select, device {device} other {option {optionId}}} {fromModel} → {toModel}, as quoted',
    'config-change-fee':
      '{devices} × {perDevice, number} = {amount, number} (job started {jobStart}, {within, select, yes {within} other {outside}} business hours {opensAt}-{closesAt})',
    'quoted-fault-cost':
      "{amount, number} yen as quoted ({outcome, select, contractor_fault {the contractor's fault} other {no fault found}})",
    'quoted-loss-charge': '{amount, number} yen loss charge for item {itemId}, as quoted',
    'breach-repair-cost':
      '{amount, number} yen {harm, select, lost {recovery} other {repair}} of {itemIds}, as charged',
    'at-cost': '{amount, number} yen {cost} at cost: {description}',
    'rest-of-term': '{parts} = {amount, number} ({span})',
    'rest-of-term-exempt': 'exempt: {ground}; not charged: {parts} = {wouldBe, number} ({span})',
    reduction:
      '{none, select, yes {{hours} h unusable, under 24 h: no reduction} other {floor({days} × {fee, number} / 30) = {amount, number}}}',
    adjustment:
      '{month} {lineKind} {lineId}: recomputed {recomputed} − invoiced {invoiced}{before, select, none {} other { − {before} adjusted before}} = {amount, number}',
  },
  ja: {
    'quoted-initial-fee': '初期費用 {amount, number}円（承諾した申込で当社が示した金額）',
    'quoted-on-site-installation': 'オンサイト設置 {amount, number}円（承諾した申込で当社が示した金額）',
    'quoted-option-initial-fee': '{option}（{optionId}）の初期費用 {amount, number}円（当社が示した金額）',
    'monthly-fee':
      '{subject}: {full, select, yes {{fee, number}円（1か月分、{daysUsed}/{daysInMonth}日）} other {{fee, number} × {daysUsed} ÷ {daysInMonth} = {amount, number}円（1円未満切捨て）}}',
    'quoted-model-change':
      '{target, select, device {VPN機器} other {オプション {optionId} }}の機器種別の変更 {fromModel} → {toModel}: {amount, number}円（当社が示した金額）',
    'config-change-fee':
      '{devices}台 × {perDevice, number}円 = {amount, number}円（作業開始 {jobStart}、営業時間（{opensAt}～{closesAt}）{within, select, yes {内} other {外}}の作業）',
    'quoted-fault-cost': '{amount, number}円（当社が示した金額。{outcome}）',
    'quoted-loss-charge': '機器 {itemId} の亡失負担金 {amount, number}円（当社が示した金額）',
    'breach-repair-cost':
      '{itemIds} の{harm, select, lost {回復} other {修理}}に要する費用 {amount, number}円（請求額）',
    'at-cost': '{cost}の実費 {amount, number}円: {description}',
    'rest-of-term': '{parts} = {amount, number}円（{span}）',
    'rest-of-term-exempt': '支払い不要（{ground}）。本来の額: {parts} = {wouldBe, number}円（{span}）',
    reduction:
      '{none, select, yes {利用不能時間{hours}時間は24時間未満のため、減額なし} other {{days} × {fee, number} ÷ 30 = {amount, number}円（1円未満切捨て）}}',
    adjustment:
      '{month}の{lineKind}（{lineId}）: 再計算 {recomputed} − 請求済み {invoiced}{before, select, none {} other { − 調整済み {before}}} = {amount, number}円',
  },
};

export const NOTE_MESSAGES: Catalog<NoteKind> = {
  en: {
    'corrects-closed-month':
      "corrects {month}, {first, select, yes {closed empty by the ledger's first close} other {closed by close {closeId} at {closedAt}}} (policy adjust-in-first-open-month)",
    'new-fee-from-model': 'new fee from the billing start of model {model} (change {changeId})',
    'same-fee-model-change':
      'model {model} billed from {from} at the same fee (change {changeId}): the month is not split (policy split-only-where-fee-changes)',
    'last-day-billed':
      "{on} is the {reason, select, option_stop {option stop's} other {termination's}} effective day and the last day billed (policy effective-day-is-last-billed-day){scheduled, select, yes {; termination scheduled by notice, not yet recorded} other {}}",
    'billed-to-parent-holder':
      'billed to the parent holder {billTo}, who instructs configuration changes (Art. 10(1)(2)(4))',
    'not-returned-deemed-lost': 'not returned under Art. 14(3): treated as lost (Art. 16(2))',
    'found-not-refunded': 'item found on {foundOn}: a loss charge is never refunded (Art. 16(3)(2))',
    breach: '{harm} on {occurredOn} in breach of {article} ({breach}): {description}',
    settlement:
      'ended {endOn}, before the {years}-year minimum term from {termStart} ({termReason}) ends on {termEnd}; monthly fee {fee, number} yen{scheduled, select, yes {; termination scheduled by notice, not yet recorded} other {}}',
    'settlement-exempt':
      'exempt: {ground}. Art. 20(1) owes no settlement for a contract ended under {ground}{evidence, select, none {} other { (evidence: {evidence})}}; the {years}-year term from {termStart} would have run to {termEnd}{scheduled, select, yes {; termination scheduled by notice, not yet recorded} other {}}',
    'option-settlement':
      '{option} option {optionId} {reason, select, option_stop {stopped {endOn}} other {ended {endOn} with the contract (options have no exemption: Art. 20(2))}}, before its 1-year minimum term from {termStart} ends on {termEnd}; monthly fee {fee, number} yen',
    'reduction-granted':
      '{unusableHours} h unusable from {knownAt}{fromStart, select, yes {, counted from the billing start {countedFrom}} other {}}{cutAtEnd, select, yes {, counted to the end of the last billed day {countedTo}} other {}} → {days} day(s); monthly fee {parts} = {feeBasisTotal, number} yen a month, as billed on {feeBasisOn} (policy {feeBasisPolicy}{hoursPolicy, select, none {} other {; hours: policy {hoursPolicy}}}); claimed on {claimedOn}, within the window {windowFrom}..{windowTo}',
    'term-restarted-after-notice':
      'the minimum term was restarted on {termStart} by model change {changeId}, accepted on {acceptedOn} after the termination notice arrived on {noticeArrivedOn}: Art. 5(2) restarts the term on a change during the contract period, and a contract under notice is still in it (policy {policy})',
    'not-a-vpn-device':
      '{itemIds} in the job: not a VPN device, counted for nothing (「VPN機器1台・1作業あたり」, Annex 1 §3(3); policy {policy})',
  },
  ja: {
    'corrects-closed-month':
      '{month}の訂正（{first, select, yes {台帳の最初の締めで請求なしとして締めた月} other {締め {closeId} により{closedAt}に締めた月}}。方針「調整は最初の未締めの月で」）',
    'new-fee-from-model': '機器種別 {model} の課金開始日からの新しい料金（変更 {changeId}）',
    'same-fee-model-change':
      '機器種別 {model} を{from}から同じ料金で課金（変更 {changeId}）。料金が変わらないため月を分割しない（方針「料金が変わる日だけで月を分ける」）',
    'last-day-billed':
      '{on}は{reason, select, option_stop {オプションの利用の停止} other {解除}}の効力が生じる日で、課金の最終日（方針「効力発生日を課金の最終日とする」）{scheduled, select, yes {。解約の通知により予定されている解除で、まだ記録されていない} other {}}',
    'billed-to-parent-holder':
      '設定変更を指示する親たる契約の契約者 {billTo} に請求（第10条第1項、第2項及び第4項）',
    'not-returned-deemed-lost': '第14条第3項の返還がなかったため、亡失品として扱う（第16条第2項）',
    'found-not-refunded': '{foundOn}に発見。亡失負担金は返金しない（第16条第3項第2号）',
    breach: '{occurredOn}に{article}（{breach}）に違反して{harm}: {description}',
    settlement:
      '{endOn}に終了。{termStart}を起算日（{termReason}）とする最低利用期間{years}年は{termEnd}まで。月額費用{fee, number}円{scheduled, select, yes {。解約の通知により予定されている解除で、まだ記録されていない} other {}}',
    'settlement-exempt':
      '{ground}に基づく解除には第20条第1項の最低利用期間内解除調定金の支払いを要しない{evidence, select, none {} other {（根拠資料: {evidence}）}}。{termStart}からの最低利用期間{years}年は{termEnd}までだった{scheduled, select, yes {。解約の通知により予定されている解除で、まだ記録されていない} other {}}',
    'option-settlement':
      '{option}（{optionId}）は{reason, select, option_stop {{endOn}に利用を停止} other {{endOn}に契約とともに終了（オプションサービスに適用除外はない: 第20条第2項）}}。{termStart}からの最低利用期間1年は{termEnd}まで。月額費用{fee, number}円',
    'reduction-granted':
      '{knownAt}からの利用不能時間{unusableHours}時間{fromStart, select, yes {（課金開始日の{countedFrom}から数える）} other {}}{cutAtEnd, select, yes {（課金の最終日の終わり {countedTo} まで数える）} other {}} → {days}日分。月額費用 {parts} = {feeBasisTotal, number}円（{feeBasisOn}時点の課金額、方針 {feeBasisPolicy}{hoursPolicy, select, none {} other {。時間は方針 {hoursPolicy}}}）。{claimedOn}に請求（請求期間 {windowFrom}～{windowTo} 内）',
    'term-restarted-after-notice':
      '最低利用期間は、解約の通知が{noticeArrivedOn}に到達した後の{acceptedOn}に承諾した機器種別の変更 {changeId} により{termStart}から改めて起算した。第5条第2項は契約の期間中の変更で期間を改めて起算し、通知を受けた契約もなおその期間中にある（方針 {policy}）',
    'not-a-vpn-device':
      '作業に含まれる {itemIds} はVPN機器ではなく、台数に数えない（「VPN機器1台・1作業あたり」、別紙1第3項(3)。方針 {policy}）',
  },
};

const formatFormula = formatterOf(FORMULA_MESSAGES);
const formatNote = formatterOf(NOTE_MESSAGES);

/** A select key from a code: ICU keys have no hyphens. */
const key = (s: string): string => s.replace(/-/g, '_');
const yes = (b: boolean): string => (b ? 'yes' : 'no');

const subjectText = (lang: Lang, s: ChargeSubject): string =>
  s.kind === 'basic'
    ? lang === 'ja'
      ? '基本サービス'
      : 'basic service'
    : lang === 'ja'
      ? `${optionName(lang, s.option)}（${s.optionId}）`
      : `${s.option} option ${s.optionId}`;

/**
 * The months of a settlement: 'floor(10,000 × 16 / 31) + 32 × 10,000 + floor(10,000 × 14 / 30)',
 * full months grouped; in Japanese each partial month rounded down to the yen.
 */
const partsText = (lang: Lang, parts: readonly MonthShare[], fee: number): string => {
  const terms: string[] = [];
  let fullRun = 0;
  const flush = () => {
    if (fullRun > 0) terms.push(`${fullRun} × ${formatYen(fee)}`);
    fullRun = 0;
  };
  for (const p of parts) {
    if (p.daysUsed === p.daysInMonth) {
      fullRun += 1;
    } else {
      flush();
      terms.push(
        lang === 'ja'
          ? `${formatYen(fee)} × ${p.daysUsed} ÷ ${p.daysInMonth}（1円未満切捨て）`
          : `floor(${formatYen(fee)} × ${p.daysUsed} / ${p.daysInMonth})`,
      );
    }
  }
  flush();
  return terms.join(' + ');
};

const groundText = (lang: Lang, ground: ExemptGround): string =>
  lang === 'ja'
    ? word(lang, 'ground', ground)
    : ground === 'general-terms-28-2'
      ? 'general terms 28(2)'
      : 'general terms 28(3)';

/** 'HH:mm:ss' as 9時00分 in Japanese (Annex 1 §3(3) writes 9時00分～19時00分). */
const timeOfDay = (lang: Lang, hhmmss: string): string => {
  if (lang === 'en') return hhmmss;
  const [h, m] = hhmmss.split(':');
  return `${Number(h)}時${m}分`;
};

/** A model, or (no VPN device of its own) what English has always printed for none. */
const modelText = (lang: Lang, model: string | null): string =>
  model ?? (lang === 'ja' ? '（VPN機器なし）' : String(model));

type Prepare<U extends { kind: string }> = {
  readonly [K in U['kind']]: (lang: Lang, x: Extract<U, { kind: K }>) => Values;
};

const FORMULA_VALUES: Prepare<ChargeFormula> = {
  'quoted-initial-fee': (_l, f) => ({ amount: f.amount }),
  'quoted-on-site-installation': (_l, f) => ({ amount: f.amount }),
  'quoted-option-initial-fee': (lang, f) => ({
    amount: f.amount,
    option: lang === 'ja' ? optionName(lang, f.option) : f.option,
    optionId: f.optionId,
  }),
  'monthly-fee': (lang, f) => ({
    subject: subjectText(lang, f.subject),
    full: yes(f.daysUsed === f.daysInMonth),
    fee: f.fee,
    daysUsed: f.daysUsed,
    daysInMonth: f.daysInMonth,
    amount: f.amount,
  }),
  'quoted-model-change': (_l, f) => ({
    amount: f.amount,
    target: f.target.kind,
    optionId: f.target.kind === 'option' ? f.target.optionId : '',
    fromModel: f.fromModel,
    toModel: f.toModel,
  }),
  'config-change-fee': (lang, f) => ({
    devices: f.devices,
    perDevice: f.perDevice,
    amount: f.amount,
    jobStart: lang === 'ja' ? instant(lang, f.jobStartJst) : f.jobStartJst,
    within: yes(f.withinBusinessHours),
    opensAt: timeOfDay(lang, f.opensAt),
    closesAt: timeOfDay(lang, f.closesAt),
  }),
  'quoted-fault-cost': (lang, f) => ({
    amount: f.amount,
    outcome: lang === 'ja' ? JA_WORDS.outcome[f.outcome] : key(f.outcome),
  }),
  'quoted-loss-charge': (_l, f) => ({ amount: f.amount, itemId: f.itemId }),
  'breach-repair-cost': (lang, f) => ({ amount: f.amount, harm: f.harm, itemIds: list(lang, f.itemIds) }),
  'at-cost': (lang, f) => ({
    amount: f.amount,
    cost: word(lang, 'cost', f.cost),
    description: f.description,
  }),
  'rest-of-term': (lang, f) => ({
    parts: partsText(lang, f.parts, f.fee),
    amount: f.amount,
    span: span(lang, f.from, f.to),
  }),
  'rest-of-term-exempt': (lang, f) => ({
    ground: groundText(lang, f.ground),
    parts: partsText(lang, f.parts, f.fee),
    wouldBe: f.wouldBe,
    span: span(lang, f.from, f.to),
  }),
  reduction: (_l, f) => ({
    none: yes(f.days === 0),
    hours: f.hours,
    days: f.days,
    fee: f.fee,
    amount: f.amount,
  }),
  adjustment: (lang, f) => ({
    month: month(lang, f.month),
    lineKind: word(lang, 'chargeKind', f.lineKind as ChargeKind),
    lineId: f.lineId,
    recomputed: sideText(lang, f.recomputed, 'now'),
    invoiced: sideText(lang, f.invoiced, 'close'),
    before: f.adjustedBefore === 0 ? 'none' : formatYen(f.adjustedBefore),
    amount: f.amount,
  }),
};

/** One side of an adjustment: its amount and formula, or 0 where the line does not exist. */
const sideText = (lang: Lang, s: AdjustedSide | null, missing: 'now' | 'close'): string => {
  if (s === null)
    return lang === 'ja'
      ? `0（${missing === 'now' ? '現在その明細はない' : '締めの時にその明細はなかった'}）`
      : `0 (${missing === 'now' ? 'no such line now' : 'no such line at the close'})`;
  return `${formatYen(s.amount)} [${formulaText(s.formula, lang)}]`;
};

const NOTE_VALUES: Prepare<ChargeNote> = {
  'corrects-closed-month': (lang, n) => ({
    month: month(lang, n.month),
    first: yes(n.closeId === null),
    closeId: n.closeId ?? '',
    closedAt: n.closedAt === null ? '' : lang === 'ja' ? instant(lang, n.closedAt) : n.closedAt,
  }),
  'new-fee-from-model': (lang, n) => ({ model: modelText(lang, n.model), changeId: n.changeId }),
  'same-fee-model-change': (lang, n) => ({
    model: modelText(lang, n.model),
    from: date(lang, n.from),
    changeId: n.changeId,
  }),
  'last-day-billed': (lang, n) => ({
    on: date(lang, n.on),
    reason: key(n.reason),
    scheduled: yes(n.scheduled),
  }),
  'billed-to-parent-holder': (_l, n) => ({ billTo: n.billTo }),
  'not-returned-deemed-lost': () => ({}),
  'found-not-refunded': (lang, n) => ({ foundOn: date(lang, n.foundOn) }),
  breach: (lang, n) => ({
    harm: word(lang, 'harm', n.harm),
    occurredOn: date(lang, n.occurredOn),
    article: articleIn(lang, n.article),
    breach: word(lang, 'act', n.breach),
    description: n.description,
  }),
  settlement: (lang, n) => ({
    endOn: date(lang, n.endOn),
    years: n.years,
    termStart: date(lang, n.termStart),
    termReason: word(lang, 'termReason', n.termReason),
    termEnd: date(lang, n.termEnd),
    fee: n.fee,
    scheduled: yes(n.scheduled),
  }),
  'settlement-exempt': (lang, n) => ({
    ground: groundText(lang, n.ground),
    evidence: n.evidenceRef ?? 'none',
    years: n.years,
    termStart: date(lang, n.termStart),
    termEnd: date(lang, n.termEnd),
    scheduled: yes(n.scheduled),
  }),
  'option-settlement': (lang, n) => ({
    option: lang === 'ja' ? optionName(lang, n.option) : n.option,
    optionId: n.optionId,
    reason: key(n.reason),
    endOn: date(lang, n.endOn),
    termStart: date(lang, n.termStart),
    termEnd: date(lang, n.termEnd),
    fee: n.fee,
  }),
  'reduction-granted': (lang, n) => ({
    unusableHours: n.unusableHours,
    knownAt: lang === 'ja' ? instant(lang, n.knownAt) : n.knownAt,
    days: n.days,
    parts: n.feeBasis
      .map((p) =>
        p.subject.kind === 'basic'
          ? `${lang === 'ja' ? '基本' : 'basic'} ${formatYen(p.monthlyFee)}`
          : `${lang === 'ja' ? optionName(lang, p.subject.option) : p.subject.option} ${formatYen(p.monthlyFee)}`,
      )
      .join(' + '),
    feeBasisTotal: n.feeBasisTotal,
    feeBasisOn: date(lang, n.feeBasisOn),
    feeBasisPolicy: n.feeBasisPolicy,
    claimedOn: date(lang, n.claimedOn),
    windowFrom: date(lang, n.windowFrom),
    windowTo: date(lang, n.windowTo),
    fromStart: yes(n.fromBillingStart === true),
    cutAtEnd: yes(n.cutAtEnd === true),
    countedFrom:
      n.countedFrom === undefined ? '' : lang === 'ja' ? instant(lang, n.countedFrom) : n.countedFrom,
    countedTo: n.countedTo === undefined ? '' : lang === 'ja' ? instant(lang, n.countedTo) : n.countedTo,
    hoursPolicy: n.hoursPolicy ?? 'none',
  }),
  'term-restarted-after-notice': (lang, n) => ({
    changeId: n.changeId,
    acceptedOn: date(lang, n.acceptedOn),
    noticeArrivedOn: date(lang, n.noticeArrivedOn),
    termStart: date(lang, n.termStart),
    policy: n.policy,
  }),
  'not-a-vpn-device': (lang, n) => ({ itemIds: list(lang, n.itemIds), policy: n.policy }),
};

const valuesOf = <U extends { kind: string }>(table: Prepare<U>, lang: Lang, x: U): Values =>
  (table[x.kind as U['kind']] as (lang: Lang, x: U) => Values)(lang, x);

export function formulaText(f: ChargeFormula, lang: Lang = 'en'): string {
  return formatFormula(lang, f.kind, valuesOf(FORMULA_VALUES, lang, f));
}

export function noteText(n: ChargeNote, lang: Lang = 'en'): string {
  return formatNote(lang, n.kind, valuesOf(NOTE_VALUES, lang, n));
}

/** The notes joined as one sentence, or null without notes (the v1 `note` field). */
export const notesText = (notes: readonly ChargeNote[], lang: Lang = 'en'): string | null =>
  notes.length === 0 ? null : notes.map((n) => noteText(n, lang)).join(lang === 'ja' ? '。' : '; ');
