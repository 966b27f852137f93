/**
 * `vpn-ledger catalog`: the editions of the provider's catalog the ledger decides with (models,
 * Art. 3; designated models, Art. 17(2)(4)-(6); Annex 4's pairs), and the edition in force on a date.
 *
 * A deployment installs a new edition without a code change: a catalog file (schema
 * vpn-ledger.catalog/v1, like catalog/provider-catalog.json) named by `--catalog PATH` or the
 * environment variable VPN_LEDGER_CATALOG, on `apply` (which decides with it) and here (which shows
 * it). Its editions are added to the shipped ones: each decision uses the edition in force on its
 * date and records its id on the event, so events decided under an older edition keep their meaning.
 */
import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { DEFAULT_TERMS_CONFIG, type TermsConfig } from '../../aggregates/context';
import { toJsonText } from '../../documents/encoding';
import { renderer } from '../../render';
import { help } from '../../render/cli-help';
import { list } from '../../render/format';
import type { Lang } from '../../render/lang';
import { optionName } from '../../render/words';
import { OPTIONS, type OptionKind } from '../../terms/catalog';
import {
  type CatalogEdition,
  CatalogError,
  catalogEditionOn,
  mergeCatalogs,
  type ProviderCatalog,
  parseCatalog,
  SHIPPED_CATALOG,
} from '../../terms/provider-catalog';
import { cannotRead, EXIT, type ExitCode, failure, said, usageError } from '../errors';
import { renderFields, renderTable } from '../format';
import { type Io, out } from '../io';
import { langOf, langOption } from '../lang';
import { formatOption, parseDate } from '../options';
import { todayInJapan } from '../today';

export const catalogOption = (lang: Lang) =>
  new Option('--catalog <path>', help(lang, 'opt.catalog')).env('VPN_LEDGER_CATALOG');

/** The shipped catalog, with the editions of the file at `path` (if any) added. Bad files are usage errors. */
export const loadCatalog = (path: string | undefined): ProviderCatalog => {
  if (path === undefined || path === '') return SHIPPED_CATALOG;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw usageError(cannotRead('catalog', path, error));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw usageError(said('file.notJson', { what: 'catalog', path, detail: (error as Error).message }));
  }
  try {
    return mergeCatalogs(SHIPPED_CATALOG, parseCatalog(json, path));
  } catch (error) {
    if (error instanceof CatalogError) throw usageError(error.message);
    throw error;
  }
};

/** The deployment's settings for the deciders: the defaults, with the catalog of `path`. */
export const termsConfigWithCatalog = (path: string | undefined): TermsConfig =>
  path === undefined || path === ''
    ? DEFAULT_TERMS_CONFIG
    : { ...DEFAULT_TERMS_CONFIG, catalog: loadCatalog(path) };

interface CatalogOptions {
  readonly catalog?: string;
  readonly edition?: string;
  readonly on?: string;
  readonly format: 'table' | 'json';
  readonly lang?: Lang;
}

const count = (e: CatalogEdition, f: (m: CatalogEdition['models'][number]) => boolean) =>
  e.models.filter(f).length;

const editionJson = (e: CatalogEdition) => ({
  edition: e.edition,
  effectiveFrom: e.effectiveFrom,
  source: e.source,
  models: e.models,
  designatedModels: e.designatedModels,
  annex4: e.annex4,
});

/** An option of a catalog file: its code in English, its name in Japanese (the code when it is not one of ours). */
const optionWords = (lang: Lang, option: string): string =>
  lang === 'en' || !(OPTIONS as readonly string[]).includes(option)
    ? option
    : optionName(lang, option as OptionKind);

/**
 * One edition in full. The models, families and the source are the catalog's own data (the
 * provider's names), shown as they are in either language; roles and statuses are words.
 */
const editionDetail = (e: CatalogEdition, lang: Lang): string => {
  const w = renderer(lang);
  return [
    renderFields([
      [w.ui('field.catalogEdition'), e.edition],
      [w.ui('field.effectiveFrom'), w.date(e.effectiveFrom)],
      [w.ui('field.source'), e.source],
    ]),
    '',
    renderTable(
      [
        { header: w.ui('col.model') },
        { header: w.ui('col.role') },
        { header: w.ui('col.status') },
        { header: w.ui('col.family') },
      ],
      e.models.map((m) => [m.model, w.word('modelRole', m.role), w.word('modelStatus', m.status), m.family]),
    ),
    '',
    renderFields(
      Object.entries(e.designatedModels).map(([option, models]) => [
        w.ui('catalog.designatedFor', { option: optionWords(lang, option) }),
        list(lang, models) || w.ui('catalog.noModels'),
      ]),
    ),
    '',
    w.ui('catalog.annex4', { count: e.annex4.length }),
    renderTable(
      [{ header: w.ui('col.fromModel') }, { header: w.ui('col.toModel') }],
      e.annex4.map((p) => [p.from, p.to]),
    ),
  ].join('\n');
};

export const runCatalog = (io: Io, opts: CatalogOptions): ExitCode => {
  const lang = langOf(io, opts.lang);
  const w = renderer(lang);
  const catalog = loadCatalog(opts.catalog);
  const on = opts.on ?? todayInJapan();
  const inForce = catalogEditionOn(catalog, on);
  const chosen =
    opts.edition === undefined ? null : (catalog.editions.find((e) => e.edition === opts.edition) ?? null);
  if (opts.edition !== undefined && chosen === null) {
    throw failure(
      w.ui('catalog.noEdition', {
        edition: opts.edition,
        editions: list(
          lang,
          catalog.editions.map((e) => e.edition),
        ),
      }),
    );
  }
  if (opts.format === 'json') {
    out(
      io,
      toJsonText({
        schema: 'vpn-ledger.catalog-editions/v1',
        on,
        inForce: inForce?.edition ?? null,
        installed: opts.catalog ?? null,
        editions: (chosen ? [chosen] : catalog.editions).map(editionJson),
      }),
    );
    return EXIT.OK;
  }
  if (chosen) {
    out(io, editionDetail(chosen, lang));
    return EXIT.OK;
  }
  out(
    io,
    `${w.ui('catalog.summary', {
      count: catalog.editions.length,
      file: opts.catalog ? opts.catalog : 'none',
      on: w.date(on),
      inForce: inForce?.edition ?? 'none',
    })}\n`,
  );
  out(
    io,
    renderTable(
      [
        { header: w.ui('col.edition') },
        { header: w.ui('col.effectiveFrom') },
        { header: w.ui('col.vpnDevices'), align: 'right' },
        { header: w.ui('col.switches'), align: 'right' },
        { header: w.ui('col.legacy'), align: 'right' },
        { header: w.ui('col.annex4Pairs'), align: 'right' },
      ],
      catalog.editions.map((e) => [
        e.edition,
        w.date(e.effectiveFrom),
        String(count(e, (m) => m.role === 'vpn-device')),
        String(count(e, (m) => m.role === 'switch')),
        String(count(e, (m) => m.status === 'legacy')),
        String(e.annex4.length),
      ]),
    ),
  );
  return EXIT.OK;
};

export const registerCatalog = (
  program: Command,
  io: Io,
  setExit: (code: ExitCode) => void,
  lang: Lang,
): void => {
  program
    .command('catalog')
    .description(help(lang, 'catalog'))
    .addOption(catalogOption(lang))
    .option('--edition <id>', help(lang, 'catalog.edition'))
    .option('--on <date>', help(lang, 'catalog.on'), parseDate(lang))
    .addOption(formatOption(lang))
    .addOption(langOption(lang))
    .action((opts: CatalogOptions) => setExit(runCatalog(io, opts)));
};
