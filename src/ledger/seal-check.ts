/**
 * The seals' part of `verify`: the running digest of the whole log worked out again from the first
 * event, and every seal checked against it at its position (the log then is the log sealed), its
 * signature checked with the public keys given, and a close's seal checked against the lines the
 * close invoiced. Seals kept outside the ledger (published) are checked the same way, and the event
 * that carried each must still be in the log.
 */
import type { KeyObject } from 'node:crypto';
import { type Seal, SealSchema } from '../events';
import type { Position } from '../store/port';
import { comparePositions } from '../store/port';
import type { BreakReason, LogPlace, SealMismatch, SealWhere } from './break-reasons';
import { checkSignature, linesDigest, positionOf, RunningDigest, type SealLink } from './seal';

export type SealProblem =
  | 'seal-digest-mismatch'
  | 'seal-signature-invalid'
  | 'seal-key-unknown'
  | 'seal-subject-mismatch'
  | 'seal-missing';

export interface SealBreak {
  readonly streamId: string | null;
  readonly revision: bigint | null;
  readonly globalPosition: bigint;
  readonly problem: SealProblem;
  readonly reason: BreakReason;
}

/** A seal as found: in the log (its carrier event), or published outside it (a file). */
export interface FoundSeal {
  readonly seal: Seal;
  readonly carrier: {
    readonly streamId: string;
    readonly revision: bigint;
    readonly position: Position;
    readonly eventId: string;
    readonly type: string;
    /** The carrier's data, for a close's subject. */
    readonly data: unknown;
  } | null;
  /** Where a published seal came from, and the event that carried it (with its hash) if known. */
  readonly published?: {
    readonly source: string;
    readonly eventId: string | null;
    readonly eventHash: string | null;
  };
}

export interface SealReport {
  /** Seals found (in the log, and published ones given). */
  readonly checked: number;
  readonly published: number;
  /** Whether signatures were checked (public keys given). */
  readonly signatures: 'checked' | 'not-checked';
  /** The furthest position a seal that holds covers, and how many events it covers. */
  readonly lastHolding: { readonly position: Position | null; readonly events: number } | null;
  /** Events after the furthest holding seal: nothing seals them yet. */
  readonly eventsAfter: number;
}

/** A seal from a carrier event's data; null when the data holds none (the schema check reports it). */
export const sealInData = (data: unknown): Seal | null => {
  const seal = (data as { seal?: unknown } | null)?.seal;
  const parsed = SealSchema.safeParse(seal);
  return parsed.success ? parsed.data : null;
};

const where = (s: FoundSeal): SealWhere => ({
  carrier: s.carrier
    ? { type: s.carrier.type, streamId: s.carrier.streamId, revision: String(s.carrier.revision) }
    : null,
  source: s.carrier ? null : (s.published?.source ?? null),
});

/** A position for people: one number where commit and prepare agree (SQLite, memory). */
const positionKey = (p: Position) => (p.commit === p.prepare ? `${p.commit}` : `${p.commit}/${p.prepare}`);

export class SealCheck {
  private readonly digest = new RunningDigest();
  private readonly pending: FoundSeal[];
  private readonly breaks: SealBreak[] = [];
  private readonly holding: { position: Position | null; events: number }[] = [];
  private firstMismatch: {
    seal: FoundSeal;
    reason: Omit<Extract<BreakReason, { code: 'seal-digest-mismatch' }>, 'later'>;
  } | null = null;
  private laterMismatches = 0;
  private readonly seenEvents = new Map<string, string>();
  private readonly all: FoundSeal[] = [];
  private readonly wantedEvents: Set<string>;

  constructor(
    seals: readonly FoundSeal[],
    private readonly publicKeys: ReadonlyMap<string, KeyObject> | null,
  ) {
    // In the order of the positions they seal; a seal of an empty log is checked at once.
    this.pending = [...seals].sort((a, b) => {
      const x = positionOf(a.seal.position);
      const y = positionOf(b.seal.position);
      return x === null ? (y === null ? 0 : -1) : y === null ? 1 : comparePositions(x, y);
    });
    this.wantedEvents = new Set(
      seals.map((s) => s.published?.eventId).filter((id): id is string => typeof id === 'string'),
    );
    for (const s of seals) this.checkSignatureAndSubject(s);
    this.settle(null);
  }

  /** The next row of the log, in global order. */
  add(link: SealLink, eventId: string | null, eventHash: string | null): void {
    this.settle(link.position);
    this.digest.add(link);
    if (eventId !== null && this.wantedEvents.has(eventId.toLowerCase()))
      this.seenEvents.set(eventId.toLowerCase(), eventHash ?? '');
    this.matchAt(link.position);
  }

  /**
   * Another name the row just added is published under: a close's id (recorded in its MonthClosed
   * since close ids are unique per ledger), which the close and export documents name it by.
   */
  alsoKnownAs(id: string, eventHash: string | null): void {
    if (this.wantedEvents.has(id.toLowerCase())) this.seenEvents.set(id.toLowerCase(), eventHash ?? '');
  }

  /** After the last row: seals of positions the log no longer reaches diverge. */
  finish(): { breaks: SealBreak[]; report: SealReport; seals: readonly FoundSeal[] } {
    for (const s of this.pending.splice(0)) this.mismatch(s, { case: 'log-ends', here: this.here() });
    if (this.firstMismatch) {
      const { seal, reason } = this.firstMismatch;
      this.breaks.unshift({
        ...this.at(seal),
        problem: 'seal-digest-mismatch',
        reason: { ...reason, later: this.laterMismatches },
      });
    }
    for (const s of this.all.filter((x) => x.published?.eventId)) {
      const id = s.published!.eventId!.toLowerCase();
      const hash = this.seenEvents.get(id);
      const missing = (c: 'deleted' | 'changed'): SealBreak => ({
        ...this.at(s),
        problem: 'seal-missing',
        reason: {
          code: 'seal-missing',
          case: c,
          seal: where(s),
          eventId: id,
          publishedHash: s.published!.eventHash ?? '',
          hash: hash ?? '',
        },
      });
      if (hash === undefined) this.breaks.push(missing('deleted'));
      else if (s.published!.eventHash && hash !== s.published!.eventHash)
        this.breaks.push(missing('changed'));
    }
    const last = this.holding.length > 0 ? this.holding[this.holding.length - 1]! : null;
    return {
      breaks: this.breaks,
      seals: this.all,
      report: {
        checked: this.all.length,
        published: this.all.filter((s) => s.carrier === null).length,
        signatures: this.publicKeys === null ? 'not-checked' : 'checked',
        lastHolding: last,
        eventsAfter: this.digest.events - (last?.events ?? 0),
      },
    };
  }

  private here(): LogPlace {
    return {
      position: this.digest.position === null ? null : positionKey(this.digest.position),
      events: this.digest.events,
    };
  }

  private at(s: FoundSeal) {
    const p = positionOf(s.seal.position);
    return s.carrier
      ? {
          streamId: s.carrier.streamId,
          revision: s.carrier.revision,
          globalPosition: s.carrier.position.commit,
        }
      : { streamId: null, revision: null, globalPosition: p?.commit ?? 0n };
  }

  private checkSignatureAndSubject(s: FoundSeal): void {
    this.all.push(s);
    if (this.publicKeys !== null) {
      const check = checkSignature(s.seal, this.publicKeys);
      if (check === 'unknown-key') {
        this.breaks.push({
          ...this.at(s),
          problem: 'seal-key-unknown',
          reason: { code: 'seal-key-unknown', seal: where(s), keyId: s.seal.keyId },
        });
      } else if (check === 'invalid') {
        this.breaks.push({
          ...this.at(s),
          problem: 'seal-signature-invalid',
          reason: { code: 'seal-signature-invalid', seal: where(s), keyId: s.seal.keyId },
        });
      }
    }
    if (s.carrier?.type === 'MonthClosed' && s.seal.subject.kind === 'month-close') {
      const data = s.carrier.data as { month?: unknown; lines?: unknown; total?: unknown };
      const lines = Array.isArray(data.lines) ? data.lines : [];
      const subject = s.seal.subject;
      const reason = {
        code: 'seal-subject-mismatch' as const,
        streamId: s.carrier.streamId,
        revision: String(s.carrier.revision),
        month: subject.month !== data.month ? { found: String(data.month), sealed: subject.month } : null,
        lines: subject.lines !== lines.length ? { found: lines.length, sealed: subject.lines } : null,
        total: subject.total !== data.total ? { found: String(data.total), sealed: subject.total } : null,
        linesDiffer: subject.linesDigest !== linesDigest(lines),
      };
      if (reason.month || reason.lines || reason.total || reason.linesDiffer) {
        this.breaks.push({ ...this.at(s), problem: 'seal-subject-mismatch', reason });
      }
    }
  }

  /** Seals of positions the log has passed without reaching them exactly: their position is gone. */
  private settle(next: Position | null): void {
    while (this.pending.length > 0) {
      const s = this.pending[0]!;
      const p = positionOf(s.seal.position);
      if (p === null) {
        this.pending.shift();
        this.compare(s);
        continue;
      }
      if (next === null || comparePositions(p, next) >= 0) return;
      this.pending.shift();
      this.mismatch(s, {
        case: 'position-gone',
        position: positionKey(p),
        here: this.here(),
        next: positionKey(next),
      });
    }
  }

  private matchAt(position: Position): void {
    while (this.pending.length > 0) {
      const p = positionOf(this.pending[0]!.seal.position);
      if (p === null || comparePositions(p, position) !== 0) return;
      this.compare(this.pending.shift()!);
    }
  }

  private compare(s: FoundSeal): void {
    const ok = s.seal.digest === this.digest.digest && s.seal.events === this.digest.events;
    if (ok) {
      this.holding.push({ position: positionOf(s.seal.position), events: s.seal.events });
      return;
    }
    this.mismatch(
      s,
      s.seal.events === this.digest.events
        ? { case: 'hashed-differently', events: s.seal.events }
        : { case: 'count-differs', now: this.digest.events, sealed: s.seal.events },
    );
  }

  private mismatch(s: FoundSeal, why: SealMismatch): void {
    if (this.firstMismatch !== null) {
      this.laterMismatches += 1;
      return;
    }
    const before = this.holding.length > 0 ? this.holding[this.holding.length - 1]! : null;
    this.firstMismatch = {
      seal: s,
      reason: {
        code: 'seal-digest-mismatch',
        seal: where(s),
        sealedAt: s.seal.sealedAt,
        sealedPosition: s.seal.position === null ? null : positionKey(positionOf(s.seal.position)!),
        why,
        holding:
          before === null || before.position === null
            ? null
            : { position: positionKey(before.position), events: before.events },
      },
    };
  }
}
