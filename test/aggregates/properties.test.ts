/**
 * Properties over random, plausible command sequences: whatever the order, the deciders keep the
 * invariants of the terms, and a rejected command changes nothing.
 */
import fc from 'fast-check';
import {
  ALLOWED_AFTER_TERMINATION,
  COMMAND_SCHEMAS,
  type Command,
  type CommandData,
  type CommandType,
  contractIdOf,
} from '../../src/aggregates';
import type { AcceptedContract, ContractState } from '../../src/aggregates/contract/state';
import { deviceCount, type Item, OPTIONS } from '../../src/terms/catalog';
import { catalogEditionOn, SHIPPED_CATALOG } from '../../src/terms/provider-catalog';

const ANNEX4_CHANGES = catalogEditionOn(SHIPPED_CATALOG, '2025-01-01')!.annex4;

import { addDays, compareDates } from '../../src/terms/dates';
import { PROTO_IDS } from './fixtures';
import { command, recordedTermStarts, stateJson, told, World } from './support';

const VPN_MODELS = ['Cisco ISR 4351', 'Cisco ASR 1001-X', 'Cisco 891FJ', 'Cisco 892FSP', 'Cisco C1121-8P'];
const SWITCHES = [
  'Cisco Catalyst 1000-24T-4G-L',
  'Cisco Catalyst 1000-48T-4G-L',
  'Cisco Catalyst 9300L-24T-4G-A',
];
const ITEMS: Item[] = ['single-star-single-edge', 'dual-star-dual-edge', 'dual-star-single-edge'];
const CONTRACTS = ['P1', 'C1', 'Q1', 'Q2', 'P1', 'C1', 'C2', 'toString'];
const HOLDERS = ['H-P', 'H-Q', 'H-C1'];
const ALL_IDS = ['P1', 'C1', 'C2', 'C3', 'Q1', 'Q2', 'Q3', 'toString', 'constructor'];

/** The contract events each command allowed after termination may emit. */
const EVENTS_AFTER_TERMINATION = new Set([
  'EquipmentReturned',
  'LossReported',
  'ReplacementShipped',
  'LossChargeQuoted',
  'LostItemFound',
  'ReductionClaimed',
  'OutageResolved',
  'OneTimeCostRecorded',
  'BreachRepairCostCharged',
  'ProhibitedActRecorded',
]);

const KINDS = [
  'acceptChild',
  'startBilling',
  'addOption',
  'addOption',
  'startOptionBilling',
  'stopOption',
  'acceptModelChange',
  'completeModelChange',
  'instruct',
  'perform',
  'reportFault',
  'investigate',
  'resolveFault',
  'reportLoss',
  'shipReplacement',
  'quoteLossCharge',
  'found',
  'consent',
  'relocate',
  'return',
  'cost',
  'outage',
  'resolveOutage',
  'claim',
  'measure',
  'propose',
  'notice',
  'terminate',
  'requestChange',
  'disclose',
] as const;
type Kind = (typeof KINDS)[number];

const any = (m: ReadonlyMap<string, unknown>): boolean => m.size > 0;
const some = <T>(m: ReadonlyMap<string, T>, f: (x: T) => boolean): boolean => [...m.values()].some(f);
const always = (): boolean => true;

/** Which contracts a step of each kind is most likely to make sense for. */
const RELEVANT: { readonly [K in Kind]: (c: AcceptedContract) => boolean } = {
  acceptChild: always,
  startBilling: (c) => c.billingStartOn === null,
  addOption: (c) => c.status !== 'terminated',
  startOptionBilling: (c) => some(c.options, (o) => o.billingStartOn === null),
  stopOption: (c) => some(c.options, (o) => o.stop === null),
  acceptModelChange: (c) => c.status === 'billing' && c.openModelChangeId === null,
  completeModelChange: (c) => c.openModelChangeId !== null,
  instruct: (c) => c.status !== 'terminated',
  perform: (c) => some(c.configJobs, (j) => j.performed === null),
  reportFault: (c) => c.status !== 'terminated',
  investigate: (c) => some(c.faults, (f) => f.investigation === null),
  resolveFault: (c) => some(c.faults, (f) => f.investigation !== null && f.resolution === null),
  reportLoss: always,
  shipReplacement: (c) => some(c.losses, (l) => l.replacementDue && l.shippedOn === null),
  quoteLossCharge: (c) => any(c.losses) || c.status === 'terminated',
  found: (c) => any(c.losses),
  consent: (c) => c.status !== 'terminated',
  relocate: (c) => some(c.consents, (k) => k.relocatedOn === null),
  return: (c) => c.termination !== null || some(c.equipment, (e) => e.status === 'owed'),
  cost: always,
  outage: (c) => c.status !== 'terminated',
  resolveOutage: (c) => some(c.outages, (o) => o.resolvedAt === null),
  claim: (c) => any(c.outages),
  measure: (c) => c.status !== 'terminated',
  propose: (c) => any(c.measurements),
  notice: (c) => c.termination === null,
  terminate: (c) => c.termination !== null && c.status !== 'terminated',
  requestChange: always,
  disclose: always,
};

interface Step {
  readonly kind: Kind;
  readonly a: number;
  readonly b: number;
  readonly days: number;
  readonly flag: boolean;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom(...KINDS),
  a: fc.nat(60),
  b: fc.nat(60),
  days: fc.integer({ min: -4, max: 40 }),
  flag: fc.boolean(),
});

const pick = <T>(xs: readonly T[], i: number): T | undefined =>
  xs.length === 0 ? undefined : xs[i % xs.length];

const accepted = (s: ContractState): s is AcceptedContract => s.status !== 'none';

/** Turns abstract steps into commands that refer to what exists, so most of them are plausible. */
class Interpreter {
  readonly world = new World();
  private clock = '2025-01-01';
  private n = 0;
  private readonly uses = new Map<string, number>();

  constructor(readonly item: Item) {}

  /**
   * A new id. The first ids of a kind are named after Object.prototype's properties (issue 15):
   * `constructor`, `toString`... are ids like any other. Item ids of model changes and
   * replacements (N, R) share the contract's item namespace with option units (E), so only E does.
   */
  private fresh(prefix: string): string {
    this.n += 1;
    const used = this.uses.get(prefix) ?? 0;
    this.uses.set(prefix, used + 1);
    const proto = prefix === 'N' || prefix === 'R' ? undefined : PROTO_IDS[used];
    return proto ?? `${prefix}${this.n}`;
  }

  setup(): Command[] {
    const parent = (contractId: string, networkId: string, holder: string, subnet: string) =>
      command('AcceptApplication', {
        contractId,
        networkId,
        contractType: 'parent',
        contractorId: holder,
        item: this.item,
        deviceModel: 'Cisco ISR 4351',
        deviceItemIds: Array.from(
          { length: deviceCount(this.item, 'parent') },
          (_, i) => `${contractId}-D${i}`,
        ),
        maintenanceType: 'type-2',
        termYears: 1,
        site: { country: 'JP', text: 'Tokyo' },
        lanSubnets: [subnet],
        initialFee: 1000,
        monthlyFee: 10000,
        onSiteInstallation: null,
        acceptedOn: this.clock,
      });
    const child = (contractId: string, networkId: string, subnet: string) =>
      command('AcceptApplication', {
        contractId,
        networkId,
        contractType: 'child',
        contractorId: `H-${contractId}`,
        item: this.item,
        deviceModel: 'Cisco 891FJ',
        deviceItemIds: Array.from(
          { length: deviceCount(this.item, 'child') },
          (_, i) => `${contractId}-D${i}`,
        ),
        maintenanceType: 'type-2',
        termYears: 3,
        site: { country: 'JP', text: 'Osaka' },
        lanSubnets: [subnet],
        initialFee: 1000,
        monthlyFee: 5000,
        onSiteInstallation: null,
        acceptedOn: this.clock,
      });
    const billing = (contractId: string) =>
      command('StartBilling', { contractId, billingStartOn: '2025-01-05' });
    return [
      command('RegisterNetwork', {
        networkId: 'N1',
        parentContractId: 'P1',
        parentHolderId: 'H-P',
        item: this.item,
        childSiteLimit: 2,
        registeredOn: this.clock,
      }),
      command('RegisterNetwork', {
        networkId: 'N2',
        parentContractId: 'Q1',
        parentHolderId: 'H-Q',
        item: this.item,
        registeredOn: this.clock,
      }),
      parent('P1', 'N1', 'H-P', '192.168.0.0/24'),
      parent('Q1', 'N2', 'H-Q', '192.168.0.0/24'),
      child('C1', 'N1', '192.168.1.0/24'),
      child('Q2', 'N2', '192.168.1.0/24'),
      ...['P1', 'C1', 'Q1', 'Q2'].map(billing),
    ];
  }

  /** Mostly a model Annex 4 allows from the current one; now and then any model. */
  private plausibleModel(c: AcceptedContract | null, optionId: string | null, a: number, b: number): string {
    const from = optionId === null ? c?.deviceModel : (c?.options.get(optionId)?.model ?? undefined);
    const allowed = ANNEX4_CHANGES.filter((m) => m.from === from).map((m) => m.to as string);
    return (b % 4 !== 0 ? pick(allowed, a) : undefined) ?? (pick([...VPN_MODELS, ...SWITCHES], b) as string);
  }

  private c<K extends CommandType>(type: K, data: CommandData<K>): Command {
    return command(type, data);
  }

  toCommand(step: Step): Command {
    const { a, b, flag } = step;
    this.clock = addDays(this.clock, Math.max(0, step.days));
    const d = step.days < 0 ? addDays(this.clock, step.days) : this.clock;
    const at = `${d}T${String(b % 24).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}:00+09:00`;
    // Most steps go to a contract where they make sense (one with an open fault for an investigation...).
    const relevant = ALL_IDS.filter((id) => {
      const s = this.world.contract(id);
      return accepted(s) && RELEVANT[step.kind](s);
    });
    const contractId =
      (flag || b % 3 !== 0 ? pick(relevant, a) : undefined) ?? (pick(CONTRACTS, a) as string);
    const state = this.world.contract(contractId);
    const c = accepted(state) ? state : null;
    const items = c ? [...c.equipment.keys()] : [];
    const item = pick(items, b) ?? 'none';
    const optionIds = c ? [...c.options.keys()] : [];
    const optionId = pick(optionIds, b) ?? 'O-none';
    const pickOf = <T>(
      record: ReadonlyMap<string, T> | undefined,
      fallback: string,
      useful: (x: T) => boolean = () => true,
    ) => {
      const all = [...(record ?? new Map<string, T>()).entries()];
      const good = all.filter(([, x]) => useful(x));
      return (
        pick(
          (good.length > 0 && b % 4 !== 0 ? good : all).map(([k]) => k),
          b,
        ) ?? fallback
      );
    };

    switch (step.kind) {
      case 'acceptChild': {
        const id = pick(['C2', 'C3', 'C1', 'Q3', 'toString', 'constructor'], a) as string;
        const cm = b % 9 === 0;
        const it: Item = cm ? 'closed-monitoring' : this.item;
        const count = deviceCount(it, 'child') + (b % 7 === 0 ? 1 : 0);
        return this.c('AcceptApplication', {
          contractId: id,
          networkId: id === 'Q3' || id === 'constructor' || !flag ? 'N2' : 'N1',
          contractType: 'child',
          contractorId: `H-${id}`,
          item: it,
          deviceModel: cm && b % 2 === 0 ? null : (pick(VPN_MODELS, b) as string),
          deviceItemIds: Array.from({ length: count }, () => this.fresh(`${id}-D`)),
          maintenanceType: 'type-2',
          termYears: flag ? 1 : 3,
          site: { country: 'JP', text: 'Osaka' },
          lanSubnets: [`10.${a % 5}.${b % 3}.0/24`],
          initialFee: 1000,
          monthlyFee: 5000,
          onSiteInstallation: b % 4 === 0 ? { initialFee: 100 } : null,
          acceptedOn: d,
        });
      }
      case 'startBilling':
        return this.c('StartBilling', { contractId, billingStartOn: d });
      case 'addOption': {
        const option = pick(OPTIONS, b) as (typeof OPTIONS)[number];
        const model =
          option === 'private-switch'
            ? (pick(SWITCHES, a) as string)
            : option === 'cold-standby' || option === 'on-site-installation'
              ? null
              : flag
                ? (pick(SWITCHES, a) as string)
                : null;
        return this.c('AddOption', {
          contractId,
          optionId: this.fresh('O'),
          option,
          model,
          equipmentItemIds: option === 'on-site-installation' ? [] : [this.fresh('E')],
          initialFee: 100,
          monthlyFee: option === 'on-site-installation' && b % 5 !== 0 ? 0 : 700,
          addedOn: d,
        });
      }
      case 'startOptionBilling':
        return this.c('StartOptionBilling', { contractId, optionId, billingStartOn: d });
      case 'stopOption':
        return this.c('StopOption', {
          contractId,
          optionId,
          noticeArrivedOn: d,
          requestedOn: flag ? addDays(d, 45) : null,
        });
      case 'acceptModelChange':
        return this.c('AcceptModelChange', {
          contractId,
          changeId: this.fresh('M'),
          target: flag ? { kind: 'device' } : { kind: 'option', optionId },
          toModel: this.plausibleModel(c, flag ? null : optionId, a, b),
          fee: 1000,
          monthlyFee: 12000,
          acceptedOn: d,
          // Art. 17(2)(2): mostly the cold standby in use goes along; now and then it is forgotten.
          ...(flag && c && b % 5 !== 0
            ? {
                coldStandby: [...c.options.values()]
                  .filter((o) => o.option === 'cold-standby' && o.stop === null && o.model === c.deviceModel)
                  .map((o) => ({ optionId: o.optionId, fee: 500, monthlyFee: 800 })),
              }
            : {}),
        });
      case 'completeModelChange': {
        const changeId = c?.openModelChangeId ?? 'M-none';
        const change = c?.modelChanges.get(changeId);
        const units =
          change && c
            ? [...c.equipment.values()].filter(
                (e) =>
                  e.status === 'held' &&
                  (change.target.kind === 'device'
                    ? (e.kind === 'vpn-device' && e.optionId === null) ||
                      (e.kind === 'cold-standby-device' &&
                        change.coldStandby.some((cs) => cs.optionId === e.optionId))
                    : e.optionId === (change.target as { optionId: string }).optionId &&
                      (e.kind === 'switch' || e.kind === 'cold-standby-device')),
              ).length
            : 1;
        const count = b % 6 === 0 ? units + 1 : units;
        return this.c('CompleteModelChange', {
          contractId,
          changeId,
          billingStartOn: d,
          newItemIds: Array.from({ length: count }, () => this.fresh('N')),
        });
      }
      case 'instruct':
        return this.c('InstructConfigurationChange', {
          contractId,
          jobId: this.fresh('J'),
          instructedBy: pick(HOLDERS, b) as string,
          instructedAt: at,
          description: 'change',
        });
      case 'perform':
        return this.c('PerformConfigurationChange', {
          contractId,
          jobId: pickOf(c?.configJobs, 'J-none', (j) => j.performed === null),
          startedAt: at,
          itemIds: flag ? [item] : items.slice(0, 2).length > 0 ? items.slice(0, 2) : ['none'],
        });
      case 'reportFault':
        return this.c('ReportFault', {
          contractId,
          faultId: this.fresh('F'),
          itemId: item,
          reportedAt: at,
          description: 'fault',
        });
      case 'investigate': {
        const outcome = pick(
          ['provider-fault', 'contractor-fault', 'no-fault-found', 'minor-handled-by-contractor'] as const,
          a,
        ) as 'provider-fault' | 'contractor-fault' | 'no-fault-found' | 'minor-handled-by-contractor';
        const pays = outcome === 'contractor-fault' || outcome === 'no-fault-found';
        return this.c('RecordFaultInvestigation', {
          contractId,
          faultId: pickOf(c?.faults, 'F-none', (f) => f.investigation === null),
          outcome,
          quotedCost: pays === flag ? 3000 : null,
          investigatedOn: d,
        });
      }
      case 'resolveFault': {
        const faultId = pickOf(c?.faults, 'F-none', (f) => f.investigation !== null && f.resolution === null);
        const faulty = c?.equipment.get(c.faults.get(faultId)?.itemId ?? '');
        const minor = c?.faults.get(faultId)?.investigation?.outcome === 'minor-handled-by-contractor';
        const resolution =
          b % 3 === 0
            ? (pick(['repaired', 'replaced', 'handled-by-contractor'] as const, a) as
                | 'repaired'
                | 'replaced'
                | 'handled-by-contractor')
            : minor
              ? 'handled-by-contractor'
              : flag
                ? 'replaced'
                : 'repaired';
        return this.c('ResolveFault', {
          contractId,
          faultId,
          resolution,
          replacement:
            resolution === 'replaced' && faulty
              ? {
                  itemId: this.fresh('R'),
                  kind: faulty.kind,
                  model: faulty.kind === 'vpn-device' && c ? (c.deviceModel ?? faulty.model) : faulty.model,
                }
              : null,
          resolvedOn: d,
        });
      }
      case 'reportLoss':
        return this.c('ReportLoss', {
          contractId,
          lossId: this.fresh('L'),
          itemId: item,
          reportedOn: d,
          circumstances: 'lost',
        });
      case 'shipReplacement': {
        const lossId = pickOf(c?.losses, 'L-none', (l) => l.replacementDue && l.shippedOn === null);
        const lost = c?.equipment.get(c.losses.get(lossId)?.itemId ?? '');
        return this.c('ShipReplacement', {
          contractId,
          lossId,
          replacement: {
            itemId: this.fresh('R'),
            kind: lost?.kind ?? 'vpn-device',
            model:
              lost?.kind === 'vpn-device' && c?.deviceModel ? c.deviceModel : (lost?.model ?? 'Cisco 891FJ'),
          },
          shippedOn: d,
        });
      }
      case 'quoteLossCharge': {
        if (flag) {
          const lossId = pickOf(c?.losses, 'L-none', (l) => l.charge === null);
          return this.c('QuoteLossCharge', {
            contractId,
            lossId,
            itemId: c?.losses.get(lossId)?.itemId ?? item,
            amount: 50000,
            reason: 'reported-loss',
            quotedOn: d,
          });
        }
        return this.c('QuoteLossCharge', {
          contractId,
          lossId: this.fresh('L'),
          itemId: item,
          amount: 50000,
          reason: 'not-returned',
          quotedOn: d,
        });
      }
      case 'found':
        return this.c('RecordLostItemFound', {
          contractId,
          lossId: pickOf(c?.losses, 'L-none', (l) => l.foundOn === null),
          foundOn: d,
        });
      case 'consent':
        return this.c('ConsentToRelocation', {
          contractId,
          consentId: this.fresh('K'),
          itemIds: [item],
          to: { country: b % 6 === 0 ? 'KR' : 'JP', text: 'elsewhere' },
          consentedOn: d,
        });
      case 'relocate':
        return this.c('RecordRelocation', {
          contractId,
          consentId: pickOf(c?.consents, 'K-none', (k) => k.relocatedOn === null),
          relocatedOn: d,
        });
      case 'return':
        return this.c('ReturnEquipment', {
          contractId,
          itemIds: flag ? [item] : items.length > 0 ? items : ['none'],
          returnedOn: d,
        });
      case 'cost':
        return this.c('RecordOneTimeCost', {
          contractId,
          costId: this.fresh('X'),
          cost: pick(
            [
              'travel',
              'special-installation-work',
              'on-site-cancellation',
              'on-site-overtime',
              'on-site-emergency',
            ] as const,
            b,
          ) as 'travel',
          amount: 1000,
          incurredOn: d,
          description: 'cost',
        });
      case 'outage':
        return this.c('RecordOutageKnown', {
          contractId,
          outageId: this.fresh('U'),
          knownAt: at,
          description: 'down',
        });
      case 'resolveOutage': {
        const outageId = pickOf(c?.outages, 'U-none', (o) => o.resolvedAt === null);
        const known = c?.outages.get(outageId)?.knownAt;
        const resolvedAt =
          known && flag ? new Date(Date.parse(known) + (b + 1) * 3_600_000).toISOString() : at;
        return this.c('ResolveOutage', {
          contractId,
          outageId,
          resolvedAt,
          cause: flag ? 'provider' : 'third-party',
        });
      }
      case 'claim':
        return this.c('ClaimReduction', {
          contractId,
          outageId: pickOf(c?.outages, 'U-none', (o) => o.claimedOn === null),
          claimedOn: d,
        });
      case 'measure':
        return this.c('RecordTrafficMeasurement', {
          contractId,
          measurementId: this.fresh('T'),
          measuredOn: d,
          peakUtilisationPercent: b,
        });
      case 'propose':
        return this.c('ProposeContractChange', {
          contractId,
          proposalId: this.fresh('PR'),
          measurementId: pickOf(c?.measurements, 'T-none'),
          proposedOn: d,
          proposal: 'upgrade',
        });
      case 'notice':
        return this.c('ReceiveTerminationNotice', {
          contractId,
          noticeArrivedOn: d,
          requestedOn: flag ? addDays(d, 60) : null,
          ground: b % 5 === 0 ? 'general-terms-28-2' : 'ordinary',
          evidenceRef: b % 10 === 0 ? null : 'EV-1',
        });
      case 'terminate': {
        const effectiveOn = c?.termination?.effectiveOn ?? d;
        if (compareDates(effectiveOn, this.clock) > 0) this.clock = effectiveOn;
        return this.c('TerminateContract', {
          contractId,
          effectiveOn: flag || b % 4 !== 0 ? effectiveOn : d,
        });
      }
      case 'requestChange':
        return this.c('RequestContractChange', {
          contractId,
          field: pick(
            ['contractType', 'item', 'maintenanceType', 'network', 'termYears'] as const,
            b,
          ) as 'item',
          to: 'x',
          requestedOn: d,
        });
      case 'disclose':
        return this.c('DiscloseSettings', {
          networkId: flag ? 'N1' : 'N2',
          contractId,
          toContractorId: pick(['H-P', 'H-Q', 'H-C1', 'H-C2', 'H-Q2'], b) as string,
          disclosedOn: d,
        });
    }
  }
}

/** The first place in `value` that is not plain data (see the property below), or null. */
const notPlainData = (value: unknown, path: string): string | null => {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean')
    return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path}: ${value}`;
  if (typeof value !== 'object') return `${path}: a ${typeof value}`;
  if (Array.isArray(value) || value instanceof Set) {
    let i = 0;
    for (const v of value) {
      const p = notPlainData(v, `${path}[${i++}]`);
      if (p !== null) return p;
    }
    return null;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      if (typeof k !== 'string') return `${path}: a Map key ${String(k)} (${typeof k})`;
      const p = notPlainData(v, `${path}.${k}`);
      if (p !== null) return p;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null)
    return `${path}: a ${proto?.constructor?.name ?? 'class'} instance`;
  for (const [k, v] of Object.entries(value)) {
    const p = notPlainData(v, `${path}.${k}`);
    if (p !== null) return p;
  }
  return null;
};

const snapshot = (world: World): string => stateJson([[...world.networks], [...world.contracts]]);

const refuse = (): never => {
  throw new TypeError('A state Map was changed in place');
};

/**
 * Freezes a state deeply: a decider or an evolve that mutated it would throw (strict mode). A Map
 * cannot be frozen, so its set, delete and clear are replaced by functions that throw.
 */
const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    if (value instanceof Map) {
      Object.assign(value, { set: refuse, delete: refuse, clear: refuse });
      for (const v of value.values()) deepFreeze(v);
    }
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
};

const freezeWorld = (world: World): void => {
  for (const n of world.networks.values()) deepFreeze(n);
  for (const c of world.contracts.values()) deepFreeze(c);
};

const fail = (message: string, detail: unknown): never => {
  throw new Error(`${message}: ${JSON.stringify(detail)}`);
};

const sortedByStart = (xs: readonly { readonly startOn: string }[]): boolean =>
  xs.every((t, i) => i === 0 || compareDates(xs[i - 1]?.startOn as string, t.startOn) <= 0);

const checkInvariants = (world: World): void => {
  // A site is an active member of at most one network, and of its own network while in force.
  for (const id of ALL_IDS) {
    let memberships = 0;
    for (const n of world.networks.values()) {
      if (n.status === 'registered' && n.members.get(id) !== undefined && n.members.get(id)?.leftOn === null)
        memberships += 1;
    }
    if (memberships > 1) fail('a site in two networks', id);
    const c = world.contract(id);
    if (!accepted(c)) continue;
    const own = world.network(c.networkId);
    const member = own.status === 'registered' ? own.members.get(id) : undefined;
    const expected = c.status === 'terminated' ? c.termination?.terminatedOn : null;
    if (!member || member.leftOn !== expected)
      fail('membership and contract disagree', { id, member, expected });
  }
  for (const n of world.networks.values()) {
    if (n.status !== 'registered') continue;
    for (const m of n.members.values()) {
      if (m.contractType === 'parent' && m.contractId !== n.parentContractId) fail('a second parent', n);
    }
  }
  for (const c of world.contracts.values()) {
    if (!accepted(c)) continue;
    // Art. 2: while the contract runs, its VPN devices (in use, or lost and awaiting replacement) number as the item says.
    if (c.termination === null) {
      let devices = 0;
      for (const e of c.equipment.values())
        if (e.kind === 'vpn-device' && e.optionId === null && e.status === 'held') devices += 1;
      for (const l of [...c.losses.values()]) {
        const lost = c.equipment.get(l.itemId);
        if (
          l.replacementDue &&
          l.replacementItemId === null &&
          lost?.kind === 'vpn-device' &&
          lost.optionId === null
        )
          devices += 1;
      }
      if (devices !== deviceCount(c.item, c.contractType)) fail('Art. 2 device count', c);
    }
    // Art. 5(2), 17(3): terms restart in date order, never before the acceptance.
    const terms = recordedTermStarts(world, c.contractId);
    if (!sortedByStart(terms)) fail('contract terms out of order', terms);
    if (terms.some((t) => compareDates(t.startOn, c.acceptedOn) < 0)) fail('a term before the acceptance', c);
    for (const o of c.options.values()) {
      const optionTerms = recordedTermStarts(world, c.contractId, o.optionId);
      if (!sortedByStart(optionTerms)) fail('option terms out of order', { option: o, terms: optionTerms });
    }
    // Art. 17(2)(2): a cold standby in use is the same VPN device as the contract's.
    for (const o of c.options.values()) {
      if (o.option === 'cold-standby' && o.stop === null && o.model !== c.deviceModel)
        fail('a cold standby left on another model', { contract: c.contractId, option: o });
    }
    // At most one open model change, and it is the uncompleted one.
    const open = [...c.modelChanges.values()].filter((m) => m.completedOn === null);
    if (
      open.length !== (c.openModelChangeId === null ? 0 : 1) ||
      (open[0] && open[0].changeId !== c.openModelChangeId)
    ) {
      fail('open model change', c);
    }
  }
};

describe('Properties of random command sequences', () => {
  it('keep the invariants of the terms; a rejected command changes nothing; after termination only settlement', () => {
    let acceptedCount = 0;
    let rejectedCount = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...ITEMS),
        fc.array(stepArb, { minLength: 10, maxLength: 40, size: 'max' }),
        (item, steps) => {
          const interpreter = new Interpreter(item);
          const world = interpreter.world;
          for (const cmd of interpreter.setup()) world.run(cmd);
          freezeWorld(world);
          for (const step of steps) {
            const cmd = interpreter.toCommand(step);
            if (!COMMAND_SCHEMAS[cmd.type].safeParse(cmd.data).success)
              fail('the generator made an unparsable command', cmd);
            const contractId = contractIdOf(cmd);
            const { networkId } = world.route(cmd);
            const before = {
              network: networkId ? world.networks.get(networkId) : undefined,
              contract: contractId ? world.contracts.get(contractId) : undefined,
            };
            const wasTerminated = contractId !== null && world.contract(contractId).status === 'terminated';
            // The states are deeply frozen: deciding cannot change them, accepted or rejected.
            const decision = world.decide(cmd);
            if (!decision.ok) {
              rejectedCount += 1;
              const r = decision.rejection;
              if (!/^[A-Z0-9_]+$/.test(r.code) || told(r).article === '' || told(r).message === '')
                fail('a rejection without code, article or message', r);
              if (
                (networkId && world.networks.get(networkId) !== before.network) ||
                (contractId && world.contracts.get(contractId) !== before.contract)
              ) {
                fail('a rejected command changed a state', cmd);
              }
              continue;
            }
            acceptedCount += 1;
            if (wasTerminated) {
              if (!ALLOWED_AFTER_TERMINATION.has(cmd.type as never))
                fail('a command accepted after termination', cmd);
              if (
                decision.network.length > 0 ||
                decision.contract.some((e) => !EVENTS_AFTER_TERMINATION.has(e.type))
              ) {
                fail('an event after termination', decision);
              }
            }
            world.run(cmd); // validates every event against the catalog
            freezeWorld(world);
            checkInvariants(world);
          }
          // The states are plain data, as the documents write them (toJsonLine: a Map as an object
          // of its string keys, a Set as an array): no Date, class, function, non-finite number or
          // non-string Map key that a JSON document would lose or change.
          for (const [id, c] of world.contracts) {
            const problem = notPlainData(c, `contract ${id}`);
            if (problem !== null) fail('a state that is not plain data', problem);
          }
        },
      ),
      { numRuns: 200, seed: 20250801 },
    );
    // The generator is meant to be plausible: a fair share of its commands pass.
    expect(acceptedCount).toBeGreaterThan(rejectedCount / 4);
  });

  it('folds the same events to the same state (replay is deterministic)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 5, maxLength: 30 }), (steps) => {
        const interpreter = new Interpreter('single-star-single-edge');
        const events = interpreter.setup().flatMap((cmd) => interpreter.world.run(cmd));
        for (const step of steps) {
          const cmd = interpreter.toCommand(step);
          if (interpreter.world.decide(cmd).ok) events.push(...interpreter.world.run(cmd));
        }
        const replay = new World();
        for (const t of events) replay.apply(t);
        expect(snapshot(replay)).toBe(snapshot(interpreter.world));
      }),
      { numRuns: 50, seed: 7 },
    );
  });
});
