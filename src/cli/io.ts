/** The CLI's only contact with the terminal: stdout for results, stderr for messages and progress. */
import { cliText } from '../render/cli-words';
import type { Lang } from '../render/lang';
import { escapeControls } from './format';

export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
}

/** Failed writes, by stream: recorded by the 'error' listener that keeps them from crashing the process. */
const failures = new WeakMap<object, NodeJS.ErrnoException>();

export const recordWriteFailure = (stream: NodeJS.WritableStream, error: NodeJS.ErrnoException): void => {
  if (!failures.has(stream)) failures.set(stream, error);
};

/** Records a stream's write failures instead of letting them end the process as uncaught errors. */
export const watchWrites = (stream: NodeJS.WritableStream): void => {
  stream.on('error', (error: NodeJS.ErrnoException) => recordWriteFailure(stream, error));
};

export const processIo = (): Io => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});

/**
 * The first failed write to stdout (the reader closed the pipe, the disk is full), or null: the
 * stream's own record of the error that ended it, else the first one seen by watchWrites.
 */
export const outputFailure = (io: Io): NodeJS.ErrnoException | null =>
  (io.stdout as { writableErrored?: NodeJS.ErrnoException | null }).writableErrored ||
  failures.get(io.stdout) ||
  null;

/** "no space left on the device (ENOSPC)", for the one-line message. */
export const describeWriteFailure = (error: NodeJS.ErrnoException, lang: Lang = 'en'): string =>
  cliText(lang, 'run.writeFailure', {
    code:
      error.code === 'EPIPE' || error.code === 'ENOSPC'
        ? error.code
        : error.code === 'ERR_STREAM_DESTROYED'
          ? 'destroyed'
          : 'other',
    detail: error.code ? `${error.code}: ${error.message}` : error.message,
  });

/** The reader went away (`vpn-ledger ... | head`): a run ends quietly then (exit 141). */
export const readerGone = (error: NodeJS.ErrnoException | null): boolean => error?.code === 'EPIPE';

/** Writes one line (or several) of results; control characters are shown escaped, never sent. */
export const out = (io: Io, text = ''): void => {
  io.stdout.write(`${escapeControls(text)}\n`);
};

/** Writes one line of messages (rejections, summaries, hints) to stderr, control characters escaped. */
export const err = (io: Io, text: string): void => {
  io.stderr.write(`${escapeControls(text)}\n`);
};

/** Progress bars and other decoration only on a terminal. */
export const stderrIsTerminal = (io: Io): boolean => io.stderr.isTTY === true && io.env.CI === undefined;

/** The size of the blocks a document is written to stdout in. */
const BLOCK = 64 * 1024;

/**
 * Writes a document to stdout as it is made, text piece by piece (src/documents/encoding.ts), in
 * blocks of about 64 KiB, waiting whenever the reader is slower: a month of any size goes out
 * without being held in memory. `escape`: control characters shown escaped, as `out` shows them
 * (JSON, whose strings carry them escaped anyway); CSV goes out as it is. Stops at a failed write
 * (the run then ends with exit 74).
 */
export async function writeChunks(
  io: Io,
  chunks: Iterable<string>,
  opts: { readonly escape?: boolean; readonly newline?: boolean } = {},
): Promise<void> {
  let block = '';
  const flush = async () => {
    if (block === '') return;
    const text = block;
    block = '';
    if (!io.stdout.write(text) && outputFailure(io) === null)
      await new Promise<void>((resolve) => {
        const done = () => {
          io.stdout.off('drain', done);
          io.stdout.off('error', done);
          io.stdout.off('close', done);
          resolve();
        };
        io.stdout.on('drain', done);
        io.stdout.on('error', done);
        io.stdout.on('close', done);
      });
  };
  for (const chunk of chunks) {
    block += opts.escape ? escapeControls(chunk) : chunk;
    if (block.length >= BLOCK) {
      await flush();
      if (outputFailure(io) !== null) return;
    }
  }
  if (opts.newline) block += '\n';
  await flush();
}
