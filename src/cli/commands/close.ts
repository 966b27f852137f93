/**
 * `vpn-ledger close --month YYYY-MM --actor ID`: closes a billing month (src/billing/close.ts):
 * every line invoiced, the totals per contractor billed, the position the close reflects, who
 * closed it, and the seal of the log up to that position, signed with the key of `--key`.
 * Refused (exit 1) before the month has ended in Japan, out of order, and a second time; the same
 * command id again (by default `close-YYYY-MM`) is answered as a repeat (exit 0).
 *
 * `vpn-ledger seal --actor ID` makes a seal on demand; `vpn-ledger keygen --out PATH` makes a key pair.
 */
import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { type CloseResult, closeMonth } from '../../billing/close';
import { type SealLogResult, sealLog } from '../../billing/seal-log';
import { toJsonText } from '../../documents/encoding';
import { closeJson, closeThroughJson, sealResultJson } from '../../documents/months';
import type { Seal } from '../../events';
import { systemClock } from '../../ledger/clock';
import type { OpenedLedger } from '../../ledger/open';
import { generateSealKeys } from '../../ledger/seal';
import { nextToCloseIn } from '../../read';
import { renderer } from '../../render';
import { help } from '../../render/cli-help';
import type { Lang } from '../../render/lang';
import { describeStore } from '../../render/store';
import { addMonthsToMonth } from '../../terms/dates';
import type { ViewsDb } from '../../views/views-db';
import { withLedger } from '../context';
import { EXIT, type ExitCode, failure, said, usageError } from '../errors';
import { inline, renderTable, yen } from '../format';
import { type Io, out } from '../io';
import { readPrivateKey, sealKeyOption } from '../keys';
import { langOf, langOption } from '../lang';
import { formatOption, monthOption, storeOption } from '../options';
import { progressFormat, startProgress } from '../progress';
import { viewsOption } from '../read';

export const ACTOR_ENV = 'VPN_LEDGER_ACTOR';

const actorOption = (lang: Lang) =>
  new Option('--actor <id>', help(lang, 'opt.actor', { env: ACTOR_ENV }))
    .env(ACTOR_ENV)
    .makeOptionMandatory();

/** The views a billing command holds against the log: the SQLite ledger's own, or a follower's views file. */
const viewsOf = (ledger: OpenedLedger): ViewsDb => {
  if (ledger.views) return ledger.views;
  throw usageError(said('views.needFile', { kind: ledger.store.kind }));
};

export const sealJson = (seal: Seal) => seal;

/** `close 2025-10 refused: CODE [article] message`, in the language. */
const refusal = (
  what: { readonly month: string } | 'seal',
  r: Extract<CloseResult | SealLogResult, { status: 'rejected' }>,
  lang: Lang,
) => {
  const w = renderer(lang);
  return failure(
    w.ui('close.refused', {
      what: what === 'seal' ? 'seal' : 'close',
      month: what === 'seal' ? '' : w.month(what.month),
      code: r.code,
      article: r.citation.length === 0 ? 'none' : w.citation(r.citation),
      message: inline(w.resultMessage(r)),
    }),
  );
};

/** An instant as recorded in English (the outputs the README shows), in Japan time's words in Japanese. */
const at = (lang: Lang, instant: string): string =>
  lang === 'en' ? instant : renderer(lang).instant(instant);

export const closeText = (r: Extract<CloseResult, { status: 'accepted' }>, lang: Lang = 'en'): string => {
  const w = renderer(lang);
  const c = r.close;
  const adjustments = c.lines.filter((l) => l.kind === 'adjustment');
  const month = w.month(c.month);
  const head = r.alreadyClosed
    ? w.ui('close.alreadyClosed', {
        month,
        closedBy: c.closedBy,
        closedAt: at(lang, c.closedAt),
        closeId: c.closeId,
      })
    : r.repeated
      ? w.ui('close.repeated', { month, commandId: r.commandId })
      : w.ui('close.closed', { month });
  const totals = renderTable(
    [
      { header: w.ui('col.billTo') },
      { header: w.ui('col.lines'), align: 'right' },
      { header: w.ui('col.totalYen'), align: 'right' },
    ],
    [
      ...c.totals.map((t) => [t.billTo, String(t.lines), yen(t.amount)]),
      [w.ui('charges.all'), String(c.lines.length), yen(c.total)],
    ],
  );
  return [
    head,
    w.ui('close.invoiced', {
      lines: c.lines.length - adjustments.length,
      adjustments: adjustments.length,
      total: yen(c.total),
      closedBy: c.closedBy,
      closedAt: at(lang, c.closedAt),
    }),
    w.ui('close.reflects', {
      closeId: c.closeId,
      streamId: c.streamId,
      position: c.seal.position === null ? 'none' : c.seal.position.commit.toString(),
      events: c.seal.events,
    }),
    w.ui('close.seal', { digest: c.seal.digest, keyId: c.seal.keyId }),
    '',
    totals,
  ].join('\n');
};

interface CloseOptions {
  readonly month?: string;
  readonly through?: string;
  readonly actor: string;
  readonly commandId?: string;
  readonly key?: string;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'table' | 'json';
  readonly lang?: Lang;
}

const closeCommand = (month: string, actor: string, commandId?: string) => ({
  type: 'CloseMonth',
  commandId: commandId ?? `close-${month}`,
  actor,
  data: { month },
});

/** The closes of `close --through`, for people: a row per month, and what was done. */
const closesTable = (closes: readonly Extract<CloseResult, { status: 'accepted' }>[], lang: Lang): string => {
  const w = renderer(lang);
  return renderTable(
    [
      { header: w.ui('col.month') },
      { header: w.ui('col.lines'), align: 'right' },
      { header: w.ui('col.totalYen'), align: 'right' },
      { header: w.ui('col.sealedEvents'), align: 'right' },
      { header: w.ui('col.sealDigest') },
      { header: w.ui('col.closeId') },
    ],
    closes.map(({ close: c }) => [
      w.month(c.month),
      String(c.lines.length),
      yen(c.total),
      String(c.seal.events),
      c.seal.digest.slice(0, 16),
      c.closeId,
    ]),
  );
};

export const runClose = (io: Io, opts: CloseOptions): Promise<ExitCode> =>
  withLedger(
    io,
    opts.store,
    { access: 'write', mustExist: true, views: opts.views, lang: langOf(io, opts.lang) },
    async ({ ledger }) => {
      const lang = langOf(io, opts.lang);
      if ((opts.month === undefined) === (opts.through === undefined))
        throw usageError(said('close.monthOrThrough'));
      if (opts.through !== undefined && opts.commandId !== undefined)
        throw usageError(said('close.commandIdWithThrough'));
      const key = readPrivateKey(opts.key);
      const options = {
        store: ledger.store,
        views: viewsOf(ledger),
        viewsInline: ledger.viewsInline,
        clock: systemClock,
        key,
      };
      if (opts.through !== undefined) return closeThrough(io, opts.through, opts, options, lang);
      const month = opts.month!;
      const r = await closeMonth(closeCommand(month, opts.actor, opts.commandId), options);
      if (r.status === 'rejected') throw refusal({ month }, r, lang);
      out(io, opts.format === 'json' ? toJsonText(closeJson(r)) : closeText(r, lang));
      return EXIT.OK;
    },
  );

/**
 * `close --through M`: every open month from the one the next close must be of through M, in
 * order, each its own close (close-YYYY-MM) and seal, with a progress bar while there is work. A
 * refusal stops it (exit 1) after saying what was closed.
 */
async function closeThrough(
  io: Io,
  through: string,
  opts: CloseOptions,
  options: Parameters<typeof closeMonth>[1],
  lang: Lang,
): Promise<ExitCode> {
  const w = renderer(lang);
  const first = nextToCloseIn(options.views);
  const months: string[] = [];
  for (let m = first; m !== null && m <= through; m = addMonthsToMonth(m, 1)) months.push(m);
  if (months.length === 0) {
    if (opts.format === 'json') out(io, toJsonText(closeThroughJson(through, [])));
    else out(io, w.ui('close.throughNothing', { through: w.month(through) }));
    return EXIT.OK;
  }
  if (opts.format !== 'json')
    out(
      io,
      w.ui('close.through', { first: w.month(months[0]!), through: w.month(through), count: months.length }),
    );
  const progress = startProgress(io, {
    total: months.length,
    enabled: true,
    format: progressFormat(lang, 'progress.closing'),
  });
  const done: Extract<CloseResult, { status: 'accepted' }>[] = [];
  let refused: { month: string; result: Extract<CloseResult, { status: 'rejected' }> } | null = null;
  try {
    for (const month of months) {
      progress.update(done.length, { month });
      const r = await closeMonth(closeCommand(month, opts.actor), options);
      if (r.status === 'rejected') {
        refused = { month, result: r };
        break;
      }
      done.push(r);
      progress.update(done.length, { month });
    }
  } finally {
    progress.stop();
  }
  if (opts.format === 'json') out(io, toJsonText(closeThroughJson(through, done)));
  else if (done.length > 0) out(io, `\n${closesTable(done, lang)}`);
  if (refused) throw refusal({ month: refused.month }, refused.result, lang);
  if (opts.format !== 'json')
    out(io, `\n${w.ui('close.throughDone', { count: done.length, through: w.month(through) })}`);
  return EXIT.OK;
}

interface SealOptions {
  readonly actor: string;
  readonly commandId?: string;
  readonly key?: string;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'table' | 'json';
  readonly lang?: Lang;
}

export const runSeal = (io: Io, opts: SealOptions): Promise<ExitCode> =>
  withLedger(
    io,
    opts.store,
    { access: 'write', mustExist: true, views: opts.views, lang: langOf(io, opts.lang) },
    async ({ ledger, description, spec }) => {
      const lang = langOf(io, opts.lang);
      const w = renderer(lang);
      const key = readPrivateKey(opts.key);
      {
        const r = await sealLog(
          { actor: opts.actor, ...(opts.commandId === undefined ? {} : { commandId: opts.commandId }) },
          {
            store: ledger.store,
            views: ledger.views,
            viewsInline: ledger.viewsInline,
            clock: systemClock,
            key,
          },
        );
        if (r.status === 'rejected') throw refusal('seal', r, lang);
        if (opts.format === 'json') {
          out(io, toJsonText(sealResultJson(r)));
        } else {
          out(
            io,
            [
              w.ui('seal.done', {
                repeated: r.repeated ? 'yes' : 'no',
                store: lang === 'en' ? description : describeStore(spec, lang),
                position: r.seal.position === null ? 'none' : r.seal.position.commit.toString(),
                events: r.seal.events,
                sealedAt: at(lang, r.seal.sealedAt),
              }),
              w.ui('seal.recorded', {
                digest: r.seal.digest,
                keyId: r.seal.keyId,
                streamId: r.event.streamId,
                revision: r.event.revision.toString(),
                eventId: r.event.eventId,
              }),
              w.ui('seal.publish'),
            ].join('\n'),
          );
        }
        return EXIT.OK;
      }
    },
  );

interface KeygenOptions {
  readonly out: string;
  readonly force?: boolean;
  readonly lang?: Lang;
}

export const runKeygen = (io: Io, opts: KeygenOptions): ExitCode => {
  const w = renderer(langOf(io, opts.lang));
  const keys = generateSealKeys();
  const publicPath = `${opts.out}.pub`;
  const flag = opts.force ? 'w' : 'wx';
  try {
    writeFileSync(opts.out, keys.privatePem, { mode: 0o600, flag });
    writeFileSync(publicPath, keys.publicPem, { mode: 0o644, flag });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw usageError(
      e.code === 'EEXIST'
        ? said('keygen.exists', { path: e.path ?? opts.out })
        : said('keygen.cannotWrite', { path: e.path ?? opts.out, detail: e.code ?? e.message }),
    );
  }
  out(
    io,
    [
      w.ui('keygen.wrote', { path: opts.out, publicPath }),
      w.ui('keygen.keyId', { keyId: keys.keyId }),
      w.ui('keygen.use', { path: opts.out, publicPath }),
    ].join('\n'),
  );
  return EXIT.OK;
};

export const registerClose = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  program
    .command('close')
    .description(help(lang, 'close'))
    .addOption(monthOption(lang))
    .addOption(monthOption(lang, 'close.through', '--through <YYYY-MM>'))
    .addOption(actorOption(lang))
    .option('--command-id <id>', help(lang, 'close.commandId'))
    .addOption(sealKeyOption(lang))
    .addOption(formatOption(lang))
    .addOption(langOption(lang))
    .addOption(storeOption(lang))
    .addOption(viewsOption(lang))
    .action(async (opts: CloseOptions) => setExit(await runClose(io, opts)));
  program
    .command('seal')
    .description(help(lang, 'seal'))
    .addOption(actorOption(lang))
    .option('--command-id <id>', help(lang, 'seal.commandId'))
    .addOption(sealKeyOption(lang))
    .addOption(formatOption(lang))
    .addOption(langOption(lang))
    .addOption(storeOption(lang))
    .addOption(viewsOption(lang))
    .action(async (opts: SealOptions) => setExit(await runSeal(io, opts)));
  program
    .command('keygen')
    .description(help(lang, 'keygen'))
    .requiredOption('--out <path>', help(lang, 'keygen.out'))
    .option('--force', help(lang, 'keygen.force'))
    .addOption(langOption(lang))
    .action((opts: KeygenOptions) => setExit(runKeygen(io, opts)));
};
