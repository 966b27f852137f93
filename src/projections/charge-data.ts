/**
 * A charge line, as data: what it charges and for whom, the formula behind its amount and the notes
 * that qualify it, each a kind with its parameters. The views store these; renderers (src/render)
 * turn them into words at the edge. The charges projection derives the lines; the facts of a close
 * and the adjustments keep them.
 */
import type { EventData } from '../events';
import type { LocalDate, OptionKind, PolicyName, YearMonth } from '../terms';

type OneTimeCostKind = EventData<'OneTimeCostRecorded'>['cost'];

export const CHARGE_KINDS = [
  'initial',
  'on-site-installation',
  'initial-option',
  'monthly-basic',
  'monthly-option',
  'model-change',
  'config-change',
  'fault-cost',
  'loss-charge',
  'breach-repair-cost',
  'one-time-cost',
  'early-termination',
  'early-termination-option',
  'reduction',
  // A closed month's line recomputed after its close, billed in the first open month.
  'adjustment',
] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];

export interface ChargeLine {
  /** Stable: contract, month, kind and the id of what it charges, e.g. 'c-100:2025-04:monthly-basic'. */
  readonly id: string;
  readonly contractId: string;
  readonly networkId: string;
  /** Who pays: the contractor, or the parent holder for configuration changes (Art. 10(4)). */
  readonly billTo: string;
  readonly kind: ChargeKind;
  /** The billing month that carries the line. */
  readonly month: YearMonth;
  readonly period: { readonly from: LocalDate; readonly to: LocalDate };
  /** Integer yen; reductions are negative. */
  readonly amount: number;
  readonly article: string;
  readonly policy: PolicyName | null;
  readonly edition: string;
  readonly sources: readonly string[];
  readonly formula: ChargeFormula;
  readonly notes: readonly ChargeNote[];
}

/** What a monthly fee or a settlement is for: the basic service, or one option. */
export type ChargeSubject =
  | { readonly kind: 'basic' }
  | { readonly kind: 'option'; readonly option: OptionKind; readonly optionId: string };

/** One calendar month's share of a monthly fee: fee × daysUsed / daysInMonth, rounded down. */
export interface MonthShare {
  readonly daysUsed: number;
  readonly daysInMonth: number;
}

export type ModelChangeTargetRef =
  | { readonly kind: 'device' }
  | { readonly kind: 'option'; readonly optionId: string };

export type ChargeFormula =
  | { readonly kind: 'quoted-initial-fee'; readonly amount: number }
  | { readonly kind: 'quoted-on-site-installation'; readonly amount: number }
  | {
      readonly kind: 'quoted-option-initial-fee';
      readonly amount: number;
      readonly option: OptionKind;
      readonly optionId: string;
    }
  /** Annex 1 §2 with policy proration-by-days-floor; a full month when daysUsed = daysInMonth. */
  | {
      readonly kind: 'monthly-fee';
      readonly subject: ChargeSubject;
      readonly fee: number;
      readonly daysUsed: number;
      readonly daysInMonth: number;
      readonly amount: number;
    }
  | {
      readonly kind: 'quoted-model-change';
      readonly amount: number;
      readonly target: ModelChangeTargetRef;
      readonly fromModel: string;
      readonly toModel: string;
    }
  /** Annex 1 §3(3): per device, per job, by the job's start in Japan time. */
  | {
      readonly kind: 'config-change-fee';
      readonly devices: number;
      readonly perDevice: number;
      readonly amount: number;
      readonly jobStartJst: string;
      readonly withinBusinessHours: boolean;
      readonly opensAt: string;
      readonly closesAt: string;
    }
  | {
      readonly kind: 'quoted-fault-cost';
      readonly amount: number;
      readonly outcome: 'contractor-fault' | 'no-fault-found';
    }
  | { readonly kind: 'quoted-loss-charge'; readonly amount: number; readonly itemId: string }
  /** Art. 14(2): the recovery or repair of equipment lost or damaged in breach of 14(1), as charged. */
  | {
      readonly kind: 'breach-repair-cost';
      readonly amount: number;
      readonly harm: 'lost' | 'damaged';
      readonly itemIds: readonly string[];
    }
  | {
      readonly kind: 'at-cost';
      readonly amount: number;
      readonly cost: OneTimeCostKind;
      readonly description: string;
    }
  /** Annex 2: the monthly fees of the rest of the term, month by month (policy rest-of-term-by-month-proration). */
  | {
      readonly kind: 'rest-of-term';
      readonly fee: number;
      readonly parts: readonly MonthShare[];
      readonly amount: number;
      readonly from: LocalDate;
      readonly to: LocalDate;
    }
  /** Art. 20(1): ended on an exempt ground; what the settlement would have been. */
  | {
      readonly kind: 'rest-of-term-exempt';
      readonly ground: ExemptGround;
      readonly fee: number;
      readonly parts: readonly MonthShare[];
      readonly wouldBe: number;
      readonly from: LocalDate;
      readonly to: LocalDate;
    }
  /** Annex 3: floor(days × monthly fee / 30), rounded once (policy reduction-exact-floor-once). */
  | {
      readonly kind: 'reduction';
      readonly days: number;
      readonly hours: number;
      readonly fee: number;
      readonly amount: number;
    }
  /**
   * A line of a closed month, recomputed after its close (policy adjust-in-first-open-month):
   * amount = recomputed − invoiced − adjusted before, with both lines' formulas.
   */
  | {
      readonly kind: 'adjustment';
      /** The closed month corrected, and the id of the line corrected in it. */
      readonly month: YearMonth;
      readonly lineId: string;
      readonly lineKind: string;
      /** The line as the ledger computes it now; null when it is gone. */
      readonly recomputed: AdjustedSide | null;
      /** The line as the month's close invoiced it; null when it did not exist then. */
      readonly invoiced: AdjustedSide | null;
      /** Adjustments of the same line invoiced by later closes. */
      readonly adjustedBefore: number;
      readonly amount: number;
    };

/** One side of an adjustment: a line's amount, period and formula. */
export interface AdjustedSide {
  readonly amount: number;
  readonly period: { readonly from: LocalDate; readonly to: LocalDate };
  readonly formula: ChargeFormula;
}

export type ExemptGround = 'general-terms-28-2' | 'general-terms-28-3';

export interface FeeBasisPart {
  readonly subject: ChargeSubject;
  readonly monthlyFee: number;
}

export type ChargeNote =
  /** The closed month an adjustment corrects, and the close that invoiced it (null: closed empty, before the first close). */
  | {
      readonly kind: 'corrects-closed-month';
      readonly month: YearMonth;
      readonly closeId: string | null;
      readonly closedAt: string | null;
    }
  /** A new fee from the billing start of a new model (Art. 5(2), 9(1)). */
  | { readonly kind: 'new-fee-from-model'; readonly model: string | null; readonly changeId: string }
  /** A model change that left the fee as it was: the period is not split (policy split-only-where-fee-changes). */
  | {
      readonly kind: 'same-fee-model-change';
      readonly model: string | null;
      readonly changeId: string;
      readonly from: LocalDate;
    }
  /** The effective day of a termination or an option stop is the last day billed. */
  | {
      readonly kind: 'last-day-billed';
      readonly on: LocalDate;
      readonly reason: 'termination' | 'option-stop';
      readonly scheduled: boolean;
    }
  | { readonly kind: 'billed-to-parent-holder'; readonly billTo: string }
  | { readonly kind: 'not-returned-deemed-lost' }
  | { readonly kind: 'found-not-refunded'; readonly foundOn: LocalDate }
  | {
      readonly kind: 'breach';
      readonly harm: 'lost' | 'damaged';
      readonly occurredOn: LocalDate;
      readonly article: string;
      readonly breach: string;
      readonly description: string;
    }
  | {
      readonly kind: 'settlement';
      readonly endOn: LocalDate;
      readonly years: 1 | 3;
      readonly termStart: LocalDate;
      readonly termReason: string;
      readonly termEnd: LocalDate;
      readonly fee: number;
      readonly scheduled: boolean;
    }
  | {
      readonly kind: 'settlement-exempt';
      readonly ground: ExemptGround;
      readonly evidenceRef: string | null;
      readonly years: 1 | 3;
      readonly termStart: LocalDate;
      readonly termEnd: LocalDate;
      readonly scheduled: boolean;
    }
  | {
      readonly kind: 'option-settlement';
      readonly option: OptionKind;
      readonly optionId: string;
      readonly endOn: LocalDate;
      readonly reason: 'option-stop' | 'contract-end';
      readonly termStart: LocalDate;
      readonly termEnd: LocalDate;
      readonly fee: number;
    }
  | {
      readonly kind: 'reduction-granted';
      readonly unusableHours: number;
      readonly knownAt: string;
      readonly days: number;
      readonly feeBasisOn: LocalDate;
      readonly feeBasis: readonly FeeBasisPart[];
      readonly feeBasisTotal: number;
      readonly feeBasisPolicy: PolicyName;
      readonly claimedOn: LocalDate;
      readonly windowFrom: LocalDate;
      readonly windowTo: LocalDate;
      /**
       * Policy reduction-hours-while-fee-owed: the span the hours were counted over. Absent on lines
       * invoiced before it was recorded (the hours then ran from knownAt to the resolution).
       */
      readonly countedFrom?: string;
      readonly countedTo?: string;
      readonly fromBillingStart?: boolean;
      readonly cutAtEnd?: boolean;
      readonly hoursPolicy?: PolicyName;
    }
  /**
   * Policy model-change-after-notice-restarts-term (Art. 5(2) read as it is written): the term
   * whose rest is settled was restarted by a model change accepted after the termination notice.
   */
  | {
      readonly kind: 'term-restarted-after-notice';
      readonly changeId: string;
      readonly acceptedOn: LocalDate;
      readonly noticeArrivedOn: LocalDate;
      readonly termStart: LocalDate;
      readonly policy: PolicyName;
    }
  /** Policy config-fee-counts-vpn-devices: items of the job no VPN device (a private switch), not charged. */
  | {
      readonly kind: 'not-a-vpn-device';
      readonly itemIds: readonly string[];
      readonly policy: PolicyName;
    };
