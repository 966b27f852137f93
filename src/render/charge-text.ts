/**
 * A charge line's formula and notes in words. The projections give them as data
 * (src/projections/charge-data.ts); this is where they become sentences.
 */
import type {
  AdjustedSide,
  ChargeFormula,
  ChargeNote,
  ChargeSubject,
  MonthShare,
} from '../projections/charge-data';
import { formatYen } from '../terms/money';

const yen = (n: number) => `${formatYen(n)} yen`;

const subjectText = (s: ChargeSubject): string =>
  s.kind === 'basic' ? 'basic service' : `${s.option} option ${s.optionId}`;

/** 'floor(10,000 × 16 / 31) + 32 × 10,000 + floor(10,000 × 14 / 30)': full months grouped. */
const partsText = (parts: readonly MonthShare[], fee: number): string => {
  const terms: string[] = [];
  let fullRun = 0;
  const flush = () => {
    if (fullRun > 0) terms.push(`${fullRun} × ${formatYen(fee)}`);
    fullRun = 0;
  };
  for (const p of parts) {
    if (p.daysUsed === p.daysInMonth) {
      fullRun += 1;
    } else {
      flush();
      terms.push(`floor(${formatYen(fee)} × ${p.daysUsed} / ${p.daysInMonth})`);
    }
  }
  flush();
  return terms.join(' + ');
};

const restOfTerm = (
  f: { fee: number; parts: readonly MonthShare[]; from: string; to: string },
  amount: number,
) => `${partsText(f.parts, f.fee)} = ${formatYen(amount)} (${f.from}..${f.to})`;

const exemptText = (ground: 'general-terms-28-2' | 'general-terms-28-3') =>
  ground === 'general-terms-28-2' ? 'general terms 28(2)' : 'general terms 28(3)';

export function formulaText(f: ChargeFormula): string {
  switch (f.kind) {
    case 'quoted-initial-fee':
      return `${yen(f.amount)} initial fee, as quoted in the accepted application`;
    case 'quoted-on-site-installation':
      return `${yen(f.amount)} on-site installation, as quoted in the accepted application`;
    case 'quoted-option-initial-fee':
      return `${yen(f.amount)} initial fee of the ${f.option} option ${f.optionId}, as quoted`;
    case 'monthly-fee':
      return `${subjectText(f.subject)}: ${
        f.daysUsed === f.daysInMonth
          ? `${formatYen(f.fee)} (full month, ${f.daysUsed}/${f.daysInMonth} days)`
          : `floor(${formatYen(f.fee)} × ${f.daysUsed} / ${f.daysInMonth}) = ${formatYen(f.amount)}`
      }`;
    case 'quoted-model-change':
      return `${yen(f.amount)} model change of the ${f.target.kind === 'device' ? 'device' : `option ${f.target.optionId}`} ${f.fromModel} → ${f.toModel}, as quoted`;
    case 'config-change-fee':
      return `${f.devices} × ${formatYen(f.perDevice)} = ${formatYen(f.amount)} (job started ${f.jobStartJst}, ${f.withinBusinessHours ? 'within' : 'outside'} business hours ${f.opensAt}-${f.closesAt})`;
    case 'quoted-fault-cost':
      return `${yen(f.amount)} as quoted (${f.outcome === 'contractor-fault' ? "the contractor's fault" : 'no fault found'})`;
    case 'quoted-loss-charge':
      return `${yen(f.amount)} loss charge for item ${f.itemId}, as quoted`;
    case 'breach-repair-cost':
      return `${yen(f.amount)} ${f.harm === 'lost' ? 'recovery' : 'repair'} of ${f.itemIds.join(', ')}, as charged`;
    case 'at-cost':
      return `${yen(f.amount)} ${f.cost} at cost: ${f.description}`;
    case 'rest-of-term':
      return restOfTerm(f, f.amount);
    case 'rest-of-term-exempt':
      return `exempt: ${exemptText(f.ground)}; not charged: ${restOfTerm(f, f.wouldBe)}`;
    case 'reduction':
      return f.days === 0
        ? `${f.hours} h unusable, under 24 h: no reduction`
        : `floor(${f.days} × ${formatYen(f.fee)} / 30) = ${formatYen(f.amount)}`;
    case 'adjustment': {
      const side = (s: AdjustedSide | null, none: string) =>
        s === null ? `0 (${none})` : `${formatYen(s.amount)} [${formulaText(s.formula)}]`;
      const before = f.adjustedBefore === 0 ? '' : ` − ${formatYen(f.adjustedBefore)} adjusted before`;
      return `${f.month} ${f.lineKind} ${f.lineId}: recomputed ${side(f.recomputed, 'no such line now')} − invoiced ${side(f.invoiced, 'no such line at the close')}${before} = ${formatYen(f.amount)}`;
    }
  }
}

const scheduledText = (scheduled: boolean) =>
  scheduled ? '; termination scheduled by notice, not yet recorded' : '';

export function noteText(n: ChargeNote): string {
  switch (n.kind) {
    case 'corrects-closed-month':
      return n.closeId === null
        ? `corrects ${n.month}, closed empty by the ledger's first close (policy adjust-in-first-open-month)`
        : `corrects ${n.month}, closed by close ${n.closeId} at ${n.closedAt} (policy adjust-in-first-open-month)`;
    case 'new-fee-from-model':
      return `new fee from the billing start of model ${n.model} (change ${n.changeId})`;
    case 'same-fee-model-change':
      return `model ${n.model} billed from ${n.from} at the same fee (change ${n.changeId}): the month is not split (policy split-only-where-fee-changes)`;
    case 'last-day-billed':
      return `${n.on} is the ${n.reason === 'option-stop' ? "option stop's" : "termination's"} effective day and the last day billed (policy effective-day-is-last-billed-day)${scheduledText(n.scheduled)}`;
    case 'billed-to-parent-holder':
      return `billed to the parent holder ${n.billTo}, who instructs configuration changes (Art. 10(1)(2)(4))`;
    case 'not-returned-deemed-lost':
      return 'not returned under Art. 14(3): treated as lost (Art. 16(2))';
    case 'found-not-refunded':
      return `item found on ${n.foundOn}: a loss charge is never refunded (Art. 16(3)(2))`;
    case 'breach':
      return `${n.harm} on ${n.occurredOn} in breach of ${n.article} (${n.breach}): ${n.description}`;
    case 'settlement':
      return `ended ${n.endOn}, before the ${n.years}-year minimum term from ${n.termStart} (${n.termReason}) ends on ${n.termEnd}; monthly fee ${yen(n.fee)}${scheduledText(n.scheduled)}`;
    case 'settlement-exempt': {
      const exempt = exemptText(n.ground);
      return `exempt: ${exempt}. Art. 20(1) owes no settlement for a contract ended under ${exempt}${n.evidenceRef ? ` (evidence: ${n.evidenceRef})` : ''}; the ${n.years}-year term from ${n.termStart} would have run to ${n.termEnd}${scheduledText(n.scheduled)}`;
    }
    case 'option-settlement':
      return `${n.option} option ${n.optionId} ${
        n.reason === 'option-stop'
          ? `stopped ${n.endOn}`
          : `ended ${n.endOn} with the contract (options have no exemption: Art. 20(2))`
      }, before its 1-year minimum term from ${n.termStart} ends on ${n.termEnd}; monthly fee ${yen(n.fee)}`;
    case 'reduction-granted': {
      const parts = n.feeBasis.map((p) =>
        p.subject.kind === 'basic'
          ? `basic ${formatYen(p.monthlyFee)}`
          : `${p.subject.option} ${formatYen(p.monthlyFee)}`,
      );
      return `${n.unusableHours} h unusable from ${n.knownAt} → ${n.days} day(s); monthly fee ${parts.join(' + ')} = ${formatYen(n.feeBasisTotal)} yen a month, as billed on ${n.feeBasisOn} (policy ${n.feeBasisPolicy}); claimed on ${n.claimedOn}, within the window ${n.windowFrom}..${n.windowTo}`;
    }
  }
}

/** The notes joined as one sentence, or null without notes (the v1 `note` field). */
export const notesText = (notes: readonly ChargeNote[]): string | null =>
  notes.length === 0 ? null : notes.map(noteText).join('; ');
