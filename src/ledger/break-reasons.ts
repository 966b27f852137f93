/**
 * Why `verify` found a link broken, as data: a code with its parameters (ids, positions, hashes,
 * counts, as strings and numbers, so that the JSON documents carry them as they are). The words are
 * the edges' (src/render/integrity.ts), in English or Japanese; every break of the log, the seals,
 * the views and the exported invoices names its reason here.
 */
import type { FieldProblem } from '../terms/field-messages';

/** A seal as verify names it: the event that carries it, or the file it was published in. */
export interface SealWhere {
  readonly carrier: { readonly type: string; readonly streamId: string; readonly revision: string } | null;
  /** Where a published seal came from (null: in the log). */
  readonly source: string | null;
}

/** A position in the log for people: one number where commit and prepare agree. */
export interface LogPlace {
  readonly position: string | null;
  readonly events: number;
}

/** Why a seal no longer matches the log. */
export type SealMismatch =
  /** The log ends before the position sealed. */
  | { readonly case: 'log-ends'; readonly here: LogPlace }
  /** The log has no event at the position sealed any more: it goes from `here` to `next`. */
  | {
      readonly case: 'position-gone';
      readonly position: string;
      readonly here: LogPlace;
      readonly next: string;
    }
  | { readonly case: 'hashed-differently'; readonly events: number }
  | { readonly case: 'count-differs'; readonly now: number; readonly sealed: number };

export type BreakReason =
  // one stream's chain (hash-chain.ts)
  | { readonly code: 'revision-gap'; readonly expected: string; readonly found: string }
  | { readonly code: 'prev-hash-mismatch'; readonly prevHash: string; readonly lastHash: string }
  | { readonly code: 'hash-mismatch'; readonly stored: string; readonly computed: string }
  // the log's rows (integrity.ts)
  | {
      readonly code: 'positions-missing';
      readonly from: string;
      readonly to: string;
      readonly atEnd: boolean;
    }
  | {
      readonly code: 'row-unreadable';
      readonly case: 'revision' | 'not-json' | 'not-object';
      readonly column: string;
      /** The value found (a revision, a JSON value), or what JSON.parse said. */
      readonly value: string;
    }
  | { readonly code: 'event-id-mismatch'; readonly storedId: string; readonly namedId: string }
  | {
      readonly code: 'schema-invalid';
      /** As the schema said it (English). */
      readonly detail: string;
      readonly problems: readonly FieldProblem[];
    }
  | { readonly code: 'unknown-event-type'; readonly type: string }
  | { readonly code: 'unreadable'; readonly detail: string }
  // the reservations (membership-check.ts)
  | {
      readonly code: 'orphan-reservation';
      readonly contractId: string;
      readonly actor: string;
      readonly commandId: string;
    }
  | {
      readonly code: 'reservation-mismatch';
      readonly contractId: string;
      readonly actor: string;
      readonly commandId: string;
      readonly contractActor: string;
      readonly contractCommandId: string;
    }
  | {
      readonly code: 'contract-without-reservation';
      readonly contractId: string;
      readonly actor: string;
      readonly commandId: string;
      readonly network: string;
    }
  // the seals (seal-check.ts)
  | {
      readonly code: 'seal-digest-mismatch';
      readonly seal: SealWhere;
      readonly sealedAt: string;
      /** The position sealed; null: the empty log. */
      readonly sealedPosition: string | null;
      readonly why: SealMismatch;
      /** The last seal that holds before it (null: none). */
      readonly holding: LogPlace | null;
      /** Later seals that do not hold either. */
      readonly later: number;
    }
  | {
      readonly code: 'seal-missing';
      readonly case: 'deleted' | 'changed';
      readonly seal: SealWhere;
      readonly eventId: string;
      readonly publishedHash: string;
      readonly hash: string;
    }
  | { readonly code: 'seal-key-unknown'; readonly seal: SealWhere; readonly keyId: string }
  | { readonly code: 'seal-signature-invalid'; readonly seal: SealWhere; readonly keyId: string }
  | {
      readonly code: 'seal-subject-mismatch';
      readonly streamId: string;
      readonly revision: string;
      readonly month: { readonly found: string; readonly sealed: string } | null;
      readonly lines: { readonly found: number; readonly sealed: number } | null;
      readonly total: { readonly found: string; readonly sealed: number } | null;
      readonly linesDiffer: boolean;
    }
  // the views (views-check.ts)
  | {
      readonly code: 'view-row-differs' | 'view-row-missing' | 'view-row-extra';
      readonly table: string;
      /** The row's key, `column=value, ...`. */
      readonly key: string;
      readonly columns: string;
    }
  // exported invoices (export-check.ts)
  | {
      readonly code: 'export-totals-mismatch';
      readonly billTo: string;
      readonly month: string;
      readonly source: string;
      readonly says: string;
      readonly sum: number;
    }
  | {
      readonly code: 'export-close-unknown';
      readonly billTo: string;
      readonly month: string;
      readonly source: string;
      readonly closeId: string;
    }
  | {
      readonly code: 'export-line-mismatch';
      readonly case: 'amount' | 'other-fields' | 'not-invoiced';
      readonly lineId: string;
      readonly billTo: string;
      readonly source: string;
      readonly says: string;
      readonly closeId: string;
      readonly invoiced: number;
    }
  | {
      readonly code: 'export-line-missing';
      readonly closeId: string;
      readonly lineId: string;
      readonly amount: number;
      readonly billTo: string;
      readonly source: string;
    }
  | {
      readonly code: 'export-subject-mismatch';
      readonly month: string;
      readonly source: string;
      readonly lines: number;
      readonly total: number;
      readonly closeId: string;
      readonly sealedLines: number;
      readonly sealedTotal: number;
      readonly otherLines: boolean;
    };

export type BreakCode = BreakReason['code'];
