/**
 * `vpn-ledger explain <chargeLineId>`: why a charge line says what it says: its article, the named
 * policy, the exact formula, and the events it comes from, each in words (as the timeline tells
 * it) and as stored (stream, revision, actor, command, data).
 */
import { type Command, Option } from 'commander';
import { toJsonLine, toJsonText } from '../../documents/encoding';
import { billingSentences, explanationJson, looksLikeLineId } from '../../documents/explain';
import { replyText, sourcesInDateOrder } from '../../documents/explain-text';
import type { LedgerEvent } from '../../events';
import { explainedEvents, type LineExplanation } from '../../read';
import { renderer } from '../../render';
import { help } from '../../render/cli-help';
import type { Lang } from '../../render/lang';
import { EXIT, type ExitCode, failure } from '../errors';
import { renderFields, renderTable, yen } from '../format';
import { type Io, out } from '../io';
import { langOption } from '../lang';
import { knownAtOption, storeOption } from '../options';
import { provenanceLine, viewsOption, withReadModel } from '../read';

export const explanationText = (
  x: LineExplanation,
  events: readonly LedgerEvent[],
  lang: Lang = 'en',
): string => {
  const r = renderer(lang);
  const l = x.line;
  const head = renderFields([
    [r.ui('field.contract'), r.ui('explain.network', { contractId: l.contractId, networkId: l.networkId })],
    [r.ui('field.billTo'), l.billTo],
    [r.ui('field.kind'), r.word('chargeKind', l.kind)],
    [
      r.ui('field.period'),
      l.period.from === l.period.to
        ? r.date(l.period.from)
        : lang === 'ja'
          ? `${r.date(l.period.from)}～${r.date(l.period.to)}`
          : `${l.period.from} to ${l.period.to}`,
    ],
    [r.ui('field.amount'), lang === 'ja' ? r.money(l.amount) : `${yen(l.amount)} yen`],
    [r.ui('field.article'), r.citation(x.article)],
    [
      r.ui('field.policy'),
      x.policy ? `${x.policy.name}: ${r.policy(x.policy.name).description}` : r.ui('explain.noPolicy'),
    ],
    [r.ui('field.edition'), l.edition],
    [r.ui('field.formula'), r.formula(x.formula)],
    ...(r.formulaReading(x.formula) === null
      ? []
      : ([[r.ui('field.formulaReading'), r.formulaReading(x.formula)!]] as const)),
    ...(x.notes.length ? ([[r.ui('field.note'), r.notes(x.notes)!]] as const) : []),
  ]);
  // In date order: as the events occurred, then as they were recorded.
  const ordered = sourcesInDateOrder(x);
  const steps = renderTable(
    [
      { header: r.ui('col.date') },
      { header: r.ui('col.article'), wrap: 22 },
      { header: r.ui('col.whatHappened'), wrap: 80 },
    ],
    ordered.map(({ eventId, source: s }) =>
      s
        ? [r.date(s.date), r.citation(s.article), r.step(s.step)]
        : ['', '', r.ui('explain.unknownEvent', { eventId })],
    ),
  );
  const stored = renderTable(
    [
      { header: r.ui('col.event') },
      { header: r.ui('col.streamRev') },
      { header: r.ui('col.occurredAt') },
      { header: r.ui('col.recordedAt') },
      { header: r.ui('col.actor') },
      { header: r.ui('col.command') },
    ],
    inOrder(events, ordered).map((e) => [
      e.type,
      `${e.streamId}@${e.revision}`,
      // Japan time, the zone named, as every date around them.
      r.instant(e.metadata.occurredAt),
      r.instant(e.metadata.recordedAt),
      e.metadata.actor,
      e.metadata.commandId,
    ]),
  );
  const data = inOrder(events, ordered)
    .map((e) => `${e.type} ${e.metadata.eventId}\n  ${toJsonLine(e.data)}`)
    .join('\n');
  const billing = billingSentences(x, lang).join('\n');
  return `${r.ui('explain.title', { lineId: l.id })}\n\n${head}\n\n${r.ui('explain.billedIn')}\n\n${billing}\n\n${r.ui('explain.why', { count: l.sources.length })}\n\n${steps}\n\n${r.ui('explain.asStored')}\n\n${stored}\n\n${data}`;
};

/** The stored events in the order of the explanation's sources. */
const inOrder = (events: readonly LedgerEvent[], ordered: readonly { eventId: string }[]): LedgerEvent[] => {
  const place = new Map(ordered.map((o, i) => [o.eventId, i]));
  return [...events].sort(
    (a, b) => (place.get(a.metadata.eventId) ?? Infinity) - (place.get(b.metadata.eventId) ?? Infinity),
  );
};

interface ExplainOptions {
  readonly knownAt?: string;
  readonly store?: string;
  readonly views?: string;
  /** table: for staff; text: a reply to paste for a customer (explain-text.ts); json: the v1 document. */
  readonly format: 'table' | 'json' | 'text';
  readonly lang?: Lang;
}

export const runExplain = (io: Io, lineId: string, opts: ExplainOptions): Promise<ExitCode> =>
  withReadModel(io, opts, async (ctx) => {
    if (!looksLikeLineId(lineId)) throw failure(renderer(ctx.lang).ui('explain.notALineId', { lineId }));
    // Only the contract the id names is read (and its closes); the events shown are schema-checked.
    const found = await ctx.reader.line(lineId, { knownAt: opts.knownAt });
    if (!found)
      throw failure(
        renderer(ctx.lang).ui('explain.unknownLine', { lineId, knownAt: opts.knownAt ?? 'none' }),
      );
    const { explanation, month } = found;
    const events = explainedEvents(explanation, month.read);
    if (opts.format === 'text') {
      out(io, replyText(explanation, ctx.lang).trimEnd());
      return EXIT.OK;
    }
    if (opts.format === 'json') {
      out(io, toJsonText(explanationJson(explanation, events, ctx, month.provenance)));
      return EXIT.OK;
    }
    out(io, explanationText(explanation, events, ctx.lang));
    out(io);
    out(io, provenanceLine(ctx, month.provenance));
    return EXIT.OK;
  });

export const registerExplain = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  program
    .command('explain')
    .description(help(lang, 'explain'))
    .argument('<chargeLineId>', help(lang, 'explain.chargeLineId'))
    .addOption(knownAtOption(lang))
    .addOption(
      new Option('--format <format>', help(lang, 'explain.format'))
        .choices(['table', 'json', 'text'])
        .default('table'),
    )
    .addOption(langOption(lang))
    .addOption(storeOption(lang))
    .addOption(viewsOption(lang))
    .action(async (lineId: string, opts: ExplainOptions) => setExit(await runExplain(io, lineId, opts)));
};
