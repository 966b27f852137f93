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
 *         (src/documents/what-if.ts)
 */
import { type Command, Option } from 'commander';
import { toJsonText } from '../../documents/encoding';
import { type CommandLine, commandLines } from '../../documents/json-lines';
import { failsRun, type LineOutcome } from '../../documents/outcomes';
import { lineOutcomes, summaryOf, type WhatIfSummary, whatIfJson } from '../../documents/what-if';
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
import { help } from '../../render/cli-help';
import { list } from '../../render/format';
import type { Lang } from '../../render/lang';
import { EXIT, type ExitCode } from '../errors';
import { displayWidth, renderTable, yen } from '../format';
import { err, type Io, out } from '../io';
import { langOption } from '../lang';
import { asOfOption, knownAtOption, storeOption } from '../options';
import { withReadModel } from '../read';
import { describeOutcome, openLines } from './apply';
import { catalogOption, termsConfigWithCatalog } from './catalog';
import { deadlinesTable } from './deadlines';
import { termCells, termColumns } from './terms';

interface WhatIfCliOptions {
  readonly store?: string;
  readonly asOf?: string;
  readonly knownAt?: string;
  readonly catalog?: string;
  readonly stopOnError?: boolean;
  readonly format: 'table' | 'json';
  readonly lang?: Lang;
}

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

export const summaryText = (s: WhatIfSummary, lang: Lang = 'en'): string =>
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
      ctx.reader.store,
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
    const anyFailed = outcomes.some(failsRun);
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

export const registerWhatIf = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  program
    .command('what-if')
    .description(help(lang, 'what-if'))
    .argument('<file>', help(lang, 'what-if.file'))
    .addOption(asOfOption(lang, 'what-if.asOf'))
    .addOption(knownAtOption(lang))
    .option('--stop-on-error', help(lang, 'what-if.stopOnError'))
    .addOption(catalogOption(lang))
    .addOption(
      new Option('--format <format>', help(lang, 'what-if.format'))
        .choices(['table', 'json'])
        .default('table'),
    )
    .addOption(langOption(lang))
    .addOption(storeOption(lang))
    .action(async (file: string, opts: WhatIfCliOptions) => setExit(await runWhatIf(io, file, opts)));
};
