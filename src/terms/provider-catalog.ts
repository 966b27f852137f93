/**
 * The provider's data as data (issue 16 item 8): the device models (Art. 3 「又はそれと同等機能を有する
 * 当社指定のVPN機器」, and the legacy models of older contracts), the models each accessory option is
 * designated for (Art. 17(2)(4)-(6) 「当社が指定するVPN機器」) and Annex 4's pairs (「当社が別途定める
 * 変更前及び変更後の機器種別間」). The terms leave all three to the provider, who changes them, so they
 * live in a versioned catalog file with an effective date per edition, validated here.
 *
 * Pure: the JSON comes in as a value. The edition the ledger ships is imported with the code (no
 * I/O); a deployment installs a newer edition through the CLI's `--catalog PATH` (or the environment
 * variable VPN_LEDGER_CATALOG), which reads the file and passes the merged catalog in TermsConfig.
 * Each event whose decision read the catalog records the edition it used.
 */
import { z } from 'zod';
import shipped from '../../catalog/provider-catalog.json';
import { LocalDateSchema } from './dates';
import { isNetScreen } from './editions';

export const CATALOG_SCHEMA = 'vpn-ledger.catalog/v1';

/** The accessory options whose models the provider designates (Art. 17(2)(4)-(6)). */
export const PROVIDER_DESIGNATED_OPTIONS = ['rack-mount-kit', 'sfp-module', 'vpn-module'] as const;
export type ProviderDesignatedOption = (typeof PROVIDER_DESIGNATED_OPTIONS)[number];

const ModelName = z.string().min(1).max(100);

const ModelEntry = z.strictObject({
  model: ModelName,
  /** A VPN device, or a switch of the private-switch option. */
  role: z.enum(['vpn-device', 'switch']),
  /** current: offered now; legacy: known only from older contracts. */
  status: z.enum(['current', 'legacy']),
  /** 'netscreen' for the NetScreen models of the supplementary provisions (2010), else the maker. */
  family: z.string().min(1).max(50),
});
export type CatalogModel = z.infer<typeof ModelEntry>;

/** One edition of the catalog, as a file holds it (and as a policy adoption records it, src/events/policies.ts). */
export const CatalogEditionSchema = z
  .strictObject({
    /** The edition's id, recorded on every event whose decision used it. */
    edition: z
      .string()
      .min(1)
      .max(50)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, { error: 'letters, digits and . _ : - only' }),
    /** The first Japan date the edition applies to; each decision uses the edition in force on its date. */
    effectiveFrom: LocalDateSchema,
    /** Where the data come from, in words. */
    source: z.string().min(1).max(2000),
    models: z.array(ModelEntry).min(1),
    designatedModels: z.strictObject({
      'rack-mount-kit': z.array(ModelName),
      'sfp-module': z.array(ModelName),
      'vpn-module': z.array(ModelName),
    }),
    annex4: z.array(z.strictObject({ from: ModelName, to: ModelName })),
  })
  .superRefine((e, ctx) => {
    const roles = new Map<string, CatalogModel['role']>();
    e.models.forEach((m, i) => {
      if (roles.has(m.model))
        ctx.addIssue({ code: 'custom', path: ['models', i, 'model'], message: `${m.model} is listed twice` });
      roles.set(m.model, m.role);
      // The supplementary provisions name the NetScreen contracts by their model: the catalog agrees.
      if ((m.family === 'netscreen') !== isNetScreen(m.model))
        ctx.addIssue({
          code: 'custom',
          path: ['models', i, 'family'],
          message: `family 'netscreen' is for the NetScreen models (and only them): ${m.model}`,
        });
    });
    for (const option of PROVIDER_DESIGNATED_OPTIONS) {
      e.designatedModels[option].forEach((m, i) => {
        if (!roles.has(m))
          ctx.addIssue({
            code: 'custom',
            path: ['designatedModels', option, i],
            message: `${m} is not a model of this edition`,
          });
      });
    }
    const pairs = new Set<string>();
    e.annex4.forEach(({ from, to }, i) => {
      const path = ['annex4', i];
      if (!roles.has(from) || !roles.has(to))
        ctx.addIssue({ code: 'custom', path, message: `${from} → ${to}: not models of this edition` });
      else if (roles.get(from) !== roles.get(to))
        ctx.addIssue({ code: 'custom', path, message: `${from} → ${to}: a VPN device and a switch` });
      if (from === to) ctx.addIssue({ code: 'custom', path, message: `${from} → ${to}: no change` });
      if (pairs.has(`${from}\n${to}`))
        ctx.addIssue({ code: 'custom', path, message: `${from} → ${to} is listed twice` });
      pairs.add(`${from}\n${to}`);
    });
  });
export type CatalogEditionData = z.infer<typeof CatalogEditionSchema>;

const CatalogFileSchema = z
  .strictObject({ schema: z.literal(CATALOG_SCHEMA), editions: z.array(CatalogEditionSchema).min(1) })
  .superRefine((file, ctx) =>
    checkEditions(file.editions, (message, i) =>
      ctx.addIssue({ code: 'custom', path: ['editions', i], message }),
    ),
  );

/** Why editions do not fit together, as data (the policy decider refuses with it; files are told in words). */
export type CatalogFitProblem =
  | { readonly case: 'listed-twice'; readonly edition: string }
  | { readonly case: 'same-date'; readonly edition: string; readonly date: string }
  | { readonly case: 'differs'; readonly edition: string }
  | {
      readonly case: 'drops-models';
      readonly edition: string;
      readonly models: readonly string[];
      readonly before: string;
    };

const fitMessage = (p: CatalogFitProblem): string => {
  switch (p.case) {
    case 'listed-twice':
      return `edition ${p.edition} is listed twice`;
    case 'same-date':
      return `two editions take effect on ${p.date}`;
    case 'differs':
      return `edition ${p.edition} differs from the edition of that id the ledger has`;
    case 'drops-models':
      return `edition ${p.edition} drops ${p.models.join(', ')} of edition ${p.before}: mark a model 'legacy' instead`;
  }
};

/**
 * Edition ids and effective dates are unique, and a model once in the catalog stays in every later
 * edition (it may become 'legacy'): contracts made with it go on, and their events keep their meaning.
 */
function checkEditions(
  editions: readonly CatalogEditionData[],
  issue: (message: string, index: number) => void,
): void {
  for (const { problem, index } of editionProblems(editions)) issue(fitMessage(problem), index);
}

function editionProblems(
  editions: readonly CatalogEditionData[],
): { problem: CatalogFitProblem; index: number }[] {
  const out: { problem: CatalogFitProblem; index: number }[] = [];
  const ids = new Set<string>();
  const dates = new Set<string>();
  editions.forEach((e, i) => {
    if (ids.has(e.edition)) out.push({ problem: { case: 'listed-twice', edition: e.edition }, index: i });
    if (dates.has(e.effectiveFrom))
      out.push({ problem: { case: 'same-date', edition: e.edition, date: e.effectiveFrom }, index: i });
    ids.add(e.edition);
    dates.add(e.effectiveFrom);
  });
  const ordered = editions.map((e, i) => ({ e, i })).sort((a, b) => byDate(a.e, b.e));
  for (let k = 1; k < ordered.length; k++) {
    const { e: before } = ordered[k - 1]!;
    const { e: after, i } = ordered[k]!;
    const known = new Set(after.models.map((m) => m.model));
    const dropped = before.models.filter((m) => !known.has(m.model)).map((m) => m.model);
    if (dropped.length > 0)
      out.push({
        problem: { case: 'drops-models', edition: after.edition, models: dropped, before: before.edition },
        index: i,
      });
  }
  return out;
}

/** One edition, with its lookups built once. */
export interface CatalogEdition extends CatalogEditionData {
  readonly modelsByName: ReadonlyMap<string, CatalogModel>;
  readonly annex4Pairs: ReadonlySet<string>;
}

/** Every edition the ledger knows, in order of their effective dates. */
export interface ProviderCatalog {
  readonly editions: readonly CatalogEdition[];
}

export class CatalogError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[],
  ) {
    super(problems.length ? `${message}: ${problems.join('; ')}` : message);
    this.name = 'CatalogError';
  }
}

const pairKey = (from: string, to: string): string => `${from}\n${to}`;

const withLookups = (e: CatalogEditionData): CatalogEdition => ({
  ...e,
  modelsByName: new Map(e.models.map((m) => [m.model, m])),
  annex4Pairs: new Set(e.annex4.map((p) => pairKey(p.from, p.to))),
});

const byDate = (a: CatalogEditionData, b: CatalogEditionData): number =>
  a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0;

/** Validates a catalog file's content (already parsed from JSON); throws CatalogError naming every problem. */
export function parseCatalog(json: unknown, where = 'catalog'): ProviderCatalog {
  const parsed = CatalogFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new CatalogError(
      `${where} is not a valid ${CATALOG_SCHEMA} file`,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`),
    );
  }
  return { editions: [...parsed.data.editions].sort(byDate).map(withLookups) };
}

/** Editions already validated one by one (a policy adoption's), as a catalog; their fit is checked by mergeCatalogs. */
export const catalogOf = (editions: readonly CatalogEditionData[]): ProviderCatalog => ({
  editions: [...editions].sort(byDate).map(withLookups),
});

/**
 * The shipped catalog with a deployment's editions added. An edition id in both must hold the same
 * data (an installed file may repeat the shipped edition); editions never share an effective date.
 */
export function mergeCatalogs(base: ProviderCatalog, added: ProviderCatalog): ProviderCatalog {
  const { catalog, problems } = fitCatalogs(base, added);
  if (problems.length)
    throw new CatalogError('The catalog editions do not fit together', problems.map(fitMessage));
  return catalog;
}

/** The editions of `added` merged into `base`, and every problem with their fit (as data). */
export function fitCatalogs(
  base: ProviderCatalog,
  added: ProviderCatalog,
): { catalog: ProviderCatalog; problems: CatalogFitProblem[] } {
  const problems: CatalogFitProblem[] = [];
  const all = [...base.editions];
  for (const e of added.editions) {
    const same = all.find((b) => b.edition === e.edition);
    if (same) {
      if (JSON.stringify(strip(same)) !== JSON.stringify(strip(e)))
        problems.push({ case: 'differs', edition: e.edition });
      continue;
    }
    all.push(e);
  }
  problems.push(...editionProblems(all).map((p) => p.problem));
  return { catalog: { editions: all.sort(byDate) }, problems };
}

const strip = ({ modelsByName: _m, annex4Pairs: _p, ...data }: CatalogEdition): CatalogEditionData => data;

/** The edition in force on `date` (the latest whose effectiveFrom is not after it), or null. */
export function catalogEditionOn(catalog: ProviderCatalog, date: string): CatalogEdition | null {
  let found: CatalogEdition | null = null;
  for (const e of catalog.editions) {
    if (e.effectiveFrom <= date) found = e;
    else break;
  }
  return found;
}

export function findCatalogEdition(catalog: ProviderCatalog, id: string): CatalogEdition | null {
  return catalog.editions.find((e) => e.edition === id) ?? null;
}

/** The catalog shipped with the ledger (catalog/provider-catalog.json). */
export const SHIPPED_CATALOG: ProviderCatalog = parseCatalog(shipped, 'catalog/provider-catalog.json');

/** The id of the shipped edition that was compiled into the code before the catalog became a file. */
export const FIRST_CATALOG_EDITION = '2024-08-01';

// ---------------------------------------------------------------------------------------------
// Lookups in one edition

export const catalogModel = (edition: CatalogEdition, model: string): CatalogModel | undefined =>
  edition.modelsByName.get(model);

export const isAllowedModelChange = (edition: CatalogEdition, from: string, to: string): boolean =>
  edition.annex4Pairs.has(pairKey(from, to));

export const designatedModelsOf = (
  edition: CatalogEdition,
  option: ProviderDesignatedOption,
): readonly string[] => edition.designatedModels[option];
