/**
 * A JSON Lines body (a batch of commands, a what-if), read as it arrives: its bytes and its lines
 * are counted chunk by chunk, and the request is answered 413 the moment either passes its limit,
 * before the rest is read. Lines are counted with Buffer.indexOf (no JavaScript per byte or per
 * line), so that eight megabytes of blank lines cost no more than eight megabytes of anything:
 * before, they were split into millions of lines one by one while every other request waited.
 */
import type { FastifyRequest } from 'fastify';
import { renderer } from '../render';
import { BATCH_LINES_PER_COMMAND, type Limits } from './context';
import { HttpProblem } from './problem';

const NEWLINE = 0x0a;

const tooLarge = (message: string, code: string) =>
  new HttpProblem({ status: 413, code, article: null, message }, { Connection: 'close' });

/**
 * Fastify's content-type parser for JSON Lines: the body as one Buffer, or a 413 problem as soon as
 * it holds more than `limits.bodyBytes` bytes, or more lines than BATCH_LINES_PER_COMMAND times the
 * command lines taken at once (the batch limit, or the command queue's size when it is smaller).
 */
export const jsonLinesBody =
  (limits: Pick<Limits, 'bodyBytes' | 'batchLines'>, commandsAtOnce: () => number) =>
  (
    request: FastifyRequest,
    payload: NodeJS.ReadableStream,
    done: (error: Error | null, body?: Buffer) => void,
  ): void => {
    const t = renderer(request.locale);
    const commands = Math.min(limits.batchLines, commandsAtOnce());
    const maxLines = commands * BATCH_LINES_PER_COMMAND;
    const chunks: Buffer[] = [];
    let bytes = 0;
    let lines = 0;
    let finished = false;
    const fail = (error: Error) => {
      if (finished) return;
      finished = true;
      chunks.length = 0;
      done(error);
    };
    payload.on('data', (chunk: Buffer) => {
      if (finished) return;
      bytes += chunk.length;
      if (bytes > limits.bodyBytes) {
        fail(tooLarge(t.ui('server.bodyTooLarge', { bytes: String(limits.bodyBytes) }), 'BODY_TOO_LARGE'));
        return;
      }
      for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) {
        lines += 1;
        if (lines > maxLines) {
          fail(tooLarge(t.ui('server.batchTooManyLines', { max: maxLines, commands }), 'BATCH_TOO_LARGE'));
          return;
        }
      }
      chunks.push(chunk);
    });
    payload.on('end', () => {
      if (finished) return;
      finished = true;
      done(null, Buffer.concat(chunks, bytes));
    });
    payload.on('error', (error: Error) => fail(error));
  };
