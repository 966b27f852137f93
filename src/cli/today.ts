import { systemClock } from '../ledger/clock';
import { jstDate, type LocalDate } from '../terms/dates';

/** Today in Japan: the default of --as-of where a date is needed. */
export const todayInJapan = (): LocalDate => jstDate(systemClock());
