/**
 * The charges read model: the lines tied to a date (initial and one-time fees, settlements,
 * reductions) by billing month (view_charge_lines), and the monthly fees as segments
 * (view_fee_segments) that make every month computable, months no event touched included.
 */
import type Database from 'better-sqlite3';
import {
  type BillingSchedule,
  type ChargeLine,
  type FeeSegment,
  type FeeSeries,
  type MonthWindow,
  monthWindow,
  seriesLinesForMonth,
} from '../../projections';
import { diffRows, ViewModel, type ViewTable } from './table';

/** Open segments run to this month in the index, so that one range condition finds them. */
export const OPEN_MONTH = '9999-12';

export interface ChargeLineRow {
  readonly line_id: string;
  readonly contract_id: string;
  readonly month: string;
  readonly bill_to: string;
  readonly kind: string;
  readonly amount: number;
  readonly data: string;
}

/** A segment as stored: with its series and its contract's header, enough to bill any month. */
export interface StoredSegment {
  readonly contractId: string;
  readonly networkId: string;
  readonly billTo: string;
  readonly series: Omit<FeeSeries, 'segments'>;
  readonly segment: FeeSegment;
}

export interface FeeSegmentRow {
  readonly contract_id: string;
  readonly series_key: string;
  readonly seg_no: number;
  readonly from_month: string;
  readonly to_month: string;
  readonly end_known_on: string | null;
  readonly data: string;
}

/** What one contract contributes to the charges read model. */
export interface ChargeRows {
  /** The dated lines' rows in the schedule's groups (the same arrays while their facts hold). */
  readonly lineGroups: readonly (readonly ChargeLineRow[])[];
  readonly segments: readonly FeeSegmentRow[];
}

export const CHARGE_TABLES: readonly ViewTable[] = [
  {
    name: 'view_charge_lines',
    key: ['line_id'],
    ddl: `-- Lines tied to a date (initial and one-time fees, settlements, reductions), by billing month.
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
  CREATE INDEX IF NOT EXISTS view_charge_lines_by_contract ON view_charge_lines (contract_id, month);`,
  },
  {
    name: 'view_fee_segments',
    key: ['contract_id', 'series_key', 'seg_no'],
    ddl: `-- Monthly fees: what makes every month computable, including months no event touched.
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
  CREATE INDEX IF NOT EXISTS view_fee_segments_by_end_known ON view_fee_segments (end_known_on);`,
  },
];

/** Rows of a group of lines, remembered per group. */
const rowsOfGroups = new WeakMap<readonly ChargeLine[], readonly ChargeLineRow[]>();

const rowsOfGroup = (group: readonly ChargeLine[]): readonly ChargeLineRow[] => {
  let rows = rowsOfGroups.get(group);
  if (!rows) {
    rows = group.map(lineRow);
    rowsOfGroups.set(group, rows);
  }
  return rows;
};

/** Rows of lines, remembered per line: a line the schedule remembered is written out once. */
const rowOfLine = new WeakMap<ChargeLine, ChargeLineRow>();

export const lineRow = (l: ChargeLine): ChargeLineRow => {
  let row = rowOfLine.get(l);
  if (!row) {
    row = {
      line_id: l.id,
      contract_id: l.contractId,
      month: l.month,
      bill_to: l.billTo,
      kind: l.kind,
      amount: l.amount,
      data: JSON.stringify(l),
    };
    rowOfLine.set(l, row);
  }
  return row;
};

/** Rows of a fee series, remembered per series: the schedule keeps a series while its fees hold. */
const rowsOfSeries = new WeakMap<FeeSeries, FeeSegmentRow[]>();

function segmentRows(s: BillingSchedule): FeeSegmentRow[] {
  const rows: FeeSegmentRow[] = [];
  for (const fee of s.series) {
    let mine = rowsOfSeries.get(fee);
    if (!mine) {
      const { segments, ...series } = fee;
      mine = segments.map((segment, i) => {
        const stored: StoredSegment = {
          contractId: s.contractId,
          networkId: s.networkId,
          billTo: s.billTo,
          series,
          segment,
        };
        return {
          contract_id: s.contractId,
          series_key: series.key === null ? '' : series.key,
          seg_no: i,
          from_month: segment.from.slice(0, 7),
          to_month: segment.to === null ? OPEN_MONTH : segment.to.slice(0, 7),
          end_known_on: segment.to !== null && series.end?.on === segment.to ? series.end.knownOn : null,
          data: JSON.stringify(stored),
        };
      });
      rowsOfSeries.set(fee, mine);
    }
    rows.push(...mine);
  }
  return rows;
}

/** A contract's charge rows, from its billing schedule. */
export const chargeRows = (schedule: BillingSchedule): ChargeRows => ({
  lineGroups: schedule.datedGroups.map(rowsOfGroup),
  segments: segmentRows(schedule),
});

/**
 * A month's monthly-fee lines from stored segments (of any contracts): a series with two segments
 * in the month (its fee changed) gives two lines, billed together.
 */
export function segmentLinesForMonth(segments: readonly StoredSegment[], window: MonthWindow): ChargeLine[] {
  const bySeries = new Map<string, StoredSegment[]>();
  for (const s of segments) {
    const key = `${s.contractId}\u0000${s.series.kind}\u0000${s.series.key ?? ''}`;
    const group = bySeries.get(key);
    if (group) group.push(s);
    else bySeries.set(key, [s]);
  }
  const lines: ChargeLine[] = [];
  for (const group of bySeries.values()) {
    const first = group[0]!;
    const segs = group.map((g) => g.segment).sort((a, b) => (a.from < b.from ? -1 : 1));
    lines.push(...seriesLinesForMonth(first, { ...first.series, segments: segs }, window));
  }
  return lines;
}

/** Rows as they are read, each mapped (a month read as it streams, one row in memory at a time). */
export function* mapRows<R, T>(rows: IterableIterator<R>, map: (row: R) => T): IterableIterator<T> {
  for (const r of rows) yield map(r);
}

const segKey = (r: FeeSegmentRow) => `${r.series_key}\u0000${r.seg_no}`;
const parseLine = (r: { data: string }) => JSON.parse(r.data) as ChargeLine;
const parseSegment = (r: { data: string }) => JSON.parse(r.data) as StoredSegment;

const statementsOfCharges = (db: Database.Database) => {
  return {
    putLine: db.prepare<[ChargeLineRow]>(
      `INSERT INTO view_charge_lines (line_id, contract_id, month, bill_to, kind, amount, data)
       VALUES (@line_id, @contract_id, @month, @bill_to, @kind, @amount, @data)
       ON CONFLICT (line_id) DO UPDATE SET contract_id = excluded.contract_id, month = excluded.month, bill_to = excluded.bill_to, kind = excluded.kind, amount = excluded.amount, data = excluded.data`,
    ),
    deleteLine: db.prepare<[string]>('DELETE FROM view_charge_lines WHERE line_id = ?'),
    deleteLines: db.prepare<[string]>('DELETE FROM view_charge_lines WHERE contract_id = ?'),
    putSegment: db.prepare<[FeeSegmentRow]>(
      `INSERT INTO view_fee_segments (contract_id, series_key, seg_no, from_month, to_month, end_known_on, data)
       VALUES (@contract_id, @series_key, @seg_no, @from_month, @to_month, @end_known_on, @data)
       ON CONFLICT (contract_id, series_key, seg_no) DO UPDATE SET from_month = excluded.from_month, to_month = excluded.to_month, end_known_on = excluded.end_known_on, data = excluded.data`,
    ),
    deleteSegment: db.prepare<[string, string, number]>(
      'DELETE FROM view_fee_segments WHERE contract_id = ? AND series_key = ? AND seg_no = ?',
    ),
    deleteSegments: db.prepare<[string]>('DELETE FROM view_fee_segments WHERE contract_id = ?'),
    linesOfContract: db.prepare<[string], ChargeLineRow>(
      'SELECT * FROM view_charge_lines WHERE contract_id = ?',
    ),
    segmentRowsOf: db.prepare<[string], FeeSegmentRow>(
      'SELECT * FROM view_fee_segments WHERE contract_id = ?',
    ),
    linesOfMonth: db.prepare<[string], { data: string }>(
      'SELECT data FROM view_charge_lines WHERE month = ?',
    ),
    linesOfContractMonth: db.prepare<[string, string], { data: string }>(
      'SELECT data FROM view_charge_lines WHERE contract_id = ? AND month = ? ORDER BY line_id',
    ),
    segmentsOfContractMonth: db.prepare<[string, string, string], { data: string }>(
      'SELECT data FROM view_fee_segments WHERE contract_id = ? AND to_month >= ? AND from_month <= ?',
    ),
    segmentsOfMonth: db.prepare<[string, string], { data: string }>(
      'SELECT data FROM view_fee_segments WHERE to_month >= ? AND from_month <= ?',
    ),
    linesOfMonthByContract: db.prepare<[string], { data: string }>(
      'SELECT data FROM view_charge_lines WHERE month = ? ORDER BY contract_id',
    ),
    linesOfMonthByBillTo: db.prepare<[string], { data: string }>(
      'SELECT data FROM view_charge_lines WHERE month = ? ORDER BY bill_to, contract_id',
    ),
    segmentsOfMonthByContract: db.prepare<[string, string], { data: string }>(
      'SELECT data FROM view_fee_segments WHERE to_month >= ? AND from_month <= ? ORDER BY contract_id',
    ),
    segmentsOfMonthByBillTo: db.prepare<[string, string], { data: string }>(
      "SELECT data FROM view_fee_segments WHERE to_month >= ? AND from_month <= ? ORDER BY json_extract(data, '$.billTo'), contract_id",
    ),
    segmentsOf: db.prepare<[string], { data: string }>(
      'SELECT data FROM view_fee_segments WHERE contract_id = ? ORDER BY series_key, seg_no',
    ),
    monthCandidates: db.prepare<[string, string, string, string, string, string], { contract_id: string }>(
      `SELECT contract_id FROM view_charge_lines WHERE month = ?
       UNION SELECT contract_id FROM view_fee_segments WHERE to_month >= ? AND from_month <= ?
       UNION SELECT contract_id FROM view_fee_segments WHERE end_known_on > ? AND to_month < ? AND from_month <= ?
       ORDER BY contract_id`,
    ),
    contractsBilledIn: db.prepare<[string, string, string], { contract_id: string }>(
      `SELECT contract_id FROM view_charge_lines WHERE month = ?
       UNION SELECT contract_id FROM view_fee_segments WHERE to_month >= ? AND from_month <= ?`,
    ),
    contractsBilledBefore: db.prepare<[string, string], { contract_id: string; first: string }>(
      `SELECT contract_id, MIN(m) AS first FROM (
         SELECT contract_id, month AS m FROM view_charge_lines WHERE month < ?
         UNION ALL SELECT contract_id, from_month FROM view_fee_segments WHERE from_month < ?)
       GROUP BY contract_id`,
    ),
    allLineMonths: db.prepare<[string], { contract_id: string; month: string }>(
      'SELECT DISTINCT contract_id, month FROM view_charge_lines WHERE month <= ?',
    ),
    allSegmentMonths: db.prepare<[string], { contract_id: string; from_month: string; to_month: string }>(
      'SELECT contract_id, from_month, to_month FROM view_fee_segments WHERE from_month <= ?',
    ),
    monthRange: db.prepare(
      `SELECT MIN(m) AS first, MAX(m) AS last FROM ( SELECT MIN(month) AS m FROM view_charge_lines UNION ALL SELECT MAX(month) FROM view_charge_lines UNION ALL SELECT MIN(from_month) FROM view_fee_segments UNION ALL SELECT MAX(to_month) FROM view_fee_segments WHERE to_month <> '${OPEN_MONTH}' UNION ALL SELECT MAX(from_month) FROM view_fee_segments)`,
    ),
  };
};

export class ChargesView extends ViewModel<ReturnType<typeof statementsOfCharges>> {
  constructor(db: Database.Database) {
    super(db, statementsOfCharges);
  }

  // --- writes --------------------------------------------------------------------------------

  insert(rows: ChargeRows): void {
    const s = this.s();
    for (const group of rows.lineGroups) for (const r of group) s.putLine.run(r);
    for (const r of rows.segments) s.putSegment.run(r);
  }

  /** Writes a contract's rows over `prev` (null: not known, so its stored rows are replaced). */
  write(contractId: string, next: ChargeRows, prev: ChargeRows | null): void {
    const s = this.s();
    if (prev === null) {
      s.deleteLines.run(contractId);
      s.deleteSegments.run(contractId);
    }
    // Groups that are the very arrays they were hold the very rows they held.
    const groupsHeld =
      prev !== null &&
      prev.lineGroups.length === next.lineGroups.length &&
      prev.lineGroups.every((g, i) => g === next.lineGroups[i]);
    if (!groupsHeld)
      diffRows(
        (prev?.lineGroups ?? []).flat(),
        next.lineGroups.flat(),
        (r) => r.line_id,
        (r) => s.putLine.run(r),
        (r) => s.deleteLine.run(r.line_id),
      );
    diffRows(
      prev?.segments ?? [],
      next.segments,
      segKey,
      (r) => s.putSegment.run(r),
      (r) => s.deleteSegment.run(r.contract_id, r.series_key, r.seg_no),
    );
  }

  // --- reads ---------------------------------------------------------------------------------

  /** A contract's rows as the tables hold them. */
  stored(contractId: string): ChargeRows {
    const s = this.s();
    return { lineGroups: [s.linesOfContract.all(contractId)], segments: s.segmentRowsOf.all(contractId) };
  }

  /** The dated lines billed in `month`. */
  monthLines(month: string): ChargeLine[] {
    return this.s().linesOfMonth.all(month).map(parseLine);
  }

  /** The dated lines of one contract billed in `month`. */
  contractLines(contractId: string, month: string): ChargeLine[] {
    return this.s().linesOfContractMonth.all(contractId, month).map(parseLine);
  }

  /**
   * Every line of `month` as the views give them now (of one contract, or all): its dated lines and
   * its fee segments' shares of the month.
   */
  monthChargeLines(month: string, contractId?: string): ChargeLine[] {
    const window = monthWindow(month);
    if (contractId === undefined)
      return [...this.monthLines(month), ...segmentLinesForMonth(this.monthSegments(month), window)];
    return [
      ...this.contractLines(contractId, month),
      ...segmentLinesForMonth(
        this.s().segmentsOfContractMonth.all(contractId, month, month).map(parseSegment),
        window,
      ),
    ];
  }

  /**
   * The dated lines billed in `month`, one row at a time, by contract, or by bill-to then contract
   * (a month read as it streams, src/read/month-stream.ts).
   */
  iterateMonthLines(month: string, order: 'contract' | 'bill-to'): IterableIterator<ChargeLine> {
    const rows = (
      order === 'contract' ? this.s().linesOfMonthByContract : this.s().linesOfMonthByBillTo
    ).iterate(month);
    return mapRows(rows, parseLine);
  }

  /**
   * The fee segments that cover some day of `month`, one at a time, by contract, or by bill-to
   * (a contract's, as its segments keep it) then contract.
   */
  iterateMonthSegments(month: string, order: 'contract' | 'bill-to'): IterableIterator<StoredSegment> {
    const s = this.s();
    const rows = (order === 'contract' ? s.segmentsOfMonthByContract : s.segmentsOfMonthByBillTo).iterate(
      month,
      month,
    );
    return mapRows(rows, parseSegment);
  }

  /** The fee segments that cover some day of `month`. */
  monthSegments(month: string): StoredSegment[] {
    return this.s().segmentsOfMonth.all(month, month).map(parseSegment);
  }

  /** Every fee segment of one contract, in series and segment order. */
  contractSegments(contractId: string): StoredSegment[] {
    return this.s().segmentsOf.all(contractId).map(parseSegment);
  }

  /**
   * The contracts that can have lines in `month` as effective on `asOf`: those with lines in it now,
   * and those whose service ended before it by a notice that arrived after `asOf`.
   */
  monthCandidates(month: string, asOf: string): string[] {
    return this.s()
      .monthCandidates.all(month, month, month, asOf, month, month)
      .map((r) => r.contract_id);
  }

  /** The contracts with a line or a fee in `month`. */
  contractsBilledIn(month: string): string[] {
    return this.s()
      .contractsBilledIn.all(month, month, month)
      .map((r) => r.contract_id);
  }

  /** The contracts billed before `month`, each with the first month it was billed in. */
  contractsBilledBefore(month: string): { contract_id: string; first: string }[] {
    return this.s().contractsBilledBefore.all(month, month);
  }

  /** Every (contract, month) with a dated line in a month up to `last`. */
  lineMonthsUpTo(last: string): { contract_id: string; month: string }[] {
    return this.s().allLineMonths.all(last);
  }

  /** Every contract's segments starting by `last`: the months from..to they cover. */
  segmentMonthsUpTo(last: string): { contract_id: string; from_month: string; to_month: string }[] {
    return this.s().allSegmentMonths.all(last);
  }

  /** The months from the first line or fee segment to the last month any segment starts or any line is billed. */
  monthRange(): { first: string; last: string } | null {
    const r = this.s().monthRange.get() as { first: string | null; last: string | null };
    return r.first === null || r.last === null ? null : { first: r.first, last: r.last };
  }
}
