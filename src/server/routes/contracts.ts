/**
 * One contract: GET /v1/contracts/{id} (its state), /timeline, /terms, /deadlines, /charges; and
 * the search, GET /v1/contracts. Each answer folds the contract's own streams (the search reads
 * the views) and carries the position it reflects.
 */

import { accessOf } from '../../auth/authority';
import { chargesCsv, chargesJson } from '../../documents/charges';
import {
  deadlinesDocument,
  searchDocument,
  stateDocument,
  termsDocument,
  timelineDocument,
} from '../../documents/contracts';
import { toJsonLine } from '../../documents/encoding';
import { generatedFrom } from '../../documents/provenance';
import { contractStateAsOf } from '../../projections/contract-state';
import { minimumTerms } from '../../projections/minimum-terms';
import { timeline } from '../../projections/timeline';
import { renderer } from '../../render';
import { viewsProblemText } from '../../render/views-problem';
import type { RouteModule } from '../api';
import { sendRead } from '../etag';
import { httpProblem } from '../problem';
import {
  ContractChargesQuery,
  ContractParams,
  ContractReadQuery,
  DeadlinesQuery,
  Documents,
  json,
  jsonOrCsv,
  responses,
  SearchQuery,
} from '../schemas';
import { chargesFor, notDisclosed, readContract, today, wantsCsv } from './reading';

const JSON_TYPE = 'application/json';
const CSV_TYPE = 'text/csv; charset=utf-8';

export const contractRoutes: RouteModule = (api, ctx) => {
  const store = () => ctx.reads.storeKind;

  api.get(
    '/v1/contracts',
    {
      schema: {
        tags: ['contracts'],
        summary: 'Search contracts by id prefix, holder, network and status (as effective on asOf)',
        description:
          "From the views. A contractor finds the contracts it holds and, as a VPN's parent holder, that VPN's contracts (access parent-holder: their settings only).",
        querystring: SearchQuery,
        response: responses({ 200: json(Documents.contracts, 'The contracts found.') }, [400], {
          etag: true,
        }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const principal = request.principal!;
      const asOf = q.asOf ?? today(ctx);
      const limit = q.limit ?? 100;
      return ctx.reads.snapshot(async (model) => {
        const found = model.searchContracts({
          asOf,
          limit: limit + 1,
          ...(q.id !== undefined ? { idPrefix: q.id } : {}),
          ...(q.holder !== undefined ? { holder: q.holder } : {}),
          ...(q.network !== undefined ? { networkId: q.network } : {}),
          ...(q.status !== undefined ? { status: q.status } : {}),
          ...(q.after !== undefined ? { after: q.after } : {}),
          ...(principal.kind === 'contractor' ? { visibleTo: principal.contractorId } : {}),
        });
        if (!found) {
          const problem = model.viewsProblem();
          throw httpProblem(
            503,
            'VIEWS_UNAVAILABLE',
            null,
            renderer(request.locale).ui('server.searchViewsUnavailable', {
              problem: problem === null ? 'none' : viewsProblemText(request.locale, problem),
            }),
            {},
            { 'Retry-After': '5' },
          );
        }
        const { rows, provenance } = found;
        const page = rows.slice(0, limit).map((r) => ({
          ...r,
          access: accessOf(principal, { contractorId: r.contractor_id, parentHolderId: r.parent_holder_id })!,
        }));
        const next = rows.length > limit ? page[page.length - 1]!.contract_id : null;
        const query = { ...q, asOf, limit };
        return sendRead(request, reply, {
          position: provenance.position,
          question: query,
          type: JSON_TYPE,
          body: () =>
            toJsonLine(searchDocument(query, generatedFrom(store(), provenance, request.locale), page, next)),
        });
      });
    },
  );

  api.get(
    '/v1/contracts/:contractId',
    {
      schema: {
        tags: ['contracts'],
        summary: 'The contract as it stood on asOf (default today), as known at knownAt',
        params: ContractParams,
        querystring: ContractReadQuery,
        response: responses({ 200: json(Documents.state, 'The contract.') }, [400, 404], { etag: true }),
      },
    },
    async (request, reply) => {
      const { contractId } = request.params;
      const { knownAt } = request.query;
      const asOf = request.query.asOf ?? today(ctx);
      return ctx.reads.snapshot(async (model) => {
        const { read, access } = await readContract(
          model,
          request.principal!,
          contractId,
          knownAt === undefined ? {} : { knownAt },
        );
        return sendRead(request, reply, {
          position: read.provenance.position,
          question: { contractId, asOf, knownAt, access },
          type: JSON_TYPE,
          body: () =>
            toJsonLine(
              stateDocument(
                contractId,
                asOf,
                generatedFrom(store(), read.provenance, request.locale),
                contractStateAsOf(read.facts, contractId, asOf),
                access,
                request.locale,
              ),
            ),
        });
      });
    },
  );

  api.get(
    '/v1/contracts/:contractId/timeline',
    {
      schema: {
        tags: ['contracts'],
        summary: "The contract's history in words, with the article behind each step",
        params: ContractParams,
        querystring: ContractReadQuery,
        response: responses({ 200: json(Documents.timeline, 'Its timeline.') }, [400, 404], { etag: true }),
      },
    },
    async (request, reply) => {
      const { contractId } = request.params;
      const { asOf, knownAt } = request.query;
      return ctx.reads.snapshot(async (model) => {
        const { read, access } = await readContract(model, request.principal!, contractId, {
          withNetwork: true,
          ...(knownAt !== undefined ? { knownAt } : {}),
        });
        return sendRead(request, reply, {
          position: read.provenance.position,
          question: { contractId, asOf, knownAt, access },
          type: JSON_TYPE,
          body: () =>
            toJsonLine(
              timelineDocument(
                contractId,
                asOf ?? null,
                generatedFrom(store(), read.provenance, request.locale),
                timeline(read.facts, contractId, asOf !== undefined ? { asOf } : {}),
                access,
                request.locale,
              ),
            ),
        });
      });
    },
  );

  api.get(
    '/v1/contracts/:contractId/terms',
    {
      schema: {
        tags: ['contracts'],
        summary: 'Every minimum term of the contract and its options (Art. 5, 17(3))',
        params: ContractParams,
        querystring: ContractReadQuery,
        response: responses({ 200: json(Documents.terms, 'Its minimum terms.') }, [400, 403, 404], {
          etag: true,
        }),
      },
    },
    async (request, reply) => {
      const { contractId } = request.params;
      const { knownAt } = request.query;
      const asOf = request.query.asOf ?? today(ctx);
      return ctx.reads.snapshot(async (model) => {
        const { read, access } = await readContract(
          model,
          request.principal!,
          contractId,
          knownAt === undefined ? {} : { knownAt },
        );
        if (access === 'parent-holder') throw notDisclosed(contractId, 'terms', request.locale);
        const terms = minimumTerms(read.facts, {
          contractId,
          ...(request.query.asOf !== undefined ? { asOf } : {}),
        });
        return sendRead(request, reply, {
          position: read.provenance.position,
          question: { contractId, asOf, knownAt, asked: request.query.asOf !== undefined },
          type: JSON_TYPE,
          body: () =>
            toJsonLine(
              termsDocument(
                contractId,
                asOf,
                generatedFrom(store(), read.provenance, request.locale),
                terms,
                request.locale,
              ),
            ),
        });
      });
    },
  );

  api.get(
    '/v1/contracts/:contractId/deadlines',
    {
      schema: {
        tags: ['contracts'],
        summary: "The contract's equipment owed back (Art. 14(3)): open ones unless all=true",
        params: ContractParams,
        querystring: DeadlinesQuery,
        response: responses({ 200: json(Documents.deadlines, 'Its return deadlines.') }, [400, 403, 404], {
          etag: true,
        }),
      },
    },
    async (request, reply) => {
      const { contractId } = request.params;
      const { knownAt } = request.query;
      const all = request.query.all === 'true';
      const asOf = request.query.asOf ?? today(ctx);
      return ctx.reads.snapshot(async (model) => {
        const { access } = await readContract(
          model,
          request.principal!,
          contractId,
          knownAt === undefined ? {} : { knownAt },
        );
        if (access === 'parent-holder') throw notDisclosed(contractId, 'deadlines', request.locale);
        const found = (await model.deadlines(asOf, {
          contractId,
          all,
          ...(knownAt !== undefined ? { knownAt } : {}),
        }))!;
        return sendRead(request, reply, {
          position: found.provenance.position,
          question: { contractId, asOf, knownAt, all },
          type: JSON_TYPE,
          body: () =>
            toJsonLine(
              deadlinesDocument(
                asOf,
                contractId,
                all,
                generatedFrom(store(), found.provenance, request.locale),
                found.deadlines,
                request.locale,
              ),
            ),
        });
      });
    },
  );

  api.get(
    '/v1/contracts/:contractId/charges',
    {
      schema: {
        tags: ['contracts', 'charges'],
        summary: "The contract's charge lines of a month (JSON, or CSV with format=csv or Accept: text/csv)",
        description: 'A contractor sees the lines billed to it.',
        params: ContractParams,
        querystring: ContractChargesQuery,
        response: responses({ 200: jsonOrCsv(Documents.charges, 'Its month as billed.') }, [400, 404], {
          etag: true,
        }),
      },
    },
    async (request, reply) => {
      const { contractId } = request.params;
      const { month, asOf, knownAt } = request.query;
      const csv = wantsCsv(request, request.query.format);
      const principal = request.principal!;
      return ctx.reads.snapshot(async (model) => {
        const { access } = await readContract(
          model,
          principal,
          contractId,
          knownAt === undefined ? {} : { knownAt },
        );
        // As billed, as `vpn-ledger charges --month --contract` answers: a closed month as invoiced.
        const { billed, provenance } = (await model.billed(month, { contractId, asOf, knownAt }))!;
        const charges = chargesFor(principal, billed.charges);
        return sendRead(request, reply, {
          position: provenance.position,
          question: { contractId, month, asOf, knownAt, csv, access },
          type: csv ? CSV_TYPE : JSON_TYPE,
          body: () =>
            csv
              ? chargesCsv(charges, request.locale)
              : toJsonLine(
                  chargesJson(
                    charges,
                    generatedFrom(store(), provenance, request.locale),
                    { contractId, asOf: asOf ?? null },
                    billed,
                    request.locale,
                  ),
                ),
        });
      });
    },
  );
};
