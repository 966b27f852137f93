/**
 * The v1 documents the BUILT program writes with `--format json` are the ones the OpenAPI document
 * declares (src/documents/schemas): on the demo ledger, with a month closed, every document parses
 * against its schema, field by field, no other field allowed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import * as S from '../../src/documents/schemas';
import { demoLines } from '../server/support';
import { ensureBuilt, runCli } from './built-cli';

const dir = mkdtempSync(join(tmpdir(), 'vpn-ledger-documents-'));
const store = ['--store', 'sqlite:ledger.db'];
const cli = (args: readonly string[]) => runCli(args, { cwd: dir, env: {} });

beforeAll(() => {
  ensureBuilt();
  writeFileSync(join(dir, 'demo.jsonl'), demoLines().join('\n'));
  expect(cli(['apply', 'demo.jsonl', '--quiet', ...store]).code).toBe(0);
  expect(cli(['keygen', '--out', 'seal.pem']).code).toBe(0);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The command's JSON on stdout (its exit code `code`), checked against `schema`: the problems, none when it conforms. */
const conforms = (args: readonly string[], schema: z.ZodType, code = 0) => {
  const r = cli([...args, '--format', 'json', ...store]);
  expect([args.join(' '), r.code]).toEqual([args.join(' '), code]);
  const parsed = schema.safeParse(JSON.parse(r.stdout));
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('--format json writes the documents the OpenAPI document declares', () => {
  it('close, charges (open and closed months), explain, export (closed and draft)', () => {
    expect(
      conforms(
        ['close', '--month', '2025-03', '--actor', 'staff:sato', '--key', 'seal.pem'],
        S.CloseDocument,
      ),
    ).toEqual([]);
    expect(conforms(['charges', '--month', '2025-03'], S.ChargesDocument)).toEqual([]);
    expect(conforms(['charges', '--month', '2025-10', '--lang', 'ja'], S.ChargesDocument)).toEqual([]);
    expect(conforms(['charges', '--month', '2025-10', '--contract', 'c-osaka'], S.ChargesDocument)).toEqual(
      [],
    );
    const charges = JSON.parse(cli(['charges', '--month', '2025-10', '--format', 'json', ...store]).stdout);
    expect(conforms(['explain', charges.lines[0].id], S.ExplainDocument)).toEqual([]);
    expect(conforms(['export', '--month', '2025-03'], S.ExportDocument)).toEqual([]);
    expect(conforms(['export', '--month', '2025-10', '--draft'], S.ExportDocument)).toEqual([]);
    // The months at a glance, and a closed month closed again (answered with the close that exists).
    expect(conforms(['months'], S.MonthsDocument)).toEqual([]);
    expect(
      conforms(
        ['close', '--month', '2025-03', '--actor', 'staff:suzuki', '--key', 'seal.pem'],
        S.CloseDocument,
      ),
    ).toEqual([]);
  });

  it('state, timeline, terms, deadlines, verify', () => {
    expect(conforms(['state', 'c-tokyo-hq', '--as-of', '2025-10-15'], S.StateDocument)).toEqual([]);
    expect(conforms(['timeline', 'c-osaka'], S.TimelineDocument)).toEqual([]);
    expect(conforms(['terms', 'c-tokyo-hq'], S.TermsDocument)).toEqual([]);
    expect(conforms(['deadlines', '--all'], S.DeadlinesDocument)).toEqual([]);
    expect(conforms(['verify'], S.VerifyDocument)).toEqual([]);
  });

  it('apply and what-if, one result per command line', () => {
    writeFileSync(join(dir, 'two.jsonl'), `${demoLines().slice(0, 2).join('\n')}\n{"type":"Nope"}\n`);
    // A line it cannot read: exit 1, and still the document.
    expect(conforms(['what-if', 'two.jsonl'], S.WhatIfDocument, 1)).toEqual([]);
    const r = cli(['apply', 'two.jsonl', '--format', 'json', ...store]);
    const results = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(results).toHaveLength(3);
    expect(S.BatchDocument.shape.results.safeParse(results).error?.issues ?? []).toEqual([]);
  });

  it('a document with a field its schema does not declare does not conform', () => {
    const r = cli(['terms', 'c-osaka', '--format', 'json', ...store]);
    expect(S.TermsDocument.safeParse({ ...JSON.parse(r.stdout), extra: 1 }).success).toBe(false);
  });
});
