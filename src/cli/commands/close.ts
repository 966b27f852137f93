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
import type { Seal } from '../../events';
import { systemClock } from '../../ledger/clock';
import { generateSealKeys } from '../../ledger/seal';
import type { EventStore } from '../../store/port';
import { SqliteEventStore } from '../../store/sqlite';
import { ViewsDb } from '../../views/views-db';
import { withStore } from '../context';
import { EXIT, type ExitCode, failure, usageError } from '../errors';
import { inline, positionJson, renderTable, toJsonText, yen } from '../format';
import { type Io, out } from '../io';
import { readPrivateKey, sealKeyOption } from '../keys';
import { formatOption, parseMonth, storeOption } from '../options';
import { openViewsFile, viewsOption } from '../read';
import { keepViewsCurrent } from '../write';

export const ACTOR_ENV = 'VPN_LEDGER_ACTOR';

const actorOption = () =>
  new Option('--actor <id>', `who does it (staff id; env ${ACTOR_ENV})`).env(ACTOR_ENV).makeOptionMandatory();

/** The views a billing command decides on: the SQLite ledger's own, or a follower's views file. */
const viewsOf = (
  io: Io,
  store: EventStore,
  spec: string | undefined,
): { views: ViewsDb; close: () => void } => {
  if (store instanceof SqliteEventStore) {
    keepViewsCurrent(io, store);
    return { views: new ViewsDb(store.db), close: () => undefined };
  }
  if (spec === undefined)
    throw usageError(
      `A ${store.kind} store keeps its views in a views file: name it with --views sqlite:PATH (kept by \`vpn-ledger project\`).`,
    );
  const db = openViewsFile(spec, { readonly: true });
  return { views: new ViewsDb(db), close: () => db.close() };
};

export const sealJson = (seal: Seal) => seal;

const refusal = (what: string, r: Extract<CloseResult | SealLogResult, { status: 'rejected' }>) =>
  failure(`${what} refused: ${r.code}${r.article ? ` [${r.article}]` : ''} ${inline(r.message)}`);

export const closeJson = (r: Extract<CloseResult, { status: 'accepted' }>) => {
  const c = r.close;
  const adjustments = c.lines.filter((l) => l.kind === 'adjustment');
  return {
    schema: 'vpn-ledger.close/v1',
    status: 'closed',
    repeated: r.repeated,
    commandId: r.commandId,
    month: c.month,
    close: {
      id: c.closeId,
      eventHash: c.eventHash,
      streamId: c.streamId,
      revision: r.event.revision.toString(),
      closedAt: c.closedAt,
      closedBy: c.closedBy,
      firstMonth: c.firstMonth,
      eventPosition: positionJson(r.position),
      seal: c.seal,
    },
    reflects: { position: c.seal.position, events: c.seal.events },
    lines: c.lines.length - adjustments.length,
    adjustments: adjustments.length,
    totals: c.totals,
    total: c.total,
  };
};

export const closeText = (r: Extract<CloseResult, { status: 'accepted' }>): string => {
  const c = r.close;
  const adjustments = c.lines.filter((l) => l.kind === 'adjustment');
  const at = c.seal.position === null ? 'an empty log' : `position ${c.seal.position.commit}`;
  const head = r.repeated
    ? `${c.month} was already closed by this command (${r.commandId}); nothing was written.`
    : `Closed ${c.month}.`;
  const totals = renderTable(
    [{ header: 'Bill to' }, { header: 'Lines', align: 'right' }, { header: 'Total (yen)', align: 'right' }],
    [
      ...c.totals.map((t) => [t.billTo, String(t.lines), yen(t.amount)]),
      ['all', String(c.lines.length), yen(c.total)],
    ],
  );
  return [
    head,
    `${c.lines.length - adjustments.length} line(s) and ${adjustments.length} adjustment(s) invoiced, ${yen(c.total)} yen, closed by ${c.closedBy} at ${c.closedAt}.`,
    `Close ${c.closeId} (${c.streamId}); it reflects the log up to ${at} (${c.seal.events} event(s)).`,
    `Seal ${c.seal.digest}, signed by key ${c.seal.keyId} (Ed25519).`,
    '',
    totals,
  ].join('\n');
};

interface CloseOptions {
  readonly month: string;
  readonly actor: string;
  readonly commandId?: string;
  readonly key?: string;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'table' | 'json';
}

export const runClose = (io: Io, opts: CloseOptions): Promise<ExitCode> =>
  withStore(io, opts.store, { mustExist: true, write: true }, async ({ store }) => {
    const key = readPrivateKey(opts.key);
    const { views, close } = viewsOf(io, store, opts.views);
    try {
      const r = await closeMonth(
        {
          type: 'CloseMonth',
          commandId: opts.commandId ?? `close-${opts.month}`,
          actor: opts.actor,
          data: { month: opts.month },
        },
        { store, views, clock: systemClock, key },
      );
      if (r.status === 'rejected') throw refusal(`close ${opts.month}`, r);
      out(io, opts.format === 'json' ? toJsonText(closeJson(r)) : closeText(r));
      return EXIT.OK;
    } finally {
      close();
    }
  });

interface SealOptions {
  readonly actor: string;
  readonly commandId?: string;
  readonly key?: string;
  readonly store?: string;
  readonly views?: string;
  readonly format: 'table' | 'json';
}

export const sealResultJson = (r: Extract<SealLogResult, { status: 'accepted' }>) => ({
  schema: 'vpn-ledger.seal-result/v1',
  repeated: r.repeated,
  commandId: r.commandId,
  eventId: r.event.eventId,
  eventHash: r.eventHash,
  streamId: r.event.streamId,
  revision: r.event.revision.toString(),
  eventPosition: positionJson(r.position),
  seal: r.seal,
});

export const runSeal = (io: Io, opts: SealOptions): Promise<ExitCode> =>
  withStore(io, opts.store, { mustExist: true, write: true }, async ({ store, description }) => {
    const key = readPrivateKey(opts.key);
    const { views, close } = viewsOf(io, store, opts.views);
    try {
      const r = await sealLog(
        { actor: opts.actor, ...(opts.commandId === undefined ? {} : { commandId: opts.commandId }) },
        { store, views, clock: systemClock, key },
      );
      if (r.status === 'rejected') throw refusal('seal', r);
      if (opts.format === 'json') {
        out(io, toJsonText(sealResultJson(r)));
      } else {
        const at = r.seal.position === null ? 'the empty log' : `position ${r.seal.position.commit}`;
        out(
          io,
          [
            `${r.repeated ? 'Already sealed by this command' : 'Sealed'} ${description} up to ${at} (${r.seal.events} event(s)) at ${r.seal.sealedAt}.`,
            `Seal ${r.seal.digest}, signed by key ${r.seal.keyId} (Ed25519); recorded as ${r.event.streamId}@${r.event.revision} (event ${r.event.eventId}).`,
            'Publish it outside the ledger (`--format json`); `vpn-ledger verify --seal FILE` checks the ledger against it.',
          ].join('\n'),
        );
      }
      return EXIT.OK;
    } finally {
      close();
    }
  });

interface KeygenOptions {
  readonly out: string;
  readonly force?: boolean;
}

export const runKeygen = (io: Io, opts: KeygenOptions): ExitCode => {
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
        ? `${e.path ?? opts.out} exists; pass --force to replace it (seals signed with the old key then verify only with the old public key).`
        : `Cannot write the key to ${e.path ?? opts.out}: ${e.code ?? e.message}.`,
    );
  }
  out(
    io,
    [
      `Wrote the private key to ${opts.out} (mode 600: keep it away from the ledger and its backups) and the public key to ${publicPath}.`,
      `Key id ${keys.keyId}.`,
      `Sign with --key ${opts.out} (or VPN_LEDGER_SEAL_KEY); verify with --public-key ${publicPath} (or VPN_LEDGER_PUBLIC_KEY).`,
    ].join('\n'),
  );
  return EXIT.OK;
};

export const registerClose = (program: Command, io: Io, setExit: (code: ExitCode) => void): void => {
  program
    .command('close')
    .description('close a billing month: its lines are invoiced, sealed, and never change again')
    .requiredOption('--month <YYYY-MM>', 'the billing month', parseMonth)
    .addOption(actorOption())
    .option('--command-id <id>', 'the command id (default close-YYYY-MM: the same close again is a repeat)')
    .addOption(sealKeyOption())
    .addOption(formatOption())
    .addOption(storeOption())
    .addOption(viewsOption())
    .action(async (opts: CloseOptions) => setExit(await runClose(io, opts)));
  program
    .command('seal')
    .description('seal the log up to its head: a signed digest, recorded in the log and printed to publish')
    .addOption(actorOption())
    .option('--command-id <id>', 'the command id (default: a new one)')
    .addOption(sealKeyOption())
    .addOption(formatOption())
    .addOption(storeOption())
    .addOption(viewsOption())
    .action(async (opts: SealOptions) => setExit(await runSeal(io, opts)));
  program
    .command('keygen')
    .description('make an Ed25519 key pair for seals: PATH (private) and PATH.pub (public)')
    .requiredOption('--out <path>', 'where to write the private key; the public key goes to PATH.pub')
    .option('--force', 'replace existing key files')
    .action((opts: KeygenOptions) => setExit(runKeygen(io, opts)));
};
