import type { ContractEvent } from '../../events';
import { annex, art, type Citation, cite, policyRef } from '../../terms/citation';
import { compareDates, jstDate, jstDateTime } from '../../terms/dates';
import { type CatalogEdition, catalogEditionOn } from '../../terms/provider-catalog';
import type { TermsConfig } from '../context';
import { accept, type Decision, reject } from '../decision';
import type { NetworkState } from '../network/state';
import type { ContractCommandData, ContractCommandType } from './commands';
import {
  type AcceptedContract,
  type ContractState,
  type EquipmentState,
  itemInUseOn,
  type LaterFact,
  lastDayInForce,
  optionModelOn,
} from './state';

/** Shared vocabulary of the contract decider's rule modules. */

export interface ContractContext {
  /** The policy set in force on the command's fact date (src/aggregates/policies/book.ts). */
  readonly terms: TermsConfig;
  /** The contract's network as it stands before this command (status 'none' when it is not registered). */
  readonly network: NetworkState;
  /**
   * The network's parent contract, when this contract is a child and the command's authority comes
   * from it (Art. 10(1)(2)); null otherwise (the parent is this contract, or it was not read).
   */
  readonly parent: ContractState | null;
  /** The Japan date of the command's fact: what it is decided as of (bitemporal). */
  readonly date: string;
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

/**
 * The item exists and was in use under the contract on `date` (the fact's date, whenever it is
 * recorded): come by then, not replaced, lost or returned by then, its option not stopped.
 */
export const heldItemOn = (
  c: AcceptedContract,
  itemId: string,
  date: string,
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
  if (!itemInUseOn(c, item, date)) {
    return {
      ok: false,
      decision: reject(
        'ITEM_NOT_HELD',
        item.status === 'held' || item.status === 'owed'
          ? { case: 'on-date', itemId, contractId: c.contractId, date }
          : { case: 'in-use', itemId, contractId: c.contractId, status: item.status },
        article,
        field,
      ),
    };
  }
  return { ok: true, item };
};

/**
 * The model a replacement for `item` must have on `date`: the model of its kind in use that day
 * (Art. 9(1): no change by the back door).
 */
export const expectedModelOn = (c: AcceptedContract, item: EquipmentState, date: string): string => {
  if (item.kind === 'vpn-device' && item.optionId === null) return modelOn(c, date) ?? item.model;
  if ((item.kind === 'cold-standby-device' || item.kind === 'switch') && item.optionId !== null) {
    const option = c.options.get(item.optionId);
    return (option && optionModelOn(option, date)) ?? item.model;
  }
  return item.model;
};

const modelOn = (c: AcceptedContract, date: string): string | null => {
  let model: string | null = null;
  for (const m of c.deviceModels) if (m.from === null || m.from <= date) model = m.model;
  return model;
};

/**
 * Policy late-facts-decided-as-of-their-date: a fact recorded after later-dated facts is decided
 * against the contract as it stood on its date; where it would change what one of them was decided
 * on (a model it read, an item it used, the contract's life), it is refused, naming that fact.
 */
export const conflictsWithLater = (c: AcceptedContract, date: string, later: LaterFact, field?: string): D =>
  reject(
    'CONFLICTS_WITH_LATER_FACT',
    { contractId: c.contractId, date, fact: later.fact, on: later.on, ref: later.ref },
    cite(policyRef('late-facts-decided-as-of-their-date')),
    field,
  );

/** The latest of the facts, or null. */
export const latestOf = (facts: readonly (LaterFact | null)[]): LaterFact | null => {
  let found: LaterFact | null = null;
  for (const f of facts) if (f !== null && (found === null || compareDates(f.on, found.on) > 0)) found = f;
  return found;
};
