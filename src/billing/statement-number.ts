/**
 * A statement's number: stable, and unique per ledger, month and contractor billed. It is made from
 * the close's id (itself unique per ledger and month, src/aggregates/billing/ids.ts) and the
 * contractor billed: `S-YYYYMM-` and twelve hex digits of their sha-256, in four groups. The same
 * close and contractor always give the same number; a statement printed again keeps it.
 */
import { createHash } from 'node:crypto';
import type { YearMonth } from '../terms';

export const statementNumber = (
  close: { readonly closeId: string; readonly month: YearMonth },
  billTo: string,
) => {
  const h = createHash('sha256').update(`vpn-ledger/statement/${close.closeId}/${billTo}`).digest('hex');
  const digits = h.slice(0, 12).toUpperCase();
  return `S-${close.month.replace('-', '')}-${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8, 12)}`;
};
