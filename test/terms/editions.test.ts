import {
  CURRENT_EDITION,
  canAcceptMaintenanceType,
  EDITIONS,
  editionOn,
  effectiveMaintenanceType,
  findEditionOn,
  TYPE1_ABOLISHED,
  TYPE1_NETSCREEN_ABOLISHED,
} from '../../src/terms';

describe('Terms editions (supplementary provisions)', () => {
  it('lists the 40 dates of the supplementary provisions, in order, from 2006-06-01 to 2024-08-01', () => {
    expect(EDITIONS).toHaveLength(40);
    expect(EDITIONS[0]?.id).toBe('2006-06-01');
    expect(EDITIONS.at(-1)?.id).toBe(CURRENT_EDITION);
    const ids = EDITIONS.map((e) => e.id);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('converts the era dates correctly (Heisei 22 = 2010, Reiwa 6 = 2024)', () => {
    expect(EDITIONS.find((e) => e.id === '2010-04-01')?.eraDate).toBe('平成22年4月1日');
    expect(EDITIONS.find((e) => e.id === '2024-05-01')?.eraDate).toBe('令和6年5月1日');
  });

  it.each([
    ['2006-06-01', '2006-06-01'],
    ['2008-06-15', '2008-04-01'],
    ['2010-01-31', '2009-12-01'],
    ['2010-02-01', '2010-02-01'],
    ['2016-12-31', '2015-07-01'],
    ['2024-07-31', '2024-05-01'],
    ['2024-08-01', '2024-08-01'],
    ['2031-01-01', '2024-08-01'],
  ])('on %s the edition in force is %s', (date, id) => {
    expect(editionOn(date)).toBe(id);
  });

  it('before 2006-06-01 no edition is in force', () => {
    expect(findEditionOn('2006-05-31')).toBeNull();
    expect(() => editionOn('2006-05-31')).toThrow(RangeError);
  });
});

describe('Maintenance Type 1 (附則 2010-02-01, 2010-04-01)', () => {
  it('Type 1 could be accepted up to 2010-01-31 only; Type 2 always', () => {
    expect(TYPE1_ABOLISHED).toBe('2010-02-01');
    expect(canAcceptMaintenanceType('type-1', '2010-01-31')).toBe(true);
    expect(canAcceptMaintenanceType('type-1', '2010-02-01')).toBe(false);
    expect(canAcceptMaintenanceType('type-2', '2008-01-01')).toBe(true);
    expect(canAcceptMaintenanceType('type-2', '2025-01-01')).toBe(true);
  });

  it('given a Cisco Type-1 contract of 2008, it reads as Type 1 until 2010-01-31', () => {
    expect(effectiveMaintenanceType('type-1', 'Cisco 1812J', '2010-01-31').type).toBe('type-1');
  });

  it('given a Cisco Type-1 contract, from 2010-02-01 it is Type 2 at the contracted price', () => {
    const r = effectiveMaintenanceType('type-1', 'Cisco 1812J', '2010-02-01');
    expect(r).toMatchObject({ type: 'type-2', priceBasis: 'contracted' });
    expect(r.basis).toBe('type-1-abolished');
  });

  it('given a NetScreen Type-1 contract, it keeps Type 1 through 2010-03-31', () => {
    const r = effectiveMaintenanceType('type-1', 'NetScreen-5GT', '2010-03-31');
    expect(r.type).toBe('type-1');
    expect(r.article).toContain('proviso');
  });

  it('given a NetScreen Type-1 contract, from 2010-04-01 it is Type 2 at the contracted price', () => {
    expect(TYPE1_NETSCREEN_ABOLISHED).toBe('2010-04-01');
    const r = effectiveMaintenanceType('type-1', 'NetScreen-5GT', '2010-04-01');
    expect(r).toMatchObject({ type: 'type-2', priceBasis: 'contracted' });
    expect(r.basis).toBe('netscreen-type-1-abolished');
  });

  it('a Type-2 contract is always Type 2', () => {
    expect(effectiveMaintenanceType('type-2', 'NetScreen-50', '2008-01-01').type).toBe('type-2');
  });
});
