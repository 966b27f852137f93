/**
 * The numbers of a formula named in words (src/render/formula-reading.ts): what 16 and 5 are in
 * `floor(18,000 × 16 / 31) + 5 × 18,000`, in English and Japanese, from what the formula carries.
 */
import type { ChargeFormula } from '../../src/projections/charge-data';
import { formulaReading } from '../../src/render/formula-reading';

const settlement = (
  parts: { month?: string; daysUsed: number; daysInMonth: number }[],
  from: string,
  to: string,
): ChargeFormula => ({ kind: 'rest-of-term', fee: 18000, parts, amount: 0, from, to });

describe('a settlement for the rest of the minimum term (Annex 2)', () => {
  it('names the days left in the first month, the whole months and the days of the last', () => {
    const f = settlement(
      [
        { month: '2025-10', daysUsed: 16, daysInMonth: 31 },
        { month: '2025-11', daysUsed: 30, daysInMonth: 30 },
        { month: '2025-12', daysUsed: 31, daysInMonth: 31 },
        { month: '2026-01', daysUsed: 10, daysInMonth: 31 },
      ],
      '2025-10-16',
      '2026-01-10',
    );
    expect(formulaReading(f, 'en')).toBe(
      "Where: 16 = the days left in October 2025 after the last day billed (of its 31); 2 = the whole months November 2025 to December 2025; 10 = the days of January 2026 up to the term's last day (of its 31).",
    );
    expect(formulaReading(f, 'ja')).toBe(
      '内訳: 2025年10月の残日数16日（31日中）、2025年11月～2025年12月の2か月、2026年1月の最低利用期間の末日までの10日（31日中）。',
    );
  });

  it('names one whole month, and days within a single month', () => {
    expect(
      formulaReading(
        settlement([{ month: '2025-11', daysUsed: 30, daysInMonth: 30 }], '2025-11-01', '2025-11-30'),
        'ja',
      ),
    ).toBe('内訳: 2025年11月の1か月。');
    expect(
      formulaReading(
        settlement([{ month: '2026-02', daysUsed: 10, daysInMonth: 28 }], '2026-02-10', '2026-02-19'),
        'en',
      ),
    ).toBe('Where: 10 = the days of February 2026 in the rest of the term (of its 28).');
  });

  it('reads a formula recorded before formulas carried their months without naming them', () => {
    const f = settlement(
      [
        { daysUsed: 13, daysInMonth: 28 },
        { daysUsed: 31, daysInMonth: 31 },
      ],
      '2026-02-16',
      '2026-03-31',
    );
    expect(formulaReading(f, 'ja')).toBe('内訳: 28日の月のうち13日、満了までの1か月。');
  });
});

describe('other formulas', () => {
  it("names a monthly fee's days of its month, and nothing for a full month", () => {
    const fee = (daysUsed: number): ChargeFormula => ({
      kind: 'monthly-fee',
      subject: { kind: 'basic' },
      fee: 18000,
      month: '2025-10',
      daysUsed,
      daysInMonth: 31,
      amount: 0,
    });
    expect(formulaReading(fee(16), 'en')).toBe('Where: 16 = the days billed of October 2025 (of its 31).');
    expect(formulaReading(fee(31), 'en')).toBeNull();
  });

  it('has nothing to name in a quoted amount', () => {
    expect(formulaReading({ kind: 'quoted-initial-fee', amount: 30000 }, 'ja')).toBeNull();
  });
});
