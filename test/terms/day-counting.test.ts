import * as fc from 'fast-check';
import {
  addDays,
  compareDates,
  daysElapse,
  daysInclusive,
  daysInMonth,
  earlierOf,
  firstDayOfMonth,
  isInstant,
  isLocalDate,
  isMonth,
  jstDate,
  jstDateTime,
  LocalDateSchema,
  lastDayOfMonth,
  lastDayWithinDays,
  laterOf,
  minimumTermEnd,
  monthOf,
  monthsCovering,
  monthsElapse,
  periodEnd,
  shiftDeadline,
  ZONE,
} from '../../src/terms';

describe('Japan dates of instants', () => {
  it('given an arrival at 2025-04-01 00:30 JST written in UTC, its date is 2025-04-01, not the UTC date', () => {
    expect(jstDate('2025-03-31T15:30:00Z')).toBe('2025-04-01');
  });

  it('given the same arrival written with +09:00, its date is 2025-04-01', () => {
    expect(jstDate('2025-04-01T00:30:00+09:00')).toBe('2025-04-01');
  });

  it('given 23:59:59 JST, the date is still that day', () => {
    expect(jstDate('2025-03-31T14:59:59Z')).toBe('2025-03-31');
  });

  it('jstDateTime is in zone Asia/Tokyo', () => {
    const dt = jstDateTime('2025-03-31T15:30:00Z');
    expect(ZONE).toBe('Asia/Tokyo');
    expect(dt.offset).toBe(9 * 60);
    expect(dt.hour).toBe(0);
    expect(dt.minute).toBe(30);
  });

  it('given an arrival just after midnight JST, 30 days elapse counted from the Japan date', () => {
    expect(daysElapse(jstDate('2025-03-31T15:30:00Z'), 30)).toBe('2025-05-01');
  });

  it('refuses an instant without an offset', () => {
    expect(isInstant('2025-04-01T00:30:00')).toBe(false);
    expect(() => jstDate('2025-04-01T00:30:00')).toThrow(RangeError);
  });
});

describe('"Dから N日を経過する日": D + N days', () => {
  it.each([
    ['2025-04-01', '2025-05-01'],
    ['2025-01-31', '2025-03-02'],
  ])('notice arrives %s → 30 days elapse on %s', (arrival, expected) => {
    expect(daysElapse(arrival, 30)).toBe(expected);
  });
});

describe('"Dから N日以内": the last allowed day is D + N', () => {
  it('contract ends 2025-05-01 → equipment must be back by 2025-05-31 (Art. 14(3))', () => {
    expect(lastDayWithinDays('2025-05-01', 30)).toBe('2025-05-31');
  });
});

describe('Art. 143 period end', () => {
  it('from the 31st, a one-month period ends on the last day of the shorter month, never the 27th', () => {
    expect(periodEnd('2025-01-31', 1)).toBe('2025-02-28');
  });

  it('from the 28th, a one-month period ends on the 27th of the next month', () => {
    expect(periodEnd('2025-01-28', 1)).toBe('2025-02-27');
  });

  it('from the 1st, a period ends on the last day of the month before', () => {
    expect(periodEnd('2025-03-01', 1)).toBe('2025-03-31');
    expect(periodEnd('2024-03-01', 11)).toBe('2025-01-31');
  });

  it('from 29 February, one year ends on 28 February', () => {
    expect(periodEnd('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('rejects a period of zero months', () => {
    expect(() => periodEnd('2025-01-01', 0)).toThrow(RangeError);
  });

  it('property: the day after the end corresponds to S, or is the 1st after a month lacking that day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20000 }), fc.integer({ min: 1, max: 48 }), (offset, n) => {
        const s = addDays('2000-01-01', offset);
        const next = addDays(periodEnd(s, n), 1);
        const sDay = Number(s.slice(8));
        const nextDay = Number(next.slice(8));
        if (nextDay === sDay) return true;
        // The month before `next` must lack day sDay.
        const prevMonthDays = daysInMonth(monthOf(addDays(next, -1)));
        return nextDay === 1 && prevMonthDays < sDay;
      }),
    );
  });
});

describe('"Dから Nヶ月を経過する日": Art. 143 from D + 1', () => {
  it.each([
    ['2025-01-10', '2025-04-10'],
    ['2025-04-30', '2025-07-31'],
    ['2025-02-28', '2025-05-31'],
    ['2025-11-29', '2026-02-28'],
    ['2025-11-30', '2026-02-28'],
  ])('3 months elapse from %s on %s', (d, expected) => {
    expect(monthsElapse(d, 3)).toBe(expected);
  });
});

describe('Minimum term end (起算日 = billing start date, counted)', () => {
  it.each([
    ['2025-04-01', 1, '2026-03-31'],
    ['2025-04-15', 3, '2028-04-14'],
    ['2023-03-01', 1, '2024-02-29'],
    ['2024-02-29', 1, '2025-02-28'],
  ] as const)('billing start %s, %i year(s) → last day %s', (start, years, expected) => {
    expect(minimumTermEnd(start, years)).toBe(expected);
  });
});

describe('Art. 142 deadline shift (off by default)', () => {
  // 2025-05-04 is a Sunday; 2025-05-05 and 2025-05-06 are public holidays in Japan.
  const goldenWeek = ['2025-05-05', '2025-05-06'];

  it('given the policy is off, a Sunday deadline stays', () => {
    expect(shiftDeadline('2025-05-04', { enabled: false })).toBe('2025-05-04');
  });

  it('given the policy is on, a Sunday followed by holidays moves to the next business day', () => {
    expect(shiftDeadline('2025-05-04', { enabled: true, holidays: goldenWeek, sundays: true })).toBe(
      '2025-05-07',
    );
  });

  it('given Sundays are not closed, only listed holidays move the deadline', () => {
    expect(shiftDeadline('2025-05-04', { enabled: true, holidays: goldenWeek, sundays: false })).toBe(
      '2025-05-04',
    );
    expect(shiftDeadline('2025-05-05', { enabled: true, holidays: goldenWeek, sundays: false })).toBe(
      '2025-05-07',
    );
  });

  it('a weekday that is not a holiday stays', () => {
    expect(shiftDeadline('2025-05-07', { enabled: true, holidays: goldenWeek, sundays: true })).toBe(
      '2025-05-07',
    );
  });
});

describe('Date helpers', () => {
  it('validates calendar dates strictly', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2025-4-1')).toBe(false);
    expect(isLocalDate('2025-04-01T00:00:00Z')).toBe(false);
    expect(isLocalDate(20250401)).toBe(false);
    expect(LocalDateSchema.safeParse('2025-13-01').success).toBe(false);
    expect(LocalDateSchema.safeParse('2025-12-01').success).toBe(true);
  });

  it('validates months', () => {
    expect(isMonth('2025-02')).toBe(true);
    expect(isMonth('2025-13')).toBe(false);
    expect(isMonth('2025-02-01')).toBe(false);
  });

  it('refuses arithmetic on an invalid date', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
  });

  it('compares and picks dates', () => {
    expect(compareDates('2025-04-01', '2025-05-01')).toBe(-1);
    expect(compareDates('2025-05-01', '2025-05-01')).toBe(0);
    expect(laterOf('2025-05-01', '2025-06-30')).toBe('2025-06-30');
    expect(laterOf('2025-05-01', null)).toBe('2025-05-01');
    expect(earlierOf('2025-05-01', '2025-06-30')).toBe('2025-05-01');
  });

  it('knows month lengths and bounds', () => {
    expect(daysInMonth('2024-02')).toBe(29);
    expect(daysInMonth('2025-02')).toBe(28);
    expect(firstDayOfMonth('2025-04')).toBe('2025-04-01');
    expect(lastDayOfMonth('2025-04')).toBe('2025-04-30');
    expect(monthOf('2025-04-15')).toBe('2025-04');
  });

  it('counts days inclusively', () => {
    expect(daysInclusive('2025-04-15', '2025-04-30')).toBe(16);
    expect(daysInclusive('2025-04-15', '2025-04-15')).toBe(1);
    expect(daysInclusive('2025-04-15', '2025-04-14')).toBe(0);
    expect(daysInclusive('2024-01-01', '2024-12-31')).toBe(366);
  });

  it('lists the months a span touches', () => {
    expect(monthsCovering('2025-11-20', '2026-02-03')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsCovering('2025-11-20', '2025-11-19')).toEqual([]);
  });
});

describe('the fixed UTC+9 zone is Asia/Tokyo for every day the ledger handles', () => {
  it('agrees with the IANA zone at midnight of every day from 2006 to 2040', () => {
    const { DateTime } = jest.requireActual<typeof import('luxon')>('luxon');
    const { JST, TOKYO } =
      jest.requireActual<typeof import('../../src/terms/dates')>('../../src/terms/dates');
    let day = DateTime.fromISO('2006-01-01T00:00:00', { zone: TOKYO });
    const last = DateTime.fromISO('2040-12-31T12:00:00', { zone: TOKYO });
    let checked = 0;
    while (day <= last) {
      expect(day.setZone(JST).toISO()).toBe(day.toISO());
      checked++;
      day = day.plus({ days: 1 });
    }
    expect(checked).toBeGreaterThan(12000);
  });
});
