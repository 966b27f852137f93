import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { BreakReason } from './break-reasons';

/** What the per-stream hash covers: everything about an event but its own hash. */
export interface Hashable {
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** sha-256 over the canonical JSON (RFC 8785) of the event with `metadata.hash` left out. */
export const eventHash = (event: Hashable): string => {
  const { hash: _omit, ...metadata } = event.metadata;
  return sha256(
    canonicalize({
      streamId: event.streamId,
      revision: event.revision.toString(),
      type: event.type,
      data: event.data,
      metadata,
    }) ?? '',
  );
};

export type ChainBreak = {
  readonly streamId: string;
  readonly revision: bigint;
  readonly globalPosition: bigint;
  readonly problem: 'hash-mismatch' | 'prev-hash-mismatch' | 'revision-gap' | 'unreadable';
  readonly reason: BreakReason;
};

/**
 * Verifies one stream's chain incrementally; feed it the stream's events in revision order.
 * Returns the first break, or null while the chain holds.
 */
export class ChainVerifier {
  private lastHash: string | null = null;
  private nextRevision = 0n;
  constructor(readonly streamId: string) {}

  check(event: Hashable & { readonly position: { commit: bigint } }): ChainBreak | null {
    const at = { streamId: this.streamId, revision: event.revision, globalPosition: event.position.commit };
    if (event.revision !== this.nextRevision) {
      return {
        ...at,
        problem: 'revision-gap',
        reason: { code: 'revision-gap', expected: String(this.nextRevision), found: String(event.revision) },
      };
    }
    const stored = event.metadata.hash;
    const prev = event.metadata.prevHash ?? null;
    if (prev !== this.lastHash) {
      return {
        ...at,
        problem: 'prev-hash-mismatch',
        reason: { code: 'prev-hash-mismatch', prevHash: String(prev), lastHash: String(this.lastHash) },
      };
    }
    const computed = eventHash(event);
    if (stored !== computed) {
      return {
        ...at,
        problem: 'hash-mismatch',
        reason: { code: 'hash-mismatch', stored: String(stored), computed },
      };
    }
    this.lastHash = computed;
    this.nextRevision += 1n;
    return null;
  }
}
