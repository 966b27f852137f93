/**
 * The integrity of the log as `vpn-ledger verify --format json` and GET /v1/verify write it (schema
 * vpn-ledger.verify/v1): every stream's first broken link, and (the CLI) what the seals hold.
 */
import type { IntegrityBreak, IntegrityReport } from '../ledger/integrity';

export const breakJson = (b: IntegrityBreak) => ({
  streamId: b.streamId,
  revision: b.revision === null ? null : b.revision.toString(),
  globalPosition: b.globalPosition.toString(),
  problem: b.problem,
  detail: b.detail,
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
export const verifyJson = (store: string, report: IntegrityReport, options: { readonly seals: boolean }) => ({
  schema: 'vpn-ledger.verify/v1',
  store,
  ok: report.ok,
  eventsChecked: report.eventsChecked,
  streams: report.streams,
  breaks: report.breaks.map(breakJson),
  views: viewsJson(report.views),
  exports: report.exports,
  ...(options.seals ? { seals: sealsJson(report.seals) } : {}),
});
