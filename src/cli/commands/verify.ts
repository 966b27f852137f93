/**
 * `vpn-ledger verify`: the integrity of the log: every stream's hash chain, every event against its
 * schema, and (SQLite) the global positions; every seal against the log worked out again, with its
 * signature checked when public keys are given (`--public-key`), and seals kept outside the ledger
 * (`--seal FILE`), with the invoices an exported file holds checked line by line against their
 * closes; and the views, worked out again from the log and compared row by row. Exit 1 with the
 * first broken link of each stream, the first seal that diverges, and every view row or exported
 * line that differs.
 */
import type { Command } from 'commander';
import { toJsonText } from '../../documents/encoding';
import { verifyJson } from '../../documents/verify';
import { type IntegrityReport, verifyIntegrity } from '../../ledger/integrity';
import { renderer } from '../../render';
import { help } from '../../render/cli-help';
import { breakText } from '../../render/integrity';
import type { Lang } from '../../render/lang';
import { describeStore } from '../../render/store';
import { withLedger } from '../context';
import { EXIT, type ExitCode, failure } from '../errors';
import { renderTable } from '../format';
import { type Io, out } from '../io';
import {
  publicKeyOption,
  publishedSealOption,
  readExportedInvoices,
  readPublicKeys,
  readPublishedSeals,
} from '../keys';
import { langOf, langOption } from '../lang';
import { formatOption, storeOption } from '../options';
import { type Progress, progressFormat, startProgress } from '../progress';
import { viewsOption } from '../read';

interface VerifyOptions {
  readonly store?: string;
  readonly publicKey?: string[];
  readonly seal?: string[];
  readonly views?: string;
  readonly format: 'table' | 'json';
  readonly lang?: Lang;
}

/** One sentence on the seals: how many, whether signatures were checked, what is not sealed yet. */
export const sealsLine = (r: IntegrityReport['seals'], lang: Lang = 'en'): string => {
  const w = renderer(lang);
  if (r.checked === 0) return w.ui('verify.sealsNone');
  const held = r.lastHolding;
  return w.ui('verify.seals', {
    checked: r.checked,
    published: r.published > 0 ? r.published : 'none',
    signatures: r.signatures,
    events: held === null ? 'none' : held.events,
    position: held?.position ? String(held.position.commit) : 'none',
    after: r.eventsAfter,
  });
};

export const runVerify = (io: Io, opts: VerifyOptions): Promise<ExitCode> => {
  const lang = langOf(io, opts.lang);
  const r = renderer(lang);
  return withLedger(io, opts.store, { access: 'read', views: opts.views, lang }, async ({ ledger, spec }) => {
    const { store } = ledger;
    const description = describeStore(spec, lang);
    const publicKeys = readPublicKeys(opts.publicKey, io.env);
    const publishedSeals = readPublishedSeals(opts.seal);
    const exported = readExportedInvoices(opts.seal);
    const head = await store.headPosition();
    // Two bars, one after the other, each for work that happens: the log checked row by row, then
    // (when the log holds) the views worked out from it, as many events as that reads.
    const logProgress = startProgress(io, {
      total: head === null || store.kind === 'esdb' ? null : Number(head.commit),
      enabled: true,
      format: progressFormat(lang, 'progress.verifyLog'),
    });
    let viewsProgress: Progress | null = null;
    let report: Awaited<ReturnType<typeof verifyIntegrity>>;
    try {
      report = await verifyIntegrity(store, {
        progressEvery: 5_000,
        onProgress: (n, total) => logProgress.update(n, {}, total),
        publicKeys,
        publishedSeals,
        exports: exported,
        views: ledger.views,
        onViewsProgress: ({ events, total }) => {
          if (viewsProgress === null) {
            logProgress.stop();
            viewsProgress = startProgress(io, {
              total: null,
              enabled: true,
              format: progressFormat(lang, 'progress.verifyViews'),
            });
          }
          viewsProgress.update(events, {}, total ?? undefined);
        },
      });
    } finally {
      logProgress.stop();
      (viewsProgress as Progress | null)?.stop();
    }
    if (opts.format === 'json') {
      out(io, toJsonText(verifyJson(store.kind, report, { seals: true, lang })));
    } else if (report.ok) {
      out(
        io,
        r.ui('verify.ok', { events: report.eventsChecked, streams: report.streams, store: description }),
      );
      out(io, sealsLine(report.seals, lang));
    } else {
      out(
        io,
        `${r.ui('verify.broken', { count: report.breaks.length, events: report.eventsChecked, store: description })}\n`,
      );
      out(
        io,
        renderTable(
          [
            { header: r.ui('col.stream') },
            { header: r.ui('col.revision'), align: 'right' },
            { header: r.ui('col.position'), align: 'right' },
            { header: r.ui('col.problem') },
            { header: r.ui('col.detail'), wrap: 80 },
          ],
          report.breaks.map((b) => [
            b.streamId ?? r.ui('verify.globalLog'),
            b.revision === null ? '' : b.revision.toString(),
            b.globalPosition.toString(),
            b.problem,
            breakText(lang, b.reason, b),
          ]),
        ),
      );
      out(io);
      out(io, sealsLine(report.seals, lang));
    }
    if (!report.ok) {
      const first = report.breaks[0]!;
      throw failure(
        r.ui('verify.failed', {
          count: report.breaks.length,
          where: `${first.streamId ?? r.ui('verify.globalLog')}${first.revision === null ? '' : `@${first.revision}`}`,
          problem: first.problem,
        }),
      );
    }
    return EXIT.OK;
  });
};

export const registerVerify = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  program
    .command('verify')
    .description(help(lang, 'verify'))
    .addOption(publicKeyOption(lang))
    .addOption(publishedSealOption(lang))
    .addOption(formatOption(lang))
    .addOption(langOption(lang))
    .addOption(storeOption(lang))
    .addOption(viewsOption(lang))
    .action(async (opts: VerifyOptions) => setExit(await runVerify(io, opts)));
};
