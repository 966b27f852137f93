/** What the read routes share: today, a contract's reading with its access, formats, refusals. */
import type { FastifyRequest } from 'fastify';
import { type Access, accessOf, contractNotFound } from '../../auth/authority';
import type { Principal } from '../../auth/principal';
import type { LedgerEvent } from '../../events';
import type { ChargeLine } from '../../projections/charges';
import { type MonthlyCharges, monthlyCharges } from '../../projections/charges';
import {
  type ContractMonth,
  type ContractRead,
  explainedEvents,
  type LineExplanation,
  type Reader,
} from '../../read';
import { renderer } from '../../render';
import { type Instant, jstDate } from '../../terms/dates';
import type { ServerContext } from '../context';
import type { Locale } from '../locale';
import { httpProblem, refusedProblem } from '../problem';

export const today = (ctx: ServerContext): string => jstDate(ctx.clock());

export const contractNotFoundProblem = (contractId: string) => refusedProblem(contractNotFound(contractId));

/**
 * One contract folded from its own streams, with what the principal may see of it; a contract the
 * principal may not see is not found, exactly as one that does not exist.
 */
export const readContract = async (
  model: Reader,
  principal: Principal,
  contractId: string,
  opts: { knownAt?: string; withNetwork?: boolean; validate?: boolean },
): Promise<{ read: ContractRead; access: Access }> => {
  const read = await model.contract(contractId, {
    ...(opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {}),
    ...(opts.withNetwork ? { withNetwork: true } : {}),
    ...(opts.validate ? { validate: true } : {}),
  });
  const facts = read?.facts.contracts.get(contractId);
  const access = facts ? accessOf(principal, facts) : null;
  if (!read || access === null) throw contractNotFoundProblem(contractId);
  return { read, access };
};

/** A parent holder sees another contractor's settings and its own charges, not the rest (Art. 11). */
export const notDisclosed = (contractId: string, what: 'terms' | 'deadlines', locale: Locale) =>
  httpProblem(
    403,
    'NOT_DISCLOSED',
    'Art. 11',
    renderer(locale).ui('server.notDisclosed', { what, contractId }),
  );

/** What a principal is billed: staff sees every line, a contractor the lines billed to it. */
export const chargesFor = (principal: Principal, charges: MonthlyCharges): MonthlyCharges => {
  if (principal.kind === 'staff') return charges;
  const mine: ChargeLine[] = charges.lines.filter((l) => l.billTo === principal.contractorId);
  return monthlyCharges(charges.month, mine);
};

/**
 * A charge line explained, as `principal` may see it (the API's explain and the console's page):
 * the contract read its id names, the explanation, and the events behind it, each schema-checked
 * as it is shown. Null for a line that does not exist (as known at `knownAt`) or is not the
 * principal's to see: both are answered alike, as not found.
 */
export const visibleExplanation = async (
  model: Reader,
  principal: Principal,
  lineId: string,
  knownAt: Instant | undefined,
): Promise<{ month: ContractMonth; explanation: LineExplanation; events: LedgerEvent[] } | null> => {
  const found = await model.line(lineId, { knownAt });
  if (!found) return null;
  const { explanation, month } = found;
  const facts = month.read.facts.contracts.get(explanation.line.contractId)!;
  const visible =
    accessOf(principal, facts) !== null &&
    (principal.kind === 'staff' || explanation.line.billTo === principal.contractorId);
  if (!visible) return null;
  return { month, explanation, events: explainedEvents(explanation, month.read) };
};

/** CSV when asked by `format=csv`, or by an Accept header that prefers text/csv to JSON. */
export const wantsCsv = (request: FastifyRequest, format: 'json' | 'csv' | undefined): boolean => {
  if (format !== undefined) return format === 'csv';
  const accept = request.headers.accept ?? '';
  const q = (type: string) => {
    for (const part of accept.split(',')) {
      const [t, ...params] = part.trim().split(';');
      if (t?.trim().toLowerCase() === type) {
        const value = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find((x) => x !== undefined);
        return value === undefined ? 1 : Number(value);
      }
    }
    return 0;
  };
  return q('text/csv') > Math.max(q('application/json'), q('*/*') > 0 ? 0 : -1);
};
