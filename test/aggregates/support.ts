/**
 * given / when / then for the deciders. `given` folds events (or the events of earlier commands)
 * into the network and contract states with the deciders' own `evolve`; `when` runs the composite
 * `decideCommand` exactly as the ledger does; `then` compares the events, `thenRejects` the code and
 * article. Every event a decider emits is checked against the catalog's schema.
 */
import {
  COMMAND_SCHEMAS,
  type Command,
  type CommandData,
  type CommandType,
  type CompositeDecision,
  contractDecider,
  contractIdOf,
  DEFAULT_TERMS_CONFIG,
  decideCommand,
  networkDecider,
  networkIdOf,
  type PolicyBook,
  parentContractIdFor,
  policyDecider,
  type TermsConfig,
} from '../../src/aggregates';
import type { ContractState } from '../../src/aggregates/contract/state';
import type { NetworkState } from '../../src/aggregates/network/state';
import {
  type ContractEvent,
  type DomainEvent,
  EventSchemas,
  isNetworkEventType,
  isPolicyEventType,
  type NetworkEvent,
  type PolicyEvent,
} from '../../src/events';
import { rejectionMessage } from '../../src/render/rejections';
import { citationText } from '../../src/terms/citation';
import type { Rejection } from '../../src/terms/rejections';
import { toJson } from '../support/json';

/** A rejection as the ledger reports it: its citation in the ledger's notation and its English sentence. */
export const told = (r: Rejection): { code: string; article: string; message: string } => ({
  code: r.code,
  article: citationText(r.cite),
  message: rejectionMessage('en', r),
});

/** An event with the stream it belongs to. */
export interface Tagged {
  readonly stream: { readonly kind: 'network' | 'contract' | 'policies'; readonly id: string };
  readonly event: DomainEvent;
}

export type GivenEntry = DomainEvent | Tagged | readonly Tagged[];

const isTagged = (e: DomainEvent | Tagged): e is Tagged => 'stream' in e;

/** Tags events as the contract stream's (for a given whose contract events belong to several contracts). */
export const inContract = (contractId: string, ...events: ContractEvent[]): Tagged[] =>
  events.map((event) => ({ stream: { kind: 'contract', id: contractId }, event }));

export const inNetwork = (networkId: string, ...events: NetworkEvent[]): Tagged[] =>
  events.map((event) => ({ stream: { kind: 'network', id: networkId }, event }));

export class World {
  readonly networks = new Map<string, NetworkState>();
  readonly contracts = new Map<string, ContractState>();
  /** The policy sets adopted (the \`policies\` stream), read by every decision on its fact's date. */
  policies: PolicyBook = policyDecider.initialState;
  /** The Japan date commands are recorded on (policies are never adopted before it); null: each fact's own date. */
  today: string | null = null;
  /** Each contract stream's events, in order: what the deciders recorded. */
  private readonly streams = new Map<string, ContractEvent[]>();
  /** Untagged events go to the last network registered and the last contract accepted. */
  private currentNetwork: string | null = null;
  private currentContract: string | null = null;

  constructor(readonly terms: TermsConfig = DEFAULT_TERMS_CONFIG) {}

  network(id: string): NetworkState {
    return this.networks.get(id) ?? networkDecider.initialState;
  }

  contract(id: string): ContractState {
    return this.contracts.get(id) ?? contractDecider.initialState;
  }

  /** The events of a contract's stream. */
  events(id: string): readonly ContractEvent[] {
    return this.streams.get(id) ?? [];
  }

  apply(entry: DomainEvent | Tagged): void {
    const { event, stream } = isTagged(entry) ? entry : { event: entry, stream: null };
    if (isPolicyEventType(event.type)) {
      this.policies = policyDecider.evolve(this.policies, event as PolicyEvent);
      return;
    }
    if (isNetworkEventType(event.type)) {
      const id =
        stream?.id ??
        (event.type === 'NetworkRegistered'
          ? (event.data as { networkId: string }).networkId
          : this.currentNetwork);
      if (!id) throw new Error(`No network for ${event.type}: tag it with inNetwork()`);
      this.currentNetwork = id;
      this.networks.set(id, networkDecider.evolve(this.network(id), event as NetworkEvent));
      return;
    }
    const id =
      stream?.id ??
      (event.type === 'ApplicationAccepted'
        ? (event.data as { contractId: string }).contractId
        : this.currentContract);
    if (!id) throw new Error(`No contract for ${event.type}: tag it with inContract()`);
    this.currentContract = id;
    this.contracts.set(id, contractDecider.evolve(this.contract(id), event as ContractEvent));
    this.streams.set(id, [...this.events(id), event as ContractEvent]);
  }

  /** The streams a command reads, as the ledger routes it. */
  route(command: Command): { networkId: string | null; contractId: string | null } {
    const contractId = contractIdOf(command);
    const contract = contractId ? this.contract(contractId) : contractDecider.initialState;
    return { contractId, networkId: networkIdOf(command, contract) };
  }

  decide(command: Command): CompositeDecision {
    const { contractId, networkId } = this.route(command);
    const network = networkId ? this.network(networkId) : networkDecider.initialState;
    // As the ledger reads it: the parent contract whose holder has the authority (Art. 10(1)(2)).
    const parentId = parentContractIdFor(command, contractId, network);
    return decideCommand(
      command,
      {
        network,
        contract: contractId ? this.contract(contractId) : contractDecider.initialState,
        ...(parentId ? { parent: this.contract(parentId) } : {}),
        policies: this.policies,
      },
      this.terms,
      this.today === null ? {} : { today: this.today },
    );
  }

  /** Decides and, when accepted, appends: returns the tagged events. */
  run(command: Command): Tagged[] {
    const { contractId, networkId } = this.route(command);
    const decision = this.decide(command);
    if (!decision.ok) {
      throw new Error(
        `${command.type} was rejected: ${decision.rejection.code} (${told(decision.rejection).article}) ${told(decision.rejection).message}`,
      );
    }
    const tagged: Tagged[] = [
      ...decision.network.map((event) => ({
        stream: { kind: 'network' as const, id: networkId ?? '?' },
        event,
      })),
      ...decision.contract.map((event) => ({
        stream: { kind: 'contract' as const, id: contractId ?? '?' },
        event,
      })),
      ...decision.policies.map((event) => ({ stream: { kind: 'policies' as const, id: 'policies' }, event })),
    ];
    for (const t of tagged) {
      assertValidEvent(t.event);
      this.apply(t);
    }
    return tagged;
  }
}

/** A minimum term the deciders recorded as starting (Art. 5, 17(3)): its first day, why, and the change. */
export interface RecordedTermStart {
  readonly startOn: string;
  readonly reason: 'billing-start' | 'model-change';
  readonly changeId: string | null;
}

type Target = Extract<ContractEvent, { type: 'ModelChangeAccepted' }>['data']['target'];

/**
 * The term starts a contract's events record: the contract's own (Art. 5(1) from the billing start,
 * 5(2) from each change recorded as restarting it), or with `optionId` the option's (Art. 17(3)).
 */
export const recordedTermStarts = (
  world: World,
  contractId: string,
  optionId?: string,
): RecordedTermStart[] => {
  const targets = new Map<string, Target>();
  const out: RecordedTermStart[] = [];
  for (const e of world.events(contractId)) {
    if (e.type === 'ModelChangeAccepted') targets.set(e.data.changeId, e.data.target);
    if (e.type === 'BillingStarted' && optionId === undefined)
      out.push({ startOn: e.data.billingStartOn, reason: 'billing-start', changeId: null });
    if (e.type === 'OptionBillingStarted' && e.data.optionId === optionId && e.data.startsTerm)
      out.push({ startOn: e.data.billingStartOn, reason: 'billing-start', changeId: null });
    if (e.type === 'ModelChangeCompleted' && e.data.restartsTerm) {
      const t = targets.get(e.data.changeId);
      const ours =
        optionId === undefined ? t?.kind === 'device' : t?.kind === 'option' && t.optionId === optionId;
      if (ours)
        out.push({ startOn: e.data.billingStartOn, reason: 'model-change', changeId: e.data.changeId });
    }
  }
  return out;
};

/**
 * The monthly fee a contract's events quote for the model now in place (Annex 1 §2): the
 * acceptance's, then each completed device change's (Art. 9(1)); with `optionId`, the option's, then
 * its own changes' or those of the device changes that carried it (Art. 17(2)(2)).
 */
export const recordedMonthlyFee = (
  world: World,
  contractId: string,
  optionId?: string,
): number | undefined => {
  let fee: number | undefined;
  const quoted = new Map<string, number>();
  for (const e of world.events(contractId)) {
    if (e.type === 'ApplicationAccepted' && optionId === undefined) fee = e.data.monthlyFee;
    if (e.type === 'OptionAdded' && e.data.optionId === optionId) fee = e.data.monthlyFee;
    if (e.type === 'ModelChangeAccepted') {
      const t = e.data.target;
      if (optionId === undefined ? t.kind === 'device' : t.kind === 'option' && t.optionId === optionId)
        quoted.set(e.data.changeId, e.data.monthlyFee);
      for (const cs of e.data.coldStandby)
        if (cs.optionId === optionId) quoted.set(e.data.changeId, cs.monthlyFee);
    }
    if (e.type === 'ModelChangeCompleted') fee = quoted.get(e.data.changeId) ?? fee;
  }
  return fee;
};

/** Where the events record an item was last moved with the provider's consent (Art. 14(1)(1)); null: never. */
export const recordedLocation = (world: World, contractId: string, itemId: string): unknown => {
  const consents = new Map<string, { itemIds: readonly string[]; to: unknown }>();
  let at: unknown = null;
  for (const e of world.events(contractId)) {
    if (e.type === 'RelocationConsented') consents.set(e.data.consentId, e.data);
    if (e.type === 'EquipmentRelocated' && consents.get(e.data.consentId)?.itemIds.includes(itemId))
      at = consents.get(e.data.consentId)?.to;
  }
  return at;
};

/** States as JSON for comparing snapshots in tests, their Maps as tagged entry lists (test/support/json.ts; JSON.stringify writes a Map as {}). */
export const stateJson = (value: unknown): string => JSON.stringify(toJson(value));

export const assertValidEvent = (event: DomainEvent): void => {
  const parsed = EventSchemas[event.type].safeParse(event.data);
  if (!parsed.success) throw new Error(`${event.type} does not match the catalog: ${parsed.error.message}`);
};

/** The events of running commands one after another from nothing (each must be accepted). */
export const history = (...commands: Command[]): Tagged[] => historyWith(DEFAULT_TERMS_CONFIG, ...commands);

/** `history` decided under deployment settings other than the defaults (the events record what they decided). */
export const historyWith = (terms: TermsConfig, ...commands: Command[]): Tagged[] => {
  const world = new World(terms);
  return commands.flatMap((c) => world.run(c));
};

const isList = (e: GivenEntry): e is readonly Tagged[] => Array.isArray(e);

const flatten = (entries: readonly GivenEntry[]): (DomainEvent | Tagged)[] =>
  entries.flatMap((e): (DomainEvent | Tagged)[] => (isList(e) ? [...e] : [e]));

export const given = (...entries: GivenEntry[]) => givenWith(DEFAULT_TERMS_CONFIG, ...entries);

/** `given` under deployment settings other than the defaults (e.g. the Art. 142 holiday policy). */
export const givenWith = (terms: TermsConfig, ...entries: GivenEntry[]) => {
  const world = new World(terms);
  for (const e of flatten(entries)) world.apply(e);
  return {
    world,
    when(command: Command) {
      const parsed = COMMAND_SCHEMAS[command.type].safeParse(command.data);
      if (!parsed.success)
        throw new Error(`The test's ${command.type} does not parse: ${parsed.error.message}`);
      const before = stateJson([...world.networks, ...world.contracts]);
      const decision = world.decide(command);
      // Deciding is pure: the states are as they were, whatever the outcome.
      expect(stateJson([...world.networks, ...world.contracts])).toBe(before);
      return {
        decision,
        /**
         * The events, network stream first, then the contract stream; `andThen` inspects the states
         * after them. (The given/when/then reading is worth a thenable-looking object: it is never awaited.)
         */
        // biome-ignore lint/suspicious/noThenProperty: the spec vocabulary of the Decider pattern; never awaited
        then(expected: readonly DomainEvent[], andThen?: (world: World) => void): void {
          if (!decision.ok) {
            throw new Error(
              `Expected events, got ${decision.rejection.code} (${told(decision.rejection).article}): ${told(decision.rejection).message}`,
            );
          }
          const events = [...decision.network, ...decision.contract, ...decision.policies];
          for (const e of events) assertValidEvent(e);
          expect(events).toEqual(expected);
          world.run(command);
          andThen?.(world);
        },
        thenRejects(code: string, article?: string): void {
          if (decision.ok) {
            throw new Error(
              `Expected ${code}, got events ${JSON.stringify([...decision.network, ...decision.contract, ...decision.policies])}`,
            );
          }
          expect(decision.rejection.code).toBe(code);
          if (article !== undefined) expect(told(decision.rejection).article).toBe(article);
        },
        /** The command is accepted, or refused with any code but `code`. */
        thenNotRejectedWith(code: string): void {
          if (!decision.ok) expect(decision.rejection.code).not.toBe(code);
        },
      };
    },
  };
};

/** A command of the registry, typed by its type. */
export const command = <K extends CommandType>(type: K, data: CommandData<K>): Command =>
  ({ type, data }) as Command;

/** Whether the command's data parses (zod is the first gate, before any rule). */
export const parses = (c: Command): boolean => COMMAND_SCHEMAS[c.type].safeParse(c.data).success;
