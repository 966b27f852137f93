/**
 * The command line's messages beyond the ledger's facts (ui.ts): why a file, a key or a store
 * cannot be used, what the operators' commands (`replay`, `rebuild`, `project`, `serve`, `token`)
 * did, the progress bars, and what a run says when its output cannot be written. One catalog,
 * typed by its English keys, so a message without its Japanese fails the type check.
 */
import { type Catalog, formatterOf, type Messages, type Values } from './intl';
import type { Lang } from './lang';

const EN = {
  // how a run ends
  'run.internal': 'internal error: {message}',
  'run.debugHint': '(set VPN_LEDGER_DEBUG=1 for the stack trace)',
  'run.outputFailed': 'cannot write the output: {reason}.',
  'run.writeFailure':
    '{code, select, EPIPE {the reader closed the pipe (EPIPE)} ENOSPC {no space left on the device (ENOSPC)} destroyed {the output was closed} other {{detail}}}',
  // files
  'file.cannotRead':
    'Cannot read {what, select, privateKey {the private key file } publicKey {the public key file } seal {the seal file } catalog {the catalog file } other {}}{path}: {problem, select, ENOENT {no such file} EACCES {permission denied} EPERM {permission denied} EISDIR {it is a directory} other {{problem}}}.',
  'file.notJson':
    'The {what, select, seal {seal file} catalog {catalog file} other {token file}} {path} is not JSON: {detail}',
  'file.noSeal': 'The file {path} holds no seal.',
  // stores and views
  'store.views': 'Views "{spec}": use sqlite:PATH.',
  'store.spec':
    '{problem, select, no_file {Store "{spec}" names no file: use sqlite:PATH, e.g. sqlite:./ledger.db.} no_host {Store "{spec}" names no EventStoreDB host: use esdb://HOST:PORT?tls=false, e.g. esdb://localhost:2113?tls=false.} other {Unknown store "{spec}": use sqlite:PATH, :memory: or esdb://HOST:PORT?tls=false (default {default}).}}',
  'store.notALedger':
    "{path} is not a vpn-ledger file: {reason, select, empty {it is an empty database} no_tables {it is an SQLite database without the ledger's tables (another program's file?)} no_events {it has schema version {version} but no ledger events table} not_sqlite {it is not an SQLite database} other {{detail}}}.",
  'store.readOnly':
    '{what, select, file {The ledger file {path} is read-only: nothing can be written to it.} directory {The directory {directory} is read-only: the ledger {path} cannot be written (SQLite keeps its write-ahead log next to the file).} other {{detail}}}',
  'store.failed': '{store}: {detail}',
  'store.corrupt':
    '{store}: Event {streamId}@{revision} {position, select, none {cannot be read} other {(global position {position}) is corrupt}}: {reason}. Run `vpn-ledger verify` to check the whole log.',
  'views.needFile':
    'A {kind} store keeps its views in a views file: name it with --views sqlite:PATH (kept by `vpn-ledger project`, or VPN_LEDGER_VIEWS).',
  'views.cannotOpen': 'Cannot open the views file {path}: {detail}',
  // seals and keys
  'key.needed':
    'A seal needs the private key: name its file with --key PATH or {env} (make one with `vpn-ledger keygen`).',
  'key.invalid':
    '{problem, select, not_private {The key file {path} is not a private key in PEM: {detail}} private_type {The key file {path} is a {type} key; seals need an Ed25519 key.} not_public {The key file {path} is not a public key in PEM: {detail}} other {The key file {path} is a {type} key; seals are Ed25519.}}',
  'keygen.exists':
    '{path} exists; pass --force to replace it (seals signed with the old key then verify only with the old public key).',
  'keygen.cannotWrite': 'Cannot write the key to {path}: {detail}.',
  // options that go together
  'options.excelNeedsCsv': '--excel goes with --format csv.',
  'options.totalsNeedsCsv':
    '--totals goes with --format csv (the JSON carries the totals in its own field, and the table shows them).',
  'close.monthOrThrough':
    'close needs one of --month YYYY-MM (one month) or --through YYYY-MM (every open month up to it).',
  'close.commandIdWithThrough':
    '--command-id goes with --month: with --through each month is closed as close-YYYY-MM.',
  'statement.cannotWrite': 'Cannot write the statement to {path}: {detail}.',
  // the demo
  'demo.exists':
    '{path} exists; the demo starts from an empty ledger and would delete it. Pass --overwrite to allow that, or name another file.',
  // apply
  'apply.done':
    '{lines} command line(s): {accepted} accepted{repeated, plural, =0 {} other { ({repeated} repeated)}}, {rejected} rejected{invalidJson, plural, =0 {} other {, {invalidJson} invalid JSON}}{unreadable, plural, =0 {} other {, {unreadable} unreadable}}; {eventsWritten} event(s) written',
  'apply.outputFailed':
    'cannot write the output: {reason}. {stoppedAt, select, none {Every line was read: {done}.} other {Stopped after line {stoppedAt}: {done}. The lines after it were not applied; apply the file again to go on (what was applied is answered as repeated).}}',
  'apply.noType': '(no type)',
  'apply.noCommandId': 'no commandId',
  // a line of command input that is no command
  'line.tooLong': 'line too long: more than {bytes} bytes; not read',
  'line.notUtf8': 'not valid UTF-8 text; not read (save the file as UTF-8)',
  'line.duplicateKey': 'Duplicate key "{key}" at position {position}',
  'line.syntax': '{message}',
  // progress bars
  'progress.apply':
    'applying |{bar}| {value}/{total} lines | {rate} commands/s | {rejected} rejected | ETA {eta_formatted}',
  'progress.replay':
    '{label, select, second {second replay} stored {replay to the views} other {replay}} |{bar}| {value}/{total} events | {rate} events/s',
  'progress.verifyLog': 'checking the log |{bar}| {value}/{total} events',
  'progress.verifyViews': 'working the views out from the log |{bar}| {value}/{total} events',
  'progress.rebuildViews': 'rebuilding the views |{bar}| {value}/{total} events',
  'progress.readLog': 'reading the log: {value} events',
  'progress.closing': 'closing {month} |{bar}| {value}/{total} months',
  // replay
  'replay.done':
    'Replayed {applied} event(s){skipped, plural, =0 {} other { ({skipped} recorded after {knownAt} left out)}} from {store} into fresh views in {seconds} s: {rate} events/s',
  'replay.notCompared': 'vpn-ledger: the stored views were not compared: {problem}.',
  'replay.noViews': 'this store has no views',
  'replay.col.view': 'View',
  'replay.col.digest': 'sha-256 of its rows',
  'replay.col.check': 'Check',
  'replay.col.result': 'Result',
  'replay.check': '{check, select, second {second replay} other {stored views}}',
  'replay.same': 'same digest',
  'replay.different': 'DIFFERENT: {found} (replay {expected})',
  'replay.missing': '(missing)',
  'replay.failed': 'replay verification failed: {views} differ from the replay.',
  'replay.differs': '{view} ({check, select, second {second replay} other {stored views}})',
  'replay.verified': 'replay verified: every digest matches.',
  // rebuild, project
  'rebuild.done': 'Rebuilt the views of {store} from {events} event(s) in {seconds} s ({rate} events/s).',
  'project.inline': 'The views of {store} are current; they follow its appends in the same transaction.',
  'project.caughtUp':
    'Caught up: {events} event(s) applied; the views reflect {position, select, none {an empty log} other {position {position}}}.',
  'project.following':
    'vpn-ledger project: following {store} from {position, select, none {the start} other {position {position}}}.',
  'project.resuming': "vpn-ledger project: {detail}; resuming from the views' checkpoint in {ms} ms.",
  'project.stopped': 'vpn-ledger project: stopped.',
  // serve
  'serve.needsFile': 'serve needs a ledger file (sqlite:PATH), or :memory: for a memory store.',
  'serve.cannotListen': 'Cannot listen on {host}:{port}: {detail}',
  'serve.noTokens':
    'vpn-ledger serve: the token file {path} has no token yet: every request but /health gets 401 (add one: vpn-ledger token add --principal staff:NAME --tokens {path}).',
  'serve.listening':
    'vpn-ledger serve: listening on {url} ({store}); the OpenAPI document is at {url}/openapi.json, the web console at {url}/console',
  'serve.stopping': 'vpn-ledger serve: {signal}: finishing the requests in flight, then stopping.',
  'serve.stopFailed': 'vpn-ledger serve: while stopping: {detail}',
  'serve.stopped': 'vpn-ledger serve: stopped.',
  // token
  'token.fileProblem':
    '{problem, select, unreadable {Cannot read the token file {path}: {detail}} not_json {The token file {path} is not JSON: {detail}} principal {The token file {path}: token {id}: {detail}} other {The token file {path} is not a vpn-ledger.tokens/v1 file: {detail}}}',
  'token.cannotWrite': 'Cannot write the token file {path}: {detail}',
  'token.notPrincipal':
    '"{text}" is not a principal: use staff, staff:<name> or contractor:<contractor id> (ids use letters, digits and . _ : -).',
  'token.labelTooLong': '--label: at most 200 characters.',
  'token.badExpiry': '--expires-in-days: a whole number of days from 1 to 3650, got "{value}".',
  'token.col.expires': 'Expires',
  'token.added':
    'vpn-ledger: token {id} for {principal} added to {path}; it is shown only now (send it as Authorization: Bearer <token>).',
  'token.none': 'No tokens in {path}.',
  'token.col.id': 'Id',
  'token.col.principal': 'Principal',
  'token.col.label': 'Label',
  'token.col.created': 'Created',
  'token.col.revoked': 'Revoked',
  'token.unknown': 'No token {id} in {path} (see `vpn-ledger token list`).',
  'token.revoked': 'vpn-ledger: token {id} ({principal}) is revoked.',
} as const;

export type CliKey = keyof typeof EN;

const JA: Messages<CliKey> = {
  'run.internal': '内部エラー: {message}',
  'run.debugHint': '（VPN_LEDGER_DEBUG=1 を設定するとスタックトレースを表示します）',
  'run.outputFailed': '出力を書き込めません: {reason}。',
  'run.writeFailure':
    '{code, select, EPIPE {読み手がパイプを閉じました（EPIPE）} ENOSPC {デバイスに空きがありません（ENOSPC）} destroyed {出力が閉じられました} other {{detail}}}',
  'file.cannotRead':
    '{what, select, privateKey {秘密鍵のファイル } publicKey {公開鍵のファイル } seal {封印のファイル } catalog {カタログのファイル } other {}}{path} を読めません: {problem, select, ENOENT {ファイルがありません} EACCES {権限がありません} EPERM {権限がありません} EISDIR {ディレクトリです} other {{problem}}}。',
  'file.notJson':
    '{what, select, seal {封印のファイル} catalog {カタログのファイル} other {トークンファイル}} {path} は JSON ではありません: {detail}',
  'file.noSeal': 'ファイル {path} には封印がありません。',
  'store.views': 'ビュー「{spec}」: `sqlite:PATH` の形で指定してください。',
  'store.spec':
    '{problem, select, no_file {ストア「{spec}」にはファイルの指定がありません: `sqlite:PATH` の形（例: `sqlite:./ledger.db`）で指定してください。} no_host {ストア「{spec}」には EventStoreDB のホストの指定がありません: `esdb://HOST:PORT?tls=false` の形（例: `esdb://localhost:2113?tls=false`）で指定してください。} other {ストア「{spec}」は使えません: `sqlite:PATH`、`:memory:` 又は `esdb://HOST:PORT?tls=false` の形で指定してください（既定は `{default}`）。}}',
  'store.notALedger':
    '{path} は vpn-ledger の台帳ファイルではありません: {reason, select, empty {空のデータベースです} no_tables {台帳の表のない SQLite のデータベースです（別のプログラムのファイルではありませんか）} no_events {スキーマの版は{version}ですが、台帳のイベントの表がありません} not_sqlite {SQLite のデータベースではありません} other {{detail}}}。',
  'store.readOnly':
    '{what, select, file {台帳ファイル {path} は読み取り専用です: 何も書き込めません。} directory {ディレクトリ {directory} は読み取り専用です: 台帳 {path} に書き込めません（SQLite はファイルの隣に先行書き込みログを置きます）。} other {書き込めません: {detail}}}',
  'store.failed': '{store}: {detail}',
  'store.corrupt':
    '{store}: イベント {streamId}@{revision}{position, select, none {を読めません} other {（グローバル位置{position}）は壊れています}}: {reason}。ログ全体を `vpn-ledger verify` で検証してください。',
  'views.needFile':
    '{kind} のストアはビューをビューファイルに保ちます: `--views sqlite:PATH`（`vpn-ledger project` が保つもの。又は VPN_LEDGER_VIEWS）で指定してください。',
  'views.cannotOpen': 'ビューファイル {path} を開けません: {detail}',
  'key.needed':
    '封印には秘密鍵が必要です: そのファイルを `--key PATH` 又は {env} で指定してください（鍵は `vpn-ledger keygen` で作れます）。',
  'key.invalid':
    '{problem, select, not_private {鍵のファイル {path} は PEM の秘密鍵ではありません: {detail}} private_type {鍵のファイル {path} は {type} の鍵です。封印には Ed25519 の鍵が必要です。} not_public {鍵のファイル {path} は PEM の公開鍵ではありません: {detail}} other {鍵のファイル {path} は {type} の鍵です。封印は Ed25519 で署名されています。}}',
  'keygen.exists':
    '{path} は既にあります。置き換えるには `--force` を付けてください（古い鍵で署名した封印は、古い公開鍵でしか検証できなくなります）。',
  'keygen.cannotWrite': '鍵を {path} に書き込めません: {detail}。',
  'options.excelNeedsCsv': '--excel は --format csv と共に指定します。',
  'options.totalsNeedsCsv':
    '--totals は --format csv と共に指定します（JSON では合計は専用の項目にあり、表にも合計が示されます）。',
  'close.monthOrThrough':
    '締めには --month YYYY-MM（1か月）か --through YYYY-MM（その月までの未締めの月すべて）のどちらか一方を指定します。',
  'close.commandIdWithThrough':
    '--command-id は --month と共に指定します: --through では各月を close-YYYY-MM として締めます。',
  'statement.cannotWrite': '明細書を {path} に書き込めません: {detail}。',
  'demo.exists':
    '{path} は既にあります。デモは空の台帳から始めるため、このファイルを削除することになります。削除してよければ `--overwrite` を付け、そうでなければ別のファイルを指定してください。',
  'apply.done':
    'コマンド{lines}行: 承諾{accepted}件{repeated, plural, =0 {} other {（うち適用済み{repeated}件）}}、却下{rejected}件{invalidJson, plural, =0 {} other {、JSON不正{invalidJson}件}}{unreadable, plural, =0 {} other {、読み取り不能{unreadable}件}}。書き込んだイベント{eventsWritten}件',
  'apply.outputFailed':
    '出力を書き込めません: {reason}。{stoppedAt, select, none {すべての行を読みました: {done}。} other {{stoppedAt}行目の後で止めました: {done}。それより後の行は適用していません。続けるには同じファイルをもう一度適用してください（適用済みの行は適用済みとして扱われます）。}}',
  'apply.noType': '（種類なし）',
  'apply.noCommandId': 'コマンドIDなし',
  'line.tooLong': '行が長すぎます: {bytes}バイトを超えるため読んでいません',
  'line.notUtf8': 'UTF-8 の文字列ではないため読んでいません（UTF-8 で保存してください）',
  'line.duplicateKey': '位置{position}でキー「{key}」が重複しています',
  'line.syntax': 'JSON の構文が正しくありません{position, select, none {} other {（位置{position}）}}',
  'progress.apply':
    '適用中 |{bar}| {value}/{total} 行 | 毎秒{rate}コマンド | 却下{rejected}件 | 残り {eta_formatted}',
  'progress.replay':
    '{label, select, second {2回目の再生} stored {ビューの位置までの再生} other {再生}} |{bar}| {value}/{total} イベント | 毎秒{rate}イベント',
  'progress.verifyLog': 'ログを検証中 |{bar}| {value}/{total} イベント',
  'progress.verifyViews': 'ログからビューを導き直し中 |{bar}| {value}/{total} イベント',
  'progress.rebuildViews': 'ビューを再構築中 |{bar}| {value}/{total} イベント',
  'progress.readLog': 'ログを読み取り中: {value} イベント',
  'progress.closing': '{month}を締めています |{bar}| {value}/{total} か月',
  'replay.done':
    '{store} のイベント{applied}件{skipped, plural, =0 {} other {（{knownAt}より後に記録された{skipped}件は除外）}}を新しいビューに再生しました。{seconds}秒、毎秒{rate}イベント',
  'replay.notCompared': 'vpn-ledger: 保存されたビューとは比べていません: {problem}。',
  'replay.noViews': 'このストアにはビューがありません',
  'replay.col.view': 'ビュー',
  'replay.col.digest': '行の SHA-256',
  'replay.col.check': '照合',
  'replay.col.result': '結果',
  'replay.check': '{check, select, second {2回目の再生} other {保存されたビュー}}',
  'replay.same': 'ダイジェストが一致',
  'replay.different': '不一致: {found}（再生では {expected}）',
  'replay.missing': '（なし）',
  'replay.failed': '再生による検証に失敗しました: {views} が再生の結果と異なります。',
  'replay.differs': '{view}（{check, select, second {2回目の再生} other {保存されたビュー}}）',
  'replay.verified': '再生による検証: すべてのダイジェストが一致しました。',
  'rebuild.done':
    '{store} のビューをイベント{events}件から作り直しました。{seconds}秒（毎秒{rate}イベント）。',
  'project.inline': '{store} のビューは最新です。ビューは追記と同じトランザクションの中で更新されます。',
  'project.caughtUp':
    '追いつきました: イベント{events}件を反映し、ビューは{position, select, none {空のログ} other {位置{position}}}の時点のものです。',
  'project.following':
    'vpn-ledger project: {store} を{position, select, none {最初} other {位置{position}}}から追っています。',
  'project.resuming': 'vpn-ledger project: {detail}。{ms}ミリ秒後にビューのチェックポイントから再開します。',
  'project.stopped': 'vpn-ledger project: 停止しました。',
  'serve.needsFile':
    'serve には台帳ファイル（`sqlite:PATH`）が必要です。メモリ上のストアなら `:memory:` を指定してください。',
  'serve.cannotListen': '{host}:{port} で待ち受けられません: {detail}',
  'serve.noTokens':
    'vpn-ledger serve: トークンファイル {path} にはまだトークンがありません: `/health` 以外の要求はすべて401になります（追加するには: `vpn-ledger token add --principal staff:NAME --tokens {path}`）。',
  'serve.listening':
    'vpn-ledger serve: {url} で待ち受けています（{store}）。OpenAPI の文書は {url}/openapi.json、管理画面は {url}/console にあります',
  'serve.stopping': 'vpn-ledger serve: {signal} を受けました: 処理中の要求を終えてから停止します。',
  'serve.stopFailed': 'vpn-ledger serve: 停止中にエラー: {detail}',
  'serve.stopped': 'vpn-ledger serve: 停止しました。',
  'token.fileProblem':
    '{problem, select, unreadable {トークンファイル {path} を読めません: {detail}} not_json {トークンファイル {path} は JSON ではありません: {detail}} principal {トークンファイル {path}: トークン {id}: {detail}} other {トークンファイル {path} は vpn-ledger のトークンファイルではありません: {detail}}}',
  'token.cannotWrite': 'トークンファイル {path} に書き込めません: {detail}',
  'token.notPrincipal':
    '「{text}」は利用者として使えません: `staff`、`staff:<name>` 又は `contractor:<契約者ID>` の形で指定してください（IDには英数字と . _ : - が使えます）。',
  'token.labelTooLong': '`--label` は200文字までです。',
  'token.badExpiry':
    '`--expires-in-days` には1から3650までの日数（整数）を指定してください（指定された値: 「{value}」）。',
  'token.col.expires': '有効期限',
  'token.added':
    'vpn-ledger: {principal} のトークン {id} を {path} に追加しました。トークンが表示されるのは今だけです（Authorization: Bearer <token> として送ってください）。',
  'token.none': '{path} にはトークンがありません。',
  'token.col.id': 'ID',
  'token.col.principal': '利用者',
  'token.col.label': '用途',
  'token.col.created': '作成日時',
  'token.col.revoked': '失効日時',
  'token.unknown': '{path} にトークン {id} はありません（`vpn-ledger token list` を参照してください）。',
  'token.revoked': 'vpn-ledger: トークン {id}（{principal}）を失効させました。',
};

export const CLI_MESSAGES: Catalog<CliKey> = { en: EN, ja: JA };

const format = formatterOf(CLI_MESSAGES);

/** A message of the command line, in the language. */
export const cliText = (lang: Lang, key: CliKey, values: Values = {}): string => format(lang, key, values);
