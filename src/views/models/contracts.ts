/**
 * The contracts read model: every contract's summary (view_contracts), every network
 * (view_networks) and its members (view_members). What a contract search, a principal's access and
 * the deadlines' and months' candidates are chosen from.
 */
import type Database from 'better-sqlite3';
import { type ContractFacts, contractEnd, type NetworkFacts } from '../../projections';
import { diffRows, sameRow, ViewModel, type ViewTable } from './table';

export interface ContractSummaryRow {
  readonly contract_id: string;
  readonly network_id: string;
  readonly contract_type: string;
  readonly contractor_id: string;
  readonly parent_holder_id: string;
  readonly item: string;
  readonly accepted_on: string;
  readonly billing_start_on: string | null;
  readonly end_on: string | null;
  readonly terminated: 0 | 1;
  readonly notice_arrived_on: string | null;
  readonly notice_effective_on: string | null;
}

export interface NetworkSummaryRow {
  readonly network_id: string;
  readonly parent_contract_id: string;
  readonly parent_holder_id: string;
  readonly item: string;
  readonly child_site_limit: number;
  readonly registered_on: string;
}

export interface MemberRow {
  readonly network_id: string;
  readonly contract_id: string;
  readonly contract_type: string;
  readonly contractor_id: string;
  readonly joined_on: string;
  readonly left_on: string | null;
}

export interface NetworkRows {
  readonly summary: NetworkSummaryRow;
  readonly members: readonly MemberRow[];
}

export const CONTRACT_TABLES: readonly ViewTable[] = [
  {
    name: 'view_contracts',
    key: ['contract_id'],
    ddl: `CREATE TABLE IF NOT EXISTS view_contracts (
    contract_id       TEXT PRIMARY KEY,
    network_id        TEXT NOT NULL,
    contract_type     TEXT NOT NULL,
    contractor_id     TEXT NOT NULL,
    parent_holder_id  TEXT NOT NULL,
    item              TEXT NOT NULL,
    accepted_on       TEXT NOT NULL,
    billing_start_on  TEXT,
    end_on            TEXT,
    terminated        INTEGER NOT NULL,
    -- The termination notice (Art. 18), for a contract's status as effective on a date.
    notice_arrived_on   TEXT,
    notice_effective_on TEXT
  );
  CREATE INDEX IF NOT EXISTS view_contracts_by_network ON view_contracts (network_id);
  CREATE INDEX IF NOT EXISTS view_contracts_by_contractor ON view_contracts (contractor_id);
  CREATE INDEX IF NOT EXISTS view_contracts_by_holder ON view_contracts (parent_holder_id);`,
  },
  {
    name: 'view_networks',
    key: ['network_id'],
    ddl: `CREATE TABLE IF NOT EXISTS view_networks (
    network_id         TEXT PRIMARY KEY,
    parent_contract_id TEXT NOT NULL,
    parent_holder_id   TEXT NOT NULL,
    item               TEXT NOT NULL,
    child_site_limit   INTEGER NOT NULL,
    registered_on      TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS view_networks_by_holder ON view_networks (parent_holder_id);`,
  },
  {
    name: 'view_members',
    key: ['network_id', 'contract_id'],
    ddl: `CREATE TABLE IF NOT EXISTS view_members (
    network_id    TEXT NOT NULL,
    contract_id   TEXT NOT NULL,
    contract_type TEXT NOT NULL,
    contractor_id TEXT NOT NULL,
    joined_on     TEXT NOT NULL,
    left_on       TEXT,
    PRIMARY KEY (network_id, contract_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS view_members_by_contractor ON view_members (contractor_id);`,
  },
];

export function contractSummaryRow(c: ContractFacts): ContractSummaryRow {
  const end = contractEnd(c);
  return {
    contract_id: c.contractId,
    network_id: c.networkId,
    contract_type: c.contractType,
    contractor_id: c.contractorId,
    parent_holder_id: c.parentHolderId,
    item: c.item,
    accepted_on: c.acceptedOn,
    billing_start_on: c.billingStart?.on ?? null,
    end_on: end?.on ?? null,
    terminated: c.termination ? 1 : 0,
    notice_arrived_on: c.terminationNotice?.noticeArrivedOn ?? null,
    notice_effective_on: c.terminationNotice?.effectiveOn ?? null,
  };
}

export function networkRows(n: NetworkFacts): NetworkRows {
  return {
    summary: {
      network_id: n.networkId,
      parent_contract_id: n.parentContractId,
      parent_holder_id: n.parentHolderId,
      item: n.item,
      child_site_limit: n.childSiteLimit,
      registered_on: n.registeredOn,
    },
    members: [...n.sites.values()].map((s) => ({
      network_id: n.networkId,
      contract_id: s.contractId,
      contract_type: s.contractType,
      contractor_id: s.contractorId,
      joined_on: s.joinedOn,
      left_on: s.left?.on ?? null,
    })),
  };
}

/** What a contract search asks (see ContractsView.search). */
export interface ContractSearch {
  readonly asOf: string;
  readonly limit: number;
  readonly idPrefix?: string;
  readonly holder?: string;
  readonly networkId?: string;
  readonly status?: ContractSearchStatus;
  readonly visibleTo?: string;
  readonly after?: string;
}

export const CONTRACT_STATUSES = ['accepted', 'in-service', 'termination-scheduled', 'terminated'] as const;
export type ContractSearchStatus = (typeof CONTRACT_STATUSES)[number];

export interface ContractSearchRow extends ContractSummaryRow {
  /** As effective on the search's date; null when the application was accepted after it. */
  readonly status: ContractSearchStatus | null;
}

/**
 * A contract's status as effective on @asOf, as contractStateAsOf (src/projections/contract-state.ts)
 * gives it: a termination once its date has come, else a notice once it has arrived (over after its
 * effective day), else in service from the billing start. Dates compare as text (YYYY-MM-DD).
 */
const STATUS_AS_OF = `CASE
    WHEN accepted_on > @asOf THEN NULL
    WHEN terminated = 1 AND end_on <= @asOf THEN
      CASE WHEN end_on < @asOf THEN 'terminated' ELSE 'termination-scheduled' END
    WHEN notice_arrived_on IS NOT NULL AND notice_arrived_on <= @asOf THEN
      CASE WHEN notice_effective_on < @asOf THEN 'terminated' ELSE 'termination-scheduled' END
    WHEN billing_start_on IS NOT NULL AND billing_start_on <= @asOf THEN 'in-service'
    ELSE 'accepted' END`;

const statementsOfContracts = (db: Database.Database) => {
  return {
    putContract: db.prepare<[ContractSummaryRow]>(
      `INSERT INTO view_contracts (contract_id, network_id, contract_type, contractor_id,
         parent_holder_id, item, accepted_on, billing_start_on, end_on, terminated, notice_arrived_on,
         notice_effective_on)
       VALUES (@contract_id, @network_id, @contract_type, @contractor_id, @parent_holder_id, @item,
         @accepted_on, @billing_start_on, @end_on, @terminated, @notice_arrived_on, @notice_effective_on)
       ON CONFLICT (contract_id) DO UPDATE SET network_id = excluded.network_id,
         contract_type = excluded.contract_type, contractor_id = excluded.contractor_id,
         parent_holder_id = excluded.parent_holder_id, item = excluded.item,
         accepted_on = excluded.accepted_on, billing_start_on = excluded.billing_start_on,
         end_on = excluded.end_on, terminated = excluded.terminated,
         notice_arrived_on = excluded.notice_arrived_on, notice_effective_on = excluded.notice_effective_on`,
    ),
    putNetwork: db.prepare<[NetworkSummaryRow]>(
      `INSERT INTO view_networks (network_id, parent_contract_id, parent_holder_id, item, child_site_limit, registered_on)
       VALUES (@network_id, @parent_contract_id, @parent_holder_id, @item, @child_site_limit, @registered_on)
       ON CONFLICT (network_id) DO UPDATE SET parent_contract_id = excluded.parent_contract_id, parent_holder_id = excluded.parent_holder_id, item = excluded.item, child_site_limit = excluded.child_site_limit, registered_on = excluded.registered_on`,
    ),
    putMember: db.prepare<[MemberRow]>(
      `INSERT INTO view_members (network_id, contract_id, contract_type, contractor_id, joined_on, left_on)
       VALUES (@network_id, @contract_id, @contract_type, @contractor_id, @joined_on, @left_on)
       ON CONFLICT (network_id, contract_id) DO UPDATE SET contract_type = excluded.contract_type, contractor_id = excluded.contractor_id, joined_on = excluded.joined_on, left_on = excluded.left_on`,
    ),
    deleteMember: db.prepare<[string, string]>(
      'DELETE FROM view_members WHERE network_id = ? AND contract_id = ?',
    ),
    deleteMembers: db.prepare<[string]>('DELETE FROM view_members WHERE network_id = ?'),
    contract: db.prepare<[string], ContractSummaryRow>('SELECT * FROM view_contracts WHERE contract_id = ?'),
    network: db.prepare<[string], NetworkSummaryRow>('SELECT * FROM view_networks WHERE network_id = ?'),
    members: db.prepare<[string], MemberRow>(
      'SELECT * FROM view_members WHERE network_id = ? ORDER BY contract_id',
    ),
  };
};

export class ContractsView extends ViewModel<ReturnType<typeof statementsOfContracts>> {
  constructor(db: Database.Database) {
    super(db, statementsOfContracts);
  }

  // --- writes --------------------------------------------------------------------------------

  putSummary(next: ContractSummaryRow, prev: ContractSummaryRow | null): void {
    if (prev === null || !sameRow(prev, next)) this.s().putContract.run(next);
  }

  insertNetwork(rows: NetworkRows): void {
    const s = this.s();
    s.putNetwork.run(rows.summary);
    for (const r of rows.members) s.putMember.run(r);
  }

  writeNetwork(next: NetworkRows, prev: NetworkRows | null): void {
    const s = this.s();
    if (prev === null) s.deleteMembers.run(next.summary.network_id);
    if (prev === null || !sameRow(prev.summary, next.summary)) s.putNetwork.run(next.summary);
    diffRows(
      prev?.members ?? [],
      next.members,
      (r) => r.contract_id,
      (r) => s.putMember.run(r),
      (r) => s.deleteMember.run(r.network_id, r.contract_id),
    );
  }

  // --- reads ---------------------------------------------------------------------------------

  get(contractId: string): ContractSummaryRow | null {
    return this.s().contract.get(contractId) ?? null;
  }

  network(networkId: string): NetworkSummaryRow | null {
    return this.s().network.get(networkId) ?? null;
  }

  members(networkId: string): MemberRow[] {
    return this.s().members.all(networkId);
  }

  /**
   * Contracts by id (a prefix), holder, network and status as effective on `asOf` (the status the
   * state of that date shows), in id order, at most `limit` after the id `after`. `visibleTo`: only
   * the contracts that contractor holds, or whose network's parent contract it holds.
   */
  search(query: ContractSearch): ContractSearchRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { asOf: query.asOf, limit: query.limit };
    if (query.idPrefix !== undefined) {
      // A range on the primary key: an index seek, and no LIKE wildcards to escape.
      where.push('contract_id >= @idFrom AND contract_id < @idTo');
      params.idFrom = query.idPrefix;
      params.idTo = `${query.idPrefix}\u{10FFFF}`;
    }
    if (query.holder !== undefined) {
      where.push('contractor_id = @holder');
      params.holder = query.holder;
    }
    if (query.networkId !== undefined) {
      where.push('network_id = @network');
      params.network = query.networkId;
    }
    if (query.visibleTo !== undefined) {
      where.push('(contractor_id = @visibleTo OR parent_holder_id = @visibleTo)');
      params.visibleTo = query.visibleTo;
    }
    if (query.after !== undefined) {
      where.push('contract_id > @after');
      params.after = query.after;
    }
    const status = query.status === undefined ? '' : 'WHERE status = @status';
    if (query.status !== undefined) params.status = query.status;
    return this.db
      .prepare(
        `SELECT * FROM (SELECT *, ${STATUS_AS_OF} AS status FROM view_contracts
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''}) ${status}
         ORDER BY contract_id LIMIT @limit`,
      )
      .all(params) as ContractSearchRow[];
  }
}
