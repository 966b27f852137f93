/**
 * "As effective on date D": the facts of a contract (or network) with everything dated after D left
 * out. Each fact is dated by what its event says happened (a notice's arrival, a billing start, the
 * Japan date of an outage becoming known), not by when the ledger recorded it; "as the ledger knew
 * it at T" is the fold's `knownAt` instead.
 */
import { addDays, isLocalDate, jstDate, type LocalDate } from '../terms';
import type { ContractFacts, Dated, NetworkFacts } from './facts';

/**
 * Fact dates were validated when their events were written, and 'YYYY-MM-DD' strings sort as the
 * dates do (terms/dates.ts compareDates), so the queries compare them as strings: parsing every
 * date again through luxon made a month's charges over 10,000 contracts take seconds.
 */
export const notAfter = (d: LocalDate, limit: LocalDate): boolean => d <= limit;
export const compareFactDates = (a: LocalDate, b: LocalDate): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A cheap guard before jstDate: could an instant's Japan date fall within from..to? The date
 * written in the string is at most one day off its Japan date, whatever the offset.
 */
export function instantMayFallWithin(from: LocalDate, to: LocalDate): (instant: string) => boolean {
  const lo = addDays(from, -1);
  const hi = addDays(to, 1);
  return (instant) => {
    const written = instant.slice(0, 10);
    return notAfter(lo, written) && notAfter(written, hi);
  };
}

export function assertDate(d: LocalDate, label = 'date'): void {
  if (!isLocalDate(d)) throw new RangeError(`${label} must be a calendar date YYYY-MM-DD, got ${String(d)}`);
}

const keep = <T extends Dated>(x: T | null, d: LocalDate): T | null => (x && notAfter(x.on, d) ? x : null);

function filterMap<K, V>(map: Map<K, V>, fn: (v: V) => V | null): Map<K, V> {
  const out = new Map<K, V>();
  for (const [k, v] of map) {
    const kept = fn(v);
    if (kept) out.set(k, kept);
  }
  return out;
}

/** The contract as effective on `d`, or null when its application had not been accepted by then. */
export function contractAsOf(c: ContractFacts, d: LocalDate): ContractFacts | null {
  if (!notAfter(c.acceptedOn, d)) return null;
  const onTime = (instant: string) => notAfter(jstDate(instant), d);
  return {
    ...c,
    billingStart: keep(c.billingStart, d),
    modelChanges: filterMap(c.modelChanges, (m) =>
      notAfter(m.acceptedOn, d)
        ? { ...m, completed: m.completed && notAfter(m.completed.billingStartOn, d) ? m.completed : null }
        : null,
    ),
    options: filterMap(c.options, (o) =>
      notAfter(o.addedOn, d)
        ? {
            ...o,
            billingStart: keep(o.billingStart, d),
            stopNotice: o.stopNotice && notAfter(o.stopNotice.noticeArrivedOn, d) ? o.stopNotice : null,
          }
        : null,
    ),
    configJobs: filterMap(c.configJobs, (j) => {
      const instructed = j.instructed && onTime(j.instructed.at) ? j.instructed : null;
      const performed = j.performed && onTime(j.performed.startedAt) ? j.performed : null;
      return instructed || performed ? { ...j, instructed, performed } : null;
    }),
    faults: filterMap(c.faults, (f) => {
      const reported = f.reported && onTime(f.reported.at) ? f.reported : null;
      const investigation = keep(f.investigation, d);
      const resolution = keep(f.resolution, d);
      return reported || investigation || resolution ? { ...f, reported, investigation, resolution } : null;
    }),
    losses: filterMap(c.losses, (l) => {
      const next = {
        ...l,
        reported: keep(l.reported, d),
        replacements: l.replacements.filter((r) => notAfter(r.on, d)),
        charges: l.charges.filter((q) => notAfter(q.on, d)),
        found: keep(l.found, d),
      };
      return next.reported || next.replacements.length || next.charges.length || next.found ? next : null;
    }),
    equipment: filterMap(c.equipment, (i) =>
      notAfter(i.since, d) ? { ...i, replaced: keep(i.replaced, d), returned: keep(i.returned, d) } : null,
    ),
    relocations: filterMap(c.relocations, (r) =>
      notAfter(r.consentedOn, d) ? { ...r, relocated: keep(r.relocated, d) } : null,
    ),
    returns: c.returns.filter((r) => notAfter(r.on, d)),
    oneTimeCosts: filterMap(c.oneTimeCosts, (x) => keep(x, d)),
    outages: filterMap(c.outages, (o) => {
      const seen = o.known && onTime(o.known.at) ? o.known : null;
      // Counted from a billing start not yet effective on `d`: its hours had not begun to count.
      const known =
        seen?.countedBy && (c.billingStart === null || !notAfter(c.billingStart.on, d))
          ? { ...seen, countedFrom: null, claimWindow: null, countedBy: null }
          : seen;
      const resolved = o.resolved && onTime(o.resolved.at) ? o.resolved : null;
      const claims = o.claims.filter((x) => notAfter(x.on, d));
      return known || resolved || claims.length ? { ...o, known, resolved, claims } : null;
    }),
    measurements: filterMap(c.measurements, (x) => keep(x, d)),
    proposals: filterMap(c.proposals, (x) => keep(x, d)),
    breachCosts: filterMap(c.breachCosts, (x) => keep(x, d)),
    conduct: c.conduct.filter((x) => notAfter(x.on, d)),
    terminationNotice:
      c.terminationNotice && notAfter(c.terminationNotice.noticeArrivedOn, d) ? c.terminationNotice : null,
    termination: keep(c.termination, d),
  };
}

export function networkAsOf(n: NetworkFacts, d: LocalDate): NetworkFacts | null {
  if (!notAfter(n.registeredOn, d)) return null;
  return {
    ...n,
    sites: filterMap(n.sites, (s) => (notAfter(s.joinedOn, d) ? { ...s, left: keep(s.left, d) } : null)),
    disclosures: n.disclosures.filter((x) => notAfter(x.on, d)),
  };
}
