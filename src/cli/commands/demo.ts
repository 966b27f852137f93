/**
 * `vpn-ledger demo`: loads examples/demo.jsonl into a fresh SQLite ledger (./demo-ledger.db unless
 * --store says otherwise), then prints the demo month's charges and the open return deadlines.
 * VPN_LEDGER_STORE is deliberately ignored here: the demo deletes its file first, and must never
 * wipe the ledger a user configured.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { type Command, Option } from 'commander';
import { closeMonth } from '../../billing/close';
import { invoiceDocuments } from '../../billing/export';
import { packageRoot } from '../../documents/package';
import { systemClock } from '../../ledger/clock';
import type { OpenedLedger } from '../../ledger/open';
import { generateSealKeys, privateKeyFrom } from '../../ledger/seal';
import { timeline } from '../../projections/timeline';
import { billedMonthFromViews, Reader } from '../../read';
import { whatIf } from '../../read/what-if';
import { renderer } from '../../render';
import { help } from '../../render/cli-help';
import type { Lang } from '../../render/lang';
import { describeStore } from '../../render/store';
import type { EventStore } from '../../store/port';
import { parseStoreSpec } from '../../store/spec';
import { addMonthsToMonth, lastDayOfMonth } from '../../terms/dates';
import { storeProblem, withLedger } from '../context';
import { EXIT, type ExitCode, said, usageError } from '../errors';
import { renderTable, yen } from '../format';
import { type Io, out } from '../io';
import { langOf, langOption } from '../lang';
import { monthOption } from '../options';
import { applyLines, describeOutcome, openLines, summaryText } from './apply';
import { chargesTable } from './charges';
import { deadlinesTable, deadlinesTitle } from './deadlines';
import { exportTable } from './export';
import { timelineTable } from './timeline';

export const DEMO_STORE_SPEC = 'sqlite:./demo-ledger.db';
/** The program as the demo's hints name it: what works, as printed, in the package's directory. */
export const HINT_COMMAND = 'npx vpn-ledger';
export const DEMO_MONTH = '2025-10';
export const demoFile = (): string => join(packageRoot(), 'examples', 'demo.jsonl');

interface DemoOptions {
  readonly store: string;
  readonly month: string;
  readonly file?: string;
  readonly overwrite?: boolean;
  readonly lang?: Lang;
}

/** Deletes an SQLite ledger and its WAL files; an explicitly named existing file needs --overwrite. */
const freshSqlite = (path: string, explicit: boolean, overwrite: boolean): boolean => {
  if (!existsSync(path)) return false;
  if (explicit && !overwrite) {
    throw usageError(said('demo.exists', { path }));
  }
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
  return true;
};

export const runDemo = async (io: Io, opts: DemoOptions): Promise<ExitCode> => {
  const lang = langOf(io, opts.lang);
  const w = renderer(lang);
  let spec: ReturnType<typeof parseStoreSpec>;
  try {
    spec = parseStoreSpec(opts.store);
  } catch (error) {
    throw storeProblem(error, null) ?? error;
  }
  const file = opts.file ?? demoFile();
  const rel = relative(process.cwd(), file);
  const shownFile = rel && !rel.startsWith('..') ? rel : file;
  const lines = openLines(io, file); // a missing file is reported before anything is deleted
  let note = 'none';
  if (spec.kind === 'sqlite') {
    const deleted = freshSqlite(spec.path, opts.store !== DEMO_STORE_SPEC, opts.overwrite === true);
    note = deleted ? 'deleted' : 'new';
  } else if (spec.kind === 'esdb') {
    note = 'esdb';
  }
  out(io, w.ui('demo.loading', { file: shownFile, store: describeStore(spec, lang), note }));
  return withLedger(io, opts.store, { access: 'write', lang }, async ({ ledger }) => {
    const { store } = ledger;
    const summary = await applyLines(store, lines, {
      stopOnError: false,
      onOutcome: (outcome) => {
        const { stream, lines: text } = describeOutcome(outcome, lang);
        if (stream === 'stderr') for (const line of text) io.stderr.write(`${line}\n`);
      },
    });
    out(io, summaryText(summary, lang));
    const model = new Reader(ledger);
    const { charges } = (await model.month(opts.month)).billed;
    out(io);
    out(io, chargesTable(charges, lang));
    const asOf = lastDayOfMonth(opts.month);
    const open = (await model.deadlines(asOf))!.deadlines;
    out(io);
    out(io, `${deadlinesTitle(asOf, false, lang)}\n`);
    out(io, deadlinesTable(open, asOf, false, lang));
    const storeArg =
      opts.store === DEMO_STORE_SPEC ? ` --store ${DEMO_STORE_SPEC}` : ` --store ${opts.store}`;
    const key =
      ledger.viewsInline && spec.kind === 'sqlite'
        ? await closeDemoMonths(io, ledger, spec.path, opts.month, lang)
        : null;
    if (opts.file === undefined) {
      out(io);
      out(io, await inJapanese(model, store, lang));
    }
    if (spec.kind !== 'memory') {
      out(io);
      const langArg = lang === 'ja' ? ' --lang ja' : '';
      out(io, w.ui('demo.explore'));
      // As typed: `npx vpn-ledger` runs the package's own program from its directory; a bare
      // `vpn-ledger` is on no new user's PATH.
      const run = (args: string) => out(io, `  ${HINT_COMMAND} ${args}`);
      run(`charges --month ${opts.month} --format csv${storeArg}`);
      run(`timeline c-osaka${langArg}${storeArg}`);
      const example =
        [...charges.lines].sort((a, b) => b.amount - a.amount).find((l) => l.kind === 'config-change') ??
        charges.lines[0];
      if (example) run(`explain ${example.id}${langArg}${storeArg}`);
      run(`terms c-tokyo-hq --as-of ${asOf}${langArg}${storeArg}`);
      if (key) {
        run(`export --month ${opts.month} --format json${storeArg}`);
        run(`charges --month ${addMonthsToMonth(opts.month, 1)}${langArg}${storeArg}`);
        run(`verify --public-key ${key}.pub${langArg}${storeArg}`);
      } else run(`verify${langArg}${storeArg}`);
    }
    return summary.rejected > 0 || summary.invalidJson > 0 ? EXIT.FAILURE : EXIT.OK;
  });
};

/** The contract whose timeline the demo shows in Japanese. */
export const JA_CONTRACT = 'c-osaka';

/**
 * A command the terms refuse on the demo ledger: the loss charge of c-osaka's cold-standby unit as
 * not returned (Art. 16(2)) while its 30 days to go back (Art. 14(3)) are still running.
 */
export const JA_REFUSED_COMMAND = {
  type: 'QuoteLossCharge',
  commandId: 'demo-ja-loss-charge-cs-osaka-1',
  actor: 'staff:sato',
  data: {
    contractId: 'c-osaka',
    lossId: 'loss-osaka-cs',
    itemId: 'cs-osaka-1',
    amount: 80000,
    reason: 'not-returned',
    quotedOn: '2025-11-01',
  },
} as const;

/**
 * What `vpn-ledger timeline c-osaka --lang ja` shows (without its provenance line), and the answer
 * of `vpn-ledger what-if - --lang ja` to JA_REFUSED_COMMAND (its decision's line): the words of
 * the ledger in Japanese, whatever the language of the run. The what-if writes nothing.
 */
const inJapanese = async (model: Reader, store: EventStore, lang: Lang): Promise<string> => {
  const ja = renderer('ja');
  const read = await model.contract(JA_CONTRACT, { withNetwork: true });
  const steps = read ? timeline(read.facts, JA_CONTRACT) : [];
  const result = await whatIf(store, [JA_REFUSED_COMMAND]);
  const refused = result.results[0]!;
  return [
    renderer(lang).ui('demo.inJapanese', { contractId: JA_CONTRACT }),
    '',
    `${HINT_COMMAND} timeline ${JA_CONTRACT} --lang ja`,
    ja.ui('timeline.title', { contractId: JA_CONTRACT }),
    '',
    timelineTable(steps, false, 'ja'),
    '',
    `echo '${JSON.stringify(JA_REFUSED_COMMAND)}' | ${HINT_COMMAND} what-if - --lang ja`,
    ...describeOutcome({ line: 1, kind: 'result', result: refused }, 'ja', 'would').lines,
  ].join('\n');
};

/**
 * Closes the demo ledger's months, from its first through `month`, with a seal key made for the
 * demo next to the ledger (a real deployment keeps its key away from the ledger), and shows the
 * export of `month`. Returns the key's path.
 */
const closeDemoMonths = async (
  io: Io,
  ledger: OpenedLedger,
  ledgerPath: string,
  month: string,
  lang: Lang,
): Promise<string> => {
  const w = renderer(lang);
  const dir = dirname(ledgerPath);
  const keyPath = dir === '.' ? './demo-seal-key.pem' : join(dir, 'demo-seal-key.pem');
  const keys = generateSealKeys();
  writeFileSync(keyPath, keys.privatePem, { mode: 0o600 });
  writeFileSync(`${keyPath}.pub`, keys.publicPem, { mode: 0o644 });
  const key = privateKeyFrom(keys.privatePem, keyPath);
  const { store } = ledger;
  const views = ledger.views!;
  const first = views.charges.monthRange()?.first ?? month;
  out(io);
  out(io, `${w.ui('demo.closing', { first: w.month(first), month: w.month(month), keyPath })}\n`);
  const rows: string[][] = [];
  for (let m = first; m <= month; m = addMonthsToMonth(m, 1)) {
    const r = await closeMonth(
      { type: 'CloseMonth', commandId: `close-${m}`, actor: 'staff:demo', data: { month: m } },
      { store, views, viewsInline: true, clock: systemClock, key },
    );
    if (r.status !== 'accepted')
      throw new Error(`closing ${m}: ${r.code} ${renderer('en').resultMessage(r)}`);
    const c = r.close;
    rows.push([
      w.month(m),
      String(c.lines.length),
      yen(c.total),
      String(c.seal.events),
      c.seal.digest.slice(0, 16),
    ]);
  }
  out(
    io,
    renderTable(
      [
        { header: w.ui('col.month') },
        { header: w.ui('col.lines'), align: 'right' },
        { header: w.ui('col.totalYen'), align: 'right' },
        { header: w.ui('col.sealedEvents'), align: 'right' },
        { header: w.ui('col.sealDigest') },
      ],
      rows,
    ),
  );
  out(io);
  out(io, `${HINT_COMMAND} export --month ${month} --format table${lang === 'ja' ? ' --lang ja' : ''}`);
  out(io, exportTable(month, invoiceDocuments(billedMonthFromViews(views, month)), lang));
  return keyPath;
};

export const registerDemo = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  program
    .command('demo')
    .description(
      help(lang, 'demo', {
        store: DEMO_STORE_SPEC,
        month: DEMO_MONTH,
        monthText: renderer(lang).month(DEMO_MONTH),
      }),
    )
    // Not .env(VPN_LEDGER_STORE): the demo empties its store first.
    .addOption(new Option('--store <spec>', help(lang, 'demo.store')).default(DEMO_STORE_SPEC))
    .addOption(monthOption(lang, 'demo.month').default(DEMO_MONTH))
    .option('--file <path>', help(lang, 'demo.file'))
    .option('--overwrite', help(lang, 'demo.overwrite'))
    .addOption(langOption(lang))
    .action(async (opts: DemoOptions) => setExit(await runDemo(io, opts)));
};
