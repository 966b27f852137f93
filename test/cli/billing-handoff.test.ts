/**
 * The billing hand-off of the BUILT program (issue 22): the months at a glance, catching up with
 * `close --through`, a month closed again answered as closed, close ids that differ between
 * ledgers, exports that load as they are (lines and totals apart, the Excel CSV opened by a real
 * spreadsheet program, LibreOffice headless), and a printable statement per bill-to.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { smallNetwork } from '../support/billing';
import { ensureBuilt, runCli } from './built-cli';

beforeAll(() => ensureBuilt(), 300_000);

const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-handoff-'));
let n = 0;
const cli = (args: readonly string[]) => runCli(args, { cwd: dir });
const json = (args: readonly string[]) => {
  const r = cli([...args, '--format', 'json']);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(r.stdout);
};

/** A ledger of the small network: two contracts billed from July 2025 to now. */
const seeded = () => {
  const db = `ledger-${++n}.db`;
  writeFileSync(
    join(dir, `net-${n}.jsonl`),
    smallNetwork()
      .map((c) => JSON.stringify(c))
      .join('\n'),
  );
  expect(cli(['apply', `net-${n}.jsonl`, '--quiet', '--store', `sqlite:${db}`]).code).toBe(0);
  return `sqlite:${db}`;
};

const current = DateTime.now().setZone('Asia/Tokyo').toFormat('yyyy-MM');
const monthsFrom = (first: string, last: string) => {
  const out: string[] = [];
  for (
    let m = DateTime.fromFormat(first, 'yyyy-MM');
    m.toFormat('yyyy-MM') <= last;
    m = m.plus({ months: 1 })
  )
    out.push(m.toFormat('yyyy-MM'));
  return out;
};

beforeAll(() => {
  if (cli(['keygen', '--out', 'key.pem']).code !== 0) throw new Error('keygen');
});

describe('vpn-ledger months, and close --through', () => {
  let store: string;
  beforeAll(() => {
    store = seeded();
  });

  it('given a ledger never closed, then every month from the first charge to the current one is open, the first next to close', () => {
    const doc = json(['months', '--store', store]);
    expect(doc.schema).toBe('vpn-ledger.months/v1');
    expect(doc.months.map((m: { month: string }) => m.month)).toEqual(monthsFrom('2025-07', current));
    expect(doc.months[0]).toMatchObject({
      status: 'open',
      nextToClose: true,
      close: null,
      lines: 4,
      total: 48_000,
    });
    expect(doc.months.slice(1).every((m: { nextToClose: boolean }) => !m.nextToClose)).toBe(true);
    const table = cli(['months', '--store', store]);
    expect(table.stdout).toContain(`Billing months, from the first charge to ${current} (the current month)`);
    expect(table.stdout).toMatch(/2025-07 +open \(next to close\) +4 +48,000 +0/);
    expect(table.stdout).toContain('`vpn-ledger close --through');
  });

  it('when closed through September, then July, August and September are closed in order, each with its own close and seal', () => {
    const r = json([
      'close',
      '--through',
      '2025-09',
      '--actor',
      'staff:sato',
      '--key',
      'key.pem',
      '--store',
      store,
    ]);
    expect(r.schema).toBe('vpn-ledger.close-through/v1');
    const closes = r.closes as {
      month: string;
      repeated: boolean;
      close: { id: string; streamId: string; ledgerId: string; seal: { digest: string; events: number } };
    }[];
    expect(closes.map((c) => c.month)).toEqual(['2025-07', '2025-08', '2025-09']);
    expect(closes.map((c) => c.close.streamId)).toEqual([
      'billing-2025-07',
      'billing-2025-08',
      'billing-2025-09',
    ]);
    expect(new Set(closes.map((c) => c.close.id)).size).toBe(3);
    expect(new Set(closes.map((c) => c.close.seal.digest)).size).toBe(3);
    // Each seal reflects the log up to its own close: the later, the more events.
    const events = closes.map((c) => c.close.seal.events);
    expect(events[0]! < events[1]! && events[1]! < events[2]!).toBe(true);
    // One ledger, one ledger id, recorded by each close.
    expect(new Set(closes.map((c) => c.close.ledgerId)).size).toBe(1);

    const months = json(['months', '--store', store]).months;
    expect(
      months.slice(0, 4).map((m: { status: string; nextToClose: boolean }) => [m.status, m.nextToClose]),
    ).toEqual([
      ['closed', false],
      ['closed', false],
      ['closed', false],
      ['open', true],
    ]);
    expect(months[0]).toMatchObject({
      close: { id: closes[0]!.close.id, closedBy: 'staff:sato', sealDigest: closes[0]!.close.seal.digest },
      lines: 4,
      total: 48_000,
    });
  });

  it('when asked to close through September again, then it says every month is closed already (exit 0), nothing written', () => {
    const again = cli([
      'close',
      '--through',
      '2025-09',
      '--actor',
      'staff:suzuki',
      '--key',
      'key.pem',
      '--store',
      store,
    ]);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toBe('Every month through 2025-09 is closed already; nothing was written.\n');
    const ja = cli([
      'close',
      '--month',
      '2025-08',
      '--actor',
      'staff:suzuki',
      '--key',
      'key.pem',
      '--lang',
      'ja',
      '--store',
      store,
    ]);
    expect(ja.code).toBe(0);
    expect(ja.stdout).toMatch(
      /^2025年8月は既に締めています: .+に staff:sato が締めました（締め [0-9a-f-]{36}）。新たな書き込みはありません。/,
    );
  });

  it('refuses --month with --through, and neither (exit 2)', () => {
    expect(cli(['close', '--actor', 'staff:sato', '--key', 'key.pem', '--store', store]).code).toBe(2);
    expect(
      cli([
        'close',
        '--month',
        '2025-10',
        '--through',
        '2025-10',
        '--actor',
        'staff:sato',
        '--key',
        'key.pem',
        '--store',
        store,
      ]).code,
    ).toBe(2);
  });

  it('given two ledgers of the same commands, when each closes July, then their close ids differ', () => {
    const other = seeded();
    const a = json([
      'close',
      '--month',
      '2025-07',
      '--actor',
      'staff:sato',
      '--key',
      'key.pem',
      '--store',
      other,
    ]);
    const mine = json(['months', '--store', store]).months[0].close;
    expect(a.close.id).not.toBe(mine.id);
    expect(a.close.ledgerId).not.toBe(mine.ledgerId);
    expect(a.close.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('exports that load as they are', () => {
  let store: string;
  beforeAll(() => {
    store = seeded();
    expect(
      cli(['close', '--through', '2025-08', '--actor', 'staff:sato', '--key', 'key.pem', '--store', store])
        .code,
    ).toBe(0);
  });

  it('plain CSV for programs: no byte order mark, \\n; --excel: a byte order mark and CRLF, the same cells', () => {
    const plain = cli(['export', '--month', '2025-08', '--format', 'csv', '--store', store]).stdout;
    const excel = cli([
      'export',
      '--month',
      '2025-08',
      '--format',
      'csv',
      '--excel',
      '--store',
      store,
    ]).stdout;
    expect(plain.startsWith('record,month,')).toBe(true);
    expect(plain).not.toContain('\r');
    expect(excel.startsWith('\uFEFFrecord,month,')).toBe(true);
    expect(excel.split('\r\n')).toHaveLength(plain.split('\n').length);
    expect(excel.slice(1).replace(/\r\n/g, '\n')).toBe(plain);
    expect(cli(['export', '--month', '2025-08', '--excel', '--store', store]).code).toBe(2);
  });

  it('lines and totals never share a column: the lines add up to the totals table', () => {
    const lines = cli(['export', '--month', '2025-08', '--format', 'csv', '--store', store])
      .stdout.trim()
      .split('\n');
    const amount = lines[0]!.split(',').indexOf('amount_yen');
    expect(lines.slice(1).reduce((s, r) => s + Number(r.split(',')[amount]), 0)).toBe(48_000);
    const totals = cli([
      'export',
      '--month',
      '2025-08',
      '--format',
      'csv',
      '--totals',
      '--store',
      store,
    ]).stdout;
    expect(
      totals
        .trim()
        .split('\n')
        .map((r) => r.split(',').slice(0, 9).join(',')),
    ).toEqual([
      'record,month,status,bill_to,lines,lines_yen,adjustments,adjustments_yen,amount_yen',
      'bill-to,2025-08,closed,acme,1,30000,0,0,30000',
      'bill-to,2025-08,closed,acme-branch,1,18000,0,0,18000',
      'all,2025-08,closed,,2,48000,0,0,48000',
    ]);
    const doc = json(['export', '--month', '2025-08', '--store', store]);
    expect(doc.totals).toMatchObject({ amount: 48_000, lines: { count: 2, amount: 48_000 } });
    expect(doc.documents.map((d: { statementNumber: string }) => d.statementNumber)).toEqual([
      expect.stringMatching(/^S-202508-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/),
      expect.stringMatching(/^S-202508-/),
    ]);
  });

  it('in Japanese: the headers and the article column in Japanese (第19条), the charges too', () => {
    const ja = cli([
      'export',
      '--month',
      '2025-08',
      '--format',
      'csv',
      '--lang',
      'ja',
      '--store',
      store,
    ]).stdout;
    expect(ja.split('\n')[0]).toBe(
      '行の種類,請求月,締めの状態,請求先,明細ID,契約ID,VPN網ID,種別,期間の初日,期間の末日,金額（円、税抜）,条項,方針,約款の版,計算,調整する月,調整する明細ID,根拠のイベントID,締めID,封印のダイジェスト',
    );
    expect(ja).toMatch(/,第19条/);
    expect(ja).not.toMatch(/Art\. /);
    const charges = cli([
      'charges',
      '--month',
      '2025-08',
      '--format',
      'csv',
      '--lang',
      'ja',
      '--excel',
      '--store',
      store,
    ]).stdout;
    expect(charges.startsWith('\uFEFF明細ID,契約ID,')).toBe(true);
    expect(charges).toMatch(/,第19条/);
  });

  it('opened in a real spreadsheet program (LibreOffice, headless): CSV → XLSX → CSV keeps the Japanese and the sums', () => {
    const csv = cli([
      'export',
      '--month',
      '2025-08',
      '--format',
      'csv',
      '--excel',
      '--lang',
      'ja',
      '--store',
      store,
    ]).stdout;
    const work = join(dir, 'calc');
    mkdirSync(join(work, 'back'), { recursive: true });
    writeFileSync(join(work, 'export.csv'), csv);
    const soffice = (args: string[]) => {
      const r = spawnSync(
        'soffice',
        [`-env:UserInstallation=file://${work}/profile`, '--headless', ...args],
        {
          cwd: work,
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      if (r.error) throw new Error(`soffice (apt-get install libreoffice-calc-nogui): ${r.error.message}`);
      expect(r.status).toBe(0);
    };
    // Comma, double quote, UTF-8 (76), from row 1: as the import dialog sets it for this file.
    soffice(['--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', 'export.csv']);
    soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', 'back', 'export.xlsx']);
    const back = readFileSync(join(work, 'back', 'export.csv'), 'utf8')
      .trim()
      .split(/\r?\n/);
    const sent = csv.slice(1).trim().split('\r\n');
    // The byte order mark was read as such, not as part of the first header.
    expect(back[0]).toBe(sent[0]);
    expect(back).toHaveLength(sent.length);
    const amount = back[0]!.split(',').indexOf('金額（円、税抜）');
    expect(amount).toBeGreaterThan(0);
    expect(back.slice(1).reduce((s, r) => s + Number(r.split(',')[amount]), 0)).toBe(48_000);
    expect(back.join('\n')).toContain('第19条');
    expect(back.slice(1).map((r) => r.split(',')[4])).toEqual(sent.slice(1).map((r) => r.split(',')[4]));
  });

  it('a statement per bill-to: printable HTML with its stable number, the close, the seal, tax excluded', () => {
    const doc = json(['export', '--month', '2025-08', '--bill-to', 'acme', '--store', store]).documents[0];
    const r = cli([
      'statement',
      '--month',
      '2025-08',
      '--bill-to',
      'acme',
      '--out',
      'st.html',
      '--store',
      store,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Wrote statement ${doc.statementNumber} of acme for 2025-08 to st.html.\n`);
    const page = readFileSync(join(dir, 'st.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    for (const part of [
      doc.statementNumber,
      doc.close.id,
      doc.close.sealDigest,
      'without consumption tax',
      '30,000',
    ])
      expect(page).toContain(part);
    expect(page).not.toContain('<script');
    // The same statement again: the same number, the same page.
    expect(cli(['statement', '--month', '2025-08', '--bill-to', 'acme', '--store', store]).stdout).toBe(page);
    const ja = cli([
      'statement',
      '--month',
      '2025-08',
      '--bill-to',
      'acme',
      '--lang',
      'ja',
      '--store',
      store,
    ]).stdout;
    expect(ja).toContain('料金明細書');
    expect(ja).toContain('消費税を含まない');
    expect(ja).toContain(doc.statementNumber);
    const open = cli(['statement', '--month', '2025-09', '--bill-to', 'acme', '--store', store]);
    expect(open.code).toBe(1);
    expect(open.stderr).toContain('2025-09 is not closed');
    expect(cli(['statement', '--month', '2025-08', '--bill-to', 'nobody', '--store', store]).code).toBe(1);
  });
});
