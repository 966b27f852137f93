import {
  CONFIG_CHANGE_FEE_BUSINESS,
  CONFIG_CHANGE_FEE_OUTSIDE,
  configChangeFee,
  isWithinBusinessHours,
} from '../../src/terms';

describe('Configuration-change fee (Annex 1 §3(3))', () => {
  it('has the amounts of the text', () => {
    expect(CONFIG_CHANGE_FEE_BUSINESS).toBe(5000);
    expect(CONFIG_CHANGE_FEE_OUTSIDE).toBe(10000);
  });

  it.each([
    ['2025-06-02T09:00:00+09:00', 5000],
    ['2025-06-02T08:59:59+09:00', 10000],
    ['2025-06-02T19:00:00+09:00', 5000],
    ['2025-06-02T19:00:01+09:00', 10000],
    ['2025-06-02T12:00:00+09:00', 5000],
    ['2025-06-02T00:00:00+09:00', 10000],
  ])('a job starting at %s costs %i per device', (start, perDevice) => {
    expect(configChangeFee(start, 1).amount).toBe(perDevice);
  });

  it('given a job start in UTC that is 18:30 JST, it is within business hours', () => {
    expect(isWithinBusinessHours('2025-06-02T09:30:00Z')).toBe(true);
    expect(configChangeFee('2025-06-02T09:30:00Z', 1).amount).toBe(5000);
  });

  it('given a job start in UTC that is 19:00:01 JST, it is outside business hours', () => {
    expect(configChangeFee('2025-06-02T10:00:01Z', 1).amount).toBe(10000);
  });

  it('given 02:00 UTC (11:00 JST) it is inside, though 02:00 would be outside in UTC', () => {
    expect(configChangeFee('2025-06-02T02:00:00Z', 1).withinBusinessHours).toBe(true);
  });

  it('applies on a Sunday as on any day: the text names no weekdays or holidays', () => {
    expect(configChangeFee('2025-06-01T10:00:00+09:00', 1).amount).toBe(5000);
  });

  it('charges per device and explains itself', () => {
    expect(configChangeFee('2025-06-02T10:00:00+09:00', 2)).toEqual({
      amount: 10000,
      perDevice: 5000,
      devices: 2,
      withinBusinessHours: true,
      jobStartJst: '2025-06-02T10:00:00+09:00',
      article: 'Annex 1 §3(3)',
      policy: 'business-hours-by-job-start',
      opensAt: '09:00:00',
      closesAt: '19:00:00',
    });
    expect(configChangeFee('2025-06-02T20:00:00+09:00', 2)).toMatchObject({
      perDevice: 10000,
      amount: 20000,
    });
  });

  it('refuses zero devices', () => {
    expect(() => configChangeFee('2025-06-02T10:00:00+09:00', 0)).toThrow(RangeError);
  });
});
