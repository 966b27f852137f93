/**
 * The web console's own words (src/server/console): navigation, forms, headings, the messages of
 * its pages. One catalog typed by its English keys, as ui.ts, so a word missing in Japanese fails
 * the type check. The ledger's words (statuses, steps, formulas, citations, the CLI's column
 * headers) come from the other catalogs through `renderer(lang)`.
 */
import { type Catalog, formatterOf, type Messages, type Values } from './intl';
import type { Lang } from './lang';

const EN = {
  'console.title': 'vpn-ledger console',
  'nav.label': 'Console',
  'nav.language': 'Language',
  'nav.contracts': 'Contracts',
  'nav.month': 'Billing month',
  'nav.open': 'Open',
  'nav.signedInAs': 'Signed in as {principal}',
  'nav.signOut': 'Sign out',
  'nav.skip': 'Skip to the content',
  print: 'Print',
  'details.openAll': 'Show every article',
  'details.closeAll': 'Hide every article',
  // sign-in
  'signIn.title': 'Sign in',
  'signIn.token': 'Token',
  'signIn.hint':
    'A token from `vpn-ledger token add`. Signing in starts a session of 12 hours: this browser keeps its id (never the token) in a cookie sent only to the console, until you sign out; it is never put in a URL.',
  'signIn.submit': 'Sign in',
  'signIn.required': 'Sign in to see this page.',
  'signIn.invalid': 'That token is unknown, revoked or expired.',
  'signIn.tooMany':
    'Too many sign-in attempts {by, select, address {from this address} other {with this token}}: try again in {seconds} s.',
  'signIn.empty': 'Enter a token.',
  'signIn.signedOut': 'You have signed out.',
  'signIn.crossSite': 'Refused: the form was not sent from this console.',
  // search
  'search.title': 'Contracts',
  'search.legend': 'Search contracts',
  'search.id': 'Contract id (its beginning)',
  'search.holder': 'Holder (contractor id)',
  'search.network': 'VPN (network id)',
  'search.status': 'Status',
  'search.anyStatus': 'any',
  'search.asOf': 'Status as of',
  'search.submit': 'Search',
  'search.none': 'No contract you may see matches.',
  'search.count': '{count, plural, one {# contract} other {# contracts}}',
  'search.caption': 'Status as effective on {date}',
  'search.notYet': '(not yet accepted)',
  'search.more': 'Next page',
  'col.network': 'VPN',
  'col.type': 'Type',
  'col.holder': 'Holder',
  'col.itemName': 'Item',
  'col.access': 'You see',
  'access.staff': 'all (staff)',
  'access.holder': 'all (holder)',
  'access.parent-holder': 'its settings (parent holder, Art. 11)',
  // a contract
  'contract.title': 'Contract {contractId}',
  'contract.legend': 'Read the contract',
  'contract.asOf': 'As effective on',
  'contract.knownAt': 'As the ledger knew it at (Japan time; empty: now)',
  'contract.month': 'Charges of the month',
  'contract.show': 'Show',
  'contract.now': 'As known now',
  'contract.reading':
    'As effective on {asOf}; {knownAt, select, none {as the ledger knows it now} other {as the ledger knew it at {knownAt}}}{position, select, none {} other { (read up to position {position})}}.',
  'contract.parentHolder':
    "You see this contract as the parent holder of VPN {networkId}: its settings, and the configuration changes you instructed (Art. 10, 11). Its fees, minimum terms and deadlines are its holder's.",
  'contract.state': 'State on {date}',
  'contract.timeline': 'Timeline',
  'contract.terms': 'Minimum terms, and why each started',
  'contract.deadlines': 'Return deadlines (Art. 14(3))',
  'contract.charges': 'Charges of {month}',
  'contract.wholeMonth': 'The whole of {month}',
  'state.termYears': '{years} year(s); in force: {term}',
  'terms.none': 'No minimum term yet: a term starts on the billing start date (Art. 5).',
  'charges.why': 'Why',
  'charges.explain': 'Explain',
  'charges.explainLine': 'Explain line {lineId}',
  'charges.corrected': 'The line corrected',
  'charges.total': 'Total: {total}',
  // a month
  'month.title': 'Charges of {month}',
  'month.closed': 'Closed.',
  'month.open': 'Open.',
  'month.billTo': 'Billed to {billTo}',
  'month.subtotal': '{lines, plural, one {# line} other {# lines}}, {total}',
  'month.adjustments':
    '{count, plural, one {# adjustment} other {# adjustments}} of closed months billed in this month.',
  'month.csv': 'Download as CSV',
  'month.csvNote': 'UTF-8 with a byte order mark and CRLF line ends: Excel opens it as it is.',
  'month.statements': 'Statements (printable):',
  // the months
  'nav.months': 'Months',
  'months.title': 'Billing months',
  'months.intro': 'Every month from the first charge to {month}, the current month: closed or open.',
  'months.statements': 'Statements',
  // a charge line
  'explain.month': 'Billing month',
  'explain.networkOf': ' (network {networkId})',
  'explain.eventId': 'Event id',
  'explain.data': 'Data as stored',
  'explain.knownAt': 'As the ledger knew it at {knownAt}.',
  'explain.inWordsAndStored': 'Each event in words, with its article, then as the log stores it.',
  'explain.unknown':
    'No charge line {lineId}{knownAt, select, none {} other { as the ledger knew it at {knownAt}}} that you may see.',
  'explain.notALineId': '"{lineId}" is not a charge line id: ids look like c-100:2025-10:monthly-basic.',
  // errors
  'error.back': 'Back to the contracts',
  'error.notFound': 'Not found',
  'error.noSuchPage': 'The console has no page at {path}.',
  'error.badRequest': 'Please check what was asked',
  'error.unavailable': 'Cannot answer now',
  'error.badDate': 'The date "{value}" is not a calendar date (YYYY-MM-DD, {first} to {last}).',
  'error.badKnownAt':
    'The time "{value}" is not a time: use 2025-10-05T12:00 (Japan time), 2025-10-05T12:00:00+09:00, or a date.',
  'error.badMonth': 'The month "{value}" is not a month (YYYY-MM).',
  'error.badStatus':
    'The status "{value}" is not one of: accepted, in-service, termination-scheduled, terminated.',
  'error.viewsUnavailable':
    'This page reads the views, which cannot answer now: {problem}. Try again after `vpn-ledger rebuild`.',
} as const;

export type ConsoleKey = keyof typeof EN;

const JA: Messages<ConsoleKey> = {
  'console.title': 'vpn-ledger 管理コンソール',
  'nav.label': 'コンソール',
  'nav.language': '言語',
  'nav.contracts': '契約',
  'nav.month': '請求月',
  'nav.open': '表示',
  'nav.signedInAs': '{principal} としてサインイン中',
  'nav.signOut': 'サインアウト',
  'nav.skip': '本文へ移動',
  print: '印刷',
  'details.openAll': 'すべての条項を表示',
  'details.closeAll': 'すべての条項を閉じる',
  'signIn.title': 'サインイン',
  'signIn.token': 'トークン',
  'signIn.hint':
    '`vpn-ledger token add` で発行したトークンを入力してください。サインインすると12時間のセッションが始まり、サインアウトするまで、このブラウザがそのID（トークンそのものではありません）をコンソールにだけ送るCookieに保持します。URLには含めません。',
  'signIn.submit': 'サインイン',
  'signIn.required': 'このページを表示するにはサインインしてください。',
  'signIn.invalid': 'そのトークンは登録されていないか、失効しているか、有効期限が切れています。',
  'signIn.tooMany':
    '{by, select, address {このアドレスからの} other {このトークンでの}}サインインの試行が多すぎます。{seconds}秒後にもう一度お試しください。',
  'signIn.empty': 'トークンを入力してください。',
  'signIn.signedOut': 'サインアウトしました。',
  'signIn.crossSite': 'このコンソール以外から送信されたフォームのため、受け付けません。',
  'search.title': '契約',
  'search.legend': '契約の検索',
  'search.id': '契約ID（前方一致）',
  'search.holder': '契約者ID',
  'search.network': 'VPN網ID',
  'search.status': '状態',
  'search.anyStatus': 'すべて',
  'search.asOf': '状態の基準日',
  'search.submit': '検索',
  'search.none': '閲覧できる契約のうち、条件に合うものはありません。',
  'search.count': '{count}件',
  'search.caption': '{date}時点の状態',
  'search.notYet': '（承諾前）',
  'search.more': '次のページ',
  'col.network': 'VPN網',
  'col.type': '種類',
  'col.holder': '契約者',
  'col.itemName': '品目',
  'col.access': '閲覧範囲',
  'access.staff': 'すべて（当社）',
  'access.holder': 'すべて（契約者）',
  'access.parent-holder': '設定情報のみ（親たる契約の契約者、第11条）',
  'contract.title': '契約 {contractId}',
  'contract.legend': '表示する時点',
  'contract.asOf': '基準日',
  'contract.knownAt': '記録時点（日本時間。空欄は現在）',
  'contract.month': '料金の月',
  'contract.show': '表示',
  'contract.now': '現在の記録で表示',
  'contract.reading':
    '{asOf}時点で有効なもの。{knownAt, select, none {台帳が現在記録しているもの} other {{knownAt}時点で台帳が記録していたもの}}{position, select, none {} other {（位置{position}まで読み取り）}}。',
  'contract.parentHolder':
    'VPN網 {networkId} の親たる契約の契約者として、この契約の設定情報と、指示した設定変更を表示しています（第10条、第11条）。料金、最低利用期間及び返還期限は表示しません。',
  'contract.state': '{date}時点の状態',
  'contract.timeline': '経緯',
  'contract.terms': '最低利用期間の履歴と起算の事由',
  'contract.deadlines': '返還期限（第14条第3項）',
  'contract.charges': '{month}の料金',
  'contract.wholeMonth': '{month}の請求全体',
  'state.termYears': '{years}年。現在の期間: {term}',
  'terms.none': '最低利用期間はまだありません。最低利用期間の起算日は課金開始日です（第5条）。',
  'charges.why': '根拠',
  'charges.explain': '内訳',
  'charges.explainLine': '料金明細 {lineId} の内訳',
  'charges.corrected': '調整対象の明細',
  'charges.total': '合計: {total}',
  'month.title': '{month}の請求',
  'month.closed': '締め済み。',
  'month.open': '未締め。',
  'month.billTo': '請求先 {billTo}',
  'month.subtotal': '{lines}件、{total}',
  'month.adjustments': '締め済みの月の調整{count}件をこの月に請求します。',
  'month.csv': 'CSVでダウンロード',
  'month.csvNote': 'UTF-8（BOM付き）、改行CRLFの形式です。Excelでそのまま開けます。',
  'month.statements': '明細書（印刷用）:',
  'nav.months': '請求月の一覧',
  'months.title': '請求月の一覧',
  'months.intro': '最初の課金から今月（{month}）までのすべての月と、その締めの状況です。',
  'months.statements': '明細書',
  'explain.month': '請求月',
  'explain.networkOf': '（VPN網 {networkId}）',
  'explain.eventId': 'イベントID',
  'explain.data': '記録されたデータ',
  'explain.knownAt': '{knownAt}時点で台帳が記録していたもの。',
  'explain.inWordsAndStored': '各イベントを内容と条項で示し、続けてログに記録されたとおりに示します。',
  'explain.unknown':
    '料金明細 {lineId} は{knownAt, select, none {} other {{knownAt}時点の台帳に}}ないか、閲覧できません。',
  'explain.notALineId':
    '「{lineId}」は料金明細のIDではありません。IDは c-100:2025-10:monthly-basic のような形です。',
  'error.back': '契約の検索に戻る',
  'error.notFound': '見つかりません',
  'error.noSuchPage': 'コンソールに {path} というページはありません。',
  'error.badRequest': '入力を確認してください',
  'error.unavailable': '現在表示できません',
  'error.badDate': '「{value}」は日付（YYYY-MM-DD、{first}～{last}）ではありません。',
  'error.badKnownAt':
    '「{value}」は日時ではありません。2025-10-05T12:00（日本時間）、2025-10-05T12:00:00+09:00、又は日付で指定してください。',
  'error.badMonth': '「{value}」は年月（YYYY-MM）ではありません。',
  'error.badStatus':
    '状態「{value}」は accepted、in-service、termination-scheduled、terminated のいずれでもありません。',
  'error.viewsUnavailable':
    'このページはビューを読みますが、現在ビューを使えません: {problem}。`vpn-ledger rebuild` の後に再度お試しください。',
};

export const CONSOLE_MESSAGES: Catalog<ConsoleKey> = { en: EN, ja: JA };

const format = formatterOf(CONSOLE_MESSAGES);

export const consoleText = (lang: Lang, key: ConsoleKey, values: Values = {}): string =>
  format(lang, key, values);
