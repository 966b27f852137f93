/**
 * Integrity check of the whole log: every stream's hash chain (revision gaps, prevHash, hash), every
 * event against its schema and its stored id, on SQLite the global positions (a gap is a deleted
 * row: this adapter's appends never skip a position), and across streams every site reservation
 * against its contract (MembershipCheck). It streams the log and reports the FIRST broken link of
 * each stream: after a break the rest of that stream cannot be trusted link by link.
 *
 * Every seal (src/ledger/seal.ts) is checked against the log worked out again (SealCheck): a seal
 * commits to the whole log up to its position, so an edit whose hash was recomputed at the tail of
 * a stream, a deleted tail, reordered positions or a rewritten recordedAt are found once sealed.
 */
import type { KeyObject } from 'node:crypto';
import { decodeRecorded, EventDecodeError, isBillingEventType, type LedgerEvent } from '../events';
import { applyFact, type CloseFact, initFacts } from '../projections';
import type { EventStore, JsonObject, LocalLog, RecordedEvent } from '../store/port';
import type { ReplayProgress } from '../views/replay';
import type { ViewsDb } from '../views/views-db';
import type { BreakReason } from './break-reasons';
import { checkExports, type ExportedInvoice, type ExportProblem } from './export-check';
import { type ChainBreak, ChainVerifier, eventHash, sha256 } from './hash-chain';
import { MembershipCheck, type MembershipProblem } from './membership-check';
import { type FoundSeal, SealCheck, type SealProblem, type SealReport, sealInData } from './seal-check';
import { checkViews, logBrokenReport, type ViewRowProblem, type ViewsReport } from './views-check';

export type IntegrityProblem =
  | ChainBreak['problem']
  | 'schema-invalid'
  | 'global-position-gap'
  | 'event-id-mismatch'
  | MembershipProblem
  | SealProblem
  | ViewRowProblem
  | ExportProblem;

export interface IntegrityBreak {
  /** Null for a gap in the global log, whose stream cannot be known. */
  readonly streamId: string | null;
  readonly revision: bigint | null;
  readonly globalPosition: bigint;
  readonly problem: IntegrityProblem;
  /** Why, as data: src/render/integrity.ts words it. */
  readonly reason: BreakReason;
  /** A view's row that differs from the log: its table and key. */
  readonly table?: string;
  readonly key?: Readonly<Record<string, unknown>>;
  /** An exported invoice that differs from its close: the file and the line. */
  readonly source?: string;
  readonly lineId?: string | null;
}

export interface IntegrityReport {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly streams: number;
  readonly breaks: readonly IntegrityBreak[];
  readonly seals: SealReport;
  /** The views held against the log (null: the ledger keeps none, or none were given). */
  readonly views: ViewsReport | null;
  /** Exported invoices checked against their closes. */
  readonly exports: number;
}

export interface IntegrityOptions {
  /** Told now and then how many rows were checked, and at the end with `total`, the rows of the log. */
  readonly onProgress?: (eventsChecked: number, total?: number) => void;
  readonly progressEvery?: number;
  /** The public keys seals may be signed with, by key id; null or absent: signatures not checked. */
  readonly publicKeys?: ReadonlyMap<string, KeyObject> | null;
  /** Seals kept outside the ledger (from `vpn-ledger seal` or an export), checked like the log's own. */
  readonly publishedSeals?: readonly FoundSeal[];
  /** Exported invoices (`vpn-ledger export`), checked line by line against their closes in the log. */
  readonly exports?: readonly ExportedInvoice[];
  /** The ledger's views, worked out again from the log and compared row by row. */
  readonly views?: ViewsDb | null;
  /** Told how far working the views out again from the log got (the events it reads, when known). */
  readonly onViewsProgress?: (progress: ReplayProgress) => void;
}

type Unreadable = {
  readonly unreadable: true;
  readonly streamId: string;
  readonly revision: bigint;
  readonly globalPosition: bigint;
  readonly reason: BreakReason;
  /** The row as stored, for the seals' digest. */
  readonly raw: string;
};

/** A stored column that is no JSON object: why, as data. */
class UnreadableColumn extends Error {
  constructor(readonly reason: Extract<BreakReason, { code: 'row-unreadable' }>) {
    super(`${reason.case}: ${reason.column}`);
  }
}

const jsonObject = (text: string, column: string): JsonObject => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UnreadableColumn({
      code: 'row-unreadable',
      case: 'not-json',
      column,
      value: (error as Error).message,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UnreadableColumn({
      code: 'row-unreadable',
      case: 'not-object',
      column,
      value: JSON.stringify(value),
    });
  }
  return value as JsonObject;
};

/** A local log's rows read raw, so that a row that is no event (bad JSON, `null`, `42`) is reported, not thrown. */
function* localRows(log: LocalLog): Generator<RecordedEvent | Unreadable> {
  for (const row of log.rows()) {
    const g = row.position;
    const revision = Number.isSafeInteger(row.revision) ? BigInt(row.revision as number) : -1n;
    try {
      if (revision < 0n)
        throw new UnreadableColumn({
          code: 'row-unreadable',
          case: 'revision',
          column: 'revision',
          value: JSON.stringify(row.revision),
        });
      yield {
        streamId: row.streamId,
        revision,
        position: { commit: g, prepare: g },
        id: row.eventId,
        type: row.type,
        data: jsonObject(row.data, 'data'),
        metadata: jsonObject(row.metadata, 'metadata'),
      };
    } catch (error) {
      yield {
        unreadable: true,
        streamId: row.streamId,
        revision,
        globalPosition: g,
        reason:
          error instanceof UnreadableColumn
            ? error.reason
            : { code: 'unreadable', detail: (error as Error).message },
        raw: `${row.type}\n${row.data}\n${row.metadata}`,
      };
    }
  }
}

/** Why an event that passed its chain cannot be read as an event, as data. */
const decodeReason = (error: unknown): BreakReason => {
  if (!(error instanceof EventDecodeError)) return { code: 'unreadable', detail: (error as Error).message };
  if (error.unknownType !== null) return { code: 'unknown-event-type', type: error.unknownType };
  return { code: 'schema-invalid', detail: error.message, problems: error.problems };
};

/** The seals in the log: every close's and every seal made on demand, with the event that carries it. */
async function sealsInLog(store: EventStore): Promise<FoundSeal[]> {
  const found: FoundSeal[] = [];
  const take = (r: {
    streamId: string;
    revision: bigint;
    position: RecordedEvent['position'];
    id: string;
    type: string;
    data: unknown;
  }) => {
    const seal = sealInData(r.data);
    if (seal)
      found.push({
        seal,
        carrier: {
          streamId: r.streamId,
          revision: r.revision,
          position: r.position,
          eventId: r.id,
          type: r.type,
          data: r.data,
        },
      });
  };
  const log = store.local;
  if (log) {
    // Read raw: a carrier whose data is damaged is left to the chain check, which reports it.
    for (const r of log.rows()) {
      if (!isBillingEventType(r.type)) continue;
      let data: unknown;
      try {
        data = JSON.parse(r.data);
      } catch {
        continue;
      }
      take({
        streamId: r.streamId,
        revision: BigInt(r.revision as number),
        position: { commit: r.position, prepare: r.position },
        id: r.eventId,
        type: r.type,
        data,
      });
    }
    return found;
  }
  for await (const r of store.readAll()) if (isBillingEventType(r.type)) take(r);
  return found;
}

export async function verifyIntegrity(
  store: EventStore,
  options: IntegrityOptions = {},
): Promise<IntegrityReport> {
  const local = store.local ?? null;
  const seals = new SealCheck(
    [...(await sealsInLog(store)), ...(options.publishedSeals ?? [])],
    options.publicKeys ?? null,
  );
  const verifiers = new Map<string, ChainVerifier>();
  const broken = new Set<string>();
  const breaks: IntegrityBreak[] = [];
  const membership = new MembershipCheck();
  const closes = new Map<string, CloseFact>();
  const keepClose = (e: LedgerEvent) => {
    if (e.type !== 'MonthClosed') return;
    const facts = initFacts();
    applyFact(facts, e);
    for (const c of facts.closes.values()) closes.set(c.closeId, c);
  };
  const every = options.progressEvery ?? 10_000;
  let checked = 0;
  let lastGlobal = 0n;

  const rows: Iterable<RecordedEvent | Unreadable> | AsyncIterable<RecordedEvent> = local
    ? localRows(local)
    : store.readAll();
  for await (const row of rows) {
    checked++;
    if (options.onProgress && checked % every === 0) options.onProgress(checked);
    const globalPosition = 'unreadable' in row ? row.globalPosition : row.position.commit;
    seals.add(
      'unreadable' in row
        ? {
            position: { commit: globalPosition, prepare: globalPosition },
            streamId: row.streamId,
            revision: row.revision,
            contentHash: sha256(row.raw),
          }
        : {
            position: row.position,
            streamId: row.streamId,
            revision: row.revision,
            contentHash: eventHash(row),
          },
      'unreadable' in row ? null : row.id,
      'unreadable' in row ? null : String(row.metadata.hash ?? ''),
    );
    if (!('unreadable' in row) && row.type === 'MonthClosed') {
      const closeId = (row.data as { closeId?: unknown }).closeId;
      if (typeof closeId === 'string') seals.alsoKnownAs(closeId, String(row.metadata.hash ?? ''));
    }
    if (local) {
      // A local log gives positions out one by one: a gap is a deleted row.
      if (globalPosition !== lastGlobal + 1n) {
        breaks.push({
          streamId: null,
          revision: null,
          globalPosition,
          problem: 'global-position-gap',
          reason: {
            code: 'positions-missing',
            from: String(lastGlobal + 1n),
            to: String(globalPosition - 1n),
            atEnd: false,
          },
        });
      }
      lastGlobal = globalPosition;
    }
    const { streamId } = row;
    if (!verifiers.has(streamId)) verifiers.set(streamId, new ChainVerifier(streamId));
    if (broken.has(streamId)) continue;
    if ('unreadable' in row) {
      broken.add(streamId);
      breaks.push({
        streamId,
        revision: row.revision,
        globalPosition,
        problem: 'unreadable',
        reason: row.reason,
      });
      continue;
    }
    const chainBreak = verifiers.get(streamId)!.check(row);
    if (chainBreak) {
      broken.add(streamId);
      breaks.push(chainBreak);
      continue;
    }
    // The hash covers metadata.eventId but not the store's own id of the row: compare them, or a
    // row whose id was changed would no longer be recognised when its command is retried.
    const ownId = row.metadata.eventId;
    if (typeof ownId !== 'string' || ownId.toLowerCase() !== row.id.toLowerCase()) {
      broken.add(streamId);
      breaks.push({
        streamId,
        revision: row.revision,
        globalPosition,
        problem: 'event-id-mismatch',
        reason: { code: 'event-id-mismatch', storedId: row.id, namedId: String(ownId) },
      });
      continue;
    }
    try {
      const event = decodeRecorded(row, { validate: true });
      membership.add(event);
      if (options.exports?.length) keepClose(event);
    } catch (error) {
      broken.add(streamId);
      breaks.push({
        streamId,
        revision: row.revision,
        globalPosition,
        problem: error instanceof EventDecodeError ? 'schema-invalid' : 'unreadable',
        reason: decodeReason(error),
      });
    }
  }

  options.onProgress?.(checked, checked);
  if (local) {
    // Rows deleted from the end of the log leave no gap behind them; the log still remembers the
    // highest position ever written.
    const highest = local.highestPositionEverWritten();
    if (highest > lastGlobal) {
      breaks.push({
        streamId: null,
        revision: null,
        globalPosition: highest,
        problem: 'global-position-gap',
        reason: {
          code: 'positions-missing',
          from: String(lastGlobal + 1n),
          to: String(highest),
          atEnd: true,
        },
      });
    }
  }
  breaks.push(...membership.breaks(broken));
  const sealed = seals.finish();
  breaks.push(...sealed.breaks);
  for (const b of checkExports(options.exports ?? [], closes))
    breaks.push({ streamId: null, revision: null, globalPosition: 0n, ...b });
  // The views are worked out again from the log only when the log itself holds: a broken log
  // derives nothing worth comparing (its breaks are what verify reports).
  const views = !options.views
    ? null
    : breaks.length > 0
      ? logBrokenReport
      : await checkViews(
          store,
          options.views,
          options.onViewsProgress ? { onProgress: options.onViewsProgress } : {},
        );
  if (views) breaks.push(...views.breaks);
  return {
    ok: breaks.length === 0,
    eventsChecked: checked,
    streams: verifiers.size,
    breaks,
    seals: sealed.report,
    views,
    exports: options.exports?.length ?? 0,
  };
}
