/**
 * The ids a billing system keys closes by, unique per ledger.
 *
 * A ledger's id is made from what the ledger recorded when it was created: the hash of the first
 * event of its log (its content, its command, its actor and the instant it was recorded), as a
 * UUID v5. The first close records it (`MonthClosed.ledgerId`), and every later close copies it from
 * the closes before it (decided once): it travels with the log, to a backup or to EventStoreDB, and
 * reads the same there. Two ledgers loaded from the same commands at different times have different
 * first events, hence different ids.
 *
 * A close's id is UUID v5 of the ledger's id and the month (one close per month per ledger).
 */
import { v5 as uuidv5 } from 'uuid';
import type { YearMonth } from '../../terms/dates';

/** The namespace of the ids made here (never change it: recorded ids were made with it). */
export const BILLING_ID_NAMESPACE = '9b4c1f62-3a7e-5d08-8e3b-6f2a1c9d7e45';

/** The ledger's id, from the hash of the first event its log holds. */
export const ledgerIdOf = (firstEventHash: string): string =>
  uuidv5(`vpn-ledger/ledger/${firstEventHash}`, BILLING_ID_NAMESPACE);

/** The id of a ledger's close of `month`. */
export const closeIdOf = (ledgerId: string, month: YearMonth): string =>
  uuidv5(`vpn-ledger/close/${ledgerId}/${month}`, BILLING_ID_NAMESPACE);
