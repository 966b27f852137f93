/**
 * The `policies` aggregate: the deployment's policy sets, each adopted by staff from a date (issue
 * 24). A set is a fact of the ledger, so that every decision reads, from the log, the set in force
 * on its fact's date; an adoption is itself an audited event (who, when, what changed).
 *
 * Bitemporal: an adoption governs from a day not before the day it is recorded (never back-dated):
 * what was decided before it stays decided under the set it read.
 */
import type { EventData, PolicyEvent, PolicySettingName } from '../../events';
import { cite, civilCode, policyRef } from '../../terms/citation';
import type { LocalDate } from '../../terms/dates';
import { catalogOf, fitCatalogs } from '../../terms/provider-catalog';
import type { TermsConfig } from '../context';
import { accept, type Decider, type Decision, reject } from '../decision';
import { adopt, catalogWith, EMPTY_POLICY_BOOK, type PolicyBook, settingsOf, termsOn } from './book';
import type { PolicyCommand } from './commands';

export interface PolicyContext {
  /** The deployment's base settings (before any adoption). */
  readonly base: TermsConfig;
  /** The Japan date the command is recorded on (from the pipeline's clock). */
  readonly today: LocalDate;
}

type D = Decision<PolicyEvent>;

/** The citation of an adoption: the provisions its settings read. */
const ADOPTION = cite(
  policyRef('deadline-shift'),
  civilCode(142),
  policyRef('termination-28-effective-by-art-18'),
  policyRef('distinct-lan-subnets-per-vpn'),
);

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const decide = (command: PolicyCommand, book: PolicyBook, ctx: PolicyContext): D => {
  const data = command.data;
  if (data.from < ctx.today) {
    return reject('POLICY_BACKDATED', { from: data.from, today: ctx.today }, ADOPTION, 'from');
  }
  const before = settingsOf(termsOn(ctx.base, book, data.from));
  const settings: EventData<'PoliciesAdopted'>['settings'] = {
    holidayPolicy: data.holidayPolicy
      ? data.holidayPolicy.enabled
        ? { ...data.holidayPolicy, holidays: [...new Set(data.holidayPolicy.holidays)].sort() }
        : data.holidayPolicy
      : before.holidayPolicy,
    termination28: data.termination28 ?? before.termination28,
    defaultChildSiteLimit: data.defaultChildSiteLimit ?? before.defaultChildSiteLimit,
    distinctLanSubnets: data.distinctLanSubnets ?? before.distinctLanSubnets,
  };
  const editions = data.catalogEditions ?? [];
  for (const [i, e] of editions.entries()) {
    // An edition takes effect on its own date; it must not reach back before the adoption does.
    if (e.effectiveFrom < data.from) {
      return reject(
        'CATALOG_EDITION_BEFORE_ADOPTION',
        { edition: e.edition, effectiveFrom: e.effectiveFrom, from: data.from },
        ADOPTION,
        `catalogEditions.${i}.effectiveFrom`,
      );
    }
  }
  const known = catalogWith(ctx.base.catalog, book);
  const fit = fitCatalogs(known, catalogOf(editions));
  if (fit.problems.length > 0) {
    return reject('CATALOG_EDITIONS_DO_NOT_FIT', fit.problems[0]!, ADOPTION, 'catalogEditions');
  }
  const fresh = editions.filter((e) => !known.editions.some((k) => k.edition === e.edition));
  const changed: PolicySettingName[] = [];
  for (const name of [
    'holidayPolicy',
    'termination28',
    'defaultChildSiteLimit',
    'distinctLanSubnets',
  ] as const)
    if (!sameJson(settings[name], before[name])) changed.push(name);
  if (fresh.length > 0) changed.push('catalogEditions');
  if (changed.length === 0) return reject('POLICY_UNCHANGED', { from: data.from }, ADOPTION);
  return accept<PolicyEvent>([
    {
      type: 'PoliciesAdopted',
      data: { from: data.from, settings, catalogEditions: fresh, changed, note: data.note ?? null },
    },
  ]);
};

const evolve = (book: PolicyBook, event: PolicyEvent): PolicyBook =>
  adopt(book, {
    from: event.data.from,
    settings: event.data.settings,
    catalogEditions: event.data.catalogEditions,
    changed: event.data.changed,
    note: event.data.note,
    recorded: null,
  });

export const policyDecider: Decider<PolicyCommand, PolicyBook, PolicyEvent, PolicyContext> = {
  initialState: EMPTY_POLICY_BOOK,
  evolve,
  decide,
};
