/** The only amounts the text fixes: configuration-change fees (Art. 10(4), Annex 1 §3(3)). */
import { type Instant, jstDateTime, jstIso, memoized } from './dates';
import { safeMultiply } from './money';

export const CONFIG_CHANGE_FEE_BUSINESS = 5000;
export const CONFIG_CHANGE_FEE_OUTSIDE = 10000;

/**
 * Annex 1 §3(3) says 営業時間内（9時00分～19時00分まで）and names no weekdays or holidays. The
 * ledger's default reads it by the job's start time in Japan, both ends inclusive, every day.
 */
export interface BusinessHoursPolicy {
  readonly name: 'business-hours-by-job-start';
  /** 'HH:mm:ss' Japan time, inclusive. */
  readonly opensAt: string;
  /** 'HH:mm:ss' Japan time, inclusive: a job starting at exactly this second is inside. */
  readonly closesAt: string;
}

export const businessHoursPolicy: BusinessHoursPolicy = {
  name: 'business-hours-by-job-start',
  opensAt: '09:00:00',
  closesAt: '19:00:00',
};

function msOfDay(hhmmss: string): number {
  const m = /^(\d{2}):(\d{2}):(\d{2})$/.exec(hhmmss);
  if (!m) throw new RangeError(`Not a time of day HH:mm:ss: ${hhmmss}`);
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (h > 23 || min > 59 || s > 59) throw new RangeError(`Not a time of day HH:mm:ss: ${hhmmss}`);
  return ((h * 60 + min) * 60 + s) * 1000;
}

export function isWithinBusinessHours(
  jobStartInstant: Instant,
  policy: BusinessHoursPolicy = businessHoursPolicy,
): boolean {
  const ms = jstMsOfDay(jobStartInstant);
  return ms >= msOfDay(policy.opensAt) && ms <= msOfDay(policy.closesAt);
}

/**
 * The Japan time of day of an instant, in milliseconds. It depends only on the time and offset
 * written after the 'T' (a day has no leap seconds, and Japan no daylight saving), so it is worked
 * out once per distinct time of day: a rebuild meets the same few job start times again and again.
 */
const jstMsOfDay = (instant: Instant): number => msOfDayMemo(instant.slice(instant.indexOf('T')));

const msOfDayMemo = memoized((timeAndOffset) => {
  const t = jstDateTime(`2000-01-01${timeAndOffset}`);
  return t.diff(t.startOf('day')).toMillis();
});

export interface ConfigChangeFee {
  readonly amount: number;
  readonly perDevice: number;
  readonly devices: number;
  readonly withinBusinessHours: boolean;
  /** The job start in Japan time, as the fee was judged. */
  readonly jobStartJst: string;
  readonly article: 'Annex 1 §3(3)';
  readonly policy: BusinessHoursPolicy['name'];
  /** The business hours the job start was judged against ('HH:mm:ss', Japan time, inclusive). */
  readonly opensAt: string;
  readonly closesAt: string;
}

/** Annex 1 §3(3): per VPN device, per job; charged to the instructing parent holder (Art. 10(4)). */
export function configChangeFee(
  jobStartInstant: Instant,
  devices: number,
  policy: BusinessHoursPolicy = businessHoursPolicy,
): ConfigChangeFee {
  if (!Number.isSafeInteger(devices) || devices < 1) {
    throw new RangeError(`A configuration change covers at least one device, got ${String(devices)}.`);
  }
  const withinBusinessHours = isWithinBusinessHours(jobStartInstant, policy);
  const perDevice = withinBusinessHours ? CONFIG_CHANGE_FEE_BUSINESS : CONFIG_CHANGE_FEE_OUTSIDE;
  const amount = safeMultiply(devices, perDevice);
  return {
    amount,
    perDevice,
    devices,
    withinBusinessHours,
    jobStartJst: jstIso(jobStartInstant),
    article: 'Annex 1 §3(3)',
    policy: policy.name,
    opensAt: policy.opensAt,
    closesAt: policy.closesAt,
  };
}
