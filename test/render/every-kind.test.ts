/**
 * Every rejection code (each of its cases), timeline step kind, formula and note kind, claim
 * reason, deadline note, policy and UI word, rendered in English and in Japanese. The English is
 * whole (no `{placeholder}` left); the Japanese is Japanese: no placeholder, no ISO date, and no
 * English word left once the values that stay as they are (ids, model names, free text, policy
 * names) are taken out, but for the few names the Japanese text itself uses (ALLOWED).
 */

import { EVENT_TYPES } from '../../src/events/catalog';
import type { ClaimReason } from '../../src/projections/reductions';
import type { DeadlineNote } from '../../src/projections/return-deadlines';
import { renderer } from '../../src/render';
import { deadlineNotesText } from '../../src/render/deadlines';
import { eventName } from '../../src/render/events';
import type { Lang } from '../../src/render/lang';
import { claimReasonText } from '../../src/render/timeline';
import { UI_MESSAGES, type UiKey } from '../../src/render/ui';
import { JA_WORDS } from '../../src/render/words';
import { ITEMS, OPTIONS } from '../../src/terms/catalog';
import { POLICIES, type PolicyName } from '../../src/terms/policies';
import { REJECTION_CODES, type Rejection, type RejectionCode } from '../../src/terms/rejections';
import { FORMULA_SAMPLES, NOTE_SAMPLES, REJECTION_CASES, REJECTION_SAMPLES, STEP_SAMPLES } from './samples';

/**
 * ASCII words the Japanese text uses on purpose: the service's and the protocols' names as the
 * terms write them (IIJマネージドVPN PROサービス, VPN, LAN, IPv4/IPv6, SFP, RFC1918), the names of
 * the ledger's formats and stores (JSON, SQLite, EventStoreDB), Cisco's model family named in the
 * policy of Art. 3 (Catalyst), NetScreen (the supplementary provisions of 2010 name it), and the
 * field names a server request or a command file carries (actor, instructedBy, coldStandby).
 */
const ALLOWED = new Set([
  'IIJ',
  'VPN',
  'PRO',
  'LAN',
  'IPv',
  'SFP',
  'RFC',
  'JSON',
  'SQLite',
  'EventStoreDB',
  'Catalyst',
  'NetScreen',
  'actor',
  'instructedBy',
  'coldStandby',
]);

/**
 * The codes the Japanese must put in words: every code of the vocabularies, the items and the
 * options. A sample's other strings (ids, models, free text) stay as they are in both languages.
 */
const CODES = new Set<string>([
  ...Object.values(JA_WORDS).flatMap((words) => Object.keys(words)),
  ...ITEMS,
  ...OPTIONS,
]);

/** Select keys: never shown, only choosing the words. */
const SELECTS = new Set(['case', 'kind', 'reason', 'restart', 'settlement', 'target', 'subject']);

/** Edition ids are dates, shown as the ids they are (`vpn-ledger catalog --edition 2024-08-01`). */
const ID_KEYS = new Set(['edition', 'catalogEdition']);

const DATE_LIKE = /^\d{4}-\d{2}(-\d{2}(T.*)?)?$/;

/** The values a sample gives that stay as they are in both languages. */
const verbatim = (x: unknown, key = ''): string[] => {
  if (typeof x === 'string') {
    if (ID_KEYS.has(key)) return [x];
    return SELECTS.has(key) || CODES.has(x) || DATE_LIKE.test(x) ? [] : [x];
  }
  if (Array.isArray(x)) return x.flatMap((v) => verbatim(v, key));
  if (x !== null && typeof x === 'object') {
    // A nested rejection's code is not shown; its params are.
    return Object.entries(x).flatMap(([k, v]) => (k === 'code' ? [] : verbatim(v, k)));
  }
  return [];
};

const POLICY_NAMES = Object.keys(POLICIES) as PolicyName[];

/** Japanese text with the ids, names and identifiers it quotes taken out. */
const stripped = (text: string, keep: readonly string[]): string => {
  // Commands and options as typed (`vpn-ledger rebuild`, --key PATH, what-if), and an id given as an example.
  let rest = text
    .replace(/`[^`]*`/g, ' ')
    .replace(/--[a-z-]+( [A-Z]+\b)?/g, ' ')
    .replace(/vpn-ledger( [a-z-]+)?|\bwhat-if\b/g, ' ')
    // A request as sent to the server (POST /v1/months/2025-10/close, draft=true).
    .replace(/\b(GET|POST|PUT|PATCH|DELETE) \/\S+|\b[a-z]+=[a-z0-9]+\b/g, ' ')
    // Environment variables and locales as typed (VPN_LEDGER_LANG, ja_JP).
    .replace(/\b[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\b|\b[a-z]{2}_[A-Z]{2}\b/g, ' ')
    .replace(/c-100:2025-10:monthly-basic/g, ' ')
    // An HTTP header as sent (Authorization: Bearer <token>).
    .replace(/Authorization: Bearer <token>/g, ' ');
  // Longest first, so a value is not cut by a shorter one inside it.
  for (const v of [...keep, ...POLICY_NAMES].sort((a, b) => b.length - a.length)) {
    if (v.length > 0) rest = rest.split(v).join(' ');
  }
  return rest;
};

/** English words left in Japanese text, but for the names it uses on purpose. */
const englishLeft = (rest: string): string[] =>
  (rest.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !ALLOWED.has(w));

/** Kana, kanji, or the full-width forms (（）、「」) Japanese typography uses. */
const JAPANESE = /[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]/;

const expectEnglish = (text: string) => {
  expect(text.trim()).not.toBe('');
  expect(text).not.toMatch(/\{[A-Za-z_]+[},]/);
  expect(text).toMatch(/[A-Za-z]/);
};

const expectJapanese = (text: string, keep: readonly string[]) => {
  expect(text).toMatch(JAPANESE);
  expect(text).not.toMatch(/\{[A-Za-z_]+[},]/);
  expect(text).not.toContain('undefined');
  const rest = stripped(text, keep);
  expect({ text, english: englishLeft(rest) }).toEqual({ text, english: [] });
  // Dates, instants and months in Japanese form (2025年10月16日), not ISO.
  expect({ text, iso: rest.match(/(?<![\w-])(19|20|21)\d\d-(0[1-9]|1[0-2])(?![\dA-Za-z])/g) ?? [] }).toEqual({
    text,
    iso: [],
  });
};

const both = (render: (lang: Lang) => string, keep: readonly string[]) => {
  expectEnglish(render('en'));
  expectJapanese(render('ja'), keep);
};

describe('every rejection code, in English and Japanese', () => {
  const cases = REJECTION_CODES.flatMap((code) =>
    (REJECTION_SAMPLES[code] as readonly unknown[]).map((params, i) => [code, i, params] as const),
  );

  it('has a sample for every code and every case of it', () => {
    for (const code of REJECTION_CODES)
      expect([code, REJECTION_SAMPLES[code].length > 0]).toEqual([code, true]);
    for (const [code, listed] of Object.entries(REJECTION_CASES)) {
      const sampled = new Set(
        (REJECTION_SAMPLES[code as RejectionCode] as readonly { case?: string }[]).map((p) => p.case),
      );
      expect([code, [...sampled].sort()]).toEqual([code, Object.keys(listed).sort()]);
    }
  });

  it.each(cases)('%s (sample %d)', (code, _i, params) => {
    const r = { code, params, cite: [] } as unknown as Rejection;
    both((lang) => renderer(lang).rejection(r), verbatim(params));
  });
});

describe('every timeline step kind, in English and Japanese', () => {
  const cases = (Object.keys(STEP_SAMPLES) as (keyof typeof STEP_SAMPLES)[]).flatMap((kind) =>
    (STEP_SAMPLES[kind] as readonly unknown[]).map((params, i) => [kind, i, params] as const),
  );
  it.each(cases)('%s (sample %d)', (kind, _i, params) => {
    const step = { kind, params } as Parameters<ReturnType<typeof renderer>['step']>[0];
    both((lang) => renderer(lang).step(step), verbatim(params));
  });
});

describe('every charge formula and note kind, in English and Japanese', () => {
  const formulas = Object.values(FORMULA_SAMPLES).flatMap((xs) => xs.map((f, i) => [f.kind, i, f] as const));
  it.each(formulas)('formula %s (sample %d)', (_kind, _i, f) => {
    both((lang) => renderer(lang).formula(f), verbatim(f));
  });

  const notes = Object.values(NOTE_SAMPLES).flatMap((xs) => xs.map((n, i) => [n.kind, i, n] as const));
  it.each(notes)('note %s (sample %d)', (_kind, _i, n) => {
    both((lang) => renderer(lang).note(n), verbatim(n));
  });
});

const CLAIM_REASONS: { readonly [K in ClaimReason['kind']]: Extract<ClaimReason, { kind: K }> } = {
  'not-provider-fault': { kind: 'not-provider-fault', cause: 'contractor' },
  'under-24-hours': { kind: 'under-24-hours', hours: 5 },
  'before-billing': { kind: 'before-billing' },
  'before-window': {
    kind: 'before-window',
    claimedOn: '2025-10-15',
    firstClaimableOn: '2025-10-16',
    reachedAt: '2025-10-15T13:00:00.000Z',
  },
  'after-window': {
    kind: 'after-window',
    claimedOn: '2026-02-01',
    lastClaimableOn: '2026-01-16',
    firstClaimableOn: '2025-10-16',
  },
  unresolved: { kind: 'unresolved' },
  'within-window': { kind: 'within-window', claimedOn: '2025-10-20', from: '2025-10-16', to: '2026-01-16' },
  'already-granted': { kind: 'already-granted', on: '2025-10-20' },
  'known-at-missing': { kind: 'known-at-missing' },
  'unresolved-unclaimed': { kind: 'unresolved-unclaimed' },
  'under-24-hours-no-reduction': { kind: 'under-24-hours-no-reduction', hours: 5 },
  claimable: { kind: 'claimable', from: '2025-10-16', to: '2026-01-16' },
};

const DEADLINE_NOTES: { readonly [K in DeadlineNote['kind']]: Extract<DeadlineNote, { kind: K }> } = {
  'due-shifted': { kind: 'due-shifted', from: '2025-11-16', to: '2025-11-17' },
  'returned-after-charge': { kind: 'returned-after-charge' },
  'returned-late': { kind: 'returned-late', dueOn: '2025-11-15', chargeQuoted: true },
  overdue: { kind: 'overdue', dueOn: '2025-11-15', chargeQuoted: false },
};

describe('every claim reason and deadline note, in English and Japanese', () => {
  it.each(Object.values(CLAIM_REASONS).map((r) => [r.kind, r] as const))('claim reason %s', (_k, r) => {
    both((lang) => claimReasonText(lang, r), verbatim(r));
  });
  it.each(Object.values(DEADLINE_NOTES).map((n) => [n.kind, n] as const))('deadline note %s', (_k, n) => {
    both((lang) => deadlineNotesText(lang, [n])!, verbatim(n));
  });
});

describe('every kind of fact, named in English and Japanese (the change feed)', () => {
  it.each(EVENT_TYPES)('%s', (type) => {
    both((lang) => eventName(lang, type), []);
    expect(eventName('en', type)).not.toBe(type);
  });
});

describe('every policy, in English and Japanese', () => {
  it.each(POLICY_NAMES)('%s', (name) => {
    both((lang) => renderer(lang).policy(name).description, []);
    expect(renderer('ja').policy(name).article).toMatch(/^(第|別紙|附則|民法)/);
  });
});

/**
 * Values for the UI words, by argument name; each key is rendered with these (a key with a new
 * argument fails here until it has a sample). Selects take one of their cases.
 */
const UI_VALUES: Readonly<Record<string, string | number>> = {
  bytes: '1048576',
  method: 'GET',
  route: '/v1/nowhere',
  openapi: '/openapi.json',
  requestId: 'req-1',
  line: 3,
  mood: 'would',
  type: 'StartBilling',
  commandId: 'cmd-3',
  events: 'BillingStarted',
  repeated: 'yes',
  what: 'StartBilling (cmd-3)',
  code: 'NETWORK_INCOMPLETE',
  article: '第8条第1項',
  message: '通知の到達日が申込の承諾日より前です。',
  field: 'data.billingStartOn',
  lines: 6,
  accepted: 4,
  rejected: 1,
  invalidJson: 1,
  unreadable: 0,
  eventsWritten: 9,
  seconds: '0.05',
  rate: 120,
  stopped: 'error',
  stoppedAt: 5,
  contractId: 'c-osaka',
  month: '2025-10',
  monthText: '2025年10月',
  closedAt: '2025年11月1日 09:00:00',
  closedBy: 'staff:sato',
  closeId: 'close-2025-10',
  count: 2,
  lineId: 'c-osaka:2025-10:monthly-basic',
  networkId: 'n-west',
  eventId: 'evt-1',
  knownAt: 'none',
  date: '2025年10月31日',
  acceptedOn: '2025年4月1日',
  parentHolderId: 'acme',
  reason: '課金開始日',
  fee: '38,000',
  years: 3,
  term: '3年',
  start: '2025年4月1日',
  end: '2028年3月31日',
  terminated: 'yes',
  effectiveOn: '2026年2月15日',
  noticeArrivedOn: '2026年1月10日',
  requestedOn: 'none',
  ground: '解約申込書による通知',
  evidenceRef: 'none',
  optionId: 'o-cs',
  kind: 'コールドスタンバイオプション',
  all: 'no',
  store: 'SQLiteファイル ./ledger.db',
  streams: 4,
  checked: 2,
  published: 1,
  signatures: 'checked',
  after: 3,
  position: 120,
  problem: 'ハッシュが一致しません',
  where: 'contract-c-osaka@3',
  file: 'examples/demo.jsonl',
  note: 'deleted',
  applied: 42,
  source: 'views',
  leftOut: 0,
  asOf: 'none',
  viewsProblem: 'none',
  path: './ledger.db',
  adjustments: 1,
  total: '176,500',
  streamId: 'billing-2025-11',
  digest: '34f36dd44c7ed73c',
  keyId: 'd8a2f23a3c8dd256',
  sealedAt: '2025年12月1日 09:00:00',
  revision: '0',
  publicPath: './ledger.db.pub',
  monthId: '2025-10',
  billTo: 'acme-west',
  contracts: 'c-fukuoka',
  difference: '-19,500',
  on: '2025年10月31日',
  inForce: '2024-08-01',
  editions: '2024-08-01',
  edition: '2024-08-01',
  option: 'SFPモジュールオプション',
  keyPath: './demo-seal-key.pem',
  first: '2025年3月',
  gone: 'no',
  invoiced: '10,000円',
  amount: '5,000円',
  status: 'invoiced',
  viewsCode: 'views_stale',
  version: 3,
  expected: 4,
  table: 'view_invoiced',
  openCode: 'no_ledger',
  directory: '/srv/ledgers',
  detail: 'connection refused',
  env: 'VPN_LEDGER_STORE',
  bar: '████',
  value: 5,
  through: '2025年10月',
  number: 'S-202510-3F2A-91C4-0B7E',
  id: 'wh_k3j4h5',
  kinds: 'month-closed, charges-changed',
  url: 'https://billing.example.jp/hooks/ledger',
  dropped: 2,
  deliveryId: 'wh_k3j4h5/120/month-closed',
  failure: 'timeout',
  ms: 10000,
  state: 'parked',
  choices: 'month-closed, charges-changed, adjustment-recorded',
  subscriptions: 2,
  event: '課金開始',
  open: 4,
  problems: 'query.month: Expected a month YYYY-MM',
  paths: 'query.month',
  accepts: 'application/x-ndjson',
  max: 5000,
  queue: 'yes',
  commands: 5000,
  queued: 4096,
  waiting: 64,
};

describe('every UI word, in English and Japanese', () => {
  const keys = Object.keys(UI_MESSAGES.en) as UiKey[];
  it.each(keys)('%s', (key) => {
    both((lang) => renderer(lang).ui(key, UI_VALUES), Object.values(UI_VALUES).map(String));
  });
});

describe('the English messages stay as they were', () => {
  const en = (code: RejectionCode, params: unknown) =>
    renderer('en').rejection({ code, params, cite: [] } as unknown as Rejection);

  it('reads as the ledger has always written them', () => {
    expect(en('CONTRACT_NOT_FOUND', { contractId: 'c-nobody' })).toBe(
      'Contract c-nobody has no accepted application.',
    );
    expect(
      en('CHANGE_NOT_ALLOWED', {
        case: 'item',
        current: 'single-star-single-edge',
        requested: 'dual-star-dual-edge',
      }),
    ).toBe(
      'The item of a contract can never change (it is single-star-single-edge; requested dual-star-dual-edge). Terminate and apply anew.',
    );
    expect(en('OPTION_NOT_ACTIVE', { case: 'stops', optionId: 'o-cs', effectiveOn: '2025-10-31' })).toBe(
      'Option o-cs stops on 2025-10-31.',
    );
    expect(en('LOSS_CHARGE_ALREADY_QUOTED', { amount: 120000, lossId: 'L1', quotedOn: '2025-08-31' })).toBe(
      'A loss charge of 120000 yen for loss L1 was quoted on 2025-08-31.',
    );
    expect(
      en('MONTH_ALREADY_CLOSED', {
        case: 'closed',
        month: '2025-10',
        closedAt: '2025-11-01T00:00:00.000Z',
        lines: 12,
        total: 345678,
      }),
    ).toBe(
      '2025-10 was closed at 2025-11-01T00:00:00.000Z (12 line(s), 345,678 yen); a closed month never changes: later facts are billed as adjustments in the first open month.',
    );
  });
});
