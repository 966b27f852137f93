/**
 * Progress bars on stderr, only when stderr is a terminal; otherwise nothing at all. A bar appears
 * with the first sign of work (its first update), never for work that does not happen, and every
 * placeholder of its format has a value from the first frame on.
 */
import { MultiBar, Presets } from 'cli-progress';
import { type CliKey, cliText } from '../render/cli-words';
import type { Values } from '../render/intl';
import type { Lang } from '../render/lang';
import { escapeControls } from './format';
import { type Io, stderrIsTerminal } from './io';

export interface Progress {
  /** How far the work got; `total` when the work learns it as it goes (else the one given at the start). */
  update(value: number, payload?: Record<string, string | number>, total?: number): void;
  /** Prints a line above the bar (or plainly, when there is no bar). */
  log(stream: 'stdout' | 'stderr', text: string): void;
  stop(): void;
}

const plainLine = (io: Io, stream: 'stdout' | 'stderr', text: string) => {
  (stream === 'stdout' ? io.stdout : io.stderr).write(`${escapeControls(text)}\n`);
};

const plain = (io: Io): Progress => ({
  update: () => undefined,
  log: (stream, text) => plainLine(io, stream, text),
  stop: () => undefined,
});

/** What cli-progress fills in itself; any other placeholder is the payload's. */
const BUILT_IN = new Set([
  'bar',
  'value',
  'total',
  'percentage',
  'eta',
  'eta_formatted',
  'duration',
  'duration_formatted',
]);

/** The payload a format needs from its first frame: every placeholder of its own, 0 until told. */
export const initialPayload = (format: string, given: Record<string, string | number> = {}) => {
  const payload: Record<string, string | number> = {};
  for (const [, name] of format.matchAll(/\{(\w+)\}/g)) if (!BUILT_IN.has(name!)) payload[name!] = 0;
  return { ...payload, ...given };
};

/**
 * A bar for `total` units (null: unknown, the count so far). `format` may use {bar}, {value},
 * {total}, {percentage}, {eta_formatted} and its own placeholders, given in `payload` at the start
 * (0 when not given) and with each update.
 */
export const startProgress = (
  io: Io,
  options: {
    readonly total: number | null;
    readonly format: string;
    readonly enabled: boolean;
    readonly payload?: Record<string, string | number>;
  },
): Progress => {
  if (!options.enabled || !stderrIsTerminal(io)) return plain(io);
  const stdoutIsTerminal = io.stdout.isTTY === true;
  let bars: MultiBar | null = null;
  let bar: ReturnType<MultiBar['create']> | null = null;
  let payload = initialPayload(options.format, options.payload);
  let last = 0;
  return {
    update: (value, more, knownTotal) => {
      last = value;
      payload = { ...payload, ...more };
      const total = knownTotal ?? options.total ?? value;
      if (bars === null || bar === null) {
        // Work done before its first report (a small log): nothing to show.
        if (knownTotal !== undefined && value >= knownTotal) return;
        bars = new MultiBar(
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
        bar = bars.create(total, value, payload);
        return;
      }
      if (knownTotal !== undefined || options.total === null) bar.setTotal(total);
      bar.update(value, payload);
    },
    log: (stream, text) => {
      // Lines meant for a terminal go above the bar; lines for a pipe or a file go there directly.
      if (bars === null || (stream === 'stdout' && !stdoutIsTerminal)) plainLine(io, stream, text);
      else bars.log(`${escapeControls(text)}\n`);
    },
    stop: () => {
      if (bars === null || bar === null) return;
      bar.update(last, payload);
      bars.update(); // flushes lines logged since the last redraw
      bars.stop();
    },
  };
};

/** The placeholders cli-progress fills in, passed through a message of the catalog as they are. */
const PLACEHOLDERS: Values = {
  bar: '{bar}',
  value: '{value}',
  total: '{total}',
  percentage: '{percentage}',
  eta_formatted: '{eta_formatted}',
  rate: '{rate}',
  rejected: '{rejected}',
  month: '{month}',
};

/** A bar's format, in the run's language (`label` and the like choose the words). */
export const progressFormat = (lang: Lang, key: CliKey, values: Values = {}): string =>
  cliText(lang, key, { ...PLACEHOLDERS, ...values });
