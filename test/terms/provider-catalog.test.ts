/**
 * The provider's data as data (issue 16 item 8): a versioned catalog file, validated with zod, an
 * effective date per edition; the decision uses the edition in force on its date.
 */
import {
  CatalogError,
  catalogEditionOn,
  FIRST_CATALOG_EDITION,
  findCatalogEdition,
  isAllowedModelChange,
  mergeCatalogs,
  parseCatalog,
  SHIPPED_CATALOG,
} from '../../src/terms';
import { EDITION_2026, FILE_2026, SHIPPED_JSON } from '../support/catalog';

const problemsOf = (json: unknown): string[] => {
  try {
    parseCatalog(json);
  } catch (error) {
    if (error instanceof CatalogError) return [...error.problems];
    throw error;
  }
  return [];
};

const withEdition = (patch: Record<string, unknown>) => ({
  schema: 'vpn-ledger.catalog/v1',
  editions: [{ ...SHIPPED_JSON.editions[0]!, ...patch }],
});

describe('the shipped catalog', () => {
  it('has one edition, the table the code held before, in force since the service began', () => {
    expect(SHIPPED_CATALOG.editions.map((e) => [e.edition, e.effectiveFrom])).toEqual([
      [FIRST_CATALOG_EDITION, '2006-06-01'],
    ]);
    expect(catalogEditionOn(SHIPPED_CATALOG, '2006-05-31')).toBeNull();
    expect(catalogEditionOn(SHIPPED_CATALOG, '2008-05-01')?.edition).toBe('2024-08-01');
  });

  it('says where its designated models and Annex 4 pairs come from: not the text, which leaves them to the provider', () =>
    expect(SHIPPED_CATALOG.editions[0]!.source).toMatch(
      /not the provider's.*当社が指定する, 当社が別途定める/,
    ));
});

describe('a catalog file is validated before the ledger decides with it', () => {
  it('refuses another schema', () =>
    expect(problemsOf({ schema: 'x', editions: SHIPPED_JSON.editions })).toEqual([
      expect.stringMatching(/^schema: /),
    ]));

  it('refuses an Annex 4 pair of unknown models, or between a VPN device and a switch', () =>
    expect(
      problemsOf(
        withEdition({
          annex4: [
            { from: 'Cisco 891FJ', to: 'Juniper SRX300' },
            { from: 'Cisco 891FJ', to: 'Cisco Catalyst 1000-24T-4G-L' },
          ],
        }),
      ),
    ).toEqual([
      'editions.0.annex4.0: Cisco 891FJ → Juniper SRX300: not models of this edition',
      'editions.0.annex4.1: Cisco 891FJ → Cisco Catalyst 1000-24T-4G-L: a VPN device and a switch',
    ]));

  it('refuses a model listed twice, a designated model it does not know, and a NetScreen outside its family', () => {
    const models = [...SHIPPED_JSON.editions[0]!.models];
    expect(
      problemsOf(
        withEdition({
          models: [
            ...models,
            models[0],
            { model: 'NetScreen-10', role: 'vpn-device', status: 'legacy', family: 'juniper' },
          ],
          designatedModels: { ...SHIPPED_JSON.editions[0]!.designatedModels, 'vpn-module': ['Mystery 9000'] },
        }),
      ),
    ).toEqual([
      'editions.0.models.13.model: Cisco 891FJ is listed twice',
      "editions.0.models.14.family: family 'netscreen' is for the NetScreen models (and only them): NetScreen-10",
      'editions.0.designatedModels.vpn-module.0: Mystery 9000 is not a model of this edition',
    ]);
  });

  it('refuses a later edition that drops a model (contracts made with it go on: mark it legacy)', () => {
    const gone = (m: string) => m === 'Cisco 1812J';
    const dropped = {
      ...EDITION_2026,
      models: EDITION_2026.models.filter((m) => !gone(m.model)),
      annex4: EDITION_2026.annex4.filter((p) => !gone(p.from) && !gone(p.to)),
    };
    expect(
      problemsOf({ schema: 'vpn-ledger.catalog/v1', editions: [SHIPPED_JSON.editions[0], dropped] }),
    ).toEqual([
      "editions.1: edition 2026-04-01 drops Cisco 1812J of edition 2024-08-01: mark a model 'legacy' instead",
    ]);
  });
});

describe('installing an edition: added to the shipped ones, each decision by the edition of its date', () => {
  const catalog = mergeCatalogs(SHIPPED_CATALOG, parseCatalog(FILE_2026));

  it('keeps both editions, in order, and picks the one in force on a date', () => {
    expect(catalog.editions.map((e) => e.edition)).toEqual(['2024-08-01', '2026-04-01']);
    expect(catalogEditionOn(catalog, '2026-03-31')?.edition).toBe('2024-08-01');
    expect(catalogEditionOn(catalog, '2026-04-01')?.edition).toBe('2026-04-01');
  });

  it("answers Annex 4 by each edition's own table", () => {
    const [old, next] = ['2024-08-01', '2026-04-01'].map((id) => findCatalogEdition(catalog, id)!);
    expect(isAllowedModelChange(old!, 'Cisco ISR 4351', 'Cisco C8300-1N1S-6T')).toBe(false);
    expect(isAllowedModelChange(next!, 'Cisco ISR 4351', 'Cisco C8300-1N1S-6T')).toBe(true);
  });

  it('accepts a file that repeats the shipped edition as it is, and refuses one that rewrites it', () => {
    expect(mergeCatalogs(SHIPPED_CATALOG, parseCatalog(SHIPPED_JSON)).editions).toHaveLength(1);
    const rewritten = withEdition({ annex4: [] });
    expect(() => mergeCatalogs(SHIPPED_CATALOG, parseCatalog(rewritten))).toThrow(
      /edition 2024-08-01 differs from the edition of that id the ledger has/,
    );
  });

  it('refuses two editions taking effect on the same day', () => {
    const clash = {
      schema: 'vpn-ledger.catalog/v1',
      editions: [{ ...EDITION_2026, edition: 'x', effectiveFrom: '2006-06-01' }],
    };
    expect(() => mergeCatalogs(SHIPPED_CATALOG, parseCatalog(clash))).toThrow(
      /two editions take effect on 2006-06-01/,
    );
  });
});
