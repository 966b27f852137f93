/** What the read routes share: today, a contract's reading with its access, formats, refusals. */
import type { FastifyRequest } from 'fastify';
import type { ChargeLine } from '../../projections/charges';
import { type MonthlyCharges, monthlyCharges } from '../../projections/charges';
import { renderer } from '../../render';
import { jstDate } from '../../terms/dates';
import type { ContractRead, ReadModel } from '../../views/read-model';
import { contractNotFound } from '../authority';
import type { ServerContext } from '../context';
import type { Access } from '../documents';
import type { Locale } from '../locale';
import type { Principal } from '../principal';
import { httpProblem, refusedProblem } from '../problem';

export const today = (ctx: ServerContext): string => jstDate(ctx.clock());

export const contractNotFoundProblem = (contractId: string) => refusedProblem(contractNotFound(contractId));

/** What `principal` may see of a contract held by `contractorId` in a VPN whose parent `parentHolderId` holds. */
export const accessOf = (
  principal: Principal,
  contract: { readonly contractorId: string; readonly parentHolderId: string },
): Access | null => {
  if (principal.kind === 'staff') return 'staff';
  if (contract.contractorId === principal.contractorId) return 'holder';
  if (contract.parentHolderId === principal.contractorId) return 'parent-holder';
  return null;
};

/**
 * One contract folded from its own streams, with what the principal may see of it; a contract the
 * principal may not see is not found, exactly as one that does not exist.
 */
export const readContract = async (
  model: ReadModel,
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
