/**
 * The read models' tables, all of them: SQLite tables derived from the log, indexed for the
 * questions the ledger is asked (by contract, by network, by bill-to and month, by due date). With
 * the SQLite store they live in the ledger file itself, so that `apply` updates them in the
 * transaction of the append; with EventStoreDB they live in a views file that `vpn-ledger project
 * --follow` keeps current. Each read model (src/views/models) declares its own tables.
 *
 * They hold data (codes, dates, amounts, parameters as JSON), never rendered prose. VIEWS_VERSION
 * changes whenever what the projections derive changes (test/views/version.test.ts fails until it
 * does): views of another version are rebuilt from the log by the next writer.
 */
import { CHARGE_TABLES, OPEN_MONTH } from './models/charges';
import { CHECKPOINT_TABLE, VIEWS_VERSION } from './models/checkpoint';
import { CLOSE_TABLES } from './models/closes';
import { CONTRACT_TABLES } from './models/contracts';
import { DEADLINE_TABLES } from './models/deadlines';
import { SEAL_TABLES } from './models/seals';
import type { ViewTable } from './models/table';

export { OPEN_MONTH, VIEWS_VERSION };

/** Every view table, the bookkeeping first, in the order they are created and dumped. */
export const TABLES: readonly ViewTable[] = [
  CHECKPOINT_TABLE,
  ...CONTRACT_TABLES,
  ...CHARGE_TABLES,
  ...DEADLINE_TABLES,
  ...CLOSE_TABLES,
  ...SEAL_TABLES,
];

export const VIEW_TABLES: readonly string[] = TABLES.map((t) => t.name);

export const VIEWS_DDL = TABLES.map((t) => t.ddl).join('\n');
