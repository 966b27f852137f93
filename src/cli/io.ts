/** The CLI's only contact with the terminal: stdout for results, stderr for messages and progress. */

export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
}

export const processIo = (): Io => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});

/** Writes one line (or several) of results. */
export const out = (io: Io, text = ''): void => {
  io.stdout.write(`${text}\n`);
};

/** Writes one line of messages (rejections, summaries, hints) to stderr. */
export const err = (io: Io, text: string): void => {
  io.stderr.write(`${text}\n`);
};

/** Progress bars and other decoration only on a terminal. */
export const stderrIsTerminal = (io: Io): boolean => io.stderr.isTTY === true && io.env.CI === undefined;
