/**
 * What one stream contributes to the views, as rows of the read models it feeds, and how those rows
 * are written. Pure up to the write: a stream's rows depend only on the stream's facts, so they are
 * the same whether they are built incrementally, by a rebuild stream by stream, or from a whole-log
 * fold.
 */
import {
  BILLING_STREAM_PREFIX,
  CONTRACT_STREAM_PREFIX,
  type EventType,
  NETWORK_STREAM_PREFIX,
  SEALS_STREAM,
} from '../events';
import { billingSchedule, type ContractFacts, type Facts } from '../projections';
import { type ChargeRows, chargeRows } from './models/charges';
import { type CloseRows, closeRows } from './models/closes';
import {
  type ContractSummaryRow,
  contractSummaryRow,
  type NetworkRows,
  networkRows,
} from './models/contracts';
import { type DeadlineRow, deadlineRows } from './models/deadlines';
import { type SealRow, sealRow } from './models/seals';
import type { ViewsDb } from './views-db';

/** The streams that feed the views: contracts, networks, billing months and the seals made on demand. */
export const isViewStream = (streamId: string): boolean =>
  streamId.startsWith(CONTRACT_STREAM_PREFIX) ||
  streamId.startsWith(NETWORK_STREAM_PREFIX) ||
  streamId.startsWith(BILLING_STREAM_PREFIX) ||
  streamId === SEALS_STREAM;

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
  // The policies stream feeds no view: what a policy decided is recorded on the events it decided.
  PoliciesAdopted: 'never-read',
};

const ROW_EFFECTS = new Map<string, RowEffect>(Object.entries(ROW_EFFECT));

/** The effect of a stored event's type; a type this program does not know is read (and refused there). */
export const rowEffect = (type: string): RowEffect => ROW_EFFECTS.get(type) ?? 'writes';

/** The event types no row ever reads: rebuilds leave them unread. */
export const NEVER_READ_TYPES: readonly string[] = [...ROW_EFFECTS]
  .filter(([, e]) => e === 'never-read')
  .map(([t]) => t);

/** A contract's rows: its summary, its charges and the items it owes back. */
export interface ContractRows {
  readonly kind: 'contract';
  readonly contractId: string;
  readonly summary: ContractSummaryRow;
  readonly charges: ChargeRows;
  readonly deadlines: readonly DeadlineRow[];
}

/** A month's close: its rows, and its seal. */
export interface CloseStreamRows {
  readonly kind: 'close';
  readonly close: CloseRows;
  readonly seals: readonly SealRow[];
}

/** The seals made on demand. */
export interface SealStreamRows {
  readonly kind: 'seals';
  readonly seals: readonly SealRow[];
}

export type StreamRows =
  | ContractRows
  | (NetworkRows & { readonly kind: 'network' })
  | CloseStreamRows
  | SealStreamRows;

export const contractRows = (c: ContractFacts): ContractRows => ({
  kind: 'contract',
  contractId: c.contractId,
  summary: contractSummaryRow(c),
  charges: chargeRows(billingSchedule(c)),
  deadlines: deadlineRows(c),
});

/** The rows of the one stream folded into `facts` (a contract, a network, a month's close, the seals), or null. */
export function streamRows(facts: Facts): StreamRows | null {
  for (const c of facts.contracts.values()) return contractRows(c);
  for (const n of facts.networks.values()) return { kind: 'network', ...networkRows(n) };
  for (const c of facts.closes.values())
    return { kind: 'close', close: closeRows(c), seals: [...facts.seals.values()].map(sealRow) };
  if (facts.seals.size > 0) return { kind: 'seals', seals: [...facts.seals.values()].map(sealRow) };
  return null;
}

/** Writes rows into tables that hold none of the stream's rows yet (a rebuild, a new stream). */
export function insertStreamRows(views: ViewsDb, rows: StreamRows): void {
  switch (rows.kind) {
    case 'contract':
      views.contracts.putSummary(rows.summary, null);
      views.charges.insert(rows.charges);
      views.deadlines.insert(rows.deadlines);
      return;
    case 'network':
      views.contracts.insertNetwork(rows);
      return;
    case 'close':
      views.closes.insertClose(rows.close);
      views.seals.insert(rows.seals);
      return;
    case 'seals':
      views.seals.insert(rows.seals);
  }
}

/**
 * Writes a stream's rows over its previous ones (`prev` null: not known, rewrite). A contract's
 * rows, once a month is closed, also move the adjustments owed; a close moves them too.
 */
export function writeStreamRows(
  views: ViewsDb,
  rows: StreamRows,
  prev: StreamRows | null,
  newStream = false,
): void {
  switch (rows.kind) {
    case 'contract': {
      const closes = views.closes;
      // A stream that starts here has no rows yet: they are inserted, nothing to compare or delete.
      if (newStream && closes.lastClosedMonth() === null) {
        insertStreamRows(views, rows);
        return;
      }
      const before = prev as ContractRows | null;
      const base =
        closes.lastClosedMonth() === null ? null : (before?.charges ?? views.charges.stored(rows.contractId));
      views.contracts.putSummary(rows.summary, before?.summary ?? null);
      views.charges.write(rows.contractId, rows.charges, before?.charges ?? null);
      views.deadlines.write(rows.contractId, rows.deadlines, before?.deadlines ?? null);
      if (base) closes.afterContractRows(rows.contractId, base, rows.charges);
      return;
    }
    case 'network':
      if (newStream) views.contracts.insertNetwork(rows);
      else views.contracts.writeNetwork(rows, prev as NetworkRows | null);
      return;
    case 'close': {
      const wasFirst = views.closes.lastClosedMonth() === null;
      insertStreamRows(views, rows);
      views.closes.afterClose(rows.close, wasFirst);
      return;
    }
    case 'seals':
      insertStreamRows(views, rows);
  }
}
