import type { ContractEvent } from '../../events';
import { annex, art, type Citation, cite } from '../../terms/citation';
import { compareDates, jstDate, jstDateTime } from '../../terms/dates';
import { type CatalogEdition, catalogEditionOn } from '../../terms/provider-catalog';
import type { TermsConfig } from '../context';
import { accept, type Decision, reject } from '../decision';
import type { NetworkState } from '../network/state';
import type { ContractCommandData, ContractCommandType } from './commands';
import { type AcceptedContract, type EquipmentState, lastDayInForce } from './state';

/** Shared vocabulary of the contract decider's rule modules. */

export interface ContractContext {
  readonly terms: TermsConfig;
  /** The contract's network as it stands before this command (status 'none' when it is not registered). */
  readonly network: NetworkState;
}

export type D = Decision<ContractEvent>;

/** A decision for one command type against an accepted contract. */
export type Rule<K extends ContractCommandType> = (
  data: ContractCommandData<K>,
  c: AcceptedContract,
  ctx: ContractContext,
) => D;

export const emit = (...events: ContractEvent[]): D => accept(events);

/**
 * The catalog edition a decision dated `date` uses: the one in force that day. Its id goes on the
 * event, so that the event keeps the meaning it had whatever editions come later.
 */
export const catalogEditionFor = (
  ctx: ContractContext,
  date: string,
  field: string,
): { ok: true; edition: CatalogEdition } | { ok: false; decision: D } => {
  const edition = catalogEditionOn(ctx.terms.catalog, date);
  if (edition) return { ok: true, edition };
  return {
    ok: false,
    decision: reject('NO_CATALOG_EDITION', { date }, cite(art(3), art(9, 1), annex(4)), field),
  };
};

/** Instants compare by their moment, whatever offset they were written with. */
export const instantMillis = (instant: string): number => jstDateTime(instant).toMillis();

/** The Japan date of an instant (DIGEST: take the Japan date first). */
export const japanDate = (instant: string): string => jstDate(instant);

/**
 * The dates of a fact of the service's life: not before the application was accepted, and, once a
 * termination notice is on record, not after the day the termination takes effect (Art. 18).
 */
export const checkInForce = (
  c: AcceptedContract,
  date: string,
  field: string,
  article: Citation,
): D | null => {
  const before = checkAfterAcceptance(c, date, field, article);
  if (before) return before;
  const last = lastDayInForce(c);
  if (last !== null && compareDates(date, last) > 0) {
    return reject(
      'DATE_AFTER_TERMINATION',
      { case: 'service', contractId: c.contractId, lastDay: last, date },
      [art(18)],
      field,
    );
  }
  return null;
};

/** Facts that may still be recorded after the end (returns, losses, claims): only not before acceptance. */
export const checkAfterAcceptance = (
  c: AcceptedContract,
  date: string,
  field: string,
  article: Citation,
): D | null =>
  compareDates(date, c.acceptedOn) < 0
    ? reject(
        'DATE_BEFORE_ACCEPTANCE',
        { case: 'fact', date, contractId: c.contractId, acceptedOn: c.acceptedOn },
        article,
        field,
      )
    : null;

/** The option named is not one of the contract's (Art. 17(1): options are added on application). */
export const optionNotFound = (contractId: string, optionId: string, field = 'optionId'): D =>
  reject('OPTION_NOT_FOUND', { contractId, optionId }, [art(17, 1)], field);

/** New item ids must be distinct and never used in the contract before (Art. 12: each unit has its own id). */
export const checkFreshItemIds = (c: AcceptedContract, ids: readonly string[], field: string): D | null => {
  const seen = new Set<string>();
  for (const [i, id] of ids.entries()) {
    if (seen.has(id) || c.equipment.has(id)) {
      return reject(
        'DUPLICATE_ITEM_ID',
        { case: 'used', itemId: id, contractId: c.contractId },
        [art(12)],
        `${field}.${i}`,
      );
    }
    seen.add(id);
  }
  return null;
};

export const checkDistinct = (ids: readonly string[], field: string, article: Citation): D | null =>
  new Set(ids).size === ids.length
    ? null
    : reject('DUPLICATE_ITEM_ID', { case: 'listed-twice' }, article, field);

/** The item exists and is installed at the contractor's. */
export const heldItem = (
  c: AcceptedContract,
  itemId: string,
  field: string,
  article: Citation,
): { ok: true; item: EquipmentState } | { ok: false; decision: D } => {
  const item = c.equipment.get(itemId);
  if (!item) {
    return {
      ok: false,
      decision: reject('ITEM_NOT_FOUND', { contractId: c.contractId, itemId }, article, field),
    };
  }
  if (item.status !== 'held') {
    return {
      ok: false,
      decision: reject(
        'ITEM_NOT_HELD',
        { case: 'in-use', itemId, contractId: c.contractId, status: item.status },
        article,
        field,
      ),
    };
  }
  return { ok: true, item };
};

/** The model a replacement for `item` must have: the current model of its kind (Art. 9(1): no change by the back door). */
export const expectedModel = (c: AcceptedContract, item: EquipmentState): string => {
  if (item.kind === 'vpn-device' && item.optionId === null) return c.deviceModel ?? item.model;
  if ((item.kind === 'cold-standby-device' || item.kind === 'switch') && item.optionId !== null) {
    return c.options.get(item.optionId)?.model ?? item.model;
  }
  return item.model;
};
