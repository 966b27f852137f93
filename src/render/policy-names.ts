/**
 * What each named policy (src/terms/policies.ts) is called: in English by its identifier, what
 * every figure records (`policy` in the JSON documents, `[policy close-months-in-order]` in a
 * citation); in Japanese by a name of its own, so that 方針「料金月は古い順に締める」 reads as Japanese.
 */
import type { PolicyName } from '../terms/policies';
import type { Lang } from './lang';

const POLICY_NAMES_JA: { readonly [K in PolicyName]: string } = {
  'proration-by-days-floor': '日割り（1円未満切捨て）',
  'split-only-where-fee-changes': '料金が変わる日だけで月を分ける',
  'rest-of-term-by-month-proration': '残りの最低利用期間の月ごとの日割り',
  'reduction-fee-basis-basic-plus-active-options': '減額の基礎は基本サービスと利用中のオプションの月額',
  'reduction-exact-floor-once': '減額の切捨ては最後に一度',
  'claim-window-from-24h-reached': '減額の請求期間は24時間に達した日から',
  'business-hours-by-job-start': '営業時間は作業の開始時刻で判断',
  'effective-day-is-last-billed-day': '効力発生日を課金の最終日とする',
  'art-3-catalyst-models-are-switch-models': '第3条の Catalyst はスイッチ機器',
  'distinct-lan-subnets-per-vpn': 'VPN網の拠点のLANは重ならない',
  'termination-28-effective-by-art-18': '一般規程第28条の解除は第18条のとおり効力発生',
  'termination-28-effective-on-named-date': '一般規程第28条の解除は指定日に効力発生',
  'close-months-in-order': '料金月は古い順に締める',
  'adjust-in-first-open-month': '調整は最初の未締めの月で',
  'deadline-shift': '期間の末日の繰延べ',
  'dates-within-supported-range': '日付は台帳が扱える範囲内',
  'late-facts-decided-as-of-their-date': '遅れて記録した事実はその日付の契約で判断',
  'reduction-hours-while-fee-owed': '減額の時間は月額費用が生じている間だけ数える',
  'incomplete-network-bills-until-terminated': '欠けたVPN網の契約も解除まで課金',
  'model-change-after-notice-restarts-term': '解約通知後の機器種別の変更も期間を改めて起算',
  'term-ends-with-its-service': '最低利用期間は属する契約とともに終わる',
  'config-fee-counts-vpn-devices': '設定変更作業の費用はVPN機器の台数で数える',
  'stopping-cold-standby-may-stay': '停止予定のコールドスタンバイは旧機種のままでよい',
};

/** What a named policy is called, in the language (English: its identifier). */
export const policyName = (lang: Lang, name: PolicyName): string =>
  lang === 'ja' ? POLICY_NAMES_JA[name] : name;
