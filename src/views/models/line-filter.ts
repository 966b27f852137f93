/**
 * Which charge lines of a month a page shows: by whom they are billed to, their contract, kind,
 * amount and article. The same filter as SQL over the lines a close invoiced (view_invoiced has
 * the columns bill_to, contract_id, kind, amount and article), and as a test of a line worked out
 * in memory (an open month's monthly fees, from the fee segments).
 */
import type { ChargeLine } from '../../projections';

export interface LineFilter {
  readonly billTo?: string | undefined;
  readonly contractId?: string | undefined;
  readonly kind?: string | undefined;
  /** Integer yen, exactly (a reduction's is negative). */
  readonly amount?: number | undefined;
  /** The article as a line stores it (e.g. `Art. 20(1); Annex 2 §1`), exactly. */
  readonly article?: string | undefined;
}

/** The filter as an SQL condition on a table of lines, with its named parameters (`f_*`). */
export function lineFilterSql(filter: LineFilter): { where: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.billTo !== undefined) {
    where.push('bill_to = @f_billTo');
    params.f_billTo = filter.billTo;
  }
  if (filter.contractId !== undefined) {
    where.push('contract_id = @f_contractId');
    params.f_contractId = filter.contractId;
  }
  if (filter.kind !== undefined) {
    where.push('kind = @f_kind');
    params.f_kind = filter.kind;
  }
  if (filter.amount !== undefined) {
    where.push('amount = @f_amount');
    params.f_amount = filter.amount;
  }
  if (filter.article !== undefined) {
    where.push('article = @f_article');
    params.f_article = filter.article;
  }
  return { where: where.length === 0 ? '' : ` AND ${where.join(' AND ')}`, params };
}

export const matchesLine = (filter: LineFilter, l: ChargeLine): boolean =>
  (filter.billTo === undefined || l.billTo === filter.billTo) &&
  (filter.contractId === undefined || l.contractId === filter.contractId) &&
  (filter.kind === undefined || l.kind === filter.kind) &&
  (filter.amount === undefined || l.amount === filter.amount) &&
  (filter.article === undefined || l.article === filter.article);
