/**
 * Output for people: aligned tables, wrapped text, control characters escaped. No colours, ever.
 * The machines' JSON and CSV are src/documents/encoding.ts.
 */
export const TABLE_FORMATS = ['table', 'json'] as const;
export const CHARGE_FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = 'table' | 'json' | 'csv';

/**
 * Characters that a terminal acts on instead of showing: C0 controls but newline and tab, DEL, C1
 * controls (U+009B is a CSI on many terminals), line and paragraph separators and the bidi
 * embedding, override and isolate controls (which reorder what is shown).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

/**
 * Text for people (and JSON, where the escape means the same character): each control character
 * is written as \uXXXX, so that data such as an ESC in a description never reaches the terminal.
 */
export const escapeControls = (text: string): string =>
  CONTROL.test(text)
    ? text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : text;

/** One line of text for people: control characters escaped, and newlines and tabs too. */
export const inline = (text: string): string =>
  escapeControls(text).replace(/[\n\t]/g, (c) => (c === '\n' ? '\\n' : '\\t'));

/** Yen with thousands separators: 12,345 and -2,880. */
export const yen = (amount: number): string => {
  const sign = amount < 0 ? '-' : '';
  return `${sign}${Math.abs(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
};

export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
  /** Wrap longer cells at word boundaries to this width (the row grows downwards). */
  readonly wrap?: number;
}

/**
 * East Asian wide and fullwidth characters (kanji, kana, fullwidth forms, 「」、。): two columns on
 * a terminal. Everything else counts one (the ambiguous ×, ÷, → as narrow, as terminals show them).
 */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** The columns `text` takes on a terminal. */
export const displayWidth = (text: string): number => {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
};

const padEnd = (text: string, width: number): string =>
  text + ' '.repeat(Math.max(0, width - displayWidth(text)));
const padStart = (text: string, width: number): string =>
  ' '.repeat(Math.max(0, width - displayWidth(text))) + text;

/** Japanese punctuation that never starts a line (禁則): it stays at the end of the line before. */
const NO_LINE_START = /^[、。，．）」』】〕｝！？：；]/u;

/** Splits a word wider than `width` into pieces of at most `width` columns, character by character. */
const breakWord = (word: string, width: number): string[] => {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece !== '' && displayWidth(piece + ch) > width && !NO_LINE_START.test(ch)) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
};

/** Keeps article references whole when wrapping: "Art. 17(3)", "Annex 1 §3(3)". */
const glue = (words: readonly string[]): string[] => {
  const out: string[] = [];
  for (const word of words) {
    const last = out[out.length - 1];
    if (last !== undefined && (/(^|\s)(Art\.|Annex|art\.)$/.test(last) || word.startsWith('§'))) {
      out[out.length - 1] = `${last} ${word}`;
    } else out.push(word);
  }
  return out;
};

/**
 * The pieces a line may break between: words (at spaces), and in Japanese also after 、 and 。
 * (where no space is written); `space` tells whether a space goes before the piece.
 */
const pieces = (text: string): { readonly text: string; readonly space: boolean }[] =>
  glue(text.split(' ')).flatMap((word, i) =>
    word.split(/(?<=[、。])/u).map((piece, j) => ({ text: piece, space: i > 0 && j === 0 })),
  );

/**
 * Splits text into lines of at most `width` columns, at spaces (and after Japanese 、 and 。) where
 * possible; a piece wider than that is broken between characters: Japanese runs on from the
 * current line, a long Latin word (an id) starts a line of its own.
 */
export const wrapText = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let current = '';
  for (const piece of pieces(text)) {
    let w = piece.text;
    const sep = current && piece.space ? ' ' : '';
    if (displayWidth(w) > width) {
      const room = !WIDE.test(w) ? 0 : current ? width - displayWidth(current) - sep.length : width;
      const head = room > 0 ? breakWord(w, room)[0]! : '';
      if (head !== '' && displayWidth(head) <= room) {
        lines.push(`${current}${sep}${head}`);
        w = w.slice(head.length);
      } else if (current) {
        lines.push(current);
      }
      current = '';
      const broken = breakWord(w, width);
      w = broken.pop() ?? '';
      lines.push(...broken);
    }
    if (!current) current = w;
    else if (displayWidth(current) + sep.length + displayWidth(w) <= width) current += `${sep}${w}`;
    else {
      lines.push(current);
      current = w;
    }
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
};

/** A row's cells, each as the lines it takes (wrapped where its column wraps). */
const cellsOf = (columns: readonly Column[], row: readonly string[]): string[][] =>
  columns.map((c, i) => {
    const text = escapeControls((row[i] ?? '').replace(/\s+/g, ' '));
    return c.wrap !== undefined ? wrapText(text, c.wrap) : [text];
  });

/**
 * A plain-text table, line by line: a header, a rule, aligned cells; lines end without trailing
 * spaces. `rows` is read twice (the widths, then the lines), so a table of any length is written
 * without being held in memory; it must give the same rows both times.
 */
export function* tableLines(
  columns: readonly Column[],
  rows: () => Iterable<readonly string[]>,
  options: { readonly blankLineBetweenGroupsOf?: number } = {},
): Generator<string> {
  const widths = columns.map((c) => displayWidth(c.header));
  for (const row of rows())
    cellsOf(columns, row).forEach((cell, i) => {
      for (const l of cell) widths[i] = Math.max(widths[i]!, displayWidth(l));
    });
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) =>
        columns[i]!.align === 'right' ? padStart(cell, widths[i]!) : padEnd(cell, widths[i]!),
      )
      .join('  ')
      .trimEnd();
  yield line(columns.map((c) => c.header));
  yield line(widths.map((w) => '-'.repeat(w)));
  const group = options.blankLineBetweenGroupsOf;
  let previous: readonly string[] | null = null;
  for (const row of rows()) {
    if (group !== undefined && previous !== null && row[group] !== previous[group]) yield '';
    previous = row;
    const cells = cellsOf(columns, row);
    const height = Math.max(...cells.map((c) => c.length));
    for (let k = 0; k < height; k++) yield line(cells.map((c) => c[k] ?? ''));
  }
}

/** A plain-text table: a header, a rule, aligned cells; lines end without trailing spaces. */
export const renderTable = (
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  options: { readonly blankLineBetweenGroupsOf?: number } = {},
): string => [...tableLines(columns, () => rows, options)].join('\n');

/** A two-column "key: value" block for one record. */
export const renderFields = (fields: readonly (readonly [string, string])[]): string => {
  const width = Math.max(0, ...fields.map(([k]) => displayWidth(k)));
  return fields.map(([k, v]) => `${padEnd(`${k}:`, width + 2)}${escapeControls(v)}`.trimEnd()).join('\n');
};
