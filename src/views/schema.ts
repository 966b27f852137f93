/**
 * The persistent views: SQLite tables derived from the log, indexed for the questions the ledger is
 * asked (by contract, by network, by bill-to and month, by due date). With the SQLite store they
 * live in the ledger file itself, so that `apply` updates them in the transaction of the append;
 * with EventStoreDB they live in a views file that `vpn-ledger project --follow` keeps current.
 *
 * They hold data (codes, dates, amounts, parameters as JSON), never rendered prose. VIEWS_VERSION
 * changes whenever what the projections derive changes (test/views/version.test.ts fails until it
 * does): views of another version are rebuilt from the log by the next writer.
 */

// 3: closed months, the lines they invoiced, the adjustments owed, the seals (issue 12), with the
// termination notice and the search of contracts (issue 13).
// 4: the items owed back by one rule (issue 21): a replacement unit of a stopped option is owed back
// with the option's stop.
export const VIEWS_VERSION = 4;

/** Open segments run to this month in the index, so that one range condition finds them. */
export const OPEN_MONTH = '9999-12';

export const VIEW_TABLES = [
  'view_state',
  'view_contracts',
  'view_networks',
  'view_members',
  'view_charge_lines',
  'view_fee_segments',
  'view_deadlines',
  'view_closes',
  'view_invoiced',
  'view_adjustments',
  'view_seals',
] as const;

export const VIEWS_DDL = `
  CREATE TABLE IF NOT EXISTS view_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    version     INTEGER NOT NULL,
    -- The global position the views reflect (decimal strings: EventStoreDB positions are 64-bit).
    commit_pos  TEXT,
    prepare_pos TEXT,
    events      INTEGER NOT NULL,
    -- Set when an inline update failed: the views stop following until they are rebuilt.
    stale       TEXT,
    built_at    TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS view_contracts (
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
  CREATE INDEX IF NOT EXISTS view_contracts_by_holder ON view_contracts (parent_holder_id);
  CREATE TABLE IF NOT EXISTS view_networks (
    network_id         TEXT PRIMARY KEY,
    parent_contract_id TEXT NOT NULL,
    parent_holder_id   TEXT NOT NULL,
    item               TEXT NOT NULL,
    child_site_limit   INTEGER NOT NULL,
    registered_on      TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS view_networks_by_holder ON view_networks (parent_holder_id);
  CREATE TABLE IF NOT EXISTS view_members (
    network_id    TEXT NOT NULL,
    contract_id   TEXT NOT NULL,
    contract_type TEXT NOT NULL,
    contractor_id TEXT NOT NULL,
    joined_on     TEXT NOT NULL,
    left_on       TEXT,
    PRIMARY KEY (network_id, contract_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS view_members_by_contractor ON view_members (contractor_id);
  -- Lines tied to a date (initial and one-time fees, settlements, reductions), by billing month.
  CREATE TABLE IF NOT EXISTS view_charge_lines (
    line_id     TEXT PRIMARY KEY,
    contract_id TEXT NOT NULL,
    month       TEXT NOT NULL,
    bill_to     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    data        TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS view_charge_lines_by_month ON view_charge_lines (month, bill_to);
  CREATE INDEX IF NOT EXISTS view_charge_lines_by_contract ON view_charge_lines (contract_id, month);
  -- Monthly fees: what makes every month computable, including months no event touched.
  CREATE TABLE IF NOT EXISTS view_fee_segments (
    contract_id TEXT NOT NULL,
    series_key  TEXT NOT NULL,
    seg_no      INTEGER NOT NULL,
    from_month  TEXT NOT NULL,
    to_month    TEXT NOT NULL,
    -- The arrival of the notice that ended the segment's service (null while none): as effective
    -- on an earlier date, the service has not ended.
    end_known_on TEXT,
    data        TEXT NOT NULL,
    PRIMARY KEY (contract_id, series_key, seg_no)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS view_fee_segments_by_month ON view_fee_segments (to_month, from_month);
  CREATE INDEX IF NOT EXISTS view_fee_segments_by_end_known ON view_fee_segments (end_known_on);
  -- Equipment owed back (Art. 14(3)): candidates for the deadlines of a date, by due date.
  CREATE TABLE IF NOT EXISTS view_deadlines (
    contract_id TEXT NOT NULL,
    item_id     TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    known_on    TEXT NOT NULL,
    settled_on  TEXT,
    PRIMARY KEY (contract_id, item_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS view_deadlines_by_due ON view_deadlines (due_on);
  CREATE INDEX IF NOT EXISTS view_deadlines_open ON view_deadlines (settled_on, known_on);
  -- Closed billing months (MonthClosed), without their lines.
  CREATE TABLE IF NOT EXISTS view_closes (
    month    TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    data     TEXT NOT NULL
  ) WITHOUT ROWID;
  -- Every line a close invoiced: the month's own, and the adjustments of earlier months it carried
  -- (corrects_month, corrects_line: the closed line an adjustment corrects).
  CREATE TABLE IF NOT EXISTS view_invoiced (
    month          TEXT NOT NULL,
    line_id        TEXT NOT NULL,
    contract_id    TEXT NOT NULL,
    bill_to        TEXT NOT NULL,
    kind           TEXT NOT NULL,
    amount         INTEGER NOT NULL,
    corrects_month TEXT,
    corrects_line  TEXT,
    data           TEXT NOT NULL,
    PRIMARY KEY (month, line_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS view_invoiced_by_contract ON view_invoiced (contract_id, month);
  CREATE INDEX IF NOT EXISTS view_invoiced_corrections ON view_invoiced (contract_id, corrects_month);
  -- Adjustments owed and not yet invoiced, per closed month and line: carried into the first open month.
  CREATE TABLE IF NOT EXISTS view_adjustments (
    month       TEXT NOT NULL,
    line_id     TEXT NOT NULL,
    contract_id TEXT NOT NULL,
    bill_to     TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    data        TEXT NOT NULL,
    PRIMARY KEY (month, line_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS view_adjustments_by_contract ON view_adjustments (contract_id, month);
  -- Seals in the log (closes' and on-demand): the next seal's digest starts from the latest.
  CREATE TABLE IF NOT EXISTS view_seals (
    event_id    TEXT PRIMARY KEY,
    events      INTEGER NOT NULL,
    commit_pos  TEXT,
    prepare_pos TEXT,
    digest      TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS view_seals_by_events ON view_seals (events);
`;
