import { policyText } from '../../src/render/policies';
import {
  assertYen,
  businessHoursPolicy,
  configChangeFee,
  effectiveLastBilledDay,
  floorDiv,
  formatYen,
  minimumTermEnd,
  monthlyChargeForPeriod,
  outageReduction,
  POLICIES,
  type PolicyName,
  prorateMonthly,
  reductionClaimWindow,
  restOfTermSettlement,
  stopEffectiveOn,
  unusableHours,
} from '../../src/terms';

describe('Partial months: proration-by-days-floor', () => {
  it('given 10,000 yen and 7 of 30 days, charges floor(70,000 / 30) = 2,333', () => {
    expect(prorateMonthly(10000, 7, 30)).toEqual({
      amount: 2333,
      numerator: 70000,
      denominator: 30,
      policy: 'proration-by-days-floor',
    });
  });

  it('given a full month, charges the monthly fee exactly', () => {
    expect(prorateMonthly(10000, 31, 31).amount).toBe(10000);
    expect(prorateMonthly(9999, 28, 28).amount).toBe(9999);
  });

  it('given no days used, charges nothing', () => {
    expect(prorateMonthly(10000, 0, 30).amount).toBe(0);
  });

  it('refuses impossible inputs', () => {
    expect(() => prorateMonthly(10000, 31, 30)).toThrow(RangeError);
    expect(() => prorateMonthly(10000, 1, 27)).toThrow(RangeError);
    expect(() => prorateMonthly(100.5, 1, 30)).toThrow(RangeError);
  });
});

describe('monthlyChargeForPeriod', () => {
  const fee = 10000;

  it('given billing starts 2025-04-15, April is 16/30 days: 5,333', () => {
    expect(monthlyChargeForPeriod(fee, '2025-04', '2025-04-15', null)).toMatchObject({
      amount: 5333,
      from: '2025-04-15',
      to: '2025-04-30',
      daysUsed: 16,
      daysInMonth: 30,
      fullMonth: false,
    });
  });

  it('a month wholly inside the span is the full fee', () => {
    expect(monthlyChargeForPeriod(fee, '2025-05', '2025-04-15', null)).toMatchObject({
      amount: 10000,
      fullMonth: true,
    });
  });

  it('given the service ends 2025-06-10 (last billed day), June is 10/30 days: 3,333', () => {
    expect(monthlyChargeForPeriod(fee, '2025-06', '2025-04-15', '2025-06-10')?.amount).toBe(3333);
  });

  it('given start and end in the same month, counts both days: 11/31 → 3,548', () => {
    expect(monthlyChargeForPeriod(fee, '2025-07', '2025-07-10', '2025-07-20')?.amount).toBe(3548);
  });

  it('given a leap February, prorates over 29 days', () => {
    // floor(10,000 × 15 / 29) = floor(5,172.41...) = 5,172
    expect(monthlyChargeForPeriod(fee, '2024-02', '2024-02-15', null)?.amount).toBe(5172);
  });

  it('is null for a month outside the billed span', () => {
    expect(monthlyChargeForPeriod(fee, '2025-03', '2025-04-15', null)).toBeNull();
    expect(monthlyChargeForPeriod(fee, '2025-07', '2025-04-15', '2025-06-30')).toBeNull();
  });
});

describe('Early-termination settlement: rest-of-term-by-month-proration (Annex 2)', () => {
  it('given a 3-year term from 2025-04-15 ended on 2025-07-15, owes 5,161 + 32 × 10,000 + 4,666', () => {
    const termEnd = minimumTermEnd('2025-04-15', 3);
    expect(termEnd).toBe('2028-04-14');
    const s = restOfTermSettlement(10000, '2025-07-15', termEnd);
    // July 2025: 16 of 31 days → floor(160,000 / 31) = 5,161; Aug 2025 to Mar 2028: 32 full months;
    // April 2028: 14 of 30 days → floor(140,000 / 30) = 4,666.
    expect(s.amount).toBe(329827);
    expect(s.from).toBe('2025-07-16');
    expect(s.to).toBe('2028-04-14');
    expect(s.parts).toHaveLength(34);
    expect(s.parts[0]).toMatchObject({ month: '2025-07', amount: 5161 });
    expect(s.parts.at(-1)).toMatchObject({ month: '2028-04', amount: 4666, to: '2028-04-14' });
    expect(s.parts.filter((p) => p.fullMonth)).toHaveLength(32);
    expect(s.parts[0]).toMatchObject({ daysUsed: 16, daysInMonth: 31, fullMonth: false });
    expect(s.parts.at(-1)).toMatchObject({ daysUsed: 14, daysInMonth: 30, fullMonth: false });
    expect(s.policy).toBe('rest-of-term-by-month-proration');
  });

  it('given a 1-year term from 2025-04-01 ended on 2025-09-30, owes 6 full months', () => {
    const s = restOfTermSettlement(10000, '2025-09-30', minimumTermEnd('2025-04-01', 1));
    expect(s.amount).toBe(60000);
    expect(s).toMatchObject({ from: '2025-10-01', to: '2026-03-31' });
    expect(s.parts.map((p) => [p.month, p.fullMonth])).toEqual(
      ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'].map((m) => [m, true]),
    );
  });

  it('given one day left, owes that day: floor(10,000 / 31) = 322', () => {
    expect(restOfTermSettlement(10000, '2026-03-30', '2026-03-31').amount).toBe(322);
  });

  it('given the contract ended on or after the last day of the term, owes nothing', () => {
    expect(restOfTermSettlement(10000, '2026-03-31', '2026-03-31')).toMatchObject({ amount: 0, parts: [] });
    expect(restOfTermSettlement(10000, '2026-05-01', '2026-03-31').amount).toBe(0);
  });
});

describe('Outage reduction: reduction-exact-floor-once (Annex 3)', () => {
  it('given 12,345 yen and 7 days, rounds once: 2,880, not 7 × 411 = 2,877', () => {
    expect(outageReduction(12345, 168)).toMatchObject({
      amount: 2880,
      numerator: 86415,
      denominator: 30,
      days: 7,
      policy: 'reduction-exact-floor-once',
    });
  });

  it('drops partial days: 191 hours is still 7 days', () => {
    expect(outageReduction(12345, 191).amount).toBe(2880);
    expect(outageReduction(12345, 192).amount).toBe(3292); // floor(8 × 12,345 / 30) = floor(3,292)
  });

  it('gives nothing below 24 hours', () => {
    expect(outageReduction(12345, 23)).toMatchObject({ amount: 0, days: 0 });
    expect(outageReduction(30000, 24).amount).toBe(1000);
  });
});

describe('unusableHours', () => {
  it('counts whole hours, rounding down', () => {
    expect(unusableHours('2025-04-10T09:15:00+09:00', '2025-04-17T09:14:59+09:00')).toBe(167);
  });

  it('compares instants across offsets', () => {
    expect(unusableHours('2025-04-10T00:15:00Z', '2025-04-11T09:15:00+09:00')).toBe(24);
  });

  it('refuses a resolution before the outage was known', () => {
    expect(() => unusableHours('2025-04-10T10:00:00+09:00', '2025-04-10T09:00:00+09:00')).toThrow(RangeError);
  });
});

describe('Reduction claim window: claim-window-from-24h-reached (Art. 21)', () => {
  it('given an outage known 2025-04-10 14:00 JST, a claim is possible from 2025-04-11 until 2025-07-11', () => {
    expect(reductionClaimWindow('2025-04-10T14:00:00+09:00', null)).toMatchObject({
      reachedAt: '2025-04-11T14:00:00+09:00',
      firstClaimableOn: '2025-04-11',
      lastClaimableOn: '2025-07-11',
      policy: 'claim-window-from-24h-reached',
    });
  });

  it('given 24 hours are reached just after midnight JST, the first day is the Japan date', () => {
    // Known 2025-03-31 00:30 JST; 24 hours reached 2025-04-01 00:30 JST (2025-03-31T15:30Z).
    const w = reductionClaimWindow('2025-03-30T15:30:00Z', null);
    expect(w?.firstClaimableOn).toBe('2025-04-01');
    expect(w?.lastClaimableOn).toBe('2025-07-01');
  });

  it('given 24 hours are reached exactly at 00:00 JST, that first day is counted (Civil Code art. 140)', () => {
    const w = reductionClaimWindow('2025-04-09T00:00:00+09:00', null);
    expect(w?.firstClaimableOn).toBe('2025-04-10');
    expect(w?.lastClaimableOn).toBe('2025-07-09');
  });

  it('given the 24 hours are reached on 2025-11-29, the last day is 2026-02-28', () => {
    expect(reductionClaimWindow('2025-11-28T10:00:00+09:00', null)?.lastClaimableOn).toBe('2026-02-28');
  });

  it('given the outage was resolved after exactly 24 hours, there is a window', () => {
    expect(reductionClaimWindow('2025-04-10T14:00:00+09:00', '2025-04-11T14:00:00+09:00')).not.toBeNull();
  });

  it('given the outage was resolved before 24 hours, there is no claim', () => {
    expect(reductionClaimWindow('2025-04-10T14:00:00+09:00', '2025-04-11T13:59:59+09:00')).toBeNull();
  });
});

describe('Stop and termination dates (Art. 17(4), Art. 18)', () => {
  it('given no requested date, takes effect when 30 days elapse after arrival', () => {
    expect(stopEffectiveOn('2025-07-10', null)).toBe('2025-08-09');
  });

  it('given a later requested date, takes effect on it', () => {
    expect(stopEffectiveOn('2025-07-10', '2025-09-30')).toBe('2025-09-30');
  });

  it('given an earlier requested date, 30 days still have to elapse', () => {
    expect(stopEffectiveOn('2025-07-10', '2025-07-31')).toBe('2025-08-09');
  });

  it('names the last-billed-day policy', () => {
    expect(effectiveLastBilledDay).toBe('effective-day-is-last-billed-day');
  });
});

describe('Policy catalogue', () => {
  it('describes every policy the functions stamp, with an article', () => {
    const stamped: PolicyName[] = [
      prorateMonthly(1, 1, 30).policy,
      restOfTermSettlement(1, '2025-01-01', '2025-02-01').policy,
      outageReduction(1, 24).policy,
      configChangeFee('2025-01-01T10:00:00+09:00', 1).policy,
      businessHoursPolicy.name,
      effectiveLastBilledDay,
    ];
    for (const name of stamped) {
      expect(policyText('en', name).length).toBeGreaterThan(20);
      expect(policyText('ja', name).length).toBeGreaterThan(20);
      expect(POLICIES[name].article).not.toBe('');
    }
  });
});

describe('Money helpers', () => {
  it('formats yen with thousands separators', () => {
    expect(formatYen(0)).toBe('0');
    expect(formatYen(999)).toBe('999');
    expect(formatYen(12345)).toBe('12,345');
    expect(formatYen(1234567)).toBe('1,234,567');
    expect(formatYen(-2880)).toBe('-2,880');
  });

  it('accepts only non-negative whole yen', () => {
    expect(() => assertYen(0)).not.toThrow();
    expect(() => assertYen(-1)).toThrow(RangeError);
    expect(() => assertYen(1.5)).toThrow(RangeError);
    expect(() => assertYen(Number.NaN)).toThrow(RangeError);
  });

  it('divides exactly, rounding toward minus infinity', () => {
    expect(floorDiv(86415, 30)).toBe(2880);
    expect(floorDiv(-7, 2)).toBe(-4);
    expect(floorDiv(Number.MAX_SAFE_INTEGER, 1)).toBe(Number.MAX_SAFE_INTEGER);
  });
});
