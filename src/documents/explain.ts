/**
 * A charge line explained, as `vpn-ledger explain --format json`, GET /v1/charge-lines/{lineId}
 * write it (schema vpn-ledger.explain/v1): the line, its article, named policy and exact formula,
 * and the events it comes from, each in words (as the timeline tells it) and as stored.
 */
import type { LedgerEvent } from '../events';
import type { ChargeLine } from '../projections';
import type { LineExplanation, Provenance } from '../read';
import { renderer } from '../render';
import type { Lang } from '../render/lang';
import { isMonth } from '../terms/dates';
import { chargeLineJson } from './charges';
import { generatedFrom } from './provenance';

/** Line ids are `<contractId>:<YYYY-MM>:<kind>[:<key>]` (see `vpn-ledger charges`). */
export const looksLikeLineId = (lineId: string): boolean =>
  [...lineId.matchAll(/:(\d{4}-\d{2}):/g)].some((m) => isMonth(m[1]));

const storedEventJson = (e: LedgerEvent) => ({
  eventId: e.metadata.eventId,
  type: e.type,
  streamId: e.streamId,
  revision: e.revision.toString(),
  position: e.position.commit.toString(),
  occurredAt: e.metadata.occurredAt,
  recordedAt: e.metadata.recordedAt,
  edition: e.metadata.edition,
  actor: e.metadata.actor,
  commandId: e.metadata.commandId,
  commandType: e.metadata.commandType,
  data: e.data,
});

const closeJson = (c: { readonly closeId: string; readonly closedAt: string } | null) =>
  c === null ? null : { id: c.closeId, closedAt: c.closedAt };

export const explanationJson = (
  x: LineExplanation,
  events: readonly LedgerEvent[],
  ctx: { readonly storeKind: string; readonly lang: Lang },
  provenance: Provenance,
) => {
  const r = renderer(ctx.lang);
  const stored = new Map(events.map((e) => [e.metadata.eventId, e]));
  const lineJson = (l: ChargeLine) => chargeLineJson(l, ctx.lang);
  return {
    schema: 'vpn-ledger.explain/v1',
    lang: ctx.lang,
    generatedFrom: generatedFrom(ctx.storeKind, provenance, ctx.lang),
    line: chargeLineJson(x.line, ctx.lang),
    article: x.article,
    policy: x.policy && { name: x.policy.name, ...r.policy(x.policy.name), article: x.policy.article },
    formula: r.formula(x.formula),
    note: r.notes(x.notes),
    calculation: x.formula,
    notes: x.notes,
    billedIn: x.billedIn,
    closed: x.closed && {
      month: x.closed.month,
      close: closeJson(x.closed.close),
      invoiced: x.closed.invoiced && lineJson(x.closed.invoiced),
      recomputed: x.closed.recomputed && lineJson(x.closed.recomputed),
      corrections: x.closed.corrections.map((c) => ({
        lineId: c.lineId,
        month: c.month,
        amount: c.amount,
        status: c.status,
        close: closeJson(c.close),
        causedBy: c.causedBy.map((e) => ({ eventId: e.eventId, summary: r.step(e.step), date: e.date })),
      })),
      unexplained: x.closed.unexplained,
    },
    corrects: x.corrects && {
      month: x.corrects.month,
      lineId: x.corrects.lineId,
      close: closeJson(x.corrects.close),
    },
    sources: x.line.sources.map((id) => {
      const said = x.sources.find((s) => s.eventId === id) ?? null;
      const e = stored.get(id);
      return {
        eventId: id,
        summary: said ? r.step(said.step) : null,
        article: said?.article ?? null,
        kind: said?.step.kind ?? null,
        params: said?.step.params ?? null,
        event: e ? storedEventJson(e) : null,
      };
    }),
  };
};

/**
 * Where a line is billed, in sentences for people (the text of `explain` and the console's page):
 * the month it is listed in and its close; for a line of a closed month, the line as the log computes
 * it now and the adjustments that correct it; for an adjustment, the line it corrects.
 */
export const billingSentences = (x: LineExplanation, lang: Lang): string[] => {
  const r = renderer(lang);
  const closeOf = (c: { readonly closeId: string; readonly closedAt: string } | null) =>
    c === null
      ? { closeId: 'none', closedAt: 'none' }
      : { closeId: c.closeId, closedAt: r.instant(c.closedAt) };
  const out: string[] = [];
  const closed = x.closed;
  if (x.corrects) {
    out.push(
      r.ui('explain.corrects', {
        lineId: x.corrects.lineId,
        month: r.month(x.corrects.month),
        ...closeOf(x.corrects.close),
      }),
    );
  }
  if (!closed) {
    out.push(
      x.billedIn.status === 'open'
        ? r.ui('explain.billedOpen', { month: r.month(x.billedIn.month) })
        : r.ui('explain.billedClosedAdjustment', { month: r.month(x.billedIn.month) }),
    );
    return out;
  }
  const at = { month: r.month(closed.month), ...closeOf(closed.close) };
  out.push(r.ui(closed.invoiced ? 'explain.billedClosed' : 'explain.notInvoiced', at));
  const invoiced = closed.invoiced?.amount ?? 0;
  const now = closed.recomputed?.amount ?? 0;
  if (closed.invoiced === null || closed.recomputed === null || invoiced !== now)
    out.push(
      r.ui('explain.recomputed', {
        gone: closed.recomputed === null ? 'yes' : 'no',
        amount: r.money(now),
        invoiced: r.money(invoiced),
      }),
    );
  for (const c of closed.corrections)
    out.push(
      r.ui('explain.correction', {
        status: c.status,
        lineId: c.lineId,
        amount: r.money(c.amount),
        month: r.month(c.month),
        ...closeOf(c.close),
      }),
    );
  if (closed.unexplained !== 0)
    out.push(r.ui('explain.unexplained', { amount: r.money(closed.unexplained) }));
  return out;
};
