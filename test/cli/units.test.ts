/** The CLI's small pure parts, in-process: formatting, option parsing, store specs, progress. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { InvalidArgumentError } from 'commander';
import { openLines } from '../../src/cli/commands/apply';
import { CliError } from '../../src/cli/errors';
import { renderCsv, renderTable, wrapText, yen } from '../../src/cli/format';
import type { Io } from '../../src/cli/io';
import { parseDate, parseKnownAt, parseMonth } from '../../src/cli/options';
import { startProgress } from '../../src/cli/progress';
import {
  DEFAULT_STORE_SPEC,
  parseStoreSpec,
  resolveStoreSpec,
  StoreSpecError,
} from '../../src/cli/store-spec';

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
    expect(parseMonth('2025-10')).toBe('2025-10');
    expect(() => parseMonth('2025-13')).toThrow(InvalidArgumentError);
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(() => parseDate('2025-02-29')).toThrow(InvalidArgumentError);
  });

  it('--known-at: an instant as written, a local date-time in Japan time, a date as the end of that Japan day', () => {
    expect(parseKnownAt('2025-10-05T03:00:00Z')).toBe('2025-10-05T03:00:00Z');
    expect(parseKnownAt('2025-10-05T12:00')).toBe('2025-10-05T12:00+09:00');
    expect(parseKnownAt('2025-10-05')).toBe('2025-10-05T23:59:59.999+09:00');
    expect(() => parseKnownAt('yesterday')).toThrow(InvalidArgumentError);
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
});

describe('openLines', () => {
  const io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: {} };

  it('loses no line when iteration starts late (the file opens only when it is read)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vpn-ledger-lines-')), 'x.jsonl');
    writeFileSync(path, 'a\r\nb\n\nc');
    const lines = openLines(io, path);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const read: string[] = [];
    for await (const line of lines) read.push(line);
    expect(read).toEqual(['a', 'b', '', 'c']);
  });

  it('refuses a missing file or a directory at once, as a usage error', () => {
    expect(() => openLines(io, '/nonexistent/x.jsonl')).toThrow(CliError);
    expect(() => openLines(io, tmpdir())).toThrow(/it is a directory/);
  });
});
