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
import { describeStore } from '../../render/store';
import { ui } from '../../render/ui';
import { viewsProblemText } from '../../render/views-problem';
import { NotALedgerError, StoreError } from '../../store/errors';
import { parseStoreSpec, resolveStoreSpec, StoreSpecError } from '../../store/spec';
import { openProblem } from '../context';
import { EXIT, type ExitCode, failure, usageError } from '../errors';
import { err, type Io } from '../io';
import { readPrivateKey, SEAL_KEY_ENV } from '../keys';
import { langOf } from '../lang';
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
  readonly webhooks: boolean;
}

const positiveInt = (name: string, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new InvalidArgumentError(`${name} must be a whole number from 0 to ${max}, got "${value}".`);
  }
  return n;
};

export const tokensOption = () =>
  new Option('--tokens <path>', 'the token file (hashed bearer tokens; `vpn-ledger token add`)')
    .env(TOKENS_ENV)
    .default(DEFAULT_TOKENS_PATH);

/** Runs the server until a signal; `onListening` is told the URL (tests and scripts read it on stderr). */
export const runServe = async (io: Io, opts: ServeCliOptions): Promise<ExitCode> => {
  const lang = langOf(io, undefined);
  let spec: ReturnType<typeof parseStoreSpec>;
  try {
    spec = parseStoreSpec(resolveStoreSpec(opts.store, io.env));
  } catch (error) {
    if (error instanceof StoreSpecError) throw usageError(error.message);
    throw error;
  }
  if (spec.kind === 'sqlite' && spec.path === ':memory:') {
    throw usageError('serve needs a ledger file (sqlite:PATH), or :memory: for a memory store.');
  }
  if (spec.kind === 'esdb' && opts.views !== undefined && !opts.views.startsWith('sqlite:')) {
    throw usageError(`Views "${opts.views}": use sqlite:PATH.`);
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
    if (
      error instanceof TokenFileError ||
      error instanceof NotALedgerError ||
      error instanceof StoreSpecError
    ) {
      throw usageError(error.message);
    }
    if (error instanceof StoreError) throw failure(`${describeStore(spec)}: ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw failure(`Cannot listen on ${opts.host}:${opts.port}: ${(error as Error).message}`);
    }
    throw error;
  }
  if (server.ctx.tokens.active() === 0) {
    err(
      io,
      `vpn-ledger serve: the token file ${opts.tokens} has no token yet: every request but /health gets 401 (add one: vpn-ledger token add --principal staff:NAME --tokens ${opts.tokens}).`,
    );
  }
  if (server.ctx.webhooks !== null) {
    const subscriptions = server.ctx.webhooks.outbox.list().length;
    if (subscriptions > 0) err(io, ui(lang, 'webhooks.serving', { subscriptions }));
  }
  err(
    io,
    `vpn-ledger serve: listening on ${server.url} (${describeStore(spec)}); the OpenAPI document is at ${server.url}/openapi.json, the web console at ${server.url}/console`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      err(io, `vpn-ledger serve: ${signal}: finishing the requests in flight, then stopping.`);
      void server.close().then(resolve, (error: unknown) => {
        err(io, `vpn-ledger serve: while stopping: ${(error as Error).message}`);
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  err(io, 'vpn-ledger serve: stopped.');
  return EXIT.OK;
};

export const registerServe = (program: Command, io: Io, setExit: (code: ExitCode) => void): void => {
  const serve = program
    .command('serve')
    .description('the ledger over HTTP: commands, reads, charges; OpenAPI at /openapi.json')
    .addOption(storeOption())
    .addOption(viewsOption())
    .addOption(tokensOption())
    .addOption(
      new Option('--port <n>', 'TCP port (0: any free one)')
        .env('VPN_LEDGER_PORT')
        .default(8080)
        .argParser(positiveInt('--port', 65_535)),
    )
    .addOption(
      new Option('--host <address>', 'address to listen on').env('VPN_LEDGER_HOST').default('127.0.0.1'),
    )
    .addOption(catalogOption())
    .addOption(
      new Option(
        '--seal-key <path>',
        `the Ed25519 private key (PEM) that seals month closes sent to POST /v1/months/{month}/close (env ${SEAL_KEY_ENV}); without it closes get 503 NO_SEAL_KEY`,
      ).env(SEAL_KEY_ENV),
    )
    .addOption(
      new Option('--log-level <level>', 'pino log level')
        .choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
        .default('info'),
    )
    .addOption(
      new Option('--max-body-bytes <n>', 'largest request body')
        .default(8 * 1024 * 1024)
        .argParser(positiveInt('--max-body-bytes', 1024 ** 3)),
    )
    .addOption(
      new Option('--max-batch-lines <n>', 'most command lines in one batch')
        .default(5_000)
        .argParser(positiveInt('--max-batch-lines', 1_000_000)),
    )
    .addOption(
      new Option('--max-queue <n>', 'most commands waiting; beyond, 503 with Retry-After')
        .default(4_096)
        .argParser(positiveInt('--max-queue', 1_000_000)),
    )
    .addOption(
      new Option('--request-timeout-ms <n>', 'longest a request may take to arrive, wait or be answered')
        .default(30_000)
        .argParser(positiveInt('--request-timeout-ms', 3_600_000)),
    )
    .addOption(
      new Option(
        '--secure-cookies',
        "always mark the web console's session cookie Secure (it is anyway when a request comes over https, or a proxy says X-Forwarded-Proto: https)",
      )
        .env('VPN_LEDGER_SECURE_COOKIES')
        .default(false),
    )
    .option(
      '--no-webhooks',
      'do not deliver the outbox of an SQLite ledger here (a `vpn-ledger webhooks deliver` does)',
    );
  for (const option of deliveryOptions()) serve.addOption(option);
  serve.action(async (opts: ServeCliOptions) => setExit(await runServe(io, opts)));
};
