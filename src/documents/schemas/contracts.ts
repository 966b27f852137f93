/** One contract's documents (state, timeline, terms, deadlines) and the search, as zod schemas. */
import { z } from 'zod';
import { CONTRACT_TYPES, EQUIPMENT_KINDS, ITEMS, MAINTENANCE_TYPES, OPTIONS } from '../../terms/vocabulary';
import { CONTRACT_STATUSES } from '../../views/models/contracts';
import { ArticleRef, DeadlineNote, GeneratedFrom, Lang, LocalDate, MinimumTerm, Yen } from './common';

const Access = z
  .enum(['staff', 'holder', 'parent-holder'])
  .meta({ description: "What the principal sees: all of it, or a VPN parent holder's part (Art. 10, 11)." });
const ContractStatus = z.enum(CONTRACT_STATUSES);
const OptionStatus = z.enum(['added', 'in-service', 'stop-scheduled', 'ended']);

const Equipment = z.strictObject({
  itemId: z.string(),
  kind: z.enum(EQUIPMENT_KINDS),
  model: z.string(),
  optionId: z.string().nullable(),
  since: LocalDate,
  status: z.enum(['in-service', 'owed-back', 'returned', 'lost', 'replaced']),
});

const ContractState = z
  .strictObject({
    contractId: z.string(),
    asOf: LocalDate,
    networkId: z.string(),
    contractType: z.enum(CONTRACT_TYPES),
    contractorId: z.string(),
    parentHolderId: z.string(),
    item: z.enum(ITEMS),
    termYears: z.union([z.literal(1), z.literal(3)]),
    maintenance: z.strictObject({
      type: z.enum(MAINTENANCE_TYPES),
      priceBasis: z.literal('contracted'),
      article: z.string(),
      basis: z.string(),
      reason: z.string(),
    }),
    status: ContractStatus,
    deviceModel: z.string().nullable(),
    billingStartOn: LocalDate.nullable(),
    monthlyFee: Yen.nullable(),
    termInForce: MinimumTerm.nullable(),
    options: z.array(
      z.strictObject({
        optionId: z.string(),
        kind: z.enum(OPTIONS),
        model: z.string().nullable(),
        status: OptionStatus,
        monthlyFee: Yen.nullable(),
        billingStartOn: LocalDate.nullable(),
        endsOn: LocalDate.nullable(),
        termInForce: MinimumTerm.nullable(),
      }),
    ),
    activeOptions: z.array(z.string()),
    equipmentHeld: z.array(Equipment),
    equipment: z.array(Equipment),
    openFaults: z.array(
      z.strictObject({
        faultId: z.string(),
        itemId: z.string().nullable(),
        reportedOn: LocalDate.nullable(),
        outcome: z.string().nullable(),
      }),
    ),
    openLosses: z.array(
      z.strictObject({
        lossId: z.string(),
        itemId: z.string().nullable(),
        reportedOn: LocalDate.nullable(),
        replacementShipped: z.boolean(),
        chargeQuoted: z.boolean(),
      }),
    ),
    termination: z
      .strictObject({
        noticeArrivedOn: LocalDate.nullable(),
        requestedOn: LocalDate.nullable(),
        ground: z.string(),
        evidenceRef: z.string().nullable(),
        effectiveOn: LocalDate,
        terminated: z.boolean(),
      })
      .nullable(),
  })
  .meta({ id: 'ContractState', description: 'The contract as effective on asOf.' });

const ParentHolderState = ContractState.pick({
  contractId: true,
  asOf: true,
  networkId: true,
  contractType: true,
  contractorId: true,
  parentHolderId: true,
  item: true,
  status: true,
  deviceModel: true,
  equipment: true,
})
  .extend({
    options: z.array(
      z.strictObject({
        optionId: z.string(),
        kind: z.enum(OPTIONS),
        model: z.string().nullable(),
        status: OptionStatus,
      }),
    ),
  })
  .meta({
    id: 'ParentHolderState',
    description: "What a VPN's parent holder sees of another contractor's contract: its settings (Art. 11).",
  });

export const StateDocument = z
  .strictObject({
    schema: z.literal('vpn-ledger.state/v1'),
    contractId: z.string(),
    asOf: LocalDate,
    lang: Lang,
    access: Access.optional(),
    generatedFrom: GeneratedFrom,
    state: z.union([ContractState, ParentHolderState]).nullable(),
  })
  .meta({
    id: 'StateDocument',
    description: 'The contract as effective on asOf (state null before it existed).',
  });

export const TimelineStep = z
  .strictObject({
    date: LocalDate,
    text: z.string().meta({ description: 'The step in words, in the chosen language.' }),
    article: z.string(),
    eventId: z.string(),
    type: z.string(),
    occurredAt: z.string(),
    recordedAt: z.string(),
    edition: z.string(),
    seq: z.number().int(),
    rev: z.number().int(),
    kind: z.string(),
    params: z.record(z.string(), z.unknown()).meta({ description: "The step's parameters, as data." }),
    citation: z.array(ArticleRef),
    articleText: z.string(),
  })
  .meta({ id: 'TimelineStep' });

export const TimelineDocument = z
  .strictObject({
    schema: z.literal('vpn-ledger.timeline/v1'),
    contractId: z.string(),
    asOf: LocalDate.nullable(),
    lang: Lang,
    access: Access.optional(),
    generatedFrom: GeneratedFrom,
    steps: z.array(TimelineStep),
  })
  .meta({ id: 'TimelineDocument', description: "The contract's history in words, with articles." });

export const TermsDocument = z
  .strictObject({
    schema: z.literal('vpn-ledger.terms/v1'),
    contractId: z.string(),
    asOf: LocalDate,
    lang: Lang,
    generatedFrom: GeneratedFrom,
    terms: z.array(
      MinimumTerm.extend({ status: z.enum(['running', 'completed', 'superseded', 'not-started']) }),
    ),
  })
  .meta({ id: 'TermsDocument', description: 'Minimum terms of the contract and its options.' });

export const ReturnDeadline = z
  .strictObject({
    contractId: z.string(),
    itemId: z.string(),
    kind: z.enum(EQUIPMENT_KINDS),
    model: z.string(),
    optionId: z.string().nullable(),
    reason: z.enum(['model-change', 'option-stop', 'contract-end']),
    article: z.string(),
    triggerOn: LocalDate,
    dueOn: LocalDate,
    dueShiftedFrom: LocalDate.nullable(),
    returnedOn: LocalDate.nullable(),
    status: z.enum(['pending', 'returned-on-time', 'returned-late', 'overdue']),
    lossChargeQuoted: z.boolean(),
    lossCharge: z.strictObject({ amount: Yen, quotedOn: LocalDate, eventId: z.string() }).nullable(),
    sources: z.array(z.string()),
    note: z.string().nullable(),
    notes: z.array(DeadlineNote),
  })
  .meta({ id: 'ReturnDeadline', description: 'An item owed back (Art. 14(3)).' });

export const DeadlinesDocument = z
  .strictObject({
    schema: z.literal('vpn-ledger.deadlines/v1'),
    asOf: LocalDate,
    contractId: z.string().nullable(),
    only: z.enum(['open', 'all']),
    lang: Lang,
    generatedFrom: GeneratedFrom,
    deadlines: z.array(ReturnDeadline),
  })
  .meta({ id: 'DeadlinesDocument', description: 'Equipment owed back (Art. 14(3)).' });

const SearchRow = z.strictObject({
  contractId: z.string(),
  networkId: z.string(),
  contractType: z.enum(CONTRACT_TYPES),
  contractorId: z.string(),
  parentHolderId: z.string(),
  item: z.string(),
  status: ContractStatus,
  access: Access,
});

export const ContractsDocument = z
  .strictObject({
    schema: z.literal('vpn-ledger.contracts/v1'),
    query: z.record(z.string(), z.unknown()),
    generatedFrom: GeneratedFrom,
    contracts: z.array(
      z.union([
        SearchRow.extend({
          acceptedOn: LocalDate,
          billingStartOn: LocalDate.nullable(),
          endOn: LocalDate.nullable(),
          terminated: z.boolean(),
        }),
        SearchRow,
      ]),
    ),
    next: z.string().nullable().meta({ description: 'The `after` of the next page; null: the last page.' }),
  })
  .meta({ id: 'ContractsDocument', description: 'Contracts found, in id order.' });
