/**
 * `vpn-ledger explain <chargeLineId>`: why a charge line says what it says: its article, the named
 * policy, the exact formula, and the events it comes from, each in words (as the timeline tells
 * it) and as stored (stream, revision, actor, command, data).
 */
import type { Command } from 'commander';
import { decodeRecorded, type LedgerEvent } from '../../events';
import { type ChargeExplanation, explainChargeLine } from '../../projections/explain';
import type { EventStore } from '../../store/port';
import { isMonth } from '../../terms/dates';
import { withStore } from '../context';
import { EXIT, type ExitCode, failure } from '../errors';
import { renderFields, renderTable, toJsonLine, toJsonText, yen } from '../format';
import { type Io, out } from '../io';
import { foldLog } from '../log';
import { formatOption, knownAtOption, storeOption } from '../options';
import { provenance, provenanceLine, type ReadContext } from '../read';
import { chargeLineJson } from './charges';

/** Line ids are `<contractId>:<YYYY-MM>:<kind>[:<key>]` (see `vpn-ledger charges`). */
export const looksLikeLineId = (lineId: string): boolean =>
  [...lineId.matchAll(/:(\d{4}-\d{2}):/g)].some((m) => isMonth(m[1]));

/** The events with these ids, in log order, read (and validated) from the store. */
const readEvents = async (store: EventStore, ids: ReadonlySet<string>): Promise<LedgerEvent[]> => {
  const found: LedgerEvent[] = [];
  for await (const recorded of store.readAll()) {
    if (ids.has(recorded.id)) found.push(decodeRecorded(recorded, { validate: true }));
  }
  return found;
};

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

export const explanationJson = (x: ChargeExplanation, events: readonly LedgerEvent[], ctx: ReadContext) => {
  const stored = new Map(events.map((e) => [e.metadata.eventId, e]));
  return {
    schema: 'vpn-ledger.explain/v1',
    generatedFrom: provenance(ctx),
    line: chargeLineJson(x.line),
    article: x.article,
    policy: x.policy,
    formula: x.formula,
    note: x.note,
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
    ['formula', x.formula],
    ...(x.note ? ([['note', x.note]] as const) : []),
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
  readonly format: 'table' | 'json';
}

export const runExplain = (io: Io, lineId: string, opts: ExplainOptions): Promise<ExitCode> =>
  withStore(io, opts.store, { mustExist: true }, async ({ store, description }) => {
    if (!looksLikeLineId(lineId)) {
      throw failure(
        `"${lineId}" is not a charge line id: ids look like c-100:2025-10:monthly-basic (see \`vpn-ledger charges\`).`,
      );
    }
    const folded = await foldLog(store, opts.knownAt === undefined ? {} : { knownAt: opts.knownAt });
    const ctx: ReadContext = { ...folded, storeDescription: description, storeKind: store.kind };
    const explanation = explainChargeLine(ctx.facts, lineId);
    if (!explanation) {
      throw failure(
        `Unknown charge line ${lineId}: its month has no such line${ctx.knownAt ? ` as known at ${ctx.knownAt}` : ''} (list them with \`vpn-ledger charges --month YYYY-MM\`).`,
      );
    }
    const events = await readEvents(store, new Set(explanation.line.sources));
    if (opts.format === 'json') {
      out(io, toJsonText(explanationJson(explanation, events, ctx)));
      return EXIT.OK;
    }
    out(io, explanationText(explanation, events));
    out(io);
    out(io, provenanceLine(ctx));
    return EXIT.OK;
  });

export const registerExplain = (program: Command, io: Io, setExit: (code: ExitCode) => void): void => {
  program
    .command('explain')
    .description('a charge line: its events, article, policy and formula')
    .argument('<chargeLineId>', 'a line id from `vpn-ledger charges`, e.g. c-100:2025-10:monthly-basic')
    .addOption(knownAtOption())
    .addOption(formatOption())
    .addOption(storeOption())
    .action(async (lineId: string, opts: ExplainOptions) => setExit(await runExplain(io, lineId, opts)));
};
