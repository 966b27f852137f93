/**
 * Terms editions, from the supplementary provisions (附則): in force from 2006-06-01 and amended on
 * each date listed there. An edition's id is the date it took effect.
 */
import { compareDates, type LocalDate } from './dates';
import type { MaintenanceType } from './vocabulary';

export type EditionId = LocalDate;

export interface Edition {
  readonly id: EditionId;
  /** The first day the edition applies (この契約約款は、…から実施します). */
  readonly effectiveFrom: LocalDate;
  /** The date as the Japanese text writes it. */
  readonly eraDate: string;
}

const edition = (effectiveFrom: LocalDate, eraDate: string): Edition => ({
  id: effectiveFrom,
  effectiveFrom,
  eraDate,
});

/** In date order; Heisei year + 1988, Reiwa year + 2018 = Gregorian year. */
export const EDITIONS: readonly Edition[] = [
  edition('2006-06-01', '平成18年6月1日'),
  edition('2007-01-01', '平成19年1月1日'),
  edition('2007-06-01', '平成19年6月1日'),
  edition('2008-04-01', '平成20年4月1日'),
  edition('2008-09-01', '平成20年9月1日'),
  edition('2008-12-01', '平成20年12月1日'),
  edition('2009-04-01', '平成21年4月1日'),
  edition('2009-09-01', '平成21年9月1日'),
  edition('2009-12-01', '平成21年12月1日'),
  edition('2010-02-01', '平成22年2月1日'),
  edition('2010-04-01', '平成22年4月1日'),
  edition('2010-06-01', '平成22年6月1日'),
  edition('2010-10-01', '平成22年10月1日'),
  edition('2011-02-01', '平成23年2月1日'),
  edition('2011-04-01', '平成23年4月1日'),
  edition('2011-06-01', '平成23年6月1日'),
  edition('2011-09-01', '平成23年9月1日'),
  edition('2011-11-01', '平成23年11月1日'),
  edition('2011-12-01', '平成23年12月1日'),
  edition('2012-07-01', '平成24年7月1日'),
  edition('2012-11-01', '平成24年11月1日'),
  edition('2013-04-01', '平成25年4月1日'),
  edition('2013-07-01', '平成25年7月1日'),
  edition('2013-09-01', '平成25年9月1日'),
  edition('2013-11-01', '平成25年11月1日'),
  edition('2014-03-01', '平成26年3月1日'),
  edition('2014-08-01', '平成26年8月1日'),
  edition('2014-10-01', '平成26年10月1日'),
  edition('2015-03-01', '平成27年3月1日'),
  edition('2015-05-01', '平成27年5月1日'),
  edition('2015-07-01', '平成27年7月1日'),
  edition('2017-04-01', '平成29年4月1日'),
  edition('2017-10-01', '平成29年10月1日'),
  edition('2018-03-01', '平成30年3月1日'),
  edition('2020-02-01', '令和2年2月1日'),
  edition('2020-09-01', '令和2年9月1日'),
  edition('2021-10-01', '令和3年10月1日'),
  edition('2022-08-01', '令和4年8月1日'),
  edition('2024-05-01', '令和6年5月1日'),
  edition('2024-08-01', '令和6年8月1日'),
];

export const FIRST_EDITION: EditionId = '2006-06-01';
export const CURRENT_EDITION: EditionId = '2024-08-01';

/** 附則 (2010-02-01) 2: maintenance Type 1 abolished. */
export const TYPE1_ABOLISHED: LocalDate = '2010-02-01';
/** 附則 (2010-04-01) 2: Type 1 abolished for the NetScreen contracts that had kept it. */
export const TYPE1_NETSCREEN_ABOLISHED: LocalDate = '2010-04-01';

/** The edition in force on `date`, or null before the terms took effect (2006-06-01). */
export function findEditionOn(date: LocalDate): Edition | null {
  let found: Edition | null = null;
  for (const e of EDITIONS) {
    if (compareDates(e.effectiveFrom, date) <= 0) found = e;
    else break;
  }
  return found;
}

/**
 * The id of the edition in force on `date`. Throws a RangeError before 2006-06-01: the service
 * did not exist then, so an event dated earlier is an input error, not something to stamp.
 */
export function editionOn(date: LocalDate): EditionId {
  const e = findEditionOn(date);
  if (!e) {
    throw new RangeError(
      `No terms edition is in force on ${date}: the terms took effect on ${FIRST_EDITION}.`,
    );
  }
  return e.id;
}

/**
 * 機器種別をNetScreenとする契約 (supplementary provisions 2010-02-01, 2010-04-01): the text names the
 * family, so the rule reads the model's name; the catalog's 'netscreen' family is validated to agree.
 */
export function isNetScreen(m: string): boolean {
  return m.startsWith('NetScreen');
}

/** Type 1 could be accepted only before 2010-02-01 (附則 2010-02-01 para. 2); Type 2 always. */
export function canAcceptMaintenanceType(type: MaintenanceType, acceptedOn: LocalDate): boolean {
  if (type === 'type-2') return true;
  return compareDates(acceptedOn, TYPE1_ABOLISHED) < 0;
}

/**
 * Why a contract is read as its maintenance type on a date: contracted as Type 2; Type 1 abolished
 * (2010-02-01), or for NetScreen (2010-04-01), the contract continuing as Type 2 at its Type-1
 * price; NetScreen keeping Type 1 until 2010-04-01; contracted as Type 1 before 2010-02-01.
 */
export type MaintenanceBasis =
  | 'contracted-type-2'
  | 'type-1-abolished'
  | 'netscreen-type-1-abolished'
  | 'netscreen-type-1-kept'
  | 'contracted-type-1';

export interface EffectiveMaintenance {
  readonly type: MaintenanceType;
  /** Contracts converted from Type 1 keep their old price (なお従前の料金の額のまま). */
  readonly priceBasis: 'contracted';
  readonly article: string;
  readonly basis: MaintenanceBasis;
}

/**
 * The maintenance type a contract is read as on `onDate`. Type-1 contracts continue as Type 2 at
 * their old price from 2010-02-01 (附則 2010-02-01 para. 3); NetScreen contracts kept Type 1 until
 * 2010-04-01 (its proviso) and continue as Type 2 at the old price from then (附則 2010-04-01).
 */
export function effectiveMaintenanceType(
  contracted: MaintenanceType,
  deviceModel: string | null,
  onDate: LocalDate,
): EffectiveMaintenance {
  if (contracted === 'type-2') {
    return {
      type: 'type-2',
      priceBasis: 'contracted',
      article: 'Art. 4',
      basis: 'contracted-type-2',
    };
  }
  const netScreen = deviceModel !== null && isNetScreen(deviceModel);
  const abolishedOn = netScreen ? TYPE1_NETSCREEN_ABOLISHED : TYPE1_ABOLISHED;
  if (compareDates(onDate, abolishedOn) >= 0) {
    return {
      type: 'type-2',
      priceBasis: 'contracted',
      article: netScreen
        ? 'Supplementary provisions 2010-04-01, para. 2-3'
        : 'Supplementary provisions 2010-02-01, para. 2-3',
      basis: netScreen ? 'netscreen-type-1-abolished' : 'type-1-abolished',
    };
  }
  if (netScreen && compareDates(onDate, TYPE1_ABOLISHED) >= 0) {
    return {
      type: 'type-1',
      priceBasis: 'contracted',
      article: 'Supplementary provisions 2010-02-01, para. 3 proviso',
      basis: 'netscreen-type-1-kept',
    };
  }
  return {
    type: 'type-1',
    priceBasis: 'contracted',
    article: 'Art. 4 (edition before 2010-02-01)',
    basis: 'contracted-type-1',
  };
}
