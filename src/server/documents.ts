/**
 * The JSON documents the server answers with. They are the CLI's `--format json` documents (the
 * same schemas, fields and provenance, `generatedFrom`), so that a billing system reads the same
 * thing from either; where a principal sees less than staff (a parent holder looking at another
 * contractor's contract, Art. 10 and 11) the document says so in `access` and leaves the rest out.
 * Their words are in the request's language (`lang`), rendered as the CLI's `--lang` renders them.
 */
import { type Access, PARENT_HOLDER_STEPS } from '../auth/authority';
import { deadlineJson } from '../cli/commands/deadlines';
import { stateJson } from '../cli/commands/state';
import { termStatus } from '../cli/commands/terms';
import { timelineStepJson } from '../cli/commands/timeline';
import type { GeneratedFrom } from '../documents/provenance';
import type { ContractSnapshot } from '../projections/contract-state';
import type { MinimumTerm } from '../projections/minimum-terms';
import type { ReturnDeadline } from '../projections/return-deadlines';
import type { TimelineStep } from '../projections/timeline';
import type { Lang } from '../render/lang';
import type { ContractSearchRow } from '../views/views-db';

export const stateDocument = (
  contractId: string,
  asOf: string,
  from: GeneratedFrom,
  state: ContractSnapshot | null,
  access: Access,
  lang: Lang,
) => ({
  schema: 'vpn-ledger.state/v1',
  contractId,
  asOf,
  lang,
  access,
  generatedFrom: from,
  state:
    state === null
      ? null
      : access !== 'parent-holder'
        ? stateJson(state, lang)
        : {
            // Its settings (Art. 11) and what its configuration is made of (Art. 10): no fees, terms,
            // faults, losses or termination details.
            contractId: state.contractId,
            asOf: state.asOf,
            networkId: state.networkId,
            contractType: state.contractType,
            contractorId: state.contractorId,
            parentHolderId: state.parentHolderId,
            item: state.item,
            status: state.status,
            deviceModel: state.deviceModel,
            options: state.options.map((o) => ({
              optionId: o.optionId,
              kind: o.kind,
              model: o.model,
              status: o.status,
            })),
            equipment: state.equipment,
          },
});

export const timelineDocument = (
  contractId: string,
  asOf: string | null,
  from: GeneratedFrom,
  steps: readonly TimelineStep[],
  access: Access,
  lang: Lang,
) => ({
  schema: 'vpn-ledger.timeline/v1',
  contractId,
  asOf,
  lang,
  access,
  generatedFrom: from,
  steps: (access === 'parent-holder' ? steps.filter((s) => PARENT_HOLDER_STEPS.has(s.type)) : steps).map(
    (s) => timelineStepJson(s, lang),
  ),
});

export const termsDocument = (
  contractId: string,
  asOf: string,
  from: GeneratedFrom,
  terms: readonly MinimumTerm[],
  lang: Lang,
) => ({
  schema: 'vpn-ledger.terms/v1',
  contractId,
  asOf,
  lang,
  generatedFrom: from,
  terms: terms.map((t) => ({ ...t, status: termStatus(t, asOf) })),
});

export const deadlinesDocument = (
  asOf: string,
  contractId: string | null,
  all: boolean,
  from: GeneratedFrom,
  deadlines: readonly ReturnDeadline[],
  lang: Lang,
) => ({
  schema: 'vpn-ledger.deadlines/v1',
  asOf,
  contractId,
  only: all ? 'all' : 'open',
  lang,
  generatedFrom: from,
  deadlines: deadlines.map((d) => deadlineJson(d, lang)),
});

export const searchDocument = (
  query: Record<string, unknown>,
  from: GeneratedFrom,
  rows: readonly (ContractSearchRow & { access: Access })[],
  next: string | null,
) => ({
  schema: 'vpn-ledger.contracts/v1',
  query,
  generatedFrom: from,
  contracts: rows.map((r) => {
    const seen = {
      contractId: r.contract_id,
      networkId: r.network_id,
      contractType: r.contract_type,
      contractorId: r.contractor_id,
      parentHolderId: r.parent_holder_id,
      item: r.item,
      status: r.status,
      access: r.access,
    };
    if (r.access === 'parent-holder') return seen;
    return {
      ...seen,
      acceptedOn: r.accepted_on,
      billingStartOn: r.billing_start_on,
      endOn: r.end_on,
      terminated: r.terminated === 1,
    };
  }),
  next,
});
