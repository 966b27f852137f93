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
import { type WhatIfResult, whatIf } from '../../ledger/what-if';
import {
  type ChargeLine,
  compareLines,
  type Differences,
  type MinimumTerm,
  type MonthDifference,
  type ReturnDeadline,
} from '../../projections';
import { renderer } from '../../render';
import { formulaText } from '../../render/charge-text';
import type { Lang } from '../../render/lang';
import { EXIT, type ExitCode } from '../errors';
import { positionJson, renderTable, toJsonText, yen } from '../format';
import { type CommandLine, commandLines } from '../input';
import { err, type Io, out } from '../io';
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

const period = (l: ChargeLine) =>
  l.period.from === l.period.to ? l.period.from : `${l.period.from}..${l.period.to}`;

const lineRow = (month: string, change: string, l: ChargeLine) => [
  month,
  change,
  l.contractId,
  l.kind,
  period(l),
  yen(l.amount),
  l.article,
  formulaText(l.formula),
];

const monthRows = (m: MonthDifference): string[][] => {
  const entries: { at: ChargeLine; rows: string[][] }[] = [
    ...m.changed.map((c) => ({
      at: c.after,
      rows: [lineRow(m.month, 'was', c.before), lineRow(m.month, 'would be', c.after)],
    })),
    ...m.added.map((l) => ({ at: l, rows: [lineRow(m.month, 'added', l)] })),
    ...m.removed.map((l) => ({ at: l, rows: [lineRow(m.month, 'removed', l)] })),
  ];
  return entries.sort((a, b) => compareLines(a.at, b.at)).flatMap((e) => e.rows);
};

const chargesText = (result: WhatIfResult): string => {
  const { months, ongoingFrom } = result.charges;
  if (months.length === 0) return 'No charge line would change.';
  const lines = renderTable(
    [
      { header: 'Month' },
      { header: 'Change' },
      { header: 'Contract' },
      { header: 'Kind' },
      { header: 'Period' },
      { header: 'Amount (yen)', align: 'right' },
      { header: 'Article', wrap: 24 },
      { header: 'Formula', wrap: 60 },
    ],
    months.flatMap(monthRows),
    { blankLineBetweenGroupsOf: 0 },
  );
  const totals = renderTable(
    [
      { header: 'Month' },
      { header: 'Bill to' },
      { header: 'Today (yen)', align: 'right' },
      { header: 'What if (yen)', align: 'right' },
      { header: 'Difference', align: 'right' },
    ],
    months.flatMap((m) =>
      m.totals
        .filter((t) => t.difference !== 0 || m.totals.length === 1)
        .map((t) => [m.month, t.billTo, yen(t.before), yen(t.after), signed(t.difference)]),
    ),
  );
  const ongoing = ongoingFrom
    ? `\n\nFrom ${ongoingFrom} on, every month differs as ${ongoingFrom} does: ${signed(months[months.length - 1]!.difference)} yen a month.`
    : '';
  return `Charge lines that would change (yen, tax excluded), against today's figures\n\n${lines}\n\nThe month's lines of ${result.contracts.join(', ')}, per contractor billed\n\n${totals}${ongoing}`;
};

const termsText = (terms: Differences<MinimumTerm>, date: string): string => {
  const rows = [
    ...terms.added.map((t) => ['added', t] as const),
    ...terms.changed.flatMap((c) => [['was', c.before] as const, ['would be', c.after] as const]),
    ...terms.removed.map((t) => ['removed', t] as const),
  ];
  if (rows.length === 0) return 'No minimum term would change.';
  return `Minimum terms that would change (status on ${date})\n\n${renderTable(
    [{ header: 'Change' }, { header: 'Contract' }, ...termColumns()],
    rows.map(([change, t]) => [change, t.contractId, ...termCells(t, date)]),
  )}`;
};

const deadlinesText = (deadlines: Differences<ReturnDeadline>, date: string): string => {
  const rows = [
    ...deadlines.added.map((d) => ['added', d] as const),
    ...deadlines.changed.flatMap((c) => [['was', c.before] as const, ['would be', c.after] as const]),
    ...deadlines.removed.map((d) => ['removed', d] as const),
  ];
  if (rows.length === 0) return 'No return deadline would change.';
  const table = deadlinesTable(
    rows.map(([, d]) => d),
    date,
    true,
  ).split('\n');
  // The deadlines table with a first column saying what changes.
  const width = Math.max('Change'.length, ...rows.map(([c]) => c.length));
  const column = ['Change', '-'.repeat(width), ...rows.map(([c]) => c)];
  let row = 0;
  const withChange = table.map((line, i) => {
    if (i < 2) return `${column[i]!.padEnd(width)}  ${line}`;
    // A wrapped note continues on lines whose first column is blank.
    const first = line.startsWith(' ') ? '' : column[2 + row++]!;
    return `${first.padEnd(width)}  ${line}`.trimEnd();
  });
  return `Return deadlines that would change (Art. 14(3); status on ${date})\n\n${withChange.join('\n')}`;
};

const eventsText = (result: WhatIfResult): string => {
  if (result.events.length === 0) return 'No event would be written.';
  return `Events that would be written\n\n${renderTable(
    [
      { header: 'Stream' },
      { header: 'Rev', align: 'right' },
      { header: 'Event' },
      { header: 'Date' },
      { header: 'Article', wrap: 22 },
      { header: 'What happened', wrap: 72 },
    ],
    result.events.map((e) => [
      e.streamId,
      e.revision.toString(),
      e.type,
      e.date ?? '',
      e.article ?? '',
      e.summary ?? '',
    ]),
  )}`;
};

const basisLine = (result: WhatIfResult, storeDescription: string): string => {
  const b = result.basis;
  const parts = [
    `today's figures and the what-if's from ${storeDescription} as it stood at ${b.position === null ? 'an empty log' : `position ${b.position.commit}`}`,
    `only the contracts the commands touch: ${result.contracts.length ? result.contracts.join(', ') : 'none'}`,
  ];
  if (b.knownAt !== null) parts.push(`as known at ${b.knownAt}`);
  if (b.asOf !== null) parts.push(`as effective on ${b.asOf}`);
  parts.push('nothing was written');
  return `(${parts.join('; ')})`;
};

export const summaryText = (s: Summary): string => {
  const parts = [
    `${s.accepted} would be accepted${s.repeated ? ` (${s.repeated} repeated)` : ''}`,
    `${s.rejected} would be rejected`,
  ];
  if (s.invalidJson) parts.push(`${s.invalidJson} invalid JSON`);
  if (s.unreadable) parts.push(`${s.unreadable} unreadable`);
  const stopped = s.stoppedAt === null ? '' : `; stopped at line ${s.stoppedAt} (--stop-on-error)`;
  return `what-if: ${s.lines} command line(s): ${parts.join(', ')}; ${s.eventsWouldBeWritten} event(s) would be written; nothing was written${stopped}`;
};

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
        ...(opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {}),
        ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
        ...(opts.stopOnError ? { stopOnError: true } : {}),
      },
    );
    const outcomes = lineOutcomes(read, result, opts.stopOnError === true);
    const anyFailed = outcomes.some(failed);
    const summary = summaryOf(outcomes, result, opts.stopOnError === true && anyFailed);
    if (opts.format === 'json') {
      out(io, toJsonText(whatIfJson(result, outcomes, summary, ctx.storeDescription)));
    } else {
      const date = result.basis.statusDate;
      out(io, 'What if (a dry run: nothing is recorded)\n');
      for (const o of outcomes) for (const line of describeOutcome(o, 'en', 'would').lines) out(io, line);
      for (const section of [
        eventsText(result),
        chargesText(result),
        termsText(result.terms, date),
        deadlinesText(result.deadlines, date),
      ]) {
        out(io);
        out(io, section);
      }
      out(io);
      out(io, basisLine(result, ctx.storeDescription));
    }
    err(io, summaryText(summary));
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
    .addOption(storeOption())
    .action(async (file: string, opts: WhatIfCliOptions) => setExit(await runWhatIf(io, file, opts)));
};
