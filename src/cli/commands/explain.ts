/**
 * `vpn-ledger explain <chargeLineId>`: why a charge line says what it says: its article, the named
 * policy, the exact formula, and the events it comes from, each in words (as the timeline tells
 * it) and as stored (stream, revision, actor, command, data).
 */
import type { Command } from 'commander';
import type { LedgerEvent } from '../../events';
import { type ChargeExplanation, explainChargeLine, lineIdParts } from '../../projections/explain';
import { formulaText, notesText } from '../../render/charge-text';
import { isMonth } from '../../terms/dates';
import type { Provenance } from '../../views/read-model';
import { EXIT, type ExitCode, failure } from '../errors';
import { renderFields, renderTable, toJsonLine, toJsonText, yen } from '../format';
import { type Io, out } from '../io';
import { formatOption, knownAtOption, storeOption } from '../options';
import { provenanceJson, provenanceLine, type ReadContext, viewsOption, withReadModel } from '../read';
import { chargeLineJson } from './charges';

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
  ctx: Pick<ReadContext, 'storeKind'>,
  provenance: Provenance,
) => {
  const stored = new Map(events.map((e) => [e.metadata.eventId, e]));
  return {
    schema: 'vpn-ledger.explain/v1',
    generatedFrom: provenanceJson(ctx, provenance),
    line: chargeLineJson(x.line),
    article: x.article,
    policy: x.policy,
    formula: formulaText(x.formula),
    note: notesText(x.notes),
    calculation: x.formula,
    notes: x.notes,
    sources: x.line.sources.map((id) => {
      const said = x.sources.find((s) => s.eventId === id) ?? null;
      const e = stored.get(id);
      return {
        eventId: id,
        summary: said?.summary ?? null,
        article: said?.article ?? null,
        event: e ? storedEventJson(e) : null,
      };
    }),
  };
};

export const explanationText = (x: ChargeExplanation, events: readonly LedgerEvent[]): string => {
  const l = x.line;
  const head = renderFields([
    ['contract', `${l.contractId} (network ${l.networkId})`],
    ['bill to', l.billTo],
    ['kind', l.kind],
    ['period', l.period.from === l.period.to ? l.period.from : `${l.period.from} to ${l.period.to}`],
    ['amount', `${yen(l.amount)} yen`],
    ['article', x.article],
    [
      'policy',
      x.policy
        ? `${x.policy.name}: ${x.policy.description}`
        : '(none: the amount is quoted, or fixed by the text)',
    ],
    ['edition', l.edition],
    ['formula', formulaText(x.formula)],
    ...(x.notes.length ? ([['note', notesText(x.notes)!]] as const) : []),
  ]);
  const said = new Map(x.sources.map((s) => [s.eventId, s]));
  const steps = renderTable(
    [{ header: 'Date' }, { header: 'Article', wrap: 22 }, { header: 'What happened', wrap: 80 }],
    l.sources.map((id) => {
      const s = said.get(id);
      return s ? [s.date, s.article, s.summary] : ['', '', `(event ${id})`];
    }),
  );
  const stored = renderTable(
    [
      { header: 'Event' },
      { header: 'Stream@rev' },
      { header: 'Occurred at' },
      { header: 'Recorded at' },
      { header: 'Actor' },
      { header: 'Command' },
    ],
    events.map((e) => [
      e.type,
      `${e.streamId}@${e.revision}`,
      e.metadata.occurredAt,
      e.metadata.recordedAt,
      e.metadata.actor,
      e.metadata.commandId,
    ]),
  );
  const data = events.map((e) => `${e.type} ${e.metadata.eventId}\n  ${toJsonLine(e.data)}`).join('\n');
  return `Charge line ${l.id}\n\n${head}\n\nWhy: the events behind it (${l.sources.length})\n\n${steps}\n\nAs stored\n\n${stored}\n\n${data}`;
};

interface ExplainOptions {
  readonly knownAt?: string;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'table' | 'json';
}

export const runExplain = (io: Io, lineId: string, opts: ExplainOptions): Promise<ExitCode> =>
  withReadModel(io, opts, async (ctx) => {
    if (!looksLikeLineId(lineId)) {
      throw failure(
        `"${lineId}" is not a charge line id: ids look like c-100:2025-10:monthly-basic (see \`vpn-ledger charges\`).`,
      );
    }
    // Only the contract the id names is read (and validated, as the answer shows its events as stored).
    for (const { contractId } of lineIdParts(lineId)) {
      const read = await ctx.model.contract(contractId, {
        validate: true,
        ...(opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {}),
      });
      const explanation = read && explainChargeLine(read.facts, lineId);
      if (!read || !explanation) continue;
      const sources = new Set(explanation.line.sources);
      const events = read.events.filter((e) => sources.has(e.metadata.eventId));
      if (opts.format === 'json') {
        out(io, toJsonText(explanationJson(explanation, events, ctx, read.provenance)));
        return EXIT.OK;
      }
      out(io, explanationText(explanation, events));
      out(io);
      out(io, provenanceLine(ctx, read.provenance));
      return EXIT.OK;
    }
    throw failure(
      `Unknown charge line ${lineId}: its month has no such line${opts.knownAt ? ` as known at ${opts.knownAt}` : ''} (list them with \`vpn-ledger charges --month YYYY-MM\`).`,
    );
  });

export const registerExplain = (program: Command, io: Io, setExit: (code: ExitCode) => void): void => {
  program
    .command('explain')
    .description('a charge line: its events, article, policy and formula')
    .argument('<chargeLineId>', 'a line id from `vpn-ledger charges`, e.g. c-100:2025-10:monthly-basic')
    .addOption(knownAtOption())
    .addOption(formatOption())
    .addOption(storeOption())
    .addOption(viewsOption())
    .action(async (lineId: string, opts: ExplainOptions) => setExit(await runExplain(io, lineId, opts)));
};
