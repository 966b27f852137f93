/** Progress bars on stderr, only when stderr is a terminal; otherwise nothing at all. */
import { MultiBar, Presets } from 'cli-progress';
import type { Lang } from '../render/lang';
import { type UiKey, ui } from '../render/ui';
import { escapeControls } from './format';
import { type Io, stderrIsTerminal } from './io';

export interface Progress {
  update(value: number, payload?: Record<string, string | number>): void;
  /** Prints a line above the bar (or plainly, when there is no bar). */
  log(stream: 'stdout' | 'stderr', text: string): void;
  stop(): void;
}

const plain = (io: Io): Progress => ({
  update: () => undefined,
  log: (stream, text) => {
    (stream === 'stdout' ? io.stdout : io.stderr).write(`${escapeControls(text)}\n`);
  },
  stop: () => undefined,
});

/**
 * A bar for `total` units (null: unknown, shown as a count). `format` may use {value}, {total},
 * {percentage}, {eta_formatted} and the payload keys.
 */
export const startProgress = (
  io: Io,
  options: { readonly total: number | null; readonly format: string; readonly enabled: boolean },
): Progress => {
  if (!options.enabled || !stderrIsTerminal(io)) return plain(io);
  const bars = new MultiBar(
    {
      stream: io.stderr as NodeJS.WriteStream,
      format: options.format,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 200,
      fps: 10,
    },
    Presets.shades_classic,
  );
  const bar = bars.create(options.total ?? 0, 0, { rate: 0 });
  const stdoutIsTerminal = io.stdout.isTTY === true;
  return {
    update: (value, payload) => {
      if (options.total === null) bar.setTotal(value);
      bar.update(value, payload);
    },
    log: (stream, text) => {
      // Lines meant for a terminal go above the bar; lines for a pipe or a file go there directly.
      const line = `${escapeControls(text)}\n`;
      if (stream === 'stderr' || stdoutIsTerminal) bars.log(line);
      else io.stdout.write(line);
    },
    stop: () => {
      bars.update(); // flushes lines logged since the last redraw
      bars.stop();
    },
  };
};

/** The placeholders cli-progress fills in, passed through a message of the catalog as they are. */
const PLACEHOLDERS = {
  bar: '{bar}',
  value: '{value}',
  total: '{total}',
  percentage: '{percentage}',
  eta_formatted: '{eta_formatted}',
  rate: '{rate}',
  rejected: '{rejected}',
  month: '{month}',
};

/** A bar's format, in the run's language. */
export const progressFormat = (lang: Lang, key: UiKey): string => ui(lang, key, PLACEHOLDERS);
