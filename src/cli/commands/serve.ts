/**
 * `vpn-ledger serve`: the ledger over HTTP (src/server) for billing systems, contract desks and
 * dispute staff. Listens on --host/--port (127.0.0.1:8080), takes bearer tokens from the token file
 * (`vpn-ledger token add`), logs one JSON line per request (pino) on stdout, and on SIGTERM or
 * SIGINT stops taking requests, lets those in flight finish, and exits 0.
 *
 * The server is loaded only by this command: other commands start without Fastify.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_TOKENS_PATH, TOKENS_ENV, TokenFileError } from '../../auth/tokens';
import { LedgerOpenError } from '../../ledger/open';
import { help } from '../../render/cli-help';
import { cliText } from '../../render/cli-words';
import type { Lang } from '../../render/lang';
import { describeStore } from '../../render/store';
import { ui } from '../../render/ui';
import { viewsProblemText } from '../../render/views-problem';
import { parseStoreSpec, resolveStoreSpec } from '../../store/spec';
import { openProblem, storeProblem } from '../context';
import { type CliError, EXIT, type ExitCode, failure, said, usageError } from '../errors';
import { err, type Io } from '../io';
import { readPrivateKey, SEAL_KEY_ENV } from '../keys';
import { langOf, langOption } from '../lang';
import { storeOption } from '../options';
import { viewsOption } from '../read';
import { catalogOption, termsConfigWithCatalog } from './catalog';
import { type DeliveryCliOptions, delivererSettings, deliveryOptions } from './webhooks';

interface ServeCliOptions extends DeliveryCliOptions {
  readonly store?: string;
  readonly views?: string;
  readonly tokens: string;
  readonly port: number;
  readonly host: string;
  readonly catalog?: string;
  readonly logLevel: string;
  readonly maxBodyBytes: number;
  readonly maxBatchLines: number;
  readonly maxQueue: number;
  readonly requestTimeoutMs: number;
  readonly sealKey?: string;
  readonly secureCookies: boolean;
  readonly lang?: Lang;
  readonly webhooks: boolean;
}

const positiveInt = (lang: Lang, name: string, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new InvalidArgumentError(help(lang, 'error.number', { name, max, value }));
  }
  return n;
};

/** A token file that cannot be used, as the CLI says it. */
export const tokenFileProblem = (error: TokenFileError): CliError =>
  usageError(
    said('token.fileProblem', {
      problem: error.problem.kind.replace('-', '_'),
      path: error.problem.path,
      detail: error.problem.detail,
      id: error.problem.id ?? '',
    }),
  );

export const tokensOption = (lang: Lang) =>
  new Option('--tokens <path>', help(lang, 'opt.tokens')).env(TOKENS_ENV).default(DEFAULT_TOKENS_PATH);

/** Runs the server until a signal; `onListening` is told the URL (tests and scripts read it on stderr). */
export const runServe = async (io: Io, opts: ServeCliOptions): Promise<ExitCode> => {
  const lang = langOf(io, opts.lang);
  let spec: ReturnType<typeof parseStoreSpec>;
  try {
    spec = parseStoreSpec(resolveStoreSpec(opts.store, io.env));
  } catch (error) {
    throw storeProblem(error, null) ?? error;
  }
  if (spec.kind === 'sqlite' && spec.path === ':memory:') throw usageError(said('serve.needsFile'));
  if (spec.kind === 'esdb' && opts.views !== undefined && !opts.views.startsWith('sqlite:')) {
    throw usageError(said('store.views', { spec: opts.views }));
  }
  const terms = termsConfigWithCatalog(opts.catalog);
  // Read before listening: a key that cannot be read stops the server at once, not its first close.
  const sealKey = opts.sealKey === undefined ? null : readPrivateKey(opts.sealKey);
  // Loaded here, not at the top: every other command starts without Fastify.
  const { startServer } = await import('../../server/server');
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      store: spec,
      viewsPath: opts.views === undefined ? null : opts.views.slice('sqlite:'.length),
      tokensPath: opts.tokens,
      port: opts.port,
      host: opts.host,
      terms,
      sealKey,
      limits: {
        bodyBytes: opts.maxBodyBytes,
        batchLines: opts.maxBatchLines,
        requestTimeoutMs: opts.requestTimeoutMs,
      },
      group: { maxQueue: opts.maxQueue },
      logger: { level: opts.logLevel },
      console: { secureCookie: opts.secureCookies },
      webhooks: opts.webhooks ? delivererSettings(opts) : false,
      onViewsRebuilt: (reason, events) =>
        err(io, ui(lang, 'views.rebuilt', { events, reason: viewsProblemText(lang, reason) })),
    });
  } catch (error) {
    if (error instanceof LedgerOpenError) throw usageError(openProblem(error, lang));
    if (error instanceof TokenFileError) throw tokenFileProblem(error);
    const problem = storeProblem(error, describeStore(spec, lang));
    if (problem) throw problem;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw failure(
        said('serve.cannotListen', { host: opts.host, port: opts.port, detail: (error as Error).message }),
      );
    }
    throw error;
  }
  if (server.ctx.tokens.active() === 0) err(io, cliText(lang, 'serve.noTokens', { path: opts.tokens }));
  if (server.ctx.webhooks !== null) {
    const subscriptions = server.ctx.webhooks.outbox.list().length;
    if (subscriptions > 0) err(io, ui(lang, 'webhooks.serving', { subscriptions }));
  }
  err(io, cliText(lang, 'serve.listening', { url: server.url, store: describeStore(spec, lang) }));
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      err(io, cliText(lang, 'serve.stopping', { signal }));
      void server.close().then(resolve, (error: unknown) => {
        err(io, cliText(lang, 'serve.stopFailed', { detail: (error as Error).message }));
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  err(io, cliText(lang, 'serve.stopped'));
  return EXIT.OK;
};

export const registerServe = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  const serve = program
    .command('serve')
    .description(help(lang, 'serve'))
    .addOption(storeOption(lang))
    .addOption(viewsOption(lang))
    .addOption(tokensOption(lang))
    .addOption(
      new Option('--port <n>', help(lang, 'serve.port'))
        .env('VPN_LEDGER_PORT')
        .default(8080)
        .argParser(positiveInt(lang, '--port', 65_535)),
    )
    .addOption(
      new Option('--host <address>', help(lang, 'serve.host')).env('VPN_LEDGER_HOST').default('127.0.0.1'),
    )
    .addOption(catalogOption(lang))
    .addOption(
      new Option('--seal-key <path>', help(lang, 'serve.sealKey', { env: SEAL_KEY_ENV })).env(SEAL_KEY_ENV),
    )
    .addOption(
      new Option('--log-level <level>', help(lang, 'serve.logLevel'))
        .choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
        .default('info'),
    )
    .addOption(
      new Option('--max-body-bytes <n>', help(lang, 'serve.maxBodyBytes'))
        .default(8 * 1024 * 1024)
        .argParser(positiveInt(lang, '--max-body-bytes', 1024 ** 3)),
    )
    .addOption(
      new Option('--max-batch-lines <n>', help(lang, 'serve.maxBatchLines'))
        .default(5_000)
        .argParser(positiveInt(lang, '--max-batch-lines', 1_000_000)),
    )
    .addOption(
      new Option('--max-queue <n>', help(lang, 'serve.maxQueue'))
        .default(4_096)
        .argParser(positiveInt(lang, '--max-queue', 1_000_000)),
    )
    .addOption(
      new Option('--request-timeout-ms <n>', help(lang, 'serve.requestTimeoutMs'))
        .default(30_000)
        .argParser(positiveInt(lang, '--request-timeout-ms', 3_600_000)),
    )
    .addOption(
      new Option('--secure-cookies', help(lang, 'serve.secureCookies'))
        .env('VPN_LEDGER_SECURE_COOKIES')
        .default(false),
    )
    .addOption(langOption(lang))
    .option('--no-webhooks', help(lang, 'serve.noWebhooks'));
  for (const option of deliveryOptions(lang)) serve.addOption(option);
  serve.action(async (opts: ServeCliOptions) => setExit(await runServe(io, opts)));
};
