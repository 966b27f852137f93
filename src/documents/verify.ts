/**
 * The integrity of the log as `vpn-ledger verify --format json` and GET /v1/verify write it (schema
 * vpn-ledger.verify/v1): every stream's first broken link, and (the CLI) what the seals hold. A
 * break's `detail` is in the document's language (`lang`: the run's, or the request's), and its
 * `reason` the same as data (a code with its parameters); `problem` is the stable code to match.
 */
import type { IntegrityBreak, IntegrityReport } from '../ledger/integrity';
import { breakText } from '../render/integrity';
import type { Lang } from '../render/lang';

export const breakJson = (b: IntegrityBreak, lang: Lang = 'en') => ({
  streamId: b.streamId,
  revision: b.revision === null ? null : b.revision.toString(),
  globalPosition: b.globalPosition.toString(),
  problem: b.problem,
  detail: breakText(lang, b.reason, b),
  reason: b.reason,
  ...(b.table === undefined ? {} : { table: b.table, key: b.key ?? null }),
  ...(b.source === undefined ? {} : { source: b.source, lineId: b.lineId ?? null }),
});

/** Whether the views were held against the log, and what they hold. */
export const viewsJson = (v: IntegrityReport['views']) =>
  v === null
    ? null
    : {
        checked: v.checked,
        logBroken: v.logBroken,
        problem: v.problem,
        rows: v.rows,
        differing: v.differing,
      };

export const sealsJson = (r: IntegrityReport['seals']) => ({
  checked: r.checked,
  published: r.published,
  signatures: r.signatures,
  lastHolding:
    r.lastHolding === null
      ? null
      : {
          position:
            r.lastHolding.position === null
              ? null
              : {
                  commit: r.lastHolding.position.commit.toString(),
                  prepare: r.lastHolding.position.prepare.toString(),
                },
          events: r.lastHolding.events,
        },
  eventsAfter: r.eventsAfter,
});

/** The report; `seals` as the CLI writes it (the API leaves them out). */
export const verifyJson = (
  store: string,
  report: IntegrityReport,
  options: { readonly seals: boolean; readonly lang?: Lang },
) => ({
  schema: 'vpn-ledger.verify/v1',
  lang: options.lang ?? 'en',
  store,
  ok: report.ok,
  eventsChecked: report.eventsChecked,
  streams: report.streams,
  breaks: report.breaks.map((b) => breakJson(b, options.lang)),
  views: viewsJson(report.views),
  exports: report.exports,
  ...(options.seals ? { seals: sealsJson(report.seals) } : {}),
});
