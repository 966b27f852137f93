/**
 * Reading command input, the same on every edge (`apply`, `what-if`, POST /v1/commands/batch and
 * /v1/what-if; a JSON body, by parseJsonLine): lines of at most 1 MiB, each valid UTF-8, each a
 * JSON text without duplicate keys. A line that breaks one of these is reported by its number and
 * skipped; a giant line is never held in memory (its bytes are dropped as they stream past).
 */

/** The longest command line read, in bytes: far above any real command (a few KiB at most). */
export const MAX_LINE_BYTES = 1024 * 1024;

/** Why a line of input was not read, as data. */
export type UnreadableLine =
  | { readonly kind: 'too-long'; readonly bytes: number }
  | { readonly kind: 'not-utf8' };

/** Why a line read is not JSON, as data: a duplicate key, or JSON.parse's syntax error (at a position, if it says). */
export type InvalidJson =
  | { readonly kind: 'duplicate-key'; readonly key: string; readonly position: number }
  | { readonly kind: 'syntax'; readonly position: number | null };

/** One line of input: its text, or why it could not be read (in English, and as data). Lines are numbered from 1. */
export type InputLine =
  | { readonly number: number; readonly text: string }
  | { readonly number: number; readonly problem: string; readonly reason: UnreadableLine };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Splits a byte stream into lines at '\n' (a '\r' before it is dropped). A line longer than
 * `maxBytes` is reported as a problem without being collected; a line that is not valid UTF-8 is
 * reported rather than read with U+FFFD in place of its bad bytes.
 */
export async function* readLines(
  input: AsyncIterable<Buffer | string>,
  maxBytes = MAX_LINE_BYTES,
): AsyncGenerator<InputLine> {
  // ignoreBOM keeps a byte-order mark in the text; the caller strips the first line's.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let number = 0;
  const finish = (): InputLine => {
    number += 1;
    const line = { number };
    const bytes = Buffer.concat(parts, size);
    const wasTooLong = tooLong;
    parts = [];
    size = 0;
    tooLong = false;
    if (wasTooLong) {
      return {
        ...line,
        problem: `line too long: more than ${maxBytes.toLocaleString('en-US')} bytes; not read`,
        reason: { kind: 'too-long', bytes: maxBytes },
      };
    }
    const end =
      bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
    try {
      return { ...line, text: decoder.decode(bytes.subarray(0, end)) };
    } catch {
      return {
        ...line,
        problem: 'not valid UTF-8 text; not read (save the file as UTF-8)',
        reason: { kind: 'not-utf8' },
      };
    }
  };
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (;;) {
      const newline = buffer.indexOf(NEWLINE, start);
      const end = newline < 0 ? buffer.length : newline;
      if (!tooLong && end > start) {
        if (size + (end - start) > maxBytes) {
          tooLong = true;
          parts = [];
          size = 0;
        } else {
          parts.push(buffer.subarray(start, end));
          size += end - start;
        }
      }
      if (newline < 0) break;
      yield finish();
      start = newline + 1;
    }
  }
  if (size > 0 || tooLong) yield finish();
}

/**
 * The first key that appears twice in one object of a JSON text, or null. `text` must be valid
 * JSON (JSON.parse accepted it): JSON.parse keeps the last of two equal keys without a word, so a
 * command line with `"contractId"` twice would be applied with whichever came last.
 */
export const duplicateKey = (text: string): { readonly key: string; readonly position: number } | null => {
  // One entry per open object (its keys so far) or array (null).
  const open: (Set<string> | null)[] = [];
  let keyNext = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      let escaped = false;
      while (text[j] !== '"') {
        if (text[j] === '\\') {
          escaped = true;
          j += 1;
        }
        j += 1;
      }
      const keys = open[open.length - 1];
      if (keyNext && keys) {
        const key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
        if (keys.has(key)) return { key, position: i };
        keys.add(key);
        keyNext = false;
      }
      i = j;
    } else if (c === '{') {
      open.push(new Set());
      keyNext = true;
    } else if (c === '[') {
      open.push(null);
      keyNext = false;
    } else if (c === '}' || c === ']') {
      open.pop();
      keyNext = false;
    } else if (c === ',') {
      keyNext = open.length > 0 && open[open.length - 1] !== null;
    }
  }
  return null;
};

/** A line that is not JSON: JSON.parse's SyntaxError, with what it found as data. */
export class JsonLineError extends SyntaxError {
  constructor(
    message: string,
    readonly problem: InvalidJson,
  ) {
    super(message);
    this.name = 'SyntaxError';
  }
}

/** JSON.parse that also refuses a duplicate key, with the same kind of message. */
export const parseJsonLine = (text: string): unknown => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    throw new JsonLineError(message, { kind: 'syntax', position: at ? Number(at[1]) : null });
  }
  const duplicate = duplicateKey(text);
  if (duplicate) {
    throw new JsonLineError(`Duplicate key "${duplicate.key}" at position ${duplicate.position}`, {
      kind: 'duplicate-key',
      ...duplicate,
    });
  }
  return value;
};

/** A line of command input that is no command: not JSON, or not read at all (too long, not UTF-8). */
export type NotACommand =
  | {
      readonly line: number;
      readonly kind: 'invalid-json';
      readonly message: string;
      readonly problem?: InvalidJson;
    }
  | {
      readonly line: number;
      readonly kind: 'unreadable';
      readonly message: string;
      readonly reason?: UnreadableLine;
    };

/** A line of command input as every edge reads it: a command (a JSON value), or why it is none. */
export type CommandLine =
  | { readonly line: number; readonly kind: 'command'; readonly input: unknown }
  | NotACommand;

const isSkipped = (text: string): boolean => text === '' || text.startsWith('#');

/**
 * The command lines of an input (text lines, or lines from readLines): blank lines and lines
 * starting with '#' are skipped, a byte-order mark on the first line is dropped.
 */
export async function* commandLines(
  lines: AsyncIterable<string | InputLine> | Iterable<string | InputLine>,
): AsyncGenerator<CommandLine> {
  let line = 0;
  for await (const item of lines) {
    line += 1;
    if (typeof item !== 'string' && 'problem' in item) {
      yield { line, kind: 'unreadable', message: item.problem, reason: item.reason };
      continue;
    }
    const raw = typeof item === 'string' ? item : item.text;
    const text = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (isSkipped(text)) continue;
    try {
      yield { line, kind: 'command', input: parseJsonLine(text) };
    } catch (error) {
      yield {
        line,
        kind: 'invalid-json',
        message: (error as Error).message,
        ...(error instanceof JsonLineError ? { problem: error.problem } : {}),
      };
    }
  }
}
