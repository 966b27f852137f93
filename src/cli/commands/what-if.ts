/**
 * `vpn-ledger what-if <file|->`: what one command, or a JSON Lines sequence of them (the `apply`
 * format), would do, without recording anything: each line's decision (with the article of a
 * rejection), the events that would be written, the charge lines that would change month by month
 * against today's figures, and the minimum terms and return deadlines that would change.
 *
 * The store is opened for reading, as by every read command: the ledger file, its views and its
 * directory stay byte for byte as they were. The core is `whatIf` (src/ledger/what-if.ts).
 *
 *   json: { schema: 'vpn-ledger.what-if/v1', asOf, knownAt, statusDate, generatedFrom, summary,
 *           lines, events, contracts, charges: { months, ongoingFrom }, terms, deadlines }
 */
import { type Command, Option } from 'commander';
import {
  type ChargeLine,
  compareLines,
  type Differences,
  type MinimumTerm,
  type MonthDifference,
  type ReturnDeadline,
} from '../../projections';
import { type WhatIfResult, whatIf } from '../../read/what-if';
import { renderer } from '../../render';
import { list } from '../../render/format';
import type { Lang } from '../../render/lang';
import { EXIT, type ExitCode } from '../errors';
import { displayWidth, positionJson, renderTable, toJsonText, yen } from '../format';
import { type CommandLine, commandLines } from '../input';
import { err, type Io, out } from '../io';
import { langOption } from '../lang';
import { asOfOption, knownAtOption, storeOption } from '../options';
import { withReadModel } from '../read';
import { describeOutcome, type LineOutcome, openLines } from './apply';
import { catalogOption, termsConfigWithCatalog } from './catalog';
import { chargeLineJson } from './charges';
import { deadlineJson, deadlinesTable } from './deadlines';
import { termCells, termColumns, termStatus } from './terms';

export const WHAT_IF_SCHEMA = 'vpn-ledger.what-if/v1';

interface WhatIfCliOptions {
  readonly store?: string;
  readonly asOf?: string;
  readonly knownAt?: string;
  readonly catalog?: string;
  readonly stopOnError?: boolean;
  readonly format: 'table' | 'json';
  readonly lang?: Lang;
}

/** The lines read, each with its outcome: a command's result, or why the line was not one. */
export const lineOutcomes = (
  lines: readonly CommandLine[],
  result: WhatIfResult,
  stopOnError: boolean,
): LineOutcome[] => {
  const outcomes: LineOutcome[] = [];
  let next = 0;
  for (const l of lines) {
    const outcome: LineOutcome =
      l.kind === 'command' ? { line: l.line, kind: 'result', result: result.results[next++]! } : l;
    outcomes.push(outcome);
    // --stop-on-error: the first rejected or unreadable line is the last one reported (and run).
    if (stopOnError && failed(outcome)) break;
  }
  return outcomes;
};

const failed = (o: LineOutcome): boolean => o.kind !== 'result' || o.result.status === 'rejected';

export const summaryOf = (outcomes: readonly LineOutcome[], result: WhatIfResult, stopped: boolean) => {
  const results = outcomes.flatMap((o) => (o.kind === 'result' ? [o.result] : []));
  const last = outcomes[outcomes.length - 1];
  return {
    lines: outcomes.length,
    accepted: results.filter((r) => r.status === 'accepted').length,
    repeated: results.filter((r) => r.status === 'accepted' && r.repeated).length,
    rejected: results.filter((r) => r.status === 'rejected').length,
    invalidJson: outcomes.filter((o) => o.kind === 'invalid-json').length,
    unreadable: outcomes.filter((o) => o.kind === 'unreadable').length,
    eventsWouldBeWritten: result.events.length,
    stoppedAt: stopped && last ? last.line : null,
  };
};

type Summary = ReturnType<typeof summaryOf>;

const signed = (n: number) => (n > 0 ? `+${yen(n)}` : yen(n));

type Change = 'was' | 'wouldBe' | 'added' | 'removed';

const period = (l: ChargeLine, lang: Lang) =>
  l.period.from === l.period.to
    ? l.period.from
    : `${l.period.from}${lang === 'ja' ? '～' : '..'}${l.period.to}`;

const lineRow = (month: string, change: Change, l: ChargeLine, lang: Lang) => {
  const w = renderer(lang);
  return [
    w.month(month),
    w.ui(`change.${change}`),
    l.contractId,
    w.word('chargeKind', l.kind),
    period(l, lang),
    yen(l.amount),
    w.citation(l.article),
    w.formula(l.formula),
  ];
};

const monthRows = (m: MonthDifference, lang: Lang): string[][] => {
  const entries: { at: ChargeLine; rows: string[][] }[] = [
    ...m.changed.map((c) => ({
      at: c.after,
      rows: [lineRow(m.month, 'was', c.before, lang), lineRow(m.month, 'wouldBe', c.after, lang)],
    })),
    ...m.added.map((l) => ({ at: l, rows: [lineRow(m.month, 'added', l, lang)] })),
    ...m.removed.map((l) => ({ at: l, rows: [lineRow(m.month, 'removed', l, lang)] })),
  ];
  return entries.sort((a, b) => compareLines(a.at, b.at)).flatMap((e) => e.rows);
};

const chargesText = (result: WhatIfResult, lang: Lang): string => {
  const w = renderer(lang);
  const { months, ongoingFrom } = result.charges;
  if (months.length === 0) return w.ui('whatIf.noCharges');
  const lines = renderTable(
    [
      { header: w.ui('col.month') },
      { header: w.ui('col.change') },
      { header: w.ui('col.contract') },
      { header: w.ui('col.kind') },
      { header: w.ui('col.period') },
      { header: w.ui('col.amountYen'), align: 'right' },
      { header: w.ui('col.article'), wrap: 24 },
      { header: w.ui('col.formula'), wrap: 60 },
    ],
    months.flatMap((m) => monthRows(m, lang)),
    { blankLineBetweenGroupsOf: 0 },
  );
  const totals = renderTable(
    [
      { header: w.ui('col.month') },
      { header: w.ui('col.billTo') },
      { header: w.ui('col.todayYen'), align: 'right' },
      { header: w.ui('col.whatIfYen'), align: 'right' },
      { header: w.ui('col.difference'), align: 'right' },
    ],
    months.flatMap((m) =>
      m.totals
        .filter((t) => t.difference !== 0 || m.totals.length === 1)
        .map((t) => [w.month(m.month), t.billTo, yen(t.before), yen(t.after), signed(t.difference)]),
    ),
  );
  const ongoing = ongoingFrom
    ? `\n\n${w.ui('whatIf.ongoing', { month: w.month(ongoingFrom), difference: signed(months[months.length - 1]!.difference) })}`
    : '';
  return `${w.ui('whatIf.charges')}\n\n${lines}\n\n${w.ui('whatIf.totals', { contracts: list(lang, result.contracts) })}\n\n${totals}${ongoing}`;
};

const termsText = (terms: Differences<MinimumTerm>, date: string, lang: Lang): string => {
  const w = renderer(lang);
  const rows = [
    ...terms.added.map((t) => ['added', t] as const),
    ...terms.changed.flatMap((c) => [['was', c.before] as const, ['wouldBe', c.after] as const]),
    ...terms.removed.map((t) => ['removed', t] as const),
  ];
  if (rows.length === 0) return w.ui('whatIf.noTerms');
  return `${w.ui('whatIf.terms', { date: w.date(date) })}\n\n${renderTable(
    [{ header: w.ui('col.change') }, { header: w.ui('col.contract') }, ...termColumns(lang)],
    rows.map(([change, t]) => [w.ui(`change.${change}`), t.contractId, ...termCells(t, date, lang)]),
  )}`;
};

const deadlinesText = (deadlines: Differences<ReturnDeadline>, date: string, lang: Lang): string => {
  const w = renderer(lang);
  const rows = [
    ...deadlines.added.map((d) => [w.ui('change.added'), d] as const),
    ...deadlines.changed.flatMap((c) => [
      [w.ui('change.was'), c.before] as const,
      [w.ui('change.wouldBe'), c.after] as const,
    ]),
    ...deadlines.removed.map((d) => [w.ui('change.removed'), d] as const),
  ];
  if (rows.length === 0) return w.ui('whatIf.noDeadlines');
  const table = deadlinesTable(
    rows.map(([, d]) => d),
    date,
    true,
    lang,
  ).split('\n');
  // The deadlines table with a first column saying what changes.
  const header = w.ui('col.change');
  const width = Math.max(displayWidth(header), ...rows.map(([c]) => displayWidth(c)));
  const column = [header, '-'.repeat(width), ...rows.map(([c]) => c)];
  const pad = (text: string) => text + ' '.repeat(width - displayWidth(text));
  let row = 0;
  const withChange = table.map((line, i) => {
    if (i < 2) return `${pad(column[i]!)}  ${line}`;
    // A wrapped note continues on lines whose first column is blank.
    const first = line.startsWith(' ') ? '' : column[2 + row++]!;
    return `${pad(first)}  ${line}`.trimEnd();
  });
  return `${w.ui('whatIf.deadlines', { date: w.date(date) })}\n\n${withChange.join('\n')}`;
};

const eventsText = (result: WhatIfResult, lang: Lang): string => {
  const w = renderer(lang);
  if (result.events.length === 0) return w.ui('whatIf.noEvents');
  return `${w.ui('whatIf.events')}\n\n${renderTable(
    [
      { header: w.ui('col.stream') },
      { header: w.ui('col.rev'), align: 'right' },
      { header: w.ui('col.event') },
      { header: w.ui('col.date') },
      { header: w.ui('col.article'), wrap: 22 },
      { header: w.ui('col.whatHappened'), wrap: 72 },
    ],
    result.events.map((e) => [
      e.streamId,
      e.revision.toString(),
      e.type,
      e.date === null ? '' : w.date(e.date),
      e.article === null ? '' : w.citation(e.article),
      e.summary ?? '',
    ]),
  )}`;
};

const basisLine = (result: WhatIfResult, storeDescription: string, lang: Lang): string => {
  const w = renderer(lang);
  const b = result.basis;
  return w.ui('whatIf.basis', {
    store: storeDescription,
    position: b.position === null ? 'none' : b.position.commit.toString(),
    contracts: result.contracts.length ? list(lang, result.contracts) : w.ui('whatIf.noContracts'),
    knownAt: b.knownAt ?? 'none',
    asOf: b.asOf === null ? 'none' : w.date(b.asOf),
  });
};

export const summaryText = (s: Summary, lang: Lang = 'en'): string =>
  renderer(lang).ui('whatIf.summary', {
    lines: s.lines,
    accepted: s.accepted,
    repeated: s.repeated,
    rejected: s.rejected,
    invalidJson: s.invalidJson,
    unreadable: s.unreadable,
    events: s.eventsWouldBeWritten,
    stoppedAt: s.stoppedAt === null ? 'none' : String(s.stoppedAt),
  });

const termJson = (t: MinimumTerm, date: string) => ({ ...t, status: termStatus(t, date) });

/**
 * The v1 document: within v1 fields are only ever added, never renamed or removed. Its words (the
 * lines' formulas and notes, the rejections' messages, the deadlines' notes) in `lang`; the events'
 * `summary` is in the language `whatIf` was asked for.
 */
export const whatIfJson = (
  result: WhatIfResult,
  outcomes: readonly LineOutcome[],
  summary: Summary,
  storeDescription: string,
  lang: Lang = 'en',
) => {
  const date = result.basis.statusDate;
  const line = (l: ChargeLine) => chargeLineJson(l, lang);
  const lines = (d: Differences<ChargeLine>) => ({
    added: d.added.map(line),
    removed: d.removed.map(line),
    changed: d.changed.map((c) => ({ before: line(c.before), after: line(c.after) })),
  });
  const deadline = (d: ReturnDeadline) => deadlineJson(d, lang);
  return {
    schema: WHAT_IF_SCHEMA,
    asOf: result.basis.asOf,
    knownAt: result.basis.knownAt,
    statusDate: date,
    lang,
    generatedFrom: {
      store: result.basis.store,
      description: storeDescription,
      lastPosition: positionJson(result.basis.position),
      knownAt: result.basis.knownAt,
    },
    summary,
    lines: outcomes.map((o) => {
      if (o.kind !== 'result') return { line: o.line, status: o.kind, message: o.message };
      // Where the events would land in the global log is not known: no position.
      const { position: _position, ...rest } = o.result as typeof o.result & { position?: unknown };
      if (rest.status === 'rejected' && lang !== 'en')
        return { line: o.line, ...rest, message: renderer(lang).resultMessage(o.result as typeof rest) };
      return { line: o.line, ...rest };
    }),
    events: result.events,
    contracts: result.contracts,
    charges: {
      months: result.charges.months.map((m) => ({
        month: m.month,
        ...lines(m),
        totals: m.totals,
        before: m.before,
        after: m.after,
        difference: m.difference,
      })),
      ongoingFrom: result.charges.ongoingFrom,
    },
    terms: {
      added: result.terms.added.map((t) => termJson(t, date)),
      removed: result.terms.removed.map((t) => termJson(t, date)),
      changed: result.terms.changed.map((c) => ({
        before: termJson(c.before, date),
        after: termJson(c.after, date),
      })),
    },
    deadlines: {
      added: result.deadlines.added.map(deadline),
      removed: result.deadlines.removed.map(deadline),
      changed: result.deadlines.changed.map((c) => ({
        before: deadline(c.before),
        after: deadline(c.after),
      })),
    },
  };
};

/** The people's view: each line's decision, then what would change, and what it was read from. */
export const whatIfText = (
  result: WhatIfResult,
  outcomes: readonly LineOutcome[],
  storeDescription: string,
  lang: Lang,
): string => {
  const date = result.basis.statusDate;
  const lines = [renderer(lang).ui('whatIf.title'), ''];
  for (const o of outcomes) lines.push(...describeOutcome(o, lang, 'would').lines);
  for (const section of [
    eventsText(result, lang),
    chargesText(result, lang),
    termsText(result.terms, date, lang),
    deadlinesText(result.deadlines, date, lang),
  ]) {
    lines.push('', section);
  }
  lines.push('', basisLine(result, storeDescription, lang));
  return lines.join('\n');
};

export const runWhatIf = async (io: Io, file: string, opts: WhatIfCliOptions): Promise<ExitCode> => {
  const terms = termsConfigWithCatalog(opts.catalog);
  const input = openLines(io, file);
  return withReadModel(io, opts, async (ctx) => {
    const read: CommandLine[] = [];
    for await (const line of commandLines(input)) {
      read.push(line);
      if (opts.stopOnError && line.kind !== 'command') break;
    }
    const result = await whatIf(
      ctx.model.store,
      read.flatMap((l) => (l.kind === 'command' ? [l.input] : [])),
      {
        terms,
        lang: ctx.lang,
        ...(opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {}),
        ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
        ...(opts.stopOnError ? { stopOnError: true } : {}),
      },
    );
    const outcomes = lineOutcomes(read, result, opts.stopOnError === true);
    const anyFailed = outcomes.some(failed);
    const summary = summaryOf(outcomes, result, opts.stopOnError === true && anyFailed);
    if (opts.format === 'json') {
      out(io, toJsonText(whatIfJson(result, outcomes, summary, ctx.storeDescription, ctx.lang)));
    } else {
      out(io, whatIfText(result, outcomes, ctx.storeDescription, ctx.lang));
    }
    err(io, summaryText(summary, ctx.lang));
    return anyFailed ? EXIT.FAILURE : EXIT.OK;
  });
};

export const registerWhatIf = (program: Command, io: Io, setExit: (code: ExitCode) => void): void => {
  program
    .command('what-if')
    .description(
      'what commands (a file, or - for stdin; the apply format) would do, recording nothing: decisions, events, charges month by month against today, terms, return deadlines',
    )
    .argument('<file>', 'a .jsonl file of commands (or one command), or - to read stdin')
    .addOption(asOfOption('today and the what-if both as effective on this Japan date'))
    .addOption(knownAtOption())
    .option(
      '--stop-on-error',
      'stop at the first rejected or unreadable line (default: go on, as apply does)',
    )
    .addOption(catalogOption())
    .addOption(
      new Option('--format <format>', 'table for people, json for machines')
        .choices(['table', 'json'])
        .default('table'),
    )
    .addOption(langOption())
    .addOption(storeOption())
    .action(async (file: string, opts: WhatIfCliOptions) => setExit(await runWhatIf(io, file, opts)));
};
