/**
 * A position of the global log as one word, for cursors (the feed's `after`, an SSE event id) and
 * ids made of positions (a webhook delivery's): SQLite and memory positions are one number (commit
 * and prepare are the same), so the word is that number; an EventStoreDB position whose two parts
 * differ is `commit-prepare`.
 */
import type { Position } from './port';

export const positionToken = (p: Position): string =>
  p.commit === p.prepare ? p.commit.toString() : `${p.commit}-${p.prepare}`;

const TOKEN = /^(\d{1,20})(?:-(\d{1,20}))?$/;

/** The position a token names, or null when it is not one. */
export const parsePositionToken = (text: string): Position | null => {
  const m = TOKEN.exec(text);
  if (!m) return null;
  const commit = BigInt(m[1]!);
  const prepare = m[2] === undefined ? commit : BigInt(m[2]);
  if (commit >= 2n ** 64n || prepare >= 2n ** 64n) return null;
  return { commit, prepare };
};
