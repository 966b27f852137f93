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
  readonly detail: string;
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

const where = (s: FoundSeal) =>
  s.carrier
    ? `the seal of ${s.carrier.type} ${s.carrier.streamId}@${s.carrier.revision}`
    : `the published seal in ${s.published?.source ?? '(outside the ledger)'}`;

/** A position for people: one number where commit and prepare agree (SQLite, memory). */
const positionKey = (p: Position) => (p.commit === p.prepare ? `${p.commit}` : `${p.commit}/${p.prepare}`);

export class SealCheck {
  private readonly digest = new RunningDigest();
  private readonly pending: FoundSeal[];
  private readonly breaks: SealBreak[] = [];
  private readonly holding: { position: Position | null; events: number }[] = [];
  private firstMismatch: { seal: FoundSeal; detail: string } | null = null;
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
    for (const s of this.pending.splice(0)) this.mismatch(s, `the log ends at ${this.here()}`);
    if (this.firstMismatch) {
      const { seal, detail } = this.firstMismatch;
      const later =
        this.laterMismatches > 0 ? ` ${this.laterMismatches} later seal(s) do not hold either.` : '';
      this.breaks.unshift({ ...this.at(seal), problem: 'seal-digest-mismatch', detail: `${detail}${later}` });
    }
    for (const s of this.all.filter((x) => x.published?.eventId)) {
      const id = s.published!.eventId!.toLowerCase();
      const hash = this.seenEvents.get(id);
      if (hash === undefined) {
        this.breaks.push({
          ...this.at(s),
          problem: 'seal-missing',
          detail: `${where(s)} was published with its event ${id}, and the log no longer holds that event: it was deleted.`,
        });
      } else if (s.published!.eventHash && hash !== s.published!.eventHash) {
        this.breaks.push({
          ...this.at(s),
          problem: 'seal-missing',
          detail: `${where(s)} was published with its event ${id} hashed ${s.published!.eventHash}; the log holds that event hashed ${hash}: it was changed.`,
        });
      }
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

  private here(): string {
    return this.digest.position === null
      ? 'the start (no event)'
      : `position ${positionKey(this.digest.position)} (${this.digest.events} event(s))`;
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
          detail: `${where(s)} names key ${s.seal.keyId}, which is none of the public keys given: it was not made with them.`,
        });
      } else if (check === 'invalid') {
        this.breaks.push({
          ...this.at(s),
          problem: 'seal-signature-invalid',
          detail: `${where(s)} does not verify with key ${s.seal.keyId}: the seal was changed after it was signed.`,
        });
      }
    }
    if (s.carrier?.type === 'MonthClosed' && s.seal.subject.kind === 'month-close') {
      const data = s.carrier.data as { month?: unknown; lines?: unknown; total?: unknown };
      const lines = Array.isArray(data.lines) ? data.lines : [];
      const subject = s.seal.subject;
      const differs: string[] = [];
      if (subject.month !== data.month) differs.push(`month ${String(data.month)}, sealed ${subject.month}`);
      if (subject.lines !== lines.length) differs.push(`${lines.length} line(s), sealed ${subject.lines}`);
      if (subject.total !== data.total) differs.push(`total ${String(data.total)}, sealed ${subject.total}`);
      if (subject.linesDigest !== linesDigest(lines)) differs.push('the lines differ from the lines sealed');
      if (differs.length > 0) {
        this.breaks.push({
          ...this.at(s),
          problem: 'seal-subject-mismatch',
          detail: `the close in ${s.carrier.streamId}@${s.carrier.revision} is not the close its seal signed: ${differs.join('; ')}.`,
        });
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
      this.mismatch(
        s,
        `the log has no event at position ${positionKey(p)} any more (it goes from ${this.here()} to ${positionKey(next)})`,
      );
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
    const counted =
      s.seal.events === this.digest.events
        ? `the same ${s.seal.events} event(s), hashed differently`
        : `${this.digest.events} event(s) now, ${s.seal.events} sealed`;
    this.mismatch(s, counted);
  }

  private mismatch(s: FoundSeal, why: string): void {
    if (this.firstMismatch !== null) {
      this.laterMismatches += 1;
      return;
    }
    const before = this.holding.length > 0 ? this.holding[this.holding.length - 1]! : null;
    const sealed =
      s.seal.position === null
        ? 'the empty log'
        : `the log up to position ${positionKey(positionOf(s.seal.position)!)}`;
    const range =
      before === null || before.position === null
        ? 'no earlier seal holds, so the change lies at or before that position'
        : `the last seal that holds covers up to position ${positionKey(before.position)} (${before.events} event(s)), so the change lies after it and at or before the sealed position`;
    this.firstMismatch = {
      seal: s,
      detail: `${where(s)} (made ${s.seal.sealedAt}) no longer matches ${sealed}: ${why}. The log was changed after it was sealed; ${range}.`,
    };
  }
}
