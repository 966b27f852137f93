/**
 * A demo workspace for the console: a ledger file holding examples/demo.jsonl (recorded from
 * 2025-11-01, one second a command, as the server tests record it), its views current, and a token
 * file with a token for staff and for two contractors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPrincipal, parsePrincipal } from '../../src/auth/principal';
import { newToken, TOKENS_SCHEMA, type TokenRecord, writeTokenFile } from '../../src/auth/tokens';
import { steppingClock } from '../../src/ledger/clock';
import { Ledger } from '../../src/ledger/ledger';
import { openLedger } from '../../src/ledger/open';

/** Who the console is used as: staff, acme (holds c-tokyo-hq, the parent of n-tokyo, c-nagoya, c-sapporo), kobe-foods (c-kobe, c-himeji). */
export const CONSOLE_PRINCIPALS = {
  staff: 'staff:sato',
  acme: 'contractor:acme',
  kobe: 'contractor:kobe-foods',
} as const;
export type ConsoleWho = keyof typeof CONSOLE_PRINCIPALS;

export interface DemoWorkspace {
  readonly ledgerPath: string;
  readonly tokensPath: string;
  readonly tokens: Readonly<Record<ConsoleWho, string>>;
}

export const writeDemoWorkspace = async (root: string, dir: string): Promise<DemoWorkspace> => {
  const ledgerPath = join(dir, 'ledger.db');
  const { store } = await openLedger({ kind: 'sqlite', path: ledgerPath }, { access: 'write' });
  const ledger = new Ledger({ store, clock: steppingClock('2025-11-01T00:00:00Z') });
  const lines = readFileSync(join(root, 'examples', 'demo.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  for (const line of lines) {
    const r = await ledger.execute(JSON.parse(line));
    if (r.status !== 'accepted') throw new Error(`demo line rejected: ${JSON.stringify(r)}`);
  }
  await store.close();
  const tokensPath = join(dir, 'tokens.json');
  const tokens: Partial<Record<ConsoleWho, string>> = {};
  const records: TokenRecord[] = [];
  for (const [who, text] of Object.entries(CONSOLE_PRINCIPALS) as [ConsoleWho, string][]) {
    const principal = parsePrincipal(text);
    if (!isPrincipal(principal)) throw new Error(principal.problem);
    const made = newToken(principal, who, '2025-11-01T00:00:00Z');
    tokens[who] = made.token;
    records.push(made.record);
  }
  writeTokenFile(tokensPath, { schema: TOKENS_SCHEMA, tokens: records });
  return { ledgerPath, tokensPath, tokens: tokens as Record<ConsoleWho, string> };
};
