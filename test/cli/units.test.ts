/** The CLI's small pure parts, in-process: formatting, option parsing, store specs, progress. */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { InvalidArgumentError } from 'commander';
import { openLines } from '../../src/cli/commands/apply';
import { CliError } from '../../src/cli/errors';
import { escapeControls, inline, renderTable, wrapText, yen } from '../../src/cli/format';
import type { Io } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { parseDate, parseKnownAt, parseMonth } from '../../src/cli/options';
import { progressFormat, startProgress } from '../../src/cli/progress';
import { renderCsv } from '../../src/documents/encoding';
import { duplicateKey, parseJsonLine, readLines } from '../../src/documents/json-lines';
import { DEFAULT_STORE_SPEC, parseStoreSpec, resolveStoreSpec, StoreSpecError } from '../../src/store/spec';

describe('format', () => {
  it('writes yen with thousands separators', () => {
    expect([0, 999, 1000, 12345, -5600, 1234567].map(yen)).toEqual([
      '0',
      '999',
      '1,000',
      '12,345',
      '-5,600',
      '1,234,567',
    ]);
  });

  it('aligns table columns, right-aligns amounts, wraps long cells and trims line ends', () => {
    const table = renderTable(
      [{ header: 'Id' }, { header: 'Amount', align: 'right' }, { header: 'Why', wrap: 12 }],
      [
        ['a', '1,000', 'short'],
        ['bbb', '5', 'a somewhat longer reason'],
      ],
    );
    expect(table.split('\n')).toEqual([
      'Id   Amount  Why',
      '---  ------  ----------',
      'a     1,000  short',
      'bbb       5  a somewhat',
      '             longer',
      '             reason',
    ]);
  });

  it('wraps at spaces and cuts words longer than the width', () => {
    expect(wrapText('abcdefghij klm', 4)).toEqual(['abcd', 'efgh', 'ij', 'klm']);
    expect(wrapText('', 4)).toEqual(['']);
  });

  it('quotes CSV cells that need it', () => {
    expect(renderCsv(['a', 'b'], [['x,y', 'say "hi"']])).toBe('a,b\n"x,y","say ""hi"""\n');
  });
});

describe('options', () => {
  it('accepts months and dates that exist, and refuses the others', () => {
    expect(parseMonth('en')('2025-10')).toBe('2025-10');
    expect(() => parseMonth('en')('2025-13')).toThrow(InvalidArgumentError);
    expect(parseDate('en')('2024-02-29')).toBe('2024-02-29');
    expect(() => parseDate('en')('2025-02-29')).toThrow(InvalidArgumentError);
  });

  it('--known-at: an instant as written, a local date-time in Japan time, a date as the end of that Japan day', () => {
    expect(parseKnownAt('en')('2025-10-05T03:00:00Z')).toBe('2025-10-05T03:00:00Z');
    expect(parseKnownAt('en')('2025-10-05T12:00')).toBe('2025-10-05T12:00+09:00');
    expect(parseKnownAt('en')('2025-10-05')).toBe('2025-10-05T23:59:59.999+09:00');
    expect(() => parseKnownAt('en')('yesterday')).toThrow(InvalidArgumentError);
  });
});

describe('store specs', () => {
  it('parses sqlite:PATH, :memory: and esdb:// and refuses anything else', () => {
    expect(parseStoreSpec('sqlite:./x.db')).toEqual({ kind: 'sqlite', path: './x.db' });
    expect(parseStoreSpec(':memory:')).toEqual({ kind: 'memory' });
    expect(parseStoreSpec('esdb://localhost:2113?tls=false')).toEqual({
      kind: 'esdb',
      connectionString: 'esdb://localhost:2113?tls=false',
    });
    expect(() => parseStoreSpec('sqlite:')).toThrow(StoreSpecError);
    expect(() => parseStoreSpec('./x.db')).toThrow(StoreSpecError);
  });

  it('takes the option, else VPN_LEDGER_STORE, else the default', () => {
    expect(resolveStoreSpec('sqlite:a.db', { VPN_LEDGER_STORE: 'sqlite:b.db' })).toBe('sqlite:a.db');
    expect(resolveStoreSpec(undefined, { VPN_LEDGER_STORE: 'sqlite:b.db' })).toBe('sqlite:b.db');
    expect(resolveStoreSpec(undefined, {})).toBe(DEFAULT_STORE_SPEC);
  });
});

describe('progress', () => {
  const sink = (isTTY: boolean) => {
    const chunks: string[] = [];
    const stream = Object.assign(
      new Writable({
        write(chunk, _enc, done) {
          chunks.push(String(chunk));
          done();
        },
      }),
      { isTTY, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true },
    );
    return { stream, text: () => chunks.join('') };
  };
  const io = (stderrTTY: boolean) => {
    const stdout = sink(false);
    const stderr = sink(stderrTTY);
    const value: Io = { stdout: stdout.stream, stderr: stderr.stream, stdin: process.stdin, env: {} };
    return { value, stdout, stderr };
  };

  it('draws nothing when stderr is not a terminal: lines go straight to their stream', () => {
    const { value, stdout, stderr } = io(false);
    const p = startProgress(value, { total: 1000, enabled: true, format: '{bar} {value}/{total}' });
    p.update(500);
    p.log('stdout', 'line 1: accepted');
    p.log('stderr', 'line 2: rejected');
    p.stop();
    expect(stdout.text()).toBe('line 1: accepted\n');
    expect(stderr.text()).toBe('line 2: rejected\n');
  });

  it('draws a bar on a terminal and still delivers every logged line', () => {
    const { value, stdout, stderr } = io(true);
    const p = startProgress(value, { total: 1000, enabled: true, format: 'applying {value}/{total}' });
    p.update(500);
    p.log('stdout', 'line 1: accepted');
    p.log('stderr', 'line 2: rejected');
    p.stop();
    expect(stdout.text()).toBe('line 1: accepted\n');
    expect(stderr.text()).toContain('line 2: rejected\n');
    expect(stderr.text()).toContain('applying 500/1000');
  });

  it('shows no bar for work done by its first report, and none before the first report', () => {
    const { value, stderr } = io(true);
    const p = startProgress(value, { total: null, enabled: true, format: 'rebuilding {value}/{total}' });
    p.update(5000, {}, 5000);
    p.stop();
    const never = startProgress(value, { total: 1000, enabled: true, format: 'applying {value}/{total}' });
    never.stop();
    expect(stderr.text()).toBe('');
  });

  it('fills every placeholder from the first frame, in the language, and ends at its total', async () => {
    const { value, stderr } = io(true);
    const p = startProgress(value, {
      total: 1000,
      enabled: true,
      format: progressFormat('en', 'progress.apply'),
    });
    p.update(1);
    // The first frame is drawn on the bar's own clock, before the work says more.
    await new Promise((resolve) => setTimeout(resolve, 250));
    p.update(1000, { rejected: 2, rate: 400 });
    p.stop();
    expect(stderr.text()).not.toMatch(/\{\w+\}/);
    expect(stderr.text()).toMatch(/applying \|.*\| 1\/1000 lines \| 0 commands\/s \| 0 rejected/);
    expect(stderr.text()).toMatch(/\| 1000\/1000 lines \| 400 commands\/s \| 2 rejected/);
    expect(progressFormat('ja', 'progress.replay', { label: 'second' })).toMatch(
      /^2回目の再生 \|\{bar\}\| \{value\}\/\{total\} イベント \| 毎秒\{rate\}イベント$/,
    );
  });
});

describe('openLines', () => {
  const io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: {} };

  it('loses no line when iteration starts late (the file opens only when it is read)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vpn-ledger-lines-')), 'x.jsonl');
    writeFileSync(path, 'a\r\nb\n\nc');
    const lines = openLines(io, path);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const read: string[] = [];
    for await (const line of lines) read.push('text' in line ? line.text : line.problem);
    expect(read).toEqual(['a', 'b', '', 'c']);
  });

  it('refuses a missing file or a directory at once, as a usage error', () => {
    expect(() => openLines(io, '/nonexistent/x.jsonl')).toThrow(CliError);
    expect(() => openLines(io, tmpdir())).toThrow(/it is a directory/);
  });
});

describe('main: an internal error', () => {
  /** An Io whose stdout throws on write: a failure no user can cause, so a bug from main's side. */
  const brokenIo = (env: NodeJS.ProcessEnv): { io: Io; stderr: () => string } => {
    let stderr = '';
    const io: Io = {
      stdout: new Writable({
        write: () => {
          throw new TypeError('stdout exploded');
        },
      }),
      stderr: new Writable({
        write: (chunk, _enc, cb) => {
          stderr += String(chunk);
          cb();
        },
      }),
      stdin: process.stdin,
      env,
    };
    return { io, stderr: () => stderr };
  };

  it('is exit 70 with one line and a hint, and the stack only with VPN_LEDGER_DEBUG=1', async () => {
    const args = ['node', 'vpn-ledger', 'charges', '--month', '2025-05', '--store', ':memory:'];
    const plain = brokenIo({});
    expect(await main(args, plain.io)).toBe(70);
    expect(plain.stderr()).toBe(
      'vpn-ledger: internal error: stdout exploded\nvpn-ledger: (set VPN_LEDGER_DEBUG=1 for the stack trace)\n',
    );
    const debug = brokenIo({ VPN_LEDGER_DEBUG: '1' });
    expect(await main(args, debug.io)).toBe(70);
    expect(debug.stderr()).toMatch(
      /^vpn-ledger: internal error: stdout exploded\nTypeError: stdout exploded\n\s+at /,
    );
  });
});

describe('input lines', () => {
  const lines = async (chunks: readonly (string | Buffer)[], max?: number) => {
    const out: string[] = [];
    for await (const l of readLines(
      (async function* () {
        yield* chunks;
      })(),
      max,
    )) {
      out.push(`${l.number}:${'text' in l ? l.text : `!${l.problem}`}`);
    }
    return out;
  };

  it('splits at newlines across chunks, drops a \\r before them, and keeps a last line without one', async () => {
    expect(await lines(['a\r', '\nb', 'c\n\nd'])).toEqual(['1:a', '2:bc', '3:', '4:d']);
  });

  it('reports a line longer than the limit without collecting it, and goes on', async () => {
    expect(await lines(['12345', '6789\nok\n12345678\n', '123456789'], 8)).toEqual([
      '1:!line too long: more than 8 bytes; not read',
      '2:ok',
      '3:12345678',
      '4:!line too long: more than 8 bytes; not read',
    ]);
  });

  it('reports invalid UTF-8, also when a character is split between chunks', async () => {
    const e = Buffer.from('é', 'utf8');
    expect(
      await lines([
        Buffer.concat([Buffer.from('x'), e.subarray(0, 1)]),
        Buffer.concat([e.subarray(1), Buffer.from('\n\xff\n', 'latin1')]),
      ]),
    ).toEqual(['1:xé', '2:!not valid UTF-8 text; not read (save the file as UTF-8)']);
  });

  it('finds a duplicate key at any depth, compares keys as decoded, and not across objects', () => {
    expect(duplicateKey('{"a":1,"b":{"c":1,"c":2}}')).toEqual({ key: 'c', position: 18 });
    expect(duplicateKey('{"a":1,"\\u0061":2}')).toEqual({ key: 'a', position: 7 });
    expect(duplicateKey('{"a":{"x":1},"b":{"x":1},"l":[{"a":1},{"a":2}]}')).toBeNull();
    expect(duplicateKey('{"a":"{\\"a\\":1,\\"a\\":2}"}')).toBeNull();
    expect(duplicateKey('[1,"a","a"]')).toBeNull();
    expect(() => parseJsonLine('{"__proto__":1,"__proto__":2}')).toThrow('Duplicate key "__proto__"');
  });
});

describe('escaping for people', () => {
  it('escapes C0 and C1 controls, DEL and bidi controls, and keeps newlines and tabs unless inline', () => {
    expect(escapeControls('a\u001b[2Jb\u009bc\u007fd\u202ee\nf\tg')).toBe(
      'a\\u001b[2Jb\\u009bc\\u007fd\\u202ee\nf\tg',
    );
    expect(inline('one\ntwo\tthree\u0000')).toBe('one\\ntwo\\tthree\\u0000');
    expect(escapeControls('plain')).toBe('plain');
  });

  it('escapes a cell before measuring it, so that columns stay aligned', () => {
    expect(renderTable([{ header: 'A' }, { header: 'B' }], [['\u001b', 'x']]).split('\n')).toEqual([
      'A       B',
      '------  -',
      '\\u001b  x',
    ]);
  });
});
