/**
 * Random, plausible command histories for the views' properties: one network with a parent and up
 * to three children, and a stream of steps (billing starts, options, model changes, configuration
 * jobs, faults, losses, outages and claims, costs, notices, terminations, returns) on increasing
 * dates. The commands are built from the steps blindly; the ledger decides, and rejects what the
 * terms do not allow (a rejection writes nothing, which the views must also show).
 */
import fc from 'fast-check';
import { addDays } from '../../src/terms/dates';
import { stopEffectiveOn } from '../../src/terms/policies';
import type { Envelope } from '../support/commands';

const KINDS = [
  'child',
  'disclose',
  'billing',
  'billing',
  'option',
  'optionBilling',
  'stopOption',
  'modelChange',
  'completeChange',
  'config',
  'fault',
  'loss',
  'outage',
  'claim',
  'cost',
  'notice',
  'terminate',
  'return',
  'measure',
  'measure',
] as const;

export interface Step {
  readonly kind: (typeof KINDS)[number];
  readonly who: number;
  readonly days: number;
  readonly n: number;
  readonly flag: boolean;
}

export const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom(...KINDS),
  who: fc.nat(3),
  days: fc.integer({ min: 0, max: 75 }),
  n: fc.nat(1_000),
  flag: fc.boolean(),
});

const at = (date: string, hour: number) => `${date}T${String(hour).padStart(2, '0')}:00:00+09:00`;

/** The commands of a history: the network and its parent first, then one command per step. */
export function historyCommands(steps: readonly Step[], prefix = 'h', idPrefix = ''): Envelope[] {
  let seq = 0;
  const cmd = (type: string, data: Record<string, unknown>): Envelope => ({
    type,
    commandId: `${prefix}-${++seq}`,
    actor: 'staff:test',
    data,
  });
  let day = '2025-01-10';
  const N = `${idPrefix}N`;
  const P = `${idPrefix}P`;
  const contracts = [P];
  const options = new Map<string, { id: string; kind: string }[]>();
  const changes = new Map<string, string[]>();
  const jobs: string[] = [];
  const noticed = new Map<string, string>();
  const out: Envelope[] = [
    cmd('RegisterNetwork', {
      networkId: N,
      parentContractId: P,
      parentHolderId: 'holder',
      item: 'single-star-single-edge',
      registeredOn: day,
    }),
    cmd('AcceptApplication', {
      contractId: P,
      networkId: N,
      contractType: 'parent',
      contractorId: 'holder',
      item: 'single-star-single-edge',
      deviceModel: 'Cisco 891FJ',
      deviceItemIds: [`${P}-dev-1`],
      maintenanceType: 'type-2',
      termYears: 1,
      site: { country: 'JP', text: 'Tokyo' },
      lanSubnets: ['10.0.0.0/24'],
      initialFee: 20_000,
      monthlyFee: 10_000,
      onSiteInstallation: null,
      acceptedOn: day,
    }),
  ];
  for (const s of steps) {
    day = addDays(day, s.days);
    const c = contracts[s.who % contracts.length]!;
    const id = (what: string) => `${c}-${what}-${seq + 1}`;
    switch (s.kind) {
      case 'child': {
        if (contracts.length >= 4) break;
        const child = `${idPrefix}C${contracts.length}`;
        contracts.push(child);
        out.push(
          cmd('AcceptApplication', {
            contractId: child,
            networkId: N,
            contractType: 'child',
            contractorId: `branch-${contracts.length}`,
            item: 'single-star-single-edge',
            deviceModel: s.flag ? 'Cisco 891FJ' : 'Cisco ISR 4351',
            deviceItemIds: [`${child}-dev-1`],
            maintenanceType: 'type-2',
            termYears: s.n % 2 === 0 ? 1 : 3,
            site: { country: 'JP', text: 'Osaka' },
            lanSubnets: [`10.0.${contracts.length}.0/24`],
            initialFee: 10_000 + s.n,
            monthlyFee: 8_000 + 7 * s.n,
            onSiteInstallation: s.n % 5 === 0 ? { initialFee: 30_000 } : null,
            acceptedOn: day,
          }),
        );
        break;
      }
      case 'billing':
        out.push(cmd('StartBilling', { contractId: c, billingStartOn: day }));
        break;
      case 'disclose':
        out.push(
          cmd('DiscloseSettings', {
            networkId: N,
            contractId: c,
            toContractorId: 'holder',
            disclosedOn: day,
          }),
        );
        break;
      case 'option': {
        const kind = s.flag ? 'cold-standby' : s.n % 3 === 0 ? 'private-switch' : 'sfp-module';
        const optionId = id('opt');
        options.set(c, [...(options.get(c) ?? []), { id: optionId, kind }]);
        out.push(
          cmd('AddOption', {
            contractId: c,
            optionId,
            option: kind,
            model: kind === 'private-switch' ? 'Cisco Catalyst 1000-24T-4G-L' : null,
            equipmentItemIds: [`${optionId}-unit`],
            initialFee: 3_000,
            monthlyFee: 1_000 + s.n,
            addedOn: day,
          }),
        );
        break;
      }
      case 'optionBilling':
      case 'stopOption': {
        const o = (options.get(c) ?? [])[s.n % Math.max(1, (options.get(c) ?? []).length)];
        if (!o) break;
        out.push(
          s.kind === 'optionBilling'
            ? cmd('StartOptionBilling', { contractId: c, optionId: o.id, billingStartOn: day })
            : cmd('StopOption', {
                contractId: c,
                optionId: o.id,
                noticeArrivedOn: day,
                requestedOn: s.flag ? addDays(day, 45) : null,
              }),
        );
        break;
      }
      case 'modelChange': {
        const changeId = id('chg');
        changes.set(c, [...(changes.get(c) ?? []), changeId]);
        const sw = (options.get(c) ?? []).find((o) => o.kind === 'private-switch');
        out.push(
          cmd('AcceptModelChange', {
            contractId: c,
            changeId,
            target: sw && s.flag ? { kind: 'option', optionId: sw.id } : { kind: 'device' },
            toModel: sw && s.flag ? 'Cisco Catalyst 1000-48T-4G-L' : s.n % 2 ? 'Cisco 892FSP' : 'Cisco 891FJ',
            fee: 15_000,
            // Sometimes the same fee: the month must not be split then.
            monthlyFee: s.n % 3 === 0 ? 10_000 : 12_000 + s.n,
            acceptedOn: day,
          }),
        );
        break;
      }
      case 'completeChange': {
        const changeId = (changes.get(c) ?? []).at(-1);
        if (!changeId) break;
        out.push(
          cmd('CompleteModelChange', {
            contractId: c,
            changeId,
            billingStartOn: day,
            newItemIds: [`${changeId}-new-1`],
          }),
        );
        break;
      }
      case 'config': {
        const jobId = id('job');
        jobs.push(jobId);
        out.push(
          cmd('InstructConfigurationChange', {
            contractId: c,
            jobId,
            instructedBy: 'holder',
            instructedAt: at(day, 9),
            description: 'routing',
          }),
          cmd('PerformConfigurationChange', {
            contractId: c,
            jobId,
            startedAt: at(day, s.flag ? 10 : 22),
            itemIds: [`${c}-dev-1`],
          }),
        );
        break;
      }
      case 'fault': {
        const faultId = id('fault');
        out.push(
          cmd('ReportFault', {
            contractId: c,
            faultId,
            itemId: `${c}-dev-1`,
            reportedAt: at(day, 8),
            description: 'down',
          }),
          cmd('RecordFaultInvestigation', {
            contractId: c,
            faultId,
            outcome: s.flag ? 'contractor-fault' : 'provider-fault',
            quotedCost: s.flag ? 20_000 + s.n : null,
            investigatedOn: addDays(day, 1),
          }),
        );
        break;
      }
      case 'loss': {
        const lossId = id('loss');
        const itemId = (options.get(c) ?? [])[0]?.id;
        out.push(
          cmd('ReportLoss', {
            contractId: c,
            lossId,
            itemId: itemId ? `${itemId}-unit` : `${c}-dev-1`,
            reportedOn: day,
            circumstances: 'lost',
          }),
          cmd('QuoteLossCharge', {
            contractId: c,
            lossId,
            itemId: itemId ? `${itemId}-unit` : `${c}-dev-1`,
            amount: 50_000,
            reason: 'reported-loss',
            quotedOn: addDays(day, 2),
          }),
        );
        break;
      }
      case 'outage': {
        const outageId = `${c}-out`;
        out.push(
          cmd('RecordOutageKnown', { contractId: c, outageId, knownAt: at(day, 3), description: 'line' }),
          cmd('ResolveOutage', {
            contractId: c,
            outageId,
            resolvedAt: at(addDays(day, 1 + (s.n % 5)), 6),
            cause: s.flag ? 'provider' : 'third-party',
          }),
        );
        break;
      }
      case 'claim':
        out.push(cmd('ClaimReduction', { contractId: c, outageId: `${c}-out`, claimedOn: day }));
        break;
      case 'cost':
        out.push(
          cmd('RecordOneTimeCost', {
            contractId: c,
            costId: id('cost'),
            cost: 'travel',
            amount: 5_000 + s.n,
            incurredOn: day,
            description: 'trip',
          }),
        );
        break;
      case 'notice': {
        const requestedOn = s.flag ? addDays(day, 40 + (s.n % 30)) : null;
        if (!noticed.has(c)) noticed.set(c, stopEffectiveOn(day, requestedOn));
        out.push(
          cmd('ReceiveTerminationNotice', {
            contractId: c,
            noticeArrivedOn: day,
            requestedOn,
            ground: s.n % 7 === 0 ? 'general-terms-28-2' : 'ordinary',
            evidenceRef: s.n % 7 === 0 ? 'court-1' : null,
          }),
        );
        break;
      }
      case 'terminate': {
        // On the effective date the notice fixed (the ledger refuses any other).
        const effectiveOn = noticed.get(c);
        if (effectiveOn) out.push(cmd('TerminateContract', { contractId: c, effectiveOn }));
        break;
      }
      case 'measure': {
        // Facts no row reads (Art. 23): the views must move past them and stay equal to a rebuild.
        const measurementId = id('m');
        out.push(
          cmd('RecordTrafficMeasurement', {
            contractId: c,
            measurementId,
            measuredOn: day,
            peakUtilisationPercent: (s.n % 120) + 0.5,
          }),
        );
        if (s.flag)
          out.push(
            cmd('ProposeContractChange', {
              contractId: c,
              proposalId: id('p'),
              measurementId,
              proposedOn: day,
              proposal: 'a larger device',
            }),
          );
        break;
      }
      case 'return':
        out.push(cmd('ReturnEquipment', { contractId: c, itemIds: [`${c}-dev-1`], returnedOn: day }));
        break;
    }
  }
  return out;
}
