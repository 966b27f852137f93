/**
 * The policy book: the policy sets the deployment adopted (the `policies` stream), and the set in
 * force on a date. Pure: the pipeline loads the stream and passes the book in; every decision reads
 * the set in force on its fact's date (`termsOn`), so that replaying or re-deciding gives the same
 * answers on any machine, whatever its environment.
 */
import type { EventData, PolicySettings } from '../../events';
import type { LocalDate } from '../../terms/dates';
import {
  type CatalogEditionData,
  catalogOf,
  mergeCatalogs,
  type ProviderCatalog,
} from '../../terms/provider-catalog';
import type { TermsConfig } from '../context';

export interface PolicyAdoption {
  readonly from: LocalDate;
  readonly settings: PolicySettings;
  readonly catalogEditions: readonly CatalogEditionData[];
  readonly changed: EventData<'PoliciesAdopted'>['changed'];
  readonly note: string | null;
  /** When and by whom it was recorded (the event's envelope), for the audit; null in a bare fold. */
  readonly recorded: { readonly at: string; readonly by: string; readonly eventId: string } | null;
}

/** The adoptions in the order they were recorded. */
export interface PolicyBook {
  readonly adoptions: readonly PolicyAdoption[];
}

export const EMPTY_POLICY_BOOK: PolicyBook = { adoptions: [] };

export const adopt = (book: PolicyBook, adoption: PolicyAdoption): PolicyBook => ({
  adoptions: [...book.adoptions, adoption],
});

/**
 * The adoption governing `date`: the one with the latest `from` not after it; of two with the same
 * `from`, the one recorded later. Null: none, the deployment's base settings govern.
 */
export const adoptionOn = (book: PolicyBook, date: LocalDate): PolicyAdoption | null => {
  let found: PolicyAdoption | null = null;
  for (const a of book.adoptions) if (a.from <= date && (found === null || a.from >= found.from)) found = a;
  return found;
};

/** The settings of a TermsConfig, as an adoption records them. */
export const settingsOf = (terms: TermsConfig): PolicySettings => ({
  holidayPolicy: terms.holidayPolicy.enabled
    ? {
        enabled: true,
        holidays: [...terms.holidayPolicy.holidays],
        sundays: terms.holidayPolicy.sundays,
      }
    : { enabled: false },
  termination28: terms.termination28,
  defaultChildSiteLimit: terms.defaultChildSiteLimit,
  distinctLanSubnets: terms.distinctLanSubnets,
});

/** Every catalog edition the book adopted. */
export const adoptedEditions = (book: PolicyBook): CatalogEditionData[] =>
  book.adoptions.flatMap((a) => a.catalogEditions);

const catalogs = new WeakMap<PolicyBook, WeakMap<ProviderCatalog, ProviderCatalog>>();

/**
 * The base catalog with every edition the book adopted (an edition governs from its own date, never
 * before its adoption's `from`: the decider checks it). Remembered per book and base.
 */
export const catalogWith = (base: ProviderCatalog, book: PolicyBook): ProviderCatalog => {
  const editions = adoptedEditions(book);
  if (editions.length === 0) return base;
  let byBase = catalogs.get(book);
  if (!byBase) {
    byBase = new WeakMap();
    catalogs.set(book, byBase);
  }
  let merged = byBase.get(base);
  if (!merged) {
    merged = mergeCatalogs(base, catalogOf(editions));
    byBase.set(base, merged);
  }
  return merged;
};

/**
 * The settings the deciders read for a fact dated `date`: the base (the shipped defaults, or what
 * an embedding program passes) overridden by the adoption in force that day, with every adopted
 * catalog edition.
 */
export const termsOn = (base: TermsConfig, book: PolicyBook, date: LocalDate): TermsConfig => {
  if (book.adoptions.length === 0) return base;
  const a = adoptionOn(book, date);
  const catalog = catalogWith(base.catalog, book);
  if (a === null) return catalog === base.catalog ? base : { ...base, catalog };
  return {
    holidayPolicy: a.settings.holidayPolicy,
    termination28: a.settings.termination28,
    defaultChildSiteLimit: a.settings.defaultChildSiteLimit,
    distinctLanSubnets: a.settings.distinctLanSubnets,
    catalog,
  };
};
