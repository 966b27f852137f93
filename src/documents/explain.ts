/**
 * A charge line explained, as `vpn-ledger explain --format json`, GET /v1/charge-lines/{lineId}
 * write it (schema vpn-ledger.explain/v1): the line, its article, named policy and exact formula,
 * and the events it comes from, each in words (as the timeline tells it) and as stored.
 */
import type { LedgerEvent } from '../events';
import type { ChargeExplanation } from '../projections/explain';
import { renderer } from '../render';
import type { Lang } from '../render/lang';
import { isMonth } from '../terms/dates';
import type { Provenance } from '../views/read-model';
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

export const explanationJson = (
  x: ChargeExplanation,
  events: readonly LedgerEvent[],
  ctx: { readonly storeKind: string; readonly lang: Lang },
  provenance: Provenance,
) => {
  const r = renderer(ctx.lang);
  const stored = new Map(events.map((e) => [e.metadata.eventId, e]));
  return {
    schema: 'vpn-ledger.explain/v1',
    lang: ctx.lang,
    generatedFrom: generatedFrom(ctx.storeKind, provenance),
    line: chargeLineJson(x.line, ctx.lang),
    article: x.article,
    policy: x.policy && { name: x.policy.name, ...r.policy(x.policy.name), article: x.policy.article },
    formula: r.formula(x.formula),
    note: r.notes(x.notes),
    calculation: x.formula,
    notes: x.notes,
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
