/**
 * A realistic ledger history for the replay and as-of benchmarks, written into a SQLite file by
 * the pipeline's own steps: `parseCommand` (zod), `decideCommand` (the deciders), `eventIdFor`,
 * `eventHash` (the chain) and the store's `appendSync`, with the envelope `Ledger` builds. Unlike
 * `Ledger.execute`, the writer keeps each stream's folded state in memory instead of re-reading
 * and re-folding the whole stream for every command (which makes a long history quadratic: about
 * 50 million event folds for 1,000,000 events). To prove the shortcut writes what the ledger
 * writes, the commands of the first network are run again through a real `Ledger` on a memory
 * store at the end, and every event must match byte for byte.
 * Only the generation runs with synchronous=OFF and many commands per transaction, for speed; the
 * file is the same as one written at FULL. The result is cached under bench/.cache/, keyed by the
 * size and by a digest of the compiled domain and generator code, so a change to the events or
 * rules regenerates it.
 *
 * Shape: networks registered 2019-2021, each a parent site and 4-14 child sites accepted over the
 * following months; each contract then lives until 2025-12 (or its termination) with a monthly
 * traffic measurement, configuration changes instructed by the parent holder and performed days
 * later, faults reported, investigated and resolved, outages known and resolved (some long enough
 * for a reduction claim), contract-change proposals, travel costs; about one child in eight is
 * terminated on notice and returns its devices. About a hundred events per contract.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import {
  type ContractState,
  contractDecider,
  contractIdOf,
  DEFAULT_TERMS_CONFIG,
  decideCommand,
  type NetworkState,
  networkDecider,
  networkIdOf,
  occurredAt,
} from '../src/aggregates';
import {
  CONTRACT_STREAM_PREFIX,
  contractStream,
  type DomainEvent,
  decodeRecorded,
  networkStream,
} from '../src/events';
import { parseCommand } from '../src/ledger/command-envelope';
import { envelopeEvents } from '../src/ledger/envelope';
import { Ledger } from '../src/ledger/ledger';
import { MemoryEventStore, SqliteEventStore } from '../src/store';
import { deviceCount } from '../src/terms/catalog';
import { addDays, jstDate, laterOf } from '../src/terms/dates';
import { findEditionOn } from '../src/terms/editions';
import { stopEffectiveOn } from '../src/terms/policies';
import { now, REPO_ROOT, secondsSince } from './lib';

/** Bump when the generator's output changes in a way the code digest would not see. */
const GENERATOR_VERSION = 2;

export const CACHE_DIR = join(REPO_ROOT, 'bench', '.cache');

/** Average events one contract contributes over the window (measured; used to size the history). */
const EVENTS_PER_CONTRACT = 95;
const CHILDREN_MIN = 4;
const CHILDREN_MAX = 14;
const FIRST_MONTH = '2019-01';
const LAST_MONTH = '2025-12';
const DEVICE_MODEL = 'Cisco C1121-8P';
const ITEM = 'single-star-single-edge';

export interface HistoryInfo {
  readonly path: string;
  readonly events: number;
  readonly commands: number;
  readonly rejected: Record<string, number>;
  readonly networks: number;
  readonly contracts: number;
  readonly months: number;
  readonly generationSeconds: number;
  /** A contract with a long stream, for the as-of benchmark. */
  readonly sampleContract: { contractId: string; events: number };
  readonly cached: boolean;
}

/** mulberry32: small, fast, seeded. */
const prng = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const pad = (n: number) => String(n).padStart(2, '0');
const monthAdd = (ym: string, n: number): string => {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${pad((t % 12) + 1)}`;
};
const dayIn = (ym: string, day: number) => `${ym}-${pad(day)}`;
const at = (date: string, hour: number, minute = 0) => `${date}T${pad(hour)}:${pad(minute)}:00+09:00`;
const monthOf = (date: string) => date.slice(0, 7);

interface Planned {
  /** Sort key within a month: the instant (JST, lexically ordered) then a sequence. */
  readonly key: string;
  readonly seq: number;
  readonly command: { type: string; commandId: string; actor: string; data: Record<string, unknown> };
}

interface ContractPlan {
  readonly contractId: string;
  readonly networkId: string;
  readonly type: 'parent' | 'child';
  readonly contractorId: string;
  readonly holder: string;
  readonly devices: readonly string[];
  readonly site: number;
  readonly acceptedOn: string;
  readonly billingOn: string;
  /** Children only, about one in eight: notice, effective date, return of the devices. */
  readonly termination: { noticeOn: string; effectiveOn: string; returnOn: string } | null;
  readonly rand: () => number;
  seq: number;
}

const staff = (r: () => number) =>
  `staff:${['sato', 'suzuki', 'takahashi', 'tanaka', 'ito'][Math.floor(r() * 5)]}`;

/** The commands of one contract dated in month `ym`. */
function* monthOfContract(c: ContractPlan, ym: string): Generator<Omit<Planned, 'seq'>> {
  const r = c.rand;
  const id = (kind: string) => `${c.contractId}.${kind}${++c.seq}`;
  const cmd = (type: string, key: string, data: Record<string, unknown>, actor = staff(r)) => ({
    key,
    command: { type, commandId: id('cmd'), actor, data: { contractId: c.contractId, ...data } },
  });
  const lastDay = c.termination?.effectiveOn ?? '9999-12-31';
  const inForce = (d: string) => d >= c.acceptedOn && d <= lastDay;
  if (monthOf(c.acceptedOn) === ym) {
    yield cmd('AcceptApplication', at(c.acceptedOn, 9, 30), {
      networkId: c.networkId,
      contractType: c.type,
      contractorId: c.contractorId,
      item: ITEM,
      deviceModel: DEVICE_MODEL,
      deviceItemIds: c.devices,
      maintenanceType: 'type-2',
      termYears: r() < 0.5 ? 1 : 3,
      site: {
        country: 'JP',
        text: `Site ${c.site}, ${['Chiyoda-ku', 'Minato-ku', 'Osaka', 'Nagoya', 'Fukuoka'][c.site % 5]}`,
      },
      lanSubnets: [`10.${Math.floor(c.site / 256)}.${c.site % 256}.0/24`],
      initialFee: 30000,
      monthlyFee: 12000 + Math.floor(r() * 20) * 500,
      onSiteInstallation: null,
      acceptedOn: c.acceptedOn,
    });
  }
  if (monthOf(c.billingOn) === ym)
    yield cmd('StartBilling', at(c.billingOn, 9, 45), { billingStartOn: c.billingOn });
  if (ym < monthOf(c.acceptedOn)) return;
  // Monthly traffic measurement, and now and then a proposal resting on it.
  const mDay = dayIn(ym, 1 + Math.floor(r() * 28));
  if (inForce(mDay) && mDay > c.acceptedOn) {
    const measurementId = id('m');
    const peak = Math.round(r() * 1200) / 10;
    yield cmd('RecordTrafficMeasurement', at(mDay, 3), {
      measurementId,
      measuredOn: mDay,
      peakUtilisationPercent: peak,
    });
    if (peak > 95 && r() < 0.5) {
      const proposedOn = addDays(mDay, 3);
      if (inForce(proposedOn) && monthOf(proposedOn) === ym) {
        yield cmd('ProposeContractChange', at(proposedOn, 11), {
          proposalId: id('p'),
          measurementId,
          proposedOn,
          proposal: `Peak utilisation ${peak}% on ${mDay}: move to a dual-edge item or a larger device.`,
        });
      }
    }
  }
  // Configuration changes: instructed by the parent holder, performed 1-3 days later.
  if (r() < 0.13) {
    const day = 1 + Math.floor(r() * 24);
    const instructed = dayIn(ym, day);
    const performed = dayIn(ym, day + 1 + Math.floor(r() * 3));
    if (inForce(instructed) && inForce(performed) && instructed > c.acceptedOn) {
      const jobId = id('job');
      yield cmd(
        'InstructConfigurationChange',
        at(instructed, 10),
        {
          jobId,
          instructedBy: c.holder,
          instructedAt: at(instructed, 10),
          description: `Add a static route for 172.${16 + (c.site % 16)}.${day}.0/24 and open TCP 443 to the branch server.`,
        },
        `contractor:${c.holder}`,
      );
      yield cmd('PerformConfigurationChange', at(performed, 14), {
        jobId,
        startedAt: at(performed, 14),
        itemIds: [c.devices[0]!],
      });
    }
  }
  // Faults: reported, investigated the same or next day, repaired two days later.
  if (r() < 0.04) {
    const day = 1 + Math.floor(r() * 24);
    const reported = dayIn(ym, day);
    const investigated = dayIn(ym, day + Math.floor(r() * 2));
    const resolved = dayIn(ym, day + 3);
    if (inForce(reported) && inForce(resolved) && reported > c.acceptedOn) {
      const faultId = id('f');
      const provider = r() < 0.8;
      yield cmd('ReportFault', at(reported, 8, 15), {
        faultId,
        itemId: c.devices[Math.floor(r() * c.devices.length)]!,
        reportedAt: at(reported, 8, 15),
        description: 'VPN tunnel flaps every few minutes; the device log shows interface resets.',
      });
      yield cmd('RecordFaultInvestigation', at(investigated, 16), {
        faultId,
        outcome: provider ? 'provider-fault' : 'no-fault-found',
        quotedCost: provider ? null : 15000,
        investigatedOn: investigated,
      });
      yield cmd('ResolveFault', at(resolved, 17), {
        faultId,
        resolution: 'repaired',
        replacement: null,
        resolvedOn: resolved,
      });
    }
  }
  // Outages: most resolved within hours; one in four lasts two days and is claimed.
  if (r() < 0.04) {
    const day = 1 + Math.floor(r() * 24);
    const known = dayIn(ym, day);
    const long = r() < 0.25;
    const resolvedOn = long ? dayIn(ym, day + 2) : known;
    if (inForce(known) && known > c.acceptedOn) {
      const outageId = id('o');
      yield cmd('RecordOutageKnown', at(known, 6, 40), {
        outageId,
        knownAt: at(known, 6, 40),
        description: 'Carrier line down at the site; the VPN is unreachable.',
      });
      yield cmd('ResolveOutage', at(resolvedOn, long ? 12 : 11), {
        outageId,
        resolvedAt: at(resolvedOn, long ? 12 : 11),
        cause: long ? 'provider' : 'third-party',
      });
      if (long) {
        const claimedOn = dayIn(ym, day + 3);
        yield cmd(
          'ClaimReduction',
          at(claimedOn, 10),
          { outageId, claimedOn },
          `contractor:${c.contractorId}`,
        );
      }
    }
  }
  if (r() < 0.015) {
    const incurredOn = dayIn(ym, 1 + Math.floor(r() * 28));
    if (inForce(incurredOn)) {
      yield cmd('RecordOneTimeCost', at(incurredOn, 15), {
        costId: id('cost'),
        cost: 'travel',
        amount: 8000 + Math.floor(r() * 10) * 1000,
        incurredOn,
        description: 'Engineer travel to the site for an on-site check.',
      });
    }
  }
  const t = c.termination;
  if (t) {
    if (monthOf(t.noticeOn) === ym) {
      yield cmd(
        'ReceiveTerminationNotice',
        at(t.noticeOn, 9),
        { noticeArrivedOn: t.noticeOn, requestedOn: null, ground: 'ordinary', evidenceRef: null },
        `contractor:${c.contractorId}`,
      );
    }
    if (monthOf(t.effectiveOn) === ym)
      yield cmd('TerminateContract', at(t.effectiveOn, 23, 59), { effectiveOn: t.effectiveOn });
    if (monthOf(t.returnOn) === ym)
      yield cmd('ReturnEquipment', at(t.returnOn, 13), { itemIds: [...c.devices], returnedOn: t.returnOn });
  }
}

interface NetworkPlan {
  readonly networkId: string;
  readonly holder: string;
  readonly registeredOn: string;
  readonly contracts: ContractPlan[];
  readonly childLimit: number;
}

const planNetworks = (contracts: number, seed: number): NetworkPlan[] => {
  const r = prng(seed);
  const networks: NetworkPlan[] = [];
  let made = 0;
  let site = 0;
  for (let n = 0; made < contracts; n++) {
    const networkId = `net-${String(n).padStart(5, '0')}`;
    const holder = `corp-${String(n).padStart(5, '0')}`;
    const registeredOn = dayIn(monthAdd(FIRST_MONTH, Math.floor(r() * 36)), 1 + Math.floor(r() * 28));
    const children = Math.min(
      contracts - made - 1,
      CHILDREN_MIN + Math.floor(r() * (CHILDREN_MAX - CHILDREN_MIN + 1)),
    );
    const firstChildOn = addDays(registeredOn, 7 + Math.floor(r() * 14));
    const plans: ContractPlan[] = [];
    for (let i = 0; i <= Math.max(children, 1); i++) {
      const type = i === 0 ? 'parent' : 'child';
      const contractId = `${networkId}-c${String(i).padStart(2, '0')}`;
      const acceptedOn =
        i === 0 ? registeredOn : i === 1 ? firstChildOn : addDays(firstChildOn, Math.floor(r() * 365));
      const billingOn = addDays(laterOf(acceptedOn, firstChildOn), 10 + Math.floor(r() * 20));
      let termination: ContractPlan['termination'] = null;
      if (type === 'child' && i > 1 && r() < 0.125) {
        const noticeOn = addDays(billingOn, 200 + Math.floor(r() * 1500));
        const effectiveOn = stopEffectiveOn(noticeOn, null);
        if (effectiveOn < `${LAST_MONTH}-01`)
          termination = { noticeOn, effectiveOn, returnOn: addDays(effectiveOn, 5 + Math.floor(r() * 20)) };
      }
      const devices = Array.from({ length: deviceCount(ITEM, type) }, (_, d) => `${contractId}-dev${d + 1}`);
      site++;
      plans.push({
        contractId,
        networkId,
        type,
        contractorId: type === 'parent' ? holder : `branch-${String(n).padStart(5, '0')}-${i}`,
        holder,
        devices,
        site: i,
        acceptedOn,
        billingOn,
        termination,
        rand: prng(seed ^ (site * 2654435761)),
        seq: 0,
      });
    }
    made += plans.length;
    networks.push({
      networkId,
      holder,
      registeredOn,
      contracts: plans,
      childLimit: Math.max(plans.length, 15),
    });
  }
  return networks;
};

/** A digest of the compiled code the history depends on: events, deciders, terms and this file. */
const codeDigest = (): string => {
  const h = createHash('sha256');
  h.update(String(GENERATOR_VERSION));
  const distSrc = join(__dirname, '..', 'src');
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.js')) h.update(relative(distSrc, p)).update(readFileSync(p));
    }
  };
  for (const d of ['events', 'aggregates', 'terms']) walk(join(distSrc, d));
  for (const f of [
    'ledger/ledger.js',
    'ledger/command-envelope.js',
    'ledger/hash-chain.js',
    'store/sqlite.js',
  ]) {
    const p = join(distSrc, f);
    if (existsSync(p)) h.update(f).update(readFileSync(p));
  }
  h.update(readFileSync(__filename));
  return h.digest('hex').slice(0, 12);
};

export const historyPath = (events: number): string =>
  join(CACHE_DIR, `history-${events}-${codeDigest()}.db`);

/**
 * Generates (or finds in the cache) a history of about `events` events and returns where it is.
 * `log` receives progress lines.
 */
/**
 * A history generated before (`--history FILE`): the file and the info written beside it. Its
 * events were decided by the code that generated them; a later build reads them as it reads any
 * old log (upcasters), so reads and rebuilds can be measured without generating it again.
 */
export const givenHistory = (path: string): HistoryInfo => {
  const infoPath = `${path}.json`;
  if (!existsSync(path) || !existsSync(infoPath))
    throw new Error(`--history: ${path} and ${infoPath} must both exist (a history bench/.cache/ holds)`);
  return { ...(JSON.parse(readFileSync(infoPath, 'utf8')) as HistoryInfo), path, cached: true };
};

export const ensureHistory = async (
  events: number,
  log: (line: string) => void = () => {},
): Promise<HistoryInfo> => {
  mkdirSync(CACHE_DIR, { recursive: true });
  const ignore = join(CACHE_DIR, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '*\n');
  const path = historyPath(events);
  const infoPath = `${path}.json`;
  if (existsSync(path) && existsSync(infoPath)) {
    return { ...(JSON.parse(readFileSync(infoPath, 'utf8')) as HistoryInfo), path, cached: true };
  }
  // Older generations of the same size are stale now.
  for (const name of readdirSync(CACHE_DIR)) {
    if (name.startsWith(`history-${events}-`)) rmSync(join(CACHE_DIR, name), { force: true });
  }
  const tmp = `${path}.tmp-${process.pid}`;
  for (const s of ['', '-wal', '-shm']) rmSync(tmp + s, { force: true });
  const info = await generate(tmp, events, log);
  const store = new SqliteEventStore({ path: tmp, synchronous: 'OFF' });
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.db.pragma('journal_mode = DELETE');
  await store.close();
  renameSync(tmp, path);
  for (const s of ['-wal', '-shm']) rmSync(tmp + s, { force: true });
  const full: HistoryInfo = { ...info, path, cached: false };
  writeFileSync(infoPath, JSON.stringify(full, null, 2));
  return full;
};

type Input = Planned['command'];
type Outcome = { ok: true; events: number } | { ok: false; code: string };

interface Cached<S> {
  state: S;
  last: bigint;
  prevHash: string | null;
}

/**
 * `Ledger.attempt` for fresh command ids, with each stream's state kept in memory. The envelope
 * is built exactly as ledger.ts builds it; `checkAgainstLedger` proves it on a sample.
 */
class DirectWriter {
  private readonly contracts = new Map<string, Cached<ContractState>>();
  private readonly networks = new Map<string, Cached<NetworkState>>();
  constructor(readonly store: SqliteEventStore) {}

  execute(input: Input, recordedAt: string): Outcome {
    const parsed = parseCommand(input);
    if (!parsed.ok) return { ok: false, code: 'INVALID_COMMAND' };
    const cmd = parsed.value;
    const { command } = cmd;
    const contractId = contractIdOf(command);
    const contract = contractId
      ? this.cached(this.contracts, contractStream(contractId), contractDecider.initialState)
      : null;
    const networkId = networkIdOf(command, contract?.state ?? contractDecider.initialState);
    const network = networkId
      ? this.cached(this.networks, networkStream(networkId), networkDecider.initialState)
      : null;
    const at = occurredAt(command);
    const edition = findEditionOn(jstDate(at));
    if (!edition) return { ok: false, code: 'BEFORE_FIRST_EDITION' };
    const decision = decideCommand(
      command,
      {
        network: network?.state ?? networkDecider.initialState,
        contract: contract?.state ?? contractDecider.initialState,
      },
      DEFAULT_TERMS_CONFIG,
    );
    if (!decision.ok) return { ok: false, code: decision.rejection.code };
    const writes: {
      streamId: string;
      cache: Cached<unknown>;
      events: readonly DomainEvent[];
      evolve: (s: never, e: never) => unknown;
    }[] = [];
    if (decision.network.length > 0) {
      writes.push({
        streamId: networkStream(networkId!),
        cache: network!,
        events: decision.network,
        evolve: networkDecider.evolve as never,
      });
    }
    if (decision.contract.length > 0) {
      writes.push({
        streamId: contractStream(contractId!),
        cache: contract!,
        events: decision.contract,
        evolve: contractDecider.evolve as never,
      });
    }
    let index = 0;
    let count = 0;
    for (const { streamId, cache, events, evolve } of writes) {
      const { events: toAppend, lastHash } = envelopeEvents(
        { cmd, occurredAt: at, recordedAt, edition: edition.id },
        { streamId, nextRevision: cache.last + 1n, prevHash: cache.prevHash },
        events,
        index,
      );
      index += toAppend.length;
      cache.prevHash = lastHash;
      const result = this.store.appendSync(streamId, toAppend, cache.last < 0n ? 'no_stream' : cache.last);
      for (const e of toAppend) {
        const revision = cache.last + 1n;
        // Fold what a reader gets back: the JSON round trip, decoded as the ledger decodes it.
        const recorded = decodeRecorded(
          {
            streamId,
            revision,
            position: result.position,
            type: e.type,
            data: JSON.parse(JSON.stringify(e.data)),
            metadata: JSON.parse(JSON.stringify(e.metadata)),
          },
          { validate: false },
        );
        cache.state = evolve(cache.state as never, recorded as never);
        cache.last = revision;
        count++;
      }
    }
    return { ok: true, events: count };
  }

  private cached<S>(map: Map<string, Cached<S>>, streamId: string, initial: S): Cached<S> {
    let c = map.get(streamId);
    if (!c) {
      c = { state: initial, last: -1n, prevHash: null };
      map.set(streamId, c);
    }
    return c;
  }
}

/** Runs `commands` through a real Ledger on a memory store and compares every event with the file. */
const checkAgainstLedger = async (
  file: SqliteEventStore,
  commands: readonly { input: Input; recordedAt: string }[],
): Promise<number> => {
  const memory = new MemoryEventStore();
  let recordedAt = '';
  const ledger = new Ledger({ store: memory, clock: () => recordedAt });
  const streams = new Set<string>();
  for (const c of commands) {
    recordedAt = c.recordedAt;
    const r = await ledger.execute(c.input);
    if (r.status === 'accepted') for (const e of r.events) streams.add(e.streamId);
  }
  let compared = 0;
  for (const streamId of streams) {
    const a = await memory.readStream(streamId);
    const b = file.readStreamSync(streamId);
    const aEvents = a.status === 'found' ? a.events : [];
    const bEvents = b.status === 'found' ? b.events : [];
    const shape = (e: (typeof aEvents)[number]) =>
      JSON.stringify({
        streamId: e.streamId,
        revision: String(e.revision),
        id: e.id,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
      });
    if (aEvents.length !== bEvents.length) {
      throw new Error(
        `history generator drifted from Ledger: ${streamId} has ${bEvents.length} events, the ledger wrote ${aEvents.length}`,
      );
    }
    for (const [i, e] of aEvents.entries()) {
      if (shape(e) !== shape(bEvents[i]!)) {
        throw new Error(
          `history generator drifted from Ledger at ${streamId}@${i}:\n ledger: ${shape(e)}\n writer: ${shape(bEvents[i]!)}`,
        );
      }
      compared++;
    }
  }
  return compared;
};

/** A planned command with the time the ledger records it (two hours after it happened, in UTC). */
export interface PlannedCommand {
  readonly input: Input;
  readonly recordedAt: string;
  /** The month the command belongs to, for progress. */
  readonly month: string;
}

/** The plan of a history of about `targetEvents` events: its shape and its commands in recorded order. */
export interface HistoryPlan {
  readonly networks: number;
  readonly contracts: number;
  readonly months: number;
  /** The first network: its commands are checked against a real Ledger run. */
  readonly sampleNetwork: string;
  /** Month by month, each month's commands in the order they happened. */
  readonly commands: Iterable<PlannedCommand>;
}

export const planHistory = (targetEvents: number): HistoryPlan => {
  const contractsWanted = Math.max(2, Math.round(targetEvents / EVENTS_PER_CONTRACT));
  const networks = planNetworks(contractsWanted, 20_250_401);
  const contracts = networks.flatMap((n) => n.contracts);
  let months = 0;
  for (let ym = FIRST_MONTH; ym <= LAST_MONTH; ym = monthAdd(ym, 1)) months++;
  return {
    networks: networks.length,
    contracts: contracts.length,
    months,
    sampleNetwork: networks[0]!.networkId,
    commands: commandsOf(networks, contracts),
  };
};

function* commandsOf(
  networks: readonly NetworkPlan[],
  contracts: readonly ContractPlan[],
): Generator<PlannedCommand> {
  let seq = 0;
  for (let ym = FIRST_MONTH; ym <= LAST_MONTH; ym = monthAdd(ym, 1)) {
    const planned: Planned[] = [];
    for (const n of networks) {
      if (monthOf(n.registeredOn) === ym) {
        planned.push({
          key: at(n.registeredOn, 9),
          seq: seq++,
          command: {
            type: 'RegisterNetwork',
            commandId: `${n.networkId}.register`,
            actor: 'staff:sato',
            data: {
              networkId: n.networkId,
              parentContractId: n.contracts[0]!.contractId,
              parentHolderId: n.holder,
              item: ITEM,
              childSiteLimit: n.childLimit,
              registeredOn: n.registeredOn,
            },
          },
        });
      }
    }
    for (const c of contracts) {
      if (c.acceptedOn.slice(0, 7) > ym) continue;
      for (const p of monthOfContract(c, ym)) planned.push({ ...p, seq: seq++ });
    }
    planned.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.seq - b.seq));
    // The ledger learns of each fact a little after it happened: two hours later, in UTC.
    for (const p of planned) {
      yield {
        input: p.command,
        recordedAt: new Date(Date.parse(p.key) + 2 * 3600_000).toISOString(),
        month: ym,
      };
    }
  }
}

const generate = async (
  path: string,
  targetEvents: number,
  log: (line: string) => void,
): Promise<Omit<HistoryInfo, 'path' | 'cached'>> => {
  const started = now();
  const store = new SqliteEventStore({ path, synchronous: 'OFF' });
  store.db.pragma('cache_size = -65536');
  const writer = new DirectWriter(store);
  const plan = planHistory(targetEvents);
  const sampleCommands: { input: Input; recordedAt: string }[] = [];
  const rejected: Record<string, number> = {};
  let commands = 0;
  let inTransaction = 0;
  let month = '';
  for (const p of plan.commands) {
    if (p.month !== month) {
      if (month.endsWith('-12')) {
        const head = await store.headPosition();
        log(
          `  history: ${month}: ${head?.commit ?? 0n} events, ${commands} commands, ${secondsSince(started).toFixed(0)} s`,
        );
      }
      month = p.month;
    }
    if (inTransaction === 0) store.db.exec('BEGIN IMMEDIATE');
    const result = writer.execute(p.input, p.recordedAt);
    if (++inTransaction >= 2000) {
      store.db.exec('COMMIT');
      inTransaction = 0;
    }
    commands++;
    const data = p.input.data as { networkId?: string; contractId?: string };
    if (data.networkId === plan.sampleNetwork || data.contractId?.startsWith(`${plan.sampleNetwork}-`)) {
      sampleCommands.push({ input: p.input, recordedAt: p.recordedAt });
    }
    if (!result.ok)
      rejected[`${p.input.type}:${result.code}`] = (rejected[`${p.input.type}:${result.code}`] ?? 0) + 1;
  }
  if (inTransaction > 0) store.db.exec('COMMIT');
  const checked = await checkAgainstLedger(store, sampleCommands);
  log(`  history: ${checked} events of network ${plan.sampleNetwork} match a real Ledger run byte for byte`);
  const total = store.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events').get()!.n;
  const sample =
    store.db
      .prepare<[string], { stream_id: string; n: number }>(
        'SELECT stream_id, COUNT(*) AS n FROM events WHERE stream_id LIKE ? GROUP BY stream_id HAVING n BETWEEN 50 AND 100 ORDER BY n DESC LIMIT 1',
      )
      .get(`${CONTRACT_STREAM_PREFIX}%`) ??
    store.db
      .prepare<[string], { stream_id: string; n: number }>(
        'SELECT stream_id, COUNT(*) AS n FROM events WHERE stream_id LIKE ? GROUP BY stream_id ORDER BY n DESC LIMIT 1',
      )
      .get(`${CONTRACT_STREAM_PREFIX}%`)!;
  await store.close();
  return {
    events: total,
    commands,
    rejected,
    networks: plan.networks,
    contracts: plan.contracts,
    months: plan.months,
    generationSeconds: secondsSince(started),
    sampleContract: { contractId: sample.stream_id.slice(CONTRACT_STREAM_PREFIX.length), events: sample.n },
  };
};
