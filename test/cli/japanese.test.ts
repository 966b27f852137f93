/**
 * Japanese everywhere a person reads (issue 23, point 4): every subcommand's `--help`, an option it
 * does not have, and a value it refuses, under `--lang ja`, in this process. The words are
 * Japanese: what is left once the things one types are taken out (flags, values as typed, ids,
 * environment variables, paths) holds no English sentence. English stays English.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { buildProgram, main } from '../../src/cli/main';
import { registerNetwork } from '../support/commands';

const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-japanese-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sink = (onChunk: (s: string) => void) =>
  new Writable({
    write: (chunk, _enc, cb) => {
      onChunk(String(chunk));
      cb();
    },
  });

/** The CLI in this process: its exit code, stdout and stderr. */
const cli = async (args: readonly string[], input = '') => {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'vpn-ledger', ...args], {
    stdout: sink((s) => {
      stdout += s;
    }),
    stderr: sink((s) => {
      stderr += s;
    }),
    stdin: Readable.from([input]),
    env: { LANG: 'C.UTF-8' },
  });
  return { code, stdout, stderr };
};

/** Every subcommand, as typed (`token add`), from the program itself. */
const commandsOf = (program: Command, prefix: readonly string[] = []): string[][] =>
  program.commands.flatMap((c) => {
    const path = [...prefix, c.name()];
    return c.commands.length > 0 ? commandsOf(c, path) : [path];
  });
const program = buildProgram(
  { stdout: sink(() => undefined), stderr: sink(() => undefined), stdin: Readable.from([]), env: {} },
  () => undefined,
  'ja',
);
const COMMANDS = commandsOf(program);

/**
 * English left in a text once what one types is taken out: `quoted` text, flags (--known-at, -h),
 * environment variables, "values" and 'values' as typed, paths and URLs, store specs, ids such as
 * c-osaka or 2025-13, and the names the Japanese uses on purpose. Two English words in a row are a
 * sentence (or the start of one).
 */
const ALLOWED =
  /^(IIJ|VPN|PRO|LAN|JSON|SQLite|EventStoreDB|Ed25519|PEM|TCP|HTTP|HTTPS?|OpenAPI|TLS|SIGINT|SIGTERM|UTF|UUID|SHA|ID|Secure|Retry-After|Bearer|https|pino)$/;
const englishLeft = (text: string): string[] => {
  const rest = text
    .replace(/`[^`]*`/g, ' ')
    .replace(/"[^"]*"|'[^']*'|「[^」]*」/g, ' ')
    .replace(/(^|\s)-{1,2}[a-zA-Z][\w-]*/g, ' ')
    .replace(/\b[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\b/g, ' ')
    .replace(/\b(sqlite|esdb):\S*|:memory:|\S*\/\S*|\S+\.(db|pem|pub|jsonl|json|md)\b/g, ' ')
    .replace(/vpn-ledger( [a-z-]+)*/g, ' ')
    .replace(/\b[\w.:-]*\d[\w.:-]*\b/g, ' ')
    .replace(/<[^>]*>|\[[^\]]*\]/g, ' ');
  const words = rest.match(/[A-Za-z][A-Za-z'-]+/g) ?? [];
  const english = words.filter((w) => !ALLOWED.test(w));
  // A sentence: two English words next to each other (a single name left is not one).
  return (rest.match(/[A-Za-z][A-Za-z'-]+[ ,]+[A-Za-z][A-Za-z'-]+/g) ?? []).filter(
    (pair) =>
      pair.split(/[ ,]+/).some((w) => english.includes(w)) &&
      !pair.split(/[ ,]+/).every((w) => ALLOWED.test(w)),
  );
};

const expectJapanese = (what: string, text: string) => {
  expect(text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  expect({ what, english: englishLeft(text) }).toEqual({ what, english: [] });
};

describe('every subcommand under --lang ja', () => {
  it('finds the subcommands', () => {
    expect(COMMANDS.length).toBeGreaterThanOrEqual(20);
    expect(COMMANDS).toContainEqual(['token', 'add']);
  });

  it.each(COMMANDS.map((c) => [c.join(' '), c] as const))('%s: --help is Japanese', async (_name, path) => {
    const r = await cli([...path, '--help', '--lang', 'ja']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^使い方: vpn-ledger /);
    expect(r.stdout).toContain('オプション:');
    expectJapanese(`${path.join(' ')} --help`, r.stdout);
  });

  it.each(COMMANDS.map((c) => [c.join(' '), c] as const))(
    '%s: an unknown option is refused in Japanese (exit 2)',
    async (_name, path) => {
      const r = await cli([...path, '--colour', '--lang', 'ja']);
      expect(r).toMatchObject({ code: 2, stdout: '' });
      // An unknown option, or first a required option not given.
      expect(r.stderr).toMatch(/^vpn-ledger: (--colour というオプションはありません|必須のオプション --)/);
      expectJapanese(`${path.join(' ')} --colour`, r.stderr);
    },
  );

  /** A value each subcommand refuses before it does anything: a month that is none, else a format, else a required argument or option left out. */
  const badInput = (c: Command): string[] | null => {
    const has = (flag: string) => c.options.some((o) => o.long === flag);
    if (has('--month')) return ['--month', '2025-13'];
    if (has('--as-of')) return ['--as-of', '2025-02-30'];
    if (has('--known-at')) return ['--known-at', 'yesterday'];
    if (has('--format')) return ['--format', 'xml'];
    // A required argument or option not given.
    if (c.registeredArguments.some((a) => a.required) || c.options.some((o) => o.mandatory)) return [];
    if (has('--port')) return ['--port', 'eighty'];
    return null;
  };
  const find = (path: readonly string[]) =>
    path.reduce<Command>((c, name) => c.commands.find((s) => s.name() === name)!, program);
  const refusing = COMMANDS.flatMap((path) => {
    const bad = badInput(find(path));
    return bad === null ? [] : [[path.join(' '), path, bad] as const];
  });

  it('has a refused value for nearly every subcommand', () => {
    expect(refusing.length).toBeGreaterThanOrEqual(COMMANDS.length - 4);
  });

  it.each(refusing)('%s: a refused value is refused in Japanese (exit 2)', async (_name, path, bad) => {
    const r = await cli([...path, ...bad, '--lang', 'ja']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/^vpn-ledger: /);
    expectJapanese(`${path.join(' ')} ${bad.join(' ')}`, r.stderr);
  });

  it('a required option not given, and commands that do not validate, in Japanese', async () => {
    const missing = await cli(['charges', '--lang', 'ja']);
    expect(missing).toMatchObject({
      code: 2,
      stderr: 'vpn-ledger: 必須のオプション --month <年月> が指定されていません\n',
    });
    const db = join(dir, 'invalid.db');
    const file = join(dir, 'invalid.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify(registerNetwork({ registeredOn: '2025-02-30', extra: 1 }))}\n{"type":\n`,
    );
    const r = await cli(['apply', file, '--store', `sqlite:${db}`, '--lang', 'ja']);
    expect(r.code).toBe(1);
    // The rejected lines on stderr, the summary where apply puts it.
    const said = r.stdout + r.stderr;
    expect(said).toContain('INVALID_COMMAND コマンドの内容に誤りがあります（2件）');
    expect(said).toContain('data.registeredOn: 日付は「年4桁-月2桁-日2桁」の形で指定します');
    expect(said).toContain('data: 不明な項目: extra');
    expect(said).toContain('2行目: JSONとして読めません: JSON の構文が正しくありません');
    expectJapanese('apply of invalid commands', said);
  });

  it('English stays English', async () => {
    const r = await cli(['charges', '--month', '2025-13', '--lang', 'en']);
    expect(r.stderr).toBe(
      `vpn-ledger: option '--month <YYYY-MM>' argument '2025-13' is invalid. Expected a month YYYY-MM (e.g. 2025-10), got "2025-13".\n`,
    );
    const help = await cli(['charges', '--help', '--lang', 'en']);
    expect(help.stdout).toMatch(/^Usage: vpn-ledger charges \[options\]\n/);
  });
});
