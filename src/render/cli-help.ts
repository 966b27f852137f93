/**
 * The command line's help, in both languages: what each subcommand, argument and option is for,
 * commander's own words (the headings and the usage line of `--help`, its option errors), and the
 * words standing for what an option takes (`<file>`, `<YYYY-MM>`). One catalog, typed by its
 * English keys, so a description without its Japanese fails the type check. The flags themselves
 * (`--store`, `-q`) and the values one types (`table`, `sqlite:PATH`) stay as they are.
 */
import { type Catalog, formatterOf, type Messages, type Values } from './intl';
import type { Lang } from './lang';

const EN = {
  // the program
  program:
    'Event-sourced contract ledger for IIJ Managed VPN PRO contracts (terms edition 2024-08-01).\nStore: --store sqlite:PATH | :memory: | esdb://... (env VPN_LEDGER_STORE; default sqlite:./ledger.db).',
  'program.after':
    '\nExit codes: 0 ok; 1 rejected, unknown or failed verification; 2 usage error; 70 internal error;\n74 the output could not be written; 141 the reader closed the pipe (nothing is said).\nSee docs/cli.md and examples/README.md.',
  'option.help': 'display help for command',
  'option.version': 'output the version number',
  'command.help': 'display help for command',
  // commander's headings and the words of a usage line
  'heading.usage': 'Usage:',
  'heading.arguments': 'Arguments:',
  'heading.options': 'Options:',
  'heading.commands': 'Commands:',
  'heading.globalOptions': 'Global Options:',
  'extra.choices': 'choices: {values}',
  'extra.default': 'default: {value}',
  'extra.preset': 'preset: {value}',
  'extra.env': 'env: {name}',
  'term.options': 'options',
  'term.command': 'command',
  'term.file': 'file',
  'term.path': 'path',
  'term.spec': 'spec',
  'term.id': 'id',
  'term.contractId': 'contractId',
  'term.chargeLineId': 'chargeLineId',
  'term.month': 'YYYY-MM',
  'term.date': 'date',
  'term.time': 'time',
  'term.format': 'format',
  'term.lang': 'lang',
  'term.n': 'n',
  'term.address': 'address',
  'term.level': 'level',
  'term.principal': 'principal',
  'term.text': 'text',
  // commander's errors, as commander words them in English
  'error.missingArgument': "missing required argument ''{name}''",
  'error.optionMissingArgument': "option ''{flags}'' argument missing",
  'error.missingMandatoryOptionValue': "required option ''{flags}'' not specified",
  'error.unknownOption': "unknown option ''{flag}''{suggestion}",
  'error.unknownCommand': "unknown command ''{name}''{suggestion}",
  'error.excessArguments':
    "too many arguments{command, select, none {} other { for ''{command}''}}. Expected {expected} {expected, plural, one {argument} other {arguments}} but got {received}.",
  'error.invalidOptionValue': "option ''{flags}'' argument ''{value}'' is invalid. {reason}",
  'error.invalidArgumentValue':
    "command-argument value ''{value}'' is invalid for argument ''{name}''. {reason}",
  'error.choices': 'Allowed choices are {choices}.',
  'error.suggestion':
    '{count, plural, =1 {\n(Did you mean {candidates}?)} other {\n(Did you mean one of {candidates}?)}}',
  'error.number': '{name} must be a whole number from 0 to {max}, got "{value}".',
  // options many subcommands share
  'opt.store': 'event store: sqlite:PATH | :memory: | esdb://HOST:PORT?tls=false',
  'opt.views':
    'views of an EventStoreDB store: sqlite:PATH (kept by `vpn-ledger project`); an SQLite ledger holds its own',
  'opt.lang': 'language of the words: en or ja (else VPN_LEDGER_LANG, else the locale: LC_ALL, LANG)',
  'opt.format': 'output format',
  'explain.format': 'output format (text: a reply to paste for a customer)',
  'opt.knownAt': 'as the ledger knew it at this time (recordedAt <= time)',
  'opt.asOf': 'as effective on this Japan date',
  'opt.asOfToday': 'as effective on this Japan date (default: today)',
  'opt.catalog':
    'a provider catalog file (vpn-ledger.catalog/v1) whose editions are added to the shipped ones',
  'opt.month': 'the billing month',
  'opt.excel':
    'with --format csv: UTF-8 with a byte order mark and CRLF line ends, which Excel opens as it is (the default CSV is plain UTF-8 for programs)',
  'opt.contract': 'only this contract',
  'opt.stopOnError': 'stop at the first rejected or unreadable line (default: go on)',
  'opt.key': 'the Ed25519 private key that signs seals (PEM; env {env})',
  'opt.publicKey':
    'a public key seals may be signed with (PEM; repeatable; env {env}): signatures are checked',
  'opt.seal':
    'a seal kept outside the ledger (JSON from `vpn-ledger seal --format json`, `close --format json` or `export --format json`; repeatable)',
  'opt.actor': 'who does it (staff id; env {env})',
  'opt.tokens': 'the token file (hashed bearer tokens; `vpn-ledger token add`)',
  // apply
  apply: 'execute JSON Lines of commands (a file, or - for stdin) through the ledger',
  'apply.file': 'a .jsonl file of commands, or - to read stdin',
  'apply.quiet': 'report only rejected lines and the summary',
  'apply.format': 'text for people, json for one result per line',
  // charges
  charges: 'charge lines of a billing month, with totals per contractor billed',
  'charges.asOf': 'as effective on this Japan date (facts dated later left out)',
  // what-if
  'what-if':
    'what commands (a file, or - for stdin; the apply format) would do, recording nothing: decisions, events, charges month by month against today, terms, return deadlines',
  'what-if.file': 'a .jsonl file of commands (or one command), or - to read stdin',
  'what-if.asOf': 'today and the what-if both as effective on this Japan date',
  'what-if.stopOnError': 'stop at the first rejected or unreadable line (default: go on, as apply does)',
  'what-if.format': 'table for people, json for machines',
  // timeline, explain, state, terms, deadlines
  timeline: "a contract's history in words, with the article behind each step",
  'contract.contractId': 'the contract',
  'timeline.events': 'also show the event type, id and recording time of each step',
  'timeline.asOf': 'as effective on this Japan date (later steps left out)',
  explain: 'a charge line: its events, article, policy and formula',
  'explain.chargeLineId': 'a line id from `vpn-ledger charges`, e.g. c-100:2025-10:monthly-basic',
  state: 'a contract as it stood on a date: status, fees, terms, options, equipment',
  terms: 'minimum terms of a contract and its options, with the reason each started (Art. 5, 17(3))',
  deadlines: 'equipment to be returned (Art. 14(3), 16(2)): due dates and status (open ones by default)',
  'deadlines.asOf': 'status on this Japan date (default: today)',
  'deadlines.all': 'also items already returned',
  // replay, verify, rebuild, project
  replay:
    'build every view afresh from the log (the ledger is only read): events per second and a digest per view',
  'replay.verify': 'compare with a second replay and with the stored views; exit 1 on a difference',
  verify:
    'check hash chains, event schemas, global positions and seals; exit 1 with the first broken link per stream',
  rebuild: 'build the views again from the log, in place',
  project: "bring an EventStoreDB store's views file up to date; --follow keeps it current",
  'project.follow': 'keep following the log until SIGINT or SIGTERM, resuming after failures',
  // close, seal, keygen
  close: 'close a billing month: its lines are invoiced, sealed, and never change again',
  'close.commandId': 'the command id (default close-YYYY-MM: the same close again is a repeat)',
  'close.through': 'every open month up to this one, in order, each its own close and seal',
  seal: 'seal the log up to its head: a signed digest, recorded in the log and printed to publish',
  'seal.commandId': 'the command id (default: a new one)',
  keygen: 'make an Ed25519 key pair for seals: PATH (private) and PATH.pub (public)',
  'keygen.out': 'where to write the private key; the public key goes to PATH.pub',
  'keygen.force': 'replace existing key files',
  // export
  export: 'invoice documents of a closed month, one per contractor billed (schema vpn-ledger.invoice/v1)',
  'export.draft': 'export an open month, marked as a draft',
  'export.billTo': 'only the document of this contractor',
  'export.totals':
    'with --format csv: the totals per contractor billed and of them all, a table of their own (the lines are the default)',
  // months, statement
  months:
    'every billing month from the first charge to the current one: open or closed, by whom and when, the close id, lines, total, adjustments carried, the seal digest',
  statement:
    'the statement of charges of one contractor billed for a closed month: a printable HTML page (amounts without consumption tax)',
  'statement.month': 'the billing month (closed)',
  'statement.billTo': 'the contractor billed',
  'statement.out': 'write the page to FILE (default: stdout)',
  // demo
  demo: 'load examples/demo.jsonl into a fresh ledger (default {store}) and show its {month} charges and open return deadlines',
  'demo.store': 'where to build the demo ledger (ignores VPN_LEDGER_STORE)',
  'demo.month': 'the month whose charges to show',
  'demo.file': 'another history to load instead of examples/demo.jsonl',
  'demo.overwrite': 'allow deleting an existing file named with --store',
  // catalog
  catalog: "the provider catalog's editions: models (Art. 3), designated models (Art. 17(2)), Annex 4",
  'catalog.edition': 'show one edition in full',
  'catalog.on': 'the date whose edition in force is named (default: today in Japan)',
  // serve
  serve: 'the ledger over HTTP: commands, reads, charges; OpenAPI at /openapi.json',
  'serve.port': 'TCP port (0: any free one)',
  'serve.host': 'address to listen on',
  'serve.sealKey':
    "the Ed25519 private key (PEM) that seals month closes sent to POST /v1/months/'{month}'/close (env {env}); without it closes get 503 NO_SEAL_KEY",
  'serve.logLevel': 'pino log level',
  'serve.maxBodyBytes': 'largest request body',
  'serve.maxBatchLines': 'most command lines in one batch',
  'serve.maxQueue': 'most commands waiting; beyond, 503 with Retry-After',
  'serve.requestTimeoutMs': 'longest a request may take to arrive, wait or be answered',
  'serve.secureCookies':
    "mark the web console's sign-in cookie Secure (when it is reached over https, e.g. behind a TLS proxy)",
  // token
  token: 'bearer tokens of `vpn-ledger serve`: add (prints the token once), list, revoke',
  'token.add': 'make a token for a principal: staff, staff:<name> or contractor:<id>',
  'token.principal': 'staff, staff:<name> or contractor:<contractor id>',
  'token.label': 'what the token is for (a billing system, a person)',
  'token.expiresInDays': 'the token stops being accepted after this many days (default: never)',
  'serve.noWebhooks':
    'do not deliver the outbox of an SQLite ledger here (a `vpn-ledger webhooks deliver` does)',
  'token.list': 'the tokens: id, principal, label, created, revoked (never the tokens themselves)',
  'token.revoke': 'revoke a token by its id (a running server stops accepting it within a second)',
  'token.id': 'the token id (`vpn-ledger token list`)',
  // webhooks
  webhooks:
    "webhook subscriptions (a month closed, a contract's charges changed, an adjustment recorded): add (prints the signing secret once), list, remove, redeliver, deliver",
  'webhooks.add': 'subscribe a receiver (an http or https URL) to kinds of announcements',
  'webhooks.url': 'where deliveries are POSTed',
  'webhooks.kinds': 'comma-separated: {kinds}',
  'webhooks.label': 'what the receiver is (a billing system)',
  'webhooks.list':
    'the subscriptions (never their secrets), what each has pending, and the parked deliveries',
  'webhooks.remove': 'remove a subscription, its secret and its deliveries',
  'webhooks.id': 'the subscription id (`vpn-ledger webhooks list`)',
  'webhooks.redeliver': 'send a delivery again (a parked one: its subscription goes on)',
  'webhooks.delivery': 'the delivery id (`vpn-ledger webhooks list`)',
  'webhooks.deliver': 'deliver the outbox until SIGINT or SIGTERM (serve does it for an SQLite ledger)',
  'webhooks.timeoutMs': 'how long a webhook receiver has to answer',
  'webhooks.attempts': 'attempts before a delivery is parked',
  'webhooks.backoffMs': 'the pause after a first failed attempt (it doubles after each)',
  'webhooks.pollMs': 'how often the outbox is looked at for deliveries written elsewhere',
} as const;

export type HelpKey = keyof typeof EN;

const JA: Messages<HelpKey> = {
  program:
    'IIJマネージドVPN PROサービスの契約台帳（イベントソーシング。個別規程 2024年8月1日版）。\nストア: `--store sqlite:PATH` | `:memory:` | `esdb://...`（環境変数 VPN_LEDGER_STORE。既定は `sqlite:./ledger.db`）。',
  'program.after':
    '\n終了コード: 0 正常。1 却下、不明、又は検証の失敗。2 使い方の誤り。70 内部エラー。\n74 出力を書き込めなかった。141 読み手がパイプを閉じた（何も表示しません）。\n詳しくは `docs/cli.md` と `examples/README.md` を参照してください。',
  'option.help': 'このコマンドの使い方を表示します',
  'option.version': 'バージョンを表示します',
  'command.help': 'コマンドの使い方を表示します',
  'heading.usage': '使い方:',
  'heading.arguments': '引数:',
  'heading.options': 'オプション:',
  'heading.commands': 'コマンド:',
  'heading.globalOptions': '共通のオプション:',
  'extra.choices': '選択肢: {values}',
  'extra.default': '既定値: {value}',
  'extra.preset': '値を省略したとき: {value}',
  'extra.env': '環境変数: {name}',
  'term.options': 'オプション',
  'term.command': 'コマンド',
  'term.file': 'ファイル',
  'term.path': 'パス',
  'term.spec': 'ストア',
  'term.id': 'ID',
  'term.contractId': '契約ID',
  'term.chargeLineId': '料金明細ID',
  'term.month': '年月',
  'term.date': '日付',
  'term.time': '時刻',
  'term.format': '形式',
  'term.lang': '言語',
  'term.n': '数',
  'term.address': 'アドレス',
  'term.level': '水準',
  'term.principal': '利用者',
  'term.text': '文',
  'error.missingArgument': '引数 {name} が指定されていません',
  'error.optionMissingArgument': 'オプション {flags} に値が指定されていません',
  'error.missingMandatoryOptionValue': '必須のオプション {flags} が指定されていません',
  'error.unknownOption': '{flag} というオプションはありません{suggestion}',
  'error.unknownCommand': '「{name}」というコマンドはありません{suggestion}',
  'error.excessArguments':
    '{command, select, none {} other {{command} の}}引数が多すぎます: {expected}個のところ{received}個指定されています。',
  'error.invalidOptionValue': 'オプション {flags} の値「{value}」は使えません。{reason}',
  'error.invalidArgumentValue': '引数 {name} の値「{value}」は使えません。{reason}',
  'error.choices': '使える値は {choices} です。',
  'error.suggestion':
    '{count, plural, =1 {\n（{candidates} のことですか？）} other {\n（{candidates} のいずれかのことですか？）}}',
  'error.number': '{name} には0から{max}までの整数を指定してください（指定された値: 「{value}」）。',
  'opt.store': 'イベントストア: `sqlite:PATH` | `:memory:` | `esdb://HOST:PORT?tls=false`',
  'opt.views':
    'EventStoreDB のストアのビュー: `sqlite:PATH`（`vpn-ledger project` が保ちます）。SQLite の台帳は自らのビューを持ちます',
  'opt.lang':
    '表示の言語: `en` 又は `ja`（指定がなければ VPN_LEDGER_LANG、それもなければロケール: LC_ALL、LANG）',
  'opt.format': '出力の形式',
  'explain.format': '出力の形式（text: お客様への返信に貼り付ける文章）',
  'opt.knownAt': 'この時刻に台帳が知っていたとおりに答えます（記録日時がこの時刻以前のイベントだけ）',
  'opt.asOf': 'この日（日本時間）の時点で有効なものとして答えます',
  'opt.asOfToday': 'この日（日本時間）の時点で有効なものとして答えます（既定: 今日）',
  'opt.catalog': '当社カタログのファイル（`vpn-ledger.catalog/v1`）。その版を同梱の版に加えます',
  'opt.month': '料金月',
  'opt.excel':
    '`--format csv` と共に: バイト順マーク付きの UTF-8 で改行を CR と LF の組にし、表計算ソフトのエクセルでそのまま開ける形にします（既定の CSV はプログラム向けの素の UTF-8）',
  'opt.contract': 'この契約だけ',
  'opt.stopOnError': '最初に却下された行又は読めない行で止めます（既定: 続けます）',
  'opt.key': '封印に署名する Ed25519 の秘密鍵（PEM。環境変数 {env}）',
  'opt.publicKey': '封印の署名を検証する公開鍵（PEM。複数指定可。環境変数 {env}）: 署名を検証します',
  'opt.seal':
    '台帳の外で保管された封印（`vpn-ledger seal --format json`、`close --format json` 又は `export --format json` の出力の JSON。複数指定可）',
  'opt.actor': '実行する者（当社の担当者のID。環境変数 {env}）',
  'opt.tokens': 'トークンファイル（ベアラートークンのハッシュ。`vpn-ledger token add` で追加）',
  apply: '`JSON Lines` で書かれたコマンド（ファイル、又は標準入力を表す `-`）を台帳で実行します',
  'apply.file': 'コマンドの `.jsonl` ファイル、又は標準入力を読む `-`',
  'apply.quiet': '却下された行と集計だけを表示します',
  'apply.format': '`text` は人が読む形、`json` は1行ごとに1件の結果',
  charges: '料金月の料金明細と、請求先ごとの合計',
  'charges.asOf': 'この日（日本時間）の時点で有効なものとして答えます（それより後の日付の事実は除外）',
  'what-if':
    'コマンド（ファイル、又は標準入力を表す `-`。apply と同じ形）を実行したらどうなるかを、何も記録せずに示します: 判断、イベント、今日の金額と比べた月ごとの料金、最低利用期間、返還期限',
  'what-if.file': 'コマンド（1件でも可）の `.jsonl` ファイル、又は標準入力を読む `-`',
  'what-if.asOf': '現在の金額と試行の結果をどちらもこの日（日本時間）の時点で有効なものとして答えます',
  'what-if.stopOnError': '最初に却下された行又は読めない行で止めます（既定: apply と同じく続けます）',
  'what-if.format': '`table` は人が読む表、`json` はプログラム向け',
  timeline: '契約の経緯を、各段階の根拠となる条項とともに文章で示します',
  'contract.contractId': '契約',
  'timeline.events': '各段階のイベントの種類、ID及び記録日時も表示します',
  'timeline.asOf': 'この日（日本時間）の時点で有効なものとして答えます（それより後の段階は除外）',
  explain: '料金明細の根拠: イベント、条項、方針及び計算式',
  'explain.chargeLineId': '`vpn-ledger charges` が示す明細のID（例: `c-100:2025-10:monthly-basic`）',
  state: 'ある日の時点の契約: 状態、料金、最低利用期間、オプションサービス、VPN機器等',
  terms: '契約とそのオプションサービスの最低利用期間と、それぞれが始まった事由（第5条、第17条第3項）',
  deadlines: '返還すべきVPN機器等（第14条第3項、第16条第2項）: 返還期限と状況（既定では未了のものだけ）',
  'deadlines.asOf': 'この日（日本時間）の時点の状況（既定: 今日）',
  'deadlines.all': '返還済みのものも表示します',
  replay:
    'すべてのビューをログから新たに作ります（台帳は読むだけです）: 毎秒のイベント数と、ビューごとのダイジェスト',
  'replay.verify': '2回目の再生及び保存されたビューと比べます。違いがあれば終了コード1',
  verify:
    'ハッシュチェーン、イベントのスキーマ、グローバル位置及び封印を検証します。不整合があれば、ストリームごとの最初の不整合を示して終了コード1',
  rebuild: 'ログからビューをその場で作り直します',
  project:
    'EventStoreDB のストアのビューファイルを最新にします。`--follow` を付けると最新の状態を保ち続けます',
  'project.follow': 'SIGINT 又は SIGTERM を受けるまでログを追い続け、障害の後は再開します',
  close: '料金月を締めます: 明細を請求し、封印し、以後は変えません',
  'close.commandId': 'コマンドID（既定は `close-YYYY-MM`。同じ締めを再び送ると適用済みとして扱います）',
  'close.through': 'この月までの未締めの月をすべて順に締め、それぞれを封印します',
  seal: 'ログを末尾まで封印します: 署名したダイジェストをログに記録し、公開用に表示します',
  'seal.commandId': 'コマンドID（既定: 新たに作ります）',
  keygen: '封印用の Ed25519 の鍵の組を作ります: PATH（秘密鍵）と PATH.pub（公開鍵）',
  'keygen.out': '秘密鍵を書き込む場所。公開鍵は PATH.pub に書き込みます',
  'keygen.force': '既にある鍵のファイルを置き換えます',
  export: '締めた月の請求書。請求先ごとに1通（スキーマ `vpn-ledger.invoice/v1`）',
  'export.draft': 'まだ締めていない月を下書きとして出力します',
  'export.billTo': 'この請求先の請求書だけ',
  'export.totals':
    '`--format csv` と共に: 請求先ごとの合計と総合計を、明細とは別の表として出力します（既定は明細）',
  months:
    '最初の課金から今月までのすべての請求月: 未締めか締め済みか、誰がいつ締めたか、締めのID、明細数、合計、繰り越した調整、封印のダイジェスト',
  statement: '締めた月の請求先1件の料金明細書: 印刷できる HTML のページ（金額は消費税抜き）',
  'statement.month': '料金月（締め済み）',
  'statement.billTo': '請求先',
  'statement.out': 'ページを指定のファイルに書き込みます（既定は標準出力）',
  demo: '`examples/demo.jsonl` を新しい台帳（既定は `{store}`）に読み込み、{monthText}の料金と未了の返還期限を示します',
  'demo.store': 'デモの台帳を作る場所（VPN_LEDGER_STORE は使いません）',
  'demo.month': '料金を示す月',
  'demo.file': '`examples/demo.jsonl` の代わりに読み込む経緯',
  'demo.overwrite': '`--store` で指定した既存のファイルを削除することを認めます',
  catalog: '当社カタログの版: 機器種別（第3条）、指定機器種別（第17条第2項）、別紙4',
  'catalog.edition': '1つの版を詳しく表示します',
  'catalog.on': 'この日に適用される版を示します（既定: 日本時間の今日）',
  serve: 'HTTP で台帳を提供します: コマンド、照会、料金。OpenAPI は `/openapi.json`',
  'serve.port': 'TCP のポート（0: 空いているもの）',
  'serve.host': '待ち受けるアドレス',
  'serve.sealKey':
    "`POST /v1/months/'{month}'/close` で送られた月の締めを封印する Ed25519 の秘密鍵（PEM。環境変数 {env}）。なければ締めは503 NO_SEAL_KEY となります",
  'serve.logLevel': 'ログの水準（pino）',
  'serve.maxBodyBytes': '要求の本文の最大バイト数',
  'serve.maxBatchLines': '1回の一括送信に含められるコマンドの最大行数',
  'serve.maxQueue': '待たせるコマンドの最大数。超えると503（Retry-After 付き）',
  'serve.requestTimeoutMs': '要求の到着、待ち及び応答にかけられる最長の時間（ミリ秒）',
  'serve.secureCookies':
    '管理画面のサインインのクッキーに Secure を付けます（TLS のプロキシの背後など、https で利用するとき）',
  token: '`vpn-ledger serve` のベアラートークン: 追加（トークンを一度だけ表示）、一覧、失効',
  'token.add': '利用者のトークンを作ります: `staff`、`staff:<name>` 又は `contractor:<id>`',
  'token.principal': '`staff`、`staff:<name>` 又は `contractor:<契約者ID>`',
  'token.label': 'トークンの用途（請求システム、担当者など）',
  'token.expiresInDays': 'この日数が過ぎるとトークンを受け付けなくなります（既定: 期限なし）',
  'serve.noWebhooks':
    'SQLite の台帳の送信待ちのウェブフックをここでは配信しません（`vpn-ledger webhooks deliver` が配信します）',
  'token.list': 'トークンの一覧: ID、利用者、用途、作成日時、失効日時（トークンそのものは表示しません）',
  'token.revoke': 'トークンをIDで失効させます（稼働中のサーバーは1秒以内に受け付けなくなります）',
  'token.id': 'トークンID（`vpn-ledger token list`）',
  webhooks:
    'ウェブフックの購読（月の締め、契約の料金の変更、調整の記録）: 追加（署名の秘密鍵を一度だけ表示）、一覧、削除、再配信、配信',
  'webhooks.add': '受信先（`http` 又は `https` のアドレス）に知らせの種類を購読させます',
  'webhooks.url': '配信を POST で送る先',
  'webhooks.kinds': 'コンマ区切り: {kinds}',
  'webhooks.label': '受信先の説明（請求システムなど）',
  'webhooks.list': '購読の一覧（秘密鍵は表示しません）、それぞれの送信待ちの件数、及び保留中の配信',
  'webhooks.remove': '購読を、その秘密鍵と配信とともに削除します',
  'webhooks.id': '購読のID（`vpn-ledger webhooks list`）',
  'webhooks.redeliver': '配信をもう一度送ります（保留中のものなら、その購読の配信が再開します）',
  'webhooks.delivery': '配信のID（`vpn-ledger webhooks list`）',
  'webhooks.deliver':
    'SIGINT 又は SIGTERM を受けるまで送信待ちの配信を送ります（SQLite の台帳では serve が行います）',
  'webhooks.timeoutMs': 'ウェブフックの受信先が応答するまで待つ時間（ミリ秒）',
  'webhooks.attempts': '配信を保留にするまでの試行回数',
  'webhooks.backoffMs': '最初の失敗の後の待ち時間（ミリ秒。失敗のたびに倍になります）',
  'webhooks.pollMs': '他所で書き込まれた配信を探しに送信待ちを見る間隔（ミリ秒）',
};

export const HELP_MESSAGES: Catalog<HelpKey> = { en: EN, ja: JA };

const format = formatterOf(HELP_MESSAGES);

/** A word of the command line's help, in the language. */
export const help = (lang: Lang, key: HelpKey, values: Values = {}): string => format(lang, key, values);
