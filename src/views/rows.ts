/**
 * What one contract or one network contributes to the views, as rows. Pure: the rows depend only on
 * the stream's facts, so a stream's rows are the same whether they are built incrementally, by a
 * rebuild stream by stream, or from a whole-log fold.
 */

import type { EventType } from '../events';
import {
  type BillingSchedule,
  billingSchedule,
  type ChargeLine,
  type CloseFact,
  type ContractFacts,
  contractEnd,
  contractReturnDeadlines,
  correctionOf,
  type FeeSegment,
  type FeeSeries,
  type MonthWindow,
  type NetworkFacts,
  type SealFact,
  seriesLinesForMonth,
} from '../projections';
import type { LocalDate } from '../terms';
import { OPEN_MONTH } from './schema';

/**
 * How a stream's rows depend on an event of each type:
 * - writes: applying it can change the rows;
 * - read-later: applying it changes no row now, but a later event's rows read it: the first step of a
 *   pair whose second step is what a row reads (an instruction before its job is performed, a fault
 *   report before its investigation, an outage before a claim on it; the decider accepts the
 *   second step only after the first);
 * - never-read: no row ever reads it (a measurement or a proposal, Art. 23; a relocation, Art.
 *   14(1); a disclosure, Art. 11; the facts of conduct only the timeline tells).
 * A view moves its checkpoint past the last two and writes nothing; a rebuild does not even read
 * the never-read ones. Typed over every event type: a new one must be classified here.
 */
export type RowEffect = 'writes' | 'read-later' | 'never-read';

export const ROW_EFFECT: { readonly [K in EventType]: RowEffect } = {
  NetworkRegistered: 'writes',
  SiteJoined: 'writes',
  SiteLeft: 'writes',
  SiteReservationVoided: 'writes',
  SettingsDisclosed: 'never-read',
  ApplicationAccepted: 'writes',
  BillingStarted: 'writes',
  ModelChangeAccepted: 'writes',
  ModelChangeCompleted: 'writes',
  OptionAdded: 'writes',
  OptionBillingStarted: 'writes',
  OptionStopNoticeReceived: 'writes',
  ConfigurationChangeInstructed: 'read-later',
  ConfigurationChangePerformed: 'writes',
  FaultReported: 'read-later',
  FaultInvestigated: 'writes',
  FaultResolved: 'writes',
  LossReported: 'writes',
  ReplacementShipped: 'writes',
  LossChargeQuoted: 'writes',
  LostItemFound: 'writes',
  RelocationConsented: 'never-read',
  EquipmentRelocated: 'never-read',
  EquipmentReturned: 'writes',
  OneTimeCostRecorded: 'writes',
  OutageKnown: 'read-later',
  OutageResolved: 'writes',
  ReductionClaimed: 'writes',
  TrafficMeasured: 'never-read',
  ContractChangeProposed: 'never-read',
  TerminationNoticeReceived: 'writes',
  ContractTerminated: 'writes',
  BreachRepairCostCharged: 'writes',
  // The facts of conduct only the timeline tells (Art. 7(2)(3), 8(2)-(4), 13, 14(1), 22(1)).
  ProhibitedActRecorded: 'never-read',
  IpAddressesDesignated: 'never-read',
  UndesignatedAddressUsed: 'never-read',
  ContractorSetupRecorded: 'never-read',
  EnvironmentSettingsNotified: 'never-read',
  ServiceImpeded: 'never-read',
  EquipmentInstalled: 'never-read',
  VpnConnectionRecorded: 'never-read',
  // A close writes what it invoiced; every seal is kept for the next seal to start from.
  MonthClosed: 'writes',
  LogSealed: 'writes',
};

const ROW_EFFECTS = new Map<string, RowEffect>(Object.entries(ROW_EFFECT));

/** The effect of a stored event's type; a type this program does not know is read (and refused there). */
export const rowEffect = (type: string): RowEffect => ROW_EFFECTS.get(type) ?? 'writes';

/** The event types no row ever reads: rebuilds leave them unread. */
export const NEVER_READ_TYPES: readonly string[] = [...ROW_EFFECTS]
  .filter(([, e]) => e === 'never-read')
  .map(([t]) => t);

export interface ContractSummaryRow {
  readonly contract_id: string;
  readonly network_id: string;
  readonly contract_type: string;
  readonly contractor_id: string;
  readonly parent_holder_id: string;
  readonly item: string;
  readonly accepted_on: string;
  readonly billing_start_on: string | null;
  readonly end_on: string | null;
  readonly terminated: 0 | 1;
  readonly notice_arrived_on: string | null;
  readonly notice_effective_on: string | null;
}

export interface ChargeLineRow {
  readonly line_id: string;
  readonly contract_id: string;
  readonly month: string;
  readonly bill_to: string;
  readonly kind: string;
  readonly amount: number;
  readonly data: string;
}

/** A segment as stored: with its series and its contract's header, enough to bill any month. */
export interface StoredSegment {
  readonly contractId: string;
  readonly networkId: string;
  readonly billTo: string;
  readonly series: Omit<FeeSeries, 'segments'>;
  readonly segment: FeeSegment;
}

export interface FeeSegmentRow {
  readonly contract_id: string;
  readonly series_key: string;
  readonly seg_no: number;
  readonly from_month: string;
  readonly to_month: string;
  readonly end_known_on: string | null;
  readonly data: string;
}

export interface DeadlineRow {
  readonly contract_id: string;
  readonly item_id: string;
  readonly due_on: string;
  /** The earliest date of a fact that makes the item owed back (a notice's arrival, a change). */
  readonly known_on: string;
  /** The earliest date after which the item is no longer owed: returned, reported lost, swapped. */
  readonly settled_on: string | null;
}

export interface ContractRows {
  readonly summary: ContractSummaryRow;
  /** The dated lines' rows in the schedule's groups (the same arrays while their facts hold). */
  readonly lineGroups: readonly (readonly ChargeLineRow[])[];
  readonly segments: readonly FeeSegmentRow[];
  readonly deadlines: readonly DeadlineRow[];
}

export interface NetworkSummaryRow {
  readonly network_id: string;
  readonly parent_contract_id: string;
  readonly parent_holder_id: string;
  readonly item: string;
  readonly child_site_limit: number;
  readonly registered_on: string;
}

export interface MemberRow {
  readonly network_id: string;
  readonly contract_id: string;
  readonly contract_type: string;
  readonly contractor_id: string;
  readonly joined_on: string;
  readonly left_on: string | null;
}

export interface NetworkRows {
  readonly summary: NetworkSummaryRow;
  readonly members: readonly MemberRow[];
}

/** Rows of a group of lines, remembered per group. */
const rowsOfGroups = new WeakMap<readonly ChargeLine[], readonly ChargeLineRow[]>();

const rowsOfGroup = (group: readonly ChargeLine[]): readonly ChargeLineRow[] => {
  let rows = rowsOfGroups.get(group);
  if (!rows) {
    rows = group.map(lineRow);
    rowsOfGroups.set(group, rows);
  }
  return rows;
};

/** Rows of lines, remembered per line: a line the schedule remembered is written out once. */
const rowOfLine = new WeakMap<ChargeLine, ChargeLineRow>();

export const lineRow = (l: ChargeLine): ChargeLineRow => {
  let row = rowOfLine.get(l);
  if (!row) {
    row = {
      line_id: l.id,
      contract_id: l.contractId,
      month: l.month,
      bill_to: l.billTo,
      kind: l.kind,
      amount: l.amount,
      data: JSON.stringify(l),
    };
    rowOfLine.set(l, row);
  }
  return row;
};

/** Rows of a fee series, remembered per series: the schedule keeps a series while its fees hold. */
const rowsOfSeries = new WeakMap<FeeSeries, FeeSegmentRow[]>();

function segmentRows(s: BillingSchedule): FeeSegmentRow[] {
  const rows: FeeSegmentRow[] = [];
  for (const fee of s.series) {
    let mine = rowsOfSeries.get(fee);
    if (!mine) {
      const { segments, ...series } = fee;
      mine = segments.map((segment, i) => {
        const stored: StoredSegment = {
          contractId: s.contractId,
          networkId: s.networkId,
          billTo: s.billTo,
          series,
          segment,
        };
        return {
          contract_id: s.contractId,
          series_key: series.key === null ? '' : series.key,
          seg_no: i,
          from_month: segment.from.slice(0, 7),
          to_month: segment.to === null ? OPEN_MONTH : segment.to.slice(0, 7),
          end_known_on: segment.to !== null && series.end?.on === segment.to ? series.end.knownOn : null,
          data: JSON.stringify(stored),
        };
      });
      rowsOfSeries.set(fee, mine);
    }
    rows.push(...mine);
  }
  return rows;
}

const earliest = (a: LocalDate | null, b: LocalDate | null): LocalDate | null =>
  a === null ? b : b === null ? a : a <= b ? a : b;

/**
 * Every item that is, or as effective on some earlier date was, owed back under Art. 14(3): the
 * candidates the deadlines of any date are chosen from. The exact deadline of a date comes from
 * return-deadlines.ts over the contract's facts as of that date.
 */
function deadlineRows(c: ContractFacts): DeadlineRow[] {
  const known = new Map<string, LocalDate>();
  const owe = (itemId: string, on: LocalDate) => known.set(itemId, earliest(known.get(itemId) ?? null, on)!);
  for (const m of c.modelChanges.values()) {
    if (m.completed) for (const r of m.completed.replaced) owe(r.oldItemId, m.completed.billingStartOn);
  }
  // An option's units, replacements included (src/terms/returns.ts), are owed from its stop.
  for (const item of c.equipment.values()) {
    const stop = item.optionId === null ? null : c.options.get(item.optionId)?.stopNotice;
    if (stop) owe(item.itemId, stop.noticeArrivedOn);
  }
  const noticeOn = c.terminationNotice?.noticeArrivedOn ?? c.termination?.on ?? null;
  if (noticeOn !== null) for (const id of c.equipment.keys()) owe(id, noticeOn);
  if (known.size === 0) return [];
  const due = new Map<string, LocalDate>();
  for (const d of contractReturnDeadlines(c, c.acceptedOn)) due.set(d.itemId, d.dueOn);
  const lostOn = new Map<string, LocalDate>();
  for (const l of c.losses.values()) if (l.reported && l.itemId) lostOn.set(l.itemId, l.reported.on);
  const rows: DeadlineRow[] = [];
  for (const [itemId, knownOn] of known) {
    const item = c.equipment.get(itemId);
    if (!item) continue;
    const faultSwap = item.replaced?.via === 'fault' ? item.replaced.on : null;
    rows.push({
      contract_id: c.contractId,
      item_id: itemId,
      due_on: due.get(itemId) ?? '',
      known_on: knownOn,
      settled_on: earliest(earliest(item.returned?.on ?? null, lostOn.get(itemId) ?? null), faultSwap),
    });
  }
  return rows;
}

export function contractRows(c: ContractFacts): ContractRows {
  const schedule = billingSchedule(c);
  const end = contractEnd(c);
  return {
    summary: {
      contract_id: c.contractId,
      network_id: c.networkId,
      contract_type: c.contractType,
      contractor_id: c.contractorId,
      parent_holder_id: c.parentHolderId,
      item: c.item,
      accepted_on: c.acceptedOn,
      billing_start_on: c.billingStart?.on ?? null,
      end_on: end?.on ?? null,
      terminated: c.termination ? 1 : 0,
      notice_arrived_on: c.terminationNotice?.noticeArrivedOn ?? null,
      notice_effective_on: c.terminationNotice?.effectiveOn ?? null,
    },
    lineGroups: schedule.datedGroups.map(rowsOfGroup),
    segments: segmentRows(schedule),
    deadlines: deadlineRows(c),
  };
}

export function networkRows(n: NetworkFacts): NetworkRows {
  return {
    summary: {
      network_id: n.networkId,
      parent_contract_id: n.parentContractId,
      parent_holder_id: n.parentHolderId,
      item: n.item,
      child_site_limit: n.childSiteLimit,
      registered_on: n.registeredOn,
    },
    members: [...n.sites.values()].map((s) => ({
      network_id: n.networkId,
      contract_id: s.contractId,
      contract_type: s.contractType,
      contractor_id: s.contractorId,
      joined_on: s.joinedOn,
      left_on: s.left?.on ?? null,
    })),
  };
}

/**
 * A month's monthly-fee lines from stored segments (of any contracts): a series with two segments
 * in the month (its fee changed) gives two lines, billed together.
 */
export function segmentLinesForMonth(segments: readonly StoredSegment[], window: MonthWindow): ChargeLine[] {
  const bySeries = new Map<string, StoredSegment[]>();
  for (const s of segments) {
    const key = `${s.contractId}\u0000${s.series.kind}\u0000${s.series.key ?? ''}`;
    const group = bySeries.get(key);
    if (group) group.push(s);
    else bySeries.set(key, [s]);
  }
  const lines: ChargeLine[] = [];
  for (const group of bySeries.values()) {
    const first = group[0]!;
    const segs = group.map((g) => g.segment).sort((a, b) => (a.from < b.from ? -1 : 1));
    lines.push(...seriesLinesForMonth(first, { ...first.series, segments: segs }, window));
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Billing: a month's close (billing-YYYY-MM) and the seals (its own, and those made on demand)

/** A close as the views keep it: everything but its lines (which are rows of view_invoiced). */
export interface CloseSummary {
  readonly month: string;
  readonly closeId: string;
  readonly eventHash: string;
  readonly streamId: string;
  readonly commandId: string;
  readonly closedBy: string;
  readonly closedAt: string;
  readonly firstMonth: boolean;
  readonly lines: number;
  readonly totals: CloseFact['totals'];
  readonly total: number;
  readonly seal: CloseFact['seal'];
}

export interface CloseRow {
  readonly month: string;
  readonly event_id: string;
  readonly data: string;
}

/** A line a close invoiced: the month's own, or an adjustment of an earlier month (corrects_*). */
export interface InvoicedRow {
  readonly month: string;
  readonly line_id: string;
  readonly contract_id: string;
  readonly bill_to: string;
  readonly kind: string;
  readonly amount: number;
  readonly corrects_month: string | null;
  readonly corrects_line: string | null;
  readonly data: string;
}

/** A seal in the log: where the next seal's digest may start from. */
export interface SealRow {
  readonly event_id: string;
  readonly events: number;
  readonly commit_pos: string | null;
  readonly prepare_pos: string | null;
  readonly digest: string;
}

export interface BillingRows {
  readonly close: CloseRow;
  readonly invoiced: readonly InvoicedRow[];
  readonly seals: readonly SealRow[];
}

export interface SealRows {
  readonly seals: readonly SealRow[];
}

const sealRow = (f: SealFact): SealRow => ({
  event_id: f.src.eventId,
  events: f.seal.events,
  commit_pos: f.seal.position?.commit ?? null,
  prepare_pos: f.seal.position?.prepare ?? null,
  digest: f.seal.digest,
});

export function billingRows(c: CloseFact, seals: readonly SealFact[]): BillingRows {
  const summary: CloseSummary = {
    month: c.month,
    closeId: c.closeId,
    eventHash: c.eventHash,
    streamId: c.streamId,
    commandId: c.commandId,
    closedBy: c.closedBy,
    closedAt: c.closedAt,
    firstMonth: c.firstMonth,
    lines: c.lines.length,
    totals: c.totals,
    total: c.total,
    seal: c.seal,
  };
  return {
    close: { month: c.month, event_id: c.closeId, data: JSON.stringify(summary) },
    invoiced: c.lines.map((l) => {
      const corrects = correctionOf(l);
      return {
        month: c.month,
        line_id: l.id,
        contract_id: l.contractId,
        bill_to: l.billTo,
        kind: l.kind,
        amount: l.amount,
        corrects_month: corrects?.month ?? null,
        corrects_line: corrects?.lineId ?? null,
        data: JSON.stringify(l),
      };
    }),
    seals: seals.map(sealRow),
  };
}

export function sealRows(seals: readonly SealFact[]): SealRows {
  return { seals: seals.map(sealRow) };
}
