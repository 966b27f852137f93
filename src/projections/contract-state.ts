/** A contract as it stood on a date: a readable snapshot for staff and auditors. */
import {
  type ContractType,
  type EffectiveMaintenance,
  effectiveMaintenanceType,
  type Item,
  jstDate,
  type LocalDate,
  type OptionKind,
  outOfUseOn,
  type TermYears,
} from '../terms';
import { assertDate, compareFactDates, contractAsOf, notAfter } from './as-of';
import type { EquipmentKind, Facts, FaultOutcome, TerminationGround } from './facts';
import { contractTerms, type MinimumTerm, optionTerms, termStartedBy } from './minimum-terms';
import { contractReturnDeadlines } from './return-deadlines';
import {
  basicFeeSteps,
  contractEnd,
  deviceModelOn,
  feeInForce,
  optionActiveOn,
  optionEnd,
  optionFeeSteps,
  optionModelOn,
} from './service-periods';

export type ContractStatus = 'accepted' | 'in-service' | 'termination-scheduled' | 'terminated';
export type OptionStatus = 'added' | 'in-service' | 'stop-scheduled' | 'ended';
export type EquipmentStatus = 'in-service' | 'owed-back' | 'returned' | 'lost' | 'replaced';

export interface OptionSnapshot {
  readonly optionId: string;
  readonly kind: OptionKind;
  readonly model: string | null;
  readonly status: OptionStatus;
  readonly monthlyFee: number | null;
  readonly billingStartOn: LocalDate | null;
  readonly endsOn: LocalDate | null;
  readonly termInForce: MinimumTerm | null;
}

export interface EquipmentSnapshot {
  readonly itemId: string;
  readonly kind: EquipmentKind;
  readonly model: string;
  readonly optionId: string | null;
  readonly since: LocalDate;
  readonly status: EquipmentStatus;
}

export interface ContractSnapshot {
  readonly contractId: string;
  readonly asOf: LocalDate;
  readonly networkId: string;
  readonly contractType: ContractType;
  readonly contractorId: string;
  readonly parentHolderId: string;
  readonly item: Item;
  readonly termYears: TermYears;
  readonly maintenance: EffectiveMaintenance;
  readonly status: ContractStatus;
  /** Null for closed monitoring, which has no VPN device of its own (Art. 2). */
  readonly deviceModel: string | null;
  readonly billingStartOn: LocalDate | null;
  /** The basic monthly fee billed on the date; null before the billing start. */
  readonly monthlyFee: number | null;
  readonly termInForce: MinimumTerm | null;
  readonly options: readonly OptionSnapshot[];
  readonly activeOptions: readonly string[];
  /** Items the contractor holds: in service, or owed back and not yet returned. */
  readonly equipmentHeld: readonly EquipmentSnapshot[];
  readonly equipment: readonly EquipmentSnapshot[];
  readonly openFaults: readonly {
    faultId: string;
    itemId: string | null;
    reportedOn: LocalDate | null;
    outcome: FaultOutcome | null;
  }[];
  readonly openLosses: readonly {
    lossId: string;
    itemId: string | null;
    reportedOn: LocalDate | null;
    replacementShipped: boolean;
    chargeQuoted: boolean;
  }[];
  readonly termination: {
    readonly noticeArrivedOn: LocalDate | null;
    readonly requestedOn: LocalDate | null;
    readonly ground: TerminationGround;
    readonly evidenceRef: string | null;
    readonly effectiveOn: LocalDate;
    readonly terminated: boolean;
  } | null;
}

const running = (terms: readonly MinimumTerm[], d: LocalDate): MinimumTerm | null => {
  const t = termStartedBy(terms, d);
  return t && notAfter(d, t.end) ? t : null;
};

/** The contract as effective on `date`, or null when unknown or not yet accepted then. */
export function contractStateAsOf(
  facts: Facts,
  contractId: string,
  date: LocalDate,
): ContractSnapshot | null {
  assertDate(date);
  const full = facts.contracts.get(contractId);
  const c = full && contractAsOf(full, date);
  if (!c) return null;
  const end = contractEnd(c);
  // The effective day is still a day of service (the last one billed), so it is over the day after.
  const status: ContractStatus = end
    ? compareFactDates(end.on, date) < 0
      ? 'terminated'
      : 'termination-scheduled'
    : c.billingStart
      ? 'in-service'
      : 'accepted';

  const options = [...c.options.values()].map((o): OptionSnapshot => {
    const oEnd = optionEnd(c, o);
    const active = optionActiveOn(c, o, date);
    const ended = oEnd !== null && compareFactDates(oEnd.on, date) < 0;
    return {
      optionId: o.optionId,
      kind: o.kind,
      model: optionModelOn(c, o, date),
      status: ended ? 'ended' : !active ? 'added' : oEnd ? 'stop-scheduled' : 'in-service',
      monthlyFee: feeInForce(optionFeeSteps(c, o), date)?.monthlyFee ?? null,
      billingStartOn: o.billingStart?.on ?? null,
      endsOn: oEnd?.on ?? null,
      termInForce: running(optionTerms(c, o), date),
    };
  });

  const lostItems = new Set<string>();
  // A lost item stays lost when found: the contractor disposes of it (Art. 16(3)(1)).
  for (const l of c.losses.values()) if (l.reported && l.itemId) lostItems.add(l.itemId);
  const contractOver = status === 'terminated';
  // Owed back (Art. 14(3)): the items with a return deadline whose use has ended by the date.
  const owed = new Set<string>();
  for (const d of contractReturnDeadlines(c, date))
    if (outOfUseOn({ reason: d.reason, on: d.triggerOn }, date)) owed.add(d.itemId);
  const equipment = [...c.equipment.values()].map((i): EquipmentSnapshot => {
    const equipmentStatus: EquipmentStatus = i.returned
      ? 'returned'
      : lostItems.has(i.itemId)
        ? 'lost'
        : i.replaced?.via === 'fault'
          ? 'replaced'
          : owed.has(i.itemId)
            ? 'owed-back'
            : 'in-service';
    return {
      itemId: i.itemId,
      kind: i.kind,
      model: i.model,
      optionId: i.optionId,
      since: i.since,
      status: equipmentStatus,
    };
  });

  const notice = c.terminationNotice;
  return {
    contractId: c.contractId,
    asOf: date,
    networkId: c.networkId,
    contractType: c.contractType,
    contractorId: c.contractorId,
    parentHolderId: c.parentHolderId,
    item: c.item,
    termYears: c.termYears,
    // By the model in use that day: a NetScreen contract changed to a Cisco model is no longer one.
    maintenance: effectiveMaintenanceType(c.maintenanceType, deviceModelOn(c, date), date),
    status,
    deviceModel: deviceModelOn(c, date),
    billingStartOn: c.billingStart?.on ?? null,
    monthlyFee: contractOver ? null : (feeInForce(basicFeeSteps(c), date)?.monthlyFee ?? null),
    termInForce: running(contractTerms(c), date),
    options,
    activeOptions: options
      .filter((o) => o.status === 'in-service' || o.status === 'stop-scheduled')
      .map((o) => o.optionId),
    equipmentHeld: equipment.filter((e) => e.status === 'in-service' || e.status === 'owed-back'),
    equipment,
    openFaults: [...c.faults.values()]
      .filter((f) => !f.resolution)
      .map((f) => ({
        faultId: f.faultId,
        itemId: f.itemId,
        reportedOn: f.reported ? jstDate(f.reported.at) : null,
        outcome: f.investigation?.outcome ?? null,
      })),
    // A loss stays open until the item is found, or until it is both replaced and charged for.
    openLosses: [...c.losses.values()]
      .filter(
        (l) => !l.found && (l.charges.length === 0 || (l.reported !== null && l.replacements.length === 0)),
      )
      .map((l) => ({
        lossId: l.lossId,
        itemId: l.itemId,
        reportedOn: l.reported?.on ?? null,
        replacementShipped: l.replacements.length > 0,
        chargeQuoted: l.charges.length > 0,
      })),
    termination:
      end === null
        ? null
        : {
            noticeArrivedOn: notice?.noticeArrivedOn ?? null,
            requestedOn: notice?.requestedOn ?? null,
            ground: notice?.ground ?? 'ordinary',
            evidenceRef: notice?.evidenceRef ?? null,
            effectiveOn: end.on,
            terminated: status === 'terminated',
          },
  };
}
