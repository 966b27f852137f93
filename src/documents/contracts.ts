/**
 * One contract as the v1 documents write it, on every edge (`vpn-ledger state`, `timeline`, `terms`
 * and `deadlines --format json`; GET /v1/contracts/{id} and its /timeline, /terms, /deadlines; the
 * search, GET /v1/contracts): the same schemas, fields and provenance (`generatedFrom`), so that a
 * billing system reads the same thing from either. Where a principal sees less than staff (a parent
 * holder looking at another contractor's contract, Art. 10 and 11) the document says so in `access`
 * and leaves the rest out; the CLI, which reads the whole ledger, writes no `access`. The words are
 * in the chosen language (`lang`).
 */
import { type Access, PARENT_HOLDER_STEPS } from '../auth/authority';
import type { ContractSnapshot } from '../projections/contract-state';
import { type MinimumTerm, type TermStatus, termStatusOn } from '../projections/minimum-terms';
import type { ReturnDeadline } from '../projections/return-deadlines';
import type { TimelineStep } from '../projections/timeline';
import { renderer } from '../render';
import type { Lang } from '../render/lang';
import { maintenanceBasisText } from '../render/words';
import { parseCitation } from '../terms/citation';
import type { ContractSearchRow } from '../views/models/contracts';
import type { GeneratedFrom } from './provenance';

/** The snapshot as `vpn-ledger.state/v1` writes it: the maintenance reason in the chosen language. */
export const stateJson = (s: ContractSnapshot, lang: Lang) => ({
  ...s,
  maintenance: { ...s.maintenance, reason: maintenanceBasisText(lang, s.maintenance.basis) },
});

/**
 * A step as `vpn-ledger.timeline/v1` writes it: its fields as before (`text` in the chosen
 * language, `article` in the ledger's notation), and the step as data: `kind`, `params`, the
 * citation's references (`citation`) and the citation in words (`articleText`).
 */
export const timelineStepJson = (s: TimelineStep, lang: Lang) => {
  const r = renderer(lang);
  return {
    date: s.date,
    text: r.step(s),
    article: s.article,
    eventId: s.eventId,
    type: s.type,
    occurredAt: s.occurredAt,
    recordedAt: s.recordedAt,
    edition: s.edition,
    seq: s.seq,
    rev: s.rev,
    kind: s.kind,
    params: s.params,
    citation: parseCitation(s.article),
    articleText: r.stepArticle(s),
  };
};

export type { TermStatus } from '../projections/minimum-terms';

/** Where a term stands on `date` (the projection's rule: src/projections/minimum-terms.ts). */
export const termStatus = (t: MinimumTerm, date: string): TermStatus => termStatusOn(t, date);

/** A deadline as `vpn-ledger.deadlines/v1` writes it: `note` in the chosen language, `notes` as data. */
export const deadlineJson = (d: ReturnDeadline, lang: Lang) => {
  const { notes, ...rest } = d;
  return { ...rest, note: renderer(lang).deadlineNotes(notes), notes };
};

export const stateDocument = (
  contractId: string,
  asOf: string,
  from: GeneratedFrom,
  state: ContractSnapshot | null,
  /** What the principal may see; null: the CLI, the ledger's own reader (no `access` written). */
  access: Access | null,
  lang: Lang,
) => ({
  schema: 'vpn-ledger.state/v1',
  contractId,
  asOf,
  lang,
  ...(access === null ? {} : { access }),
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
  /** What the principal may see; null: the CLI (no `access` written). */
  access: Access | null,
  lang: Lang,
) => ({
  schema: 'vpn-ledger.timeline/v1',
  contractId,
  asOf,
  lang,
  ...(access === null ? {} : { access }),
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
