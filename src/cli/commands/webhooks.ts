/**
 * `vpn-ledger webhooks add|list|remove|redeliver|deliver`: subscriptions to what the ledger
 * announces (a month closed, a contract's charges changed, an adjustment recorded), and the
 * deliverer. They live beside the outbox (src/webhooks/store.ts): in an SQLite ledger's own file,
 * or in the views file of an EventStoreDB store (--views sqlite:PATH). `add` prints the signing
 * secret once, on stdout.
 *
 * `vpn-ledger serve` delivers an SQLite ledger's webhooks itself; `webhooks deliver` is the
 * deliverer on its own: for an EventStoreDB store (beside `vpn-ledger project --follow`, which
 * writes the outbox), or a ledger no server runs on.
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { toJsonText } from '../../documents/encoding';
import { packageVersion } from '../../documents/package';
import { renderer } from '../../render';
import { help } from '../../render/cli-help';
import type { Lang } from '../../render/lang';
import { positionToken } from '../../store/cursor';
import type { Position } from '../../store/port';
import {
  DEFAULT_DELIVERY,
  Deliverer,
  type DelivererOptions,
  isWebhookKind,
  type NewSubscription,
  newWebhookSecret,
  parseFailure,
  type SubscriptionInfo,
  WEBHOOK_KINDS,
  type WebhookAccess,
  type WebhookKind,
  WebhookStore,
} from '../../webhooks';
import { viewsPathOf, withLedger } from '../context';
import { EXIT, type ExitCode, failure, usageError } from '../errors';
import { renderTable } from '../format';
import { err, type Io, out } from '../io';
import { langOf, langOption } from '../lang';
import { formatOption, storeOption } from '../options';
import { viewsOption } from '../read';

interface WebhookOptions {
  readonly store?: string;
  readonly views?: string;
  readonly lang?: Lang;
}

/** The webhook tables of the store named, with how to write them in one transaction. */
interface WebhookTarget {
  readonly tables: WebhookStore;
  /** "SQLite file ./ledger.db", in the run's language. */
  readonly description: string;
  /** Runs `fn` in one transaction holding the write lock. */
  transaction<T>(fn: () => T): T;
  /** Adds a subscription for the facts recorded after now; resolves with the position it starts after. */
  subscribe(s: Omit<NewSubscription, 'from'>): Promise<Position | null>;
}

const withWebhooks = (
  io: Io,
  opts: WebhookOptions,
  access: 'write' | 'maintain',
  fn: (target: WebhookTarget, lang: Lang) => Promise<ExitCode>,
): Promise<ExitCode> => {
  const lang = langOf(io, opts.lang);
  return withLedger(io, opts.store, { access, lang }, async ({ ledger, description, spec }) => {
    if (spec.kind === 'memory') throw usageError(renderer(lang).ui('webhooks.memory'));
    const local = ledger.store.local;
    if (ledger.webhooks && local) {
      const tables = ledger.webhooks;
      return fn(
        {
          tables,
          description,
          transaction: (f) => local.exclusive(f),
          // The head and the subscription in one transaction: an append is before it or after it.
          subscribe: async (sub) =>
            local.exclusive(() => {
              const from = local.headSync();
              tables.add({ ...sub, from });
              return from;
            }),
        },
        lang,
      );
    }
    const path = viewsPathOf(opts.views);
    if (path === null) throw usageError(renderer(lang).ui('webhooks.needsViews'));
    let db: Database.Database;
    try {
      db = new Database(path);
      db.pragma('journal_mode = WAL');
    } catch (error) {
      throw usageError(`Cannot open the views file ${path}: ${(error as Error).message}`);
    }
    try {
      const tables = new WebhookStore(db);
      tables.ensure();
      return await fn(
        {
          tables,
          description,
          transaction: (f) => db.transaction(f).immediate(),
          // The log's head as it is now: the follower announces only the facts after it.
          subscribe: async (sub) => {
            const from = await ledger.store.headPosition();
            db.transaction(() => tables.add({ ...sub, from })).immediate();
            return from;
          },
        },
        lang,
      );
    } finally {
      db.close();
    }
  });
};

const parseKinds = (text: string, lang: Lang): WebhookKind[] => {
  const kinds = text
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  for (const kind of kinds)
    if (!isWebhookKind(kind))
      throw usageError(renderer(lang).ui('webhooks.badKinds', { kind, choices: WEBHOOK_KINDS.join(', ') }));
  return [...new Set(kinds as WebhookKind[])];
};

const checkUrl = (text: string, lang: Lang): string => {
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (
    url === null ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.hostname === '' ||
    url.username !== '' ||
    url.password !== ''
  )
    throw usageError(renderer(lang).ui('webhooks.badUrl', { url: text }));
  return url.toString();
};

interface AddOptions extends WebhookOptions {
  readonly url: string;
  readonly kinds: string;
  readonly label?: string;
}

export const runAdd = (io: Io, opts: AddOptions): Promise<ExitCode> => {
  const lang = langOf(io, opts.lang);
  const url = checkUrl(opts.url, lang);
  const kinds = parseKinds(opts.kinds, lang);
  if (kinds.length === 0)
    throw usageError(renderer(lang).ui('webhooks.badKinds', { kind: '', choices: WEBHOOK_KINDS.join(', ') }));
  if (opts.label !== undefined && opts.label.length > 200)
    throw usageError('--label: at most 200 characters.');
  return withWebhooks(io, opts, 'write', async (target) => {
    const id = `wh_${randomBytes(6).toString('hex')}`;
    const secret = newWebhookSecret();
    const from = await target.subscribe({
      id,
      url,
      kinds,
      secret,
      label: opts.label ?? null,
      createdAt: new Date().toISOString(),
    });
    out(io, secret);
    err(
      io,
      renderer(lang).ui('webhooks.added', {
        id,
        store: target.description,
        kinds: kinds.join(', '),
        url,
        position: from === null ? 'none' : positionToken(from),
      }),
    );
    return EXIT.OK;
  });
};

const listJson = (subscriptions: readonly SubscriptionInfo[]) => ({
  schema: 'vpn-ledger.webhook-list/v1',
  subscriptions: subscriptions.map((s) => ({
    ...s,
    state: s.parked === null ? 'active' : 'parked',
    parked: s.parked && { ...s.parked, failure: parseFailure(s.parked.lastError) },
  })),
});

const failureWords = (lang: Lang, text: string | null): string => {
  const f = parseFailure(text);
  if (f === null) return '';
  return renderer(lang).ui('webhooks.failure', {
    failure: f.reason,
    status: f.reason === 'http' ? f.status : '',
    ms: f.reason === 'timeout' ? f.ms : 0,
    detail: f.reason === 'network' ? f.detail : '',
  });
};

export const listText = (subscriptions: readonly SubscriptionInfo[], store: string, lang: Lang): string => {
  const w = renderer(lang);
  if (subscriptions.length === 0) return w.ui('webhooks.none', { store });
  const table = renderTable(
    [
      { header: w.ui('col.subscription') },
      { header: w.ui('col.receiver') },
      { header: w.ui('col.kinds') },
      { header: w.ui('col.state') },
      { header: w.ui('col.pending'), align: 'right' },
      { header: w.ui('col.delivered'), align: 'right' },
      { header: w.ui('col.label') },
    ],
    subscriptions.map((s) => [
      s.id,
      s.url,
      s.kinds.join(', '),
      w.ui('webhooks.state', { state: s.parked === null ? 'active' : 'parked' }),
      String(s.pending),
      String(s.delivered),
      s.label ?? '',
    ]),
  );
  const parked = subscriptions.flatMap((s) => (s.parked === null ? [] : [s.parked]));
  if (parked.length === 0) return table;
  return [
    table,
    '',
    w.ui('webhooks.parked'),
    renderTable(
      [
        { header: w.ui('col.delivery') },
        { header: w.ui('col.attempts'), align: 'right' },
        { header: w.ui('col.lastFailure') },
        { header: w.ui('col.parkedAt') },
      ],
      parked.map((p) => [
        p.deliveryId,
        String(p.attempts),
        failureWords(lang, p.lastError),
        lang === 'en' ? p.parkedAt : w.instant(p.parkedAt),
      ]),
    ),
  ].join('\n');
};

export const runList = (io: Io, opts: WebhookOptions & { readonly format: 'table' | 'json' }) =>
  withWebhooks(io, opts, 'maintain', async (target, lang) => {
    const subscriptions = target.tables.list();
    out(
      io,
      opts.format === 'json'
        ? toJsonText(listJson(subscriptions))
        : listText(subscriptions, target.description, lang),
    );
    return EXIT.OK;
  });

export const runRemove = (io: Io, id: string, opts: WebhookOptions) =>
  withWebhooks(io, opts, 'maintain', async (target, lang) => {
    const removed = target.transaction(() => target.tables.remove(id));
    const w = renderer(lang);
    if (removed === null) throw failure(w.ui('webhooks.unknown', { id, store: target.description }));
    err(io, w.ui('webhooks.removed', { id, dropped: removed.dropped }));
    return EXIT.OK;
  });

export const runRedeliver = (io: Io, deliveryId: string, opts: WebhookOptions) =>
  withWebhooks(io, opts, 'maintain', async (target, lang) => {
    const w = renderer(lang);
    if (!target.transaction(() => target.tables.redeliver(deliveryId)))
      throw failure(w.ui('webhooks.unknownDelivery', { deliveryId, store: target.description }));
    err(io, w.ui('webhooks.redelivered', { deliveryId }));
    return EXIT.OK;
  });

/** The deliverer's settings, as `serve` and `webhooks deliver` take them. */
export interface DeliveryCliOptions {
  readonly webhookTimeoutMs: number;
  readonly webhookAttempts: number;
  readonly webhookBackoffMs: number;
  readonly webhookPollMs: number;
}

const wholeNumber = (name: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}, got "${value}".`);
  return n;
};

export const deliveryOptions = (lang: Lang = 'en'): Option[] => [
  new Option('--webhook-timeout-ms <n>', help(lang, 'webhooks.timeoutMs'))
    .default(DEFAULT_DELIVERY.timeoutMs)
    .argParser(wholeNumber('--webhook-timeout-ms', 10, 600_000)),
  new Option('--webhook-attempts <n>', help(lang, 'webhooks.attempts'))
    .default(DEFAULT_DELIVERY.maxAttempts)
    .argParser(wholeNumber('--webhook-attempts', 1, 1_000)),
  new Option('--webhook-backoff-ms <n>', help(lang, 'webhooks.backoffMs'))
    .default(DEFAULT_DELIVERY.backoffMs)
    .argParser(wholeNumber('--webhook-backoff-ms', 1, 3_600_000)),
  new Option('--webhook-poll-ms <n>', help(lang, 'webhooks.pollMs'))
    .default(DEFAULT_DELIVERY.pollMs)
    .argParser(wholeNumber('--webhook-poll-ms', 10, 600_000)),
];

export const delivererSettings = (o: DeliveryCliOptions): DelivererOptions => ({
  timeoutMs: o.webhookTimeoutMs,
  maxAttempts: o.webhookAttempts,
  backoffMs: o.webhookBackoffMs,
  pollMs: o.webhookPollMs,
  userAgent: `vpn-ledger/${packageVersion()}`,
});

export const runDeliver = (io: Io, opts: WebhookOptions & DeliveryCliOptions) =>
  withWebhooks(io, opts, 'maintain', async (target, lang) => {
    const w = renderer(lang);
    const access: WebhookAccess = (fn) =>
      new Promise((resolve, reject) => {
        try {
          resolve(target.transaction(() => fn(target.tables)));
        } catch (error) {
          reject(error);
        }
      });
    const deliverer = new Deliverer(access, {
      ...delivererSettings(opts),
      onError: (error) => err(io, `vpn-ledger webhooks deliver: ${(error as Error).message}`),
    });
    err(
      io,
      w.ui('webhooks.delivering', { store: target.description, subscriptions: target.tables.list().length }),
    );
    deliverer.start();
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await deliverer.stop();
    err(io, w.ui('webhooks.stopped'));
    return EXIT.OK;
  });

export const registerWebhooks = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang = 'en',
): void => {
  const webhooks = program.command('webhooks').description(help(lang, 'webhooks'));
  const common = (c: Command) =>
    c.addOption(storeOption(lang)).addOption(viewsOption(lang)).addOption(langOption(lang));
  common(
    webhooks
      .command('add')
      .description(help(lang, 'webhooks.add'))
      .requiredOption('--url <url>', help(lang, 'webhooks.url'))
      .requiredOption(
        '--kinds <kinds>',
        help(lang, 'webhooks.kinds', {
          kinds: lang === 'ja' ? WEBHOOK_KINDS.map((k) => `\`${k}\``).join('、') : WEBHOOK_KINDS.join(', '),
        }),
      )
      .option('--label <text>', help(lang, 'webhooks.label')),
  ).action(async (opts: AddOptions) => setExit(await runAdd(io, opts)));
  common(
    webhooks.command('list').description(help(lang, 'webhooks.list')).addOption(formatOption(lang)),
  ).action(async (opts: WebhookOptions & { format: 'table' | 'json' }) => setExit(await runList(io, opts)));
  common(
    webhooks
      .command('remove')
      .description(help(lang, 'webhooks.remove'))
      .argument('<id>', help(lang, 'webhooks.id')),
  ).action(async (id: string, opts: WebhookOptions) => setExit(await runRemove(io, id, opts)));
  common(
    webhooks
      .command('redeliver')
      .description(help(lang, 'webhooks.redeliver'))
      .argument('<delivery>', help(lang, 'webhooks.delivery')),
  ).action(async (id: string, opts: WebhookOptions) => setExit(await runRedeliver(io, id, opts)));
  const deliver = common(webhooks.command('deliver').description(help(lang, 'webhooks.deliver')));
  for (const option of deliveryOptions(lang)) deliver.addOption(option);
  deliver.action(async (opts: WebhookOptions & DeliveryCliOptions) => setExit(await runDeliver(io, opts)));
};
