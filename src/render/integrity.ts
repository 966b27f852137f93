/**
 * Why `verify` found a link broken, in words (the Detail column, the `detail` of its JSON): the
 * reasons src/ledger/break-reasons.ts gives as data, in English (as verify has always written
 * them) or Japanese. One catalog, typed by the reasons' codes and the pieces a seal's sentence is
 * made of, so a reason without its Japanese fails the type check.
 */
import type { BreakCode, BreakReason, LogPlace, SealWhere } from '../ledger/break-reasons';
import { fieldProblemText } from './field-problems';
import { instant, month } from './format';
import { type Catalog, formatterOf, type Messages, type Values } from './intl';
import type { Lang } from './lang';

const REASONS_EN: Messages<BreakCode> = {
  'revision-gap': 'expected revision {expected}, found {found}',
  'prev-hash-mismatch': "prevHash {prevHash} does not match the previous event's hash {lastHash}",
  'hash-mismatch': 'stored hash {stored} but the content hashes to {computed}',
  'positions-missing':
    'global positions {from}..{to} are missing{atEnd, select, yes { at the end of the log} other {}}: rows were deleted',
  'row-unreadable':
    '{case, select, revision {stored revision {value} is not a number} not_json {stored {column} JSON does not parse: {value}} other {stored {column} is {value}, not a JSON object}}',
  'event-id-mismatch': 'the store holds the event under id {storedId}, but the event names itself {namedId}',
  'schema-invalid': '{detail}',
  'unknown-event-type': 'Event {streamId}@{revision} cannot be read: unknown event type {type}',
  unreadable: '{detail}',
  'orphan-reservation':
    "site {contractId} was reserved by {actor}'s command {commandId}, but contract {contractId} was never written: re-run that command to complete it, or apply for {contractId} again to void the reservation (or it is still running)",
  'reservation-mismatch':
    "site {contractId} is reserved by {actor}'s command {commandId}, but its contract was accepted by {contractActor}'s command {contractCommandId}",
  'contract-without-reservation':
    "contract {contractId} (accepted by {actor}'s command {commandId}) has no place in {network}",
  'seal-digest-mismatch':
    '{where} (made {sealedAt}) no longer matches {sealed, select, none {the empty log} other {the log up to position {sealed}}}: {why}. The log was changed after it was sealed; {range}.{later, plural, =0 {} other { {later} later seal(s) do not hold either.}}',
  'seal-missing':
    '{where} was published with its event {eventId}{case, select, deleted {, and the log no longer holds that event: it was deleted.} other { hashed {publishedHash}; the log holds that event hashed {hash}: it was changed.}}',
  'seal-key-unknown':
    '{where} names key {keyId}, which is none of the public keys given: it was not made with them.',
  'seal-signature-invalid':
    '{where} does not verify with key {keyId}: the seal was changed after it was signed.',
  'seal-subject-mismatch': 'the close in {streamId}@{revision} is not the close its seal signed: {differs}.',
  'view-row-differs': '{table} ({key}): {columns} differ from what the log derives',
  'view-row-missing': '{table} lacks the row ({key}) the log derives',
  'view-row-extra': '{table} holds a row ({key}) the log does not derive',
  'export-totals-mismatch':
    'the invoice of {billTo} for {month} in {source} says {says} yen; its lines add up to {sum}',
  'export-close-unknown':
    'the invoice of {billTo} for {month} in {source} names close {closeId}, which the log does not hold',
  'export-line-mismatch':
    "{case, select, not_invoiced {line {lineId} of {billTo}'s invoice in {source} is not a line close {closeId} invoiced} other {line {lineId} of {billTo}'s invoice in {source} says {says} yen; close {closeId} invoiced {invoiced}{case, select, other_fields { (other fields differ)} other {}}}}",
  'export-line-missing':
    'close {closeId} invoiced line {lineId} ({amount} yen) to {billTo}; the invoice in {source} lacks it',
  'export-subject-mismatch':
    'the invoices of {month} in {source} hold {lines} line(s) for {total} yen; close {closeId} sealed {sealedLines} line(s) for {sealedTotal} yen{otherLines, select, yes {, and other lines} other {}}',
};

const REASONS_JA: Messages<BreakCode> = {
  'revision-gap': 'リビジョン{expected}のはずが、リビジョン{found}です',
  'prev-hash-mismatch':
    '直前のハッシュとして記録された {prevHash} が、直前のイベントのハッシュ {lastHash} と一致しません',
  'hash-mismatch': '記録されたハッシュは {stored} ですが、内容から計算したハッシュは {computed} です',
  'positions-missing':
    'グローバル位置{from}～{to}がありません{atEnd, select, yes {（ログの末尾）} other {}}: 行が削除されています',
  'row-unreadable':
    '{case, select, revision {記録されたリビジョン {value} が数ではありません} not_json {記録された{column}を JSON として読めません} other {記録された{column}が {value} であり、JSON のオブジェクトではありません}}',
  'event-id-mismatch':
    'ストアはこのイベントをID {storedId} で保持していますが、イベント自身のIDは {namedId} です',
  'schema-invalid': 'イベントがスキーマに合いません: {problems}',
  'unknown-event-type': 'イベント {streamId}@{revision} を読めません: 種類「{type}」のイベントはありません',
  unreadable: '読めません: {detail}',
  'orphan-reservation':
    '拠点 {contractId} は {actor} のコマンド {commandId} で予約されましたが、契約 {contractId} は書き込まれていません: そのコマンドを再実行して完了させるか、{contractId} の申込をやり直して予約を取り消してください（又はまだ実行中です）',
  'reservation-mismatch':
    '拠点 {contractId} は {actor} のコマンド {commandId} で予約されていますが、その契約は {contractActor} のコマンド {contractCommandId} で承諾されています',
  'contract-without-reservation':
    '契約 {contractId}（{actor} のコマンド {commandId} で承諾）には {network} での拠点がありません',
  'seal-digest-mismatch':
    '{where}（{sealedAt}に作成）は{sealed, select, none {空のログ} other {位置{sealed}までのログ}}と一致しません: {why}。封印の後にログが変更されています。{range}。{later, plural, =0 {} other {後の封印{later}件も一致しません。}}',
  'seal-missing':
    '{where}はイベント {eventId} とともに公開されました{case, select, deleted {が、ログにはそのイベントがもうありません: 削除されています。} other {（ハッシュ {publishedHash}）が、ログにあるそのイベントのハッシュは {hash} です: 変更されています。}}',
  'seal-key-unknown':
    '{where}は鍵 {keyId} を示していますが、指定された公開鍵のいずれでもありません: それらの鍵で作られたものではありません。',
  'seal-signature-invalid': '{where}は鍵 {keyId} で検証できません: 署名の後に封印が変更されています。',
  'seal-subject-mismatch':
    '{streamId}@{revision} の締めは、その封印が署名した締めではありません: {differs}。',
  'view-row-differs': '{table}（{key}）: {columns} がログから導いたものと異なります',
  'view-row-missing': '{table} には、ログから導かれる行（{key}）がありません',
  'view-row-extra': '{table} には、ログから導かれない行（{key}）があります',
  'export-totals-mismatch':
    '{source} にある{billTo}の{month}の請求書は{says}円としていますが、明細の合計は{sum}円です',
  'export-close-unknown':
    '{source} にある{billTo}の{month}の請求書は締め {closeId} を示していますが、ログにその締めはありません',
  'export-line-mismatch':
    '{case, select, not_invoiced {{source} にある{billTo}の請求書の明細 {lineId} は、締め {closeId} が請求した明細ではありません} other {{source} にある{billTo}の請求書の明細 {lineId} は{says}円としていますが、締め {closeId} が請求したのは{invoiced}円です{case, select, other_fields {（他の項目が異なります）} other {}}}}',
  'export-line-missing':
    '締め {closeId} は明細 {lineId}（{amount}円）を{billTo}に請求しましたが、{source} の請求書にはありません',
  'export-subject-mismatch':
    '{source} にある{month}の請求書の明細は{lines}件、{total}円ですが、締め {closeId} が封印したのは{sealedLines}件、{sealedTotal}円です{otherLines, select, yes {（明細の内容も異なります）} other {}}',
};

/** The pieces a seal's sentence is made of, and the words a reason's values need. */
const PARTS_EN = {
  where:
    '{carrier, select, yes {the seal of {type} {streamId}@{revision}} other {the published seal in {source}}}',
  outside: '(outside the ledger)',
  here: '{position, select, none {the start (no event)} other {position {position} ({events} event(s))}}',
  why: '{case, select, log_ends {the log ends at {here}} position_gone {the log has no event at position {position} any more (it goes from {here} to {next})} hashed_differently {the same {events} event(s), hashed differently} other {{now} event(s) now, {sealed} sealed}}',
  range:
    '{holding, select, none {no earlier seal holds, so the change lies at or before that position} other {the last seal that holds covers up to position {holding} ({events} event(s)), so the change lies after it and at or before the sealed position}}',
  'subject.month': 'month {found}, sealed {sealed}',
  'subject.lines': '{found} line(s), sealed {sealed}',
  'subject.total': 'total {found}, sealed {sealed}',
  'subject.linesDiffer': 'the lines differ from the lines sealed',
  noLineId: '(a line without an id)',
  column: '{column, select, data {data} metadata {metadata} other {{column}}}',
} as const;
type PartKey = keyof typeof PARTS_EN;

const PARTS_JA: Messages<PartKey> = {
  where: '{carrier, select, yes {{type} {streamId}@{revision} の封印} other {{source} で公開された封印}}',
  outside: '（台帳の外）',
  here: '{position, select, none {最初（イベントなし）} other {位置{position}（イベント{events}件）}}',
  why: '{case, select, log_ends {ログは{here}で終わっています} position_gone {位置{position}のイベントがもうありません（{here}から位置{next}に飛んでいます）} hashed_differently {イベントは同じ{events}件ですが、ハッシュが異なります} other {イベントは現在{now}件、封印時は{sealed}件です}}',
  range:
    '{holding, select, none {それより前に一致する封印はなく、変更はその位置以前にあります} other {一致する最後の封印は位置{holding}（イベント{events}件）までを覆うので、変更はその後から封印された位置までの間にあります}}',
  'subject.month': '月は{found}、封印では{sealed}',
  'subject.lines': '明細は{found}件、封印では{sealed}件',
  'subject.total': '合計は{found}、封印では{sealed}',
  'subject.linesDiffer': '明細が封印された明細と異なります',
  noLineId: '（IDのない明細）',
  column: '{column, select, data {データ} metadata {メタデータ} other {{column}}}',
};

export const INTEGRITY_MESSAGES: Catalog<BreakCode> = { en: REASONS_EN, ja: REASONS_JA };
const PARTS: Catalog<PartKey> = { en: PARTS_EN, ja: PARTS_JA };

const reasonFormat = formatterOf(INTEGRITY_MESSAGES);
const partFormat = formatterOf(PARTS);

const whereText = (lang: Lang, s: SealWhere): string =>
  partFormat(
    lang,
    'where',
    s.carrier
      ? { carrier: 'yes', ...s.carrier }
      : { carrier: 'no', source: s.source ?? partFormat(lang, 'outside') },
  );

const hereText = (lang: Lang, p: LogPlace): string =>
  partFormat(lang, 'here', { position: p.position ?? 'none', events: String(p.events) });

/** Values as they stand in a sentence: numbers as written in the log, months in the language. */
const text = (v: string | number | boolean | null): string =>
  v === null ? 'none' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);

const valuesOf = (lang: Lang, r: BreakReason, at: { streamId: string; revision: string }): Values => {
  switch (r.code) {
    case 'schema-invalid':
      return {
        detail: r.detail,
        problems: r.problems.map((p) => `${p.path}: ${fieldProblemText(lang, p)}`).join('。'),
      };
    case 'unknown-event-type':
      return { ...at, type: r.type };
    case 'row-unreadable':
      return {
        case: r.case.replace('-', '_'),
        column: partFormat(lang, 'column', { column: r.column }),
        value: r.value,
      };
    case 'seal-digest-mismatch': {
      const why = r.why;
      return {
        where: whereText(lang, r.seal),
        sealedAt: lang === 'en' ? r.sealedAt : instant(lang, r.sealedAt),
        sealed: text(r.sealedPosition),
        why: partFormat(lang, 'why', {
          case: why.case.replace('-', '_'),
          here: 'here' in why ? hereText(lang, why.here) : '',
          position: 'position' in why ? why.position : '',
          next: 'next' in why ? why.next : '',
          events: 'events' in why ? String(why.events) : '',
          now: 'now' in why ? String(why.now) : '',
          sealed: 'sealed' in why ? String(why.sealed) : '',
        }),
        range: partFormat(lang, 'range', {
          holding: r.holding?.position ?? 'none',
          events: String(r.holding?.events ?? 0),
        }),
        later: r.later,
      };
    }
    case 'seal-missing':
      return {
        where: whereText(lang, r.seal),
        case: r.case,
        eventId: r.eventId,
        publishedHash: r.publishedHash,
        hash: r.hash,
      };
    case 'seal-key-unknown':
    case 'seal-signature-invalid':
      return { where: whereText(lang, r.seal), keyId: r.keyId };
    case 'seal-subject-mismatch': {
      const parts = [
        r.month &&
          partFormat(lang, 'subject.month', {
            found: month(lang, r.month.found),
            sealed: month(lang, r.month.sealed),
          }),
        r.lines &&
          partFormat(lang, 'subject.lines', { found: String(r.lines.found), sealed: String(r.lines.sealed) }),
        r.total &&
          partFormat(lang, 'subject.total', { found: r.total.found, sealed: String(r.total.sealed) }),
        r.linesDiffer && partFormat(lang, 'subject.linesDiffer'),
      ].filter((p): p is string => typeof p === 'string');
      return { streamId: r.streamId, revision: r.revision, differs: parts.join(lang === 'ja' ? '、' : '; ') };
    }
    default: {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(r)) {
        if (k === 'code') continue;
        const s = text(v as string | number | boolean | null);
        out[k] = k === 'month' ? month(lang, s) : k === 'case' ? s.replace('-', '_') : s;
      }
      if ('lineId' in r && r.lineId === '') out.lineId = partFormat(lang, 'noLineId');
      return out;
    }
  }
};

/** Why a link is broken, in the language; `at` is where (the break's stream and revision). */
export const breakText = (
  lang: Lang,
  reason: BreakReason,
  at: { readonly streamId: string | null; readonly revision: bigint | null } = {
    streamId: null,
    revision: null,
  },
): string =>
  reasonFormat(
    lang,
    reason.code,
    valuesOf(lang, reason, {
      streamId: at.streamId ?? '',
      revision: at.revision === null ? '' : String(at.revision),
    }),
  );
