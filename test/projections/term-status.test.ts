/**
 * Policy term-ends-with-its-service (Art. 5, 17(3), 20): a minimum term cut short by the end of its
 * contract or option is shown as ended early from the day after that end, not as running.
 */
import { type MinimumTerm, termStatusOn } from '../../src/projections/minimum-terms';

// An option's 1-year term from 2025-05-10 to 2026-05-09, its option stopped effective 2025-08-31.
const term: MinimumTerm = {
  contractId: 'c-1',
  optionId: 'o-1',
  optionKind: 'sfp-module',
  years: 1,
  start: '2025-05-10',
  end: '2026-05-09',
  reason: 'option-billing-start',
  article: 'Art. 17(3)',
  sources: [],
  supersededOn: null,
  cutShortOn: '2025-08-31',
};

describe('policy term-ends-with-its-service', () => {
  it('given a term cut short on 2025-08-31, then it is running on 2025-08-31 (its last day) and ended early on 2025-09-01', () => {
    expect(termStatusOn(term, '2025-08-31')).toBe('running');
    expect(termStatusOn(term, '2025-09-01')).toBe('ended-early');
    expect(termStatusOn(term, '2026-06-01')).toBe('ended-early');
  });

  it('given a term not cut short, then it runs to its end and is completed after it', () => {
    const whole = { ...term, cutShortOn: null };
    expect(termStatusOn(whole, '2025-09-01')).toBe('running');
    expect(termStatusOn(whole, '2026-05-10')).toBe('completed');
    expect(termStatusOn(whole, '2025-05-09')).toBe('not-started');
  });
});
