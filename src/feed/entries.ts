/**
 * The change feed: the log's facts in its order, each as much as a principal may see of it, by the
 * same rules as every other answer (src/auth/authority.ts):
 *  - staff sees every fact;
 *  - a contractor sees the facts of the contracts it holds (their own streams, and the network
 *    facts about them), and of another contractor's contract in the VPN whose parent contract it
 *    holds only the steps Art. 10 and 11 give it (PARENT_HOLDER_STEPS); another contractor's
 *    contract is as if it did not exist;
 *  - every contractor sees a month's close, with its own totals only (as GET /v1/months shows it);
 *  - the seals made on demand, and the reservations voided, are staff's.
 * An entry is data: what was recorded, where, when, about which contract or month; never the
 * event's own data (fees, quotes, descriptions): a client reads the contract or the month for those,
 * through the endpoints that decide what it may read of them.
 */
import { type Access, accessOf, PARENT_HOLDER_STEPS } from '../auth/authority';
import type { Principal } from '../auth/principal';
import {
  contractIdOfStream,
  decodeRecorded,
  foldFailure,
  type LedgerEvent,
  NETWORK_STREAM_PREFIX,
} from '../events';
import { applyFact, type CloseFact, initFacts } from '../projections';
import type { Reader } from '../read';
import type { Position, RecordedEvent } from '../store/port';

/** What the principal sees of a fact: all of it (staff, holder), a parent holder's part, or what is billed to it. */
export type FeedAccess = Access | 'billed';

export interface FeedEntry {
  readonly position: Position;
  readonly type: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly recordedAt: string;
  readonly contractId: string | null;
  readonly networkId: string | null;
  readonly month: string | null;
  readonly access: FeedAccess;
  /** A month's close, its totals as the principal may see them. */
  readonly close: CloseFact | null;
  /** A seal's position (staff). */
  readonly sealedThrough: Position | null;
}

const decode = (r: RecordedEvent): LedgerEvent => {
  try {
    return decodeRecorded(r, { validate: false });
  } catch (error) {
    throw foldFailure(r, error);
  }
};

/** The contract a network fact is about (a registration: its parent contract). */
const networkContract = (e: LedgerEvent): { contractId: string; networkId: string | null } | null => {
  switch (e.type) {
    case 'NetworkRegistered':
      return { contractId: e.data.parentContractId, networkId: e.data.networkId };
    case 'SiteJoined':
    case 'SiteLeft':
    case 'SettingsDisclosed':
      return { contractId: e.data.contractId, networkId: e.streamId.slice(NETWORK_STREAM_PREFIX.length) };
    default:
      return null;
  }
};

const closeFactOf = (e: LedgerEvent): CloseFact | null => {
  if (e.type !== 'MonthClosed') return null;
  const facts = initFacts();
  applyFact(facts, e);
  return facts.closes.get(e.data.month) ?? null;
};

/** The entries of `events` the principal may see, in order. */
export async function visibleEntries(
  reader: Reader,
  principal: Principal,
  events: readonly RecordedEvent[],
): Promise<FeedEntry[]> {
  const parties = new Map<string, Awaited<ReturnType<Reader['parties']>>>();
  const partiesOf = async (contractId: string) => {
    if (!parties.has(contractId)) parties.set(contractId, await reader.parties(contractId));
    return parties.get(contractId)!;
  };
  const out: FeedEntry[] = [];
  for (const r of events) {
    const e = decode(r);
    const base = {
      position: r.position,
      type: r.type,
      streamId: r.streamId,
      revision: r.revision,
      recordedAt: e.metadata.recordedAt,
      contractId: null,
      networkId: null,
      month: null,
      close: null,
      sealedThrough: null,
    };
    if (e.type === 'MonthClosed') {
      const close = closeFactOf(e)!;
      const mine =
        principal.kind === 'staff'
          ? close
          : { ...close, totals: close.totals.filter((t) => t.billTo === principal.contractorId) };
      out.push({
        ...base,
        month: close.month,
        close: mine,
        access: principal.kind === 'staff' ? 'staff' : 'billed',
      });
      continue;
    }
    if (e.type === 'LogSealed') {
      if (principal.kind !== 'staff') continue;
      const p = e.data.seal.position;
      out.push({
        ...base,
        access: 'staff',
        sealedThrough: p === null ? null : { commit: BigInt(p.commit), prepare: BigInt(p.prepare) },
      });
      continue;
    }
    const own = contractIdOfStream(r.streamId);
    const about = own !== null ? { contractId: own, networkId: null } : networkContract(e);
    if (about === null) {
      // Nothing a contractor holds (a reservation voided, a stream this program does not know).
      if (principal.kind === 'staff') out.push({ ...base, access: 'staff' });
      continue;
    }
    const who = await partiesOf(about.contractId);
    const access = principal.kind === 'staff' ? 'staff' : who === null ? null : accessOf(principal, who);
    if (access === null || (access === 'parent-holder' && !PARENT_HOLDER_STEPS.has(e.type))) continue;
    out.push({
      ...base,
      contractId: about.contractId,
      networkId: about.networkId ?? who?.networkId ?? null,
      access,
    });
  }
  return out;
}
